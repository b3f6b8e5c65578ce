//! The personal QR pass: the facts an officer compares with the ID card, packed into a compact binary
//! payload, signed with Ed25519 and written in Base45 so the QR stays small (alphanumeric mode).
//! The server issues and verifies with this code; so does the browser at a checkpoint, offline.
//!
//! Token: `ZP1:` + Base45(payload ‖ signature). Payload, big-endian: format version (1), key id (2),
//! pass id (8), flags (1: document kind, sex, vaccination doses), document number (BCD), birth date
//! (year 2, month 1, day 1), origin and destination commune (BCD), issued and expires (4 + 4, Unix seconds),
//! full name (length 1 + UTF-8). The signature covers the whole payload.

use ed25519_dalek::{Signature, Signer, Verifier};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::base45::{self, Base45Error};
pub use crate::date::CivilDate;
use crate::identity::Sex;
use crate::unit::UnitCode;
use crate::vaccination::Doses;

pub const QR_PREFIX: &str = "ZP1:";
const FORMAT_VERSION: u8 = 1;
/// A pass is valid for exactly 72 hours from issue.
pub const VALIDITY_SECONDS: i64 = 72 * 3600;
/// A device clock a few minutes fast must not reject a pass issued just now.
pub const CLOCK_TOLERANCE_SECONDS: i64 = 300;
const MAX_NAME_BYTES: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyId(pub u16);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PassId(pub u64);

/// A pass id as the database, URLs and revocation lists write it: 16 lower-case hex digits.
impl std::fmt::Display for PassId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
#[error("a pass id is 16 hexadecimal digits")]
pub struct InvalidPassId;

impl PassId {
    /// Reads the written form back. Upper case is accepted (a URL typed by hand) and reads as the same id.
    pub fn parse(raw: &str) -> Result<PassId, InvalidPassId> {
        let raw = raw.trim();
        if raw.len() != 16 || !raw.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(InvalidPassId);
        }
        u64::from_str_radix(raw, 16).map(PassId).map_err(|_| InvalidPassId)
    }
}

impl std::str::FromStr for PassId {
    type Err = InvalidPassId;
    fn from_str(s: &str) -> Result<PassId, InvalidPassId> {
        PassId::parse(s)
    }
}

/// Where a pass stands for its holder's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PassStatus {
    Valid,
    Expired,
    /// Its holder cancelled it, or replaced it with a newer declaration.
    Revoked,
}

/// A revoked pass says so even after it would have expired: the holder should use the newer one.
/// Expiry is the same instant `verify` refuses at.
pub fn pass_status(expires_at: i64, revoked: bool, now: i64) -> PassStatus {
    if revoked {
        PassStatus::Revoked
    } else if now >= expires_at {
        PassStatus::Expired
    } else {
        PassStatus::Valid
    }
}

named_enum! {
    pub enum DocumentKind { Cccd = "cccd", Cmnd = "cmnd" }
}

/// What a pass says about its holder and trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassFacts {
    pub id: PassId,
    pub key_id: KeyId,
    pub full_name: String,
    pub document_kind: DocumentKind,
    pub document_number: String,
    pub birth_date: CivilDate,
    pub sex: Sex,
    pub origin: UnitCode,
    pub destination: UnitCode,
    /// Unix seconds, UTC.
    pub issued_at: i64,
    pub expires_at: i64,
    pub vaccination_doses: Doses,
}

