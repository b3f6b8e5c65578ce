//! Vietnam's calendar and clock for the `time` values the backend holds; the rules (UTC+7 all year,
//! how a day and a time are written) live in `domain::date`.

use crate::Result;
use time::OffsetDateTime;

use domain::date::{day_start_unix, vietnam_date, CivilDate, VietnamTime};

use super::AppError;

/// "HH:MM DD/MM/YYYY" in Vietnam's time.
pub fn text(at: OffsetDateTime) -> String {
    VietnamTime::at(at.unix_timestamp()).to_string()
}

/// The day of Vietnam's calendar at `at`.
pub fn today(at: OffsetDateTime) -> CivilDate {
    vietnam_date(at.unix_timestamp())
}

/// The instant a day of Vietnam's calendar begins.
pub fn day_start(date: CivilDate) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(day_start_unix(date))
        .map_err(|e| AppError::Unexpected(e.into()))
}
