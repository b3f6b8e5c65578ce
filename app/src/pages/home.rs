use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;
use crate::i18n::Text;

#[component]
pub fn HomePage() -> impl IntoView {
    // Filled only in the browser, after hydration: the server cannot know what this device keeps.
    let kept = RwSignal::new(Vec::<crate::kept_passes::KeptPass>::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            kept.set(
                crate::kept_passes::load().into_iter().filter(|p| p.expires_at > now).collect(),
            );
        }
    });
    let my_passes = move || {
        let list = kept.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card my-passes" aria-labelledby="my-passes">
                    <h2 id="my-passes">{t(Text::MyPasses)}</h2>
                    <ul>
                        {list.into_iter().map(|p| view! {
                            // A full page load, which the service worker answers from its copy when offline; the
                            // router's in-page navigation would need the server.
                            <li><a class="button" href=format!("/pass/{}", p.key) rel="external">{p.name}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        <Title text=t(Text::Tagline)/>
        <h1>{t(Text::HomeTitle)}</h1>
        <p class="lead">{t(Text::HomeIntro)}</p>
        {my_passes}
        <div class="cards">
            <section class="card" aria-labelledby="for-citizens">
                <h2 id="for-citizens">{t(Text::HomeCitizens)}</h2>
                <p>{t(Text::HomeCitizensText)}</p>
                <p><a class="button" href="/khai-bao">{t(Text::DeclareTitle)}</a></p>
                <p><a href="/du-lieu-cua-toi">{t(Text::MyDataTitle)}</a></p>
            </section>
            <section class="card" aria-labelledby="for-officials">
                <h2 id="for-officials">{t(Text::HomeOfficials)}</h2>
                <p>{t(Text::HomeOfficialsText)}</p>
                <p><a class="button" href="/login">{t(Text::NavLogin)}</a></p>
            </section>
        </div>
    }
}
