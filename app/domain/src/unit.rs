//! Administrative units: the province > district > commune tree (or any other depth the data has),
//! and the scope questions every access decision asks of it: children of, ancestors of, is X inside Y.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text;

/// A GSO unit code. Codes are strings: their leading zeros matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitCode(String);

#[derive(Debug, Error, PartialEq, Eq)]
#[error("a unit code is 1 to 10 ASCII digits, got {0:?}")]
pub struct InvalidUnitCode(pub String);

impl UnitCode {
    pub fn parse(raw: &str) -> Result<Self, InvalidUnitCode> {
        let code = raw.trim();
        if code.is_empty() || code.len() > 10 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvalidUnitCode(raw.to_owned()));
        }
        Ok(Self(code.to_owned()))
    }
}

checked_text!(UnitCode, InvalidUnitCode);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub code: UnitCode,
    pub name: String,
    /// The level's name as the data gives it (province, district, commune): the depth is data.
    pub level: String,
    pub unit_type: String,
    pub parent: Option<UnitCode>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum UnitTreeError {
    #[error("unit {0} appears twice")]
    Duplicate(UnitCode),
    #[error("unit {unit} names parent {parent}, which is not in the tree")]
    MissingParent { unit: UnitCode, parent: UnitCode },
    #[error("unit {0} is its own ancestor")]
    Cycle(UnitCode),
}

/// The whole tree held in memory: about 11,000 units, so every scope question is a few hash look-ups
/// and never a query per row.
#[derive(Debug, Clone, Default)]
pub struct UnitTree {
    units: Vec<Unit>,
    index: HashMap<UnitCode, usize>,
    children: HashMap<UnitCode, Vec<usize>>,
    roots: Vec<usize>,
    /// Each unit's name folded for search, kept beside it so a search folds only the query.
    folded: Vec<String>,
}

/// How well a unit's names answer a search: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// The query is a run of whole-word prefixes in the unit's own name ("cam dien" in "Xã Cẩm Điền").
    Phrase,
    /// Every word of the query starts a word of the unit's own name.
    Words,
    /// Every word starts a word of the name or of an ancestor's ("cam dien hai duong").
    Path,
}

impl UnitTree {
    pub fn new(units: Vec<Unit>) -> Result<Self, UnitTreeError> {
        let mut index = HashMap::with_capacity(units.len());
        for (i, unit) in units.iter().enumerate() {
            if index.insert(unit.code.clone(), i).is_some() {
                return Err(UnitTreeError::Duplicate(unit.code.clone()));
            }
        }
        let mut children: HashMap<UnitCode, Vec<usize>> = HashMap::new();
        let mut roots = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            match &unit.parent {
                None => roots.push(i),
                Some(parent) if index.contains_key(parent) => {
                    children.entry(parent.clone()).or_default().push(i)
                }
                Some(parent) => {
                    return Err(UnitTreeError::MissingParent {
                        unit: unit.code.clone(),
                        parent: parent.clone(),
                    })
                }
            }
        }
        let folded = units.iter().map(|u| text::fold(&u.name)).collect();
        let tree = Self { units, index, children, roots, folded };
        for unit in &tree.units {
            // A walk longer than the number of units can only be a cycle.
            let mut steps = 0;
            let mut at = unit.parent.as_ref();
            while let Some(code) = at {
                steps += 1;
                if steps > tree.units.len() {
                    return Err(UnitTreeError::Cycle(unit.code.clone()));
                }
                at = tree.get(code).and_then(|u| u.parent.as_ref());
            }
        }
        Ok(tree)
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn get(&self, code: &UnitCode) -> Option<&Unit> {
        self.index.get(code).map(|&i| &self.units[i])
    }

    pub fn roots(&self) -> impl Iterator<Item = &Unit> {
        self.roots.iter().map(|&i| &self.units[i])
    }

    pub fn children_of(&self, code: &UnitCode) -> impl Iterator<Item = &Unit> {
        self.children.get(code).into_iter().flatten().map(|&i| &self.units[i])
    }

