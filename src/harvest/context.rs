//! What every task of a harvest shares, and the two ways it ends early: a stop (`--max-pages`,
//! a closed pipe) and a storage failure (a full disk, a file over its size limit, an unwritable
//! state), after which nothing more is fetched and the run ends with everything written so far
//! intact.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc::UnboundedSender;

use super::config::HarvestConfig;
use super::records::RecordsFile;
use crate::fetch::client::{Client, Response};
use crate::fetch::clock;
use crate::fetch::discovery::Discovery;
use crate::fetch::progress::{Counters, Reporter};
use crate::fetch::robots::Robots;
use crate::fetch::scheduler::Finished;
use crate::fetch::state::State;
use crate::model::Record;
use crate::output::RecordSink;
use crate::warc::write::{Exchange, Revisit, WarcWriter};

/// Where records are also streamed (`crawl --format`): the lines of the records file as they
/// are, or records to a sink (CSV). A closed pipe ends the crawl quietly.
pub enum Stream {
    Lines(Box<dyn Write + Send>),
    Records(Box<dyn RecordSink + Send>),
}

/// What a task tells the dispatcher.
pub(super) enum Event {
    /// The request to `host` is over (its response is in, or it failed): the host may be asked
    /// again after its delay, while the page is still being analysed.
    Released { host: String, finished: Finished },
    /// The work on a page is over (analysed, committed); `woke` are hosts that got new URLs.
    Done { woke: Vec<String> },
    /// The robots.txt of `host` is in (or could not be had: the cause); request and work at once.
    Robots {
        host: String,
        result: Result<Robots, String>,
        finished: Finished,
        woke: Vec<String>,
    },
}

/// Gives a host back to the dispatcher exactly once: when [`HostRelease::release`] is called
/// (the response is in), or when dropped before that (a storage failure, a panic).
pub(super) struct HostRelease {
    ctx: Arc<Ctx>,
    host: Option<String>,
}

impl HostRelease {
    pub fn new(ctx: Arc<Ctx>, host: String) -> HostRelease {
        HostRelease {
            ctx,
            host: Some(host),
        }
    }

    pub fn release(&mut self, finished: Finished) {
        if let Some(host) = self.host.take() {
            self.ctx.send(Event::Released { host, finished });
        }
    }
}

impl Drop for HostRelease {
    fn drop(&mut self) {
        self.release(Finished::default());
    }
}

/// The first storage failure of a run: the file and the cause.
#[derive(Debug, Clone)]
pub(super) struct StorageFailure {
    pub path: String,
    pub cause: String,
}

pub(super) struct Ctx {
    pub config: HarvestConfig,
    pub client: Client,
    pub discovery: Discovery,
    pub state: Mutex<State>,
    pub warc: Mutex<WarcWriter>,
    pub records: Mutex<RecordsFile>,
    pub counters: Counters,
    pub reporter: Reporter,
    pub agent_token: String,
    pub stream: Mutex<Option<Stream>>,
    pub events: UnboundedSender<Event>,
    stop: AtomicBool,
    storage: Mutex<Option<StorageFailure>>,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Ctx {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        config: HarvestConfig,
        client: Client,
        discovery: Discovery,
        state: State,
        warc: WarcWriter,
        records: RecordsFile,
        reporter: Reporter,
        stream: Option<Stream>,
        events: UnboundedSender<Event>,
    ) -> Ctx {
        let agent_token = crate::fetch::robots::product_token(&config.client.user_agent);
        Ctx {
            config,
            client,
            discovery,
            state: Mutex::new(state),
            warc: Mutex::new(warc),
            records: Mutex::new(records),
            counters: Counters::default(),
            reporter,
            agent_token,
            stream: Mutex::new(stream),
            events,
            stop: AtomicBool::new(false),
            storage: Mutex::new(None),
        }
    }

