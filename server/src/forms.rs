//! Plain HTML form posts: each one calls a use case and redirects back (post/redirect/get) with the
//! outcome in the query string, so every form works the same with JavaScript off.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use app::backend::accounts::{self, SessionKind};
use app::backend::admin::{self, NewCheckpointInput, NewUserInput};
use app::backend::areas::{self, NewAreaInput};
use app::backend::store::audit::By;
use app::backend::{crossings, declarations, scanning, web, AppError, AppState};
use app::dto::DeclareForm;
use app::i18n::Lang;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/forms/login", post(login))
        .route("/forms/logout", post(logout))
        .route("/forms/password", post(change_password))
        .route("/forms/users", post(create_user))
        .route("/forms/users/active", post(set_user_active))
        .route("/forms/checkpoints", post(create_checkpoint))
        .route("/forms/checkpoints/active", post(set_checkpoint_active))
        .route("/forms/declare", post(declare))
        .route("/forms/scan", post(scan))
        .route("/forms/crossing", post(record_crossing))
        .route("/forms/card", post(check_card))
        .route("/forms/areas", post(declare_area))
        .route("/forms/areas/end", post(end_area))
        .route("/forms/rules", post(set_rules))
        .route("/lang", get(switch_language))
}

/// The client's address: the socket peer, or the first X-Forwarded-For hop when a trusted proxy sets it.
pub fn client_ip(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> IpAddr {
    if state.config.trust_forwarded_for {
        if let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
        {
            return ip;
        }
    }
    peer.ip()
}

/// Browsers say where a form post comes from; a post from another site is refused outright,
/// on top of the SameSite=Strict session cookie.
fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
}

