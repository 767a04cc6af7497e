//! Months, quarters, halves, years, decades and year periods: "tháng 7/2023", "quý III/2023",
//! "6 tháng đầu năm", "năm 2023", a bare "2015" in an event name, "giai đoạn 2021-2025".

use super::calendar;
use super::context::{self, char_at, char_before, word_after, word_before};
use super::context::{word_in, DateClass};
use super::hit::{found, Hit};
use super::pattern::Patterns;
use super::reading::{numbers, parts, roman, Parts, Relative, Slot};
use super::rule::{Alternative, DateRule};
use super::DateFound;
use crate::model::{DateKind, Granularity, Ymd};

pub(super) fn month(
    g: &Patterns,
    text: &str,
    hit: &Hit,
    span: &str,
    published: Option<Ymd>,
) -> Option<DateFound> {
    let m = parts(span, Slot::Month).month?;
    let before = word_before(text, hit.start);
    if word_in(&g.words, before.as_ref(), DateClass::BeforeMonthVeto) {
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
        .is_some_and(|w| g.words.has_written(DateClass::AfterMonthVeto, w))
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
        DateRule::Month,
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

pub(super) fn range_month(text: &str, hit: &Hit, published: Option<Ymd>) -> Option<DateFound> {
    let a = parts(hit.group(text, "mr_a")?, Slot::Month);
    let b = parts(hit.group(text, "mr_b")?, Slot::Month);
    let (m1, m2) = (a.month?, b.month?);
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
        // "từ tháng 11 đến tháng 2" without years is left to the single months.
        _ if m1 >= m2 => return None,
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
        DateRule::RangeMonth,
        value,
        Granularity::Month,
        DateKind::Range,
    ))
}

pub(super) fn month_list(hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
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
    let year = match (year, parts(span, Slot::Month).relative) {
        (Some(y), _) => Some(y),
        (None, Some(Relative::This)) => published.map(|pb| pb.year),
        (None, Some(Relative::Other)) => None,
        (None, None) => published.map(|pb| calendar::year_for_months(first, last, pb)),
    };
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
        DateRule::MonthList,
        value,
        Granularity::Month,
        DateKind::Range,
    ))
}

