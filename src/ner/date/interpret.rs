//! From a candidate span to a date: read the numbers back, check calendar and context, compute
//! the ISO 8601 value, granularity and kind.

use regex::Captures;

use super::calendar::{self, is_valid};
use super::context::{self, char_at, char_before, word_after, word_before};
use super::pattern::RULES;
use super::DateFound;
use crate::model::{DateKind, Granularity, Ymd};

/// Sub-groups some rules need, by name.
const SUBGROUPS: &[&str] = &["rd_a", "rd_b", "wd_w", "wd_d", "mr_a", "mr_b"];

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

    fn group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        let (_, s, e) = self.groups.iter().find(|(g, _, _)| *g == name)?;
        text.get(*s..*e)
    }

    fn group_end(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == name)
            .map(|(_, _, e)| *e)
    }

    fn group_start(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == name)
            .map(|(_, s, _)| *s)
    }
}

/// Relative years written after a month or quarter ("tháng 11 năm trước").
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relative {
    /// "năm nay": the publication year.
    This,
    /// "năm trước", "năm sau", "năm tới", "năm ngoái": relative to a year the text may not give.
    Other,
}

/// The numbers of a date phrase, by the slot the words or their order put them in.
#[derive(Debug, Default, Clone, Copy)]
struct Parts {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
    relative: Option<Relative>,
    has_ngay: bool,
    has_words: bool,
    spaced_slash: bool,
    dash: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Day,
    Month,
    Year,
}

fn parts(s: &str, first: Slot) -> Parts {
    let mut p = Parts {
        spaced_slash: s.contains(" /") || s.contains("/ "),
        ..Parts::default()
    };
    let mut slot = first;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                j = k + d.len_utf8();
                chars.next();
            }
            let Ok(n) = s[i..j].parse::<u32>() else {
                continue;
            };
            match slot {
                Slot::Day if p.day.is_none() => {
                    p.day = Some(n);
                    slot = Slot::Month;
                }
                Slot::Month if p.month.is_none() => {
                    p.month = Some(n);
                    slot = Slot::Year;
                }
                Slot::Year if p.year.is_none() => p.year = i32::try_from(n).ok(),
                _ => {}
            }
        } else if c.is_alphabetic() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                j = k + d.len_utf8();
                chars.next();
            }
            match context::lower(&s[i..j]).as_str() {
                "ngày" | "mùng" | "mồng" => {
                    p.has_ngay = true;
                    slot = Slot::Day;
                }
                "tháng" => {
                    p.has_words = true;
                    slot = Slot::Month;
                }
                "năm" => {
                    p.has_words = true;
                    slot = Slot::Year;
                }
                "nay" if slot == Slot::Year => p.relative = Some(Relative::This),
                "trước" | "sau" | "tới" | "ngoái" if slot == Slot::Year => {
                    p.relative = Some(Relative::Other)
                }
                _ => {}
            }
        } else if c == '-' {
            p.dash = true;
        }
    }
    p
}

/// Numbers in a span, in order ("quý III/2023" has none but the year).
fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect()
}

