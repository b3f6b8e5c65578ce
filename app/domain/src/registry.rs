//! The population registry as its extracts carry it: one person per row, with where they are
//! permanently registered and where they currently reside. Read here, once, for the import and for
//! reconciliation alike.

use crate::date::CivilDate;
use crate::declaration::{self, Problem, MAX_ADDRESS, MAX_NAME};
use crate::identity::{DocumentNumber, Sex};
use crate::paper::typed_date;
use crate::reconciliation::{Facts, Registered};
use crate::text;
use crate::unit::UnitCode;

named_enum! {
    /// A column of a registry file, as its header names it.
    pub enum Column {
        DocumentNumber = "document_number", FullName = "full_name", BirthDate = "birth_date",
        Sex = "sex", PermanentCommune = "permanent_commune", CurrentCommune = "current_commune",
        Address = "address",
    }
}

/// A person as the registry holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub document_number: DocumentNumber,
    pub full_name: String,
    pub birth_date: CivilDate,
    pub sex: Sex,
    /// Where they are permanently registered (thường trú).
    pub permanent_commune: UnitCode,
    /// Where they currently reside (nơi ở hiện tại), the same commune for most people.
    pub current_commune: UnitCode,
    /// Their address in the commune they currently reside in.
    pub address: String,
}

impl Entry {
    /// The entry as reconciliation compares it with what a traveller declared.
    pub fn registered(&self) -> Registered<'_> {
        Registered {
            facts: Facts {
                full_name: &self.full_name,
                birth_date: self.birth_date,
                sex: self.sex,
                commune: &self.current_commune,
                address: &self.address,
            },
            permanent_commune: &self.permanent_commune,
        }
    }
}

/// What is wrong with a row, and in which column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryProblem {
    pub column: Column,
    pub problem: Problem,
}

