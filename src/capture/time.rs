//! RFC 3339 UTC time stamps from `SystemTime`, without a date crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// `2026-11-26T23:05:14Z` (whole seconds, UTC). `sep` replaces the colons, for
/// folder names (`-`), or keeps them (`:`).
pub fn rfc3339_utc(t: SystemTime) -> String {
    format_utc(t, ':')
}

pub(crate) fn format_utc(t: SystemTime, sep: char) -> String {
    // Times before 1970 do not occur on a working clock; they print as the epoch.
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}{sep}{:02}{sep}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's days_from_civil inverse, era = 400 years).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> String {
        rfc3339_utc(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn known_instants() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        // `date -u -d @951782400` → 2000-02-29 00:00:00 (a leap day of a 400-year leap year).
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_798_067_114), "2026-12-23T23:05:14Z");
        assert_eq!(at(4_102_444_799), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn folder_form_has_no_colons() {
        assert_eq!(
            format_utc(UNIX_EPOCH + Duration::from_secs(951_782_400), '-'),
            "2000-02-29T00-00-00Z"
        );
    }
}
