use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine;
use serde_json::{json, Value};
use tower::ServiceExt;

use domain::pass::{self, KeyId, VerifyingKey};

use crate::harness::{operator, TestApp, DECLARATIONS_PER_IP};

fn declaration() -> Value {
    json!({
        "document_type": "cccd",
        "document_number": "030190012345",
        "full_name": "Nguyễn Thị Hằng",
        "birth_date": "1990-02-28",
        "sex": "female",
        "phone": "0912 345 678",
        "residence_commune": "10507",
        "residence_address": "Số 5, Thôn 2",
        "origin_commune": "00004",
        "destination_commune": "10507",
        "travel_date": "2026-11-29",
        "vehicle": "motorbike",
        "vehicle_plate": "34B1-12345",
        "symptoms": [],
        "close_contact": false,
        "vaccination_doses": 3
    })
}

async fn declare(
    app: &TestApp,
    body: &Value,
    key: Option<&str>,
    ip: &str,
) -> crate::harness::Reply {
    let mut req = Request::post("/api/v1/declarations")
        .header("content-type", "application/json")
        .header("x-forwarded-for", ip);
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    app.send(req.body(Body::from(body.to_string())).unwrap()).await
}

async fn published_keys(app: &TestApp) -> Vec<(KeyId, VerifyingKey)> {
    app.get("/api/v1/keys", None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            assert_eq!(k["algorithm"], "Ed25519");
            let bytes: [u8; 32] = base64::engine::general_purpose::STANDARD
                .decode(k["public_key"].as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap();
            (KeyId(k["key_id"].as_u64().unwrap() as u16), VerifyingKey::from_bytes(&bytes).unwrap())
        })
        .collect()
}

fn verifies(
    token: &str,
    keys: &[(KeyId, VerifyingKey)],
    now: i64,
) -> Result<pass::PassFacts, pass::PassError> {
    pass::verify(token, |id| keys.iter().find(|(k, _)| *k == id).map(|(_, v)| (*v).into()), now)
}

pub async fn a_declaration_issues_a_signed_pass_valid_72_hours(app: TestApp) {
    let reply = declare(&app, &declaration(), None, "10.7.0.1").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let body = reply.json();
    let token = body["pass"]["token"].as_str().unwrap();
    let expires = time::OffsetDateTime::parse(
        body["pass"]["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(expires - app.state.now(), time::Duration::hours(72));
    assert!(body["declaration_id"].as_i64().unwrap() > 0);

    let keys = published_keys(&app).await;
    let now = app.state.now().unix_timestamp();
    let facts = verifies(token, &keys, now).unwrap();
    assert_eq!(facts.full_name, "Nguyễn Thị Hằng");
    assert_eq!(facts.document_number, "030190012345");
    assert_eq!(facts.destination.as_str(), "10507");
    assert_eq!(verifies(token, &keys, now + 72 * 3600), Err(pass::PassError::Expired));

    let key = body["pass"]["holder_key"].as_str().unwrap();
    assert_eq!(body["pass"]["url"], format!("/pass/{key}"));
    let svg = app.get(&format!("/api/v1/passes/{key}/qr.svg"), None).await;
    assert_eq!(svg.status, StatusCode::OK);
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(svg.body.contains("<svg"));
    assert_eq!(
        app.get(&format!("/api/v1/passes/{}/qr.svg", "0".repeat(40)), None).await.status,
        StatusCode::NOT_FOUND
    );
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM declarations WHERE phone = '0912345678'")
            .fetch_one(&app.state.db.read)
            .await
            .unwrap();
    assert_eq!(stored, 1, "the phone is stored normalised");
}

pub async fn a_refused_declaration_names_each_field_and_stores_nothing(app: TestApp) {
    let mut body = declaration();
    body["birth_date"] = json!("1991-02-28");
    body["phone"] = json!("12345");
    body["full_name"] = json!("<script>alert(1)</script>".repeat(10));
    let reply = declare(&app, &body, None, "10.7.0.2").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let json = reply.json();
    assert_eq!(json["code"], "invalid_declaration");
    let errors: Vec<(String, String)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (e["field"].as_str().unwrap().to_owned(), e["problem"].as_str().unwrap().to_owned())
        })
        .collect();
    assert!(
        errors.contains(&("document_number".into(), "cccd_birth_year_mismatch".into())),
        "{errors:?}"
    );
    assert!(errors.contains(&("phone".into(), "not_a_vietnamese_mobile".into())));
    assert!(errors.contains(&("full_name".into(), "too_long".into())));
    assert!(json["errors"][0]["message"].as_str().unwrap().len() > 10);

    let empty = declare(&app, &json!({}), None, "10.7.0.2").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.json()["errors"].as_array().unwrap().len() >= 10,
        "missing fields are reported as required"
    );

    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM declarations")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

