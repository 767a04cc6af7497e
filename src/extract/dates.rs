//! Page dates: the publication date of an article from metadata (`2023-07-17T08:30:00+07:00`)
//! or from the article's own date line in its Vietnamese forms ("Ngày đăng 16/05/2016 | 10:53
//! AM", "Thứ Hai, 17/07/2023 08:30", "Cập nhật: 24/08/2022 | 04:30 PM", "19.03.2018",
//! "ngày 15 tháng 7 năm 2023").
//!
//! Everything comes out as [`PageDate`], written by [`PageDate::to_rfc3339`]: RFC 3339 in
//! Vietnam's time zone (`+07:00`) when a time is known, else `YYYY-MM-DD`. A time written
//! without a zone is Vietnam time; a time with another zone is converted.

use std::sync::OnceLock;

use regex::Regex;

use crate::calendar;

/// Years outside this range are taken for noise (phone numbers, IDs), not publication dates.
const MIN_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

/// Vietnam's UTC offset in minutes.
const VN_OFFSET_MINUTES: i64 = 7 * 60;

/// A calendar date with an optional wall-clock time, in Vietnam time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Hour, minute, second in Vietnam time.
    pub time: Option<(u32, u32, u32)>,
}

impl PageDate {
    /// `2023-07-17T08:30:00+07:00` with a time, `2023-07-17` without.
    pub fn to_rfc3339(&self) -> String {
        match self.time {
            Some((h, m, s)) => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
                self.year, self.month, self.day, h, m, s
            ),
            None => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// Dates found in one date line: the publication date and, when labelled ("Cập nhật"), the
/// update date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateLine {
    pub published: Option<PageDate>,
    pub updated: Option<PageDate>,
}

pub fn valid_ymd(year: i32, month: u32, day: u32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year) && calendar::is_valid_day(year, month, day)
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let (year, month, day) = calendar::civil_day(days);
    (year as i32, month, day)
}

/// RFC 3339 UTC timestamp of a Unix time (`2024-01-05T01:30:00Z`), for `fetched_at`. The
/// caller reads the clock; this module never does.
pub fn format_utc(unix_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
    let secs = unix_seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Moves a wall-clock time written at `offset_minutes` from UTC to Vietnam time.
fn to_vietnam_time(date: PageDate, offset_minutes: i64) -> PageDate {
    let Some((h, m, s)) = date.time else {
        return date;
    };
    let days = calendar::day_number(i64::from(date.year), date.month, date.day);
    let minutes = days * 1440 + h as i64 * 60 + m as i64 - offset_minutes + VN_OFFSET_MINUTES;
    let (year, month, day) = civil_from_days(minutes.div_euclid(1440));
    let in_day = minutes.rem_euclid(1440);
    PageDate {
        year,
        month,
        day,
        time: Some(((in_day / 60) as u32, (in_day % 60) as u32, s)),
    }
}

/// Parses a machine-readable timestamp from metadata: `2023-07-17`, `2023-07-17T08:30:00+07:00`,
/// `2023-07-17 08:30:00Z`, and the spaced `2026-10-07 07:49 + 07:00` some templates write.
pub fn parse_iso(s: &str) -> Option<PageDate> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    let re = ISO.get_or_init(|| {
        Regex::new(
            r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\s*\d{2}(?::?\s*\d{2})?)?)?",
        )
        .expect("static regex")
    });
    let caps = re.captures(s)?;
    let year: i32 = caps[1].parse().ok()?;
    let month: u32 = caps[2].parse().ok()?;
    let day: u32 = caps[3].parse().ok()?;
    if !valid_ymd(year, month, day) {
        return None;
    }
    let mut date = PageDate {
        year,
        month,
        day,
        time: None,
    };
    if let (Some(h), Some(m)) = (caps.get(4), caps.get(5)) {
        let hour: u32 = h.as_str().parse().ok()?;
        let minute: u32 = m.as_str().parse().ok()?;
        let second: u32 = caps.get(6).map_or(Ok(0), |s| s.as_str().parse()).ok()?;
        if hour > 23 || minute > 59 || second > 60 {
            return Some(date);
        }
        date.time = Some((hour, minute, second.min(59)));
        if let Some(zone) = caps.get(7) {
            date = to_vietnam_time(date, parse_offset(zone.as_str())?);
        }
    }
    Some(date)
}

