//! Choosing a commune: a search by name (with or without diacritics), or province then commune. Used by
//! every form that names a place, so the citizen's declaration and the officers' screens pick alike.

use leptos::prelude::*;

use super::field_checks::{focus, Checks};
use crate::api::{list_communes, search_communes};
use crate::i18n::{t, Text};
use contract::dto::{CommuneGroup, CommuneMatch, DeclarationDraft, UnitOption};
use domain::declaration::Field;

/// A place's province and search, and the communes and matches loaded for them. Made at the page's top,
/// not inside its Suspense: a resource born inside a Suspense's children can leave the server's
/// rendering waiting for ever (leptos-rs/leptos#4866). Until the person chooses, the draft's values hold.
#[derive(Clone, Copy)]
pub struct Place {
    province: RwSignal<Option<String>>,
    search: RwSignal<Option<String>>,
    communes: Resource<Vec<CommuneGroup>>,
    matches: Resource<Option<Vec<CommuneMatch>>>,
}

impl Place {
    /// The picker of one of the draft's places (`residence`, `origin`, `destination`).
    pub fn new(draft: Resource<Option<DeclarationDraft>>, kind: &'static str) -> Place {
        let province = RwSignal::new(None::<String>);
        let search = RwSignal::new(None::<String>);
        // Read with try_: a resource's source can run on another thread after the page that made it is
        // gone, and reading a disposed signal there panicked mid-render (seen once under load).
        let communes = Resource::new(
            move || province.try_get().flatten(),
            move |chosen| async move {
                match chosen_or_drafted(chosen, draft, kind, Part::Province).await {
                    code if code.is_empty() => Vec::new(),
                    code => list_communes(code).await.unwrap_or_default(),
                }
            },
        );
        let matches = Resource::new(
            move || search.try_get().flatten(),
            move |typed| async move {
                match chosen_or_drafted(typed, draft, kind, Part::Search).await {
                    query if query.trim().is_empty() => None,
                    query => Some(search_communes(query).await.unwrap_or_default()),
                }
            },
        );
        Place { province, search, communes, matches }
    }
}

enum Part {
    Province,
    Search,
}

/// What the person chose, or until they choose, the draft's answer for this place. The draft is awaited
/// here, in the fetch, not read in a resource's source: a source that read it before it had loaded
/// fetched with an empty answer first, and the server could render the page with that (a commune list
/// with nothing to send) before the refetch for the draft's answer began.
async fn chosen_or_drafted(
    chosen: Option<String>,
    draft: Resource<Option<DeclarationDraft>>,
    kind: &str,
    part: Part,
) -> String {
    if let Some(chosen) = chosen {
        return chosen;
    }
    let draft = draft.await.unwrap_or_default();
    let (province, search) = draft.places.of(kind);
    match part {
        Part::Province => province,
        Part::Search => search,
    }
    .to_owned()
}

/// A place: a search by name (with or without diacritics), or province then commune. Without JavaScript
/// the button runs the search and lists the chosen province's communes in another round; once hydrated
/// both follow the typing and the choice at once, and the button hides.
#[component]
pub fn PlacePicker(
    kind: &'static str,
    legend: Text,
    provinces: Vec<UnitOption>,
    province: String,
    commune: String,
    search: String,
    field: Field,
    checks: Checks,
    place: Place,
) -> impl IntoView {
    let (initial_province, initial_search) = (province.clone(), search.clone());
    let commune = RwSignal::new(commune);
    let Place { province, search, communes, matches } = place;
    let shown_search = move || search.try_get().flatten().unwrap_or_else(|| initial_search.clone());
    let shown_province = {
        let initial = initial_province.clone();
        move || province.try_get().flatten().unwrap_or_else(|| initial.clone())
    };
    let search_id = format!("{kind}-search");
    let hint_id = format!("{kind}-search-hint");
    let province_id = format!("{kind}-province");
    let commune_id = field.as_str();
    view! {
        <fieldset class="place">
            <legend>{t(legend)}</legend>
            <label for=search_id.clone()>{t(Text::FindCommune)}</label>
            <p class="hint" id=hint_id.clone()>{t(Text::FindCommuneHint)}</p>
            <input type="search" id=search_id name=format!("{kind}_search") maxlength="80" autocomplete="off"
                aria-describedby=hint_id value=shown_search.clone() prop:value=shown_search
                on:input=move |ev| search.set(Some(event_target_value(&ev)))/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    matches.await.map(|found| {
                        if found.is_empty() {
                            return view! { <p class="hint" role="status">{t(Text::NoSearchResults)}</p> }.into_any();
                        }
                        view! {
                            <ul class="matches" aria-label=t(Text::SearchResults)>
                                {found.into_iter().map(|m| {
                                    let value = format!("{kind}:{}", m.code);
                                    view! {
                                        <li>
                                            <button type="submit" class="match" name="pick" value=value formnovalidate
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    province.set(Some(m.province.clone()));
                                                    commune.set(m.code.clone());
                                                    search.set(Some(String::new()));
                                                    focus(commune_id);
                                                }>
                                                {m.label.clone()}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    })
                })}
            </Transition>
            <label for=province_id.clone()>{t(Text::Province)}</label>
            <select id=province_id name=format!("{kind}_province") prop:value=shown_province
                on:change=move |ev| province.set(Some(event_target_value(&ev)))>
                <option value="">{t(Text::ChooseProvince)}</option>
                {provinces.into_iter().map(|p| view! {
                    <option value=p.code.clone() selected=p.code == initial_province>{p.name}</option>
                }).collect_view()}
            </select>
            <button type="submit" name="refresh" value=kind formnovalidate class="secondary no-js-only">
                {t(Text::ShowCommunes)}
            </button>
            <label for=commune_id>{t(Text::CommuneWard)}</label>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let groups = communes.await;
                    let chosen = commune.try_get_untracked().unwrap_or_default();
                    view! {
                        <select id=commune_id name=commune_id required prop:value=move || commune.try_get().unwrap_or_default()
                            on:change=move |ev| commune.set(event_target_value(&ev))
                            aria-invalid=checks.invalid(field) aria-describedby=checks.described_by(field)>
                            <option value="">{t(Text::ChooseCommune)}</option>
                            {groups.into_iter().map(|g| view! {
                                <optgroup label=g.name>
                                    {g.communes.into_iter().map(|c| view! {
                                        <option value=c.code.clone() selected=c.code == chosen>{c.name}</option>
                                    }).collect_view()}
                                </optgroup>
                            }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
            {checks.message(field)}
        </fieldset>
    }
}
