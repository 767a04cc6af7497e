//! Tests: `export` limits and warnings, `crawl` arguments, completions and the manual page, as a
//! user runs them (issue 15 items 7 and 8, issue 14 items 5 and 9).

use serde_json::json;

use crate::cli_extract::{s, scratch, stderr};
use crate::export::readers::{read_sheet, unescape, unzip};
use crate::support::portal::{article_html, Portal, Reply};
use crate::support::{tintuc, tintuc_ok};

fn record(title: &str, lead: &str) -> String {
    json!({
        "title": title,
        "lead": lead,
        "text": "Nội dung.",
        "extractor": {"version": "0", "profile": "generic"},
        "entities": {"dates": [], "places": [], "people": [], "organizations": []}
    })
    .to_string()
}

#[test]
fn issue14_9_xlsx_cells_over_the_limit_are_marked_and_reported() {
    let dir = scratch("xlsx-cut");
    let lead = "chữ ".repeat(10_000);
    let input = dir.join("records.jsonl");
    std::fs::write(
        &input,
        format!(
            "{}\n{}\n",
            record("Ngắn", "Sa pô ngắn."),
            record("Dài", &lead)
        ),
    )
    .unwrap();
    let book = dir.join("out.xlsx");
    let out = tintuc(&["export", s(&input), "-o", s(&book)], None, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: xlsx: 1 cell(s) of sheet `articles` longer than 32767 characters")
            && err.contains("row 3, column lead"),
        "{err}"
    );
    let parts = unzip(&std::fs::read(&book).unwrap());
    let shared: Vec<String> = regex::Regex::new(r"(?s)<si><t(?: [^>]*)?>(.*?)</t></si>")
        .unwrap()
        .captures_iter(&parts["xl/sharedStrings.xml"])
        .map(|c| unescape(&c[1]))
        .collect();
    let sheet = read_sheet(&parts, 1, &shared);
    let cell = &sheet.cells["I3"].2;
    assert_eq!(cell.chars().count(), 32_767);
    assert!(
        cell.ends_with(" […cut: 40000 characters]"),
        "{}",
        &cell[cell.len() - 60..]
    );
    assert_eq!(sheet.cells["I2"].2, "Sa pô ngắn.");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue14_5_export_caps_each_record_and_names_its_line() {
    let long = record("Dài", &"x".repeat(5000));
    let input = format!("{}\n{long}\n{}\n", record("Một", "a"), record("Ba", "c"));
    let out = tintuc(
        &["export", "-", "--format", "jsonl", "--max-size", "2000"],
        Some(input.as_bytes()),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:2: longer than 2000 bytes (--max-size)"),
        "{}",
        stderr(&out)
    );
    let titles: Vec<String> = crate::support::jsonl(&out.stdout)
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(titles, ["Một", "Ba"]);
    // An input of zero bytes without line breaks: refused at its first byte, not read to the end.
    let zeros = vec![0u8; 3_000_000];
    let out = tintuc(&["export", "-", "--format", "jsonl"], Some(&zeros), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not records") && stderr(&out).contains("0x00"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn issue15_7_export_of_nothing_leaves_no_file_and_exits_2() {
    let dir = scratch("export-nothing");
    let book = dir.join("x.xlsx");
    let out = tintuc(
        &["export", s(&dir.join("nope.jsonl")), "-o", s(&book)],
        None,
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nope.jsonl: cannot read"),
        "{}",
        stderr(&out)
    );
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "no file, no temporary file: {left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_7_crawl_takes_q_and_suggests_https_for_a_bare_host() {
    let out = tintuc(&["crawl", "sonoivu.hanoi.gov.vn"], None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `tintuc crawl https://sonoivu.hanoi.gov.vn`"),
        "{}",
        stderr(&out)
    );
    let portal = Portal::start(|req, _| match req.target.as_str() {
        "/" => Reply::html(article_html("Tin chính", &[])),
        _ => Reply::status(404),
    });
    let dir = scratch("crawl-q");
    let out = tintuc(
        &[
            "crawl",
            "-q",
            "--delay",
            "0",
            "--out",
            s(&dir.join("h")),
            &portal.url("/"),
        ],
        None,
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "-q is quiet: {}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_8_completions_and_manual_pages_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = tintuc_ok(&["completions", shell], None, None);
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("tintuc") && script.contains("extract") && script.contains("max-size"),
            "{shell}"
        );
    }
    let out = tintuc_ok(&["man"], None, None);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH tintuc"),
        "{}",
        &page[..200.min(page.len())]
    );
    let dir = scratch("man");
    tintuc_ok(&["man", "--dir", s(&dir)], None, None);
    for name in [
        "tintuc.1",
        "tintuc-extract.1",
        "tintuc-ner.1",
        "tintuc-export.1",
        "tintuc-crawl.1",
    ] {
        let text =
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(text.contains(".SH"), "{name}");
    }
    let extract = std::fs::read_to_string(dir.join("tintuc-extract.1")).unwrap();
    assert!(extract.contains("input\\-list"), "the options are there");
    let _ = std::fs::remove_dir_all(&dir);
}
