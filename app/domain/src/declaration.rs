//! A citizen's travel declaration: every field as typed, checked the same way in the browser (as the
//! person types) and on the server (before anything is stored). Errors name the field and the problem;
//! the words for them live in the app's translation table.

use serde::{Deserialize, Serialize};

use crate::date::CivilDate;
use crate::identity::{Cccd, CccdError, DocumentNumber, Sex};
use crate::pass::DocumentKind;
use crate::text;
use crate::unit::UnitCode;
use crate::vaccination::Doses;

/// The form as submitted: text as typed, before any check. Missing fields read as empty, so they are
/// reported as required fields rather than as a malformed request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DeclarationInput {
    /// `cccd` or `cmnd`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(cccd|cmnd)$"))]
    pub document_type: String,
    /// 12 digits for a CCCD, whose digits 4-6 also encode the sex and birth year (checked against
    /// `sex` and `birth_date`); 9 or 12 for a CMND.
    #[cfg_attr(feature = "openapi", schema(pattern = "^([0-9]{9}|[0-9]{12})$"))]
    pub document_number: String,
    /// Letters, combining marks, spaces, apostrophes, hyphens and dots.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub full_name: String,
    /// `YYYY-MM-DD`, not in the future.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub birth_date: String,
    /// `male` or `female`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(male|female)$"))]
    pub sex: String,
    /// A Vietnamese mobile number, `0912345678` or `+84912345678` (spaces, dots and dashes allowed).
    #[cfg_attr(feature = "openapi", schema(min_length = 9, max_length = 20))]
    pub phone: String,
    /// A commune code of the active unit tree (5 digits).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{5}$"))]
    pub residence_commune: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub residence_address: String,
    /// A commune code of the active unit tree (5 digits).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{5}$"))]
    pub origin_commune: String,
    /// A commune code of the active unit tree (5 digits).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{5}$"))]
    pub destination_commune: String,
    /// `YYYY-MM-DD` in Vietnam's calendar: from yesterday to 14 days ahead.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub travel_date: String,
    /// car, motorbike, bus, train, plane, boat or other.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(car|motorbike|bus|train|plane|boat|other)$")
    )]
    pub vehicle: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 15))]
    pub vehicle_plate: String,
    /// Any of fever, cough, shortness_of_breath, sore_throat, nausea, diarrhoea, skin_bleeding, rash.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Symptom>))]
    pub symptoms: Vec<String>,
    pub close_contact: bool,
    /// Kept a plain number here so that too many is reported as a field error by `validate`, not as a
    /// request that cannot be read.
    #[cfg_attr(feature = "openapi", schema(maximum = 10))]
    pub vaccination_doses: u8,
}

named_enum! {
    pub enum Vehicle {
        Car = "car", Motorbike = "motorbike", Bus = "bus", Train = "train", Plane = "plane",
        Boat = "boat", Other = "other",
    }
}

named_enum! {
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Symptom {
        Fever = "fever", Cough = "cough", ShortnessOfBreath = "shortness_of_breath",
        SoreThroat = "sore_throat", Nausea = "nausea", Diarrhoea = "diarrhoea",
        SkinBleeding = "skin_bleeding", Rash = "rash",
    }
}

named_enum! {
    /// How a declaration reached ZonePass: from the citizen's phone, or typed from a paper form.
    pub enum Channel { Online = "online", Paper = "paper" }
    unknown UnknownChannel = "a channel (online, paper)";
}

/// A declaration whose every field has been checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub document_kind: DocumentKind,
    pub document_number: DocumentNumber,
    pub full_name: String,
    pub birth_date: CivilDate,
    pub sex: Sex,
    /// Ten digits starting with 0.
    pub phone: String,
    pub residence_commune: UnitCode,
    pub residence_address: String,
    pub origin_commune: UnitCode,
    pub destination_commune: UnitCode,
    pub travel_date: CivilDate,
    pub vehicle: Vehicle,
    pub vehicle_plate: String,
    pub symptoms: Vec<Symptom>,
    pub close_contact: bool,
    pub vaccination_doses: Doses,
}

named_enum! {
    pub enum Field {
        DocumentType = "document_type", DocumentNumber = "document_number", FullName = "full_name",
        BirthDate = "birth_date", Sex = "sex", Phone = "phone",
        ResidenceCommune = "residence_commune", ResidenceAddress = "residence_address",
        OriginCommune = "origin_commune", DestinationCommune = "destination_commune",
        TravelDate = "travel_date", Vehicle = "vehicle", VehiclePlate = "vehicle_plate",
        Symptoms = "symptoms", VaccinationDoses = "vaccination_doses",
    }
}

