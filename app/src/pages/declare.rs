//! The citizen's declaration form. It posts to `/forms/declare`; when a round is needed (answers to fix,
//! or a place to search or list without JavaScript) the answers come back through a short-lived draft.
//! Once hydrated, the form checks each field with the domain's own validation as the person goes, and
//! the place search and commune lists answer at once.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{get_draft, list_communes, list_provinces, search_communes};
use crate::dto::{CommuneGroup, CommuneMatch, DeclarationDraft, UnitOption};
use crate::i18n::Text;
use crate::t;
use domain::declaration::{Field, FieldError, Problem, Symptom, Vehicle};

#[component]
pub fn DeclarePage() -> impl IntoView {
    let query = use_query_map();
    let draft_id = move || query.with(|q| q.get("draft"));
    let draft = Resource::new(draft_id, |id| async move {
        match id {
            Some(id) => get_draft(id).await.ok().flatten(),
            None => None,
        }
    });
    let provinces = Resource::new(|| (), |_| list_provinces());
    let places = Places {
        residence: Place::new(draft, |d| {
            (d.residence_province.clone(), d.residence_search.clone())
        }),
        origin: Place::new(draft, |d| {
            (d.origin_province.clone(), d.origin_search.clone())
        }),
        destination: Place::new(draft, |d| {
            (d.destination_province.clone(), d.destination_search.clone())
        }),
    };
    view! {
        <Title text=t(Text::DeclareTitle)/>
        <h1>{t(Text::DeclareTitle)}</h1>
        <p>{t(Text::DeclareIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await.unwrap_or_default();
                let provinces = provinces.await.unwrap_or_default();
                view! { <DeclarationForm draft provinces places/> }
            })}
        </Suspense>
    }
}

/// A place's province and search, and the communes and matches loaded for them. Made at the page's top,
/// not inside its Suspense: a resource born inside a Suspense's children can leave the server's
/// rendering waiting for ever (leptos-rs/leptos#4866). Until the person chooses, the draft's values hold.
#[derive(Clone, Copy)]
struct Place {
    province: RwSignal<Option<String>>,
    search: RwSignal<Option<String>>,
    communes: Resource<Vec<CommuneGroup>>,
    matches: Resource<Option<Vec<CommuneMatch>>>,
}

impl Place {
    fn new(
        draft: Resource<Option<DeclarationDraft>>,
        of_draft: fn(&DeclarationDraft) -> (String, String),
    ) -> Place {
        let province = RwSignal::new(None::<String>);
        let search = RwSignal::new(None::<String>);
        let drafted = move || {
            draft
                .get()
                .flatten()
                .map(|d| of_draft(&d))
                .unwrap_or_default()
        };
        let communes = Resource::new(
            move || province.get().unwrap_or_else(|| drafted().0),
            |code| async move {
                if code.is_empty() {
                    Vec::new()
                } else {
                    list_communes(code).await.unwrap_or_default()
                }
            },
        );
        let matches = Resource::new(
            move || search.get().unwrap_or_else(|| drafted().1),
            |query| async move {
                if query.trim().is_empty() {
                    None
                } else {
                    Some(search_communes(query).await.unwrap_or_default())
                }
            },
        );
        Place {
            province,
            search,
            communes,
            matches,
        }
    }
}

#[derive(Clone, Copy)]
struct Places {
    residence: Place,
    origin: Place,
    destination: Place,
}

/// What the form shows as wrong: the server's findings at first, then the browser's own check of every
/// field the person has been through.
#[derive(Clone, Copy)]
struct Checks(RwSignal<Vec<FieldError>>);

impl Checks {
    fn problem(self, field: Field) -> Option<Problem> {
        self.0
            .with(|errors| errors.iter().find(|e| e.field == field).map(|e| e.problem))
    }

    /// The message under a field; its id ties it to the field for screen readers.
    fn message(self, field: Field) -> impl IntoView {
        move || {
            self.problem(field).map(|p| {
                view! { <p class="field-error" id=format!("{}-error", field.as_str())>{t(Text::for_problem(p))}</p> }
            })
        }
    }

    fn invalid(self, field: Field) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy {
        move || self.problem(field).map(|_| "true")
    }

    fn described_by(self, field: Field) -> impl Fn() -> Option<String> + Send + Sync + Copy {
        move || {
            self.problem(field)
                .map(|_| format!("{}-error", field.as_str()))
        }
    }
}

