//! Resuming after a kill: the two files written outside SQLite are brought back in line with
//! the state before a run starts. `articles.jsonl` loses a partial last line and the URLs of
//! lines written after the last commit are marked emitted; the last WARC file loses a
//! truncated gzip member.

use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use url::Url;

use super::discovery::host_key;
use super::state::State;
use crate::error::Error;
use crate::warc::write::repair_tail;

pub(super) fn io_err(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

pub(super) fn db_err(e: rusqlite::Error) -> Error {
    Error::Invalid {
        input: "state.sqlite".into(),
        message: e.to_string(),
    }
}

/// Cuts a partial last line of `articles.jsonl` and marks the URLs of lines written after the
/// last commit as emitted. Returns how many lines were reconciled.
pub fn reconcile_jsonl(path: &Path, state: &State) -> Result<usize, Error> {
    let Ok(mut file) = OpenOptions::new().read(true).write(true).open(path) else {
        return Ok(0);
    };
    let committed: u64 = state
        .meta("jsonl_end")
        .map_err(db_err)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let len = file.metadata().map_err(|e| io_err(path, e))?.len();
    let start = committed.min(len);
    file.seek(SeekFrom::Start(start))
        .map_err(|e| io_err(path, e))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).map_err(|e| io_err(path, e))?;
    let keep = tail
        .iter()
        .rposition(|&b| b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    if keep < tail.len() {
        file.set_len(start + keep as u64)
            .map_err(|e| io_err(path, e))?;
    }
    let mut n = 0;
    for line in tail[..keep]
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
    {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        let Some(url) = v.get("url").and_then(|u| u.as_str()) else {
            continue;
        };
        let host = Url::parse(url)
            .ok()
            .and_then(|u| host_key(&u))
            .unwrap_or_default();
        state.mark_emitted(url, &host).map_err(db_err)?;
        n += 1;
    }
    state
        .set_meta("jsonl_end", &(start + keep as u64).to_string())
        .map_err(db_err)?;
    Ok(n)
}

/// A killed run can leave half a gzip member at the end of its last WARC file.
pub fn repair_last_warc(out: &Path, state: &State) {
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

/// `DIR/crawl.lock`: one crawl per harvest directory. Holds the pid of the crawl; a lock whose
/// process is gone (killed) is taken over. Removed when dropped.
pub struct DirLock {
    path: std::path::PathBuf,
}

impl DirLock {
    pub fn acquire(out: &Path) -> Result<DirLock, Error> {
        let path = out.join("crawl.lock");
        if let Ok(text) = std::fs::read_to_string(&path) {
            let pid: u32 = text.trim().parse().unwrap_or(0);
            let alive = pid != 0
                && pid != std::process::id()
                && Path::new(&format!("/proc/{pid}")).exists();
            if alive {
                return Err(Error::Invalid {
                    input: out.display().to_string(),
                    message: format!("another crawl (pid {pid}) is writing to this directory"),
                });
            }
        }
        std::fs::write(&path, std::process::id().to_string()).map_err(|e| io_err(&path, e))?;
        Ok(DirLock { path })
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
