//! The frozen configuration of a harvest: built once from the command line (or by a library
//! user), read by every part of the run.

use std::path::PathBuf;
use std::time::Duration;

use regex::Regex;

use super::records::RecordOptions;
use crate::extract::Profiles;
use crate::fetch::client::ClientConfig;
use crate::fetch::progress::LogFormat;
use crate::fetch::revisit::RevisitPolicy;
use crate::fetch::scheduler::{BreakerPolicy, RetryPolicy};

/// Everything a harvest needs, frozen before it starts.
#[derive(Debug, Clone)]
pub struct HarvestConfig {
    pub seeds: Vec<String>,
    pub out: PathBuf,
    pub delay: Duration,
    pub concurrency: usize,
    pub per_host: usize,
    pub max_pages: Option<u64>,
    pub max_depth: Option<u32>,
    pub include: Option<Regex>,
    pub exclude: Option<Regex>,
    pub client: ClientConfig,
    pub warc_max_bytes: u64,
    pub retry: RetryPolicy,
    pub breaker: BreakerPolicy,
    pub revisit: RevisitPolicy,
    pub max_redirects: u32,
    pub profiles: Profiles,
    pub records: RecordOptions,
    pub log_format: LogFormat,
    pub quiet: bool,
    /// Look for `/sitemap.xml` when robots.txt names no sitemap.
    pub probe_sitemap: bool,
}
