//! The daily lists: a unit's list of a day with its hand-over status, the units below with theirs
//! (forward buttons for the level above, overdue marks), the last 14 days as a chart with its table,
//! and the people on the list for police who may read them. Every button is a plain form post.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{daily_list, list_history};
use crate::components::listing::{listing, Column};
use crate::components::{Loaded, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use crate::pages::checkpoint_day::local;
use contract::dto::{AreaInForce, DailyList, DayCount, ListCheckpoint, ListChild};

#[component]
pub fn ListsPage() -> impl IntoView {
    let query = use_query_map();
    let unit = move || query.with(|q| q.get("don-vi").unwrap_or_default());
    let date = move || query.with(|q| q.get("ngay").unwrap_or_default());
    let list = Resource::new(move || (unit(), date()), |(u, d)| daily_list(u, d));
    // Made with the page, never inside a section that waits, so the page hydrates.
    let history = Resource::new(move || (unit(), date()), |(u, d)| list_history(u, d));
    view! {
        <OfficialPage title=Text::ListsTitle forms=true>
            <form class="stack narrow" method="get" action="/danh-sach">
                <input type="hidden" name="don-vi" value=unit()/>
                <label for="list-date">{t(Text::ListsDate)}</label>
                <input id="list-date" name="ngay" type="date" value=date()/>
                <button type="submit" class="secondary">{t(Text::ListsShow)}</button>
            </form>
            <Loaded resource=list render=|list| view! { <List list/> }/>
            <section aria-labelledby="list-days">
                <h2 id="list-days">{t(Text::ListLastDays)}</h2>
                <Loaded resource=history render=day_chart/>
            </section>
        </OfficialPage>
    }
}

fn status_word(status: &str) -> Text {
    match status {
        "new" => Text::ListStatusNew,
        "forwarded" => Text::ListStatusForwarded,
        "acknowledged" => Text::ListStatusAcknowledged,
        "closed" => Text::ListStatusClosed,
        _ => Text::ListStatusOpen,
    }
}

fn list_href(unit: &str, date: &str) -> String {
    format!("/danh-sach?don-vi={unit}&ngay={date}")
}

/// A hand-over button: a form that posts the unit, day and part, and says where to come back to.
fn step_form(
    action: &'static str,
    unit: &str,
    date: &str,
    part: &str,
    back: &str,
    label: Text,
) -> impl IntoView {
    view! {
        <form class="inline" method="post" action=action>
            <input type="hidden" name="unit" value=unit.to_owned()/>
            <input type="hidden" name="date" value=date.to_owned()/>
            <input type="hidden" name="part" value=part.to_owned()/>
            <input type="hidden" name="back" value=back.to_owned()/>
            <button type="submit">{t(label)}</button>
        </form>
    }
}

#[component]
fn List(list: DailyList) -> impl IntoView {
    let c = list.counts;
    let counts = [
        (Text::ListArrivals, c.arrivals),
        (Text::ListCrossed, c.crossed),
        (Text::ListCrossingOnly, c.crossing_only),
        (Text::ListOnline, c.online),
        (Text::ListPaper, c.paper),
        (Text::ListAddendum, c.addendum),
    ];
    let title = if list.unit_code.is_empty() {
        t(Text::ListsCountry).to_owned()
    } else {
        list.unit_name.clone()
    };
    let (unit, date) = (list.unit_code.clone(), list.date.clone());
    let acknowledge = list.acknowledge_part.as_deref().map(|part| {
        step_form("/forms/lists/acknowledge", &unit, &date, part, &unit, Text::ListAcknowledge)
    });
    let files = (!list.arrivals.is_empty()).then(|| {
        let base = format!("/danh-sach/tep?don-vi={unit}&ngay={date}");
        view! {
            <p class="downloads">
                <a href=format!("{base}&dang=csv") download="">{t(Text::ListDownloadCsv)}</a>
                " "
                <a href=format!("{base}&dang=xlsx") download="">{t(Text::ListDownloadXlsx)}</a>
            </p>
        }
    });
    let above = list.above.clone();
    let children = list.children.clone();
    let people = list.arrivals.clone();
    let counts_only = people.is_empty() && !unit.is_empty() && c.arrivals > 0;
    view! {
        <nav aria-label=t(Text::ListUp) class="crumbs">
            <ol>
                {above.into_iter().map(|u| {
                    let href = list_href(&u.code, &date);
                    view! { <li><a href=href>{u.name}</a></li> }
                }).collect_view()}
                <li aria-current="page">{title.clone()}</li>
            </ol>
        </nav>
        <h2 id="list-name">{title} " — " {list.date.clone()}</h2>
        <p>
            {t(Text::ListsStatus)} ": "
            <strong class=format!("badge {}", list.status)>{t(status_word(&list.status))}</strong>
            {list.forwarded.map(|s| view! { " · " {t(Text::ListForwardedBy)} ": " {s.by} " " {local(&s.at)} })}
            {list.acknowledged.map(|s| view! { " · " {t(Text::ListAcknowledgedBy)} ": " {s.by} " " {local(&s.at)} })}
            {list.addendum_status.map(|s| view! { " · " {t(Text::ListAddendum)} ": " {t(status_word(&s))} })}
        </p>
        {acknowledge}
        <dl class="counts">
            {counts.into_iter().map(|(label, n)| view! {
                <div><dt>{t(label)}</dt><dd>{n}</dd></div>
            }).collect_view()}
        </dl>
        {(!children.is_empty()).then(|| children_table(children, &date, &unit))}
        {(!list.checkpoints.is_empty()).then(|| checkpoints_table(list.checkpoints.clone()))}
        {areas_table(list.areas.clone())}
        {list.purged.then(|| view! { <p class="notice">{t(Text::ListPurged)}</p> })}
        {(counts_only && !list.purged).then(|| view! { <p>{t(Text::ListCountsOnly)}</p> })}
        {files}
        {(!people.is_empty()).then(|| listing(
            people,
            "list-people",
            Text::ListPeople,
            &[Text::ColDocument, Text::ColFullName, Text::ColBirthDate, Text::ColDestination, Text::ColChannel, Text::ColCrossedAt, Text::ColCheckpoint, Text::ColPart, Text::DosesLabel].map(Column::Label),
            |a| {
                let part = if a.part == "addendum" { t(Text::ListAddendum) } else { "" };
                let doses = crate::components::doses_text(a.declared_doses, a.registered_doses, a.doses_differ);
                view! {
                    <tr class:late={a.part == "addendum"}>
                        <td><a href=format!("/registry?number={}", a.document_number)>{a.document_number.clone()}</a></td>
                        <td>{a.full_name}</td>
                        <td>{a.birth_date}</td>
                        <td>{a.destination_commune}</td>
                        <td>{a.channel}</td>
                        <td>{a.crossed_at.as_deref().map(local).unwrap_or_default()}</td>
                        <td>{a.checkpoint.unwrap_or_default()}</td>
                        <td>{part}</td>
                        <td class:differs=a.doses_differ>{doses}</td>
                    </tr>
                }
                .into_any()
            },
        ))}
    }
}

fn checkpoints_table(checkpoints: Vec<ListCheckpoint>) -> impl IntoView {
    listing(
        checkpoints,
        "list-checkpoints",
        Text::ListCheckpoints,
        &[
            Column::Label(Text::ColCheckpoint),
            Column::Number(Text::ListEntering),
            Column::Number(Text::ListLeaving),
            Column::Number(Text::ListPeopleSeen),
        ],
        |c| {
            view! {
                <tr>
                    <td>{c.code} " — " {c.name}</td>
                    <td class="num">{c.entering}</td>
                    <td class="num">{c.leaving}</td>
                    <td class="num">{c.people}</td>
                </tr>
            }
            .into_any()
        },
    )
}

fn areas_table(areas: Vec<AreaInForce>) -> impl IntoView {
    if areas.is_empty() {
        return view! {
            <section aria-labelledby="list-areas">
                <h3 id="list-areas">{t(Text::ListAreas)}</h3>
                <p>{t(Text::ListNoAreas)}</p>
            </section>
        }
        .into_any();
    }
    listing(
        areas,
        "list-areas",
        Text::ListAreas,
        &[
            Column::Label(Text::ListUnit),
            Column::Label(Text::RiskLevelLabel),
            Column::Label(Text::ColSince),
            Column::Label(Text::ColUntil),
        ],
        |a| {
            let level = match a.level {
                1 => Text::Level1,
                2 => Text::Level2,
                3 => Text::Level3,
                _ => Text::Level4,
            };
            view! {
                <tr class=format!("level-{}", a.level)>
                    <td>{a.unit_name}</td>
                    <td>{t(level)}</td>
                    <td>{a.valid_from}</td>
                    <td>{a.valid_until.unwrap_or_default()}</td>
                </tr>
            }
            .into_any()
        },
    )
    .into_any()
}

fn children_table(children: Vec<ListChild>, date: &str, back: &str) -> impl IntoView {
    let (date, back) = (date.to_owned(), back.to_owned());
    listing(
        children,
        "list-below",
        Text::ListUnitsBelow,
        &[
            Column::Label(Text::ListUnit),
            Column::Label(Text::ListsStatus),
            Column::Number(Text::ListArrivals),
            Column::Number(Text::ListCrossed),
            Column::Number(Text::ListAddendum),
            Column::Label(Text::ListForward),
        ],
        move |c| {
            let forward = c.forward_part.as_deref().map(|part| {
                let label =
                    if part == "main" { Text::ListForward } else { Text::ListForwardAddendum };
                step_form("/forms/lists/forward", &c.unit_code, &date, part, &back, label)
            });
            view! {
                <tr class:warn=c.overdue>
                    <td><a href=list_href(&c.unit_code, &date)>{c.name}</a></td>
                    <td>
                        <span class=format!("badge {}", c.status)>{t(status_word(&c.status))}</span>
                        {c.overdue.then(|| view! { " " <strong class="badge overdue">{t(Text::ListOverdue)}</strong> })}
                    </td>
                    <td class="num">{c.arrivals}</td>
                    <td class="num">{c.crossed}</td>
                    <td class="num">{c.addendum}</td>
                    <td>{forward}</td>
                </tr>
            }
            .into_any()
        },
    )
}

/// Arrivals per day as bars, drawn on the server; the table below carries the same figures for screen
/// readers and anyone who wants the numbers.
pub(crate) fn day_chart(days: Vec<DayCount>) -> impl IntoView {
    const WIDTH: usize = 280;
    const HEIGHT: i64 = 100;
    let top = days.iter().map(|d| d.arrivals).max().unwrap_or(0).max(1);
    let bar = WIDTH / days.len().max(1);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let h = d.arrivals * HEIGHT / top;
            view! {
                <rect x=(i * bar + 1).to_string() y=(HEIGHT - h).to_string() width=(bar.saturating_sub(2)).to_string()
                    height=h.to_string() class:open=!d.closed/>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="chart-caption" focusable="false">
                {bars}
            </svg>
            <figcaption id="chart-caption">{t(Text::ListChartDescription)}</figcaption>
        </figure>
        {listing(
            days,
            "chart-table",
            Text::ListLastDays,
            &[
                Column::Label(Text::ListsDate),
                Column::Number(Text::ListArrivals),
                Column::Number(Text::ListCrossed),
                Column::Number(Text::ListCrossingOnly),
                Column::Label(Text::ListsStatus),
            ],
            |d| {
                let status = if d.closed { Text::ListStatusClosed } else { Text::ListStatusOpen };
                view! {
                    <tr>
                        <td>{d.date}</td>
                        <td class="num">{d.arrivals}</td>
                        <td class="num">{d.crossed}</td>
                        <td class="num">{d.crossing_only}</td>
                        <td>{t(status)}</td>
                    </tr>
                }
                .into_any()
            },
        )}
    }
}