    /// No new requests from now on; those in flight finish.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Writing the harvest failed: the run stops here (first failure kept, reported once).
    pub fn storage_failed(&self, path: &str, cause: impl std::fmt::Display) {
        let mut slot = lock(&self.storage);
        if slot.is_none() {
            let cause = cause.to_string();
            self.reporter.event("error", "storage", path, None, &cause);
            *slot = Some(StorageFailure {
                path: path.to_string(),
                cause,
            });
        }
        self.stop();
    }

    pub fn storage_failure(&self) -> Option<StorageFailure> {
        lock(&self.storage).clone()
    }

    /// A state result: the value, or `None` after recording a storage failure.
    pub fn db<T>(&self, result: rusqlite::Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                let path = self.config.out.join("state.sqlite");
                self.storage_failed(&path.display().to_string(), e);
                None
            }
        }
    }

    /// Writes the exchange to the WARC; returns (file relative to the harvest dir, offset), or
    /// `None` after a storage failure.
    pub fn archive(&self, url: &str, resp: &Response) -> Option<(String, u64)> {
        let date = clock::now_rfc3339();
        let ex = exchange(url, &date, resp);
        let written = lock(&self.warc).write_exchange(&ex);
        self.archived(written)
    }

    /// Writes a `revisit` record for a `304` (the payload is the one archived at `refers_to`).
    pub fn archive_revisit(
        &self,
        url: &str,
        resp: &Response,
        refers_to: Option<&str>,
    ) -> Option<(String, u64)> {
        let date = clock::now_rfc3339();
        let ex = exchange(url, &date, resp);
        let written = lock(&self.warc).write_revisit(
            &ex,
            &Revisit {
                profile: crate::warc::write::REVISIT_SERVER_NOT_MODIFIED,
                refers_to_target_uri: url,
                refers_to_date: refers_to,
            },
        );
        self.archived(written)
    }

    fn archived(
        &self,
        written: std::io::Result<crate::warc::write::RecordPosition>,
    ) -> Option<(String, u64)> {
        match written {
            Ok(pos) => Some((format!("warc/{}", pos.file), pos.offset)),
            Err(e) => {
                let dir = self.config.out.join("warc");
                let file = lock(&self.warc)
                    .current_file()
                    .map(|f| dir.join(f))
                    .unwrap_or(dir);
                self.storage_failed(&file.display().to_string(), e);
                None
            }
        }
    }

    /// Appends a record line to the records file (and the stream); returns the new length of
    /// the file, or `None` after a storage failure. `record` is what a record sink gets.
    pub fn write_line(&self, line: &[u8], record: &Record) -> Option<u64> {
        let written = {
            let mut records = lock(&self.records);
            records
                .append(line)
                .map_err(|e| (records.path().display().to_string(), e))
        };
        match written {
            Ok(end) => {
                self.stream_line(line, record);
                Some(end)
            }
            Err((path, e)) => {
                self.storage_failed(&path, e);
                None
            }
        }
    }

    /// When the reader of the stream has gone (`| head`), streaming stops and so does the
    /// crawl: what was harvested is in the records file and the state already.
    fn stream_line(&self, line: &[u8], record: &Record) {
        let mut stream = lock(&self.stream);
        let ok = match stream.as_mut() {
            None => return,
            Some(Stream::Lines(out)) => out
                .write_all(line)
                .and_then(|_| out.write_all(b"\n"))
                .and_then(|_| out.flush())
                .is_ok(),
            Some(Stream::Records(sink)) => sink.write_record(record).is_ok(),
        };
        if !ok {
            *stream = None;
            self.stop();
        }
    }

    /// Tells the dispatcher; a dispatcher that is gone has nothing left to hear.
    pub fn send(&self, event: Event) {
        let _ = self.events.send(event);
    }
}

fn exchange<'a>(url: &'a str, date: &'a str, resp: &'a Response) -> Exchange<'a> {
    Exchange {
        target_uri: url,
        date,
        request: &resp.request,
        response_head: &resp.head,
        response_body: &resp.raw_body,
        ip: resp.ip.as_deref(),
    }
}
