//! A checkpoint's day for its supervisor: counts by verdict and direction, the devices still holding
//! crossings they have not sent, and the crossings themselves. Officers see their own checkpoint; police
//! see any checkpoint inside their unit.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::checkpoint_day;
use crate::components::listing::{listing, Column};
use crate::components::{Loaded, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use contract::dto::CheckpointDay;

#[component]
pub fn CheckpointDayPage() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.with(|q| q.get("cp").unwrap_or_default());
    let date = move || query.with(|q| q.get("date").unwrap_or_default());
    let day = Resource::new(move || (code(), date()), |(c, d)| checkpoint_day(c, d));
    view! {
        <OfficialPage title=Text::CheckpointDayTitle>
            <form class="stack narrow" method="get" action="/kiem-soat/hom-nay">
                <label for="day-cp">{t(Text::CheckpointCodeLabel)}</label>
                <input id="day-cp" name="cp" type="text" maxlength="12" autocapitalize="characters" value=code()/>
                <label for="day-date">{t(Text::DayLabel)}</label>
                <input id="day-date" name="date" type="date" value=date()/>
                <button type="submit" class="secondary">{t(Text::ShowDay)}</button>
            </form>
            <Loaded resource=day render=|day| view! { <Day day/> }/>
        </OfficialPage>
    }
}

#[component]
fn Day(day: CheckpointDay) -> impl IntoView {
    let c = day.counts;
    let counts = [
        (Text::CountTotal, c.total),
        (Text::CountGreen, c.green),
        (Text::CountAmber, c.amber),
        (Text::CountRed, c.red),
        (Text::DirectionIn, c.into_area),
        (Text::DirectionOut, c.out_of_area),
        (Text::CountSentLate, c.sent_late),
    ];
    let backlog: i64 = day.devices.iter().map(|d| d.pending).sum();
    view! {
        <h2>{day.name} " (" {day.checkpoint} ") — " {day.date}</h2>
        <dl class="counts">
            {counts.into_iter().map(|(label, n)| view! {
                <div><dt>{t(label)}</dt><dd>{n}</dd></div>
            }).collect_view()}
            <div class:warn={backlog > 0}><dt>{t(Text::DeviceBacklog)}</dt><dd>{backlog}</dd></div>
        </dl>
        {listing(
            day.devices,
            "devices-caption",
            Text::DevicesTitle,
            &[
                Column::Label(Text::DeviceLabel),
                Column::Label(Text::Official),
                Column::Number(Text::PendingCrossings),
                Column::Label(Text::LastReport),
            ],
            |d| {
                view! {
                    <tr class:warn={d.pending > 0}>
                        <td>{d.device_id.chars().take(8).collect::<String>()}</td>
                        <td>{d.officer}</td>
                        <td class="num">{d.pending}</td>
                        <td>{local(&d.reported_at)}</td>
                    </tr>
                }
                .into_any()
            },
        )}
        {listing(
            day.crossings,
            "crossings-caption",
            Text::CrossingsTitle,
            &[Text::Time, Text::DirectionLabel, Text::VerdictLabel, Text::ActionToTake, Text::DocumentNumber, Text::Official].map(Column::Label),
            |x| {
                view! {
                    <tr>
                        <td>{local(&x.scanned_at)} {x.offline.then(|| view! { " " <small>{t(Text::SentLate)}</small> })}</td>
                        <td>{t(Text::for_direction(x.direction))}</td>
                        <td class=format!("verdict-cell {}", x.verdict.as_str())>{t(verdict_word(x.verdict))}</td>
                        <td>{t(Text::for_action(x.action))}</td>
                        <td>{x.document_number}</td>
                        <td>{x.officer}</td>
                    </tr>
                }
                .into_any()
            },
        )}
    }
}

fn verdict_word(v: domain::verdict::Verdict) -> Text {
    match v {
        domain::verdict::Verdict::Green => Text::CountGreen,
        domain::verdict::Verdict::Amber => Text::CountAmber,
        domain::verdict::Verdict::Red => Text::CountRed,
    }
}

/// RFC 3339 from the server, shown in Vietnam's time as "HH:MM DD/MM".
pub(crate) fn local(rfc3339: &str) -> String {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .map(|t| {
            let v = domain::date::VietnamTime::at(t.unix_timestamp());
            format!("{:02}:{:02} {:02}/{:02}", v.hour, v.minute, v.date.day, v.date.month)
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}
