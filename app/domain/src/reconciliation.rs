//! Reconciling an arrival with the population registry: what the commune police are proposed to do
//! with each person who arrived, from what they declared and what the registry holds about them.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::date::CivilDate;
use crate::declaration::{self, MAX_ADDRESS, MAX_NAME};
use crate::identity::Sex;
use crate::paper::typed_date;
use crate::text::{self, NameMatch};
use crate::unit::UnitCode;

named_enum! {
    /// What ZonePass proposes for an arrival, before the officer decides.
    pub enum Proposal {
        /// Registered in this commune, and what was declared agrees: confirm.
        ResidentHere = "resident_here",
        /// Registered in another commune: a temporary stay to record.
        RegisteredElsewhere = "registered_elsewhere",
        /// Nobody with this document number in the registry.
        NotFound = "not_found",
        /// Registered here, but the declaration and the registry disagree: correct one of them.
        Differs = "differs",
    }
}

named_enum! {
    /// A fact the declaration and the registry may disagree on.
    #[derive(PartialOrd, Ord)]
    pub enum Field {
        FullName = "full_name", BirthDate = "birth_date", Sex = "sex",
        ResidenceCommune = "residence_commune", Address = "address",
    }
}

/// One disagreement, side by side as each source has it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Difference {
    pub field: Field,
    pub declared: String,
    pub registered: String,
}

/// Who a person is and where they live, as one source has it.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub full_name: &'a str,
    pub birth_date: CivilDate,
    pub sex: Sex,
    /// The commune they live in (for the registry: where they currently reside).
    pub commune: &'a UnitCode,
    pub address: &'a str,
}

/// A person as the registry holds them: the commune of their permanent residence, and the facts of
/// where they currently reside.
#[derive(Debug, Clone, Copy)]
pub struct Registered<'a> {
    pub facts: Facts<'a>,
    pub permanent_commune: &'a UnitCode,
}

/// What the officer of `commune` is shown for an arrival: the proposal and every difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    pub proposal: Proposal,
    pub differences: Vec<Difference>,
}

/// The proposal for someone who arrived in `commune`, declaring `declared`, with the registry's
/// entry for their document number, if any. Someone registered elsewhere is proposed a temporary
/// stay even where other facts differ (the differences are shown all the same): the stay is what the
/// commune records, and their own commune corrects its registry. Someone seen crossing without a
/// declaration (`declared` none) has nothing of theirs to disagree with the registry: their entry is
/// taken as it stands.
pub fn propose(
    commune: &UnitCode,
    declared: Option<&Facts<'_>>,
    registered: Option<&Registered<'_>>,
) -> Reconciliation {
    let Some(registered) = registered else {
        return Reconciliation { proposal: Proposal::NotFound, differences: Vec::new() };
    };
    let differences = declared.map_or_else(Vec::new, |d| differences(d, &registered.facts));
    let here = registered.permanent_commune == commune || registered.facts.commune == commune;
    let proposal = match (here, differences.is_empty()) {
        (false, _) => Proposal::RegisteredElsewhere,
        (true, true) => Proposal::ResidentHere,
        (true, false) => Proposal::Differs,
    };
    Reconciliation { proposal, differences }
}

/// Where the declaration and the registry disagree. A name spelt without (or with other) diacritics
/// is a difference: the registry's spelling is the one to settle. Addresses are compared as words,
/// ignoring case, diacritics and punctuation, and only within the same commune.
fn differences(declared: &Facts<'_>, registered: &Facts<'_>) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut differ = |field: Field, declared: String, registered: String| {
        out.push(Difference { field, declared, registered });
    };
    if text::compare_names(declared.full_name, registered.full_name) != NameMatch::Same {
        differ(Field::FullName, text::clean(declared.full_name), text::clean(registered.full_name));
    }
    if declared.birth_date != registered.birth_date {
        differ(
            Field::BirthDate,
            declared.birth_date.to_string(),
            registered.birth_date.to_string(),
        );
    }
    if declared.sex != registered.sex {
        differ(Field::Sex, declared.sex.as_str().to_owned(), registered.sex.as_str().to_owned());
    }
    if declared.commune != registered.commune {
        differ(
            Field::ResidenceCommune,
            declared.commune.to_string(),
            registered.commune.to_string(),
        );
    } else if address_words(declared.address) != address_words(registered.address) {
        differ(Field::Address, text::clean(declared.address), text::clean(registered.address));
    }
    out
}

