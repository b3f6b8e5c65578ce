//! What judging a scan needs besides the pass, held in memory: the public keys, the epidemic areas in
//! force and each province's rules. It changes a few times a day, and a scan must not wait on four
//! queries, so it is loaded once and reloaded after a change here or after a short age (other nodes of a
//! PostgreSQL deployment change it too). Revocations are not cached: they are one look-up by key.

use crate::Result;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use domain::epidemic::EpidemicArea;
use domain::pass::{KeyId, PublishedKey};
use domain::rules::Rules;
use domain::UnitCode;

use super::{keys, store, AppState};

/// How stale a node's copy may get before it reads the database again.
const MAX_AGE: Duration = Duration::from_secs(30);

pub struct ScanKnowledge {
    pub keys: HashMap<KeyId, PublishedKey>,
    pub areas: Vec<EpidemicArea>,
    /// By province code; a province without rows follows `Rules::default()`.
    pub rules: HashMap<UnitCode, Rules>,
    loaded: Instant,
}

impl ScanKnowledge {
    pub fn rules_for(&self, province: &UnitCode) -> Rules {
        self.rules.get(province).copied().unwrap_or_default()
    }
}

#[derive(Clone, Default)]
pub struct KnowledgeCache(Arc<RwLock<Option<Arc<ScanKnowledge>>>>);

impl KnowledgeCache {
    /// Forgets the copy so the next scan reads the database: called after every change of keys, areas or rules.
    pub fn invalidate(&self) {
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

pub async fn current(state: &AppState) -> Result<Arc<ScanKnowledge>> {
    if let Some(k) = state
        .knowledge
        .0
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .filter(|k| k.loaded.elapsed() < MAX_AGE)
    {
        return Ok(k.clone());
    }
    let fresh = Arc::new(load(state).await?);
    *state.knowledge.0.write().unwrap_or_else(|p| p.into_inner()) = Some(fresh.clone());
    Ok(fresh)
}

async fn load(state: &AppState) -> Result<ScanKnowledge> {
    // A revoked key verifies nothing; a retired one only what it signed before it retired.
    let keys = keys::public_keys(&state.db)
        .await?
        .into_iter()
        .filter(|k| k.revoked_at.is_none())
        .map(|k| {
            let published =
                PublishedKey { key: k.key, retired_at: k.retired_at.map(|t| t.unix_timestamp()) };
            (k.key_id, published)
        })
        .collect();
    let units = state.units();
    let areas = store::areas::current(&state.db.read, state.now())
        .await?
        .into_iter()
        .filter_map(|row| area(&units.tree, &row))
        .collect();
    let mut rules: HashMap<UnitCode, Rules> = HashMap::new();
    for row in store::areas::rules(&state.db.read).await? {
        rules.entry(row.province_code).or_default().set(row.origin_level, row.action);
    }
    Ok(ScanKnowledge { keys, areas, rules, loaded: Instant::now() })
}

/// A stored area as the domain sees it; one whose unit left the active tree (after an import) is skipped.
pub fn area(tree: &domain::UnitTree, row: &store::areas::AreaRow) -> Option<EpidemicArea> {
    EpidemicArea::new(
        tree,
        row.unit_code.clone(),
        row.level,
        row.valid_from.unix_timestamp(),
        row.valid_until.map(|t| t.unix_timestamp()),
    )
    .ok()
}
