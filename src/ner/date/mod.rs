//! Date expressions: calendar days, months, quarters, years, named periods and ranges.
//!
//! One pass of one regex (`pattern`) proposes candidate spans (a `hit::Hit`), each tagged with the
//! alternative of the grammar that matched (`rule::Alternative`); `interpret` checks the edges of the
//! span (document ids, phone numbers, decimals) and hands it to `day` or `period`, which read the
//! numbers back (`reading`), weigh the neighbouring words (`context`: the cue and veto word classes
//! of `data/lexicon/date/words.tsv`) and resolve missing years from the publication date
//! (`calendar`); the date reports a `rule::DateRule`. A rejected range is re-read at the same start as a single
//! date; any other rejected candidate moves the scan one character on. The result is sorted and
//! non-overlapping; offsets are bytes into the text.
//!
//! Conventions (annotation guidelines, DATE): vague modifiers ("đầu", "cuối", "những") and parts
//! of day stay outside the span; "từ" is inside only when both ends are written; clock times are
//! never inside but are reported in `time`. A weekday that contradicts the written date keeps the
//! written date (rule `weekday_mismatch`): the numbers are more often right than the weekday. A
//! weekday next to a date without a year picks the year around publication where it fits.
//! A missing year is the one (publication year or a neighbour) that puts the date closest to
//! publication, or the year of a date it is coordinated with ("tháng 7 và tháng 8 năm 2023").
//! Without a publication date, the latest day the text writes in full stands in for it.
//! Lunar dates with a day and a year to read them in ("mùng 2 Tết Giáp Ngọ", "rằm tháng Giêng",
//! "năm Kỷ Dậu") get their Gregorian value (`lunar`). Values are empty when nothing fixes them: no
//! date to resolve from, other lunar dates ("âm lịch", a bare "tháng Giêng"), relative years ("năm trước"), recurring days ("ngày 27/7
//! hằng năm"; a bare "hằng năm" is not a span). Calendar-impossible days (31/4) are skipped whole.
//! Bare years need a reason: a cue word ("cùng kỳ 2014", "đến 2025"), a capitalised name before
//! them ("Hội Sách Hà Nội 2015"), a pause after them, or coordination with a year just found.

mod calendar;
mod context;
mod day;
mod hit;
mod interpret;
mod lunar;
mod pattern;
mod period;
mod reading;
mod rule;

pub use calendar::{is_valid, weekday, year_for_day, year_for_months};
pub use context::{DateClass, Lexicon};
pub use rule::DateRule;

use std::sync::Arc;

use crate::model::{DateKind, Granularity, Ymd};
use crate::ner::lexicons::Lexicons;

/// One date expression found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    pub start: usize,
    pub end: usize,
    /// The rule that fired: `day_words`, `day_numeric` (year written), `day_month_words`,
    /// `day_month_numeric` (year resolved), `weekday_day`, `weekday_mismatch`, `range_day`,
    /// `day_list`, `iso_day`, `month_year`, `month`, `range_month`, `month_list`, `quarter`,
    /// `months_of_year`, `half_year`, `year`, `year_bare`, `range_year`, `range_year_bare`,
    /// `period_years`, `decade`, `lunar`, `recurring`.
    pub rule: DateRule,
    pub value: String,
    pub granularity: Granularity,
    pub kind: DateKind,
    pub part_of_day: Option<String>,
    pub time: Option<String>,
}

/// The date recogniser: the compiled grammar.
#[derive(Debug, Clone)]
pub struct DateFinder {
    patterns: Arc<pattern::Patterns>,
}

impl DateFinder {
    /// Compiles the grammar; its word classes come from `lexicons`.
    pub fn new(lexicons: &Lexicons) -> DateFinder {
        DateFinder {
            patterns: Arc::new(pattern::build(Arc::clone(&lexicons.dates))),
        }
    }

    /// Finds the date expressions of one text; `published` resolves missing years and months.
    pub fn find(&self, text: &str, published: Option<Ymd>) -> Vec<DateFound> {
        find_dates(&self.patterns, text, published)
    }
}

fn find_dates(patterns: &pattern::Patterns, text: &str, published: Option<Ymd>) -> Vec<DateFound> {
    let found = find_dates_once(patterns, text, published);
    if published.is_some() || found.iter().all(|d| !d.value.is_empty()) {
        return found;
    }
    // No publication date: the latest day written in full in the text stands in for it ("3/1" in
    // a text that says "từ 29/12/2023 đến 5/1/2024" is 2024-01-03).
    match latest_full_day(&found) {
        Some(reference) => find_dates_once(patterns, text, Some(reference)),
        None => found,
    }
}

