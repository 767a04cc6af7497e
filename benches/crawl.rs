//! Crawl benchmark: harvests local portals (tests/support/portal.rs) and prints wall time, pages/s,
//! crawler CPU and peak memory (VmHWM), and the size of what was written. Not a test; never
//! fails on time.
//!
//! `cargo bench --bench crawl`             throughput: 4 hosts, TINTUC_BENCH_PAGES articles (3000),
//!                                         TINTUC_BENCH_PER_HOST requests per host (2), no delay
//! `cargo bench --bench crawl -- frontier` memory: a 100k-URL sitemap, 150 pages fetched
//! `cargo bench --bench crawl -- hosts`    a national harvest in small: TINTUC_BENCH_HOSTS portals
//!                                         (1000) x TINTUC_BENCH_ARTICLES articles (30) with
//!                                         `--delay 1`, then a second run that revisits everything
//!                                         (`--revisit-after 0s`; the portals answer 304). Wall
//!                                         time against the politeness floor, crawler CPU per
//!                                         1,000 pages, peak memory, bytes per page on disk.
//!                                         TINTUC_BENCH_NO_ENTITIES=1: the same without entity
//!                                         recognition (`--no-entities`).
//! `cargo bench --bench crawl -- idle`     what finished hosts cost: TINTUC_BENCH_HOSTS portals of
//!                                         one article and one of 40, delay 1 s; the crawler's CPU
//!                                         over the ~40 s where one host is left.
//!
//! In `hosts` mode the portals run in a child process (this binary, `serve N M`), so the CPU and
//! memory measured are the crawler's alone. Needs ~3 file descriptors per host (`ulimit -n`).

#[path = "../tests/support/portal.rs"]
mod portal;

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use portal::{article_html, listing_html, Portal, Reply};
use tintuc::extract::Profiles;
use tintuc::fetch::client::ClientConfig;
use tintuc::fetch::progress::LogFormat;
use tintuc::fetch::revisit::RevisitPolicy;
use tintuc::fetch::scheduler::{BreakerPolicy, RetryPolicy};
use tintuc::fetch::DEFAULT_MAX_REDIRECTS;
use tintuc::harvest::{run, HarvestConfig, RecordOptions, Summary};

/// A portal of `n` articles behind listings of `per_page` links with `page-N` pagination;
/// with `sitemap`, robots.txt also names a sitemap listing every article. Articles carry an
/// ETag and answer a matching `If-None-Match` with `304`.
fn portal(n: usize, per_page: usize, tag: String, sitemap: bool) -> Portal {
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
            let etag = format!("\"{tag}-{i}\"");
            if req.header("if-none-match") == Some(etag.as_str()) {
                return Reply::status(304).with_header("ETag", &etag);
            }
            let body = format!(
                "{tag} {}",
                "Đoàn công tác của Sở đã làm việc với Ủy ban nhân dân huyện. ".repeat(60)
            );
            Reply::html(
                article_html(&format!("{tag} bài số {i}"), &[]).replace("Nội dung bài viết", &body),
            )
            .with_header("ETag", &etag)
        } else {
            Reply::status(404)
        }
    });
    if let Ok(mut h) = host.lock() {
        *h = p.addr.to_string();
    }
    p
}

fn config(out: &Path, seeds: Vec<String>, max_pages: Option<u64>) -> HarvestConfig {
    HarvestConfig {
        seeds,
        out: out.to_path_buf(),
        delay: Duration::ZERO,
        concurrency: 8,
        per_host: env_or("TINTUC_BENCH_PER_HOST", 2),
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
        breaker: BreakerPolicy::default(),
        revisit: RevisitPolicy::default(),
        max_redirects: DEFAULT_MAX_REDIRECTS,
        profiles: Profiles::builtin(),
        records: RecordOptions {
            entities: true,
            ..RecordOptions::default()
        },
        log_format: LogFormat::Text,
        quiet: true,
        probe_sitemap: false,
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn vm_hwm_mb() -> f64 {
    proc_status_mb("VmHWM:")
}

fn proc_status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// CPU seconds (user + system) this process has used, all threads.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rfind(')').map_or("", |i| &stat[i + 1..]);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let hz = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<f64>()
                .ok()
        })
        .unwrap_or(100.0);
    // utime and stime are fields 14 and 15, i.e. 11 and 12 after the command name.
    (ticks(11) + ticks(12)) / hz
}

