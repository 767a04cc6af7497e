//! `tintuc extract [INPUT]...`: HTML files, folders (walked by [`walk`](super::walk)), `-` for
//! stdin, http(s) URLs, lists of them (`-i FILE`), or the HTML responses of WARC files (`--warc`)
//! -> one record per page.
//!
//! The arguments are turned into a frozen [`Config`] once; a producer thread expands the inputs
//! into tasks (reading WARC files lazily), `-j` worker threads process them, and the records are
//! written in input order, at most [`REORDER_WINDOW`] tasks ahead of the writer so memory stays
//! bounded. A bad input is reported on stderr (one line naming it and the cause), counted, and only
//! changes the exit code. Pages of a WARC file that are not articles (listings, images, redirects)
//! are skipped and counted, not failures. Every input is read up to `--max-size` + 1 bytes at most.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Arc, Condvar, Mutex};

use anyhow::Context;
use tintuc::error::PageError;
use tintuc::extract::Profiles;
use tintuc::fetch::{self, GetOptions};
use tintuc::model::Record;
use tintuc::ner::Recognizer;
use tintuc::output::{open_sink, Format, RecordSink, Table};
use tintuc::pipeline::{self, PageContext, DEFAULT_MAX_PAGE_BYTES};
use tintuc::warc::read::{html_responses, WarcError, WarcPage};

use super::destination::{pick_format, relative_stem, Destination, FileNames, LazyFile};
use super::input::{self, ReadError};
use super::progress::Progress;
use super::walk::{self, some_names};
use super::Tally;

/// How far the workers may run ahead of the writer, in tasks per thread.
const REORDER_WINDOW: usize = 32;

/// Formats `extract` writes: all of them.
const FORMATS: [Format; 6] = Format::ALL;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Output: pretty JSON for one page on a terminal, JSONL (one record a line) otherwise; -o FILE picks \
the format from its extension (.json .jsonl .csv .xlsx .txt .md); -o DIR/ writes one file per input \
(pretty JSON unless --format says otherwise), in the layout of the input folders.
Folders: every page below them, each file once: *.html, *.htm, *.xhtml, *.aspx, *.php ... in any \
case (also .gz), and files without such a name whose first bytes are HTML; other files are \
skipped and named, hidden ones counted; symbolic links are followed, cycles reported.
A listing or home page is an input without an article: it is reported and counted, never turned \
into a record.

