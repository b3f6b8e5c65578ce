use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

use backend::demo::{self, DEMO_PASSWORD};
use backend::store::declarations::{self, NewDeclaration};
use domain::declaration::{self, Channel, DeclarationInput};
use domain::registry::Entry;
use domain::UnitCode;

use crate::harness::{Reply, TestApp};

const DAY: &str = "2026-11-28";

pub(crate) async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Reply {
    let req = Request::post(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json");
    app.send(req.body(Body::from(body.to_string())).unwrap()).await
}

/// Three people put in the registry: two living in `commune`, one in another commune.
async fn registered(app: &TestApp, commune: &UnitCode) -> [Entry; 3] {
    let units = app.state.units();
    let province = UnitCode::parse("30").unwrap();
    let communes = units.tree.communes_within(&province);
    let other = communes.iter().map(|u| u.code.clone()).find(|c| c != commune).unwrap();
    let mut people = demo::synthetic_population(&units.tree, &province, 4242, 3);
    for (p, home) in people.iter_mut().zip([commune, commune, &other]) {
        p.current_commune = home.clone();
        p.permanent_commune = home.clone();
    }
    let mut conn = app.state.db.write.acquire().await.unwrap();
    backend::store::registry::insert_many(&mut conn, &people).await.unwrap();
    people.try_into().unwrap()
}

/// What someone declares: as the registry has them, but for the address given.
fn as_registered(e: &Entry, address: &str, destination: &str) -> DeclarationInput {
    serde_json::from_value(json!({
        "document_type": "cccd", "document_number": e.document_number.as_str(),
        "full_name": e.full_name, "birth_date": e.birth_date.to_string(), "sex": e.sex.as_str(),
        "phone": "0912345678", "residence_commune": e.current_commune.as_str(),
        "residence_address": address, "origin_commune": "00004",
        "destination_commune": destination, "travel_date": DAY, "vehicle": "car",
        "vehicle_plate": "", "symptoms": [], "close_contact": false, "vaccination_doses": 2
    }))
    .unwrap()
}

/// Online declarations stored as the declaration use case stores them, in bulk.
pub(crate) async fn declare(app: &TestApp, inputs: &[DeclarationInput]) {
    let units = app.state.units();
    let today = backend::local_time::today(app.state.now());
    let checked: Vec<_> = inputs
        .iter()
        .map(|i| declaration::validate(i, today, |c| units.tree.is_commune(c)).unwrap())
        .collect();
    let rows: Vec<NewDeclaration> = checked
        .iter()
        .map(|d| NewDeclaration {
            declaration: d,
            channel: Channel::Online,
            idempotency_key: None,
            fingerprint: None,
        })
        .collect();
    let mut tx = app.state.db.write.begin().await.unwrap();
    declarations::insert_many(&mut tx, &rows, app.state.now()).await.unwrap();
    tx.commit().await.unwrap();
}

pub(crate) fn item<'a>(list: &'a Value, number: &str) -> &'a Value {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["document_number"] == number)
        .unwrap_or_else(|| panic!("{number} is not on {list}"))
}

/// Who arrived, in which commune, and the commune officer's token.
pub(crate) struct Arrived {
    pub officer: String,
    pub commune: String,
    /// Declared as the registry has them.
    pub resident: Entry,
    /// A resident of the commune who declared another address.
    pub moved: Entry,
    /// Registered in another commune.
    pub elsewhere: Entry,
    /// A number the registry does not hold.
    pub stranger: &'static str,
}

/// Four people arrive on [`DAY`] in commune.hd's commune: a resident, a resident whose address differs,
/// someone registered elsewhere and someone the registry does not hold.
pub(crate) async fn four_arrive(app: &TestApp) -> Arrived {
    let officer = app.token("commune.hd", DEMO_PASSWORD).await;
    let official = backend::accounts::authenticate(
        &app.state,
        &backend::accounts::SessionToken::new(officer.clone()),
    )
    .await
    .unwrap();
    let domain::Scope::Unit(commune_code) = official.scope.clone() else { panic!("commune scope") };
    let commune = commune_code.to_string();
    let [resident, moved, elsewhere] = registered(app, &commune_code).await;
    let stranger = "030090987651";
    assert!(backend::store::registry::by_document_number(&app.state.db.read, stranger)
        .await
        .unwrap()
        .is_none());
    let mut unknown = as_registered(&resident, "Số 5", &commune);
    unknown.document_number = stranger.to_owned();
    unknown.full_name = "Phạm Thị Lạ".to_owned();
    unknown.birth_date = "1990-05-05".to_owned();
    unknown.sex = "male".to_owned();
    declare(
        app,
        &[
            as_registered(&resident, &resident.address, &commune),
            as_registered(&moved, "Số 999, Xóm Mới", &commune),
            as_registered(&elsewhere, &elsewhere.address, &commune),
            unknown,
        ],
    )
    .await;
    Arrived { officer, commune, resident, moved, elsewhere, stranger }
}

