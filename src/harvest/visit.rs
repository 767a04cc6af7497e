//! One request of the harvest: fetch a URL taken from the frontier and settle what its answer
//! means. A page fetched before goes out as a conditional GET (its ETag / Last-Modified).
//!
//! | answer                      | what happens                                                     |
//! |-----------------------------|------------------------------------------------------------------|
//! | 2xx                         | archived, analysed (links, article?), committed (`commit`)       |
//! | 304                         | a WARC `revisit` record; the page is unchanged, nothing decoded  |
//! | 3xx                         | archived, the target queued when in scope (`follow_redirect`)    |
//! | 404/410 of a written article| a tombstone record, once (`commit::tombstone`)                   |
//! | 429/5xx, timeout, no answer | retried with backoff, then `exhausted` (tried again next run)    |
//! | other 4xx, too large, ...   | `failed` (tried again on a later run, with backoff)              |
//!
//! Every failure is a row of `crawl --failures`; only those that touch an article or a seed
//! count towards the exit status.

use std::time::Duration;

use url::Url;

use super::commit;
use super::context::{lock, Ctx, HostRelease};
use super::page::{analyse, PageInput};
use crate::fetch::client::{Response, Validators};
use crate::fetch::clock;
use crate::fetch::discovery::{host_key, Kind};
use crate::fetch::progress::Counters;
use crate::fetch::revisit::Visited;
use crate::fetch::scheduler::{
    is_host_failure, is_transient, parse_retry_after, should_retry, Finished, Outcome,
};
use crate::fetch::state::{Completion, Failure, Job, NewUrl};

/// Fetches one URL and settles its answer. The host is released as soon as the response is in
/// (the politeness delay counts from then, not from the end of our analysis). Returns the hosts
/// that got new URLs, the job's own host among them (it may have queued a retry).
pub(super) async fn visit(ctx: &Ctx, job: Job, mut release: HostRelease) -> Vec<String> {
    let mut woke = settle(ctx, &job, &mut release).await;
    release.release(Finished::default());
    if !woke.contains(&job.host) {
        woke.push(job.host.clone());
    }
    woke
}

async fn settle(ctx: &Ctx, job: &Job, release: &mut HostRelease) -> Vec<String> {
    let Ok(url) = Url::parse(&job.url) else {
        release.release(Finished::default());
        let st = lock(&ctx.state);
        let now = clock::unix_now();
        ctx.db(st.finish(job.id, "failed", None, "unparsable URL", now, f64::MAX));
        return Vec::new();
    };
    let validators = if job.seen_before {
        Validators {
            etag: job.etag.clone(),
            last_modified: job.last_modified.clone(),
        }
    } else {
        Validators::default()
    };
    let result = ctx.client.get(url.as_str(), &validators).await;
    Counters::bump(&ctx.counters.fetched);
    let attempt = job.attempts + 1;
    let policy = &ctx.config.retry;
    let resp = match result {
        Ok(r) => r,
        Err(f) => {
            release.release(Finished {
                host_failure: is_host_failure(&f).then(|| f.to_string()),
                ..Finished::default()
            });
            let outcome = Outcome::Failed(&f);
            let retry = should_retry(outcome, attempt, policy);
            return fail_or_retry(ctx, job, None, &f.to_string(), retry, is_transient(outcome));
        }
    };
    let status = resp.status;
    let pause = retry_after(&resp);
    let overloaded = Outcome::Status {
        status,
        retry_after: pause,
    };
    let retry = should_retry(overloaded, attempt, policy);
    release.release(Finished {
        pause: match (retry, pause, status) {
            // Overloaded without saying for how long: the whole host waits the backoff.
            (Some(wait), None, 429 | 503) => Some(wait),
            _ => pause,
        },
        host_failure: None,
    });
    ctx.counters.bytes.fetch_add(
        resp.raw_body.len() as u64,
        std::sync::atomic::Ordering::Relaxed,
    );
    if status == 304 {
        not_modified(ctx, job, &resp);
        return Vec::new();
    }
    if status == 429 || (500..600).contains(&status) {
        if retry.is_none() && ctx.archive(&job.url, &resp).is_none() {
            return Vec::new();
        }
        let cause = format!("HTTP {status}");
        return fail_or_retry(
            ctx,
            job,
            Some(status),
            &cause,
            retry,
            is_transient(overloaded),
        );
    }
    let Some(pos) = ctx.archive(&job.url, &resp) else {
        return Vec::new(); // storage failure: the run stops, the URL stays queued
    };
    if (300..400).contains(&status) {
        return follow_redirect(ctx, job, &url, &resp, &pos);
    }
    if (status == 404 || status == 410) && job.version > 0 {
        if job.removed {
            commit::still_removed(ctx, job, &resp);
        } else {
            commit::tombstone(ctx, job, &url, &resp, &pos);
        }
        return Vec::new();
    }
    if !(200..300).contains(&status) {
        let cause = format!("HTTP {status}");
        return fail_or_retry(ctx, job, Some(status), &cause, None, false);
    }
    ctx.reporter
        .event("info", "fetched", &job.url, Some(status), "");
    let input = PageInput {
        discovery: &ctx.discovery,
        profiles: &ctx.config.profiles,
        max_bytes: ctx.config.client.max_bytes,
        kind: job.kind,
        entities: ctx.config.records.entities,
    };
    // Parsing is CPU work: let the runtime move other tasks off this thread meanwhile.
    let analysed = tokio::task::block_in_place(|| analyse(&input, &url, &resp));
    commit::commit(ctx, job, &url, &resp, &pos, analysed)
}