Exit codes: 0 every input extracted; 1 some inputs failed (each named on stderr with its cause, \
the others still processed); 2 usage error, or nothing could be done (no input could be read): \
then no output file is left behind.")]
pub struct Args {
    /// HTML files, folders, `-` for stdin, or http(s) URLs.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Read more inputs (paths or URLs), one a line, from FILE (`-` for stdin); `#` starts a comment.
    #[arg(short = 'i', long = "input-list", value_name = "FILE")]
    pub input_list: Option<String>,
    /// Original address of the (single) input: used for the site profile, absolute links and `url`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// json, jsonl, csv, xlsx, txt (title, lead and body) or md (Markdown); default: see below.
    #[arg(long, value_parser = super::format_among(&FORMATS))]
    pub format: Option<Format>,
    /// The table written with `--format csv`: articles (default), people, organizations, places, dates.
    #[arg(long)]
    pub table: Option<Table>,
    /// Read the HTML responses of WARC files (tintuc, wget, Heritrix; .warc or .warc.gz);
    /// `--warc -` reads WARC file paths from stdin, one per line.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub warc: Vec<String>,
    /// Write to FILE (format from its extension), or one file per input into DIR/.
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
    pub output: Option<PathBuf>,
    /// Number of threads.
    #[arg(short = 'j', long = "jobs", value_name = "N", default_value_t = 1)]
    pub jobs: usize,
    /// Extra site profiles (TOML, same shape as the built-in ones); they win over built-ins.
    /// `none` turns every profile off (the generic extractor alone).
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
    /// Extra lexicon tables for entity recognition (a directory laid out like `data/lexicon/`).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Largest page accepted, in bytes; no input is read further than this.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PAGE_BYTES)]
    pub max_size: u64,
    /// No progress bar, no notes on skipped files, no summary line (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

/// One input to process.
#[derive(Debug, Clone)]
enum Job {
    /// A file; `relative` is its path below the folder it was found in (or its name).
    File {
        path: PathBuf,
        relative: PathBuf,
    },
    Stdin,
    Url(String),
    /// A WARC file (expanded into its pages by the producer).
    Warc(PathBuf),
    /// WARC file paths on stdin, one per line.
    WarcList,
}

impl Job {
    fn name(&self) -> String {
        match self {
            Job::File { path, .. } | Job::Warc(path) => path.display().to_string(),
            Job::Stdin | Job::WarcList => "-".to_string(),
            Job::Url(url) => url.clone(),
        }
    }
}

/// One unit of work for a worker thread.
enum Task {
    Input(Job),
    Page(Box<WarcPage>),
    /// A WARC record without an HTML page (an image, a redirect, a 404).
    Skip,
    /// A problem the producer met, already described; `read`: whether anything was read.
    Fail {
        message: String,
        read: bool,
    },
}

/// What became of one task.
enum Outcome {
    Record {
        record: Box<Record>,
        bytes: u64,
        /// The output file's path below `-o DIR`, without extension.
        stem: PathBuf,
    },
    /// One line naming the input and the cause; `read`: whether the input's bytes were read.
    Failed {
        message: String,
        read: bool,
        bytes: u64,
    },
    /// A WARC record that holds no article page: counted, not a failure.
    Skipped { bytes: u64 },
}

/// Messages from the producer and the workers to the writer.
enum Done {
    Task(usize, Outcome),
    /// The producer is finished: there were this many tasks.
    End(usize),
}

/// The frozen configuration of one run.
struct Config {
    jobs: Vec<Job>,
    url: Option<String>,
    format: Format,
    table: Option<Table>,
    destination: Destination,
    profiles: Profiles,
    recognizer: Recognizer,
    max_bytes: u64,
    threads: usize,
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (config, mut tally) = configure(&args)?;
    let config = Arc::new(config);
    // Records shown on the terminal are their own progress; a bar would garble them.
    let mut progress = Progress::new("pages", config.quiet || config.destination.is_terminal());
    let from_warc = config
        .jobs
        .iter()
        .any(|j| matches!(j, Job::Warc(_) | Job::WarcList));
    if !from_warc {
        progress.set_totals(Some(config.jobs.len() as u64), None);
    }
    let mut output = Output::open(&config)?;
    let (mut extracted, mut skipped) = (0usize, 0usize);
    for outcome in process_in_order(Arc::clone(&config)) {
        match outcome {
            Outcome::Record {
                record,
                bytes,
                stem,
            } => {
                tally.read += 1;
                output.write(&record, &stem, &config)?;
                extracted += 1;
                progress.advance(1, bytes, 0);
            }
            Outcome::Failed {
                message,
                read,
                bytes,
            } => {
                tally.read += usize::from(read);
                tally.failed += 1;
                progress.message(&format!("tintuc: {message}"));
                progress.advance(1, bytes, 1);
            }
            Outcome::Skipped { bytes } => {
                tally.read += 1;
                skipped += 1;
                progress.advance(1, bytes, 0);
            }
        }
    }
    progress.finish();
    output.finish(&tally)?;
    for notice in output.notices() {
        eprintln!("tintuc: warning: {notice}");
    }
    if !args.quiet {
        let skipped = if skipped > 0 {
            format!(", {skipped} WARC records without an article skipped")
        } else {
            String::new()
        };
        eprintln!("{extracted} extracted, {} failed{skipped}", tally.failed);
    }
    Ok(super::batch_exit(tally))
}

/// Where the records go: one sink (stdout or a file), or one file per input.
enum Output {
    One {
        sink: Box<dyn RecordSink>,
        file: Option<PathBuf>,
    },
    PerInput {
        dir: PathBuf,
        names: FileNames,
        notices: Vec<String>,
    },
}

impl Output {
    fn open(config: &Config) -> anyhow::Result<Output> {
        Ok(match &config.destination {
            Destination::Stdout => Output::One {
                sink: open_sink(config.format, config.table, std::io::stdout())?,
                file: None,
            },
            Destination::File(path) => Output::One {
                sink: open_sink(config.format, config.table, LazyFile::new(path))?,
                file: Some(path.clone()),
            },
            Destination::Dir(dir) => Output::PerInput {
                dir: dir.clone(),
                names: FileNames::default(),
                notices: Vec::new(),
            },
        })
    }

    fn write(&mut self, record: &Record, stem: &Path, config: &Config) -> anyhow::Result<()> {
        match self {
            Output::One { sink, .. } => Ok(sink.write_record(record)?),
            Output::PerInput {
                dir,
                names,
                notices,
            } => {
                let path = names.claim(dir, stem, config.format);
                let mut sink = open_sink(config.format, config.table, LazyFile::new(&path))?;
                sink.write_record(record)?;
                sink.finish()?;
                notices.extend(sink.notices());
                Ok(())
            }
        }
    }

