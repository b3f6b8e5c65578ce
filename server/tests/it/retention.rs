use axum::http::StatusCode;
use serde_json::{json, Value};

use backend::demo::DEMO_PASSWORD;
use backend::{daily_lists, retention};
use domain::UnitCode;

use crate::checkpoint::{declare_trip, Trip};
use crate::harness::{operator, TestApp};
use crate::lists::{cross, crossing, declare_on_paper, person};
use crate::reconciliation::{four_arrive, item, post, Arrived};

const DAY: &str = "2026-11-28";

/// Rows of a table the purge must have emptied of the day.
async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.state.db.read).await.unwrap()
}

/// Every number a unit's report and daily list of the day show, and the list's people apart.
async fn seen(app: &TestApp, token: &str, units: &[UnitCode]) -> (Vec<Value>, Vec<Value>) {
    let mut numbers = Vec::new();
    let mut people = Vec::new();
    for unit in units {
        let report = app.get(&format!("/api/v1/units/{unit}/reports/{DAY}"), Some(token)).await;
        assert_eq!(report.status, StatusCode::OK, "{unit}: {}", report.body);
        numbers.push(report.json());
        let list = app.get(&format!("/api/v1/units/{unit}/lists?date={DAY}"), Some(token)).await;
        assert_eq!(list.status, StatusCode::OK, "{unit}: {}", list.body);
        let mut list = list.json();
        let object = list.as_object_mut().unwrap();
        people.push(object.remove("arrivals").unwrap());
        object.remove("generated_at");
        object.remove("purged");
        numbers.push(list);
    }
    (numbers, people)
}

