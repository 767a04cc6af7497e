//! The crawl state: one SQLite file (WAL) that holds the frontier and everything learnt about
//! every URL, so a crawl can be killed at any moment and resumed, and memory stays bounded (the
//! frontier is a table, not a set in RAM).
//!
//! A URL row moves `queued -> fetching -> done | failed | exhausted | skipped | removed` (the
//! last: an article written before now answers 404/410, its tombstone is written); a retry puts
//! it back to `queued` with a `not_before` time. Every final state carries a `revisit_at` time
//! (see [`super::revisit`]): a new run queues again the URLs whose time has come, so articles are
//! re-checked, failures heal and hubs fetched within their window are not fetched again on a
//! restart. `exhausted` (a transient failure that ran out of attempts) is due on the next run,
//! then after a backoff when it keeps failing.
//! Each page's outcome and the links it yielded are committed in one transaction.
//! `meta.jsonl_end` is the length of the records file as of the last commit: on resume only the
//! lines after it can be unknown to the state, and they are reconciled.
//!
//! Per URL the state also keeps the record history: `version` (records written: versions and
//! tombstones), `record_hash` (content key of the last version), `record_at` (`fetched_at` of the
//! last record line, what the next one `supersedes`) and `removed_at` (set while the last record
//! is a tombstone). Older state files get the new columns on open.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use super::discovery::Kind;
use super::revisit::{RevisitPolicy, Visited};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS urls (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- 0 for new article pages: taken first, so records flow from the start and the frontier
    -- stays small; 1 for hubs and other pages; 2 for revisits of pages that gave a record.
    priority INTEGER NOT NULL DEFAULT 1,
    depth INTEGER NOT NULL,
    hops INTEGER NOT NULL DEFAULT 0,
    parent TEXT,
    status TEXT NOT NULL DEFAULT 'queued',
    not_before REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    http_status INTEGER,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    fetched_at TEXT,
    emitted INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    run INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS urls_frontier ON urls (status, host, priority, depth, id);
CREATE INDEX IF NOT EXISTS urls_hash ON urls (content_hash);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    at TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    http_status INTEGER,
    cause TEXT NOT NULL,
    final INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS redirects (
    from_url TEXT NOT NULL,
    to_url TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    in_scope INTEGER NOT NULL,
    run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// Columns added after the first release, with their SQL type; added to older files on open.
const ADDED_COLUMNS: &[(&str, &str)] = &[
    ("checked_unix", "REAL"),
    ("revisit_at", "REAL"),
    ("version", "INTEGER NOT NULL DEFAULT 0"),
    ("record_hash", "TEXT"),
    ("record_at", "TEXT"),
    ("removed_at", "TEXT"),
    ("failed_runs", "INTEGER NOT NULL DEFAULT 0"),
    ("canonical", "TEXT"),
    ("published_unix", "REAL"),
];

const INDEXES_OF_ADDED_COLUMNS: &str = "
CREATE INDEX IF NOT EXISTS urls_canonical ON urls (canonical) WHERE canonical IS NOT NULL;
";

/// The kinds looked at again as hubs (their links change).
const HUB_KINDS: &str = "('seed', 'listing', 'feed', 'sitemap')";

pub type Result<T> = rusqlite::Result<T>;

/// A URL taken from the frontier.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub url: String,
    pub host: String,
    pub kind: Kind,
    pub depth: u32,
    pub hops: u32,
    pub attempts: u32,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Fetched before (this or an earlier run): a conditional GET is in order.
    pub seen_before: bool,
    /// `fetched_at` of the last full response (what a `304` refers to).
    pub fetched_at: Option<String>,
    /// Records written for this URL so far (versions and tombstones).
    pub version: u32,
    /// The last record line is a tombstone.
    pub removed: bool,
    /// Runs in a row this URL failed in (or stayed removed).
    pub failed_runs: u32,
    /// Publication date of its article, Unix seconds, when known.
    pub published_unix: Option<f64>,
}

impl Job {
    /// A record of this URL is current in the records file (written and not removed since).
    pub fn has_live_record(&self) -> bool {
        self.version > 0 && !self.removed
    }
}

/// A finished fetch.
#[derive(Debug, Clone, Default)]
pub struct Completion<'a> {
    pub http_status: u16,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub content_hash: Option<&'a str>,
    pub warc_file: Option<&'a str>,
    pub warc_offset: Option<u64>,
    /// Time of a full response; `None` (a `304`) keeps the previous one.
    pub fetched_at: Option<&'a str>,
    pub checked_unix: f64,
    pub revisit_at: f64,
    /// Publication date of the article it gave, Unix seconds (`None` keeps the previous one).
    pub published_unix: Option<f64>,
    pub emitted: bool,
    /// Set when the page turned out to be a duplicate, a redirect or not HTML.
    pub note: Option<&'a str>,
}