/// A retry with the same idempotency key gets the same pass and holder's key back; anything else is a
/// new pass that leaves the person's other passes alone (it used to cancel them, or hand back the
/// holder's own pass to whoever declared the same facts within ten minutes).
pub async fn a_retry_gets_the_same_pass_and_a_new_declaration_leaves_other_passes_alone(
    app: TestApp,
) {
    let first = declare(&app, &declaration(), Some("retry-1"), "10.7.0.3").await.json();
    let again = declare(&app, &declaration(), Some("retry-1"), "10.7.0.3").await.json();
    assert_eq!(first["pass"], again["pass"], "the same idempotency key");
    assert!(first["pass"]["holder_key"].is_string());

    let resubmitted = declare(&app, &declaration(), None, "10.7.0.3").await.json();
    let mut other_trip = declaration();
    other_trip["destination_commune"] = json!("10510");
    let elsewhere = declare(&app, &other_trip, None, "10.7.0.9").await.json();
    for other in [&resubmitted, &elsewhere] {
        assert_ne!(first["pass"]["id"], other["pass"]["id"]);
        assert_ne!(first["pass"]["holder_key"], other["pass"]["holder_key"]);
    }
    let live: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passes WHERE revoked_at IS NULL")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(live, 3, "no declaration cancels another pass");
}

pub async fn passes_signed_before_a_key_rotation_still_verify(app: TestApp) {
    let old = declare(&app, &declaration(), None, "10.7.0.4").await.json();
    let new_key =
        backend::keys::rotate(&app.state.db, &app.state.kek, &operator(), app.state.now())
            .await
            .unwrap();
    assert_eq!(new_key, KeyId(2));
    let mut other_trip = declaration();
    other_trip["destination_commune"] = json!("10510");
    let new = declare(&app, &other_trip, None, "10.7.0.4").await.json();

    let keys = published_keys(&app).await;
    assert_eq!(keys.len(), 2);
    let listed = app.get("/api/v1/keys", None).await.json();
    assert!(listed[0]["retired_at"].is_string() && listed[1]["retired_at"].is_null());
    let now = app.state.now().unix_timestamp();
    let old_facts = verifies(old["pass"]["token"].as_str().unwrap(), &keys, now).unwrap();
    let new_facts = verifies(new["pass"]["token"].as_str().unwrap(), &keys, now).unwrap();
    assert_eq!((old_facts.key_id, new_facts.key_id), (KeyId(1), KeyId(2)));
}

