//! The commit of one fetched page, in the order that makes `kill -9` harmless: the WARC
//! records are already written and flushed when this runs; the article line is appended to
//! `articles.jsonl` and flushed; then one SQLite transaction marks the URL done (and emitted),
//! adds the links it yielded and stores the new length of `articles.jsonl`. Everything runs
//! under the state lock, so lines and commits follow one another in the same order.
//!
//! Here too the record is refused when it would be a second copy: the URL was emitted already,
//! another emitted page had exactly this content, or the page names another URL as canonical.

use std::io::Write;

use url::Url;

use super::client::Response;
use super::clock;
use super::crawl::{lock, Ctx};
use super::discovery::{host_key, Kind};
use super::page::Analysis;
use super::progress::Counters;
use super::state::{Completion, Job, NewUrl};
use crate::model::Record;

/// The commit: article line first (flushed), then one transaction with everything else.
pub(super) fn commit(
    ctx: &Ctx,
    job: &Job,
    url: &Url,
    resp: &Response,
    pos: Option<(String, u64)>,
    a: Analysis,
) {
    let fetched_at = clock::now_rfc3339();
    let st = lock(&ctx.state);
    if st.begin().is_err() {
        return;
    }
    let mut note = a.note.clone();
    // Links first: a canonical alias below may need its target queued.
    let link_depth = job.depth + 1;
    for link in &a.links {
        let depth = if link.same_depth || matches!(link.kind, Kind::Sitemap | Kind::Feed) {
            job.depth
        } else {
            link_depth
        };
        if ctx.config.max_depth.is_some_and(|m| depth > m) {
            continue;
        }
        if !matches!(link.kind, Kind::Sitemap | Kind::Feed) {
            if ctx
                .config
                .include
                .as_ref()
                .is_some_and(|r| !r.is_match(&link.url))
            {
                continue;
            }
            if ctx
                .config
                .exclude
                .as_ref()
                .is_some_and(|r| r.is_match(&link.url))
            {
                continue;
            }
        }
        let Ok(u) = Url::parse(&link.url) else {
            continue;
        };
        let Some(h) = host_key(&u) else { continue };
        let _ = st.add(&NewUrl {
            url: &link.url,
            host: &h,
            kind: link.kind,
            depth,
            hops: 0,
            parent: Some(&job.url),
        });
    }
    // The canonical URL is a link of this page too: queue it even when this page gave no record
    // (an alias page with a stub body).
    if let Some(c) = a.canonical.as_deref() {
        if st.outcome_of(c).ok().flatten().is_none() {
            if let Some(h) = Url::parse(c).ok().and_then(|u| host_key(&u)) {
                let _ = st.add(&NewUrl {
                    url: c,
                    host: &h,
                    kind: Kind::Article,
                    depth: job.depth,
                    hops: 0,
                    parent: Some(&job.url),
                });
            }
        }
    }
    let mut emitted = false;
    if let Some(mut record) = a.record {
        let already = st.is_emitted(url.as_str()).unwrap_or(false);
        let dup = st
            .emitted_with_hash(&a.content_hash, url.as_str())
            .ok()
            .flatten();
        // Honour rel=canonical: the article is written under its canonical URL, which is
        // queued instead of this alias, unless that URL was already tried without giving a
        // record (not an article, failed, or pointing back here): then this copy is written.
        let canonical_elsewhere = match a.canonical.as_deref() {
            Some(c) => match st.outcome_of(c).ok().flatten() {
                Some((status, emitted)) => {
                    (emitted || status == "queued" || status == "fetching").then_some(c)
                }
                // Queued above.
                None => Some(c),
            },
            None => None,
        };
        if already {
            note = Some("already emitted".into());
        } else if let Some(d) = dup {
            Counters::bump(&ctx.counters.duplicates);
            note = Some(format!("duplicate of {d}"));
        } else if let Some(c) = canonical_elsewhere {
            Counters::bump(&ctx.counters.duplicates);
            note = Some(format!("alias of canonical {c}"));
        } else {
            record.article.url = Some(url.to_string());
            if record.article.site.is_none() {
                record.article.site = url.host_str().map(str::to_string);
            }
            record.provenance.fetched_at = Some(fetched_at.clone());
            record.provenance.status = Some(resp.status);
            record.provenance.warc_file = pos.as_ref().map(|p| p.0.clone());
            record.provenance.warc_offset = pos.as_ref().map(|p| p.1);
            match write_line(ctx, &record) {
                Ok(end) => {
                    emitted = true;
                    let _ = st.set_meta("jsonl_end", &end.to_string());
                    stream_record(ctx, &record);
                }
                Err(e) => {
                    ctx.reporter
                        .event("warn", "jsonl", url.as_str(), None, &e.to_string());
                    st.rollback();
                    let _ = st.retry_later(
                        job.id,
                        clock::unix_now() + 5.0,
                        "cannot write articles.jsonl",
                    );
                    return;
                }
            }
        }
    }
    let c = Completion {
        http_status: resp.status,
        etag: resp.header("etag"),
        last_modified: resp.header("last-modified"),
        content_hash: Some(&a.content_hash),
        warc_file: pos.as_ref().map(|p| p.0.as_str()),
        warc_offset: pos.as_ref().map(|p| p.1),
        fetched_at: &fetched_at,
        emitted,
        note: note.as_deref(),
    };
    let _ = st.complete(job.id, &c);
    if let Some(p) = &pos {
        let _ = st.set_meta("warc_file", &p.0);
        let _ = st.set_meta("warc_end", &p.1.to_string());
    }
    if let Err(e) = st.commit() {
        ctx.reporter
            .event("warn", "state", url.as_str(), None, &e.to_string());
        st.rollback();
    }
    drop(st);
    if emitted {
        Counters::bump(&ctx.counters.emitted);
    }
}

/// Sends a committed record to the stream, if any. When the reader has gone (`| head`), streaming
/// stops and so does the crawl: what was harvested is in `articles.jsonl` and the state already.
fn stream_record(ctx: &Ctx, record: &Record) {
    let mut stream = lock(&ctx.stream);
    if let Some(sink) = stream.as_mut() {
        if sink.write_record(record).is_err() {
            *stream = None;
            ctx.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Appends one record line and flushes; returns the new file length.
fn write_line(ctx: &Ctx, record: &Record) -> std::io::Result<u64> {
    let mut line = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let mut f = lock(&ctx.jsonl);
    f.write_all(&line)?;
    f.flush()?;
    f.metadata().map(|m| m.len())
}
