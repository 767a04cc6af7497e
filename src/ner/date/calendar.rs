//! Calendar arithmetic: validity, weekdays, and the year a date without one most likely means.
//!
//! Year resolution picks, among the publication year and its two neighbours, the year that puts
//! the expression closest to the publication date (distance 0 when the publication date falls
//! inside it). Ties go to the publication year, so "tháng 7" in a July article stays in that year.

use crate::model::Ymd;

pub use crate::calendar::{days_in_month, is_valid_day as is_valid, weekday};

/// Days since 1970-01-01.
pub fn day_number(year: i32, month: u32, day: u32) -> i64 {
    crate::calendar::day_number(i64::from(year), month, day)
}

/// Distance in days from `published` to the interval [first, last] (0 inside it).
fn distance(published: Ymd, first: i64, last: i64) -> i64 {
    let p = day_number(published.year, published.month, published.day);
    if p < first {
        first - p
    } else if p > last {
        p - last
    } else {
        0
    }
}

/// The year for a span of months `first_month..=last_month` (same year) written without one.
pub fn year_for_months(first_month: u32, last_month: u32, published: Ymd) -> i32 {
    nearest(published, |y| {
        let first = day_number(y, first_month, 1);
        let last = day_number(y, last_month, days_in_month(y, last_month));
        (first, last)
    })
}

/// The year for a day `day`/`month` written without one. `None` when the day exists in none of
/// the candidate years (29/2 far from a leap year).
pub fn year_for_day(month: u32, day: u32, published: Ymd) -> Option<i32> {
    let candidates = [published.year, published.year - 1, published.year + 1];
    candidates
        .into_iter()
        .filter(|&y| is_valid(y, month, day))
        .min_by_key(|&y| {
            let d = day_number(y, month, day);
            distance(published, d, d)
        })
}

/// Candidate years closest to publication first; the publication year wins ties.
fn nearest(published: Ymd, bounds: impl Fn(i32) -> (i64, i64)) -> i32 {
    let candidates = [published.year, published.year - 1, published.year + 1];
    candidates
        .into_iter()
        .min_by_key(|&y| {
            let (a, b) = bounds(y);
            distance(published, a, b)
        })
        .unwrap_or(published.year)
}

/// Years around publication, nearest first, in which `day`/`month` falls on `weekday`.
pub fn year_for_weekday(month: u32, day: u32, weekday_index: u32, published: Ymd) -> Option<i32> {
    let mut candidates: Vec<i32> = (-1..=1)
        .map(|k| published.year + k)
        .filter(|&y| is_valid(y, month, day) && weekday(y, month, day) == weekday_index)
        .collect();
    candidates.sort_by_key(|&y| {
        let d = day_number(y, month, day);
        distance(published, d, d)
    });
    candidates.first().copied()
}

pub fn iso_day(year: i32, month: u32, day: u32) -> String {
    let mut out = String::with_capacity(10);
    push_iso(&mut out, year, month, Some(day));
    out
}

pub fn iso_month(year: i32, month: u32) -> String {
    let mut out = String::with_capacity(7);
    push_iso(&mut out, year, month, None);
    out
}

/// `YYYY-MM-01/YYYY-MM-DD` for a run of whole months of one year.
pub fn iso_months_interval(year: i32, first_month: u32, last_month: u32) -> String {
    let mut out = String::with_capacity(21);
    push_iso(&mut out, year, first_month, Some(1));
    out.push('/');
    let last_day = days_in_month(year, last_month);
    push_iso(&mut out, year, last_month, Some(last_day));
    out
}

/// Appends `YYYY-MM` or `YYYY-MM-DD` (zero-padded, as `{:04}` and `{:02}` print them).
fn push_iso(out: &mut String, year: i32, month: u32, day: Option<u32>) {
    use std::fmt::Write;
    let plain =
        u32::try_from(year).is_ok_and(|y| y <= 9999) && month <= 99 && day.is_none_or(|d| d <= 99);
    if !plain {
        // Out of the usual ranges (never a found date): the general formatter.
        let _ = match day {
            Some(day) => write!(out, "{year:04}-{month:02}-{day:02}"),
            None => write!(out, "{year:04}-{month:02}"),
        };
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let year = year.unsigned_abs();
    for n in [year / 1000, year / 100, year / 10, year] {
        out.push(digit(n));
    }
    for n in std::iter::once(month).chain(day) {
        out.push('-');
        out.push(digit(n / 10));
        out.push(digit(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> Ymd {
        Ymd { year, month, day }
    }

    #[test]
    fn iso_values_are_zero_padded() {
        assert_eq!(iso_day(2023, 7, 5), "2023-07-05");
        assert_eq!(iso_day(988, 12, 31), "0988-12-31");
        assert_eq!(iso_month(2024, 11), "2024-11");
        assert_eq!(iso_months_interval(2024, 1, 2), "2024-01-01/2024-02-29");
        assert_eq!(iso_day(-5, 1, 1), format!("{:04}-01-01", -5));
        assert_eq!(iso_day(12345, 1, 1), "12345-01-01");
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday(2023, 7, 17), 0); // Monday
        assert_eq!(weekday(1970, 1, 1), 3);
        assert_eq!(weekday(2000, 2, 29), 1);
        assert_eq!(weekday(1945, 9, 2), 6); // Sunday
    }

    #[test]
    fn validity() {
        assert!(is_valid(2024, 2, 29));
        assert!(!is_valid(2023, 2, 29));
        assert!(!is_valid(2023, 2, 31));
        assert!(!is_valid(2023, 4, 31));
        assert!(is_valid(2000, 2, 29));
        assert!(!is_valid(1900, 2, 29));
    }

    #[test]
    fn nearest_year_for_days() {
        assert_eq!(year_for_day(12, 15, ymd(2024, 1, 3)), Some(2023));
        assert_eq!(year_for_day(1, 5, ymd(2023, 12, 20)), Some(2024));
        assert_eq!(year_for_day(7, 15, ymd(2023, 7, 15)), Some(2023));
        assert_eq!(year_for_day(6, 30, ymd(2023, 1, 2)), Some(2023));
        assert_eq!(year_for_day(2, 29, ymd(2024, 3, 1)), Some(2024));
    }

    #[test]
    fn nearest_year_for_months() {
        assert_eq!(year_for_months(12, 12, ymd(2024, 1, 3)), 2023);
        assert_eq!(year_for_months(1, 3, ymd(2015, 4, 3)), 2015);
        assert_eq!(year_for_months(7, 12, ymd(2014, 7, 9)), 2014);
        assert_eq!(year_for_months(1, 1, ymd(2023, 11, 30)), 2024);
    }

    #[test]
    fn weekday_picks_the_year() {
        // 17/7 was a Monday in 2023, a Sunday in 2022 and a Wednesday in 2024.
        assert_eq!(year_for_weekday(7, 17, 0, ymd(2023, 8, 1)), Some(2023));
        assert_eq!(year_for_weekday(7, 17, 6, ymd(2023, 8, 1)), Some(2022));
        assert_eq!(year_for_weekday(7, 17, 4, ymd(2023, 8, 1)), None);
    }
}
