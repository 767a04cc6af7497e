//! Tests: crawl. Every test runs the `tintuc crawl` binary against local portals on 127.0.0.1
//! (one port per host) and asserts on what the servers saw and what landed in the harvest
//! directory: politeness from the recorded request times, the archive by reading the WARC back.
//! Article URLs in these portals use shapes the crawl rules know (`/bai-viet-...` is the
//! generic-detail family), so that their failures count as failures of articles (exit code 1);
//! other pages that fail are listed but, like dead menu links, do not change the exit code.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::portal::{article_html, gzip, listing_html, Portal, Reply, Site};

mod hosts;
mod revisits;

/// A harvest directory under the system temp dir, removed when the test ends.
struct OutDir(PathBuf);

impl std::ops::Deref for OutDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for OutDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for OutDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn out_dir(name: &str) -> OutDir {
    let dir = std::env::temp_dir().join(format!("tintuc-crawl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    OutDir(dir)
}

fn crawl(out: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .arg("crawl")
        .arg("--out")
        .arg(out)
        .args(["--backoff", "0.2", "--log-format", "json"])
        .args(args)
        .output()
        .expect("run tintuc crawl")
}

/// The records of `articles.jsonl`; panics on a line that is not JSON.
fn records(out: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(out.join("articles.jsonl")).unwrap_or_default();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "last line is complete"
    );
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

fn urls(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = records(out)
        .iter()
        .map(|r| r["url"].as_str().unwrap_or("").to_string())
        .collect();
    v.sort();
    v
}

/// Gaps between consecutive requests, each at least `min`.
fn assert_spaced(portal: &Portal, min: Duration) {
    let reqs = portal.requests();
    assert!(
        reqs.len() >= 3,
        "enough requests to judge spacing: {}",
        reqs.len()
    );
    for pair in reqs.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= min,
            "gap {gap:?} < {min:?} between {} and {}",
            pair[0].target,
            pair[1].target
        );
    }
}

