//! The citizen's use case: declare a trip and receive a signed pass valid 72 hours, with the holder's
//! key that opens it. A retried submission (same idempotency key, client and body) gets the pass it
//! already has. A declaration never touches another pass of the same person: knowing someone's ID
//! number and name is not enough to cancel their pass. Only the holder, with their key, cancels or
//! replaces it.

use crate::Result;
use std::net::IpAddr;

use rand::RngCore;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::db::parse_db_time;
use super::store::audit::{self, By, Entry};
use super::store::declarations::{self as store, NewDeclaration, NewPass, StoredPass};
use super::{keys, AppError, AppState};
use contract::dto::{DeclarationDraft, PassView};
use contract::error::ErrorCode;
use domain::declaration::{self, Channel, DeclarationInput};
use domain::holder::HolderKey;
use domain::pass::{self, PassFacts, PassId};

/// An `Idempotency-Key` as stored (after the IETF draft): scoped to its client, so no client can name
/// another's key, and bound to a digest of the request it came with.
struct Idempotency {
    key: String,
    fingerprint: String,
    /// The retry must get back the holder's key too, and the server keeps only its digest: so the key
    /// of a keyed declaration is derived from what only that client sent.
    holder: HolderKey,
}

impl Idempotency {
    fn of(
        client: IpAddr,
        key: Option<&str>,
        input: &DeclarationInput,
    ) -> Result<Option<Idempotency>> {
        let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
            return Ok(None);
        };
        if key.len() > MAX_IDEMPOTENCY_KEY {
            return Err(AppError::Validation(ErrorCode::TooLong));
        }
        let body = serde_json::to_vec(input).map_err(|e| AppError::Unexpected(e.into()))?;
        let fingerprint = hex_digest(&body);
        Ok(Some(Idempotency {
            key: hex_digest(format!("{client}\n{key}").as_bytes()),
            holder: HolderKey::derived_from(format!("{client}\n{key}\n{fingerprint}").as_bytes()),
            fingerprint,
        }))
    }
}

const MAX_IDEMPOTENCY_KEY: usize = 255;

fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub struct Issued {
    pub declaration_id: i64,
    pub pass_id: String,
    pub holder_key: HolderKey,
    pub token: String,
    pub expires_at: OffsetDateTime,
}