named_enum! {
    pub enum Problem {
        Required = "required", TooLong = "too_long", NotAChoice = "not_a_choice",
        CccdNotTwelveDigits = "cccd_not_twelve_digits", CccdUnknownProvince = "cccd_unknown_province",
        CccdBirthYearMismatch = "cccd_birth_year_mismatch", CccdSexMismatch = "cccd_sex_mismatch",
        CmndNotNineOrTwelveDigits = "cmnd_not_nine_or_twelve_digits", NotADate = "not_a_date",
        InTheFuture = "in_the_future", TooFarAhead = "too_far_ahead",
        /// A trip dated before yesterday.
        InThePast = "in_the_past",
        /// Characters a person's name is not written with (digits, symbols, control characters).
        NotAName = "not_a_name",
        NotAVietnameseMobile = "not_a_vietnamese_mobile", NotACommune = "not_a_commune",
        TooMany = "too_many",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

pub(crate) const MAX_NAME: usize = 100;
pub(crate) const MAX_ADDRESS: usize = 200;
const MAX_PLATE: usize = 15;
/// A declaration is for a trip in the coming days, not months ahead.
pub const MAX_DAYS_AHEAD: i64 = 14;

/// Checks a declaration against today's date and the unit tree (`is_commune`).
pub fn validate(
    input: &DeclarationInput,
    today: CivilDate,
    is_commune: impl Fn(&UnitCode) -> bool,
) -> Result<Declaration, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError { field, problem });

    let full_name = text::clean(&input.full_name);
    if full_name.is_empty() {
        fail(Field::FullName, Problem::Required);
    } else if full_name.chars().count() > MAX_NAME {
        fail(Field::FullName, Problem::TooLong);
    } else if !text::is_person_name(&full_name) {
        fail(Field::FullName, Problem::NotAName);
    }
    let sex = Sex::parse(&input.sex);
    if sex.is_none() {
        fail(
            Field::Sex,
            if input.sex.trim().is_empty() { Problem::Required } else { Problem::NotAChoice },
        );
    }
    let birth_date = match parse_date(&input.birth_date) {
        Err(problem) => {
            fail(Field::BirthDate, problem);
            None
        }
        Ok(d) if d > today => {
            fail(Field::BirthDate, Problem::InTheFuture);
            None
        }
        Ok(d) => Some(d),
    };
    let document_kind = match DocumentKind::parse(&input.document_type) {
        Some(kind) => Some(kind),
        None if input.document_type.trim().is_empty() => {
            fail(Field::DocumentType, Problem::Required);
            None
        }
        None => {
            fail(Field::DocumentType, Problem::NotAChoice);
            None
        }
    };
    // People type the number in groups, as the card prints it.
    let typed_number: String =
        input.document_number.chars().filter(|c| !c.is_whitespace()).collect();
    let document_number = match document_kind {
        Some(DocumentKind::Cccd) => match Cccd::parse(&typed_number) {
            Err(e) => {
                fail(Field::DocumentNumber, cccd_problem(&e));
                None
            }
            Ok(id) => {
                if let (Some(b), Some(s)) = (birth_date, sex) {
                    if let Err(e) = id.check_against(i32::from(b.year), s) {
                        fail(Field::DocumentNumber, cccd_problem(&e));
                    }
                }
                Some(DocumentNumber::from(id))
            }
        },
        Some(DocumentKind::Cmnd) => match DocumentNumber::parse(&typed_number) {
            Ok(number) => Some(number),
            Err(_) => {
                fail(Field::DocumentNumber, Problem::CmndNotNineOrTwelveDigits);
                None
            }
        },
        None => None,
    };
    let phone = normalise_phone(&input.phone);
    if phone.is_none() {
        fail(
            Field::Phone,
            if input.phone.trim().is_empty() {
                Problem::Required
            } else {
                Problem::NotAVietnameseMobile
            },
        );
    }
    let mut commune = |field, raw: &str| match UnitCode::parse(raw) {
        Ok(code) if is_commune(&code) => Some(code),
        _ => {
            fail(
                field,
                if raw.trim().is_empty() { Problem::Required } else { Problem::NotACommune },
            );
            None
        }
    };
    let residence_commune = commune(Field::ResidenceCommune, &input.residence_commune);
    let origin_commune = commune(Field::OriginCommune, &input.origin_commune);
    let destination_commune = commune(Field::DestinationCommune, &input.destination_commune);
    let residence_address = text::clean(&input.residence_address);
    if residence_address.is_empty() {
        fail(Field::ResidenceAddress, Problem::Required);
    } else if residence_address.chars().count() > MAX_ADDRESS {
        fail(Field::ResidenceAddress, Problem::TooLong);
    }
    let travel_date = match parse_date(&input.travel_date) {
        Err(problem) => {
            fail(Field::TravelDate, problem);
            None
        }
        Ok(d) if days_between(today, d) > MAX_DAYS_AHEAD => {
            fail(Field::TravelDate, Problem::TooFarAhead);
            None
        }
        // Yesterday still counts: a traveller who crossed late at night declares the morning after.
        Ok(d) if days_between(today, d) < -1 => {
            fail(Field::TravelDate, Problem::InThePast);
            None
        }
        Ok(d) => Some(d),
    };
    let vehicle = Vehicle::ALL.into_iter().find(|v| v.as_str() == input.vehicle.trim());
    if vehicle.is_none() {
        fail(
            Field::Vehicle,
            if input.vehicle.trim().is_empty() { Problem::Required } else { Problem::NotAChoice },
        );
    }
    let vehicle_plate = text::clean(&input.vehicle_plate).to_uppercase();
    if vehicle_plate.chars().count() > MAX_PLATE {
        fail(Field::VehiclePlate, Problem::TooLong);
    }
    let mut symptoms = Vec::new();
    for raw in &input.symptoms {
        match Symptom::ALL.into_iter().find(|s| s.as_str() == raw.trim()) {
            Some(s) if !symptoms.contains(&s) => symptoms.push(s),
            Some(_) => {}
            None => fail(Field::Symptoms, Problem::NotAChoice),
        }
    }
    symptoms.sort();
    let vaccination_doses = Doses::try_from(input.vaccination_doses);
    if vaccination_doses.is_err() {
        fail(Field::VaccinationDoses, Problem::TooMany);
    }

    match (
        document_kind,
        document_number,
        birth_date,
        sex,
        phone,
        residence_commune,
        origin_commune,
        destination_commune,
        travel_date,
        vehicle,
        vaccination_doses,
    ) {
        (
            Some(kind),
            Some(document_number),
            Some(birth),
            Some(sex),
            Some(phone),
            Some(res),
            Some(orig),
            Some(dest),
            Some(travel),
            Some(vehicle),
            Ok(vaccination_doses),
        ) if errors.is_empty() => Ok(Declaration {
            document_kind: kind,
            document_number,
            full_name,
            birth_date: birth,
            sex,
            phone,
            residence_commune: res,
            residence_address,
            origin_commune: orig,
            destination_commune: dest,
            travel_date: travel,
            vehicle,
            vehicle_plate,
            symptoms,
            close_contact: input.close_contact,
            vaccination_doses,
        }),
        _ => Err(errors),
    }
}

