//! Reconciling an arrival with the population registry: what the commune police are proposed to do
//! with each person who arrived, from what they declared and what the registry holds about them.

use crate::date::CivilDate;
use crate::identity::Sex;
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
    pub enum Field {
        FullName = "full_name", BirthDate = "birth_date", Sex = "sex",
        ResidenceCommune = "residence_commune", Address = "address",
    }
}

/// One disagreement, side by side as each source has it.
#[derive(Debug, Clone, PartialEq, Eq)]
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
/// commune records, and their own commune corrects its registry.
pub fn propose(
    commune: &UnitCode,
    declared: &Facts<'_>,
    registered: Option<&Registered<'_>>,
) -> Reconciliation {
    let Some(registered) = registered else {
        return Reconciliation { proposal: Proposal::NotFound, differences: Vec::new() };
    };
    let differences = differences(declared, &registered.facts);
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
        let got = propose(&here, &declared, None);
        assert_eq!(got, Reconciliation { proposal: Proposal::NotFound, differences: vec![] });
    }

    #[test]
    fn a_resident_who_declared_what_the_registry_holds_is_confirmed() {
        let here = code("10507");
        let declared = facts("NGUYỄN  VĂN AN", &here, "Số 12, thôn Đông");
        let registry = Registered {
            facts: facts("Nguyễn Văn An", &here, "so 12 thon dong"),
            permanent_commune: &here,
        };
        assert_eq!(propose(&here, &declared, Some(&registry)).proposal, Proposal::ResidentHere);
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
        let got = propose(&here, &declared, Some(&registry));
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
        let got = propose(&here, &declared, Some(&registry));
        assert_eq!(
            got,
            Reconciliation { proposal: Proposal::RegisteredElsewhere, differences: vec![] }
        );

        // Claiming to live here does not make them a resident: the stay is proposed, the claim shown.
        let claimed = facts("Nguyễn Văn An", &here, "Số 9");
        let got = propose(&here, &claimed, Some(&registry));
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
        assert_eq!(propose(&here, &declared, Some(&registry)).proposal, Proposal::ResidentHere);
    }
}
