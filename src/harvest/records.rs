//! The records file of a harvest: `articles.jsonl`, or `articles.jsonl.gz` with `--compress gzip`.
//!
//! One record per line, appended and flushed one at a time. Compressed, each line is its own gzip
//! member (a concatenation of members is one valid gzip stream, which `zcat`, `gzip -d` and
//! [`open_maybe_gzip`] read whole), so a killed crawl leaves at most one cut member at the end, cut
//! off on resume exactly like a partial line, and a line needs no earlier line to be read.
//! The price is the dictionary each member starts afresh: on real portal pages a record of
//! ~9.3 KB becomes ~2.7 KB (3.5x); one stream over all lines packs the bundled samples 1.7x tighter.
//!
//! A line is a [`Record`] (a version of an article), projected to `--fields` when asked, or a
//! tombstone (`removed`: the URL answered 404/410). [`content_key`] is what decides whether an
//! article changed between two fetches: its text fields, not the page around them.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use sha1::{Digest, Sha1};

use crate::model::Record;
use crate::warc::write::gzip_member_len;

/// The records file of a harvest directory, plain.
pub const RECORDS_FILE: &str = "articles.jsonl";
/// The records file of a harvest directory, gzip-compressed (`--compress gzip`).
pub const RECORDS_FILE_GZ: &str = "articles.jsonl.gz";

/// Fields every line keeps under `--fields`: they say which record it is.
pub const IDENTITY_FIELDS: [&str; 5] = ["id", "url", "version", "supersedes", "removed"];

/// How the records file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compression {
    #[default]
    None,
    Gzip,
}

impl Compression {
    pub fn file_name(self) -> &'static str {
        match self {
            Compression::None => RECORDS_FILE,
            Compression::Gzip => RECORDS_FILE_GZ,
        }
    }

    fn of_file_name(name: &str) -> Option<Compression> {
        match name {
            RECORDS_FILE => Some(Compression::None),
            RECORDS_FILE_GZ => Some(Compression::Gzip),
            _ => None,
        }
    }
}

/// What goes into each record line.
#[derive(Debug, Clone, Default)]
pub struct RecordOptions {
    pub compression: Compression,
    /// Run entity recognition (`--no-entities` turns it off: `entities` stays empty).
    pub entities: bool,
    /// `--fields`: keep only these top-level fields (and [`IDENTITY_FIELDS`]).
    pub fields: Option<Vec<String>>,
}

/// The top-level fields of a record, as documented in `schemas/record.schema.json`.
pub fn record_fields() -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../schemas/record.schema.json")).unwrap_or_default();
    schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Checks a `--fields` list (comma-separated names) against the schema.
pub fn parse_fields(list: &str) -> Result<Vec<String>, String> {
    let known = record_fields();
    let mut fields = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !known.iter().any(|k| k == name) {
            return Err(format!(
                "unknown record field {name:?} (fields: {})",
                known.join(", ")
            ));
        }
        fields.push(name.to_string());
    }
    if fields.is_empty() {
        return Err("--fields needs at least one field name".into());
    }
    Ok(fields)
}

/// The line of a record (without the line break), projected to `fields`.
pub fn record_line(record: &Record, fields: Option<&[String]>) -> io::Result<Vec<u8>> {
    let Some(fields) = fields else {
        return serde_json::to_vec(record).map_err(io::Error::other);
    };
    let mut value = serde_json::to_value(record).map_err(io::Error::other)?;
    if let Some(map) = value.as_object_mut() {
        map.retain(|k, _| fields.iter().any(|f| f == k) || IDENTITY_FIELDS.contains(&k.as_str()));
    }
    serde_json::to_vec(&value).map_err(io::Error::other)
}

/// The line of a tombstone: only what says which URL went, when, and which record it ends.
pub fn tombstone_line(record: &Record) -> io::Result<Vec<u8>> {
    let p = &record.provenance;
    let value = serde_json::json!({
        "id": record.article_id(),
        "url": record.article.url,
        "site": record.article.site,
        "version": p.version,
        "supersedes": p.supersedes,
        "removed": p.removed,
        "status": p.status,
        "fetched_at": p.fetched_at,
        "warc_file": p.warc_file,
        "warc_offset": p.warc_offset,
    });
    let mut value = value;
    if let Some(map) = value.as_object_mut() {
        map.retain(|_, v| !v.is_null());
    }
    serde_json::to_vec(&value).map_err(io::Error::other)
}

