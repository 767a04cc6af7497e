//! The dispatcher: one task that owns the [`HostScheduler`] and starts every request.
//!
//! It takes the next host whose turn has come from the scheduler's heap, fetches that host's
//! robots.txt when it has none (or a stale one), else takes the host's next due URL from the
//! state and spawns a task to visit it. A task tells the dispatcher twice: when its response is
//! in ([`Event::Released`]: the host is free again after its delay, while the page is analysed)
//! and when its work is done ([`Event::Done`]: hosts that got new URLs are woken). When nothing
//! is due the dispatcher sleeps until the earliest host is (or an event comes): a host with
//! nothing to do costs no query and no CPU. At most `--concurrency` requests are in flight, and
//! at most [`ANALYSIS_BACKLOG`] more pages wait for analysis (so memory stays flat when the CPU
//! is the bottleneck). The run ends when no host is waiting and no task is left.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedReceiver;
use url::Url;

use super::context::{lock, Ctx, Event, HostRelease};
use super::visit;
use crate::fetch::clock;
use crate::fetch::discovery::{self, host_key, Kind};
use crate::fetch::progress::Counters;
use crate::fetch::revisit::Visited;
use crate::fetch::robots::{Robots, ROBOTS_MAX_BYTES};
use crate::fetch::scheduler::{
    is_host_failure, parse_retry_after, Finished, HostScheduler, RobotsSlot, Verdict,
};
use crate::fetch::state::{Failure, NewUrl};

/// Pages fetched beyond `--concurrency` that may wait for analysis.
pub const ANALYSIS_BACKLOG: usize = 32;

/// What [`start_next`] started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Started {
    Nothing,
    Robots,
    Visit,
}

/// Runs the harvest's requests until there is nothing left to do (or a stop); returns the
/// scheduler for the summary.
pub(super) async fn dispatch(
    ctx: Arc<Ctx>,
    mut events: UnboundedReceiver<Event>,
    seed_origins: Vec<(String, Url)>,
    hosts: Vec<String>,
) -> HostScheduler {
    let config = &ctx.config;
    let mut sched = HostScheduler::new(config.delay, config.per_host, config.breaker);
    let mut origins: HashMap<String, Url> = seed_origins.into_iter().collect();
    let now = Instant::now();
    for host in &hosts {
        sched.wake(host, now);
    }
    let concurrency = config.concurrency.max(1);
    let max_tasks = concurrency + ANALYSIS_BACKLOG;
    // Requests in flight (robots.txt and pages), and page tasks not done yet.
    let (mut in_flight, mut tasks) = (0usize, 0usize);
    let mut dispatched = 0u64;
    loop {
        while let Ok(event) = events.try_recv() {
            count(&event, &mut in_flight, &mut tasks);
            apply(&ctx, &mut sched, event);
        }
        while !ctx.stopping() && in_flight < concurrency && tasks < max_tasks {
            let Some(host) = sched.pop_ready(Instant::now()) else {
                break;
            };
            match start_next(&ctx, &mut sched, &mut origins, &host, &mut dispatched) {
                Started::Nothing => {}
                Started::Robots => in_flight += 1,
                Started::Visit => {
                    in_flight += 1;
                    tasks += 1;
                }
            }
        }
        let waiting = if ctx.stopping() {
            None
        } else {
            sched.next_wake()
        };
        if in_flight == 0 && tasks == 0 && waiting.is_none() {
            break;
        }
        // Sleep until the earliest host is due, or a task reports (which may wake hosts).
        let timer = waiting.filter(|_| in_flight < concurrency && tasks < max_tasks);
        tokio::select! {
            event = events.recv() => {
                if let Some(event) = event {
                    count(&event, &mut in_flight, &mut tasks);
                    apply(&ctx, &mut sched, event);
                }
            }
            _ = sleep_until(timer), if timer.is_some() => {}
        }
    }
    sched
}

/// Keeps the counts of requests in flight and page tasks up to date.
fn count(event: &Event, in_flight: &mut usize, tasks: &mut usize) {
    match event {
        Event::Released { .. } | Event::Robots { .. } => *in_flight -= 1,
        Event::Done { .. } => *tasks -= 1,
    }
}

