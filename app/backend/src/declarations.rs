//! The citizen's use case: declare a trip and receive a signed pass valid 72 hours. A repeated
//! submission (same idempotency key, or the same person and trip within minutes) gets the pass it
//! already has; a new trip replaces the person's live pass.

use std::net::IpAddr;

use rand::RngCore;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::db::parse_db_time;
use super::store::audit::{self, By, Entry};
use super::store::declarations::{self as store, NewPass, StoredPass};
use super::{keys, AppError, AppState};
use contract::dto::{DeclarationDraft, PassView};
use contract::error::ErrorCode;
use domain::declaration::{self, DeclarationInput};
use domain::pass::{self, PassFacts, PassId};

/// An `Idempotency-Key` as stored (after the IETF draft): scoped to its client, so no client can name
/// another's key, and bound to a digest of the request it came with.
struct Idempotency {
    key: String,
    fingerprint: String,
}

impl Idempotency {
    fn of(
        client: IpAddr,
        key: Option<&str>,
        input: &DeclarationInput,
    ) -> Result<Option<Idempotency>, AppError> {
        let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
            return Ok(None);
        };
        if key.len() > MAX_IDEMPOTENCY_KEY {
            return Err(AppError::Validation(ErrorCode::TooLong));
        }
        let body = serde_json::to_vec(input).map_err(|e| AppError::Unexpected(e.into()))?;
        Ok(Some(Idempotency {
            key: hex_digest(format!("{client}\n{key}").as_bytes()),
            fingerprint: hex_digest(&body),
        }))
    }
}

const MAX_IDEMPOTENCY_KEY: usize = 255;

fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A double submission within this window returns the pass already issued.
const REPEAT_WINDOW: time::Duration = time::Duration::minutes(10);

pub struct Issued {
    pub declaration_id: i64,
    pub pass_id: String,
    pub token: String,
    pub expires_at: OffsetDateTime,
}

impl TryFrom<StoredPass> for Issued {
    type Error = AppError;
    fn try_from(p: StoredPass) -> Result<Self, AppError> {
        Ok(Issued {
            declaration_id: p.declaration_id,
            expires_at: parse_db_time(&p.expires_at)?,
            pass_id: p.id,
            token: p.token,
        })
    }
}

#[tracing::instrument(skip_all)]
pub async fn declare(
    state: &AppState,
    client: IpAddr,
    input: &DeclarationInput,
    idempotency_key: Option<&str>,
) -> Result<Issued, AppError> {
    if !state.throttle.allow_declaration(client) {
        return Err(AppError::Throttled);
    }
    let idempotency = Idempotency::of(client, idempotency_key, input)?;
    if let Some(keyed) = &idempotency {
        if let Some(existing) = store::pass_for_idempotency_key(&state.db.read, &keyed.key).await? {
            if existing.idempotency_fingerprint.as_deref() != Some(keyed.fingerprint.as_str()) {
                return Err(AppError::Validation(ErrorCode::IdempotencyKeyReused));
            }
            return existing.pass.try_into();
        }
    }
    let now = state.now();
    let units = state.units();
    let is_commune = |code: &domain::UnitCode| units.tree.is_commune(code);
    let declaration = declaration::validate(input, super::local_time::today(now), is_commune)
        .map_err(AppError::InvalidDeclaration)?;
    let (key_id, signing_key) = keys::signing_key(&state.db).await?;

    let mut tx = state.db.write.begin().await?;
    if let Some(existing) =
        store::recent_same_trip(&mut *tx, &declaration, now - REPEAT_WINDOW).await?
    {
        tx.commit().await?;
        return existing.try_into();
    }
    let keyed = idempotency
        .as_ref()
        .map(|i| (i.key.as_str(), i.fingerprint.as_str()));
    let declaration_id = store::insert(&mut *tx, &declaration, keyed, now).await?;
    let revoked =
        store::revoke_live_passes(&mut *tx, declaration.document_number.as_str(), now).await?;
    // A declaration that replaces a live pass changes what checkpoints see of that person: on the record.
    let replaced: Vec<Entry> = revoked
        .iter()
        .map(|id| Entry::new("revoke_pass", "pass", id).saying("replaced by a new declaration"))
        .collect();
    audit::record_many(&mut *tx, now, By::Anonymous("citizen"), &replaced).await?;
    let pass_id = PassId(rand::rngs::OsRng.next_u64());
    let issued_at = now.unix_timestamp();
    let facts = pass::valid_for_72_hours(
        PassFacts {
            id: pass_id,
            key_id,
            full_name: declaration.full_name.clone(),
            document_kind: declaration.document_kind,
            document_number: declaration.document_number.to_string(),
            birth_date: declaration.birth_date,
            sex: declaration.sex,
            origin: declaration.origin_commune.clone(),
            destination: declaration.destination_commune.clone(),
            issued_at,
            expires_at: issued_at,
            vaccination_doses: declaration.vaccination_doses,
        },
        issued_at,
    );
    let token = pass::sign(&facts, &signing_key)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("signing: {e}")))?;
    let expires_at = OffsetDateTime::from_unix_timestamp(facts.expires_at)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let id = pass_id.to_string();
    store::insert_pass(
        &mut *tx,
        NewPass {
            id: &id,
            declaration_id,
            document_number: declaration.document_number.as_str(),
            key_id: i64::from(key_id.0),
            token: &token,
            issued_at: now,
            expires_at,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Issued {
        declaration_id,
        pass_id: id,
        token,
        expires_at,
    })
}

/// Keeps the declaration form's answers for its next round without JavaScript; returns the draft's id.
/// Each round is a write, so a client gets only so many a minute.
pub async fn keep_draft(
    state: &AppState,
    client: IpAddr,
    draft: &DeclarationDraft,
) -> Result<String, AppError> {
    if !state.throttle.allow_form_round(client) {
        return Err(AppError::Throttled);
    }
    state.drafts.put(&state.db, draft, state.now()).await
}

/// A pass by its id (a random 64-bit number, so knowing it is the capability to fetch it).
pub async fn pass(state: &AppState, id: &str) -> Result<Issued, AppError> {
    let id = PassId::parse(id).map_err(|_| AppError::NotFound)?;
    store::pass_by_id(&state.db.read, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?
        .try_into()
}

/// What the holder's pass page shows. The pass id is the capability: no account is needed.
pub async fn pass_view(state: &AppState, id: &str) -> Result<PassView, AppError> {
    let id = PassId::parse(id).map_err(|_| AppError::NotFound)?;
    let stored = store::pass_by_id(&state.db.read, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    // Our own stored token: its signature was made here, so reading it needs no key.
    let facts = pass::read_unverified(&stored.token)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("stored pass {id}: {e}")))?;
    let now = state.now().unix_timestamp();
    let status = pass::pass_status(facts.expires_at, stored.revoked_at.is_some(), now);
    let units = state.units();
    let expires = OffsetDateTime::from_unix_timestamp(facts.expires_at)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(PassView {
        id: stored.id,
        qr_svg: super::qr::svg(&stored.token).map_err(|e| AppError::Unexpected(e.into()))?,
        full_name: facts.full_name,
        document_number: facts.document_number,
        birth_date: facts.birth_date.vietnamese(),
        origin: units.tree.full_name(&facts.origin),
        destination: units.tree.full_name(&facts.destination),
        expires_at: facts.expires_at,
        expires_local: super::local_time::text(expires),
        now,
        status,
    })
}
