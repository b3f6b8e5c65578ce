use backend::{store, units};
use domain::UnitCode;

use crate::harness::{operator, TestApp};
use zonepass::seed;

fn code(c: &str) -> UnitCode {
    UnitCode::parse(c).unwrap()
}

pub async fn stored_three_tier_tree_has_hai_duong_with_twelve_districts(app: TestApp) {
    // Loaded back from storage, not from the CSV: this checks the round trip too.
    let active = units::load_active(&app.state.db).await.unwrap();
    assert_eq!(active.id, seed::THREE_TIER.id);
    let tree = &active.tree;
    assert_eq!(tree.roots().count(), 63);
    let hai_duong = tree.get(&code("30")).unwrap();
    assert_eq!(hai_duong.name, "Tỉnh Hải Dương");
    let districts: Vec<_> = tree.children_of(&code("30")).collect();
    assert_eq!(districts.len(), 12);
    assert!(districts.iter().all(|d| d.level == "district"));
    let communes: Vec<_> = tree.iter().filter(|u| u.level == "commune").collect();
    assert_eq!(communes.len(), 10_035);
    for commune in communes {
        let ancestors = tree.ancestors_of(&commune.code);
        let root = ancestors.last().unwrap();
        assert_eq!(root.level, "province", "{} ends at {}", commune.code, root.code);
        assert!(tree.is_inside(&commune.code, &root.code));
    }
    assert_eq!(
        tree.descendants_of(&code("30")).iter().filter(|u| u.level == "commune").count(),
        207
    );
    // The stored path lets SQL answer "inside" with one prefix match.
    let inside: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM units WHERE tree = $1 AND path LIKE '/30/%' AND level = 'commune'",
    )
    .bind(&active.id)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(inside, 207);
}

pub async fn two_tier_tree_imports_and_can_be_made_active(app: TestApp) {
    let now = app.state.now();
    let n = units::import(
        &app.state.db,
        &operator(),
        seed::TWO_TIER.id,
        seed::TWO_TIER.name,
        seed::TWO_TIER.csv,
        false,
        now,
    )
    .await
    .unwrap();
    assert_eq!(n, 34 + 3_321);
    // Importing without --activate leaves the working tree alone.
    assert_eq!(
        store::units::active_tree_id(&app.state.db.read).await.unwrap().as_deref(),
        Some(seed::THREE_TIER.id)
    );
    units::import(
        &app.state.db,
        &operator(),
        seed::TWO_TIER.id,
        seed::TWO_TIER.name,
        seed::TWO_TIER.csv,
        true,
        now,
    )
    .await
    .unwrap();
    units::reload(&app.state).await.unwrap();
    let active = app.state.units();
    assert_eq!(active.id, seed::TWO_TIER.id);
    assert_eq!(active.tree.roots().count(), 34);
    for unit in active.tree.iter().filter(|u| u.level == "commune") {
        let ancestors = active.tree.ancestors_of(&unit.code);
        assert_eq!(ancestors.len(), 1, "a two-tier commune sits right under its province");
        assert_eq!(ancestors[0].level, "province");
    }
    assert!(app.audit_count("import_units", "unit_tree", seed::TWO_TIER.id).await >= 2);
}