fn dir_bytes(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        dir_bytes(&p)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// `serve N M [L]`: N portals of M articles (the first of L when given); prints one port a
/// line, then `ready`; for each line on stdin prints the requests the portals saw so far (most
/// to one portal, total); exits at the end of stdin.
fn serve(hosts: usize, articles: usize, first: usize) {
    let portals: Vec<Portal> = (0..hosts)
        .map(|i| {
            portal(
                if i == 0 { first } else { articles },
                10,
                format!("H{i}"),
                false,
            )
        })
        .collect();
    let mut out = std::io::stdout().lock();
    for p in &portals {
        let _ = writeln!(out, "{}", p.addr.port());
    }
    let _ = writeln!(out, "ready");
    let _ = out.flush();
    let mut line = String::new();
    while std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map(|n| n > 0)
        .unwrap_or(false)
    {
        // "count": report requests per portal so far.
        let counts: Vec<usize> = portals.iter().map(|p| p.requests().len()).collect();
        let max = counts.iter().max().copied().unwrap_or(0);
        let total: usize = counts.iter().sum();
        let _ = writeln!(out, "{max} {total}");
        let _ = out.flush();
        line.clear();
    }
}

/// The portals of the `hosts` and `idle` scenarios, in a child process.
struct Portals {
    child: std::process::Child,
    from_child: std::io::BufReader<std::process::ChildStdout>,
    to_child: std::process::ChildStdin,
    seeds: Vec<String>,
}

impl Portals {
    fn start(hosts: usize, articles: usize, first: usize) -> Portals {
        let exe = std::env::current_exe().expect("bench binary");
        let mut child = Command::new(exe)
            .args([
                "serve",
                &hosts.to_string(),
                &articles.to_string(),
                &first.to_string(),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the portals");
        let mut from_child = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let to_child = child.stdin.take().expect("stdin");
        let mut seeds = Vec::new();
        loop {
            let mut line = String::new();
            if from_child.read_line(&mut line).unwrap_or(0) == 0 {
                panic!("the portals did not start (ulimit -n?)");
            }
            let line = line.trim();
            if line == "ready" {
                break;
            }
            seeds.push(format!("http://127.0.0.1:{line}/"));
        }
        Portals {
            child,
            from_child,
            to_child,
            seeds,
        }
    }

    /// Requests seen so far: (most to one portal, total).
    fn requests(&mut self) -> (usize, usize) {
        let _ = writeln!(self.to_child, "count");
        let _ = self.to_child.flush();
        let mut line = String::new();
        let _ = self.from_child.read_line(&mut line);
        let mut it = line.split_whitespace().filter_map(|v| v.parse().ok());
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    }

    fn stop(self) {
        let Portals {
            mut child,
            to_child,
            ..
        } = self;
        drop(to_child);
        let _ = child.wait();
    }
}

fn idle_scenario(out: &Path) {
    let hosts: usize = env_or("TINTUC_BENCH_HOSTS", 1000);
    let mut portals = Portals::start(hosts, 1, 40);
    let mut c = config(out, portals.seeds.clone(), None);
    c.delay = Duration::from_secs(1);
    c.per_host = 1;
    c.concurrency = env_or("TINTUC_BENCH_CONCURRENCY", 256);
    let cpu0 = cpu_seconds();
    let started = Instant::now();
    let s = run(c).expect("crawl");
    let secs = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    let (longest, total) = portals.requests();
    portals.stop();
    println!(
        "idle: {hosts} portals of 1 article + 1 of 40, delay 1s: {total} requests ({} pages fetched) in {secs:.1}s \
         (the long host alone: {longest} requests); crawler CPU {cpu:.2}s in all = {:.2} ms per page; \
         peak RSS (VmHWM) {:.0} MB",
        s.fetched,
        cpu / (s.fetched.max(1) as f64) * 1000.0,
        vm_hwm_mb()
    );
}

fn hosts_scenario(out: &Path) {
    let hosts: usize = env_or("TINTUC_BENCH_HOSTS", 1000);
    let articles: usize = env_or("TINTUC_BENCH_ARTICLES", 30);
    let delay = Duration::from_secs_f64(env_or("TINTUC_BENCH_DELAY", 1.0));
    let mut portals = Portals::start(hosts, articles, articles);
    let seeds = portals.seeds.clone();
    let mut requests = || portals.requests();
    println!(
        "hosts: {hosts} portals x {articles} articles, delay {:.1}s, concurrency {}",
        delay.as_secs_f64(),
        env_or("TINTUC_BENCH_CONCURRENCY", 256usize)
    );
    let mut before = (0, 0);
    for (run_no, revisit) in [(1, None), (2, Some(Duration::ZERO))] {
        let mut c = config(out, seeds.clone(), None);
        c.delay = delay;
        c.per_host = 1;
        c.concurrency = env_or("TINTUC_BENCH_CONCURRENCY", 256);
        c.revisit = RevisitPolicy { after: revisit };
        c.records.entities = std::env::var("TINTUC_BENCH_NO_ENTITIES").is_err();
        let rss_before = proc_status_mb("VmRSS:");
        let cpu0 = cpu_seconds();
        let started = Instant::now();
        let s: Summary = run(c).expect("crawl");
        let secs = started.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu0;
        let after = requests();
        let per_host_max = after.0 - before.0;
        let total = after.1 - before.1;
        before = after;
        // The floor: the busiest host's requests, one `delay` apart.
        let floor = per_host_max.saturating_sub(1) as f64 * delay.as_secs_f64();
        let records = std::fs::metadata(out.join("articles.jsonl"))
            .map(|m| m.len())
            .unwrap_or(0);
        let warc = dir_bytes(&out.join("warc"));
        let state = std::fs::metadata(out.join("state.sqlite"))
            .map(|m| m.len())
            .unwrap_or(0);
        println!(
            "run {run_no} ({}): {} requests seen by the portals ({} pages fetched, {} records, {} not modified, {} failed) \
             in {secs:.1}s; floor {floor:.0}s ({:+.1}% over); crawler CPU {cpu:.1}s = {:.2}s per 1,000 pages; \
             peak RSS (VmHWM) {:.0} MB (RSS {:.0} MB before the run, {:.0} MB after)",
            if revisit.is_some() { "revisit everything, --revisit-after 0s" } else { "first harvest" },
            total,
            s.fetched,
            s.emitted,
            s.not_modified,
            s.failed,
            (secs / floor.max(0.001) - 1.0) * 100.0,
            cpu / (s.fetched.max(1) as f64) * 1000.0,
            vm_hwm_mb(),
            rss_before,
            proc_status_mb("VmRSS:")
        );
        println!(
            "  on disk after run {run_no}: records {:.1} MB, WARC {:.1} MB, state {:.1} MB; per article: {:.1} KB records, {:.1} KB WARC, {:.2} KB state",
            records as f64 / 1e6,
            warc as f64 / 1e6,
            state as f64 / 1e6,
            records as f64 / 1e3 / (hosts * articles) as f64,
            warc as f64 / 1e3 / (hosts * articles) as f64,
            state as f64 / 1e3 / (hosts * articles) as f64,
        );
    }
    portals.stop();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("serve") {
        let n = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(1000);
        let m = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(30);
        let first = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(m);
        serve(n, m, first);
        return;
    }
    let out = std::env::temp_dir().join(format!("tintuc-bench-crawl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    if args.iter().any(|a| a == "hosts") {
        hosts_scenario(&out);
    } else if args.iter().any(|a| a == "idle") {
        idle_scenario(&out);
    } else if args.iter().any(|a| a == "frontier") {
        let p = portal(100_000, 1000, "A".into(), true);
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
        let n: usize = env_or("TINTUC_BENCH_PAGES", 3000);
        let portals: Vec<Portal> = ["A", "B", "C", "D"]
            .iter()
            .map(|t| portal(n / 4, 50, t.to_string(), false))
            .collect();
        let seeds = portals.iter().map(|p| p.url("/")).collect();
        let cpu0 = cpu_seconds();
        let started = Instant::now();
        let s = run(config(&out, seeds, None)).expect("crawl");
        let secs = started.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu0;
        let bytes = std::fs::metadata(out.join("articles.jsonl"))
            .map(|m| m.len())
            .unwrap_or(0);
        println!(
            "throughput: {} pages fetched ({} articles written, {:.1} MB jsonl) in {secs:.1}s = {:.0} pages/s; \
             CPU {cpu:.1}s (crawler and portals) = {:.2}s per 1,000 pages; peak RSS (VmHWM) {:.1} MB",
            s.fetched,
            s.emitted,
            bytes as f64 / 1e6,
            s.fetched as f64 / secs,
            cpu / (s.fetched.max(1) as f64) * 1000.0,
            vm_hwm_mb()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
