//! Tests: extract. Every `samples/<name>/` folder is run through `pipeline::process_page` and
//! compared field by field with its hand-reviewed `expected.json` (without `entities` and
//! `extractor.version`); then date lines, profile overrides and the CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

use tintuc::extract::dates::parse_date_line;
use tintuc::extract::{extract, Profiles};
use tintuc::pipeline::{process_page, PageContext, DEFAULT_MAX_PAGE_BYTES};

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Article pages: every folder gives a record.
fn pages_dir() -> PathBuf {
    samples_dir().join("pages")
}

/// Pages that must be refused: not articles, not HTML, empty.
fn bad_dir() -> PathBuf {
    samples_dir().join("bad")
}

fn sample_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [pages_dir(), bad_dir()]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).expect("samples/pages, samples/bad"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").exists())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn samples_match_expected_records() {
    let profiles = Profiles::builtin();
    let dirs = sample_dirs();
    assert!(dirs.len() >= 8, "samples missing");
    for dir in dirs {
        let bytes = std::fs::read(dir.join("source.html")).expect("source");
        let url = std::fs::read_to_string(dir.join("url.txt"))
            .ok()
            .map(|u| u.trim().to_string());
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json")).expect("expected"),
        )
        .expect("json");
        let ctx = PageContext {
            url: url.as_deref(),
            content_type: None,
            profiles: &profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        let result = process_page(&bytes, &ctx);
        if let Some(error) = expected.get("error").and_then(|e| e.as_str()) {
            let err = result.expect_err(&format!("{}: expected an error", dir.display()));
            assert!(
                err.to_string().starts_with(error),
                "{}: {err}",
                dir.display()
            );
            continue;
        }
        let record = result.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut actual = serde_json::to_value(&record).expect("serialise");
        let obj = actual.as_object_mut().expect("object");
        obj.remove("entities");
        obj.remove("input");
        if let Some(extractor) = obj.get_mut("extractor").and_then(|e| e.as_object_mut()) {
            extractor.remove("version");
        }
        let expected = expected.as_object().expect("object");
        for (key, value) in expected {
            assert_eq!(obj.get(key), Some(value), "{}: field {key}", dir.display());
        }
        assert_eq!(obj.len(), expected.len(), "{}: field set", dir.display());
        let text = record.article.text.to_lowercase();
        for boilerplate in [
            "tin khác",
            "in bài viết",
            "view count",
            "lượt xem",
            "trang chủ",
            "bản quyền",
        ] {
            assert!(
                !text.contains(boilerplate),
                "{}: boilerplate {boilerplate:?} in text",
                dir.display()
            );
        }
    }
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let profiles = Profiles::builtin();
    let ctx = PageContext {
        url: None,
        content_type: None,
        profiles: &profiles,
        max_bytes: 1000,
    };
    for name in ["empty.html", "image.html"] {
        let bytes = std::fs::read(bad_dir().join(name)).expect("bad sample");
        assert!(process_page(&bytes, &ctx).is_err(), "{name}");
    }
    let big = vec![b'a'; 2000];
    assert!(matches!(
        process_page(&big, &ctx),
        Err(tintuc::PageError::TooLarge { .. })
    ));
}

#[derive(serde::Deserialize)]
struct DateCase {
    line: String,
    published: Option<String>,
    updated: Option<String>,
}

#[derive(serde::Deserialize)]
struct DateCases {
    case: Vec<DateCase>,
}

#[test]
fn date_lines_case_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/date_lines.toml");
    let cases: DateCases =
        toml::from_str(&std::fs::read_to_string(path).expect("cases")).expect("toml");
    assert!(cases.case.len() >= 15);
    for case in cases.case {
        let parsed = parse_date_line(&case.line);
        assert_eq!(
            parsed.published.map(|d| d.to_rfc3339()),
            case.published,
            "{}",
            case.line
        );
        assert_eq!(
            parsed.updated.map(|d| d.to_rfc3339()),
            case.updated,
            "{}",
            case.line
        );
    }
}