#[component]
fn DeclarationForm(
    draft: DeclarationDraft,
    provinces: Vec<UnitOption>,
    places: Places,
) -> impl IntoView {
    let input = draft.input.clone();
    let checks = Checks(RwSignal::new(draft.errors.clone()));
    // Fields the person has left (or the server found wrong): only those are judged while typing.
    let touched = RwSignal::new(draft.errors.iter().map(|e| e.field).collect::<HashSet<_>>());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let recheck = move || {
        #[cfg(feature = "hydrate")]
        if let Some(form) = form_ref.get_untracked() {
            let found = live::check(&form);
            touched.with_untracked(|seen| {
                checks.0.set(
                    found
                        .into_iter()
                        .filter(|e| seen.contains(&e.field))
                        .collect(),
                )
            });
        }
    };
    let touch = move |ev: &leptos::ev::Event| {
        if let Some(field) = field_of(ev) {
            touched.update(|seen| {
                seen.insert(field);
            });
        }
        recheck();
    };
    let server_error = draft.error;
    // The list at the top speaks up (role=alert) after a send, not at every key typed.
    let sent = RwSignal::new(!draft.errors.is_empty() || server_error.is_some());
    let summary = move || {
        let errors = checks.0.get();
        (sent.get() && (!errors.is_empty() || server_error.is_some())).then(|| {
            let items = errors
                .iter()
                .map(|e| view! { <li>{t(Text::for_field(e.field))} ": " {t(Text::for_problem(e.problem))}</li> })
                .collect_view();
            view! {
                <div class="notice error" role="alert">
                    <p>{server_error.map_or(t(Text::FixTheseFields), |code| t(code.text()))}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    // On the button rather than the form: the browser's own required-field bubbles come before a submit
    // event and would hide the list of everything to fix.
    let on_send = move |ev: leptos::ev::MouseEvent| {
        touched.set(Field::ALL.into_iter().collect());
        recheck();
        if let Some(first) = checks.0.with_untracked(|e| e.first().map(|e| e.field)) {
            ev.prevent_default();
            sent.set(true);
            focus(first.as_str());
        }
    };
    let doses = if input.vaccination_doses > domain::declaration::MAX_DOSES {
        0
    } else {
        input.vaccination_doses
    };
    view! {
        {summary}
        <form class="stack declare" method="post" action="/forms/declare" node_ref=form_ref
            on:focusout=move |ev| touch(&ev) on:change=move |ev| touch(&ev) on:input=move |_| recheck()>
            <fieldset>
                <legend>{t(Text::SectionIdentity)}</legend>
                <label for="document_type">{t(Text::DocumentType)}</label>
                <select id="document_type" name="document_type">
                    <option value="cccd" selected=input.document_type != "cmnd">{t(Text::DocCccd)}</option>
                    <option value="cmnd" selected=input.document_type == "cmnd">{t(Text::DocCmnd)}</option>
                </select>
                <label for="document_number">{t(Text::DocumentNumber)}</label>
                <input id="document_number" name="document_number" type="text" inputmode="numeric" required maxlength="20"
                    autocomplete="off" value=input.document_number.clone()
                    aria-invalid=checks.invalid(Field::DocumentNumber)
                    aria-describedby=checks.described_by(Field::DocumentNumber)/>
                {checks.message(Field::DocumentNumber)}
                <label for="full_name">{t(Text::FullName)}</label>
                <input id="full_name" name="full_name" type="text" required maxlength="100" autocomplete="name"
                    value=input.full_name.clone() aria-invalid=checks.invalid(Field::FullName)
                    aria-describedby=checks.described_by(Field::FullName)/>
                {checks.message(Field::FullName)}
                <label for="birth_date">{t(Text::BirthDate)}</label>
                <input id="birth_date" name="birth_date" type="date" required autocomplete="bday"
                    value=input.birth_date.clone() aria-invalid=checks.invalid(Field::BirthDate)
                    aria-describedby=checks.described_by(Field::BirthDate)/>
                {checks.message(Field::BirthDate)}
                <label for="sex">{t(Text::Sex)}</label>
                <select id="sex" name="sex">
                    <option value="male" selected=input.sex == "male">{t(Text::Male)}</option>
                    <option value="female" selected=input.sex == "female">{t(Text::Female)}</option>
                </select>
                <label for="phone">{t(Text::Phone)}</label>
                <input id="phone" name="phone" type="tel" required maxlength="20" autocomplete="tel"
                    value=input.phone.clone() aria-invalid=checks.invalid(Field::Phone)
                    aria-describedby=checks.described_by(Field::Phone)/>
                {checks.message(Field::Phone)}
            </fieldset>
            <PlacePicker kind="residence" legend=Text::ResidencePlace provinces=provinces.clone()
                province=draft.residence_province.clone() commune=input.residence_commune.clone()
                search=draft.residence_search.clone() field=Field::ResidenceCommune checks place=places.residence/>
            <label for="residence_address">{t(Text::ResidenceAddress)}</label>
            <input id="residence_address" name="residence_address" type="text" required maxlength="200"
                autocomplete="street-address" value=input.residence_address.clone()
                aria-invalid=checks.invalid(Field::ResidenceAddress)
                aria-describedby=checks.described_by(Field::ResidenceAddress)/>
            {checks.message(Field::ResidenceAddress)}
            <fieldset>
                <legend>{t(Text::SectionTrip)}</legend>
                <PlacePicker kind="origin" legend=Text::OriginPlace provinces=provinces.clone()
                    province=draft.origin_province.clone() commune=input.origin_commune.clone()
                    search=draft.origin_search.clone() field=Field::OriginCommune checks place=places.origin/>
                <PlacePicker kind="destination" legend=Text::DestinationPlace provinces=provinces
                    province=draft.destination_province.clone() commune=input.destination_commune.clone()
                    search=draft.destination_search.clone() field=Field::DestinationCommune checks
                    place=places.destination/>
                <label for="travel_date">{t(Text::TravelDate)}</label>
                <input id="travel_date" name="travel_date" type="date" required value=input.travel_date.clone()
                    aria-invalid=checks.invalid(Field::TravelDate)
                    aria-describedby=checks.described_by(Field::TravelDate)/>
                {checks.message(Field::TravelDate)}
                <label for="vehicle">{t(Text::Vehicle)}</label>
                <select id="vehicle" name="vehicle">
                    {Vehicle::ALL.into_iter().map(|v| view! {
                        <option value=v.as_str() selected=input.vehicle == v.as_str()>{t(Text::for_vehicle(v))}</option>
                    }).collect_view()}
                </select>
                <label for="vehicle_plate">{t(Text::VehiclePlate)}</label>
                <input id="vehicle_plate" name="vehicle_plate" type="text" maxlength="15" value=input.vehicle_plate.clone()/>
            </fieldset>
            <fieldset>
                <legend>{t(Text::SectionHealth)}</legend>
                <fieldset class="checks">
                    <legend>{t(Text::SymptomsLegend)}</legend>
                    {Symptom::ALL.into_iter().map(|s| {
                        let id = format!("symptom-{}", s.as_str());
                        let label_for = id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input type="checkbox" id=id name="symptoms" value=s.as_str()
                                    checked=input.symptoms.iter().any(|x| x == s.as_str())/>
                                {t(Text::for_symptom(s))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label class="check" for="close_contact">
                    <input type="checkbox" id="close_contact" name="close_contact" value="true" checked=input.close_contact/>
                    {t(Text::CloseContact)}
                </label>
                <label for="vaccination_doses">{t(Text::VaccinationDoses)}</label>
                <select id="vaccination_doses" name="vaccination_doses">
                    {(0..=4u8).map(|n| view! { <option value=n.to_string() selected=n == doses>{n}</option> }).collect_view()}
                </select>
            </fieldset>
            <p class="consent">{t(Text::ConsentNotice)}</p>
            <button type="submit" on:click=on_send>{t(Text::SubmitDeclaration)}</button>
        </form>
    }
}

/// A place: a search by name (with or without diacritics), or province then commune. Without JavaScript
/// the button runs the search and lists the chosen province's communes in another round; once hydrated
/// both follow the typing and the choice at once, and the button hides.
#[component]
fn PlacePicker(
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
    let Place {
        province,
        search,
        communes,
        matches,
    } = place;
    let shown_search = move || search.get().unwrap_or_else(|| initial_search.clone());
    let shown_province = {
        let initial = initial_province.clone();
        move || province.get().unwrap_or_else(|| initial.clone())
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
                    let chosen = commune.get_untracked();
                    view! {
                        <select id=commune_id name=commune_id required prop:value=move || commune.get()
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

/// The form field an event happened in, by its name.
fn field_of(ev: &leptos::ev::Event) -> Option<Field> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<leptos::web_sys::Element>()
        .ok()?
        .get_attribute("name")
        .and_then(|name| Field::from_name(&name))
}

fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The browser's own check, with the server's validation code, of what the form holds right now.
#[cfg(feature = "hydrate")]
mod live {
    use domain::declaration::{validate, FieldError};
    use leptos::web_sys::{FormData, HtmlFormElement};

    use crate::dto::DeclareForm;

    pub fn check(form: &HtmlFormElement) -> Vec<FieldError> {
        let Ok(data) = FormData::new_with_form(form) else {
            return Vec::new();
        };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        let answers = DeclareForm {
            document_type: get("document_type"),
            document_number: get("document_number"),
            full_name: get("full_name"),
            birth_date: get("birth_date"),
            sex: get("sex"),
            phone: get("phone"),
            residence_commune: get("residence_commune"),
            residence_address: get("residence_address"),
            origin_commune: get("origin_commune"),
            destination_commune: get("destination_commune"),
            travel_date: get("travel_date"),
            vehicle: get("vehicle"),
            vehicle_plate: get("vehicle_plate"),
            symptoms: data
                .get_all("symptoms")
                .iter()
                .filter_map(|v| v.as_string())
                .collect(),
            close_contact: data.has("close_contact").then(String::new),
            vaccination_doses: get("vaccination_doses"),
            ..DeclareForm::default()
        };
        let today = domain::date::vietnam_date((js_sys::Date::now() / 1000.0) as i64);
        // Whether a code names a commune is the server's to say; the browser checks the rest.
        validate(&answers.into_draft().input, today, |_| true)
            .err()
            .unwrap_or_default()
    }
}