/// What decides whether an article changed: its title, lead, body and dates (not the menus,
/// counters and adverts around them, which change on every fetch).
pub fn content_key(record: &Record) -> String {
    let a = &record.article;
    let mut h = Sha1::new();
    for part in [
        a.title.as_str(),
        a.lead.as_deref().unwrap_or(""),
        a.text.as_str(),
        a.published.as_deref().unwrap_or(""),
        a.updated.as_deref().unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The records file being appended to.
pub struct RecordsFile {
    path: PathBuf,
    file: File,
    compression: Compression,
}

impl RecordsFile {
    /// Opens (creating it if needed) the records file of `dir` for appending.
    pub fn open(dir: &Path, compression: Compression) -> io::Result<RecordsFile> {
        let path = dir.join(compression.file_name());
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        Ok(RecordsFile {
            path,
            file,
            compression,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line (a line break is added) and flushes; returns the new file length.
    pub fn append(&mut self, line: &[u8]) -> io::Result<u64> {
        match self.compression {
            Compression::None => {
                let mut bytes = Vec::with_capacity(line.len() + 1);
                bytes.extend_from_slice(line);
                bytes.push(b'\n');
                self.file.write_all(&bytes)?;
            }
            Compression::Gzip => {
                let mut gz = GzEncoder::new(
                    Vec::with_capacity(line.len() / 3 + 64),
                    flate2::Compression::default(),
                );
                gz.write_all(line)?;
                gz.write_all(b"\n")?;
                self.file.write_all(&gz.finish()?)?;
            }
        }
        self.file.flush()?;
        self.file.metadata().map(|m| m.len())
    }
}

/// The records file a harvest writes to: the one it started with (remembered in its state as
/// `records_file`; `articles.jsonl` for harvests older than that), else the one asked for.
/// Asking for the other one is an error: one harvest, one file.
pub fn choose(
    dir: &Path,
    remembered: Option<&str>,
    asked: Compression,
) -> Result<Compression, String> {
    let existing = match remembered {
        Some(name) => Compression::of_file_name(name),
        None if dir.join(RECORDS_FILE).exists() => Some(Compression::None),
        None => None,
    };
    match existing {
        Some(c) if c != asked => Err(format!(
            "this harvest writes its records to {}; run it with{} --compress gzip, or use a new --out",
            dir.join(c.file_name()).display(),
            if c == Compression::Gzip { "" } else { "out" },
        )),
        _ => Ok(asked),
    }
}

/// The records files present in a harvest directory (for `export`).
pub fn records_files_in(dir: &Path) -> Vec<PathBuf> {
    [RECORDS_FILE, RECORDS_FILE_GZ]
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p.exists())
        .collect()
}

/// Resume: the records file is cut back to its last whole line (or gzip member) after
/// `committed` (the length the state last committed), and the lines written after `committed`
/// are returned, for the state to learn about. Returns the lines and the new length.
pub fn reconcile(
    path: &Path,
    compression: Compression,
    committed: u64,
) -> io::Result<(Vec<Vec<u8>>, u64)> {
    let Ok(mut file) = OpenOptions::new().read(true).write(true).open(path) else {
        return Ok((Vec::new(), 0));
    };
    let len = file.metadata()?.len();
    let start = committed.min(len);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    let (keep, text) = match compression {
        Compression::None => {
            let keep = tail.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            (keep, tail[..keep].to_vec())
        }
        Compression::Gzip => {
            let mut keep = 0;
            while keep < tail.len() {
                match gzip_member_len(&tail[keep..]) {
                    Some(n) => keep += n,
                    None => break,
                }
            }
            let mut text = Vec::new();
            if keep > 0 {
                flate2::read::MultiGzDecoder::new(&tail[..keep]).read_to_end(&mut text)?;
            }
            (keep, text)
        }
    };
    let new_len = start + keep as u64;
    if new_len < len {
        file.set_len(new_len)?;
    }
    let lines = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    Ok((lines, new_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(url: &str, text: &str) -> Record {
        let mut r = Record::default();
        r.article.url = Some(url.into());
        r.article.title = "Tiêu đề".into();
        r.article.text = text.into();
        r
    }

    #[test]
    fn gzip_members_resume_like_lines() {
        let dir = std::env::temp_dir().join(format!("tintuc-records-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for compression in [Compression::None, Compression::Gzip] {
            let mut f = RecordsFile::open(&dir, compression).unwrap();
            let first = record_line(&record("http://a/1", "một"), None).unwrap();
            let committed = f.append(&first).unwrap();
            let second = record_line(&record("http://a/2", "hai"), None).unwrap();
            let whole = f.append(&second).unwrap();
            // A kill in the middle of a third line.
            let third = f.append(b"{\"url\":\"http://a/3\"}").unwrap();
            let path = f.path().to_path_buf();
            drop(f);
            let cut = whole + (third - whole) / 2;
            OpenOptions::new()
                .write(true)
                .open(&path)
                .unwrap()
                .set_len(cut)
                .unwrap();
            let (lines, len) = reconcile(&path, compression, committed).unwrap();
            assert_eq!(lines, vec![second.clone()], "{compression:?}");
            assert_eq!(len, whole);
            // Nothing whole after the committed end: nothing to learn, the cut part goes.
            OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap()
                .write_all(&[0x1f, 0x8b, 8])
                .unwrap();
            assert_eq!(
                reconcile(&path, compression, whole).unwrap(),
                (vec![], whole)
            );
            let bytes = std::fs::read(&path).unwrap();
            let mut all = String::new();
            if bytes.starts_with(&[0x1f, 0x8b]) {
                flate2::read::MultiGzDecoder::new(&bytes[..])
                    .read_to_string(&mut all)
                    .unwrap();
            } else {
                all = String::from_utf8(bytes).unwrap();
            }
            assert_eq!(all.lines().count(), 2);
            assert!(all.contains("http://a/2"));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn projection_and_tombstone_and_key() {
        let r = record("http://a/1", "một");
        let line = record_line(&r, Some(&["title".to_string()])).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&line).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["title", "url"]);
        assert!(parse_fields("title, published").is_ok());
        assert!(parse_fields("title,nonsense")
            .unwrap_err()
            .contains("nonsense"));
        let mut gone = Record::default();
        gone.article.url = Some("http://a/1".into());
        gone.provenance.removed = Some("2026-01-02T00:00:00Z".into());
        gone.provenance.version = Some(2);
        let v: serde_json::Value = serde_json::from_slice(&tombstone_line(&gone).unwrap()).unwrap();
        assert_eq!(v["removed"], "2026-01-02T00:00:00Z");
        assert!(v.get("title").is_none() && v.get("entities").is_none());
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back.provenance.version, Some(2));
        assert_eq!(
            content_key(&r),
            content_key(&record("http://other/", "một"))
        );
        assert_ne!(
            content_key(&r),
            content_key(&record("http://a/1", "một hai"))
        );
    }
}