/// Reads one row of a registry file: `field` gives the text of each column (empty when blank).
/// Dates are `yyyy-mm-dd` or `dd/mm/yyyy`; sex `Nam`/`Nữ` or `male`/`female`; communes are codes of
/// the unit tree in use (`is_commune`). Every problem of the row is reported, not only the first.
pub fn read<'a>(
    field: impl Fn(Column) -> &'a str,
    today: CivilDate,
    is_commune: impl Fn(&UnitCode) -> bool,
) -> Result<Entry, Vec<EntryProblem>> {
    let mut problems = Vec::new();
    let mut fail = |column, problem| problems.push(EntryProblem { column, problem });
    let blank_or =
        |raw: &str, otherwise| if raw.trim().is_empty() { Problem::Required } else { otherwise };

    let typed_number: String =
        field(Column::DocumentNumber).chars().filter(|c| !c.is_whitespace()).collect();
    let document_number = DocumentNumber::parse(&typed_number)
        .map_err(|_| {
            fail(
                Column::DocumentNumber,
                blank_or(&typed_number, Problem::CmndNotNineOrTwelveDigits),
            )
        })
        .ok();
    let full_name = text::clean(field(Column::FullName));
    if full_name.is_empty() {
        fail(Column::FullName, Problem::Required);
    } else if full_name.chars().count() > MAX_NAME {
        fail(Column::FullName, Problem::TooLong);
    } else if !text::is_person_name(&full_name) {
        fail(Column::FullName, Problem::NotAName);
    }
    let birth_date = match declaration::parse_date(&typed_date(field(Column::BirthDate))) {
        Ok(d) if d > today => {
            fail(Column::BirthDate, Problem::InTheFuture);
            None
        }
        Ok(d) => Some(d),
        Err(problem) => {
            fail(Column::BirthDate, problem);
            None
        }
    };
    let raw_sex = field(Column::Sex);
    let sex = Sex::typed(raw_sex);
    if sex.is_none() {
        fail(Column::Sex, blank_or(raw_sex, Problem::NotAChoice));
    }
    let mut commune = |column| {
        let raw = field(column);
        match UnitCode::parse(raw) {
            Ok(code) if is_commune(&code) => Some(code),
            _ => {
                fail(column, blank_or(raw, Problem::NotACommune));
                None
            }
        }
    };
    let permanent_commune = commune(Column::PermanentCommune);
    let current_commune = commune(Column::CurrentCommune);
    let address = text::clean(field(Column::Address));
    if address.is_empty() {
        fail(Column::Address, Problem::Required);
    } else if address.chars().count() > MAX_ADDRESS {
        fail(Column::Address, Problem::TooLong);
    }
    match (document_number, birth_date, sex, permanent_commune, current_commune) {
        (Some(document_number), Some(birth_date), Some(sex), Some(permanent), Some(current))
            if problems.is_empty() =>
        {
            Ok(Entry {
                document_number,
                full_name,
                birth_date,
                sex,
                permanent_commune: permanent,
                current_commune: current,
                address,
            })
        }
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: CivilDate = CivilDate { year: 2026, month: 12, day: 7 };

    fn row(values: [&'static str; 7]) -> impl Fn(Column) -> &'static str {
        move |c| values[Column::ALL.iter().position(|x| *x == c).unwrap()]
    }

    fn communes(code: &UnitCode) -> bool {
        ["10507", "10510"].contains(&code.as_str())
    }

    #[test]
    fn a_row_as_an_extract_writes_it_is_read_cleaned() {
        let got = read(
            row([
                "0300 9000 1234",
                "  Nguyễn   Văn An ",
                "02/01/1990",
                "Nam",
                "10507",
                "10510",
                "Số 12,  thôn Đông",
            ]),
            TODAY,
            communes,
        )
        .unwrap();
        assert_eq!(got.document_number.as_str(), "030090001234");
        assert_eq!(got.full_name, "Nguyễn Văn An");
        assert_eq!(got.birth_date, CivilDate { year: 1990, month: 1, day: 2 });
        assert_eq!(got.sex, Sex::Male);
        assert_eq!(got.permanent_commune.as_str(), "10507");
        assert_eq!(got.current_commune.as_str(), "10510");
        assert_eq!(got.address, "Số 12, thôn Đông");
        let iso = read(
            row([
                "030090001234",
                "Nguyễn Văn An",
                "1990-01-02",
                "male",
                "10507",
                "10510",
                "Số 12, thôn Đông",
            ]),
            TODAY,
            communes,
        );
        assert_eq!(iso, Ok(got));
    }

    #[test]
    fn every_problem_of_a_row_is_reported_by_column() {
        let got = read(row(["12345", "", "31/02/1990", "x", "99999", "", "  "]), TODAY, communes)
            .unwrap_err();
        let seen: Vec<(Column, Problem)> = got.iter().map(|p| (p.column, p.problem)).collect();
        assert_eq!(
            seen,
            [
                (Column::DocumentNumber, Problem::CmndNotNineOrTwelveDigits),
                (Column::FullName, Problem::Required),
                (Column::BirthDate, Problem::NotADate),
                (Column::Sex, Problem::NotAChoice),
                (Column::PermanentCommune, Problem::NotACommune),
                (Column::CurrentCommune, Problem::Required),
                (Column::Address, Problem::Required),
            ]
        );
    }

    #[test]
    fn a_birth_date_after_today_is_refused() {
        let got = read(
            row(["030090001234", "Lê Thị Hoa", "08/12/2026", "Nữ", "10507", "10507", "Số 1"]),
            TODAY,
            communes,
        );
        assert_eq!(
            got,
            Err(vec![EntryProblem { column: Column::BirthDate, problem: Problem::InTheFuture }])
        );
    }

    #[test]
    fn an_entry_is_compared_where_it_currently_resides() {
        let entry = read(
            row(["030090001234", "Lê Thị Hoa", "1990-01-02", "nu", "10507", "10510", "Số 1"]),
            TODAY,
            communes,
        )
        .unwrap();
        let registered = entry.registered();
        assert_eq!(registered.facts.commune.as_str(), "10510");
        assert_eq!(registered.permanent_commune.as_str(), "10507");
        assert_eq!(registered.facts.sex, Sex::Female);
    }
}
