//! The citizen's declaration form. It posts to `/forms/declare`; when a round is needed (answers to fix,
//! or a place to search or list without JavaScript) the answers come back through a short-lived draft.
//! Once hydrated, the form checks each field with the domain's own validation as the person goes, and
//! the place search and commune lists answer at once.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{get_draft, list_provinces, retention_days};
use crate::components::declaration_fields::{DeclarationField, DeclarationFields, Pickers};
use crate::components::field_checks::{field_of, focus, Checks};
use crate::components::place_picker::Place;
use crate::i18n::{t, Text};
use contract::dto::{DeclarationDraft, UnitOption};
use domain::declaration::Field;

#[component]
pub fn DeclarePage() -> impl IntoView {
    let query = use_query_map();
    let draft_id = move || query.with(|q| q.get("draft"));
    // Declaring again from a pass page replaces that pass: its holder's key comes along.
    let replaces = move || query.with(|q| q.get("replaces"));
    let draft = Resource::new(
        move || (draft_id(), replaces()),
        |(id, replaces)| async move {
            let draft = match id {
                Some(id) => get_draft(id).await.ok().flatten(),
                None => None,
            };
            match draft {
                Some(draft) => Some(draft),
                None => replaces.map(|replaces| DeclarationDraft {
                    replaces: Some(replaces),
                    ..DeclarationDraft::default()
                }),
            }
        },
    );
    let provinces = Resource::new(|| (), |_| list_provinces());
    let held_for = Resource::new(|| (), |_| retention_days());
    let pickers = Pickers {
        residence: Place::new(draft, "residence"),
        origin: Place::new(draft, "origin"),
        destination: Place::new(draft, "destination"),
    };
    view! {
        <Title text=t(Text::DeclareTitle)/>
        <h1>{t(Text::DeclareTitle)}</h1>
        <p>{t(Text::DeclareIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await.unwrap_or_default();
                let provinces = provinces.await.unwrap_or_default();
                let held_for =
                    held_for.await.unwrap_or(domain::retention::DEFAULT_DAYS);
                view! { <DeclarationForm draft provinces pickers held_for/> }
            })}
        </Suspense>
    }
}

/// The citizen's form: its sections and the fields in each, in the order of the 2021 domestic form.
const FORM: [(Option<Text>, &[Field]); 4] = [
    (
        Some(Text::SectionIdentity),
        &[
            Field::DocumentType,
            Field::DocumentNumber,
            Field::FullName,
            Field::BirthDate,
            Field::Sex,
            Field::Phone,
        ],
    ),
    (None, &[Field::ResidenceCommune, Field::ResidenceAddress]),
    (
        Some(Text::SectionTrip),
        &[
            Field::OriginCommune,
            Field::DestinationCommune,
            Field::TravelDate,
            Field::Vehicle,
            Field::VehiclePlate,
        ],
    ),
    (Some(Text::SectionHealth), &[Field::Symptoms, Field::VaccinationDoses]),
];

#[component]
fn DeclarationForm(
    draft: DeclarationDraft,
    provinces: Vec<UnitOption>,
    pickers: Pickers,
    /// Days after the trip the declaration is held.
    held_for: u16,
) -> impl IntoView {
    let checks = Checks(RwSignal::new(draft.errors.clone()));
    // Fields the person has left (or the server found wrong): only those are judged while typing.
    let touched = RwSignal::new(draft.errors.iter().map(|e| e.field).collect::<HashSet<_>>());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let recheck = move || {
        #[cfg(feature = "hydrate")]
        if let Some(form) = form_ref.get_untracked() {
            let found = crate::components::field_checks::live::check(&form);
            touched.with_untracked(|seen| {
                checks.0.set(found.into_iter().filter(|e| seen.contains(&e.field)).collect())
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
    let replaces = draft.replaces.clone();
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
    let fields =
        DeclarationFields { input: draft.input, places: draft.places, provinces, pickers, checks };
    let section = move |legend: Option<Text>, list: &[Field]| {
        let items = list
            .iter()
            .map(|&field| view! { <DeclarationField field form=fields.clone()/> })
            .collect_view();
        match legend {
            Some(legend) => {
                view! { <fieldset><legend>{t(legend)}</legend>{items}</fieldset> }.into_any()
            }
            None => items.into_any(),
        }
    };
    let replacing = replaces.map(|key| {
        view! {
            <p class="notice">{t(Text::DeclareReplacing)}</p>
            <input type="hidden" name="replaces" value=key/>
        }
    });
    view! {
        {summary}
        <form class="stack declare" method="post" action="/forms/declare" node_ref=form_ref
            on:focusout=move |ev| touch(&ev) on:change=move |ev| touch(&ev) on:input=move |_| recheck()>
            {replacing}
            {FORM.iter().map(|(legend, list)| section(*legend, list)).collect_view()}
            <p class="consent">{t(Text::ConsentNotice)}</p>
            <p class="consent">
                {t(Text::RetentionNotice).replace("{days}", &held_for.to_string())} " "
                <a href="/du-lieu-cua-toi">{t(Text::MyDataTitle)}</a>
            </p>
            <button type="submit" on:click=on_send>{t(Text::SubmitDeclaration)}</button>
        </form>
    }
}
