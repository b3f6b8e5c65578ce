//! Identity documents: the 12-digit personal ID number (CCCD) and the old 9- or 12-digit CMND.
//! A CCCD encodes the province where the birth was registered, the century and sex, and the birth year,
//! so it can be checked against what a person declares. Either is a `DocumentNumber`: the one rule for
//! "this is an ID number", wherever one is typed.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The 3-digit birth-registration prefixes of Circular 07/2016/TT-BCA (the GSO province code, padded).
pub const CCCD_PROVINCE_PREFIXES: [&str; 63] = [
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
];

named_enum! {
    pub enum Sex {
        Male = "male", Female = "female",
    }
}

impl Sex {
    /// Sex as cards, registries and spreadsheets write it: `Nam`/`Nữ` (with or without diacritics),
    /// `male`/`female`, `M`/`F`, in any case.
    pub fn typed(raw: &str) -> Option<Sex> {
        match crate::text::fold(raw).as_str() {
            "nam" | "male" | "m" => Some(Sex::Male),
            "nu" | "female" | "f" => Some(Sex::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
#[error("an ID number is 9 or 12 digits")]
pub struct DocumentNumberError;

/// The number of a CMND (9 or 12 digits) or a CCCD (12 digits): what a person types on a form, an officer
/// at a checkpoint, and what the registry and passes are keyed by. Shape only: a CCCD's province and its
/// agreement with the holder are `Cccd`'s checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocumentNumber(String);

impl DocumentNumber {
    pub fn parse(raw: &str) -> Result<DocumentNumber, DocumentNumberError> {
        let digits = raw.trim();
        if matches!(digits.len(), 9 | 12) && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(DocumentNumber(digits.to_owned()))
        } else {
            Err(DocumentNumberError)
        }
    }
}

checked_text!(DocumentNumber, DocumentNumberError);

/// Every valid CCCD is a valid ID number.
impl From<Cccd> for DocumentNumber {
    fn from(id: Cccd) -> DocumentNumber {
        DocumentNumber(id.0)
    }
}

#[derive(Debug, Error, PartialEq, Eq, Clone)]
pub enum CccdError {
    #[error("a CCCD number is exactly 12 digits")]
    NotTwelveDigits,
    #[error("the first three digits {0} are not a province code")]
    UnknownProvince(String),
    #[error("the CCCD says born {in_number}, the declaration says {declared}")]
    BirthYearMismatch { in_number: i32, declared: i32 },
    #[error("the CCCD's sex digit does not match the declared sex")]
    SexMismatch,
}

/// A 12-digit personal ID number whose shape and province prefix are valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cccd(String);

impl Cccd {
    pub fn parse(raw: &str) -> Result<Cccd, CccdError> {
        let digits = raw.trim();
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CccdError::NotTwelveDigits);
        }
        let prefix = &digits[..3];
        if !CCCD_PROVINCE_PREFIXES.contains(&prefix) {
            return Err(CccdError::UnknownProvince(prefix.to_owned()));
        }
        Ok(Cccd(digits.to_owned()))
    }

    /// Builds the number a person born in `birth_year` with `sex`, registered in `province_prefix`,
    /// would carry; `serial` gives the last six digits.
    pub fn compose(
        province_prefix: &str,
        birth_year: i32,
        sex: Sex,
        serial: u32,
    ) -> Result<Cccd, CccdError> {
        let century = birth_year.div_euclid(100) - 19;
        let digit = century * 2 + if sex == Sex::Female { 1 } else { 0 };
        if !(0..=9).contains(&digit) {
            return Err(CccdError::NotTwelveDigits);
        }
        Cccd::parse(&format!(
            "{province_prefix}{digit}{:02}{:06}",
            birth_year.rem_euclid(100),
            serial % 1_000_000
        ))
    }

    pub fn province_prefix(&self) -> &str {
        &self.0[..3]
    }

    pub fn sex(&self) -> Sex {
        if self.digit(3) % 2 == 0 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Digit 4 gives the century (0/1: 1900s, 2/3: 2000s, ...), digits 5-6 the year within it.
    pub fn birth_year(&self) -> i32 {
        let century = 1900 + (self.digit(3) / 2) * 100;
        century + self.digit(4) * 10 + self.digit(5)
    }

    /// Checks the number against what the person declared.
    pub fn check_against(&self, birth_year: i32, sex: Sex) -> Result<(), CccdError> {
        if self.birth_year() != birth_year {
            return Err(CccdError::BirthYearMismatch {
                in_number: self.birth_year(),
                declared: birth_year,
            });
        }
        if self.sex() != sex {
            return Err(CccdError::SexMismatch);
        }
        Ok(())
    }

    fn digit(&self, i: usize) -> i32 {
        i32::from(self.0.as_bytes()[i] - b'0')
    }
}

checked_text!(Cccd, CccdError);

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("030090123456", 1990, Sex::Male)]
    #[case("030190123456", 1990, Sex::Female)]
    #[case("001205000001", 2005, Sex::Male)]
    #[case("096305999999", 2005, Sex::Female)]
    #[case("079400000001", 2100, Sex::Male)]
    fn the_number_encodes_birth_year_and_sex(
        #[case] raw: &str,
        #[case] year: i32,
        #[case] sex: Sex,
    ) {
        let id = Cccd::parse(raw).unwrap();
        assert_eq!(id.birth_year(), year);
        assert_eq!(id.sex(), sex);
        assert_eq!(id.check_against(year, sex), Ok(()));
    }

