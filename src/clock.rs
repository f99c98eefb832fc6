//! Today's year, for `entry-year-invalid`, and the time for the link cache.

use std::time::{SystemTime, UNIX_EPOCH};

/// The current year (UTC) from the system clock.
pub fn current_year() -> u16 {
    year_of_day((unix_seconds() / 86_400) as i64)
}

/// Seconds since 1970-01-01 UTC, for the link cache's dates.
pub fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The proleptic Gregorian year of a day counted from 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn year_of_day(days: i64) -> u16 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    u16::try_from(year).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::year_of_day;

    #[test]
    fn known_days() {
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(364), 1970);
        assert_eq!(year_of_day(365), 1971);
        // 2024-12-31 and 2025-01-01
        assert_eq!(year_of_day(20_088), 2024);
        assert_eq!(year_of_day(20_089), 2025);
        // 2000-02-29
        assert_eq!(year_of_day(11_016), 2000);
    }
}
