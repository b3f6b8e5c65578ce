//! Vaccination doses as a person declares them and a pass carries them: one range for the form, the
//! declaration and the pass payload.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum DosesError {
    #[error("the number of doses is not a whole number")]
    NotANumber,
    #[error("at most {} doses can be declared", Doses::MAX)]
    TooMany,
}

/// How many vaccine doses a person has had, 0 to `Doses::MAX`. Written as a plain number in JSON.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct Doses(u8);

impl Doses {
    /// No course has more; the pass payload has room for up to 63 (six bits).
    pub const MAX: u8 = 10;

    /// Every value a form may offer, from none up.
    pub fn all() -> impl Iterator<Item = Doses> {
        (0..=Doses::MAX).map(Doses)
    }

    /// As typed or posted by a form; surrounding spaces are ignored.
    pub fn parse(raw: &str) -> Result<Doses, DosesError> {
        let raw = raw.trim();
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DosesError::NotANumber);
        }
        // All digits: a failure to fit a u8 can only mean too many.
        raw.parse::<u8>().map_err(|_| DosesError::TooMany).and_then(Doses::try_from)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Doses {
    type Error = DosesError;
    fn try_from(n: u8) -> Result<Doses, DosesError> {
        if n <= Doses::MAX {
            Ok(Doses(n))
        } else {
            Err(DosesError::TooMany)
        }
    }
}

impl From<Doses> for u8 {
    fn from(doses: Doses) -> u8 {
        doses.0
    }
}

impl fmt::Display for Doses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("0", Ok(0))]
    #[case(" 3 ", Ok(3))]
    #[case("10", Ok(10))]
    #[case("010", Ok(10))]
    #[case("11", Err(DosesError::TooMany))]
    #[case("300", Err(DosesError::TooMany))]
    #[case("99999999999999999999", Err(DosesError::TooMany))]
    #[case("", Err(DosesError::NotANumber))]
    #[case("-1", Err(DosesError::NotANumber))]
    #[case("+2", Err(DosesError::NotANumber))]
    #[case("2.5", Err(DosesError::NotANumber))]
    #[case("two", Err(DosesError::NotANumber))]
    fn doses_are_read_from_form_text(#[case] raw: &str, #[case] expected: Result<u8, DosesError>) {
        assert_eq!(Doses::parse(raw).map(Doses::get), expected);
    }

    #[test]
    fn the_cap_is_ten_and_fits_the_six_bits_of_the_pass() {
        assert_eq!(Doses::try_from(10).map(Doses::get), Ok(10));
        assert_eq!(Doses::try_from(11), Err(DosesError::TooMany));
        const { assert!(Doses::MAX <= 63) };
    }

    #[test]
    fn a_form_offers_every_value_from_none_to_the_cap() {
        let offered: Vec<u8> = Doses::all().map(Doses::get).collect();
        assert_eq!(offered, (0..=10).collect::<Vec<u8>>());
    }

    #[test]
    fn doses_are_a_plain_json_number_checked_on_the_way_in() {
        let three = Doses::try_from(3).unwrap();
        assert_eq!(serde_json::to_string(&three).unwrap(), "3");
        assert_eq!(serde_json::from_str::<Doses>("3").unwrap(), three);
        assert!(serde_json::from_str::<Doses>("11").is_err());
        assert_eq!(three.to_string(), "3");
    }
}
