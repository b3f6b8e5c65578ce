use leptos::prelude::*;

use crate::components::{facts, MeResource, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    view! {
        <OfficialPage title=Text::AccountTitle forms=true>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    me.await.ok().flatten().map(|m| {
                        let scope = m.scope_name.unwrap_or_else(|| t(Text::WholeCountry).to_owned());
                        facts("facts", vec![
                            (Text::Username, m.username),
                            (Text::Role, t(Text::for_role(m.role)).to_owned()),
                            (Text::ScopeLabel, scope),
                        ])
                    })
                })}
            </Suspense>
            <h2>{t(Text::ChangePassword)}</h2>
            <form class="stack narrow" method="post" action="/forms/password">
                <label for="current">{t(Text::CurrentPassword)}</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <label for="new">{t(Text::NewPassword)}</label>
                <input id="new" name="new" type="password" autocomplete="new-password" required minlength="10" maxlength="128"/>
                <label for="repeat">{t(Text::RepeatPassword)}</label>
                <input id="repeat" name="repeat" type="password" autocomplete="new-password" required minlength="10" maxlength="128"/>
                <button type="submit">{t(Text::Save)}</button>
            </form>
        </OfficialPage>
    }
}
