//! `tintuc crawl`: raw flags -> a frozen [`HarvestConfig`] -> [`tintuc::harvest::run_streaming`].
//! `--failures` prints the failures recorded in `DIR/state.sqlite` instead of crawling (read
//! only: it works on a harvest on read-only media).
//!
//! Exit status: 0, or 1 when a failure touched an article or a seed (a host given up with
//! articles left counts; a dead link in a menu does not: it is listed, not fatal), or 2 when
//! nothing could be done or the harvest could not be written (a full disk: the state is intact,
//! rerun to resume).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use regex::Regex;
use tintuc::extract::Profiles;
use tintuc::fetch::client::{ClientConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
use tintuc::fetch::progress::LogFormat;
use tintuc::fetch::revisit::{parse_duration, RevisitPolicy};
use tintuc::fetch::scheduler::{
    BreakerPolicy, RetryPolicy, DEFAULT_CONCURRENCY, DEFAULT_HOST_FAILURES, DEFAULT_HOST_PAUSE,
    DEFAULT_PER_HOST,
};
use tintuc::fetch::state::State;
use tintuc::fetch::{DEFAULT_MAX_REDIRECTS, DEFAULT_USER_AGENT};
use tintuc::harvest::records::parse_fields;
use tintuc::harvest::{Compression, HarvestConfig, RecordOptions, Stream};
use tintuc::output::{CsvTableSink, Format, Table};
use tintuc::pipeline::DEFAULT_MAX_PAGE_BYTES;
use tintuc::warc::write::DEFAULT_WARC_MAX_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompressArg {
    None,
    Gzip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormatArg {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Start pages; the crawl stays on their hosts.
    #[arg(value_name = "SEED_URL", required_unless_present = "failures")]
    pub seeds: Vec<String>,
    /// Harvest directory: articles.jsonl, warc/, state.sqlite. Rerunning resumes.
    #[arg(long, default_value = "./harvest")]
    pub out: PathBuf,
    /// Minimum gap between two requests to one host, in seconds (robots.txt Crawl-delay wins when larger).
    #[arg(long, default_value_t = 1.0)]
    pub delay: f64,
    /// Requests in flight overall.
    #[arg(long, default_value_t = DEFAULT_CONCURRENCY)]
    pub concurrency: usize,
    /// Requests in flight per host.
    #[arg(long, default_value_t = DEFAULT_PER_HOST)]
    pub per_host: usize,
    /// Stop after this many fetched pages (this run).
    #[arg(long)]
    pub max_pages: Option<u64>,
    /// Follow links at most this many clicks from a seed (pagination keeps its listing's depth).
    #[arg(long)]
    pub max_depth: Option<u32>,
    /// Only queue URLs matching this regex (seeds, feeds and sitemaps always).
    #[arg(long)]
    pub include: Option<String>,
    /// Never queue URLs matching this regex.
    #[arg(long)]
    pub exclude: Option<String>,
    /// User-Agent header; its first word is the token matched against robots.txt groups.
    #[arg(long, default_value = DEFAULT_USER_AGENT)]
    pub user_agent: String,
    /// Accept invalid TLS certificates (broken portal chains). Prints a warning.
    #[arg(long)]
    pub insecure_tls: bool,
    /// No log lines, no progress line, no summary (failures stay listed in the state).
    #[arg(short, long)]
    pub quiet: bool,
    /// Log lines as text or as one JSON object per line (when stderr is not a terminal).
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormatArg,
    /// Extra site profiles (TOML) for the extractor; `none` for the generic extractor alone.
    #[arg(long)]
    pub profiles: Option<PathBuf>,
    /// Timeout of one request, in seconds.
    #[arg(long, default_value_t = DEFAULT_TIMEOUT.as_secs_f64())]
    pub timeout: f64,
    /// Largest body accepted, in bytes (as received and decompressed).
    #[arg(long, default_value_t = DEFAULT_MAX_PAGE_BYTES)]
    pub max_size: u64,
    /// Start a new WARC file past this size, in bytes.
    #[arg(long, default_value_t = DEFAULT_WARC_MAX_BYTES)]
    pub warc_size: u64,
    /// Attempts per URL for 429/5xx/timeouts, the first included.
    #[arg(long, default_value_t = RetryPolicy::default().max_attempts)]
    pub attempts: u32,
    /// First retry backoff in seconds (doubles, capped at 300 s).
    #[arg(long, default_value_t = RetryPolicy::default().base.as_secs_f64())]
    pub backoff: f64,
    /// Do not look for /sitemap.xml when robots.txt names no sitemap.
    #[arg(long)]
    pub no_sitemap_probe: bool,
    /// Look again at every URL last checked this long ago or more (0s: every run; 12h, 7d ...).
    /// Default: articles by age (daily in their first week, weekly to a month, monthly to a
    /// year, then twice a year), listings and feeds hourly, failures after 1 day doubling to 30.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub revisit_after: Option<Duration>,
    /// Consecutive timeouts or connection failures after which a host is paused.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_HOST_FAILURES)]
    pub host_failures: u32,
    /// First pause of a failing host, in seconds (doubles; given up for the run on the second trip).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_HOST_PAUSE.as_secs_f64())]
    pub host_pause: f64,
    /// Compress the records file: `gzip` writes articles.jsonl.gz (read by `export`; `zcat | jq`).
    #[arg(long, value_enum, default_value = "none")]
    pub compress: CompressArg,
    /// Do not recognise entities (`entities` stays empty; saves 20-60% of the crawl's CPU).
    #[arg(long)]
    pub no_entities: bool,
    /// Keep only these record fields, comma-separated (url, version, supersedes and removed are
    /// always kept), e.g. `--fields title,published,site,lead`.
    #[arg(long, value_name = "LIST")]
    pub fields: Option<String>,
    /// Print the failures recorded in DIR/state.sqlite (URL, status, attempts, cause) and exit.
    #[arg(long)]
    pub failures: bool,
    /// Also stream each record to standard output as it is written: `jsonl`, or `csv` (one table,
    /// see `--table`), flushed per record so `| jq` and `| head` work.
    #[arg(long, value_parser = super::format_among(&[Format::Jsonl, Format::Csv]))]
    pub format: Option<Format>,
    /// The table streamed with `--format csv`: articles (default), people, organizations, places, dates.
    #[arg(long, requires = "format")]
    pub table: Option<Table>,
}

fn seconds(name: &str, v: f64) -> anyhow::Result<Duration> {
    if !v.is_finite() || v < 0.0 {
        bail!("--{name} must be a non-negative number of seconds, got {v}");
    }
    Ok(Duration::from_secs_f64(v))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.failures {
        return print_failures(&args.out);
    }
    let regex = |flag: &str, v: &Option<String>| -> anyhow::Result<Option<Regex>> {
        v.as_deref()
            .map(|r| Regex::new(r).with_context(|| format!("--{flag} {r:?}")))
            .transpose()
    };
    if args.insecure_tls && args.quiet {
        // The crawl's own warning is silenced by --quiet; this one never is.
        eprintln!("warning: --insecure-tls: TLS certificates are NOT verified");
    }
    for seed in &args.seeds {
        check_seed(seed)?;
    }
    let profiles = Profiles::from_option(args.profiles.as_deref())
        .context("cannot load the site profiles (--profiles)")?;
    let config = HarvestConfig {
        seeds: args.seeds,
        out: args.out,
        delay: seconds("delay", args.delay)?,
        concurrency: args.concurrency.max(1),
        per_host: args.per_host.max(1),
        max_pages: args.max_pages,
        max_depth: args.max_depth,
        include: regex("include", &args.include)?,
        exclude: regex("exclude", &args.exclude)?,
        client: ClientConfig {
            user_agent: args.user_agent,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT.min(seconds("timeout", args.timeout)?),
            timeout: seconds("timeout", args.timeout)?,
            max_bytes: args.max_size,
            insecure_tls: args.insecure_tls,
        },
        warc_max_bytes: args.warc_size,
        retry: RetryPolicy {
            max_attempts: args.attempts.max(1),
            base: seconds("backoff", args.backoff)?,
            ..RetryPolicy::default()
        },
        breaker: BreakerPolicy {
            trip_after: args.host_failures.max(1),
            pause: seconds("host-pause", args.host_pause)?,
            ..BreakerPolicy::default()
        },
        revisit: RevisitPolicy {
            after: args.revisit_after,
        },
        max_redirects: DEFAULT_MAX_REDIRECTS,
        profiles,
        records: RecordOptions {
            compression: match args.compress {
                CompressArg::None => Compression::None,
                CompressArg::Gzip => Compression::Gzip,
            },
            entities: !args.no_entities,
            fields: args
                .fields
                .as_deref()
                .map(parse_fields)
                .transpose()
                .map_err(anyhow::Error::msg)
                .context("--fields")?,
        },
        log_format: match args.log_format {
            LogFormatArg::Text => LogFormat::Text,
            LogFormatArg::Json => LogFormat::Json,
        },
        quiet: args.quiet,
        probe_sitemap: !args.no_sitemap_probe,
    };
    let stream = match args.format {
        Some(Format::Csv) => Some(Stream::Records(Box::new(CsvTableSink::new(
            args.table.unwrap_or(Table::Articles),
            std::io::stdout(),
        )))),
        Some(_) => Some(Stream::Lines(Box::new(std::io::stdout()))),
        None => None,
    };
    let summary = tintuc::harvest::run_streaming(config, stream)?;
    Ok(ExitCode::from(if summary.failed_articles == 0 {
        super::EXIT_OK
    } else {
        super::EXIT_SOME_FAILED
    }))
}

/// A seed must be an absolute http(s) URL; a bare host name gets the `https://` it lacks.
fn check_seed(seed: &str) -> anyhow::Result<()> {
    match url::Url::parse(seed) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(()),
        Ok(url) => bail!(
            "{seed}: not a web address (scheme `{}`); seeds start with https:// or http://",
            url.scheme()
        ),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let guess = format!("https://{seed}");
            match url::Url::parse(&guess) {
                Ok(url) if url.host_str().is_some_and(|h| h.contains('.')) => {
                    bail!("{seed}: not a URL (no https://); did you mean `tintuc crawl {guess}`?")
                }
                _ => bail!("{seed}: not a URL; seeds start with https:// or http://"),
            }
        }
        Err(err) => bail!("{seed}: not a URL: {err}"),
    }
}

fn print_failures(out: &std::path::Path) -> anyhow::Result<ExitCode> {
    let path = out.join("state.sqlite");
    if !path.exists() {
        bail!("{}: no crawl state here", path.display());
    }
    let state = State::open_read_only(&path).with_context(|| path.display().to_string())?;
    let failures = state
        .failures(true)
        .with_context(|| path.display().to_string())?;
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "url\tstatus\tattempt\tat\tcause")?;
    for f in &failures {
        let status = f
            .http_status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "-".into());
        writeln!(
            stdout,
            "{}\t{status}\t{}\t{}\t{}",
            f.url, f.attempt, f.at, f.cause
        )?;
    }
    Ok(ExitCode::from(super::EXIT_OK))
}
