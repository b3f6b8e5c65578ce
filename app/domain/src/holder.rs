//! The holder's key: the secret that opens a person's own pass page and QR images, and lets them cancel
//! or replace that pass. It is 160 random bits, handed only to whoever declared; it is in no QR, no
//! list an official receives and no log. The pass id, by contrast, is printed in the QR and sent to
//! every checkpoint in the revocation list, so it opens nothing.
//!
//! The server keeps only the key's digest: a copy of the database lets no one act as a holder.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

const KEY_BYTES: usize = 20;

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HolderKey([u8; KEY_BYTES]);

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
#[error("a holder key is 40 hexadecimal digits")]
pub struct InvalidHolderKey;

impl HolderKey {
    /// A key from fresh random bytes (the caller's source of randomness: the domain has none).
    pub fn from_random(bytes: [u8; KEY_BYTES]) -> HolderKey {
        HolderKey(bytes)
    }

    /// A key that a repeated request can compute again from the same secret material (a client's own
    /// idempotency key with its body), so a retry gets back the key it did not receive the first time.
    pub fn derived_from(material: &[u8]) -> HolderKey {
        let digest =
            Sha256::new().chain_update(b"zonepass holder key\n").chain_update(material).finalize();
        let mut bytes = [0; KEY_BYTES];
        bytes.copy_from_slice(&digest[..KEY_BYTES]);
        HolderKey(bytes)
    }

    /// Reads the written form (lower-case hex; upper case reads as the same key).
    pub fn parse(raw: &str) -> Result<HolderKey, InvalidHolderKey> {
        let raw = raw.trim();
        if raw.len() != 2 * KEY_BYTES || !raw.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(InvalidHolderKey);
        }
        let mut bytes = [0; KEY_BYTES];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&raw[2 * i..2 * i + 2], 16).map_err(|_| InvalidHolderKey)?;
        }
        Ok(HolderKey(bytes))
    }

    /// What the server stores and looks the pass up by: SHA-256 of the key, in hex.
    pub fn digest(&self) -> String {
        hex(&Sha256::digest(self.0))
    }

    /// The holder's page for the pass.
    pub fn page(&self) -> String {
        format!("/pass/{self}")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl std::fmt::Display for HolderKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex(&self.0))
    }
}

parsed_from_text!(HolderKey, InvalidHolderKey);

/// Never the key itself: a debug print must not leak it into a log.
impl std::fmt::Debug for HolderKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HolderKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_reads_back_from_its_written_form_in_either_case() {
        let key = HolderKey::from_random([0xAB; KEY_BYTES]);
        let written = key.to_string();
        assert_eq!(written.len(), 40);
        assert_eq!(HolderKey::parse(&written), Ok(key.clone()));
        assert_eq!(HolderKey::parse(&written.to_uppercase()), Ok(key.clone()));
        assert_eq!(key.page(), format!("/pass/{written}"));
    }

    #[test]
    fn anything_else_is_not_a_key() {
        for raw in [
            "",
            "0123456789abcdef",
            &"g".repeat(40),
            &"a".repeat(39),
            &"a".repeat(41),
            "ααααααααααααααααααααα",
        ] {
            assert_eq!(HolderKey::parse(raw), Err(InvalidHolderKey), "{raw:?}");
        }
    }

    #[test]
    fn the_digest_is_not_the_key_and_is_the_same_each_time() {
        let key = HolderKey::from_random([7; KEY_BYTES]);
        assert_eq!(key.digest().len(), 64);
        assert!(!key.digest().contains(&key.to_string()));
        assert_eq!(key.digest(), HolderKey::parse(&key.to_string()).unwrap().digest());
        assert_ne!(key.digest(), HolderKey::from_random([8; KEY_BYTES]).digest());
    }

    #[test]
    fn a_derived_key_depends_on_all_its_material() {
        assert_eq!(
            HolderKey::derived_from(b"client\nkey\nbody"),
            HolderKey::derived_from(b"client\nkey\nbody")
        );
        assert_ne!(
            HolderKey::derived_from(b"client\nkey\nbody"),
            HolderKey::derived_from(b"client\nkey\nbodz")
        );
    }

    #[test]
    fn a_debug_print_hides_the_key() {
        let key = HolderKey::from_random([0xCD; KEY_BYTES]);
        assert!(!format!("{key:?}").contains("cdcd"));
    }
}
