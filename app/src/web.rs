//! How a browser or API client presents itself: the session cookie or bearer token, and the language cookie.
//! Shared by server functions, form handlers and the REST API so they all recognise officials alike.

use axum::http::{header, HeaderMap};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use backend::accounts::{self, SessionToken};
use backend::{AppError, AppState, Official};

use crate::i18n::{Lang, LANG_COOKIE};

pub const SESSION_COOKIE: &str = "zp_session";

pub fn session_token(headers: &HeaderMap) -> Option<SessionToken> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| SessionToken::new(t.trim()));
    bearer.or_else(|| {
        CookieJar::from_headers(headers).get(SESSION_COOKIE).map(|c| SessionToken::new(c.value()))
    })
}

/// The official behind the request's bearer token or session cookie.
pub async fn official(state: &AppState, headers: &HeaderMap) -> Result<Official, AppError> {
    let token = session_token(headers).ok_or(AppError::Unauthenticated)?;
    accounts::authenticate(state, &token).await
}

/// What a page may load and run: scripts only from this site or carrying this response's nonce (Leptos's
/// hydration and data scripts get it), WebAssembly from this site, workers and fetches to this site only,
/// no plugins, no framing by any site, forms posted only here.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sends the page's policy with the page: called while the page renders, when its nonce is known.
pub fn send_page_policy() {
    let nonce = leptos::nonce::use_nonce();
    let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
    if let (Some(nonce), Some(response)) = (nonce, response) {
        if let Ok(value) = header::HeaderValue::from_str(&page_policy(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

pub fn lang(headers: &HeaderMap) -> Lang {
    CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or_default()
}

/// HttpOnly so scripts cannot read it; SameSite=Strict so no other site can post a form with it.
pub fn session_cookie(
    token: &SessionToken,
    max_age: time::Duration,
    secure: bool,
) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token.expose().to_owned()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .max_age(max_age)
        .build()
}

pub fn expired_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .max_age(time::Duration::ZERO)
        .build()
}

pub fn lang_cookie(lang: Lang) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.code()))
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(time::Duration::days(365))
        .build()
}

/// Only same-site paths are followed after a form post, never another host. Browsers drop tabs and line
/// breaks from a URL and read a backslash as a slash, so `/\t/host` or `/\\host` would leave the site:
/// a path with any of them, or with any other control or blank character, is refused.
pub fn safe_return_path(raw: Option<&str>) -> String {
    let same_site = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    };
    match raw {
        Some(p) if same_site(p) => p.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_same_site_paths_are_followed() {
        for ok in ["/", "/khai-bao?draft=abc", "/pass/0123456789abcdef"] {
            assert_eq!(safe_return_path(Some(ok)), ok);
        }
        for off in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "https://evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "",
        ] {
            assert_eq!(safe_return_path(Some(off)), "/", "{off:?}");
        }
        assert_eq!(safe_return_path(None), "/");
    }
}
