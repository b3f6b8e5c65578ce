use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

use backend::admin::{self, NewUserInput};
use backend::demo::DEMO_PASSWORD;
use backend::{accounts, scanning};

use crate::harness::{operator, Reply, TestApp};

pub(crate) async fn send_json(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header(
            "x-forwarded-for",
            format!("10.7.{}.{}", rand::random::<u8>(), rand::random::<u8>()),
        );
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    app.send(req.body(Body::from(body.to_string())).unwrap()).await
}

/// A trip a woman born in 1990 in Hải Dương declares through the API.
pub(crate) struct Trip<'a> {
    pub number: &'a str,
    pub origin: &'a str,
    pub destination: &'a str,
    pub travel_date: &'a str,
    pub phone: &'a str,
}

/// Declares a trip through the API: its pass.
pub(crate) async fn declare_trip(app: &TestApp, trip: Trip<'_>) -> Value {
    let reply = send_json(
        app,
        "POST",
        "/api/v1/declarations",
        None,
        json!({
            "document_type": "cccd", "document_number": trip.number, "full_name": "Lê Thị Mai",
            "birth_date": "1990-06-01", "sex": "female", "phone": trip.phone,
            "residence_commune": "10507", "residence_address": "Số 3", "origin_commune": trip.origin,
            "destination_commune": trip.destination, "travel_date": trip.travel_date,
            "vehicle": "car", "vehicle_plate": "", "symptoms": [], "close_contact": false,
            "vaccination_doses": 2
        }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["pass"].clone()
}

/// A fresh pass through the API, for a trip of the 28th from `origin` to 10507.
pub(crate) async fn pass_from(app: &TestApp, number: &str, origin: &str) -> Value {
    let trip = Trip {
        number,
        origin,
        destination: "10507",
        travel_date: "2026-11-28",
        phone: "0912345678",
    };
    declare_trip(app, trip).await
}

/// Cancels a pass as its holder does, with the key `/api/v1/declarations` answered with (or any text).
pub(crate) async fn cancel(app: &TestApp, holder_key: &str) -> Reply {
    send_json(app, "DELETE", &format!("/api/v1/passes/{holder_key}"), None, json!({})).await
}

pub(crate) async fn verify(app: &TestApp, token: Option<&str>, pass: &str) -> Reply {
    send_json(app, "POST", "/api/v1/passes/verify", token, json!({ "token": pass })).await
}

async fn admin_cookie(app: &TestApp) -> String {
    app.post_form("/forms/login", &format!("username=admin&password={DEMO_PASSWORD}"), None)
        .await
        .session_cookie()
        .expect("admin logs in")
}

pub async fn verifying_a_pass_needs_a_checkpoint_officer_and_gives_green_amber_or_red(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let pass = pass_from(&app, "030190000111", "00004").await;
    let token = pass["token"].as_str().unwrap();

    let anonymous = verify(&app, None, token).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json()["code"], "unauthenticated");
    let commune = app.token("commune.hd", DEMO_PASSWORD).await;
    assert_eq!(verify(&app, Some(&commune), token).await.status, StatusCode::FORBIDDEN);

    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let green = verify(&app, Some(&officer), token).await;
    assert_eq!(green.status, StatusCode::OK, "{}", green.body);
    let g = green.json();
    assert_eq!(g["verdict"], "green");
    assert_eq!(g["action"], "let_through");
    assert_eq!(g["reasons"][0]["code"], "valid");
    assert_eq!(g["holder"]["full_name"], "Lê Thị Mai");
    assert_eq!(g["holder"]["document_number"], "030190000111");
    assert_eq!(g["holder"]["birth_date"], "1990-06-01");
    assert_eq!(g["holder"]["sex"], "female");
    assert_eq!(g["holder"]["pass_id"], pass["id"]);
    // She declared two doses; the vaccination database has none of hers.
    assert_eq!(
        (g["holder"]["vaccination_doses"].as_u64(), g["holder"]["registered_doses"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(g["holder"]["doses_differ"], true);
    assert!(g["holder"]["origin"].as_str().unwrap().starts_with("Phường Trúc Bạch"));
    assert_eq!(
        app.audit_count("verify_pass", "pass", pass["id"].as_str().unwrap()).await,
        1,
        "showing the holder's data is audited"
    );

    // Hà Nội becomes a level-4 area: the same pass is now amber with the province's default action.
    let cookie = admin_cookie(&app).await;
    let declared = app
        .post_form(
            "/forms/areas",
            "unit_code=01&level=4&valid_from=&valid_until=&note=QĐ+1",
            Some(&cookie),
        )
        .await;
    assert_eq!(declared.location(), "/admin/areas?ok=saved");
    let amber = verify(&app, Some(&officer), token).await.json();
    assert_eq!(amber["verdict"], "amber");
    assert_eq!(amber["action"], "send_for_testing");
    assert_eq!(
        amber["reasons"][0],
        json!({"code": "from_epidemic_area", "level": 4, "message": "Đến từ vùng dịch."})
    );

    // Hải Dương's rules turn level-4 travellers back.
    let rules = app
        .post_form(
            "/forms/rules",
            "province=30&outside=let_through&level_1=let_through&level_2=let_through&level_3=notify_destination&level_4=turn_back",
            Some(&cookie),
        )
        .await;
    assert_eq!(rules.location(), "/admin/areas?province=30&ok=saved");
    assert_eq!(verify(&app, Some(&officer), token).await.json()["action"], "turn_back");

    // Tampered, then replaced by a newer declaration, then expired: red each time.
    let mut tampered = token.to_owned().into_bytes();
    let at = tampered.len() - 40;
    tampered[at] = if tampered[at] == b'7' { b'8' } else { b'7' };
    let forged = verify(&app, Some(&officer), std::str::from_utf8(&tampered).unwrap()).await.json();
    assert_eq!(forged["verdict"], "red");
    assert!(forged["holder"].is_null(), "a forged pass's claims are not shown");
    assert_eq!(
        verify(&app, Some(&officer), "hello").await.json()["reasons"][0]["code"],
        "unreadable"
    );

    let cancelled = pass_from(&app, "030190000222", "10510").await;
    cancel(&app, cancelled["holder_key"].as_str().unwrap()).await;
    let revoked = verify(&app, Some(&officer), cancelled["token"].as_str().unwrap()).await.json();
    assert_eq!(
        (revoked["verdict"].as_str(), revoked["reasons"][0]["code"].as_str()),
        (Some("red"), Some("revoked"))
    );

    app.clock.advance(time::Duration::hours(72));
    // Sessions last 12 hours: the officer of a later shift logs in again.
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let expired = verify(&app, Some(&officer), token).await.json();
    assert_eq!(expired["verdict"], "red");
    assert_eq!(expired["reasons"][0]["code"], "expired");
    assert_eq!(
        expired["holder"]["full_name"], "Lê Thị Mai",
        "an expired pass is still its holder's"
    );
}

fn crossing(client_id: &str, direction: &str) -> Value {
    json!({
        "client_id": client_id, "document_number": "030190000333", "direction": direction,
        "verdict": "green", "action": "let_through", "scanned_at": "2026-11-28T00:55:00Z", "offline": true
    })
}

/// Crossings are idempotent by client id, and answered one by one: an invalid crossing (a device clock
/// ten minutes fast, say) is refused alone with its reasons and holds back none of the others; the
/// officer then corrects it or discards it, on the record either way.
pub async fn crossings_are_stored_once_per_client_id_and_a_bad_one_is_refused_alone(app: TestApp) {
    let app = app.with_demo().await;
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let pass = pass_from(&app, "030190000444", "00004").await;
    let mut with_token = crossing("dev1-0003", "out");
    with_token["token"] = pass["token"].clone();
    with_token["document_number"] = Value::Null;
    let batch = json!({ "crossings": [crossing("dev1-0001", "in"), crossing("dev1-0002", "in"), with_token] });

    assert_eq!(
        send_json(&app, "POST", "/api/v1/crossings", None, batch.clone()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let first = send_json(&app, "POST", "/api/v1/crossings", Some(&officer), batch.clone()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.json()["stored"], 3);
    let again = send_json(&app, "POST", "/api/v1/crossings", Some(&officer), batch).await.json();
    assert_eq!((again["stored"].as_i64(), again["duplicates"].as_i64()), (Some(0), Some(3)));
    assert_eq!(again["results"][0], json!({"client_id": "dev1-0001", "status": "duplicate"}));

    let mut fast = crossing("dev1-0006", "in");
    fast["scanned_at"] = json!("2026-11-28T01:10:00Z");
    let mixed = json!({ "crossings": [
        crossing("dev1-0004", "in"), crossing("dev1-0005", "sideways"), fast.clone()
    ] });
    let answered = send_json(&app, "POST", "/api/v1/crossings", Some(&officer), mixed).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    let body = answered.json();
    assert_eq!(
        (&body["stored"], &body["duplicates"], &body["refused"]),
        (&json!(1), &json!(0), &json!(2))
    );
    assert_eq!(body["results"][0]["status"], "stored");
    assert_eq!(body["results"][1]["status"], "refused");
    assert_eq!(body["results"][1]["errors"][0]["field"], "direction");
    assert_eq!(body["results"][2]["client_id"], "dev1-0006");
    assert_eq!(body["results"][2]["errors"][0]["problem"], "in_the_future");
    assert!(body["results"][2]["errors"][0]["message"].is_string());

    let discarded = send_json(
        &app,
        "POST",
        "/api/v1/crossings/discarded",
        Some(&officer),
        crossing("dev1-0005", "sideways"),
    )
    .await;
    assert_eq!(discarded.status, StatusCode::NO_CONTENT, "{}", discarded.body);
    assert_eq!(app.audit_count("discard_crossing", "person", "030190000333").await, 1);
    fast["scanned_at"] = json!("2026-11-28T01:00:00Z");
    fast["corrected"] = json!(true);
    let corrected = send_json(
        &app,
        "POST",
        "/api/v1/crossings",
        Some(&officer),
        json!({ "crossings": [fast] }),
    )
    .await
    .json();
    assert_eq!(corrected["results"][0]["status"], "stored");
    let details: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'record_crossing' AND detail LIKE '%dev1-0006%'",
    )
    .fetch_all(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(details.len(), 1);
    assert!(details[0].contains("corrected by the officer"), "{}", details[0]);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM crossings")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 5, "every valid crossing is stored, once");

    let day = app.get("/api/v1/checkpoints/HD01/crossings?date=2026-11-28", Some(&officer)).await;
    assert_eq!(day.status, StatusCode::OK, "{}", day.body);
    let day = day.json();
    assert_eq!(day["counts"]["total"], 5);
    assert_eq!(day["counts"]["into_area"], 4);
    assert_eq!(day["counts"]["out_of_area"], 1);
    assert_eq!(day["counts"]["sent_late"], 5);
    assert_eq!(day["crossings"][2]["pass_id"], pass["id"]);
    assert_eq!(day["crossings"][2]["document_number"], "030190000444");
    let other_day =
        app.get("/api/v1/checkpoints/HD01/crossings?date=2026-11-27", Some(&officer)).await.json();
    assert_eq!(other_day["counts"]["total"], 0);

    let province = app.token("province.hd", DEMO_PASSWORD).await;
    assert_eq!(
        app.get("/api/v1/checkpoints/HD01/crossings", Some(&province)).await.status,
        StatusCode::OK
    );
    let other_officer = app.token("commune.hd", DEMO_PASSWORD).await;
    assert_eq!(
        app.get("/api/v1/checkpoints/HD01/crossings", Some(&other_officer)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/checkpoints/HD99/crossings", Some(&province)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/checkpoints/HD01/crossings?date=2026-13-01", Some(&province)).await.json()
            ["code"],
        "bad_date"
    );
}

pub async fn epidemic_areas_keep_their_history_and_only_an_administrator_declares_them(
    app: TestApp,
) {
    let app = app.with_demo().await;
    let cookie = admin_cookie(&app).await;
    let refused = app.post_form("/forms/areas", "unit_code=99999&level=3", Some(&cookie)).await;
    assert_eq!(refused.location(), "/admin/areas?error=unknown_unit");
    let bad_level = app.post_form("/forms/areas", "unit_code=30&level=5", Some(&cookie)).await;
    assert_eq!(bad_level.location(), "/admin/areas?error=bad_level");
    let backwards = app
        .post_form(
            "/forms/areas",
            "unit_code=30&level=2&valid_from=2026-12-05&valid_until=2026-12-01",
            Some(&cookie),
        )
        .await;
    assert_eq!(backwards.location(), "/admin/areas?error=ends_before_start");

    app.post_form("/forms/areas", "unit_code=288&level=3&note=First", Some(&cookie)).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM epidemic_areas")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    app.clock.advance(time::Duration::hours(1));
    let ended = app.post_form("/forms/areas/end", &format!("id={id}"), Some(&cookie)).await;
    assert_eq!(ended.location(), "/admin/areas?ok=saved");
    let again = app.post_form("/forms/areas/end", &format!("id={id}"), Some(&cookie)).await;
    assert_eq!(again.location(), "/admin/areas?error=not_found", "an ended area cannot end twice");

    let page = app
        .send(Request::get("/admin/areas").header("cookie", &cookie).body(Body::empty()).unwrap())
        .await;
    assert!(page.body.contains("Thành phố Hải Dương"), "the history lists the ended area");
    assert!(page.body.contains("Đã kết thúc"));
    assert_eq!(app.audit_count("declare_area", "epidemic_area", &id.to_string()).await, 1);
    assert_eq!(app.audit_count("end_area", "epidemic_area", &id.to_string()).await, 1);

    let province = app
        .post_form("/forms/login", &format!("username=province.hd&password={DEMO_PASSWORD}"), None)
        .await
        .session_cookie()
        .unwrap();
    let not_admin = app.post_form("/forms/areas", "unit_code=30&level=4", Some(&province)).await;
    assert_eq!(not_admin.location(), "/admin/areas?error=forbidden");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM epidemic_areas")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

/// A checkpoint closed by the administrator stops its officers at once: their sessions no longer
/// verify or record, and they cannot log in again until it reopens.
pub async fn a_closed_checkpoints_officers_can_neither_verify_nor_record_nor_log_in(app: TestApp) {
    let app = app.with_demo().await;
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let pass = pass_from(&app, "030190000555", "00004").await;
    let token = pass["token"].as_str().unwrap();
    assert_eq!(verify(&app, Some(&officer), token).await.status, StatusCode::OK);

    admin::set_checkpoint_active(&app.state, &operator(), "HD01", false).await.unwrap();
    let refused = verify(&app, Some(&officer), token).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["code"], "account_disabled");
    let batch = json!({ "crossings": [crossing("closed-0001", "in")] });
    assert_eq!(
        send_json(&app, "POST", "/api/v1/crossings", Some(&officer), batch.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let login = app
        .post_json(
            "/api/v1/session",
            json!({"username": "officer.hd01", "password": DEMO_PASSWORD}),
            "10.9.9.9",
        )
        .await;
    assert_eq!(login.status, StatusCode::FORBIDDEN);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM crossings")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    admin::set_checkpoint_active(&app.state, &operator(), "HD01", true).await.unwrap();
    assert_eq!(verify(&app, Some(&officer), token).await.status, StatusCode::OK);
}

/// A device's ids are its checkpoint's: another checkpoint using the same client id stores its own
/// crossing, and a retry at the same checkpoint is still a duplicate.
pub async fn client_ids_belong_to_their_checkpoint(app: TestApp) {
    let app = app.with_demo().await;
    admin::create_user(
        &app.state,
        &operator(),
        NewUserInput {
            username: "officer.hd02".into(),
            password: DEMO_PASSWORD.into(),
            role: "checkpoint_officer".into(),
            unit_code: None,
            checkpoint_code: Some("HD02".into()),
        },
    )
    .await
    .unwrap();
    let hd01 = app.token("officer.hd01", DEMO_PASSWORD).await;
    let hd02 = app.token("officer.hd02", DEMO_PASSWORD).await;
    let batch = json!({ "crossings": [crossing("shared-0001", "in")] });
    let send = |token: String| {
        let (app, batch) = (&app, batch.clone());
        async move {
            send_json(app, "POST", "/api/v1/crossings", Some(&token), batch).await.json()["stored"]
                .as_i64()
        }
    };
    assert_eq!(send(hd01.clone()).await, Some(1));
    assert_eq!(send(hd02).await, Some(1), "HD02's crossing is its own");
    assert_eq!(send(hd01).await, Some(0), "a retry at HD01 is a duplicate");
    let per_checkpoint: Vec<(String, i64)> = sqlx::query_as(
        "SELECT checkpoint_code, COUNT(*) FROM crossings GROUP BY checkpoint_code ORDER BY checkpoint_code",
    )
    .fetch_all(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(per_checkpoint, [("HD01".into(), 1), ("HD02".into(), 1)]);
}

/// Every read or write of a person's data at the checkpoint leaves an audit row, in the transaction of
/// the read or write: a verify, a typed ID number even when nothing is found, each crossing recorded
/// (including those judged on the device while offline), the scanner's bundle of revocations, and the
/// holder's cancelling of a pass.
pub async fn every_read_and_write_of_a_persons_data_at_the_checkpoint_is_audited(app: TestApp) {
    let app = app.with_demo().await;
    let token = app.token("officer.hd01", DEMO_PASSWORD).await;
    let officer = accounts::authenticate(&app.state, &accounts::SessionToken::new(token.clone()))
        .await
        .unwrap();

    let pass = pass_from(&app, "030190000666", "00004").await;
    verify(&app, Some(&token), pass["token"].as_str().unwrap()).await;
    let pass_id = pass["id"].as_str().unwrap();
    assert_eq!(app.audit_count("verify_pass", "pass", pass_id).await, 1);

    scanning::scan_text(&app.state, &officer, "030190000999", "in").await.unwrap();
    assert_eq!(
        app.audit_count("look_up_pass", "person", "030190000999").await,
        1,
        "a typed number that finds nothing is audited too"
    );

    // A device that judged the pass offline asks for the doses on record: a read, audited.
    let doses = scanning::doses_on_record(&app.state, &officer, "030190000666").await.unwrap();
    assert_eq!(doses.get(), 0);
    assert_eq!(app.audit_count("read_doses", "person", "030190000666").await, 1);

    let batch = json!({ "crossings": [crossing("audit-0001", "in")] });
    send_json(&app, "POST", "/api/v1/crossings", Some(&token), batch.clone()).await;
    send_json(&app, "POST", "/api/v1/crossings", Some(&token), batch).await;
    assert_eq!(
        app.audit_count("record_crossing", "person", "030190000333").await,
        1,
        "the crossing stored once is audited once"
    );

    let cancelled = cancel(&app, pass["holder_key"].as_str().unwrap()).await;
    assert_eq!(cancelled.status, StatusCode::NO_CONTENT);
    assert_eq!(app.audit_count("revoke_pass", "pass", pass_id).await, 1);

    let bundle = scanning::bundle(&app.state, &officer, "device-1", 0, None).await.unwrap();
    assert_eq!(bundle.revocations.revoked.len(), 1);
    assert_eq!(
        app.audit_count("read_scanner_bundle", "checkpoint", "HD01").await,
        1,
        "revocations sent to a device are on the record"
    );
}

/// A device holds the revocations and receives only what changed since its list: nothing new costs no
/// write and no audit row; a pass revoked meanwhile arrives once (and again within the margin that
/// covers a late commit); a device with no list, or one from the future, gets the whole list.
pub async fn revocations_reach_devices_as_a_delta(app: TestApp) {
    let app = app.with_demo().await;
    let token = app.token("officer.hd01", DEMO_PASSWORD).await;
    let officer =
        accounts::authenticate(&app.state, &accounts::SessionToken::new(token)).await.unwrap();
    let revoked = |number: &'static str| {
        let app = &app;
        async move {
            let pass = pass_from(app, number, "00004").await;
            let reply = cancel(app, pass["holder_key"].as_str().unwrap()).await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT);
            pass["id"].as_str().unwrap().to_owned()
        }
    };
    // What device-d receives when it holds the list of `as_of`.
    let update = |as_of: Option<i64>| {
        let (app, officer) = (&app, &officer);
        async move {
            scanning::bundle(&app.state, officer, "device-d", 0, as_of).await.unwrap().revocations
        }
    };
    let first = revoked("030190000881").await;
    let whole = update(None).await;
    assert!(whole.complete);
    assert_eq!(whole.revoked.iter().map(|r| &r.id).collect::<Vec<_>>(), [&first]);

    app.clock.advance(time::Duration::minutes(10));
    let audit_rows = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&app.state.db.read)
            .await
            .unwrap()
    };
    let devices_reported = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT reported_at FROM scanner_devices WHERE device_id = 'device-d'",
        )
        .fetch_one(&app.state.db.read)
        .await
        .unwrap()
    };
    let report = update(Some(whole.as_of)).await;
    assert!(!report.complete);
    assert_eq!(
        report.revoked.len(),
        1,
        "a revocation within the margin before the device's list comes again"
    );
    let (rows, reported) = (audit_rows().await, devices_reported().await);
    let quiet = update(Some(report.as_of)).await;
    assert!(quiet.revoked.is_empty());
    assert_eq!(audit_rows().await, rows, "nothing new is not audited");
    assert_eq!(devices_reported().await, reported, "nor written");

    let second = revoked("030190000882").await;
    let delta = update(Some(quiet.as_of)).await;
    assert!(!delta.complete);
    assert_eq!(delta.revoked.iter().map(|r| &r.id).collect::<Vec<_>>(), [&second]);
    let held = domain::revocation::merge(&whole.revoked, &delta, delta.as_of);
    assert!(domain::revocation::is_revoked(&held, &first));
    assert!(domain::revocation::is_revoked(&held, &second));

    let from_the_future = update(Some(delta.as_of + 3600)).await;
    assert!(from_the_future.complete);
    assert_eq!(from_the_future.revoked.len(), 2);
}

/// `zonepass keys revoke` turns every pass the key signed red and drops the key from scanners' bundles;
/// declaring goes on with a new key. The API shows each key's window.
pub async fn a_revoked_key_turns_its_passes_red_and_leaves_the_bundle(app: TestApp) {
    let app = app.with_demo().await;
    let token = app.token("officer.hd01", DEMO_PASSWORD).await;
    let officer = accounts::authenticate(&app.state, &accounts::SessionToken::new(token.clone()))
        .await
        .unwrap();
    let pass = pass_from(&app, "030190000777", "00004").await;
    let scanned = pass["token"].as_str().unwrap();
    assert_ne!(verify(&app, Some(&token), scanned).await.json()["verdict"], "red");

    let console = operator();
    let revoke_first_key = || {
        backend::keys::revoke(
            &app.state.db,
            &app.state.kek,
            &console,
            domain::pass::KeyId(1),
            app.state.now(),
        )
    };
    assert!(revoke_first_key().await.unwrap());
    assert!(!revoke_first_key().await.unwrap(), "revoked once");
    // A server learns of it within its knowledge cache's age; this one is told at once.
    app.state.knowledge.invalidate();
    let judged = verify(&app, Some(&token), scanned).await.json();
    assert_eq!(judged["verdict"], "red");
    assert_eq!(judged["reasons"][0]["code"], "unknown_key");

    let bundle = scanning::bundle(&app.state, &officer, "device-9", 0, None).await.unwrap();
    let ids: Vec<u16> = bundle.keys.iter().map(|k| k.key_id).collect();
    assert_eq!(ids, [2], "the revoked key leaves the bundle; its successor signs");

    let published = app.get("/api/v1/keys", None).await.json();
    assert!(published[0]["revoked_at"].is_string());
    assert_eq!(published[0]["verifies_until"], published[0]["revoked_at"]);
    assert!(published[1]["revoked_at"].is_null());
    assert!(published[1]["verifies_until"].is_null());
    assert_eq!(app.audit_count("revoke_signing_key", "signing_key", "1").await, 1);

    let fresh = pass_from(&app, "030190000778", "00004").await;
    assert_ne!(
        verify(&app, Some(&token), fresh["token"].as_str().unwrap()).await.json()["verdict"],
        "red"
    );
}
