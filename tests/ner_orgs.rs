//! Organisation recognition: the case table `cases/orgs.toml`, all failures reported at once.

use serde::Deserialize;

use crate::support::cases;
use tintuc::ner::org::{OrgFinder, OrgFound};
use tintuc::ner::Lexicons;

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    places: Vec<String>,
    spans: Vec<String>,
    #[serde(default)]
    attrs: Vec<Attrs>,
    /// The rule that must find each span, in order ("" = not checked).
    #[serde(default)]
    rules: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Attrs {
    span: String,
    name: Option<String>,
    kind: Option<String>,
    parent: Option<String>,
    place: Option<String>,
    successor: Option<String>,
    abbreviation: Option<String>,
}

fn table() -> Vec<Case> {
    cases::load("orgs.toml")
}

/// Byte spans of the given substrings (first occurrence each), as the place recogniser would pass.
fn place_spans(text: &str, places: &[String]) -> Vec<(usize, usize)> {
    places
        .iter()
        .filter_map(|p| text.find(p.as_str()).map(|at| (at, at + p.len())))
        .collect()
}

fn check_attr(
    failures: &mut Vec<String>,
    case: &str,
    what: &str,
    want: &Option<String>,
    got: &Option<String>,
) {
    if let Some(want) = want {
        if got.as_deref() != Some(want.as_str()) {
            failures.push(format!("{case}: {what} = {got:?}, want {want:?}"));
        }
    }
}

fn check_case(finder: &OrgFinder, case: &Case, failures: &mut Vec<String>) {
    let places = place_spans(&case.text, &case.places);
    let found = finder.find(&case.text, &places);
    let spans: Vec<&str> = found.iter().map(|o| &case.text[o.start..o.end]).collect();
    if spans != case.spans {
        failures.push(format!(
            "{}: spans {:?}, want {:?}",
            case.name, spans, case.spans
        ));
        return;
    }
    for (n, want) in case.rules.iter().enumerate() {
        if let Some(org) = found.get(n).filter(|_| !want.is_empty()) {
            if org.rule.as_str() != want {
                failures.push(format!(
                    "{}: {:?} found by {}, want {want}",
                    case.name,
                    spans[n],
                    org.rule.as_str()
                ));
            }
        }
    }
    for attrs in &case.attrs {
        let Some(org): Option<&OrgFound> = found
            .iter()
            .find(|o| case.text[o.start..o.end] == attrs.span)
        else {
            failures.push(format!("{}: no span {:?} for attrs", case.name, attrs.span));
            continue;
        };
        let name = &case.name;
        check_attr(failures, name, "name", &attrs.name, &Some(org.name.clone()));
        check_attr(
            failures,
            name,
            "kind",
            &attrs.kind,
            &Some(org.kind.as_str().to_string()),
        );
        check_attr(failures, name, "parent", &attrs.parent, &org.parent);
        check_attr(failures, name, "place", &attrs.place, &org.place);
        check_attr(
            failures,
            name,
            "successor",
            &attrs.successor,
            &org.successor,
        );
        check_attr(
            failures,
            name,
            "abbreviation",
            &attrs.abbreviation,
            &org.abbreviation,
        );
    }
}

#[test]
fn org_cases() {
    let finder = OrgFinder::new(&Lexicons::builtin());
    let table = table();
    let mut failures = Vec::new();
    for case in &table {
        check_case(&finder, case, &mut failures);
    }
    cases::assert_all_pass("orgs.toml", table.len(), 200, &failures);
}

#[test]
fn org_case_names_are_unique() {
    let table = table();
    let mut names: Vec<&str> = table.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(
        before,
        names.len(),
        "duplicate case names in cases/orgs.toml"
    );
}

#[test]
fn offsets_are_char_boundaries() {
    let finder = OrgFinder::new(&Lexicons::builtin());
    for case in &table() {
        for org in finder.find(&case.text, &[]) {
            assert!(case.text.is_char_boundary(org.start) && case.text.is_char_boundary(org.end));
            assert!(org.start < org.end, "{}: empty span", case.name);
        }
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let finder = OrgFinder::new(&Lexicons::builtin());
    for text in [
        "",
        " ",
        "&",
        "&ndash;",
        "Sở",
        "UBND",
        "(",
        "Sở TT&",
        "Cụm thi đua Sở",
        "các sở:",
        "Ảnh:",
        // A dotted type word at the very end once indexed past the last word.
        "UBND TP.",
        "Công an TP.",
        "Sở Nội vụ TX.",
        // A document number after a no-break space once cut that space in two.
        "xem\u{a0}BIDV công bố",
        "Ảnh:\u{a0}BNV/",
    ] {
        let _ = finder.find(text, &[(0, text.len())]);
        let _ = finder.find(text, &[(text.len(), text.len() + 5)]);
    }
}
