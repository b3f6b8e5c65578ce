//! How long ZonePass holds a trip's personal records: declarations, passes, paper forms, crossings and
//! reconciliation notes are held for a period after the day of the trip and then purged, only the
//! counts made of them kept. The same rule tells the purge what to delete and a citizen until when
//! their records are held.

use crate::date::CivilDate;

/// Days a trip's records are held after the trip when nothing else is configured.
pub const DEFAULT_DAYS: u16 = 30;

/// The configured holding period, in days after the trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub days: u16,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention { days: DEFAULT_DAYS }
    }
}

impl Retention {
    /// The last day a trip's records are held: the purge of the day after removes them.
    pub fn held_until(self, trip: CivilDate) -> CivilDate {
        trip.add_days(i64::from(self.days))
    }

    /// The oldest trip day still held on `today`: everything of the days before it is purged.
    pub fn first_held(self, today: CivilDate) -> CivilDate {
        today.add_days(-i64::from(self.days))
    }

    /// Whether a trip's records are still held on `today`.
    pub fn holds(self, trip: CivilDate, today: CivilDate) -> bool {
        trip >= self.first_held(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> CivilDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_trip_is_held_through_the_last_day_of_the_period_and_purged_the_day_after() {
        let r = Retention::default();
        let trip = day("2026-11-28");
        assert_eq!(r.held_until(trip), day("2026-12-28"));
        assert!(r.holds(trip, day("2026-12-28")));
        assert!(!r.holds(trip, day("2026-12-29")));
        assert_eq!(r.first_held(day("2026-12-29")), day("2026-11-29"));
        assert!(r.holds(day("2026-12-30"), day("2026-12-29")), "a trip still ahead");
    }

    #[test]
    fn every_day_is_held_until_exactly_its_own_end_of_period() {
        let r = Retention { days: 7 };
        let today = day("2027-03-01");
        for back in 0..30 {
            let trip = today.add_days(-back);
            assert_eq!(r.holds(trip, today), r.held_until(trip) >= today, "{trip}");
        }
    }
}
