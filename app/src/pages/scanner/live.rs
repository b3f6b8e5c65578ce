//! The hydrated screen: the cached bundle, local judging, the device's queue of crossings and its sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;

use super::Device;
use crate::api::{get_scanner_bundle, scan_number, sync_crossings};
use contract::dto::{ScanDraft, ScannerBundle};
use domain::crossing::CrossingInput;
use domain::pass::{KeyId, PublishedKey, VerifyingKey};
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

pub fn start(device: Device) {
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
    let _ =
        window().add_event_listener_with_callback("online", back_online.as_ref().unchecked_ref());
    back_online.forget();
    let gone = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || show_state(device));
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

pub fn scan(text: String, direction: String, shown: RwSignal<Option<ScanDraft>>, device: Device) {
    let text = text.trim().to_owned();
    if text.is_empty() {
        return;
    }
    if domain::DocumentNumber::parse(&text).is_ok() {
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
                b.keys.iter().find(|k| k.key_id == id.0).and_then(|k| {
                    let key = VerifyingKey::from_bytes(&k.public_key).ok()?;
                    Some(PublishedKey {
                        key,
                        retired_at: k.retired_at,
                    })
                })
            },
            is_revoked: |id| b.revoked.contains(&id.to_string()),
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
    let (verdict, action) =
        domain::verdict::recorded_outcome(scan.judgement.verdict, scan.judgement.action, matches);
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
