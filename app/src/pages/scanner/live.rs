//! The hydrated screen: the cached bundle, local judging, the device's queue of crossings and its sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;

use super::{Device, RefusedView};
use crate::api::{
    discard_crossing, doses_on_record, get_scanner_bundle, scan_number, sync_crossings,
};
use contract::dto::{CrossingOutcome, RefusedField, ScanDraft, ScannerBundle};
use domain::crossing::{clock_correction, CrossingInput, MAX_BATCH};
use domain::pass::{KeyId, PublishedKey, VerifyingKey};
use domain::revocation::{self, Revoked};
use domain::verdict::{judge, Knowledge, Verdict};

const BUNDLE_KEY: &str = "zonepass.scanner.bundle";
const QUEUE_KEY: &str = "zonepass.scanner.crossings";
/// Where an earlier version kept its queue (bare crossings): read once, so no crossing is lost.
const OLD_QUEUE_KEY: &str = "zonepass.scanner.queue";
const DEVICE_KEY: &str = "zonepass.scanner.device";
const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(15);

#[derive(serde::Serialize, serde::Deserialize)]
struct Cached {
    bundle: ScannerBundle,
    /// The device's clock when the bundle arrived.
    fetched_at: i64,
    /// Every revocation the device holds: the bundles' deltas merged.
    #[serde(default)]
    revoked: Vec<Revoked>,
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    storage()?.get_item(key).ok().flatten().and_then(|text| serde_json::from_str(&text).ok())
}

fn save<T: serde::Serialize>(key: &str, value: &T) {
    if let (Some(store), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = store.set_item(key, &text);
    }
}

/// A crossing kept on the device until the server has it.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Queued {
    crossing: CrossingInput,
    /// How far this device's clock ran ahead of the server's when it was scanned (from the last bundle),
    /// which corrects its time if the server refuses it as being in the future.
    clock_lead: Option<i64>,
    /// Set once the server refused it: it waits for its officer and is not sent again until corrected.
    refused: Option<Vec<RefusedField>>,
}

fn queue() -> Vec<Queued> {
    let mut list: Vec<Queued> = load(QUEUE_KEY).unwrap_or_default();
    if let Some(old) = load::<Vec<CrossingInput>>(OLD_QUEUE_KEY) {
        list.extend(old.into_iter().map(|crossing| Queued {
            crossing,
            clock_lead: None,
            refused: None,
        }));
        save(QUEUE_KEY, &list);
        if let Some(store) = storage() {
            let _ = store.remove_item(OLD_QUEUE_KEY);
        }
    }
    list
}

impl Cached {
    /// How far this device's clock ran ahead of the server's when the bundle arrived.
    fn clock_lead(&self) -> i64 {
        self.fetched_at - self.bundle.server_time
    }
}