/// `Z`, `+07:00`, `+0700`, `+ 07:00`, `-05` -> minutes east of UTC.
fn parse_offset(zone: &str) -> Option<i64> {
    let compact: String = zone
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect();
    if compact.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, digits) = compact.split_at(1);
    let sign = if sign == "-" { -1 } else { 1 };
    let hours: i64 = digits.get(0..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..4).map_or(Ok(0), str::parse).ok()?;
    Some(sign * (hours * 60 + minutes))
}

/// Month names of English-language date lines ("August 7, 2023", "07 Aug 2023").
const ENGLISH_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A two-digit year ("24/12/12") on a date line: 2000-2069, else 1970-1999.
fn full_year(digits: &str) -> Option<i32> {
    let year: i32 = digits.parse().ok()?;
    Some(match digits.len() {
        2 if year < 70 => 2000 + year,
        2 => 1900 + year,
        4 => year,
        _ => return None,
    })
}

/// The date patterns of a date line, each with the capture groups of day, month and year (and
/// a month name instead of a number for the English forms).
fn date_patterns() -> &'static [(Regex, [usize; 3], bool)] {
    static PATTERNS: OnceLock<Vec<(Regex, [usize; 3], bool)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let build = |pattern: &str| Regex::new(pattern).expect("static regex");
        vec![
            // 17/07/2023, 19.03.2018, 2-9-2024, 24/12/12: both separators must agree.
            (
                build(r"(?:^|[^\d/.\-])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*([/.\-])\s*(\d{4}|\d{2})(?:[^\d/.\-]|$)"),
                [1, 3, 5],
                false,
            ),
            // "ngày 15 tháng 7 năm 2023", "07 Tháng 8, 2023", "31 tháng 12/2025".
            (
                build(r"(?i)(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,|/)?\s*(\d{4})"),
                [1, 2, 3],
                false,
            ),
            // 2023-07-17, 2023/07/17 printed on the page.
            (
                build(r"(?:^|[^\d/.\-])(\d{4})([/.\-])(\d{1,2})([/.\-])(\d{1,2})(?:[^\d/.\-]|$)"),
                [5, 3, 1],
                false,
            ),
            // "thứ năm, 08 08 2019 08:51": day, month and year apart, as LacViet portals print them.
            (
                build(r"(?:^|[^\d])(\d{1,2}) (\d{1,2}) (\d{4})(?:[^\d]|$)"),
                [1, 2, 3],
                false,
            ),
            // "August 7, 2023", "Aug 07 2023".
            (
                build(r"(?i)\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
                [2, 1, 3],
                true,
            ),
            // "7 August 2023", "07 Aug, 2023".
            (
                build(r"(?i)\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b"),
                [1, 2, 3],
                true,
            ),
        ]
    })
}

/// One date (with its time when written next to it) found in a date line, and where it sits.
/// The earliest date of any pattern wins.
fn find_date(text: &str) -> Option<(PageDate, usize, usize)> {
    let mut best: Option<(PageDate, usize, usize)> = None;
    for (pattern, [d, m, y], month_name) in date_patterns() {
        for caps in pattern.captures_iter(text) {
            // Separated forms need the same separator twice ("1-2/3" is no date).
            if caps.len() > 5 && caps.get(2).map(|c| c.as_str()) != caps.get(4).map(|c| c.as_str())
            {
                continue;
            }
            let month = if *month_name {
                let name = caps[*m].to_ascii_lowercase();
                match ENGLISH_MONTHS.iter().position(|n| name.starts_with(n)) {
                    Some(i) => i as u32 + 1,
                    None => continue,
                }
            } else {
                match caps[*m].parse::<u32>() {
                    Ok(month) => month,
                    Err(_) => continue,
                }
            };
            let (Ok(day), Some(year)) = (caps[*d].parse::<u32>(), full_year(&caps[*y])) else {
                continue;
            };
            if !valid_ymd(year, month, day) {
                continue;
            }
            let start = [*d, *m, *y]
                .iter()
                .filter_map(|g| caps.get(*g))
                .map(|g| g.start())
                .min()
                .unwrap_or(0);
            let end = [*d, *m, *y]
                .iter()
                .filter_map(|g| caps.get(*g))
                .map(|g| g.end())
                .max()
                .unwrap_or(0);
            if best.as_ref().is_none_or(|(_, s, _)| start < *s) {
                let date = PageDate {
                    year,
                    month,
                    day,
                    time: None,
                };
                best = Some((date, start, end));
            }
            break;
        }
    }
    let (mut date, start, end) = best?;
    date.time = time_after(&text[end..])
        .or_else(|| time_before(&text[..start]))
        // CMSs print "12:00 AM" / "00:00" when no time was entered: a placeholder, not midnight.
        .filter(|t| *t != (0, 0, 0));
    Some((date, start, end))
}

