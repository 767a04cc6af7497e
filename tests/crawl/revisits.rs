//! Harvesting the same portals again and again (issue 13): revisits with conditional GETs, new
//! versions of edited articles, tombstones for removed ones, failures that heal, hubs found by
//! their content, resumes that do not fetch fresh hubs again, compressed and slim records.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::{crawl, out_dir, read_record, records, urls};
use crate::support::portal::{article_html, listing_html, Portal, Reply};

/// One answer of a portal: in which run, to which target, whether the request was conditional,
/// and the status sent.
#[derive(Debug, Clone)]
struct Answer {
    run: usize,
    target: String,
    conditional: bool,
    status: u16,
}

/// The JSON summary line a `--log-format json` crawl ends with.
fn summary(stderr: &[u8]) -> serde_json::Value {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().last().unwrap_or("");
    let v: serde_json::Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("summary line {line:?}: {e}\n{text}"));
    assert_eq!(v["event"], "summary", "{text}");
    v["summary"].clone()
}

/// An article that answers a matching `If-None-Match` with 304 (keeping its Content-Encoding,
/// with no body, as the portals of issue 13 do), else the page with its ETag.
fn conditional(req: &crate::support::portal::Request, etag: &str, page: Reply) -> Reply {
    if req.header("if-none-match") == Some(etag) {
        Reply::status(304)
            .with_header("ETag", etag)
            .with_header("Content-Encoding", "gzip")
    } else {
        page.with_header("ETag", etag)
    }
}