#[test]
fn metadata_dates_are_moved_to_vietnam_time() {
    let page = |meta: &str| {
        format!(
            "<html><head><meta property=\"article:published_time\" content=\"{meta}\"><title>Tin</title></head><body>\
             <h1>Hội nghị triển khai nhiệm vụ năm 2024 của Sở Nội vụ</h1><div class=\"noidung\"><p>{p}</p><p>{p}</p><p>{p}</p></div></body></html>",
            p = "Sáng 5/1, Sở Nội vụ tổ chức hội nghị triển khai nhiệm vụ năm 2024, với sự tham dự của lãnh đạo các phòng, ban."
        )
    };
    for (meta, expected) in [
        ("2024-01-05T01:30:00Z", "2024-01-05T08:30:00+07:00"),
        ("2024-01-04T20:00:00-05:00", "2024-01-05T08:00:00+07:00"),
        ("2024-01-05", "2024-01-05"),
    ] {
        let article = extract(&page(meta), None, &Profiles::builtin()).expect("article");
        assert_eq!(article.published.as_deref(), Some(expected), "{meta}");
    }
}

#[test]
fn related_list_dates_are_never_the_published_date() {
    // The only full dates on the page sit in a related-news list (links), after the body.
    let html = "<html><head><title>Huyện tổ chức ngày hội đại đoàn kết</title><meta property=\"og:type\" content=\"article\"></head><body>\
        <h1>Huyện tổ chức ngày hội đại đoàn kết toàn dân tộc</h1>\
        <div class=\"content\"><p>Ngày 18/11, tại thôn Phú Xuân, huyện tổ chức ngày hội đại đoàn kết toàn dân tộc với sự tham gia của hàng trăm người dân trong thôn.</p>\
        <p>Dịp này, Ủy ban Mặt trận Tổ quốc huyện trao tặng 20 suất quà cho hộ nghèo và gia đình chính sách, mỗi suất trị giá 500.000 đồng.</p>\
        <p>Ngày hội là dịp để cấp ủy, chính quyền lắng nghe ý kiến của nhân dân về xây dựng nông thôn mới và bảo vệ môi trường.</p></div>\
        <div class=\"tinkhac\"><h3>Tin khác</h3><ul><li><a href=\"/a\">Huyện tổng kết công tác dân vận</a> 12/11/2023</li></ul></div></body></html>";
    let result = extract(html, None, &Profiles::builtin());
    match result {
        Ok(article) => assert_ne!(article.published.as_deref(), Some("2023-11-12")),
        Err(err) => assert!(err.to_string().contains("no publication date"), "{err}"),
    }
}

#[test]
fn profile_selection_by_host_url_and_fingerprint() {
    let profiles = Profiles::builtin();
    let html =
        std::fs::read_to_string(pages_dir().join("liferay-hanoi/source.html")).expect("sample");
    let by_fingerprint = extract(&html, None, &profiles).expect("article");
    assert_eq!(by_fingerprint.extractor.profile, "liferay");
    let generic = extract(&html, None, &Profiles::empty()).expect("article");
    assert_eq!(generic.extractor.profile, "generic");
    let nv = std::fs::read_to_string(pages_dir().join("nukeviet-binhphuoc/source.html"))
        .expect("sample");
    assert_eq!(
        extract(&nv, None, &profiles)
            .expect("article")
            .extractor
            .profile,
        "nukeviet"
    );
}

#[test]
fn profiles_toml_overrides_builtin() {
    let html = r#"<html><body><div class="tieu-de-tin">Một tiêu đề riêng của cổng tỉnh</div><span class="ngay">05/01/2024 07:45</span>
        <div class="noi-dung-tin"><p>Đoạn thứ nhất của bài viết về hội nghị tổng kết công tác năm tại huyện, có đủ độ dài để làm thân bài.</p>
        <p>Đoạn thứ hai nói về kế hoạch năm tới của Ủy ban nhân dân huyện và các phòng, ban chuyên môn.</p></div></body></html>"#;
    let mut profiles = Profiles::builtin();
    profiles
        .merge_toml(
            r#"[[profile]]
name = "cong-tinh"
hosts = ["example.gov.vn"]
strict = true
title = [".tieu-de-tin"]
date = [".ngay"]
body = [".noi-dung-tin"]
"#,
        )
        .expect("valid profile");
    let article = extract(html, Some("https://example.gov.vn/tin/1"), &profiles).expect("article");
    assert_eq!(article.extractor.profile, "cong-tinh");
    assert_eq!(article.title, "Một tiêu đề riêng của cổng tỉnh");
    assert_eq!(
        article.published.as_deref(),
        Some("2024-01-05T07:45:00+07:00")
    );
    assert_eq!(article.text.split("\n\n").count(), 2);
    assert!(profiles
        .clone()
        .merge_toml("[[profile]]\nname = \"x\"\ntitle = [\"[[\"]\n")
        .is_err());
}

fn tintuc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tintuc"))
}

