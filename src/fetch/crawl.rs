//! The crawl loop: seeds in, `articles.jsonl` + WARC + `state.sqlite` out.
//!
//! One tokio task per host slot takes the host's next URL from the state, asks the
//! [`Scheduler`] for permission, fetches, archives the exchange, hands 2xx bodies to
//! `page::analyse` (links, article or not) and the result to `emit::commit`. The commit order
//! makes a `kill -9` harmless: (1) WARC records are written and flushed, (2) the article line is appended
//! to `articles.jsonl` and flushed, (3) one SQLite transaction marks the URL done and emitted,
//! adds its links and stores the new length of `articles.jsonl`. A kill before (3) leaves lines
//! that the state does not know; on resume they are read back (after cutting a partial last
//! line) and their URLs marked emitted, so nothing is fetched-and-emitted twice.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use regex::Regex;
use url::Url;

use super::client::{Client, ClientConfig, Response, Validators};
use super::clock;
use super::discovery::{self, host_key, Discovery, Kind, Rules};
use super::emit::commit;
use super::page::{analyse, PageInput};
use super::progress::{Counters, LogFormat, Reporter};
use super::resume::{db_err, io_err, reconcile_jsonl, repair_last_warc, DirLock};
use super::robots::Robots;
use super::scheduler::{
    is_transient, parse_retry_after, should_retry, Outcome, RetryPolicy, Scheduler,
};
use super::state::{Completion, Failure, Job, NewUrl, State};
use crate::error::Error;
use crate::extract::Profiles;
use crate::warc::write::{Exchange, WarcWriter};

/// robots.txt is fetched again after this long (RFC 9309: no longer than 24 hours).
pub const ROBOTS_MAX_AGE: Duration = Duration::from_secs(24 * 3600);

/// Redirect hops followed from one URL.
pub const DEFAULT_MAX_REDIRECTS: u32 = 5;

/// Everything a crawl needs, frozen before it starts.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    pub seeds: Vec<String>,
    pub out: PathBuf,
    pub delay: Duration,
    pub concurrency: usize,
    pub per_host: usize,
    pub max_pages: Option<u64>,
    pub max_depth: Option<u32>,
    pub include: Option<Regex>,
    pub exclude: Option<Regex>,
    pub client: ClientConfig,
    pub warc_max_bytes: u64,
    pub retry: RetryPolicy,
    pub max_redirects: u32,
    pub profiles: Profiles,
    pub log_format: LogFormat,
    pub quiet: bool,
    /// Look for `/sitemap.xml` when robots.txt names no sitemap.
    pub probe_sitemap: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub fetched: u64,
    pub emitted: u64,
    pub failed: u64,
    pub not_modified: u64,
    pub robots_blocked: u64,
    pub duplicates: u64,
    pub queued_left: u64,
    pub emitted_total: u64,
    pub seconds: f64,
}

/// What every task of a crawl shares.
pub(super) struct Ctx {
    pub(super) config: CrawlConfig,
    pub(super) client: Client,
    pub(super) sched: Scheduler,
    pub(super) discovery: Discovery,
    pub(super) state: Mutex<State>,
    pub(super) warc: Mutex<WarcWriter>,
    pub(super) jsonl: Mutex<File>,
    /// Each host's rules and when they were fetched.
    pub(super) robots: Mutex<HashMap<String, (Arc<Robots>, Instant)>>,
    pub(super) counters: Counters,
    pub(super) reporter: Reporter,
    pub(super) in_flight: AtomicUsize,
    pub(super) budget_used: AtomicU64,
    pub(super) stop: AtomicBool,
    pub(super) agent_token: String,
    /// Records also streamed to standard output (`--format`), in the order they are committed.
    pub(super) stream: Mutex<Option<RecordStream>>,
}

/// Where streamed records go; a closed pipe ends the crawl quietly, nothing harvested is lost.
pub type RecordStream = Box<dyn crate::output::RecordSink + Send>;

/// Runs a crawl to completion (or until `--max-pages`); blocking.
pub fn run(config: CrawlConfig) -> Result<Summary, Error> {
    run_streaming(config, None)
}

/// Like [`run`], and every record written to `articles.jsonl` also goes to `stream`.
pub fn run_streaming(config: CrawlConfig, stream: Option<RecordStream>) -> Result<Summary, Error> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(4);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .map_err(|e| io_err(&config.out, e))?;
    rt.block_on(run_async(config, stream))
}

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

