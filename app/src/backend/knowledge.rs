//! What judging a scan needs besides the pass, held in memory: the public keys, the epidemic areas in
//! force and each province's rules. It changes a few times a day, and a scan must not wait on four
//! queries, so it is loaded once and reloaded after a change here or after a short age (other nodes of a
//! PostgreSQL deployment change it too). Revocations are not cached: they are one look-up by key.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use domain::epidemic::{EpidemicArea, RiskLevel};
use domain::pass::{KeyId, VerifyingKey};
use domain::rules::{CheckpointAction, Rules};
use domain::UnitCode;

use super::db::parse_db_time;
use super::{keys, store, AppError, AppState};

/// How stale a node's copy may get before it reads the database again.
const MAX_AGE: Duration = Duration::from_secs(30);

pub struct ScanKnowledge {
    pub keys: HashMap<KeyId, VerifyingKey>,
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

pub async fn current(state: &AppState) -> Result<Arc<ScanKnowledge>, AppError> {
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

async fn load(state: &AppState) -> Result<ScanKnowledge, AppError> {
    let keys = keys::public_keys(&state.db)
        .await?
        .into_iter()
        .map(|k| (k.key_id, k.key))
        .collect();
    let units = state.units();
    let areas = store::areas::current(&state.db.read, state.now())
        .await?
        .into_iter()
        .filter_map(|row| area(&units.tree, row))
        .collect();
    let mut rules: HashMap<UnitCode, Rules> = HashMap::new();
    for row in store::areas::rules(&state.db.read).await? {
        let (Ok(province), Ok(action)) = (
            UnitCode::parse(&row.province_code),
            CheckpointAction::parse(&row.action),
        ) else {
            tracing::warn!(
                province = row.province_code,
                action = row.action,
                "unreadable rule skipped"
            );
            continue;
        };
        let level = u8::try_from(row.origin_level)
            .ok()
            .and_then(|n| RiskLevel::try_from(n).ok());
        rules.entry(province).or_default().set(level, action);
    }
    Ok(ScanKnowledge {
        keys,
        areas,
        rules,
        loaded: Instant::now(),
    })
}

/// A stored area as the domain sees it; one whose unit left the active tree (after an import) is skipped.
pub fn area(tree: &domain::UnitTree, row: store::areas::AreaRow) -> Option<EpidemicArea> {
    let level = u8::try_from(row.level)
        .ok()
        .and_then(|n| RiskLevel::try_from(n).ok())?;
    let from = parse_db_time(&row.valid_from).ok()?.unix_timestamp();
    let until = match &row.valid_until {
        Some(t) => Some(parse_db_time(t).ok()?.unix_timestamp()),
        None => None,
    };
    EpidemicArea::new(
        tree,
        UnitCode::parse(&row.unit_code).ok()?,
        level,
        from,
        until,
    )
    .ok()
}
