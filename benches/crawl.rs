//! Crawl benchmark: harvests local portals (tests/support/portal.rs) in-process and prints
//! pages/s and peak memory (VmHWM). Not a test; never fails on time.
//!
//! `cargo bench --bench crawl`            throughput: 4 hosts, TINTUC_BENCH_PAGES articles (3000),
//!                                        TINTUC_BENCH_PER_HOST requests per host (2)
//! `cargo bench --bench crawl -- frontier` memory: a 100k-URL sitemap, 150 pages fetched

#[path = "../tests/support/portal.rs"]
mod portal;

use std::time::{Duration, Instant};

use portal::{article_html, listing_html, Portal, Reply};
use tintuc::extract::Profiles;
use tintuc::fetch::client::ClientConfig;
use tintuc::fetch::crawl::{run, CrawlConfig, DEFAULT_MAX_REDIRECTS};
use tintuc::fetch::progress::LogFormat;
use tintuc::fetch::scheduler::RetryPolicy;

/// A portal of `n` articles behind listings of `per_page` links with `page-N` pagination;
/// with `sitemap`, robots.txt also names a sitemap listing every article.
fn portal(n: usize, per_page: usize, tag: &'static str, sitemap: bool) -> Portal {
    let host = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let host2 = host.clone();
    let p = Portal::start(move |req, _| {
        let t = req.target.as_str();
        let h = host2.lock().map(|h| h.clone()).unwrap_or_default();
        if t == "/robots.txt" && sitemap {
            Reply::new(
                200,
                "text/plain",
                format!("User-agent: *\nSitemap: http://{h}/sitemap.xml\n"),
            )
        } else if t == "/sitemap.xml" && sitemap {
            let mut xml = String::from("<?xml version=\"1.0\"?><urlset>");
            for i in 0..n {
                xml.push_str(&format!(
                    "<url><loc>http://{h}/tin/bai-viet-{i}.html</loc></url>"
                ));
            }
            xml.push_str("</urlset>");
            Reply::new(200, "application/xml", xml)
        } else if t == "/" || t.starts_with("/tin/page-") {
            let page: usize = t
                .strip_prefix("/tin/page-")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let links: Vec<String> = ((page - 1) * per_page..(page * per_page).min(n))
                .map(|i| format!("/tin/bai-viet-{i}.html"))
                .collect();
            let next = if page * per_page < n {
                format!("<a href=\"/tin/page-{}\">Trang sau</a>", page + 1)
            } else {
                String::new()
            };
            Reply::html(listing_html("Tin tức", &links, &next))
        } else if let Some(i) = t
            .strip_prefix("/tin/bai-viet-")
            .and_then(|r| r.strip_suffix(".html"))
        {
            let body = format!(
                "{} {}",
                tag,
                "Đoàn công tác của Sở đã làm việc với Ủy ban nhân dân huyện. ".repeat(60)
            );
            Reply::html(
                article_html(&format!("{tag} bài số {i}"), &[]).replace("Nội dung bài viết", &body),
            )
        } else {
            Reply::status(404)
        }
    });
    if let Ok(mut h) = host.lock() {
        *h = p.addr.to_string();
    }
    p
}

fn config(out: &std::path::Path, seeds: Vec<String>, max_pages: Option<u64>) -> CrawlConfig {
    CrawlConfig {
        seeds,
        out: out.to_path_buf(),
        delay: Duration::ZERO,
        concurrency: 8,
        per_host: std::env::var("TINTUC_BENCH_PER_HOST")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2),
        max_pages,
        max_depth: None,
        include: None,
        exclude: None,
        client: ClientConfig {
            user_agent: tintuc::fetch::DEFAULT_USER_AGENT.into(),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            max_bytes: 20 << 20,
            insecure_tls: false,
        },
        warc_max_bytes: 1 << 30,
        retry: RetryPolicy::default(),
        max_redirects: DEFAULT_MAX_REDIRECTS,
        profiles: Profiles::builtin(),
        log_format: LogFormat::Text,
        quiet: true,
        probe_sitemap: false,
    }
}

fn vm_hwm_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn main() {
    let frontier = std::env::args().any(|a| a == "frontier");
    let out = std::env::temp_dir().join(format!("tintuc-bench-crawl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    if frontier {
        let p = portal(100_000, 1000, "A", true);
        let started = Instant::now();
        let s = run(config(&out, vec![p.url("/")], Some(150))).expect("crawl");
        println!(
            "frontier: {} pages fetched, {} URLs left queued, {:.1}s, peak RSS (VmHWM) {:.1} MB",
            s.fetched,
            s.queued_left,
            started.elapsed().as_secs_f64(),
            vm_hwm_mb()
        );
    } else {
        let n: usize = std::env::var("TINTUC_BENCH_PAGES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000);
        let portals: Vec<Portal> = ["A", "B", "C", "D"]
            .iter()
            .map(|t| portal(n / 4, 50, t, false))
            .collect();
        let seeds = portals.iter().map(|p| p.url("/")).collect();
        let started = Instant::now();
        let s = run(config(&out, seeds, None)).expect("crawl");
        let secs = started.elapsed().as_secs_f64();
        let bytes = std::fs::metadata(out.join("articles.jsonl"))
            .map(|m| m.len())
            .unwrap_or(0);
        println!(
            "throughput: {} pages fetched ({} articles written, {:.1} MB jsonl) in {secs:.1}s = {:.0} pages/s; peak RSS (VmHWM) {:.1} MB",
            s.fetched,
            s.emitted,
            bytes as f64 / 1e6,
            s.fetched as f64 / secs,
            vm_hwm_mb()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