    /// The unit's ancestors, nearest first, ending at its root (a province in both real trees).
    pub fn ancestors_of(&self, code: &UnitCode) -> Vec<&Unit> {
        let mut out = Vec::new();
        let mut at = self.get(code).and_then(|u| u.parent.as_ref());
        while let Some(parent) = at.and_then(|c| self.get(c)) {
            out.push(parent);
            at = parent.parent.as_ref();
        }
        out
    }

    /// The unit itself followed by its ancestors: the form `can` takes a target in.
    pub fn path_of(&self, code: &UnitCode) -> Vec<UnitCode> {
        let Some(unit) = self.get(code) else {
            return Vec::new();
        };
        std::iter::once(unit).chain(self.ancestors_of(code)).map(|u| u.code.clone()).collect()
    }

    /// True when `inner` is `outer` or lies anywhere below it.
    pub fn is_inside(&self, inner: &UnitCode, outer: &UnitCode) -> bool {
        self.get(inner).is_some() && self.path_of(inner).iter().any(|c| c == outer)
    }

    /// Whether people live in this unit directly: a unit of the tree with none below it. Its level's
    /// name is not asked: the three-tier data has island districts without communes (Côn Đảo, Lý Sơn,
    /// Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa) whose people live, declare and are listed at that district.
    pub fn is_commune(&self, code: &UnitCode) -> bool {
        self.index.contains_key(code) && !self.children.contains_key(code)
    }

    /// The communes at or below `code`, breadth first: the unit itself when it is one.
    pub fn communes_within(&self, code: &UnitCode) -> Vec<&Unit> {
        if self.is_commune(code) {
            return self.get(code).into_iter().collect();
        }
        self.descendants_of(code).into_iter().filter(|u| self.is_commune(&u.code)).collect()
    }

    /// Every unit below `code`, breadth first, without `code` itself.
    pub fn descendants_of(&self, code: &UnitCode) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = self.children_of(code).collect();
        let mut next = 0;
        while next < out.len() {
            let code = &out[next].code;
            out.extend(self.children_of(code));
            next += 1;
        }
        out
    }

    /// Names from the root down, e.g. "Xã A, Huyện B, Tỉnh C" reversed into display order.
    pub fn full_name(&self, code: &UnitCode) -> String {
        let mut names: Vec<&str> = self.get(code).map(|u| u.name.as_str()).into_iter().collect();
        names.extend(self.ancestors_of(code).iter().map(|u| u.name.as_str()));
        names.join(", ")
    }

    /// The materialised path stored next to each unit row, so SQL can filter a scope with one prefix match.
    pub fn path_key(&self, code: &UnitCode) -> String {
        let mut path = self.path_of(code);
        path.reverse();
        let mut key = String::from("/");
        for c in path {
            key.push_str(c.as_str());
            key.push('/');
        }
        key
    }

    pub fn iter(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter()
    }

    /// The lowest units (communes and wards) whose names answer what a person typed, with or without
    /// diacritics, in any case, best first: "cam dien", "Cẩm Điền" and "CAM DIEN hai duong" all find
    /// Xã Cẩm Điền. A query of fewer than two letters finds nothing, since it would match thousands.
    pub fn search_leaves(&self, query: &str, limit: usize) -> Vec<&Unit> {
        let query = text::fold(query);
        let words: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
        if query.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return Vec::new();
        }
        let mut found: Vec<(Fit, String, usize)> = Vec::new();
        for (i, unit) in self.units.iter().enumerate() {
            if !self.is_commune(&unit.code) {
                continue;
            }
            let own: Vec<&str> = self.folded[i].split(' ').collect();
            let fit = if starts_run(&own, &words) {
                Fit::Phrase
            } else if words.iter().all(|w| own.iter().any(|o| o.starts_with(w))) {
                Fit::Words
            } else {
                let path: Vec<&str> = self
                    .ancestors_of(&unit.code)
                    .iter()
                    .flat_map(|a| self.folded[self.index[&a.code]].split(' '))
                    .chain(own.iter().copied())
                    .collect();
                if !words.iter().all(|w| path.iter().any(|o| o.starts_with(w))) {
                    continue;
                }
                Fit::Path
            };
            found.push((fit, text::fold(&self.full_name(&unit.code)), i));
        }
        found.sort();
        found.into_iter().take(limit).map(|(_, _, i)| &self.units[i]).collect()
    }

    /// The top of the tree above a unit (its province), or the unit itself when it is a root.
    pub fn root_of(&self, code: &UnitCode) -> Option<&Unit> {
        self.ancestors_of(code).pop().or_else(|| self.get(code))
    }
}

