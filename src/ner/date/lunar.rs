//! Lunar dates to the Gregorian calendar: "Tết Giáp Thìn 2024" (2024-02-10), "mùng 2 Tết",
//! "30 Tết", "rằm tháng Giêng", "ngày 18 tháng Chạp năm Ất Tỵ", "năm Kỷ Dậu".
//!
//! The Vietnamese lunar calendar (UTC+7) is computed from the new moons and the sun's longitude by
//! the published algorithm of Hồ Ngọc Đức (after Jean Meeus, "Astronomical Algorithms"). A year
//! named by the sexagenary cycle (`data/lexicon/date/cycle.tsv`) is the one of that name nearest
//! the reference year, unless a Gregorian year is written with it. [`resolve`] reads a span the
//! grammar found and returns its ISO value, or `None` when nothing fixes it.

use std::f64::consts::PI;
use std::sync::OnceLock;

use super::calendar;
use super::context::lower;
use crate::model::Ymd;

const CYCLE: &str = include_str!("../../../data/lexicon/date/cycle.tsv");
const TIME_ZONE: f64 = 7.0;

/// The position of a stem or branch word (lower case) in its list of `cycle.tsv`.
fn cycle_index(kind: &str, word: &str) -> Option<i64> {
    let (_, positions) = cycle_words().iter().find(|(k, _)| *k == kind)?;
    positions
        .iter()
        .position(|names| names.iter().any(|name| name == word))
        .and_then(|p| i64::try_from(p).ok())
}

/// One list of `cycle.tsv` ("stem", "branch"): its kind and the names of each position.
type CycleList = (&'static str, Vec<Vec<String>>);

/// Each list of `cycle.tsv`, its names lower-cased; read once.
fn cycle_words() -> &'static [CycleList] {
    static WORDS: OnceLock<Vec<CycleList>> = OnceLock::new();
    WORDS.get_or_init(|| {
        CYCLE
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let kind = fields.next()?;
                let positions = fields
                    .map(|names| names.split('|').map(lower).collect())
                    .collect();
                Some((kind, positions))
            })
            .collect()
    })
}

/// The words of one list of `cycle.tsv` as a regex alternation ("(?:Giáp|Ất|...)").
pub fn cycle_alternation(kind: &str) -> String {
    let words: Vec<&str> = CYCLE
        .lines()
        .find(|l| l.split('\t').next() == Some(kind))
        .map(|l| {
            l.split('\t')
                .skip(1)
                .flat_map(|names| names.split('|'))
                .collect()
        })
        .unwrap_or_default();
    format!("(?:{})", words.join("|"))
}

/// The position of a year in the 60-year cycle (Giáp Tý = 0); the names in lower case.
fn cycle_position(stem: &str, branch: &str) -> Option<i64> {
    let (s, b) = (cycle_index("stem", stem)?, cycle_index("branch", branch)?);
    (0..60).find(|n| n % 10 == s && n % 12 == b)
}

fn jd_from_date(day: i64, month: i64, year: i64) -> i64 {
    let a = (14 - month) / 12;
    let y = year + 4800 - a;
    let m = month + 12 * a - 3;
    let jd = day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
    if jd < 2_299_161 {
        day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083
    } else {
        jd
    }
}

fn jd_to_date(jd: i64) -> (i32, u32, u32) {
    let (b, c) = if jd > 2_299_160 {
        let a = jd + 32044;
        let b = (4 * a + 3) / 146_097;
        (b, a - (b * 146_097) / 4)
    } else {
        (0, jd + 32082)
    };
    let d = (4 * c + 3) / 1461;
    let e = c - (1461 * d) / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = b * 100 + d - 4800 + m / 10;
    (year as i32, month as u32, day as u32)
}

/// The Julian day of the k-th new moon after 1900-01-01.
fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 -= 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 += 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 -= 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 -= 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 += 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

