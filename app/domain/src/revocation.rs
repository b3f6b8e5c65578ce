//! The passes a checkpoint device must refuse although their signature is good: cancelled by their
//! holder, or replaced. A device holds the list and receives only what changed since the list it holds
//! (a delta), so a checkpoint's phones do not download every revocation every few seconds.
//!
//! A delta is every pass revoked since the device's last list, less a margin: a revocation committed
//! late (a slow transaction, another app server's clock a little behind) still reaches the device. The
//! margin only repeats a few revocations the device already holds, which merging ignores.

use serde::{Deserialize, Serialize};

/// Revocations are sent again for this long before the time of the device's last list.
pub const DELTA_MARGIN_SECONDS: i64 = 300;

/// One revoked pass, kept until the pass would have expired anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revoked {
    /// The pass id as the QR carries it (16 hex digits).
    pub id: String,
    /// Unix seconds: after this the pass is refused as expired, and the device forgets the revocation.
    pub expires_at: i64,
}

/// What the server sends: the whole list, or what changed since the device's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationUpdate {
    /// True when `revoked` is the whole list (the device had none): it replaces what the device holds.
    pub complete: bool,
    pub revoked: Vec<Revoked>,
    /// Unix seconds on the server's clock: the device sends it back to ask for the next delta.
    pub as_of: i64,
}

/// From when a delta must start for a device whose last list was made at `held_as_of`; `None` (the
/// device holds nothing, or says its list is from the future) asks for the whole list.
pub fn delta_start(held_as_of: Option<i64>, now: i64) -> Option<i64> {
    held_as_of.filter(|&t| t <= now).map(|t| t - DELTA_MARGIN_SECONDS)
}

/// The device's list after an update, without duplicates or revocations of passes already expired.
pub fn merge(held: &[Revoked], update: &RevocationUpdate, now: i64) -> Vec<Revoked> {
    let base = if update.complete { &[][..] } else { held };
    let mut list: Vec<Revoked> =
        base.iter().chain(&update.revoked).filter(|r| r.expires_at > now).cloned().collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list.dedup_by(|a, b| a.id == b.id);
    list
}

/// Whether a pass id is in a merged list (kept sorted by `merge`).
pub fn is_revoked(list: &[Revoked], id: &str) -> bool {
    list.binary_search_by(|r| r.id.as_str().cmp(id)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: &str, expires_at: i64) -> Revoked {
        Revoked { id: id.into(), expires_at }
    }

    fn update(complete: bool, revoked: Vec<Revoked>) -> RevocationUpdate {
        RevocationUpdate { complete, revoked, as_of: 1_000 }
    }

    #[test]
    fn a_delta_adds_to_the_list_without_duplicates() {
        let held = vec![r("0b", 500), r("0a", 500)];
        let list = merge(&held, &update(false, vec![r("0c", 500), r("0a", 500)]), 100);
        assert_eq!(list, [r("0a", 500), r("0b", 500), r("0c", 500)]);
        assert!(is_revoked(&list, "0c"));
        assert!(!is_revoked(&list, "0d"));
    }

    #[test]
    fn a_complete_list_replaces_what_the_device_held() {
        let list = merge(&[r("0a", 500)], &update(true, vec![r("0b", 500)]), 100);
        assert_eq!(list, [r("0b", 500)]);
    }

    #[test]
    fn revocations_of_expired_passes_are_forgotten() {
        let list = merge(&[r("0a", 100)], &update(false, vec![r("0b", 101)]), 100);
        assert_eq!(list, [r("0b", 101)]);
    }

    #[test]
    fn a_delta_starts_a_margin_before_the_devices_list() {
        assert_eq!(delta_start(None, 1_000), None);
        assert_eq!(delta_start(Some(900), 1_000), Some(900 - DELTA_MARGIN_SECONDS));
        assert_eq!(delta_start(Some(1_001), 1_000), None, "a list from the future is not trusted");
    }
}
