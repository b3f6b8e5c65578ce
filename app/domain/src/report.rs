//! The daily report a commune (or district) sends its epidemic steering committee: the day's arrivals
//! counted by the province they came from, by the epidemic level there, by where their reconciliation
//! stands and by the doses on record, and how many the rules put under follow-up. Counted here, once,
//! from one row per arrival; once approved a report keeps its figures, and what changed later is its
//! amendment.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::epidemic::RiskLevel;
use crate::reconciliation::Standing;
use crate::vaccination::Doses;

/// One arrival as the report counts it.
#[derive(Debug, Clone)]
pub struct Counted {
    /// The province they set out from.
    pub origin_province: String,
    /// The epidemic level of where they set out from, on the day; none outside any epidemic area.
    pub origin_level: Option<RiskLevel>,
    pub standing: Standing,
    pub registered_doses: Doses,
    /// The doses they declared; none for someone seen crossing without a declaration.
    pub declared_doses: Option<Doses>,
}

/// A report's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub arrivals: i64,
    /// Arrivals by the code of the province they came from.
    pub by_origin: BTreeMap<String, i64>,
    /// Arrivals by the epidemic level of where they came from: `1` to `4`, or `none`.
    pub by_origin_level: BTreeMap<String, i64>,
    pub confirmed: i64,
    pub pending: i64,
    pub not_found: i64,
    /// Arrivals by the doses on record: `0`, `1`, `2`, `3+`.
    pub vaccination: BTreeMap<String, i64>,
    /// Arrivals by the doses they declared: `0`, `1`, `2`, `3+`, or `not_declared`.
    #[serde(default)]
    pub vaccination_declared: BTreeMap<String, i64>,
    /// Arrivals whose declared doses differ from those on record.
    #[serde(default)]
    pub doses_differ: i64,
    /// Arrivals whom the rules put under follow-up.
    pub follow_up: i64,
}

/// Arrivals from a place at level 3 (high) or 4 (very high) are followed up by the commune.
pub fn needs_follow_up(origin_level: Option<RiskLevel>) -> bool {
    origin_level.is_some_and(|level| level >= RiskLevel::High)
}

/// The dose bucket a report counts someone in.
pub fn dose_bucket(doses: Doses) -> &'static str {
    match doses.get() {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3+",
    }
}

const LEVELS: [&str; 5] = ["none", "1", "2", "3", "4"];
const DOSES: [&str; 4] = ["0", "1", "2", "3+"];
const NOT_DECLARED: &str = "not_declared";

/// The figures of a day's arrivals. Every level and dose bucket is present, at 0 when nobody is in it.
pub fn tally(arrivals: &[Counted]) -> Figures {
    let mut f = Figures {
        by_origin_level: LEVELS.iter().map(|l| ((*l).to_owned(), 0)).collect(),
        vaccination: DOSES.iter().map(|d| ((*d).to_owned(), 0)).collect(),
        vaccination_declared: DOSES
            .iter()
            .chain([&NOT_DECLARED])
            .map(|d| ((*d).to_owned(), 0))
            .collect(),
        ..Figures::default()
    };
    for a in arrivals {
        f.arrivals += 1;
        *f.by_origin.entry(a.origin_province.clone()).or_default() += 1;
        let level = a.origin_level.map_or("none".to_owned(), |l| l.number().to_string());
        *f.by_origin_level.entry(level).or_default() += 1;
        match a.standing {
            Standing::Confirmed => f.confirmed += 1,
            Standing::Pending => f.pending += 1,
            Standing::NotFound => f.not_found += 1,
        }
        *f.vaccination.entry(dose_bucket(a.registered_doses).to_owned()).or_default() += 1;
        let declared = a.declared_doses.map_or(NOT_DECLARED, dose_bucket);
        *f.vaccination_declared.entry(declared.to_owned()).or_default() += 1;
        if a.declared_doses.is_some_and(|d| crate::vaccination::differs(d, a.registered_doses)) {
            f.doses_differ += 1;
        }
        if needs_follow_up(a.origin_level) {
            f.follow_up += 1;
        }
    }
    f
}

/// A figure as approved and as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// `arrivals`, `confirmed`, …, or `by_origin.30`, `by_origin_level.4`, `vaccination.3+`.
    pub figure: String,
    pub approved: i64,
    pub now: i64,
}