/// A clock time right after a date: " 08:30", ", 19:25 (GMT+7)", " | 04:30 PM", " lúc 8h30".
/// The clock must end at a word boundary, so "5 học sinh" is not five o'clock.
fn time_after(rest: &str) -> Option<(u32, u32, u32)> {
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let re = AFTER.get_or_init(|| {
        Regex::new(r"(?i)^[\s,|\-–—]*(?:lúc\s*|vào\s*lúc\s*|-\s*)?(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?(?::(\d{2}))?\b\s*(AM|PM|SA|CH|A\.M\.|P\.M\.)?")
            .expect("static regex")
    });
    clock(re.captures(rest)?)
}

/// A clock time right before a date: "08:30 17/07/2023", "10:53 AM, 16/05/2016", "10h ngày".
fn time_before(head: &str) -> Option<(u32, u32, u32)> {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let re = BEFORE.get_or_init(|| {
        Regex::new(r"(?i)(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?(?::(\d{2}))?\b\s*(AM|PM|SA|CH)?[\s,|\-–—]*(?:ngày\s*)?$")
            .expect("static regex")
    });
    clock(re.captures(head)?)
}

fn clock(caps: regex::Captures<'_>) -> Option<(u32, u32, u32)> {
    let mut hour: u32 = caps[1].parse().ok()?;
    let minute: u32 = caps.get(2).map_or(Ok(0), |m| m.as_str().parse()).ok()?;
    let second: u32 = caps.get(3).map_or(Ok(0), |m| m.as_str().parse()).ok()?;
    // "10h" alone is a time; a bare number is not.
    if caps.get(2).is_none() && !caps[0].to_lowercase().contains('h') && !caps[0].contains("giờ")
    {
        return None;
    }
    if let Some(marker) = caps.get(4) {
        let pm = matches!(
            marker.as_str().to_ascii_uppercase().as_str(),
            "PM" | "CH" | "P.M."
        );
        if hour > 12 || hour == 0 {
            return None;
        }
        if pm && hour < 12 {
            hour += 12;
        } else if !pm && hour == 12 {
            hour = 0;
        }
    }
    (hour <= 23 && minute <= 59 && second <= 59).then_some((hour, minute, second))
}

/// Longest line that is still a date line.
pub const MAX_DATE_LINE_CHARS: usize = 120;
/// Letters a pure date line may hold besides its date, time and date words ("Ngày đăng",
/// "thứ hai", "Cập nhật"); more, and the line says something else too.
const MAX_OTHER_LETTERS: usize = 6;

/// True for a short line that is a date and little else: "Thứ Hai, 17/07/2023 08:30",
/// "(05.08.2019 16:32)", "Ngày đăng: 20/05/2019 | Lượt xem: 120" is not (it holds a counter).
pub fn is_date_line(line: &str) -> bool {
    if line.chars().count() > MAX_DATE_LINE_CHARS {
        return false;
    }
    let Some((_, start, end)) = find_date(line) else {
        return false;
    };
    let mut rest = format!("{} {}", &line[..start], &line[end..]).to_lowercase();
    for word in super::hints::date_words() {
        rest = remove_word(&rest, word);
    }
    rest.chars().filter(|c| c.is_alphabetic()).count() <= MAX_OTHER_LETTERS
}

