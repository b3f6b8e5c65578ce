//! ZonePass web application: pages and components rendered on the server and hydrated in the browser,
//! and the server functions they read through (with `ssr`, each one a thin adapter onto the backend).
#![cfg_attr(
    all(feature = "ssr", not(test)),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod kept_passes;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod web;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use i18n::Lang;

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    web::send_page_policy();
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b4f8a"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/apple-touch-icon.png"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language of this page: the server reads the remembered choice from the cookie and writes it into
/// `<html lang>`; the browser reads it back from there, so both render the same words.
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .map(|parts| web::lang(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::parse(&code))
            .unwrap_or_default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(current_lang());
    let me = Resource::new(|| (), |_| api::get_me());
    provide_context(me);

    view! {
        <Stylesheet id="leptos" href="/pkg/zonepass.css"/>
        <Title formatter=|page: String| format!("{page} · ZonePass")/>
        <Router>
            <components::Layout>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=pages::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=pages::dashboard::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/registry") view=pages::registry::RegistryPage ssr=SsrMode::Async/>
                    <Route path=path!("/doi-soat") view=pages::reconciliation::ReconciliationPage ssr=SsrMode::Async/>
                    <Route path=path!("/bao-cao") view=pages::report::ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/sua-du-lieu") view=pages::corrections::CorrectionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=pages::admin::UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/checkpoints") view=pages::admin::CheckpointsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=pages::admin::AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/areas") view=pages::admin::AreasPage ssr=SsrMode::Async/>
                    <Route path=path!("/pass/:key") view=pages::pass::PassPage ssr=SsrMode::Async/>
                    <Route path=path!("/khai-bao") view=pages::declare::DeclarePage ssr=SsrMode::Async/>
                    <Route path=path!("/du-lieu-cua-toi") view=pages::own_data::OwnDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/kiem-soat") view=pages::scanner::ScannerPage ssr=SsrMode::Async/>
                    <Route path=path!("/nhap-lieu") view=pages::paper::PaperPage ssr=SsrMode::Async/>
                    <Route path=path!("/nhap-lieu/in/:key") view=pages::paper::PaperPassPage ssr=SsrMode::Async/>
                    <Route path=path!("/danh-sach") view=pages::lists::ListsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kiem-soat/hom-nay") view=pages::checkpoint_day::CheckpointDayPage ssr=SsrMode::Async/>
                </Routes>
            </components::Layout>
        </Router>
    }
}
