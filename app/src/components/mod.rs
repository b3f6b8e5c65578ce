//! Pieces every page shares: the layout with navigation and language switch, notices after a form post,
//! and the gate that asks for a login.

pub mod declaration_fields;
pub mod field_checks;
pub mod listing;
pub mod place_picker;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{AppErrorDto, ErrorCode};
use crate::i18n::t;
use crate::i18n::{Lang, Text};
use contract::dto::Me;
use domain::Action;

pub type MeResource = Resource<Result<Option<Me>, AppErrorDto>>;

/// Facts about one thing, each a label and its value: a pass, a person, an account, a checkpoint.
pub fn facts(class: &'static str, items: Vec<(Text, String)>) -> impl IntoView {
    let items =
        items.into_iter().map(|(label, value)| view! { <dt>{t(label)}</dt><dd>{value}</dd> });
    view! { <dl class=class>{items.collect_view()}</dl> }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_context::<Lang>().unwrap_or_default();
    let location = use_location();
    let switch_href = move || {
        let search = location.search.get();
        let back = if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        };
        format!("/lang?to={}&back={}", lang.other().code(), urlencode(&back))
    };
    view! {
        <a class="skip" href="#main">{t(Text::SkipToContent)}</a>
        <header class="top">
            <a class="brand" href="/">{t(Text::AppName)}</a>
            <span class="tagline">{t(Text::Tagline)}</span>
            <a class="lang" href=switch_href rel="external" lang=lang.other().code() hreflang=lang.other().code()>
                {lang.other().name()}
            </a>
        </header>
        <Nav/>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="foot">
            <p>{t(Text::HomePrivacy)}</p>
        </footer>
    }
}

/// An official's menu: each page with the action it is for; `can` decides whom it is offered to. The
/// dashboard and the account are every official's.
const MENU: [(&str, Text, Option<Action>); 14] = [
    ("/kiem-soat", Text::NavScanner, Some(Action::ScanPass)),
    ("/nhap-lieu", Text::NavPaper, Some(Action::EnterPaperDeclaration)),
    ("/dashboard", Text::NavDashboard, None),
    ("/danh-sach", Text::NavLists, Some(Action::ViewUnit)),
    ("/registry", Text::NavRegistry, Some(Action::ReadPersonalData)),
    ("/doi-soat", Text::NavReconciliation, Some(Action::ReconcileArrival)),
    ("/bao-cao", Text::NavReport, Some(Action::ReadReports)),
    ("/sua-du-lieu", Text::NavCorrections, Some(Action::ReviewRegistryCorrection)),
    ("/kiem-soat/hom-nay", Text::NavCheckpointDay, Some(Action::ReadCrossings)),
    ("/admin/users", Text::NavAdminUsers, Some(Action::ManageUsers)),
    ("/admin/checkpoints", Text::NavAdminCheckpoints, Some(Action::ManageCheckpoints)),
    ("/admin/areas", Text::NavAdminAreas, Some(Action::ManageAreas)),
    ("/admin/audit", Text::NavAdminAudit, Some(Action::ReadAudit)),
    ("/account", Text::NavAccount, None),
];

#[component]
fn Nav() -> impl IntoView {
    let me = expect_context::<MeResource>();
    view! {
        <nav aria-label=t(Text::NavMain)>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let me = me.await.ok().flatten();
                    let links: Vec<(&'static str, Text)> = match &me {
                        None => vec![("/", Text::NavHome), ("/login", Text::NavLogin)],
                        Some(me) => MENU
                            .iter()
                            .filter(|(_, _, needs)| needs.is_none_or(|action| me.may(action)))
                            .map(|(href, text, _)| (*href, *text))
                            .collect(),
                    };
                    view! {
                        <ul>
                            {links.into_iter().map(|(href, text)| view! { <li><a href=href>{t(text)}</a></li> }).collect_view()}
                        </ul>
                        {me.map(|m| view! {
                            <form class="logout" method="post" action="/forms/logout">
                                <span class="who">{t(Text::LoggedInAs)} " " <strong>{m.username}</strong></span>
                                <button type="submit">{t(Text::NavLogout)}</button>
                            </form>
                        })}
                    }
                })}
            </Suspense>
        </nav>
    }
}

/// The outcome of the last form post, carried in the query string so it shows with JavaScript off too.
#[component]
pub fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query.with(|q| {
            if let Some(code) = q.get("error").and_then(|c| ErrorCode::parse(&c)) {
                Some(
                    view! { <p class="notice error" role="alert">{t(Text::for_error(code))}</p> }
                        .into_any(),
                )
            } else {
                q.get("ok").map(|ok| {
                    let text = match ok.as_str() {
                        "password" => Text::PasswordChanged,
                        "logged_out" => Text::LoggedOut,
                        "created" => Text::PaperCreated,
                        "linked" => Text::PaperLinked,
                        "kept" => Text::PaperKept,
                        "already_typed" => Text::PaperAlreadyTyped,
                        "forwarded" => Text::ListForwardedNotice,
                        "acknowledged" => Text::ListAcknowledgedNotice,
                        "decided" => Text::ReconDecidedNotice,
                        "approved" => Text::ReportApprovedNotice,
                        "reviewed" => Text::CorrReviewedNotice,
                        _ => Text::Saved,
                    };
                    view! { <p class="notice ok" role="status">{t(text)}</p> }.into_any()
                })
            }
        })
    }
}

/// Shows `children` to a logged-in official and a login link to anybody else.
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let me = expect_context::<MeResource>();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(_)) => children.with_value(|c| c()).into_any(),
                    _ => view! {
                        <p>{t(Text::PleaseLogIn)}</p>
                        <p><a href="/login">{t(Text::NavLogin)}</a></p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shows `children` only to an official whom `can` allows `action` within their own scope.
#[component]
pub fn RequireAction(action: Action, children: ChildrenFn) -> impl IntoView {
    let me = expect_context::<MeResource>();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let allowed = me.await.ok().flatten().is_some_and(|m| m.may(action));
                allowed.then(|| children.with_value(|c| c()))
            })}
        </Suspense>
    }
}

/// The frame of an official's page: its heading (also the tab's title), the outcome of the last form post
/// where the page has forms, and the login gate around its content.
#[component]
pub fn OfficialPage(
    title: Text,
    /// The page has forms whose outcome comes back in the query string.
    #[prop(optional)]
    forms: bool,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Title text=t(title)/>
        <h1>{t(title)}</h1>
        {forms.then(|| view! { <Notice/> })}
        <RequireLogin>{children()}</RequireLogin>
    }
}

/// A server function's answer once it has arrived: shown by `render`, or its error in the reader's language.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppErrorDto>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(value) => render(value).into_any(),
                    Err(e) => view! { <ErrorText error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shows an error code from a server function in the reader's language.
#[component]
pub fn ErrorText(error: AppErrorDto) -> impl IntoView {
    view! { <p class="notice error" role="alert">{t(Text::for_error(error.code))}</p> }
}

pub fn urlencode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Doses as declared beside those on record, a difference said in words (not by colour alone).
pub fn doses_text(declared: Option<u8>, registered: u8, differ: bool) -> String {
    let declared = declared.map_or_else(|| "–".to_owned(), |d| d.to_string());
    let text =
        format!("{declared} {} · {registered} {}", t(Text::DosesDeclared), t(Text::DosesOnRecord));
    if differ {
        format!("{text} ({})", t(Text::DosesDiffer))
    } else {
        text
    }
}