fn back(path: &str, outcome: Result<&str, AppError>) -> Response {
    let sep = if path.contains('?') { '&' } else { '?' };
    let target = match outcome {
        Ok(ok) => format!("{path}{sep}ok={ok}"),
        Err(e) => {
            e.log();
            format!("{path}{sep}error={}", e.code().as_str())
        }
    };
    Redirect::to(&target).into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    if cross_site(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let ip = client_ip(&state, &headers, peer);
    match accounts::login(
        &state,
        ip,
        &form.username,
        &form.password,
        SessionKind::Browser,
    )
    .await
    {
        Ok(session) => {
            let max_age = session.expires_at - state.now();
            let jar = jar.add(web::session_cookie(
                &session.token,
                max_age,
                state.config.secure_cookies,
            ));
            (jar, Redirect::to("/dashboard")).into_response()
        }
        Err(e) => back("/login", Err(e)),
    }
}

async fn logout(State(state): State<AppState>, headers: HeaderMap, jar: CookieJar) -> Response {
    if let Some(token) = web::session_token(&headers) {
        if let Err(e) = accounts::logout(&state, &token).await {
            e.log();
        }
    }
    (
        jar.add(web::expired_session_cookie()),
        Redirect::to("/login?ok=logged_out"),
    )
        .into_response()
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new: String,
    repeat: String,
}

async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Response {
    if cross_site(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let result = async {
        let token = web::session_token(&headers).ok_or(AppError::Unauthenticated)?;
        let actor = accounts::authenticate(&state, &token).await?;
        accounts::change_password(
            &state,
            &actor,
            &token,
            &form.current,
            &form.new,
            &form.repeat,
        )
        .await
    }
    .await;
    back("/account", result.map(|()| "password"))
}

/// Runs an administrator's change as the official behind the request.
async fn as_official<F, Fut>(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    change: F,
) -> Response
where
    F: FnOnce(AppState, domain::Actor) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    if cross_site(headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let result = match web::actor(state, headers).await {
        Ok(actor) => change(state.clone(), actor).await,
        Err(e) => Err(e),
    };
    back(path, result.map(|()| "saved"))
}

async fn create_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(input): Form<NewUserInput>,
) -> Response {
    as_official(
        &state,
        &headers,
        "/admin/users",
        |state, actor| async move {
            admin::create_user(&state, By::Official(&actor), input)
                .await
                .map(drop)
        },
    )
    .await
}

#[derive(Deserialize)]
struct UserActiveForm {
    user_id: i64,
    active: u8,
}

async fn set_user_active(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<UserActiveForm>,
) -> Response {
    as_official(
        &state,
        &headers,
        "/admin/users",
        |state, actor| async move {
            admin::set_user_active(&state, By::Official(&actor), form.user_id, form.active == 1)
                .await
        },
    )
    .await
}

async fn create_checkpoint(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(input): Form<NewCheckpointInput>,
) -> Response {
    as_official(
        &state,
        &headers,
        "/admin/checkpoints",
        |state, actor| async move {
            admin::create_checkpoint(&state, By::Official(&actor), input).await
        },
    )
    .await
}

#[derive(Deserialize)]
struct CheckpointActiveForm {
    code: String,
    active: u8,
}

async fn set_checkpoint_active(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CheckpointActiveForm>,
) -> Response {
    as_official(
        &state,
        &headers,
        "/admin/checkpoints",
        |state, actor| async move {
            admin::set_checkpoint_active(&state, By::Official(&actor), &form.code, form.active == 1)
                .await
        },
    )
    .await
}

#[derive(Deserialize)]
struct ScanForm {
    code: String,
    #[serde(default)]
    direction: String,
}

/// The checkpoint screen without JavaScript (or a keyboard-like 2D scanner typing into it): judge on the
/// server, then show the verdict through a short-lived draft.
async fn scan(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ScanForm>,
) -> Response {
    if cross_site(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let outcome = match web::actor(&state, &headers).await {
        Ok(actor) => scanning::scan_text(&state, &actor, &form.code, &form.direction).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(draft) => {
            let id = state.scans.put(draft, state.now());
            Redirect::to(&format!("/kiem-soat?scan={id}")).into_response()
        }
        Err(e) => back("/kiem-soat", Err(e)),
    }
}

#[derive(Deserialize)]
struct CrossingForm {
    scan: String,
    /// `confirm` when the ID card matches the pass, `mismatch` when it does not.
    outcome: String,
}

async fn record_crossing(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CrossingForm>,
) -> Response {
    as_official(&state, &headers, "/kiem-soat", |state, actor| async move {
        crossings::record_scan(&state, &actor, &form.scan, form.outcome == "confirm").await
    })
    .await
}

#[derive(Deserialize)]
struct CardForm {
    scan: String,
    card: String,
}

/// The ID card's QR scanned next to a pass: compared field by field and shown with the verdict.
async fn check_card(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CardForm>,
) -> Response {
    if cross_site(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let actor = match web::actor(&state, &headers).await {
        Ok(actor) => actor,
        Err(e) => return back("/kiem-soat", Err(e)),
    };
    match scanning::check_card(&state, &actor, &form.scan, &form.card) {
        Ok(id) => Redirect::to(&format!("/kiem-soat?scan={id}")).into_response(),
        Err(e) => back("/kiem-soat", Err(e)),
    }
}

async fn declare_area(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(input): Form<NewAreaInput>,
) -> Response {
    as_official(
        &state,
        &headers,
        "/admin/areas",
        |state, actor| async move {
            areas::declare_area(&state, By::Official(&actor), input)
                .await
                .map(drop)
        },
    )
    .await
}

#[derive(Deserialize)]
struct EndAreaForm {
    id: i64,
}

async fn end_area(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<EndAreaForm>,
) -> Response {
    as_official(
        &state,
        &headers,
        "/admin/areas",
        |state, actor| async move { areas::end_area(&state, By::Official(&actor), form.id).await },
    )
    .await
}

/// One province's rule table: the action for travellers from outside any area, then per level.
#[derive(Deserialize)]
struct RulesForm {
    province: String,
    outside: String,
    level_1: String,
    level_2: String,
    level_3: String,
    level_4: String,
}

async fn set_rules(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<RulesForm>,
) -> Response {
    let back_to = format!("/admin/areas?province={}", urlencode_code(&f.province));
    as_official(&state, &headers, &back_to, |state, actor| async move {
        areas::set_rules(
            &state,
            By::Official(&actor),
            &f.province,
            [&f.outside, &f.level_1, &f.level_2, &f.level_3, &f.level_4],
        )
        .await
    })
    .await
}

/// Unit codes are digits; anything else is dropped rather than echoed into a redirect.
fn urlencode_code(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).take(10).collect()
}

#[derive(Deserialize)]
struct LangQuery {
    to: String,
    back: Option<String>,
}

async fn switch_language(jar: CookieJar, Query(q): Query<LangQuery>) -> Response {
    let lang = Lang::parse(&q.to).unwrap_or_default();
    let target = web::safe_return_path(q.back.as_deref());
    (jar.add(web::lang_cookie(lang)), Redirect::to(&target)).into_response()
}

/// A search result's button: `place:code`, for a commune of the active tree.
fn picked<'a>(state: &AppState, pick: &'a str) -> Option<(&'a str, String, String)> {
    let (place, code) = pick.split_once(':')?;
    let code = domain::UnitCode::parse(code).ok()?;
    let active = state.units();
    let province = active.tree.root_of(&code)?;
    Some((place, province.code.to_string(), code.to_string()))
}

async fn declare(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    axum_extra::extract::Form(form): axum_extra::extract::Form<DeclareForm>,
) -> Response {
    if cross_site(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let pick = form.pick.clone();
    let round = form.refresh.is_some() || pick.is_some();
    let mut draft = form.into_draft();
    if let Some((place, province, commune)) = pick.as_deref().and_then(|p| picked(&state, p)) {
        draft.choose(place, province, commune);
    }
    if !round {
        let outcome = if state
            .throttle
            .allow_declaration(client_ip(&state, &headers, peer))
        {
            declarations::declare(&state, &draft.input, None).await
        } else {
            Err(AppError::Throttled)
        };
        match outcome {
            Ok(issued) => {
                return Redirect::to(&format!("/pass/{}", issued.pass_id)).into_response()
            }
            Err(AppError::InvalidDeclaration(errors)) => draft.errors = errors,
            Err(e) => {
                e.log();
                draft.error = Some(e.code());
            }
        }
    }
    let id = state.drafts.put(draft, state.now());
    Redirect::to(&format!("/khai-bao?draft={id}")).into_response()
}
