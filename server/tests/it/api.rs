use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use backend::demo::DEMO_PASSWORD;

use crate::harness::TestApp;

pub async fn session_endpoint_follows_its_contract(app: TestApp) {
    let app = app.with_demo().await;
    let ok = app
        .post_json(
            "/api/v1/session",
            json!({"username": "national", "password": DEMO_PASSWORD}),
            "10.5.0.1",
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let body = ok.json();
    assert!(body["token"].as_str().unwrap().len() >= 40);
    let expires = time::OffsetDateTime::parse(
        body["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(expires, app.state.now() + time::Duration::hours(12));

    let wrong = app
        .post_json(
            "/api/v1/session",
            json!({"username": "national", "password": "not-the-password"}),
            "10.5.0.2",
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json()["code"], "bad_credentials");
    assert!(wrong.json()["message"].as_str().unwrap().len() > 5);

    let unknown = app
        .post_json(
            "/api/v1/session",
            json!({"username": "ghost", "password": "whatever-it-is"}),
            "10.5.0.3",
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "an unknown account looks like a wrong password"
    );

    let missing =
        app.post_json("/api/v1/session", json!({"username": "national"}), "10.5.0.4").await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json()["code"], "bad_request");
    let garbage = app
        .send(
            Request::post("/api/v1/session")
                .header("content-type", "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(garbage.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(garbage.json()["code"], "bad_request");

    // Sessions expire: twelve hours on, the token no longer works.
    let token = body["token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", Some(token)).await.status, StatusCode::OK);
    app.clock.advance(time::Duration::hours(12));
    assert_eq!(app.get("/api/v1/me", Some(token)).await.status, StatusCode::UNAUTHORIZED);
}

pub async fn bearer_token_identifies_the_official_and_logout_ends_it(app: TestApp) {
    let app = app.with_demo().await;
    let anonymous = app.get("/api/v1/me", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json()["code"], "unauthenticated");
    assert_eq!(app.get("/api/v1/me", Some("made-up-token")).await.status, StatusCode::UNAUTHORIZED);

    let token = app.token("province.hd", DEMO_PASSWORD).await;
    let me = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(
        me.json(),
        json!({"username": "province.hd", "role": "province", "scope_name": "Tỉnh Hải Dương"})
    );

    let out = app
        .send(
            Request::delete("/api/v1/session")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/v1/no-such-thing", None).await.json()["code"], "not_found");
}

pub async fn health_readiness_metrics_and_openapi_are_served(app: TestApp) {
    let health = app.get("/healthz", None).await;
    assert_eq!((health.status, health.body.as_str()), (StatusCode::OK, "ok"));
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
    zonepass::telemetry::metrics_handle();
    app.get("/api/v1/units", None).await;
    // Metrics only for the scraper's token: an official's session does not open them either.
    assert_eq!(app.get("/metrics", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/metrics", Some("not-the-token")).await.status, StatusCode::UNAUTHORIZED);
    let metrics = app.get("/metrics", Some(crate::harness::METRICS_TOKEN)).await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(metrics.body.contains("zonepass_http_requests_total"), "{}", metrics.body);

    let doc = app.get("/api/v1/openapi.json", None).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/session",
        "/api/v1/me",
        "/api/v1/units",
        "/api/v1/declarations",
        "/api/v1/keys",
        "/api/v1/passes/{holder_key}",
        "/api/v1/passes/{holder_key}/qr.svg",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["SessionResponse"]["properties"]["expires_at"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["components"]["schemas"]["DeclarationInput"]["properties"]["document_number"]
        .is_object());

    app.state.db.write.close().await;
    app.state.db.read.close().await;
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK, "the process is still up");
}

pub async fn units_endpoint_lists_children(app: TestApp) {
    let roots = app.get("/api/v1/units", None).await.json();
    assert_eq!(roots.as_array().unwrap().len(), 63);
    let districts = app.get("/api/v1/units?parent=30", None).await.json();
    assert_eq!(districts.as_array().unwrap().len(), 12);
    assert!(districts
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["parent_code"] == "30" && d["level"] == "district"));
    let missing = app.get("/api/v1/units?parent=99999", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["code"], "not_found");
}
