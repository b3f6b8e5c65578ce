//! Password hashing with argon2id. Hashing costs tens of milliseconds, so it runs on the blocking pool,
//! never on the async runtime's threads.

use std::fmt;

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// A stored hash; deliberately neither printable nor serialisable.
#[derive(Clone)]
pub struct PasswordHashText(pub(crate) String);

impl fmt::Debug for PasswordHashText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHashText(..)")
    }
}

pub async fn hash(password: String) -> anyhow::Result<PasswordHashText> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| PasswordHashText(h.to_string()))
            .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
    })
    .await
    .context("password hashing task")?
}

/// Verifies against `stored`, or against a throwaway hash when there is no such account, so that
/// a wrong username costs as long as a wrong password.
pub async fn verify(password: String, stored: Option<PasswordHashText>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let stored = stored.map(|s| s.0).unwrap_or_else(|| DUMMY_HASH.to_owned());
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .context("password verification task")?
}

const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$6xGv3Fh1dEG1wq5p5VhqjJY6m1Sg1ZqJwq7QyQm9b0w";
