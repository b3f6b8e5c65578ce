//! Registry corrections: what a commune's police proposed to correct in the population registry, the
//! registry's values beside the proposed ones and the evidence, for the commune chief to accept or
//! reject (plain form posts), and the accepted ones as the file for the national population database.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::registry_corrections;
use crate::components::{Loaded, OfficialPage, RequireAction};
use crate::i18n::t;
use crate::i18n::Text;
use crate::pages::reconciliation::field_word;
use contract::dto::CorrectionView;
use domain::reconciliation::{Field, Review};
use domain::Action;

#[component]
pub fn CorrectionsPage() -> impl IntoView {
    let query = use_query_map();
    let unit = move || query.with(|q| q.get("don-vi").unwrap_or_default());
    let corrections = Resource::new(unit, registry_corrections);
    view! {
        <OfficialPage title=Text::CorrTitle forms=true>
            <p>{t(Text::CorrHelp)}</p>
            <Loaded resource=corrections render=|(commune, rows)| view! { <Corrections commune rows/> }/>
        </OfficialPage>
    }
}

fn status_word(status: Option<Review>) -> Text {
    match status {
        Some(Review::Accepted) => Text::CorrAccepted,
        Some(Review::Rejected) => Text::CorrRejected,
        Some(Review::Proposed) | None => Text::CorrProposed,
    }
}

#[component]
fn Corrections(commune: String, rows: Vec<CorrectionView>) -> impl IntoView {
    let file = format!("/sua-du-lieu/tep?don-vi={commune}");
    let empty = rows.is_empty();
    view! {
        <p><a href=file download="">{t(Text::CorrDownload)}</a></p>
        {empty.then(|| view! { <p>{t(Text::CorrNone)}</p> })}
        {rows.into_iter().map(|c| correction(c, &commune)).collect_view()}
    }
}

fn correction(c: CorrectionView, commune: &str) -> impl IntoView {
    let id = c.id;
    let (heading, labelled_by) = (format!("correction-{id}"), format!("correction-{id}"));
    let (caption, table_label) =
        (format!("correction-facts-{id}"), format!("correction-facts-{id}"));
    let status = Review::parse(&c.status);
    let rows: Vec<(String, String, String)> = c
        .proposed
        .iter()
        .map(|(field, proposed)| {
            let registered = c.registered.get(field).cloned().unwrap_or_default();
            (t(field_word(Field::parse(field))).to_owned(), registered, proposed.clone())
        })
        .collect();
    let review = (status == Some(Review::Proposed)).then(|| {
        let commune = commune.to_owned();
        view! {
            <RequireAction action=Action::ReviewRegistryCorrection>
                <form class="inline" method="post" action="/forms/registry-corrections">
                    <input type="hidden" name="unit" value=commune.clone()/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="review" value="accept"/>
                    <button type="submit">{t(Text::CorrAccept)}</button>
                </form>
                <form class="inline" method="post" action="/forms/registry-corrections">
                    <input type="hidden" name="unit" value=commune.clone()/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="review" value="reject"/>
                    <button type="submit" class="secondary">{t(Text::CorrReject)}</button>
                </form>
            </RequireAction>
        }
    });
    view! {
        <article class="card stack" aria-labelledby=labelled_by>
            <h2 id=heading>{c.document_number.clone()}</h2>
            <p><strong>{t(status_word(status))}</strong>
                {c.reviewed_by.clone().map(|by| view! { " · " {by} })}</p>
            <div class="table-wrap" role="region" aria-labelledby=table_label tabindex="0">
                <table>
                    <caption id=caption>{t(Text::ReconDifferences)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Text::ReconField)}</th>
                        <th scope="col">{t(Text::ReconRegistered)}</th>
                        <th scope="col">{t(Text::CorrProposedValue)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(field, registered, proposed)| view! {
                            <tr><th scope="row">{field}</th><td>{registered}</td><td>{proposed}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p>{t(Text::CorrEvidence)} ": " {c.evidence.clone()} " · " {t(Text::CorrProposedBy)} ": " {c.proposed_by.clone()}</p>
            {review}
        </article>
    }
}
