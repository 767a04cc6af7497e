//! Tests: `tintuc ner` on the inputs users give it (issue 14 item 7, issue 15 items 3 and 5).

use serde_json::Value;

use crate::cli_extract::{s, scratch, stderr};
use crate::support::{jsonl, tintuc, tintuc_ok};

fn ids(out: &std::process::Output) -> Vec<Value> {
    jsonl(&out.stdout).iter().map(|l| l["id"].clone()).collect()
}

#[test]
fn issue14_7_bad_documents_are_skipped_and_named_the_rest_go_through() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice("{\"id\": \"a\", \"text\": \"Sở Nội vụ tỉnh Khánh Hòa\"}\n".as_bytes());
    input.extend_from_slice(b"{\"id\": \"b\", \"text\": \"H\xe0 N\xf4i\"}\n");
    input.extend_from_slice(
        "{\"id\": \"c\", \"text\": \"Huế\", \"published\": \"2023-02-30\"}\n".as_bytes(),
    );
    input.extend_from_slice("{\"text\": \"Đà Nẵng ngày 3/2\", \"published\": \"\"}\n".as_bytes());
    input.extend_from_slice(
        "{\"id\": \"e\", \"text\": \"Huế\", \"published\": \"2024-02-29\"}\n".as_bytes(),
    );
    let dir = scratch("ner-bad");
    let file = dir.join("docs.jsonl");
    std::fs::write(&file, &input).unwrap();
    let out = tintuc(&["ner", s(&file)], None, None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let name = s(&file);
    assert_eq!(
        ids(&out),
        [
            Value::from("a"),
            Value::from(format!("{name}:4")),
            Value::from("e")
        ],
        "a BOM does not hide the JSON; the document without an id is named by its line"
    );
    assert!(err.contains(&format!("{name}:2: not UTF-8")), "{err}");
    assert!(
        err.contains(&format!(
            "{name}:3: \"published\" \"2023-02-30\" is not a day"
        )),
        "{err}"
    );
    assert!(
        err.contains("1 document(s) without an \"id\" (first on line 4)"),
        "{err}"
    );
    assert!(
        err.contains("1 document(s) with an empty \"published\" (first on line 4): read as absent"),
        "{err}"
    );
    // An impossible --published is a usage error.
    let out = tintuc(
        &["ner", "--published", "2023-02-30"],
        Some("Hà Nội".as_bytes()),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--published 2023-02-30"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue14_5_documents_and_lines_are_capped() {
    let long = serde_json::json!({"id": "dai", "text": "Hà Nội ".repeat(500)}).to_string();
    let input = format!(
        "{}\n{long}\n{}\n",
        serde_json::json!({"id": "1", "text": "Huế"}),
        serde_json::json!({"id": "3", "text": "Đà Nẵng"})
    );
    let out = tintuc(&["ner", "--max-size", "1000"], Some(input.as_bytes()), None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), [Value::from("1"), Value::from("3")]);
    assert!(
        stderr(&out).contains("-:2: longer than 1000 bytes (--max-size)"),
        "{}",
        stderr(&out)
    );
    // One line with no end (no line break at all): refused at the cap, not read whole.
    let endless = vec![b'{'; 200_000];
    let out = tintuc(&["ner", "--max-size", "1000"], Some(&endless), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("-:1: longer than 1000 bytes"),
        "{}",
        stderr(&out)
    );
    // Plain text: the document itself.
    let text = "Hà Nội. ".repeat(1000);
    let out = tintuc(&["ner", "--max-size", "1000"], Some(text.as_bytes()), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("larger than the limit of 1000 bytes"),
        "{}",
        stderr(&out)
    );
    // Plain text that is not UTF-8: where, and what to do.
    let out = tintuc(&["ner"], Some(b"Ha Noi\n\xe0 day"), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not UTF-8 (byte 0xE0 on line 2)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn issue15_5_ner_warns_on_html_and_asks_for_a_table() {
    let page = "<!DOCTYPE html><html><head><title>Tin</title></head><body><p>Sở Nội vụ tỉnh Khánh Hòa</p></body></html>";
    let out = tintuc(&["ner"], Some(page.as_bytes()), None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("looks like an HTML page") && stderr(&out).contains("tintuc extract"),
        "{}",
        stderr(&out)
    );
    let doc =
        serde_json::json!({"id": "x", "text": "Ông Nguyễn Văn An, Giám đốc Sở Nội vụ"}).to_string();
    let out = tintuc(&["ner", "--format", "csv"], Some(doc.as_bytes()), None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--table"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let out = tintuc_ok(
        &["ner", "--format", "csv", "--table", "people"],
        Some(doc.as_bytes()),
        None,
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with("name,") && csv.contains("Nguyễn Văn An"),
        "{csv}"
    );
    assert!(
        csv.trim_end().ends_with(",x"),
        "the document id in article_id: {csv}"
    );
}

#[test]
fn issue15_3_ner_reads_pretty_json_and_arrays() {
    let docs = serde_json::json!([
        {"id": "a", "text": "Huế"},
        {"id": "b", "text": "Đà Nẵng"}
    ]);
    let pretty = serde_json::to_string_pretty(&docs).unwrap();
    let out = tintuc_ok(&["ner"], Some(pretty.as_bytes()), None);
    assert_eq!(ids(&out), [Value::from("a"), Value::from("b")]);
    let objects = format!(
        "{}\n{}\n",
        serde_json::to_string_pretty(&docs[0]).unwrap(),
        serde_json::to_string_pretty(&docs[1]).unwrap()
    );
    let out = tintuc_ok(&["ner", "--spans"], Some(objects.as_bytes()), None);
    assert_eq!(ids(&out), [Value::from("a"), Value::from("b")]);
    // A text that starts with `[` is still text.
    let out = tintuc_ok(&["ner"], Some("[Ảnh] Hội nghị tại Huế".as_bytes()), None);
    assert_eq!(ids(&out), [Value::from("stdin")]);
}
