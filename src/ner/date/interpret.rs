//! From a candidate span to a date: read the numbers back, check calendar and context, compute
//! the ISO 8601 value, granularity and kind.

use super::calendar::{self, is_valid};
use super::context::{self, char_at, char_before, DateClass};
use super::day;
use super::hit::{found, Hit};
use super::lunar;
use super::pattern::Patterns;
use super::period;
use super::reading::{numbers, parts, Relative, Slot};
use super::rule::{Alternative, DateRule};
use super::DateFound;
use crate::model::{DateKind, Granularity, Ymd};

/// Does the text around a span that starts or ends with a number look like an id, an address,
/// a phone number or a decimal rather than a date?
fn numeric_edges_ok(text: &str, start: usize, end: usize) -> bool {
    let first = char_at(text, start);
    if first.is_some_and(|c| c.is_ascii_digit()) {
        match char_before(text, start) {
            Some(c) if c.is_alphanumeric() || c == '/' || c == '_' => return false,
            // "1.15/7", "10:15": the tail of a decimal or a clock time.
            Some(c @ ('.' | ',' | ':')) => {
                let before = char_before(text, start - c.len_utf8());
                if before.is_some_and(|b| b.is_ascii_digit()) {
                    return false;
                }
            }
            // "QĐ-2015", "COVID-19": the tail of a code.
            Some(c @ '-') => {
                let before = char_before(text, start - c.len_utf8());
                if before.is_some_and(|b| b.is_alphanumeric()) {
                    return false;
                }
            }
            _ => {}
        }
    } else if char_before(text, start).is_some_and(context::is_word_char) {
        // A rule word glued to the end of another word ("hằngnăm").
        return false;
    }
    let last = char_before(text, end);
    if last.is_some_and(|c| c.is_ascii_digit()) {
        let next = char_at(text, end);
        let after_next = next.and_then(|c| char_at(text, end + c.len_utf8()));
        match next {
            Some(c) if c.is_alphanumeric() || c == '/' || c == '%' || c == '_' => return false,
            Some('.' | ',' | ':' | '-') if after_next.is_some_and(|c| c.is_ascii_digit()) => {
                return false
            }
            _ => {}
        }
    }
    true
}

/// "ngày 28 tháng 5 năm Quý Mão": a year named by the sexagenary cycle is a lunar year.
fn followed_by_cyclical_year(g: &Patterns, tail: &str) -> bool {
    let mut words = tail.split_whitespace();
    let is_year_word = words.next().is_some_and(|w| context::lower_is(w, "năm"));
    is_year_word
        && words
            .next()
            .is_some_and(|w| g.words.has_written(DateClass::HeavenlyStem, w))
}

/// The bytes of `tail` up to the end of its third word ("năm Mậu Thân"), when the three words
/// are separated by single spaces only.
fn cyclical_year_len(tail: &str) -> usize {
    let mut end = 0;
    for n in 0..3 {
        let rest = &tail[end..];
        let skip = rest.len() - rest.trim_start_matches(' ').len();
        if skip == 0 || (n > 0 && skip > 1) {
            return 0;
        }
        let word = rest[skip..]
            .char_indices()
            .find(|(_, c)| !context::is_word_char(*c))
            .map_or(rest.len() - skip, |(i, _)| i);
        end += skip + word;
    }
    end
}

