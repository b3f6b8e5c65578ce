//! Pass-signing keys. The newest unretired key signs; every key stays published so passes it signed
//! verify until they expire. Secret halves are stored sealed with the key-encryption key.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use time::OffsetDateTime;

use super::{decode_time, sql, Conn, Result};
use crate::db::db_time;
use crate::key_encryption::Kek;
use domain::pass::{KeyId, SigningKey, VerifyingKey};

/// A published key, with when it started signing, when a newer one took over, and when (if ever) it
/// was revoked.
pub struct PublicKeyRow {
    pub key_id: KeyId,
    pub key: VerifyingKey,
    pub created_at: OffsetDateTime,
    pub retired_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// Public keys are stored as standard Base64 of their 32 bytes, under a 16-bit id.
fn key_bytes(id: i64, text: &str) -> Result<(KeyId, [u8; 32])> {
    let broken = || sqlx::Error::Decode(format!("signing key {id} is damaged").into());
    let bytes =
        STANDARD.decode(text).ok().and_then(|b| <[u8; 32]>::try_from(b).ok()).ok_or_else(broken)?;
    Ok((key_id(id)?, bytes))
}

fn key_id(id: i64) -> Result<KeyId> {
    u16::try_from(id)
        .map(KeyId)
        .map_err(|_| sqlx::Error::Decode(format!("signing key id {id} is not 16 bits").into()))
}

fn opened(kek: &Kek, id: i64, stored: &str) -> Result<(KeyId, SigningKey)> {
    let key_id = key_id(id)?;
    let secret = kek.open(key_id.0, stored).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok((key_id, SigningKey::from_bytes(&secret)))
}

const ACTIVE: &str =
    "FROM signing_keys WHERE retired_at IS NULL AND revoked_at IS NULL ORDER BY id DESC LIMIT 1";

/// The key that signs new passes: the newest one not retired, opened with the KEK.
pub async fn active_secret(conn: impl Conn<'_>, kek: &Kek) -> Result<Option<(KeyId, SigningKey)>> {
    let row: Option<(i64, String)> =
        sql!(query_as, &format!("SELECT id, secret_key {ACTIVE}")).fetch_optional(conn).await?;
    row.map(|(id, stored)| opened(kek, id, &stored)).transpose()
}

/// The id of the key that signs new passes, without opening it.
pub async fn active_id(conn: impl Conn<'_>) -> Result<Option<KeyId>> {
    let id: Option<i64> =
        sql!(query_scalar, &format!("SELECT id {ACTIVE}")).fetch_optional(conn).await?;
    id.map(key_id).transpose()
}

/// Every stored secret, as stored (sealed, or plain Base64 from before keys were sealed).
pub async fn stored_secrets(conn: impl Conn<'_>) -> Result<Vec<(i64, String)>> {
    sql!(query_as, "SELECT id, secret_key FROM signing_keys ORDER BY id").fetch_all(conn).await
}

const SEAL: &str = "UPDATE signing_keys SET secret_key = $1 WHERE id = $2 AND secret_key = $3";

/// Seals a secret stored before keys were sealed (plain Base64), in place.
pub async fn seal_plain(conn: impl Conn<'_>, kek: &Kek, id: i64, plain: &str) -> Result<()> {
    let (key_id, bytes) = key_bytes(id, plain)?;
    let sealed = kek.seal(key_id.0, &bytes).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sql!(query, SEAL, sealed, id, plain).execute(conn).await?;
    Ok(())
}

const PUBLIC: &str =
    "SELECT id, public_key, created_at, retired_at, revoked_at FROM signing_keys ORDER BY id";

pub async fn all_public(conn: impl Conn<'_>) -> Result<Vec<PublicKeyRow>> {
    type Row = (i64, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = sql!(query_as, PUBLIC).fetch_all(conn).await?;
    let time = |t: Option<String>| t.as_deref().map(decode_time).transpose();
    rows.into_iter()
        .map(|(id, text, created_at, retired_at, revoked_at)| {
            let (key_id, bytes) = key_bytes(id, &text)?;
            Ok(PublicKeyRow {
                key_id,
                key: VerifyingKey::from_bytes(&bytes)
                    .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                created_at: decode_time(&created_at)?,
                retired_at: time(retired_at)?,
                revoked_at: time(revoked_at)?,
            })
        })
        .collect()
}

const REVOKE: &str = "UPDATE signing_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";

/// Marks a key revoked; false when there is no such key or it was revoked already.
pub async fn revoke(conn: impl Conn<'_>, id: KeyId, now: OffsetDateTime) -> Result<bool> {
    Ok(sql!(query, REVOKE, db_time(now), i64::from(id.0)).execute(conn).await?.rows_affected() == 1)
}

pub async fn next_id(conn: impl Conn<'_>) -> Result<i64> {
    let max: Option<i64> =
        sql!(query_scalar, "SELECT MAX(id) FROM signing_keys").fetch_one(conn).await?;
    Ok(max.unwrap_or(0) + 1)
}

pub async fn retire_all(conn: impl Conn<'_>, now: OffsetDateTime) -> Result<()> {
    const SQL: &str = "UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL";
    sql!(query, SQL, db_time(now)).execute(conn).await?;
    Ok(())
}

const INSERT: &str =
    "INSERT INTO signing_keys (id, public_key, secret_key, created_at) VALUES ($1, $2, $3, $4)";

pub async fn insert(
    conn: impl Conn<'_>,
    kek: &Kek,
    id: KeyId,
    key: &SigningKey,
    now: OffsetDateTime,
) -> Result<()> {
    let sealed = kek.seal(id.0, &key.to_bytes()).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let public = STANDARD.encode(key.verifying_key().as_bytes());
    sql!(query, INSERT, i64::from(id.0), public, sealed, db_time(now)).execute(conn).await?;
    Ok(())
}
