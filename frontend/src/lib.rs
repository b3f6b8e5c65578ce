//! The WASM entry: hydrates the server-rendered page and registers the service worker that keeps the
//! app and the holder's passes for use with no network.

use wasm_bindgen::JsValue;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Reached only when hydration succeeded (a mismatch panics above): styles that reveal script-only
    // controls, and the end-to-end tests, rely on this mark.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    register_service_worker();
}

fn register_service_worker() {
    let navigator = leptos::prelude::window().navigator();
    // Absent outside secure contexts (plain HTTP on another host): the app then simply stays online-only.
    if js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