pub(super) fn year_bare(
    g: &Patterns,
    text: &str,
    hit: &Hit,
    span: &str,
    previous: Option<&DateFound>,
) -> Option<DateFound> {
    let y: i32 = span.trim().parse().ok()?;
    let before = word_before(text, hit.start);
    let after = word_after(text, hit.end);
    let value = || {
        Some(found(
            hit,
            DateRule::YearBare,
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
        .is_some_and(|w| g.words.has_written(DateClass::UnitWord, w))
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
        // "(2015)": a year alone in parentheses.
        let open = char_before(text, hit.start) == Some('(');
        if open && char_at(text, hit.end) == Some(')') {
            return value();
        }
        // "2014 là năm bản lề", "2015, Sở ...": a sentence that opens with a year. A count would
        // be followed by its noun ("2018 đoàn viên").
        let head = text
            .get(..hit.start)
            .unwrap_or("")
            .trim_end_matches([' ', '\t', '\u{a0}']);
        let sentence_start = head.is_empty() || head.ends_with(['\n', '.', '!', '?']);
        let after_ok = after
            .as_deref()
            .is_some_and(|w| g.words.has_written(DateClass::AfterNamedYear, w))
            || char_at(text, hit.end) == Some(',');
        return (sentence_start && after_ok).then(value).flatten();
    };
    if g.words.has_written(DateClass::NumberNoun, &word) && word != "với" {
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
    if g.words.has_written(DateClass::YearCue, &word) {
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
    // A name written with capitals ends just before the year: "Hội Sách Hà Nội 2015",
    // "Bộ luật Dân sự 2015", "Luật tiếp công dân 2013". Its capital word may sit up to four
    // words back.
    let named = original.is_uppercase() || capitalized_within(text, word_start, 3);
    if named && context::next_visible(text, hit.end) == Some('(') {
        // "Hà Nội 2018 (Ảnh: ...)".
        return value();
    }
    let after_ok = after
        .as_deref()
        .is_some_and(|w| g.words.has_written(DateClass::AfterNamedYear, w));
    if named && after_ok {
        return value();
    }
    // "Chương trình giáo dục phổ thông 2018 đối với ...": the year closes a programme's name.
    let after_programme = after.as_deref().is_some_and(|w| {
        g.words.has_written(DateClass::AfterNamedYear, w)
            || g.words.has_written(DateClass::AfterProgrammeYear, w)
    });
    (after_programme && programme_within(g, text, word_start, 6))
        .then(value)
        .flatten()
}

/// Whether a capitalised programme head ([`DateClass::ProgrammeHead`]) opens the run of at most
/// `count` words that ends at `pos`, with no punctuation in between.
fn programme_within(g: &Patterns, text: &str, pos: usize, count: usize) -> bool {
    let mut words: Vec<(String, usize)> = Vec::new();
    if let Some(w) = word_after(text, pos) {
        words.push((w, pos));
    }
    let mut at = pos;
    for _ in 0..count {
        let Some((w, start)) = word_before(text, at) else {
            break;
        };
        words.push((w, start));
        at = start;
    }
    // words run right to left; a head is one or two words starting with a capital.
    (0..words.len()).any(|k| {
        let (w, start) = &words[k];
        let cap = text
            .get(*start..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase);
        if !cap {
            return false;
        }
        let one = g.words.has_written(DateClass::ProgrammeHead, w);
        let two = k > 0 && {
            let pair = format!("{} {}", w, words[k - 1].0);
            g.words.has_written(DateClass::ProgrammeHead, &pair)
        };
        one || two
    })
}

pub(super) fn year_range(g: &Patterns, text: &str, hit: &Hit, span: &str) -> Option<DateFound> {
    let years: Vec<u32> = numbers(span).into_iter().filter(|n| *n >= 1000).collect();
    let (&a, &b) = (years.first()?, years.last()?);
    if years.len() != 2 || a >= b || b - a > 100 {
        return None;
    }
    let (rule, kind) = match hit.rule {
        Alternative::PeriodYears => (DateRule::PeriodYears, DateKind::Period),
        Alternative::RangeYear => (DateRule::RangeYear, DateKind::Range),
        _ => {
            let before = word_before(text, hit.start);
            if word_in(&g.words, before.as_ref(), DateClass::NumberNoun) {
                return None;
            }
            (DateRule::RangeYearBare, DateKind::Range)
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

pub(super) fn months_of_year(hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
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
    let rule = if hit.rule == Alternative::HalfYear {
        DateRule::HalfYear
    } else {
        DateRule::MonthsOfYear
    };
    Some(found(hit, rule, value, granularity, DateKind::Period))
}

pub(super) fn quarter(hit: &Hit, span: &str, published: Option<Ymd>) -> Option<DateFound> {
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
        DateRule::Quarter,
        value,
        Granularity::Quarter,
        DateKind::Period,
    ))
}

pub(super) fn decade(hit: &Hit, span: &str) -> Option<DateFound> {
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
        DateRule::Decade,
        format!("{start}/{}", start + 9),
        Granularity::Decade,
        DateKind::Period,
    ))
}

/// "thế kỷ XX", "thế kỷ 21": the years of the century ("1901/2000").
pub(super) fn century(hit: &Hit, text: &str) -> Option<DateFound> {
    let written = hit.group(text, "c_n")?;
    let n = match written.parse::<i32>() {
        Ok(n) => n,
        Err(_) => roman_numeral(written)?,
    };
    if !(1..=21).contains(&n) {
        return None;
    }
    Some(found(
        hit,
        DateRule::Century,
        format!("{}/{}", (n - 1) * 100 + 1, n * 100),
        Granularity::Interval,
        DateKind::Period,
    ))
}

/// The value of a Roman numeral of capitals I, V, X ("XVIII" 18).
fn roman_numeral(s: &str) -> Option<i32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let values: Vec<i32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    Some(total)
}

/// Whether one of the `count` words before `pos` starts with a capital letter.
fn capitalized_within(text: &str, pos: usize, count: usize) -> bool {
    let mut pos = pos;
    for _ in 0..count {
        let Some((_, start)) = word_before(text, pos) else {
            return false;
        };
        if text
            .get(start..)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
        {
            return true;
        }
        pos = start;
    }
    false
}
