//! The harvest: seeds in, records + WARC + `state.sqlite` out, run after run over the same
//! directory. It sits above [`crate::fetch`] (which knows HTTP, politeness and the frontier, not
//! articles) and below the CLI, and is the one place that ties fetching to the pipeline.
//!
//! ```text
//! run: lock, state (begin_run: due revisits queued), records file reconciled, WARC repaired
//!   -> dispatch: one heap of hosts by next allowed time (fetch::scheduler), robots.txt first;
//!      each request is a task: visit (status, retries, 304, redirects, removals)
//!        -> page::analyse (links, article?; the pipeline runs here) -> commit
//!      every task ends in an Event back to the dispatcher (host free again, hosts woken)
//!   -> report: summary line(s), exit status
//! ```
//!
//! The commit order makes a `kill -9` harmless: (1) WARC records are written and flushed, (2) the
//! record line is appended to the records file and flushed, (3) one SQLite transaction marks the
//! URL done, adds its links and stores the new length of the records file. A kill before (3)
//! leaves lines the state does not know; on resume they are read back (after cutting a partial
//! last line) and the state learns them, so nothing is written twice. A storage failure (a full
//! disk) stops the run the same way: nothing more is fetched, and the next run resumes.

mod commit;
mod config;
mod context;
mod dispatch;
pub mod page;
pub mod records;
mod report;
mod visit;

use std::sync::Arc;
use std::time::Duration;

use url::Url;

pub use config::HarvestConfig;
pub use context::Stream;
pub use records::{records_files_in, Compression, RecordOptions};

use crate::error::Error;
use crate::fetch::client::Client;
use crate::fetch::clock;
use crate::fetch::discovery::{host_key, Discovery, Kind, Rules};
use crate::fetch::lock::DirLock;
use crate::fetch::progress::Reporter;
use crate::fetch::state::{NewUrl, RecordHistory, State};
use crate::model::Record;
use crate::warc::write::{repair_tail, WarcWriter};
use context::{lock, Ctx};

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub fetched: u64,
    /// Record lines written: new articles, new versions and tombstones.
    pub emitted: u64,
    pub new_versions: u64,
    pub removed: u64,
    /// Articles fetched again whose content had not changed.
    pub unchanged: u64,
    pub not_modified: u64,
    /// URLs that failed for good in this run (each listed by `crawl --failures`).
    pub failed: u64,
    /// Failures that touch articles or seeds, hosts given up with articles or seeds left
    /// among them: what makes the exit status 1.
    pub failed_articles: u64,
    pub robots_blocked: u64,
    pub duplicates: u64,
    pub revisits_queued: u64,
    pub queued_left: u64,
    /// URLs with a record in the records file, all runs.
    pub emitted_total: u64,
    /// Hosts given up in this run, with the cause.
    pub hosts_given_up: Vec<(String, String)>,
    pub seconds: f64,
}

/// Runs a harvest to completion (or until `--max-pages`); blocking.
pub fn run(config: HarvestConfig) -> Result<Summary, Error> {
    run_streaming(config, None)
}

