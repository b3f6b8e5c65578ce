//! The checkpoint officer's screen. A 2D scanner that types like a keyboard, a pasted QR text or a typed
//! ID number go into one field. Without JavaScript the server judges and the crossing is a form post.
//! Once hydrated, the page judges passes itself with the domain's `judge()` and a cached bundle of keys,
//! revocations, area levels and rules, keeps crossings on the device and sends them when it can, exactly
//! once (each carries an id made here).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::get_scan;
use crate::components::{facts, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use contract::dto::ScanDraft;
use domain::crossing::Direction;
use domain::verdict::{Reason, Verdict};

/// A device clock further than this from the server's is worth a warning.
const CLOCK_WARNING_SECONDS: i64 = 180;

/// What the hydrated screen knows about its own state, for the status line.
#[derive(Clone, Copy)]
struct Device {
    pending: RwSignal<usize>,
    /// Crossings the server refused, waiting for the officer to correct or discard them.
    refused: RwSignal<Vec<RefusedView>>,
    skew: RwSignal<Option<i64>>,
    /// How old the cached bundle is, and the age past which the server wants a warning.
    bundle_age: RwSignal<Option<(i64, i64)>>,
    online: RwSignal<bool>,
    /// A passing message, e.g. that a typed ID number needs the network.
    notice: RwSignal<Option<Text>>,
}

#[component]
pub fn ScannerPage() -> impl IntoView {
    let query = use_query_map();
    let scan_id = move || query.with(|q| q.get("scan"));
    let from_server = Resource::new(scan_id, |id| async move {
        match id {
            Some(id) => get_scan(id).await.ok().flatten(),
            None => None,
        }
    });
    let shown: RwSignal<Option<ScanDraft>> = RwSignal::new(None);
    let device = Device {
        pending: RwSignal::new(0),
        refused: RwSignal::new(Vec::new()),
        skew: RwSignal::new(None),
        bundle_age: RwSignal::new(None),
        online: RwSignal::new(true),
        notice: RwSignal::new(None),
    };
    let direction = RwSignal::new(String::from("in"));
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        live::start(device);
    });
    view! {
        <OfficialPage title=Text::ScannerTitle forms=true>
            <DeviceStatus device/>
            <RefusedCrossings device/>
            <Camera shown direction device/>
            <ScanForm shown direction device/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let server = from_server.await;
                    let id = scan_id();
                    move || {
                        shown
                            .get()
                            .map(|s| (s, None))
                            .or_else(|| server.clone().map(|s| (s, id.clone())))
                            .map(|(scan, id)| view! { <VerdictPanel scan id shown device/> })
                    }
                })}
            </Suspense>
        </OfficialPage>
    }
}

#[component]
fn DeviceStatus(device: Device) -> impl IntoView {
    let skew = move || {
        device.skew.get().filter(|s| s.abs() > CLOCK_WARNING_SECONDS).map(|s| {
            view! { <p class="notice error" role="alert">{t(Text::ClockOff)} " " {s.abs() / 60} " " {t(Text::Minutes)}</p> }
        })
    };
    let stale = move || {
        device.bundle_age.get().filter(|(age, limit)| age > limit).map(|(age, _)| {
            view! { <p class="notice error" role="alert">{t(Text::BundleStale)} " " {age / 60} " " {t(Text::Minutes)}</p> }
        })
    };
    view! {
        <p class="device-status needs-js" role="status">
            <span class=move || if device.online.get() { "online" } else { "offline" }>
                {move || t(if device.online.get() { Text::Online } else { Text::Offline })}
            </span>
            " · " {t(Text::PendingCrossings)} " "
            <strong data-testid="pending">{move || device.pending.get()}</strong>
        </p>
        {skew}
        {stale}
        {move || device.notice.get().map(|text| view! { <p class="notice error" role="alert">{t(text)}</p> })}
    }
}

/// A crossing the server refused, as its officer sees it.
#[derive(Clone, PartialEq)]
struct RefusedView {
    client_id: String,
    /// The ID number it names, when it names one.
    person: String,
    /// As the device stamped it (RFC 3339).
    scanned_at: String,
    problems: Vec<contract::dto::RefusedField>,
    /// Refused only for a time ahead of the server's, with the clock's lead known.
    correctable: bool,
}