#[test]
fn four_runs_find_new_articles_store_edits_as_versions_and_record_removals() {
    let run = Arc::new(AtomicUsize::new(1));
    let answers: Arc<Mutex<Vec<Answer>>> = Arc::default();
    let (run2, answers2) = (run.clone(), answers.clone());
    const A1: &str = "/tin/bai-viet-mot-1.html"; // removed from run 3 on
    const A2: &str = "/tin/bai-viet-hai-2.html"; // edited in run 2
    const A3: &str = "/tin/bai-viet-ba-3.html"; // new in run 2
    const A4: &str = "/tin/bai-viet-bon-4.html"; // new in run 3
    const A5: &str = "/tin/bai-viet-nam-5.html"; // Last-Modified only, never changes
    let portal = Portal::start(move |req, _| {
        let n = run2.load(Ordering::SeqCst);
        let t = req.target.as_str();
        let reply = match t {
            "/" => {
                let mut links: Vec<String> = vec![A1.into(), A2.into(), A5.into()];
                if n >= 2 {
                    links.push(A3.into());
                }
                if n >= 3 {
                    links.push(A4.into());
                }
                let etag = format!("\"list-{}\"", n.min(3));
                conditional(req, &etag, Reply::html(listing_html("Tin", &links, "")))
            }
            A1 if n >= 3 => Reply::status(404),
            A1 => conditional(
                req,
                "\"a1\"",
                Reply::html(article_html("Bài một", &[])).gzipped(),
            ),
            A2 if n == 1 => conditional(req, "\"a2v1\"", Reply::html(article_html("Bài hai", &[]))),
            A2 => conditional(
                req,
                "\"a2v2\"",
                Reply::html(article_html("Bài hai (đã sửa)", &[])).gzipped(),
            ),
            A3 if n >= 2 => conditional(req, "\"a3\"", Reply::html(article_html("Bài ba", &[]))),
            A4 if n >= 3 => conditional(req, "\"a4\"", Reply::html(article_html("Bài bốn", &[]))),
            A5 => {
                let stamp = "Tue, 01 Sep 2026 08:00:00 GMT";
                if req.header("if-modified-since") == Some(stamp) {
                    Reply::status(304)
                } else {
                    Reply::html(article_html("Bài năm", &[])).with_header("Last-Modified", stamp)
                }
            }
            _ => Reply::status(404),
        };
        if let Ok(mut a) = answers2.lock() {
            a.push(Answer {
                run: n,
                target: t.to_string(),
                conditional: req.header("if-none-match").is_some()
                    || req.header("if-modified-since").is_some(),
                status: reply.status,
            });
        }
        reply
    });
    let out = out_dir("four-runs");
    let seed = portal.url("/");
    let schema = crate::support::schema::Schema::load("record.schema.json");
    let mut lines_before = 0;
    let mut found = Vec::new();
    for n in 1..=4 {
        run.store(n, Ordering::SeqCst);
        let o = crawl(&out, &["--delay", "0", "--revisit-after", "0s", &seed]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "run {n}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let all = records(&out);
        for r in &all {
            schema.assert_valid(r, &format!("run {n} line"));
        }
        let new: Vec<serde_json::Value> = all[lines_before..].to_vec();
        lines_before = all.len();
        found.push((n, new, summary(&o.stderr)));
    }
    let got = |n: usize| -> Vec<(String, u64, bool)> {
        let mut v: Vec<(String, u64, bool)> = found[n - 1]
            .1
            .iter()
            .map(|r| {
                (
                    r["url"].as_str().unwrap_or("").to_string(),
                    r["version"].as_u64().unwrap_or(0),
                    r.get("removed").is_some(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let u = |p: &str| portal.url(p);
    let sorted = |mut v: Vec<(String, u64, bool)>| {
        v.sort();
        v
    };
    // Run 1: everything is new.
    assert_eq!(
        got(1),
        sorted(vec![
            (u(A1), 1, false),
            (u(A2), 1, false),
            (u(A5), 1, false)
        ])
    );
    // Run 2: the new article, and the edit as version 2 of its URL; the others were 304s.
    assert_eq!(got(2), sorted(vec![(u(A2), 2, false), (u(A3), 1, false)]));
    // Run 3: the new article, and A1's removal as a tombstone.
    assert_eq!(got(3), sorted(vec![(u(A1), 2, true), (u(A4), 1, false)]));
    // Run 4: nothing changed, nothing written (A1 is still gone: no second tombstone).
    assert_eq!(got(4), vec![]);
    let by_url = |n: usize, p: &str| -> serde_json::Value {
        found[n - 1]
            .1
            .iter()
            .find(|r| r["url"] == u(p))
            .cloned()
            .unwrap_or_default()
    };
    let v1 = by_url(1, A2);
    let v2 = by_url(2, A2);
    assert_eq!(v1["title"], "Bài hai");
    assert_eq!(v2["title"], "Bài hai (đã sửa)");
    assert_eq!(
        v2["supersedes"], v1["fetched_at"],
        "version 2 names the record it replaces"
    );
    let gone = by_url(3, A1);
    assert_eq!(gone["status"], 404);
    assert_eq!(gone["supersedes"], by_url(1, A1)["fetched_at"]);
    assert!(gone["removed"].as_str().unwrap_or("").ends_with('Z'));
    assert!(
        gone.get("title").is_none(),
        "a tombstone has no article fields: {gone}"
    );

    let answers = answers.lock().unwrap().clone();
    let of = |n: usize, p: &str| -> Vec<Answer> {
        answers
            .iter()
            .filter(|a| a.run == n && a.target == p)
            .cloned()
            .collect()
    };
    // 304s that keep their Content-Encoding are read as "not modified", never decoded.
    for p in [A1, A5] {
        let a = of(2, p);
        assert_eq!(a.len(), 1, "{p} asked once in run 2");
        assert!(a[0].conditional && a[0].status == 304, "{p}: {a:?}");
    }
    assert_eq!(
        found[1].2["not_modified"], 2,
        "run 2: A1, A5 (the listing changed)"
    );
    assert_eq!(found[1].2["failed"], 0);
    // Run 4: no article fetched in full, every one asked conditionally.
    let run4: Vec<&Answer> = answers.iter().filter(|a| a.run == 4).collect();
    for p in [A1, A2, A3, A4, A5] {
        let asked: Vec<&&Answer> = run4.iter().filter(|a| a.target == p).collect();
        assert_eq!(asked.len(), 1, "{p} asked once in run 4");
        assert!(asked[0].conditional, "{p} asked conditionally");
        assert_ne!(asked[0].status, 200, "{p} not fetched in full: {asked:?}");
    }
    assert_eq!(found[3].2["articles_written"], 0);
    assert_eq!(found[3].2["not_modified"], 5, "seed, A2, A3, A4, A5");
    assert_eq!(urls(&out).len(), 7, "every line of the log kept");

    // The 304s are in the archive as revisit records that point at the original response.
    let mut revisits = BTreeMap::new();
    for entry in std::fs::read_dir(out.join("warc")).unwrap() {
        let path = entry.unwrap().path();
        let len = std::fs::metadata(&path).unwrap().len();
        let mut offset = 0;
        while offset < len {
            let (h, block, used) = read_record(&path, offset);
            if h["warc-type"] == "revisit" {
                assert_eq!(
                    h["warc-profile"],
                    "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
                );
                assert_eq!(h["warc-refers-to-target-uri"], h["warc-target-uri"]);
                assert!(
                    block.starts_with(b"HTTP/1.1 304"),
                    "the block is the 304 head"
                );
                *revisits.entry(h["warc-target-uri"].clone()).or_insert(0) += 1;
            }
            offset += used as u64;
        }
    }
    assert_eq!(
        revisits.get(&u(A5)),
        Some(&3),
        "runs 2, 3 and 4: {revisits:?}"
    );
    assert!(revisits.contains_key(&u(A1)) && revisits.contains_key(&seed));

    // The tables carry the history: the removal row has its version and date.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(["export", "--format", "csv", "--table", "articles"])
        .arg(&*out)
        .output()
        .expect("export");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8_lossy(&o.stdout).to_string();
    let header: Vec<&str> = csv.lines().next().unwrap_or("").split(',').collect();
    let version = header.iter().position(|c| *c == "version").unwrap_or(0);
    assert_eq!(
        header[version..version + 3],
        ["version", "supersedes", "removed"]
    );
    let removal = csv
        .lines()
        .find(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            l.starts_with(&u(A1)) && cells.get(version + 2).is_some_and(|c| c.ends_with('Z'))
        })
        .unwrap_or_else(|| panic!("removal row: {csv}"));
    let cells: Vec<&str> = removal.split(',').collect();
    assert_eq!(cells[version], "2");
}

#[test]
fn failures_heal_on_later_runs() {
    let run = Arc::new(AtomicUsize::new(1));
    let run2 = run.clone();
    let portal = Portal::start(move |req, _| {
        let n = run2.load(Ordering::SeqCst);
        match req.target.as_str() {
            "/" => Reply::html(listing_html(
                "Tin",
                &[
                    "/tin/bai-viet-loi-1.html".into(),
                    "/tin/bai-viet-chua-co-2.html".into(),
                ],
                "",
            )),
            "/tin/bai-viet-loi-1.html" if n == 1 => Reply::status(500),
            "/tin/bai-viet-chua-co-2.html" if n == 1 => Reply::status(404),
            t if t.contains("/bai-viet-") => Reply::html(article_html(t, &[])),
            _ => Reply::status(404),
        }
    });
    let out = out_dir("heal");
    let o = crawl(&out, &["--delay", "0", "--attempts", "2", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(urls(&out).is_empty());
    // The next run (with the default policy) tries the 500 again at once; the 404 waits a day.
    run.store(2, Ordering::SeqCst);
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(urls(&out), vec![portal.url("/tin/bai-viet-loi-1.html")]);
    assert_eq!(portal.hits("/tin/bai-viet-chua-co-2.html").len(), 1);
    // Asked to look at everything again, the 404 heals too.
    let o = crawl(
        &out,
        &["--delay", "0", "--revisit-after", "0s", &portal.url("/")],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        urls(&out),
        vec![
            portal.url("/tin/bai-viet-chua-co-2.html"),
            portal.url("/tin/bai-viet-loi-1.html")
        ]
    );
}

#[test]
fn category_pages_and_feeds_behind_ordinary_urls_are_rechecked() {
    // A NukeViet-like portal: the seed links to a category page and an RSS feed whose URLs say
    // nothing (`/vi/news/thoi-su/`, `/vi/news/rss/thoi-su/`); new articles appear only there.
    let run = Arc::new(AtomicUsize::new(1));
    let run2 = run.clone();
    let holder: Arc<Mutex<String>> = Arc::default();
    let holder2 = holder.clone();
    let portal = Portal::start(move |req, _| {
        let n = run2.load(Ordering::SeqCst);
        let host = holder2.lock().map(|h| h.clone()).unwrap_or_default();
        match req.target.as_str() {
            "/" => Reply::html(listing_html(
                "Trang chủ",
                &["/vi/news/thoi-su/".into(), "/vi/news/rss/thoi-su/".into()],
                "",
            )),
            "/vi/news/thoi-su/" => {
                let mut links: Vec<String> = (1..=3)
                    .map(|i| format!("/vi/news/thoi-su/tin-so-{i}.html"))
                    .collect();
                if n >= 2 {
                    links.push("/vi/news/thoi-su/tin-moi-9.html".into());
                }
                Reply::html(listing_html("Thời sự", &links, ""))
            }
            "/vi/news/rss/thoi-su/" => {
                let mut items = String::new();
                let last = if n >= 2 { 8 } else { 7 };
                for i in 7..=last {
                    items.push_str(&format!(
                        "<item><title>t</title><link>http://{host}/vi/news/thoi-su/rss-bai-{i}.html</link></item>"
                    ));
                }
                Reply::new(
                    200,
                    "application/rss+xml",
                    format!("<?xml version=\"1.0\"?><rss><channel>{items}</channel></rss>"),
                )
            }
            t if t.starts_with("/vi/news/thoi-su/") => Reply::html(article_html(t, &[])),
            _ => Reply::status(404),
        }
    });
    *holder.lock().unwrap() = portal.addr.to_string();
    let out = out_dir("cms-hubs");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(urls(&out).len(), 4);
    let state = rusqlite::Connection::open(out.join("state.sqlite")).unwrap();
    let kind = |url: String| -> String {
        state
            .query_row("SELECT kind FROM urls WHERE url = ?1", [url], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(kind(portal.url("/vi/news/thoi-su/")), "listing");
    assert_eq!(kind(portal.url("/vi/news/rss/thoi-su/")), "feed");
    // Two hours pass (every revisit time comes two hours closer): the category page and the
    // feed are due again as hubs under the default policy, the articles are not.
    state
        .execute("UPDATE urls SET revisit_at = revisit_at - 7200", [])
        .unwrap();
    drop(state);
    run.store(2, Ordering::SeqCst);
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = urls(&out);
    for p in [
        "/vi/news/thoi-su/tin-moi-9.html",
        "/vi/news/thoi-su/rss-bai-8.html",
    ] {
        assert!(got.contains(&portal.url(p)), "{p}: {got:?}");
    }
    assert_eq!(got.len(), 6);
    assert_eq!(portal.hits("/vi/news/thoi-su/").len(), 2);
    assert_eq!(
        portal.hits("/vi/news/thoi-su/tin-so-1.html").len(),
        1,
        "articles are not due"
    );
}

#[test]
fn a_restart_does_not_fetch_fresh_listings_again() {
    let portal = super::big_portal(60);
    let out = out_dir("restart-hubs");
    // The first run stops early (as a kill would), in the middle of the listing pages.
    let o = crawl(
        &out,
        &["--delay", "0", "--max-pages", "25", &portal.url("/")],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first: Vec<String> = portal.requests().iter().map(|r| r.target.clone()).collect();
    let listed_before: Vec<&String> = first
        .iter()
        .filter(|t| t.starts_with("/tin/page-"))
        .collect();
    assert!(
        !listed_before.is_empty(),
        "some listing pages in run 1: {first:?}"
    );
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(urls(&out).len(), 60, "every article");
    // Listing pages were fetched once across both runs; only the seed was looked at again.
    for page in 2..=6 {
        assert_eq!(
            portal.hits(&format!("/tin/page-{page}")).len(),
            1,
            "page {page}"
        );
    }
    assert_eq!(portal.hits("/").len(), 2);
    assert_eq!(portal.hits("/tin/bai-viet-3.html").len(), 1);
}

#[test]
fn an_article_whose_canonical_url_is_broken_is_kept_under_its_own() {
    let page = article_html("Bài có canonical hỏng", &[]).replace(
        "<head>",
        "<head><link rel=\"canonical\" href=\"/tin/bai-viet-goc-hong-9.html\">",
    );
    let portal = Portal::start(move |req, _| match req.target.as_str() {
        "/" => Reply::html(listing_html(
            "Tin",
            &["/tin/bai-viet-ban-sao-1.html".into()],
            "",
        )),
        "/tin/bai-viet-ban-sao-1.html" => Reply::html(page.clone()),
        _ => Reply::status(404),
    });
    let out = out_dir("broken-canonical");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("canonical-broken"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(urls(&out), vec![portal.url("/tin/bai-viet-ban-sao-1.html")]);
    assert_eq!(portal.hits("/tin/bai-viet-goc-hong-9.html").len(), 1);
    assert_eq!(
        portal.hits("/tin/bai-viet-ban-sao-1.html").len(),
        2,
        "fetched again once"
    );
}

#[test]
fn compressed_and_slim_records_resume_and_are_read_by_export() {
    let portal = super::big_portal(12);
    let out = out_dir("gzip");
    let args = [
        "--delay",
        "0",
        "--compress",
        "gzip",
        "--no-entities",
        "--fields",
        "title,published,site",
    ];
    let o = crawl(
        &out,
        &[&args[..], &["--max-pages", "6", &portal.url("/")]].concat(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!out.join("articles.jsonl").exists());
    let gz = out.join("articles.jsonl.gz");
    // As if a kill had cut the last member.
    let len = std::fs::metadata(&gz).unwrap().len();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&gz)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &[0x1f, 0x8b, 8, 0, 0]))
        .unwrap();
    assert!(std::fs::metadata(&gz).unwrap().len() > len);
    let o = crawl(&out, &[&args[..], &[portal.url("/").as_str()]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Another compression on the same harvest is refused, naming the file.
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("articles.jsonl.gz"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(["export", "--format", "jsonl"])
        .arg(&*out)
        .output()
        .expect("export");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    let mut got: Vec<&str> = lines
        .iter()
        .map(|r| r["url"].as_str().unwrap_or(""))
        .collect();
    got.sort();
    got.dedup();
    assert_eq!(got.len(), 12, "each article once: {got:?}");
    assert_eq!(lines.len(), 12);
    // Slim: the fields asked for and the identity fields; no entities were recognised.
    let raw = {
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(&gz).unwrap()),
            &mut text,
        )
        .unwrap();
        text
    };
    let first: serde_json::Value = serde_json::from_str(raw.lines().next().unwrap()).unwrap();
    let mut keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["id", "published", "site", "title", "url", "version"]);
    // --no-entities alone: whole records, entities left empty; the same pages without it have
    // organisations ("Sở Nội vụ tỉnh").
    let orgs = |extra: &[&str], name: &str| -> usize {
        let out = out_dir(name);
        let seed = portal.url("/");
        let o = crawl(
            &out,
            &[&["--delay", "0"][..], extra, &[seed.as_str()]].concat(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        records(&out)
            .iter()
            .map(|r| {
                r["entities"]["organizations"]
                    .as_array()
                    .map_or(0, Vec::len)
            })
            .sum()
    };
    assert_eq!(orgs(&["--no-entities"], "no-entities"), 0);
    assert!(orgs(&[], "with-entities") > 0);
}

#[test]
fn revisit_times_follow_the_age_of_articles_across_304s() {
    use tintuc::fetch::clock::{rfc3339, unix_now};
    let day = 86_400.0;
    let date = |days_ago: f64| rfc3339((unix_now() - days_ago * day) as i64)[..10].to_string();
    let dated = |title: &str, d: &str| {
        let (y, m, dd) = (&d[..4], &d[5..7], &d[8..10]);
        article_html(title, &[])
            .replace("2024-03-15", d)
            .replace("15/03/2024", &format!("{dd}/{m}/{y}"))
    };
    let (fresh, month_old) = (
        dated("Hội nghị tuần này", &date(2.0)),
        dated("Hội nghị tháng trước", &date(20.0)),
    );
    let portal = Portal::start(move |req, _| match req.target.as_str() {
        "/" => Reply::html(listing_html(
            "Tin",
            &[
                "/tin/bai-viet-moi-1.html".into(),
                "/tin/bai-viet-cu-2.html".into(),
            ],
            "",
        )),
        "/tin/bai-viet-moi-1.html" => conditional(req, "\"m\"", Reply::html(fresh.clone())),
        "/tin/bai-viet-cu-2.html" => conditional(req, "\"c\"", Reply::html(month_old.clone())),
        _ => Reply::status(404),
    });
    let out = out_dir("age-policy");
    let intervals = || -> Vec<(String, i64)> {
        let state = rusqlite::Connection::open(out.join("state.sqlite")).unwrap();
        let mut stmt = state
            .prepare("SELECT url, revisit_at - checked_unix FROM urls WHERE url LIKE '%bai-viet%' ORDER BY url")
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?.round() as i64))
            })
            .unwrap();
        rows.map(|r| r.unwrap()).collect()
    };
    let want = vec![
        (portal.url("/tin/bai-viet-cu-2.html"), 7 * 86_400),
        (portal.url("/tin/bai-viet-moi-1.html"), 86_400),
    ];
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        intervals(),
        want,
        "daily in the first week, weekly to a month"
    );
    // Revisited (304s): the same intervals, from the dates the state remembers.
    let o = crawl(
        &out,
        &["--delay", "0", "--revisit-after", "0s", &portal.url("/")],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(portal.hits("/tin/bai-viet-moi-1.html").len(), 2);
    assert_eq!(intervals(), want);
}