impl Figures {
    /// Every figure by its name, the breakdowns as `group.key`.
    pub fn named(&self) -> BTreeMap<String, i64> {
        let mut out = BTreeMap::from([
            ("arrivals".to_owned(), self.arrivals),
            ("confirmed".to_owned(), self.confirmed),
            ("pending".to_owned(), self.pending),
            ("not_found".to_owned(), self.not_found),
            ("follow_up".to_owned(), self.follow_up),
            ("doses_differ".to_owned(), self.doses_differ),
        ]);
        for (group, values) in [
            ("by_origin", &self.by_origin),
            ("by_origin_level", &self.by_origin_level),
            ("vaccination", &self.vaccination),
            ("vaccination_declared", &self.vaccination_declared),
        ] {
            out.extend(values.iter().map(|(k, v)| (format!("{group}.{k}"), *v)));
        }
        out
    }
}

/// What changed since a report was approved: each figure that differs now, a figure absent on one
/// side counting as 0. Empty when nothing did.
pub fn amendment(approved: &Figures, now: &Figures) -> Vec<Change> {
    let (approved, now) = (approved.named(), now.named());
    let mut names: Vec<&String> = approved.keys().chain(now.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let (a, n) =
                (approved.get(name).copied().unwrap_or(0), now.get(name).copied().unwrap_or(0));
            (a != n).then(|| Change { figure: name.clone(), approved: a, now: n })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(province: &str, level: Option<u8>, standing: Standing, doses: u8) -> Counted {
        Counted {
            origin_province: province.to_owned(),
            origin_level: level.map(|l| RiskLevel::try_from(l).unwrap()),
            standing,
            registered_doses: Doses::try_from(doses).unwrap(),
            declared_doses: Some(Doses::try_from(2).unwrap()),
        }
    }

    #[test]
    fn a_day_is_counted_by_origin_level_standing_and_doses() {
        let f = tally(&[
            counted("01", Some(4), Standing::Confirmed, 2),
            counted("01", Some(3), Standing::Pending, 0),
            counted("30", None, Standing::NotFound, 3),
            counted("31", Some(1), Standing::Confirmed, 5),
        ]);
        assert_eq!(f.arrivals, 4);
        assert_eq!(
            f.by_origin,
            BTreeMap::from([("01".into(), 2), ("30".into(), 1), ("31".into(), 1)])
        );
        assert_eq!(f.by_origin_level["4"], 1);
        assert_eq!(f.by_origin_level["none"], 1);
        assert_eq!(f.by_origin_level["2"], 0, "every level is shown");
        assert_eq!((f.confirmed, f.pending, f.not_found), (2, 1, 1));
        let doses: Vec<i64> = ["0", "1", "2", "3+"].iter().map(|d| f.vaccination[*d]).collect();
        assert_eq!(doses, [1, 0, 1, 2]);
        assert_eq!(f.vaccination_declared["2"], 4, "each declared two");
        assert_eq!(f.vaccination_declared["not_declared"], 0);
        assert_eq!(f.doses_differ, 3, "all but the one with two doses on record");
        assert_eq!(f.follow_up, 2, "levels 3 and 4 are followed up");
    }

    #[test]
    fn the_amendment_is_every_figure_changed_since_approval() {
        let approved = tally(&[counted("01", Some(4), Standing::Pending, 0)]);
        assert!(amendment(&approved, &approved).is_empty());
        let now = tally(&[
            counted("01", Some(4), Standing::Confirmed, 0),
            counted("31", None, Standing::Pending, 1),
        ]);
        let changed: Vec<(String, i64, i64)> =
            amendment(&approved, &now).into_iter().map(|c| (c.figure, c.approved, c.now)).collect();
        assert_eq!(
            changed,
            [
                ("arrivals".into(), 1, 2),
                ("by_origin.31".into(), 0, 1),
                ("by_origin_level.none".into(), 0, 1),
                ("confirmed".into(), 0, 1),
                ("doses_differ".into(), 1, 2),
                ("vaccination.1".into(), 0, 1),
                ("vaccination_declared.2".into(), 1, 2),
            ]
        );
    }
}
