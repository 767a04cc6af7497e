//! Folder walks for `extract DIR`: every page under a folder, each file once, in path order.
//!
//! A file is a page when its extension says so ([`PAGE_EXTENSIONS`], any case, also `.gz` of
//! them) or, whatever its name, when its first bytes look like HTML (saved pages often have no
//! extension or a server's: `tin-tuc?id=12`, `Default.aspx`). Everything else is skipped and
//! reported by name (WARC files with the hint to use `--warc`); hidden files and folders (name
//! starting with `.`) are skipped and counted.
//!
//! Symbolic links are followed, but a folder is entered once (by device and inode, so a link
//! back up the tree is a cycle, reported and not followed) and a file is listed once however many
//! links lead to it. A folder or file that cannot be read is reported and the walk goes on with
//! its siblings.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::json_stream::looks_like_html;

/// Extensions of saved web pages (compared in lower case).
pub const PAGE_EXTENSIONS: [&str; 12] = [
    "html", "htm", "xhtml", "xht", "shtml", "asp", "aspx", "php", "jsp", "jspx", "cfm", "do",
];

/// Bytes read from a file without a page extension to tell whether it is HTML.
const SNIFF_BYTES: u64 = 2048;

/// How many skipped names a report lists before "and N more".
pub const SKIPPED_NAMES_SHOWN: usize = 5;

/// A page found under a folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    /// The path below the folder given (for `-o DIR`: one output file per page, same layout).
    pub relative: PathBuf,
}

/// What one walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub pages: Vec<Found>,
    /// Files that are not pages, by path.
    pub not_html: Vec<PathBuf>,
    /// WARC files (for `--warc`).
    pub warc: Vec<PathBuf>,
    pub hidden: usize,
    /// Paths that could not be read, each with its cause: failures of the walk.
    pub unreadable: Vec<String>,
    /// Links that lead back to a folder already walked.
    pub cycles: Vec<PathBuf>,
}

/// Identity of a file or folder: device and inode where the system has them, else the
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

fn identity(path: &Path, meta: &fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Identity::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Walks `root` (a folder); see the module docs.
pub fn walk(root: &Path) -> Walk {
    let mut walk = Walk::default();
    let mut seen_dirs: HashSet<Identity> = HashSet::new();
    let mut seen_files: HashSet<Identity> = HashSet::new();
    match fs::metadata(root) {
        Ok(meta) => {
            seen_dirs.insert(identity(root, &meta));
        }
        Err(err) => {
            walk.unreadable
                .push(format!("{}: cannot read: {err}", root.display()));
            return walk;
        }
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                walk.unreadable
                    .push(format!("{}: cannot list folder: {err}", dir.display()));
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(err) => walk
                    .unreadable
                    .push(format!("{}: cannot list folder: {err}", dir.display())),
            }
        }
        paths.sort();
        // Sub-folders go on the stack in reverse so they come off it in name order.
        let mut subdirs = Vec::new();
        for path in paths {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                walk.hidden += 1;
                continue;
            }
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(err) => {
                    let what = if fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink()) {
                        "broken symbolic link"
                    } else {
                        "cannot read"
                    };
                    walk.unreadable
                        .push(format!("{}: {what}: {err}", path.display()));
                    continue;
                }
            };
            let id = identity(&path, &meta);
            if meta.is_dir() {
                if seen_dirs.insert(id) {
                    subdirs.push(path);
                } else {
                    walk.cycles.push(path);
                }
                continue;
            }
            if !seen_files.insert(id) {
                continue;
            }
            match classify(&path) {
                Ok(Kind::Page) => {
                    let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    walk.pages.push(Found { path, relative });
                }
                Ok(Kind::Warc) => walk.warc.push(path),
                Ok(Kind::Other) => walk.not_html.push(path),
                Err(err) => walk
                    .unreadable
                    .push(format!("{}: cannot read: {err}", path.display())),
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    walk.pages.sort();
    walk
}

enum Kind {
    Page,
    Warc,
    Other,
}

/// What a file is, by its name, else by its first bytes.
fn classify(path: &Path) -> std::io::Result<Kind> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let bare = name.strip_suffix(".gz").unwrap_or(&name);
    if bare.ends_with(".warc") {
        return Ok(Kind::Warc);
    }
    let extension = Path::new(bare).extension().and_then(|e| e.to_str());
    if extension.is_some_and(|e| PAGE_EXTENSIONS.contains(&e)) {
        return Ok(Kind::Page);
    }
    let mut head = Vec::new();
    fs::File::open(path)?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)?;
    Ok(if looks_like_html(&head) {
        Kind::Page
    } else {
        Kind::Other
    })
}

/// `a, b, c and 4 more`: the first names of a list, as paths below `root`.
pub fn some_names(root: &Path, paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths
        .iter()
        .take(SKIPPED_NAMES_SHOWN)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let mut text = shown.join(", ");
    if paths.len() > SKIPPED_NAMES_SHOWN {
        text.push_str(&format!(" and {} more", paths.len() - SKIPPED_NAMES_SHOWN));
    }
    text
}
