//! Use cases on the pass-signing keys: make the first one, rotate, revoke, publish the public halves.
//! Secret halves are sealed with the key-encryption key before they reach the database.

use crate::Result;
use anyhow::Context;
use rand::RngCore;

use super::db::Db;
use super::key_encryption::{is_sealed, Kek, KekSource};
use super::store::{self, audit};
use super::{AppError, Official};
use domain::pass::{KeyId, SigningKey};

pub use store::keys::PublicKeyRow as PublicKey;

/// Reads the key-encryption key (making one only for a database that holds no sealed key yet), seals
/// any secret stored before keys were sealed, checks that the key in use opens (a wrong KEK stops the
/// start, not the first declaration), and creates the first signing key on a fresh database.
pub async fn ensure(
    db: &Db,
    source: &KekSource,
    by: &Official,
    now: time::OffsetDateTime,
) -> anyhow::Result<Kek> {
    let stored = store::keys::stored_secrets(&db.read).await?;
    let kek = Kek::load(source, !stored.iter().any(|(_, s)| is_sealed(s)))?;
    for (id, secret) in stored.iter().filter(|(_, s)| !is_sealed(s)) {
        store::keys::seal_plain(&db.write, &kek, *id, secret).await?;
        tracing::info!(key = id, "sealed a signing key stored before keys were sealed");
    }
    if store::keys::active_secret(&db.read, &kek).await?.is_none() {
        rotate(db, &kek, by, now).await?;
    }
    Ok(kek)
}

/// Retires the signing key in use and makes a new one; returns its id.
pub async fn rotate(
    db: &Db,
    kek: &Kek,
    by: &Official,
    now: time::OffsetDateTime,
) -> anyhow::Result<KeyId> {
    by.authorise(domain::Action::ManageKeys, domain::Target::System)?;
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let key = SigningKey::from_bytes(&secret);
    let mut tx = db.write.begin().await?;
    let id = store::keys::next_id(&mut *tx).await?;
    let key_id = KeyId(u16::try_from(id).context("key ids are 16 bits")?);
    store::keys::retire_all(&mut *tx, now).await?;
    store::keys::insert(&mut *tx, kek, key_id, &key, now).await?;
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
    kek: &Kek,
    by: &Official,
    key_id: KeyId,
    now: time::OffsetDateTime,
) -> anyhow::Result<bool> {
    by.authorise(domain::Action::ManageKeys, domain::Target::System)?;
    if store::keys::active_id(&db.read).await? == Some(key_id) {
        rotate(db, kek, by, now).await?;
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
pub async fn signing_key(db: &Db, kek: &Kek) -> Result<(KeyId, SigningKey)> {
    store::keys::active_secret(&db.read, kek).await?.ok_or_else(|| {
        AppError::Unexpected(anyhow::anyhow!("no signing key: run `zonepass keys rotate`"))
    })
}

/// Every key ever published: in force, retired, or revoked.
pub async fn public_keys(db: &Db) -> Result<Vec<PublicKey>> {
    Ok(store::keys::all_public(&db.read).await?)
}
