//! Tests: ner_places. Runs the case table `tests/cases/places.toml` through `PlaceFinder` and
//! reports every failing case at once, by name.
//!
//! A case gives `text`, optional `published` (YYYY-MM-DD), and `spans`: the exact texts of ALL
//! places expected, in order (empty for negatives). Optional lists run parallel to `spans`:
//! `units` ("kind" or "kind:code:era", "kind::era" = any code, "kind:-" = no code), `provinces` (province code, "-" =
//! none, "" = not checked), `current` (space-separated post-reform codes, "" = none) and `rules` (the
//! rule that must find the span, "" = not checked).

use serde::Deserialize;
use tintuc::model::Ymd;
use tintuc::ner::place::{PlaceFinder, PlaceFound};
use tintuc::ner::Lexicons;

use crate::support;

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    spans: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    provinces: Vec<String>,
    #[serde(default)]
    current: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    /// The rule that must find each span ("" = not checked).
    #[serde(default)]
    rules: Vec<String>,
}

fn check_unit(want: &str, got: &PlaceFound) -> Result<(), String> {
    let mut parts = want.split(':');
    let kind = parts.next().unwrap_or("");
    if got.kind.as_str() != kind {
        return Err(format!("kind {} != {}", got.kind.as_str(), kind));
    }
    match (parts.next(), parts.next(), &got.unit) {
        (None, _, _) => Ok(()),
        (Some("-"), _, None) => Ok(()),
        (Some("-"), _, Some(u)) => Err(format!("expected no code, got {}:{}", u.code, u.era)),
        (Some(code), era, Some(u)) => {
            // An empty code accepts any code (the era is still checked).
            if (!code.is_empty() && u.code != code) || era.is_some_and(|e| e != u.era) {
                Err(format!(
                    "unit {}:{} != {}:{}",
                    u.code,
                    u.era,
                    code,
                    era.unwrap_or("*")
                ))
            } else {
                Ok(())
            }
        }
        (Some(code), _, None) => Err(format!("expected code {code}, got none")),
    }
}

fn check(finder: &PlaceFinder, case: &Case) -> Result<(), String> {
    let published = match &case.published {
        Some(p) => Some(Ymd::parse_iso(p).ok_or_else(|| format!("bad date {p}"))?),
        None => None,
    };
    let found = finder.find(&case.text, published);
    for p in &found {
        if !case.text.is_char_boundary(p.start) || !case.text.is_char_boundary(p.end) {
            return Err(format!(
                "span {}..{} not on char boundaries",
                p.start, p.end
            ));
        }
    }
    let texts: Vec<&str> = found.iter().map(|p| &case.text[p.start..p.end]).collect();
    if texts != case.spans {
        return Err(format!("spans {:?}, expected {:?}", texts, case.spans));
    }
    for (n, p) in found.iter().enumerate() {
        if let Some(want) = case.units.get(n).filter(|w| !w.is_empty()) {
            check_unit(want, p).map_err(|e| format!("{:?}: {e}", texts[n]))?;
        }
        if let Some(want) = case.provinces.get(n).filter(|w| !w.is_empty()) {
            let got = p.province.as_ref().map_or("-", |u| u.code.as_str());
            if got != want {
                return Err(format!("{:?}: province {got} != {want}", texts[n]));
            }
        }
        if let Some(want) = case.current.get(n) {
            let got: Vec<&str> = p.current.iter().map(|u| u.code.as_str()).collect();
            if got.join(" ") != *want {
                return Err(format!("{:?}: current {:?} != {want:?}", texts[n], got));
            }
            if p.current.iter().any(|u| u.era != "2025") {
                return Err(format!("{:?}: current unit not of era 2025", texts[n]));
            }
        }
        if let Some(want) = case.rules.get(n).filter(|w| !w.is_empty()) {
            if p.rule.as_str() != want {
                return Err(format!(
                    "{:?}: rule {} != {want}",
                    texts[n],
                    p.rule.as_str()
                ));
            }
        }
        if let Some(want) = case.names.get(n).filter(|w| !w.is_empty()) {
            if p.name != *want {
                return Err(format!("{:?}: name {:?} != {want:?}", texts[n], p.name));
            }
        }
    }
    Ok(())
}

#[test]
fn place_cases() {
    let cases: Vec<Case> = support::cases::load("places.toml");
    let finder = PlaceFinder::new(&Lexicons::builtin());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(&finder, c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    support::cases::assert_all_pass("places.toml", cases.len(), 100, &failures);
}

#[test]
fn same_text_resolves_by_era() {
    let finder = PlaceFinder::new(&Lexicons::builtin());
    let text = "Đoàn công tác làm việc tại thành phố Huế.";
    let before = finder.find(text, Ymd::parse_iso("2023-05-10"));
    let after = finder.find(text, Ymd::parse_iso("2025-08-20"));
    let unit = |f: &[PlaceFound]| f.first().and_then(|p| p.unit.clone()).expect("a unit");
    let (b, a) = (unit(&before), unit(&after));
    assert_eq!(
        (b.code.as_str(), b.era.as_str(), b.kind.as_str()),
        ("474", "2024", "district")
    );
    assert_eq!(
        (a.code.as_str(), a.era.as_str(), a.kind.as_str()),
        ("46", "2025", "province")
    );
    assert_eq!(before[0].current[0].code, "46");
    assert!(after[0].current.is_empty());
}

#[test]
fn offsets_stay_on_char_boundaries_for_odd_input() {
    let finder = PlaceFinder::new(&Lexicons::builtin());
    for text in [
        "",
        "tỉnh",
        "thành phố ",
        "TP.",
        "Ho\u{300}a Bình, Ðắk Lắk",
        "số 5 ",
        "các tỉnh Quảng Nam,",
        "\u{feff}Hà Nội\u{a0}",
    ] {
        for p in finder.find(text, None) {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            assert!(p.start < p.end && p.end <= text.len());
        }
    }
}

#[test]
fn every_prefix_of_every_case_is_safe() {
    // Cut texts anywhere (mid-name, after a type word, after "TP.") and check the spans stay
    // inside the text, on char boundaries, non-overlapping and in order.
    let cases: Vec<Case> = support::cases::load("places.toml");
    let finder = PlaceFinder::new(&Lexicons::builtin());
    for case in &cases {
        let text = &case.text;
        for (cut, _) in text.char_indices().step_by(3) {
            let prefix = &text[..cut];
            let found = finder.find(prefix, None);
            let mut last_end = 0;
            for p in &found {
                assert!(
                    p.start >= last_end && p.start < p.end && p.end <= prefix.len(),
                    "{}: bad span {}..{} in {prefix:?}",
                    case.name,
                    p.start,
                    p.end
                );
                assert!(prefix.is_char_boundary(p.start) && prefix.is_char_boundary(p.end));
                last_end = p.end;
            }
        }
    }
}
