//! `tintuc extract [INPUT]...`: HTML files, directories (recursive `*.html`/`*.htm`, sorted),
//! `-` for stdin, or http(s) URLs -> one record per page.
//!
//! The arguments are turned into a frozen [`Config`] once; the inputs are expanded into a list of
//! jobs, processed on `-j` threads, and written in input order. A bad input is reported on stderr
//! (one line naming it and the cause), counted, and only changes the exit code.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use anyhow::Context;
use tintuc::error::PageError;
use tintuc::extract::Profiles;
use tintuc::fetch::{self, GetOptions};
use tintuc::model::Record;
use tintuc::output::{JsonWriter, JsonlWriter, RecordSink};
use tintuc::pipeline::{self, PageContext, DEFAULT_MAX_PAGE_BYTES};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty JSON: one object, or an array for several inputs.
    Json,
    /// One record per line.
    Jsonl,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 every input extracted; 1 some inputs failed (each named on stderr with its cause, \
the others still processed); 2 usage error or nothing could be done.\n\
A listing or home page is an input without an article: it is reported and counted, never turned into a record."
)]
pub struct Args {
    /// HTML files, directories (recursive *.html, *.htm), `-` for stdin, or http(s) URLs.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub inputs: Vec<String>,
    /// Original address of the (single) input: used for the site profile, absolute links and `url`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Output format (default: json for one input, jsonl for several).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of threads.
    #[arg(short = 'j', long = "jobs", value_name = "N", default_value_t = 1)]
    pub jobs: usize,
    /// Extra site profiles (TOML, same shape as the built-in ones); they win over built-ins.
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
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
}

impl Job {
    fn name(&self) -> String {
        match self {
            Job::File(path) => path.display().to_string(),
            Job::Stdin => "-".to_string(),
            Job::Url(url) => url.clone(),
        }
    }
}

/// The frozen configuration of one run.
struct Config {
    jobs: Vec<Job>,
    url: Option<String>,
    format: Format,
    profiles: Profiles,
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
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink: Box<dyn RecordSink> = match config.format {
        Format::Json => Box::new(JsonWriter::new(out)),
        Format::Jsonl => Box::new(JsonlWriter::new(out)),
    };
    let mut extracted = 0usize;
    let config = Arc::new(config);
    for (index, result) in process_in_order(Arc::clone(&config)) {
        let name = config.jobs[index].name();
        match result {
            Ok(record) => {
                sink.write_record(&record)?;
                extracted += 1;
            }
            Err(message) => {
                eprintln!("tintuc: {name}: {message}");
                failed += 1;
            }
        }
    }
    sink.finish()?;
    if !args.quiet {
        eprintln!("{extracted} extracted, {failed} failed");
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
    for input in &args.inputs {
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
    if args.url.is_some() && jobs.len() > 1 {
        anyhow::bail!(
            "--url names the address of one input, but {} inputs were given",
            jobs.len()
        );
    }
    let format = args.format.unwrap_or(if jobs.len() == 1 {
        Format::Json
    } else {
        Format::Jsonl
    });
    let config = Config {
        jobs,
        url: args.url.clone(),
        format,
        profiles,
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

/// Processes every job on `threads` threads and yields the results in input order.
fn process_in_order(config: Arc<Config>) -> impl Iterator<Item = (usize, Result<Record, String>)> {
    let (tx, rx) = mpsc::channel::<(usize, Result<Record, String>)>();
    let next = Arc::new(AtomicUsize::new(0));
    let threads = config.threads.min(config.jobs.len()).max(1);
    for _ in 0..threads {
        let (tx, next, config) = (tx.clone(), Arc::clone(&next), Arc::clone(&config));
        std::thread::spawn(move || loop {
            let index = next.fetch_add(1, Ordering::SeqCst);
            let Some(job) = config.jobs.get(index) else {
                break;
            };
            // A bug must cost one input, never the batch.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                process_job(job, &config)
            }))
            .unwrap_or_else(|_| {
                Err("internal error while processing this input (please report it)".into())
            });
            if tx.send((index, result)).is_err() {
                break;
            }
        });
    }
    drop(tx);
    let total = config.jobs.len();
    let mut pending: std::collections::BTreeMap<usize, Result<Record, String>> = Default::default();
    let mut expected = 0;
    std::iter::from_fn(move || {
        while expected < total {
            if let Some(result) = pending.remove(&expected) {
                expected += 1;
                return Some((expected - 1, result));
            }
            match rx.recv() {
                Ok((index, result)) => {
                    pending.insert(index, result);
                }
                Err(_) => return None,
            }
        }
        None
    })
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
    let mut record = pipeline::process_page(&bytes, &ctx).map_err(|e| e.to_string())?;
    record.provenance.input = Some(job.name());
    record.provenance.status = status;
    record.provenance.fetched_at = fetched_at;
    Ok(record)
}
