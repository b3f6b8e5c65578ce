//! Use cases on the pass-signing keys: make the first one, rotate, publish the public halves.

use anyhow::Context;
use rand::RngCore;

use super::db::Db;
use super::store::{self, audit};
use super::{AppError, Official};
use domain::pass::{KeyId, SigningKey};

pub use store::keys::PublicKeyRow as PublicKey;

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
    store::keys::insert(&mut *tx, key_id, &key, now).await?;
    audit::Entry::new("rotate_signing_key", "signing_key", &id.to_string())
        .record(&mut *tx, now, audit::By::Official(by))
        .await?;
    tx.commit().await?;
    Ok(key_id)
}

/// Revokes a key thought compromised: every pass it signed turns red at the next verify, and scanners
/// drop it with their next bundle. A key still signing is first replaced by a new one, so declaring
/// goes on. False when there is no such key or it was revoked already.
pub async fn revoke(
    db: &Db,
    by: &Official,
    key_id: KeyId,
    now: time::OffsetDateTime,
) -> anyhow::Result<bool> {
    by.authorise(domain::Action::ManageKeys, domain::Target::System)?;
    let signing = store::keys::active_secret(&db.read).await?;
    if signing.is_some_and(|(id, _)| id == key_id) {
        rotate(db, by, now).await?;
    }
    let mut tx = db.write.begin().await?;
    let revoked = store::keys::revoke(&mut *tx, key_id, now).await?;
    if revoked {
        audit::Entry::new("revoke_signing_key", "signing_key", &key_id.0.to_string())
            .record(&mut *tx, now, audit::By::Official(by))
            .await?;
    }
    tx.commit().await?;
    Ok(revoked)
}

/// The key that signs new passes.
pub async fn signing_key(db: &Db) -> Result<(KeyId, SigningKey), AppError> {
    store::keys::active_secret(&db.read).await?.ok_or_else(|| {
        AppError::Unexpected(anyhow::anyhow!(
            "no signing key: run `zonepass keys rotate`"
        ))
    })
}

/// Every key ever published: in force, retired, or revoked.
pub async fn public_keys(db: &Db) -> Result<Vec<PublicKey>, AppError> {
    Ok(store::keys::all_public(&db.read).await?)
}