/// A URL to add to the frontier.
#[derive(Debug, Clone)]
pub struct NewUrl<'a> {
    pub url: &'a str,
    pub host: &'a str,
    pub kind: Kind,
    pub depth: u32,
    pub hops: u32,
    pub parent: Option<&'a str>,
}

/// A recorded failure.
#[derive(Debug, Clone)]
pub struct Failure {
    pub url: String,
    pub at: String,
    pub attempt: u32,
    pub http_status: Option<u16>,
    pub cause: String,
    pub is_final: bool,
}

/// The record history of one URL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordHistory {
    pub version: u32,
    pub record_hash: Option<String>,
    pub record_at: Option<String>,
    pub removed: bool,
}

/// Counts by status.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub queued: u64,
    pub done: u64,
    pub failed: u64,
    pub skipped: u64,
    pub emitted: u64,
}

pub struct State {
    conn: Connection,
    run: i64,
}

impl State {
    /// Opens (or creates) a state file for crawling; older files get the new columns.
    pub fn open(path: &Path) -> Result<State> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL is durable against a killed process (WAL frames are in the OS cache); only a
        // power loss can drop the last transactions, which a rerun then simply redoes.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -16_000)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        let run = read_run(&conn)?;
        Ok(State { conn, run })
    }

    /// Opens a state file to read it only (`crawl --failures`), also on read-only media: nothing
    /// is written, not even the WAL index when the directory cannot take it.
    pub fn open_read_only(path: &Path) -> Result<State> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let uri = file_uri(path);
        let readable = |conn: Connection| -> Result<Connection> {
            conn.query_row("SELECT COUNT(*) FROM meta", [], |r| r.get::<_, i64>(0))?;
            Ok(conn)
        };
        // A WAL file needs its index (-shm) beside it; on read-only media without one, the
        // file is read as it is (immutable), which is what a finished crawl left.
        let conn =
            match Connection::open_with_flags(format!("{uri}?mode=ro"), flags).and_then(readable) {
                Ok(conn) => conn,
                Err(_) => readable(Connection::open_with_flags(
                    format!("{uri}?mode=ro&immutable=1"),
                    flags,
                )?)?,
            };
        let run = read_run(&conn)?;
        Ok(State { conn, run })
    }

    /// Starts a run at `now` (Unix seconds): URLs caught mid-fetch and transient failures are
    /// queued again, and every URL whose revisit time has come (under `policy`) is queued for a
    /// conditional re-check. Returns how many were queued for a revisit.
    pub fn begin_run(&mut self, now: f64, policy: &RevisitPolicy) -> Result<u64> {
        self.run += 1;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('run', ?1)",
            params![self.run.to_string()],
        )?;
        tx.execute(
            "UPDATE urls SET status = 'queued' WHERE status = 'fetching'",
            [],
        )?;
        let requeue = format!(
            "UPDATE urls SET status = 'queued', attempts = 0, not_before = 0, hops = 0,
               priority = CASE WHEN kind IN {HUB_KINDS} THEN 1 WHEN version > 0 THEN 2
                               WHEN kind = 'article' THEN 0 ELSE 1 END"
        );
        let revisits = match policy.after {
            Some(after) => tx.execute(
                &format!(
                    "{requeue} WHERE status IN ('done', 'failed', 'exhausted', 'skipped', 'removed')
                       AND COALESCE(checked_unix, 0) <= ?1"
                ),
                params![now - after.as_secs_f64()],
            )?,
            None => tx.execute(
                &format!(
                    "{requeue} WHERE status IN ('done', 'failed', 'exhausted', 'skipped', 'removed')
                       AND revisit_at IS NOT NULL AND revisit_at <= ?1"
                ),
                params![now],
            )?,
        } as u64;
        tx.commit()?;
        Ok(revisits)
    }

    pub fn run(&self) -> i64 {
        self.run
    }

    pub fn begin(&self) -> Result<()> {
        if !self.conn.is_autocommit() {
            // A transaction left open (a task that died half-way): it never committed.
            self.rollback();
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")
    }

    pub fn commit(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT")
    }

    pub fn rollback(&self) {
        let _ = self.conn.execute_batch("ROLLBACK");
    }

    /// Adds a URL unless it is known; true when it is new.
    pub fn add(&self, u: &NewUrl<'_>) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO urls (url, host, kind, priority, depth, hops, parent, run)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let priority = if u.kind == Kind::Article { 0 } else { 1 };
        Ok(stmt.execute(params![
            u.url,
            u.host,
            u.kind.as_str(),
            priority,
            u.depth,
            u.hops,
            u.parent,
            self.run
        ])? > 0)
    }

    /// A seed given on the command line is a seed (depth 0) and is always checked again at the
    /// start of a run, whatever its revisit time: its listing may have changed.
    pub fn requeue_seed(&self, url: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE urls SET kind = 'seed', depth = 0, priority = 1,
               attempts = CASE WHEN status = 'queued' THEN attempts ELSE 0 END,
               not_before = CASE WHEN status = 'queued' THEN not_before ELSE 0 END,
               status = CASE WHEN status = 'fetching' THEN status ELSE 'queued' END
             WHERE url = ?1",
            params![url],
        )?;
        Ok(())
    }

    /// Takes the next due URL of a host (new articles first, then hubs and pages, shallowest
    /// first, then revisits) and marks it `fetching`.
    pub fn next_for_host(&self, host: &str, now: f64) -> Result<Option<Job>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, kind, depth, hops, attempts, etag, last_modified, checked_unix,
                    fetched_at, version, removed_at, failed_runs, published_unix
             FROM urls WHERE status = 'queued' AND host = ?1 AND not_before <= ?2
             ORDER BY priority, depth, id LIMIT 1",
        )?;
        let job = stmt
            .query_row(params![host, now], |r| {
                let fetched_at: Option<String> = r.get(9)?;
                Ok(Job {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    host: host.to_string(),
                    kind: Kind::parse(&r.get::<_, String>(2)?),
                    depth: r.get(3)?,
                    hops: r.get(4)?,
                    attempts: r.get(5)?,
                    etag: r.get(6)?,
                    last_modified: r.get(7)?,
                    seen_before: r.get::<_, Option<f64>>(8)?.is_some() || fetched_at.is_some(),
                    fetched_at,
                    version: r.get(10)?,
                    removed: r.get::<_, Option<String>>(11)?.is_some(),
                    failed_runs: r.get(12)?,
                    published_unix: r.get(13)?,
                })
            })
            .optional()?;
        if let Some(j) = &job {
            self.conn
                .prepare_cached(
                    "UPDATE urls SET status = 'fetching', attempts = attempts + 1 WHERE id = ?1",
                )?
                .execute(params![j.id])?;
        }
        Ok(job)
    }

    /// The earliest `not_before` of a host's queued URLs, if it has any.
    pub fn next_due(&self, host: &str) -> Result<Option<f64>> {
        self.conn
            .prepare_cached(
                "SELECT MIN(not_before) FROM urls WHERE status = 'queued' AND host = ?1",
            )?
            .query_row(params![host], |r| r.get(0))
    }

    /// A fetch that got an answer to keep: `done`, with validators, hashes, archive position.
    pub fn complete(&self, id: i64, c: &Completion<'_>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET status = 'done', http_status = ?2,
                   etag = COALESCE(?3, etag), last_modified = COALESCE(?4, last_modified),
                   content_hash = COALESCE(?5, content_hash), warc_file = COALESCE(?6, warc_file),
                   warc_offset = COALESCE(?7, warc_offset), fetched_at = COALESCE(?8, fetched_at),
                   emitted = MAX(emitted, ?9), error = ?10, run = ?11, checked_unix = ?12,
                   revisit_at = ?13, published_unix = COALESCE(?14, published_unix),
                   failed_runs = 0
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                c.http_status,
                c.etag,
                c.last_modified,
                c.content_hash,
                c.warc_file,
                c.warc_offset.map(|o| o as i64),
                c.fetched_at,
                c.emitted as i64,
                c.note,
                self.run,
                c.checked_unix,
                c.revisit_at,
                c.published_unix
            ])?;
        Ok(())
    }

    /// Puts a URL back in the queue, due at `not_before`.
    pub fn retry_later(&self, id: i64, not_before: f64, cause: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET status = 'queued', not_before = ?2, error = ?3 WHERE id = ?1",
            )?
            .execute(params![id, not_before, cause])?;
        Ok(())
    }

    /// A final outcome other than `done`: `failed` or `exhausted` (with the cause), `removed`,
    /// or `skipped` (robots, limits), at `checked_unix`; due again at `revisit_at`. Each of
    /// the first three counts one more failed run for the URL (`Job::failed_runs + 1` is what
    /// the caller based `revisit_at` on).
    pub fn finish(
        &self,
        id: i64,
        status: &str,
        http_status: Option<u16>,
        cause: &str,
        checked_unix: f64,
        revisit_at: f64,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET status = ?2, http_status = COALESCE(?3, http_status), error = ?4,
                   run = ?5, checked_unix = ?6, revisit_at = ?7,
                   failed_runs = failed_runs + (?2 IN ('failed', 'exhausted', 'removed'))
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                status,
                http_status,
                cause,
                self.run,
                checked_unix,
                revisit_at
            ])?;
        Ok(())
    }

    pub fn record_failure(&self, f: &Failure) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO failures (url, at, attempt, http_status, cause, final) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![f.url, f.at, f.attempt, f.http_status, f.cause, f.is_final as i64])?;
        Ok(())
    }

    pub fn record_redirect(&self, from: &str, to: &str, status: u16, in_scope: bool) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO redirects (from_url, to_url, http_status, in_scope, run) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![from, to, status, in_scope as i64, self.run])?;
        Ok(())
    }

    /// A known URL's status and whether a record of it was written.
    pub fn outcome_of(&self, url: &str) -> Result<Option<(String, bool)>> {
        self.conn
            .prepare_cached("SELECT status, emitted FROM urls WHERE url = ?1")?
            .query_row(params![url], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))
            .optional()
    }

    /// Another URL whose emitted article had exactly this content.
    pub fn emitted_with_hash(&self, hash: &str, except: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT url FROM urls WHERE content_hash = ?1 AND emitted = 1 AND url != ?2 LIMIT 1")?
            .query_row(params![hash, except], |r| r.get(0))
            .optional()
    }

    /// The record history of a URL (all zero for a URL never written).
    pub fn history(&self, id: i64) -> Result<RecordHistory> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT version, record_hash, record_at, removed_at FROM urls WHERE id = ?1",
            )?
            .query_row(params![id], |r| {
                Ok(RecordHistory {
                    version: r.get(0)?,
                    record_hash: r.get(1)?,
                    record_at: r.get(2)?,
                    removed: r.get::<_, Option<String>>(3)?.is_some(),
                })
            })
            .optional()?
            .unwrap_or_default())
    }

    /// A record line of a URL was written: a version (`removed_at` = `None`) or a tombstone.
    pub fn set_history(
        &self,
        id: i64,
        version: u32,
        record_hash: Option<&str>,
        record_at: &str,
        removed_at: Option<&str>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET version = ?2, record_hash = COALESCE(?3, record_hash),
                   record_at = ?4, removed_at = ?5, emitted = 1 WHERE id = ?1",
            )?
            .execute(params![id, version, record_hash, record_at, removed_at])?;
        Ok(())
    }

    /// What a page turned out to be from its content (a category page or feed found under an
    /// ordinary URL): it is re-checked as such from now on.
    pub fn set_kind(&self, id: i64, kind: Kind) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE urls SET kind = ?2 WHERE id = ?1 AND kind != 'seed'")?
            .execute(params![id, kind.as_str()])?;
        Ok(())
    }

    /// An alias page deferred to its canonical URL (or stopped deferring: `None`).
    pub fn set_canonical(&self, id: i64, canonical: Option<&str>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE urls SET canonical = ?2 WHERE id = ?1")?
            .execute(params![id, canonical])?;
        Ok(())
    }

    /// The canonical URL `url` gave no record (failed, not an article): the alias pages that
    /// deferred to it are queued again, to be written under their own URL. Returns their hosts.
    pub fn requeue_aliases_of(&self, url: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "UPDATE urls SET status = 'queued', not_before = 0, attempts = 0, priority = 0
             WHERE canonical = ?1 AND emitted = 0 AND status = 'done' RETURNING host",
        )?;
        let rows = stmt.query_map(params![url], |r| r.get(0))?;
        rows.collect()
    }

    /// Resume reconciliation: a record line of `url` is in the records file though the state
    /// never committed it. Adds the URL if unknown.
    pub fn reconcile_line(
        &self,
        url: &str,
        host: &str,
        history: &RecordHistory,
        removed_at: Option<&str>,
    ) -> Result<()> {
        self.add(&NewUrl {
            url,
            host,
            kind: Kind::Article,
            depth: 0,
            hops: 0,
            parent: None,
        })?;
        self.conn.execute(
            "UPDATE urls SET emitted = 1, status = 'done',
               version = MAX(version, ?2), record_hash = COALESCE(?3, record_hash),
               record_at = COALESCE(?4, record_at), removed_at = ?5
             WHERE url = ?1",
            params![
                url,
                history.version,
                history.record_hash,
                history.record_at,
                removed_at
            ],
        )?;
        Ok(())
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
            .execute(params![key, value])?;
        Ok(())
    }

    pub fn counts(&self) -> Result<Counts> {
        let mut c = Counts::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT status, COUNT(*), SUM(emitted) FROM urls GROUP BY status")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        for row in rows {
            let (status, n, emitted) = row?;
            let n = n as u64;
            c.emitted += emitted.unwrap_or(0) as u64;
            match status.as_str() {
                "queued" | "fetching" => c.queued += n,
                "done" | "removed" => c.done += n,
                "failed" | "exhausted" => c.failed += n,
                _ => c.skipped += n,
            }
        }
        Ok(c)
    }

    /// Hosts with queued URLs.
    pub fn queued_hosts(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT host FROM urls WHERE status = 'queued'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect()
    }

    /// One queued URL of a host (to learn its scheme and port); an index lookup.
    pub fn any_url_of(&self, host: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached(
                "SELECT url FROM urls WHERE status IN ('queued', 'fetching') AND host = ?1 LIMIT 1",
            )?
            .query_row(params![host], |r| r.get(0))
            .optional()
    }

    /// Whether a host still has seeds or articles waiting (a host given up with these left is a
    /// failure that touches articles).
    pub fn host_has_articles_queued(&self, host: &str) -> Result<bool> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM urls WHERE status IN ('queued', 'fetching')
                   AND host = ?1 AND (kind IN ('seed', 'article') OR version > 0))",
            )?
            .query_row(params![host], |r| r.get(0))
    }

    /// Failures, final ones first, newest first.
    pub fn failures(&self, only_final: bool) -> Result<Vec<Failure>> {
        let mut stmt = self.conn.prepare(
            "SELECT url, at, attempt, http_status, cause, final FROM failures
             WHERE final = 1 OR ?1 = 0 ORDER BY final DESC, id DESC",
        )?;
        let rows = stmt.query_map(params![only_final as i64], |r| {
            Ok(Failure {
                url: r.get(0)?,
                at: r.get(1)?,
                attempt: r.get(2)?,
                http_status: r.get(3)?,
                cause: r.get(4)?,
                is_final: r.get::<_, i64>(5)? != 0,
            })
        })?;
        rows.collect()
    }

    /// Folds the WAL back into the main file, so a finished harvest is one self-contained file
    /// (readable from read-only media).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
    }
}

