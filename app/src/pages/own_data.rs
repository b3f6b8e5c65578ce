//! "My data": a citizen asks, with their document number and the phone they declared with, what
//! ZonePass holds on them and until when. A plain form posted to `/forms/my-data`, the same with
//! JavaScript off; the answer shows on this page under the id the form redirects with.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_own_data;
use crate::components::Notice;
use crate::i18n::{t, Text};
use contract::dto::{OwnData, OwnTrip};
use domain::declaration::Field;

#[component]
pub fn OwnDataPage() -> impl IntoView {
    let query = use_query_map();
    let answer = Resource::new(
        move || query.with(|q| q.get("ket-qua")),
        |id| async move {
            match id {
                Some(id) => Some(get_own_data(id).await.ok().flatten()),
                None => None,
            }
        },
    );
    view! {
        <Title text=t(Text::MyDataTitle)/>
        <h1>{t(Text::MyDataTitle)}</h1>
        <p>{t(Text::MyDataIntro)}</p>
        <Notice/>
        <form class="stack narrow" method="post" action="/forms/my-data">
            <label for="own-number">{t(Text::MyDataNumber)}</label>
            <input id="own-number" name="document_number" type="text" inputmode="numeric"
                autocomplete="off" required maxlength="12" pattern="[0-9]{9}|[0-9]{12}"/>
            <label for="own-phone">{t(Text::MyDataPhone)}</label>
            <input id="own-phone" name="phone" type="tel" autocomplete="tel" required maxlength="20"/>
            <button type="submit">{t(Text::MyDataAsk)}</button>
        </form>
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                match answer.await {
                    None => None,
                    Some(None) => Some(view! {
                        <p class="notice" role="status">{t(Text::MyDataExpired)}</p>
                    }.into_any()),
                    Some(Some(data)) => Some(held(data).into_any()),
                }
            })}
        </Suspense>
    }
}

fn held(data: OwnData) -> impl IntoView {
    let days = data.held_for_days.to_string();
    let summary = if data.trips.is_empty() {
        t(Text::MyDataNothing).to_owned()
    } else {
        t(Text::MyDataHeld).replace("{days}", &days)
    };
    view! {
        <section class="stack" aria-labelledby="own-answer">
            <h2 id="own-answer">{t(Text::MyDataAnswer)} " " {data.document_number}</h2>
            <p role="status">{summary}</p>
            {data.trips.into_iter().enumerate().map(|(i, trip)| trip_view(i, trip)).collect_view()}
            <p class="hint">{t(Text::MyDataRegistry)}</p>
        </section>
    }
}

fn trip_view(i: usize, trip: OwnTrip) -> impl IntoView {
    let heading = format!("own-trip-{i}");
    let labelled_by = heading.clone();
    let yes_no = |b: bool| t(if b { Text::Yes } else { Text::No });
    let field = |f: Field| t(Text::for_field(f));
    let facts = [
        (t(Text::MyDataHeldUntil), trip.held_until),
        (field(Field::FullName), trip.full_name),
        (field(Field::BirthDate), trip.birth_date),
        (field(Field::Phone), trip.phone),
        (field(Field::ResidenceCommune), trip.residence),
        (field(Field::ResidenceAddress), trip.residence_address),
        (field(Field::OriginCommune), trip.origin),
        (field(Field::DestinationCommune), trip.destination),
        (field(Field::VehiclePlate), trip.vehicle_plate),
        (field(Field::VaccinationDoses), trip.vaccination_doses.to_string()),
        (t(Text::MyDataDeclaredAt), trip.declared_at),
        (t(Text::MyDataChecked), yes_no(trip.checked).to_owned()),
    ];
    view! {
        <article class="card" aria-labelledby=labelled_by>
            <h3 id=heading>{t(Text::MyDataTrip)} " " {trip.travel_date}</h3>
            <dl class="facts">
                {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(label, value)| view! {
                    <div><dt>{label}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
            <p>{t(Text::MyDataPasses)} ": " {trip.passes.len()}
                {trip.passes.iter().map(|p| format!(" · {} → {}", p.issued_at, p.expires_at)).collect::<String>()}
            </p>
            {(!trip.crossings.is_empty()).then(|| view! {
                <ul>
                    {trip.crossings.into_iter().map(|c| view! {
                        <li>{c.scanned_at} " · " {c.checkpoint} " · " {c.direction}</li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
