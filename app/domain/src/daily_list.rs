//! The daily lists: when a day may be closed, which records belong to its list and which to its
//! addendum, how a list is handed down the unit tree, and how the communes' counts add up above them.

use std::collections::HashMap;

use thiserror::Error;

use crate::date::{day_start_unix, vietnam_date, CivilDate, SECONDS_PER_DAY};
use crate::unit::UnitCode;

named_enum! {
    /// Where a list is on its way down: built, passed to the unit, or confirmed by it.
    pub enum ListStatus {
        New = "new", Forwarded = "forwarded", Acknowledged = "acknowledged",
    }
}

named_enum! {
    /// A day's list as built at the close, or the addendum of what reached the server after it.
    pub enum Part {
        Main = "main", Addendum = "addendum",
    }
    unknown UnknownPart = "a part of a list (main, addendum)";
}

named_enum! {
    /// A person on a list: with a declaration for the day, or only seen crossing a checkpoint.
    pub enum ArrivalKind {
        Declared = "declared", CrossingOnly = "crossing_only",
    }
    unknown UnknownArrivalKind = "a kind of arrival (declared, crossing_only)";
}

/// The line drawn when a day is closed: the last declaration and crossing stored by then. Records
/// stored later that belong to the day go to its addendum, so the list never changes once built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watermark {
    pub declarations: i64,
    pub crossings: i64,
}

/// What put a row on an addendum: the declaration stored after the line, the crossing stored after
/// it, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateRecord {
    pub declaration: Option<i64>,
    pub crossing: Option<i64>,
}

impl Watermark {
    /// Whether the record was stored by the time this line was drawn.
    pub fn covers(&self, record: &LateRecord) -> bool {
        record.declaration.is_none_or(|id| id <= self.declarations)
            && record.crossing.is_none_or(|id| id <= self.crossings)
    }
}

/// A day of Vietnam's calendar as Unix seconds: from its first second up to, not including, the next
/// day's.
pub fn day_span(day: CivilDate) -> (i64, i64) {
    let start = day_start_unix(day);
    (start, start + SECONDS_PER_DAY)
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("{0:?} is not a time of day written HH:MM")]
pub struct BadCloseTime(pub String);

/// The local time of day (Vietnam) at which the previous day is closed; midnight by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseTime {
    minutes: i64,
}

impl CloseTime {
    pub const MIDNIGHT: CloseTime = CloseTime { minutes: 0 };

    pub fn parse(raw: &str) -> Result<CloseTime, BadCloseTime> {
        let bad = || BadCloseTime(raw.to_owned());
        let (h, m) = raw.trim().split_once(':').ok_or_else(bad)?;
        let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if !(0..24).contains(&h) || !(0..60).contains(&m) || raw.trim().len() != 5 {
            return Err(bad());
        }
        Ok(CloseTime { minutes: h * 60 + m })
    }

    /// The newest day that may be closed at `now` (Unix seconds): the close time of the day after it
    /// has passed. A day still running, or one whose close time is yet to come, may not be.
    pub fn last_closable(self, now: i64) -> CivilDate {
        vietnam_date(now - self.minutes * 60).add_days(-1)
    }

    /// The next day to become closable after `now`, and the moment (Unix seconds) it does.
    pub fn next_after(self, now: i64) -> (CivilDate, i64) {
        let day = self.last_closable(now).add_days(1);
        (day, day_start_unix(day.add_days(1)) + self.minutes * 60)
    }
}

impl Default for CloseTime {
    fn default() -> CloseTime {
        CloseTime::MIDNIGHT
    }
}

impl std::str::FromStr for CloseTime {
    type Err = BadCloseTime;
    fn from_str(raw: &str) -> Result<CloseTime, BadCloseTime> {
        CloseTime::parse(raw)
    }
}

/// Hours after forwarding within which a unit is to acknowledge its list.
pub const DEFAULT_OVERDUE_HOURS: i64 = 12;