/// The latest calendar day among days whose year is written (the end of a range of days counts);
/// without one, the last day of the latest month written with its year ("tháng 9/2022"). Quarters,
/// halves and bare years are left out: they name plans as often as the present ("quý II/2026").
fn latest_full_day(found: &[DateFound]) -> Option<Ymd> {
    let written = |d: &&DateFound| !d.rule.year_from_publication() && d.rule != DateRule::Lunar;
    let days = found
        .iter()
        .filter(written)
        .filter(|d| {
            d.granularity == Granularity::Day
                || matches!(d.rule, DateRule::RangeDay | DateRule::DayList)
        })
        .filter_map(|d| {
            let last = d.value.rsplit('/').next()?;
            (last.len() == 10).then(|| Ymd::parse_iso(last)).flatten()
        })
        .max_by_key(|d| (d.year, d.month, d.day));
    days.or_else(|| {
        found
            .iter()
            .filter(written)
            .filter(|d| matches!(d.rule, DateRule::MonthYear | DateRule::RangeMonth))
            .filter_map(|d| {
                let last = d.value.rsplit('/').next()?;
                let (year, month) = last.split_once('-')?;
                let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
                let day = (28..=31).rev().find(|&day| is_valid(year, month, day))?;
                Some(Ymd { year, month, day })
            })
            .max_by_key(|d| (d.year, d.month, d.day))
    })
}

fn find_dates_once(
    patterns: &pattern::Patterns,
    text: &str,
    published: Option<Ymd>,
) -> Vec<DateFound> {
    let mut found: Vec<DateFound> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(hit) = patterns.next_hit(text, pos) else {
            break;
        };
        let start = hit.start;
        let mut accepted = interpret::interpret(patterns, text, &hit, published, found.last());
        let mut skip_to = interpret::impossible_day(text, &hit).then_some(hit.end);
        if accepted.is_none() && hit.rule.composite() {
            let single = text
                .get(start..)
                .and_then(|tail| patterns.single_at(tail, start));
            if let Some(single) = single {
                accepted = interpret::interpret(patterns, text, &single, published, found.last());
                skip_to = interpret::impossible_day(text, &single).then_some(single.end);
            }
        }
        match accepted {
            Some(date) => {
                pos = date.end.max(start + 1);
                found.push(date);
            }
            None => {
                let next_char = start + text[start..].chars().next().map_or(1, char::len_utf8);
                pos = skip_to.unwrap_or(next_char).max(next_char);
            }
        }
    }
    borrow_coordinated_years(text, &mut found);
    found
}

/// "tháng 7 và tháng 8 năm 2023", "ngày 30/6 và ngày 1/7/2023": a month or day written without a
/// year takes the year of the date it is coordinated with, not the publication's.
fn borrow_coordinated_years(text: &str, found: &mut [DateFound]) {
    // Whether each date's year is written (or was borrowed from one that is).
    let mut written: Vec<bool> = found
        .iter()
        .map(|d| !d.rule.year_from_publication())
        .collect();
    for i in (0..found.len().saturating_sub(1)).rev() {
        let (head, tail) = found.split_at_mut(i + 1);
        let (current, next) = (&mut head[i], &tail[0]);
        if written[i]
            || !written[i + 1]
            || current.granularity != next.granularity
            || current.value.len() < 7
            || next.value.len() < 7
        {
            continue;
        }
        let between = text.get(current.end..next.start).unwrap_or("").trim();
        if !matches!(between, "và" | "," | "hoặc" | ", và") {
            continue;
        }
        let (Ok(year), Some(month), Some(next_month)) = (
            next.value[..4].parse::<i32>(),
            current.value.get(5..7),
            next.value.get(5..7),
        ) else {
            continue;
        };
        // "tháng 12 và tháng 1/2024": December belongs to the year before.
        let year = if month > next_month { year - 1 } else { year };
        let candidate = format!("{year:04}{}", &current.value[4..]);
        let valid = match candidate.get(8..10).and_then(|d| d.parse::<u32>().ok()) {
            Some(day) => month.parse::<u32>().is_ok_and(|m| is_valid(year, m, day)),
            None => true,
        };
        if valid {
            current.value = candidate;
            written[i] = true;
        }
    }
}
