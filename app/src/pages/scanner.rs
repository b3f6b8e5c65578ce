//! The checkpoint officer's screen. A 2D scanner that types like a keyboard, a pasted QR text or a typed
//! ID number go into one field. Without JavaScript the server judges and the crossing is a form post.
//! Once hydrated, the page judges passes itself with the domain's `judge()` and a cached bundle of keys,
//! revocations, area levels and rules, keeps crossings on the device and sends them when it can, exactly
//! once (each carries an id made here).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_scan;
use crate::components::{Notice, RequireLogin};
use crate::dto::ScanDraft;
use crate::i18n::Text;
use crate::t;
use domain::verdict::{Reason, Verdict};

/// A device clock further than this from the server's is worth a warning.
const CLOCK_WARNING_SECONDS: i64 = 180;

/// What the hydrated screen knows about its own state, for the status line.
#[derive(Clone, Copy)]
struct Device {
    pending: RwSignal<usize>,
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
        skew: RwSignal::new(None),
        bundle_age: RwSignal::new(None),
        online: RwSignal::new(true),
        notice: RwSignal::new(None),
    };
    let direction = RwSignal::new(String::from("in"));
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        live::start(device, direction);
    });
    view! {
        <Title text=t(Text::ScannerTitle)/>
        <h1>{t(Text::ScannerTitle)}</h1>
        <Notice/>
        <RequireLogin>
            <DeviceStatus device/>
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
        </RequireLogin>
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
            camera::toggle(
                video,
                camera::Wiring {
                    on,
                    torch,
                    shown,
                    direction,
                    device,
                },
            );
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
                {[("in", Text::DirectionIn), ("out", Text::DirectionOut)].into_iter().map(|(value, label)| {
                    let id = format!("direction-{value}");
                    let label_for = id.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input type="radio" id=id name="direction" value=value checked=value == "in"
                                prop:checked=move || direction.get() == value
                                on:change=move |_| direction.set(value.to_owned())/>
                            {t(label)}
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
        view! {
            <dl class="facts compare">
                <dt>{t(Text::FullName)}</dt>
                <dd>{h.full_name}</dd>
                <dt>{t(Text::DocumentNumber)}</dt>
                <dd>{h.document_number}</dd>
                <dt>{t(Text::BirthDate)}</dt>
                <dd>{format!("{:02}/{:02}/{:04}", b.day, b.month, b.year)}</dd>
                <dt>{t(Text::Sex)}</dt>
                <dd>{t(if h.sex == domain::Sex::Male { Text::Male } else { Text::Female })}</dd>
            </dl>
        }
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
    let places = (!scan.origin_name.is_empty()).then(|| {
        view! { <p class="places">{t(Text::PassFrom)} ": " {scan.origin_name.clone()}</p> }
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
        .map(|s| {
            t(if s == domain::Sex::Male {
                Text::Male
            } else {
                Text::Female
            })
        })
        .unwrap_or("?");
    let rows = [
        (Text::DocumentNumber, card.cccd.clone(), c.document_number),
        (Text::FullName, card.full_name.clone(), c.full_name),
        (
            Text::BirthDate,
            format!("{:02}/{:02}/{:04}", b.day, b.month, b.year),
            c.birth_date,
        ),
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

/// The camera: frames go to `/qr-worker.js` (BarcodeDetector or the Rust decoder) a few times a second while
/// nothing is on screen, or while a pass is shown and its holder's card may follow.
#[cfg(feature = "hydrate")]
mod camera {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
        MediaStreamConstraints, MediaStreamTrack, MessageEvent, Worker,
    };

    use super::{live, Device};
    use crate::dto::ScanDraft;

    const FRAME_EVERY: std::time::Duration = std::time::Duration::from_millis(100);
    /// Wide enough to read a version-10 code held at arm's length, small enough to decode in ~20 ms.
    const FRAME_WIDTH: u32 = 640;
    /// The same code still in view just after a crossing is recorded is not a new traveller.
    const SAME_CODE_PAUSE_MS: f64 = 4000.0;
    const TORCH_KEY: &str = "zonepass.scanner.torch";

    #[derive(Clone, Copy)]
    pub struct Wiring {
        pub on: RwSignal<bool>,
        pub torch: RwSignal<bool>,
        pub shown: RwSignal<Option<ScanDraft>>,
        pub direction: RwSignal<String>,
        pub device: Device,
    }

    struct Running {
        stream: MediaStream,
        worker: Worker,
        timer: IntervalHandle,
        _on_message: Closure<dyn FnMut(MessageEvent)>,
    }

    thread_local! {
        static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    }

    pub fn toggle(video: HtmlVideoElement, wiring: Wiring) {
        if RUNNING.with(|r| r.borrow().is_some()) {
            stop();
            wiring.on.set(false);
            return;
        }
        wiring.torch.set(
            window()
                .local_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item(TORCH_KEY).ok().flatten())
                .is_some_and(|v| v == "on"),
        );
        spawn_local(async move {
            if start(video, wiring).await.is_ok() {
                wiring.on.set(true);
                apply_torch(wiring.torch.get_untracked());
            }
        });
    }

    fn stop() {
        if let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) {
            running.timer.clear();
            running.worker.terminate();
            for track in running.stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
    }

    fn set(target: &JsValue, key: &str, value: &JsValue) {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
    }

    async fn start(video: HtmlVideoElement, w: Wiring) -> Result<(), JsValue> {
        let media = window().navigator().media_devices()?;
        let wanted = js_sys::Object::new();
        // A preference, not `exact`: a laptop's or a test's camera has no facing mode and must still work.
        set(&wanted, "facingMode", &JsValue::from_str("environment"));
        let ideal = js_sys::Object::new();
        set(&ideal, "ideal", &JsValue::from_f64(1280.0));
        set(&wanted, "width", &ideal);
        let constraints = MediaStreamConstraints::new();
        constraints.set_video(&wanted);
        let stream: MediaStream =
            JsFuture::from(media.get_user_media_with_constraints(&constraints)?)
                .await?
                .dyn_into()?;
        video.set_src_object(Some(&stream));
        let _ = video.play();

        let worker = Worker::new("/qr-worker.js")?;
        let busy = Rc::new(Cell::new(false));
        let last = Rc::new(RefCell::new((String::new(), 0.0f64)));
        let on_message = {
            let busy = busy.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                busy.set(false);
                let text = js_sys::Reflect::get(&event.data(), &JsValue::from_str("text"))
                    .ok()
                    .and_then(|t| t.as_string());
                if let Some(text) = text {
                    decoded(text, w, &last);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let canvas: HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
        let context: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d context"))?
            .dyn_into()?;
        let sender = worker.clone();
        let timer = set_interval_with_handle(
            move || {
                if busy.get() || video.video_width() == 0 {
                    return;
                }
                let (vw, vh) = (video.video_width(), video.video_height());
                let width = vw.min(FRAME_WIDTH);
                let height = vh * width / vw;
                canvas.set_width(width);
                canvas.set_height(height);
                if context
                    .draw_image_with_html_video_element_and_dw_and_dh(
                        &video,
                        0.0,
                        0.0,
                        f64::from(width),
                        f64::from(height),
                    )
                    .is_err()
                {
                    return;
                }
                let Ok(frame) =
                    context.get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
                else {
                    return;
                };
                let pixels = js_sys::Uint8Array::from(frame.data().0.as_slice()).buffer();
                let message = js_sys::Object::new();
                set(&message, "width", &JsValue::from(width));
                set(&message, "height", &JsValue::from(height));
                set(&message, "pixels", &pixels);
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("zonepass:frame");
                }
                busy.set(true);
                if sender
                    .post_message_with_transfer(&message, &js_sys::Array::of1(&pixels))
                    .is_err()
                {
                    busy.set(false);
                }
            },
            FRAME_EVERY,
        )
        .map_err(|_| JsValue::from_str("no timer"))?;
        RUNNING.with(|r| {
            *r.borrow_mut() = Some(Running {
                stream,
                worker,
                timer,
                _on_message: on_message,
            })
        });
        Ok(())
    }

    /// A code read from a frame: a pass when nothing is on screen, the holder's card when their pass is.
    fn decoded(text: String, w: Wiring, last: &Rc<RefCell<(String, f64)>>) {
        let now = js_sys::Date::now();
        {
            let (previous, at) = &*last.borrow();
            if *previous == text && now - at < SAME_CODE_PAUSE_MS {
                return;
            }
        }
        let showing = w.shown.get_untracked();
        match showing {
            // A card held up before its pass: nothing to compare it with yet.
            None if domain::card::parse(&text).is_ok() => {}
            None => {
                *last.borrow_mut() = (text.clone(), now);
                live::scan(text, w.direction.get_untracked(), w.shown, w.device);
                if let Some(performance) = window().performance() {
                    let _ = performance
                        .measure_with_start_mark("zonepass:frame-to-verdict", "zonepass:frame");
                }
            }
            Some(scan) if scan.card.is_none() && text.contains('|') => {
                *last.borrow_mut() = (text.clone(), now);
                let holder = scan.judgement.holder.clone();
                w.shown.update(|s| {
                    if let Some(s) = s {
                        s.card = Some(domain::card::check(holder.as_ref(), &text));
                    }
                });
            }
            Some(_) => {}
        }
    }

    /// Turns the torch on or off where the camera has one, and remembers the choice for the next start.
    pub fn apply_torch(on: bool) {
        if let Some(store) = window().local_storage().ok().flatten() {
            let _ = store.set_item(TORCH_KEY, if on { "on" } else { "off" });
        }
        RUNNING.with(|r| {
            let Some(running) = r.borrow().as_ref().map(|r| r.stream.clone()) else {
                return;
            };
            for track in running.get_video_tracks().iter() {
                let Ok(track) = track.dyn_into::<MediaStreamTrack>() else {
                    continue;
                };
                let torch = js_sys::Object::new();
                set(&torch, "torch", &JsValue::from_bool(on));
                let constraints = js_sys::Object::new();
                set(&constraints, "advanced", &js_sys::Array::of1(&torch));
                // A camera without a torch refuses the constraint; nothing else changes.
                if let Ok(promise) =
                    track.apply_constraints_with_constraints(constraints.unchecked_ref())
                {
                    spawn_local(async move {
                        let _ = JsFuture::from(promise).await;
                    });
                }
            }
        });
    }
}

/// The hydrated screen: the cached bundle, local judging, the device's queue of crossings and its sync.
#[cfg(feature = "hydrate")]
mod live {
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos::wasm_bindgen::JsCast;

    use super::Device;
    use crate::api::{get_scanner_bundle, scan_number, sync_crossings};
    use crate::dto::{ScanDraft, ScannerBundle};
    use domain::crossing::CrossingInput;
    use domain::pass::{KeyId, VerifyingKey};
    use domain::rules::CheckpointAction;
    use domain::verdict::{judge, Knowledge, Verdict};

    const BUNDLE_KEY: &str = "zonepass.scanner.bundle";
    const QUEUE_KEY: &str = "zonepass.scanner.queue";
    const DEVICE_KEY: &str = "zonepass.scanner.device";
    const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(15);

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Cached {
        bundle: ScannerBundle,
        /// The device's clock when the bundle arrived.
        fetched_at: i64,
    }

    fn now() -> i64 {
        (js_sys::Date::now() / 1000.0) as i64
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn load<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
        storage()?
            .get_item(key)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
    }

    fn save<T: serde::Serialize>(key: &str, value: &T) {
        if let (Some(store), Ok(text)) = (storage(), serde_json::to_string(value)) {
            let _ = store.set_item(key, &text);
        }
    }

    fn queue() -> Vec<CrossingInput> {
        load(QUEUE_KEY).unwrap_or_default()
    }

    fn show_state(device: Device) {
        device.pending.set(queue().len());
        device.online.set(window().navigator().on_line());
        if let Some(cached) = load::<Cached>(BUNDLE_KEY) {
            device
                .skew
                .set(Some(cached.fetched_at - cached.bundle.server_time));
            device.bundle_age.set(Some((
                now() - cached.fetched_at,
                cached.bundle.max_age_seconds,
            )));
        }
    }

    pub fn start(device: Device, _direction: RwSignal<String>) {
        show_state(device);
        refresh_bundle(device);
        sync(device);
        set_interval(
            move || {
                refresh_bundle(device);
                sync(device);
            },
            SYNC_EVERY,
        );
        let back_online = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            refresh_bundle(device);
            sync(device);
        });
        let _ = window()
            .add_event_listener_with_callback("online", back_online.as_ref().unchecked_ref());
        back_online.forget();
        let gone =
            leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || show_state(device));
        let _ = window().add_event_listener_with_callback("offline", gone.as_ref().unchecked_ref());
        gone.forget();
        after_record();
    }

    fn refresh_bundle(device: Device) {
        if !window().navigator().on_line() {
            show_state(device);
            return;
        }
        let pending = u32::try_from(queue().len()).unwrap_or(u32::MAX);
        spawn_local(async move {
            if let Ok(bundle) = get_scanner_bundle(device_id(), pending).await {
                save(
                    BUNDLE_KEY,
                    &Cached {
                        bundle,
                        fetched_at: now(),
                    },
                );
            }
            show_state(device);
        });
    }

    /// Sends the queue; what the server took (stored now or before) leaves the queue, anything added
    /// meanwhile stays.
    fn sync(device: Device) {
        let batch = queue();
        if batch.is_empty() || !window().navigator().on_line() {
            show_state(device);
            return;
        }
        spawn_local(async move {
            if sync_crossings(batch.clone()).await.is_ok() {
                let sent: std::collections::HashSet<String> =
                    batch.into_iter().map(|c| c.client_id).collect();
                let mut left = queue();
                left.retain(|c| !sent.contains(&c.client_id));
                save(QUEUE_KEY, &left);
            }
            show_state(device);
        });
    }

    /// This device's id, made once and kept, so its supervisor can tell devices apart.
    fn device_id() -> String {
        if let Some(id) = load::<String>(DEVICE_KEY) {
            return id;
        }
        let id = new_id();
        save(DEVICE_KEY, &id);
        id
    }

    fn new_id() -> String {
        window()
            .crypto()
            .map(|c| c.random_uuid())
            .unwrap_or_else(|_| format!("dev-{}-{}", now(), (js_sys::Math::random() * 1e9) as u64))
    }

    pub fn scan(
        text: String,
        direction: String,
        shown: RwSignal<Option<ScanDraft>>,
        device: Device,
    ) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        let typed = matches!(text.len(), 9 | 12) && text.bytes().all(|b| b.is_ascii_digit());
        if typed {
            // A typed ID number needs the server to find the person's pass.
            device.notice.set(None);
            spawn_local(async move {
                match scan_number(text).await {
                    Ok(mut scan) => {
                        scan.direction = direction;
                        present(scan, shown);
                    }
                    // Not "no pass": the person may well have one; the officer asks for the QR or waits.
                    Err(_) => device
                        .notice
                        .set(Some(crate::i18n::Text::NumberNeedsNetwork)),
                }
            });
            return;
        }
        let Some(cached) = load::<Cached>(BUNDLE_KEY) else {
            return;
        };
        let b = &cached.bundle;
        let at = now();
        let judgement = judge(
            &text,
            &Knowledge {
                key_for: |id: KeyId| {
                    b.keys
                        .iter()
                        .find(|k| k.key_id == id.0)
                        .and_then(|k| VerifyingKey::from_bytes(&k.public_key).ok())
                },
                is_revoked: |id| b.revoked.iter().any(|r| *r == format!("{:016x}", id.0)),
                level_of: |unit| b.levels.level_at(unit, at),
                rules: &b.rules,
            },
            at,
        );
        present(
            ScanDraft {
                officer_id: 0,
                judgement,
                origin_name: String::new(),
                destination_name: String::new(),
                token: Some(text),
                document_number: None,
                direction,
                scanned_at: at,
                card: None,
            },
            shown,
        );
    }

    fn present(scan: ScanDraft, shown: RwSignal<Option<ScanDraft>>) {
        let pattern: &[u32] = match scan.judgement.verdict {
            Verdict::Green => &[120],
            Verdict::Amber => &[120, 80, 120],
            Verdict::Red => &[400, 120, 400],
        };
        let pattern = js_sys::Array::from_iter(
            pattern
                .iter()
                .map(|n| leptos::wasm_bindgen::JsValue::from(*n)),
        );
        let _ = window().navigator().vibrate_with_pattern(&pattern);
        let has_holder = scan.judgement.holder.is_some();
        shown.set(Some(scan));
        // A keyboard-like scanner types the card's QR next: put it where it belongs.
        request_animation_frame(move || {
            focus(if has_holder {
                "card-code"
            } else {
                "verdict-title"
            })
        });
    }

    pub fn record(scan: &ScanDraft, matches: bool, device: Device) {
        let (verdict, action) = if matches {
            (scan.judgement.verdict, scan.judgement.action)
        } else {
            (Verdict::Red, CheckpointAction::TurnBack)
        };
        let client_id = new_id();
        let mut list = queue();
        list.push(CrossingInput {
            client_id,
            token: scan.token.clone(),
            document_number: scan.document_number.clone(),
            direction: scan.direction.clone(),
            verdict: verdict.as_str().to_owned(),
            action: action.as_str().to_owned(),
            scanned_at: rfc3339(scan.scanned_at),
            offline: !window().navigator().on_line(),
        });
        save(QUEUE_KEY, &list);
        sync(device);
        show_state(device);
    }

    fn rfc3339(unix: i64) -> String {
        js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(
            unix as f64 * 1000.0,
        ))
        .to_iso_string()
        .into()
    }

    fn focus(id: &str) {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }

    pub fn field_value(id: &str) -> String {
        document()
            .get_element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|el| el.value())
            .unwrap_or_default()
    }

    /// Ready for the next traveller: the field empty and focused, for the camera-less scanner's keystrokes.
    pub fn after_record() {
        request_animation_frame(|| focus("scan-code"));
    }
}