/// An address as the words it is made of: "Số 12, thôn Đông" and "so 12 thon dong" alike.
fn address_words(address: &str) -> Vec<String> {
    text::fold(address)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

named_enum! {
    /// What the commune officer decides for an arrival.
    pub enum Decision {
        /// A resident, as the registry has them.
        Confirm = "confirm",
        /// Someone staying here who is registered elsewhere (or nowhere): their stay is recorded.
        TemporaryStay = "temporary_stay",
        /// The declaration was wrong: its facts are corrected, the registry's stand.
        CorrectDeclaration = "correct_declaration",
        /// The registry is wrong: a correction, with its evidence, goes to the commune chief.
        ProposeRegistryCorrection = "propose_registry_correction",
    }
}

impl Decision {
    /// Whether the decision fits what was found: only a resident is confirmed, a stay is recorded
    /// for someone registered elsewhere or nowhere, a declaration is corrected against an entry
    /// that exists, and a registry entry is corrected (or proposed) where it is not a resident's as
    /// declared.
    pub fn fits(self, proposal: Proposal) -> bool {
        match self {
            Decision::Confirm => proposal == Proposal::ResidentHere,
            Decision::TemporaryStay => {
                matches!(proposal, Proposal::RegisteredElsewhere | Proposal::NotFound)
            }
            Decision::CorrectDeclaration => proposal != Proposal::NotFound,
            Decision::ProposeRegistryCorrection => proposal != Proposal::ResidentHere,
        }
    }

    /// Whether the decision carries corrected facts.
    pub fn corrects(self) -> bool {
        matches!(self, Decision::CorrectDeclaration | Decision::ProposeRegistryCorrection)
    }
}

named_enum! {
    /// Where an arrival stands, as the daily report counts it.
    pub enum Standing {
        Confirmed = "confirmed", Pending = "pending", NotFound = "not_found",
    }
}

named_enum! {
    /// Where a proposed registry correction stands: waiting for the commune chief, or reviewed.
    pub enum Review {
        Proposed = "proposed", Accepted = "accepted", Rejected = "rejected",
    }
}

impl Review {
    /// What the chief's answer to a proposed correction makes it: `accept` or `reject`. A correction
    /// reviewed already keeps its review.
    pub fn answer(raw: &str) -> Option<Review> {
        match raw.trim() {
            "accept" => Some(Review::Accepted),
            "reject" => Some(Review::Rejected),
            _ => None,
        }
    }
}

/// Where an arrival stands: pending until decided; once decided, not found when the registry had
/// nobody under their number, else confirmed.
pub fn standing(proposal: Proposal, decision: Option<Decision>) -> Standing {
    match (decision, proposal) {
        (None, _) => Standing::Pending,
        (Some(_), Proposal::NotFound) => Standing::NotFound,
        (Some(_), _) => Standing::Confirmed,
    }
}

/// Why a decision is refused.
#[derive(Debug, Error, Clone, Copy, PartialEq, Eq)]
pub enum DecisionError {
    /// Confirming someone the registry does not hold as a resident here, or recording a stay for a
    /// resident.
    #[error("this decision does not fit what the registry holds")]
    DoesNotFit,
    #[error("a correction names no field")]
    NothingCorrected,
    /// Corrections go with a decision to correct something.
    #[error("corrections come only with a decision to correct")]
    CorrectionsNotExpected,
    #[error("the corrected {} is not valid", .0.as_str())]
    BadCorrection(Field),
    #[error("a registry correction needs the evidence it rests on")]
    NoEvidence,
}

/// Notes are a line or two; evidence a reference to a document seen.
pub const MAX_NOTE: usize = 500;

/// Checks an officer's decision about an arrival (the proposal, the note, the corrected facts by
/// field as typed) and gives the corrections as stored: names and addresses cleaned, dates
/// `yyyy-mm-dd`, sex by its name. `is_commune` tells a commune of the tree in use.
pub fn decide(
    proposal: Proposal,
    decision: Decision,
    note: &str,
    corrections: &BTreeMap<Field, String>,
    is_commune: impl Fn(&UnitCode) -> bool,
) -> Result<BTreeMap<Field, String>, DecisionError> {
    if !decision.fits(proposal) {
        return Err(DecisionError::DoesNotFit);
    }
    if !decision.corrects() {
        return if corrections.is_empty() {
            Ok(BTreeMap::new())
        } else {
            Err(DecisionError::CorrectionsNotExpected)
        };
    }
    if corrections.is_empty() {
        return Err(DecisionError::NothingCorrected);
    }
    if decision == Decision::ProposeRegistryCorrection && text::clean(note).is_empty() {
        return Err(DecisionError::NoEvidence);
    }
    corrections
        .iter()
        .map(|(&field, raw)| {
            corrected(field, raw).map(|v| (field, v)).ok_or(DecisionError::BadCorrection(field))
        })
        .map(|checked| match checked {
            Ok((Field::ResidenceCommune, code)) => match UnitCode::parse(&code) {
                Ok(c) if is_commune(&c) => Ok((Field::ResidenceCommune, code)),
                _ => Err(DecisionError::BadCorrection(Field::ResidenceCommune)),
            },
            other => other,
        })
        .collect()
}

/// A corrected fact as stored, if it is one.
fn corrected(field: Field, raw: &str) -> Option<String> {
    let cleaned = text::clean(raw);
    match field {
        Field::FullName => (!cleaned.is_empty()
            && cleaned.chars().count() <= MAX_NAME
            && text::is_person_name(&cleaned))
        .then_some(cleaned),
        Field::BirthDate => declaration::parse_date(&typed_date(raw)).ok().map(|d| d.to_string()),
        Field::Sex => Sex::typed(raw).map(|s| s.as_str().to_owned()),
        Field::ResidenceCommune => (!cleaned.is_empty()).then_some(cleaned),
        Field::Address => {
            (!cleaned.is_empty() && cleaned.chars().count() <= MAX_ADDRESS).then_some(cleaned)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> UnitCode {
        UnitCode::parse(c).unwrap()
    }

    fn date(y: u16, m: u8, d: u8) -> CivilDate {
        CivilDate { year: y, month: m, day: d }
    }

    fn facts<'a>(name: &'a str, commune: &'a UnitCode, address: &'a str) -> Facts<'a> {
        Facts { full_name: name, birth_date: date(1990, 1, 2), sex: Sex::Male, commune, address }
    }

    #[test]
    fn nobody_in_the_registry_is_not_found() {
        let here = code("10507");
        let declared = facts("Nguyễn Văn An", &here, "Số 1");
        let got = propose(&here, Some(&declared), None);
        assert_eq!(got, Reconciliation { proposal: Proposal::NotFound, differences: vec![] });
    }

    #[test]
    fn someone_seen_crossing_without_a_declaration_is_proposed_from_the_registry_alone() {
        let (here, there) = (code("10507"), code("10509"));
        let resident = Registered {
            facts: facts("Nguyễn Văn An", &here, "Số 1"),
            permanent_commune: &here,
        };
        let moved_away = Registered {
            facts: facts("Nguyễn Văn An", &there, "Số 1"),
            permanent_commune: &there,
        };
        let resident_here = propose(&here, None, Some(&resident));
        assert_eq!(
            resident_here,
            Reconciliation { proposal: Proposal::ResidentHere, differences: vec![] }
        );
        assert_eq!(propose(&here, None, Some(&moved_away)).proposal, Proposal::RegisteredElsewhere);
        assert_eq!(propose(&here, None, None).proposal, Proposal::NotFound);
    }

    #[test]
    fn a_resident_who_declared_what_the_registry_holds_is_confirmed() {
        let here = code("10507");
        let declared = facts("NGUYỄN  VĂN AN", &here, "Số 12, thôn Đông");
        let registry = Registered {
            facts: facts("Nguyễn Văn An", &here, "so 12 thon dong"),
            permanent_commune: &here,
        };
        assert_eq!(
            propose(&here, Some(&declared), Some(&registry)).proposal,
            Proposal::ResidentHere
        );
    }

    #[test]
    fn a_resident_whose_facts_differ_is_shown_each_difference_side_by_side() {
        let here = code("10507");
        let mut declared = facts("Nguyen Van An", &here, "Số 14, thôn Đông");
        declared.birth_date = date(1990, 2, 1);
        declared.sex = Sex::Female;
        let registry = Registered {
            facts: facts("Nguyễn Văn An", &here, "Số 12, thôn Đông"),
            permanent_commune: &here,
        };
        let got = propose(&here, Some(&declared), Some(&registry));
        assert_eq!(got.proposal, Proposal::Differs);
        let fields: Vec<(Field, &str, &str)> = got
            .differences
            .iter()
            .map(|d| (d.field, d.declared.as_str(), d.registered.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Field::FullName, "Nguyen Van An", "Nguyễn Văn An"),
                (Field::BirthDate, "1990-02-01", "1990-01-02"),
                (Field::Sex, "female", "male"),
                (Field::Address, "Số 14, thôn Đông", "Số 12, thôn Đông"),
            ]
        );
    }

    #[test]
    fn someone_registered_elsewhere_is_proposed_a_temporary_stay() {
        let (here, home) = (code("10507"), code("00004"));
        let declared = facts("Nguyễn Văn An", &home, "Số 1");
        let registry = Registered {
            facts: facts("Nguyễn Văn An", &home, "Số 1"),
            permanent_commune: &home,
        };
        let got = propose(&here, Some(&declared), Some(&registry));
        assert_eq!(
            got,
            Reconciliation { proposal: Proposal::RegisteredElsewhere, differences: vec![] }
        );

        // Claiming to live here does not make them a resident: the stay is proposed, the claim shown.
        let claimed = facts("Nguyễn Văn An", &here, "Số 9");
        let got = propose(&here, Some(&claimed), Some(&registry));
        assert_eq!(got.proposal, Proposal::RegisteredElsewhere);
        assert_eq!(
            got.differences,
            vec![Difference {
                field: Field::ResidenceCommune,
                declared: "10507".into(),
                registered: "00004".into()
            }]
        );
    }

    #[test]
    fn permanent_residents_living_elsewhere_for_now_are_still_residents() {
        let (here, away) = (code("10507"), code("00004"));
        let declared = facts("Nguyễn Văn An", &away, "Số 1");
        let registry = Registered {
            facts: facts("Nguyễn Văn An", &away, "Số 1"),
            permanent_commune: &here,
        };
        assert_eq!(
            propose(&here, Some(&declared), Some(&registry)).proposal,
            Proposal::ResidentHere
        );
    }

    fn fields(pairs: &[(Field, &str)]) -> BTreeMap<Field, String> {
        pairs.iter().map(|(f, v)| (*f, (*v).to_owned())).collect()
    }

    fn communes(code: &UnitCode) -> bool {
        ["10507", "10510"].contains(&code.as_str())
    }

    #[test]
    fn each_decision_fits_only_what_was_found() {
        use Decision::*;
        use Proposal::*;
        let none = BTreeMap::new();
        let fix = fields(&[(Field::Address, "Số 3")]);
        let cases = [
            (ResidentHere, Confirm, &none, Ok(())),
            (Differs, Confirm, &none, Err(DecisionError::DoesNotFit)),
            (NotFound, Confirm, &none, Err(DecisionError::DoesNotFit)),
            (RegisteredElsewhere, TemporaryStay, &none, Ok(())),
            (NotFound, TemporaryStay, &none, Ok(())),
            (ResidentHere, TemporaryStay, &none, Err(DecisionError::DoesNotFit)),
            (Differs, CorrectDeclaration, &fix, Ok(())),
            (NotFound, CorrectDeclaration, &fix, Err(DecisionError::DoesNotFit)),
            (Differs, CorrectDeclaration, &none, Err(DecisionError::NothingCorrected)),
            (ResidentHere, Confirm, &fix, Err(DecisionError::CorrectionsNotExpected)),
            (ResidentHere, ProposeRegistryCorrection, &fix, Err(DecisionError::DoesNotFit)),
        ];
        for (proposal, decision, corrections, expected) in cases {
            let got = decide(proposal, decision, "CCCD seen", corrections, communes).map(|_| ());
            assert_eq!(got, expected, "{proposal:?} {decision:?}");
        }
    }

    #[test]
    fn a_registry_correction_needs_evidence_and_valid_facts() {
        let fix =
            fields(&[(Field::FullName, "  Nguyễn  Văn An "), (Field::BirthDate, "02/01/1990")]);
        let got =
            decide(Proposal::Differs, Decision::ProposeRegistryCorrection, " ", &fix, communes);
        assert_eq!(got, Err(DecisionError::NoEvidence));
        let got = decide(
            Proposal::Differs,
            Decision::ProposeRegistryCorrection,
            "CCCD seen",
            &fix,
            communes,
        );
        assert_eq!(
            got,
            Ok(fields(&[(Field::FullName, "Nguyễn Văn An"), (Field::BirthDate, "1990-01-02")]))
        );
        for (field, bad) in [
            (Field::BirthDate, "31/02/1990"),
            (Field::Sex, "x"),
            (Field::ResidenceCommune, "99999"),
        ] {
            let got = decide(
                Proposal::Differs,
                Decision::CorrectDeclaration,
                "",
                &fields(&[(field, bad)]),
                communes,
            );
            assert_eq!(got, Err(DecisionError::BadCorrection(field)));
        }
    }

    #[test]
    fn the_chief_answers_accept_or_reject() {
        assert_eq!(Review::answer(" accept "), Some(Review::Accepted));
        assert_eq!(Review::answer("reject"), Some(Review::Rejected));
        assert_eq!(Review::answer("proposed"), None);
    }

    #[test]
    fn an_arrival_is_pending_until_decided() {
        assert_eq!(standing(Proposal::ResidentHere, None), Standing::Pending);
        assert_eq!(
            standing(Proposal::Differs, Some(Decision::CorrectDeclaration)),
            Standing::Confirmed
        );
        assert_eq!(standing(Proposal::NotFound, Some(Decision::TemporaryStay)), Standing::NotFound);
    }
}
