//! Tests: `tintuc extract` as a user runs it (issues 15 and 14). Every input is written by the test
//! itself into a scratch folder; tests named `issueN_M_...` pin item M of issue N.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::export::readers::csv_rows;
use crate::support::portal::{article_html, Portal, Reply};
use crate::support::{jsonl, tintuc, tintuc_ok};
use tintuc::output::Table;

/// A fresh scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tintuc-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

pub fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// What the program said on stderr.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An article page with a canonical address.
fn page_with_url(title: &str, url: &str) -> String {
    article_html(title, &[]).replace(
        "</head>",
        &format!("<link rel=\"canonical\" href=\"{url}\"></head>"),
    )
}

#[test]
fn issue15_1_records_carry_an_id_and_their_input_and_every_table_row_joins_back() {
    let dir = scratch("ids");
    let a = dir.join("a.html");
    let b = dir.join("b.html");
    std::fs::write(&a, article_html("Hội nghị tổng kết công tác năm 2024", &[])).unwrap();
    std::fs::write(
        &b,
        page_with_url(
            "Sở Nội vụ tập huấn nghiệp vụ",
            "https://snv.example.gov.vn/tin/tap-huan",
        ),
    )
    .unwrap();
    let out = tintuc_ok(&["extract", "-q", s(&a), s(&b)], None, None);
    let records = jsonl(&out.stdout);
    assert_eq!(records.len(), 2);
    let hex = |v: &Value| {
        let id = v["id"].as_str().unwrap_or_default().to_string();
        assert!(
            id.len() == 16 && id.bytes().all(|c| c.is_ascii_hexdigit()),
            "id: {id}"
        );
        id
    };
    let ids: Vec<String> = records.iter().map(hex).collect();
    assert_ne!(ids[0], ids[1]);
    assert_eq!(records[0]["input"], s(&a));
    assert_eq!(records[1]["input"], s(&b));
    // The page with an address gets the id of that address, wherever the file lies.
    let moved = dir.join("elsewhere.html");
    std::fs::copy(&b, &moved).unwrap();
    let again = jsonl(&tintuc_ok(&["extract", "-q", s(&moved)], None, None).stdout);
    assert_eq!(
        again[0]["id"],
        ids[1].as_str(),
        "an id from the URL is stable"
    );
    // The page without one: same file, same id; other bytes, other id.
    let again = jsonl(&tintuc_ok(&["extract", "-q", s(&a)], None, None).stdout);
    assert_eq!(again[0]["id"], ids[0].as_str());
    std::fs::write(&a, article_html("Hội nghị tổng kết công tác năm 2025", &[])).unwrap();
    let changed = jsonl(&tintuc_ok(&["extract", "-q", s(&a)], None, None).stdout);
    assert_ne!(changed[0]["id"], ids[0].as_str());

    // Tables: articles has the id, every entity row the id of its article.
    let records_file = dir.join("records.jsonl");
    std::fs::write(&records_file, &out.stdout).unwrap();
    let tables = dir.join("tables");
    tintuc_ok(
        &[
            "export",
            "-q",
            s(&records_file),
            "--format",
            "csv",
            "-o",
            s(&tables),
        ],
        None,
        None,
    );
    let articles = csv_rows(
        &std::fs::read(tables.join("articles.csv")).unwrap(),
        Table::Articles,
    );
    let article_ids: Vec<&str> = articles.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(
        article_ids,
        ids.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(articles[0]["input"], s(&a));
    let mut rows = 0;
    for table in [
        Table::People,
        Table::Organizations,
        Table::Places,
        Table::Dates,
    ] {
        let bytes = std::fs::read(tables.join(format!("{table}.csv"))).unwrap();
        for row in csv_rows(&bytes, table) {
            assert!(ids.contains(&row["article_id"]), "{table}: {row:?}");
            rows += 1;
        }
    }
    assert!(rows > 4, "the pages have entities");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_3_what_extract_prints_is_what_export_and_ner_read() {
    let dir = scratch("compose");
    let a = dir.join("a.html");
    let b = dir.join("b.html");
    std::fs::write(&a, article_html("Hội nghị tổng kết công tác năm 2024", &[])).unwrap();
    std::fs::write(&b, article_html("Tập huấn nghiệp vụ văn thư", &[])).unwrap();
    // Not a terminal: one page gives one JSONL line.
    let one = tintuc_ok(&["extract", "-q", s(&a)], None, None);
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 1);
    // Pretty JSON (one object, or an array of two) reads back in export and ner.
    for inputs in [vec![s(&a)], vec![s(&a), s(&b)]] {
        let pretty = tintuc_ok(
            &[&["extract", "-q", "--format", "json"][..], &inputs].concat(),
            None,
            None,
        );
        assert!(String::from_utf8_lossy(&pretty.stdout).lines().count() > 10);
        let dates = tintuc_ok(
            &["export", "-", "--format", "csv", "--table", "dates"],
            Some(&pretty.stdout),
            None,
        );
        let rows = csv_rows(&dates.stdout, Table::Dates);
        assert!(!rows.is_empty(), "dates of {inputs:?}");
        let again = tintuc_ok(
            &["export", "-", "--format", "jsonl"],
            Some(&pretty.stdout),
            None,
        );
        assert_eq!(jsonl(&again.stdout).len(), inputs.len());
        let ner = tintuc_ok(&["ner"], Some(&pretty.stdout), None);
        let ids: Vec<Value> = jsonl(&ner.stdout).iter().map(|l| l["id"].clone()).collect();
        let records: Vec<Value> = jsonl(&again.stdout)
            .iter()
            .map(|r| r["id"].clone())
            .collect();
        assert_eq!(ids, records, "ner keeps the records' ids");
    }
    // An HTML page given to export is named as such, once.
    let out = tintuc(&["export", s(&a), "--format", "jsonl"], None, None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("HTML") && err.contains("tintuc extract"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_3_the_output_format_comes_from_the_file_name() {
    let dir = scratch("by-name");
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        article_html("Hội nghị tổng kết công tác năm 2024", &[]),
    )
    .unwrap();
    type Check = dyn Fn(&[u8]) -> bool;
    let cases: [(&str, &Check); 5] = [
        ("out.csv", &|b| b.starts_with(b"url,site,")),
        ("out.JSONL", &|b| {
            b.ends_with(b"}\n") && b.iter().filter(|&&c| c == b'\n').count() == 1
        }),
        ("out.json", &|b| b.starts_with(b"{\n  \"id\": ")),
        ("out.md", &|b| b.starts_with("# Hội nghị".as_bytes())),
        ("out.txt", &|b| b.starts_with("Hội nghị".as_bytes())),
    ];
    for (name, check) in cases {
        let path = dir.join(name);
        tintuc_ok(&["extract", "-q", s(&page), "-o", s(&path)], None, None);
        let bytes = std::fs::read(&path).unwrap();
        assert!(check(&bytes), "{name}: {}", String::from_utf8_lossy(&bytes));
    }
    let unknown = dir.join("out.dat");
    let out = tintuc(&["extract", "-q", s(&page), "-o", s(&unknown)], None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
    assert!(!unknown.exists());
    // A device is written like standard output (JSONL), whatever its name.
    let out = tintuc(&["extract", "-q", s(&page), "-o", "/dev/null"], None, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_4_pretty_json_follows_the_schema_order() {
    let schema =
        std::fs::read_to_string(crate::support::root().join("schemas/record.schema.json")).unwrap();
    let properties = &schema[schema.find("\"properties\": {").unwrap()..];
    let properties = &properties[..properties.find("\n  }").unwrap()];
    let field = regex::Regex::new(r#"(?m)^    "(\w+)": "#).unwrap();
    let order: Vec<&str> = field
        .captures_iter(properties)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(order.len() > 20 && order[0] == "id", "{order:?}");
    let page = crate::support::root().join("samples/pages/dantri/source.html");
    let out = tintuc_ok(&["extract", "-q", "--format", "json", s(&page)], None, None);
    let text = String::from_utf8(out.stdout).unwrap();
    let top = regex::Regex::new(r#"(?m)^  "(\w+)": "#).unwrap();
    let written: Vec<&str> = top
        .captures_iter(&text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let expected: Vec<&str> = order
        .iter()
        .copied()
        .filter(|f| written.contains(f))
        .collect();
    assert_eq!(written, expected);
    assert!(written.len() >= 18, "{written:?}");
}

#[test]
fn issue15_5_a_folder_of_odd_names_is_walked_and_what_is_skipped_is_named() {
    let dir = scratch("odd-names");
    let page = |t: &str| article_html(t, &[]);
    std::fs::write(dir.join("A.HTML"), page("Trang một viết hoa")).unwrap();
    std::fs::write(dir.join("b.aspx"), page("Trang hai aspx")).unwrap();
    std::fs::write(dir.join("c.xhtml"), page("Trang ba xhtml")).unwrap();
    std::fs::create_dir(dir.join("tin-tuc")).unwrap();
    std::fs::write(dir.join("tin-tuc/bai-viet-4"), page("Trang bốn không đuôi")).unwrap();
    std::fs::write(dir.join("notes.txt"), "ghi chú").unwrap();
    std::fs::write(dir.join("logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(dir.join("crawl.warc.gz"), b"\x1f\x8b not really").unwrap();
    std::fs::write(dir.join(".draft.html"), page("Bản nháp ẩn")).unwrap();
    let out = tintuc(&["extract", s(&dir)], None, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let titles: Vec<String> = jsonl(&out.stdout)
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Trang một viết hoa",
            "Trang hai aspx",
            "Trang ba xhtml",
            "Trang bốn không đuôi"
        ]
    );
    let err = stderr(&out);
    assert!(
        err.contains("skipped 2 file(s) that are not HTML pages: logo.png, notes.txt"),
        "{err}"
    );
    assert!(
        err.contains("crawl.warc.gz") && err.contains("--warc"),
        "{err}"
    );
    assert!(err.contains("1 hidden"), "{err}");
    assert!(err.contains("4 extracted, 0 failed"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_5_an_empty_folder_is_an_error_and_leaves_no_output() {
    let dir = scratch("empty");
    let empty = dir.join("trong");
    std::fs::create_dir(&empty).unwrap();
    let target = dir.join("out.jsonl");
    let out = tintuc(&["extract", s(&empty), "-o", s(&target)], None, None);
    assert_eq!(out.status.code(), Some(2), "nothing could be done");
    assert!(
        stderr(&out).contains("no HTML pages in this folder"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists());
    // One rule for all: a missing input is exit 2 in extract, ner and export alike.
    let nope = dir.join("nope.html");
    for args in [
        vec!["extract", s(&nope)],
        vec!["ner", s(&nope)],
        vec!["export", s(&nope), "--format", "jsonl"],
    ] {
        let out = tintuc(&args, None, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("nope.html: cannot read"),
            "{}",
            stderr(&out)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `command` under a pseudo-terminal (util-linux `script`), as in an interactive shell;
/// returns what the terminal showed. `None` when `script` is not installed.
pub fn on_terminal(command: &str) -> Option<(Option<i32>, String)> {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: /usr/bin/script (util-linux) is needed to run under a terminal");
        return None;
    }
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qefc", command, "/dev/null"])
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run script");
    Some((
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

#[test]
fn issue15_5_and_6_a_terminal_gets_a_hint_and_a_progress_bar_a_pipe_gets_neither() {
    let dir = scratch("terminal");
    for i in 0..3 {
        std::fs::write(
            dir.join(format!("p{i}.html")),
            article_html(&format!("Bài số {i} về cải cách"), &[]),
        )
        .unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_tintuc");
    let target = dir.join("out.jsonl");
    let Some((code, screen)) = on_terminal(&format!("{bin} extract {} -o {}", s(&dir), s(&target)))
    else {
        return;
    };
    assert_eq!(code, Some(0), "{screen}");
    assert!(
        screen.contains("/3 pages") && screen.contains('\r'),
        "a bar: {screen:?}"
    );
    let (_, quiet) =
        on_terminal(&format!("{bin} extract -q {} -o {}", s(&dir), s(&target))).unwrap();
    assert!(
        !quiet.contains("pages") && !quiet.contains('\r'),
        "-q: {quiet:?}"
    );
    // Records printed on the terminal are their own progress: no bar across them.
    let (_, records) = on_terminal(&format!("{bin} extract {}", s(&dir))).unwrap();
    assert!(
        records.contains("\"id\":") && !records.contains("/3 pages"),
        "{records:?}"
    );
    // Waiting on a terminal for stdin: a hint first.
    let (_, waiting) = on_terminal(&format!("{bin} extract")).unwrap();
    assert!(
        waiting.contains("reading an HTML page from standard input"),
        "{waiting:?}"
    );
    // Not a terminal: no bar and no hint.
    let piped = tintuc_ok(&["extract", s(&dir)], None, None);
    let err = stderr(&piped);
    assert!(
        !err.contains('\r') && !err.contains("pages/s") && !err.contains("standard input"),
        "{err:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_7_messages_name_the_input_once_with_the_way_out() {
    let dir = scratch("messages");
    let page = dir.join("page.html");
    std::fs::write(&page, article_html("Hội nghị tổng kết", &[])).unwrap();
    // --profiles: one line naming the option and the file, the OS error once.
    let out = tintuc(
        &["extract", "--profiles", "khong-co.toml", s(&page)],
        None,
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("--profiles") && err.contains("khong-co.toml"),
        "{err}"
    );
    let os_error = std::io::Error::from(std::io::ErrorKind::NotFound).to_string();
    assert!(err.matches("os error 2").count() == 1, "{err} ({os_error})");
    // A WARC file given as a page: the way to read it.
    let warc = dir.join("crawl.warc");
    std::fs::write(
        &warc,
        b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
    )
    .unwrap();
    let out = tintuc(&["extract", s(&warc)], None, None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("tintuc extract --warc {}", s(&warc))),
        "{}",
        stderr(&out)
    );
    // A URL that answers 404: named once.
    let portal = Portal::start(|_, _| Reply::status(404));
    let url = portal.url("/tin/khong-co.html");
    let out = tintuc(&["extract", &url], None, None);
    assert_eq!(out.status.code(), Some(2), "nothing could be read");
    let err = stderr(&out);
    assert_eq!(err.matches(url.as_str()).count(), 1, "{err}");
    assert!(err.contains("404"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue15_9_txt_md_one_file_per_input_and_a_list_of_inputs() {
    let dir = scratch("outputs");
    std::fs::create_dir_all(dir.join("in/so-noi-vu")).unwrap();
    std::fs::create_dir_all(dir.join("in/ubnd")).unwrap();
    let a = dir.join("in/so-noi-vu/index.html");
    let b = dir.join("in/ubnd/index.html");
    std::fs::write(&a, article_html("Tập huấn cải cách hành chính", &[])).unwrap();
    std::fs::write(&b, article_html("Hội nghị giao ban tháng 3", &[])).unwrap();
    let list = dir.join("list.txt");
    std::fs::write(&list, format!("# pages to read\n{}\n\n{}\n", s(&a), s(&b))).unwrap();
    let out = tintuc_ok(
        &["extract", "-q", "-i", s(&list), "--format", "txt"],
        None,
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Tập huấn cải cách hành chính\n\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("\n---\n").count(),
        1,
        "two records, one separator"
    );
    // -o DIR/: one file per page, in the layout of the input folder.
    let out_dir = dir.join("md");
    tintuc_ok(
        &[
            "extract",
            "-q",
            s(&dir.join("in")),
            "--format",
            "md",
            "-o",
            &format!("{}/", s(&out_dir)),
        ],
        None,
        None,
    );
    let first = std::fs::read_to_string(out_dir.join("so-noi-vu/index.md")).unwrap();
    assert!(
        first.starts_with("# Tập huấn cải cách hành chính\n"),
        "{first}"
    );
    let second = std::fs::read_to_string(out_dir.join("ubnd/index.md")).unwrap();
    assert!(
        second.starts_with("# Hội nghị giao ban tháng 3\n"),
        "{second}"
    );
    // The same names given one by one do not overwrite each other.
    let flat = dir.join("flat");
    std::fs::create_dir(&flat).unwrap();
    tintuc_ok(&["extract", "-q", s(&a), s(&b), "-o", s(&flat)], None, None);
    let mut names: Vec<String> = std::fs::read_dir(&flat)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["index-2.json", "index.json"]);
    let record: Value =
        serde_json::from_slice(&std::fs::read(flat.join("index.json")).unwrap()).unwrap();
    assert_eq!(record["input"], s(&a));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue14_5_no_input_is_read_past_the_size_limit() {
    let dir = scratch("cap");
    let big = dir.join("big.html");
    let mut bytes = article_html("Trang lớn", &[]).into_bytes();
    bytes.extend(std::iter::repeat_n(b' ', 50_000));
    std::fs::write(&big, &bytes).unwrap();
    let out = tintuc(&["extract", "--max-size", "10000", s(&big)], None, None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("over the limit of 10000 bytes (--max-size)"),
        "{}",
        stderr(&out)
    );
    // A stream of unknown size (stdin, and a pipe opened by name): refused once past the limit.
    let out = tintuc(&["extract", "--max-size", "10000"], Some(&bytes), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("larger than the limit of 10000 bytes"),
        "{}",
        stderr(&out)
    );
    let small = article_html("Trang nhỏ", &[]);
    let out = tintuc_ok(&["extract", "/dev/stdin"], Some(small.as_bytes()), None);
    assert_eq!(
        jsonl(&out.stdout)[0]["title"],
        "Trang nhỏ",
        "a pipe opened by name is read"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn issue14_6_folder_walks_survive_link_cycles_and_broken_paths() {
    use std::os::unix::fs::symlink;
    let dir = scratch("walks");
    let root = dir.join("site");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::write(root.join("a/one.html"), article_html("Trang một", &[])).unwrap();
    std::fs::write(root.join("a/b/two.html"), article_html("Trang hai", &[])).unwrap();
    symlink(&root, root.join("a/b/loop")).unwrap();
    symlink(root.join("a/one.html"), root.join("same-as-one.html")).unwrap();
    symlink(root.join("gone.html"), root.join("broken.html")).unwrap();
    std::fs::create_dir(root.join("locked")).unwrap();
    std::fs::write(
        root.join("locked/three.html"),
        article_html("Trang ba", &[]),
    )
    .unwrap();
    let locked = root.join("locked");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any folder: then the locked one is just one more folder.
    let locked_out = std::fs::read_dir(&locked).is_err();
    let out = tintuc(&["extract", s(&root)], None, None);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a broken path is a failure: {err}"
    );
    let mut titles: Vec<String> = jsonl(&out.stdout)
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect();
    titles.sort();
    let mut want = vec!["Trang hai", "Trang một"];
    if !locked_out {
        want.push("Trang ba");
    }
    want.sort();
    assert_eq!(titles, want, "each page once: {err}");
    assert!(err.contains("broken.html: broken symbolic link"), "{err}");
    assert!(
        err.contains("loop: leads back to a folder already walked"),
        "{err}"
    );
    if locked_out {
        assert!(err.contains("locked: cannot list folder"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
