//! Use cases on the population registry. Every read of a person's entry by an official is audited
//! in the same transaction as the read; a refused read is audited too.

use std::path::Path;

use super::import_file::{self, Summary};
use super::store::audit::{By, Entry};
use super::{local_time, store, AppError, AppState, Official};
use crate::Result;
use contract::dto::PersonView;
use contract::error::ErrorCode;
use domain::registry::{self as rules, Column};
use domain::{can, Action, DocumentNumber, Target};

/// Loads an extract of the population registry (see `domain::registry::read` for its rows): people
/// not yet registered are added, those whose entry changed are updated, and a file imported again
/// changes nothing.
pub async fn import_csv(
    state: &AppState,
    actor: &Official,
    path: &Path,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Summary> {
    let (units, today) = (state.units(), local_time::today(state.now()));
    let check = move |field: import_file::Field<'_>| {
        rules::read(|c| field(c as usize), today, |code| units.tree.is_commune(code)).map_err(
            |problems| {
                problems.into_iter().map(|p| (p.column.as_str(), p.problem.as_str())).collect()
            },
        )
    };
    let key = |entry: &rules::Entry| import_file::number_key(&entry.document_number);
    let columns = Column::ALL.map(Column::as_str);
    import_file::load(state, actor, path, "registry", &columns, check, key, progress).await
}

#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn look_up_person(
    state: &AppState,
    actor: &Official,
    document_number: &str,
) -> Result<PersonView> {
    let number = DocumentNumber::parse(document_number)
        .map_err(|_| AppError::Validation(ErrorCode::BadDocumentNumber))?;
    let number = number.as_str();
    let units = state.units();
    let now = state.now();
    // A role that may read no one's entry is refused before the lookup (whether a number is in the
    // registry is itself something it may not learn), and the attempt is on the record.
    if !actor.may(Action::ReadPersonalData) {
        Entry::new("read_person_denied", "person", number)
            .record(&state.db.write, now, By::Official(actor))
            .await?;
        return Err(AppError::Forbidden);
    }
    let mut tx = state.db.write.begin().await?;
    let person =
        store::registry::by_document_number(&mut *tx, number).await?.ok_or(AppError::NotFound)?;
    let commune = person.current_commune.clone();
    let path = units.tree.path_of(&commune);
    let allowed = can(actor, Action::ReadPersonalData, Target::Unit(&path));
    Entry::new(if allowed { "read_person" } else { "read_person_denied" }, "person", number)
        .in_unit(commune.as_str())
        .record(&mut *tx, now, By::Official(actor))
        .await?;
    tx.commit().await?;
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok(PersonView {
        residence: format!("{}, {}", person.address, units.tree.full_name(&commune)),
        document_number: person.document_number.to_string(),
        full_name: person.full_name,
        birth_date: person.birth_date.to_string(),
        sex: person.sex,
        commune_code: person.current_commune.to_string(),
    })
}
