//! The commit of one fetched page, in the order that makes `kill -9` (or a full disk) harmless:
//! the WARC records are already written and flushed when this runs; the record line is appended
//! to the records file and flushed; then one SQLite transaction marks the URL done, adds the
//! links it yielded, remembers the record history and stores the new length of the records
//! file. Everything runs under the state lock, so lines and commits follow one another in the
//! same order.
//!
//! Which line, if any, a page gives:
//!
//! - never written: a new record (`version` 1), unless it would be a second copy (another page
//!   had exactly this content, or the page names another URL as canonical: then that URL is
//!   queued instead; if the canonical URL gave no record, the page is written under its own);
//! - written before: a new version (`version` n+1, `supersedes` the `fetched_at` of the last
//!   line) when the article's [`content_key`] changed, else nothing;
//! - a 404/410 of a written article: a tombstone (`removed`), once ([`tombstone`]).

use url::Url;

use super::context::{lock, Ctx};
use super::page::Analysis;
use super::records::{content_key, record_line, tombstone_line};
use crate::fetch::client::Response;
use crate::fetch::clock;
use crate::fetch::discovery::{host_key, Kind};
use crate::fetch::progress::Counters;
use crate::fetch::revisit::Visited;
use crate::fetch::state::{Completion, Job, NewUrl, State};
use crate::model::Record;

/// What a URL counts as for its next revisit.
pub(super) fn visited_as(kind: Kind, has_record: bool, published_unix: Option<f64>) -> Visited {
    if has_record {
        Visited::Article { published_unix }
    } else if kind.is_hub() {
        Visited::Hub
    } else {
        Visited::Page
    }
}

/// Remembers the end of the last WARC record (a resume cuts anything after it).
pub(super) fn store_warc_end(st: &State, pos: &(String, u64)) -> rusqlite::Result<()> {
    st.set_meta("warc_file", &pos.0)?;
    st.set_meta("warc_end", &pos.1.to_string())
}

/// The commit of a 2xx page; returns the hosts that got new URLs.
pub(super) fn commit(
    ctx: &Ctx,
    job: &Job,
    url: &Url,
    resp: &Response,
    pos: &(String, u64),
    a: Analysis,
) -> Vec<String> {
    let fetched_at = clock::now_rfc3339();
    let now = clock::unix_now();
    let st = lock(&ctx.state);
    if ctx.storage_failure().is_some() || ctx.db(st.begin()).is_none() {
        return Vec::new();
    }
    let Some(woke) = add_links(ctx, &st, job, &a) else {
        st.rollback();
        return Vec::new();
    };
    let Some(history) = ctx.db(st.history(job.id)) else {
        st.rollback();
        return Vec::new();
    };
    let mut note = a.note.clone();
    let mut alias_of: Option<String> = None;
    // The record line to write, with its version and content key; `None`: not an article, an
    // unchanged one, or a second copy.
    let line: Option<(Record, u32, String)> = match a.record {
        None => None,
        Some(mut record) => {
            let key = content_key(&record);
            if history.version > 0 && !history.removed {
                if history.record_hash.as_deref() == Some(key.as_str()) {
                    Counters::bump(&ctx.counters.unchanged);
                    note = Some("unchanged".into());
                    None
                } else {
                    Counters::bump(&ctx.counters.new_versions);
                    record.provenance.supersedes = history.record_at.clone();
                    Some((record, history.version + 1, key))
                }
            } else if history.version > 0 {
                // Removed, and back.
                Counters::bump(&ctx.counters.new_versions);
                record.provenance.supersedes = history.record_at.clone();
                Some((record, history.version + 1, key))
            } else {
                match first_copy(ctx, &st, url, &a.content_hash, a.canonical.as_deref()) {
                    Ok(why) => {
                        note = why;
                        Some((record, 1, key))
                    }
                    Err((why, canonical)) => {
                        note = Some(why);
                        alias_of = canonical;
                        None
                    }
                }
            }
        }
    };
    let mut written = true;
    let mut published_unix = None;
    let emitted = line.is_some();
    if let Some((mut record, version, key)) = line {
        record.article.url = Some(url.to_string());
        if record.article.site.is_none() {
            record.article.site = url.host_str().map(str::to_string);
        }
        let p = &mut record.provenance;
        p.fetched_at = Some(fetched_at.clone());
        p.status = Some(resp.status);
        p.warc_file = Some(pos.0.clone());
        p.warc_offset = Some(pos.1);
        p.version = Some(version);
        published_unix = record
            .article
            .published
            .as_deref()
            .and_then(clock::unix_of_date)
            .map(|t| t as f64);
        let fields = ctx.config.records.fields.as_deref();
        let Some(end) = record_line(&record, fields)
            .ok()
            .and_then(|line| ctx.write_line(&line, &record))
        else {
            st.rollback();
            return Vec::new(); // a storage failure: the run stops, the URL stays queued
        };
        written = ctx.db(st.set_meta("jsonl_end", &end.to_string())).is_some()
            && ctx
                .db(st.set_history(job.id, version, Some(&key), &fetched_at, None))
                .is_some();
    }
    let has_record = emitted || (history.version > 0 && !history.removed);
    if let Some(kind) = a.learned_kind.filter(|k| *k != job.kind && !has_record) {
        written = written && ctx.db(st.set_kind(job.id, kind)).is_some();
    }
    written = written
        && ctx
            .db(st.set_canonical(job.id, alias_of.as_deref()))
            .is_some();
    let kind = a.learned_kind.unwrap_or(job.kind);
    let c = Completion {
        http_status: resp.status,
        etag: resp.header("etag"),
        last_modified: resp.header("last-modified"),
        content_hash: Some(&a.content_hash),
        warc_file: Some(pos.0.as_str()),
        warc_offset: Some(pos.1),
        fetched_at: Some(&fetched_at),
        checked_unix: now,
        revisit_at: ctx.config.revisit.revisit_at(
            visited_as(kind, has_record, published_unix.or(job.published_unix)),
            now,
        ),
        published_unix,
        emitted,
        note: note.as_deref(),
    };
    written = written && ctx.db(st.complete(job.id, &c)).is_some();
    // This page gave no record: pages that deferred to it as their canonical URL come back.
    let mut woke = woke;
    if !has_record && written {
        match ctx.db(st.requeue_aliases_of(&job.url)) {
            Some(hosts) => woke.extend(hosts),
            None => written = false,
        }
    }
    written =
        written && ctx.db(store_warc_end(&st, pos)).is_some() && ctx.db(st.commit()).is_some();
    if !written {
        st.rollback();
        return Vec::new();
    }
    drop(st);
    if emitted {
        Counters::bump(&ctx.counters.emitted);
    }
    woke
}

