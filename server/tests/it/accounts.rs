use axum::http::StatusCode;
use serde_json::json;

use backend::admin::{self, NewUserInput};
use backend::{accounts, demo, scope, AppError};
use contract::dto::ScopeOverview;
use contract::error::ErrorCode;

use crate::harness::{operator, TestApp, PER_IP};

const PW: &str = demo::DEMO_PASSWORD;

async fn actor(app: &TestApp, username: &str) -> backend::Official {
    let token = app.token(username, PW).await;
    accounts::authenticate(&app.state, &accounts::SessionToken::new(token)).await.unwrap()
}

pub async fn each_demo_account_logs_in_and_sees_only_its_own_scope(app: TestApp) {
    let app = app.with_demo().await;
    let overview = |a| {
        let state = app.state.clone();
        async move { scope::overview(&state, &a).await.unwrap() }
    };

    match overview(actor(&app, "admin").await).await {
        ScopeOverview::Administration { users, checkpoints } => {
            assert_eq!((users, checkpoints), (9, 28))
        }
        other => panic!("admin sees {other:?}"),
    }
    match overview(actor(&app, "national").await).await {
        ScopeOverview::Units { unit_code, children, residents, .. } => {
            assert_eq!(unit_code, None);
            assert_eq!(children.len(), 63);
            assert_eq!(residents, 400);
        }
        other => panic!("national sees {other:?}"),
    }
    let (province_total, district_total) = match (
        overview(actor(&app, "province.hd").await).await,
        overview(actor(&app, "district.hd").await).await,
    ) {
        (
            ScopeOverview::Units { unit_code: p, children: pc, residents: pr, .. },
            ScopeOverview::Units { unit_code: d, children: dc, residents: dr, .. },
        ) => {
            assert_eq!(p.as_deref(), Some("30"));
            assert_eq!(pc.len(), 12, "the province sees its 12 districts");
            assert_eq!(pc.iter().map(|c| c.residents).sum::<i64>(), pr);
            let d = d.unwrap();
            assert!(pc.iter().any(|c| c.code == d), "the district lies in the province");
            assert!(dc.iter().all(|c| c.level == "commune"));
            assert_eq!(pc.iter().find(|c| c.code == d).unwrap().residents, dr);
            (pr, dr)
        }
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(province_total, 400);
    assert!(district_total > 0 && district_total < province_total);
    for username in ["commune.hd", "steering.hd"] {
        match overview(actor(&app, username).await).await {
            ScopeOverview::Units { unit_code, children, residents, .. } => {
                assert_eq!(
                    unit_code.as_deref().map(str::len),
                    Some(5),
                    "{username} sits at a commune"
                );
                assert!(children.is_empty());
                assert!(residents < district_total);
            }
            other => panic!("{username} sees {other:?}"),
        }
    }
    for username in ["officer.hd01", "entry.hd01"] {
        match overview(actor(&app, username).await).await {
            ScopeOverview::Checkpoint(cp) => assert_eq!(cp.code, "HD01"),
            other => panic!("{username} sees {other:?}"),
        }
    }
    let token = app.token("district.hd", PW).await;
    let me = app.get("/api/v1/me", Some(&token)).await.json();
    assert_eq!(me["role"], "district");
    assert!(me["scope_name"].as_str().unwrap().ends_with("Tỉnh Hải Dương"));
}

pub async fn a_disabled_account_cannot_log_in_and_loses_its_sessions(app: TestApp) {
    let app = app.with_demo().await;
    let token = app.token("officer.hd01", PW).await;
    let admin = actor(&app, "admin").await;
    let officer_id = actor(&app, "officer.hd01").await.user_id;
    admin::set_user_active(&app.state, &admin, officer_id, false).await.unwrap();

    let reply = app
        .post_json(
            "/api/v1/session",
            json!({"username": "officer.hd01", "password": PW}),
            "10.1.1.1",
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json()["code"], "account_disabled");
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("disable_user", "user", &officer_id.to_string()).await, 1);

    admin::set_user_active(&app.state, &admin, officer_id, true).await.unwrap();
    app.token("officer.hd01", PW).await;
}