fn failures(out: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(["crawl", "--failures", "--out"])
        .arg(out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn robots_rules_and_crawl_delay_are_obeyed() {
    let site = Site::new()
        .reply("/robots.txt", Reply::new(200, "text/plain", "User-agent: *\nDisallow: /\n\nUser-agent: tintuc\nDisallow: /private/\nAllow: /private/open-\nCrawl-delay: 0.3\n"))
        .page("/", listing_html("Trang chủ", &["/tin/bai-mot-1.html".into(), "/private/secret-2.html".into(), "/private/open-3.html".into()], ""))
        .page("/tin/bai-mot-1.html", article_html("Bài một", &[]))
        .page("/private/open-3.html", article_html("Bài ba", &[]));
    let portal = Portal::site(site);
    let out = out_dir("robots");
    let o = crawl(&out, &["--delay", "0.05", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        portal.hits("/private/secret-2.html").is_empty(),
        "disallowed page fetched"
    );
    assert_eq!(portal.hits("/private/open-3.html").len(), 1);
    assert_eq!(
        portal.requests()[0].target,
        "/robots.txt",
        "robots.txt comes first"
    );
    // Crawl-delay (0.3 s) wins over --delay (0.05 s).
    assert_spaced(&portal, Duration::from_millis(300));
    assert_eq!(
        urls(&out),
        vec![
            portal.url("/private/open-3.html"),
            portal.url("/tin/bai-mot-1.html")
        ]
    );
}

#[test]
fn each_host_is_spaced_by_the_delay_under_global_concurrency() {
    let make = |n: usize, tag: &str| {
        let links: Vec<String> = (0..n)
            .map(|i| format!("/tin/bai-viet-so-{i}.html"))
            .collect();
        let mut site = Site::new().page("/", listing_html("Tin", &links, ""));
        for l in &links {
            site = site.page(l, article_html(&format!("{tag} {l}"), &[]));
        }
        Portal::site(site)
    };
    let (a, b) = (make(5, "Sở A"), make(5, "Sở B"));
    let out = out_dir("spacing");
    let o = crawl(
        &out,
        &[
            "--delay",
            "0.25",
            "--concurrency",
            "4",
            &a.url("/"),
            &b.url("/"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_spaced(&a, Duration::from_millis(250));
    assert_spaced(&b, Duration::from_millis(250));
    assert_eq!(urls(&out).len(), 10);
    // The user agent names tintuc and its home page.
    let ua = a.requests()[0]
        .header("user-agent")
        .unwrap_or("")
        .to_string();
    assert!(ua.starts_with("tintuc/") && ua.contains("http"), "{ua}");
}

#[test]
fn retries_honour_retry_after_and_never_repeat_a_404() {
    let portal = Portal::start(|req, seen| match req.target.as_str() {
        "/" => Reply::html(listing_html(
            "Tin",
            &[
                "/tin/bai-viet-bao-tri-1.html".into(),
                "/tin/bai-viet-da-xoa-2.html".into(),
                "/tin/bai-viet-hong-3.html".into(),
                "/tin/bai-viet-qua-tai-4.html".into(),
            ],
            "",
        )),
        "/tin/bai-viet-bao-tri-1.html" if seen < 2 => {
            Reply::status(503).with_header("Retry-After", "1")
        }
        "/tin/bai-viet-qua-tai-4.html" if seen < 1 => {
            Reply::status(429).with_header("Retry-After", "1")
        }
        "/tin/bai-viet-bao-tri-1.html" | "/tin/bai-viet-qua-tai-4.html" => {
            Reply::html(article_html(&req.target, &[]))
        }
        "/tin/bai-viet-hong-3.html" => Reply::status(500),
        "/tin/bai-viet-da-xoa-2.html" => Reply::status(404),
        _ => Reply::status(404),
    });
    let out = out_dir("retries");
    let o = crawl(&out, &["--delay", "0", "--attempts", "3", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "failures of articles give exit code 1: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let flaky = portal.hits("/tin/bai-viet-bao-tri-1.html");
    assert_eq!(flaky.len(), 3);
    for pair in flaky.windows(2) {
        assert!(
            pair[1].at.duration_since(pair[0].at) >= Duration::from_secs(1),
            "Retry-After honoured"
        );
    }
    let busy = portal.hits("/tin/bai-viet-qua-tai-4.html");
    assert_eq!(busy.len(), 2);
    assert!(busy[1].at.duration_since(busy[0].at) >= Duration::from_secs(1));
    assert_eq!(
        portal.hits("/tin/bai-viet-da-xoa-2.html").len(),
        1,
        "404 is not retried"
    );
    assert_eq!(
        portal.hits("/tin/bai-viet-hong-3.html").len(),
        3,
        "500 retried up to --attempts"
    );
    assert_eq!(
        urls(&out),
        vec![
            portal.url("/tin/bai-viet-bao-tri-1.html"),
            portal.url("/tin/bai-viet-qua-tai-4.html")
        ]
    );
    let listed = failures(&out);
    assert!(
        listed.contains(&format!(
            "{}\t404",
            portal.url("/tin/bai-viet-da-xoa-2.html")
        )),
        "{listed}"
    );
    assert!(
        listed.contains(&format!(
            "{}\t500\t3",
            portal.url("/tin/bai-viet-hong-3.html")
        )),
        "{listed}"
    );
}

#[test]
fn redirects_are_followed_in_scope_and_recorded() {
    let other = Portal::site(Site::new().page("/x-1.html", article_html("Ngoài", &[])));
    let away = other.url("/x-1.html");
    let site = Site::new()
        .page(
            "/",
            listing_html(
                "Tin",
                &[
                    "/cu/bai-1.html".into(),
                    "/di-xa-2.html".into(),
                    "/vong-3.html".into(),
                ],
                "",
            ),
        )
        .reply("/cu/bai-1.html", Reply::redirect(301, "/moi/bai-1.html"))
        .page("/moi/bai-1.html", article_html("Bài mới", &[]))
        .reply("/di-xa-2.html", Reply::redirect(302, &away))
        .reply("/vong-3.html", Reply::redirect(302, "/vong-3.html?lan=1"))
        .reply("/vong-3.html?lan=1", Reply::redirect(302, "/vong-3.html"));
    let portal = Portal::site(site);
    let out = out_dir("redirects");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(
        o.status.code().is_some(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        other.requests().is_empty(),
        "an off-site redirect is not followed"
    );
    assert_eq!(urls(&out), vec![portal.url("/moi/bai-1.html")]);
    assert!(
        portal.hits("/vong-3.html").len() <= 1,
        "a redirect loop ends"
    );
    assert!(failures(&out).contains(&portal.url("/di-xa-2.html")));
}

#[test]
fn windows_1258_and_gzip_pages_are_read() {
    let (page, _, _) = encoding_rs::WINDOWS_1258.encode(
        "<html><head><meta charset=\"windows-1258\"><title>Thông báo</title></head><body>\
         <a href=\"/tin/thong-bao-moi-7.html\">Thông báo mới</a></body></html>",
    );
    let site = Site::new()
        .reply(
            "/",
            Reply::new(200, "text/html; charset=windows-1258", page.into_owned()).gzipped(),
        )
        .reply(
            "/tin/thong-bao-moi-7.html",
            Reply::html(article_html("Bài nén", &[])).gzipped(),
        );
    let portal = Portal::site(site);
    let out = out_dir("charset");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let req = &portal.hits("/")[0];
    assert!(req.header("accept-encoding").unwrap_or("").contains("gzip"));
    assert_eq!(urls(&out), vec![portal.url("/tin/thong-bao-moi-7.html")]);
}

#[test]
fn sitemaps_index_gz_and_news_and_feeds_are_followed() {
    let urlset = |paths: &[&str], news: bool| -> String {
        let items: String = paths
            .iter()
            .map(|p| {
                let n = if news {
                    "<news:news><news:title>t</news:title></news:news>"
                } else {
                    ""
                };
                format!("<url><loc>http://HOST{p}</loc>{n}</url>")
            })
            .collect();
        format!("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{items}</urlset>")
    };
    let host_holder = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let h2 = host_holder.clone();
    let sm1 = urlset(&["/a/chi-tiet-1", "/a/chi-tiet-2"], false);
    let news = urlset(&["/b/tin-nong"], true);
    let portal = Portal::start(move |req, _| {
        let host = h2.lock().map(|h| h.clone()).unwrap_or_default();
        let fill = |s: &str| s.replace("HOST", &host);
        match req.target.as_str() {
            "/robots.txt" => Reply::new(200, "text/plain", fill("User-agent: *\nSitemap: http://HOST/sitemap_index.xml\n")),
            "/sitemap_index.xml" => Reply::new(
                200,
                "application/xml",
                fill("<?xml version=\"1.0\"?><sitemapindex><sitemap><loc>http://HOST/sm-1.xml.gz</loc></sitemap><sitemap><loc>http://HOST/news.xml</loc></sitemap></sitemapindex>"),
            ),
            "/sm-1.xml.gz" => Reply::new(200, "application/x-gzip", gzip(fill(&sm1).as_bytes())),
            "/news.xml" => Reply::new(200, "application/xml", fill(&news)),
            "/" => Reply::html("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss/tin.rss\"></head><body>Trang chủ</body></html>"),
            "/rss/tin.rss" => Reply::new(
                200,
                "application/rss+xml",
                fill("<?xml version=\"1.0\"?><rss><channel><link>http://HOST/</link><item><title>x</title><link>http://HOST/c/tu-rss</link></item></channel></rss>"),
            ),
            "/a/chi-tiet-1" | "/a/chi-tiet-2" | "/b/tin-nong" | "/c/tu-rss" => Reply::html(article_html(&req.target, &[])),
            _ => Reply::status(404),
        }
    });
    *host_holder.lock().unwrap() = portal.addr.to_string();
    let out = out_dir("sitemaps");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want: Vec<String> = ["/a/chi-tiet-1", "/a/chi-tiet-2", "/b/tin-nong", "/c/tu-rss"]
        .iter()
        .map(|p| portal.url(p))
        .collect();
    assert_eq!(urls(&out), want);
}

#[test]
fn liferay_pagination_is_followed_beyond_max_depth_and_off_site_links_ignored() {
    let other = Portal::site(Site::new().page("/", "<html>x</html>"));
    let offsite = other.url("/tin/ngoai-1.html");
    let base = "/vi/tin-tuc-su-kien";
    let page_url =
        |n: usize| format!("{base}?p_p_id=101&p_p_lifecycle=0&_101_delta=2&_101_cur={n}");
    let mut site = Site::new();
    let mut want = Vec::new();
    for n in 1..=4 {
        let arts: Vec<String> = (0..2)
            .map(|i| {
                format!(
                    "{base}/-/view_content/{}-bai-viet-so-{}.html",
                    n * 10 + i,
                    n * 10 + i
                )
            })
            .collect();
        let mut extra = String::new();
        if n < 4 {
            extra = format!(
                "<div class=\"pager\"><a href=\"{}\">Trang sau</a></div>",
                page_url(n + 1).replace('&', "&amp;")
            );
        }
        let mut links = arts.clone();
        links.push(offsite.clone());
        let html = listing_html("Tin tức sự kiện", &links, &extra);
        if n == 1 {
            site = site.page(base, html.clone());
        }
        site = site.page(&page_url(n), html);
        for a in &arts {
            site = site.page(a, article_html(a, &[]));
            want.push(a.clone());
        }
    }
    let portal = Portal::site(site);
    let out = out_dir("liferay");
    let o = crawl(
        &out,
        &["--delay", "0", "--max-depth", "1", &portal.url(base)],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut want: Vec<String> = want.iter().map(|p| portal.url(p)).collect();
    want.sort();
    assert_eq!(urls(&out), want);
    assert!(
        other.requests().is_empty(),
        "off-site links are not fetched"
    );
}

#[test]
fn print_views_duplicates_and_canonical_aliases_are_recognised() {
    let body = article_html("Cùng một bài", &[]);
    let canon = "<html><head><link rel=\"canonical\" href=\"/tin/goc-5.html\"><meta property=\"og:type\" content=\"article\"></head><body>bí danh</body></html>";
    let site = Site::new()
        .page(
            "/",
            listing_html(
                "Tin",
                &[
                    "/vi/news/tin/bai-1.html".into(),
                    "/vi/news/print/bai-1.html".into(),
                    "/tin/bai-1.html?utm_source=zalo#binh-luan".into(),
                    "/tin/ban-sao-2.html".into(),
                    "/tin/ban-goc-3.html".into(),
                    "/tin/bi-danh-4.html".into(),
                    "/tin/goc-sai-6.html".into(),
                ],
                "",
            ),
        )
        .page("/vi/news/tin/bai-1.html", article_html("Bài một", &[]))
        .page("/tin/bai-1.html", article_html("Bài một khác", &[]))
        .page("/tin/ban-sao-2.html", body.clone())
        .page("/tin/ban-goc-3.html", body)
        .page("/tin/bi-danh-4.html", canon)
        .page("/tin/goc-5.html", article_html("Bài gốc", &[]))
        // A canonical pointing at the home page is a CMS bug, not an alias.
        .page(
            "/tin/goc-sai-6.html",
            article_html("Bài có canonical sai", &[])
                .replace("<head>", "<head><link rel=\"canonical\" href=\"/\">"),
        );
    let portal = Portal::site(site);
    let out = out_dir("dups");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        portal.hits("/vi/news/print/bai-1.html").is_empty(),
        "print view skipped"
    );
    assert_eq!(
        portal.hits("/tin/bai-1.html").len(),
        1,
        "tracker-only variant fetched once"
    );
    let got = urls(&out);
    let copies = got.iter().filter(|u| u.contains("/tin/ban-")).count();
    assert_eq!(copies, 1, "identical content emitted once: {got:?}");
    assert!(
        got.contains(&portal.url("/tin/goc-5.html"))
            && !got.contains(&portal.url("/tin/bi-danh-4.html")),
        "{got:?}"
    );
    assert!(got.contains(&portal.url("/tin/goc-sai-6.html")), "{got:?}");
}

fn big_portal(n: usize) -> Portal {
    Portal::start(move |req, _| {
        let t = req.target.as_str();
        if t == "/" || t.starts_with("/tin/page-") {
            let page: usize = t
                .strip_prefix("/tin/page-")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let links: Vec<String> = (0..10)
                .map(|i| (page - 1) * 10 + i)
                .filter(|&i| i < n)
                .map(|i| format!("/tin/bai-viet-{i}.html"))
                .collect();
            let next = if page * 10 < n {
                format!("<a href=\"/tin/page-{}\">Trang sau</a>", page + 1)
            } else {
                String::new()
            };
            Reply::html(listing_html("Tin", &links, &next))
                .with_header("ETag", &format!("\"p{page}\""))
                .with_header("Last-Modified", "Tue, 01 Sep 2026 08:00:00 GMT")
        } else if let Some(i) = t
            .strip_prefix("/tin/bai-viet-")
            .and_then(|r| r.strip_suffix(".html"))
        {
            Reply::html(article_html(&format!("Bài số {i}"), &[]))
        } else {
            Reply::status(404)
        }
    })
}

#[test]
fn killed_crawl_resumes_without_losing_or_repeating_articles() {
    let portal = big_portal(40);
    let out = out_dir("resume");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(["crawl", "--quiet", "--delay", "0.03", "--out"])
        .arg(&out)
        .arg(portal.url("/"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    loop {
        let n = std::fs::read_to_string(out.join("articles.jsonl"))
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if n >= 8 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    // As if the kill had hit in the middle of a line.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(out.join("articles.jsonl"))
        .expect("jsonl");
    std::io::Write::write_all(&mut f, b"{\"url\":\"http://half").expect("append");
    drop(f);
    let o = crawl(&out, &["--delay", "0.01", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = urls(&out);
    let mut want: Vec<String> = (0..40)
        .map(|i| portal.url(&format!("/tin/bai-viet-{i}.html")))
        .collect();
    want.sort();
    assert_eq!(got, want, "every article exactly once");
    // A third run has nothing new to write.
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success());
    assert_eq!(urls(&out).len(), 40);
}

#[test]
fn rerun_uses_conditional_get_and_fetches_only_new_pages() {
    let portal = Portal::start(|req, _| {
        let t = req.target.as_str();
        match t {
            "/" => {
                if req.header("if-none-match") == Some("\"v1\"") {
                    Reply::status(304).with_header("ETag", "\"v1\"")
                } else {
                    Reply::html(listing_html("Tin", &["/tin/mot-1.html".into()], ""))
                        .with_header("ETag", "\"v1\"")
                }
            }
            "/tin/mot-1.html" => Reply::html(article_html("Một", &[])),
            _ => Reply::status(404),
        }
    });
    let out = out_dir("conditional");
    assert!(crawl(&out, &["--delay", "0", &portal.url("/")])
        .status
        .success());
    let second = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    let summary: serde_json::Value =
        serde_json::from_str(stderr.lines().last().unwrap_or("")).expect("JSON summary");
    assert_eq!(summary["event"], "summary");
    assert_eq!(summary["summary"]["not_modified"], 1);
    assert_eq!(summary["summary"]["articles_written"], 0);
    assert_eq!(summary["summary"]["articles_all_runs"], 1);
    let seeds = portal.hits("/");
    assert_eq!(seeds.len(), 2);
    assert_eq!(seeds[0].header("if-none-match"), None);
    assert_eq!(seeds[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        portal.hits("/tin/mot-1.html").len(),
        1,
        "unchanged article not fetched again"
    );
    assert_eq!(urls(&out).len(), 1);
}

/// One WARC record read back from an offset: its headers and block.
fn read_record(path: &Path, offset: u64) -> (BTreeMap<String, String>, Vec<u8>, usize) {
    let bytes = std::fs::read(path).expect("warc file");
    let member = &bytes[offset as usize..];
    let mut cursor = std::io::Cursor::new(member);
    let mut dec = flate2::bufread::GzDecoder::new(&mut cursor);
    let mut data = Vec::new();
    dec.read_to_end(&mut data).expect("gunzip one member");
    drop(dec);
    let used = cursor.position() as usize;
    let split = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8(data[..split].to_vec()).expect("utf-8 headers");
    let mut lines = head.split("\r\n");
    assert_eq!(lines.next(), Some("WARC/1.1"));
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    let len: usize = headers["content-length"].parse().expect("length");
    let block = data[split + 4..split + 4 + len].to_vec();
    assert_eq!(
        &data[split + 4 + len..],
        b"\r\n\r\n",
        "record ends in two CRLF"
    );
    (headers, block, used)
}

#[test]
fn warc_records_round_trip_with_digests_and_offsets() {
    let site = Site::new()
        .page(
            "/",
            listing_html(
                "Tin",
                &["/tin/bai-a-1.html".into(), "/tin/bai-b-2.html".into()],
                "",
            ),
        )
        .reply(
            "/tin/bai-a-1.html",
            Reply::html(article_html("Bài A", &[])).gzipped(),
        )
        .page("/tin/bai-b-2.html", article_html("Bài B", &[]));
    let portal = Portal::site(site);
    let out = out_dir("warc");
    let o = crawl(
        &out,
        &["--delay", "0", "--warc-size", "2000", &portal.url("/")],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    let schema = crate::support::schema::Schema::load("record.schema.json");
    for r in &recs {
        schema.assert_valid(r, "crawl record");
        let file = out.join(r["warc_file"].as_str().expect("warc_file"));
        let (h, block, _) = read_record(&file, r["warc_offset"].as_u64().expect("offset"));
        assert_eq!(h["warc-type"], "response");
        assert_eq!(h["warc-target-uri"], r["url"].as_str().unwrap());
        assert_eq!(
            h["warc-block-digest"],
            tintuc::warc::write::sha1_base32(&block)
        );
        let body_at = block
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("http head")
            + 4;
        assert!(block.starts_with(b"HTTP/1.1 200"));
        assert_eq!(
            h["warc-payload-digest"],
            tintuc::warc::write::sha1_base32(&block[body_at..])
        );
        assert_eq!(r["status"], 200);
        assert!(r["fetched_at"].as_str().unwrap_or("").ends_with('Z'));
    }
    // Every file: warcinfo first, then complete members to the end; files rotate at the limit.
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.join("warc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 2, "rotation at --warc-size: {files:?}");
    let mut types: HashMap<String, usize> = HashMap::new();
    for f in &files {
        let len = std::fs::metadata(f).unwrap().len();
        let mut offset = 0u64;
        let mut first = true;
        while offset < len {
            let (h, _, used) = read_record(f, offset);
            if first {
                assert_eq!(h["warc-type"], "warcinfo");
                first = false;
            }
            *types.entry(h["warc-type"].clone()).or_default() += 1;
            offset += used as u64;
        }
    }
    assert_eq!(types["request"], types["response"]);
    assert!(types["response"] >= 3);
}

#[test]
fn faults_huge_slow_and_broken_pages_are_reported_and_skipped() {
    let portal = Portal::start(|req, _| match req.target.as_str() {
        "/robots.txt" => Reply::redirect(301, "/that-robots.txt"),
        "/that-robots.txt" => Reply::new(200, "text/plain", "User-agent: *\nDisallow: /cam/\n"),
        "/" => Reply::html(listing_html(
            "Tin",
            &[
                "/tin/rat-lon-1.html".into(),
                "/tin/bai-viet-rat-cham-2.html".into(),
                "/tin/mat-dich-3.html".into(),
                "/tin/xhtml-4.html".into(),
                "/cam/bai-5.html".into(),
            ],
            "",
        )),
        "/tin/rat-lon-1.html" => Reply::html(article_html(&"Rất dài ".repeat(20_000), &[])),
        "/tin/bai-viet-rat-cham-2.html" => {
            let mut r = Reply::html(article_html("Chậm", &[]));
            r.delay = Duration::from_secs(4);
            r
        }
        "/tin/mat-dich-3.html" => Reply::status(302),
        "/tin/xhtml-4.html" => Reply::new(200, "application/xhtml+xml", article_html("XHTML", &[])),
        _ => Reply::status(404),
    });
    let out = out_dir("faults");
    let o = crawl(
        &out,
        &[
            "--delay",
            "0",
            "--attempts",
            "2",
            "--timeout",
            "1.5",
            "--max-size",
            "50000",
            &portal.url("/"),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        portal.hits("/that-robots.txt").len(),
        1,
        "robots.txt redirect followed"
    );
    assert!(
        portal.hits("/cam/bai-5.html").is_empty(),
        "rules of the redirected robots.txt apply"
    );
    assert_eq!(
        portal.hits("/tin/rat-lon-1.html").len(),
        1,
        "a page over --max-size is not retried"
    );
    assert_eq!(
        portal.hits("/tin/bai-viet-rat-cham-2.html").len(),
        2,
        "a timeout is retried up to --attempts"
    );
    assert_eq!(urls(&out), vec![portal.url("/tin/xhtml-4.html")]);
    let listed = failures(&out);
    for (path, cause) in [
        ("/tin/rat-lon-1.html", "limit"),
        ("/tin/bai-viet-rat-cham-2.html", "timeout"),
        ("/tin/mat-dich-3.html", "Location"),
    ] {
        let line = listed
            .lines()
            .find(|l| l.starts_with(&portal.url(path)))
            .unwrap_or_else(|| panic!("{path} listed: {listed}"));
        assert!(line.contains(cause), "{line}");
    }
}

#[test]
fn an_article_given_as_seed_is_written() {
    let portal = Portal::site(Site::new().page(
        "/vi/news/tin-tuc/le-khai-giang-nam-hoc-moi-1234.html",
        article_html("Khai giảng", &[]),
    ));
    let out = out_dir("seed-article");
    let o = crawl(
        &out,
        &[
            "--delay",
            "0",
            &portal.url("/vi/news/tin-tuc/le-khai-giang-nam-hoc-moi-1234.html"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(urls(&out).len(), 1);
    let rec = &records(&out)[0];
    crate::support::schema::Schema::load("record.schema.json").assert_valid(rec, "crawl record");
    assert_eq!(rec["title"], "Khai giảng");
    assert_eq!(rec["site"], "127.0.0.1");
}

#[test]
fn get_one_checks_robots_follows_redirects_and_decodes() {
    let portal = Portal::site(
        Site::new()
            .reply(
                "/robots.txt",
                Reply::new(200, "text/plain", "User-agent: *\nDisallow: /noi-bo/\n"),
            )
            .reply("/cu.html", Reply::redirect(301, "/moi.html"))
            .reply("/moi.html", Reply::html(article_html("Mới", &[])).gzipped())
            .page("/noi-bo/a.html", article_html("Nội bộ", &[])),
    );
    let opts = tintuc::fetch::GetOptions::default();
    let page = tintuc::fetch::get_one(&portal.url("/cu.html"), &opts).expect("fetched");
    assert_eq!(page.url, portal.url("/moi.html"));
    assert_eq!(page.status, 200);
    assert!(
        String::from_utf8_lossy(&page.body).contains("<h1>Mới</h1>"),
        "gzip removed"
    );
    let err = tintuc::fetch::get_one(&portal.url("/noi-bo/a.html"), &opts).expect_err("disallowed");
    let msg = err.to_string();
    assert!(
        msg.contains("/noi-bo/a.html") && msg.contains("disallowed by robots.txt"),
        "{msg}"
    );
    assert!(portal.hits("/noi-bo/a.html").is_empty());
    let err = tintuc::fetch::get_one(&portal.url("/khong-co.html"), &opts).expect_err("404");
    assert!(err.to_string().contains("404"), "{err}");
}

#[test]
fn robots_case_table() {
    #[derive(serde::Deserialize)]
    struct Case {
        name: String,
        robots: String,
        crawl_delay: f64,
        checks: Vec<(String, bool)>,
    }
    #[derive(serde::Deserialize)]
    struct File {
        case: Vec<Case>,
    }
    let file: File = toml::from_str(include_str!("cases/robots.toml")).expect("robots.toml");
    for case in file.case {
        let r = tintuc::fetch::robots::Robots::parse(&case.robots, "tintuc");
        let delay = r.crawl_delay.map(|d| d.as_secs_f64()).unwrap_or(0.0);
        assert_eq!(delay, case.crawl_delay, "{}", case.name);
        for (path, want) in &case.checks {
            assert_eq!(r.allowed(path), *want, "{}: {path}", case.name);
        }
    }
}

#[test]
fn canonical_url_case_table() {
    #[derive(serde::Deserialize)]
    struct File {
        seeds: Vec<String>,
        cases: Vec<(String, String)>,
    }
    use tintuc::fetch::discovery::{Discovery, Rules};
    let file: File =
        toml::from_str(include_str!("cases/canonical_urls.toml")).expect("canonical_urls.toml");
    let seeds: Vec<url::Url> = file
        .seeds
        .iter()
        .map(|s| url::Url::parse(s).expect("seed"))
        .collect();
    let d = Discovery::new(Rules::builtin().expect("rules"), &seeds);
    for (input, want) in file.cases {
        let got = match d.admit(&input, None) {
            Ok(u) => u.to_string(),
            Err(why) => format!("{why:?}"),
        };
        assert_eq!(got, want, "{input}");
    }
}

#[test]
fn a_second_crawl_on_the_same_directory_is_refused() {
    let portal = Portal::site(Site::new().page("/", listing_html("Tin", &[], "")));
    let out = out_dir("lock");
    std::fs::create_dir_all(&*out).expect("mkdir");
    // A live process (this test) holds the lock.
    std::fs::write(out.join("crawl.lock"), std::process::id().to_string()).expect("lock");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("another crawl"));
    assert!(portal.requests().is_empty());
    // A lock left by a killed crawl (no such process) is taken over.
    std::fs::write(out.join("crawl.lock"), "999999999").expect("lock");
    assert!(crawl(&out, &["--delay", "0", &portal.url("/")])
        .status
        .success());
    assert!(!out.join("crawl.lock").exists(), "lock removed at the end");
}

#[test]
fn an_article_reached_by_a_next_link_is_still_an_article() {
    let next = |target: &str| format!("<a href=\"{target}\">Tiếp</a>");
    let site = Site::new()
        .page("/", listing_html("Tin", &["/tin/mot".into()], ""))
        .page(
            "/tin/mot",
            article_html("Bài một", &[])
                .replace("</body>", &format!("{}</body>", next("/tin/hai"))),
        )
        .page("/tin/hai", article_html("Bài hai", &[]));
    let portal = Portal::site(site);
    let out = out_dir("next-article");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        urls(&out),
        vec![portal.url("/tin/hai"), portal.url("/tin/mot")]
    );
}

#[test]
fn records_stream_to_stdout_as_jsonl_and_csv_and_a_closed_pipe_ends_quietly() {
    let portal = big_portal(12);
    let out = out_dir("stream");
    let o = crawl(
        &out,
        &["--delay", "0", "--format", "jsonl", &portal.url("/")],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let streamed: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("streamed line is JSON"))
        .collect();
    assert_eq!(
        streamed,
        records(&out),
        "stdout carries exactly the records of articles.jsonl"
    );

    let out = out_dir("stream-csv");
    let o = crawl(
        &out,
        &[
            "--delay",
            "0",
            "--format",
            "csv",
            "--table",
            "articles",
            &portal.url("/"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(csv.starts_with("url,"), "header first: {csv:.80}");
    assert_eq!(csv.lines().count(), 1 + records(&out).len());

    // `| head -n 2`: the reader goes away; the crawl stops quietly and what it wrote is whole.
    // (A portal large enough that stopping early shows whatever the speed of the machine.)
    let portal = big_portal(120);
    let out = out_dir("stream-head");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args([
            "crawl", "--quiet", "--delay", "0.05", "--format", "jsonl", "--out",
        ])
        .arg(&out)
        .arg(portal.url("/"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).expect("first line");
    drop(stdout);
    let status = child.wait().expect("wait");
    assert!(
        status.success(),
        "a closed pipe is not an error: {status:?}"
    );
    let written = records(&out);
    assert!(
        !written.is_empty() && written.len() < 120,
        "stopped early, lines whole: {}",
        written.len()
    );
}

#[test]
fn extract_warc_rebuilds_the_harvest_from_the_archive() {
    let portal = big_portal(15);
    let out = out_dir("rewarc");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut warcs: Vec<PathBuf> = std::fs::read_dir(out.join("warc"))
        .expect("warc dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    warcs.sort();
    let mut args: Vec<String> = vec![
        "extract".into(),
        "--format".into(),
        "jsonl".into(),
        "--warc".into(),
    ];
    args.extend(warcs.iter().map(|p| p.display().to_string()));
    let o = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(&args)
        .output()
        .expect("extract --warc");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let from_archive: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("record line"))
        .collect();
    let key = |r: &serde_json::Value| {
        (
            r["url"].as_str().unwrap_or("").to_string(),
            r["title"].clone(),
        )
    };
    let mut harvested: Vec<_> = records(&out).iter().map(key).collect();
    let mut rebuilt: Vec<_> = from_archive.iter().map(key).collect();
    harvested.sort_by(|a, b| a.0.cmp(&b.0));
    rebuilt.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        rebuilt, harvested,
        "the archive gives back every article, and only articles"
    );
    // Each record points at its response record in the archive.
    for r in &from_archive {
        let file = r["warc_file"].as_str().expect("warc_file");
        let offset = r["warc_offset"].as_u64().expect("warc_offset");
        let (headers, _, _) = read_record(Path::new(file), offset);
        assert_eq!(
            headers.get("warc-type").map(String::as_str),
            Some("response"),
            "{file}@{offset}"
        );
    }
    // The same archive listed on stdin, on two threads, gives the same records in the same order.
    let list: String = warcs.iter().map(|p| format!("{}\n", p.display())).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args([
            "extract", "-q", "-j", "2", "--format", "jsonl", "--warc", "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), list.as_bytes())
        .expect("paths");
    let again = child.wait_with_output().expect("wait");
    assert_eq!(again.stdout, o.stdout);
}
