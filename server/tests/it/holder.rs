//! The holder's key: only the person who declared opens, cancels or replaces their pass. Knowing a
//! person's ID number and name (printed on their card, partly encoded in a CCCD) gives a stranger a pass
//! of their own and nothing of anyone else's.

use axum::http::StatusCode;
use serde_json::{json, Value};

use backend::demo::DEMO_PASSWORD;
use backend::{accounts, scanning};

use crate::checkpoint::{cancel, pass_from, send_json, verify};
use crate::harness::TestApp;

const NUMBER: &str = "030190000444";

fn key_of(pass: &Value) -> String {
    pass["holder_key"].as_str().unwrap().to_owned()
}

/// A stranger declares in the holder's name from another address, with the same facts and with other
/// trips: the holder's pass stays green at the checkpoint and its page stays the holder's.
pub async fn a_stranger_who_knows_the_id_number_cannot_cancel_or_open_the_pass(app: TestApp) {
    let app = app.with_demo().await;
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    let holders = pass_from(&app, NUMBER, "00004").await;
    let same_facts = pass_from(&app, NUMBER, "00004").await;
    let other_trip = pass_from(&app, NUMBER, "00001").await;

    for strangers in [&same_facts, &other_trip] {
        assert_ne!(strangers["id"], holders["id"]);
        assert_ne!(strangers["token"], holders["token"]);
        assert_ne!(key_of(strangers), key_of(&holders));
    }
    let checked = verify(&app, Some(&officer), holders["token"].as_str().unwrap()).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    assert_ne!(checked.json()["verdict"], "red", "the holder is not turned back");
    let page = app.get(&format!("/pass/{}", key_of(&holders)), None).await;
    assert!(!page.body.contains("Thẻ này đã bị hủy"));
}

/// The pass id is in the QR and in every checkpoint's list of revocations, so it opens nothing; the
/// holder's key is in no answer an official gets (verify, the typed-ID lookup, the scanner's bundle,
/// the day's crossings) and in no audit row.
pub async fn only_the_holders_key_opens_the_pass_and_it_reaches_no_official(app: TestApp) {
    let app = app.with_demo().await;
    let holders = pass_from(&app, NUMBER, "00004").await;
    let (id, key) = (holders["id"].as_str().unwrap(), key_of(&holders));
    assert_eq!(key.len(), 40, "160 bits");

    for by_id in [format!("/api/v1/passes/{id}/qr.svg"), format!("/api/v1/passes/{id}/qr.png")] {
        assert_eq!(app.get(&by_id, None).await.status, StatusCode::NOT_FOUND);
    }
    let page = app.get(&format!("/pass/{id}"), None).await;
    assert!(!page.body.contains(NUMBER), "the pass id opens no page");
    assert_eq!(cancel(&app, id).await.status, StatusCode::NOT_FOUND);
    let page = app.get(&format!("/pass/{key}"), None).await;
    assert!(page.body.contains(NUMBER), "the holder's key opens it");

    let token = app.token("officer.hd01", DEMO_PASSWORD).await;
    let officer = accounts::authenticate(&app.state, &accounts::SessionToken::new(token.clone()))
        .await
        .unwrap();
    let verified = verify(&app, Some(&token), holders["token"].as_str().unwrap()).await;
    let crossing = json!({ "crossings": [{
        "client_id": "holder-0001", "token": holders["token"], "direction": "in", "verdict": "green",
        "action": "let_through", "scanned_at": "2026-11-28T00:55:00Z", "offline": true
    }]});
    let recorded = send_json(&app, "POST", "/api/v1/crossings", Some(&token), crossing).await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.body);
    let day = app.get("/api/v1/checkpoints/HD01/crossings", Some(&token)).await;
    let typed = scanning::scan_text(&app.state, &officer, NUMBER, "in").await.unwrap();
    cancel(&app, &key).await;
    let bundle = scanning::bundle(&app.state, &officer, "device-1", 0, None).await.unwrap();
    let bundle = serde_json::to_string(&bundle).unwrap();
    assert!(bundle.contains(id), "the revoked pass is in the bundle by its id");
    let audit: Vec<String> = sqlx::query_scalar("SELECT target_id || ' ' || detail FROM audit_log")
        .fetch_all(&app.state.db.read)
        .await
        .unwrap();
    for (what, text) in [
        ("verify", verified.body),
        ("the day's crossings", day.body),
        ("a typed ID number", serde_json::to_string(&typed).unwrap()),
        ("the scanner's bundle", bundle),
        ("the audit log", audit.join("\n")),
    ] {
        assert!(!text.is_empty(), "{what} answered");
        assert!(!text.contains(&key), "{what} carries the holder's key");
        assert!(
            !text.contains(&domain::holder::HolderKey::parse(&key).unwrap().digest()),
            "{what} carries the key's digest"
        );
    }
}

