//! A fresh database for each test: a SQLite file in a temporary folder, or a new PostgreSQL database
//! (on ZONEPASS_TEST_POSTGRES, default postgres://postgres@127.0.0.1:5432/postgres) dropped afterwards.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use sqlx::Connection;
use tower::ServiceExt;

use backend::clock::ManualClock;
use backend::config::Config;
use backend::db::Db;
use backend::key_encryption::{Kek, KekSource};
use backend::{demo, units, AppState, Official};

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub state: AppState,
    router: Router,
    pub clock: ManualClock,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

pub const PER_ACCOUNT: u32 = 5;
pub const PER_IP: u32 = 12;
pub const DECLARATIONS_PER_IP: u32 = 8;
pub const FORM_ROUNDS_PER_IP: u32 = 20;
pub const OWN_DATA_PER_IP: u32 = 6;
pub const OWN_DATA_PER_NUMBER: u32 = 4;
pub const METRICS_TOKEN: &str = "scraper-token-for-tests";

/// The console operator, as the `zonepass` command acts for whoever runs it.
pub fn operator() -> Official {
    Official::operator("tests")
}

fn admin_url() -> String {
    std::env::var("ZONEPASS_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl TestApp {
    pub async fn new(kind: Kind) -> TestApp {
        TestApp::build(kind, false).await
    }

    /// An app as the browser tests' server runs: `test_clock` as ZONEPASS_TEST_CLOCK sets it.
    pub async fn build(kind: Kind, test_clock: bool) -> TestApp {
        sqlx::any::install_default_drivers();
        let (url, dir, pg_name) = match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}/zonepass.db?mode=rwc", dir.path().display());
                (url, Some(dir), None)
            }
            Kind::Postgres => {
                let name = format!("zp_test_{:016x}", rand::random::<u64>());
                let admin = admin_url();
                let mut conn = sqlx::AnyConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL at {admin} is needed for these tests: {e}")
                });
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
                (format!("{base}/{name}"), None, Some(name))
            }
        };
        let db = Db::connect(&url).await.unwrap();
        let start = time::macros::datetime!(2026-11-28 01:00 UTC);
        let kek_source = KekSource::Value(Kek::generate().encoded());
        let kek = zonepass::prepare(&db, &kek_source, &operator(), start).await.unwrap();
        let config = Config {
            database_url: url.clone(),
            session_ttl: Duration::from_secs(12 * 3600),
            login_attempts_per_ip_per_minute: PER_IP,
            login_attempts_per_account_per_minute: PER_ACCOUNT,
            declarations_per_ip_per_minute: DECLARATIONS_PER_IP,
            form_rounds_per_ip_per_minute: FORM_ROUNDS_PER_IP,
            own_data_per_ip_per_minute: OWN_DATA_PER_IP,
            own_data_per_number_per_hour: OWN_DATA_PER_NUMBER,
            trust_forwarded_for: true,
            secure_cookies: false,
            scanner_max_age: Duration::from_secs(3600),
            test_clock,
            metrics_token: Some(backend::config::Secret::new(METRICS_TOKEN)),
            kek: kek_source,
            close_day_at: domain::daily_list::CloseTime::MIDNIGHT,
            list_overdue_hours: 12,
            retention_days: domain::retention::DEFAULT_DAYS,
        };
        let tree = units::load_active(&db).await.unwrap();
        let options = LeptosOptions::builder()
            .output_name("zonepass")
            .site_root("target/site")
            .site_pkg_dir("pkg")
            .build();
        let clock = ManualClock::at(start);
        let state =
            AppState::new(db, config, tree, Arc::new(kek)).with_clock(Arc::new(clock.clone()));
        let router = zonepass::router(state.clone(), options)
            .layer(MockConnectInfo(SocketAddr::from(([10, 0, 0, 1], 4000))));
        TestApp { state, router, clock, url, _dir: dir, pg_name }
    }

    /// The app's router, built once per test app as a server builds it once.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    pub async fn with_demo(self) -> TestApp {
        demo::ensure(&self.state, &operator(), 7, 400).await.unwrap();
        self
    }

    /// Sends a request through the whole router; the peer address comes from X-Forwarded-For when set.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// Sends a request whose answer is binary (a workbook): its bytes, once it answered 200.
    pub async fn send_raw(&self, request: Request<Body>) -> Vec<u8> {
        let response = self.router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.into_body().collect().await.unwrap().to_bytes().to_vec()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut req = Request::get(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, json: serde_json::Value, ip: &str) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", ip)
                .body(Body::from(json.to_string()))
                .unwrap(),
        )
        .await
    }

    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap()).await
    }

    /// Logs in through the API and returns the bearer token.
    pub async fn token(&self, username: &str, password: &str) -> String {
        let reply = self
            .post_json(
                "/api/v1/session",
                serde_json::json!({"username": username, "password": password}),
                &format!("10.9.{}.{}", rand::random::<u8>(), rand::random::<u8>()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "login {username}: {}", reply.body);
        reply.json()["token"].as_str().unwrap().to_owned()
    }

    pub async fn audit_count(&self, action: &str, kind: &str, id: &str) -> i64 {
        backend::store::audit::count_for(&self.state.db.read, action, kind, id).await.unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        let admin = admin_url();
        // Async work cannot run in Drop; a short-lived thread with its own runtime drops the database.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            });
        })
        .join();
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The session cookie set by this reply, as `name=value` to send back.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("zp_session=") && !v.starts_with("zp_session=;"))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}