/// The crossings the server refused: each stays on the device, blocks nothing, and waits for its officer.
#[component]
fn RefusedCrossings(device: Device) -> impl IntoView {
    let item = move |r: RefusedView| {
        let reasons = r
            .problems
            .iter()
            .map(|p| t(Text::for_crossing_problem(&p.problem)))
            .collect::<Vec<_>>()
            .join(" ");
        let (fix, gone) = (r.client_id.clone(), r.client_id.clone());
        let correct = r.correctable.then(|| {
            view! {
                <button type="button" on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    live::correct(&fix, device);
                    #[cfg(not(feature = "hydrate"))]
                    let _ = &fix;
                }>{t(Text::RefusedCorrect)}</button>
            }
        });
        view! {
            <li data-testid="refused-crossing">
                <span>{r.person} " · " {r.scanned_at}</span>
                <span class="reasons">{reasons}</span>
                <span class="actions">
                    {correct}
                    <button type="button" class="secondary" on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        live::discard(gone.clone(), device);
                        #[cfg(not(feature = "hydrate"))]
                        let _ = &gone;
                    }>{t(Text::RefusedDiscard)}</button>
                </span>
            </li>
        }
    };
    move || {
        let refused = device.refused.get();
        (!refused.is_empty()).then(|| {
            view! {
                <section class="refused" aria-labelledby="refused-title">
                    <h2 id="refused-title">{t(Text::RefusedTitle)} " (" {refused.len()} ")"</h2>
                    <p>{t(Text::RefusedHelp)}</p>
                    <ul>{refused.into_iter().map(item).collect_view()}</ul>
                </section>
            }
        })
    }
}

/// The phone's rear camera, decoding continuously in a worker; the torch stays as set between travellers.
#[component]
fn Camera(
    shown: RwSignal<Option<ScanDraft>>,
    direction: RwSignal<String>,
    device: Device,
) -> impl IntoView {
    let on = RwSignal::new(false);
    let torch = RwSignal::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(video) = video.get_untracked() {
            camera::toggle(video, camera::Wiring { on, torch, shown, direction, device });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (on, shown, direction, device);
    };
    let switch_torch = move |_| {
        torch.update(|t| *t = !*t);
        #[cfg(feature = "hydrate")]
        camera::apply_torch(torch.get_untracked());
    };
    view! {
        <div class="camera needs-js">
            <p class="actions">
                <button type="button" on:click=toggle>
                    {move || t(if on.get() { Text::StopCamera } else { Text::StartCamera })}
                </button>
                <button type="button" class="secondary" aria-pressed=move || torch.get().to_string() on:click=switch_torch>
                    {t(Text::Torch)}
                </button>
            </p>
            <video node_ref=video class="viewfinder" class:off=move || !on.get() muted=true playsinline=true
                aria-label=t(Text::Viewfinder)></video>
        </div>
    }
}

