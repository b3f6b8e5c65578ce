//! Use cases on administrative units: importing a tree from the GSO-derived CSV and loading the active one.

use crate::Result;
use anyhow::Context;
use serde::Deserialize;

use super::db::Db;
use super::store::{self, audit};
use super::{AppError, AppState, Official};
use domain::{Unit, UnitCode, UnitTree};

/// The tree the app works with, and its id in storage.
#[derive(Debug, Clone, Default)]
pub struct ActiveTree {
    pub id: String,
    pub tree: UnitTree,
}

#[derive(Debug, Deserialize)]
struct CsvUnit {
    code: String,
    name: String,
    level: String,
    unit_type: String,
    parent_code: String,
    lat: String,
    lon: String,
}

/// Parses `code,name,level,unit_type,parent_code,lat,lon` and checks it forms one tree.
pub fn parse_csv(text: &str) -> anyhow::Result<UnitTree> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut units = Vec::new();
    for (line, record) in reader.deserialize::<CsvUnit>().enumerate() {
        let r = record.with_context(|| format!("unit CSV row {}", line + 2))?;
        let coordinate = |v: &str| v.trim().parse::<f64>().ok();
        units.push(Unit {
            code: UnitCode::parse(&r.code).with_context(|| format!("unit CSV row {}", line + 2))?,
            parent: match r.parent_code.trim() {
                "" => None,
                p => {
                    Some(UnitCode::parse(p).with_context(|| format!("unit CSV row {}", line + 2))?)
                }
            },
            name: domain::text::clean(&r.name),
            level: r.level.trim().to_owned(),
            unit_type: r.unit_type.trim().to_owned(),
            lat: coordinate(&r.lat),
            lon: coordinate(&r.lon),
        });
    }
    UnitTree::new(units).context("the units do not form a tree")
}

/// Stores a tree under `id` (replacing one of that id) in one transaction.
pub async fn import(
    db: &Db,
    by: &Official,
    id: &str,
    name: &str,
    csv_text: &str,
    activate: bool,
    now: time::OffsetDateTime,
) -> anyhow::Result<usize> {
    by.authorise(domain::Action::ManageUnits, domain::Target::System)?;
    let tree = parse_csv(csv_text)?;
    let mut tx = db.write.begin().await?;
    store::units::store_tree(&mut tx, id, name, &tree, activate, now).await?;
    audit::Entry::new("import_units", "unit_tree", id)
        .saying(format!("{} units", tree.len()))
        .record(&mut *tx, now, audit::By::Official(by))
        .await?;
    tx.commit().await?;
    store::units::refresh_statistics(&mut *db.write.acquire().await?).await?;
    Ok(tree.len())
}

/// Loads the default tree on a fresh database, so a newcomer's first start needs no import step.
pub async fn ensure_default(
    db: &Db,
    by: &Official,
    id: &str,
    name: &str,
    csv_text: &str,
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    if store::units::active_tree_id(&db.read).await?.is_none() {
        import(db, by, id, name, csv_text, true, now).await?;
    }
    Ok(())
}

pub async fn load_active(db: &Db) -> anyhow::Result<ActiveTree> {
    let Some(id) = store::units::active_tree_id(&db.read).await? else {
        return Ok(ActiveTree::default());
    };
    let units = store::units::load(&db.read, &id).await?;
    Ok(ActiveTree { tree: UnitTree::new(units).context("stored unit tree")?, id })
}

/// Re-reads the active tree into the running app after an import.
pub async fn reload(state: &AppState) -> anyhow::Result<()> {
    state.replace_units(load_active(&state.db).await?);
    Ok(())
}

/// The units directly under `parent` in the active tree, or its roots (the provinces) without one.
pub fn children(state: &AppState, parent: Option<&str>) -> Result<Vec<Unit>> {
    let active = state.units();
    let tree = &active.tree;
    let list = match parent {
        None => tree.roots().cloned().collect(),
        Some(raw) => {
            let code = UnitCode::parse(raw).map_err(|_| AppError::NotFound)?;
            tree.get(&code).ok_or(AppError::NotFound)?;
            tree.children_of(&code).cloned().collect()
        }
    };
    Ok(list)
}

/// How many results the place search offers: enough to see the right one, few enough for a phone.
const SEARCH_RESULTS: usize = 8;
/// Longer queries are cut, not refused: nobody types a commune's name in more than this.
const SEARCH_MAX_CHARS: usize = 80;

pub fn search_communes(state: &AppState, query: &str) -> Vec<contract::dto::CommuneMatch> {
    let query: String = query.chars().take(SEARCH_MAX_CHARS).collect();
    let active = state.units();
    let tree = &active.tree;
    tree.search_leaves(&query, SEARCH_RESULTS)
        .into_iter()
        .filter_map(|unit| {
            Some(contract::dto::CommuneMatch {
                code: unit.code.to_string(),
                province: tree.root_of(&unit.code)?.code.to_string(),
                label: tree.full_name(&unit.code),
            })
        })
        .collect()
}

pub fn provinces(state: &AppState) -> Vec<contract::dto::UnitOption> {
    let active = state.units();
    let mut list: Vec<_> = active
        .tree
        .roots()
        .map(|u| contract::dto::UnitOption { code: u.code.to_string(), name: u.name.clone() })
        .collect();
    list.sort_by_key(|u| domain::text::fold(&u.name));
    list
}

/// The province's communes (the leaves below it), grouped by their parent unit.
pub fn communes_of(state: &AppState, province: &str) -> Vec<contract::dto::CommuneGroup> {
    let active = state.units();
    let tree = &active.tree;
    let Ok(code) = UnitCode::parse(province) else {
        return Vec::new();
    };
    let mut groups: Vec<contract::dto::CommuneGroup> = Vec::new();
    for unit in tree.communes_within(&code) {
        let parent = unit
            .parent
            .as_ref()
            .and_then(|p| tree.get(p))
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let option =
            contract::dto::UnitOption { code: unit.code.to_string(), name: unit.name.clone() };
        match groups.iter_mut().find(|g| g.name == parent) {
            Some(group) => group.communes.push(option),
            None => {
                groups.push(contract::dto::CommuneGroup { name: parent, communes: vec![option] })
            }
        }
    }
    groups
}