/// A resident, a resident whose address differs, someone registered elsewhere and someone the
/// registry does not hold arrive in a commune: each is proposed what the registry says, and the
/// commune's police decide, the police above read the progress, and nobody else does either.
pub async fn each_arrival_is_proposed_from_the_registry_and_decided_by_the_communes_police(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let Arrived { officer: commune_officer, commune, resident, moved, elsewhere, stranger } =
        four_arrive(&app).await;

    let path = format!("/api/v1/units/{commune}/reconciliation?date={DAY}");
    let reply = app.get(&path, Some(&commune_officer)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let list = reply.json();
    assert_eq!((list["done"].as_i64(), list["left"].as_i64()), (Some(0), Some(4)), "{list}");
    let proposal = |n: &str| item(&list, n)["proposal"].as_str().unwrap().to_owned();
    assert_eq!(proposal(resident.document_number.as_str()), "resident_here");
    assert_eq!(proposal(moved.document_number.as_str()), "differs");
    assert_eq!(proposal(elsewhere.document_number.as_str()), "registered_elsewhere");
    assert_eq!(proposal(stranger), "not_found");
    assert_eq!(
        item(&list, moved.document_number.as_str())["differences"],
        json!([{"field": "address", "declared": "Số 999, Xóm Mới", "registered": moved.address}])
    );
    assert_eq!(item(&list, stranger)["full_name"], "Phạm Thị Lạ");
    assert_eq!(item(&list, stranger)["declared_doses"], 2);
    assert_eq!(item(&list, stranger)["registered_doses"], 0);

    let id = |n: &str| item(&list, n)["arrival_id"].as_i64().unwrap();
    let decide = |number: &str, body: Value| {
        let path = format!("/api/v1/units/{commune}/reconciliation/{}", id(number));
        let token = commune_officer.clone();
        let app = &app;
        async move { post(app, &token, &path, body).await }
    };
    let refused = decide(moved.document_number.as_str(), json!({"decision": "confirm"})).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["code"], "decision_does_not_fit");
    let refused = decide(
        stranger,
        json!({"decision": "propose_registry_correction", "corrections": {"full_name": "Phạm Thị Lạ"}}),
    )
    .await;
    assert_eq!(refused.json()["code"], "evidence_required", "{}", refused.body);
    let refused = decide(
        moved.document_number.as_str(),
        json!({"decision": "correct_declaration", "corrections": {"birth_date": "31/02/1990"}}),
    )
    .await;
    assert_eq!(refused.json()["code"], "bad_correction");

    for (number, body) in [
        (resident.document_number.as_str(), json!({"decision": "confirm"})),
        (
            moved.document_number.as_str(),
            json!({"decision": "correct_declaration", "corrections": {"address": moved.address}}),
        ),
        (
            elsewhere.document_number.as_str(),
            json!({"decision": "temporary_stay", "note": "ở trọ"}),
        ),
        (
            stranger,
            json!({"decision": "propose_registry_correction", "note": "CCCD gốc đã xem",
                   "corrections": {"full_name": "Phạm Thị Lạ", "birth_date": "05/05/1990"}}),
        ),
    ] {
        let reply = decide(number, body).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{number}: {}", reply.body);
    }
    let list = app.get(&path, Some(&commune_officer)).await.json();
    assert_eq!((list["done"].as_i64(), list["left"].as_i64()), (Some(4), Some(0)), "{list}");
    assert_eq!(item(&list, stranger)["decision"], "propose_registry_correction");
    assert_eq!(
        item(&list, stranger)["corrections"],
        json!({"birth_date": "1990-05-05", "full_name": "Phạm Thị Lạ"})
    );
    let waiting: (String, String, String) = sqlx::query_as(
        "SELECT status, proposed, evidence FROM registry_corrections WHERE document_number = $1",
    )
    .bind(stranger)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(waiting.0, "proposed");
    assert_eq!(waiting.2, "CCCD gốc đã xem");
    assert_eq!(
        app.audit_count("reconcile_arrival", "person", resident.document_number.as_str()).await,
        1
    );
    assert_eq!(app.audit_count("read_reconciliation", "commune", &commune).await, 2);

    // The district reads the commune's progress; it does not decide. Nobody outside reads it.
    let district = app.token("district.hd", DEMO_PASSWORD).await;
    let reply = app.get(&path, Some(&district)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["done"], 4);
    let reply = post(
        &app,
        &district,
        &format!("/api/v1/units/{commune}/reconciliation/{}", id(stranger)),
        json!({"decision": "temporary_stay"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let steering = app.token("steering.hd", DEMO_PASSWORD).await;
    assert_eq!(app.get(&path, Some(&steering)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);

    // The proposed correction waits for the commune chief; the police read it, the chief reviews it
    // once, and the accepted ones are the file for the national population database.
    let corrections = format!("/api/v1/units/{commune}/registry-corrections");
    let listed = app.get(&corrections, Some(&commune_officer)).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let listed = listed.json();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["status"], "proposed");
    assert_eq!(listed[0]["document_number"], stranger);
    assert_eq!(listed[0]["registered"], json!({}), "the registry held nobody");
    let review = format!("{corrections}/{}", listed[0]["id"]);
    let refused = post(&app, &commune_officer, &review, json!({"review": "accept"})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let chief = app.token("chief.hd", DEMO_PASSWORD).await;
    let accepted = post(&app, &chief, &review, json!({"review": "accept"})).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.json()["status"], "accepted");
    assert_eq!(accepted.json()["reviewed_by"], "chief.hd");
    let again = post(&app, &chief, &review, json!({"review": "reject"})).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["code"], "correction_reviewed");
    let file = app
        .send(
            Request::get(format!("{corrections}?status=accepted"))
                .header(header::AUTHORIZATION, format!("Bearer {chief}"))
                .header(header::ACCEPT, "text/csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.body.contains("document_number,field,registered,proposed,evidence"),
        "{}",
        file.body
    );
    assert!(file
        .body
        .contains(&format!("{stranger},full_name,,Phạm Thị Lạ,CCCD gốc đã xem,accepted")));
    assert_eq!(app.get(&corrections, Some(&steering)).await.status, StatusCode::FORBIDDEN);
}
