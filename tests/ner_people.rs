//! People with honorifics and titles: the case table `tests/cases/people.toml`, run through
//! `PersonFinder::find`. Every case lists the people expected, in text order; fields left out of a
//! case are not checked. All failures are reported at once, by case name.

use serde::Deserialize;

use crate::support::cases;
use tintuc::model::Gender;
use tintuc::ner::person::{PersonFinder, PersonFound};
use tintuc::ner::Lexicons;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    /// Organisation mentions, as substrings of `text` (first occurrence), passed as byte spans.
    #[serde(default)]
    orgs: Vec<String>,
    people: Vec<Expected>,
    /// The rule that must find each person, in order ("" = not checked).
    #[serde(default)]
    rules: Vec<String>,
}

#[derive(Deserialize)]
struct Expected {
    name: String,
    honorific: Option<String>,
    titles: Option<Vec<String>>,
    /// "M", "F" or "" (unknown).
    gender: Option<String>,
    /// Normalised roles of the titles, in order.
    roles: Option<Vec<String>>,
    /// Organisation of the first title.
    organization: Option<String>,
    /// Modifiers of the first title.
    modifiers: Option<Vec<String>>,
}

fn check(case: &Case, found: &[PersonFound]) -> Vec<String> {
    let mut errors = Vec::new();
    let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
    let wanted: Vec<&str> = case.people.iter().map(|p| p.name.as_str()).collect();
    if names != wanted {
        errors.push(format!("names {names:?}, wanted {wanted:?}"));
        return errors;
    }
    for (p, want) in found.iter().zip(&case.rules) {
        if !want.is_empty() && p.rule.as_str() != want {
            errors.push(format!(
                "{}: rule {}, wanted {want}",
                p.name,
                p.rule.as_str()
            ));
        }
    }
    for (p, e) in found.iter().zip(&case.people) {
        if case.text.get(p.start..p.end) != Some(p.name.as_str()) {
            errors.push(format!("{}: span does not hold the name", e.name));
        }
        if let Some(h) = &e.honorific {
            let got = p.honorific.clone().unwrap_or_default();
            if &got != h {
                errors.push(format!("{}: honorific {got:?}, wanted {h:?}", e.name));
            }
        }
        let titles: Vec<&str> = p.titles.iter().map(|t| t.text.as_str()).collect();
        if let Some(t) = &e.titles {
            if titles != t.iter().map(String::as_str).collect::<Vec<_>>() {
                errors.push(format!("{}: titles {titles:?}, wanted {t:?}", e.name));
            }
        }
        for t in &p.titles {
            if case.text.get(t.start..t.end) != Some(t.text.as_str()) {
                errors.push(format!("{}: title span does not hold {:?}", e.name, t.text));
            }
        }
        if let Some(g) = &e.gender {
            let got = match p.gender {
                Some(Gender::Male) => "M",
                Some(Gender::Female) => "F",
                None => "",
            };
            if got != g {
                errors.push(format!("{}: gender {got:?}, wanted {g:?}", e.name));
            }
        }
        if let Some(r) = &e.roles {
            let got: Vec<&str> = p.titles.iter().map(|t| t.role.as_str()).collect();
            if got != r.iter().map(String::as_str).collect::<Vec<_>>() {
                errors.push(format!("{}: roles {got:?}, wanted {r:?}", e.name));
            }
        }
        if let Some(o) = &e.organization {
            let got = p
                .titles
                .first()
                .and_then(|t| t.organization.clone())
                .unwrap_or_default();
            if &got != o {
                errors.push(format!("{}: organization {got:?}, wanted {o:?}", e.name));
            }
        }
        if let Some(m) = &e.modifiers {
            let got = p
                .titles
                .first()
                .map(|t| t.modifiers.clone())
                .unwrap_or_default();
            if &got != m {
                errors.push(format!("{}: modifiers {got:?}, wanted {m:?}", e.name));
            }
        }
    }
    errors
}

#[test]
fn people_case_table() {
    let cases: Vec<Case> = cases::load("people.toml");
    let finder = PersonFinder::new(&Lexicons::builtin());
    let mut failures = Vec::new();
    for case in &cases {
        let orgs: Vec<(usize, usize)> = case
            .orgs
            .iter()
            .filter_map(|o| case.text.find(o.as_str()).map(|s| (s, s + o.len())))
            .collect();
        assert_eq!(
            orgs.len(),
            case.orgs.len(),
            "{}: an org is not in the text",
            case.name
        );
        let found = finder.find(&case.text, &orgs);
        for e in check(case, &found) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    cases::assert_all_pass("people.toml", cases.len(), 100, &failures);
}

#[test]
fn offsets_stay_on_char_boundaries_of_odd_input() {
    let finder = PersonFinder::new(&Lexicons::builtin());
    for text in [
        "",
        "Ông",
        "đồng chí",
        "Ảnh:",
        "Đ/c Vũ\u{301}",
        "Giám đốc Sở (",
        "– , kiêm",
        "\n\nPhạm",
    ] {
        for p in finder.find(text, &[(0, text.len())]) {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
    }
}

/// A directory of user tables for one test, removed afterwards.
struct LexiconDir(std::path::PathBuf);

impl LexiconDir {
    fn new(name: &str, files: &[(&str, &str)]) -> LexiconDir {
        let dir =
            std::env::temp_dir().join(format!("tintuc-lexicon-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
            std::fs::write(&path, text).expect("write table");
        }
        LexiconDir(dir)
    }
}

impl Drop for LexiconDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_user_lexicon_adds_a_role() {
    let text = "Ông Lê Văn An, Chánh thanh tra viên Sở Nội vụ phát biểu.";
    let titles = |lexicons: &Lexicons| -> Vec<String> {
        PersonFinder::new(lexicons)
            .find(text, &[])
            .iter()
            .flat_map(|p| p.titles.iter().map(|t| t.text.clone()))
            .collect()
    };
    assert_eq!(titles(&Lexicons::builtin()), ["Chánh thanh tra"]);
    let dir = LexiconDir::new(
        "role",
        &[("person/roles.tsv", "Chánh thanh tra viên\tstate\n")],
    );
    let extended = Lexicons::with_dir(&dir.0).expect("a valid user lexicon");
    assert_eq!(titles(&extended), ["Chánh thanh tra viên Sở Nội vụ"]);
}

#[test]
fn a_bad_user_lexicon_names_the_file_and_line() {
    let dir = LexiconDir::new(
        "bad",
        &[(
            "person/roles.tsv",
            "# a comment\nChánh thanh tra viên\tofficer\n",
        )],
    );
    let err = Lexicons::with_dir(&dir.0).expect_err("an unknown group");
    let message = err.to_string();
    assert!(message.contains("roles.tsv:2:"), "{message}");
    assert!(message.contains("officer"), "{message}");
    let dir = LexiconDir::new("unknown", &[("person/nicknames.tsv", "x\n")]);
    let err = Lexicons::with_dir(&dir.0).expect_err("an unknown table");
    assert!(err.to_string().contains("nicknames.tsv"), "{err}");
}
