//! Tests: report. `tintuc report` on the linking test set (tests/linking/) in a harvest folder
//! with a real crawl state: the page is self-contained and shows the harvest at a glance and its
//! failures; opened in a real headless Chromium, a person's page shows the timeline of posts, an
//! article shows its entities highlighted and linked, search folds accents, and text from the
//! articles never runs as markup. Screenshots are kept in `target/ci-artifacts/`. Without a
//! Chromium on the machine the browser test says it is skipped and passes; CI installs one and
//! sets `TINTUC_REQUIRE_CHROMIUM`, which turns a missing browser into a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tintuc::fetch::state::{Failure, State};
use tintuc::Record;

use super::directory::linking::records;
use super::support::{tintuc, tintuc_ok};

/// A title no article of the set has, that would run as markup if the page let it.
const HOSTILE_TITLE: &str = "Tin thử </script><script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

/// A harvest folder: the linking set's records plus a hostile one and a bad line, and a crawl
/// state with one final failure.
fn harvest(name: &str) -> (PathBuf, Vec<(String, Record)>) {
    let dir = std::env::temp_dir().join(format!("tintuc-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut records = records();
    let mut hostile = records[0].1.clone();
    hostile.article.url = Some("https://example.gov.vn/tin-thu".into());
    hostile.article.title = HOSTILE_TITLE.into();
    hostile.entities = tintuc::Entities::default();
    records.push(("hostile".into(), hostile));
    let mut text = String::new();
    for (_, record) in &records {
        text.push_str(&serde_json::to_string(record).unwrap());
        text.push('\n');
    }
    text.push_str("{\"title\": [\"a line that is not a record\"]}\n");
    std::fs::write(dir.join("articles.jsonl"), text).unwrap();
    let mut state = State::open(&dir.join("state.sqlite")).expect("crawl state");
    state
        .begin_run(
            1_754_960_000.0,
            &tintuc::fetch::revisit::RevisitPolicy::default(),
        )
        .unwrap();
    state
        .record_failure(&Failure {
            url: "https://snv.quangtri.gov.vn/tin-tuc/trang-loi".into(),
            at: "2025-08-12T01:00:00Z".into(),
            attempt: 3,
            http_status: Some(503),
            cause: "server error after 3 attempts".into(),
            is_final: true,
        })
        .unwrap();
    drop(state);
    (dir, records)
}

fn report(dir: &Path) -> (PathBuf, String) {
    let out = dir.join("report.html");
    let run = tintuc(
        &[
            "report",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--title",
            "Báo cáo thử",
        ],
        None,
        None,
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).expect("report written despite the bad line");
    (out, html)
}

#[test]
fn report_is_one_self_contained_file_with_the_harvest_at_a_glance() {
    let (dir, records) = harvest("static");
    let (_, html) = report(&dir);
    for external in [
        "<link",
        "<script src",
        "<img",
        "<iframe",
        "@import",
        "url(",
        "http-equiv",
    ] {
        assert!(
            !html.contains(external),
            "the page loads nothing: found {external}"
        );
    }
    assert!(!html.contains("src=\"http") && !html.contains("src='http"));
    assert!(html.contains("<title>Báo cáo thử</title>"));
    assert!(html.contains(&format!("<b>{}</b> articles", records.len())));
    assert!(
        html.contains("<svg class=\"chart\""),
        "chart of articles per site per month"
    );
    assert!(
        html.contains("href=\"#/articles?month=2023-02\""),
        "bars link to their month"
    );
    assert!(
        html.contains("snv.quangtri.gov.vn"),
        "coverage lists the sites"
    );
    // Failures: the bad input line and the crawl's final failure.
    assert!(html.contains("articles.jsonl:66"), "the bad line is listed");
    assert!(html.contains("https://snv.quangtri.gov.vn/tin-tuc/trang-loi"));
    assert!(html.contains("<td>503</td>"));
    // The hostile title is data, not markup.
    assert!(!html.contains("<script>document.title"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "one script: the page's own"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_command_needs_an_output_file() {
    let out = tintuc(&["report", "tests/linking", "-o", "-"], None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("report's file name"));
}

/// The Chromium to drive: `TINTUC_CHROMIUM`, else the first of the usual names on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TINTUC_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|candidate| candidate.is_file())
}

/// Where CI keeps the screenshots: `target/ci-artifacts/`.
fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("ci-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    dir
}

/// Runs headless Chromium on `url` with a new empty profile, with `mode` (`--dump-dom` or
/// `--screenshot=FILE`), and returns its stdout. A generous limit only guards against a hang.
fn browse(browser: &Path, url: &str, mode: &str, profile: &Path) -> String {
    let _ = std::fs::remove_dir_all(profile);
    std::fs::create_dir_all(profile).unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(mode)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium did not finish on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("TINTUC_REQUIRE_CHROMIUM").is_none(),
            "TINTUC_REQUIRE_CHROMIUM is set (CI) but no Chromium was found"
        );
        println!(
            "SKIPPED report_renders_in_headless_chromium: no Chromium found (install Debian's `chromium` \
             package or set TINTUC_CHROMIUM); .ci/run installs it"
        );
        return;
    };
    let (dir, records) = harvest("browser");
    let (page, _) = report(&dir);
    let profile = dir.join("profile");
    let url = |route: &str| format!("file://{}#{route}", page.display());
    let directory = super::directory::linking::directory(&records);
    let person = directory
        .people
        .iter()
        .find(|p| p.name == "Lê Quang Bình")
        .expect("Lê Quang Bình in the directory");

    // A person's page: the timeline has one row per post, the promotion in order.
    let dom = browse(
        &browser,
        &url(&format!("/person/{}", person.id)),
        "--dump-dom",
        &profile,
    );
    assert!(dom.contains("data-tintuc-ready"), "the script ran");
    let timeline = dom
        .split("class=\"timeline\"")
        .nth(1)
        .expect("a timeline on the person's page");
    let rows = timeline.matches("class=\"tl-row\"").count();
    assert_eq!(rows, 2, "one row per post");
    let deputy = timeline
        .find("Phó Giám đốc Sở Nội vụ tỉnh Quảng Trị")
        .expect("deputy post");
    let director = timeline
        .find(">Giám đốc Sở Nội vụ tỉnh Quảng Trị")
        .expect("director post");
    assert!(deputy < director, "posts in order of first sight");
    assert!(timeline.contains("class=\"tl-bar\""), "bars for the posts");
    assert!(
        timeline.contains("class=\"tl-dot\""),
        "dots for the articles"
    );
    screenshot(
        &browser,
        &url(&format!("/person/{}", person.id)),
        "report-person.png",
        &profile,
    );

    // An article: entities of every type highlighted, people and bodies linked to the directory.
    let index = records
        .iter()
        .position(|(id, _)| id == "qt-12")
        .expect("article qt-12");
    let dom = browse(
        &browser,
        &url(&format!("/article/{index}")),
        "--dump-dom",
        &profile,
    );
    for kind in ["person", "org", "place", "date"] {
        assert!(
            dom.contains(&format!("class=\"ent ent-{kind}\"")),
            "{kind} highlighted"
        );
    }
    let linked = dom
        .matches("class=\"ent ent-person\" href=\"#/person/")
        .count();
    assert!(linked >= 4, "people linked to their pages ({linked})");
    assert!(dom.contains(&format!("href=\"#/person/{}\"", person.id)));
    assert!(dom.contains("class=\"ent ent-org\" href=\"#/org/o-bo-noi-vu\""));
    screenshot(
        &browser,
        &url(&format!("/article/{index}")),
        "report-article.png",
        &profile,
    );

    // Search folds accents: three namesakes of Nguyễn Văn Hùng, kept apart.
    let dom = browse(
        &browser,
        &url("/search?q=nguyen%20van%20hung"),
        "--dump-dom",
        &profile,
    );
    let mut hits: Vec<&str> = dom
        .match_indices("href=\"#/person/p-nguyen-van-hung-")
        .map(|(at, _)| &dom[at..at + 45])
        .collect();
    hits.sort_unstable();
    hits.dedup();
    assert_eq!(hits.len(), 3, "{hits:?}");

    // The hostile title stays text: no script of it ran, no element of it exists.
    let hostile = records.len() - 1;
    let dom = browse(
        &browser,
        &url(&format!("/article/{hostile}")),
        "--dump-dom",
        &profile,
    );
    assert!(
        dom.contains("<title>Báo cáo thử</title>"),
        "the page's title was not changed"
    );
    assert!(dom.contains("&lt;/script&gt;&lt;script&gt;document.title"));
    assert!(!dom.contains("<img"), "no element made of the text");
    screenshot(&browser, &url("/"), "report-overview.png", &profile);
    let _ = std::fs::remove_dir_all(&dir);
}

fn screenshot(browser: &Path, url: &str, name: &str, profile: &Path) {
    let file = artifacts().join(name);
    let _ = std::fs::remove_file(&file);
    browse(
        browser,
        url,
        &format!("--screenshot={}", file.display()),
        profile,
    );
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(bytes.starts_with(b"\x89PNG"), "{name} is a PNG");
    println!("screenshot: {}", file.display());
}

#[test]
fn report_of_records_on_stdin() {
    let records = records();
    let mut text = String::new();
    for (_, record) in records.iter().take(3) {
        text.push_str(&serde_json::to_string(record).unwrap());
        text.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("tintuc-report-stdin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("r.html");
    tintuc_ok(
        &["report", "-", "-o", out.to_str().unwrap()],
        Some(text.as_bytes()),
        None,
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<b>3</b> articles"));
    assert!(
        !std::fs::read_dir(&dir)
            .unwrap()
            .any(|e| { e.unwrap().file_name().to_string_lossy().contains(".texts-") }),
        "the temporary text file is gone"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