    /// Finishes the output; when nothing could be done, writes nothing at all.
    fn finish(&mut self, tally: &Tally) -> anyhow::Result<()> {
        if tally.nothing_done() {
            return Ok(());
        }
        match self {
            Output::One { sink, file } => {
                sink.finish()?;
                if let Some(path) = file.as_deref().filter(|p| !p.exists()) {
                    LazyFile::new(path).create_now()?;
                }
            }
            Output::PerInput { dir, .. } => {
                std::fs::create_dir_all(&*dir)
                    .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            }
        }
        Ok(())
    }

    fn notices(&self) -> Vec<String> {
        match self {
            Output::One { sink, .. } => sink.notices(),
            Output::PerInput { notices, .. } => notices.clone(),
        }
    }
}

/// Turns the raw arguments into the run's configuration; inputs that cannot be listed are
/// reported and counted as failures.
fn configure(args: &Args) -> anyhow::Result<(Config, Tally)> {
    let profiles = Profiles::from_option(args.profiles.as_deref())
        .context("cannot load the site profiles (--profiles)")?;
    let mut tally = Tally::default();
    let mut inputs: Vec<String> = args.inputs.clone();
    if let Some(list) = &args.input_list {
        if list == "-" {
            input::hint_if_waiting("a list of inputs");
        }
        inputs.extend(input::read_list(list)?);
    }
    if inputs.is_empty() && args.warc.is_empty() && args.input_list.is_none() {
        inputs.push("-".to_string());
    }
    let mut jobs = Vec::new();
    for item in &inputs {
        if item == "-" {
            input::hint_if_waiting("an HTML page");
            jobs.push(Job::Stdin);
        } else if input::is_url(item) {
            jobs.push(Job::Url(item.clone()));
        } else {
            let path = Path::new(item);
            if path.is_dir() {
                tally.failed += add_folder(path, &mut jobs, args.quiet);
            } else {
                let relative = path.file_name().map(PathBuf::from).unwrap_or_default();
                jobs.push(Job::File {
                    path: path.to_path_buf(),
                    relative,
                });
            }
        }
    }
    for warc in &args.warc {
        jobs.push(if warc == "-" {
            input::hint_if_waiting("WARC file paths");
            Job::WarcList
        } else {
            Job::Warc(PathBuf::from(warc))
        });
    }
    if args.url.is_some() && (jobs.len() > 1 || !args.warc.is_empty()) {
        anyhow::bail!(
            "--url names the address of one input, but {} inputs were given",
            jobs.len()
        );
    }
    let destination = Destination::of(args.output.as_deref(), true);
    let single_page = jobs.len() == 1 && args.warc.is_empty();
    let default = match destination {
        Destination::Dir(_) => Format::Json,
        _ if single_page && destination.is_terminal() => Format::Json,
        _ => Format::Jsonl,
    };
    let format = pick_format("extract", args.format, &destination, &FORMATS, default)?;
    if args.table.is_some() && format != Format::Csv && format != Format::Xlsx {
        anyhow::bail!("--table applies to csv and xlsx, not {format}");
    }
    let config = Config {
        jobs,
        url: args.url.clone(),
        format,
        table: args.table,
        destination,
        profiles,
        recognizer: Recognizer::new(&super::ner::lexicons(args.lexicon.as_deref())?),
        max_bytes: args.max_size,
        threads: args.jobs.max(1),
        quiet: args.quiet,
    };
    Ok((config, tally))
}

/// Adds the pages under a folder as jobs and reports what the walk met; returns the failures
/// (unreadable paths, a folder without pages).
fn add_folder(dir: &Path, jobs: &mut Vec<Job>, quiet: bool) -> usize {
    let found = walk::walk(dir);
    let name = dir.display();
    let mut failed = found.unreadable.len();
    for problem in &found.unreadable {
        eprintln!("tintuc: {problem}");
    }
    if !quiet {
        for cycle in &found.cycles {
            eprintln!(
                "tintuc: {}: leads back to a folder already walked (a link cycle): not followed",
                cycle.display()
            );
        }
        if !found.not_html.is_empty() {
            eprintln!(
                "tintuc: {name}: skipped {} file(s) that are not HTML pages: {}",
                found.not_html.len(),
                some_names(dir, &found.not_html)
            );
        }
        if !found.warc.is_empty() {
            eprintln!(
                "tintuc: {name}: skipped {} WARC file(s): {} (read them with --warc)",
                found.warc.len(),
                some_names(dir, &found.warc)
            );
        }
        if found.hidden > 0 {
            eprintln!(
                "tintuc: {name}: skipped {} hidden file(s) or folder(s) (name starting with '.')",
                found.hidden
            );
        }
    }
    if found.pages.is_empty() && found.unreadable.is_empty() {
        eprintln!("tintuc: {name}: no HTML pages in this folder");
        failed += 1;
    }
    jobs.extend(found.pages.into_iter().map(|page| Job::File {
        path: page.path,
        relative: page.relative,
    }));
    failed
}

/// Expands the jobs into tasks on a producer thread, processes them on `threads` workers and
/// yields the outcomes in input order. The producer waits while it is more than the reorder window
/// ahead of what was yielded, so a slow page never lets results pile up.
fn process_in_order(config: Arc<Config>) -> impl Iterator<Item = Outcome> {
    let threads = config.threads.max(1);
    let window = threads * REORDER_WINDOW;
    let yielded = Arc::new((Mutex::new(0usize), Condvar::new()));
    let (task_tx, task_rx) = mpsc::sync_channel::<(usize, Task)>(threads * 2);
    let task_rx = Arc::new(Mutex::new(task_rx));
    let (done_tx, done_rx) = mpsc::channel::<Done>();

    {
        let (config, yielded, done_tx) =
            (Arc::clone(&config), Arc::clone(&yielded), done_tx.clone());
        std::thread::spawn(move || {
            let mut index = 0usize;
            let mut send = |task: Task| -> bool {
                let (lock, ready) = &*yielded;
                let mut done = lock.lock().unwrap_or_else(|p| p.into_inner());
                while index >= *done + window {
                    done = ready.wait(done).unwrap_or_else(|p| p.into_inner());
                }
                drop(done);
                let sent = task_tx.send((index, task)).is_ok();
                index += 1;
                sent
            };
            for job in &config.jobs {
                let keep_going = match job {
                    Job::Warc(path) => warc_tasks(path, &mut send),
                    Job::WarcList => {
                        use std::io::BufRead;
                        std::io::stdin()
                            .lock()
                            .lines()
                            .map_while(Result::ok)
                            .filter(|line| !line.trim().is_empty())
                            .all(|line| warc_tasks(Path::new(line.trim()), &mut send))
                    }
                    other => send(Task::Input(other.clone())),
                };
                if !keep_going {
                    break;
                }
            }
            let _ = done_tx.send(Done::End(index));
        });
    }

    for _ in 0..threads {
        let (task_rx, done_tx, config) =
            (Arc::clone(&task_rx), done_tx.clone(), Arc::clone(&config));
        std::thread::spawn(move || loop {
            let next = task_rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
            let Ok((index, task)) = next else { break };
            // A bug must cost one input, never the batch.
            let name = task_name(&task);
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_task(task, &config)))
                    .unwrap_or_else(|_| Outcome::Failed {
                        message: format!(
                            "{name}: internal error while processing this input (please report it)"
                        ),
                        read: true,
                        bytes: 0,
                    });
            if done_tx.send(Done::Task(index, outcome)).is_err() {
                break;
            }
        });
    }
    drop(done_tx);

    let mut pending: std::collections::BTreeMap<usize, Outcome> = Default::default();
    let mut expected = 0usize;
    let mut total: Option<usize> = None;
    std::iter::from_fn(move || loop {
        if total.is_some_and(|t| expected >= t) {
            return None;
        }
        if let Some(outcome) = pending.remove(&expected) {
            expected += 1;
            let (lock, ready) = &*yielded;
            *lock.lock().unwrap_or_else(|p| p.into_inner()) = expected;
            ready.notify_all();
            return Some(outcome);
        }
        match done_rx.recv() {
            Ok(Done::End(count)) => total = Some(count),
            Ok(Done::Task(index, outcome)) => {
                pending.insert(index, outcome);
            }
            Err(_) => return None,
        }
    })
}

