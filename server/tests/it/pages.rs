use axum::body::Body;
use axum::http::{Request, StatusCode};

use backend::demo::DEMO_PASSWORD;

use crate::harness::TestApp;

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> crate::harness::Reply {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

pub async fn pages_render_in_vietnamese_by_default_and_english_on_request(app: TestApp) {
    let app = app.with_demo().await;
    let home = page(&app, "/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains(r#"<html lang="vi""#), "{}", &home.body[..200.min(home.body.len())]);
    assert!(home.body.contains("Đăng nhập cán bộ"));

    let switch = page(&app, "/lang?to=en&back=/login", None).await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/login");
    let cookie = switch.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("zp_lang=en"));

    let login = page(&app, "/login", Some("zp_lang=en")).await;
    assert!(login.body.contains(r#"<html lang="en""#));
    assert!(login.body.contains("Official login"));
    assert!(login.body.contains(r#"action="/forms/login""#), "the form posts without JavaScript");

    let error = page(&app, "/login?error=bad_credentials", None).await;
    assert!(error.body.contains("Sai tên đăng nhập hoặc mật khẩu."));
    // Logged in, so the registry page really puts the typed text back into its field.
    let commune = app
        .post_form("/forms/login", "username=commune.hd&password=zonepass-demo", None)
        .await
        .session_cookie()
        .unwrap();
    let escaped =
        page(&app, "/registry?number=%3Cscript%3Ealert(1)%3C/script%3E", Some(&commune)).await;
    assert!(
        escaped.body.contains("id=\"number\"") && escaped.body.contains("alert(1)"),
        "the typed text is on the page"
    );
    assert!(!escaped.body.contains("<script>alert(1)"), "typed text is escaped");

    for off_site in [
        "//evil.example/",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%5Cevil.example",
        "%2F%2Fevil.example",
    ] {
        let elsewhere = page(&app, &format!("/lang?to=en&back={off_site}"), None).await;
        assert_eq!(elsewhere.location(), "/", "only same-site paths are followed: {off_site}");
    }
    let missing = page(&app, "/no/such/page", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

pub async fn admin_pages_are_refused_to_other_roles(app: TestApp) {
    let app = app.with_demo().await;
    let cookie = app
        .post_form("/forms/login", &format!("username=district.hd&password={DEMO_PASSWORD}"), None)
        .await
        .session_cookie()
        .unwrap();
    for path in ["/admin/users", "/admin/checkpoints", "/admin/audit"] {
        let reply = page(&app, path, Some(&cookie)).await;
        assert!(reply.body.contains("Bạn không có quyền"), "{path} refuses a district officer");
        assert!(!reply.body.contains("officer.hd01"), "{path} shows no account");
    }
    let anonymous = page(&app, "/dashboard", None).await;
    assert!(anonymous.body.contains("Vui lòng đăng nhập"));
}

pub async fn a_pass_page_renders_without_scripts_and_marks_a_cancelled_pass(app: TestApp) {
    let declare = || async {
        let body = serde_json::json!({
            "document_type": "cmnd", "document_number": "012345678", "full_name": "Lê Văn Tám",
            "birth_date": "1980-01-01", "sex": "male", "phone": "0987654321", "residence_commune": "10507",
            "residence_address": "Số 9", "origin_commune": "00004", "destination_commune": "10507",
            "travel_date": "2026-11-28", "vehicle": "car", "vaccination_doses": 2
        });
        app.post_json("/api/v1/declarations", body, "10.8.0.1").await.json()["pass"]["holder_key"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let first = declare().await;
    let live = page(&app, &format!("/pass/{first}"), None).await;
    assert_eq!(live.status, StatusCode::OK);
    assert!(live.body.contains("Lê Văn Tám"));
    assert!(live.body.contains("<svg"), "the QR is in the page, not fetched by a script");
    assert!(live.body.contains("Còn hiệu lực: 72 giờ 0 phút"));
    assert!(live.body.contains("Hủy thẻ này"));
    assert!(live.body.contains(&format!("/khai-bao?replaces={first}")));

    let cancelled = app.post_form("/forms/pass/cancel", &format!("key={first}"), None).await;
    assert_eq!(cancelled.location(), format!("/pass/{first}?ok=cancelled"));
    let revoked = page(&app, &format!("/pass/{first}"), None).await;
    assert!(revoked.body.contains("Thẻ này đã bị hủy hoặc đã được thay bằng một tờ khai mới."));
    assert!(!revoked.body.contains("Hủy thẻ này"), "a cancelled pass offers no cancel");

    let second = declare().await;
    app.clock.advance(time::Duration::hours(72));
    let expired = page(&app, &format!("/pass/{second}"), None).await;
    assert!(expired.body.contains("Thẻ đã hết hạn"), "expiry follows the server's clock");
    let unknown = page(&app, "/pass/zz", None).await;
    assert!(unknown.body.contains("Không tìm thấy."));
}

pub async fn the_declaration_form_keeps_answers_between_rounds_and_issues_a_pass(app: TestApp) {
    let form = "document_type=cccd&document_number=030190012345&full_name=Ph%E1%BA%A1m+Th%E1%BB%8B+Thu\
        &birth_date=1991-03-04&sex=female&phone=0987654321&residence_province=30&residence_commune=10507\
        &residence_address=S%E1%BB%91+12&origin_province=01&origin_commune=00001&destination_province=30\
        &destination_commune=10507&travel_date=2026-11-28&vehicle=car&vehicle_plate=&symptoms=cough&symptoms=fever\
        &vaccination_doses=3";
    let refused = app.post_form("/forms/declare", form, None).await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert!(refused.location().starts_with("/khai-bao?draft="), "{}", refused.location());
    let again = page(&app, refused.location(), None).await;
    assert!(again.body.contains("Số CCCD không khớp với năm sinh đã khai"));
    assert!(again.body.contains("Phạm Thị Thu"), "the answers come back");
    let tag = |id: &str| {
        again
            .body
            .split(&format!(r#"id="{id}""#))
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .unwrap_or("")
            .to_owned()
    };
    assert!(
        tag("symptom-cough").contains("checked"),
        "a ticked symptom stays ticked: {}",
        tag("symptom-cough")
    );
    assert!(!tag("symptom-rash").contains("checked"), "an unticked one stays unticked");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM declarations")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 0, "a refused declaration stores nothing");

    let round = app.post_form("/forms/declare", &format!("{form}&refresh=origin"), None).await;
    assert!(
        round.location().starts_with("/khai-bao?draft="),
        "listing communes is another round, not a submission"
    );
    let listed = page(&app, round.location(), None).await;
    assert!(listed.body.contains("Phường Phúc Xá"), "the chosen province's communes are listed");

    let accepted =
        app.post_form("/forms/declare", &form.replace("1991-03-04", "1990-03-04"), None).await;
    assert!(accepted.location().starts_with("/pass/"), "{}", accepted.location());
    let symptoms: String = sqlx::query_scalar("SELECT symptoms FROM declarations")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(symptoms, "fever,cough");
    assert!(page(&app, "/khai-bao?draft=unknown", None)
        .await
        .body
        .contains(r#"action="/forms/declare""#));
}

pub async fn the_place_search_works_without_scripts_and_a_result_chooses_the_commune(app: TestApp) {
    let base = "document_type=cccd&document_number=&full_name=&birth_date=&sex=female&phone=\
        &residence_province=&residence_commune=&residence_address=&origin_province=&origin_commune=\
        &destination_province=&destination_commune=&travel_date=&vehicle=car&vaccination_doses=0";
    let round = app
        .post_form(
            "/forms/declare",
            &format!("{base}&destination_search=luong+dien+CAM+GIANG&refresh=destination"),
            None,
        )
        .await;
    assert!(round.location().starts_with("/khai-bao?draft="));
    let found = page(&app, round.location(), None).await;
    assert!(
        found.body.contains(r#"value="destination:10924""#),
        "the search offers Lương Điền of Cẩm Giàng as a button"
    );
    assert!(found.body.contains("Xã Lương Điền, Huyện Cẩm Giàng, Tỉnh Hải Dương"));
    assert!(
        !found.body.contains(r#"value="destination:09118""#),
        "the other Lương Điền is not in Cẩm Giàng"
    );

    let picked = app
        .post_form(
            "/forms/declare",
            &format!("{base}&destination_search=luong+dien&pick=destination%3A10924"),
            None,
        )
        .await;
    let chosen = page(&app, picked.location(), None).await;
    assert!(
        chosen.body.contains(r#"<option value="10924" selected>Xã Lương Điền</option>"#),
        "the picked commune is chosen"
    );
    assert!(chosen.body.contains(r#"<option value="30" selected>"#), "and its province");
    assert!(
        chosen
            .body
            .contains(r#"id="destination-search" name="destination_search" maxlength="80" autocomplete="off" aria-describedby="destination-search-hint" value="""#),
        "the search is cleared once a result is chosen"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM declarations")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 0, "searching and choosing send nothing");

    let garbage =
        app.post_form("/forms/declare", &format!("{base}&pick=destination%3Ax%3Cb%3E"), None).await;
    assert!(garbage.location().starts_with("/khai-bao?draft="));
}

pub async fn the_service_worker_is_served_and_the_test_clock_is_not(app: TestApp) {
    let sw = page(&app, "/sw.js", None).await;
    assert_eq!(sw.status, StatusCode::OK);
    assert!(sw.headers["content-type"].to_str().unwrap().starts_with("text/javascript"));
    assert_eq!(sw.headers["cache-control"], "no-cache");
    assert!(sw.body.contains("const SHELL = `zonepass-shell-${VERSION}`"));
    assert!(!sw.body.contains("__VERSION__"));

    let moved = app
        .post_json("/test/clock", serde_json::json!({"offset_seconds": 999_999}), "10.0.0.9")
        .await;
    assert_eq!(
        moved.status,
        StatusCode::NOT_FOUND,
        "a server not started for browser tests has no movable clock"
    );
}

pub async fn every_response_carries_security_headers_and_a_page_its_own_script_policy(
    app: TestApp,
) {
    let nonce_of = |reply: &crate::harness::Reply| {
        let policy = reply.headers["content-security-policy"].to_str().unwrap().to_owned();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap()
            .to_owned();
        (policy, nonce)
    };
    let home = page(&app, "/", None).await;
    let (policy, nonce) = nonce_of(&home);
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(part), "{part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"));
    assert!(
        home.body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's inline scripts carry the policy's nonce"
    );
    let (_, again) = nonce_of(&page(&app, "/", None).await);
    assert_ne!(nonce, again, "each response has a nonce of its own");

    let keys = app.get("/api/v1/keys", None).await;
    for reply in [&home, &keys] {
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
        assert_eq!(reply.headers["referrer-policy"], "no-referrer");
        assert_eq!(reply.headers["x-frame-options"], "DENY");
        assert!(reply.headers["permissions-policy"].to_str().unwrap().contains("camera=(self)"));
        assert_eq!(reply.headers["cache-control"], "no-store");
    }
}

/// A round of the declaration form without JavaScript keeps its draft in the database, where another
/// app server on the same database finds it, and a client gets only so many rounds a minute.
pub async fn form_rounds_keep_their_drafts_in_the_database_and_are_throttled(app: TestApp) {
    let round = "full_name=Ph%E1%BA%A1m+Th%E1%BB%8B+Thu&residence_province=30&refresh=residence";
    let first = app.post_form("/forms/declare", round, None).await;
    let id = first.location().strip_prefix("/khai-bao?draft=").unwrap().to_owned();

    let other_server = backend::AppState::new(
        app.state.db.clone(),
        (*app.state.config).clone(),
        backend::units::load_active(&app.state.db).await.unwrap(),
        app.state.kek.clone(),
    );
    let draft =
        other_server.drafts.get(&other_server.db, &id, app.state.now()).await.unwrap().unwrap();
    assert_eq!(draft.input.full_name, "Phạm Thị Thu");
    assert_eq!(draft.places.residence_province, "30");

    for _ in 1..crate::harness::FORM_ROUNDS_PER_IP {
        let again = app.post_form("/forms/declare", round, None).await;
        assert!(again.location().starts_with("/khai-bao?draft="));
    }
    let throttled = app.post_form("/forms/declare", round, None).await;
    assert_eq!(throttled.location(), "/khai-bao?error=throttled");
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM drafts")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(kept, i64::from(crate::harness::FORM_ROUNDS_PER_IP));
}
