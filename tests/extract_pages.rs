//! Tests: the extractor on the project's own page sets (`tests/pages`: 46 saved pages of 14 CMS
//! families; `tests/pages2`: 49 pages of 22 other site families; both written blind to the
//! extractor, each page with a hand-written `truth.json`), with the built-in profiles and with the
//! generic extractor alone. The floors are the share of pages whose title, date and body come out
//! right; `scripts/score_pages.py` prints the figures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tintuc::extract::Profiles;
use tintuc::pipeline::{process_page, PageContext, DEFAULT_MAX_PAGE_BYTES};

/// Floors on the article pages (titles, dates: exact; body: token F1 >= 0.9).
const MIN_TITLE_SHARE: f64 = 0.97;
const MIN_DATE_SHARE: f64 = 0.97;
const MIN_BODY_SHARE: f64 = 0.94;
const MIN_BODY_F1: f64 = 0.9;
/// Floor on the non-article pages refused (a commune's weekly work calendar is one the truth
/// calls a non-article and the extractor reads as a dated page, a judgement call).
const MIN_REFUSED_SHARE: f64 = 0.9;

fn page_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for set in ["tests/pages", "tests/pages2"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
        dirs.extend(
            std::fs::read_dir(&root)
                .unwrap_or_else(|e| panic!("{set}: {e}"))
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("truth.json").exists()),
        );
    }
    dirs.sort();
    dirs
}

/// Lower-cased word tokens, as the scorers count them.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

fn token_f1(got: &str, want: &str) -> f64 {
    let (a, b) = (tokens(got), tokens(want));
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (
        common as f64 / a.values().sum::<usize>() as f64,
        common as f64 / b.values().sum::<usize>() as f64,
    );
    2.0 * p * r / (p + r)
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(profiles: &Profiles, mode: &str) {
    let dirs = page_dirs();
    assert!(dirs.len() >= 90, "tests/pages or tests/pages2 missing");
    let (mut articles, mut titles, mut dates, mut bodies) = (0, 0, 0, 0);
    let (mut others, mut refused) = (0, 0);
    let mut misses = Vec::new();
    for dir in dirs {
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).expect("truth"))
                .expect("truth json");
        let bytes = std::fs::read(dir.join("source.html")).expect("source");
        let ctx = PageContext {
            url: truth["url"].as_str(),
            content_type: None,
            profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        let result = process_page(&bytes, &ctx);
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if truth["kind"] != "article" {
            others += 1;
            match result {
                Err(_) => refused += 1,
                Ok(_) => misses.push(format!("{name}: a {} page became a record", truth["kind"])),
            }
            continue;
        }
        articles += 1;
        let Ok(record) = result else {
            misses.push(format!("{name}: refused"));
            continue;
        };
        let a = &record.article;
        if fold(&a.title) == fold(truth["title"].as_str().unwrap_or_default()) {
            titles += 1;
        } else {
            misses.push(format!("{name}: title {:?}", a.title));
        }
        let day = a.published.as_deref().map(|p| &p[..10]);
        if day == truth["published"].as_str() {
            dates += 1;
        } else {
            misses.push(format!("{name}: published {:?}", a.published));
        }
        let body = format!("{}\n{}", a.lead.as_deref().unwrap_or_default(), a.text);
        let f1 = token_f1(&body, truth["body"].as_str().unwrap_or_default());
        if f1 >= MIN_BODY_F1 {
            bodies += 1;
        } else {
            misses.push(format!("{name}: body F1 {f1:.3}"));
        }
    }
    let share = |n: usize| n as f64 / articles as f64;
    for (what, got, floor) in [
        ("title", share(titles), MIN_TITLE_SHARE),
        ("date", share(dates), MIN_DATE_SHARE),
        ("body", share(bodies), MIN_BODY_SHARE),
        (
            "refusal of non-articles",
            refused as f64 / others as f64,
            MIN_REFUSED_SHARE,
        ),
    ] {
        assert!(
            got >= floor,
            "{mode}: {what} right on {got:.3} of the article pages (floor {floor}); misses: {misses:#?}"
        );
    }
}

#[test]
fn own_page_set_with_the_builtin_profiles() {
    check(&Profiles::builtin(), "profiles");
}

#[test]
fn own_page_set_with_the_generic_extractor_alone() {
    check(&Profiles::empty(), "generic");
}
