//! The citizen's declaration form. It posts to `/forms/declare`; when a round is needed (answers to fix,
//! or a place to search or list without JavaScript) the answers come back through a short-lived draft.
//! Once hydrated, the form checks each field with the domain's own validation as the person goes, and
//! the place search and commune lists answer at once.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{get_draft, list_provinces};
use crate::components::field_checks::{field_of, focus, Checks};
use crate::components::place_picker::{Place, PlacePicker};
use crate::i18n::{t, Text};
use contract::dto::{DeclarationDraft, UnitOption};
use domain::declaration::{Field, Symptom, Vehicle};
use domain::Doses;

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
            (
                d.places.residence_province.clone(),
                d.places.residence_search.clone(),
            )
        }),
        origin: Place::new(draft, |d| {
            (
                d.places.origin_province.clone(),
                d.places.origin_search.clone(),
            )
        }),
        destination: Place::new(draft, |d| {
            (
                d.places.destination_province.clone(),
                d.places.destination_search.clone(),
            )
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

#[derive(Clone, Copy)]
struct Places {
    residence: Place,
    origin: Place,
    destination: Place,
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
            let found = crate::components::field_checks::live::check(&form);
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
                    <p>{server_error.map_or(t(Text::FixTheseFields), |code| t(Text::for_error(code)))}</p>
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
    let doses = Doses::try_from(input.vaccination_doses).unwrap_or_default();
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
                province=draft.places.residence_province.clone() commune=input.residence_commune.clone()
                search=draft.places.residence_search.clone() field=Field::ResidenceCommune checks place=places.residence/>
            <label for="residence_address">{t(Text::ResidenceAddress)}</label>
            <input id="residence_address" name="residence_address" type="text" required maxlength="200"
                autocomplete="street-address" value=input.residence_address.clone()
                aria-invalid=checks.invalid(Field::ResidenceAddress)
                aria-describedby=checks.described_by(Field::ResidenceAddress)/>
            {checks.message(Field::ResidenceAddress)}
            <fieldset>
                <legend>{t(Text::SectionTrip)}</legend>
                <PlacePicker kind="origin" legend=Text::OriginPlace provinces=provinces.clone()
                    province=draft.places.origin_province.clone() commune=input.origin_commune.clone()
                    search=draft.places.origin_search.clone() field=Field::OriginCommune checks place=places.origin/>
                <PlacePicker kind="destination" legend=Text::DestinationPlace provinces=provinces
                    province=draft.places.destination_province.clone() commune=input.destination_commune.clone()
                    search=draft.places.destination_search.clone() field=Field::DestinationCommune checks
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
                    {Doses::all().map(|n| view! { <option value=n.to_string() selected=n == doses>{n.get()}</option> }).collect_view()}
                </select>
            </fieldset>
            <p class="consent">{t(Text::ConsentNotice)}</p>
            <button type="submit" on:click=on_send>{t(Text::SubmitDeclaration)}</button>
        </form>
    }
}
