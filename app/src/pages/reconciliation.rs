//! Reconciliation: a commune's arrivals of a day, each with what ZonePass proposes from the
//! population registry, the facts that differ side by side, the doses declared beside those on
//! record, and a decision form per arrival. Every form is a plain post, so the page works without
//! JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::reconciliation_list;
use crate::components::{Loaded, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use contract::dto::{ReconciliationItem, ReconciliationList};
use domain::reconciliation::{Decision, Field, Proposal};

#[component]
pub fn ReconciliationPage() -> impl IntoView {
    let query = use_query_map();
    let unit = move || query.with(|q| q.get("don-vi").unwrap_or_default());
    let date = move || query.with(|q| q.get("ngay").unwrap_or_default());
    let list = Resource::new(move || (unit(), date()), |(u, d)| reconciliation_list(u, d));
    view! {
        <OfficialPage title=Text::ReconTitle forms=true>
            <p>{t(Text::ReconHelp)}</p>
            <form class="stack narrow" method="get" action="/doi-soat">
                <input type="hidden" name="don-vi" value=unit()/>
                <label for="recon-date">{t(Text::ListsDate)}</label>
                <input id="recon-date" name="ngay" type="date" value=date()/>
                <button type="submit" class="secondary">{t(Text::ListsShow)}</button>
            </form>
            <Loaded resource=list render=|(commune, day, list)| view! { <Worklist commune day list/> }/>
        </OfficialPage>
    }
}

fn proposal_word(proposal: Option<Proposal>) -> Text {
    match proposal {
        Some(Proposal::ResidentHere) => Text::ProposalResidentHere,
        Some(Proposal::RegisteredElsewhere) => Text::ProposalRegisteredElsewhere,
        Some(Proposal::Differs) => Text::ProposalDiffers,
        Some(Proposal::NotFound) | None => Text::ProposalNotFound,
    }
}

fn decision_word(decision: Decision) -> Text {
    match decision {
        Decision::Confirm => Text::DecisionConfirm,
        Decision::TemporaryStay => Text::DecisionTemporaryStay,
        Decision::CorrectDeclaration => Text::DecisionCorrectDeclaration,
        Decision::ProposeRegistryCorrection => Text::DecisionProposeRegistryCorrection,
    }
}

pub(crate) fn field_word(field: Option<Field>) -> Text {
    match field {
        Some(Field::FullName) => Text::FullName,
        Some(Field::BirthDate) => Text::BirthDate,
        Some(Field::Sex) => Text::Sex,
        Some(Field::ResidenceCommune) => Text::ReconResidenceCommune,
        Some(Field::Address) | None => Text::ResidenceAddress,
    }
}

#[component]
fn Worklist(commune: String, day: String, list: ReconciliationList) -> impl IntoView {
    let lists = format!("/danh-sach?don-vi={commune}&ngay={day}");
    let empty = list.items.is_empty();
    view! {
        <dl class="facts">
            <dt>{t(Text::ListsDate)}</dt><dd>{day.clone()}</dd>
            <dt>{t(Text::ReconDone)}</dt><dd id="recon-done">{list.done}</dd>
            <dt>{t(Text::ReconLeft)}</dt><dd id="recon-left">{list.left}</dd>
        </dl>
        <p><a href=lists>{t(Text::NavLists)}</a></p>
        {empty.then(|| view! { <p>{t(Text::ReconNobody)}</p> })}
        {list.items.into_iter().map(|item| arrival(item, &commune, &day)).collect_view()}
    }
}

fn arrival(item: ReconciliationItem, commune: &str, day: &str) -> impl IntoView {
    let id = item.arrival_id;
    let proposal = Proposal::parse(&item.proposal);
    let decided = item.decision.as_deref().and_then(Decision::parse);
    let (heading, labelled_by) = (format!("arrival-{id}"), format!("arrival-{id}"));
    let differences = (!item.differences.is_empty()).then(|| {
        let (caption, labelled_by) = (format!("differences-{id}"), format!("differences-{id}"));
        view! {
            <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
                <table>
                    <caption id=caption>{t(Text::ReconDifferences)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Text::ReconField)}</th>
                        <th scope="col">{t(Text::ReconDeclared)}</th>
                        <th scope="col">{t(Text::ReconRegistered)}</th>
                    </tr></thead>
                    <tbody>
                        {item.differences.iter().map(|d| view! {
                            <tr>
                                <th scope="row">{t(field_word(Field::parse(&d.field)))}</th>
                                <td>{d.declared.clone()}</td>
                                <td>{d.registered.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let declared_doses = item.declared_doses.map_or("–".to_owned(), |d| d.to_string());
    let doses_differ = item.declared_doses.is_some_and(|d| {
        domain::vaccination::differs(
            domain::Doses::try_from(d).unwrap_or_default(),
            domain::Doses::try_from(item.registered_doses).unwrap_or_default(),
        )
    });
    // What to correct: the facts that differ, filled with the registry's values; for someone the
    // registry lacks, the facts an entry would need.
    let mut fixable: Vec<(Field, String)> = item
        .differences
        .iter()
        .filter_map(|d| Some((Field::parse(&d.field)?, d.registered.clone())))
        .collect();
    if proposal == Some(Proposal::NotFound) {
        fixable = vec![
            (Field::FullName, item.full_name.clone()),
            (Field::BirthDate, String::new()),
            (Field::Address, String::new()),
        ];
    }
    let decisions: Vec<Decision> =
        Decision::ALL.into_iter().filter(|d| proposal.is_some_and(|p| d.fits(p))).collect();
    view! {
        <article class="card stack" aria-labelledby=labelled_by>
            <h2 id=heading>{item.full_name.clone()} " · " {item.document_number.clone()}</h2>
            <p class="proposal"><strong>{t(proposal_word(proposal))}</strong></p>
            {differences}
            <p>
                {t(Text::ReconDoses)} ": " {declared_doses} " / " {item.registered_doses}
                {doses_differ.then(|| view! { " " <strong class="flag">{t(Text::ReconDosesDiffer)}</strong> })}
            </p>
            {decided.map(|d| view! {
                <p class="notice ok" role="status">{t(Text::ReconDecided)} ": " {t(decision_word(d))}</p>
            })}
            <form method="post" action="/forms/reconciliation" class="stack">
                <input type="hidden" name="unit" value=commune.to_owned()/>
                <input type="hidden" name="date" value=day.to_owned()/>
                <input type="hidden" name="arrival" value=id.to_string()/>
                <fieldset>
                    <legend>{t(Text::ReconDecision)}</legend>
                    {decisions.into_iter().map(|d| {
                        let input = format!("decision-{id}-{}", d.as_str());
                        let label_for = input.clone();
                        view! {
                            <div class="choice">
                                <input type="radio" id=input name="decision" value=d.as_str()
                                    required checked=decided == Some(d)/>
                                <label for=label_for>{t(decision_word(d))}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                {(!fixable.is_empty()).then(|| view! {
                    <fieldset>
                        <legend>{t(Text::ReconCorrections)}</legend>
                        {fixable.into_iter().map(|(field, value)| {
                            let input = format!("fix-{id}-{}", field.as_str());
                            let label_for = input.clone();
                            view! {
                                <label for=label_for>{t(field_word(Some(field)))}</label>
                                <input id=input name=format!("fix_{}", field.as_str()) type="text" value=value/>
                            }
                        }).collect_view()}
                    </fieldset>
                })}
                <label for=format!("note-{id}")>{t(Text::ReconNote)}</label>
                <input id=format!("note-{id}") name="note" type="text" maxlength="500" value=item.note.clone()/>
                <button type="submit">{t(Text::ReconSave)}</button>
            </form>
        </article>
    }
}
