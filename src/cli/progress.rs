//! A progress bar on stderr for `extract`, `ner` and `export`: items done (of how many, when
//! known), megabytes read, the rate, the time left and the failures, redrawn in place at most
//! [`REDRAW_EVERY`]. It is drawn only when stderr is a terminal (and `TERM` is not `dumb`) and
//! `-q` was not given, so logs and pipes never see it; the commands also leave it off when the
//! records themselves go to the terminal. Messages printed while it is shown go
//! through [`Progress::message`], which clears the bar, prints the line and draws the bar again.
//!
//! Written by hand rather than with a crate: it is one line of text, the commands drive it from
//! one thread, and the crawl's own progress line (`fetch::progress`) is drawn the same way.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Shortest time between two redraws.
pub const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// Width of the bar itself, in characters.
const BAR_WIDTH: usize = 24;

/// The counts a bar shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub items: u64,
    pub bytes: u64,
    pub failed: u64,
    /// How many items there will be, when known before the end.
    pub total_items: Option<u64>,
    /// How many bytes will be read, when known (files of known size).
    pub total_bytes: Option<u64>,
}

/// The bar of one run, or nothing when it must not be shown.
pub struct Progress {
    bar: Option<Bar>,
}

struct Bar {
    unit: &'static str,
    counts: Counts,
    started: Instant,
    last_draw: Option<Instant>,
    shown: bool,
}

impl Progress {
    /// A bar counting `unit` ("pages", "records", "documents"), shown when stderr is a
    /// terminal and not `hidden`.
    pub fn new(unit: &'static str, hidden: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal()
            && std::env::var("TERM").map_or(true, |term| term != "dumb");
        Progress {
            bar: (terminal && !hidden).then(|| Bar {
                unit,
                counts: Counts::default(),
                started: Instant::now(),
                last_draw: None,
                shown: false,
            }),
        }
    }

    pub fn set_totals(&mut self, total_items: Option<u64>, total_bytes: Option<u64>) {
        if let Some(bar) = &mut self.bar {
            bar.counts.total_items = total_items;
            bar.counts.total_bytes = total_bytes;
        }
    }

    /// Counts `items` more done, `bytes` more read and `failed` more failures.
    pub fn advance(&mut self, items: u64, bytes: u64, failed: u64) {
        if let Some(bar) = &mut self.bar {
            bar.counts.items += items;
            bar.counts.bytes += bytes;
            bar.counts.failed += failed;
            bar.draw(false);
        }
    }

    /// Sets the bytes read so far (for readers that count them themselves).
    pub fn set_bytes(&mut self, bytes: u64) {
        if let Some(bar) = &mut self.bar {
            bar.counts.bytes = bytes;
            bar.draw(false);
        }
    }

    /// Prints one line on stderr, above the bar.
    pub fn message(&mut self, line: &str) {
        let mut err = std::io::stderr().lock();
        if let Some(bar) = &mut self.bar {
            if bar.shown {
                let _ = write!(err, "\r\x1b[2K");
                bar.shown = false;
            }
        }
        let _ = writeln!(err, "{line}");
        drop(err);
        if let Some(bar) = &mut self.bar {
            bar.draw(true);
        }
    }

    /// Removes the bar (before the summary line).
    pub fn finish(&mut self) {
        if let Some(bar) = &mut self.bar {
            if bar.shown {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
                bar.shown = false;
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Bar {
    fn draw(&mut self, force: bool) {
        let now = Instant::now();
        if !force
            && self
                .last_draw
                .is_some_and(|last| now.duration_since(last) < REDRAW_EVERY)
        {
            return;
        }
        self.last_draw = Some(now);
        let width = terminal_width();
        let line = render(
            &self.counts,
            self.unit,
            now.duration_since(self.started),
            width,
        );
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.shown = true;
    }
}

/// Columns of the terminal, from `COLUMNS` when the shell exports it, else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|&c| c >= 20)
        .unwrap_or(80)
}

/// The bar as one line of at most `width - 1` characters:
/// `[=========>              ] 1,234/5,200 pages  23.4 MB  412 pages/s  ETA 0:10  3 failed`.
pub fn render(counts: &Counts, unit: &str, elapsed: Duration, width: usize) -> String {
    let secs = elapsed.as_secs_f64();
    let fraction = match (counts.total_items, counts.total_bytes) {
        (Some(total), _) if total > 0 => Some(counts.items as f64 / total as f64),
        (_, Some(total)) if total > 0 => Some(counts.bytes as f64 / total as f64),
        _ => None,
    }
    .map(|f| f.clamp(0.0, 1.0));
    let mut parts: Vec<String> = Vec::new();
    if let Some(f) = fraction {
        let filled = (f * BAR_WIDTH as f64).floor() as usize;
        let mut bar = "=".repeat(filled.min(BAR_WIDTH));
        if filled < BAR_WIDTH {
            bar.push('>');
            bar.push_str(&" ".repeat(BAR_WIDTH - filled - 1));
        }
        parts.push(format!("[{bar}]"));
    }
    parts.push(match counts.total_items {
        Some(total) => format!("{}/{} {unit}", thousands(counts.items), thousands(total)),
        None => format!("{} {unit}", thousands(counts.items)),
    });
    parts.push(format!("{:.1} MB", counts.bytes as f64 / 1e6));
    if secs >= 0.5 && counts.items > 0 {
        parts.push(format!("{:.1} {unit}/s", counts.items as f64 / secs));
    }
    if let Some(f) = fraction.filter(|&f| f > 0.0 && f < 1.0 && secs >= 1.0) {
        let left = secs * (1.0 - f) / f;
        parts.push(format!("ETA {}", clock(left)));
    }
    if counts.failed > 0 {
        parts.push(format!("{} failed", thousands(counts.failed)));
    }
    let line = parts.join("  ");
    line.chars().take(width.saturating_sub(1)).collect()
}

/// `1234567` -> `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Seconds as `m:ss`, or `h:mm:ss` from an hour.
fn clock(secs: f64) -> String {
    let total = secs.round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_says_how_far_how_fast_and_how_long() {
        let counts = Counts {
            items: 1300,
            bytes: 23_400_000,
            failed: 3,
            total_items: Some(5200),
            total_bytes: None,
        };
        assert_eq!(
            render(&counts, "pages", Duration::from_secs(10), 200),
            "[======>                 ]  1,300/5,200 pages  23.4 MB  130.0 pages/s  ETA 0:30  3 failed"
        );
        let unknown = Counts {
            items: 12,
            bytes: 1_000_000,
            ..Counts::default()
        };
        assert_eq!(
            render(&unknown, "records", Duration::from_secs(4), 200),
            "12 records  1.0 MB  3.0 records/s"
        );
        assert_eq!(
            render(&counts, "pages", Duration::from_secs(10), 20)
                .chars()
                .count(),
            19
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(clock(3725.0), "1:02:05");
    }
}
