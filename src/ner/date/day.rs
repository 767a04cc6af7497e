//! Days: "ngày 15 tháng 7 năm 2023", "15/7/2023", "Thứ Hai, 17/07/2023", "từ ngày 10 đến
//! 15/7/2023". A day without a year or a "ngày" must earn its place from its neighbours.

use super::calendar::{self, is_valid};
use super::context::{self, char_at, char_before, word_after, word_before};
use super::context::{word_in, DateClass};
use super::hit::{found, Hit};
use super::pattern::Patterns;
use super::reading::{parts, Relative, Slot};
use super::rule::DateRule;
use super::DateFound;
use crate::model::{DateKind, Granularity, Ymd};

/// A bare "15/7" or "15 tháng 7": a date only after a cue word, or before a pause when the word
/// before is not a count word.
fn bare_day_ok(g: &Patterns, text: &str, start: usize, end: usize) -> bool {
    let before = word_before(text, start);
    if word_in(&g.words, before.as_ref(), DateClass::DayCue) {
        return true;
    }
    if word_in(&g.words, before.as_ref(), DateClass::NumberNoun) {
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
        char_before(text, start).is_none_or(|c| c != '(' || char_at(text, end) == Some(')'));
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

fn dotted_day_cue(g: &Patterns, text: &str, start: usize) -> bool {
    let before = word_before(text, start);
    word_in(&g.words, before.as_ref(), DateClass::DottedDayCue)
}

fn ymd_value(y: Option<i32>, m: u32, d: u32) -> String {
    y.map(|y| calendar::iso_day(y, m, d)).unwrap_or_default()
}

pub(super) fn day(
    g: &Patterns,
    text: &str,
    hit: &Hit,
    span: &str,
    published: Option<Ymd>,
) -> Option<DateFound> {
    let p = parts(span, Slot::Day);
    let (d, m) = (p.day?, p.month?);
    if p.spaced_slash && !p.has_ngay {
        return None;
    }
    if p.dot && p.year.is_none() && !p.has_ngay && !dotted_day_cue(g, text, hit.start) {
        // "2.8" is a decimal unless "ngày", "hôm nay" or a part of day says otherwise.
        return None;
    }
    if !p.has_ngay && (p.year.is_none() || !p.has_words) {
        let before = word_before(text, hit.start);
        if word_in(&g.words, before.as_ref(), DateClass::NumberNoun) {
            return None;
        }
        if p.year.is_none() && !bare_day_ok(g, text, hit.start, hit.end) {
            return None;
        }
        if p.year.is_none() && (p.dash || !p.has_words) {
            // "thắng 2-1", "từ 3-5 tỷ đồng", "1/2 số hộ": a score, a span of amounts, a share.
            let after = word_after(text, hit.end);
            if after.as_deref().is_some_and(|w| {
                g.words.has_written(DateClass::UnitWord, w)
                    || g.words.has_written(DateClass::AfterMonthVeto, w)
            }) {
                return None;
            }
            if p.dash && !word_in(&g.words, before.as_ref(), DateClass::DayCue) {
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
                    DateRule::DayWords
                } else {
                    DateRule::DayNumeric
                },
            )
        }
        None => {
            if !is_valid(2000, m, d) {
                return None;
            }
            let y = match p.relative {
                Some(Relative::This) => published.map(|pb| pb.year),
                Some(Relative::Other) => None,
                None => published.and_then(|pb| calendar::year_for_day(m, d, pb)),
            };
            (
                y,
                if p.has_words {
                    DateRule::DayMonthWords
                } else {
                    DateRule::DayMonthNumeric
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

pub(super) fn weekday_day(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let wd = weekday_index(hit.group(text, "wd_w")?)?;
    let p = parts(hit.group(text, "wd_d")?, Slot::Day);
    let (d, m) = (p.day?, p.month?);
    let (year, rule) = match p.year {
        Some(y) if !is_valid(y, m, d) => return None,
        Some(y) if calendar::weekday(y, m, d) == wd => (Some(y), DateRule::WeekdayDay),
        Some(y) => (Some(y), DateRule::WeekdayMismatch),
        None if !is_valid(2000, m, d) => return None,
        None => match published {
            Some(pb) => match calendar::year_for_weekday(m, d, wd, pb) {
                Some(y) => (Some(y), DateRule::WeekdayDay),
                None => (calendar::year_for_day(m, d, pb), DateRule::WeekdayMismatch),
            },
            None => (None, DateRule::WeekdayDay),
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

pub(super) fn range_day(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
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
    if (a.dot || b.dot) && a.year.is_none() && b.year.is_none() && !a.has_ngay {
        // "từ 3.5 đến 4.5 triệu": decimals.
        return None;
    }
    if !a.has_ngay && !with_tu && a.year.is_none() && b.year.is_none() {
        // "3/5 - 4/5" without a year or a "ngày" reads as scores.
        return None;
    }
    let m1 = a.month.unwrap_or(m2);
    let y2 = match (b.year, b.relative) {
        (Some(y), _) => Some(y),
        (None, Some(Relative::This)) => published.map(|pb| pb.year),
        (None, Some(Relative::Other)) => None,
        (None, None) => published.and_then(|pb| calendar::year_for_day(m2, d2, pb)),
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
        DateRule::RangeDay,
        value,
        Granularity::Interval,
        DateKind::Range,
    ))
}

/// "các ngày 2, 3 và 4/9": days in a row share the month of the last one; the span is one
/// interval. Days that are not consecutive are a list with no single value.
pub(super) fn day_list(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let last = parts(hit.group(text, "dl_b")?, Slot::Day);
    let (d2, m) = (last.day?, last.month?);
    let head = text.get(hit.start..hit.group_start("dl_b")?)?;
    let days: Vec<u32> = super::reading::numbers(head);
    let d1 = *days.first()?;
    let consecutive = days
        .iter()
        .chain(std::iter::once(&d2))
        .zip(days.iter().skip(1).chain(std::iter::once(&d2)))
        .all(|(a, b)| *b == a + 1);
    let year = match last.year {
        Some(y) => Some(y),
        None => published.and_then(|pb| calendar::year_for_day(m, d2, pb)),
    };
    if !is_valid(year.unwrap_or(2000), m, d2) || !is_valid(year.unwrap_or(2000), m, d1) {
        return None;
    }
    let value = match year {
        Some(y) if consecutive => format!(
            "{}/{}",
            calendar::iso_day(y, m, d1),
            calendar::iso_day(y, m, d2)
        ),
        _ => String::new(),
    };
    Some(found(
        hit,
        DateRule::DayList,
        value,
        Granularity::Interval,
        DateKind::Range,
    ))
}
