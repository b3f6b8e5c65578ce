use axum::body::Body;
use axum::http::{Request, StatusCode};

use app::backend::demo::DEMO_PASSWORD;

use crate::harness::TestApp;

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> crate::harness::Reply {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

pub async fn pages_render_in_vietnamese_by_default_and_english_on_request(app: TestApp) {
    let home = page(&app, "/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains(r#"<html lang="vi""#),
        "{}",
        &home.body[..200.min(home.body.len())]
    );
    assert!(home.body.contains("Đăng nhập cán bộ"));

    let switch = page(&app, "/lang?to=en&back=/login", None).await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/login");
    let cookie = switch.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("zp_lang=en"));

    let login = page(&app, "/login", Some("zp_lang=en")).await;
    assert!(login.body.contains(r#"<html lang="en""#));
    assert!(login.body.contains("Official login"));
    assert!(
        login.body.contains(r#"action="/forms/login""#),
        "the form posts without JavaScript"
    );

    let error = page(&app, "/login?error=bad_credentials", None).await;
    assert!(error.body.contains("Sai tên đăng nhập hoặc mật khẩu."));
    let escaped = page(
        &app,
        "/registry?number=%3Cscript%3Ealert(1)%3C/script%3E",
        None,
    )
    .await;
    assert!(
        !escaped.body.contains("<script>alert(1)"),
        "typed text is escaped"
    );

    let elsewhere = page(&app, "/lang?to=en&back=//evil.example/", None).await;
    assert_eq!(
        elsewhere.location(),
        "/",
        "only same-site paths are followed"
    );
    let missing = page(&app, "/no/such/page", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

pub async fn admin_pages_are_refused_to_other_roles(app: TestApp) {
    let app = app.with_demo().await;
    let cookie = app
        .post_form(
            "/forms/login",
            &format!("username=district.hd&password={DEMO_PASSWORD}"),
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    for path in ["/admin/users", "/admin/checkpoints", "/admin/audit"] {
        let reply = page(&app, path, Some(&cookie)).await;
        assert!(
            reply.body.contains("Bạn không có quyền"),
            "{path} refuses a district officer"
        );
        assert!(
            !reply.body.contains("officer.hd01"),
            "{path} shows no account"
        );
    }
    let anonymous = page(&app, "/dashboard", None).await;
    assert!(anonymous.body.contains("Vui lòng đăng nhập"));
}