fn retry_after(r: &Response) -> Option<Duration> {
    if r.status != 429 && r.status != 503 {
        return None;
    }
    r.header("retry-after")
        .and_then(|v| parse_retry_after(v, clock::unix_now()))
        .map(|d| d.min(Duration::from_secs(3600)))
}

/// A `304`: archived as a revisit record; the page keeps its content, validators are refreshed,
/// and it is due again by the same rule as before.
fn not_modified(ctx: &Ctx, job: &Job, resp: &Response) {
    let Some(pos) = ctx.archive_revisit(&job.url, resp, job.fetched_at.as_deref()) else {
        return;
    };
    Counters::bump(&ctx.counters.not_modified);
    let now = clock::unix_now();
    let st = lock(&ctx.state);
    let visited = commit::visited_as(job.kind, job.has_live_record(), job.published_unix);
    let c = Completion {
        http_status: 304,
        etag: resp.header("etag"),
        last_modified: resp.header("last-modified"),
        checked_unix: now,
        revisit_at: ctx.config.revisit.revisit_at(visited, now),
        note: Some("not modified"),
        ..Default::default()
    };
    if ctx.db(st.begin()).is_none() {
        return;
    }
    let done = ctx.db(st.complete(job.id, &c)).is_some()
        && ctx.db(commit::store_warc_end(&st, &pos)).is_some()
        && ctx.db(st.commit()).is_some();
    if !done {
        st.rollback();
        return;
    }
    drop(st);
    ctx.reporter
        .event("info", "not-modified", &job.url, Some(304), "");
}

/// Records a failed attempt and either queues the URL again or gives up on it for this run;
/// `transient` failures (5xx, 429, timeouts) are tried again by the next run, others after a
/// backoff of runs. Returns the hosts woken (aliases of a canonical URL that failed).
fn fail_or_retry(
    ctx: &Ctx,
    job: &Job,
    status: Option<u16>,
    cause: &str,
    retry: Option<Duration>,
    transient: bool,
) -> Vec<String> {
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
    if ctx.db(st.begin()).is_none() {
        return Vec::new();
    }
    if !probe_miss && ctx.db(st.record_failure(&failure)).is_none() {
        st.rollback();
        return Vec::new();
    }
    let now = clock::unix_now();
    let mut woke = Vec::new();
    let settled = match retry {
        Some(wait) => ctx.db(st.retry_later(job.id, now + wait.as_secs_f64(), cause)),
        None => {
            let (final_status, visited) = match (probe_miss, transient) {
                (true, _) => (
                    "skipped",
                    Visited::Failed {
                        failed_runs: job.failed_runs + 1,
                    },
                ),
                (false, true) => (
                    "exhausted",
                    Visited::Transient {
                        failed_runs: job.failed_runs + 1,
                    },
                ),
                (false, false) => (
                    "failed",
                    Visited::Failed {
                        failed_runs: job.failed_runs + 1,
                    },
                ),
            };
            let revisit_at = ctx.config.revisit.revisit_at(visited, now);
            let done = ctx.db(st.finish(job.id, final_status, status, cause, now, revisit_at));
            if let Some(hosts) = ctx.db(st.requeue_aliases_of(&job.url)) {
                woke = hosts;
            }
            done
        }
    };
    if settled.is_none() || ctx.db(st.commit()).is_none() {
        st.rollback();
        return Vec::new();
    }
    drop(st);
    match retry {
        Some(wait) => {
            Counters::bump(&ctx.counters.retried);
            ctx.reporter.event(
                "info",
                "retry",
                &job.url,
                status,
                &format!("{cause}; again in {:.1}s", wait.as_secs_f64()),
            );
        }
        None if probe_miss => {}
        None => {
            Counters::bump(&ctx.counters.failed);
            if touches_articles(job) {
                Counters::bump(&ctx.counters.failed_articles);
            }
            ctx.reporter
                .event("warn", "failed", &job.url, status, cause);
        }
    }
    woke
}

