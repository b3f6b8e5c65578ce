use crate::harness::TestApp;
use backend::db::Db;

pub async fn migrations_apply_to_an_empty_database_and_again_change_nothing(app: TestApp) {
    // The harness migrated an empty database; a second run on a new connection finds nothing to do.
    let again = Db::connect(&app.url).await.unwrap();
    again.migrate().await.unwrap();
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&again.read)
        .await
        .unwrap();
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/sqlite"))
        .unwrap()
        .count();
    assert_eq!(applied as usize, files);
    for table in
        ["units", "unit_trees", "checkpoints", "users", "sessions", "audit_log", "registry_people"]
    {
        sqlx::query(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&again.read).await.unwrap();
    }
}
