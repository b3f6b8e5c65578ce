//! Server-side half of ZonePass: storage, sessions and the use cases the interfaces call. No web framework
//! here: the interfaces (pages' server functions, form posts, REST, CLI) turn requests into calls.

pub mod accounts;
pub mod admin;
pub mod areas;
pub mod clock;
pub mod config;
pub mod crossings;
pub mod daily_lists;
pub mod db;
pub mod declarations;
pub mod demo;
pub mod drafts;
pub mod error;
pub mod import_file;
pub mod key_encryption;
pub mod keys;
pub mod knowledge;
pub mod local_time;
pub mod official;
pub mod own_data;
pub mod paper;
pub mod password;
pub mod qr;
pub mod reconciliation;
pub mod registry;
pub mod reports;
pub mod retention;
pub mod scanning;
pub mod scope;
pub mod state;
pub mod store;
pub mod throttle;
pub mod units;
pub mod vaccinations;

pub use error::AppError;

/// What a use case answers: its value, or the `AppError` every interface maps once.
pub type Result<T, E = AppError> = std::result::Result<T, E>;
pub use official::Official;
pub use state::AppState;