/// Who did a step of the hand-over, and when (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub by: String,
    pub at: i64,
}

#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum HandoverError {
    #[error("a list is acknowledged only once it has been forwarded")]
    NotForwarded,
    #[error("an addendum with nobody on it has nothing to hand down")]
    AddendumEmpty,
}

/// One list's (or addendum's) way down to its unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handover {
    pub forwarded: Option<Stamp>,
    pub acknowledged: Option<Stamp>,
}

impl Handover {
    pub fn status(&self) -> ListStatus {
        match (&self.forwarded, &self.acknowledged) {
            (_, Some(_)) => ListStatus::Acknowledged,
            (Some(_), None) => ListStatus::Forwarded,
            (None, None) => ListStatus::New,
        }
    }

    /// Forwarding again keeps the first stamp: the level below was told once, when it was.
    pub fn forward(&mut self, stamp: Stamp) {
        self.forwarded.get_or_insert(stamp);
    }

    /// Acknowledging again keeps the first stamp; a list nobody forwarded cannot be acknowledged.
    pub fn acknowledge(&mut self, stamp: Stamp) -> Result<(), HandoverError> {
        if self.forwarded.is_none() {
            return Err(HandoverError::NotForwarded);
        }
        self.acknowledged.get_or_insert(stamp);
        Ok(())
    }

    /// Forwarded more than `hours` ago and still not acknowledged.
    pub fn is_overdue(&self, now: i64, hours: i64) -> bool {
        match (&self.forwarded, &self.acknowledged) {
            (Some(f), None) => now - f.at > hours * 3600,
            _ => false,
        }
    }
}

/// Where a unit's list of a day and its addendum stand: each part is handed over on its own. Late
/// records keep coming after an addendum went down (a paper form typed at noon, a scan synced in the
/// evening), so the addendum's forward carries the line it reached (`addendum_line`): rows past it
/// are new to the unit, and the addendum goes down again, to be acknowledged again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayHandover {
    pub main: Handover,
    pub addendum: Handover,
    pub addendum_line: Option<Watermark>,
}

impl DayHandover {
    /// The addendum's rows (by what put them there) the unit has not been handed yet.
    pub fn fresh<'a>(&self, addendum: impl IntoIterator<Item = &'a LateRecord>) -> i64 {
        addendum.into_iter().filter(|r| !self.handed(r)).count() as i64
    }

    fn handed(&self, record: &LateRecord) -> bool {
        self.addendum_line.is_some_and(|line| line.covers(record))
    }

    /// Whether forwarding the addendum (these rows) now starts a new round: only when it holds rows
    /// not handed down yet; forwarding again what already went down changes nothing. An addendum with
    /// nobody on it has nothing to hand down.
    pub fn addendum_round_due<'a>(
        &self,
        addendum: impl IntoIterator<Item = &'a LateRecord>,
    ) -> Result<bool, HandoverError> {
        let (rows, fresh) = addendum
            .into_iter()
            .fold((0, 0), |(rows, fresh), r| (rows + 1, fresh + i64::from(!self.handed(r))));
        if rows == 0 {
            Err(HandoverError::AddendumEmpty)
        } else {
            Ok(fresh > 0)
        }
    }

    /// The part the level above is to pass down next: the list, then the addendum whenever it holds
    /// rows not handed down yet (`fresh`); none when everything has gone down.
    pub fn next_to_forward(&self, fresh: i64) -> Option<Part> {
        if self.main.forwarded.is_none() {
            Some(Part::Main)
        } else if fresh > 0 {
            Some(Part::Addendum)
        } else {
            None
        }
    }

    /// The addendum's status: new while it holds rows not handed down yet (`fresh`), else how far
    /// the last hand-over went.
    pub fn addendum_status(&self, fresh: i64) -> ListStatus {
        if fresh > 0 {
            ListStatus::New
        } else {
            self.addendum.status()
        }
    }

    /// Hands the addendum down as far as `line` reached: a new round, to be acknowledged anew.
    pub fn forward_addendum(&mut self, stamp: Stamp, line: Watermark) {
        self.addendum = Handover { forwarded: Some(stamp), acknowledged: None };
        self.addendum_line = Some(line);
    }

    /// The part the unit is to confirm next: whichever reached it and is not yet confirmed, the
    /// list first.
    pub fn next_to_acknowledge(&self) -> Option<Part> {
        let waiting = |h: &Handover| h.forwarded.is_some() && h.acknowledged.is_none();
        if waiting(&self.main) {
            Some(Part::Main)
        } else if waiting(&self.addendum) {
            Some(Part::Addendum)
        } else {
            None
        }
    }

    /// Either part forwarded more than `hours` ago and still not acknowledged.
    pub fn is_overdue(&self, now: i64, hours: i64) -> bool {
        self.main.is_overdue(now, hours) || self.addendum.is_overdue(now, hours)
    }

    pub fn part(&self, part: Part) -> &Handover {
        match part {
            Part::Main => &self.main,
            Part::Addendum => &self.addendum,
        }
    }
}

