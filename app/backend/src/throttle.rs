//! Throttling of logins (per client address and per account) and of citizens' declarations (per client
//! address), with governor's keyed GCRA limiters.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::config::Config;

pub struct LoginThrottle {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<String>,
    declarations_per_ip: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginThrottle {
    pub fn new(config: &Config) -> LoginThrottle {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        LoginThrottle {
            per_ip: RateLimiter::keyed(quota(config.login_attempts_per_ip_per_minute)),
            per_account: RateLimiter::keyed(quota(config.login_attempts_per_account_per_minute)),
            declarations_per_ip: RateLimiter::keyed(quota(config.declarations_per_ip_per_minute)),
        }
    }

    /// Counts one attempt; false once either the address or the account has used its allowance.
    pub fn allow(&self, ip: IpAddr, account: &str) -> bool {
        let ip_ok = self.per_ip.check_key(&ip).is_ok();
        let account_ok = self.per_account.check_key(&account.to_owned()).is_ok();
        ip_ok && account_ok
    }

    /// Counts one declaration from a client; false once its allowance is used.
    pub fn allow_declaration(&self, ip: IpAddr) -> bool {
        self.declarations_per_ip.check_key(&ip).is_ok()
    }
}
