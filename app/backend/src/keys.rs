//! Use cases on the pass-signing keys: make the first one, rotate, publish the public halves.

use anyhow::Context;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;

use super::db::Db;
use super::store::{self, audit};
use super::{AppError, Official};
use domain::pass::{KeyId, SigningKey, VerifyingKey};

pub struct PublicKey {
    pub key_id: KeyId,
    pub key: VerifyingKey,
    pub created_at: String,
    pub retired_at: Option<String>,
}

/// Creates the first signing key on a fresh database.
pub async fn ensure(db: &Db, by: &Official, now: time::OffsetDateTime) -> anyhow::Result<()> {
    if store::keys::active_secret(&db.read).await?.is_none() {
        rotate(db, by, now).await?;
    }
    Ok(())
}

/// Retires the signing key in use and makes a new one; returns its id.
pub async fn rotate(db: &Db, by: &Official, now: time::OffsetDateTime) -> anyhow::Result<KeyId> {
    by.authorise(domain::Action::ManageKeys, domain::Target::System)?;
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let key = SigningKey::from_bytes(&secret);
    let mut tx = db.write.begin().await?;
    let id = store::keys::next_id(&mut *tx).await?;
    let key_id = KeyId(u16::try_from(id).context("key ids are 16 bits")?);
    store::keys::retire_all(&mut *tx, now).await?;
    store::keys::insert(
        &mut *tx,
        id,
        &STANDARD.encode(key.verifying_key().as_bytes()),
        &STANDARD.encode(key.to_bytes()),
        now,
    )
    .await?;
    audit::Entry::new("rotate_signing_key", "signing_key", &id.to_string())
        .record(&mut *tx, now, audit::By::Official(by))
        .await?;
    tx.commit().await?;
    Ok(key_id)
}

/// The key that signs new passes.
pub async fn signing_key(db: &Db) -> Result<(KeyId, SigningKey), AppError> {
    let row = store::keys::active_secret(&db.read).await?.ok_or_else(|| {
        AppError::Unexpected(anyhow::anyhow!(
            "no signing key: run `zonepass keys rotate`"
        ))
    })?;
    let bytes: [u8; 32] = STANDARD
        .decode(&row.secret_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            AppError::Unexpected(anyhow::anyhow!("signing key {} is damaged", row.id))
        })?;
    let key_id = KeyId(u16::try_from(row.id).map_err(|e| AppError::Unexpected(e.into()))?);
    Ok((key_id, SigningKey::from_bytes(&bytes)))
}

pub async fn public_keys(db: &Db) -> Result<Vec<PublicKey>, AppError> {
    store::keys::all_public(&db.read)
        .await?
        .into_iter()
        .map(|row| {
            let bytes: [u8; 32] = STANDARD
                .decode(&row.public_key)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| {
                    AppError::Unexpected(anyhow::anyhow!("public key {} is damaged", row.id))
                })?;
            Ok(PublicKey {
                key_id: KeyId(u16::try_from(row.id).map_err(|e| AppError::Unexpected(e.into()))?),
                key: VerifyingKey::from_bytes(&bytes)
                    .map_err(|e| AppError::Unexpected(anyhow::anyhow!("{e}")))?,
                created_at: row.created_at,
                retired_at: row.retired_at,
            })
        })
        .collect()
}
