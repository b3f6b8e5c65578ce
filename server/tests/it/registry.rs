use axum::body::Body;
use axum::http::{Request, StatusCode};

use backend::{accounts, demo, registry, vaccinations, AppError};
use contract::error::ErrorCode;

use crate::harness::{operator, TestApp};

async fn actor(app: &TestApp, username: &str) -> backend::Official {
    let token = app.token(username, demo::DEMO_PASSWORD).await;
    accounts::authenticate(&app.state, &accounts::SessionToken::new(token)).await.unwrap()
}

/// A registered person in `commune`, and one outside the commune's district.
async fn people(app: &TestApp, commune: &str, district: &str) -> (String, String) {
    let inside: String = sqlx::query_scalar(
        "SELECT document_number FROM registry_people WHERE current_commune = $1 ORDER BY id LIMIT 1",
    )
    .bind(commune)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    let outside: String = sqlx::query_scalar(
        "SELECT p.document_number FROM registry_people p JOIN units u ON u.code = p.current_commune AND u.tree = $1
         WHERE u.parent_code <> $2 ORDER BY p.id LIMIT 1",
    )
    .bind(&app.state.units().id)
    .bind(district)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    (inside, outside)
}

pub async fn reading_a_person_writes_an_audit_row_in_scope_and_out(app: TestApp) {
    let app = app.with_demo().await;
    let commune = actor(&app, "commune.hd").await;
    let domain::Scope::Unit(commune_code) = commune.scope.clone() else { panic!("commune scope") };
    let district_code = app.state.units().tree.get(&commune_code).unwrap().parent.clone().unwrap();
    let (inside, outside) = people(&app, commune_code.as_str(), district_code.as_str()).await;

    let person = registry::look_up_person(&app.state, &commune, &inside).await.unwrap();
    assert_eq!(person.document_number, inside);
    assert!(person.residence.ends_with("Tỉnh Hải Dương"));
    assert_eq!(app.audit_count("read_person", "person", &inside).await, 1);

    let refused = registry::look_up_person(&app.state, &commune, &outside).await;
    assert!(matches!(refused, Err(AppError::Forbidden)));
    assert_eq!(app.audit_count("read_person", "person", &outside).await, 0);
    assert_eq!(app.audit_count("read_person_denied", "person", &outside).await, 1);

    let steering = actor(&app, "steering.hd").await;
    assert!(matches!(
        registry::look_up_person(&app.state, &steering, &inside).await,
        Err(AppError::Forbidden)
    ));
    let province = actor(&app, "province.hd").await;
    registry::look_up_person(&app.state, &province, &outside).await.unwrap();
    assert_eq!(app.audit_count("read_person", "person", &outside).await, 1);

    // Through the page, as a browser would, the read is audited once more.
    let cookie = app
        .post_form(
            "/forms/login",
            &format!("username=commune.hd&password={}", demo::DEMO_PASSWORD),
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    let page = app
        .send(
            Request::get(format!("/registry?number={inside}"))
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&person.full_name), "the page shows the person");
    assert_eq!(app.audit_count("read_person", "person", &inside).await, 2);
}

pub async fn bad_document_numbers_are_refused_without_touching_the_audit(app: TestApp) {
    let app = app.with_demo().await;
    let commune = actor(&app, "commune.hd").await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    for bad in ["", "12345", "03009012345x", "<script>alert(1)</script>", "0300901234567"] {
        let result = registry::look_up_person(&app.state, &commune, bad).await;
        assert!(
            matches!(result, Err(AppError::Validation(ErrorCode::BadDocumentNumber))),
            "{bad:?}"
        );
    }
    assert!(matches!(
        registry::look_up_person(&app.state, &commune, "001999999999").await,
        Err(AppError::NotFound)
    ));
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(before, after);
}

