//! `DIR/crawl.lock`: one crawl per harvest directory.
//!
//! The lock file holds the pid of the crawl and the start time of that process (field 22 of
//! `/proc/PID/stat`, in clock ticks since boot). A lock is held while that very process lives:
//! a lock whose process is gone (a killed crawl), or whose pid now belongs to another process (a
//! reboot, a pid reused), is stale and taken over. The file is created with `O_EXCL`, so two
//! crawls starting at once cannot both win. Removed when dropped. Without `/proc` (not Linux),
//! only a lock naming no process at all can be judged; others are reported as held.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The lock file's name inside a harvest directory.
pub const LOCK_FILE: &str = "crawl.lock";

/// A held `crawl.lock`; removed when dropped.
#[derive(Debug)]
pub struct DirLock {
    path: PathBuf,
}

/// Who holds a lock file, as written in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Holder {
    pid: u32,
    started: Option<u64>,
}

impl Holder {
    fn parse(text: &str) -> Option<Holder> {
        let mut words = text.split_whitespace();
        let pid = words.next()?.parse().ok()?;
        let started = words.next().and_then(|w| w.parse().ok());
        Some(Holder { pid, started })
    }

    fn me() -> Holder {
        let pid = std::process::id();
        Holder {
            pid,
            started: process_start(pid),
        }
    }

    /// Whether the process that wrote the lock is still running.
    fn is_alive(&self) -> bool {
        if self.pid == 0 {
            return false;
        }
        if !Path::new("/proc/self/stat").exists() {
            return true; // cannot tell: err on the side of not breaking a lock
        }
        match (process_start(self.pid), self.started) {
            (None, _) => false,
            // Same pid, other process: the crawl that wrote the lock is gone.
            (Some(now), Some(then)) => now == then,
            // A lock written by an older tintuc (pid only): the pid is running.
            (Some(_), None) => true,
        }
    }
}

/// Start time of a process in clock ticks since boot, from `/proc/PID/stat`.
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

impl DirLock {
    /// Takes `out/crawl.lock`, or says who holds it.
    pub fn acquire(out: &Path) -> Result<DirLock, Error> {
        let path = out.join(LOCK_FILE);
        let me = Holder::me();
        for _ in 0..2 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let text = match me.started {
                        Some(s) => format!("{} {s}\n", me.pid),
                        None => format!("{}\n", me.pid),
                    };
                    file.write_all(text.as_bytes())
                        .map_err(|e| lock_io(&path, e))?;
                    return Ok(DirLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    match Holder::parse(&text) {
                        Some(h) if h == me => {
                            return Err(held(&path, &h, "this process already crawls here"))
                        }
                        Some(h) if h.is_alive() => {
                            return Err(held(
                                &path,
                                &h,
                                "another crawl is writing to this directory",
                            ))
                        }
                        // Stale: a crawl that was killed, or a pid now used by something else.
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(lock_io(&path, e)),
            }
        }
        Err(Error::Invalid {
            input: path.display().to_string(),
            message: "cannot take the lock: another crawl took it at the same moment".into(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn lock_io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

fn held(path: &Path, holder: &Holder, why: &str) -> Error {
    Error::Invalid {
        input: path.display().to_string(),
        message: format!(
            "{why} (pid {}); wait for it to finish or stop it. If no crawl is running, delete {}",
            holder.pid,
            path.display()
        ),
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_locks_are_taken_over_and_live_ones_named() {
        let dir = std::env::temp_dir().join(format!("tintuc-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let lock = DirLock::acquire(&dir).unwrap();
        let err = DirLock::acquire(&dir).unwrap_err().to_string();
        assert!(
            err.contains("crawl.lock") && err.contains("already"),
            "{err}"
        );
        drop(lock);
        assert!(!dir.join(LOCK_FILE).exists());
        // Our own pid with another start time: the pid was reused, the lock is stale.
        let me = Holder::me();
        if let Some(started) = me.started {
            std::fs::write(dir.join(LOCK_FILE), format!("{} {}", me.pid, started + 1)).unwrap();
            assert!(DirLock::acquire(&dir).is_ok());
        }
        // No such process.
        std::fs::write(dir.join(LOCK_FILE), "4294967295 1").unwrap();
        assert!(DirLock::acquire(&dir).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
