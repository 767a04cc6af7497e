//! Tests: hostile and broken input (issue 14). Mutants of every page the project has (sample
//! pages and the page set: byte flips, cut and doubled stretches, unclosed and deeply nested
//! tags, attribute floods, broken entities, legacy bytes in UTF-8, truncation) and of the WARC
//! fixtures go through the library: no panic, the same output every time, and every mention's
//! offsets true to its field. `cargo bench --bench hostile` runs the same over 10,000 mutants and
//! reports time and memory per input.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use tintuc::extract::Profiles;
use tintuc::pipeline::{process_page, PageContext, DEFAULT_MAX_PAGE_BYTES};
use tintuc::warc::read::WarcReader;

use crate::support::mutate::mutant;
use crate::support::{assert_offsets_true, record_field_text, root};

/// Mutants per base page in the test (the benchmark runs many more).
const SEEDS_PER_PAGE: u64 = 3;

fn base_pages() -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for dir in ["samples/pages", "tests/pages"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let page = entry.path().join("source.html");
            if page.exists() {
                pages.push(page);
            }
        }
    }
    pages.sort();
    pages
}

/// The page's record as JSON, or its error as text: what must be the same on every run.
fn outcome(bytes: &[u8], profiles: &Profiles) -> String {
    let ctx = PageContext {
        url: Some("https://example.gov.vn/tin-tuc/bai-viet-1.html"),
        content_type: None,
        profiles,
        max_bytes: DEFAULT_MAX_PAGE_BYTES,
    };
    match process_page(bytes, &ctx) {
        Ok(record) => {
            let value = serde_json::to_value(&record).expect("a record serialises");
            assert_offsets_true(&value["entities"], &|m| record_field_text(&value, m));
            value.to_string()
        }
        Err(err) => format!("error: {err}"),
    }
}

#[test]
fn mutated_pages_never_panic_never_drift_and_keep_true_offsets() {
    let pages = base_pages();
    assert!(pages.len() >= 40, "base pages missing");
    let profiles = Profiles::builtin();
    let mut cases = 0;
    for (index, page) in pages.iter().enumerate() {
        let bytes = std::fs::read(page).expect("read page");
        for k in 0..SEEDS_PER_PAGE {
            let seed = index as u64 * 1_000 + k;
            let input = mutant(&bytes, seed);
            let run = || outcome(&input, &profiles);
            let first = catch_unwind(AssertUnwindSafe(run))
                .unwrap_or_else(|_| panic!("panic on {} seed {seed}", page.display()));
            let second = catch_unwind(AssertUnwindSafe(run))
                .unwrap_or_else(|_| panic!("panic on {} seed {seed}", page.display()));
            assert_eq!(
                first,
                second,
                "{} seed {seed}: output differs between runs",
                page.display()
            );
            cases += 1;
        }
    }
    assert!(cases >= 160);
}

#[test]
fn mutated_warc_files_never_panic_and_read_the_same_every_time() {
    let dir = root().join("tests/fixtures/warc");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains(".warc"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let read_all = |bytes: &[u8]| -> Vec<String> {
        let Ok(reader) = WarcReader::new(std::io::Cursor::new(bytes.to_vec()), "mutant.warc")
        else {
            return vec!["cannot open".into()];
        };
        reader
            .take(10_000)
            .map(|item| match item {
                Ok(record) => format!("{} {:?}", record.warc_type(), record.target_uri()),
                Err(err) => format!("error: {err}"),
            })
            .collect()
    };
    for (index, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).expect("read warc");
        for k in 0..20u64 {
            let input = mutant(&bytes, 7_000 + index as u64 * 100 + k);
            let first = catch_unwind(AssertUnwindSafe(|| read_all(&input)))
                .unwrap_or_else(|_| panic!("panic on {} seed {k}", file.display()));
            assert_eq!(first, read_all(&input), "{} seed {k}", file.display());
        }
    }
}

/// The project's own sample texts, each a paragraph or more of government news.
fn sample_texts() -> Vec<String> {
    let mut texts: Vec<PathBuf> = std::fs::read_dir(root().join("samples/texts"))
        .expect("samples/texts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    texts
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read sample text"))
        .collect()
}

/// Every flat mention's text is the text at its code-point offsets.
fn assert_spans_true(text: &str, mentions: &[tintuc::ner::FlatMention]) {
    let chars: Vec<char> = text.chars().collect();
    for m in mentions {
        let slice: String = chars[m.start..m.end].iter().collect();
        assert_eq!(slice, m.text, "offsets {}..{}", m.start, m.end);
    }
}

#[test]
fn mutated_texts_never_panic_never_drift_and_keep_true_offsets() {
    let recognizer = tintuc::pipeline::default_recognizer();
    for (index, text) in sample_texts().iter().enumerate() {
        for k in 0..30u64 {
            let bytes = mutant(text.as_bytes(), 20_000 + index as u64 * 100 + k);
            let input = String::from_utf8_lossy(&bytes);
            let run = || {
                let spans = recognizer.spans(&input, None);
                assert_spans_true(&input, &spans);
                serde_json::to_string(&spans).expect("spans serialise")
            };
            let first = catch_unwind(AssertUnwindSafe(run))
                .unwrap_or_else(|_| panic!("panic on text {index} seed {k}"));
            assert_eq!(first, run(), "text {index} seed {k}: output differs");
        }
    }
}

/// A document far longer than any article is read in pieces: what it finds is what its parts
/// find, at offsets true to the whole text, with and without paragraph breaks to cut at.
#[test]
fn a_long_document_finds_what_its_parts_find_at_true_offsets() {
    use tintuc::ner::piece::MAX_PIECE_BYTES;
    let recognizer = tintuc::pipeline::default_recognizer();
    let paragraph = sample_texts().concat() + "\n\n";
    let copies = 2 * MAX_PIECE_BYTES / paragraph.len() + 3;
    let alone = recognizer.spans(&paragraph, None);
    assert!(!alone.is_empty());
    for joiner in ["\n\n", " "] {
        let unit = paragraph.trim_end().to_string() + joiner;
        let long = unit.repeat(copies);
        assert!(long.len() > 2 * MAX_PIECE_BYTES);
        let spans = recognizer.spans(&long, None);
        assert_spans_true(&long, &spans);
        if joiner == "\n\n" {
            // Cut only at paragraph breaks: every copy finds exactly what the paragraph finds.
            assert_eq!(spans.len(), alone.len() * copies);
        } else {
            // One line: a cut may fall inside a copy, so only most of the mentions are there.
            assert!(
                spans.len() * 10 >= alone.len() * copies * 9,
                "{}",
                spans.len()
            );
        }
        let entities = recognizer.recognize_text(&long, None);
        assert_eq!(
            entities.dates.len(),
            spans
                .iter()
                .filter(|m| m.kind == tintuc::ner::EntityType::Date)
                .count()
        );
    }
}