impl Issued {
    fn of(p: StoredPass, holder_key: HolderKey) -> Result<Issued> {
        Ok(Issued {
            declaration_id: p.declaration_id,
            expires_at: parse_db_time(&p.expires_at)?,
            pass_id: p.id,
            holder_key,
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
    replaces: Option<&str>,
) -> Result<Issued> {
    if !state.throttle.allow_declaration(client) {
        return Err(AppError::Throttled);
    }
    let idempotency = Idempotency::of(client, idempotency_key, input)?;
    if let Some(keyed) = &idempotency {
        if let Some(existing) = store::pass_for_idempotency_key(&state.db.read, &keyed.key).await? {
            if existing.idempotency_fingerprint.as_deref() != Some(keyed.fingerprint.as_str()) {
                return Err(AppError::Validation(ErrorCode::IdempotencyKeyReused));
            }
            return Issued::of(existing.pass, keyed.holder.clone());
        }
    }
    let replaces =
        replaces.map(|k| HolderKey::parse(k).map_err(|_| AppError::NotFound)).transpose()?;
    let now = state.now();
    let units = state.units();
    let is_commune = |code: &domain::UnitCode| units.tree.is_commune(code);
    let declaration = declaration::validate(input, super::local_time::today(now), is_commune)
        .map_err(AppError::InvalidDeclaration)?;
    let (key_id, signing_key) = keys::signing_key(&state.db, &state.kek).await?;

    let mut tx = state.db.write.begin().await?;
    if let Some(old) = &replaces {
        let old =
            store::pass_of_holder(&mut *tx, &old.digest()).await?.ok_or(AppError::NotFound)?;
        if old.document_number != declaration.document_number.as_str() {
            return Err(AppError::Validation(ErrorCode::NotTheHolder));
        }
        revoke(&mut tx, now, &old.id, "replaced by its holder's new declaration").await?;
    }
    let new = NewDeclaration {
        declaration: &declaration,
        channel: Channel::Online,
        idempotency_key: idempotency.as_ref().map(|i| i.key.as_str()),
        fingerprint: idempotency.as_ref().map(|i| i.fingerprint.as_str()),
    };
    let holder_key = idempotency.as_ref().map(|keyed| keyed.holder.clone());
    let issued = issue(&mut tx, new, holder_key, (key_id, &signing_key), now).await?;
    tx.commit().await?;
    Ok(issued)
}

/// Stores a checked declaration and issues its pass inside the caller's transaction: signed with the
/// key in use, valid 72 hours, opened by `holder_key` (a new random one when `None`).
pub(crate) async fn issue(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    new: NewDeclaration<'_>,
    holder_key: Option<HolderKey>,
    (key_id, signing_key): (pass::KeyId, &pass::SigningKey),
    now: OffsetDateTime,
) -> Result<Issued> {
    let declaration = new.declaration;
    let declaration_id = store::insert(tx, new, now).await?;
    let holder_key = holder_key.unwrap_or_else(|| {
        let mut bytes = [0; 20];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        HolderKey::from_random(bytes)
    });
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
    let token = pass::sign(&facts, signing_key)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("signing: {e}")))?;
    let expires_at = OffsetDateTime::from_unix_timestamp(facts.expires_at)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let id = pass_id.to_string();
    store::insert_pass(
        &mut **tx,
        NewPass {
            id: &id,
            declaration_id,
            document_number: declaration.document_number.as_str(),
            holder_digest: &holder_key.digest(),
            key_id: i64::from(key_id.0),
            token: &token,
            issued_at: now,
            expires_at,
        },
    )
    .await?;
    Ok(Issued { declaration_id, pass_id: id, holder_key, token, expires_at })
}

/// A pass revoked by its holder changes what checkpoints see of that person: on the record.
async fn revoke(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    now: OffsetDateTime,
    pass_id: &str,
    why: &str,
) -> Result<()> {
    if store::revoke(&mut **tx, pass_id, now).await? {
        audit::record_many(
            &mut **tx,
            now,
            By::Anonymous("holder"),
            &[Entry::new("revoke_pass", "pass", pass_id).saying(why)],
        )
        .await?;
    }
    Ok(())
}

/// The holder cancels their pass (the trip is off, or someone has a copy of the QR): checkpoints refuse
/// it from now on. Cancelling a pass already cancelled or expired changes nothing.
pub async fn cancel(state: &AppState, client: IpAddr, holder_key: &str) -> Result<()> {
    if !state.throttle.allow_form_round(client) {
        return Err(AppError::Throttled);
    }
    let key = HolderKey::parse(holder_key).map_err(|_| AppError::NotFound)?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let pass = store::pass_of_holder(&mut *tx, &key.digest()).await?.ok_or(AppError::NotFound)?;
    revoke(&mut tx, now, &pass.id, "cancelled by its holder").await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps the declaration form's answers for its next round without JavaScript; returns the draft's id.
/// Each round is a write, so a client gets only so many a minute.
pub async fn keep_draft(
    state: &AppState,
    client: IpAddr,
    draft: &DeclarationDraft,
) -> Result<String> {
    if !state.throttle.allow_form_round(client) {
        return Err(AppError::Throttled);
    }
    state.drafts.put(&state.db, draft, state.now()).await
}

/// A pass by its holder's key: the only way to it without an official's account.
async fn stored_pass(state: &AppState, holder_key: &str) -> Result<(StoredPass, HolderKey)> {
    let key = HolderKey::parse(holder_key).map_err(|_| AppError::NotFound)?;
    let stored =
        store::pass_of_holder(&state.db.read, &key.digest()).await?.ok_or(AppError::NotFound)?;
    Ok((stored, key))
}

/// The pass for its QR images.
pub async fn pass(state: &AppState, holder_key: &str) -> Result<Issued> {
    let (stored, key) = stored_pass(state, holder_key).await?;
    Issued::of(stored, key)
}

/// What the holder's pass page shows.
pub async fn pass_view(state: &AppState, holder_key: &str) -> Result<PassView> {
    let (stored, key) = stored_pass(state, holder_key).await?;
    // Our own stored token: its signature was made here, so reading it needs no key.
    let facts = pass::read_unverified(&stored.token)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("stored pass {}: {e}", stored.id)))?;
    let now = state.now().unix_timestamp();
    let status = pass::pass_status(facts.expires_at, stored.revoked_at.is_some(), now);
    let units = state.units();
    let expires = OffsetDateTime::from_unix_timestamp(facts.expires_at)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(PassView {
        id: stored.id,
        holder_key: key.to_string(),
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
