//! The key-encryption key (KEK): pass-signing keys are stored sealed under it, so a copy of the database
//! (a backup, a replica, a stolen disk) cannot sign passes. It is 32 random bytes, written as standard
//! Base64, read from `ZONEPASS_KEK` or from the file `ZONEPASS_KEK_FILE` names (`data/zonepass.kek` by
//! default). A fresh database with no KEK anywhere gets one made in that file; a database that already
//! holds sealed keys never does, so a missing KEK is an error, not a silent new key.
//!
//! Sealing is XChaCha20-Poly1305 with a random nonce and the key's id as associated data: a sealed key
//! moved to another id's row does not open.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// Where the KEK comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KekSource {
    /// `ZONEPASS_KEK`: the key itself (for secret stores that inject environment variables).
    Value(String),
    /// `ZONEPASS_KEK_FILE`: a file holding it (for mounted secrets, and the embedded default).
    File(PathBuf),
}

pub const DEFAULT_KEK_FILE: &str = "data/zonepass.kek";
const SEALED_PREFIX: &str = "xc1:";
const NONCE_BYTES: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum KekError {
    #[error("the key-encryption key must be 32 bytes in standard Base64 (ZONEPASS_KEK or ZONEPASS_KEK_FILE)")]
    Malformed,
    #[error(
        "the signing keys are sealed with a key-encryption key, but {0} does not exist: \
         set ZONEPASS_KEK_FILE (or ZONEPASS_KEK) to the key they were sealed with"
    )]
    Missing(PathBuf),
    #[error("reading or writing the key-encryption key at {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error(
        "signing key {0} does not open with this key-encryption key (wrong KEK, or a damaged row)"
    )]
    WrongKey(u16),
    #[error("sealing signing key {0} failed")]
    Seal(u16),
}

pub struct Kek(chacha20poly1305::Key);

/// Never the key itself in a log.
impl std::fmt::Debug for Kek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kek(…)")
    }
}

impl Kek {
    pub fn generate() -> Kek {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Kek(bytes.into())
    }

    pub fn parse(text: &str) -> Result<Kek, KekError> {
        let bytes: [u8; 32] = STANDARD
            .decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(KekError::Malformed)?;
        Ok(Kek(bytes.into()))
    }

    pub fn encoded(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// Reads the KEK from its source. A missing file is made, with a new key readable by its owner
    /// only, when `may_create` (the database holds no sealed key yet).
    pub fn load(source: &KekSource, may_create: bool) -> Result<Kek, KekError> {
        match source {
            KekSource::Value(text) => Kek::parse(text),
            KekSource::File(path) => match std::fs::read_to_string(path) {
                Ok(text) => Kek::parse(&text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && may_create => {
                    let kek = Kek::generate();
                    write_private(path, &kek.encoded())?;
                    tracing::warn!(path = %path.display(), "made a new key-encryption key: keep it with the database's backups, apart from them");
                    Ok(kek)
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Err(KekError::Missing(path.clone()))
                }
                Err(e) => Err(KekError::Io(path.clone(), e)),
            },
        }
    }

    /// A signing key's 32 secret bytes, sealed for the row of key `key_id`.
    pub fn seal(&self, key_id: u16, secret: &[u8; 32]) -> Result<String, KekError> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let aad = key_id.to_be_bytes();
        let sealed = XChaCha20Poly1305::new(&self.0)
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret, aad: &aad })
            .map_err(|_| KekError::Seal(key_id))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{SEALED_PREFIX}{}", STANDARD.encode(out)))
    }

    /// The secret bytes of key `key_id` from its stored form.
    pub fn open(&self, key_id: u16, stored: &str) -> Result<[u8; 32], KekError> {
        let wrong = || KekError::WrongKey(key_id);
        let bytes = stored
            .strip_prefix(SEALED_PREFIX)
            .and_then(|b| STANDARD.decode(b).ok())
            .filter(|b| b.len() > NONCE_BYTES)
            .ok_or_else(wrong)?;
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let aad = key_id.to_be_bytes();
        XChaCha20Poly1305::new(&self.0)
            .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: &aad })
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(wrong)
    }
}

/// Whether a stored secret is sealed; one that is not was stored before keys were sealed, in plain
/// Base64, and is sealed on the next start.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

fn write_private(path: &Path, text: &str) -> Result<(), KekError> {
    let io = |e| KekError::Io(path.to_owned(), e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(io)?;
    std::io::Write::write_all(&mut file, format!("{text}\n").as_bytes()).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_only_with_its_kek_and_for_its_own_id() {
        let kek = Kek::generate();
        let secret = [9u8; 32];
        let stored = kek.seal(3, &secret).unwrap();
        assert!(is_sealed(&stored));
        assert!(!stored.contains(&STANDARD.encode(secret)));
        assert_eq!(kek.open(3, &stored).unwrap(), secret);
        assert!(matches!(kek.open(4, &stored), Err(KekError::WrongKey(4))));
        assert!(Kek::generate().open(3, &stored).is_err());
        assert!(kek.open(3, &STANDARD.encode(secret)).is_err());
    }

    #[test]
    fn a_kek_reads_back_from_its_text_and_nothing_else_is_one() {
        let kek = Kek::generate();
        let again = Kek::parse(&kek.encoded()).unwrap();
        assert_eq!(again.open(1, &kek.seal(1, &[1; 32]).unwrap()).unwrap(), [1; 32]);
        assert!(matches!(Kek::parse("c2hvcnQ="), Err(KekError::Malformed)));
        assert!(!format!("{kek:?}").contains(&kek.encoded()));
    }

    #[test]
    fn a_missing_file_is_made_only_for_a_fresh_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/zonepass.kek");
        let source = KekSource::File(path.clone());
        assert!(matches!(Kek::load(&source, false), Err(KekError::Missing(_))));
        let made = Kek::load(&source, true).unwrap();
        let read = Kek::load(&source, false).unwrap();
        assert_eq!(read.encoded(), made.encoded());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