fn show_state(device: Device) {
    let list = queue();
    device.pending.set(list.iter().filter(|q| q.refused.is_none()).count());
    device.refused.set(
        list.iter()
            .filter_map(|q| {
                let problems = q.refused.clone()?;
                Some(RefusedView {
                    client_id: q.crossing.client_id.clone(),
                    person: domain::crossing::person_named(&q.crossing).unwrap_or_default(),
                    scanned_at: q.crossing.scanned_at.clone(),
                    correctable: clock_correction(
                        problems.iter().map(RefusedField::pair),
                        q.clock_lead,
                    )
                    .is_some(),
                    problems,
                })
            })
            .collect(),
    );
    device.online.set(window().navigator().on_line());
    if let Some(cached) = load::<Cached>(BUNDLE_KEY) {
        device.skew.set(Some(cached.clock_lead()));
        device.bundle_age.set(Some((now() - cached.fetched_at, cached.bundle.max_age_seconds)));
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
    let held = load::<Cached>(BUNDLE_KEY);
    let held_as_of = held.as_ref().map(|c| c.bundle.revocations.as_of);
    spawn_local(async move {
        if let Ok(bundle) = get_scanner_bundle(device_id(), pending, held_as_of).await {
            let held = held.map(|c| c.revoked).unwrap_or_default();
            let revoked = revocation::merge(&held, &bundle.revocations, bundle.server_time);
            save(BUNDLE_KEY, &Cached { bundle, fetched_at: now(), revoked });
        }
        show_state(device);
    });
}

thread_local! {
    /// A batch is on its way: no second one starts until it is answered, so nothing is sent twice at once.
    static SENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sends what waits (never the refused, at most a batch at a time); what the server took leaves the
/// queue, what it refused stays for the officer, anything added meanwhile goes next.
fn sync(device: Device) {
    if SENDING.get() {
        return;
    }
    let batch: Vec<CrossingInput> = queue()
        .into_iter()
        .filter(|q| q.refused.is_none())
        .take(MAX_BATCH)
        .map(|q| q.crossing)
        .collect();
    if batch.is_empty() || !window().navigator().on_line() {
        show_state(device);
        return;
    }
    SENDING.set(true);
    spawn_local(async move {
        let answered = sync_crossings(batch.clone()).await;
        SENDING.set(false);
        if let Ok(outcomes) = answered {
            let mut list = queue();
            for (sent, outcome) in batch.iter().zip(outcomes) {
                let at = list.iter().position(|q| q.crossing.client_id == sent.client_id);
                match (outcome, at) {
                    (CrossingOutcome::Refused(problems), Some(at)) => {
                        list[at].refused = Some(problems)
                    }
                    (_, Some(at)) => {
                        list.remove(at);
                    }
                    (_, None) => {}
                }
            }
            save(QUEUE_KEY, &list);
            if list.iter().any(|q| q.refused.is_none()) {
                sync(device);
            }
        }
        show_state(device);
    });
}

/// The officer corrects a crossing refused for a time ahead of the server's: its time moves back by the
/// clock lead measured when it was scanned, and it is sent again.
pub fn correct(client_id: &str, device: Device) {
    let mut list = queue();
    if let Some(q) = list.iter_mut().find(|q| q.crossing.client_id == client_id) {
        let refused = q.refused.iter().flatten().map(RefusedField::pair);
        if let Some(lead) = clock_correction(refused, q.clock_lead) {
            let scanned = js_sys::Date::parse(&q.crossing.scanned_at) / 1000.0;
            if scanned.is_finite() {
                q.crossing.scanned_at = rfc3339(scanned as i64 - lead);
                q.crossing.corrected = true;
                q.clock_lead = None;
                q.refused = None;
            }
        }
    }
    save(QUEUE_KEY, &list);
    sync(device);
    show_state(device);
}

/// The officer discards a refused crossing: the server records the discarding, then the device forgets it.
pub fn discard(client_id: String, device: Device) {
    let Some(refused) =
        queue().into_iter().find(|q| q.crossing.client_id == client_id && q.refused.is_some())
    else {
        return;
    };
    spawn_local(async move {
        match discard_crossing(refused.crossing).await {
            Ok(()) => {
                let mut list = queue();
                list.retain(|q| q.crossing.client_id != client_id);
                save(QUEUE_KEY, &list);
                device.notice.set(None);
            }
            Err(_) => device.notice.set(Some(crate::i18n::Text::DiscardNeedsNetwork)),
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
                Err(_) => device.notice.set(Some(crate::i18n::Text::NumberNeedsNetwork)),
            }
        });
        return;
    }
    let Some(cached) = load::<Cached>(BUNDLE_KEY) else {
        return;
    };
    let (b, revoked) = (&cached.bundle, &cached.revoked);
    let at = now();
    let judgement = judge(
        &text,
        &Knowledge {
            key_for: |id: KeyId| {
                b.keys.iter().find(|k| k.key_id == id.0).and_then(|k| {
                    let key = VerifyingKey::from_bytes(&k.public_key).ok()?;
                    Some(PublishedKey { key, retired_at: k.retired_at })
                })
            },
            is_revoked: |id| revocation::is_revoked(revoked, &id.to_string()),
            level_of: |unit| b.levels.level_at(unit, at),
            rules: &b.rules,
        },
        at,
    );
    let holder = judgement.holder.as_ref().map(|h| h.document_number.clone());
    let token = text.clone();
    present(
        ScanDraft {
            officer_id: 0,
            judgement,
            origin_name: String::new(),
            destination_name: String::new(),
            registered_doses: None,
            token: Some(text),
            document_number: None,
            direction,
            scanned_at: at,
            card: None,
        },
        shown,
    );
    // The verdict stands on its own; the doses on record join it if the network answers.
    if let Some(number) = holder {
        spawn_local(async move {
            if let Ok(doses) = doses_on_record(number).await {
                shown.update(|s| {
                    if let Some(s) = s.as_mut().filter(|s| s.token.as_deref() == Some(&token)) {
                        s.registered_doses = Some(doses);
                    }
                });
            }
        });
    }
}

fn present(scan: ScanDraft, shown: RwSignal<Option<ScanDraft>>) {
    let pattern: &[u32] = match scan.judgement.verdict {
        Verdict::Green => &[120],
        Verdict::Amber => &[120, 80, 120],
        Verdict::Red => &[400, 120, 400],
    };
    let pattern =
        js_sys::Array::from_iter(pattern.iter().map(|n| leptos::wasm_bindgen::JsValue::from(*n)));
    let _ = window().navigator().vibrate_with_pattern(&pattern);
    let has_holder = scan.judgement.holder.is_some();
    shown.set(Some(scan));
    // A keyboard-like scanner types the card's QR next: put it where it belongs.
    request_animation_frame(move || focus(if has_holder { "card-code" } else { "verdict-title" }));
}

pub fn record(scan: &ScanDraft, matches: bool, device: Device) {
    let (verdict, action) =
        domain::verdict::recorded_outcome(scan.judgement.verdict, scan.judgement.action, matches);
    let client_id = new_id();
    let mut list = queue();
    list.push(Queued {
        crossing: CrossingInput {
            client_id,
            token: scan.token.clone(),
            document_number: scan.document_number.clone(),
            direction: scan.direction.clone(),
            verdict: verdict.as_str().to_owned(),
            action: action.as_str().to_owned(),
            scanned_at: rfc3339(scan.scanned_at),
            offline: !window().navigator().on_line(),
            corrected: false,
        },
        clock_lead: load::<Cached>(BUNDLE_KEY).as_ref().map(Cached::clock_lead),
        refused: None,
    });
    save(QUEUE_KEY, &list);
    sync(device);
    show_state(device);
}

fn rfc3339(unix: i64) -> String {
    js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0))
        .to_iso_string()
        .into()
}

fn focus(id: &str) {
    if let Some(el) =
        document().get_element_by_id(id).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
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
