//! The citizen's declaration form. It posts to `/forms/declare`; when a round is needed (answers to fix,
//! or a province chosen so its communes can be listed without JavaScript) the answers come back through a
//! short-lived draft. Once hydrated, the commune lists follow the province choice at once.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{get_draft, list_communes, list_provinces};
use crate::dto::{DeclarationDraft, UnitOption};
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
    view! {
        <Title text=t(Text::DeclareTitle)/>
        <h1>{t(Text::DeclareTitle)}</h1>
        <p>{t(Text::DeclareIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await.unwrap_or_default();
                let provinces = provinces.await.unwrap_or_default();
                view! { <DeclarationForm draft provinces/> }
            })}
        </Suspense>
    }
}

fn problem_of(errors: &[FieldError], field: Field) -> Option<Problem> {
    errors.iter().find(|e| e.field == field).map(|e| e.problem)
}

/// The message under a field, and the attributes that tie it to the field for screen readers.
fn field_error(id: &'static str, problem: Option<Problem>) -> impl IntoView {
    problem.map(|p| {
        view! { <p class="field-error" id=format!("{id}-error")>{t(Text::for_problem(p))}</p> }
    })
}

fn described_by(id: &'static str, problem: Option<Problem>) -> Option<String> {
    problem.map(|_| format!("{id}-error"))
}

