//! What every request handler shares: the database, the active unit tree, the login throttle and the clock.

use std::sync::{Arc, RwLock};

use super::clock::{Clock, SystemClock};
use super::config::Config;
use super::db::Db;
use super::drafts::Drafts;
use super::key_encryption::Kek;
use super::knowledge::KnowledgeCache;
use super::throttle::LoginThrottle;
use super::units::ActiveTree;
use contract::dto::{DeclarationDraft, ScanDraft};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub throttle: Arc<LoginThrottle>,
    pub drafts: Drafts<DeclarationDraft>,
    /// Scans made without JavaScript, waiting for the officer's decision; they hold personal data, so briefly.
    pub scans: Drafts<ScanDraft>,
    /// A paper form between two rounds of the entry screen without JavaScript.
    pub paper_drafts: Drafts<contract::dto::PaperDraft>,
    /// A citizen's question about their own data, asked without JavaScript, for the page that answers it.
    pub own_data_questions: Drafts<contract::dto::OwnDataQuery>,
    /// Keys, epidemic areas and rules as scans need them, reloaded after a change.
    pub knowledge: KnowledgeCache,
    /// Opens the pass-signing key each time a pass is signed.
    pub kek: Arc<Kek>,
    tree: Arc<RwLock<Arc<ActiveTree>>>,
}

impl AppState {
    pub fn new(db: Db, config: Config, tree: ActiveTree, kek: Arc<Kek>) -> AppState {
        AppState {
            kek,
            throttle: Arc::new(LoginThrottle::new(&config)),
            drafts: Drafts::keeping_for("declaration", time::Duration::minutes(30)),
            scans: Drafts::keeping_for("scan", time::Duration::minutes(10)),
            paper_drafts: Drafts::keeping_for("paper", time::Duration::minutes(30)),
            own_data_questions: Drafts::keeping_for("own_data", time::Duration::minutes(10)),
            knowledge: KnowledgeCache::default(),
            db,
            config: Arc::new(config),
            clock: Arc::new(SystemClock),
            tree: Arc::new(RwLock::new(Arc::new(tree))),
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> AppState {
        self.clock = clock;
        self
    }

    /// The unit tree in force; cheap to call, the tree itself is shared.
    pub fn units(&self) -> Arc<ActiveTree> {
        self.tree.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn replace_units(&self, tree: ActiveTree) {
        *self.tree.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(tree);
    }

    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }
}