#[component]
fn ScanForm(
    shown: RwSignal<Option<ScanDraft>>,
    direction: RwSignal<String>,
    device: Device,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            if let Some(field) = input.get_untracked() {
                let text = field.value();
                field.set_value("");
                live::scan(text, direction.get_untracked(), shown, device);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, input, shown, device);
    };
    view! {
        <form class="stack scan-form" method="post" action="/forms/scan" on:submit=on_submit>
            <label for="scan-code">{t(Text::ScanCodeLabel)}</label>
            <p class="hint" id="scan-code-hint">{t(Text::ScanCodeHint)}</p>
            <input id="scan-code" name="code" type="text" required autocomplete="off" autocapitalize="none"
                spellcheck="false" maxlength="2048" aria-describedby="scan-code-hint" node_ref=input/>
            <fieldset class="directions">
                <legend>{t(Text::DirectionLabel)}</legend>
                {Direction::ALL.into_iter().map(|d| {
                    let value = d.as_str();
                    let id = format!("direction-{value}");
                    let label_for = id.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input type="radio" id=id name="direction" value=value checked=d == Direction::In
                                prop:checked=move || direction.get() == value
                                on:change=move |_| direction.set(value.to_owned())/>
                            {t(Text::for_direction(d))}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{t(Text::CheckPass)}</button>
        </form>
    }
}

fn verdict_text(v: Verdict) -> Text {
    match v {
        Verdict::Green => Text::VerdictGreen,
        Verdict::Amber => Text::VerdictAmber,
        Verdict::Red => Text::VerdictRed,
    }
}

/// The verdict, big enough to read in the sun, with the facts to compare with the ID card and the two
/// decisions. `id` is the server's draft on the screen without JavaScript.
#[component]
fn VerdictPanel(
    scan: ScanDraft,
    id: Option<String>,
    shown: RwSignal<Option<ScanDraft>>,
    device: Device,
) -> impl IntoView {
    let j = scan.judgement.clone();
    let class = format!("verdict verdict-{}", j.verdict.as_str());
    let reasons = j
        .reasons
        .iter()
        .map(|r| {
            let level = match r {
                Reason::FromEpidemicArea { level } => {
                    format!(" ({} {})", t(Text::RiskLevelLabel), level.number())
                }
                _ => String::new(),
            };
            view! { <li>{t(Text::for_reason(*r))} {level}</li> }
        })
        .collect_view();
    let holder = j.holder.clone().map(|h| {
        let b = h.birth_date;
        let sex = if h.sex == domain::Sex::Male { Text::Male } else { Text::Female };
        // Beside the doses the pass declares, those on record when the server judged the scan.
        let doses = match scan.registered_doses.and_then(|r| domain::Doses::try_from(r).ok()) {
            Some(on_record) => crate::components::doses_text(
                Some(h.vaccination_doses.get()),
                on_record.get(),
                domain::vaccination::differs(h.vaccination_doses, on_record),
            ),
            None => format!("{} {}", h.vaccination_doses.get(), t(Text::DosesDeclared)),
        };
        facts(
            "facts compare",
            vec![
                (Text::FullName, h.full_name),
                (Text::DocumentNumber, h.document_number.to_string()),
                (Text::BirthDate, b.vietnamese()),
                (Text::Sex, t(sex).to_owned()),
                (Text::DosesLabel, doses),
            ],
        )
    });
    let card_form = j.holder.clone().map(|pass| {
        let draft_id = id.clone().unwrap_or_default();
        let on_card = move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                ev.prevent_default();
                let raw = live::field_value("card-code");
                shown.update(|s| {
                    if let Some(s) = s {
                        s.card = Some(domain::card::check(Some(&pass), &raw));
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &pass);
        };
        view! {
            <form method="post" action="/forms/card" class="card-form" on:submit=on_card>
                <input type="hidden" name="scan" value=draft_id/>
                <label for="card-code">{t(Text::CardQrLabel)}</label>
                <input id="card-code" name="card" type="text" autocomplete="off" spellcheck="false" maxlength="1024"/>
                <button type="submit" class="secondary">{t(Text::CompareCard)}</button>
            </form>
        }
    });
    let card = scan.card.clone().map(card_view);
    // Known when the server judged the scan; a device judging offline has codes only, and shows none.
    let places = (!scan.origin_name.is_empty()).then(|| {
        view! {
            <p class="places">
                {t(Text::PassFrom)} ": " {scan.origin_name.clone()} <br/>
                {t(Text::PassTo)} ": " {scan.destination_name.clone()}
            </p>
        }
    });
    let decide = move |matches: bool| {
        let scan = scan.clone();
        move |ev: leptos::ev::MouseEvent| {
            #[cfg(feature = "hydrate")]
            {
                ev.prevent_default();
                live::record(&scan, matches, device);
                shown.set(None);
                live::after_record();
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &scan, matches, device, shown);
        }
    };
    view! {
        <section class=class aria-labelledby="verdict-title">
            <h2 id="verdict-title" tabindex="-1">{t(verdict_text(j.verdict))}</h2>
            <ul class="reasons">{reasons}</ul>
            <p class="action">{t(Text::ActionToTake)} ": " <strong>{t(Text::for_action(j.action))}</strong></p>
            {holder}
            {places}
            {card}
            {card_form}
            <form method="post" action="/forms/crossing" class="decide">
                <input type="hidden" name="scan" value=id.unwrap_or_default()/>
                <button type="submit" name="outcome" value="confirm" on:click=decide(true)>{t(Text::CardMatches)}</button>
                <button type="submit" name="outcome" value="mismatch" class="secondary" on:click=decide(false)>
                    {t(Text::CardDiffers)}
                </button>
            </form>
        </section>
    }
}

/// The card next to the pass, field by field: what the card says and whether it matches.
fn card_view(check: domain::card::CardCheck) -> AnyView {
    let card = match check.card {
        Err(e) => {
            return view! { <p class="card-error" role="alert">{t(Text::for_card_error(e))}</p> }
                .into_any()
        }
        Ok(card) => card,
    };
    let Some(c) = check.comparison else {
        return ().into_any();
    };
    let b = card.birth_date;
    let sex = card
        .sex
        .map(|s| t(if s == domain::Sex::Male { Text::Male } else { Text::Female }))
        .unwrap_or("?");
    let rows = [
        (Text::DocumentNumber, card.cccd.clone(), c.document_number),
        (Text::FullName, card.full_name.clone(), c.full_name),
        (Text::BirthDate, b.vietnamese(), c.birth_date),
        (Text::Sex, sex.to_owned(), c.sex),
    ];
    view! {
        <div class="table-wrap card-compare" role="region" aria-labelledby="card-caption" tabindex="0">
            <table>
                <caption id="card-caption">{t(Text::CardComparisonTitle)}</caption>
                <thead><tr><th scope="col">{t(Text::Field)}</th><th scope="col">{t(Text::OnCard)}</th><th scope="col">{t(Text::Status)}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, value, m)| view! {
                        <tr class:differs=!m.agrees()>
                            <th scope="row">{t(label)}</th>
                            <td>{value}</td>
                            <td><strong>{t(Text::for_field_match(m))}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(feature = "hydrate")]
mod camera;
#[cfg(feature = "hydrate")]
mod live;
