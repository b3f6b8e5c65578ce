//! The declaration's fields as every form that takes a declaration shows them: one component draws any
//! field, so the citizen's form and an officer's screen list the same fields, each in its own order.

use leptos::prelude::*;

use super::field_checks::Checks;
use super::place_picker::{Place, PlacePicker};
use crate::i18n::{t, Text};
use contract::dto::{FormPlaces, UnitOption};
use domain::declaration::{DeclarationInput, Field, Symptom, Vehicle};
use domain::Doses;

/// What a form's fields are drawn from: the answers so far, the province and search of each place, the
/// provinces to choose from, each place's live picker, and the field checks.
#[derive(Clone)]
pub struct DeclarationFields {
    pub input: DeclarationInput,
    pub places: FormPlaces,
    pub provinces: Vec<UnitOption>,
    pub pickers: Pickers,
    pub checks: Checks,
}

/// The three places a declaration names, each with its picker's live state.
#[derive(Clone, Copy)]
pub struct Pickers {
    pub residence: Place,
    pub origin: Place,
    pub destination: Place,
}

/// How a typed field is entered: the input's type and the browser's hints for it.
struct Typed {
    kind: &'static str,
    inputmode: Option<&'static str>,
    maxlength: Option<&'static str>,
    autocomplete: Option<&'static str>,
}

const fn typed(kind: &'static str, maxlength: Option<&'static str>) -> Typed {
    Typed { kind, inputmode: None, maxlength, autocomplete: None }
}

/// One field of the declaration, with its label, its answer so far and, where it can be wrong, its check.
#[component]
pub fn DeclarationField(field: Field, form: DeclarationFields) -> impl IntoView {
    let DeclarationFields { input, places, provinces, pickers, checks } = form;
    let entry = |spec: Typed, value: String| typed_entry(field, spec, value, checks);
    let picker = |kind: &'static str, legend: Text, commune: String, place: Place| {
        let (province, search) = places.of(kind);
        view! {
            <PlacePicker kind legend provinces=provinces.clone() province=province.to_owned() commune
                search=search.to_owned() field checks place/>
        }
        .into_any()
    };
    match field {
        Field::DocumentType => view! {
            <label for="document_type">{t(Text::DocumentType)}</label>
            <select id="document_type" name="document_type">
                <option value="cccd" selected=input.document_type != "cmnd">{t(Text::DocCccd)}</option>
                <option value="cmnd" selected=input.document_type == "cmnd">{t(Text::DocCmnd)}</option>
            </select>
        }
        .into_any(),
        Field::DocumentNumber => entry(
            Typed {
                inputmode: Some("numeric"),
                autocomplete: Some("off"),
                ..typed("text", Some("20"))
            },
            input.document_number,
        ),
        Field::FullName => entry(
            Typed {
                autocomplete: Some("name"),
                ..typed("text", Some("100"))
            },
            input.full_name,
        ),
        Field::BirthDate => entry(
            Typed {
                autocomplete: Some("bday"),
                ..typed("date", None)
            },
            input.birth_date,
        ),
        Field::Sex => view! {
            <label for="sex">{t(Text::Sex)}</label>
            <select id="sex" name="sex">
                <option value="male" selected=input.sex == "male">{t(Text::Male)}</option>
                <option value="female" selected=input.sex == "female">{t(Text::Female)}</option>
            </select>
        }
        .into_any(),
        Field::Phone => entry(
            Typed {
                autocomplete: Some("tel"),
                ..typed("tel", Some("20"))
            },
            input.phone,
        ),
        Field::ResidenceCommune => picker(
            "residence",
            Text::ResidencePlace,
            input.residence_commune,
            pickers.residence,
        ),
        Field::ResidenceAddress => entry(
            Typed {
                autocomplete: Some("street-address"),
                ..typed("text", Some("200"))
            },
            input.residence_address,
        ),
        Field::OriginCommune => picker(
            "origin",
            Text::OriginPlace,
            input.origin_commune,
            pickers.origin,
        ),
        Field::DestinationCommune => picker(
            "destination",
            Text::DestinationPlace,
            input.destination_commune,
            pickers.destination,
        ),
        Field::TravelDate => entry(typed("date", None), input.travel_date),
        Field::Vehicle => view! {
            <label for="vehicle">{t(Text::Vehicle)}</label>
            <select id="vehicle" name="vehicle">
                {vehicle_options(&input.vehicle)}
            </select>
        }
        .into_any(),
        Field::VehiclePlate => view! {
            <label for="vehicle_plate">{t(Text::VehiclePlate)}</label>
            <input id="vehicle_plate" name="vehicle_plate" type="text" maxlength="15" value=input.vehicle_plate/>
        }
        .into_any(),
        Field::Symptoms => view! {
            {symptom_boxes(&input.symptoms)}
            <label class="check" for="close_contact">
                <input type="checkbox" id="close_contact" name="close_contact" value="true" checked=input.close_contact/>
                {t(Text::CloseContact)}
            </label>
        }
        .into_any(),
        Field::VaccinationDoses => {
            let doses = Doses::try_from(input.vaccination_doses).unwrap_or_default();
            view! {
                <label for="vaccination_doses">{t(Text::VaccinationDoses)}</label>
                <select id="vaccination_doses" name="vaccination_doses">
                    {Doses::all().map(|n| view! { <option value=n.to_string() selected=n == doses>{n.get()}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
    }
}

/// The symptoms, one box each, those `chosen` ticked: the citizen's form and the paper-entry screen.
pub fn symptom_boxes(chosen: &[String]) -> impl IntoView {
    view! {
        <fieldset class="checks">
            <legend>{t(Text::SymptomsLegend)}</legend>
            {Symptom::ALL.into_iter().map(|s| {
                let id = format!("symptom-{}", s.as_str());
                let label_for = id.clone();
                view! {
                    <label class="check" for=label_for>
                        <input type="checkbox" id=id name="symptoms" value=s.as_str()
                            checked=chosen.iter().any(|x| x == s.as_str())/>
                        {t(Text::for_symptom(s))}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The vehicles to choose from, `chosen` selected.
pub fn vehicle_options(chosen: &str) -> impl IntoView {
    Vehicle::ALL
        .into_iter()
        .map(|v| {
            view! {
                <option value=v.as_str() selected=chosen == v.as_str()>{t(Text::for_vehicle(v))}</option>
            }
        })
        .collect_view()
}

/// A field typed in (and required), with its message under it when it is wrong; its name is also its id.
fn typed_entry(field: Field, spec: Typed, value: String, checks: Checks) -> AnyView {
    let name = field.as_str();
    view! {
        <label for=name>{t(Text::for_field(field))}</label>
        <input id=name name=name type=spec.kind inputmode=spec.inputmode required
            maxlength=spec.maxlength autocomplete=spec.autocomplete value=value
            aria-invalid=checks.invalid(field) aria-describedby=checks.described_by(field)/>
        {checks.message(field)}
    }
    .into_any()
}