    #[rstest]
    #[case("03009012345", CccdError::NotTwelveDigits)]
    #[case("0300901234567", CccdError::NotTwelveDigits)]
    #[case("03009012345a", CccdError::NotTwelveDigits)]
    #[case("003090123456", CccdError::UnknownProvince("003".into()))]
    #[case("099090123456", CccdError::UnknownProvince("099".into()))]
    fn malformed_numbers_are_refused(#[case] raw: &str, #[case] err: CccdError) {
        assert_eq!(Cccd::parse(raw), Err(err));
    }

    #[rstest]
    #[case("012345678", Some("012345678"))]
    #[case("030090123456", Some("030090123456"))]
    #[case("  142345678\n", Some("142345678"))]
    #[case("01234567", None)]
    #[case("0123456789", None)]
    #[case("01234567890", None)]
    #[case("0123456789012", None)]
    #[case("01234567a", None)]
    #[case("012 345 678", None)]
    #[case("０１２３４５６７８", None)]
    #[case("", None)]
    #[case("ZP1:NCF", None)]
    fn an_id_number_is_nine_or_twelve_ascii_digits(
        #[case] raw: &str,
        #[case] expected: Option<&str>,
    ) {
        assert_eq!(DocumentNumber::parse(raw).ok().as_ref().map(DocumentNumber::as_str), expected);
    }

    #[test]
    fn an_id_number_is_a_json_string_checked_on_the_way_in() {
        let number = DocumentNumber::parse("030090123456").unwrap();
        assert_eq!(serde_json::to_string(&number).unwrap(), r#""030090123456""#);
        assert_eq!(serde_json::from_str::<DocumentNumber>(r#""030090123456""#).unwrap(), number);
        assert!(serde_json::from_str::<DocumentNumber>(r#""12345""#).is_err());
        assert_eq!(number.to_string(), "030090123456");
    }

    #[test]
    fn every_cccd_is_an_id_number() {
        let id = Cccd::parse("030090123456").unwrap();
        assert_eq!(DocumentNumber::from(id).as_str(), "030090123456");
    }

    #[test]
    fn a_mismatch_with_the_declaration_is_named() {
        let id = Cccd::parse("030090123456").unwrap();
        assert_eq!(
            id.check_against(1991, Sex::Male),
            Err(CccdError::BirthYearMismatch { in_number: 1990, declared: 1991 })
        );
        assert_eq!(id.check_against(1990, Sex::Female), Err(CccdError::SexMismatch));
    }

    #[test]
    fn compose_round_trips() {
        for (year, sex) in
            [(1950, Sex::Female), (1999, Sex::Male), (2000, Sex::Female), (2024, Sex::Male)]
        {
            let id = Cccd::compose("030", year, sex, 4321).unwrap();
            assert_eq!(id.check_against(year, sex), Ok(()), "{id}");
            assert!(id.as_str().ends_with("004321"));
        }
    }
}