/// Like [`run`], and every record line written also goes to `stream`.
pub fn run_streaming(config: HarvestConfig, stream: Option<Stream>) -> Result<Summary, Error> {
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

fn io_err(path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

fn db_err(path: &std::path::Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::Invalid {
        input: path.display().to_string(),
        message: e.to_string(),
    }
}

async fn run_async(config: HarvestConfig, stream: Option<Stream>) -> Result<Summary, Error> {
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
    let state_path = out.join("state.sqlite");
    let mut state = State::open(&state_path).map_err(db_err(&state_path))?;
    let compression = records::choose(
        &out,
        state
            .meta("records_file")
            .map_err(db_err(&state_path))?
            .as_deref(),
        config.records.compression,
    )
    .map_err(|message| Error::Invalid {
        input: out.display().to_string(),
        message,
    })?;
    state
        .set_meta("records_file", compression.file_name())
        .map_err(db_err(&state_path))?;
    let revisits = state
        .begin_run(clock::unix_now(), &config.revisit)
        .map_err(db_err(&state_path))?;
    let records_path = out.join(compression.file_name());
    let reconciled = reconcile_records(&state, &records_path, compression)?;
    repair_last_warc(&out, &state);
    let records_file =
        records::RecordsFile::open(&out, compression).map_err(|e| io_err(&records_path, e))?;
    let prefix = format!("tintuc-{}", clock::stamp(clock::unix_now() as i64));
    let warc = WarcWriter::new(
        &out.join("warc"),
        &prefix,
        config.warc_max_bytes,
        &config.client.user_agent,
    )
    .map_err(|e| io_err(&out.join("warc"), e))?;
    let client = Client::new(config.client.clone()).map_err(|m| Error::Invalid {
        input: "HTTP client".into(),
        message: m,
    })?;
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
            &records_path.display().to_string(),
            None,
            &format!("{reconciled} records reconciled"),
        );
    }
    // Seeds: added if new, and always checked again (conditional GET) on every run.
    let mut origins: Vec<(String, Url)> = Vec::new();
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
            .map_err(db_err(&state_path))?;
        state.requeue_seed(&s).map_err(db_err(&state_path))?;
        if !origins.iter().any(|(h, _)| *h == host) {
            origins.push((host, canon));
        }
    }
    let mut hosts = state.queued_hosts().map_err(db_err(&state_path))?;
    for (h, _) in &origins {
        if !hosts.contains(h) {
            hosts.push(h.clone());
        }
    }
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let ctx = Arc::new(Ctx::new(
        config,
        client,
        discovery,
        state,
        warc,
        records_file,
        reporter,
        stream,
        tx,
    ));
    let progress = {
        let ctx = ctx.clone();
        tokio::spawn(async move {
            // From the counters only: counting the state would scan it under its lock.
            while ctx.reporter.is_tty() {
                tokio::time::sleep(Duration::from_millis(500)).await;
                ctx.reporter.progress(&ctx.counters);
            }
        })
    };
    let sched = dispatch::dispatch(ctx.clone(), rx, origins, hosts).await;
    progress.abort();
    // A closed pipe at the end is as quiet as one in the middle.
    if let Some(Stream::Records(mut sink)) = lock(&ctx.stream).take() {
        let _ = sink.finish();
    }
    let summary = report::summarise(&ctx, &sched, revisits);
    if let Some(failure) = ctx.storage_failure() {
        return Err(Error::Invalid {
            input: failure.path,
            message: format!(
                "cannot write: {}. The crawl stopped; everything written before is intact: \
                 make room and run the same command again to resume",
                failure.cause
            ),
        });
    }
    let _ = lock(&ctx.state).checkpoint();
    Ok(summary)
}

/// Cuts a partial last line (or gzip member) of the records file and tells the state about
/// the lines written after its last commit. Returns how many lines were reconciled.
fn reconcile_records(
    state: &State,
    path: &std::path::Path,
    compression: Compression,
) -> Result<usize, Error> {
    let state_path = path.with_file_name("state.sqlite");
    let db = db_err(&state_path);
    let committed: u64 = state
        .meta("jsonl_end")
        .map_err(&db)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (lines, end) =
        records::reconcile(path, compression, committed).map_err(|e| io_err(path, e))?;
    let mut n = 0;
    for line in &lines {
        let Ok(record) = serde_json::from_slice::<Record>(line) else {
            continue;
        };
        let Some(url) = record.article.url.as_deref() else {
            continue;
        };
        let host = Url::parse(url)
            .ok()
            .and_then(|u| host_key(&u))
            .unwrap_or_default();
        let p = &record.provenance;
        let history = RecordHistory {
            version: p.version.unwrap_or(1),
            record_hash: p.removed.is_none().then(|| records::content_key(&record)),
            record_at: p.fetched_at.clone(),
            removed: p.removed.is_some(),
        };
        state
            .reconcile_line(url, &host, &history, p.removed.as_deref())
            .map_err(&db)?;
        n += 1;
    }
    state.set_meta("jsonl_end", &end.to_string()).map_err(&db)?;
    Ok(n)
}

/// A killed run can leave half a gzip member at the end of its last WARC file.
fn repair_last_warc(out: &std::path::Path, state: &State) {
    let Ok(Some(file)) = state.meta("warc_file") else {
        return;
    };
    let end: u64 = state
        .meta("warc_end")
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let path = out.join(&file);
    if path.exists() {
        let _ = repair_tail(&path, end);
    }
}