#[test]
fn cli_reports_bad_inputs_and_keeps_going() {
    let out = tintuc()
        .args(["extract", "--format", "jsonl"])
        .arg(pages_dir().join("liferay-print/source.html"))
        .arg(bad_dir().join("empty.html"))
        .arg(bad_dir().join("image.html"))
        .arg(samples_dir().join("does-not-exist.html"))
        // Nothing listens on port 1: the fetch fails and is reported like any bad input.
        .arg("http://127.0.0.1:1/tin-tuc/1.html")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in [
        "empty.html: empty input",
        "image.html: not HTML",
        "does-not-exist.html: cannot read",
        "tintuc: http://127.0.0.1:1/tin-tuc/1.html: ",
        "1 extracted, 4 failed",
    ] {
        assert!(stderr.contains(name), "{name} not in {stderr}");
    }
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn cli_parallel_output_is_in_input_order() {
    let run = |jobs: &str| {
        let out = tintuc()
            .args(["extract", "-q", "-j", jobs])
            .arg(pages_dir())
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "every sample page gives a record"
        );
        let bad = tintuc()
            .args(["extract", "-q", "-j", jobs])
            .arg(bad_dir())
            .output()
            .expect("run");
        assert_eq!(bad.status.code(), Some(1), "listing and bad samples fail");
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
}

#[test]
fn cli_stdin_output_file_and_profiles_flag() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("tintuc-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let profile = dir.join("profiles.toml");
    std::fs::write(
        &profile,
        "[[profile]]\nname = \"tinh-demo\"\nhosts = [\"demo.gov.vn\"]\ntitle = [\".tieu-de\"]\ndate = [\".ngay\"]\nbody = [\".noi-dung\"]\n",
    )
    .expect("write profile");
    let page = "<html><body><div class=\"tieu-de\">Tỉnh tổ chức kỳ họp thứ mười hai Hội đồng nhân dân</div><div class=\"ngay\">Thứ Sáu, 08/12/2023 14:00</div>\
        <div class=\"noi-dung\"><p>Kỳ họp xem xét 25 báo cáo và thông qua 18 nghị quyết quan trọng về kinh tế - xã hội của tỉnh.</p></div></body></html>";
    let output = dir.join("out.json");
    let mut child = tintuc()
        .args([
            "extract",
            "-q",
            "--url",
            "https://demo.gov.vn/tin/12",
            "--profiles",
        ])
        .arg(&profile)
        .arg("-o")
        .arg(&output)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(page.as_bytes())
        .expect("write stdin");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).expect("output")).expect("json");
    assert_eq!(record["extractor"]["profile"], "tinh-demo");
    assert_eq!(record["published"], "2023-12-08T14:00:00+07:00");
    assert_eq!(record["input"], "-");
    assert_eq!(record["url"], "https://demo.gov.vn/tin/12");

    let small = tintuc()
        .args(["extract", "--max-size", "100"])
        .arg(pages_dir().join("liferay-print/source.html"))
        .output()
        .expect("run");
    assert_eq!(small.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&small.stderr).contains("over the limit of 100 bytes"));

    let bad_profile = dir.join("bad.toml");
    std::fs::write(
        &bad_profile,
        "[[profile]]\nname = \"x\"\ntitle = [\"((\"]\n",
    )
    .expect("write");
    let usage = tintuc()
        .args(["extract", "--profiles"])
        .arg(&bad_profile)
        .arg("-")
        .output()
        .expect("run");
    assert_eq!(usage.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The generic fallback alone (no profiles) must still get the title and the publication day
/// of every sample article: it is what unseen portals get.
#[test]
fn generic_fallback_gets_title_and_date_of_samples() {
    for dir in sample_dirs() {
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json")).expect("expected"),
        )
        .expect("json");
        if expected.get("error").is_some() {
            continue;
        }
        let bytes = std::fs::read(dir.join("source.html")).expect("source");
        let html = tintuc::decode::decode_html(&bytes, None)
            .expect("decode")
            .html;
        let url = std::fs::read_to_string(dir.join("url.txt"))
            .ok()
            .map(|u| u.trim().to_string());
        let article = extract(&html, url.as_deref(), &Profiles::empty())
            .unwrap_or_else(|e| panic!("{}: generic: {e}", dir.display()));
        assert_eq!(article.extractor.profile, "generic");
        assert_eq!(
            Some(article.title.as_str()),
            expected["title"].as_str(),
            "{}",
            dir.display()
        );
        let day = |v: Option<&str>| v.map(|s| s.chars().take(10).collect::<String>());
        assert_eq!(
            day(article.published.as_deref()),
            day(expected["published"].as_str()),
            "{}",
            dir.display()
        );
        let text = article.text.to_lowercase();
        for boilerplate in [
            "tin khác",
            "tin liên quan",
            "in bài viết",
            "lượt xem",
            "bản quyền",
        ] {
            assert!(
                !text.contains(boilerplate),
                "{}: generic kept {boilerplate:?}",
                dir.display()
            );
        }
    }
}

