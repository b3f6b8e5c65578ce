use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::look_up_person;
use crate::components::{facts, ErrorText, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use contract::dto::PersonView;

/// Look-up by document number: a GET form, so it works without JavaScript and the result has a URL.
#[component]
pub fn RegistryPage() -> impl IntoView {
    let query = use_query_map();
    let number = move || query.with(|q| q.get("number").unwrap_or_default());
    let person = Resource::new(number, |n| async move {
        if n.trim().is_empty() {
            None
        } else {
            Some(look_up_person(n).await)
        }
    });
    view! {
        <OfficialPage title=Text::RegistryTitle>
            <p>{t(Text::RegistryHelp)}</p>
            <form class="stack narrow" method="get" action="/registry">
                <label for="number">{t(Text::DocumentNumber)}</label>
                <input id="number" name="number" type="text" inputmode="numeric" pattern="[0-9]{9}|[0-9]{12}"
                    maxlength="12" required value=number/>
                <button type="submit">{t(Text::Search)}</button>
            </form>
            <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match person.await {
                        None => ().into_any(),
                        Some(Ok(p)) => render(p).into_any(),
                        Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </OfficialPage>
    }
}

fn render(p: PersonView) -> impl IntoView {
    let sex = match p.sex {
        domain::Sex::Male => Text::Male,
        domain::Sex::Female => Text::Female,
    };
    view! {
        <section class="card" aria-labelledby="person-name">
            <h2 id="person-name">{p.full_name}</h2>
            {facts("facts", vec![
                (Text::DocumentNumber, p.document_number),
                (Text::BirthDate, p.birth_date),
                (Text::Sex, t(sex).to_owned()),
                (Text::Residence, p.residence),
            ])}
        </section>
    }
}