/// Interprets one hit; `None` when it is not a date.
pub fn interpret(
    patterns: &Patterns,
    text: &str,
    hit: &Hit,
    published: Option<Ymd>,
    previous: Option<&DateFound>,
) -> Option<DateFound> {
    if !numeric_edges_ok(text, hit.start, hit.end) {
        return None;
    }
    let span = text.get(hit.start..hit.end)?;
    let mut date = match hit.rule {
        Alternative::Day => day::day(patterns, text, hit, span, published)?,
        Alternative::WeekdayDay => day::weekday_day(text, hit, published)?,
        Alternative::RangeDay => day::range_day(text, hit, published)?,
        Alternative::DayList => day::day_list(text, hit, published)?,
        Alternative::MonthYear => {
            let p = parts(span, Slot::Month);
            let m = p.month?;
            let value = match (p.year, p.relative) {
                (Some(y), _) => calendar::iso_month(y, m),
                (None, Some(Relative::This)) => published
                    .map(|p| calendar::iso_month(p.year, m))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            found(
                hit,
                DateRule::MonthYear,
                value,
                Granularity::Month,
                DateKind::Date,
            )
        }
        Alternative::Month => period::month(patterns, text, hit, span, published)?,
        Alternative::RangeMonth => period::range_month(text, hit, published)?,
        Alternative::MonthList => period::month_list(hit, span, published)?,
        Alternative::Year => {
            let y = parts(span, Slot::Year).year?;
            // "(năm 1010)": a year before 1800 only where a pause ends it.
            let paused = || {
                text[hit.end..]
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, ')' | ',' | '.' | ';' | ':' | '\n'))
            };
            if y < 1800 && !paused() {
                return None;
            }
            found(
                hit,
                DateRule::Year,
                y.to_string(),
                Granularity::Year,
                DateKind::Date,
            )
        }
        Alternative::YearBare => period::year_bare(patterns, text, hit, span, previous)?,
        Alternative::RangeYear | Alternative::RangeYearBare | Alternative::PeriodYears => {
            period::year_range(patterns, text, hit, span)?
        }
        Alternative::MonthsOfYear | Alternative::HalfYear => {
            period::months_of_year(hit, span, published)?
        }
        Alternative::Quarter => period::quarter(hit, span, published)?,
        Alternative::Decade => period::decade(hit, span)?,
        Alternative::IsoDay => {
            let n = numbers(span);
            let (y, m, d) = (i32::try_from(*n.first()?).ok()?, *n.get(1)?, *n.get(2)?);
            if !is_valid(y, m, d) {
                return None;
            }
            found(
                hit,
                DateRule::IsoDay,
                calendar::iso_day(y, m, d),
                Granularity::Day,
                DateKind::Date,
            )
        }
        Alternative::Century => period::century(hit, text)?,
        Alternative::LunarYear => {
            if let Some(stem) = hit.group(text, "ly_s").or_else(|| hit.group(text, "ly_t")) {
                if !patterns.words.has_written(DateClass::HeavenlyStem, stem) {
                    return None;
                }
            }
            // "năm Mậu Thân 1788": the Gregorian year is written; a Tết day is not computed here.
            let year_only = context::lower(span).starts_with("năm");
            let value = match hit.group(text, "ly_y") {
                Some(y) if year_only => y.to_string(),
                _ => String::new(),
            };
            let g = if year_only {
                Granularity::Year
            } else {
                Granularity::Day
            };
            found(hit, DateRule::Lunar, value, g, DateKind::Date)
        }
        Alternative::LunarRange => lunar_range(text, hit, published)?,
        Alternative::Lunar => {
            let g = if parts(span, Slot::Day).has_ngay {
                Granularity::Day
            } else {
                Granularity::Month
            };
            found(hit, DateRule::Lunar, String::new(), g, DateKind::Date)
        }
    };
    // "kế hoạch 5 năm 2021-2025": "năm" after a number counts the years of the range.
    if hit.rule == Alternative::RangeYear && context::lower(span).starts_with("năm") {
        let counted = context::word_before(text, hit.start)
            .is_some_and(|(w, _)| w.chars().all(|c| c.is_ascii_digit()));
        if counted {
            let rest = &span["năm".len()..];
            date.start += span.len() - rest.trim_start().len();
        }
    }
    // "âm lịch" / "(AL)" after the date, "Rằm" (the full-moon day) before it: a lunar date, its
    // Gregorian day unknown here.
    let tail = text.get(date.end..).unwrap_or("");
    let tail_word = context::written_word_after(text, date.end);
    let rest = tail.trim_start_matches([' ', '(']);
    let cyclical = followed_by_cyclical_year(patterns, tail);
    if cyclical {
        // "ngày 25 tháng 11 năm Mậu Thân": the year name is part of the date.
        date.end += cyclical_year_len(tail);
    }
    if rest.starts_with("âm lịch")
        || rest.starts_with("Âm lịch")
        || rest.starts_with("AL)")
        || cyclical
        || context::word_before_is(text, date.start, "rằm")
    {
        date.value.clear();
        date.rule = DateRule::Lunar;
    }
    // A lunar date with a year to read it in: its Gregorian day ("mùng 2 Tết Giáp Ngọ").
    if date.rule == DateRule::Lunar && date.value.is_empty() {
        if let Some(value) = text
            .get(date.start..date.end)
            .and_then(|span| lunar::resolve(span, published))
        {
            if value.len() == 10 {
                date.granularity = Granularity::Day;
            }
            date.value = value;
        }
    }
    // "ngày 27/7 hằng năm": a recurring date, no single value.
    if tail_word.is_some_and(|w| context::lower_is(w, "hằng") || context::lower_is(w, "hàng")) {
        let rest = tail.trim_start();
        let after = rest
            .split_whitespace()
            .nth(1)
            .map(|w| context::lower(w.trim_end_matches(|c: char| !c.is_alphanumeric())));
        if matches!(after.as_deref(), Some("năm")) {
            date.value.clear();
            date.rule = DateRule::Recurring;
        }
    }
    let day_level = date.granularity == Granularity::Day;
    let attached = context::attached(&patterns.time, text, date.start, date.end, day_level);
    date.part_of_day = attached.part_of_day;
    if day_level || date.granularity == Granularity::Interval {
        date.time = attached.time;
    }
    Some(date)
}

/// "từ 23 tháng Chạp đến mùng 6 Tết Canh Tý": the second day is read first, and the first in the
/// lunar year of the second (a "tháng Chạp" day just before it). Its value is the interval of
/// their Gregorian days, empty when either is not fixed; reversed ends are no range.
fn lunar_range(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let b = lunar::resolve(hit.group(text, "lr_b")?, published);
    let b_day = b.as_deref().and_then(Ymd::parse_iso);
    let a = lunar::resolve(hit.group(text, "lr_a")?, b_day.or(published));
    let value = match (a, b) {
        (Some(a), Some(b)) if a.len() == 10 && b.len() == 10 => {
            if a >= b {
                return None;
            }
            format!("{a}/{b}")
        }
        _ => String::new(),
    };
    Some(found(
        hit,
        DateRule::Lunar,
        value,
        Granularity::Interval,
        DateKind::Date,
    ))
}

/// A day that no calendar has ("31 tháng 4", "29/2/2023"): the whole span is skipped, so that
/// its month or year is not picked up alone.
pub fn impossible_day(text: &str, hit: &Hit) -> bool {
    let span = match hit.rule {
        Alternative::Day => text.get(hit.start..hit.end),
        Alternative::WeekdayDay => hit.group(text, "wd_d"),
        _ => None,
    };
    let Some(p) = span.map(|s| parts(s, Slot::Day)) else {
        return false;
    };
    match (p.day, p.month, p.year) {
        (Some(d), Some(m), Some(y)) => !is_valid(y, m, d),
        (Some(d), Some(m), None) => !is_valid(2000, m, d),
        _ => false,
    }
}
