//! A citizen's look-up of what ZonePass holds on them: by their document number and the phone number
//! they declared with, throttled per client and per number. Only what was declared with that phone
//! comes back (the declarations, their passes, the crossings made with those passes, whether the
//! arrival was checked), never the registry's entry: someone who knows a person's number and declares
//! under it with their own phone learns nothing they did not type. Nothing held under the number and
//! something held under another phone answer alike.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use time::format_description::well_known::Rfc3339;

use crate::Result;
use contract::dto::{OwnCrossing, OwnData, OwnDataQuery, OwnPass, OwnTrip};
use contract::error::ErrorCode;
use domain::date::CivilDate;
use domain::declaration::normalise_phone;
use domain::identity::DocumentNumber;
use domain::UnitCode;

use super::db::parse_db_time;
use super::store::{checkpoints, crossings, declarations, reconciliations};
use super::{local_time, retention, AppError, AppState};

/// Answers a look-up (the API's and the server function's).
#[tracing::instrument(skip_all)]
pub async fn look_up(state: &AppState, client: IpAddr, query: &OwnDataQuery) -> Result<OwnData> {
    let (number, phone) = asked(state, client, query)?;
    held(state, &number, &phone).await
}

/// A look-up sent by a form without JavaScript: checked and counted like any, then kept briefly under
/// a random id for the page the form redirects to, which answers it with [`answer_kept`]. The
/// question is kept, not its answer: a few bytes however much is held.
pub async fn keep_question(
    state: &AppState,
    client: IpAddr,
    query: &OwnDataQuery,
) -> Result<String> {
    let (number, phone) = asked(state, client, query)?;
    let kept = OwnDataQuery { document_number: number.to_string(), phone };
    state.own_data_questions.put(&state.db, &kept, state.now()).await
}

/// The answer to a question kept by [`keep_question`]; none once it expired.
pub async fn answer_kept(state: &AppState, id: &str) -> Result<Option<OwnData>> {
    let Some(query) = state.own_data_questions.get(&state.db, id, state.now()).await? else {
        return Ok(None);
    };
    let number = DocumentNumber::parse(&query.document_number)
        .map_err(|_| AppError::Validation(ErrorCode::BadDocumentNumber))?;
    Ok(Some(held(state, &number, &query.phone).await?))
}

/// The number and the normalised phone asked about, once the client and the number may ask again.
fn asked(
    state: &AppState,
    client: IpAddr,
    query: &OwnDataQuery,
) -> Result<(DocumentNumber, String)> {
    let number = DocumentNumber::parse(&query.document_number)
        .map_err(|_| AppError::Validation(ErrorCode::BadDocumentNumber))?;
    let phone = normalise_phone(&query.phone).ok_or(AppError::Validation(ErrorCode::BadPhone))?;
    if !state.throttle.allow_own_data(client, number.as_str()) {
        return Err(AppError::Throttled);
    }
    Ok((number, phone))
}

/// What is held under a number with a phone.
async fn held(state: &AppState, number: &DocumentNumber, phone: &str) -> Result<OwnData> {
    let retention = retention::retention(state);
    let mut conn = state.db.read.acquire().await?;
    let held = declarations::held_for(&mut *conn, number.as_str(), phone).await?;
    let ids: Vec<i64> = held.iter().map(|d| d.id).collect();
    let passes = declarations::passes_for(&mut conn, &ids).await?;
    let pass_ids: Vec<&str> = passes.iter().map(|p| p.id.as_str()).collect();
    let crossed = crossings::made_with(&mut conn, &pass_ids).await?;
    let decided: HashSet<(CivilDate, UnitCode)> = if held.is_empty() {
        HashSet::new()
    } else {
        reconciliations::decided_for(&mut *conn, number.as_str()).await?.into_iter().collect()
    };
    let checkpoint_names: HashMap<String, String> = if crossed.is_empty() {
        HashMap::new()
    } else {
        checkpoints::list(&mut *conn)
            .await?
            .into_iter()
            .map(|c| (c.code.to_string(), c.name))
            .collect()
    };
    drop(conn);
    let units = state.units();
    let place = |code: &str| {
        UnitCode::parse(code).map(|c| units.tree.full_name(&c)).unwrap_or_else(|_| code.to_owned())
    };
    let mut trips = Vec::with_capacity(held.len());
    for d in held {
        let mine: Vec<_> = passes.iter().filter(|p| p.declaration_id == d.id).collect();
        let mut held_until = retention.held_until(d.travel_date);
        let mut crossings = Vec::new();
        for c in crossed.iter().filter(|c| mine.iter().any(|p| p.id == c.pass_id)) {
            let at = parse_db_time(&c.scanned_at).map_err(AppError::Unexpected)?;
            // A crossing is held as long as its own day, and the declaration with it.
            held_until = held_until.max(retention.held_until(local_time::today(at)));
            crossings.push(OwnCrossing {
                checkpoint: checkpoint_names
                    .get(&c.checkpoint_code)
                    .cloned()
                    .unwrap_or_else(|| c.checkpoint_code.clone()),
                direction: c.direction.clone(),
                scanned_at: rfc3339(&c.scanned_at)?,
            });
        }
        let destination = UnitCode::parse(&d.destination_commune).ok();
        trips.push(OwnTrip {
            travel_date: d.travel_date.to_string(),
            held_until: held_until.to_string(),
            channel: d.channel.as_str().to_owned(),
            declared_at: d
                .created_at
                .format(&Rfc3339)
                .map_err(|e| AppError::Unexpected(e.into()))?,
            residence: place(&d.residence_commune),
            origin: place(&d.origin_commune),
            destination: place(&d.destination_commune),
            checked: destination.is_some_and(|c| decided.contains(&(d.travel_date, c))),
            full_name: d.full_name,
            birth_date: d.birth_date,
            sex: d.sex,
            phone: d.phone,
            residence_address: d.residence_address,
            vehicle: d.vehicle,
            vehicle_plate: d.vehicle_plate,
            symptoms: d.symptoms.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            close_contact: d.close_contact,
            vaccination_doses: u8::try_from(d.vaccination_doses).unwrap_or(u8::MAX),
            passes: mine
                .iter()
                .map(|p| {
                    Ok(OwnPass {
                        issued_at: rfc3339(&p.issued_at)?,
                        expires_at: rfc3339(&p.expires_at)?,
                        revoked: p.revoked_at.is_some(),
                    })
                })
                .collect::<Result<_>>()?,
            crossings,
        });
    }
    Ok(OwnData { document_number: number.to_string(), held_for_days: retention.days, trips })
}

fn rfc3339(stored: &str) -> Result<String> {
    parse_db_time(stored)
        .map_err(AppError::Unexpected)?
        .format(&Rfc3339)
        .map_err(|e| AppError::Unexpected(e.into()))
}
