//! One module per page, mirroring the routes.

pub mod account;
pub mod admin;
pub mod checkpoint_day;
pub mod corrections;
pub mod dashboard;
pub mod declare;
pub mod home;
pub mod lists;
pub mod login;
pub mod own_data;
pub mod paper;
pub mod pass;
pub mod reconciliation;
pub mod registry;
pub mod report;
pub mod scanner;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;
use crate::i18n::Text;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t(Text::NotFoundTitle)/>
        <h1>{t(Text::NotFoundTitle)}</h1>
        <p><a href="/">{t(Text::NavHome)}</a></p>
    }
}