/// Queues the links of a page (within `--max-depth`, `--include`, `--exclude`) and its
/// canonical URL; returns the hosts that got new URLs, `None` after a storage failure.
fn add_links(ctx: &Ctx, st: &State, job: &Job, a: &Analysis) -> Option<Vec<String>> {
    let mut woke: Vec<String> = Vec::new();
    let mut add = |u: &NewUrl<'_>| -> Option<()> {
        if ctx.db(st.add(u))? && !woke.iter().any(|h| h == u.host) {
            woke.push(u.host.to_string());
        }
        Some(())
    };
    for link in &a.links {
        let structural = matches!(link.kind, Kind::Sitemap | Kind::Feed);
        let depth = if link.same_depth || structural {
            job.depth
        } else {
            job.depth + 1
        };
        if ctx.config.max_depth.is_some_and(|m| depth > m) {
            continue;
        }
        let config = &ctx.config;
        if !structural
            && (config
                .include
                .as_ref()
                .is_some_and(|r| !r.is_match(&link.url))
                || config
                    .exclude
                    .as_ref()
                    .is_some_and(|r| r.is_match(&link.url)))
        {
            continue;
        }
        let Some(h) = Url::parse(&link.url).ok().and_then(|u| host_key(&u)) else {
            continue;
        };
        add(&NewUrl {
            url: &link.url,
            host: &h,
            kind: link.kind,
            depth,
            hops: 0,
            parent: Some(&job.url),
        })?;
    }
    // The canonical URL is a link of this page too: queue it even when this page gives no
    // record (an alias page with a stub body).
    if let Some(c) = a.canonical.as_deref() {
        if let Some(h) = Url::parse(c).ok().and_then(|u| host_key(&u)) {
            add(&NewUrl {
                url: c,
                host: &h,
                kind: Kind::Article,
                depth: job.depth,
                hops: 0,
                parent: Some(&job.url),
            })?;
        }
    }
    Some(woke)
}

