//! The camera: frames go to `/qr-worker.js` (BarcodeDetector or the Rust decoder) a few times a second while
//! nothing is on screen, or while a pass is shown and its holder's card may follow.

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
use contract::dto::ScanDraft;

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
        JsFuture::from(media.get_user_media_with_constraints(&constraints)?).await?.dyn_into()?;
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
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d context"))?.dyn_into()?;
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
            let Ok(frame) = context.get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
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
            if sender.post_message_with_transfer(&message, &js_sys::Array::of1(&pixels)).is_err() {
                busy.set(false);
            }
        },
        FRAME_EVERY,
    )
    .map_err(|_| JsValue::from_str("no timer"))?;
    RUNNING.with(|r| {
        *r.borrow_mut() = Some(Running { stream, worker, timer, _on_message: on_message })
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
