//! Epidemic areas: units of the tree declared at a risk level for a period, with their history kept, and
//! the level in force for a place at a moment. Times are Unix seconds, given by the caller.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::unit::{UnitCode, UnitTree};

/// Risk levels as the 2021 guidance numbered them: 1 low (new normal) to 4 very high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum RiskLevel {
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("risk level {0} is not between 1 and 4")]
pub struct InvalidRiskLevel(pub u8);

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] =
        [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::VeryHigh];

    pub fn number(self) -> u8 {
        self as u8
    }
}

impl TryFrom<u8> for RiskLevel {
    type Error = InvalidRiskLevel;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        RiskLevel::ALL.into_iter().find(|l| l.number() == n).ok_or(InvalidRiskLevel(n))
    }
}

impl From<RiskLevel> for u8 {
    fn from(level: RiskLevel) -> u8 {
        level.number()
    }
}

/// One declaration: this unit is an epidemic area at this level from `from` until `until` (open-ended when
/// None). Declarations are never edited, only ended or followed by newer ones, so the history stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpidemicArea {
    pub unit: UnitCode,
    pub level: RiskLevel,
    pub from: i64,
    pub until: Option<i64>,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum AreaError {
    #[error("the period ends before it starts")]
    EndsBeforeStart,
    #[error("unit {0} is not in the active tree")]
    UnknownUnit(UnitCode),
}

impl EpidemicArea {
    pub fn new(
        tree: &UnitTree,
        unit: UnitCode,
        level: RiskLevel,
        from: i64,
        until: Option<i64>,
    ) -> Result<EpidemicArea, AreaError> {
        if tree.get(&unit).is_none() {
            return Err(AreaError::UnknownUnit(unit));
        }
        if until.is_some_and(|end| end <= from) {
            return Err(AreaError::EndsBeforeStart);
        }
        Ok(EpidemicArea { unit, level, from, until })
    }

    pub fn in_force_at(&self, at: i64) -> bool {
        self.from <= at && self.until.is_none_or(|end| at < end)
    }

    /// Whether the area matters to a unit's people and to those travelling there: it lies inside the
    /// unit, or the unit lies inside it.
    pub fn concerns(&self, tree: &UnitTree, unit: &UnitCode) -> bool {
        tree.is_inside(&self.unit, unit) || tree.is_inside(unit, &self.unit)
    }
}

/// The level in force for a place at a moment: the highest of the areas in force on the place itself or on
/// any unit above it (a commune inside a level-4 district is level 4 even if the commune itself is rated
/// lower). None when the place is in no epidemic area.
pub fn level_at(
    areas: &[EpidemicArea],
    tree: &UnitTree,
    place: &UnitCode,
    at: i64,
) -> Option<RiskLevel> {
    areas
        .iter()
        .filter(|a| a.in_force_at(at) && tree.is_inside(place, &a.unit))
        .map(|a| a.level)
        .max()
}

/// The highest level a place was at during a span of time (`from` inclusive, `until` exclusive), an
/// area declared and ended within the span included: what a day's report counts a traveller's origin
/// at. None when the place was in no epidemic area then.
pub fn highest_level_during(
    areas: &[EpidemicArea],
    tree: &UnitTree,
    place: &UnitCode,
    from: i64,
    until: i64,
) -> Option<RiskLevel> {
    areas
        .iter()
        .filter(|a| a.from < until && a.until.is_none_or(|end| from < end))
        .filter(|a| tree.is_inside(place, &a.unit))
        .map(|a| a.level)
        .max()
}

/// One area's claim on a place, without the tree: what a scanner device carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub level: RiskLevel,
    pub from: i64,
    pub until: Option<i64>,
}

/// Areas spread onto every lowest unit (commune) below them, so a device with no unit tree can answer
/// "what level is this pass's origin at now" with one look-up. A province of 200 communes at level 4 is
/// 200 small entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafLevels(pub BTreeMap<UnitCode, Vec<Period>>);

impl LeafLevels {
    pub fn spread(areas: &[EpidemicArea], tree: &UnitTree) -> LeafLevels {
        let mut map: BTreeMap<UnitCode, Vec<Period>> = BTreeMap::new();
        for area in areas {
            let period = Period { level: area.level, from: area.from, until: area.until };
            for commune in tree.communes_within(&area.unit) {
                map.entry(commune.code.clone()).or_default().push(period);
            }
        }
        LeafLevels(map)
    }