/// `text` without the whole-word occurrences of `word`.
fn remove_word(text: &str, word: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before_ok = !rest[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        let after = &rest[at + word.len()..];
        let after_ok = !after.chars().next().is_some_and(char::is_alphabetic);
        out.push_str(&rest[..at]);
        if !(before_ok && after_ok) {
            out.push_str(word);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Parses one date line. Each date belongs to the label written before it: after an update
/// label ("Cập nhật") it is the update date, after a publication label ("Ngày đăng") or without a
/// label the publication date, so "Cập nhật: 29/09/2025 | Ngày đăng: 26/09/2025" reads right.
/// When the line has only an update date ("Cập nhật: 24/08/2022 | 04:30 PM"), that is also the
/// best publication date the page gives. A date after a print label ("Ngày in") is neither.
pub fn parse_date_line(line: &str) -> DateLine {
    let lower = line.to_lowercase();
    // Labels are searched in the lower-cased copy; its offsets are the line's only when
    // lower-casing kept every length, else the line is read without labels.
    let labels: Vec<(usize, LabelKind)> = if lower.len() == line.len() {
        super::hints::date_labels()
            .iter()
            .flat_map(|(label, kind)| {
                lower
                    .match_indices(label.as_str())
                    .filter(|(at, _)| {
                        // Whole words only: "tin ngày" is no "in ngày".
                        !lower[..*at]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                    })
                    .map(move |(at, _)| (at, *kind))
            })
            .collect()
    } else {
        Vec::new()
    };
    let (mut labelled, mut unlabelled, mut updated) = (None, None, None);
    let mut from = 0;
    while let Some((date, start, end)) = line.get(from..).and_then(find_date) {
        let (start, end) = (from + start, from + end);
        // The label nearest before the date, and after the previous date.
        let kind = labels
            .iter()
            .filter(|(at, _)| (from..start).contains(at))
            .max_by_key(|(at, _)| *at)
            .map(|(_, kind)| *kind);
        let slot = match kind {
            Some(LabelKind::Publication) => &mut labelled,
            Some(LabelKind::Update) => &mut updated,
            Some(LabelKind::Print) => {
                from = end;
                continue;
            }
            None => &mut unlabelled,
        };
        slot.get_or_insert(date);
        from = end;
    }
    let mut result = DateLine {
        published: labelled.or(unlabelled),
        updated,
    };
    if result.published.is_none() {
        result.published = result.updated.take();
    }
    result
}

/// Longest labelled date line ("Ngày đăng: 16/05/2025 | Người đăng: ... | Lượt xem: 214").
const MAX_LABELLED_LINE_CHARS: usize = 160;

/// True for a short line that starts with a date label ("Ngày đăng:", "Cập nhật", "Ngày in")
/// and holds a date: the page's own metadata, not article text, wherever it sits.
pub fn is_labelled_date_line(line: &str) -> bool {
    if line.chars().count() > MAX_LABELLED_LINE_CHARS {
        return false;
    }
    let lower = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    super::hints::date_labels().iter().any(|(label, _)| {
        lower
            .strip_prefix(label.as_str())
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    }) && find_date(line).is_some()
}

/// What a label says of the date after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Publication,
    Update,
    /// The date a print view was printed: not the article's.
    Print,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_zones() {
        assert_eq!(
            parse_iso("2023-07-17T01:30:00Z")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2023-07-17T08:30:00+07:00")
        );
        assert_eq!(
            parse_iso("2023-12-31T20:00:00+00:00")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2024-01-01T03:00:00+07:00")
        );
        assert_eq!(
            parse_iso("2026-10-07 07:49 + 07:00")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2026-10-07T07:49:00+07:00")
        );
    }

    #[test]
    fn utc_timestamps() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(1_704_418_200), "2024-01-05T01:30:00Z");
    }

    #[test]
    fn date_lines() {
        let d = parse_date_line("Ngày đăng 16/05/2016 | 10:53 AM | View count: 12");
        assert_eq!(
            d.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2016-05-16T10:53:00+07:00")
        );
        let d = parse_date_line("Thứ Hai, 17/07/2023 08:30");
        assert_eq!(
            d.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2023-07-17T08:30:00+07:00")
        );
        let d = parse_date_line("19.03.2018");
        assert_eq!(
            d.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2018-03-19")
        );
    }
}
