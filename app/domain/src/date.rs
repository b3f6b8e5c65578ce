//! Calendar dates as people write them (birth dates, travel dates), and Vietnam's calendar and clock
//! for a moment given as Unix seconds: no clock is read here, and no time-zone database is needed.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const SECONDS_PER_DAY: i64 = 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

    /// Days from 1970-01-01 (negative before it): Howard Hinnant's days-from-civil algorithm.
    pub fn days_since_unix_epoch(self) -> i64 {
        // Counting March as the first month puts the leap day at the end of the year.
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 9)
        } else {
            (i64::from(self.year), i64::from(self.month) - 3)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + i64::from(self.day) - 1 - 719_468
    }

    /// The date `days` later (earlier when negative).
    pub fn add_days(self, days: i64) -> CivilDate {
        from_days(self.days_since_unix_epoch() + days)
    }

    /// `DD/MM/YYYY`, as dates are written in Vietnam.
    pub fn vietnamese(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// `YYYY-MM-DD`, as date inputs send it, URLs carry it and the database stores it.
impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads `YYYY-MM-DD` back, as stored.
impl std::str::FromStr for CivilDate {
    type Err = &'static str;

    fn from_str(raw: &str) -> Result<CivilDate, &'static str> {
        let mut parts = raw.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err("not a YYYY-MM-DD date");
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err("not a YYYY-MM-DD date");
        }
        match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => CivilDate::new(y, m, d).ok_or("no such date"),
            _ => Err("not a YYYY-MM-DD date"),
        }
    }
}

/// Vietnam keeps UTC+7 all year, without daylight saving: "today" for a declaration is the date there.
pub const VIETNAM_UTC_OFFSET_SECONDS: i64 = 7 * 3600;

/// The date in Vietnam at a moment given as Unix seconds, so server and browser agree on "today".
pub fn vietnam_date(unix_seconds: i64) -> CivilDate {
    from_days((unix_seconds + VIETNAM_UTC_OFFSET_SECONDS).div_euclid(SECONDS_PER_DAY))
}

/// The moment (Unix seconds) a day of Vietnam's calendar begins: 17:00 UTC the day before. The day
/// lasts until the next day's start, exactly 86,400 seconds later.
pub fn day_start_unix(date: CivilDate) -> i64 {
    date.days_since_unix_epoch() * SECONDS_PER_DAY - VIETNAM_UTC_OFFSET_SECONDS
}

/// A moment as a calendar and a clock in Vietnam show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct VietnamTime {
    pub date: CivilDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl VietnamTime {
    pub fn at(unix_seconds: i64) -> VietnamTime {
        let local = unix_seconds + VIETNAM_UTC_OFFSET_SECONDS;
        let of_day = local.rem_euclid(SECONDS_PER_DAY);
        VietnamTime {
            date: from_days(local.div_euclid(SECONDS_PER_DAY)),
            hour: (of_day / 3600) as u8,
            minute: (of_day / 60 % 60) as u8,
            second: (of_day % 60) as u8,
        }
    }
}

/// `HH:MM DD/MM/YYYY`, as people in Vietnam read a time.
impl fmt::Display for VietnamTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02} {}", self.hour, self.minute, self.date.vietnamese())
    }
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
    CivilDate { year: u16::try_from(year).unwrap_or(0), month: month as u8, day: day as u8 }
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
    use rstest::rstest;

    fn date(y: u16, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn the_date_in_vietnam_turns_at_17_00_utc() {
        // 2026-11-28T16:59:59Z is 23:59:59 in Hà Nội; one second later it is the 29th there.
        assert_eq!(vietnam_date(1_795_885_199), CivilDate::new(2026, 11, 28).unwrap());
        assert_eq!(vietnam_date(1_795_885_200), CivilDate::new(2026, 11, 29).unwrap());
        assert_eq!(vietnam_date(0), CivilDate::new(1970, 1, 1).unwrap());
        assert_eq!(vietnam_date(951_782_400), CivilDate::new(2000, 2, 29).unwrap());
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

    #[rstest]
    // 2026-11-28T17:00:00Z: midnight of the 29th in Hà Nội.
    #[case(date(2026, 11, 29), 1_795_885_200)]
    #[case(date(1970, 1, 1), -25_200)]
    #[case(date(1970, 1, 2), 61_200)]
    // A leap day begins at 17:00 UTC on the 28th of February.
    #[case(date(2024, 2, 29), 1_709_139_600)]
    #[case(date(2024, 3, 1), 1_709_226_000)]
    #[case(date(2000, 2, 29), 951_757_200)]
    fn a_vietnamese_day_begins_at_17_00_utc_the_day_before(
        #[case] day: CivilDate,
        #[case] start: i64,
    ) {
        assert_eq!(day_start_unix(day), start);
        assert_eq!(vietnam_date(start), day);
        assert_eq!(vietnam_date(start - 1), from_days(day.days_since_unix_epoch() - 1));
    }

    #[rstest]
    // Midnight UTC is already 07:00 in Vietnam, the same calendar day.
    #[case(1_795_824_000, "07:00 28/11/2026")]
    #[case(1_795_885_199, "23:59 28/11/2026")]
    #[case(1_795_885_200, "00:00 29/11/2026")]
    #[case(0, "07:00 01/01/1970")]
    // 2024-02-28T17:30:00Z.
    #[case(1_709_141_400, "00:30 29/02/2024")]
    fn times_are_shown_as_a_clock_in_vietnam_reads(#[case] unix: i64, #[case] text: &str) {
        assert_eq!(VietnamTime::at(unix).to_string(), text);
    }

    #[test]
    fn seconds_and_times_before_1970_are_kept() {
        let t = VietnamTime::at(-1);
        assert_eq!(t.date, date(1970, 1, 1));
        assert_eq!((t.hour, t.minute, t.second), (6, 59, 59));
        assert_eq!(VietnamTime::at(1_795_885_199).second, 59);
    }

    #[rstest]
    #[case(date(1970, 1, 1), 0)]
    #[case(date(1969, 12, 31), -1)]
    #[case(date(2000, 3, 1), 11_017)]
    #[case(date(2024, 2, 29), 19_782)]
    fn days_are_counted_from_1970(#[case] day: CivilDate, #[case] days: i64) {
        assert_eq!(day.days_since_unix_epoch(), days);
        assert_eq!(from_days(days), day);
    }

    #[test]
    fn dates_are_written_for_machines_and_for_people() {
        assert_eq!(date(2024, 2, 9).to_string(), "2024-02-09");
        assert_eq!(date(2024, 2, 9).vietnamese(), "09/02/2024");
    }
}
