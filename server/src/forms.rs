//! Plain HTML form posts: each one calls a use case and redirects back (post/redirect/get) with the
//! outcome in the query string, so every form works the same with JavaScript off.

use axum::extract::{DefaultBodyLimit, FromRef, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use std::future::Future;

use axum::http::Method;
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use app::i18n::Lang;
use app::web;
use backend::accounts::{self, SessionKind};
use backend::admin::{self, NewCheckpointInput, NewUserInput};
use backend::areas::{self, NewAreaInput};
use backend::paper::{self, Choice, Entered};
use backend::{
    crossings, daily_lists, declarations, own_data, scanning, AppError, AppState, Official,
};
use contract::dto::{DecisionInput, DeclarationDraft, OwnDataQuery, PaperDraft};
use contract::error::ErrorCode;
use domain::holder::HolderKey;

use crate::entry::{self, EntryPoint};
use crate::extract::{Caller, ClientIp};
use crate::list_export::{self, Format};
use crate::rest::error::ApiError;

pub fn routes<S>() -> Router<S>
where
    AppState: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    // A declaration form is a few kilobytes; nothing larger is read, let alone kept as a draft.
    entry::router(served()).layer(DefaultBodyLimit::max(FORM_LIMIT))
}

/// Every form post (and the language link).
fn served<S>() -> Vec<EntryPoint<S>>
where
    AppState: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    vec![
        EntryPoint::post("/forms/login", login),
        EntryPoint::post("/forms/logout", logout),
        EntryPoint::post("/forms/password", change_password),
        change("/forms/users", "/admin/users", |state, by, input: NewUserInput| async move {
            admin::create_user(&state, &by, input).await.map(drop)
        }),
        change("/forms/users/active", "/admin/users", |state, by, f: UserActiveForm| async move {
            admin::set_user_active(&state, &by, f.user_id, f.active == 1).await
        }),
        change(
            "/forms/checkpoints",
            "/admin/checkpoints",
            |state, by, input: NewCheckpointInput| async move {
                admin::create_checkpoint(&state, &by, input).await
            },
        ),
        change(
            "/forms/checkpoints/active",
            "/admin/checkpoints",
            |state, by, f: CheckpointActiveForm| async move {
                admin::set_checkpoint_active(&state, &by, &f.code, f.active == 1).await
            },
        ),
        EntryPoint::post("/forms/declare", declare),
        EntryPoint::post("/forms/pass/cancel", cancel_pass),
        EntryPoint::post("/forms/my-data", ask_own_data),
        EntryPoint::post("/forms/scan", scan),
        change("/forms/crossing", "/kiem-soat", |state, officer, f: CrossingForm| async move {
            crossings::record_scan(&state, &officer, &f.scan, f.outcome == "confirm").await
        }),
        EntryPoint::post("/forms/card", check_card),
        change("/forms/areas", "/admin/areas", |state, by, input: NewAreaInput| async move {
            areas::declare_area(&state, &by, input).await.map(drop)
        }),
        change("/forms/areas/end", "/admin/areas", |state, by, f: EndAreaForm| async move {
            areas::end_area(&state, &by, f.id).await
        }),
        EntryPoint::post("/forms/rules", set_rules),
        EntryPoint::post("/forms/paper", enter_paper),
        change("/forms/paper/count", PAPER, |state, by, f: CountForm| async move {
            let collected = f.collected.trim().parse().unwrap_or(-1);
            paper::set_collected(&state, &by, &f.day, collected).await
        }),
        EntryPoint::get("/nhap-lieu/mau.csv", paper_template),
        EntryPoint::post("/forms/paper/import", import_paper)
            .with(DefaultBodyLimit::max(crate::rest::PAPER_FORMS_LIMIT)),
        EntryPoint::post("/forms/lists/forward", forward_list),
        EntryPoint::post("/forms/lists/acknowledge", acknowledge_list),
        EntryPoint::get("/danh-sach/tep", list_file),
        EntryPoint::post("/forms/reconciliation", reconcile),
        EntryPoint::post("/forms/reports/approve", approve_report),
        EntryPoint::post("/forms/registry-corrections", review_correction),
        EntryPoint::get("/sua-du-lieu/tep", corrections_file),
        EntryPoint::get("/bao-cao/tep", report_file),
        EntryPoint::get("/lang", switch_language),
    ]
}

