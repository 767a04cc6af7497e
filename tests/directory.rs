//! Tests: directory. Linking quality on the project's own test set (`tests/linking/`), the
//! incremental update, the JSONL output against `schemas/directory.schema.json`, and the
//! `tintuc directory` command with its CSV/XLSX tables.

pub mod linking;

use linking::{directory, ids_by_key, records, score, truth};

/// Floors of the linking scores (issue 16): person clustering B-cubed F1, position F1.
const BCUBED_F1_FLOOR: f64 = 0.95;
const POSITION_F1_FLOOR: f64 = 0.90;

#[test]
fn linking_test_set_meets_the_floors() {
    let records = records();
    assert!(records.len() >= 60, "only {} articles", records.len());
    let truth = truth();
    let directory = directory(&records);
    let scores = score(&directory, &ids_by_key(&records), &truth);
    println!(
        "linking test set: {} articles, {} identities; people B-cubed {}; positions {}",
        records.len(),
        truth.identities.len(),
        scores.bcubed,
        scores.positions
    );
    for line in &scores.clustering_errors {
        println!("  clustering: {line}");
    }
    for line in &scores.missed_positions {
        println!("  missed position: {line}");
    }
    for line in &scores.extra_positions {
        println!("  extra position: {line}");
    }
    assert!(
        scores.cross_province_merges.is_empty(),
        "namesakes of different provinces merged: {:?}",
        scores.cross_province_merges
    );
    assert!(
        scores.bcubed.f1 >= BCUBED_F1_FLOOR,
        "B-cubed {} below {BCUBED_F1_FLOOR}: {:#?}",
        scores.bcubed,
        scores.clustering_errors
    );
    assert!(
        scores.positions.f1 >= POSITION_F1_FLOOR,
        "positions {} below {POSITION_F1_FLOOR}; missed {:#?}; extra {:#?}",
        scores.positions,
        scores.missed_positions,
        scores.extra_positions
    );
}

/// A fresh folder under the system's temporary directory.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tintuc-directory-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The records of the linking set as a JSONL file, as `extract` or `crawl` would write them.
fn write_records(path: &std::path::Path, records: &[(String, tintuc::Record)]) {
    let mut text = String::new();
    for (_, record) in records {
        text.push_str(&serde_json::to_string(record).expect("record"));
        text.push('\n');
    }
    std::fs::write(path, text).expect("write records");
}

#[test]
fn directory_command_writes_lines_that_match_the_schema() {
    let dir = temp_dir("cli");
    let records = records();
    let input = dir.join("articles.jsonl");
    write_records(&input, &records);
    let out = super::support::tintuc_ok(&["directory", input.to_str().unwrap()], None, None);
    let lines = super::support::jsonl(&out.stdout);
    let schema = super::support::schema::Schema::load("directory.schema.json");
    for line in &lines {
        schema.assert_valid(line, "directory line");
    }
    assert_eq!(lines[0]["type"], "summary");
    assert_eq!(lines[0]["articles"], records.len());
    let count = |kind: &str| lines.iter().filter(|l| l["type"] == kind).count();
    assert_eq!(count("article"), records.len());
    assert_eq!(count("person") as u64, lines[0]["people"].as_u64().unwrap());
    assert!(count("position") >= count("person"));
    if std::env::var_os("TINTUC_KEEP_TEST_FILES").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
