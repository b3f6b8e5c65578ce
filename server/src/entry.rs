//! An entry point as the router serves it: a method, a path and its handler. The REST API and the form
//! posts are written as lists of these, and the router is built from the same list that the
//! authorisation matrix test reads, so no route can be served without a row in that matrix.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};
use axum::Router;

pub struct EntryPoint<S> {
    pub method: Method,
    pub path: &'static str,
    route: MethodRouter<S>,
}

impl<S> EntryPoint<S>
where
    S: Clone + Send + Sync + 'static,
{
    pub fn get<H: Handler<T, S>, T: 'static>(path: &'static str, handler: H) -> Self {
        EntryPoint::served_as(Method::GET, path, routing::get(handler))
    }

    pub fn post<H: Handler<T, S>, T: 'static>(path: &'static str, handler: H) -> Self {
        EntryPoint::served_as(Method::POST, path, routing::post(handler))
    }

    pub fn delete<H: Handler<T, S>, T: 'static>(path: &'static str, handler: H) -> Self {
        EntryPoint::served_as(Method::DELETE, path, routing::delete(handler))
    }

    fn served_as(method: Method, path: &'static str, route: MethodRouter<S>) -> Self {
        EntryPoint { method, path, route }
    }

    /// The route with a layer of its own (a larger body limit, say).
    pub fn with<L>(self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Error:
            Into<std::convert::Infallible> + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        EntryPoint { route: self.route.layer(layer), ..self }
    }
}

/// The router serving a list of entry points (several methods on one path merge).
pub fn router<S>(entries: Vec<EntryPoint<S>>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    entries.into_iter().fold(Router::new(), |router, e| router.route(e.path, e.route))
}

/// What a list serves, as `(method, path)`.
pub fn listed<S>(entries: &[EntryPoint<S>]) -> Vec<(Method, &'static str)> {
    entries.iter().map(|e| (e.method.clone(), e.path)).collect()
}
