//! Use cases on the population registry. Every read of a person's entry by an official is audited
//! in the same transaction as the read; a refused read is audited too.

use super::store::audit::{self, By, Entry};
use super::{store, AppError, AppState};
use crate::dto::PersonView;
use crate::error::ErrorCode;
use domain::{can, Action, Actor, Target, UnitCode};

#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn look_up_person(
    state: &AppState,
    actor: &Actor,
    document_number: &str,
) -> Result<PersonView, AppError> {
    let number = document_number.trim();
    if !(number.len() == 9 || number.len() == 12) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::Validation(ErrorCode::BadDocumentNumber));
    }
    let units = state.units();
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let person = store::registry::by_document_number(&mut *tx, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let commune =
        UnitCode::parse(&person.commune_code).map_err(|e| AppError::Unexpected(e.into()))?;
    let path = units.tree.path_of(&commune);
    let allowed = can(actor, Action::ReadPersonalData, Target::Unit(&path));
    audit::record(
        &mut *tx,
        now,
        By::Official(actor),
        Entry {
            action: if allowed {
                "read_person"
            } else {
                "read_person_denied"
            },
            target_kind: "person",
            target_id: number,
            unit_code: Some(commune.as_str()),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok(PersonView {
        residence: format!("{}, {}", person.address, units.tree.full_name(&commune)),
        document_number: person.document_number,
        full_name: person.full_name,
        birth_date: person.birth_date,
        sex: person.sex,
        commune_code: person.commune_code,
    })
}