/// What a list counts: every row once, and how the rows split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows of the list: people arriving.
    pub arrivals: i64,
    /// Of them, seen crossing a checkpoint.
    pub crossed: i64,
    /// With a declaration for the day.
    pub declared: i64,
    /// Seen crossing without a declaration.
    pub crossing_only: i64,
    /// Declared online, or on paper at a checkpoint.
    pub online: i64,
    pub paper: i64,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.arrivals += other.arrivals;
        self.crossed += other.crossed;
        self.declared += other.declared;
        self.crossing_only += other.crossing_only;
        self.online += other.online;
        self.paper += other.paper;
    }
}

/// Adds each commune's counts to every unit on its path (the commune, then its ancestors) and to the
/// country's total: one pass, so a level's figure is the sum of the rows of the lists below it.
pub fn sum_up<'a>(
    per_commune: impl IntoIterator<Item = (&'a UnitCode, &'a Counts)>,
    path_of: impl Fn(&UnitCode) -> Vec<UnitCode>,
) -> (HashMap<UnitCode, Counts>, Counts) {
    let mut per_unit: HashMap<UnitCode, Counts> = HashMap::new();
    let mut total = Counts::default();
    for (commune, counts) in per_commune {
        for unit in path_of(commune) {
            per_unit.entry(unit).or_default().add(counts);
        }
        total.add(counts);
    }
    (per_unit, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: CivilDate, hour: i64, minute: i64) -> i64 {
        day_start_unix(day) + hour * 3600 + minute * 60
    }

    fn d(y: u16, m: u8, day: u8) -> CivilDate {
        CivilDate::new(y, m, day).unwrap()
    }

    #[test]
    fn a_day_is_closable_once_the_close_time_after_it_has_passed() {
        let midnight = CloseTime::MIDNIGHT;
        assert_eq!(midnight.last_closable(at(d(2026, 12, 7), 0, 0)), d(2026, 12, 6));
        assert_eq!(midnight.last_closable(at(d(2026, 12, 6), 23, 59)), d(2026, 12, 5));
        let six = CloseTime::parse("06:00").unwrap();
        assert_eq!(six.last_closable(at(d(2026, 12, 7), 5, 59)), d(2026, 12, 5));
        assert_eq!(six.last_closable(at(d(2026, 12, 7), 6, 0)), d(2026, 12, 6));
    }

    #[test]
    fn the_next_close_is_the_next_days_close_time() {
        let six = CloseTime::parse("06:00").unwrap();
        assert_eq!(
            six.next_after(at(d(2026, 12, 7), 5, 0)),
            (d(2026, 12, 6), at(d(2026, 12, 7), 6, 0))
        );
        assert_eq!(
            six.next_after(at(d(2026, 12, 7), 7, 0)),
            (d(2026, 12, 7), at(d(2026, 12, 8), 6, 0))
        );
        let (day, moment) = CloseTime::MIDNIGHT.next_after(at(d(2026, 12, 31), 12, 0));
        assert_eq!((day, moment), (d(2026, 12, 31), at(d(2027, 1, 1), 0, 0)));
    }

    #[test]
    fn close_times_are_read_as_hh_mm_only() {
        assert_eq!(CloseTime::parse("00:00"), Ok(CloseTime::MIDNIGHT));
        assert_eq!(CloseTime::parse("23:59").map(|t| t.minutes), Ok(23 * 60 + 59));
        for bad in ["24:00", "7:00", "07:60", "0700", "", "ab:cd", "-1:00"] {
            assert!(CloseTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_vietnamese_day_spans_from_local_midnight_to_the_next() {
        let (start, end) = day_span(d(2026, 12, 7));
        assert_eq!(end - start, 86_400);
        assert_eq!(vietnam_date(start), d(2026, 12, 7));
        assert_eq!(vietnam_date(end - 1), d(2026, 12, 7));
        assert_eq!(vietnam_date(end), d(2026, 12, 8));
    }

    #[test]
    fn a_line_covers_what_was_stored_by_then() {
        let line = Watermark { declarations: 10, crossings: 5 };
        let late = |d: Option<i64>, c: Option<i64>| LateRecord { declaration: d, crossing: c };
        assert!(line.covers(&late(Some(10), None)));
        assert!(line.covers(&late(Some(10), Some(5))));
        assert!(!line.covers(&late(Some(11), None)));
        assert!(!line.covers(&late(Some(3), Some(6))));
    }

    fn stamp(by: &str, at: i64) -> Stamp {
        Stamp { by: by.into(), at }
    }

    #[test]
    fn a_list_is_forwarded_then_acknowledged_and_each_step_keeps_its_first_stamp() {
        let mut h = Handover::default();
        assert_eq!(h.status(), ListStatus::New);
        assert_eq!(h.acknowledge(stamp("commune", 1)), Err(HandoverError::NotForwarded));
        h.forward(stamp("district", 10));
        h.forward(stamp("district2", 20));
        assert_eq!(h.status(), ListStatus::Forwarded);
        assert_eq!(h.forwarded, Some(stamp("district", 10)));
        h.acknowledge(stamp("commune", 30)).unwrap();
        h.acknowledge(stamp("commune", 40)).unwrap();
        assert_eq!(h.status(), ListStatus::Acknowledged);
        assert_eq!(h.acknowledged, Some(stamp("commune", 30)));
    }

    #[test]
    fn a_forwarded_list_is_overdue_only_past_the_limit_and_until_acknowledged() {
        let mut h = Handover::default();
        assert!(!h.is_overdue(1_000_000, 12));
        h.forward(stamp("district", 0));
        assert!(!h.is_overdue(12 * 3600, 12));
        assert!(h.is_overdue(12 * 3600 + 1, 12));
        h.acknowledge(stamp("commune", 13 * 3600)).unwrap();
        assert!(!h.is_overdue(100 * 3600, 12));
    }

    #[test]
    fn the_list_goes_down_before_its_addendum_and_is_confirmed_first() {
        let mut day = DayHandover::default();
        assert_eq!(day.next_to_forward(3), Some(Part::Main));
        assert_eq!(day.next_to_acknowledge(), None);
        day.main.forward(stamp("tinh", 10));
        assert_eq!(day.next_to_forward(0), None, "an empty addendum is not handed over");
        assert_eq!(day.next_to_forward(3), Some(Part::Addendum));
        day.forward_addendum(stamp("tinh", 20), Watermark { declarations: 5, crossings: 5 });
        assert_eq!(day.next_to_acknowledge(), Some(Part::Main));
        day.main.acknowledge(stamp("xa", 30)).unwrap();
        assert_eq!(day.next_to_acknowledge(), Some(Part::Addendum));
        day.addendum.acknowledge(stamp("xa", 40)).unwrap();
        assert_eq!(day.next_to_acknowledge(), None);
    }

    #[test]
    fn rows_after_the_addendum_went_down_send_it_down_again() {
        let late = |d: Option<i64>, c: Option<i64>| LateRecord { declaration: d, crossing: c };
        let mut day = DayHandover::default();
        day.main.forward(stamp("tinh", 10));
        day.main.acknowledge(stamp("xa", 15)).unwrap();
        let mut rows = vec![late(Some(11), None), late(None, Some(6))];
        assert_eq!(day.fresh(&rows), 2, "nothing of an addendum never forwarded was handed");
        day.forward_addendum(stamp("tinh", 20), Watermark { declarations: 12, crossings: 6 });
        day.addendum.acknowledge(stamp("xa", 30)).unwrap();
        assert_eq!((day.fresh(&rows), day.next_to_forward(0)), (0, None));
        assert_eq!(day.addendum_round_due(&rows), Ok(false), "forwarding again changes nothing");
        assert_eq!(day.addendum_round_due(&[]), Err(HandoverError::AddendumEmpty));
        assert_eq!(day.addendum_status(0), ListStatus::Acknowledged);

        rows.push(late(Some(11), Some(7)));
        let fresh = day.fresh(&rows);
        assert_eq!(fresh, 1, "a row with a crossing past the line is new to the unit");
        assert_eq!(day.addendum_status(fresh), ListStatus::New);
        assert_eq!(day.next_to_forward(fresh), Some(Part::Addendum));
        assert_eq!(day.addendum_round_due(&rows), Ok(true));
        day.forward_addendum(stamp("tinh", 40), Watermark { declarations: 12, crossings: 7 });
        assert_eq!(day.addendum_status(day.fresh(&rows)), ListStatus::Forwarded);
        assert_eq!(
            day.next_to_acknowledge(),
            Some(Part::Addendum),
            "the new round is confirmed anew"
        );
    }

    #[test]
    fn a_day_is_overdue_while_either_part_waits_too_long() {
        let mut day = DayHandover::default();
        day.main.forward(stamp("tinh", 0));
        day.main.acknowledge(stamp("xa", 60)).unwrap();
        day.addendum.forward(stamp("tinh", 100));
        assert!(!day.is_overdue(100 + 12 * 3600, 12));
        assert!(day.is_overdue(101 + 12 * 3600, 12));
        assert_eq!(day.part(Part::Addendum).status(), ListStatus::Forwarded);
    }

    #[test]
    fn counts_add_up_along_each_communes_path() {
        let code = |c: &str| UnitCode::parse(c).unwrap();
        let (a, b, c) = (code("10507"), code("10510"), code("00004"));
        let one =
            Counts { arrivals: 3, crossed: 2, declared: 2, crossing_only: 1, online: 1, paper: 1 };
        let two =
            Counts { arrivals: 5, crossed: 5, declared: 5, crossing_only: 0, online: 5, paper: 0 };
        let three =
            Counts { arrivals: 1, crossed: 1, declared: 0, crossing_only: 1, online: 0, paper: 0 };
        let path = |u: &UnitCode| match u.as_str() {
            "10507" | "10510" => vec![u.clone(), code("288"), code("30")],
            _ => vec![u.clone(), code("001"), code("01")],
        };
        let (per_unit, total) = sum_up([(&a, &one), (&b, &two), (&c, &three)], path);
        assert_eq!(per_unit[&code("288")].arrivals, 8);
        assert_eq!(per_unit[&code("30")], per_unit[&code("288")]);
        assert_eq!(per_unit[&code("01")].crossing_only, 1);
        assert_eq!(total.arrivals, 9);
        assert_eq!(total.crossed, 8);
    }
}
