//! From a candidate span to a date: read the numbers back, check calendar and context, compute
//! the ISO 8601 value, granularity and kind.

use regex::Captures;

use super::calendar::{self, is_valid};
use super::context::{self, char_at, char_before, word_after};
use super::day;
use super::pattern::{Patterns, RULES};
use super::period;
use super::reading::{numbers, parts, Relative, Slot};
use super::DateFound;
use crate::model::{DateKind, Granularity, Ymd};

/// Sub-groups some rules need, by name.
const SUBGROUPS: &[&str] = &["rd_a", "rd_b", "dl_b", "wd_w", "wd_d", "mr_a", "mr_b"];

/// One regex match: the rule that fired and its byte ranges in the text.
pub struct Hit {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    groups: Vec<(&'static str, usize, usize)>,
}

impl Hit {
    /// `base` is added to every offset (matches of the anchored retry run on a tail of the text).
    pub fn new(caps: &Captures<'_>, base: usize) -> Option<Hit> {
        let rule = RULES.iter().copied().find(|r| caps.name(r).is_some())?;
        let whole = caps.name(rule)?;
        let groups = SUBGROUPS
            .iter()
            .filter_map(|g| caps.name(g).map(|m| (*g, base + m.start(), base + m.end())))
            .collect();
        Some(Hit {
            rule,
            start: base + whole.start(),
            end: base + whole.end(),
            groups,
        })
    }

    pub fn group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        let (_, s, e) = self.groups.iter().find(|(g, _, _)| *g == name)?;
        text.get(*s..*e)
    }

    pub fn group_end(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == name)
            .map(|(_, _, e)| *e)
    }

    pub fn group_start(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == name)
            .map(|(_, s, _)| *s)
    }
}

pub(super) fn found(
    hit: &Hit,
    rule: &'static str,
    value: String,
    g: Granularity,
    k: DateKind,
) -> DateFound {
    DateFound {
        start: hit.start,
        end: hit.end,
        rule,
        value,
        granularity: g,
        kind: k,
        part_of_day: None,
        time: None,
    }
}

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

pub(super) fn in_list(word: Option<&(String, usize)>, list: &[&str]) -> bool {
    word.is_some_and(|(w, _)| list.contains(&w.as_str()))
}

/// "ngày 28 tháng 5 năm Quý Mão": a year named by the sexagenary cycle is a lunar year.
fn followed_by_cyclical_year(tail: &str) -> bool {
    let mut words = tail.split_whitespace();
    let is_year_word = words.next().is_some_and(|w| context::lower(w) == "năm");
    is_year_word
        && words
            .next()
            .is_some_and(|w| context::HEAVENLY_STEMS.contains(&w))
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
        "day" => day::day(text, hit, span, published)?,
        "weekday_day" => day::weekday_day(text, hit, published)?,
        "range_day" => day::range_day(text, hit, published)?,
        "day_list" => day::day_list(text, hit, published)?,
        "month_year" => {
            let p = parts(span, Slot::Month);
            let m = p.month?;
            let value = match (p.year, p.relative) {
                (Some(y), _) => calendar::iso_month(y, m),
                (None, Some(Relative::This)) => published
                    .map(|p| calendar::iso_month(p.year, m))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            found(hit, "month_year", value, Granularity::Month, DateKind::Date)
        }
        "month" => period::month(text, hit, span, published)?,
        "range_month" => period::range_month(text, hit, published)?,
        "month_list" => period::month_list(hit, span, published)?,
        "year" => {
            let y = parts(span, Slot::Year).year?;
            found(
                hit,
                "year",
                y.to_string(),
                Granularity::Year,
                DateKind::Date,
            )
        }
        "year_bare" => period::year_bare(text, hit, span, previous)?,
        "range_year" | "range_year_bare" | "period_years" => period::year_range(text, hit, span)?,
        "months_of_year" | "half_year" => period::months_of_year(hit, span, published)?,
        "quarter" => period::quarter(hit, span, published)?,
        "decade" => period::decade(hit, span)?,
        "iso_day" => {
            let n = numbers(span);
            let (y, m, d) = (i32::try_from(*n.first()?).ok()?, *n.get(1)?, *n.get(2)?);
            if !is_valid(y, m, d) {
                return None;
            }
            found(
                hit,
                "iso_day",
                calendar::iso_day(y, m, d),
                Granularity::Day,
                DateKind::Date,
            )
        }
        "lunar" => {
            let g = if parts(span, Slot::Day).has_ngay {
                Granularity::Day
            } else {
                Granularity::Month
            };
            found(hit, "lunar", String::new(), g, DateKind::Date)
        }
        _ => return None,
    };
    // "âm lịch" / "(AL)" after the date, "Rằm" (the full-moon day) before it: a lunar date, its
    // Gregorian day unknown here.
    let tail = text.get(date.end..).unwrap_or("");
    let tail_word = word_after(text, date.end);
    let rest = tail.trim_start_matches([' ', '(']);
    if rest.starts_with("âm lịch")
        || rest.starts_with("Âm lịch")
        || rest.starts_with("AL)")
        || followed_by_cyclical_year(tail)
        || context::word_before(text, date.start).is_some_and(|(w, _)| w == "rằm")
    {
        date.value.clear();
        date.rule = "lunar";
    }
    // "ngày 27/7 hằng năm": a recurring date, no single value.
    if matches!(tail_word.as_deref(), Some("hằng" | "hàng")) {
        let rest = tail.trim_start();
        let after = rest
            .split_whitespace()
            .nth(1)
            .map(|w| context::lower(w.trim_end_matches(|c: char| !c.is_alphanumeric())));
        if matches!(after.as_deref(), Some("năm")) {
            date.value.clear();
            date.rule = "recurring";
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

/// A day that no calendar has ("31 tháng 4", "29/2/2023"): the whole span is skipped, so that
/// its month or year is not picked up alone.
pub fn impossible_day(text: &str, hit: &Hit) -> bool {
    let span = match hit.rule {
        "day" => text.get(hit.start..hit.end),
        "weekday_day" => hit.group(text, "wd_d"),
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
