//! The pass as its holder carries it: the QR large, the name, the expiry with a countdown, and ways to
//! download it, print it on A6, replace it with a new declaration, or cancel it. The page opens with
//! the holder's key (`/pass/{key}`), which only the person who declared received.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::get_pass;
use crate::components::{facts, ErrorText};
use crate::i18n::t;
use crate::i18n::Text;
use contract::dto::PassView;
use domain::pass::PassStatus;

#[component]
pub fn PassPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key").unwrap_or_default());
    let pass = Resource::new(key, get_pass);
    view! {
        <Title text=t(Text::PassTitle)/>
        <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                match pass.await {
                    Ok(p) => view! { <PassCard pass=p/> }.into_any(),
                    Err(e) => view! {
                        <h1>{t(Text::PassTitle)}</h1>
                        <ErrorText error=e/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PassCard(pass: PassView) -> impl IntoView {
    // The server's clock renders the first countdown so hydration sees the same text; the device's
    // clock takes over once the page is live.
    let now = RwSignal::new(pass.now);
    let kept = crate::kept_passes::KeptPass {
        key: pass.holder_key.clone(),
        name: pass.full_name.clone(),
        expires_at: pass.expires_at,
    };
    let keep = pass.status == PassStatus::Valid;
    Effect::new(move |_| {
        remember(&kept, keep);
        now.set(device_now());
        set_interval(move || now.set(device_now()), std::time::Duration::from_secs(30));
    });
    let (expires_at, status) = (pass.expires_at, pass.status);
    let live = move || status == PassStatus::Valid && expires_at > now.get();
    let remaining = move || match status {
        PassStatus::Revoked => t(Text::PassRevoked).to_owned(),
        _ if !live() => t(Text::PassExpired).to_owned(),
        _ => {
            let left = expires_at - now.get();
            format!(
                "{} {} {} {} {}",
                t(Text::PassValidFor),
                left / 3600,
                t(Text::Hours),
                left % 3600 / 60,
                t(Text::Minutes)
            )
        }
    };
    let png = format!("/api/v1/passes/{}/qr.png", pass.holder_key);
    let replace = format!("/khai-bao?replaces={}", pass.holder_key);
    let key = pass.holder_key.clone();
    let file_name = format!("zonepass-{}.png", pass.id);
    let qr_label = format!("{} {}", t(Text::PassQrLabel), pass.full_name);
    view! {
        <article class="pass" class:pass-dead=move || !live()>
            <h1 class="pass-name">{pass.full_name.clone()}</h1>
            <div class="qr" role="img" aria-label=qr_label inner_html=pass.qr_svg></div>
            <p class="pass-status" role="status">{remaining}</p>
            {facts("facts", vec![
                (Text::DocumentNumber, pass.document_number),
                (Text::BirthDate, pass.birth_date),
                (Text::PassFrom, pass.origin),
                (Text::PassTo, pass.destination),
                (Text::PassExpiresAt, pass.expires_local),
            ])}
            <p class="actions no-print">
                <a class="button" href=png download=file_name rel="external">{t(Text::PassDownload)}</a>
                <button type="button" class="needs-js secondary" on:click=move |_| print()>{t(Text::PassPrint)}</button>
                // While the pass is live, a new declaration is another trip beside it, not a replacement.
                <a class="button" class:secondary=live href="/khai-bao">
                    {move || t(if live() { Text::DeclareAnotherTrip } else { Text::DeclareAgain })}
                </a>
            </p>
            <Show when=move || status == PassStatus::Valid>
                <p class="actions no-print">
                    <a class="button secondary" href=replace.clone()>{t(Text::PassReplace)}</a>
                </p>
                // A disclosure rather than a dialog: one more step before an act that cannot be undone,
                // with JavaScript off as well.
                <details class="cancel-pass no-print">
                    <summary>{t(Text::PassCancel)}</summary>
                    <p>{t(Text::PassCancelWhy)}</p>
                    <form method="post" action="/forms/pass/cancel">
                        <input type="hidden" name="key" value=key.clone()/>
                        <button type="submit" class="danger">{t(Text::PassCancelConfirm)}</button>
                    </form>
                </details>
            </Show>
        </article>
    }
}

fn device_now() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        time::OffsetDateTime::now_utc().unix_timestamp()
    }
}

/// Lists a live pass on the home page of this device (or drops a dead one), for opening it offline.
fn remember(pass: &crate::kept_passes::KeptPass, live: bool) {
    #[cfg(feature = "hydrate")]
    {
        use crate::kept_passes::{forget, keep, load, save};
        let mut list = load();
        if live {
            keep(&mut list, pass.clone(), device_now());
        } else {
            forget(&mut list, &pass.key);
        }
        save(&list);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (pass, live);
}

fn print() {
    let _ = window().print();
}
