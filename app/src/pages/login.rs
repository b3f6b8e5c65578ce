use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::Notice;
use crate::i18n::t;
use crate::i18n::Text;

/// A plain form posted to `/forms/login`, so it works the same with JavaScript off.
#[component]
pub fn LoginPage() -> impl IntoView {
    view! {
        <Title text=t(Text::LoginTitle)/>
        <h1>{t(Text::LoginTitle)}</h1>
        <Notice/>
        <form class="stack narrow" method="post" action="/forms/login">
            <label for="username">{t(Text::Username)}</label>
            <input id="username" name="username" type="text" autocomplete="username" required
                autocapitalize="none" spellcheck="false" maxlength="40"/>
            <label for="password">{t(Text::Password)}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128"/>
            <button type="submit">{t(Text::LoginButton)}</button>
        </form>
    }
}