#[derive(Debug, Error, PartialEq, Eq, Clone)]
pub enum PassError {
    #[error("not a ZonePass pass")]
    NotAPass,
    #[error("the pass text is damaged: {0}")]
    Encoding(#[from] Base45Error),
    #[error("the pass is cut short")]
    Truncated,
    #[error("pass format {0} is not known")]
    UnknownVersion(u8),
    #[error("the pass field {0} is not valid")]
    BadField(&'static str),
    #[error("the pass was signed by key {0:?}, which this device does not know")]
    UnknownKey(KeyId),
    #[error("the signature does not match: the pass was altered or forged")]
    BadSignature,
    #[error("the pass expired")]
    Expired,
    #[error("the pass is not valid yet")]
    NotYetValid,
    #[error("the pass was signed after key {0:?} stopped signing")]
    SignedAfterRetirement(KeyId),
}

/// A key as verifiers know it: its public half, and since when a newer key signs, if one does. A retired
/// key verifies only passes it signed before its retirement, and those expire within 72 hours of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedKey {
    pub key: VerifyingKey,
    /// Unix seconds.
    pub retired_at: Option<i64>,
}

impl From<VerifyingKey> for PublishedKey {
    fn from(key: VerifyingKey) -> PublishedKey {
        PublishedKey { key, retired_at: None }
    }
}

/// Issues the facts of a new pass: valid exactly 72 hours from `issued_at`.
pub fn valid_for_72_hours(mut facts: PassFacts, issued_at: i64) -> PassFacts {
    facts.issued_at = issued_at;
    facts.expires_at = issued_at + VALIDITY_SECONDS;
    facts
}

/// The QR text of a pass, signed by `key` (whose id the facts carry).
pub fn sign(facts: &PassFacts, key: &SigningKey) -> Result<String, PassError> {
    let mut bytes = encode_payload(facts)?;
    let signature = key.sign(&bytes);
    bytes.extend_from_slice(&signature.to_bytes());
    Ok(format!("{QR_PREFIX}{}", base45::encode(&bytes)))
}

/// Reads a pass and checks its signature with the key its id names, and its validity at `now`.
pub fn verify(
    token: &str,
    key_for: impl Fn(KeyId) -> Option<PublishedKey>,
    now: i64,
) -> Result<PassFacts, PassError> {
    let (facts, payload, signature) = read(token)?;
    let published = key_for(facts.key_id).ok_or(PassError::UnknownKey(facts.key_id))?;
    published.key.verify(&payload, &signature).map_err(|_| PassError::BadSignature)?;
    // Only a leaked key could sign these: ZonePass issues exactly 72 hours, and never with a retired key.
    if facts.expires_at - facts.issued_at != VALIDITY_SECONDS {
        return Err(PassError::BadField("expires_at"));
    }
    if published.retired_at.is_some_and(|r| facts.issued_at >= r) {
        return Err(PassError::SignedAfterRetirement(facts.key_id));
    }
    if now >= facts.expires_at {
        return Err(PassError::Expired);
    }
    if now + CLOCK_TOLERANCE_SECONDS < facts.issued_at {
        return Err(PassError::NotYetValid);
    }
    Ok(facts)
}

/// The facts of a pass without checking the signature: only for showing what a rejected pass claims.
pub fn read_unverified(token: &str) -> Result<PassFacts, PassError> {
    read(token).map(|(facts, _, _)| facts)
}

fn read(token: &str) -> Result<(PassFacts, Vec<u8>, Signature), PassError> {
    let text = token.trim().strip_prefix(QR_PREFIX).ok_or(PassError::NotAPass)?;
    let mut payload = base45::decode(text)?;
    let split = payload.len().checked_sub(Signature::BYTE_SIZE).ok_or(PassError::Truncated)?;
    let signature =
        Signature::from_slice(&payload.split_off(split)).map_err(|_| PassError::BadSignature)?;
    let facts = decode_payload(&payload)?;
    Ok((facts, payload, signature))
}

fn encode_payload(f: &PassFacts) -> Result<Vec<u8>, PassError> {
    let name = f.full_name.as_bytes();
    if name.is_empty() || name.len() > MAX_NAME_BYTES {
        return Err(PassError::BadField("full_name"));
    }
    let time = |t: i64, field| u32::try_from(t).map_err(|_| PassError::BadField(field));
    let mut out = Vec::with_capacity(64 + name.len());
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&f.key_id.0.to_be_bytes());
    out.extend_from_slice(&f.id.0.to_be_bytes());
    let kind = match f.document_kind {
        DocumentKind::Cccd => 0,
        DocumentKind::Cmnd => 1,
    };
    let sex = match f.sex {
        Sex::Male => 0,
        Sex::Female => 1,
    };
    out.push(kind | sex << 1 | f.vaccination_doses.get() << 2);
    push_digits(&mut out, &f.document_number, "document_number")?;
    out.extend_from_slice(&f.birth_date.year.to_be_bytes());
    out.extend_from_slice(&[f.birth_date.month, f.birth_date.day]);
    push_digits(&mut out, f.origin.as_str(), "origin")?;
    push_digits(&mut out, f.destination.as_str(), "destination")?;
    out.extend_from_slice(&time(f.issued_at, "issued_at")?.to_be_bytes());
    out.extend_from_slice(&time(f.expires_at, "expires_at")?.to_be_bytes());
    out.push(name.len() as u8);
    out.extend_from_slice(name);
    Ok(out)
}

