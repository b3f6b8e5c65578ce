//! The QR code printed on the chip CCCD card, read defensively, and its comparison field by field with a
//! pass. No official specification exists and readers disagree on the fields, so this accepts the shapes
//! seen in use: `CCCD|old CMND|name|ddmmyyyy|Nam/Nữ|address|issue date`, the same without the old-number
//! field, and any number of trailing extras. It never panics on what a camera reads.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::date::CivilDate;
use crate::identity::Sex;
use crate::pass::{DocumentKind, PassFacts};
use crate::text::{self, NameMatch};

/// A camera can read anything; nothing longer than this is a card.
const MAX_LEN: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardQr {
    pub cccd: String,
    pub old_id: Option<String>,
    pub full_name: String,
    pub birth_date: CivilDate,
    /// None when the card's sex field is unreadable: compared as "cannot tell", never guessed.
    pub sex: Option<Sex>,
    pub address: Option<String>,
    pub issued_on: Option<CivilDate>,
}

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardQrError {
    #[error("nothing was read")]
    Empty,
    #[error("this is not the QR of a CCCD card")]
    NotACard,
    #[error("the card number is not 12 digits")]
    BadNumber,
    #[error("the name on the card is missing")]
    MissingName,
    #[error("the birth date on the card is not a date")]
    BadBirthDate,
}

fn digits(s: &str, counts: &[usize]) -> bool {
    counts.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `ddmmyyyy`, as the card writes dates.
fn card_date(raw: &str) -> Option<CivilDate> {
    if !digits(raw, &[8]) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| raw[r].parse::<u16>().ok();
    CivilDate::new(n(4..8)?, u8::try_from(n(2..4)?).ok()?, u8::try_from(n(0..2)?).ok()?)
}

pub fn parse(raw: &str) -> Result<CardQr, CardQrError> {
    let raw = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if raw.is_empty() {
        return Err(CardQrError::Empty);
    }
    if raw.len() > MAX_LEN || !raw.contains('|') {
        return Err(CardQrError::NotACard);
    }
    let fields: Vec<&str> = raw.split('|').map(str::trim).collect();
    let cccd = fields[0];
    if !digits(cccd, &[12]) {
        return Err(CardQrError::BadNumber);
    }
    // With the old-number field, the second field is empty or 9/12 digits; without it, it is the name.
    let (old_id, rest) = match fields.get(1) {
        Some(second) if second.is_empty() || digits(second, &[9, 12]) => {
            ((!second.is_empty()).then(|| second.to_string()), &fields[2..])
        }
        Some(_) => (None, &fields[1..]),
        None => return Err(CardQrError::NotACard),
    };
    let full_name = text::clean(rest.first().copied().unwrap_or_default());
    if full_name.is_empty() {
        return Err(CardQrError::MissingName);
    }
    let birth_date = rest.get(1).and_then(|d| card_date(d)).ok_or(CardQrError::BadBirthDate)?;
    Ok(CardQr {
        cccd: cccd.to_owned(),
        old_id,
        full_name,
        birth_date,
        sex: rest.get(2).and_then(|s| Sex::typed(s)),
        address: rest.get(3).map(|a| text::clean(a)).filter(|a| !a.is_empty()),
        issued_on: rest.get(4).and_then(|d| card_date(d)),
    })
}

/// How one field of the card compares with the pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldMatch {
    Same,
    /// Names equal once diacritics and case are set aside ("NGUYEN VAN AN" and "Nguyễn Văn An").
    SameWithoutDiacritics,
    Different,
    /// The card's field could not be read.
    Unknown,
}

