//! Tests: the `ner` and `schema` subcommands, as a script would use them.

use serde_json::Value;

use crate::support::schema::Schema;
use crate::support::{assert_offsets_true, jsonl, tintuc, tintuc_ok};

/// A short text in the genre, written for these tests.
const TEXT: &str = "Sáng ngày 12/3, tại thành phố Nha Trang, tỉnh Khánh Hòa, Sở Nội vụ tỉnh Khánh Hòa tổ chức \
Hội nghị tổng kết công tác năm 2023. Dự hội nghị có ông Trần Văn Bình, Phó Chủ tịch UBND tỉnh Khánh Hòa.";

/// Flat mentions are sorted, do not overlap, and their text is the input's between their
/// code-point offsets.
fn assert_flat_mentions_true(text: &str, mentions: &Value) {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for m in mentions.as_array().into_iter().flatten() {
        let start = m["start"].as_u64().unwrap_or(0) as usize;
        let end = m["end"].as_u64().unwrap_or(0) as usize;
        assert!(
            start >= last_end && end <= chars.len(),
            "mentions overlap or are out of order: {m}"
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(slice, m["text"].as_str().unwrap_or_default());
        last_end = end;
    }
}

#[test]
fn ner_jsonl_keeps_ids_and_order_and_reports_bad_lines() {
    let input = format!(
        "{}\nnot json\n{}\n{{\"id\": 3}}\n",
        serde_json::json!({"id": "a", "text": TEXT, "published": "2024-03-12"}),
        serde_json::json!({"id": 7, "text": "Hà Nội"})
    );
    let out = tintuc(&["ner"], Some(input.as_bytes()), None);
    assert_eq!(out.status.code(), Some(1), "bad lines make exit code 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-:2:"), "line 2 named: {stderr}");
    assert!(
        stderr.contains("-:4:") && stderr.contains("text"),
        "line 4 named with its cause: {stderr}"
    );
    let lines = jsonl(&out.stdout);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(ids, [&Value::from("a"), &Value::from(7)]);
    let schema = Schema::load("ner.schema.json");
    for line in &lines {
        schema.assert_valid(line, "ner output line");
        assert_offsets_true(&line["entities"], &|_| {
            Some(if line["id"] == "a" { TEXT } else { "Hà Nội" }.to_string())
        });
    }
}

#[test]
fn ner_spans_are_flat_valid_and_true_to_the_text() {
    let input = serde_json::json!({"id": "x", "text": TEXT, "published": "2024-03-12"}).to_string();
    let out = tintuc_ok(&["ner", "--spans"], Some(input.as_bytes()), None);
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 1);
    Schema::load("ner.schema.json").assert_valid(&lines[0], "ner --spans line");
    assert_flat_mentions_true(TEXT, &lines[0]["mentions"]);
}

#[test]
fn ner_plain_text_keeps_offsets_of_leading_white_space() {
    let dir = std::env::temp_dir().join(format!("tintuc-ner-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bai-viet.txt");
    let text = format!("\n\n  {TEXT}\n");
    std::fs::write(&path, &text).expect("write text");
    let out = tintuc_ok(
        &[
            "ner",
            "--spans",
            "--published",
            "2024-03-12",
            path.to_str().unwrap_or_default(),
        ],
        None,
        None,
    );
    let lines = jsonl(&out.stdout);
    assert_eq!(
        lines[0]["id"],
        Value::from(path.to_string_lossy().to_string())
    );
    assert_flat_mentions_true(&text, &lines[0]["mentions"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ner_rejects_a_bad_published_date_as_usage_error() {
    let out = tintuc(
        &["ner", "--published", "12/03/2024"],
        Some("Hà Nội".as_bytes()),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--published"));
}

#[test]
fn ner_names_a_missing_input_file() {
    let out = tintuc(&["ner", "no/such/file.jsonl"], None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.jsonl"));
}

#[test]
fn schema_command_prints_the_schemas() {
    for which in ["record", "ner"] {
        let out = tintuc(&["schema", which], None, None);
        assert!(out.status.success());
        let value: Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
        assert_eq!(
            value["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{which}"
        );
    }
    let out = tintuc(&["schema", "csv"], None, None);
    let tables: Value = serde_json::from_slice(&out.stdout).expect("tables schema is JSON");
    for table in ["articles", "people", "organizations", "places", "dates"] {
        assert!(
            tables["tables"][table]["columns"].is_array(),
            "table {table}"
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let out = tintuc(&["extract", "--no-such-flag"], None, None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ner_csv_table_has_one_row_per_person_of_the_jsonl_output() {
    let input =
        serde_json::json!({"id": "doc-1", "text": TEXT, "published": "2024-03-12"}).to_string();
    let json = tintuc(&["ner"], Some(input.as_bytes()), None);
    let people = jsonl(&json.stdout)[0]["entities"]["people"]
        .as_array()
        .map_or(0, Vec::len);
    let csv = tintuc_ok(
        &["ner", "--format", "csv", "--table", "people"],
        Some(input.as_bytes()),
        None,
    );
    let text = String::from_utf8(csv.stdout).expect("UTF-8 CSV");
    assert!(
        !text.starts_with('\u{feff}'),
        "no byte order mark on a stream"
    );
    let mut lines = text.lines();
    let header = lines.next().expect("header row");
    assert!(header.split(',').any(|c| c == "name"), "header: {header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), people);
    assert!(
        rows.iter().all(|row| row.contains("doc-1")),
        "rows name their document: {rows:?}"
    );
}

#[test]
fn ner_spans_cannot_be_csv() {
    let out = tintuc(&["ner", "--spans", "--format", "csv"], Some(b"{}"), None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn extract_streams_a_csv_table_with_one_row_per_page() {
    let pages = crate::support::root().join("samples/pages");
    let out = tintuc_ok(
        &[
            "extract",
            "-q",
            "--format",
            "csv",
            "--table",
            "articles",
            pages.to_str().unwrap_or_default(),
        ],
        None,
        None,
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let header = text.lines().next().unwrap_or_default();
    assert!(header.starts_with("url,site,"), "{header}");
    let json = tintuc(
        &[
            "extract",
            "-q",
            "--format",
            "jsonl",
            pages.to_str().unwrap_or_default(),
        ],
        None,
        None,
    );
    let records = jsonl(&json.stdout);
    // Rows can hold line breaks inside quotes: count records by their titles instead of lines.
    for record in &records {
        let title = record["title"].as_str().unwrap_or_default();
        assert!(
            text.contains(title) || text.contains(&title.replace('"', "\"\"")),
            "row for {title}"
        );
    }
    // The format follows the extension of -o, as in `export`: a workbook of every table.
    let dir = std::env::temp_dir().join(format!("tintuc-cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let book = dir.join("pages.XLSX");
    let xlsx = tintuc(
        &[
            "extract",
            "-q",
            "-o",
            book.to_str().unwrap_or_default(),
            pages.to_str().unwrap_or_default(),
        ],
        None,
        None,
    );
    assert_eq!(
        xlsx.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&xlsx.stderr)
    );
    assert!(std::fs::read(&book).expect("workbook").starts_with(b"PK"));
    let _ = std::fs::remove_dir_all(&dir);
}
