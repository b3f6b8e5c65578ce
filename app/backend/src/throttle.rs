//! Throttling of logins (per client address, per account and address with growing waits, and a ceiling
//! per account), of citizens' declarations (per client address) and of their look-ups of their own data
//! (per client address and per document number), with governor's keyed GCRA limiters.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::config::Config;

pub struct LoginThrottle {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<String>,
    failures: Mutex<HashMap<(String, IpAddr), Failures>>,
    declarations_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    form_rounds_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    own_data_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    own_data_per_number: DefaultKeyedRateLimiter<String>,
}

/// Why a login attempt is not even tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginRefusal {
    /// This address has tried too many logins, whatever the accounts.
    Client,
    /// This address failed for this account several times in a row and must wait a growing while.
    Pair,
    /// The account has been tried too often from all addresses together: a spread-out attack.
    AccountCeiling,
}

/// Consecutive failures of one account from one address, and when the next attempt may come.
struct Failures {
    count: u32,
    next: Instant,
}

/// Failures in a row after which the next attempt waits: a person mistyping twice is not slowed down.
const FREE_FAILURES: u32 = 3;
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
/// Entries kept before expired ones are swept, so guessing from many addresses cannot grow memory freely.
const SWEEP_ABOVE: usize = 10_000;

impl LoginThrottle {
    pub fn new(config: &Config) -> LoginThrottle {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        LoginThrottle {
            per_ip: RateLimiter::keyed(quota(config.login_attempts_per_ip_per_minute)),
            per_account: RateLimiter::keyed(quota(config.login_attempts_per_account_per_minute)),
            failures: Mutex::new(HashMap::new()),
            declarations_per_ip: RateLimiter::keyed(quota(config.declarations_per_ip_per_minute)),
            form_rounds_per_ip: RateLimiter::keyed(quota(config.form_rounds_per_ip_per_minute)),
            own_data_per_ip: RateLimiter::keyed(quota(config.own_data_per_ip_per_minute)),
            own_data_per_number: RateLimiter::keyed(Quota::per_hour(
                NonZeroU32::new(config.own_data_per_number_per_hour.max(1))
                    .unwrap_or(NonZeroU32::MIN),
            )),
        }
    }

    /// Counts one attempt, or says why it may not be made. An attacker's failures slow down that attacker's
    /// address for that account, never the owner on another device; only the account's own ceiling, set
    /// well above what a person needs, stops every address.
    pub fn attempt(&self, ip: IpAddr, account: &str, now: Instant) -> Result<(), LoginRefusal> {
        if self.per_ip.check_key(&ip).is_err() {
            return Err(LoginRefusal::Client);
        }
        let waiting = self.failures().get(&(account.to_owned(), ip)).is_some_and(|f| now < f.next);
        if waiting {
            return Err(LoginRefusal::Pair);
        }
        if self.per_account.check_key(&account.to_owned()).is_err() {
            return Err(LoginRefusal::AccountCeiling);
        }
        Ok(())
    }

    /// A wrong password: after a few in a row, each next attempt from this address waits twice as long.
    pub fn failed(&self, ip: IpAddr, account: &str, now: Instant) {
        let mut failures = self.failures();
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, f| f.next + LONGEST_WAIT > now);
        }
        let entry =
            failures.entry((account.to_owned(), ip)).or_insert(Failures { count: 0, next: now });
        entry.count += 1;
        entry.next = now + wait_after(entry.count);
    }

    /// The right password: the address starts afresh for this account.
    pub fn succeeded(&self, ip: IpAddr, account: &str) {
        self.failures().remove(&(account.to_owned(), ip));
    }

    fn failures(&self) -> std::sync::MutexGuard<'_, HashMap<(String, IpAddr), Failures>> {
        self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts one round of a form without JavaScript from a client; false once its allowance is used.
    pub fn allow_form_round(&self, ip: IpAddr) -> bool {
        self.form_rounds_per_ip.check_key(&ip).is_ok()
    }

    /// Counts one look-up of a citizen's own data; false once the client's allowance, or the one of
    /// the number asked about, is used. Guessing a number's phone from many addresses meets the
    /// number's allowance.
    pub fn allow_own_data(&self, ip: IpAddr, number: &str) -> bool {
        self.own_data_per_ip.check_key(&ip).is_ok()
            && self.own_data_per_number.check_key(&number.to_owned()).is_ok()
    }

    /// Counts one declaration from a client; false once its allowance is used.
    pub fn allow_declaration(&self, ip: IpAddr) -> bool {
        self.declarations_per_ip.check_key(&ip).is_ok()
    }
}

/// How long an address waits after `count` failures in a row for one account: nothing after the first
/// two, then 1, 2, 4 … seconds, up to a quarter of an hour.
fn wait_after(count: u32) -> Duration {
    match count.checked_sub(FREE_FAILURES) {
        None => Duration::ZERO,
        Some(extra) => Duration::from_secs(1u64 << extra.min(10)).min(LONGEST_WAIT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> LoginThrottle {
        LoginThrottle::new(&Config {
            login_attempts_per_ip_per_minute: 1000,
            login_attempts_per_account_per_minute: 1000,
            ..Config::with_database("sqlite::memory:")
        })
    }

    #[test]
    fn guessing_a_numbers_phone_from_many_addresses_meets_the_numbers_allowance() {
        let t = LoginThrottle::new(&Config {
            own_data_per_ip_per_minute: 100,
            own_data_per_number_per_hour: 3,
            ..Config::with_database("sqlite::memory:")
        });
        let address = |n: u8| IpAddr::from([10, 0, 1, n]);
        for n in 0..3 {
            assert!(t.allow_own_data(address(n), "030190000999"), "asking {n}");
        }
        assert!(!t.allow_own_data(address(9), "030190000999"), "a fourth address, same number");
        assert!(t.allow_own_data(address(9), "030190000888"), "another number");
    }

    #[test]
    fn waits_grow_after_a_few_failures_and_stop_at_a_quarter_of_an_hour() {
        let waits: Vec<u64> = (1..=16).map(|n| wait_after(n).as_secs()).collect();
        assert_eq!(&waits[..6], &[0, 0, 1, 2, 4, 8]);
        assert_eq!(waits[15], 900);
    }

    #[test]
    fn an_attackers_failures_slow_only_the_attackers_address() {
        let t = throttle();
        let (attacker, owner) = ("10.0.0.66".parse().unwrap(), "10.0.0.7".parse().unwrap());
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(t.attempt(attacker, "officer", now), Ok(()));
            t.failed(attacker, "officer", now);
        }
        assert_eq!(t.attempt(attacker, "officer", now), Err(LoginRefusal::Pair));
        assert_eq!(t.attempt(owner, "officer", now), Ok(()));
        assert_eq!(t.attempt(attacker, "someone.else", now), Ok(()));
        let later = now + Duration::from_secs(1);
        assert_eq!(t.attempt(attacker, "officer", later), Ok(()));
        t.succeeded(attacker, "officer");
        assert_eq!(t.attempt(attacker, "officer", later), Ok(()));
    }
}