fn decode_payload(bytes: &[u8]) -> Result<PassFacts, PassError> {
    let mut r = Reader(bytes);
    let version = r.u8()?;
    if version != FORMAT_VERSION {
        return Err(PassError::UnknownVersion(version));
    }
    let key_id = KeyId(u16::from_be_bytes(r.array()?));
    let id = PassId(u64::from_be_bytes(r.array()?));
    let flags = r.u8()?;
    let document_kind = if flags & 1 == 0 { DocumentKind::Cccd } else { DocumentKind::Cmnd };
    let sex = if flags & 2 == 0 { Sex::Male } else { Sex::Female };
    let vaccination_doses =
        Doses::try_from(flags >> 2).map_err(|_| PassError::BadField("vaccination_doses"))?;
    let document_number = r.digits()?;
    let year = u16::from_be_bytes(r.array()?);
    let [month, day] = r.array()?;
    let birth_date = CivilDate::new(year, month, day).ok_or(PassError::BadField("birth_date"))?;
    let unit =
        |digits: String, field| UnitCode::parse(&digits).map_err(|_| PassError::BadField(field));
    let origin = unit(r.digits()?, "origin")?;
    let destination = unit(r.digits()?, "destination")?;
    let issued_at = i64::from(u32::from_be_bytes(r.array()?));
    let expires_at = i64::from(u32::from_be_bytes(r.array()?));
    let name_len = usize::from(r.u8()?);
    let full_name = String::from_utf8(r.take(name_len)?.to_vec())
        .map_err(|_| PassError::BadField("full_name"))?;
    if !r.0.is_empty() {
        return Err(PassError::BadField("trailing bytes"));
    }
    Ok(PassFacts {
        id,
        key_id,
        full_name,
        document_kind,
        document_number,
        birth_date,
        sex,
        origin,
        destination,
        issued_at,
        expires_at,
        vaccination_doses,
    })
}