/// Whether a page never written before is written: `Ok(note)` to write it (with a note when
/// its canonical URL is broken), `Err((why, canonical))` when it is a second copy.
#[allow(clippy::type_complexity)]
fn first_copy(
    ctx: &Ctx,
    st: &State,
    url: &Url,
    content_hash: &str,
    canonical: Option<&str>,
) -> Result<Option<String>, (String, Option<String>)> {
    if let Some(d) = st
        .emitted_with_hash(content_hash, url.as_str())
        .ok()
        .flatten()
    {
        Counters::bump(&ctx.counters.duplicates);
        return Err((format!("duplicate of {d}"), None));
    }
    // Honour rel=canonical: the article is written under its canonical URL, which is queued
    // instead of this alias, unless that URL was tried without giving a record (not an article,
    // failed, or pointing back here): then this copy is written, and the broken canonical noted.
    let Some(c) = canonical else {
        return Ok(None);
    };
    match st.outcome_of(c).ok().flatten() {
        Some((status, emitted)) if emitted || status == "queued" || status == "fetching" => {
            Counters::bump(&ctx.counters.duplicates);
            Err((format!("alias of canonical {c}"), Some(c.to_string())))
        }
        Some((status, _)) => {
            ctx.reporter.event(
                "info",
                "canonical-broken",
                url.as_str(),
                None,
                &format!("canonical {c} gave no record ({status}): kept under its own URL"),
            );
            Ok(Some(format!(
                "canonical {c} gave no record ({status}): kept under its own URL"
            )))
        }
        None => Ok(None),
    }
}

/// A 404/410 of an article whose record is current: a tombstone line (`removed`: now), which
/// `supersedes` the last record; the URL is looked at again after a backoff (it may come back).
pub(super) fn tombstone(ctx: &Ctx, job: &Job, url: &Url, resp: &Response, pos: &(String, u64)) {
    let fetched_at = clock::now_rfc3339();
    let now = clock::unix_now();
    let st = lock(&ctx.state);
    if ctx.storage_failure().is_some() || ctx.db(st.begin()).is_none() {
        return;
    }
    let Some(history) = ctx.db(st.history(job.id)) else {
        st.rollback();
        return;
    };
    let mut record = Record::default();
    record.article.url = Some(job.url.clone());
    record.article.site = url.host_str().map(str::to_string);
    let p = &mut record.provenance;
    p.fetched_at = Some(fetched_at.clone());
    p.status = Some(resp.status);
    p.warc_file = Some(pos.0.clone());
    p.warc_offset = Some(pos.1);
    p.version = Some(history.version + 1);
    p.supersedes = history.record_at.clone();
    p.removed = Some(fetched_at.clone());
    let Some(end) = tombstone_line(&record)
        .ok()
        .and_then(|line| ctx.write_line(&line, &record))
    else {
        st.rollback();
        return;
    };
    let revisit_at = ctx.config.revisit.revisit_at(
        Visited::Failed {
            failed_runs: job.failed_runs + 1,
        },
        now,
    );
    let cause = format!("removed (HTTP {}): tombstone written", resp.status);
    let written = ctx.db(st.set_meta("jsonl_end", &end.to_string())).is_some()
        && ctx
            .db(st.set_history(
                job.id,
                history.version + 1,
                None,
                &fetched_at,
                Some(&fetched_at),
            ))
            .is_some()
        && ctx
            .db(st.finish(
                job.id,
                "removed",
                Some(resp.status),
                &cause,
                now,
                revisit_at,
            ))
            .is_some()
        && ctx.db(store_warc_end(&st, pos)).is_some()
        && ctx.db(st.commit()).is_some();
    if !written {
        st.rollback();
        return;
    }
    drop(st);
    Counters::bump(&ctx.counters.removed);
    Counters::bump(&ctx.counters.emitted);
    ctx.reporter
        .event("info", "removed", &job.url, Some(resp.status), &cause);
}

/// A 404/410 of an article already marked removed: nothing new to write; looked at again later.
pub(super) fn still_removed(ctx: &Ctx, job: &Job, resp: &Response) {
    let now = clock::unix_now();
    let revisit_at = ctx.config.revisit.revisit_at(
        Visited::Failed {
            failed_runs: job.failed_runs + 1,
        },
        now,
    );
    let st = lock(&ctx.state);
    let cause = format!("still removed (HTTP {})", resp.status);
    ctx.db(st.finish(
        job.id,
        "removed",
        Some(resp.status),
        &cause,
        now,
        revisit_at,
    ));
}