/// Cancelling (from the page or the API) turns the pass red at once; declaring again from the pass page
/// replaces it, for the same person only.
pub async fn the_holder_cancels_or_replaces_the_pass_from_its_page(app: TestApp) {
    let app = app.with_demo().await;
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;

    let old = pass_from(&app, NUMBER, "00004").await;
    let form = |number: &str, replaces: &str| {
        format!(
            "document_type=cccd&document_number={number}&full_name=L%C3%AA+Th%E1%BB%8B+Mai\
             &birth_date=1990-06-01&sex=female&phone=0912345678&residence_province=30\
             &residence_commune=10507&residence_address=S%E1%BB%91+3&origin_province=01&origin_commune=00004\
             &destination_province=30&destination_commune=10507&travel_date=2026-11-28&vehicle=car\
             &vaccination_doses=2&replaces={replaces}"
        )
    };
    let someone_else =
        app.post_form("/forms/declare", &form("030190000555", &key_of(&old)), None).await;
    assert!(
        someone_else.location().starts_with("/khai-bao?draft="),
        "another person's declaration cannot replace the pass: {}",
        someone_else.location()
    );
    let round = app.get(someone_else.location(), None).await;
    assert!(round.body.contains("Chỉ thay được thẻ của chính người khai"));
    assert!(round.body.contains(&key_of(&old)), "the round keeps the pass to replace");
    let unrevoked: Option<String> =
        sqlx::query_scalar("SELECT revoked_at FROM passes WHERE id = $1")
            .bind(old["id"].as_str().unwrap())
            .fetch_one(&app.state.db.read)
            .await
            .unwrap();
    assert_eq!(unrevoked, None, "a refused replacement changes nothing");

    let replaced = app.post_form("/forms/declare", &form(NUMBER, &key_of(&old)), None).await;
    let new_page = replaced.location().to_owned();
    assert!(new_page.starts_with("/pass/"), "{new_page}");
    assert_ne!(new_page, format!("/pass/{}", key_of(&old)));
    assert_eq!(
        verify(&app, Some(&officer), old["token"].as_str().unwrap()).await.json()["verdict"],
        "red",
        "the replaced pass is refused"
    );
    assert_eq!(app.audit_count("revoke_pass", "pass", old["id"].as_str().unwrap()).await, 1);

    let other = pass_from(&app, NUMBER, "00001").await;
    let key = key_of(&other);
    for _ in 0..2 {
        let cancelled = cancel(&app, &key).await;
        assert_eq!(cancelled.status, StatusCode::NO_CONTENT, "{}", cancelled.body);
    }
    assert_eq!(
        verify(&app, Some(&officer), other["token"].as_str().unwrap()).await.json()["verdict"],
        "red"
    );
    assert_eq!(
        app.audit_count("revoke_pass", "pass", other["id"].as_str().unwrap()).await,
        1,
        "cancelling twice is one revocation"
    );
    let still = app.get(&new_page, None).await;
    assert!(!still.body.contains("Thẻ này đã bị hủy"), "cancelling one pass leaves the others");
}

/// Whatever the log level, a request is logged by its route, never by its URL: the holder's key in
/// `/pass/{key}` or `/khai-bao?replaces=` stays out of the logs.
pub async fn the_holders_key_never_reaches_a_log(app: TestApp) {
    let pass = pass_from(&app, NUMBER, "00004").await;
    let key = key_of(&pass);
    let logged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let writer = {
        let logged = logged.clone();
        move || Captured(logged.clone())
    };
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(writer)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    for path in [
        format!("/pass/{key}"),
        format!("/khai-bao?replaces={key}"),
        format!("/api/v1/passes/{key}/qr.svg"),
    ] {
        assert_eq!(app.get(&path, None).await.status, StatusCode::OK, "{path}");
    }
    drop(guard);
    let text = String::from_utf8_lossy(&logged.lock().unwrap()).into_owned();
    assert!(text.contains("/pass/{key}"), "requests are logged by route: {text}");
    assert!(!text.contains(&key), "the holder's key is in the log");
}

struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