pub async fn declarations_are_throttled_per_client(app: TestApp) {
    for _ in 0..DECLARATIONS_PER_IP {
        let reply = declare(&app, &json!({}), None, "10.7.0.5").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let reply = declare(&app, &declaration(), None, "10.7.0.5").await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(declare(&app, &declaration(), None, "10.7.0.6").await.status, StatusCode::CREATED);
}

/// zbarimg, an independent decoder, reads the PNG back to exactly the token the API returned.
pub async fn the_qr_image_decodes_to_the_token_with_an_independent_decoder(app: TestApp) {
    let body = declare(&app, &declaration(), None, "10.7.0.7").await.json();
    let (key, token) =
        (body["pass"]["holder_key"].as_str().unwrap(), body["pass"]["token"].as_str().unwrap());
    let response = app
        .router()
        .oneshot(Request::get(format!("/api/v1/passes/{key}/qr.png")).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    let png = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pass.png");
    std::fs::write(&file, &png).unwrap();
    let out = std::process::Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&file)
        .output()
        .expect("zbarimg (Debian's zbar-tools) is installed by scripts/test");
    assert!(out.status.success(), "zbarimg: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end_matches('\n'), token);
}

/// An Idempotency-Key answers only the request it came with, from the client that sent it: the same key
/// with any other body is refused (it used to return that key's pass and token to anyone), and another
/// client's same key is its own.
pub async fn an_idempotency_key_is_bound_to_its_body_and_its_client(app: TestApp) {
    let first = declare(&app, &declaration(), Some("key-7"), "10.7.1.1").await;
    assert_eq!(first.status, StatusCode::CREATED);
    let retried = declare(&app, &declaration(), Some("key-7"), "10.7.1.1").await;
    assert_eq!(retried.json()["pass"], first.json()["pass"]);

    for other_body in [json!({}), {
        let mut changed = declaration();
        changed["phone"] = json!("0987654322");
        changed
    }] {
        let reused = declare(&app, &other_body, Some("key-7"), "10.7.1.1").await;
        assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reused.json()["code"], "idempotency_key_reused");
        assert!(reused.json().get("pass").is_none());
    }

    let mut someone_else = declaration();
    someone_else["document_number"] = json!("030190054321");
    let elsewhere = declare(&app, &someone_else, Some("key-7"), "10.7.1.2").await;
    assert_eq!(elsewhere.status, StatusCode::CREATED);
    assert_ne!(elsewhere.json()["pass"]["id"], first.json()["pass"]["id"]);

    let long = "k".repeat(256);
    let refused = declare(&app, &declaration(), Some(&long), "10.7.1.1").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Bodies are limited before they are parsed: a declaration of tens of kilobytes is refused with 413,
/// as a JSON request and as a form post without JavaScript, and nothing is stored or kept as a draft.
pub async fn oversized_bodies_are_refused_before_they_are_read(app: TestApp) {
    let mut huge = declaration();
    huge["residence_address"] = json!("x".repeat(40 * 1024));
    let reply = declare(&app, &huge, None, "10.7.2.1").await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json()["code"], "too_large");

    let form = format!("full_name={}", "x".repeat(40 * 1024));
    let posted = app.post_form("/forms/declare", &form, None).await;
    assert_eq!(posted.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(posted.location().is_empty(), "no draft to go back to");

    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM declarations")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    assert_eq!(declare(&app, &declaration(), None, "10.7.2.1").await.status, StatusCode::CREATED);
}

/// Signing keys are sealed in the database with the key-encryption key: a key stored in plain Base64
/// before sealing is sealed at the next start, and a start with another KEK fails at once instead of at
/// the first declaration.
pub async fn signing_keys_are_sealed_at_rest_and_open_only_with_their_kek(app: TestApp) {
    use backend::key_encryption::{is_sealed, Kek, KekSource};
    let secrets = || async {
        sqlx::query_as::<_, (i64, String)>("SELECT id, secret_key FROM signing_keys ORDER BY id")
            .fetch_all(&app.state.db.read)
            .await
            .unwrap()
    };
    let stored = secrets().await;
    assert_eq!(stored.len(), 1);
    assert!(is_sealed(&stored[0].1), "{}", stored[0].1);

    let legacy = pass::SigningKey::from_bytes(&[5; 32]);
    let plain = base64::engine::general_purpose::STANDARD.encode(legacy.to_bytes());
    sqlx::query(
        "INSERT INTO signing_keys (id, public_key, secret_key, created_at, retired_at)
         VALUES (9, $1, $2, '2026-11-01T00:00:00.000000Z', '2026-11-02T00:00:00.000000Z')",
    )
    .bind(base64::engine::general_purpose::STANDARD.encode(legacy.verifying_key().as_bytes()))
    .bind(&plain)
    .execute(&app.state.db.write)
    .await
    .unwrap();
    let kek = zonepass::prepare(&app.state.db, &app.state.config.kek, &operator(), app.state.now())
        .await
        .unwrap();
    let (_, sealed) = secrets().await.into_iter().find(|(id, _)| *id == 9).unwrap();
    assert!(is_sealed(&sealed) && !sealed.contains(&plain));
    assert_eq!(kek.open(9, &sealed).unwrap(), legacy.to_bytes());

    let another = KekSource::Value(Kek::generate().encoded());
    let refused = zonepass::prepare(&app.state.db, &another, &operator(), app.state.now()).await;
    assert!(refused.is_err(), "a start with the wrong KEK fails");
    assert_eq!(secrets().await.len(), 2, "and makes no new key");
    let reply = declare(&app, &declaration(), None, "10.7.2.1").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}