/// Sends the pages of one WARC file as tasks, in file order; false when the run is over.
fn warc_tasks(path: &Path, send: &mut dyn FnMut(Task) -> bool) -> bool {
    html_responses(path).all(|item| {
        send(match item {
            Ok(page) => Task::Page(Box::new(page)),
            Err(err) if err.is_skip() => Task::Skip,
            Err(err) => Task::Fail {
                read: !matches!(err, WarcError::Open { .. }),
                message: err.to_string(),
            },
        })
    })
}

fn task_name(task: &Task) -> String {
    match task {
        Task::Input(job) => job.name(),
        Task::Page(page) => format!("{}: offset {}: {}", page.file, page.offset, page.target_uri),
        Task::Skip | Task::Fail { .. } => String::new(),
    }
}

/// Runs one task.
fn run_task(task: Task, config: &Config) -> Outcome {
    let name = task_name(&task);
    match task {
        Task::Skip => Outcome::Skipped { bytes: 0 },
        Task::Fail { message, read } => Outcome::Failed {
            message,
            read,
            bytes: 0,
        },
        Task::Input(job) => process_job(&job, config),
        Task::Page(page) => {
            let bytes = page.body.len() as u64;
            let ctx = PageContext {
                url: Some(&page.target_uri),
                content_type: page.content_type.as_deref(),
                profiles: &config.profiles,
                max_bytes: config.max_bytes,
            };
            match pipeline::process_page_with(&page.body, &ctx, &config.recognizer) {
                Ok(mut record) => {
                    record.provenance = page.provenance();
                    let stem = PathBuf::from(record.id.clone().unwrap_or_default());
                    Outcome::Record {
                        record: Box::new(record),
                        bytes,
                        stem,
                    }
                }
                Err(PageError::NoArticle(_)) => Outcome::Skipped { bytes },
                Err(err) => Outcome::Failed {
                    message: format!("{name}: {err}"),
                    read: true,
                    bytes,
                },
            }
        }
    }
}