    /// The highest level in force at `at` for a lowest unit.
    pub fn level_at(&self, place: &UnitCode, at: i64) -> Option<RiskLevel> {
        self.0
            .get(place)?
            .iter()
            .filter(|p| p.from <= at && p.until.is_none_or(|end| at < end))
            .map(|p| p.level)
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::Unit;

    fn code(c: &str) -> UnitCode {
        UnitCode::parse(c).unwrap()
    }

    fn tree() -> UnitTree {
        let unit = |c: &str, parent: Option<&str>| Unit {
            code: code(c),
            name: format!("Unit {c}"),
            level: "unit".into(),
            unit_type: "unit".into(),
            parent: parent.map(code),
            lat: None,
            lon: None,
        };
        UnitTree::new(vec![
            unit("30", None),
            unit("288", Some("30")),
            unit("10507", Some("288")),
            unit("10510", Some("288")),
            unit("01", None),
            unit("00001", Some("01")),
        ])
        .unwrap()
    }

    fn area(unit: &str, level: RiskLevel, from: i64, until: Option<i64>) -> EpidemicArea {
        EpidemicArea::new(&tree(), code(unit), level, from, until).unwrap()
    }

    #[test]
    fn risk_levels_are_one_to_four() {
        assert_eq!(RiskLevel::try_from(4), Ok(RiskLevel::VeryHigh));
        assert_eq!(RiskLevel::try_from(0), Err(InvalidRiskLevel(0)));
        assert_eq!(RiskLevel::try_from(5), Err(InvalidRiskLevel(5)));
        assert_eq!(serde_json::to_string(&RiskLevel::High).unwrap(), "3");
        assert!(serde_json::from_str::<RiskLevel>("7").is_err());
    }

    #[test]
    fn a_place_takes_the_highest_level_in_force_on_it_or_above_it() {
        let t = tree();
        let areas = [
            area("10507", RiskLevel::Medium, 0, None),
            area("288", RiskLevel::VeryHigh, 100, Some(200)),
        ];
        assert_eq!(level_at(&areas, &t, &code("10507"), 50), Some(RiskLevel::Medium));
        assert_eq!(level_at(&areas, &t, &code("10507"), 150), Some(RiskLevel::VeryHigh));
        assert_eq!(level_at(&areas, &t, &code("10510"), 150), Some(RiskLevel::VeryHigh));
        assert_eq!(level_at(&areas, &t, &code("10510"), 50), None);
        assert_eq!(level_at(&areas, &t, &code("00001"), 150), None);
    }

    #[test]
    fn a_span_takes_the_highest_level_of_any_area_overlapping_it() {
        let t = tree();
        let areas = [
            area("10507", RiskLevel::Medium, 0, None),
            // Declared and ended within the span [100, 200): neither its start nor its end sees it.
            area("288", RiskLevel::VeryHigh, 120, Some(150)),
            area("30", RiskLevel::High, 200, None),
        ];
        let during =
            |place: &str, from, until| highest_level_during(&areas, &t, &code(place), from, until);
        assert_eq!(during("10507", 100, 200), Some(RiskLevel::VeryHigh));
        assert_eq!(during("10510", 100, 200), Some(RiskLevel::VeryHigh));
        assert_eq!(
            during("10510", 150, 200),
            None,
            "ended as the span began; the next starts as it ends"
        );
        assert_eq!(during("10507", 150, 201), Some(RiskLevel::High));
        assert_eq!(during("00001", 0, 1_000), None);
    }

    #[test]
    fn an_area_concerns_the_units_above_and_below_it_only() {
        let t = tree();
        let district = area("288", RiskLevel::High, 0, None);
        for unit in ["30", "288", "10507", "10510"] {
            assert!(district.concerns(&t, &code(unit)), "{unit}");
        }
        assert!(!district.concerns(&t, &code("01")));
        assert!(!district.concerns(&t, &code("00001")));
        let commune = area("10507", RiskLevel::High, 0, None);
        assert!(!commune.concerns(&t, &code("10510")), "a sibling commune");
    }

    #[test]
    fn a_period_includes_its_start_and_excludes_its_end() {
        let a = area("288", RiskLevel::High, 100, Some(200));
        assert!(!a.in_force_at(99));
        assert!(a.in_force_at(100));
        assert!(a.in_force_at(199));
        assert!(!a.in_force_at(200));
        assert!(area("288", RiskLevel::High, 100, None).in_force_at(i64::MAX));
    }

    #[test]
    fn an_area_needs_a_known_unit_and_a_period_that_moves_forward() {
        let t = tree();
        assert_eq!(
            EpidemicArea::new(&t, code("99"), RiskLevel::Low, 0, None),
            Err(AreaError::UnknownUnit(code("99")))
        );
        assert_eq!(
            EpidemicArea::new(&t, code("30"), RiskLevel::Low, 10, Some(10)),
            Err(AreaError::EndsBeforeStart)
        );
    }

    #[test]
    fn spread_levels_answer_like_the_tree_for_every_commune() {
        let t = tree();
        let areas = [
            area("10507", RiskLevel::Medium, 0, None),
            area("288", RiskLevel::VeryHigh, 100, Some(200)),
            area("00001", RiskLevel::Low, 0, None),
        ];
        let spread = LeafLevels::spread(&areas, &t);
        for place in ["10507", "10510", "00001"] {
            for at in [0, 50, 100, 150, 199, 200, 300] {
                assert_eq!(
                    spread.level_at(&code(place), at),
                    level_at(&areas, &t, &code(place), at),
                    "{place} at {at}"
                );
            }
        }
        assert_eq!(spread.0.len(), 3, "only communes are listed");
        let json = serde_json::to_string(&spread).unwrap();
        assert_eq!(serde_json::from_str::<LeafLevels>(&json).unwrap(), spread);
    }
}
