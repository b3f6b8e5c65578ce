//! Times as people in Vietnam read and write them: at UTC+7, "HH:MM DD/MM/YYYY", days from local midnight.

use time::OffsetDateTime;

pub fn text(at: OffsetDateTime) -> String {
    at.to_offset(time::macros::offset!(+7))
        .format(time::macros::format_description!(
            "[hour]:[minute] [day]/[month]/[year]"
        ))
        .unwrap_or_default()
}

/// The instant a day of Vietnam's calendar begins.
pub fn day_start(
    date: domain::date::CivilDate,
) -> Result<OffsetDateTime, time::error::ComponentRange> {
    let month = time::Month::try_from(date.month)?;
    let day = time::Date::from_calendar_date(i32::from(date.year), month, date.day)?;
    Ok(day
        .midnight()
        .assume_offset(time::macros::offset!(+7))
        .to_offset(time::UtcOffset::UTC))
}