#[component]
fn DeclarationForm(draft: DeclarationDraft, provinces: Vec<UnitOption>) -> impl IntoView {
    let input = draft.input.clone();
    let errors = draft.errors.clone();
    let p = |f| problem_of(&errors, f);
    let summary = (!errors.is_empty() || draft.error.is_some()).then(|| {
        let items = errors
            .iter()
            .map(|e| view! { <li>{t(Text::for_field(e.field))} ": " {t(Text::for_problem(e.problem))}</li> })
            .collect_view();
        view! {
            <div class="notice error" role="alert">
                <p>{draft.error.map_or(t(Text::FixTheseFields), |code| t(code.text()))}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let doses = if input.vaccination_doses > domain::declaration::MAX_DOSES {
        0
    } else {
        input.vaccination_doses
    };
    view! {
        {summary}
        <form class="stack declare" method="post" action="/forms/declare">
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
                    aria-invalid=p(Field::DocumentNumber).map(|_| "true")
                    aria-describedby=described_by("document_number", p(Field::DocumentNumber))/>
                {field_error("document_number", p(Field::DocumentNumber))}
                <label for="full_name">{t(Text::FullName)}</label>
                <input id="full_name" name="full_name" type="text" required maxlength="100" autocomplete="name"
                    value=input.full_name.clone() aria-invalid=p(Field::FullName).map(|_| "true")
                    aria-describedby=described_by("full_name", p(Field::FullName))/>
                {field_error("full_name", p(Field::FullName))}
                <label for="birth_date">{t(Text::BirthDate)}</label>
                <input id="birth_date" name="birth_date" type="date" required autocomplete="bday"
                    value=input.birth_date.clone() aria-invalid=p(Field::BirthDate).map(|_| "true")
                    aria-describedby=described_by("birth_date", p(Field::BirthDate))/>
                {field_error("birth_date", p(Field::BirthDate))}
                <label for="sex">{t(Text::Sex)}</label>
                <select id="sex" name="sex">
                    <option value="male" selected=input.sex == "male">{t(Text::Male)}</option>
                    <option value="female" selected=input.sex == "female">{t(Text::Female)}</option>
                </select>
                <label for="phone">{t(Text::Phone)}</label>
                <input id="phone" name="phone" type="tel" required maxlength="20" autocomplete="tel"
                    value=input.phone.clone() aria-invalid=p(Field::Phone).map(|_| "true")
                    aria-describedby=described_by("phone", p(Field::Phone))/>
                {field_error("phone", p(Field::Phone))}
            </fieldset>
            <PlacePicker kind="residence" legend=Text::ResidencePlace provinces=provinces.clone()
                province=draft.residence_province.clone() commune=input.residence_commune.clone()
                problem=p(Field::ResidenceCommune)/>
            <label for="residence_address">{t(Text::ResidenceAddress)}</label>
            <input id="residence_address" name="residence_address" type="text" required maxlength="200"
                autocomplete="street-address" value=input.residence_address.clone()
                aria-invalid=p(Field::ResidenceAddress).map(|_| "true")
                aria-describedby=described_by("residence_address", p(Field::ResidenceAddress))/>
            {field_error("residence_address", p(Field::ResidenceAddress))}
            <fieldset>
                <legend>{t(Text::SectionTrip)}</legend>
                <PlacePicker kind="origin" legend=Text::OriginPlace provinces=provinces.clone()
                    province=draft.origin_province.clone() commune=input.origin_commune.clone()
                    problem=p(Field::OriginCommune)/>
                <PlacePicker kind="destination" legend=Text::DestinationPlace provinces=provinces
                    province=draft.destination_province.clone() commune=input.destination_commune.clone()
                    problem=p(Field::DestinationCommune)/>
                <label for="travel_date">{t(Text::TravelDate)}</label>
                <input id="travel_date" name="travel_date" type="date" required value=input.travel_date.clone()
                    aria-invalid=p(Field::TravelDate).map(|_| "true")
                    aria-describedby=described_by("travel_date", p(Field::TravelDate))/>
                {field_error("travel_date", p(Field::TravelDate))}
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
            <button type="submit">{t(Text::SubmitDeclaration)}</button>
        </form>
    }
}

/// Province, then commune. Without JavaScript the button lists the chosen province's communes in
/// another round; once hydrated the list follows the province at once and the button hides.
#[component]
fn PlacePicker(
    kind: &'static str,
    legend: Text,
    provinces: Vec<UnitOption>,
    province: String,
    commune: String,
    problem: Option<Problem>,
) -> impl IntoView {
    let initial_province = province.clone();
    let province = RwSignal::new(province);
    let communes = Resource::new(
        move || province.get(),
        |code| async move {
            if code.is_empty() {
                Vec::new()
            } else {
                list_communes(code).await.unwrap_or_default()
            }
        },
    );
    let province_id = format!("{kind}-province");
    let commune_id = format!("{kind}_commune");
    let error_id = format!("{kind}_commune-error");
    view! {
        <fieldset class="place">
            <legend>{t(legend)}</legend>
            <label for=province_id.clone()>{t(Text::Province)}</label>
            <select id=province_id name=format!("{kind}_province") on:change=move |ev| province.set(event_target_value(&ev))>
                <option value="">{t(Text::ChooseProvince)}</option>
                {provinces.into_iter().map(|p| view! {
                    <option value=p.code.clone() selected=p.code == initial_province>{p.name}</option>
                }).collect_view()}
            </select>
            <button type="submit" name="refresh" value=kind formnovalidate class="secondary no-js-only">
                {t(Text::ShowCommunes)}
            </button>
            <label for=commune_id.clone()>{t(Text::CommuneWard)}</label>
            <Transition fallback=|| ()>
                {
                    let commune = commune.clone();
                    let commune_id = commune_id.clone();
                    let error_id = error_id.clone();
                    move || {
                        let commune = commune.clone();
                        let commune_id = commune_id.clone();
                        let error_id = error_id.clone();
                        Suspend::new(async move {
                            let groups = communes.await;
                            view! {
                                <select id=commune_id name=format!("{kind}_commune") required
                                    aria-invalid=problem.map(|_| "true")
                                    aria-describedby=problem.map(|_| error_id)>
                                    <option value="">{t(Text::ChooseCommune)}</option>
                                    {groups.into_iter().map(|g| view! {
                                        <optgroup label=g.name>
                                            {g.communes.into_iter().map(|c| view! {
                                                <option value=c.code.clone() selected=c.code == commune>{c.name}</option>
                                            }).collect_view()}
                                        </optgroup>
                                    }).collect_view()}
                                </select>
                            }
                        })
                    }
                }
            </Transition>
            {problem.map(|p| view! { <p class="field-error" id=format!("{kind}_commune-error")>{t(Text::for_problem(p))}</p> })}
        </fieldset>
    }
}
