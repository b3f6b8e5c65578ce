//! Calendar dates as people write them (birth dates, travel dates), without a clock or a time zone.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl CivilDate {
    /// A real calendar date, or None.
    pub fn new(year: u16, month: u8, day: u8) -> Option<CivilDate> {
        (year >= 1800 && day >= 1 && day <= days_in_month(year, month)).then_some(CivilDate {
            year,
            month,
            day,
        })
    }
}

/// Vietnam keeps UTC+7 all year, without daylight saving: "today" for a declaration is the date there.
pub const VIETNAM_UTC_OFFSET_SECONDS: i64 = 7 * 3600;

/// The date in Vietnam at a moment given as Unix seconds, so server and browser agree on "today".
pub fn vietnam_date(unix_seconds: i64) -> CivilDate {
    from_days((unix_seconds + VIETNAM_UTC_OFFSET_SECONDS).div_euclid(86_400))
}

// Howard Hinnant's days-to-civil algorithm, for days since 1970-01-01.
fn from_days(days: i64) -> CivilDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    CivilDate {
        year: u16::try_from(year).unwrap_or(0),
        month: month as u8,
        day: day as u8,
    }
}

/// Days in a month of the Gregorian calendar; 0 for a month that does not exist.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_in_vietnam_turns_at_17_00_utc() {
        // 2026-11-28T16:59:59Z is 23:59:59 in Hà Nội; one second later it is the 29th there.
        assert_eq!(
            vietnam_date(1_795_885_199),
            CivilDate::new(2026, 11, 28).unwrap()
        );
        assert_eq!(
            vietnam_date(1_795_885_200),
            CivilDate::new(2026, 11, 29).unwrap()
        );
        assert_eq!(vietnam_date(0), CivilDate::new(1970, 1, 1).unwrap());
        assert_eq!(
            vietnam_date(951_782_400),
            CivilDate::new(2000, 2, 29).unwrap()
        );
    }

    #[test]
    fn civil_dates_are_real() {
        assert!(CivilDate::new(2024, 2, 29).is_some());
        assert!(CivilDate::new(2023, 2, 29).is_none());
        assert!(CivilDate::new(1900, 2, 29).is_none());
        assert!(CivilDate::new(2000, 2, 29).is_some());
        assert!(CivilDate::new(2024, 13, 1).is_none());
        assert!(CivilDate::new(2024, 4, 31).is_none());
        assert!(CivilDate::new(2024, 4, 0).is_none());
    }
}
