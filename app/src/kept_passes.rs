//! The passes this device has opened, remembered in the browser's storage so the home page can offer
//! them with no network (the service worker keeps the pages themselves). Only the holder's key (this
//! device's own), the name and the expiry are kept here: the rest stays in the page the holder already has.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptPass {
    pub key: String,
    pub name: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A family might keep a few passes on one phone; more than this is old news.
const MAX_KEPT: usize = 10;

/// Adds or refreshes a pass, newest first, dropping expired ones.
pub fn keep(list: &mut Vec<KeptPass>, pass: KeptPass, now: i64) {
    list.retain(|p| p.key != pass.key && p.expires_at > now);
    list.insert(0, pass);
    list.truncate(MAX_KEPT);
}

pub fn forget(list: &mut Vec<KeptPass>, key: &str) {
    list.retain(|p| p.key != key);
}

#[cfg(feature = "hydrate")]
mod storage {
    use super::KeptPass;

    const KEY: &str = "zonepass.passes";

    fn local() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn load() -> Vec<KeptPass> {
        local()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(list: &[KeptPass]) {
        if let (Some(store), Ok(text)) = (local(), serde_json::to_string(list)) {
            // Storage full or refused (private mode): the pass page itself is still kept.
            let _ = store.set_item(KEY, &text);
        }
    }
}

#[cfg(feature = "hydrate")]
pub use storage::{load, save};

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(key: &str, expires_at: i64) -> KeptPass {
        KeptPass { key: key.into(), name: format!("Holder {key}"), expires_at }
    }

    #[test]
    fn keeping_puts_the_newest_first_once_and_drops_expired_passes() {
        let mut list = vec![pass("a", 100), pass("b", 50)];
        keep(&mut list, pass("a", 200), 60);
        assert_eq!(list, [pass("a", 200)]);
        keep(&mut list, pass("c", 300), 60);
        assert_eq!(list, [pass("c", 300), pass("a", 200)]);
        forget(&mut list, "a");
        assert_eq!(list, [pass("c", 300)]);
    }

    #[test]
    fn at_most_ten_passes_are_kept() {
        let mut list = Vec::new();
        for i in 0..12 {
            keep(&mut list, pass(&i.to_string(), 1_000), 0);
        }
        assert_eq!(list.len(), 10);
        assert_eq!(list[0].key, "11");
    }
}
