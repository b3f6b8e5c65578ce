//! Vaccinations as the national vaccination database records them, loaded from its extracts and shown
//! beside the doses people declare.

use std::path::Path;

use super::import_file::{self, Summary};
use super::{local_time, AppState, Official};
use crate::Result;
use domain::vaccination::{self, Column, Shot};

/// Loads an extract of the vaccination database (see `domain::vaccination::read` for its rows): doses
/// not yet recorded are added, changed ones updated, and a file imported again changes nothing.
pub async fn import_csv(
    state: &AppState,
    actor: &Official,
    path: &Path,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Summary> {
    let today = local_time::today(state.now());
    let check = move |field: import_file::Field<'_>| {
        vaccination::read(|c| field(c as usize), today).map_err(|problems| {
            problems.into_iter().map(|p| (p.column.as_str(), p.problem.as_str())).collect()
        })
    };
    // A person's doses are at most `Doses::MAX`: sixteen keys per number leave room for every one.
    let key =
        |shot: &Shot| import_file::number_key(&shot.document_number) * 16 + u64::from(shot.dose);
    let columns = Column::ALL.map(Column::as_str);
    import_file::load(state, actor, path, "vaccinations", &columns, check, key, progress).await
}
