use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

use backend::demo::DEMO_PASSWORD;
use backend::{daily_lists, vaccinations};

use crate::harness::{operator, TestApp};
use crate::lists::XLSX;
use crate::reconciliation::{four_arrive, item, post, Arrived};

const DAY: &str = "2026-11-28";

/// Four people arrive in a commune from a level-4 area; three are reconciled. The report counts what
/// the reconciled list says; the chief approves it once the day is closed (nobody else can, the
/// steering committee included), and a decision taken after shows as an amendment.
pub async fn a_report_counts_the_reconciled_list_and_locks_when_the_chief_approves_it(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let Arrived { officer, commune, resident, moved, elsewhere, stranger } =
        four_arrive(&app).await;
    // They all set out from 00004, a commune of Hà Nội, at level 4 that day.
    backend::areas::declare_area(
        &app.state,
        &operator(),
        backend::areas::NewAreaInput {
            unit_code: "00004".into(),
            level: "4".into(),
            valid_from: "2026-11-27".into(),
            valid_until: String::new(),
            note: "report".into(),
        },
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let doses = dir.path().join("doses.csv");
    let n = resident.document_number.as_str();
    std::fs::write(
        &doses,
        format!("document_number,dose,date,vaccine,site\n{n},1,2021-08-01,AZ,TYT\n{n},2,2021-10-01,AZ,TYT\n"),
    )
    .unwrap();
    vaccinations::import_csv(&app.state, &operator(), &doses, &|_, _| {}).await.unwrap();
    // The list shows the doses declared beside those on record, and flags a difference.
    let listed =
        app.get(&format!("/api/v1/units/{commune}/lists?date={DAY}"), Some(&officer)).await;
    let listed = listed.json();
    let row = |number: &str| {
        listed["arrivals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["document_number"] == number)
            .unwrap()
            .clone()
    };
    let (on_record, unknown) = (row(n), row(stranger));
    assert_eq!(
        (on_record["declared_doses"].as_u64(), on_record["registered_doses"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(on_record["doses_differ"], false);
    assert_eq!(
        (unknown["declared_doses"].as_u64(), unknown["registered_doses"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(unknown["doses_differ"], true);

    let worklist = format!("/api/v1/units/{commune}/reconciliation?date={DAY}");
    let list = app.get(&worklist, Some(&officer)).await.json();
    let decide = |token: &str, number: &str, body: Value| {
        let path = format!(
            "/api/v1/units/{commune}/reconciliation/{}",
            item(&list, number)["arrival_id"].as_i64().unwrap()
        );
        let token = token.to_owned();
        let app = &app;
        async move {
            let reply = post(app, &token, &path, body).await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
        }
    };
    decide(&officer, resident.document_number.as_str(), json!({"decision": "confirm"})).await;
    decide(&officer, elsewhere.document_number.as_str(), json!({"decision": "temporary_stay"}))
        .await;
    decide(&officer, stranger, json!({"decision": "temporary_stay"})).await;
    let list = app.get(&worklist, Some(&officer)).await.json();

    let report_path = format!("/api/v1/units/{commune}/reports/{DAY}");
    let chief = app.token("chief.hd", DEMO_PASSWORD).await;
    let reply = app.get(&report_path, Some(&chief)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let report = reply.json();
    assert_eq!(report["arrivals"], 4);
    assert_eq!(report["arrivals"], list["items"].as_array().unwrap().len());
    assert_eq!(report["pending"], list["left"]);
    assert_eq!(
        report["confirmed"].as_i64().unwrap() + report["not_found"].as_i64().unwrap(),
        list["done"].as_i64().unwrap()
    );
    assert_eq!((report["confirmed"].as_i64(), report["not_found"].as_i64()), (Some(2), Some(1)));
    assert_eq!(report["by_origin"], json!({"01": 4}));
    assert_eq!(report["by_origin_level"]["4"], 4);
    assert_eq!(report["follow_up"], 4);
    assert_eq!(report["vaccination"], json!({"0": 3, "1": 0, "2": 1, "3+": 0}));
    // All four declared two doses; only one has them on record.
    assert_eq!(
        report["vaccination_declared"],
        json!({"0": 0, "1": 0, "2": 4, "3+": 0, "not_declared": 0})
    );
    assert_eq!(report["doses_differ"], 3);
    assert_eq!(report["trend"].as_array().unwrap().len(), 14);
    assert_eq!(
        (report["closed"].as_bool(), report["may_approve"].as_bool()),
        (Some(false), Some(false))
    );
    // The district follows each commune's progress.
    let district_code =
        app.state.units().tree.path_of(&domain::UnitCode::parse(&commune).unwrap())[1].clone();
    let district = app.token("district.hd", DEMO_PASSWORD).await;
    let of_district = app
        .get(&format!("/api/v1/units/{district_code}/reports/{DAY}"), Some(&district))
        .await
        .json();
    assert_eq!(
        of_district["below"],
        json!([{"unit_code": commune, "name": of_district["below"][0]["name"], "arrivals": 4, "done": 3, "left": 1}])
    );
    assert_eq!(report["below"], json!([]));
    let approve = format!("{report_path}/approve");
    let early = post(&app, &chief, &approve, json!({})).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.json()["code"], "day_not_closed");

    app.clock.advance(time::Duration::hours(24));
    let day = DAY.parse().unwrap();
    daily_lists::close_day(&app.state, &operator(), day).await.unwrap();
    // A day later, the morning's sessions have ended.
    let (officer, chief) =
        (app.token("commune.hd", DEMO_PASSWORD).await, app.token("chief.hd", DEMO_PASSWORD).await);
    assert_eq!(app.get(&report_path, Some(&chief)).await.json()["may_approve"], true);
    for username in ["steering.hd", "commune.hd", "district.hd"] {
        let token = app.token(username, DEMO_PASSWORD).await;
        assert_eq!(app.get(&report_path, Some(&token)).await.status, StatusCode::OK, "{username}");
        let refused = post(&app, &token, &approve, json!({})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{username} approves");
    }
    let reply = post(&app, &chief, &approve, json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let approved = reply.json();
    assert_eq!(approved["approved_by"], "chief.hd");
    assert_eq!(approved["amendment"], json!([]));
    assert_eq!(approved["may_approve"], false);
    assert_eq!(app.audit_count("approve_report", "report", &format!("{commune}/{DAY}")).await, 1);

    // The pending arrival is decided after the approval: the report keeps what was approved and shows
    // the change as its amendment. Approving again changes nothing.
    decide(
        &officer,
        moved.document_number.as_str(),
        json!({"decision": "correct_declaration",
        "corrections": {"address": moved.address}}),
    )
    .await;
    let after = app.get(&report_path, Some(&chief)).await.json();
    assert_eq!((after["confirmed"].as_i64(), after["pending"].as_i64()), (Some(2), Some(1)));
    assert_eq!(
        after["amendment"],
        json!([
            {"figure": "confirmed", "approved": 2, "now": 3},
            {"figure": "pending", "approved": 1, "now": 0},
        ])
    );
    let again = post(&app, &chief, &approve, json!({})).await.json();
    assert_eq!(again["approved_at"], approved["approved_at"]);
    assert_eq!(app.audit_count("approve_report", "report", &format!("{commune}/{DAY}")).await, 1);

    // The steering committee's copy, as a file.
    let steering = app.token("steering.hd", DEMO_PASSWORD).await;
    let csv = app
        .send(
            Request::get(&report_path)
                .header(header::AUTHORIZATION, format!("Bearer {steering}"))
                .header(header::ACCEPT, "text/csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("Số người đến,4"), "{}", csv.body);
    assert!(csv.body.contains("Người phê duyệt,chief.hd"), "{}", csv.body);
    // The same rows as a workbook, figures as numbers.
    let xlsx = app
        .send_raw(
            Request::get(&report_path)
                .header(header::AUTHORIZATION, format!("Bearer {steering}"))
                .header(header::ACCEPT, XLSX)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0).unwrap().unwrap();
    let cells: Vec<(String, String)> =
        sheet.rows().map(|r| (r[0].to_string(), r[1].to_string())).collect();
    assert_eq!(cells.len(), csv.body.lines().count());
    let value = |name: &str| cells.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    assert_eq!(value("Số người đến"), Some("4"));
    assert_eq!(value("Người phê duyệt"), Some("chief.hd"));
    assert!(matches!(sheet.get_value((1, 1)), Some(calamine::Data::String(_))), "the unit is text");
    assert!(
        sheet.rows().any(|r| r[0] == "Số người đến" && matches!(r[1], calamine::Data::Float(_))),
        "a figure is a number"
    );
}