/// A day of arrivals online, on paper and at a checkpoint, reconciled, with a registry correction
/// proposed, an addendum after the close and an approved report: thirty-one days later the purge takes
/// every personal row of the day, and every report and dashboard number reads as before. A trip still
/// held stays; purging again removes nothing more.
pub async fn purge_removes_the_personal_rows_and_leaves_every_report_and_dashboard_number_unchanged(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let Arrived { officer, commune, resident, moved, .. } = four_arrive(&app).await;
    let holder = declare(&app, "030190000555", &commune, DAY).await;
    declare_on_paper(&app, 70_000, &[(person(70_000), commune.clone())]).await;
    let checkpoint_officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let mut with_pass = crossing("keep-1", "030190000555", "2026-11-28T00:30:00Z");
    with_pass["token"] = holder["token"].clone();
    with_pass.as_object_mut().unwrap().remove("document_number");
    cross(
        &app,
        &checkpoint_officer,
        vec![with_pass, crossing("keep-2", "001095012345", "2026-11-28T00:40:00Z")],
    )
    .await;
    let list = app
        .get(&format!("/api/v1/units/{commune}/reconciliation?date={DAY}"), Some(&officer))
        .await
        .json();
    let decide = |number: &str, body: Value| {
        let path = format!(
            "/api/v1/units/{commune}/reconciliation/{}",
            item(&list, number)["arrival_id"].as_i64().unwrap()
        );
        let (app, officer) = (&app, officer.clone());
        async move {
            let reply = post(app, &officer, &path, body).await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
        }
    };
    decide(resident.document_number.as_str(), json!({"decision": "confirm"})).await;
    decide(
        moved.document_number.as_str(),
        json!({"decision": "propose_registry_correction", "note": "Sổ hộ khẩu mới",
            "corrections": {"address": "Số 999, Xóm Mới"}}),
    )
    .await;

    app.clock.advance(time::Duration::days(1));
    daily_lists::close_day(&app.state, &operator(), DAY.parse().unwrap()).await.unwrap();
    let checkpoint_officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    cross(
        &app,
        &checkpoint_officer,
        vec![crossing("late-1", "001095054321", "2026-11-28T09:00:00Z")],
    )
    .await;
    let chief = app.token("chief.hd", DEMO_PASSWORD).await;
    let approved =
        post(&app, &chief, &format!("/api/v1/units/{commune}/reports/{DAY}/approve"), json!({}))
            .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

    // Thirty days after the trip it is still held; on the thirty-first it is not.
    app.clock.advance(time::Duration::days(29));
    let early = retention::purge(&app.state, &operator()).await.unwrap();
    assert!(early.days.is_empty() && early.declarations == 0, "{early:?}");
    assert!(early.sessions > 0, "the sessions of a month ago ended");
    app.clock.advance(time::Duration::days(1));
    let today = backend::local_time::today(app.state.now()).to_string();
    let held = declare(&app, "030190000666", &commune, &today).await;

    let national = app.token("national", DEMO_PASSWORD).await;
    let units = app.state.units();
    let path = units.tree.path_of(&UnitCode::parse(&commune).unwrap());
    let (before, people) = seen(&app, &national, &path).await;
    assert!(before[0]["arrivals"].as_i64().unwrap() >= 6, "{}", before[0]);
    assert_eq!(before[0]["confirmed"], 2, "{}", before[0]);
    assert!(people[0].as_array().is_some_and(|p| p.len() >= 6));
    let country =
        daily_lists::list(&app.state, &official(&app, &national).await, None, DAY.parse().unwrap())
            .await
            .unwrap();
    assert_eq!(country.counts.addendum, 1);

    let purged = retention::purge(&app.state, &operator()).await.unwrap();
    assert_eq!(purged.before, "2026-11-29");
    assert!(purged.days.contains(&DAY.to_owned()), "{purged:?}");
    assert_eq!(
        (purged.declarations, purged.paper_forms, purged.crossings),
        (6, 1, 3),
        "{purged:?}"
    );
    assert!(purged.passes >= 1, "{purged:?}");
    assert!(purged.reconciliations >= 6 && purged.registry_corrections == 1, "{purged:?}");
    assert_eq!(app.audit_count("purge_records", "retention", "2026-11-29").await, 1);

    for (table, sql) in [
        ("declarations", "SELECT COUNT(*) FROM declarations WHERE travel_date < '2026-11-29'"),
        ("day_travellers", "SELECT COUNT(*) FROM day_travellers WHERE travel_date < '2026-11-29'"),
        (
            "passes",
            "SELECT COUNT(*) FROM passes WHERE declaration_id NOT IN (SELECT id FROM declarations)",
        ),
        ("paper_forms", "SELECT COUNT(*) FROM paper_forms"),
        ("crossings", "SELECT COUNT(*) FROM crossings"),
        ("reconciliations", "SELECT COUNT(*) FROM reconciliations"),
        ("registry_corrections", "SELECT COUNT(*) FROM registry_corrections"),
        ("sessions", "SELECT COUNT(*) FROM sessions WHERE expires_at < '2026-12-29'"),
    ] {
        assert_eq!(count(&app, sql).await, 0, "{table}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM declarations").await, 1, "the trip still held");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM passes").await, 1);
    assert!(held["token"].is_string());

    let (after, people) = seen(&app, &national, &path).await;
    assert_eq!(after, before, "a number changed in a report or a list");
    assert!(people.iter().all(|p| p.as_array().is_some_and(Vec::is_empty)));
    let list = app.get(&format!("/api/v1/units/{commune}/lists?date={DAY}"), Some(&national)).await;
    assert_eq!(list.json()["purged"], true);
    let country_after =
        daily_lists::list(&app.state, &official(&app, &national).await, None, DAY.parse().unwrap())
            .await
            .unwrap();
    assert_eq!(
        (country_after.counts, country_after.children, country_after.checkpoints),
        (country.counts, country.children, country.checkpoints)
    );
    let worklist = app
        .get(
            &format!("/api/v1/units/{commune}/reconciliation?date={DAY}"),
            Some(&app.token("commune.hd", DEMO_PASSWORD).await),
        )
        .await
        .json();
    assert_eq!((worklist["done"].as_i64(), worklist["left"].as_i64()), (Some(0), Some(0)));

    let again = retention::purge(&app.state, &operator()).await.unwrap();
    assert!(again.days.is_empty() && again.declarations == 0 && again.crossings == 0, "{again:?}");
    assert_eq!(app.audit_count("purge_records", "retention", "2026-11-29").await, 1);
}

/// A trip of a woman born in 1990 to `destination`, declared with the phone 0912345679: her pass.
async fn declare(app: &TestApp, number: &str, destination: &str, travel_date: &str) -> Value {
    let trip = Trip { number, origin: "00004", destination, travel_date, phone: "0912345679" };
    declare_trip(app, trip).await
}

async fn official(app: &TestApp, token: &str) -> backend::Official {
    backend::accounts::authenticate(
        &app.state,
        &backend::accounts::SessionToken::new(token.to_owned()),
    )
    .await
    .unwrap()
}

