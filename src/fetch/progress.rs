//! What people watching a crawl see: a progress line redrawn on a terminal, plain (or JSON) log
//! lines otherwise, and the counters both are drawn from.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// `--log-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Counters of one run.
#[derive(Debug, Default)]
pub struct Counters {
    pub fetched: AtomicU64,
    pub emitted: AtomicU64,
    pub failed: AtomicU64,
    /// Failures that touch articles or seeds (what makes the exit status 1).
    pub failed_articles: AtomicU64,
    pub retried: AtomicU64,
    pub new_versions: AtomicU64,
    pub removed: AtomicU64,
    pub unchanged: AtomicU64,
    pub not_modified: AtomicU64,
    pub robots_blocked: AtomicU64,
    pub duplicates: AtomicU64,
    pub bytes: AtomicU64,
}

impl Counters {
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Log sink and progress line.
pub struct Reporter {
    format: LogFormat,
    quiet: bool,
    tty: bool,
    started: Instant,
    line_shown: AtomicBool,
    out: Mutex<()>,
}

impl Reporter {
    pub fn new(format: LogFormat, quiet: bool, progress_allowed: bool) -> Reporter {
        Reporter {
            format,
            quiet,
            tty: progress_allowed && !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            line_shown: AtomicBool::new(false),
            out: Mutex::new(()),
        }
    }

    /// True when a progress line is drawn (and per-page lines are not).
    pub fn is_tty(&self) -> bool {
        self.tty
    }

    pub fn elapsed_secs(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// One event. `level` is `info` or `warn`; info lines are not printed under a progress line.
    pub fn event(&self, level: &str, event: &str, url: &str, status: Option<u16>, message: &str) {
        if self.quiet || (self.tty && level == "info") {
            return;
        }
        let line = match self.format {
            LogFormat::Json => serde_json::json!({
                "time": super::clock::now_rfc3339(),
                "level": level,
                "event": event,
                "url": url,
                "status": status,
                "message": message,
            })
            .to_string(),
            LogFormat::Text => {
                let status = status.map(|s| format!(" {s}")).unwrap_or_default();
                let msg = if message.is_empty() {
                    String::new()
                } else {
                    format!(" ({message})")
                };
                format!("{level} {event}{status} {url}{msg}")
            }
        };
        self.print_line(&line);
    }

    fn print_line(&self, line: &str) {
        let _guard = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let mut err = std::io::stderr().lock();
        if self.tty && self.line_shown.swap(false, Ordering::Relaxed) {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(err, "{line}");
    }

    /// Redraws the progress line (terminal only).
    pub fn progress(&self, c: &Counters) {
        if !self.tty {
            return;
        }
        let secs = self.elapsed_secs().max(0.001);
        let fetched = c.fetched.load(Ordering::Relaxed);
        let _guard = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2Kfetched {fetched}  records {}  not modified {}  failed {}  {:.1} pages/s",
            c.emitted.load(Ordering::Relaxed),
            c.not_modified.load(Ordering::Relaxed),
            c.failed.load(Ordering::Relaxed),
            fetched as f64 / secs
        );
        let _ = err.flush();
        self.line_shown.store(true, Ordering::Relaxed);
    }

    /// The closing summary, always printed unless `--quiet`: `lines` as text, or `json` as
    /// one `{"event": "summary", ...}` object.
    pub fn summary(&self, lines: &[String], json: serde_json::Value) {
        if self.quiet {
            return;
        }
        match self.format {
            LogFormat::Json => {
                self.print_line(
                    &serde_json::json!({"event": "summary", "summary": json}).to_string(),
                );
            }
            LogFormat::Text => {
                for l in lines {
                    self.print_line(l);
                }
            }
        }
    }
}
