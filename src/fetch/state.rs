//! The crawl state: one SQLite file (WAL) that holds the frontier and everything learnt about
//! every URL, so a crawl can be killed at any moment and resumed, and memory stays bounded (the
//! frontier is a table, not a set in RAM).
//!
//! A URL row moves `queued -> fetching -> done | failed | exhausted | skipped`; a retry puts
//! it back to `queued` with a `not_before` time. `exhausted` (a transient failure that ran out of
//! attempts) is queued again by the next run; `failed` (404, too large ...) is final. Each page's outcome and the links it yielded are committed
//! in one transaction. `meta.jsonl_end` is the length of `articles.jsonl` as of the last commit:
//! on resume only the lines after it can be unknown to the state, and they are reconciled.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::discovery::Kind;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS urls (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- 0 for article pages: taken first, so records flow from the start and the frontier
    -- stays small; then hubs, shallowest first.
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
    pub emitted: bool,
    /// Fetched before (in an earlier run): a conditional GET is in order.
    pub seen_before: bool,
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
    pub fetched_at: &'a str,
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
    pub fn open(path: &Path) -> Result<State> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL is durable against a killed process (WAL frames are in the OS cache); only a
        // power loss can drop the last transactions, which a rerun then simply redoes.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -16_000)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        let run = conn
            .query_row("SELECT value FROM meta WHERE key = 'run'", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Ok(State { conn, run })
    }

    /// Starts a run: URLs caught mid-fetch are queued again, and hub pages (seeds, listings,
    /// feeds, sitemaps) that were done are queued for a conditional re-check.
    pub fn begin_run(&mut self) -> Result<i64> {
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
        tx.execute(
            "UPDATE urls SET status = 'queued', attempts = 0, not_before = 0, hops = 0
             WHERE status = 'done' AND kind IN ('seed', 'listing', 'feed', 'sitemap') AND run < ?1",
            params![self.run],
        )?;
        tx.execute(
            "UPDATE urls SET status = 'queued', attempts = 0, not_before = 0 WHERE status = 'exhausted'",
            [],
        )?;
        tx.commit()?;
        Ok(self.run)
    }

    pub fn run(&self) -> i64 {
        self.run
    }

    pub fn begin(&self) -> Result<()> {
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

    /// A known seed is always re-queued at the start of a run (its listing may have changed).
    pub fn requeue_seed(&self, url: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE urls SET kind = 'seed', depth = 0 WHERE url = ?1 AND kind != 'seed'",
            params![url],
        )?;
        Ok(())
    }

    /// Takes the next due URL of a host (articles first, then the shallowest) and marks it
    /// `fetching`.
    pub fn next_for_host(&self, host: &str, now: f64) -> Result<Option<Job>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, kind, depth, hops, attempts, etag, last_modified, emitted, fetched_at
             FROM urls WHERE status = 'queued' AND host = ?1 AND not_before <= ?2
             ORDER BY priority, depth, id LIMIT 1",
        )?;
        let job = stmt
            .query_row(params![host, now], |r| {
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
                    emitted: r.get::<_, i64>(8)? != 0,
                    seen_before: r.get::<_, Option<String>>(9)?.is_some(),
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

    pub fn complete(&self, id: i64, c: &Completion<'_>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET status = 'done', http_status = ?2,
                   etag = COALESCE(?3, etag), last_modified = COALESCE(?4, last_modified),
                   content_hash = COALESCE(?5, content_hash), warc_file = COALESCE(?6, warc_file),
                   warc_offset = COALESCE(?7, warc_offset), fetched_at = ?8,
                   emitted = MAX(emitted, ?9), error = ?10, run = ?11
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
                self.run
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

    /// A final outcome other than `done`: `failed` (with its cause) or `skipped` (robots, limits).
    pub fn finish(
        &self,
        id: i64,
        status: &str,
        http_status: Option<u16>,
        cause: &str,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET status = ?2, http_status = ?3, error = ?4, run = ?5 WHERE id = ?1",
            )?
            .execute(params![id, status, http_status, cause, self.run])?;
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

    /// Whether a record for this URL is already in `articles.jsonl`.
    pub fn is_emitted(&self, url: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT emitted FROM urls WHERE url = ?1")?
            .query_row(params![url], |r| r.get::<_, i64>(0))
            .optional()?
            .is_some_and(|e| e != 0))
    }

    /// A known URL's status and whether its record was written.
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

    /// Marks a URL as emitted (resume reconciliation); adds it if the state never saw it.
    pub fn mark_emitted(&self, url: &str, host: &str) -> Result<()> {
        self.add(&NewUrl {
            url,
            host,
            kind: Kind::Article,
            depth: 0,
            hops: 0,
            parent: None,
        })?;
        self.conn.execute(
            "UPDATE urls SET emitted = 1, status = 'done' WHERE url = ?1",
            params![url],
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
                "done" => c.done += n,
                "failed" | "exhausted" => c.failed += n,
                _ => c.skipped += n,
            }
        }
        Ok(c)
    }

    /// Whether any URL is queued or being fetched (an index lookup, cheap to ask often).
    pub fn has_pending(&self) -> Result<bool> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM urls WHERE status = 'queued')
                     OR EXISTS (SELECT 1 FROM urls WHERE status = 'fetching')",
            )?
            .query_row([], |r| r.get(0))
    }

    /// Hosts with queued URLs.
    pub fn queued_hosts(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT host FROM urls WHERE status = 'queued'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect()
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontier_life_cycle() {
        let dir = std::env::temp_dir().join(format!("tintuc-state-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("s.sqlite");
        let _ = std::fs::remove_file(&path);
        let mut s = State::open(&path).unwrap();
        s.begin_run().unwrap();
        let seed = NewUrl {
            url: "http://h/",
            host: "h",
            kind: Kind::Seed,
            depth: 0,
            hops: 0,
            parent: None,
        };
        assert!(s.add(&seed).unwrap());
        assert!(!s.add(&seed).unwrap());
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        assert_eq!((j.url.as_str(), j.attempts), ("http://h/", 0));
        let c = Completion {
            http_status: 200,
            etag: Some("\"e\""),
            fetched_at: "t",
            ..Default::default()
        };
        s.complete(j.id, &c).unwrap();
        let deep = NewUrl {
            url: "http://h/a",
            host: "h",
            kind: Kind::Article,
            depth: 1,
            hops: 0,
            parent: Some("http://h/"),
        };
        s.add(&deep).unwrap();
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        s.retry_later(j.id, 100.0, "503").unwrap();
        assert!(s.next_for_host("h", 50.0).unwrap().is_none());
        assert_eq!(s.next_due("h").unwrap(), Some(100.0));
        let j = s.next_for_host("h", 100.0).unwrap().unwrap();
        assert_eq!(j.attempts, 1);
        s.complete(
            j.id,
            &Completion {
                http_status: 200,
                emitted: true,
                fetched_at: "t",
                ..Default::default()
            },
        )
        .unwrap();
        assert!(s.is_emitted("http://h/a").unwrap());
        drop(s);
        // A new run re-checks the seed with its validators, not the article.
        let mut s = State::open(&path).unwrap();
        s.begin_run().unwrap();
        let j = s.next_for_host("h", 0.0).unwrap().unwrap();
        assert_eq!(
            (j.url.as_str(), j.etag.as_deref(), j.seen_before),
            ("http://h/", Some("\"e\""), true)
        );
        assert!(s.next_for_host("h", 0.0).unwrap().is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn articles_leave_the_frontier_before_hubs() {
        let dir = std::env::temp_dir().join(format!("tintuc-state-order-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("s.sqlite");
        let _ = std::fs::remove_file(&path);
        let mut s = State::open(&path).unwrap();
        s.begin_run().unwrap();
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
}
