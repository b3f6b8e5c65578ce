use leptos::prelude::*;

use crate::api::{get_scope_overview, paper_batches};
use crate::components::{Loaded, OfficialPage, RequireAction};
use crate::i18n::t;
use crate::i18n::Text;
use crate::pages::paper::backlog_table;
use contract::dto::ScopeOverview;
use domain::Action;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_scope_overview());
    // Made with the page, never inside a section that waits: resources must be made in the same order
    // on the server and in the browser for the page to hydrate.
    let backlog = Resource::new(|| (), |_| paper_batches());
    view! {
        <OfficialPage title=Text::DashboardTitle>
            <Loaded resource=overview render/>
            <RequireAction action=Action::ViewUnit>
                <section aria-labelledby="paper-backlog">
                    <h2 id="paper-backlog">{t(Text::PaperBacklogTitle)}</h2>
                    <Loaded resource=backlog render=backlog_table/>
                </section>
            </RequireAction>
        </OfficialPage>
    }
}

fn render(overview: ScopeOverview) -> impl IntoView {
    match overview {
        ScopeOverview::Units { unit_code, unit_name, residents, children } => {
            let title =
                if unit_code.is_some() { unit_name } else { t(Text::WholeCountry).to_owned() };
            view! {
                <h2 id="scope-name">{title}</h2>
                <p>{t(Text::RegisteredResidents)} ": " <strong>{residents}</strong></p>
                <h3 id="units-below">{t(Text::UnitsBelow)}</h3>
                <div class="table-wrap" role="region" aria-labelledby="units-below" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{t(Text::Code)}</th>
                            <th scope="col">{t(Text::Unit)}</th>
                            <th scope="col" class="num">{t(Text::RegisteredResidents)}</th>
                        </tr></thead>
                        <tbody>
                            {children.into_iter().map(|c| view! {
                                <tr><td>{c.code}</td><td>{c.name}</td><td class="num">{c.residents}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        ScopeOverview::Checkpoint(cp) => view! {
            <h2>{t(Text::CheckpointLabel)} " " {cp.code.clone()}</h2>
            <dl class="facts">
                <dt>{t(Text::Name)}</dt><dd>{cp.name}</dd>
                <dt>{t(Text::Commune)}</dt><dd>{cp.unit_name}</dd>
                <dt>{t(Text::Road)}</dt><dd>{cp.road}</dd>
            </dl>
        }
        .into_any(),
        ScopeOverview::Administration { users, checkpoints } => view! {
            <h2>{t(Text::AdminSummary)}</h2>
            <dl class="facts">
                <dt>{t(Text::UsersCount)}</dt><dd>{users}</dd>
                <dt>{t(Text::CheckpointsCount)}</dt><dd>{checkpoints}</dd>
            </dl>
        }
        .into_any(),
    }
}