/// Decimal digits as a count and packed nibbles (BCD): leading zeros survive, 12 digits take 7 bytes.
fn push_digits(out: &mut Vec<u8>, digits: &str, field: &'static str) -> Result<(), PassError> {
    if digits.is_empty() || digits.len() > 24 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PassError::BadField(field));
    }
    out.push(digits.len() as u8);
    for pair in digits.as_bytes().chunks(2) {
        let high = pair[0] - b'0';
        let low = pair.get(1).map_or(0x0F, |b| b - b'0');
        out.push(high << 4 | low);
    }
    Ok(())
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], PassError> {
        if self.0.len() < n {
            return Err(PassError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, PassError> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], PassError> {
        self.take(N)?.try_into().map_err(|_| PassError::Truncated)
    }

    fn digits(&mut self) -> Result<String, PassError> {
        let count = usize::from(self.u8()?);
        let packed = self.take(count.div_ceil(2))?;
        let mut out = String::with_capacity(count);
        for (i, byte) in packed.iter().enumerate() {
            for (j, nibble) in [byte >> 4, byte & 0x0F].into_iter().enumerate() {
                if i * 2 + j == count {
                    break;
                }
                if nibble > 9 {
                    return Err(PassError::BadField("digits"));
                }
                out.push(char::from(b'0' + nibble));
            }
        }
        Ok(out)
    }
}

/// The pass the domain's tests share: Nguyễn Văn An, CCCD 030090123456, born 02/01/1990, two doses,
/// from `origin` to Phường Cẩm Thượng (10507), with key 1; issue and expiry left at 0.
#[cfg(test)]
pub(crate) fn test_facts(origin: &str) -> PassFacts {
    PassFacts {
        id: PassId(42),
        key_id: KeyId(1),
        full_name: "Nguyễn Văn An".into(),
        document_kind: DocumentKind::Cccd,
        document_number: "030090123456".into(),
        birth_date: CivilDate::new(1990, 1, 2).unwrap(),
        sex: Sex::Male,
        origin: UnitCode::parse(origin).unwrap(),
        destination: UnitCode::parse("10507").unwrap(),
        issued_at: 0,
        expires_at: 0,
        vaccination_doses: Doses::try_from(2).unwrap(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const ISSUED: i64 = 1_795_000_000;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn facts(key_id: u16) -> PassFacts {
        // A woman's pass with a full 64-bit id, so sex and every id byte go through the encoding.
        valid_for_72_hours(
            PassFacts {
                id: PassId(0x0123_4567_89AB_CDEF),
                key_id: KeyId(key_id),
                full_name: "Nguyễn Thị Hằng".into(),
                document_number: "030190012345".into(),
                birth_date: CivilDate::new(1990, 2, 28).unwrap(),
                sex: Sex::Female,
                ..test_facts("00004")
            },
            ISSUED,
        )
    }

    #[test]
    fn a_retired_key_verifies_only_what_it_signed_before_retiring_and_only_for_72_hours() {
        let signer = key(7);
        let public = signer.verifying_key();
        let retired = |retired_at: i64| {
            move |id: KeyId| {
                (id == KeyId(1))
                    .then_some(PublishedKey { key: public, retired_at: Some(retired_at) })
            }
        };
        let token = sign(&facts(1), &signer).unwrap();
        assert!(verify(&token, retired(ISSUED + 1), ISSUED + 3600).is_ok());
        assert_eq!(
            verify(&token, retired(ISSUED), ISSUED + 3600),
            Err(PassError::SignedAfterRetirement(KeyId(1)))
        );
        // Signed just before retirement, it still expires 72 hours after issue.
        assert_eq!(
            verify(&token, retired(ISSUED + 1), ISSUED + VALIDITY_SECONDS),
            Err(PassError::Expired)
        );
    }

    #[test]
    fn a_pass_valid_longer_than_72_hours_is_refused_even_with_a_good_signature() {
        let signer = key(7);
        let mut long = facts(1);
        long.expires_at += 3600;
        let token = sign(&long, &signer).unwrap();
        assert_eq!(
            verify(&token, key_ring(&[(1, signer)]), ISSUED),
            Err(PassError::BadField("expires_at"))
        );
    }

    fn key_ring(list: &[(u16, SigningKey)]) -> impl Fn(KeyId) -> Option<PublishedKey> + '_ {
        move |id| list.iter().find(|(k, _)| *k == id.0).map(|(_, s)| s.verifying_key().into())
    }

    #[test]
    fn a_signed_pass_round_trips_and_stays_alphanumeric() {
        let f = facts(1);
        let token = sign(&f, &key(7)).unwrap();
        assert!(
            token.bytes().all(|b| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&b)),
            "{token}"
        );
        assert!(token.len() < 221, "fits a version-10 QR at level Q: {} characters", token.len());
        assert_eq!(verify(&token, key_ring(&[(1, key(7))]), ISSUED).unwrap(), f);
        assert_eq!(read_unverified(&token).unwrap(), f);
    }

    #[test]
    fn pass_expires_exactly_72_hours_after_issue() {
        let token = sign(&facts(1), &key(7)).unwrap();
        let keys = [(1, key(7))];
        assert_eq!(facts(1).expires_at - facts(1).issued_at, 72 * 3600);
        assert!(verify(&token, key_ring(&keys), ISSUED + VALIDITY_SECONDS - 1).is_ok());
        assert_eq!(
            verify(&token, key_ring(&keys), ISSUED + VALIDITY_SECONDS),
            Err(PassError::Expired)
        );
        assert_eq!(
            verify(&token, key_ring(&keys), ISSUED - CLOCK_TOLERANCE_SECONDS - 1),
            Err(PassError::NotYetValid)
        );
        assert!(verify(&token, key_ring(&keys), ISSUED - CLOCK_TOLERANCE_SECONDS).is_ok());
    }

    #[test]
    fn passes_signed_by_an_older_key_verify_after_rotation() {
        let old = sign(&facts(1), &key(7)).unwrap();
        let new = sign(&facts(2), &key(8)).unwrap();
        let both = [(1, key(7)), (2, key(8))];
        assert!(verify(&old, key_ring(&both), ISSUED).is_ok());
        assert!(verify(&new, key_ring(&both), ISSUED).is_ok());
        let only_new = [(2, key(8))];
        assert_eq!(verify(&old, key_ring(&only_new), ISSUED), Err(PassError::UnknownKey(KeyId(1))));
        // A pass claiming key 2 but signed with key 1's secret is a forgery.
        let forged = sign(&facts(2), &key(7)).unwrap();
        assert_eq!(verify(&forged, key_ring(&both), ISSUED), Err(PassError::BadSignature));
    }

    #[test]
    fn any_changed_character_is_refused() {
        let token = sign(&facts(1), &key(7)).unwrap();
        let keys = [(1, key(7))];
        let alphabet = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for i in QR_PREFIX.len()..token.len() {
            let mut bytes = token.clone().into_bytes();
            bytes[i] = *alphabet.iter().find(|&&c| c != bytes[i]).unwrap();
            let altered = String::from_utf8(bytes).unwrap();
            assert!(
                verify(&altered, key_ring(&keys), ISSUED).is_err(),
                "a change at {i} went unnoticed"
            );
        }
    }

    #[test]
    fn garbage_is_refused_without_panicking() {
        let keys = [(1, key(7))];
        for text in
            ["", "ZP1:", "ZP1:00", "hello", "ZP2:BB8", "ZP1:%69 VD92EX0", &"ZP1:".repeat(50)]
        {
            assert!(verify(text, key_ring(&keys), ISSUED).is_err(), "{text:?}");
        }
    }

    #[test]
    fn fields_out_of_range_are_refused_when_signing() {
        let mut f = facts(1);
        f.full_name = "A".repeat(200);
        assert_eq!(sign(&f, &key(7)), Err(PassError::BadField("full_name")));
        let mut f = facts(1);
        f.document_number = "03019001234x".into();
        assert_eq!(sign(&f, &key(7)), Err(PassError::BadField("document_number")));
    }

    #[test]
    fn cmnd_numbers_keep_their_leading_zeros() {
        let mut f = facts(1);
        f.document_kind = DocumentKind::Cmnd;
        f.document_number = "012345678".into();
        f.sex = Sex::Male;
        let token = sign(&f, &key(7)).unwrap();
        assert_eq!(read_unverified(&token).unwrap(), f);
    }

    #[test]
    fn a_pass_id_is_written_as_sixteen_hex_digits() {
        assert_eq!(PassId(0xab).to_string(), "00000000000000ab");
        assert_eq!(PassId(u64::MAX).to_string(), "ffffffffffffffff");
    }

    #[rstest]
    #[case("00000000000000ab", Ok(PassId(0xab)))]
    #[case("0123456789abcdef", Ok(PassId(0x0123_4567_89AB_CDEF)))]
    #[case("0123456789ABCDEF", Ok(PassId(0x0123_4567_89AB_CDEF)))]
    #[case(" ffffffffffffffff ", Ok(PassId(u64::MAX)))]
    #[case("ab", Err(InvalidPassId))]
    #[case("00000000000000abc", Err(InvalidPassId))]
    #[case("+000000000000000a", Err(InvalidPassId))]
    #[case("000000000000000g", Err(InvalidPassId))]
    #[case("", Err(InvalidPassId))]
    fn a_pass_id_is_read_back_from_its_sixteen_hex_digits(
        #[case] raw: &str,
        #[case] expected: Result<PassId, InvalidPassId>,
    ) {
        assert_eq!(PassId::parse(raw), expected);
        assert_eq!(raw.parse::<PassId>(), expected);
    }

    #[test]
    fn a_pass_id_round_trips_through_its_text() {
        for id in [PassId(0), PassId(1), PassId(0x0123_4567_89AB_CDEF), PassId(u64::MAX)] {
            assert_eq!(PassId::parse(&id.to_string()), Ok(id));
        }
    }

    #[rstest]
    #[case(false, ISSUED, PassStatus::Valid)]
    #[case(false, ISSUED + VALIDITY_SECONDS - 1, PassStatus::Valid)]
    #[case(false, ISSUED + VALIDITY_SECONDS, PassStatus::Expired)]
    #[case(true, ISSUED, PassStatus::Revoked)]
    #[case(true, ISSUED + VALIDITY_SECONDS, PassStatus::Revoked)]
    fn a_pass_is_valid_until_it_expires_or_is_revoked(
        #[case] revoked: bool,
        #[case] now: i64,
        #[case] status: PassStatus,
    ) {
        assert_eq!(pass_status(ISSUED + VALIDITY_SECONDS, revoked, now), status);
    }

    #[test]
    fn a_pass_status_is_written_with_its_variant_name() {
        for (status, json) in [
            (PassStatus::Valid, r#""Valid""#),
            (PassStatus::Expired, r#""Expired""#),
            (PassStatus::Revoked, r#""Revoked""#),
        ] {
            assert_eq!(serde_json::to_string(&status).unwrap(), json);
            assert_eq!(serde_json::from_str::<PassStatus>(json).unwrap(), status);
        }
    }

    #[test]
    fn a_payload_with_more_doses_than_the_cap_is_refused() {
        let mut payload = encode_payload(&facts(1)).unwrap();
        // Version (1), key id (2) and pass id (8) come before the flags byte.
        payload[11] = payload[11] & 0b11 | 11 << 2;
        let signature = key(7).sign(&payload);
        payload.extend_from_slice(&signature.to_bytes());
        let token = format!("{QR_PREFIX}{}", base45::encode(&payload));
        assert_eq!(
            verify(&token, key_ring(&[(1, key(7))]), ISSUED),
            Err(PassError::BadField("vaccination_doses"))
        );
    }

    #[test]
    fn the_cap_on_doses_survives_the_pass() {
        let mut f = facts(1);
        f.vaccination_doses = Doses::try_from(Doses::MAX).unwrap();
        let token = sign(&f, &key(7)).unwrap();
        assert_eq!(read_unverified(&token).unwrap().vaccination_doses, f.vaccination_doses);
    }
}
