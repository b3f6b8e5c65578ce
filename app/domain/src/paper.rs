//! Paper declarations: the form a traveller without a smartphone fills at the checkpoint, as an officer
//! types it or a file of typed forms carries it. The fields are the online declaration's, checked by the
//! same `declaration::validate`; what is written here is only how paper is typed (dates as `ddmmyyyy`,
//! yes/no in either language, the paper's serial number) and when a form is the same trip as a
//! declaration ZonePass already holds.

use crate::date::CivilDate;
use crate::declaration::{self, Declaration, DeclarationInput, FieldError, Problem};
use serde::{Deserialize, Serialize};

use crate::text;
use crate::unit::UnitCode;

named_enum! {
    /// A column of an import file: the declaration API's fields, then the paper's own two.
    pub enum Column {
        DocumentType = "document_type", DocumentNumber = "document_number", FullName = "full_name",
        BirthDate = "birth_date", Sex = "sex", Phone = "phone",
        ResidenceCommune = "residence_commune", ResidenceAddress = "residence_address",
        OriginCommune = "origin_commune", DestinationCommune = "destination_commune",
        TravelDate = "travel_date", Vehicle = "vehicle", VehiclePlate = "vehicle_plate",
        Symptoms = "symptoms", CloseContact = "close_contact",
        VaccinationDoses = "vaccination_doses", FormNumber = "form_number", CollectedOn = "collected_on",
    }
}

named_enum! {
    /// What typing a paper form did.
    pub enum Outcome {
        /// A new declaration.
        Created = "created",
        /// Joined to the same person's declaration for the same trip, online or on an earlier form.
        Linked = "linked",
        /// Kept as typed, illegible, until someone checks the paper.
        NeedsChecking = "needs_checking",
    }
}

/// A paper form's problem: the column (or form field) it is in, and what is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperProblem {
    pub column: Column,
    pub problem: Problem,
}

impl From<FieldError> for PaperProblem {
    fn from(e: FieldError) -> PaperProblem {
        let column = Column::parse(e.field.as_str())
            .unwrap_or_else(|| unreachable!("every declaration field is a column"));
        PaperProblem { column, problem: e.problem }
    }
}

/// A checked paper form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperForm {
    /// The serial number printed on the paper: one form, one record, however often it is typed.
    pub form_number: String,
    /// The day the checkpoint collected it: the day its declaration is judged against.
    pub collected_on: CivilDate,
    pub declaration: Declaration,
}

const MAX_FORM_NUMBER: usize = 40;
/// Paper forms are typed the same day or soon after; older paper is past the time its data is kept.
pub const MAX_PAPER_AGE_DAYS: i64 = 30;

/// A date as officers type it from paper or a spreadsheet writes it: `ddmmyyyy`, `dd/mm/yyyy` (also with
/// dots or dashes, and one-digit day or month) or `yyyy-mm-dd`, as `yyyy-mm-dd`. Anything else is given
/// back unchanged, so that the declaration's own check reports it.
pub fn typed_date(raw: &str) -> String {
    let raw = raw.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if raw.len() == 8 && digits(raw) {
        return format!("{}-{}-{}", &raw[4..], &raw[2..4], &raw[..2]);
    }
    let parts: Vec<&str> = raw.split(['/', '.', '-']).collect();
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
            if digits(d) && digits(m) && digits(y) {
                format!("{y}-{m:0>2}-{d:0>2}")
            } else {
                raw.to_owned()
            }
        }
        _ => raw.to_owned(),
    }
}