/// An extract of the registry as a file: the header in its own order (and a BOM), then the rows.
fn extract(dir: &std::path::Path, name: &str, rows: &[String]) -> std::path::PathBuf {
    let path = dir.join(name);
    let header = "\u{feff}address,document_number,full_name,birth_date,sex,permanent_commune,current_commune";
    std::fs::write(&path, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    path
}

fn row(e: &domain::registry::Entry, address: &str) -> String {
    // Dates as spreadsheets write them, dd/mm/yyyy, and sex in Vietnamese.
    let d = e.birth_date;
    let sex = if e.sex == domain::Sex::Male { "Nam" } else { "Nữ" };
    format!(
        "\"{address}\",{},{},{:02}/{:02}/{},{sex},{},{}",
        e.document_number,
        e.full_name,
        d.day,
        d.month,
        d.year,
        e.permanent_commune,
        e.current_commune
    )
}

async fn registered(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM registry_people")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap()
}

pub async fn a_registry_extract_is_imported_and_a_second_import_updates_without_duplicating(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let before = registered(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let units = app.state.units();
    let province = domain::UnitCode::parse("30").unwrap();
    // Another seed than the demo's: mostly new people, and some the demo registered already.
    let people: Vec<_> = demo::synthetic_population(&units.tree, &province, 99, 2_500)
        .into_iter()
        .chain(demo::synthetic_population(&units.tree, &province, 7, 5))
        .collect();
    let mut rows: Vec<String> = people.iter().map(|p| row(p, &p.address)).collect();
    rows.insert(10, "Số 1,12345,Lê Văn Sai,01/01/1990,Nam,10507,10507".to_owned());
    rows.insert(
        20,
        format!("Số 1,{},Lê Văn Lặp,01/01/1990,Nam,10507,10507", people[3].document_number),
    );
    rows.insert(30, "Số 1,030090001234,Lê Văn Xa,31/02/1990,x,99999,10507".to_owned());
    let file = extract(dir.path(), "registry.csv", &rows);
    let quiet = |_: u64, _: u64| {};

    let first = registry::import_csv(&app.state, &operator(), &file, &quiet).await.unwrap();
    assert!(!first.refused);
    // The five the demo holds already are the demo's: as stored, unchanged.
    let demo_people = 5;
    assert_eq!(first.added + first.unchanged + first.updated, people.len() as u64, "{first:?}");
    assert_eq!(first.unchanged, demo_people, "{first:?}");
    assert_eq!(first.rejected, 5, "{:?}", first.listed);
    let seen: Vec<(u64, Option<&str>, &str)> =
        first.listed.iter().map(|r| (r.line, r.field.as_deref(), r.problem.as_str())).collect();
    assert_eq!(
        seen,
        [
            (12, Some("document_number"), "cmnd_not_nine_or_twelve_digits"),
            (22, None, "repeated"),
            (32, Some("birth_date"), "not_a_date"),
            (32, Some("sex"), "not_a_choice"),
            (32, Some("permanent_commune"), "not_a_commune"),
        ]
    );
    assert_eq!(registered(&app).await, before + first.added as i64);
    let stored = backend::store::registry::by_document_number(
        &app.state.db.read,
        people[0].document_number.as_str(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(stored, people[0]);
    assert_eq!(app.audit_count("import_registry", "file", &file.display().to_string()).await, 1);

    // The same file again changes nothing; a newer extract with moved people and newcomers updates
    // them and adds the newcomers, never a second row for anyone.
    let again = registry::import_csv(&app.state, &operator(), &file, &quiet).await.unwrap();
    assert_eq!((again.added, again.updated), (0, 0), "{again:?}");
    assert_eq!(again.unchanged, people.len() as u64);
    let newcomers = demo::synthetic_population(&units.tree, &province, 1234, 40);
    let newcomers: Vec<_> = newcomers
        .into_iter()
        .filter(|n| people.iter().all(|p| p.document_number != n.document_number))
        .collect();
    let mut newer: Vec<String> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            row(p, &if i % 100 == 0 { format!("Số {i}, Thôn Mới") } else { p.address.clone() })
        })
        .collect();
    newer.extend(newcomers.iter().map(|p| row(p, &p.address)));
    let file = extract(dir.path(), "registry-newer.csv", &newer);
    let newer = registry::import_csv(&app.state, &operator(), &file, &quiet).await.unwrap();
    assert_eq!(newer.updated, people.len().div_ceil(100) as u64, "{newer:?}");
    assert_eq!(newer.added, newcomers.len() as u64);
    assert_eq!(newer.rejected, 0, "{:?}", newer.listed);
    assert_eq!(registered(&app).await, before + (first.added + newer.added) as i64);
    let moved = backend::store::registry::by_document_number(
        &app.state.db.read,
        people[100].document_number.as_str(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(moved.address, "Số 100, Thôn Mới");
}

pub async fn a_registry_extract_without_its_columns_or_by_a_non_administrator_stores_nothing(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let before = registered(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.csv");
    std::fs::write(&path, "document_number,full_name\n030090001234,Lê Văn An\n").unwrap();
    let quiet = |_: u64, _: u64| {};
    let got = registry::import_csv(&app.state, &operator(), &path, &quiet).await.unwrap();
    assert!(got.refused);
    let missing: Vec<&str> = got.listed.iter().filter_map(|r| r.field.as_deref()).collect();
    assert_eq!(missing, ["birth_date", "sex", "permanent_commune", "current_commune", "address"]);
    assert!(got.listed.iter().all(|r| r.line == 1 && r.problem == "missing_column"));

    let units = app.state.units();
    let province = domain::UnitCode::parse("30").unwrap();
    let people = demo::synthetic_population(&units.tree, &province, 99, 3);
    let rows: Vec<String> = people.iter().map(|p| row(p, &p.address)).collect();
    let file = extract(dir.path(), "registry.csv", &rows);
    for username in ["commune.hd", "national"] {
        let official = actor(&app, username).await;
        let refused = registry::import_csv(&app.state, &official, &file, &quiet).await;
        assert!(matches!(refused, Err(AppError::Forbidden)), "{username}: {refused:?}");
    }
    assert_eq!(registered(&app).await, before);
}

pub async fn a_vaccination_extract_is_imported_dose_by_dose_and_again_changes_nothing(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vaccinations.csv");
    let write = |rows: &[&str]| {
        std::fs::write(
            &path,
            format!("site,document_number,dose,date,vaccine\n{}\n", rows.join("\n")),
        )
        .unwrap();
    };
    let (a, b) = ("030090001234", "001190004321");
    write(&[
        &format!("TYT Phường 1,{a},1,15/07/2021,AstraZeneca"),
        &format!("TYT Phường 1,{a},2,2021-09-15,AstraZeneca"),
        &format!("BV Đa khoa,{b},1,2021-10-01,Pfizer"),
        &format!("BV Đa khoa,{b},0,2021-10-01,Pfizer"),
        &format!("BV Đa khoa,{b},1,2021-10-02,Pfizer"),
        "BV Đa khoa,123,1,2031-10-01,",
    ]);
    let quiet = |_: u64, _: u64| {};
    let first = vaccinations::import_csv(&app.state, &operator(), &path, &quiet).await.unwrap();
    assert_eq!((first.added, first.updated, first.unchanged), (3, 0, 0), "{first:?}");
    let seen: Vec<(u64, Option<&str>, &str)> =
        first.listed.iter().map(|r| (r.line, r.field.as_deref(), r.problem.as_str())).collect();
    assert_eq!(
        seen,
        [
            (5, Some("dose"), "not_a_choice"),
            (6, None, "repeated"),
            (7, Some("document_number"), "cmnd_not_nine_or_twelve_digits"),
            (7, Some("date"), "in_the_future"),
            (7, Some("vaccine"), "required"),
        ]
    );
    let doses = |app: &TestApp| {
        let read = app.state.db.read.clone();
        async move {
            let mut conn = read.acquire().await.unwrap();
            backend::store::vaccinations::doses_of(&mut conn, &[a, b, "079200001111"])
                .await
                .unwrap()
        }
    };
    let counted = doses(&app).await;
    assert_eq!((counted.get(a), counted.get(b), counted.len()), (Some(&2), Some(&1), 2));
    // The table's key holds after a first load, which on PostgreSQL drops it and builds it again.
    let again = sqlx::query(
        "INSERT INTO registry_vaccinations (document_number, dose, given_on, vaccine, site)
         VALUES ($1, 1, '2021-07-15', 'AstraZeneca', 'TYT')",
    )
    .bind(a)
    .execute(&app.state.db.write)
    .await;
    assert!(again.is_err(), "a second first dose");

    // A newer extract: the same doses, one corrected date and a third dose.
    write(&[
        &format!("TYT Phường 1,{a},1,15/07/2021,AstraZeneca"),
        &format!("TYT Phường 1,{a},2,2021-09-16,AstraZeneca"),
        &format!("TYT Phường 1,{a},3,2022-03-01,Pfizer"),
        &format!("BV Đa khoa,{b},1,2021-10-01,Pfizer"),
    ]);
    let newer = vaccinations::import_csv(&app.state, &operator(), &path, &quiet).await.unwrap();
    assert_eq!((newer.added, newer.updated, newer.unchanged, newer.rejected), (1, 1, 2, 0));
    let again = vaccinations::import_csv(&app.state, &operator(), &path, &quiet).await.unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 4));
    assert_eq!(doses(&app).await.get(a), Some(&3));
    let given_on: String = sqlx::query_scalar(
        "SELECT given_on FROM registry_vaccinations WHERE document_number = $1 AND dose = 2",
    )
    .bind(a)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(given_on, "2021-09-16");
}
