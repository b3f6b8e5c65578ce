//! The daily report of a commune (or district) for its epidemic steering committee: one printable A4
//! page of figures (nobody is named), the 14-day trend as a chart with its table, downloads, and for
//! the commune chief the approval that locks it. Every button is a plain form post.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::daily_report;
use crate::components::listing::{listing, Column};
use crate::components::{Loaded, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use crate::pages::lists::day_chart;
use contract::dto::{DailyReport, UnitProgress};

#[component]
pub fn ReportPage() -> impl IntoView {
    let query = use_query_map();
    let unit = move || query.with(|q| q.get("don-vi").unwrap_or_default());
    let date = move || query.with(|q| q.get("ngay").unwrap_or_default());
    let report = Resource::new(move || (unit(), date()), |(u, d)| daily_report(u, d));
    view! {
        <OfficialPage title=Text::ReportTitle forms=true>
            <form class="stack narrow no-print" method="get" action="/bao-cao">
                <input type="hidden" name="don-vi" value=unit()/>
                <label for="report-date">{t(Text::ListsDate)}</label>
                <input id="report-date" name="ngay" type="date" value=date()/>
                <button type="submit" class="secondary">{t(Text::ListsShow)}</button>
            </form>
            <Loaded resource=report render=|report| view! { <Report report/> }/>
        </OfficialPage>
    }
}

fn figures(caption_id: &'static str, caption: Text, rows: Vec<(String, i64)>) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-labelledby=caption_id tabindex="0">
            <table>
                <caption id=caption_id>{t(caption)}</caption>
                <tbody>
                    {rows.into_iter().map(|(what, n)| view! {
                        <tr><th scope="row">{what}</th><td class="num">{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn level_word(level: &str) -> String {
    match level {
        "none" => t(Text::ReportNoArea).to_owned(),
        l => format!("{} {l}", t(Text::ReportLevel)),
    }
}

#[component]
fn Report(report: DailyReport) -> impl IntoView {
    let r = report;
    let base = format!("/bao-cao/tep?don-vi={}&ngay={}", r.unit_code, r.date);
    let status = match (&r.approved_by, &r.approved_at) {
        (Some(by), Some(at)) => format!("{}: {by}, {at}", t(Text::ReportApprovedBy)),
        _ => t(Text::ReportNotApproved).to_owned(),
    };
    let main = vec![
        (t(Text::ReportArrivals).to_owned(), r.arrivals),
        (t(Text::ReportConfirmed).to_owned(), r.confirmed),
        (t(Text::ReportPending).to_owned(), r.pending),
        (t(Text::ReportNotFound).to_owned(), r.not_found),
        (t(Text::ReportFollowUp).to_owned(), r.follow_up),
        (t(Text::ReportDosesDiffer).to_owned(), r.doses_differ),
    ];
    let origin: Vec<(String, i64)> = r.by_origin.into_iter().collect();
    let levels: Vec<(String, i64)> =
        r.by_origin_level.into_iter().map(|(l, n)| (level_word(&l), n)).collect();
    let doses: Vec<(String, i64)> = r.vaccination.into_iter().collect();
    let declared_doses: Vec<(String, i64)> = r
        .vaccination_declared
        .into_iter()
        .map(|(d, n)| {
            (if d == "not_declared" { t(Text::ReportNotDeclared).to_owned() } else { d }, n)
        })
        .collect();
    let amendment = (!r.amendment.is_empty()).then(|| {
        view! {
            <section aria-labelledby="report-amendment">
                <h3 id="report-amendment">{t(Text::ReportAmendment)}</h3>
                <ul>
                    {r.amendment.into_iter().map(|c| view! {
                        <li>{c.figure} ": " {c.approved} " → " {c.now}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let approve = r.may_approve.then(|| {
        view! {
            <form class="no-print" method="post" action="/forms/reports/approve">
                <input type="hidden" name="unit" value=r.unit_code.clone()/>
                <input type="hidden" name="date" value=r.date.clone()/>
                <button type="submit">{t(Text::ReportApprove)}</button>
            </form>
        }
    });
    view! {
        <article class="report" aria-labelledby="report-name">
            <h2 id="report-name">{r.unit_name.clone()} " – " {r.date.clone()}</h2>
            <p id="report-status">{status}</p>
            <div class="report-figures">
                {figures("report-main", Text::ReportMain, main)}
                {figures("report-origin", Text::ReportFromProvince, origin)}
                {figures("report-levels", Text::ReportOriginLevel, levels)}
                {figures("report-doses", Text::ReportDoses, doses)}
                {figures("report-declared-doses", Text::ReportDeclaredDoses, declared_doses)}
            </div>
            {amendment}
            {(!r.below.is_empty()).then(|| progress_table(r.below))}
            <section aria-labelledby="list-days">
                <h3 id="list-days">{t(Text::ListLastDays)}</h3>
                {day_chart(r.trend)}
            </section>
            {approve}
            <p class="no-print">
                <a href=format!("{base}&dang=csv") download="">{t(Text::ListDownloadCsv)}</a>
                " · "
                <a href=format!("{base}&dang=xlsx") download="">{t(Text::ListDownloadXlsx)}</a>
            </p>
        </article>
    }
}

/// How far each unit below has come with its reconciliation: what a district follows.
fn progress_table(below: Vec<UnitProgress>) -> impl IntoView {
    listing(
        below,
        "report-below",
        Text::ReportBelow,
        &[
            Column::Label(Text::ListUnit),
            Column::Number(Text::ReportArrivals),
            Column::Number(Text::ReportDone),
            Column::Number(Text::ReportPending),
        ],
        |u| {
            view! {
                <tr>
                    <td>{u.name}</td>
                    <td class="num">{u.arrivals}</td>
                    <td class="num">{u.done}</td>
                    <td class="num">{u.left}</td>
                </tr>
            }
            .into_any()
        },
    )
}