async fn sleep_until(at: Option<Instant>) {
    if let Some(at) = at {
        tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await;
    }
}

/// Starts the next request of `host`, if it has one due.
fn start_next(
    ctx: &Arc<Ctx>,
    sched: &mut HostScheduler,
    origins: &mut HashMap<String, Url>,
    host: &str,
    dispatched: &mut u64,
) -> Started {
    let now = Instant::now();
    let robots = match sched.robots(host, now) {
        RobotsSlot::Ready { robots, .. } => robots,
        RobotsSlot::Fetching { .. } => return Started::Nothing, // woken when it is in
        RobotsSlot::Missing { failed_attempts } => {
            let Some(origin) = origin_of(ctx, origins, host) else {
                return Started::Nothing;
            };
            sched.set_robots(host, RobotsSlot::Fetching { failed_attempts }, now);
            sched.started(host, now);
            let (ctx, host) = (ctx.clone(), host.to_string());
            tokio::spawn(async move {
                let inner = {
                    let (ctx, host, origin) = (ctx.clone(), host.clone(), origin.clone());
                    tokio::spawn(
                        async move { fetch_robots(&ctx, host, origin, failed_attempts).await },
                    )
                };
                let event = inner.await.unwrap_or_else(|e| {
                    crashed(&ctx, origin.as_str(), &e);
                    Event::Robots {
                        host,
                        result: Err(format!("internal error: {e}")),
                        finished: Finished::default(),
                        woke: Vec::new(),
                    }
                });
                ctx.send(event);
            });
            return Started::Robots;
        }
    };
    loop {
        if ctx.config.max_pages.is_some_and(|max| *dispatched >= max) {
            ctx.stop();
            return Started::Nothing;
        }
        let job = {
            let st = lock(&ctx.state);
            ctx.db(st.next_for_host(host, clock::unix_now()))
        };
        let Some(job) = job.flatten() else {
            // Nothing due now: come back when the earliest retry is, else sleep until woken.
            let due = ctx.db(lock(&ctx.state).next_due(host)).flatten();
            if let Some(due) = due {
                let wait = Duration::from_secs_f64((due - clock::unix_now()).max(0.0));
                sched.wake(host, Instant::now() + wait);
            }
            return Started::Nothing;
        };
        let allowed = Url::parse(&job.url)
            .map(|u| robots.allowed(&discovery::path_and_query(&u)))
            .unwrap_or(false);
        if !allowed {
            Counters::bump(&ctx.counters.robots_blocked);
            let st = lock(&ctx.state);
            let now_unix = clock::unix_now();
            ctx.db(st.finish(
                job.id,
                "skipped",
                None,
                "disallowed by robots.txt",
                now_unix,
                ctx.config.revisit.revisit_at(Visited::NextRun, now_unix),
            ));
            drop(st);
            ctx.reporter
                .event("info", "robots", &job.url, None, "disallowed by robots.txt");
            continue;
        }
        *dispatched += 1;
        sched.started(host, now);
        let ctx = ctx.clone();
        tokio::spawn(async move {
            let url = job.url.clone();
            let release = HostRelease::new(ctx.clone(), job.host.clone());
            let inner = {
                let ctx = ctx.clone();
                tokio::spawn(async move { visit::visit(&ctx, job, release).await })
            };
            // A bug that panics in one page ends that page, not the crawl: the host is freed
            // (the release is dropped) and the URL, still `fetching`, is taken by the next run.
            let woke = inner.await.unwrap_or_else(|e| {
                crashed(&ctx, &url, &e);
                Vec::new()
            });
            ctx.send(Event::Done { woke });
        });
        return Started::Visit;
    }
}

fn crashed(ctx: &Ctx, url: &str, e: &tokio::task::JoinError) {
    Counters::bump(&ctx.counters.failed);
    ctx.reporter.event(
        "error",
        "internal",
        url,
        None,
        &format!("internal error: {e}"),
    );
}