/// Yes or no as paper and spreadsheets write it, in Vietnamese or English, with or without diacritics.
pub fn typed_flag(raw: &str) -> Option<bool> {
    match text::fold(raw).as_str() {
        "yes" | "true" | "co" | "y" | "x" | "1" => Some(true),
        "no" | "false" | "khong" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

/// Reads one row of an import file: `field` gives the text of each column (empty when blank).
pub fn read(
    field: impl Fn(Column) -> String,
    today: CivilDate,
    is_commune: impl Fn(&UnitCode) -> bool,
) -> Result<PaperForm, Vec<PaperProblem>> {
    let mut problems = Vec::new();
    let close_contact = typed_flag(&field(Column::CloseContact));
    if close_contact.is_none() {
        problems.push(PaperProblem { column: Column::CloseContact, problem: Problem::NotAChoice });
    }
    let doses = field(Column::VaccinationDoses);
    let vaccination_doses = match doses.trim() {
        "" => Some(0),
        typed => typed.parse::<u8>().ok(),
    };
    if vaccination_doses.is_none() {
        problems
            .push(PaperProblem { column: Column::VaccinationDoses, problem: Problem::NotAChoice });
    }
    let typed = TypedForm {
        form_number: field(Column::FormNumber),
        collected_on: field(Column::CollectedOn),
        input: DeclarationInput {
            document_type: field(Column::DocumentType),
            document_number: field(Column::DocumentNumber),
            full_name: field(Column::FullName),
            birth_date: field(Column::BirthDate),
            sex: field(Column::Sex),
            phone: field(Column::Phone),
            residence_commune: field(Column::ResidenceCommune),
            residence_address: field(Column::ResidenceAddress),
            origin_commune: field(Column::OriginCommune),
            destination_commune: field(Column::DestinationCommune),
            travel_date: field(Column::TravelDate),
            vehicle: field(Column::Vehicle),
            vehicle_plate: field(Column::VehiclePlate),
            symptoms: field(Column::Symptoms)
                .split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            close_contact: close_contact.unwrap_or_default(),
            vaccination_doses: vaccination_doses.unwrap_or_default(),
        },
    };
    match typed.check(today, is_commune) {
        Ok(form) if problems.is_empty() => Ok(form),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// A paper form as an officer typed it on the entry screen: the declaration's fields, the serial number
/// and the day it was collected, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypedForm {
    pub form_number: String,
    pub collected_on: String,
    #[serde(flatten)]
    pub input: DeclarationInput,
}

impl TypedForm {
    /// Checks the form as the declaration it carries would be checked on the day the paper was
    /// collected (`today` is the server's date in Vietnam), so a form typed the morning after still
    /// carries the trip it was written for.
    pub fn check(
        &self,
        today: CivilDate,
        is_commune: impl Fn(&UnitCode) -> bool,
    ) -> Result<PaperForm, Vec<PaperProblem>> {
        let mut problems = Vec::new();
        let form_number = text::clean(&self.form_number);
        if form_number.is_empty() {
            problems.push(PaperProblem { column: Column::FormNumber, problem: Problem::Required });
        } else if form_number.chars().count() > MAX_FORM_NUMBER {
            problems.push(PaperProblem { column: Column::FormNumber, problem: Problem::TooLong });
        }
        let collected_on = match declaration::parse_date(&typed_date(&self.collected_on)) {
            Ok(d) if d > today => Err(Problem::InTheFuture),
            Ok(d)
                if today.days_since_unix_epoch() - d.days_since_unix_epoch()
                    > MAX_PAPER_AGE_DAYS =>
            {
                Err(Problem::InThePast)
            }
            checked => checked,
        };
        let collected_day = match collected_on {
            Ok(day) => day,
            Err(problem) => {
                problems.push(PaperProblem { column: Column::CollectedOn, problem });
                today
            }
        };
        let input = DeclarationInput {
            document_type: self.input.document_type.trim().to_lowercase(),
            birth_date: typed_date(&self.input.birth_date),
            sex: sex(&self.input.sex),
            travel_date: typed_date(&self.input.travel_date),
            vehicle: self.input.vehicle.trim().to_lowercase(),
            ..self.input.clone()
        };
        match declaration::validate(&input, collected_day, is_commune) {
            Ok(declaration) if problems.is_empty() => {
                Ok(PaperForm { form_number, collected_on: collected_day, declaration })
            }
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.extend(errors.into_iter().map(PaperProblem::from));
                Err(problems)
            }
        }
    }
}

/// Sex as paper writes it: `nam`/`nữ` or `male`/`female`, any case, with or without diacritics.
fn sex(raw: &str) -> String {
    match text::fold(raw).as_str() {
        "nam" | "m" | "male" => "male".to_owned(),
        "nu" | "f" | "female" => "female".to_owned(),
        _ => raw.trim().to_owned(),
    }
}

/// What decides whether two declarations are one person's one trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    pub document_number: String,
    /// The name folded (`text::fold`): no diacritics, lower case.
    pub name_folded: String,
    pub birth_date: CivilDate,
    pub travel_date: CivilDate,
    pub destination: UnitCode,
}

/// Two document numbers that can be one person's: different cards, or one misread from the other.
fn may_be_misread(a: &str, b: &str) -> bool {
    a.len() != b.len() || a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() <= 2
}

/// A pass is valid 72 hours: declarations to the same place whose travel dates lie within that span
/// are the same trip.
pub const SAME_TRIP_DAYS: i64 = 2;

impl Trip {
    pub fn of(d: &Declaration) -> Trip {
        Trip {
            document_number: d.document_number.to_string(),
            name_folded: text::fold(&d.full_name),
            birth_date: d.birth_date,
            travel_date: d.travel_date,
            destination: d.destination_commune.clone(),
        }
    }

    /// One person: the same document number, or the same name (ignoring diacritics and case) and birth
    /// date with a number that may be a misreading of the other (at most two digits apart) or the other
    /// card (a 9-digit CMND beside a 12-digit CCCD). Two valid numbers further apart are two people who
    /// share a name and a birthday, which in a province of two million happens.
    pub fn same_person(&self, other: &Trip) -> bool {
        self.document_number == other.document_number
            || (self.name_folded == other.name_folded
                && self.birth_date == other.birth_date
                && may_be_misread(&self.document_number, &other.document_number))
    }

    /// One person travelling to the same commune within a pass's 72 hours.
    pub fn same_trip(&self, other: &Trip) -> bool {
        let apart =
            self.travel_date.days_since_unix_epoch() - other.travel_date.days_since_unix_epoch();
        self.same_person(other)
            && apart.abs() <= SAME_TRIP_DAYS
            && self.destination == other.destination
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn today() -> CivilDate {
        CivilDate::new(2026, 12, 7).unwrap()
    }

    fn communes(code: &UnitCode) -> bool {
        ["10507", "10510", "00004"].contains(&code.as_str())
    }

    fn row(overrides: &[(Column, &str)]) -> impl Fn(Column) -> String {
        let overrides: Vec<(Column, String)> =
            overrides.iter().map(|(c, v)| (*c, (*v).to_owned())).collect();
        move |column| {
            if let Some((_, v)) = overrides.iter().find(|(c, _)| *c == column) {
                return v.clone();
            }
            match column {
                Column::DocumentType => "CCCD",
                Column::DocumentNumber => "030190012345",
                Column::FullName => "Nguyễn Thị Hằng",
                Column::BirthDate => "28021990",
                Column::Sex => "Nữ",
                Column::Phone => "0912345678",
                Column::ResidenceCommune => "10507",
                Column::ResidenceAddress => "Số 5, Thôn 2",
                Column::OriginCommune => "00004",
                Column::DestinationCommune => "10507",
                Column::TravelDate => "06/12/2026",
                Column::Vehicle => "Motorbike",
                Column::VehiclePlate => "",
                Column::Symptoms => "fever; cough",
                Column::CloseContact => "không",
                Column::VaccinationDoses => "2",
                Column::FormNumber => "HD01-000123",
                Column::CollectedOn => "2026-12-06",
            }
            .to_owned()
        }
    }

    #[rstest]
    #[case("28021990", "1990-02-28")]
    #[case("28/02/1990", "1990-02-28")]
    #[case("8/2/1990", "1990-02-08")]
    #[case("28.02.1990", "1990-02-28")]
    #[case("1990-02-28", "1990-02-28")]
    #[case(" 1990-02-28 ", "1990-02-28")]
    #[case("28 Feb 1990", "28 Feb 1990")]
    #[case("2802199", "2802199")]
    fn dates_are_typed_as_paper_writes_them(#[case] typed: &str, #[case] iso: &str) {
        assert_eq!(typed_date(typed), iso);
    }

    #[rstest]
    #[case("có", Some(true))]
    #[case("Co", Some(true))]
    #[case("YES", Some(true))]
    #[case("true", Some(true))]
    #[case("không", Some(false))]
    #[case("khong", Some(false))]
    #[case("No", Some(false))]
    #[case("false", Some(false))]
    #[case("", Some(false))]
    #[case("maybe", None)]
    fn yes_and_no_in_either_language(#[case] typed: &str, #[case] flag: Option<bool>) {
        assert_eq!(typed_flag(typed), flag);
    }

    #[test]
    fn a_typed_form_becomes_a_declaration_judged_on_the_day_it_was_collected() {
        let form = read(row(&[]), today(), communes).unwrap();
        assert_eq!(form.form_number, "HD01-000123");
        assert_eq!(form.collected_on, CivilDate::new(2026, 12, 6).unwrap());
        let d = form.declaration;
        assert_eq!(d.birth_date, CivilDate::new(1990, 2, 28).unwrap());
        assert_eq!(d.sex, crate::identity::Sex::Female);
        assert_eq!(d.symptoms.len(), 2);
        assert!(!d.close_contact);
        // Travel two days before today is refused online, and fine on paper collected the day before.
        let late = read(
            row(&[(Column::TravelDate, "05122026"), (Column::CollectedOn, "06/12/2026")]),
            today(),
            communes,
        );
        assert!(late.is_ok(), "{late:?}");
    }

    #[test]
    fn every_problem_of_a_form_names_its_column() {
        let problems = read(
            row(&[
                (Column::DocumentNumber, "12345"),
                (Column::CloseContact, "perhaps"),
                (Column::VaccinationDoses, "two"),
                (Column::FormNumber, ""),
                (Column::CollectedOn, "2026-12-08"),
                (Column::DestinationCommune, "99999"),
            ]),
            today(),
            communes,
        )
        .unwrap_err();
        let found: Vec<(Column, Problem)> =
            problems.iter().map(|p| (p.column, p.problem)).collect();
        for expected in [
            (Column::FormNumber, Problem::Required),
            (Column::CollectedOn, Problem::InTheFuture),
            (Column::CloseContact, Problem::NotAChoice),
            (Column::VaccinationDoses, Problem::NotAChoice),
            (Column::DocumentNumber, Problem::CccdNotTwelveDigits),
            (Column::DestinationCommune, Problem::NotACommune),
        ] {
            assert!(found.contains(&expected), "{expected:?} missing from {found:?}");
        }
    }

    #[test]
    fn paper_older_than_its_keeping_time_is_refused() {
        let problems =
            read(row(&[(Column::CollectedOn, "01/10/2026")]), today(), communes).unwrap_err();
        assert_eq!(
            problems,
            [PaperProblem { column: Column::CollectedOn, problem: Problem::InThePast }]
        );
    }

    #[test]
    fn every_declaration_field_is_a_column_of_the_same_name() {
        for field in crate::declaration::Field::ALL {
            assert_eq!(Column::parse(field.as_str()).map(Column::as_str), Some(field.as_str()));
        }
    }

    fn trip(number: &str, name: &str, travel_day: u8, destination: &str) -> Trip {
        Trip {
            document_number: number.into(),
            name_folded: text::fold(name),
            birth_date: CivilDate::new(1990, 2, 28).unwrap(),
            travel_date: CivilDate::new(2026, 12, travel_day).unwrap(),
            destination: UnitCode::parse(destination).unwrap(),
        }
    }

    #[test]
    fn the_same_person_on_the_same_trip_is_found_by_number_or_by_name_and_birth_date() {
        let online = trip("030190012345", "Nguyễn Thị Hằng", 6, "10507");
        assert!(online.same_trip(&trip("030190012345", "Nguyen Thi Hang", 7, "10507")));
        assert!(online.same_trip(&trip("030190012399", "NGUYEN THI HANG", 5, "10507")));
        assert!(online.same_trip(&trip("123456789", "Nguyen Thi Hang", 6, "10507")));
        assert!(online.same_trip(&trip("030190012345", "Someone Else", 8, "10507")));
        assert!(!online.same_trip(&trip("030190098765", "Nguyễn Thị Hằng", 6, "10507")));
        assert!(!online.same_trip(&trip("030190012345", "Nguyễn Thị Hằng", 9, "10507")));
        assert!(!online.same_trip(&trip("030190012345", "Nguyễn Thị Hằng", 6, "10510")));
        assert!(!online.same_trip(&trip("030190012399", "Nguyễn Thị Hà", 6, "10507")));
    }
}