async fn run_async(config: CrawlConfig, stream: Option<RecordStream>) -> Result<Summary, Error> {
    let out = config.out.clone();
    std::fs::create_dir_all(out.join("warc")).map_err(|e| io_err(&out, e))?;
    let mut seeds = Vec::new();
    for s in &config.seeds {
        let url = Url::parse(s).map_err(|e| Error::Invalid {
            input: s.clone(),
            message: format!("bad seed URL: {e}"),
        })?;
        seeds.push(url);
    }
    let rules = Rules::builtin().map_err(|m| Error::Invalid {
        input: "crawl rules".into(),
        message: m,
    })?;
    let discovery = Discovery::new(rules, &seeds);
    let _lock = DirLock::acquire(&out)?;
    let mut state = State::open(&out.join("state.sqlite")).map_err(db_err)?;
    state.begin_run().map_err(db_err)?;
    let jsonl_path = out.join("articles.jsonl");
    let reconciled = reconcile_jsonl(&jsonl_path, &state)?;
    repair_last_warc(&out, &state);
    let jsonl = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&jsonl_path)
        .map_err(|e| io_err(&jsonl_path, e))?;
    let prefix = format!("tintuc-{}", clock::stamp(clock::unix_now() as i64));
    let warc = WarcWriter::new(
        &out.join("warc"),
        &prefix,
        config.warc_max_bytes,
        &config.client.user_agent,
    )
    .map_err(|e| io_err(&out, e))?;
    let client = Client::new(config.client.clone()).map_err(|m| Error::Invalid {
        input: "HTTP client".into(),
        message: m,
    })?;
    let agent_token = config
        .client
        .user_agent
        .split(['/', ' '])
        .next()
        .unwrap_or("tintuc")
        .to_ascii_lowercase();
    let reporter = Reporter::new(config.log_format, config.quiet, true);
    if config.client.insecure_tls {
        reporter.event(
            "warn",
            "insecure-tls",
            "",
            None,
            "TLS certificates are NOT verified (--insecure-tls)",
        );
    }
    if reconciled > 0 {
        reporter.event(
            "info",
            "resume",
            &jsonl_path.display().to_string(),
            None,
            &format!("{reconciled} records reconciled"),
        );
    }
    for seed in &seeds {
        let Some(canon) = discovery.canonicalise(seed.clone()) else {
            continue;
        };
        let Some(host) = host_key(&canon) else {
            continue;
        };
        let s = canon.to_string();
        state
            .add(&NewUrl {
                url: &s,
                host: &host,
                kind: Kind::Seed,
                depth: 0,
                hops: 0,
                parent: None,
            })
            .map_err(db_err)?;
        state.requeue_seed(&s).map_err(db_err)?;
    }
    let ctx = Arc::new(Ctx {
        sched: Scheduler::new(config.delay, config.concurrency, config.per_host),
        config,
        client,
        discovery,
        state: Mutex::new(state),
        warc: Mutex::new(warc),
        jsonl: Mutex::new(jsonl),
        robots: Mutex::new(HashMap::new()),
        counters: Counters::default(),
        reporter,
        in_flight: AtomicUsize::new(0),
        budget_used: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        agent_token,
        stream: Mutex::new(stream),
    });
    let hosts = lock(&ctx.state).queued_hosts().map_err(db_err)?;
    let mut host_set: Vec<String> = hosts;
    for seed in &seeds {
        if let Some(h) = host_key(seed) {
            if !host_set.contains(&h) {
                host_set.push(h);
            }
        }
    }
    let progress = {
        let ctx = ctx.clone();
        tokio::spawn(async move {
            // Counting the queue scans the state: only worth it when someone watches.
            while ctx.reporter.is_tty() {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let queued = lock(&ctx.state).counts().map(|c| c.queued).unwrap_or(0);
                ctx.reporter
                    .progress(&ctx.counters, queued, ctx.sched.waited_ms());
            }
        })
    };
    let mut tasks = Vec::new();
    for host in host_set {
        let scheme_hint = seeds
            .iter()
            .find(|s| host_key(s).as_deref() == Some(host.as_str()))
            .cloned();
        let ctx = ctx.clone();
        // Each host on its own: robots.txt first, then its workers; a slow host delays no other.
        tasks.push(tokio::spawn(async move {
            ensure_robots(&ctx, &host, scheme_hint.as_ref()).await;
            let workers: Vec<_> = (0..ctx.config.per_host.max(1))
                .map(|_| {
                    let (ctx, host, seed) = (ctx.clone(), host.clone(), scheme_hint.clone());
                    tokio::spawn(async move { worker(ctx, host, seed).await })
                })
                .collect();
            for w in workers {
                let _ = w.await;
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    progress.abort();
    if let Some(mut sink) = lock(&ctx.stream).take() {
        // A closed pipe at the end is as quiet as one in the middle.
        let _ = sink.finish();
    }
    let c = &ctx.counters;
    let counts = lock(&ctx.state).counts().map_err(db_err)?;
    let summary = Summary {
        fetched: c.fetched.load(Ordering::Relaxed),
        emitted: c.emitted.load(Ordering::Relaxed),
        failed: c.failed.load(Ordering::Relaxed),
        not_modified: c.not_modified.load(Ordering::Relaxed),
        robots_blocked: c.robots_blocked.load(Ordering::Relaxed),
        duplicates: c.duplicates.load(Ordering::Relaxed),
        queued_left: counts.queued,
        emitted_total: counts.emitted,
        seconds: ctx.reporter.elapsed_secs(),
    };
    let host_waits = ctx.sched.host_waits();
    let waits: Vec<String> = host_waits
        .iter()
        .map(|(h, ms)| format!("{h} {:.1}s", *ms as f64 / 1000.0))
        .collect();
    let json = serde_json::json!({
        "pages_fetched": summary.fetched,
        "articles_written": summary.emitted,
        "articles_all_runs": summary.emitted_total,
        "not_modified": summary.not_modified,
        "failed": summary.failed,
        "robots_blocked": summary.robots_blocked,
        "duplicates": summary.duplicates,
        "queued_left": summary.queued_left,
        "host_wait_seconds": host_waits.iter().map(|(h, ms)| (h.clone(), serde_json::json!(*ms as f64 / 1000.0))).collect::<serde_json::Map<_, _>>(),
        "seconds": summary.seconds,
    });
    ctx.reporter.summary(
        &[
            format!("pages fetched: {}", summary.fetched),
            format!(
                "articles written: {} (all runs: {})",
                summary.emitted, summary.emitted_total
            ),
            format!("not modified: {}", summary.not_modified),
            format!(
                "failed: {} (list them with `tintuc crawl --failures --out DIR`)",
                summary.failed
            ),
            format!("blocked by robots.txt: {}", summary.robots_blocked),
            format!("duplicates: {}", summary.duplicates),
            format!("left in queue: {}", summary.queued_left),
            format!("per-host waits: {}", waits.join(", ")),
            format!(
                "elapsed: {:.1}s ({:.1} pages/s)",
                summary.seconds,
                summary.fetched as f64 / summary.seconds.max(0.001)
            ),
        ],
        json,
    );
    Ok(summary)
}

async fn ensure_robots(ctx: &Ctx, host: &str, seed: Option<&Url>) {
    let scheme = seed
        .map(|s| s.scheme().to_string())
        .unwrap_or_else(|| "http".into());
    let authority = match seed {
        Some(s) => match s.port() {
            Some(p) => format!("{}:{p}", s.host_str().unwrap_or(host)),
            None => s.host_str().unwrap_or(host).to_string(),
        },
        None => host.to_string(),
    };
    let robots_url = format!("{scheme}://{authority}/robots.txt");
    let mut fetch_url = robots_url.clone();
    let (mut attempt, mut hops) = (0, 0);
    let robots = loop {
        attempt += 1;
        let permit = ctx.sched.acquire(host).await;
        let result = ctx.client.get(&fetch_url, &Validators::default()).await;
        let pause = result.as_ref().ok().and_then(retry_after);
        ctx.sched.release(permit, pause);
        let outcome = match &result {
            Ok(r) if (200..300).contains(&r.status) => {
                let _ = archive(ctx, &fetch_url, r);
                break Robots::parse(&String::from_utf8_lossy(&r.body), &ctx.agent_token);
            }
            // RFC 9309: follow at least five redirects, then treat robots.txt as unavailable (4xx).
            Ok(r) if (300..400).contains(&r.status) && r.status != 304 => {
                let _ = archive(ctx, &fetch_url, r);
                let next = r
                    .header("location")
                    .and_then(|l| Url::parse(&fetch_url).ok()?.join(l).ok());
                match next {
                    Some(next) if hops < ctx.config.max_redirects && next.as_str() != fetch_url => {
                        hops += 1;
                        attempt -= 1;
                        fetch_url = next.to_string();
                        continue;
                    }
                    _ => break Robots::allow_all(),
                }
            }
            Ok(r) if (400..500).contains(&r.status) && r.status != 429 => {
                break Robots::allow_all()
            }
            Ok(r) => Outcome::Status {
                status: r.status,
                retry_after: pause,
            },
            Err(f) => Outcome::Failed(f),
        };
        match should_retry(outcome, attempt, &ctx.config.retry) {
            Some(wait) => tokio::time::sleep(wait).await,
            None => {
                ctx.reporter.event(
                    "warn",
                    "robots",
                    &robots_url,
                    None,
                    "robots.txt unavailable: host treated as disallowed",
                );
                break Robots::disallow_all();
            }
        }
    };
    if let Some(d) = robots.crawl_delay {
        ctx.sched.set_crawl_delay(host, d);
    }
    let base = Url::parse(&robots_url).ok();
    let mut sitemaps: Vec<String> = robots.sitemaps.clone();
    if sitemaps.is_empty() && ctx.config.probe_sitemap {
        sitemaps.push(format!("{scheme}://{authority}/sitemap.xml"));
    }
    {
        let st = lock(&ctx.state);
        for s in &sitemaps {
            if let Ok(u) = ctx.discovery.admit(s, base.as_ref()) {
                if let Some(h) = host_key(&u) {
                    let us = u.to_string();
                    let _ = st.add(&NewUrl {
                        url: &us,
                        host: &h,
                        kind: Kind::Sitemap,
                        depth: 0,
                        hops: 0,
                        parent: Some(&robots_url),
                    });
                }
            }
        }
    }
    lock(&ctx.robots).insert(host.to_string(), (Arc::new(robots), Instant::now()));
}

async fn worker(ctx: Arc<Ctx>, host: String, seed: Option<Url>) {
    loop {
        if ctx.stop.load(Ordering::Relaxed) {
            return;
        }
        let stale = lock(&ctx.robots)
            .get(&host)
            .map_or(true, |(_, at)| at.elapsed() > ROBOTS_MAX_AGE);
        if stale {
            ensure_robots(&ctx, &host, seed.as_ref()).await;
        }
        let now = clock::unix_now();
        let job = lock(&ctx.state).next_for_host(&host, now);
        match job {
            Ok(Some(job)) => {
                ctx.in_flight.fetch_add(1, Ordering::SeqCst);
                process(&ctx, job).await;
                ctx.in_flight.fetch_sub(1, Ordering::SeqCst);
            }
            Ok(None) => {
                let (due, pending) = {
                    let st = lock(&ctx.state);
                    (
                        st.next_due(&host).ok().flatten(),
                        st.has_pending().unwrap_or(true),
                    )
                };
                if due.is_none() && !pending && ctx.in_flight.load(Ordering::SeqCst) == 0 {
                    return;
                }
                let wait = due.map(|d| (d - now).clamp(0.01, 0.2)).unwrap_or(0.05);
                tokio::time::sleep(Duration::from_secs_f64(wait)).await;
            }
            Err(e) => {
                ctx.reporter
                    .event("warn", "state", &host, None, &e.to_string());
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

fn retry_after(r: &Response) -> Option<Duration> {
    if r.status != 429 && r.status != 503 {
        return None;
    }
    r.header("retry-after")
        .and_then(|v| parse_retry_after(v, clock::unix_now()))
}

async fn process(ctx: &Ctx, job: Job) {
    let Ok(url) = Url::parse(&job.url) else {
        let _ = lock(&ctx.state).finish(job.id, "failed", None, "unparsable URL");
        return;
    };
    let robots = lock(&ctx.robots).get(&job.host).map(|(r, _)| r.clone());
    if !robots.is_some_and(|r| r.allowed(&discovery::path_and_query(&url))) {
        Counters::bump(&ctx.counters.robots_blocked);
        let _ = lock(&ctx.state).finish(job.id, "skipped", None, "disallowed by robots.txt");
        ctx.reporter
            .event("info", "robots", &job.url, None, "disallowed by robots.txt");
        return;
    }
    if let Some(max) = ctx.config.max_pages {
        if ctx.budget_used.fetch_add(1, Ordering::SeqCst) >= max {
            ctx.stop.store(true, Ordering::Relaxed);
            let _ = lock(&ctx.state).retry_later(job.id, 0.0, "");
            return;
        }
    }
    let validators = if job.seen_before && job.kind.is_hub() {
        Validators {
            etag: job.etag.clone(),
            last_modified: job.last_modified.clone(),
        }
    } else {
        Validators::default()
    };
    let permit = ctx.sched.acquire(&job.host).await;
    let result = ctx.client.get(url.as_str(), &validators).await;
    let pause = result.as_ref().ok().and_then(retry_after);
    ctx.sched.release(permit, pause);
    Counters::bump(&ctx.counters.fetched);
    let attempt = job.attempts + 1;
    let resp = match result {
        Ok(r) => r,
        Err(f) => {
            let outcome = Outcome::Failed(&f);
            let retry = should_retry(outcome, attempt, &ctx.config.retry);
            fail_or_retry(
                ctx,
                &job,
                None,
                &f.to_string(),
                retry,
                is_transient(outcome),
            );
            return;
        }
    };
    ctx.counters
        .bytes
        .fetch_add(resp.raw_body.len() as u64, Ordering::Relaxed);
    let status = resp.status;
    if status == 304 {
        Counters::bump(&ctx.counters.not_modified);
        let fetched_at = clock::now_rfc3339();
        let c = Completion {
            http_status: 304,
            fetched_at: &fetched_at,
            note: Some("not modified"),
            ..Default::default()
        };
        let _ = lock(&ctx.state).complete(job.id, &c);
        ctx.reporter
            .event("info", "not-modified", &job.url, Some(304), "");
        return;
    }
    if status == 429 || (500..600).contains(&status) {
        let outcome = Outcome::Status {
            status,
            retry_after: pause,
        };
        let retry = should_retry(outcome, attempt, &ctx.config.retry);
        if let (Some(wait), None, 429 | 503) = (retry, pause, status) {
            // The server is overloaded but did not say for how long: the whole host waits.
            ctx.sched.pause(&job.host, wait);
        }
        if retry.is_none() {
            let _ = archive(ctx, &job.url, &resp);
        }
        let cause = format!("HTTP {status}");
        fail_or_retry(
            ctx,
            &job,
            Some(status),
            &cause,
            retry,
            is_transient(outcome),
        );
        return;
    }
    let pos = archive(ctx, &job.url, &resp);
    if (300..400).contains(&status) {
        follow_redirect(ctx, &job, &url, &resp, pos);
        return;
    }
    if !(200..300).contains(&status) {
        fail_or_retry(
            ctx,
            &job,
            Some(status),
            &format!("HTTP {status}"),
            None,
            false,
        );
        return;
    }
    ctx.reporter
        .event("info", "fetched", &job.url, Some(status), "");
    let ctx_ref = ctx;
    let input = PageInput {
        discovery: &ctx_ref.discovery,
        profiles: &ctx_ref.config.profiles,
        max_bytes: ctx_ref.config.client.max_bytes,
        kind: job.kind,
    };
    // Parsing is CPU work: let the runtime move other tasks off this thread meanwhile.
    let analysed = tokio::task::block_in_place(|| analyse(&input, &url, &resp));
    commit(ctx, &job, &url, &resp, pos, analysed);
}

/// Records a failed attempt and either queues the URL again or gives up on it for this run;
/// `transient` failures (5xx, 429, timeouts) are tried again by the next run.
fn fail_or_retry(
    ctx: &Ctx,
    job: &Job,
    status: Option<u16>,
    cause: &str,
    retry: Option<Duration>,
    transient: bool,
) {
    let st = lock(&ctx.state);
    let failure = Failure {
        url: job.url.clone(),
        at: clock::now_rfc3339(),
        attempt: job.attempts + 1,
        http_status: status,
        cause: cause.to_string(),
        is_final: retry.is_none(),
    };
    // A missing sitemap at the probed default address is not a failure worth listing.
    let probe_miss = job.kind == Kind::Sitemap && status == Some(404);
    if !probe_miss {
        let _ = st.record_failure(&failure);
    }
    match retry {
        Some(wait) => {
            Counters::bump(&ctx.counters.retried);
            let _ = st.retry_later(job.id, clock::unix_now() + wait.as_secs_f64(), cause);
            drop(st);
            ctx.reporter.event(
                "info",
                "retry",
                &job.url,
                status,
                &format!("{cause}; again in {:.1}s", wait.as_secs_f64()),
            );
        }
        None => {
            let _ = st.finish(
                job.id,
                match (probe_miss, transient) {
                    (true, _) => "skipped",
                    (false, true) => "exhausted",
                    (false, false) => "failed",
                },
                status,
                cause,
            );
            drop(st);
            if !probe_miss {
                Counters::bump(&ctx.counters.failed);
                ctx.reporter
                    .event("warn", "failed", &job.url, status, cause);
            }
        }
    }
}

/// Writes the exchange to the WARC; returns (file relative to the harvest dir, offset).
fn archive(ctx: &Ctx, url: &str, resp: &Response) -> Option<(String, u64)> {
    let date = clock::now_rfc3339();
    let ex = Exchange {
        target_uri: url,
        date: &date,
        request: &resp.request,
        response_head: &resp.head,
        response_body: &resp.raw_body,
        ip: resp.ip.as_deref(),
    };
    match lock(&ctx.warc).write_exchange(&ex) {
        Ok(pos) => Some((format!("warc/{}", pos.file), pos.offset)),
        Err(e) => {
            ctx.reporter
                .event("warn", "warc", url, None, &e.to_string());
            None
        }
    }
}

fn follow_redirect(ctx: &Ctx, job: &Job, url: &Url, resp: &Response, pos: Option<(String, u64)>) {
    let fetched_at = clock::now_rfc3339();
    let location = resp.header("location").unwrap_or("").trim();
    // The target, or why it is not followed.
    let target: Result<Url, String> = if location.is_empty() {
        Err("redirect without a Location header".into())
    } else {
        match ctx.discovery.admit(location, Some(url)) {
            Ok(t) if t.as_str() == job.url => Err(format!("redirect to itself: {location}")),
            Ok(_) if job.hops >= ctx.config.max_redirects => Err(format!(
                "more than {} redirects (last to {location})",
                ctx.config.max_redirects
            )),
            Ok(t) => Ok(t),
            Err(why) => Err(format!("redirect not followed ({why:?}): {location}")),
        }
    };
    let st = lock(&ctx.state);
    let _ = st.begin();
    let ok = target.is_ok();
    let note = match &target {
        Ok(t) => {
            let ts = t.to_string();
            let _ = st.record_redirect(&job.url, &ts, resp.status, true);
            let kind = match ctx.discovery.rules.kind_of(t) {
                Kind::Page => job.kind,
                k => k,
            };
            if let Some(h) = host_key(t) {
                let _ = st.add(&NewUrl {
                    url: &ts,
                    host: &h,
                    kind,
                    depth: job.depth,
                    hops: job.hops + 1,
                    parent: Some(&job.url),
                });
            }
            format!("redirect to {ts}")
        }
        Err(why) => {
            let _ = st.record_redirect(&job.url, location, resp.status, false);
            why.clone()
        }
    };
    let c = Completion {
        http_status: resp.status,
        warc_file: pos.as_ref().map(|p| p.0.as_str()),
        warc_offset: pos.as_ref().map(|p| p.1),
        fetched_at: &fetched_at,
        note: Some(&note),
        ..Default::default()
    };
    let _ = st.complete(job.id, &c);
    if !ok {
        Counters::bump(&ctx.counters.failed);
        let _ = st.record_failure(&Failure {
            url: job.url.clone(),
            at: fetched_at.clone(),
            attempt: job.attempts + 1,
            http_status: Some(resp.status),
            cause: note.clone(),
            is_final: true,
        });
    }
    if let Some(p) = &pos {
        let _ = st.set_meta("warc_file", &p.0);
        let _ = st.set_meta("warc_end", &p.1.to_string());
    }
    let _ = st.commit();
    drop(st);
    ctx.reporter.event(
        if ok { "info" } else { "warn" },
        "redirect",
        &job.url,
        Some(resp.status),
        &note,
    );
}
