//! Vaccination doses as a person declares them and a pass carries them (one range for the form, the
//! declaration and the pass payload), and as the vaccination database records them, dose by dose.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::date::CivilDate;
use crate::declaration::{self, Problem};
use crate::identity::DocumentNumber;
use crate::paper::typed_date;
use crate::text;

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

named_enum! {
    /// A column of a vaccination extract, as its header names it.
    pub enum Column {
        DocumentNumber = "document_number", Dose = "dose", Date = "date", Vaccine = "vaccine",
        Site = "site",
    }
}

/// One dose given, as the vaccination database records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shot {
    pub document_number: DocumentNumber,
    /// Which dose of the person's course: 1 for the first.
    pub dose: u8,
    pub date: CivilDate,
    pub vaccine: String,
    /// Where it was given.
    pub site: String,
}

/// What is wrong with a row of a vaccination extract, and in which column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShotProblem {
    pub column: Column,
    pub problem: Problem,
}

/// Vaccine names and sites are short labels; anything longer is not what the column holds.
const MAX_LABEL: usize = 200;

/// Reads one row of a vaccination extract: `field` gives the text of each column. The dose is 1 to
/// [`Doses::MAX`]; the date `yyyy-mm-dd` or `dd/mm/yyyy`, not after `today`.
pub fn read<'a>(
    field: impl Fn(Column) -> &'a str,
    today: CivilDate,
) -> Result<Shot, Vec<ShotProblem>> {
    let mut problems = Vec::new();
    let mut fail = |column, problem| problems.push(ShotProblem { column, problem });
    let typed_number: String =
        field(Column::DocumentNumber).chars().filter(|c| !c.is_whitespace()).collect();
    let document_number = DocumentNumber::parse(&typed_number).ok();
    if document_number.is_none() {
        let problem = if typed_number.is_empty() {
            Problem::Required
        } else {
            Problem::CmndNotNineOrTwelveDigits
        };
        fail(Column::DocumentNumber, problem);
    }
    let dose = match Doses::parse(field(Column::Dose)) {
        Ok(d) if d.get() >= 1 => Some(d.get()),
        Ok(_) => {
            fail(Column::Dose, Problem::NotAChoice);
            None
        }
        Err(DosesError::TooMany) => {
            fail(Column::Dose, Problem::TooMany);
            None
        }
        Err(DosesError::NotANumber) => {
            let raw = field(Column::Dose);
            fail(
                Column::Dose,
                if raw.trim().is_empty() { Problem::Required } else { Problem::NotAChoice },
            );
            None
        }
    };
    let date = match declaration::parse_date(&typed_date(field(Column::Date))) {
        Ok(d) if d > today => {
            fail(Column::Date, Problem::InTheFuture);
            None
        }
        Ok(d) => Some(d),
        Err(problem) => {
            fail(Column::Date, problem);
            None
        }
    };
    let mut label = |column| {
        let text = text::clean(field(column));
        if text.is_empty() {
            fail(column, Problem::Required);
        } else if text.chars().count() > MAX_LABEL {
            fail(column, Problem::TooLong);
        }
        text
    };
    let vaccine = label(Column::Vaccine);
    let site = label(Column::Site);
    match (document_number, dose, date) {
        (Some(document_number), Some(dose), Some(date)) if problems.is_empty() => {
            Ok(Shot { document_number, dose, date, vaccine, site })
        }
        _ => Err(problems),
    }
}

/// The doses a person has on record, from the shots the vaccination database holds for them (each
/// dose once): as many as are recorded, capped at what a declaration can say.
pub fn registered_doses(shots: usize) -> Doses {
    Doses(u8::try_from(shots).unwrap_or(u8::MAX).min(Doses::MAX))
}

/// Whether what a person declared disagrees with the record: shown beside each other, and flagged,
/// at the checkpoint, on the lists and in the report. No record at all is 0 doses on record.
pub fn differs(declared: Doses, registered: Doses) -> bool {
    declared != registered
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const TODAY: CivilDate = CivilDate { year: 2026, month: 12, day: 7 };

    fn shot_row(values: [&'static str; 5]) -> impl Fn(Column) -> &'static str {
        move |c| values[Column::ALL.iter().position(|x| *x == c).unwrap()]
    }

    #[test]
    fn a_dose_row_is_read_as_the_database_writes_it() {
        let got = read(
            shot_row(["030090001234", "2", "15/09/2021", " Vero Cell ", "TYT Phường 1"]),
            TODAY,
        )
        .unwrap();
        assert_eq!(got.document_number.as_str(), "030090001234");
        assert_eq!((got.dose, got.date), (2, CivilDate { year: 2021, month: 9, day: 15 }));
        assert_eq!((got.vaccine.as_str(), got.site.as_str()), ("Vero Cell", "TYT Phường 1"));
    }

    #[test]
    fn every_problem_of_a_dose_row_is_named() {
        let got = read(shot_row(["12", "0", "2027-01-01", "", "x"]), TODAY).unwrap_err();
        let seen: Vec<(Column, Problem)> = got.iter().map(|p| (p.column, p.problem)).collect();
        assert_eq!(
            seen,
            [
                (Column::DocumentNumber, Problem::CmndNotNineOrTwelveDigits),
                (Column::Dose, Problem::NotAChoice),
                (Column::Date, Problem::InTheFuture),
                (Column::Vaccine, Problem::Required),
            ]
        );
        let too_many = read(shot_row(["030090001234", "11", "2021-09-15", "AZ", "x"]), TODAY);
        assert_eq!(
            too_many.unwrap_err(),
            [ShotProblem { column: Column::Dose, problem: Problem::TooMany }]
        );
    }

    #[test]
    fn what_is_declared_is_compared_with_what_is_recorded() {
        let two = Doses::try_from(2).unwrap();
        assert_eq!(registered_doses(2), two);
        assert_eq!(registered_doses(300), Doses::try_from(Doses::MAX).unwrap());
        assert!(!differs(two, registered_doses(2)));
        assert!(differs(two, registered_doses(0)));
    }

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