/// A citizen sees what is held under their number with the phone they declared with, and until
/// when, through the API and through the page without JavaScript; another phone, and a number nobody
/// declared with, answer alike; the look-ups of a number are counted from every address together; and
/// once the trip is purged nothing of it is held any more.
pub async fn a_citizen_sees_what_is_held_on_them_with_the_phone_they_declared(app: TestApp) {
    let app = app.with_demo().await;
    let units = app.state.units();
    let commune = units.tree.communes_within(&UnitCode::parse("30").unwrap())[0].code.to_string();
    drop(units);
    let number = "030190000777";
    let pass = declare(&app, number, &commune, DAY).await;
    // Someone else's trip, looked up before and after the purge (the number above is used up).
    let second = "030190000778";
    declare(&app, second, &commune, DAY).await;
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let mut with_pass = crossing("own-1", number, "2026-11-28T00:50:00Z");
    with_pass["token"] = pass["token"].clone();
    with_pass.as_object_mut().unwrap().remove("document_number");
    cross(&app, &officer, vec![with_pass]).await;
    let ask = |number: &str, phone: &str, ip: &str| {
        let body = json!({"document_number": number, "phone": phone});
        let ip = ip.to_owned();
        let app = &app;
        async move { app.post_json("/api/v1/my-data", body, &ip).await }
    };

    // Through the page: the form keeps the question, and the page answers it.
    let form = app
        .send(
            axum::http::Request::post("/forms/my-data")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", "10.8.0.9")
                .body(axum::body::Body::from(format!(
                    "document_number={number}&phone=0912.345.679"
                )))
                .unwrap(),
        )
        .await;
    assert_eq!(form.status, StatusCode::SEE_OTHER);
    let answer_page = form.location();
    assert!(answer_page.starts_with("/du-lieu-cua-toi?ket-qua="), "{answer_page}");
    assert!(!answer_page.contains("0912"), "the phone never travels in the address");
    let page = app.get(answer_page, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Lê Thị Mai") && page.body.contains("2026-12-28"), "{}", page.body);

    let mine = ask(number, "+84 912 345 679", "10.8.0.1").await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let mine = mine.json();
    assert_eq!(mine["held_for_days"], 30);
    let trip = &mine["trips"][0];
    assert_eq!(mine["trips"].as_array().unwrap().len(), 1);
    assert_eq!(
        (trip["travel_date"].as_str(), trip["held_until"].as_str()),
        (Some(DAY), Some("2026-12-28"))
    );
    assert_eq!(
        (trip["full_name"].as_str(), trip["phone"].as_str()),
        (Some("Lê Thị Mai"), Some("0912345679"))
    );
    assert_eq!(trip["passes"].as_array().unwrap().len(), 1);
    assert_eq!(trip["crossings"][0]["direction"], "in");
    assert_eq!(trip["checked"], false);

    let other_phone = ask(number, "0987654321", "10.8.0.2").await.json();
    let nobody = ask("030190000888", "0987654321", "10.8.0.3").await.json();
    assert_eq!(other_phone["trips"], json!([]));
    let without_number = |mut v: Value| {
        v.as_object_mut().unwrap().remove("document_number");
        v
    };
    assert_eq!(without_number(other_phone), without_number(nobody), "the two answer alike");

    let bad = ask("12345", "0912345679", "10.8.0.4").await;
    assert_eq!(
        (bad.status, bad.json()["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_document_number"))
    );
    let bad = ask(number, "12", "10.8.0.4").await;
    assert_eq!(
        (bad.status, bad.json()["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_phone"))
    );

    // Four look-ups of the number an hour, from whichever addresses: the form's, two above, one more.
    assert_eq!(ask(number, "0900000001", "10.8.1.1").await.status, StatusCode::OK);
    let throttled = ask(number, "0900000002", "10.8.1.2").await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS, "{}", throttled.body);
    assert_eq!(ask("030190000999", "0900000002", "10.8.1.2").await.status, StatusCode::OK);

    let before = ask(second, "0912345679", "10.8.2.1").await.json();
    assert_eq!(before["trips"].as_array().unwrap().len(), 1);
    app.clock.advance(time::Duration::days(31));
    retention::purge(&app.state, &operator()).await.unwrap();
    let after = ask(second, "0912345679", "10.8.2.2").await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.body);
    assert_eq!(after.json()["trips"], json!([]));
}
