//! Where a command writes and in which format, by one rule for every command:
//!
//! - `-o -` or no `-o`: standard output; `-o FILE`: that file, created only once there is
//!   something to write (a run that could do nothing leaves no file behind); `-o DIR` (an
//!   existing folder, or a name ending with `/`): one file per input, for commands that can.
//! - The format is `--format` when given, else the extension of `-o FILE` (`Format::of_path`),
//!   else the command's default for where the output goes (JSONL for a pipe).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::bail;
use tintuc::output::Format;

/// Where the output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
    /// One file per input in this folder.
    Dir(PathBuf),
}

impl Destination {
    /// `-o` as given: `-` or nothing is stdout; an existing folder or a name ending with a path
    /// separator is a folder when `folders` are allowed.
    pub fn of(output: Option<&Path>, folders: bool) -> Destination {
        let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
            return Destination::Stdout;
        };
        let text = path.as_os_str().to_string_lossy();
        if folders
            && (path.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR))
        {
            Destination::Dir(path.to_path_buf())
        } else {
            Destination::File(path.to_path_buf())
        }
    }

    /// True when the output is a terminal (where pretty JSON is for people).
    pub fn is_terminal(&self) -> bool {
        *self == Destination::Stdout && io::stdout().is_terminal()
    }
}

/// The format of a run: `flag`, else the extension of the output file, else `default`; and it
/// must be one of `allowed` (for `command`).
/// Whether a path names something other than a regular file or folder: a device or a pipe.
fn is_stream(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

pub fn pick_format(
    command: &str,
    flag: Option<Format>,
    destination: &Destination,
    allowed: &[Format],
    default: Format,
) -> anyhow::Result<Format> {
    let names = || {
        allowed
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let format = match (flag, destination) {
        (Some(format), _) => format,
        (None, Destination::File(path)) => match Format::of_path(path) {
            Some(format) => format,
            // A device or a pipe (`-o /dev/null`, `-o >(gzip > x.gz)`) is written like standard
            // output.
            None if is_stream(path) => default,
            None => bail!(
                "-o {}: cannot tell the format from the file name; give --format ({})",
                path.display(),
                names()
            ),
        },
        (None, _) => default,
    };
    if !allowed.contains(&format) {
        bail!(
            "`{command}` cannot write {format} (it writes {}){}",
            names(),
            match destination {
                Destination::File(path) if flag.is_none() =>
                    format!("; the format came from the name -o {}", path.display()),
                _ => String::new(),
            }
        );
    }
    if let (Some(flag), Destination::File(path)) = (flag, destination) {
        if let Some(by_name) = Format::of_path(path).filter(|f| *f != flag) {
            eprintln!(
                "tintuc: warning: writing {flag} into {} (--format {flag} wins over the .{by_name} extension)",
                path.display()
            );
        }
    }
    if format.is_binary() && destination.is_terminal() {
        bail!("{format} is a binary format: write it to a file with -o FILE.{format}");
    }
    Ok(format)
}

/// A file created at the first write (or by [`LazyFile::create_now`]), so a run that writes
/// nothing leaves nothing. Errors name the file.
pub struct LazyFile {
    path: PathBuf,
    file: Option<BufWriter<File>>,
}

impl LazyFile {
    pub fn new(path: &Path) -> LazyFile {
        LazyFile {
            path: path.to_path_buf(),
            file: None,
        }
    }

    fn open(&mut self) -> io::Result<&mut BufWriter<File>> {
        if self.file.is_none() {
            if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| self.error("cannot create folder", e))?;
            }
            let file = File::create(&self.path).map_err(|e| self.error("cannot create", e))?;
            self.file = Some(BufWriter::new(file));
        }
        Ok(self.file.as_mut().expect("opened above"))
    }

    fn error(&self, what: &str, err: io::Error) -> io::Error {
        io::Error::new(
            err.kind(),
            format!("{}: {what}: {err}", self.path.display()),
        )
    }

    /// Creates the file (empty) if nothing was written yet.
    pub fn create_now(&mut self) -> io::Result<()> {
        self.open().map(|_| ())
    }
}

impl Write for LazyFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let path = self.path.clone();
        self.open()?
            .write(buf)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

/// Names of the files of `-o DIR`, one per input, never the same name twice in a run.
#[derive(Default)]
pub struct FileNames {
    used: std::collections::HashSet<PathBuf>,
}

impl FileNames {
    /// `dir/stem.ext`, with `-2`, `-3` ... before the extension when the name was taken.
    pub fn claim(&mut self, dir: &Path, stem: &Path, format: Format) -> PathBuf {
        let base = dir.join(stem);
        let mut candidate = base.with_extension(format.name());
        let mut n = 2;
        while !self.used.insert(candidate.clone()) {
            let name = format!(
                "{}-{n}.{}",
                base.file_name()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default(),
                format.name()
            );
            candidate = base.with_file_name(name);
            n += 1;
        }
        candidate
    }
}

/// A path made safe to use below an output folder: no root, no `..`, no empty parts.
pub fn relative_stem(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        if let Component::Normal(name) = part {
            out.push(name);
        }
    }
    if out.as_os_str().is_empty() {
        out.push("page");
    }
    // `page.html.gz` -> `page`: drop the compression suffix before the page extension.
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        out.set_extension("");
    }
    out.set_extension("");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_a_folder_are_never_reused() {
        let mut names = FileNames::default();
        let dir = Path::new("out");
        assert_eq!(
            names.claim(dir, Path::new("a/source"), Format::Json),
            Path::new("out/a/source.json")
        );
        assert_eq!(
            names.claim(dir, Path::new("a/source"), Format::Json),
            Path::new("out/a/source-2.json")
        );
        assert_eq!(
            names.claim(dir, Path::new("b/source"), Format::Md),
            Path::new("out/b/source.md")
        );
    }

    #[test]
    fn stems_stay_inside_the_folder() {
        assert_eq!(
            relative_stem(Path::new("../x/page.HTML")),
            Path::new("x/page")
        );
        assert_eq!(
            relative_stem(Path::new("/abs/page.html.gz")),
            Path::new("abs/page")
        );
        assert_eq!(relative_stem(Path::new("")), Path::new("page"));
    }

    #[test]
    fn format_comes_from_the_flag_then_the_name_then_the_default() {
        let all = Format::ALL;
        let file = Destination::File(PathBuf::from("out.CSV"));
        assert_eq!(
            pick_format("x", None, &file, &all, Format::Jsonl).unwrap(),
            Format::Csv
        );
        assert_eq!(
            pick_format(
                "x",
                Some(Format::Jsonl),
                &Destination::Dir("d".into()),
                &all,
                Format::Json
            )
            .unwrap(),
            Format::Jsonl
        );
        let unknown = Destination::File(PathBuf::from("out.dat"));
        let err = pick_format("x", None, &unknown, &all, Format::Jsonl).unwrap_err();
        assert!(err.to_string().contains("out.dat"), "{err}");
        let md = Destination::File(PathBuf::from("n.md"));
        let err = pick_format("ner", None, &md, &[Format::Jsonl], Format::Jsonl).unwrap_err();
        assert!(err.to_string().contains("`ner` cannot write md"), "{err}");
    }
}
