use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Text;
use crate::t;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=t(Text::Tagline)/>
        <h1>{t(Text::HomeTitle)}</h1>
        <p class="lead">{t(Text::HomeIntro)}</p>
        <div class="cards">
            <section class="card" aria-labelledby="for-citizens">
                <h2 id="for-citizens">{t(Text::HomeCitizens)}</h2>
                <p>{t(Text::HomeCitizensText)}</p>
                <p><a class="button" href="/khai-bao">{t(Text::DeclareTitle)}</a></p>
            </section>
            <section class="card" aria-labelledby="for-officials">
                <h2 id="for-officials">{t(Text::HomeOfficials)}</h2>
                <p>{t(Text::HomeOfficialsText)}</p>
                <p><a class="button" href="/login">{t(Text::NavLogin)}</a></p>
            </section>
        </div>
    }
}