/// Whether the query's words appear in order in `own`, each the start of consecutive words, the last
/// one possibly unfinished (the person is still typing).
fn starts_run(own: &[&str], words: &[&str]) -> bool {
    (0..own.len()).any(|start| {
        own.len() - start >= words.len()
            && words.iter().enumerate().all(|(k, w)| {
                let o = own[start + k];
                if k + 1 == words.len() {
                    o.starts_with(w)
                } else {
                    o == *w
                }
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn unit(code: &str, parent: Option<&str>, level: &str) -> Unit {
        Unit {
            code: UnitCode::parse(code).unwrap(),
            name: format!("Unit {code}"),
            level: level.into(),
            unit_type: level.into(),
            parent: parent.map(|p| UnitCode::parse(p).unwrap()),
            lat: None,
            lon: None,
        }
    }

    fn code(c: &str) -> UnitCode {
        UnitCode::parse(c).unwrap()
    }

    fn sample() -> UnitTree {
        UnitTree::new(vec![
            unit("30", None, "province"),
            unit("288", Some("30"), "district"),
            unit("10507", Some("288"), "commune"),
            unit("10510", Some("288"), "commune"),
            unit("290", Some("30"), "district"),
            unit("10600", Some("290"), "commune"),
            unit("01", None, "province"),
            unit("00004", Some("01"), "commune"),
        ])
        .unwrap()
    }

    #[test]
    fn ancestors_end_at_the_root() {
        let tree = sample();
        let names: Vec<_> =
            tree.ancestors_of(&code("10507")).iter().map(|u| u.code.as_str().to_owned()).collect();
        assert_eq!(names, ["288", "30"]);
    }

    #[test]
    fn a_two_tier_commune_sits_directly_under_its_province() {
        let tree = sample();
        assert_eq!(tree.path_of(&code("00004")), [code("00004"), code("01")]);
        assert!(tree.is_inside(&code("00004"), &code("01")));
    }

    #[test]
    fn inside_is_reflexive_and_follows_the_tree_only_downwards() {
        let tree = sample();
        assert!(tree.is_inside(&code("10507"), &code("10507")));
        assert!(tree.is_inside(&code("10507"), &code("30")));
        assert!(!tree.is_inside(&code("30"), &code("10507")));
        assert!(!tree.is_inside(&code("10600"), &code("288")));
        assert!(!tree.is_inside(&code("99999"), &code("30")));
    }

    #[test]
    fn children_and_descendants() {
        let tree = sample();
        assert_eq!(tree.children_of(&code("30")).count(), 2);
        assert_eq!(tree.descendants_of(&code("30")).len(), 5);
        assert_eq!(tree.path_key(&code("10507")), "/30/288/10507/");
    }

    #[rstest]
    #[case("10507", true)]
    #[case("00004", true)]
    #[case("288", false)]
    #[case("30", false)]
    #[case("01", false)]
    #[case("99999", false)]
    fn a_commune_is_a_unit_with_none_below_it(#[case] unit: &str, #[case] commune: bool) {
        assert_eq!(sample().is_commune(&code(unit)), commune);
    }

    #[test]
    fn a_district_without_communes_is_where_its_people_live() {
        let tree =
            UnitTree::new(vec![unit("31", None, "province"), unit("318", Some("31"), "district")])
                .unwrap();
        assert!(tree.is_commune(&code("318")));
        assert!(!tree.is_commune(&code("31")));
    }

    #[rstest]
    #[case("30", &["10507", "10510", "10600"])]
    #[case("288", &["10507", "10510"])]
    #[case("10507", &["10507"])]
    #[case("01", &["00004"])]
    #[case("99999", &[])]
    fn the_communes_within_a_unit_include_itself_when_it_is_one(
        #[case] unit: &str,
        #[case] expected: &[&str],
    ) {
        let tree = sample();
        let found: Vec<&str> =
            tree.communes_within(&code(unit)).iter().map(|u| u.code.as_str()).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_missing_parent_or_duplicate_is_refused() {
        let missing = UnitTree::new(vec![unit("288", Some("30"), "district")]);
        assert!(matches!(missing, Err(UnitTreeError::MissingParent { .. })));
        let dup = UnitTree::new(vec![unit("30", None, "p"), unit("30", None, "p")]);
        assert_eq!(dup.unwrap_err(), UnitTreeError::Duplicate(code("30")));
    }

    #[test]
    fn a_cycle_is_refused() {
        let cyc = UnitTree::new(vec![unit("1", Some("2"), "a"), unit("2", Some("1"), "b")]);
        assert!(matches!(cyc, Err(UnitTreeError::Cycle(_))));
    }

    fn named(code: &str, parent: Option<&str>, name: &str) -> Unit {
        Unit { name: name.into(), ..unit(code, parent, "unit") }
    }

    fn hai_duong() -> UnitTree {
        UnitTree::new(vec![
            named("30", None, "Tỉnh Hải Dương"),
            named("292", Some("30"), "Huyện Cẩm Giàng"),
            named("10771", Some("292"), "Xã Cẩm Điền"),
            named("10774", Some("292"), "Xã Cẩm Đông"),
            named("10780", Some("292"), "Thị trấn Lai Cách"),
            named("288", Some("30"), "Thành phố Hải Dương"),
            named("10507", Some("288"), "Phường Cẩm Thượng"),
            named("01", None, "Thành phố Hà Nội"),
            named("00001", Some("01"), "Phường Phúc Xá"),
        ])
        .unwrap()
    }

    fn found(tree: &UnitTree, query: &str) -> Vec<String> {
        tree.search_leaves(query, 10).iter().map(|u| u.code.as_str().to_owned()).collect()
    }

    #[test]
    fn search_finds_communes_with_or_without_diacritics_and_in_any_case() {
        let tree = hai_duong();
        assert_eq!(found(&tree, "cam dien"), ["10771"]);
        assert_eq!(found(&tree, "Cẩm Điền"), ["10771"]);
        assert_eq!(found(&tree, "CAM DIEN"), ["10771"]);
        assert_eq!(found(&tree, "phuc xa"), ["00001"]);
    }

    #[test]
    fn search_matches_word_starts_while_typing_and_ranks_own_name_first() {
        let tree = hai_duong();
        // Names that begin "Cẩm Đ…" first; then units where the words are found along the path ("Hải Dương").
        assert_eq!(found(&tree, "cam d"), ["10771", "10774", "10507", "10780"]);
        // Within one fit, alphabetical by the full name: a ward ("phường") before a commune ("xã").
        // Lai Cách comes last, found through its district Cẩm Giàng.
        assert_eq!(found(&tree, "cam"), ["10507", "10771", "10774", "10780"]);
        // Through the district's name: every commune of Cẩm Giàng, none of Cẩm Thượng's city.
        assert_eq!(found(&tree, "cam giang"), ["10780", "10771", "10774"]);
        assert_eq!(found(&tree, "lai cach cam giang"), ["10780"]);
    }

    #[test]
    fn search_skips_districts_and_provinces_and_short_queries() {
        let tree = hai_duong();
        assert!(found(&tree, "hai duong").iter().all(|c| c.len() == 5));
        assert!(found(&tree, "c").is_empty());
        assert!(found(&tree, "  ").is_empty());
        assert!(found(&tree, "zzz").is_empty());
        assert_eq!(tree.search_leaves("cam", 1).len(), 1);
    }

    #[test]
    fn the_root_of_a_commune_is_its_province() {
        let tree = hai_duong();
        assert_eq!(tree.root_of(&code("10771")).unwrap().code, code("30"));
        assert_eq!(tree.root_of(&code("30")).unwrap().code, code("30"));
        assert!(tree.root_of(&code("99")).is_none());
    }

    #[test]
    fn unit_codes_keep_leading_zeros_and_refuse_garbage() {
        assert_eq!(code("00004").as_str(), "00004");
        assert!(UnitCode::parse("12a").is_err());
        assert!(UnitCode::parse("").is_err());
    }
}