pub async fn login_is_throttled_per_account_and_per_address(app: TestApp) {
    let app = app.with_demo().await;
    let login = |password: &'static str, ip: &'static str| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/session",
                json!({"username": "province.hd", "password": password}),
                ip,
            )
            .await
        }
    };
    // An attacker who knows the username fails three times, then must wait before trying again…
    for _ in 0..3 {
        let reply = login("wrong-password", "10.2.0.1").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json()["code"], "bad_credentials");
    }
    let waiting = login("wrong-password", "10.2.0.1").await;
    assert_eq!(waiting.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(waiting.json()["code"], "throttled");
    // …while the owner, on another device, logs in at once.
    assert_eq!(login(PW, "10.2.1.1").await.status, StatusCode::OK);
    // Past the account's own ceiling (all addresses together), every address waits, and it is audited.
    assert_eq!(login("wrong-password", "10.2.2.1").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(login(PW, "10.2.3.1").await.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.audit_count("login_throttled_account", "account", "province.hd").await, 1);

    for i in 0..PER_IP {
        let reply = app
            .post_json(
                "/api/v1/session",
                json!({"username": format!("nobody{i}"), "password": "x"}),
                "10.3.3.3",
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let reply = app
        .post_json("/api/v1/session", json!({"username": "commune.hd", "password": PW}), "10.3.3.3")
        .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "the address has used its allowance");
    // The same account from an address in good standing still gets in.
    let reply = app
        .post_json("/api/v1/session", json!({"username": "commune.hd", "password": PW}), "10.3.3.4")
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(app.audit_count("login_failed", "account", "province.hd").await, 4);
}

pub async fn browser_login_sets_an_http_only_strict_cookie(app: TestApp) {
    let app = app.with_demo().await;
    let bad = app.post_form("/forms/login", "username=admin&password=nope-nope-nope", None).await;
    assert_eq!(bad.status, StatusCode::SEE_OTHER);
    assert_eq!(bad.location(), "/login?error=bad_credentials");
    assert!(bad.session_cookie().is_none());

    let good = app.post_form("/forms/login", &format!("username=Admin&password={PW}"), None).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    assert_eq!(good.location(), "/dashboard");
    let set_cookie = good.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    let cookie = good.session_cookie().unwrap();
    let page = app
        .send(
            axum::http::Request::get("/dashboard")
                .header("cookie", &cookie)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Quản trị hệ thống"),
        "the admin's dashboard renders for the cookie"
    );

    // A post from another site cannot log the official out (nor change anything else).
    let cross_site_logout = app
        .send(
            axum::http::Request::post("/forms/logout")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie.as_str())
                .header("sec-fetch-site", "cross-site")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(cross_site_logout.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/api/v1/me", Some(cookie.trim_start_matches("zp_session="))).await.status,
        StatusCode::OK
    );

    let out = app.post_form("/forms/logout", "", Some(&cookie)).await;
    assert_eq!(out.location(), "/login?ok=logged_out");
    let token = cookie.trim_start_matches("zp_session=");
    assert_eq!(app.get("/api/v1/me", Some(token)).await.status, StatusCode::UNAUTHORIZED);

    let forged = app
        .send(
            axum::http::Request::post("/forms/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "cross-site")
                .body(axum::body::Body::from(format!("username=admin&password={PW}")))
                .unwrap(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

pub async fn password_change_requires_the_current_password_and_ends_other_sessions(app: TestApp) {
    let app = app.with_demo().await;
    let other_session = app.token("commune.hd", PW).await;
    let cookie = app
        .post_form("/forms/login", &format!("username=commune.hd&password={PW}"), None)
        .await
        .session_cookie()
        .unwrap();
    let change = |form: String| {
        let cookie = cookie.clone();
        let app = &app;
        async move { app.post_form("/forms/password", &form, Some(&cookie)).await.location().to_owned() }
    };
    assert_eq!(
        change("current=wrong-one-here&new=brand-new-pass&repeat=brand-new-pass".into()).await,
        "/account?error=wrong_current_password"
    );
    assert_eq!(
        change(format!("current={PW}&new=brand-new-pass&repeat=other-new-pass")).await,
        "/account?error=password_mismatch"
    );
    assert_eq!(
        change(format!("current={PW}&new=short&repeat=short")).await,
        "/account?error=password_too_short"
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&other_session)).await.status,
        StatusCode::OK,
        "refusals change nothing"
    );

    assert_eq!(
        change(format!("current={PW}&new=brand-new-pass&repeat=brand-new-pass")).await,
        "/account?ok=password"
    );
    assert_eq!(app.get("/api/v1/me", Some(&other_session)).await.status, StatusCode::UNAUTHORIZED);
    let own = cookie.trim_start_matches("zp_session=");
    assert_eq!(
        app.get("/api/v1/me", Some(own)).await.status,
        StatusCode::OK,
        "the changing session stays"
    );
    let old = app
        .post_json("/api/v1/session", json!({"username": "commune.hd", "password": PW}), "10.4.4.4")
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    app.token("commune.hd", "brand-new-pass").await;
}

pub async fn only_an_administrator_creates_users_and_checkpoints(app: TestApp) {
    let app = app.with_demo().await;
    let login = |user: &'static str| {
        let app = &app;
        async move {
            app.post_form("/forms/login", &format!("username={user}&password={PW}"), None)
                .await
                .session_cookie()
                .unwrap()
        }
    };
    let province = login("province.hd").await;
    let admin = login("admin").await;
    let new_user = "username=hd02.officer&password=long-enough-1&role=checkpoint_officer&unit_code=&checkpoint_code=HD02";

    let refused = app.post_form("/forms/users", new_user, Some(&province)).await;
    assert_eq!(refused.location(), "/admin/users?error=forbidden");
    let refused = app
        .post_form("/forms/checkpoints", "code=HD99&name=Test&unit_code=10507", Some(&province))
        .await;
    assert_eq!(refused.location(), "/admin/checkpoints?error=forbidden");
    let anonymous = app.post_form("/forms/users", new_user, None).await;
    assert_eq!(anonymous.location(), "/admin/users?error=unauthenticated");

    let created = app.post_form("/forms/users", new_user, Some(&admin)).await;
    assert_eq!(created.location(), "/admin/users?ok=saved");
    let again = app.post_form("/forms/users", new_user, Some(&admin)).await;
    assert_eq!(again.location(), "/admin/users?error=username_taken");
    let officer = app.token("hd02.officer", "long-enough-1").await;
    let me = app.get("/api/v1/me", Some(&officer)).await.json();
    assert_eq!(me["role"], "checkpoint_officer");
    assert!(me["scope_name"].as_str().unwrap().starts_with("HD02"));

    let created = app
        .post_form(
            "/forms/checkpoints",
            "code=hd29&name=Ch%E1%BB%91t+th%E1%BB%AD&unit_code=10507&road=QL5",
            Some(&admin),
        )
        .await;
    assert_eq!(created.location(), "/admin/checkpoints?ok=saved");
    assert_eq!(app.audit_count("create_checkpoint", "checkpoint", "HD29").await, 1);
    let bad_unit =
        app.post_form("/forms/checkpoints", "code=HD30&name=X&unit_code=99999", Some(&admin)).await;
    assert_eq!(bad_unit.location(), "/admin/checkpoints?error=unknown_unit");

    let users_page = app
        .send(
            axum::http::Request::get("/admin/users")
                .header("cookie", &admin)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(users_page.body.contains("hd02.officer"));
}

pub async fn role_scopes_are_validated_when_creating_users(app: TestApp) {
    let app = app.with_demo().await;
    let admin = actor(&app, "admin").await;
    let attempt = |username: &str,
                   role: &str,
                   unit: Option<&str>,
                   checkpoint: Option<&str>,
                   password: &str| {
        let input = NewUserInput {
            username: username.into(),
            password: password.into(),
            role: role.into(),
            unit_code: unit.map(Into::into),
            checkpoint_code: checkpoint.map(Into::into),
        };
        let state = app.state.clone();
        let admin = admin.clone();
        async move { admin::create_user(&state, &admin, input).await }
    };
    let code = |r: Result<i64, AppError>| r.map_err(|e| e.code());
    let good = "long-enough-1";
    assert_eq!(
        code(attempt("cc1", "commune", Some("288"), None, good).await),
        Err(ErrorCode::UnitLevelMismatch)
    );
    assert_eq!(
        code(attempt("cc1", "commune", None, None, good).await),
        Err(ErrorCode::UnitRequired)
    );
    assert_eq!(
        code(attempt("cc1", "commune", Some("99999"), None, good).await),
        Err(ErrorCode::UnknownUnit)
    );
    assert_eq!(
        code(attempt("cc1", "data_entry", None, None, good).await),
        Err(ErrorCode::CheckpointRequired)
    );
    assert_eq!(
        code(attempt("cc1", "data_entry", None, Some("ZZ99"), good).await),
        Err(ErrorCode::UnknownCheckpoint)
    );
    assert_eq!(
        code(attempt("cc1", "national", Some("30"), None, good).await),
        Err(ErrorCode::ScopeNotAllowed)
    );
    assert_eq!(
        code(attempt("cc1", "superuser", None, None, good).await),
        Err(ErrorCode::UnknownRole)
    );
    assert_eq!(code(attempt("x", "admin", None, None, good).await), Err(ErrorCode::BadUsername));
    assert_eq!(
        code(attempt("cc1", "admin", None, None, "short").await),
        Err(ErrorCode::PasswordTooShort)
    );
    assert_eq!(
        code(attempt("admin", "admin", None, None, good).await),
        Err(ErrorCode::UsernameTaken)
    );
    assert!(
        attempt("steer.288", "steering", Some("288"), None, good).await.is_ok(),
        "steering may sit at a district"
    );
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(users, 10, "only the valid account was added");
}

pub async fn demo_data_twice_changes_nothing(app: TestApp) {
    let app = app.with_demo().await;
    let audit_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    let report = demo::ensure(&app.state, &operator(), 7, 400).await.unwrap();
    assert_eq!((report.checkpoints_added, report.accounts_added, report.people_added), (0, 0, 0));
    let audit_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(audit_before, audit_after);
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM checkpoints ORDER BY code")
        .fetch_all(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(codes.first().map(String::as_str), Some("HD01"));
    assert_eq!(codes.last().map(String::as_str), Some("HD28"));
    assert_eq!(codes.len(), 28);
}

/// The console operator goes through the same `can` and leaves the same audit trail as an official;
/// an official without the right role cannot reach the console's use cases by calling them.
pub async fn the_console_operator_is_authorised_and_audited_like_any_official(app: TestApp) {
    let app = app.with_demo().await;
    let input = |username: &str| NewUserInput {
        username: username.to_owned(),
        password: "operator-made-1".to_owned(),
        role: "national".to_owned(),
        unit_code: None,
        checkpoint_code: None,
    };
    let id = admin::create_user(&app.state, &operator(), input("console.made")).await.unwrap();
    let (who, account): (String, Option<i64>) = sqlx::query_as(
        "SELECT actor_username, actor_user_id FROM audit_log WHERE action = 'create_user' AND target_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!((who.as_str(), account), ("operator:tests", None));

    let commune = actor(&app, "commune.hd").await;
    assert!(matches!(
        admin::create_user(&app.state, &commune, input("not.made")).await,
        Err(AppError::Forbidden)
    ));
    let now = app.state.now();
    assert!(backend::keys::rotate(&app.state.db, &app.state.kek, &commune, now).await.is_err());
    assert!(backend::units::import(
        &app.state.db,
        &commune,
        zonepass::seed::TWO_TIER.id,
        zonepass::seed::TWO_TIER.name,
        zonepass::seed::TWO_TIER.csv,
        false,
        now,
    )
    .await
    .is_err());
    assert!(matches!(demo::ensure(&app.state, &commune, 1, 10).await, Err(AppError::Forbidden)));
    let keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM signing_keys")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(keys, 1, "no key was rotated by a commune officer");
}