/// Scheme, host and port to fetch a host's robots.txt from: its seed, else a URL of it.
fn origin_of(ctx: &Ctx, origins: &mut HashMap<String, Url>, host: &str) -> Option<Url> {
    if let Some(u) = origins.get(host) {
        return Some(u.clone());
    }
    let any = ctx.db(lock(&ctx.state).any_url_of(host)).flatten()?;
    let url = Url::parse(&any).ok()?;
    origins.insert(host.to_string(), url.clone());
    Some(url)
}

/// An event back from a task.
fn apply(ctx: &Ctx, sched: &mut HostScheduler, event: Event) {
    let now = Instant::now();
    match event {
        Event::Released { host, finished } => host_finished(ctx, sched, &host, &finished, now),
        Event::Done { woke } => {
            for w in woke {
                sched.wake(&w, now);
            }
        }
        Event::Robots {
            host,
            result,
            finished,
            woke,
        } => {
            robots_in(ctx, sched, &host, result, now);
            host_finished(ctx, sched, &host, &finished, now);
            for w in woke {
                sched.wake(&w, now);
            }
        }
    }
}

/// A robots.txt fetch ended: the rules are kept, or the host tries again later, or (attempts
/// spent) is given up for this run.
fn robots_in(
    ctx: &Ctx,
    sched: &mut HostScheduler,
    host: &str,
    result: Result<Robots, String>,
    now: Instant,
) {
    match result {
        Ok(robots) => sched.set_robots(
            host,
            RobotsSlot::Ready {
                robots: Arc::new(robots),
                fetched: now,
            },
            now,
        ),
        Err(cause) => {
            let failed_attempts = match sched.robots(host, now) {
                RobotsSlot::Fetching { failed_attempts } => failed_attempts + 1,
                _ => 1,
            };
            if failed_attempts >= ctx.config.retry.max_attempts.max(1) {
                // RFC 9309: nothing may be fetched until robots.txt can be read; the queue
                // stays as it is for the next run.
                let why = format!(
                    "host given up for this run: robots.txt unavailable after {failed_attempts} attempt(s): {cause}"
                );
                sched.give_up(host, &why, now);
                host_given_up(ctx, host, &why);
            } else {
                ctx.reporter.event(
                    "info",
                    "robots",
                    host,
                    None,
                    &format!("robots.txt unavailable ({cause}): tried again later"),
                );
                sched.set_robots(host, RobotsSlot::Missing { failed_attempts }, now);
            }
        }
    }
}

/// A request to `host` ended: its breaker counts, and it goes back in the heap.
fn host_finished(
    ctx: &Ctx,
    sched: &mut HostScheduler,
    host: &str,
    finished: &Finished,
    now: Instant,
) {
    let already_given_up = sched.given_up(host).is_some();
    match sched.finished(host, now, finished) {
        Verdict::Go => {}
        Verdict::Paused(pause) => ctx.reporter.event(
            "warn",
            "host-paused",
            host,
            None,
            &format!(
                "{} consecutive failures: host paused for {:.0}s",
                ctx.config.breaker.trip_after,
                pause.as_secs_f64()
            ),
        ),
        Verdict::GivenUp(why) if !already_given_up => host_given_up(ctx, host, &why),
        Verdict::GivenUp(_) => {}
    }
}

/// A host is given up for this run: listed as a failure with its cause; its queued URLs stay
/// queued for the next run.
fn host_given_up(ctx: &Ctx, host: &str, why: &str) {
    let st = lock(&ctx.state);
    let key = ctx.db(st.host_has_articles_queued(host)).unwrap_or(false);
    let origin = ctx
        .db(st.any_url_of(host))
        .flatten()
        .and_then(|u| Url::parse(&u).ok())
        .map(|mut u| {
            u.set_path("/");
            u.set_query(None);
            u.to_string()
        })
        .unwrap_or_else(|| host.to_string());
    ctx.db(st.record_failure(&Failure {
        url: origin.clone(),
        at: clock::now_rfc3339(),
        attempt: 0,
        http_status: None,
        cause: why.to_string(),
        is_final: true,
    }));
    drop(st);
    Counters::bump(&ctx.counters.failed);
    if key {
        Counters::bump(&ctx.counters.failed_articles);
    }
    ctx.reporter
        .event("warn", "host-given-up", &origin, None, why);
}