fn cccd_problem(e: &CccdError) -> Problem {
    match e {
        CccdError::NotTwelveDigits => Problem::CccdNotTwelveDigits,
        CccdError::UnknownProvince(_) => Problem::CccdUnknownProvince,
        CccdError::BirthYearMismatch { .. } => Problem::CccdBirthYearMismatch,
        CccdError::SexMismatch => Problem::CccdSexMismatch,
    }
}

/// `YYYY-MM-DD`, as a date input sends it.
pub fn parse_date(raw: &str) -> Result<CivilDate, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    raw.parse().map_err(|_| Problem::NotADate)
}

/// Vietnamese mobile numbers: 10 digits from 03, 05, 07, 08 or 09, typed with 0, 84 or +84 in front and
/// any spaces, dots or dashes. Returns the 0-prefixed form.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let digits: String =
        raw.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.len() == 11 && digits.starts_with("84") {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let ok = national.len() == 10
        && national.bytes().all(|b| b.is_ascii_digit())
        && matches!(&national[..2], "03" | "05" | "07" | "08" | "09");
    ok.then_some(national)
}

/// Whole days from `a` to `b` (negative when `b` is earlier), by the proleptic Gregorian calendar.
fn days_between(a: CivilDate, b: CivilDate) -> i64 {
    b.days_since_unix_epoch() - a.days_since_unix_epoch()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn today() -> CivilDate {
        CivilDate::new(2026, 11, 28).unwrap()
    }

    fn communes(code: &UnitCode) -> bool {
        ["10507", "10510", "00004"].contains(&code.as_str())
    }

    fn good() -> DeclarationInput {
        DeclarationInput {
            document_type: "cccd".into(),
            document_number: "030 190 012345".into(),
            full_name: "  Nguyễn   Thị Hằng ".into(),
            birth_date: "1990-02-28".into(),
            sex: "female".into(),
            phone: "+84 912.345.678".into(),
            residence_commune: "10507".into(),
            residence_address: "Số 5, Thôn 2".into(),
            origin_commune: "00004".into(),
            destination_commune: "10507".into(),
            travel_date: "2026-11-29".into(),
            vehicle: "motorbike".into(),
            vehicle_plate: "34b1-123.45".into(),
            symptoms: vec!["cough".into(), "fever".into(), "cough".into()],
            close_contact: false,
            vaccination_doses: 3,
        }
    }

    fn problems(input: DeclarationInput) -> Vec<(Field, Problem)> {
        validate(&input, today(), communes)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_good_declaration_is_cleaned_up() {
        let d = validate(&good(), today(), communes).unwrap();
        assert_eq!(d.full_name, "Nguyễn Thị Hằng");
        assert_eq!(d.document_number.as_str(), "030190012345");
        assert_eq!(d.phone, "0912345678");
        assert_eq!(d.vehicle_plate, "34B1-123.45");
        assert_eq!(d.symptoms, [Symptom::Fever, Symptom::Cough]);
    }

    #[rstest]
    #[case("030190012345", "1991-02-28", "female", Problem::CccdBirthYearMismatch)]
    #[case("030090012345", "1990-02-28", "female", Problem::CccdSexMismatch)]
    #[case("003190012345", "1990-02-28", "female", Problem::CccdUnknownProvince)]
    #[case("03019001234", "1990-02-28", "female", Problem::CccdNotTwelveDigits)]
    fn a_cccd_must_agree_with_birth_year_sex_and_province(
        #[case] number: &str,
        #[case] birth: &str,
        #[case] sex: &str,
        #[case] problem: Problem,
    ) {
        let input = DeclarationInput {
            document_number: number.into(),
            birth_date: birth.into(),
            sex: sex.into(),
            ..good()
        };
        assert_eq!(problems(input), [(Field::DocumentNumber, problem)]);
    }

    #[rstest]
    #[case("012345678", Some("012345678"))]
    #[case("012345678901", Some("012345678901"))]
    #[case(" 012 345 678 ", Some("012345678"))]
    #[case("0123456789", None)]
    #[case("01234567a", None)]
    fn a_cmnd_is_nine_or_twelve_digits_without_cccd_checks(
        #[case] number: &str,
        #[case] kept: Option<&str>,
    ) {
        let input = DeclarationInput {
            document_type: "cmnd".into(),
            document_number: number.into(),
            ..good()
        };
        match kept {
            Some(kept) => assert_eq!(
                validate(&input, today(), communes).unwrap().document_number.as_str(),
                kept
            ),
            None => assert_eq!(
                problems(input),
                [(Field::DocumentNumber, Problem::CmndNotNineOrTwelveDigits)]
            ),
        }
    }

    #[rstest]
    #[case(0, None)]
    #[case(10, None)]
    #[case(11, Some(Problem::TooMany))]
    #[case(255, Some(Problem::TooMany))]
    fn doses_are_capped_by_the_one_dose_rule(#[case] doses: u8, #[case] problem: Option<Problem>) {
        let input = DeclarationInput { vaccination_doses: doses, ..good() };
        assert_eq!(
            problems(input.clone()),
            problem.map(|p| (Field::VaccinationDoses, p)).into_iter().collect::<Vec<_>>()
        );
        if problem.is_none() {
            let d = validate(&input, today(), communes).unwrap();
            assert_eq!(d.vaccination_doses.get(), doses);
        }
    }

    #[rstest]
    #[case("0912345678", Some("0912345678"))]
    #[case("+84 35 123 4567", Some("0351234567"))]
    #[case("84-701-234-567", Some("0701234567"))]
    #[case("0212345678", None)]
    #[case("091234567", None)]
    #[case("09123456789", None)]
    #[case("phone", None)]
    fn phones_are_vietnamese_mobiles(#[case] raw: &str, #[case] expected: Option<&str>) {
        assert_eq!(normalise_phone(raw).as_deref(), expected);
    }

    #[rstest]
    #[case("2026-11-29", None)]
    #[case("2026-02-30", Some(Problem::NotADate))]
    #[case("29/11/2026", Some(Problem::NotADate))]
    #[case("", Some(Problem::Required))]
    #[case("2026-12-13", Some(Problem::TooFarAhead))]
    #[case("2026-12-12", None)]
    #[case("2026-11-27", None)]
    #[case("2026-11-26", Some(Problem::InThePast))]
    #[case("2021-07-19", Some(Problem::InThePast))]
    fn travel_dates_are_real_and_near(#[case] raw: &str, #[case] problem: Option<Problem>) {
        let input = DeclarationInput { travel_date: raw.into(), ..good() };
        assert_eq!(
            problems(input),
            problem.map(|p| (Field::TravelDate, p)).into_iter().collect::<Vec<_>>()
        );
    }

    #[rstest]
    #[case("Nguyễn Thị Hằng", None)]
    #[case("Nguye\u{0302}\u{0303}n Văn An", None)]
    #[case("O'Brien Trần", None)]
    #[case("Jean-Luc Phạm", None)]
    #[case("Nguyễn Văn A.", None)]
    #[case("Nguyễn\u{0}Văn", Some(Problem::NotAName))]
    #[case("Nguyễn Văn 2", Some(Problem::NotAName))]
    #[case("<script>", Some(Problem::NotAName))]
    fn names_are_letters_marks_spaces_apostrophes_hyphens_and_dots(
        #[case] raw: &str,
        #[case] problem: Option<Problem>,
    ) {
        let input = DeclarationInput { full_name: raw.into(), ..good() };
        assert_eq!(
            problems(input),
            problem.map(|p| (Field::FullName, p)).into_iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_birth_date_in_the_future_is_refused() {
        let input = DeclarationInput {
            birth_date: "2026-11-29".into(),
            document_type: "cmnd".into(),
            document_number: "012345678".into(),
            ..good()
        };
        assert_eq!(problems(input), [(Field::BirthDate, Problem::InTheFuture)]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let found = problems(DeclarationInput::default());
        for field in [
            Field::DocumentType,
            Field::FullName,
            Field::BirthDate,
            Field::Sex,
            Field::Phone,
            Field::ResidenceCommune,
            Field::OriginCommune,
            Field::DestinationCommune,
            Field::ResidenceAddress,
            Field::TravelDate,
            Field::Vehicle,
        ] {
            assert!(found.contains(&(field, Problem::Required)), "{field:?} in {found:?}");
        }
    }

    #[test]
    fn units_that_are_not_communes_and_long_or_unknown_input_are_refused() {
        let input = DeclarationInput {
            origin_commune: "30".into(),
            full_name: "A".repeat(101),
            vehicle: "rocket".into(),
            symptoms: vec!["sneezing".into()],
            vaccination_doses: 11,
            ..good()
        };
        let found = problems(input);
        assert!(found.contains(&(Field::OriginCommune, Problem::NotACommune)));
        assert!(found.contains(&(Field::FullName, Problem::TooLong)));
        assert!(found.contains(&(Field::Vehicle, Problem::NotAChoice)));
        assert!(found.contains(&(Field::Symptoms, Problem::NotAChoice)));
        assert!(found.contains(&(Field::VaccinationDoses, Problem::TooMany)));
    }

    #[test]
    fn too_many_doses_in_json_is_a_field_error_not_an_unreadable_request() {
        let input: DeclarationInput = serde_json::from_str(r#"{"vaccination_doses": 40}"#).unwrap();
        assert!(problems(input).contains(&(Field::VaccinationDoses, Problem::TooMany)));
    }

    #[test]
    fn day_counting_crosses_months_and_leap_days() {
        let d = |y, m, dd| CivilDate::new(y, m, dd).unwrap();
        assert_eq!(days_between(d(2026, 11, 28), d(2026, 12, 12)), 14);
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);
        assert_eq!(days_between(d(2026, 1, 1), d(2025, 12, 31)), -1);
    }

    #[test]
    fn field_names_are_the_json_names() {
        for field in Field::ALL {
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.as_str()));
            assert_eq!(Field::parse(field.as_str()), Some(field));
        }
        assert_eq!(Field::parse("refresh"), None);
    }
}