fn read_run(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'run'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// Adds the columns of [`ADDED_COLUMNS`] that an older state file lacks, and fills them from
/// what it knows: records written are version 1, hubs and pages get their revisit times from
/// their last fetch, and failures are due at once (older runs never tried them again).
fn migrate(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA table_info(urls)")?;
    let existing: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<Result<_>>()?;
    let missing: Vec<&(&str, &str)> = ADDED_COLUMNS
        .iter()
        .filter(|(name, _)| !existing.iter().any(|e| e == name))
        .collect();
    if !missing.is_empty() {
        let tx = conn.unchecked_transaction()?;
        for (name, ty) in &missing {
            tx.execute_batch(&format!("ALTER TABLE urls ADD COLUMN {name} {ty}"))?;
        }
        if missing.iter().any(|(name, _)| *name == "revisit_at") {
            let policy = RevisitPolicy::default();
            let secs = |v: Visited| policy.interval(v, 0.0).as_secs_f64();
            tx.execute_batch(&format!(
                "UPDATE urls SET version = 1 WHERE emitted = 1 AND version = 0;
                 UPDATE urls SET checked_unix = (julianday(fetched_at) - 2440587.5) * 86400.0
                   WHERE checked_unix IS NULL AND fetched_at IS NOT NULL;
                 UPDATE urls SET revisit_at = COALESCE(checked_unix, 0) + CASE
                     WHEN status IN ('failed', 'exhausted', 'skipped') THEN 0
                     WHEN kind IN {HUB_KINDS} THEN {hub}
                     WHEN emitted = 1 THEN {article}
                     ELSE {page} END
                   WHERE status != 'queued';",
                hub = secs(Visited::Hub),
                article = secs(Visited::Article {
                    published_unix: None
                }),
                page = secs(Visited::Page),
            ))?;
        }
        tx.commit()?;
    }
    conn.execute_batch(INDEXES_OF_ADDED_COLUMNS)
}

/// `file:` URI of a path, percent-encoding what a URI cannot hold as is.
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_state(name: &str) -> (std::path::PathBuf, State) {
        let dir = std::env::temp_dir().join(format!("tintuc-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.sqlite");
        let s = State::open(&path).unwrap();
        (dir, s)
    }

    fn url<'a>(url: &'a str, kind: Kind) -> NewUrl<'a> {
        NewUrl {
            url,
            host: "h",
            kind,
            depth: 1,
            hops: 0,
            parent: None,
        }
    }

    fn done_at<'a>(t: f64, revisit_at: f64) -> Completion<'a> {
        Completion {
            http_status: 200,
            fetched_at: Some("t"),
            checked_unix: t,
            revisit_at,
            ..Default::default()
        }
    }

    #[test]
    fn frontier_life_cycle() {
        let (dir, mut s) = temp_state("cycle");
        let path = dir.join("s.sqlite");
        s.begin_run(1000.0, &RevisitPolicy::default()).unwrap();
        let seed = NewUrl {
            depth: 0,
            ..url("http://h/", Kind::Seed)
        };
        assert!(s.add(&seed).unwrap());
        assert!(!s.add(&seed).unwrap());
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        assert_eq!(
            (j.url.as_str(), j.attempts, j.seen_before),
            ("http://h/", 0, false)
        );
        let c = Completion {
            etag: Some("\"e\""),
            ..done_at(1000.0, 1000.0 + 3600.0)
        };
        s.complete(j.id, &c).unwrap();
        s.add(&url("http://h/a", Kind::Article)).unwrap();
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        s.retry_later(j.id, 100.0, "503").unwrap();
        assert!(s.next_for_host("h", 50.0).unwrap().is_none());
        assert_eq!(s.next_due("h").unwrap(), Some(100.0));
        let j = s.next_for_host("h", 100.0).unwrap().unwrap();
        assert_eq!(j.attempts, 1);
        s.complete(j.id, &done_at(1000.0, 1000.0 + 86_400.0))
            .unwrap();
        s.set_history(j.id, 1, Some("k1"), "t", None).unwrap();
        assert_eq!(s.history(j.id).unwrap().version, 1);
        drop(s);
        // A restart ten minutes later: the seed is re-checked only because it is a seed;
        // nothing else is due.
        let mut s = State::open(&path).unwrap();
        assert_eq!(s.begin_run(1600.0, &RevisitPolicy::default()).unwrap(), 0);
        assert!(s.next_for_host("h", 0.0).unwrap().is_none());
        s.requeue_seed("http://h/").unwrap();
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        assert_eq!(
            (j.url.as_str(), j.etag.as_deref(), j.seen_before),
            ("http://h/", Some("\"e\""), true)
        );
        s.complete(j.id, &done_at(1600.0, 1600.0 + 3600.0)).unwrap();
        drop(s);
        // Two days later the article is due, after the seed's listing window too.
        let mut s = State::open(&path).unwrap();
        assert_eq!(
            s.begin_run(1000.0 + 2.0 * 86_400.0, &RevisitPolicy::default())
                .unwrap(),
            2
        );
        let order: Vec<(String, u32)> = std::iter::from_fn(|| {
            s.next_for_host("h", 0.0)
                .unwrap()
                .map(|j| (j.url, j.version))
        })
        .collect();
        assert_eq!(
            order,
            [("http://h/".into(), 0), ("http://h/a".into(), 1)],
            "revisits last"
        );
        drop(s);
        // --revisit-after 0s: everything done is due on every run.
        let mut s = State::open(&path).unwrap();
        let every_run = RevisitPolicy {
            after: Some(std::time::Duration::ZERO),
        };
        assert_eq!(
            s.begin_run(0.0, &every_run).unwrap(),
            0,
            "all still fetching"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn failures_heal_on_a_later_run() {
        let (dir, mut s) = temp_state("heal");
        s.begin_run(0.0, &RevisitPolicy::default()).unwrap();
        s.add(&url("http://h/gone", Kind::Article)).unwrap();
        s.add(&url("http://h/slow", Kind::Article)).unwrap();
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        s.finish(j.id, "failed", Some(404), "HTTP 404", 0.0, 86_400.0)
            .unwrap();
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        s.finish(j.id, "exhausted", None, "timeout", 0.0, 0.0)
            .unwrap();
        // The next run tries the transient failure at once, the 404 a day later.
        assert_eq!(s.begin_run(10.0, &RevisitPolicy::default()).unwrap(), 1);
        let j = s.next_for_host("h", 10.0).unwrap().unwrap();
        assert_eq!((j.url.as_str(), j.failed_runs), ("http://h/slow", 1));
        s.complete(j.id, &done_at(10.0, 1e12)).unwrap();
        assert_eq!(s.begin_run(86_400.0, &RevisitPolicy::default()).unwrap(), 1);
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        assert_eq!((j.url.as_str(), j.failed_runs), ("http://h/gone", 1));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn articles_leave_the_frontier_before_hubs() {
        let (dir, mut s) = temp_state("order");
        s.begin_run(0.0, &RevisitPolicy::default()).unwrap();
        for (url, kind, depth) in [
            ("http://h/p2", Kind::Listing, 0),
            ("http://h/a9", Kind::Article, 3),
            ("http://h/x", Kind::Page, 1),
        ] {
            s.add(&NewUrl {
                url,
                host: "h",
                kind,
                depth,
                hops: 0,
                parent: None,
            })
            .unwrap();
        }
        let order: Vec<String> =
            std::iter::from_fn(|| s.next_for_host("h", 0.0).unwrap().map(|j| j.url)).collect();
        assert_eq!(order, ["http://h/a9", "http://h/p2", "http://h/x"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_older_state_file_gets_the_new_columns() {
        let dir = std::env::temp_dir().join(format!("tintuc-state-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(SCHEMA).unwrap();
            conn.execute_batch(
                "INSERT INTO urls (url, host, kind, depth, status, emitted, fetched_at)
                   VALUES ('http://h/a', 'h', 'article', 1, 'done', 1, '2026-01-01T00:00:00Z'),
                          ('http://h/b', 'h', 'article', 1, 'failed', 0, NULL);",
            )
            .unwrap();
        }
        let mut s = State::open(&path).unwrap();
        let id: i64 = s
            .conn
            .query_row("SELECT id FROM urls WHERE url = 'http://h/a'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(s.history(id).unwrap().version, 1);
        // 2026-01-01 is 1767225600; the failure is due at once, the article 30 days on.
        assert_eq!(
            s.begin_run(1_767_225_600.0 + 10.0, &RevisitPolicy::default())
                .unwrap(),
            1
        );
        assert_eq!(
            s.begin_run(1_767_225_600.0 + 31.0 * 86_400.0, &RevisitPolicy::default())
                .unwrap(),
            1
        );
        drop(s);
        assert!(State::open_read_only(&path).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
