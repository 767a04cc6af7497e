//! `tintuc extract [INPUT]...`: HTML files, directories (recursive `*.html`/`*.htm`, sorted),
//! `-` for stdin, http(s) URLs, or the HTML responses of WARC files (`--warc`) -> one record per page.
//!
//! The arguments are turned into a frozen [`Config`] once; a producer thread expands the inputs
//! into jobs (reading WARC files lazily), `-j` worker threads process them, and the records are
//! written in input order, at most [`REORDER_WINDOW`] jobs ahead of the writer so memory stays
//! bounded. A bad input is reported on stderr (one line naming it and the cause), counted, and only
//! changes the exit code. Pages of a WARC file that are not articles (listings, images, redirects)
//! are skipped and counted, not failures.

use std::io::BufRead;
use std::io::{Read, Write};
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
use tintuc::warc::read::{html_responses, WarcPage};

/// How far the workers may run ahead of the writer, in jobs per thread.
const REORDER_WINDOW: usize = 32;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 every input extracted; 1 some inputs failed (each named on stderr with its cause, \
the others still processed); 2 usage error or nothing could be done.\n\
A listing or home page is an input without an article: it is reported and counted, never turned into a record."
)]
pub struct Args {
    /// HTML files, directories (recursive *.html, *.htm), `-` for stdin, or http(s) URLs.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Original address of the (single) input: used for the site profile, absolute links and `url`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Output format: json, jsonl or csv (default: json for one input, jsonl for several).
    #[arg(long, value_parser = super::format_among(&[Format::Json, Format::Jsonl, Format::Csv]))]
    pub format: Option<Format>,
    /// The table written with `--format csv`: articles (default), people, organizations, places, dates.
    #[arg(long)]
    pub table: Option<Table>,
    /// Read the HTML responses of WARC files (tintuc, wget, Heritrix; .warc or .warc.gz);
    /// `--warc -` reads WARC file paths from stdin, one per line.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub warc: Vec<String>,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of threads.
    #[arg(short = 'j', long = "jobs", value_name = "N", default_value_t = 1)]
    pub jobs: usize,
    /// Extra site profiles (TOML, same shape as the built-in ones); they win over built-ins.
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
    /// Extra lexicon tables for entity recognition (a directory laid out like `data/lexicon/`).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Largest page accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PAGE_BYTES)]
    pub max_size: u64,
    /// No summary line on stderr (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

/// One input to process.
#[derive(Debug, Clone)]
enum Job {
    File(PathBuf),
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
            Job::File(path) | Job::Warc(path) => path.display().to_string(),
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
    /// A problem the producer met (an unreadable WARC file, a corrupt record), already described.
    Fail(String),
}

/// What became of one task.
enum Outcome {
    Record(Box<Record>),
    /// One line naming the input and the cause.
    Failed(String),
    /// A WARC record that holds no article page: counted, not a failure.
    Skipped,
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
    profiles: Profiles,
    recognizer: Recognizer,
    max_bytes: u64,
    threads: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (config, mut failed) = configure(&args)?;
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = open_sink(config.format, config.table, out)?;
    let (mut extracted, mut skipped) = (0usize, 0usize);
    for outcome in process_in_order(Arc::new(config)) {
        match outcome {
            Outcome::Record(record) => {
                sink.write_record(&record)?;
                extracted += 1;
            }
            Outcome::Failed(line) => {
                eprintln!("tintuc: {line}");
                failed += 1;
            }
            Outcome::Skipped => skipped += 1,
        }
    }
    sink.finish()?;
    if !args.quiet {
        let skipped = if skipped > 0 {
            format!(", {skipped} WARC records without an article skipped")
        } else {
            String::new()
        };
        eprintln!("{extracted} extracted, {failed} failed{skipped}");
    }
    Ok(super::batch_exit(failed))
}

/// Turns the raw arguments into the run's configuration; inputs that cannot be listed are
/// reported and counted as failures.
fn configure(args: &Args) -> anyhow::Result<(Config, usize)> {
    let profiles = match &args.profiles {
        Some(path) => Profiles::load_toml(path)?,
        None => Profiles::builtin(),
    };
    let mut jobs = Vec::new();
    let mut failed = 0;
    let inputs: Vec<String> = if args.inputs.is_empty() && args.warc.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs.clone()
    };
    for input in &inputs {
        if input == "-" {
            jobs.push(Job::Stdin);
        } else if input.starts_with("http://") || input.starts_with("https://") {
            jobs.push(Job::Url(input.clone()));
        } else {
            let path = Path::new(input);
            if path.is_dir() {
                let mut found = Vec::new();
                if let Err(err) = list_html(path, &mut found) {
                    eprintln!("tintuc: {input}: cannot list directory: {err}");
                    failed += 1;
                }
                found.sort();
                jobs.extend(found.into_iter().map(Job::File));
            } else {
                jobs.push(Job::File(path.to_path_buf()));
            }
        }
    }
    for warc in &args.warc {
        jobs.push(if warc == "-" {
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
    let single_page = jobs.len() == 1 && args.warc.is_empty();
    let format = args.format.unwrap_or(if single_page {
        Format::Json
    } else {
        Format::Jsonl
    });
    let config = Config {
        jobs,
        url: args.url.clone(),
        format,
        table: args.table,
        profiles,
        recognizer: Recognizer::new(&super::ner::lexicons(args.lexicon.as_deref())?),
        max_bytes: args.max_size,
        threads: args.jobs.max(1),
    };
    Ok((config, failed))
}

/// Recursive `*.html` / `*.htm` files of a directory.
fn list_html(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            list_html(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        {
            found.push(path);
        }
    }
    Ok(())
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
                    Job::WarcList => std::io::stdin()
                        .lock()
                        .lines()
                        .map_while(Result::ok)
                        .filter(|line| !line.trim().is_empty())
                        .all(|line| warc_tasks(Path::new(line.trim()), &mut send)),
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
                    .unwrap_or_else(|_| {
                        Outcome::Failed(format!(
                            "{name}: internal error while processing this input (please report it)"
                        ))
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
            Err(err) => Task::Fail(err.to_string()),
        })
    })
}

fn task_name(task: &Task) -> String {
    match task {
        Task::Input(job) => job.name(),
        Task::Page(page) => format!("{}: offset {}: {}", page.file, page.offset, page.target_uri),
        Task::Skip | Task::Fail(_) => String::new(),
    }
}

/// Runs one task.
fn run_task(task: Task, config: &Config) -> Outcome {
    let name = task_name(&task);
    match task {
        Task::Skip => Outcome::Skipped,
        Task::Fail(line) => Outcome::Failed(line),
        Task::Input(job) => match process_job(&job, config) {
            Ok(record) => Outcome::Record(Box::new(record)),
            Err(message) => Outcome::Failed(format!("{name}: {message}")),
        },
        Task::Page(page) => {
            let ctx = PageContext {
                url: Some(&page.target_uri),
                content_type: page.content_type.as_deref(),
                profiles: &config.profiles,
                max_bytes: config.max_bytes,
            };
            match pipeline::process_page_with(&page.body, &ctx, &config.recognizer) {
                Ok(mut record) => {
                    record.provenance = page.provenance();
                    Outcome::Record(Box::new(record))
                }
                Err(PageError::NoArticle(_)) => Outcome::Skipped,
                Err(err) => Outcome::Failed(format!("{name}: {err}")),
            }
        }
    }
}

/// Reads one job's bytes and runs the pipeline on them.
fn process_job(job: &Job, config: &Config) -> Result<Record, String> {
    let mut fetched_at = None;
    let (bytes, url, content_type, status) = match job {
        Job::File(path) => {
            let size = std::fs::metadata(path)
                .map_err(|e| format!("cannot read: {e}"))?
                .len();
            if size > config.max_bytes {
                return Err(PageError::TooLarge {
                    size,
                    limit: config.max_bytes,
                }
                .to_string());
            }
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
            (bytes, config.url.clone(), None, None)
        }
        Job::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(config.max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            (bytes, config.url.clone(), None, None)
        }
        Job::Warc(_) | Job::WarcList => {
            return Err("a WARC input is read record by record, not as one page".into());
        }
        Job::Url(url) => {
            let opts = GetOptions {
                max_bytes: config.max_bytes,
                ..GetOptions::default()
            };
            let page = fetch::get_one(url, &opts).map_err(|e| e.to_string())?;
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
    let ctx = PageContext {
        url: url.as_deref(),
        content_type: content_type.as_deref(),
        profiles: &config.profiles,
        max_bytes: config.max_bytes,
    };
    let mut record =
        pipeline::process_page_with(&bytes, &ctx, &config.recognizer).map_err(|e| e.to_string())?;
    record.provenance.input = Some(job.name());
    record.provenance.status = status;
    record.provenance.fetched_at = fetched_at;
    Ok(record)
}
