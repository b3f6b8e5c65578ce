//! What every interface reads from a request, written once: the client's address, the official behind
//! the session, and the refusal of state-changing requests that a browser says come from another site.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use backend::{AppError, AppState, Official};

use crate::rest::error::ApiError;

/// The client's address: the socket peer, or the first X-Forwarded-For hop when a trusted proxy sets it.
pub struct ClientIp(pub IpAddr);

impl<S> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let trust = AppState::from_ref(state).config.trust_forwarded_for;
        Ok(ClientIp(client_ip(&parts.headers, peer, trust)))
    }
}

fn client_ip(headers: &HeaderMap, peer: IpAddr, trust_forwarded_for: bool) -> IpAddr {
    let forwarded = || {
        headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
    };
    trust_forwarded_for.then(forwarded).flatten().unwrap_or(peer)
}

/// The official behind the request's session cookie or bearer token.
pub struct Caller(pub Official);

impl<S> FromRequestParts<S> for Caller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        Ok(Caller(app::web::official(&state, &parts.headers).await?))
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        e.0
    }
}

/// Browsers say where a request comes from; a state-changing one from another site is refused outright,
/// on top of the SameSite=Strict session cookie. Machine clients send no such header and pass.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let cross_site = request
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    if changes_state && cross_site {
        return StatusCode::FORBIDDEN.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers
            .insert("x-forwarded-for", axum::http::HeaderValue::from_static("10.1.2.3, 10.0.0.9"));
        let peer = IpAddr::V4(Ipv4Addr::LOCALHOST);
        assert_eq!(client_ip(&headers, peer, true).to_string(), "10.1.2.3");
        assert_eq!(client_ip(&headers, peer, false), peer);
        assert_eq!(client_ip(&HeaderMap::new(), peer, true), peer);
    }
}
