use axum::body::Body;
use axum::http::{Request, StatusCode};

use backend::{accounts, demo, registry, AppError};
use contract::error::ErrorCode;

use crate::harness::TestApp;

async fn actor(app: &TestApp, username: &str) -> backend::Official {
    let token = app.token(username, demo::DEMO_PASSWORD).await;
    accounts::authenticate(&app.state, &accounts::SessionToken::new(token)).await.unwrap()
}

/// A registered person in `commune`, and one outside the commune's district.
async fn people(app: &TestApp, commune: &str, district: &str) -> (String, String) {
    let inside: String = sqlx::query_scalar(
        "SELECT document_number FROM registry_people WHERE commune_code = $1 ORDER BY id LIMIT 1",
    )
    .bind(commune)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    let outside: String = sqlx::query_scalar(
        "SELECT p.document_number FROM registry_people p JOIN units u ON u.code = p.commune_code AND u.tree = $1
         WHERE u.parent_code <> $2 ORDER BY p.id LIMIT 1",
    )
    .bind(&app.state.units().id)
    .bind(district)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    (inside, outside)
}

pub async fn reading_a_person_writes_an_audit_row_in_scope_and_out(app: TestApp) {
    let app = app.with_demo().await;
    let commune = actor(&app, "commune.hd").await;
    let domain::Scope::Unit(commune_code) = commune.scope.clone() else { panic!("commune scope") };
    let district_code = app.state.units().tree.get(&commune_code).unwrap().parent.clone().unwrap();
    let (inside, outside) = people(&app, commune_code.as_str(), district_code.as_str()).await;

    let person = registry::look_up_person(&app.state, &commune, &inside).await.unwrap();
    assert_eq!(person.document_number, inside);
    assert!(person.residence.ends_with("Tỉnh Hải Dương"));
    assert_eq!(app.audit_count("read_person", "person", &inside).await, 1);

    let refused = registry::look_up_person(&app.state, &commune, &outside).await;
    assert!(matches!(refused, Err(AppError::Forbidden)));
    assert_eq!(app.audit_count("read_person", "person", &outside).await, 0);
    assert_eq!(app.audit_count("read_person_denied", "person", &outside).await, 1);

    let steering = actor(&app, "steering.hd").await;
    assert!(matches!(
        registry::look_up_person(&app.state, &steering, &inside).await,
        Err(AppError::Forbidden)
    ));
    let province = actor(&app, "province.hd").await;
    registry::look_up_person(&app.state, &province, &outside).await.unwrap();
    assert_eq!(app.audit_count("read_person", "person", &outside).await, 1);

    // Through the page, as a browser would, the read is audited once more.
    let cookie = app
        .post_form(
            "/forms/login",
            &format!("username=commune.hd&password={}", demo::DEMO_PASSWORD),
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    let page = app
        .send(
            Request::get(format!("/registry?number={inside}"))
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&person.full_name), "the page shows the person");
    assert_eq!(app.audit_count("read_person", "person", &inside).await, 2);
}

pub async fn bad_document_numbers_are_refused_without_touching_the_audit(app: TestApp) {
    let app = app.with_demo().await;
    let commune = actor(&app, "commune.hd").await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    for bad in ["", "12345", "03009012345x", "<script>alert(1)</script>", "0300901234567"] {
        let result = registry::look_up_person(&app.state, &commune, bad).await;
        assert!(
            matches!(result, Err(AppError::Validation(ErrorCode::BadDocumentNumber))),
            "{bad:?}"
        );
    }
    assert!(matches!(
        registry::look_up_person(&app.state, &commune, "001999999999").await,
        Err(AppError::NotFound)
    ));
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(before, after);
}
