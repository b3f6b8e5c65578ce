//! Configuration from the environment, with defaults that run the embedded SQLite mode untouched.

use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::key_encryption::{KekSource, DEFAULT_KEK_FILE};
use domain::daily_list::{CloseTime, DEFAULT_OVERDUE_HOURS};
use domain::retention;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub session_ttl: Duration,
    pub login_attempts_per_ip_per_minute: u32,
    pub login_attempts_per_account_per_minute: u32,
    pub declarations_per_ip_per_minute: u32,
    /// Citizens' look-ups of their own data, per client address and per document number asked about.
    pub own_data_per_ip_per_minute: u32,
    pub own_data_per_number_per_hour: u32,
    /// Rounds of the declaration form without JavaScript (each keeps a draft) per client address.
    pub form_rounds_per_ip_per_minute: u32,
    /// Honour X-Forwarded-For only behind a proxy the operator trusts.
    pub trust_forwarded_for: bool,
    /// Mark cookies Secure; off by default because the embedded mode serves plain HTTP on loopback.
    pub secure_cookies: bool,
    /// A scanner warns when its keys, revocations and rules are older than this.
    pub scanner_max_age: Duration,
    /// Lets a browser test move the server's clock over HTTP (`POST /test/clock`). Never in production.
    pub test_clock: bool,
    /// The bearer token a metrics scraper sends; without one, `/metrics` is not served.
    pub metrics_token: Option<Secret>,
    /// Where the key-encryption key that seals the pass-signing keys comes from.
    pub kek: KekSource,
    /// When (Vietnam time) the previous day's lists are built.
    pub close_day_at: CloseTime,
    /// Hours after forwarding before an unacknowledged list shows as overdue above.
    pub list_overdue_hours: u32,
    /// Days after a trip its personal records are held before the daily purge removes them.
    pub retention_days: u16,
}

/// A configured secret: compared without leaking its length or content through timing, never printed.
#[derive(Clone)]
pub struct Secret([u8; 32]);

impl Secret {
    pub fn new(value: &str) -> Secret {
        Secret(Sha256::digest(value.as_bytes()).into())
    }

    pub fn matches(&self, offered: &str) -> bool {
        let offered: [u8; 32] = Sha256::digest(offered.as_bytes()).into();
        offered.iter().zip(self.0.iter()).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/zonepass.db?mode=rwc";

impl Config {
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let number =
            |name: &str, default: u32| var(name).and_then(|v| v.parse().ok()).unwrap_or(default);
        let flag =
            |name: &str| var(name).is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            session_ttl: Duration::from_secs(
                u64::from(number("ZONEPASS_SESSION_HOURS", 12)) * 3600,
            ),
            login_attempts_per_ip_per_minute: number("ZONEPASS_LOGIN_PER_IP_PER_MINUTE", 30),
            login_attempts_per_account_per_minute: number(
                "ZONEPASS_LOGIN_PER_ACCOUNT_PER_MINUTE",
                50,
            ),
            declarations_per_ip_per_minute: number("ZONEPASS_DECLARATIONS_PER_IP_PER_MINUTE", 20),
            own_data_per_ip_per_minute: number("ZONEPASS_OWN_DATA_PER_IP_PER_MINUTE", 10),
            own_data_per_number_per_hour: number("ZONEPASS_OWN_DATA_PER_NUMBER_PER_HOUR", 10),
            form_rounds_per_ip_per_minute: number("ZONEPASS_FORM_ROUNDS_PER_IP_PER_MINUTE", 60),
            trust_forwarded_for: flag("ZONEPASS_TRUST_FORWARDED_FOR"),
            secure_cookies: flag("ZONEPASS_SECURE_COOKIES"),
            scanner_max_age: Duration::from_secs(
                u64::from(number("ZONEPASS_SCANNER_MAX_AGE_MINUTES", 60)) * 60,
            ),
            test_clock: flag("ZONEPASS_TEST_CLOCK"),
            metrics_token: var("ZONEPASS_METRICS_TOKEN").map(|t| Secret::new(&t)),
            kek: match var("ZONEPASS_KEK") {
                Some(value) => KekSource::Value(value),
                None => KekSource::File(
                    var("ZONEPASS_KEK_FILE").unwrap_or_else(|| DEFAULT_KEK_FILE.to_owned()).into(),
                ),
            },
            close_day_at: var("ZONEPASS_CLOSE_DAY_AT").map_or(CloseTime::MIDNIGHT, |raw| {
                raw.parse().unwrap_or_else(|e| {
                    tracing::warn!("ZONEPASS_CLOSE_DAY_AT: {e}; closing days at midnight");
                    CloseTime::MIDNIGHT
                })
            }),
            list_overdue_hours: number("ZONEPASS_LIST_OVERDUE_HOURS", DEFAULT_OVERDUE_HOURS as u32),
            // At least a day: the purge never takes the day that has just ended.
            retention_days: number("ZONEPASS_RETENTION_DAYS", u32::from(retention::DEFAULT_DAYS))
                .clamp(1, u32::from(u16::MAX)) as u16,
        }
    }

    pub fn with_database(database_url: impl Into<String>) -> Config {
        Config { database_url: database_url.into(), ..Config::from_env() }
    }
}