/// Fetches robots.txt (its first [`ROBOTS_MAX_BYTES`]; redirects followed): 2xx = its rules,
/// 4xx = allow all, 429/5xx/no answer = unavailable (retry later, RFC 9309). Sitemaps it names
/// (or `/sitemap.xml`, probed) are queued.
async fn fetch_robots(ctx: &Ctx, host: String, origin: Url, failed_attempts: u32) -> Event {
    let mut robots_url = origin.clone();
    robots_url.set_path("/robots.txt");
    robots_url.set_query(None);
    robots_url.set_fragment(None);
    let mut url = robots_url.clone();
    let mut finished = Finished::default();
    let mut hops = 0;
    let result: Result<Robots, String> = loop {
        let fetched = ctx.client.get_prefix(url.as_str(), ROBOTS_MAX_BYTES).await;
        let r = match fetched {
            Ok(r) => r,
            Err(f) => {
                if is_host_failure(&f) {
                    finished.host_failure = Some(f.to_string());
                }
                break Err(f.to_string());
            }
        };
        match r.status {
            200..=299 => {
                if ctx.archive(url.as_str(), &r).is_none() {
                    break Err("cannot archive robots.txt".into());
                }
                break Ok(Robots::parse_prefix(&r.body, r.truncated, &ctx.agent_token));
            }
            // RFC 9309: follow at least five redirects, then treat robots.txt as unavailable (4xx).
            300..=399 if r.status != 304 => {
                if ctx.archive(url.as_str(), &r).is_none() {
                    break Err("cannot archive robots.txt".into());
                }
                let next = r.header("location").and_then(|l| url.join(l).ok());
                match next {
                    Some(next) if hops < ctx.config.max_redirects && next != url => {
                        hops += 1;
                        url = next;
                        tokio::time::sleep(ctx.config.delay).await;
                    }
                    _ => break Ok(Robots::allow_all()),
                }
            }
            400..=499 if r.status != 429 => break Ok(Robots::allow_all()),
            status => {
                let retry_after = r
                    .header("retry-after")
                    .and_then(|v| parse_retry_after(v, clock::unix_now()));
                finished.pause = Some(
                    retry_after
                        .unwrap_or_else(|| ctx.config.retry.backoff(failed_attempts + 1))
                        .min(ctx.config.retry.cap),
                );
                break Err(format!("HTTP {status}"));
            }
        }
    };
    let result = match result {
        Ok(robots) => {
            let woke = queue_sitemaps(ctx, &robots, &robots_url);
            return Event::Robots {
                host,
                result: Ok(robots),
                finished,
                woke,
            };
        }
        Err(cause) => {
            if finished.pause.is_none() {
                finished.pause = Some(ctx.config.retry.backoff(failed_attempts + 1));
            }
            Err(cause)
        }
    };
    Event::Robots {
        host,
        result,
        finished,
        woke: Vec::new(),
    }
}

/// Queues the sitemaps robots.txt names, or `/sitemap.xml` when it names none (and probing is
/// on). Returns the hosts that got new URLs.
fn queue_sitemaps(ctx: &Ctx, robots: &Robots, robots_url: &Url) -> Vec<String> {
    let mut sitemaps: Vec<String> = robots.sitemaps.clone();
    if sitemaps.is_empty() && ctx.config.probe_sitemap {
        let mut probe = robots_url.clone();
        probe.set_path("/sitemap.xml");
        sitemaps.push(probe.to_string());
    }
    let mut woke = Vec::new();
    let st = lock(&ctx.state);
    for s in &sitemaps {
        let Ok(u) = ctx.discovery.admit(s, Some(robots_url)) else {
            continue;
        };
        let Some(h) = host_key(&u) else { continue };
        let us = u.to_string();
        let added = ctx.db(st.add(&NewUrl {
            url: &us,
            host: &h,
            kind: Kind::Sitemap,
            depth: 0,
            hops: 0,
            parent: Some(robots_url.as_str()),
        }));
        if added == Some(true) && !woke.contains(&h) {
            woke.push(h);
        }
    }
    woke
}