fn new_moon_day(k: i64) -> i64 {
    (new_moon(k as f64) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The sun's longitude sector (0-11, 30 degrees each) at the start of a local day.
fn sun_sector(day: i64) -> i64 {
    let jdn = day as f64 - 0.5 - TIME_ZONE / 24.0;
    let t = (jdn - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    (l / PI * 6.0).floor() as i64
}

/// The first day of the 11th lunar month (the one holding the winter solstice) of `year`.
fn month11(year: i64) -> i64 {
    let off = jd_from_date(31, 12, year) - 2_415_021;
    let k = (off as f64 / 29.530_588_853).floor() as i64;
    let nm = new_moon_day(k);
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The Gregorian day of lunar day `day` of (non-leap) month `month` of lunar year `year`.
pub fn to_solar(day: i64, month: i64, year: i64) -> Option<Ymd> {
    if !(1..=30).contains(&day) || !(1..=12).contains(&month) || !(1000..=2200).contains(&year) {
        return None;
    }
    // Months 11 and 12 count from the winter solstice of `year`, the others from the one before.
    let solstice_year = if month < 11 { year - 1 } else { year };
    let off = (month - 11).rem_euclid(12);
    let first = month_starts(solstice_year)[usize::try_from(off).ok()?];
    let (y, m, d) = jd_to_date(first + day - 1);
    Some(Ymd {
        year: y,
        month: m,
        day: d,
    })
}

/// The first days (Julian day numbers) of the twelve non-leap lunar months that start with the
/// 11th month of `solstice_year` (11, 12, 1, ..., 10).
fn month_starts_of(solstice_year: i64) -> [i64; 12] {
    let (a11, b11) = (month11(solstice_year), month11(solstice_year + 1));
    let k = (0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853).floor() as i64;
    let leap = (b11 - a11 > 365).then(|| leap_month_offset(a11));
    std::array::from_fn(|off| {
        let off = off as i64;
        let skip = i64::from(leap.is_some_and(|leap| off >= leap));
        new_moon_day(k + off + skip)
    })
}

thread_local! {
    /// The month starts of the lunar years met so far: the astronomy is computed once per year.
    static MONTH_STARTS: std::cell::RefCell<std::collections::HashMap<i64, [i64; 12]>> =
        std::cell::RefCell::default();
}

/// [`month_starts_of`], computed once per year and thread.
fn month_starts(solstice_year: i64) -> [i64; 12] {
    MONTH_STARTS.with(|cache| {
        *cache
            .borrow_mut()
            .entry(solstice_year)
            .or_insert_with(|| month_starts_of(solstice_year))
    })
}

fn day_number(d: Ymd) -> i64 {
    calendar::day_number(d.year, d.month, d.day)
}

/// The lunar year whose Tết is nearest `reference`.
fn year_near(reference: Ymd) -> i64 {
    let y = i64::from(reference.year);
    (y - 1..=y + 1)
        .filter_map(|l| Some((l, to_solar(1, 1, l)?)))
        .min_by_key(|(_, tet)| (day_number(*tet) - day_number(reference)).abs())
        .map_or(y, |(l, _)| l)
}

/// The year of cycle position `n` nearest `reference_year`.
fn cycle_year(n: i64, reference_year: i64) -> i64 {
    let base = reference_year - (reference_year - 1984 - n).rem_euclid(60);
    if reference_year - base > 30 {
        base + 60
    } else {
        base
    }
}

/// The ISO value of a lunar span ("mùng 2 Tết Giáp Ngọ", "rằm tháng Giêng", "năm Kỷ Dậu 1789"),
/// resolved around `reference` (the publication date); `None` when nothing fixes it.
pub fn resolve(span: &str, reference: Option<Ymd>) -> Option<String> {
    let words: Vec<String> = span
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(lower)
        .collect();
    let at = |w: &str| words.iter().position(|x| x == w);
    // The Gregorian year written with the cycle name, and the cycle name itself.
    let written_year = words
        .iter()
        .filter_map(|w| w.parse::<i64>().ok())
        .find(|&y| y >= 1000);
    let cycle = words
        .windows(2)
        .find_map(|pair| cycle_position(&pair[0], &pair[1]));
    let lunar_year = |fallback: i64| match (written_year, cycle) {
        (Some(y), _) => Some(y),
        (None, Some(n)) => Some(cycle_year(
            n,
            reference.map_or(fallback, |r| i64::from(r.year)),
        )),
        (None, None) => reference.map(year_near),
    };
    let iso = |d: Ymd| calendar::iso_day(d.year, d.month, d.day);
    // "năm Kỷ Dậu", "năm Mậu Thân 1788": a lunar year, its Gregorian year.
    if words.first().is_some_and(|w| w == "năm") {
        return lunar_year(reference?.year.into()).map(|y| y.to_string());
    }
    let day = if at("rằm").is_some() {
        Some(15)
    } else {
        words
            .iter()
            .find_map(|w| w.parse::<i64>().ok().filter(|d| (1..=30).contains(d)))
    };
    if let Some(t) = at("tết") {
        let year = lunar_year(reference?.year.into())?;
        let tet = to_solar(1, 1, year)?;
        return match day.filter(|_| t > 0) {
            // "30 Tết", "29 Tết": the last days of the year before.
            Some(d) if d >= 20 => {
                let last = calendar::day_number(tet.year, tet.month, tet.day) - (30 - d) - 1;
                Some(iso(from_day_number(last)))
            }
            Some(d) => to_solar(d, 1, year).map(iso),
            None => Some(iso(tet)),
        };
    }
    let month = if at("giêng").is_some() {
        1
    } else if at("chạp").is_some() {
        12
    } else {
        return None;
    };
    let d = day?;
    let year = match (written_year, cycle, reference) {
        (None, None, Some(r)) if month == 12 => year_near(r) - 1,
        _ => lunar_year(reference?.year.into())?,
    };
    to_solar(d, month, year).map(iso)
}

/// The calendar day of a day number of [`calendar::day_number`] (days since 1970-01-01).
fn from_day_number(n: i64) -> Ymd {
    const JULIAN_DAY_OF_1970_01_01: i64 = 2_440_588;
    let (year, month, day) = jd_to_date(n + JULIAN_DAY_OF_1970_01_01);
    Ymd { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> Ymd {
        Ymd { year, month, day }
    }

    #[test]
    fn tet_days_follow_the_vietnamese_calendar() {
        for (year, want) in [
            (2014, ymd(2014, 1, 31)),
            (2018, ymd(2018, 2, 16)),
            (2023, ymd(2023, 1, 22)),
            (2024, ymd(2024, 2, 10)),
            (2025, ymd(2025, 1, 29)),
            (2026, ymd(2026, 2, 17)),
            (1789, ymd(1789, 1, 26)),
        ] {
            assert_eq!(to_solar(1, 1, year), Some(want), "Tết {year}");
        }
        // Months after a leap month (the 4th of 2020, the 2nd of 2023) and around the solstice.
        for ((day, month, year), want) in [
            ((15, 8, 2020), ymd(2020, 10, 1)),
            ((15, 8, 2023), ymd(2023, 9, 29)),
            ((23, 12, 2023), ymd(2024, 2, 2)),
            ((1, 11, 2023), ymd(2023, 12, 13)),
        ] {
            assert_eq!(
                to_solar(day, month, year),
                Some(want),
                "{day}/{month}/{year}"
            );
        }
    }

    #[test]
    fn spans_resolve_around_the_reference() {
        let published = Some(ymd(2014, 2, 3));
        assert_eq!(
            resolve("mùng 2 Tết Giáp Ngọ", published).as_deref(),
            Some("2014-02-01")
        );
        assert_eq!(resolve("30 Tết", published).as_deref(), Some("2014-01-30"));
        assert_eq!(
            resolve("rằm tháng Giêng", published).as_deref(),
            Some("2014-02-14")
        );
        let later = Some(ymd(2026, 1, 9));
        assert_eq!(
            resolve("Tết Bính Ngọ", later).as_deref(),
            Some("2026-02-17")
        );
        assert_eq!(
            resolve("ngày 18 tháng Chạp năm Ất Tỵ", later).as_deref(),
            Some("2026-02-05")
        );
        assert_eq!(resolve("năm Mậu Thân 1788", later).as_deref(), Some("1788"));
        assert_eq!(resolve("tháng Giêng", later), None);
    }
}