fn roman(s: &str) -> Option<u32> {
    match s.to_ascii_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

fn found(hit: &Hit, rule: &'static str, value: String, g: Granularity, k: DateKind) -> DateFound {
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
            Some(c @ ('.' | ',' | ':' | '-')) => {
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

fn in_list(word: Option<&(String, usize)>, list: &[&str]) -> bool {
    word.is_some_and(|(w, _)| list.contains(&w.as_str()))
}

/// A bare "15/7" or "15 tháng 7": a date only after a cue word, or before a pause when the word
/// before is not a count word.
fn bare_day_ok(text: &str, start: usize, end: usize) -> bool {
    let before = word_before(text, start);
    if in_list(before.as_ref(), context::DAY_CUES) {
        return true;
    }
    if in_list(before.as_ref(), context::NUMBER_NOUNS) {
        return false;
    }
    if before
        .as_ref()
        .is_some_and(|(w, _)| w.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let pause = matches!(
        context::next_visible(text, end),
        None | Some(',' | ';' | ')' | '\n' | '\r' | '.' | '…' | ':' | '"' | '”')
    );
    // "24/7" after a plain word is "round the clock".
    let round_the_clock = text.get(start..end) == Some("24/7");
    let enclosed =
        char_before(text, start).map_or(true, |c| c != '(' || char_at(text, end) == Some(')'));
    (pause && !round_the_clock && enclosed) || followed_by_day(text, end)
}

/// "16/02 và 17/02", "30/4, 1/5": a day coordinated with another numeric day right after it.
fn followed_by_day(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("").trim_start();
    let rest = [",", "và", "hoặc"]
        .iter()
        .find_map(|c| rest.strip_prefix(c))
        .map(str::trim_start);
    let Some(rest) = rest else { return false };
    let rest = rest.strip_prefix("ngày").map_or(rest, str::trim_start);
    let bytes = rest.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&digits)
        && bytes.get(digits) == Some(&b'/')
        && bytes.get(digits + 1).is_some_and(u8::is_ascii_digit)
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

fn ymd_value(y: Option<i32>, m: u32, d: u32) -> String {
    y.map(|y| calendar::iso_day(y, m, d)).unwrap_or_default()
}

/// Interprets one hit; `None` when it is not a date.
pub fn interpret(
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
        "day" => day(text, hit, span, published)?,
        "weekday_day" => weekday_day(text, hit, published)?,
        "range_day" => range_day(text, hit, published)?,
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
        "month" => month(text, hit, span, published)?,
        "range_month" => range_month(text, hit, published)?,
        "month_list" => month_list(hit, span, published)?,
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
        "year_bare" => year_bare(text, hit, span, previous)?,
        "range_year" | "range_year_bare" | "period_years" => year_range(text, hit, span)?,
        "months_of_year" | "half_year" => months_of_year(hit, span, published)?,
        "quarter" => quarter(hit, span, published)?,
        "decade" => decade(hit, span)?,
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
    // "âm lịch" / "(AL)" after the date: a lunar date, its Gregorian day unknown here.
    let tail = text.get(date.end..).unwrap_or("");
    let tail_word = word_after(text, date.end);
    let rest = tail.trim_start_matches([' ', '(']);
    if rest.starts_with("âm lịch")
        || rest.starts_with("Âm lịch")
        || rest.starts_with("AL)")
        || followed_by_cyclical_year(tail)
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
    let attached = context::attached(text, date.start, date.end, day_level);
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

fn day(text: &str, hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
    let p = parts(span, Slot::Day);
    let (d, m) = (p.day?, p.month?);
    if p.spaced_slash && !p.has_ngay {
        return None;
    }
    if !p.has_ngay && (p.year.is_none() || !p.has_words) {
        let before = word_before(text, hit.start);
        if in_list(before.as_ref(), context::NUMBER_NOUNS) {
            return None;
        }
        if p.year.is_none() && !bare_day_ok(text, hit.start, hit.end) {
            return None;
        }
        if p.year.is_none() && (p.dash || !p.has_words) {
            // "thắng 2-1", "từ 3-5 tỷ đồng", "1/2 số hộ": a score, a span of amounts, a share.
            let after = word_after(text, hit.end);
            if after.as_deref().is_some_and(|w| {
                context::UNIT_WORDS.contains(&w) || context::AFTER_MONTH_VETO.contains(&w)
            }) {
                return None;
            }
            if p.dash && !in_list(before.as_ref(), context::DAY_CUES) {
                return None;
            }
        }
    }
    let (year, rule) = match p.year {
        Some(y) => {
            if !is_valid(y, m, d) {
                return None;
            }
            (
                Some(y),
                if p.has_words {
                    "day_words"
                } else {
                    "day_numeric"
                },
            )
        }
        None => {
            if !is_valid(2000, m, d) {
                return None;
            }
            let y = published.and_then(|pb| calendar::year_for_day(m, d, pb));
            (
                y,
                if p.has_words {
                    "day_month_words"
                } else {
                    "day_month_numeric"
                },
            )
        }
    };
    Some(found(
        hit,
        rule,
        ymd_value(year, m, d),
        Granularity::Day,
        DateKind::Date,
    ))
}

fn weekday_index(word: &str) -> Option<u32> {
    let w = context::lower(word);
    let last = w.split_whitespace().last()?;
    Some(match last {
        "hai" | "2" => 0,
        "ba" | "3" => 1,
        "tư" | "4" => 2,
        "năm" | "5" => 3,
        "sáu" | "6" => 4,
        "bảy" | "bẩy" | "7" => 5,
        "nhật" => 6,
        _ => return None,
    })
}

fn weekday_day(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let wd = weekday_index(hit.group(text, "wd_w")?)?;
    let p = parts(hit.group(text, "wd_d")?, Slot::Day);
    let (d, m) = (p.day?, p.month?);
    let (year, rule) = match p.year {
        Some(y) if !is_valid(y, m, d) => return None,
        Some(y) if calendar::weekday(y, m, d) == wd => (Some(y), "weekday_day"),
        Some(y) => (Some(y), "weekday_mismatch"),
        None if !is_valid(2000, m, d) => return None,
        None => match published {
            Some(pb) => match calendar::year_for_weekday(m, d, wd, pb) {
                Some(y) => (Some(y), "weekday_day"),
                None => (calendar::year_for_day(m, d, pb), "weekday_mismatch"),
            },
            None => (None, "weekday_day"),
        },
    };
    Some(found(
        hit,
        rule,
        ymd_value(year, m, d),
        Granularity::Day,
        DateKind::Date,
    ))
}

fn range_day(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let a = parts(hit.group(text, "rd_a")?, Slot::Day);
    let b = parts(hit.group(text, "rd_b")?, Slot::Day);
    let (d2, m2) = (b.day?, b.month?);
    let d1 = a.day?;
    let with_tu = hit.group_start("rd_a").is_some_and(|s| s > hit.start);
    let connector = text.get(hit.group_end("rd_a")?..hit.group_start("rd_b")?)?;
    if connector.trim() == "và" {
        // "ngày 1 và 2/8" is one span for two days in a row; "ngày 15/7 và ngày 20/7" are two dates.
        if a.month.is_some() || a.year.is_some() || d2 != d1 + 1 {
            return None;
        }
    }
    if a.month.is_none() && !a.has_ngay && !with_tu {
        // "10-15/7/2023" alone: only with a dash and a full second end.
        if b.year.is_none() || !connector.contains(['-', '–']) {
            return None;
        }
    }
    if (a.spaced_slash && !a.has_ngay) || (b.spaced_slash && !b.has_ngay) {
        return None;
    }
    if !a.has_ngay && !with_tu && a.year.is_none() && b.year.is_none() {
        // "3/5 - 4/5" without a year or a "ngày" reads as scores.
        return None;
    }
    let m1 = a.month.unwrap_or(m2);
    let y2 = match b.year {
        Some(y) => Some(y),
        None => published.and_then(|pb| calendar::year_for_day(m2, d2, pb)),
    };
    let y1 = match (a.year, y2) {
        (Some(y), _) => Some(y),
        // "25/12 - 5/1/2024" crosses the new year; other reversed ends are rejected below.
        (None, Some(y2)) if m1 >= 10 && m2 <= 3 && m1 > m2 => Some(y2 - 1),
        (None, y2) => y2,
    };
    let value = match (y1, y2) {
        (Some(y1), Some(y2)) => {
            if !is_valid(y1, m1, d1) || !is_valid(y2, m2, d2) {
                return None;
            }
            if calendar::day_number(y1, m1, d1) >= calendar::day_number(y2, m2, d2) {
                return None;
            }
            format!(
                "{}/{}",
                calendar::iso_day(y1, m1, d1),
                calendar::iso_day(y2, m2, d2)
            )
        }
        _ => {
            if !is_valid(2000, m1, d1) || !is_valid(2000, m2, d2) {
                return None;
            }
            String::new()
        }
    };
    Some(found(
        hit,
        "range_day",
        value,
        Granularity::Interval,
        DateKind::Range,
    ))
}

fn month(text: &str, hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
    let m = parts(span, Slot::Month).month?;
    let before = word_before(text, hit.start);
    if in_list(before.as_ref(), context::BEFORE_MONTH_VETO) {
        return None;
    }
    if before
        .as_ref()
        .is_some_and(|(w, _)| w.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let after = word_after(text, hit.end);
    if after
        .as_deref()
        .is_some_and(|w| context::AFTER_MONTH_VETO.contains(&w))
    {
        return None;
    }
    if after
        .as_deref()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let value = published
        .map(|pb| calendar::iso_month(calendar::year_for_months(m, m, pb), m))
        .unwrap_or_default();
    Some(found(
        hit,
        "month",
        value,
        Granularity::Month,
        DateKind::Date,
    ))
}

fn month_year_of(p: &Parts, published: Option<Ymd>) -> Option<i32> {
    match (p.year, p.relative) {
        (Some(y), _) => Some(y),
        (None, Some(Relative::This)) => published.map(|p| p.year),
        _ => None,
    }
}

fn range_month(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let a = parts(hit.group(text, "mr_a")?, Slot::Month);
    let b = parts(hit.group(text, "mr_b")?, Slot::Month);
    let (m1, m2) = (a.month?, b.month?);
    let with_tu = hit.group_start("mr_a").is_some_and(|s| s > hit.start);
    let y2 = month_year_of(&b, published);
    let y1 = month_year_of(&a, published).or(y2);
    let value = match (y1, y2) {
        (Some(y1), Some(y2)) if (y1, m1) < (y2, m2) => {
            format!(
                "{}/{}",
                calendar::iso_month(y1, m1),
                calendar::iso_month(y2, m2)
            )
        }
        (Some(_), Some(_)) => return None,
        _ if m1 >= m2 => return None,
        _ if !with_tu && b.year.is_none() && b.relative.is_none() && !b.has_words => {
            // "tháng 3-5" alone: still a range, year from publication.
            let y = published.map(|pb| calendar::year_for_months(m1, m2, pb))?;
            format!(
                "{}/{}",
                calendar::iso_month(y, m1),
                calendar::iso_month(y, m2)
            )
        }
        _ => match published {
            Some(pb) if a.relative.is_none() && b.relative.is_none() => {
                let y = calendar::year_for_months(m1, m2, pb);
                format!(
                    "{}/{}",
                    calendar::iso_month(y, m1),
                    calendar::iso_month(y, m2)
                )
            }
            _ => String::new(),
        },
    };
    Some(found(
        hit,
        "range_month",
        value,
        Granularity::Month,
        DateKind::Range,
    ))
}

fn month_list(hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
    let nums = numbers(span);
    let (months, year) = match nums.last() {
        Some(&y) if y >= 1000 => (&nums[..nums.len() - 1], i32::try_from(y).ok()),
        _ => (&nums[..], None),
    };
    if months.len() < 2 || months.iter().any(|m| !(1..=12).contains(m)) {
        return None;
    }
    let contiguous = months.windows(2).all(|w| w[1] == w[0] + 1);
    let (first, last) = (*months.first()?, *months.last()?);
    let year = year.or_else(|| published.map(|pb| calendar::year_for_months(first, last, pb)));
    let value = match year {
        Some(y) if contiguous => {
            format!(
                "{}/{}",
                calendar::iso_month(y, first),
                calendar::iso_month(y, last)
            )
        }
        _ => String::new(),
    };
    Some(found(
        hit,
        "month_list",
        value,
        Granularity::Month,
        DateKind::Range,
    ))
}

fn year_bare(text: &str, hit: &Hit, span: &str, previous: Option<&DateFound>) -> Option<DateFound> {
    let y: i32 = span.trim().parse().ok()?;
    let before = word_before(text, hit.start);
    let after = word_after(text, hit.end);
    let value = || {
        Some(found(
            hit,
            "year_bare",
            y.to_string(),
            Granularity::Year,
            DateKind::Date,
        ))
    };
    // A phone number or a list of amounts: numbers on either side.
    if before
        .as_ref()
        .is_some_and(|(w, _)| w.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if after
        .as_deref()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if after
        .as_deref()
        .is_some_and(|w| context::UNIT_WORDS.contains(&w))
    {
        return None;
    }
    // "năm 2022 và 2023", "các năm 2021, 2022": coordinated with a year just found.
    if let Some(prev) = previous {
        let between = text.get(prev.end..hit.start).unwrap_or("").trim();
        if prev.granularity == Granularity::Year
            && prev.kind == DateKind::Date
            && ["và", "hoặc", ",", ", và", "đến"].contains(&between)
        {
            return value();
        }
    }
    let Some((word, word_start)) = before else {
        // "(2015)" or a year alone in parentheses.
        let open = char_before(text, hit.start) == Some('(');
        return (open && char_at(text, hit.end) == Some(')'))
            .then(value)
            .flatten();
    };
    if context::NUMBER_NOUNS.contains(&word.as_str()) && word != "với" {
        return None;
    }
    if word == "với" {
        let so = word_before(text, word_start);
        return (so.is_some_and(|(w, _)| w == "so")).then(value).flatten();
    }
    if word == "kỳ" {
        let cung = word_before(text, word_start);
        return (cung.is_some_and(|(w, _)| w == "cùng"))
            .then(value)
            .flatten();
    }
    if context::YEAR_CUES.contains(&word.as_str()) {
        return value();
    }
    let original = text.get(word_start..)?.chars().next()?;
    let pause = matches!(
        context::next_visible(text, hit.end),
        None | Some(
            ',' | ';'
                | ')'
                | '\n'
                | '\r'
                | '.'
                | '…'
                | ':'
                | '"'
                | '”'
                | '\''
                | '’'
                | '–'
                | '-'
                | '!'
                | '?'
                | '&'
        )
    );
    if pause {
        return value();
    }
    let named = original.is_uppercase();
    let after_ok = after
        .as_deref()
        .is_some_and(|w| context::AFTER_NAMED_YEAR.contains(&w));
    (named && after_ok).then(value).flatten()
}

fn year_range(text: &str, hit: &Hit, span: &str) -> Option<DateFound> {
    let years: Vec<u32> = numbers(span).into_iter().filter(|n| *n >= 1000).collect();
    let (&a, &b) = (years.first()?, years.last()?);
    if years.len() != 2 || a >= b || b - a > 100 {
        return None;
    }
    let (rule, kind) = match hit.rule {
        "period_years" => ("period_years", DateKind::Period),
        "range_year" => ("range_year", DateKind::Range),
        _ => {
            let before = word_before(text, hit.start);
            if in_list(before.as_ref(), context::NUMBER_NOUNS) {
                return None;
            }
            ("range_year_bare", DateKind::Range)
        }
    };
    Some(found(
        hit,
        rule,
        format!("{a}/{b}"),
        Granularity::Year,
        kind,
    ))
}

fn months_of_year(hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
    let lower = context::lower(span);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let count = match words.first().copied()? {
        "nửa" => 6,
        "ba" => 3,
        "sáu" => 6,
        "chín" => 9,
        n => n.parse().ok()?,
    };
    let late = words.contains(&"cuối");
    let early = words.contains(&"đầu");
    let year = numbers(span)
        .into_iter()
        .find(|n| *n >= 1000)
        .and_then(|y| i32::try_from(y).ok());
    let this_year = words.last() == Some(&"nay");
    if !late && !early && year.is_none() && !this_year {
        return None;
    }
    let (first, last) = if late { (13 - count, 12) } else { (1, count) };
    let year = match (year, this_year) {
        (Some(y), _) => Some(y),
        (None, true) => published.map(|p| p.year),
        (None, false) => published.map(|pb| calendar::year_for_months(first, last, pb)),
    };
    let granularity = match count {
        6 => Granularity::Half,
        3 => Granularity::Quarter,
        _ => Granularity::Month,
    };
    let value = year
        .map(|y| calendar::iso_months_interval(y, first, last))
        .unwrap_or_default();
    Some(found(hit, hit.rule, value, granularity, DateKind::Period))
}

fn quarter(hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
    let lower = context::lower(span);
    let mut words = lower.split(|c: char| c.is_whitespace() || c == '/' || c == '-');
    words.next();
    let q = roman(words.find(|w| !w.is_empty())?)?;
    let p = parts(span, Slot::Year);
    let (first, last) = (3 * q - 2, 3 * q);
    let year = match (p.year.filter(|y| *y >= 1000), p.relative) {
        (Some(y), _) => Some(y),
        (None, Some(Relative::This)) => published.map(|pb| pb.year),
        (None, Some(Relative::Other)) => None,
        (None, None) => published.map(|pb| calendar::year_for_months(first, last, pb)),
    };
    let value = year
        .map(|y| calendar::iso_months_interval(y, first, last))
        .unwrap_or_default();
    Some(found(
        hit,
        "quarter",
        value,
        Granularity::Quarter,
        DateKind::Period,
    ))
}

fn decade(hit: &Hit, span: &str) -> Option<DateFound> {
    let lower = context::lower(span);
    let n = *numbers(span).first()?;
    let start = if n >= 1000 {
        n
    } else if lower.contains("xxi") {
        2000 + n
    } else {
        1900 + n
    };
    Some(found(
        hit,
        "decade",
        format!("{start}/{}", start + 9),
        Granularity::Decade,
        DateKind::Period,
    ))
}