impl FieldMatch {
    pub fn agrees(self) -> bool {
        matches!(self, FieldMatch::Same | FieldMatch::SameWithoutDiacritics)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardComparison {
    pub document_number: FieldMatch,
    pub full_name: FieldMatch,
    pub birth_date: FieldMatch,
    pub sex: FieldMatch,
}

impl CardComparison {
    pub fn all_agree(&self) -> bool {
        [self.document_number, self.full_name, self.birth_date, self.sex].iter().all(|m| m.agrees())
    }
}

pub fn compare(pass: &PassFacts, card: &CardQr) -> CardComparison {
    let same = |equal: bool| {
        if equal {
            FieldMatch::Same
        } else {
            FieldMatch::Different
        }
    };
    // A pass made with an old CMND matches the card that lists that CMND as its old number.
    let number = match pass.document_kind {
        DocumentKind::Cccd => pass.document_number == card.cccd,
        DocumentKind::Cmnd => {
            card.old_id.as_deref() == Some(pass.document_number.as_str())
                || pass.document_number == card.cccd
        }
    };
    CardComparison {
        document_number: same(number),
        full_name: match text::compare_names(&pass.full_name, &card.full_name) {
            NameMatch::Same => FieldMatch::Same,
            NameMatch::SameWithoutDiacritics => FieldMatch::SameWithoutDiacritics,
            NameMatch::Different => FieldMatch::Different,
        },
        birth_date: same(pass.birth_date == card.birth_date),
        sex: card.sex.map_or(FieldMatch::Unknown, |s| same(s == pass.sex)),
    }
}

/// What scanning a card next to a pass gives the officer: the card as read (or why it could not be), and
/// the comparison when there is a pass to compare with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCheck {
    pub card: Result<CardQr, CardQrError>,
    pub comparison: Option<CardComparison>,
}

pub fn check(pass: Option<&PassFacts>, raw: &str) -> CardCheck {
    let card = parse(raw);
    let comparison = match (&card, pass) {
        (Ok(card), Some(pass)) => Some(compare(pass, card)),
        _ => None,
    };
    CardCheck { card, comparison }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WELL_FORMED: &str =
        "030090123456|142345678|Nguyễn Văn An|02011990|Nam|Thôn 1, Xã Cẩm Điền, Huyện Cẩm Giàng, Tỉnh Hải Dương|15042021";

    fn pass() -> PassFacts {
        crate::pass::test_facts("00001")
    }

    #[test]
    fn a_well_formed_card_is_read_field_by_field() {
        let card = parse(WELL_FORMED).unwrap();
        assert_eq!(card.cccd, "030090123456");
        assert_eq!(card.old_id.as_deref(), Some("142345678"));
        assert_eq!(card.full_name, "Nguyễn Văn An");
        assert_eq!(card.birth_date, CivilDate::new(1990, 1, 2).unwrap());
        assert_eq!(card.sex, Some(Sex::Male));
        assert!(card.address.unwrap().starts_with("Thôn 1"));
        assert_eq!(card.issued_on, CivilDate::new(2021, 4, 15));
        assert!(compare(&pass(), &parse(WELL_FORMED).unwrap()).all_agree());
    }

    #[test]
    fn an_empty_or_missing_old_number_field_and_extra_fields_are_accepted() {
        let empty_old = parse("030090123456||Nguyễn Văn An|02011990|Nam|Thôn 1|15042021").unwrap();
        assert_eq!(empty_old.old_id, None);
        assert_eq!(empty_old.full_name, "Nguyễn Văn An");
        let no_old = parse("030090123456|Nguyễn Văn An|02011990|Nam|Thôn 1|15042021").unwrap();
        assert_eq!(no_old.full_name, "Nguyễn Văn An");
        assert_eq!(no_old.issued_on, CivilDate::new(2021, 4, 15));
        let extra = parse(&format!("{WELL_FORMED}|20310102|whatever|")).unwrap();
        assert_eq!(extra, parse(WELL_FORMED).unwrap());
        let short = parse("030090123456||Nguyễn Văn An|02011990").unwrap();
        assert_eq!((short.sex, short.address, short.issued_on), (None, None, None));
        let crlf = parse(&format!("\u{feff}{WELL_FORMED}\r\n")).unwrap();
        assert_eq!(crlf.issued_on, CivilDate::new(2021, 4, 15));
    }

    #[test]
    fn garbage_is_refused_with_a_reason_and_never_panics() {
        assert_eq!(parse("  "), Err(CardQrError::Empty));
        assert_eq!(parse("ZP1:ABC"), Err(CardQrError::NotACard));
        assert_eq!(parse("12345|x|y"), Err(CardQrError::BadNumber));
        assert_eq!(parse("030090123456|"), Err(CardQrError::MissingName));
        assert_eq!(parse("030090123456||An|31021990|Nam"), Err(CardQrError::BadBirthDate));
        assert_eq!(parse("030090123456||An|0201199x|Nam"), Err(CardQrError::BadBirthDate));
        assert_eq!(parse(&"|".repeat(5000)), Err(CardQrError::NotACard));
        for junk in ["|", "||||||", "0300901234567|a", "030090123456|||||||", "030090123456|ả|ẻ|ỏ"]
        {
            let _ = parse(junk);
        }
    }

    #[test]
    fn a_wrong_birth_date_is_flagged_and_the_rest_still_compared() {
        let card = parse("030090123456||NGUYEN VAN AN|03011990|Nam").unwrap();
        let c = compare(&pass(), &card);
        assert_eq!(c.birth_date, FieldMatch::Different);
        assert_eq!(c.full_name, FieldMatch::SameWithoutDiacritics);
        assert_eq!(c.document_number, FieldMatch::Same);
        assert_eq!(c.sex, FieldMatch::Same);
        assert!(!c.all_agree());
    }

    #[test]
    fn checking_a_card_reads_it_and_compares_only_when_there_is_a_pass() {
        let with_pass = check(Some(&pass()), WELL_FORMED);
        assert!(with_pass.comparison.unwrap().all_agree());
        let alone = check(None, WELL_FORMED);
        assert!(alone.card.is_ok() && alone.comparison.is_none());
        let garbage = check(Some(&pass()), "hello");
        assert_eq!(garbage.card, Err(CardQrError::NotACard));
        assert!(garbage.comparison.is_none());
    }

    #[test]
    fn an_unreadable_sex_is_unknown_and_a_cmnd_pass_matches_the_old_number() {
        let card = parse("030090123456|142345678|Nguyễn Văn An|02011990|?").unwrap();
        assert_eq!(compare(&pass(), &card).sex, FieldMatch::Unknown);
        let mut cmnd = pass();
        cmnd.document_kind = DocumentKind::Cmnd;
        cmnd.document_number = "142345678".into();
        assert_eq!(compare(&cmnd, &card).document_number, FieldMatch::Same);
        cmnd.document_number = "142345679".into();
        assert_eq!(compare(&cmnd, &card).document_number, FieldMatch::Different);
    }
}
