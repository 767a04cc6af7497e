//! Tests: ner_dates. The case table `tests/cases/dates.toml` (every case: a text, an optional
//! publication date, and the exact spans expected, negatives with none) plus the calendar
//! helpers the recogniser uses to resolve years and check weekdays.

use serde::Deserialize;

use crate::support::cases;
use tintuc::model::{DateKind, Granularity, Ymd};
use tintuc::ner::date::{is_valid, weekday, year_for_day, year_for_months, DateFinder, DateFound};
use tintuc::ner::Lexicons;

/// The dates of one text, through one finder shared by the tests of this module.
fn find_dates(text: &str, published: Option<Ymd>) -> Vec<DateFound> {
    static FINDER: std::sync::OnceLock<DateFinder> = std::sync::OnceLock::new();
    FINDER
        .get_or_init(|| DateFinder::new(&Lexicons::builtin()))
        .find(text, published)
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    text: String,
    value: String,
    #[serde(default)]
    granularity: Option<Granularity>,
    #[serde(default)]
    kind: Option<DateKind>,
    #[serde(default)]
    rule: Option<String>,
    /// Absent means none expected.
    #[serde(default)]
    part_of_day: Option<String>,
    /// Absent means none expected.
    #[serde(default)]
    time: Option<String>,
}

fn check(case: &Case) -> Result<(), String> {
    let published = case.published.as_deref().and_then(Ymd::parse_iso);
    if case.published.is_some() && published.is_none() {
        return Err("bad published date in the table".into());
    }
    let found = find_dates(&case.text, published);
    let got: Vec<String> = found
        .iter()
        .map(|d| {
            format!(
                "{:?}={} ({:?}/{:?}, {}, pod {:?}, time {:?})",
                case.text.get(d.start..d.end).unwrap_or("<bad offsets>"),
                d.value,
                d.granularity,
                d.kind,
                d.rule,
                d.part_of_day,
                d.time
            )
        })
        .collect();
    if found.len() != case.expect.len() {
        return Err(format!(
            "expected {} dates, got [{}]",
            case.expect.len(),
            got.join("; ")
        ));
    }
    for (i, (d, e)) in found.iter().zip(&case.expect).enumerate() {
        let span = case.text.get(d.start..d.end).unwrap_or("");
        let ok = span == e.text
            && d.value == e.value
            && e.granularity.is_none_or(|g| g == d.granularity)
            && e.kind.is_none_or(|k| k == d.kind)
            && e.rule.as_deref().is_none_or(|r| r == d.rule.as_str())
            && d.part_of_day == e.part_of_day
            && d.time == e.time;
        if !ok {
            return Err(format!(
                "date {i}: expected {:?}={} (pod {:?}, time {:?}), got {}",
                e.text, e.value, e.part_of_day, e.time, got[i]
            ));
        }
    }
    let mut last_end = 0;
    for d in &found {
        if d.start < last_end || d.end <= d.start {
            return Err("spans overlap or are out of order".into());
        }
        last_end = d.end;
    }
    Ok(())
}

#[test]
fn date_case_table() {
    let cases: Vec<Case> = cases::load("dates.toml");
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        if !names.insert(case.name.as_str()) {
            failures.push(format!("{}: duplicate case name", case.name));
        }
        if let Err(e) = check(case) {
            failures.push(format!("{}: {e}\n    text: {:?}", case.name, case.text));
        }
    }
    cases::assert_all_pass("dates.toml", cases.len(), 300, &failures);
}

fn ymd(year: i32, month: u32, day: u32) -> Ymd {
    Ymd { year, month, day }
}

#[test]
fn year_resolution_picks_the_nearest_year() {
    // (month, day, published) -> year
    let cases = [
        (12, 15, ymd(2024, 1, 3), 2023),
        (1, 10, ymd(2023, 12, 28), 2024),
        (7, 15, ymd(2023, 7, 15), 2023),
        (7, 15, ymd(2023, 1, 15), 2023),
        (3, 20, ymd(2023, 9, 2), 2023),
        (3, 1, ymd(2023, 9, 2), 2024),
        (11, 20, ymd(2022, 5, 30), 2022),
        (11, 30, ymd(2022, 5, 30), 2021),
        (2, 29, ymd(2024, 2, 1), 2024),
    ];
    for (m, d, published, want) in cases {
        assert_eq!(
            year_for_day(m, d, published),
            Some(want),
            "{d}/{m} published {published}"
        );
    }
    assert_eq!(year_for_day(2, 29, ymd(2022, 6, 1)), None);
    assert_eq!(year_for_months(12, 12, ymd(2024, 1, 3)), 2023);
    assert_eq!(year_for_months(1, 6, ymd(2023, 7, 15)), 2023);
    assert_eq!(year_for_months(1, 3, ymd(2022, 12, 30)), 2023);
}

#[test]
fn weekdays_and_calendar_checks() {
    assert_eq!(weekday(2023, 7, 17), 0);
    assert_eq!(weekday(2025, 9, 2), 1);
    assert_eq!(weekday(1975, 4, 30), 2);
    assert_eq!(weekday(2024, 12, 29), 6);
    assert!(is_valid(2024, 2, 29));
    assert!(!is_valid(2023, 2, 29));
    assert!(!is_valid(2023, 2, 31));
    assert!(!is_valid(2023, 13, 1));
    assert!(!is_valid(2023, 6, 31));
}

#[test]
fn offsets_are_char_boundaries_and_the_function_is_pure() {
    let text = "Ðêm 30/4/2023 và ngày 1/5, Ðến ngày 02/9/2023 - 😀 15/7 tháng 7 năm 2023";
    let published = Some(ymd(2023, 5, 2));
    let first = find_dates(text, published);
    assert_eq!(first, find_dates(text, published));
    for d in &first {
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
    }
}

/// Token soup from a fixed pseudo-random sequence: no panic, spans sorted, disjoint and on char
/// boundaries, whatever the mix of numbers, separators and date words.
#[test]
fn token_soup_never_breaks_the_invariants() {
    const TOKENS: &[&str] = &[
        "ngày",
        "tháng",
        "năm",
        "quý",
        "từ",
        "đến",
        "và",
        "Thứ Hai",
        "giai đoạn",
        "nhiệm kỳ",
        "những",
        "6",
        "15",
        "7",
        "2023",
        "1990",
        "12",
        "31",
        "2",
        "29",
        "III",
        "/",
        "-",
        "–",
        ".",
        ",",
        " ",
        " ",
        " ",
        "\n",
        "(",
        ")",
        "Ð",
        "đầu",
        "cuối",
        "hằng",
        "âm lịch",
        "Sáng",
        "8h30",
        "14 giờ 30",
        "|",
        "04:30 PM",
        "số",
        "😀",
        "Hà Nội",
        "Quý Mão",
        "mùng",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = 1 + (next() % 14) as usize;
        let text: String = (0..len)
            .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
            .collect();
        let published = Some(ymd(
            2023,
            1 + (next() % 12) as u32,
            1 + (next() % 28) as u32,
        ));
        let found = find_dates(&text, published);
        let mut last_end = 0;
        for d in &found {
            assert!(
                d.start >= last_end && d.end > d.start,
                "{text:?}: {found:?}"
            );
            assert!(
                text.is_char_boundary(d.start) && text.is_char_boundary(d.end),
                "{text:?}"
            );
            last_end = d.end;
        }
    }
}