/// What the form posts serve, as `(method, path)`: the authorisation matrix's rows.
pub fn entry_points() -> Vec<(Method, &'static str)> {
    entry::listed(&served::<AppState>())
}

const FORM_LIMIT: usize = 32 * 1024;

/// A form post that changes something as the official behind it, then goes back to `path` with the
/// outcome: what every administrator's and officer's form does, written once.
fn change<S, I, F, Fut>(form: &'static str, path: &'static str, run: F) -> EntryPoint<S>
where
    AppState: FromRef<S>,
    S: Clone + Send + Sync + 'static,
    I: DeserializeOwned + Send + 'static,
    F: Fn(AppState, Official, I) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), AppError>> + Send + 'static,
{
    EntryPoint::post(
        form,
        move |State(state): State<AppState>,
              caller: Result<Caller, ApiError>,
              Form(input): Form<I>| async move {
            let outcome = match signed_in(caller) {
                Ok(official) => run(state, official, input).await,
                Err(e) => Err(e),
            };
            back(path, outcome.map(|()| "saved"))
        },
    )
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
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    match accounts::login(&state, ip, &form.username, &form.password, SessionKind::Browser).await {
        Ok(session) => {
            let max_age = session.expires_at - state.now();
            let jar =
                jar.add(web::session_cookie(&session.token, max_age, state.config.secure_cookies));
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
    (jar.add(web::expired_session_cookie()), Redirect::to("/login?ok=logged_out")).into_response()
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new: String,
    repeat: String,
}

async fn change_password(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Response {
    let result = async {
        let official = signed_in(caller)?;
        let token = web::session_token(&headers).ok_or(AppError::Unauthenticated)?;
        accounts::change_password(&state, &official, &token, &form.current, &form.new, &form.repeat)
            .await
    }
    .await;
    back("/account", result.map(|()| "password"))
}

/// The official behind a form post, or the reason there is none, to show on the page posted from.
fn signed_in(caller: Result<Caller, ApiError>) -> Result<Official, AppError> {
    Ok(caller?.0)
}

#[derive(Deserialize)]
struct UserActiveForm {
    user_id: i64,
    active: u8,
}

#[derive(Deserialize)]
struct CheckpointActiveForm {
    code: String,
    active: u8,
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
    caller: Result<Caller, ApiError>,
    Form(form): Form<ScanForm>,
) -> Response {
    let kept = async {
        let officer = signed_in(caller)?;
        let scan = scanning::scan_text(&state, &officer, &form.code, &form.direction).await?;
        scanning::keep_scan(&state, &scan).await
    };
    show_scan(kept.await)
}

/// Back to the checkpoint screen, showing the scan kept under this id, or what went wrong.
fn show_scan(kept: Result<String, AppError>) -> Response {
    match kept {
        Ok(id) => Redirect::to(&format!("/kiem-soat?scan={id}")).into_response(),
        Err(e) => back("/kiem-soat", Err(e)),
    }
}

#[derive(Deserialize)]
struct CrossingForm {
    scan: String,
    /// `confirm` when the ID card matches the pass, `mismatch` when it does not.
    outcome: String,
}

#[derive(Deserialize)]
struct CardForm {
    scan: String,
    card: String,
}

/// The ID card's QR scanned next to a pass: compared field by field and shown with the verdict.
async fn check_card(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Form(form): Form<CardForm>,
) -> Response {
    let checked = async {
        let officer = signed_in(caller)?;
        scanning::check_card(&state, &officer, &form.scan, &form.card).await
    };
    show_scan(checked.await)
}

#[derive(Deserialize)]
struct EndAreaForm {
    id: i64,
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
    caller: Result<Caller, ApiError>,
    Form(f): Form<RulesForm>,
) -> Response {
    let back_to = format!("/admin/areas?province={}", urlencode_code(&f.province));
    let outcome = match signed_in(caller) {
        Ok(by) => {
            let actions = [&f.outside, &f.level_1, &f.level_2, &f.level_3, &f.level_4];
            areas::set_rules(&state, &by, &f.province, actions.map(String::as_str)).await
        }
        Err(e) => Err(e),
    };
    back(&back_to, outcome.map(|()| "saved"))
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

async fn declare(State(state): State<AppState>, ClientIp(ip): ClientIp, body: String) -> Response {
    let Ok((mut draft, round)) = DeclarationDraft::from_form(&body) else {
        return back("/khai-bao", Err(AppError::Validation(ErrorCode::BadRequest)));
    };
    let pick = round.pick;
    let round = round.refresh.is_some() || pick.is_some();
    if let Some((place, province, commune)) = pick.as_deref().and_then(|p| picked(&state, p)) {
        draft.choose(place, province, commune);
    }
    if !round {
        match declarations::declare(&state, ip, &draft.input, None, draft.replaces.as_deref()).await
        {
            Ok(issued) => return Redirect::to(&issued.holder_key.page()).into_response(),
            Err(AppError::InvalidDeclaration(errors)) => draft.errors = errors,
            Err(e) => {
                e.log();
                draft.error = Some(e.code());
            }
        }
    }
    match declarations::keep_draft(&state, ip, &draft).await {
        Ok(id) => Redirect::to(&format!("/khai-bao?draft={id}")).into_response(),
        Err(e) => back("/khai-bao", Err(e)),
    }
}

/// The "my data" page.
const MY_DATA: &str = "/du-lieu-cua-toi";

/// A citizen's question about their own data: answered on the page, under the id it is kept with.
async fn ask_own_data(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(query): Form<OwnDataQuery>,
) -> Response {
    match own_data::keep_question(&state, ip, &query).await {
        Ok(id) => Redirect::to(&format!("{MY_DATA}?ket-qua={id}")).into_response(),
        Err(e) => back(MY_DATA, Err(e)),
    }
}

#[derive(Deserialize)]
struct CancelPassForm {
    key: String,
}

/// The holder's "cancel this pass" button: back to the pass page, which then says the pass is cancelled.
async fn cancel_pass(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(form): Form<CancelPassForm>,
) -> Response {
    let page = HolderKey::parse(&form.key).map_or_else(|_| "/".to_owned(), |k| k.page());
    let outcome = declarations::cancel(&state, ip, &form.key).await;
    back(&page, outcome.map(|()| "cancelled"))
}

/// The paper-entry screen.
const PAPER: &str = "/nhap-lieu";

#[derive(Deserialize)]
struct CountForm {
    #[serde(default)]
    day: String,
    collected: String,
}

/// What the paper form carries besides the declaration: its serial, the day it was collected, and the
/// button pressed (`save`, `illegible`, `link:ID`, `separate` with its reason).
#[derive(Deserialize, Default)]
#[serde(default)]
struct PaperRound {
    form_number: String,
    collected_on: String,
    choice: String,
    reason: String,
}

/// A typed paper form: stored, linked, kept for checking, or back to the screen with what was found or
/// what to fix, every answer kept.
async fn enter_paper(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    body: String,
) -> Response {
    let officer = match signed_in(caller) {
        Ok(officer) => officer,
        Err(e) => return back(PAPER, Err(e)),
    };
    let decoded = serde_html_form::from_str::<PaperRound>(&body)
        .and_then(|round| Ok((round, serde_html_form::from_str(&body)?)));
    let Ok((round, input)) = decoded else {
        return back(PAPER, Err(AppError::Validation(ErrorCode::BadRequest)));
    };
    // At the checkpoint, the paper in hand was collected today unless the officer says otherwise.
    let collected_on = if round.collected_on.trim().is_empty() {
        backend::local_time::today(state.now()).to_string()
    } else {
        round.collected_on
    };
    let typed = domain::paper::TypedForm { form_number: round.form_number, collected_on, input };
    let choice = match round.choice.as_str() {
        "illegible" => Choice::Illegible,
        "separate" => Choice::Separate(round.reason),
        other => match other.strip_prefix("link:").map(str::parse) {
            Some(Ok(id)) => Choice::Link(id),
            _ => Choice::Check,
        },
    };
    let mut draft = PaperDraft { typed: typed.clone(), ..PaperDraft::default() };
    match paper::enter(&state, &officer, &typed, choice).await {
        Ok(Entered::Created(issued)) => {
            return Redirect::to(&format!("{PAPER}?ok=created&pass={}", issued.holder_key))
                .into_response()
        }
        Ok(Entered::Linked(_)) => return back(PAPER, Ok("linked")),
        Ok(Entered::Kept) => return back(PAPER, Ok("kept")),
        Ok(Entered::AlreadyTyped) => return back(PAPER, Ok("already_typed")),
        Ok(Entered::Found(found)) => draft.found = found,
        Ok(Entered::Unclear(choices)) => draft.choices = choices,
        Err(AppError::InvalidPaperForm(problems)) => draft.problems = problems,
        Err(e @ (AppError::Forbidden | AppError::Unauthenticated)) => return back(PAPER, Err(e)),
        Err(e) => {
            e.log();
            draft.error = Some(e.code());
        }
    }
    match paper::keep_draft(&state, &officer, draft).await {
        Ok(id) => Redirect::to(&format!("{PAPER}?draft={id}")).into_response(),
        Err(e) => back(PAPER, Err(e)),
    }
}

/// Rejected rows an upload's report shows on the screen; the count says how many there were in all.
const REJECTED_SHOWN: usize = 100;

/// A file of paper forms uploaded from the screen (without JavaScript, or with it, which shows the
/// upload's progress): imported for the officer's checkpoint, its report shown on the screen.
async fn import_paper(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let officer = match signed_in(caller).and_then(|o| paper::own_post(&o).map(|cp| (o, cp))) {
        Ok(officer) => officer,
        Err(e) => return back(PAPER, Err(e)),
    };
    let (officer, checkpoint) = officer;
    let Ok(mut multipart) = multipart else {
        return back(PAPER, Err(AppError::Validation(ErrorCode::BadRequest)));
    };
    let (mut file, mut on_error) = (None, paper::OnError::Skip);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("file") => file = field.bytes().await.ok(),
                Some("on_error") => {
                    let raw = field.text().await.unwrap_or_default();
                    on_error = paper::OnError::parse(&raw).unwrap_or(paper::OnError::Skip);
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back(PAPER, Err(AppError::Validation(ErrorCode::BadRequest))),
        }
    }
    let Some(file) = file else {
        return back(PAPER, Err(AppError::Validation(ErrorCode::BadRequest)));
    };
    let imported =
        paper::import_csv(&state, &officer, checkpoint.as_str(), &file, on_error, &|_, _| {}).await;
    let mut imported = match imported {
        Ok(imported) => imported,
        Err(e) => return back(PAPER, Err(e)),
    };
    let rejected_total = imported.report.rejected.len() as u64;
    imported.report.rejected.truncate(REJECTED_SHOWN);
    let outcome = contract::dto::ImportOutcome {
        report: imported.report,
        refused: imported.refused,
        rejected_total,
    };
    let draft = PaperDraft { import: Some(outcome), ..PaperDraft::default() };
    match paper::keep_draft(&state, &officer, draft).await {
        Ok(id) => Redirect::to(&format!("{PAPER}?draft={id}")).into_response(),
        Err(e) => back(PAPER, Err(e)),
    }
}

/// The import file's template: the header and one example row, to fill in a spreadsheet.
/// A hand-over button of the lists page: which unit's list of which day, which part, and the unit whose
/// page the button was on.
#[derive(Deserialize)]
struct ListStepForm {
    unit: String,
    date: String,
    part: String,
    #[serde(default)]
    back: String,
}

async fn list_step(
    state: AppState,
    caller: Result<Caller, ApiError>,
    form: ListStepForm,
    forward: bool,
) -> Response {
    let outcome = async {
        let official = signed_in(caller)?;
        let unit = daily_lists::unit_named(&form.unit)?.ok_or(AppError::NotFound)?;
        let day = daily_lists::day_named(&state, &form.date)?;
        let part = daily_lists::part_named(Some(&form.part))?;
        if forward {
            daily_lists::forward(&state, &official, &unit, day, part).await.map(|_| "forwarded")
        } else {
            daily_lists::acknowledge(&state, &official, &unit, day, part)
                .await
                .map(|_| "acknowledged")
        }
    }
    .await;
    back(&unit_page("/danh-sach", &form.back, Some(&form.date)), outcome)
}

async fn forward_list(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Form(form): Form<ListStepForm>,
) -> Response {
    list_step(state, caller, form, true).await
}

async fn acknowledge_list(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Form(form): Form<ListStepForm>,
) -> Response {
    list_step(state, caller, form, false).await
}

/// A decision about an arrival, from the reconciliation page: the corrected facts come as `fix_FIELD`
/// inputs, and count only with a decision that corrects (the page shows them with every decision).
#[derive(Deserialize)]
struct DecisionForm {
    unit: String,
    date: String,
    arrival: i64,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    fix_full_name: String,
    #[serde(default)]
    fix_birth_date: String,
    #[serde(default)]
    fix_sex: String,
    #[serde(default)]
    fix_residence_commune: String,
    #[serde(default)]
    fix_address: String,
}

async fn reconcile(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Form(form): Form<DecisionForm>,
) -> Response {
    use domain::reconciliation::{Decision, Field};
    let outcome = async {
        let official = signed_in(caller)?;
        let unit = daily_lists::unit_named(&form.unit)?.ok_or(AppError::NotFound)?;
        let corrects = Decision::parse(&form.decision).is_some_and(Decision::corrects);
        let typed = [
            (Field::FullName, &form.fix_full_name),
            (Field::BirthDate, &form.fix_birth_date),
            (Field::Sex, &form.fix_sex),
            (Field::ResidenceCommune, &form.fix_residence_commune),
            (Field::Address, &form.fix_address),
        ];
        let corrections = typed
            .into_iter()
            .filter(|(_, value)| corrects && !value.trim().is_empty())
            .map(|(field, value)| (field.as_str().to_owned(), value.clone()))
            .collect();
        let input =
            DecisionInput { decision: form.decision.clone(), note: form.note.clone(), corrections };
        backend::reconciliation::decide(&state, &official, &unit, form.arrival, &input)
            .await
            .map(|()| "decided")
    }
    .await;
    back(&unit_page("/doi-soat", &form.unit, Some(&form.date)), outcome)
}

/// A unit's page of a day to go back to after a form: the unit and the day as posted, kept only if
/// they are a unit code and a date's characters, so a post cannot send the browser anywhere else.
fn unit_page(page: &str, unit: &str, date: Option<&str>) -> String {
    let unit = daily_lists::unit_named(unit).ok().flatten().map(|u| u.to_string());
    let mut to = format!("{page}?don-vi={}", unit.unwrap_or_default());
    if let Some(date) = date {
        let date: String =
            date.chars().filter(|c| c.is_ascii_digit() || *c == '-').take(10).collect();
        to.push_str(&format!("&ngay={date}"));
    }
    to
}

/// Where a corrections form goes back to: the corrections page of a commune named by its code.

#[derive(Deserialize)]
struct ReviewForm {
    unit: String,
    id: i64,
    review: String,
}

async fn review_correction(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Form(form): Form<ReviewForm>,
) -> Response {
    let outcome = async {
        let official = signed_in(caller)?;
        let unit = daily_lists::unit_named(&form.unit)?.ok_or(AppError::NotFound)?;
        backend::reconciliation::review(&state, &official, &unit, form.id, &form.review)
            .await
            .map(|_| "reviewed")
    }
    .await;
    back(&unit_page("/sua-du-lieu", &form.unit, None), outcome)
}

#[derive(Deserialize)]
struct CorrectionsFileQuery {
    #[serde(rename = "don-vi", default)]
    unit: String,
}

/// The accepted corrections of a commune as the file for the national population database.
async fn corrections_file(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Query(q): Query<CorrectionsFileQuery>,
) -> Response {
    let file = async {
        let official = signed_in(caller)?;
        let unit = daily_lists::unit_named(&q.unit)?
            .or_else(|| daily_lists::home_unit(&official))
            .ok_or(AppError::NotFound)?;
        let accepted = Some(domain::reconciliation::Review::Accepted);
        let rows = backend::reconciliation::corrections(&state, &official, &unit, accepted).await?;
        crate::correction_export::csv(&unit, &rows)
    }
    .await;
    file.unwrap_or_else(|e| back(&unit_page("/sua-du-lieu", &q.unit, None), Err(e)))
}

#[derive(Deserialize)]
struct ReportForm {
    unit: String,
    date: String,
}

async fn approve_report(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Form(form): Form<ReportForm>,
) -> Response {
    let outcome = async {
        let official = signed_in(caller)?;
        let unit = daily_lists::unit_named(&form.unit)?.ok_or(AppError::NotFound)?;
        let day = daily_lists::day_named(&state, &form.date)?;
        backend::reports::approve(&state, &official, &unit, day).await.map(|_| "approved")
    }
    .await;
    back(&unit_page("/bao-cao", &form.unit, Some(&form.date)), outcome)
}

/// A report as CSV or XLSX, for the report page's download links; a refusal goes back to the page.
async fn report_file(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Query(q): Query<ListFileQuery>,
) -> Response {
    let file = async {
        let official = signed_in(caller)?;
        let format = Format::parse(&q.format).ok_or(AppError::Validation(ErrorCode::BadRequest))?;
        let unit = daily_lists::unit_named(&q.unit)?.ok_or(AppError::NotFound)?;
        let day = daily_lists::day_named(&state, &q.date)?;
        let report = backend::reports::report(&state, &official, &unit, day).await?;
        crate::report_export::download(&report, format)
    }
    .await;
    file.unwrap_or_else(|e| back(&unit_page("/bao-cao", &q.unit, Some(&q.date)), Err(e)))
}

#[derive(Deserialize)]
struct ListFileQuery {
    #[serde(rename = "don-vi", default)]
    unit: String,
    #[serde(rename = "ngay", default)]
    date: String,
    #[serde(rename = "dang", default)]
    format: String,
}

/// A list's people as CSV or XLSX, for the lists page's download links; a refusal goes back to the
/// page with the reason.
async fn list_file(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Query(q): Query<ListFileQuery>,
) -> Response {
    let file = async {
        let official = signed_in(caller)?;
        let format = Format::parse(&q.format).ok_or(AppError::Validation(ErrorCode::BadRequest))?;
        let unit = daily_lists::unit_named(&q.unit)?.ok_or(AppError::NotFound)?;
        let day = daily_lists::day_named(&state, &q.date)?;
        let list = daily_lists::list(&state, &official, Some(&unit), day).await?;
        list_export::download(&list, format)
    }
    .await;
    file.unwrap_or_else(|e| back(&unit_page("/danh-sach", &q.unit, Some(&q.date)), Err(e)))
}

async fn paper_template() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"zonepass-phieu-giay.csv\"",
            ),
        ],
        paper::template(),
    )
        .into_response()
}