/// A failure that makes the exit status 1: a seed, an article (by its URL, its feed, or a
/// record written before). A dead link in a menu is reported, not fatal.
fn touches_articles(job: &Job) -> bool {
    matches!(job.kind, Kind::Seed | Kind::Article) || job.version > 0
}

fn follow_redirect(
    ctx: &Ctx,
    job: &Job,
    url: &Url,
    resp: &Response,
    pos: &(String, u64),
) -> Vec<String> {
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
    let now = clock::unix_now();
    let st = lock(&ctx.state);
    if ctx.db(st.begin()).is_none() {
        return Vec::new();
    }
    let mut woke = Vec::new();
    let ok = target.is_ok();
    let (note, written) = match &target {
        Ok(t) => {
            let ts = t.to_string();
            let kind = match ctx.discovery.rules.kind_of(t) {
                Kind::Page => job.kind,
                k => k,
            };
            let host = host_key(t);
            let added = host.as_ref().map(|h| {
                st.add(&NewUrl {
                    url: &ts,
                    host: h,
                    kind,
                    depth: job.depth,
                    hops: job.hops + 1,
                    parent: Some(&job.url),
                })
            });
            if let (Some(h), Some(Ok(true))) = (host, &added) {
                woke.push(h);
            }
            let written = ctx
                .db(st.record_redirect(&job.url, &ts, resp.status, true))
                .is_some()
                && added.is_none_or(|a| ctx.db(a).is_some());
            (format!("redirect to {ts}"), written)
        }
        Err(why) => {
            let written = ctx
                .db(st.record_redirect(&job.url, location, resp.status, false))
                .is_some();
            (why.clone(), written)
        }
    };
    let visited = if ok {
        commit::visited_as(job.kind, false, None)
    } else {
        Visited::Failed {
            failed_runs: job.failed_runs + 1,
        }
    };
    let c = Completion {
        http_status: resp.status,
        warc_file: Some(pos.0.as_str()),
        warc_offset: Some(pos.1),
        fetched_at: Some(&fetched_at),
        checked_unix: now,
        revisit_at: ctx.config.revisit.revisit_at(visited, now),
        note: Some(&note),
        ..Default::default()
    };
    let mut written = written && ctx.db(st.complete(job.id, &c)).is_some();
    if !ok {
        written = written
            && ctx
                .db(st.record_failure(&Failure {
                    url: job.url.clone(),
                    at: fetched_at.clone(),
                    attempt: job.attempts + 1,
                    http_status: Some(resp.status),
                    cause: note.clone(),
                    is_final: true,
                }))
                .is_some();
    }
    written = written
        && ctx.db(commit::store_warc_end(&st, pos)).is_some()
        && ctx.db(st.commit()).is_some();
    if !written {
        st.rollback();
        return Vec::new();
    }
    drop(st);
    if !ok {
        Counters::bump(&ctx.counters.failed);
        if touches_articles(job) {
            Counters::bump(&ctx.counters.failed_articles);
        }
    }
    ctx.reporter.event(
        if ok { "info" } else { "warn" },
        "redirect",
        &job.url,
        Some(resp.status),
        &note,
    );
    woke
}