/// Truncated and mangled pages (cut mid-tag, mid-character, bytes flipped) give a record or an
/// error, never a panic.
#[test]
fn mangled_pages_never_panic() {
    let profiles = Profiles::builtin();
    for dir in sample_dirs() {
        let bytes = std::fs::read(dir.join("source.html")).expect("source");
        let ctx = PageContext {
            url: Some("https://example.gov.vn/a"),
            content_type: None,
            profiles: &profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        let step = (bytes.len() / 13).max(1);
        for cut in (1..bytes.len()).step_by(step) {
            let _ = process_page(&bytes[..cut], &ctx);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0xA5;
            let _ = process_page(&flipped, &ctx);
        }
    }
}

/// Quality gate on the real portal pages of the shared development folder, when it is there
/// (CI has it at `../shared`; a fresh clone does not, and then this test has nothing to check).
/// Every article page must give the title and publication day its sidecar records; every
/// listing and home page must be refused.
#[test]
fn shared_real_pages_title_and_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/html/sotttt.hanoi.gov.vn");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("../shared not present: skipped");
        return;
    };
    let profiles = Profiles::builtin();
    let date_re = regex::Regex::new(r"(\d{2})/(\d{2})/(\d{4})").expect("regex");
    let (mut articles, mut right) = (0, 0);
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let sidecar: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("sidecar")).expect("json");
        let Ok(bytes) = std::fs::read(path.with_extension("html")) else {
            continue;
        };
        let url = sidecar["original_url"].as_str();
        let ctx = PageContext {
            url,
            content_type: None,
            profiles: &profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        let result = process_page(&bytes, &ctx);
        let kind = sidecar["page_type"].as_str().unwrap_or_default();
        if !kind.starts_with("article") {
            assert!(
                result.is_err(),
                "{}: a {kind} must not become a record",
                path.display()
            );
            continue;
        }
        articles += 1;
        let record = result.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let label = sidecar["published_label"].as_str().unwrap_or_default();
        let day = date_re
            .captures(label)
            .map(|c| format!("{}-{}-{}", &c[3], &c[2], &c[1]));
        let title_ok = Some(record.article.title.as_str()) == sidecar["title"].as_str();
        let date_ok = day.is_some_and(|d| {
            record
                .article
                .published
                .as_deref()
                .is_some_and(|p| p.starts_with(&d))
        });
        if title_ok && date_ok {
            right += 1;
        } else {
            eprintln!("{}: title {title_ok} date {date_ok}", path.display());
        }
    }
    assert!(articles >= 15, "article pages missing");
    assert_eq!(
        right, articles,
        "title and date right on {right} of {articles} real pages"
    );
}

/// News templates print the date line above the headline; a date in a sidebar list is not it.
#[test]
fn date_line_above_the_headline() {
    let html = "<html><head><title>Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2023 - Báo tỉnh</title></head><body>\
        <div class=\"sidebar\"><ul><li><a href=\"/x\">Tin cũ về hội nghị</a> 02/01/2023</li></ul></div>\
        <div class=\"main\"><span class=\"time\">Thứ Ba, 09/01/2024 10:20</span>\
        <h1>Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2023</h1>\
        <div class=\"content\"><p>Sáng 8/1, Ban Thường vụ Tỉnh ủy tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023, triển khai nhiệm vụ năm 2024.</p>\
        <p>Hội nghị đánh giá năm 2023 toàn tỉnh kết nạp 1.450 đảng viên mới, vượt 8% chỉ tiêu, tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ đạt 89%.</p>\
        <p>Năm 2024, Tỉnh ủy tập trung sắp xếp đơn vị hành chính cấp xã, chuẩn bị đại hội đảng bộ các cấp nhiệm kỳ 2025-2030.</p></div></div></body></html>";
    let article = extract(html, None, &Profiles::builtin()).expect("article");
    assert_eq!(article.extractor.profile, "generic");
    assert_eq!(
        article.title,
        "Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2023"
    );
    assert_eq!(
        article.published.as_deref(),
        Some("2024-01-09T10:20:00+07:00")
    );
    assert!(!article.text.contains("09/01/2024"));
}