/// An input that could not be read (nothing read), or was too large (read up to the limit).
fn read_failure(name: &str, err: ReadError, limit: u64) -> Outcome {
    let read = matches!(err, ReadError::TooLarge { .. });
    Outcome::Failed {
        message: format!("{name}: {err}"),
        read,
        bytes: if read { limit } else { 0 },
    }
}

/// Reads one job's bytes (never more than `--max-size` + 1) and runs the pipeline on them.
fn process_job(job: &Job, config: &Config) -> Outcome {
    let name = job.name();
    let unread = |message: String| Outcome::Failed {
        message: super::named(&name, &message),
        read: false,
        bytes: 0,
    };
    let mut fetched_at = None;
    let (bytes, url, content_type, status) = match job {
        Job::File { path, .. } => {
            let known_size = std::fs::metadata(path)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            if let Some(size) = known_size.filter(|&s| s > config.max_bytes) {
                return Outcome::Failed {
                    message: format!(
                        "{name}: {size} bytes, over the limit of {} bytes (--max-size)",
                        config.max_bytes
                    ),
                    read: true,
                    bytes: 0,
                };
            }
            // A saved page may be gzip-compressed (`page.html.gz`).
            let read = input::open_file(path)
                .map_err(ReadError::Io)
                .and_then(|reader| input::read_capped(reader, config.max_bytes));
            match read {
                Ok(bytes) => (bytes, config.url.clone(), None, None),
                Err(err) => return read_failure(&name, err, config.max_bytes),
            }
        }
        Job::Stdin => match input::read_capped(std::io::stdin().lock(), config.max_bytes) {
            Ok(bytes) => (bytes, config.url.clone(), None, None),
            Err(err) => return read_failure(&name, err, config.max_bytes),
        },
        Job::Warc(_) | Job::WarcList => {
            return unread("a WARC input is read record by record, not as one page".into());
        }
        Job::Url(url) => {
            let opts = GetOptions {
                max_bytes: config.max_bytes,
                ..GetOptions::default()
            };
            let page = match fetch::get_one(url, &opts) {
                Ok(page) => page,
                Err(err) => return unread(err.to_string()),
            };
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            fetched_at = now
                .ok()
                .map(|d| tintuc::extract::dates::format_utc(d.as_secs() as i64));
            (
                page.body,
                Some(page.url),
                page.content_type,
                Some(page.status),
            )
        }
    };
    let size = bytes.len() as u64;
    let failed = |message: String| Outcome::Failed {
        message: super::named(&name, &message),
        read: true,
        bytes: size,
    };
    if bytes.starts_with(b"WARC/") {
        return failed(format!(
            "a WARC file, not a page: read it with `tintuc extract --warc {name}`"
        ));
    }
    let ctx = PageContext {
        url: url.as_deref(),
        content_type: content_type.as_deref(),
        profiles: &config.profiles,
        max_bytes: config.max_bytes,
    };
    match pipeline::process_input(&bytes, &ctx, &name, &config.recognizer) {
        Ok(mut record) => {
            record.provenance.status = status;
            record.provenance.fetched_at = fetched_at;
            let stem = match job {
                Job::File { relative, .. } => relative_stem(relative),
                Job::Stdin => PathBuf::from("stdin"),
                _ => PathBuf::from(record.id.clone().unwrap_or_default()),
            };
            Outcome::Record {
                record: Box::new(record),
                bytes: size,
                stem,
            }
        }
        Err(err) => failed(err.to_string()),
    }
}
