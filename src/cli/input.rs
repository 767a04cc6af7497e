//! Reading inputs the same way in every command: files plain or gzip-compressed (told by their
//! first bytes, read as a stream so pipes and `<(...)` work too), never more than a cap, lists of
//! inputs (`-i FILE`), and a hint when a command waits on a terminal.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;

/// The first bytes of a gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// An input opened for reading: plain, or gzip-compressed (concatenated members read as one
/// stream), recognised by its first bytes whatever its name. Nothing is seeked, so named pipes
/// and `/dev/fd/N` work.
pub fn open_file(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::other("is a folder"));
    }
    let mut reader = BufReader::new(file);
    let head = reader.fill_buf()?;
    if head.starts_with(&GZIP_MAGIC) {
        Ok(Box::new(BufReader::new(
            flate2::bufread::MultiGzDecoder::new(reader),
        )))
    } else {
        Ok(Box::new(reader))
    }
}

/// Why an input could not be read whole.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// More than the cap: reading stopped at cap + 1 bytes.
    TooLarge {
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(err) => write!(f, "cannot read: {err}"),
            ReadError::TooLarge { limit } => write!(
                f,
                "larger than the limit of {limit} bytes (--max-size); not read further"
            ),
        }
    }
}

/// Reads all of `reader`, but never more than `limit` + 1 bytes: an endless or huge input costs
/// `limit` bytes of memory at most and is refused as soon as it passes the limit.
pub fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The inputs listed in `source` (`-i FILE`; `-` is standard input): one path or URL a line;
/// blank lines and lines starting with `#` are left out.
pub fn read_list(source: &str) -> anyhow::Result<Vec<String>> {
    use anyhow::Context;
    let reader: Box<dyn BufRead> = if source == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(
            File::open(source).with_context(|| format!("-i {source}: cannot read the list"))?,
        ))
    };
    let mut inputs = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("-i {source}: line {}", number + 1))?;
        let line = line.trim().trim_start_matches('\u{feff}');
        if !line.is_empty() && !line.starts_with('#') {
            inputs.push(line.to_string());
        }
    }
    Ok(inputs)
}

/// When standard input is a terminal, says on stderr what the command is waiting for, so a
/// command run without arguments does not just sit there.
pub fn hint_if_waiting(what: &str) {
    if io::stdin().is_terminal() {
        eprintln!(
            "tintuc: reading {what} from standard input (end with Ctrl-D; give file names or --help for more)"
        );
    }
}

/// True for `http://` and `https://` addresses (any case).
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_past_the_cap() {
        let endless = io::repeat(0);
        assert!(matches!(
            read_capped(endless, 1000),
            Err(ReadError::TooLarge { limit: 1000 })
        ));
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), b"abc");
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://snv.khanhhoa.gov.vn/"));
        assert!(is_url("HTTP://example.vn"));
        assert!(!is_url("http.html"));
        assert!(!is_url("snv.khanhhoa.gov.vn"));
    }
}
