//! Today's year, for `entry-year-invalid`, and the time for the link cache
//! and its dates in messages.

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

/// The proleptic Gregorian year of a day counted from 1970-01-01.
fn year_of_day(days: i64) -> u16 {
    u16::try_from(civil(days).0).unwrap_or(u16::MAX)
}

/// The (year, month, day) of a day counted from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Seconds since the epoch as a person reads them: `2026-12-01 14:05 UTC`.
pub fn date_time(seconds: u64) -> String {
    let (y, m, d, h, min, _) = parts(seconds);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02} UTC")
}

/// Seconds since the epoch in RFC 3339 (`2026-12-01T14:05:09Z`), for
/// machine-read reports.
pub fn rfc3339(seconds: u64) -> String {
    let (y, m, d, h, min, s) = parts(seconds);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}Z")
}

/// Year, month, day, hour, minute and second (UTC) of seconds since the
/// epoch.
fn parts(seconds: u64) -> (i64, i64, i64, u64, u64, u64) {
    let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX / 2);
    let (y, m, d) = civil(days);
    let s = seconds % 86_400;
    (y, m, d, s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::{date_time, rfc3339, year_of_day};

    #[test]
    fn dates_read_as_people_and_machines_write_them() {
        assert_eq!(date_time(0), "1970-01-01 00:00 UTC");
        // 2024-02-29 13:07:05
        assert_eq!(date_time(1_709_212_025), "2024-02-29 13:07 UTC");
        assert_eq!(rfc3339(1_709_212_025), "2024-02-29T13:07:05Z");
        assert_eq!(rfc3339(1_735_689_599), "2024-12-31T23:59:59Z");
    }

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
