//! Polite HTTP: one GET for `tintuc extract URL`, and the crawler.
//!
//! ```text
//! seeds -> state (SQLite frontier) -> scheduler (per-host delay, robots, backoff)
//!       -> client (raw exchange) -> warc (archive) -> discovery (links, feeds, sitemaps)
//!       -> pipeline::process_page (article?) -> articles.jsonl + state commit
//! ```
//!
//! `client` does one exchange, `robots` answers "allowed?", `scheduler` is the only place that
//! decides when a host may be asked again, `discovery` turns bodies into canonical in-scope
//! links, `state` remembers everything across runs and `crawl` ties them together.

use std::time::Duration;

use crate::error::Error;

pub mod client;
pub mod clock;
pub mod crawl;
pub mod discovery;
mod emit;
pub mod page;
pub mod progress;
pub mod resume;
pub mod robots;
pub mod scheduler;
pub mod state;

/// Default user agent: names tintuc and its home page.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "tintuc/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/tintuc/tintuc)"
);

/// A fetched response.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// The final URL after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    /// The decompressed body.
    pub body: Vec<u8>,
}

/// Options for a single polite GET.
#[derive(Debug, Clone)]
pub struct GetOptions {
    pub user_agent: String,
    pub timeout: Duration,
    pub max_bytes: u64,
    pub insecure_tls: bool,
}

impl Default for GetOptions {
    fn default() -> Self {
        GetOptions {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            timeout: Duration::from_secs(30),
            max_bytes: crate::pipeline::DEFAULT_MAX_PAGE_BYTES,
            insecure_tls: false,
        }
    }
}

/// One polite GET (robots.txt checked first), blocking. Used by `tintuc extract URL`.
/// Redirects are followed (up to [`crawl::DEFAULT_MAX_REDIRECTS`]), each hop checked against
/// the robots.txt of its host; an error status is an error.
pub fn get_one(url: &str, opts: &GetOptions) -> Result<FetchedPage, Error> {
    let fetch_err = |message: String| Error::Fetch {
        url: url.to_string(),
        message,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fetch_err(format!("cannot start runtime: {e}")))?;
    let client = client::Client::new(client::ClientConfig {
        user_agent: opts.user_agent.clone(),
        connect_timeout: client::DEFAULT_CONNECT_TIMEOUT.min(opts.timeout),
        timeout: opts.timeout,
        max_bytes: opts.max_bytes,
        insecure_tls: opts.insecure_tls,
    })
    .map_err(fetch_err)?;
    let agent = opts
        .user_agent
        .split(['/', ' '])
        .next()
        .unwrap_or("tintuc")
        .to_ascii_lowercase();
    rt.block_on(async {
        let mut current = url::Url::parse(url).map_err(|e| fetch_err(format!("bad URL: {e}")))?;
        for _ in 0..=crawl::DEFAULT_MAX_REDIRECTS {
            let mut robots_url = current.clone();
            robots_url.set_path("/robots.txt");
            robots_url.set_query(None);
            robots_url.set_fragment(None);
            let (robots, unavailable) = robots_of(&client, robots_url, &agent).await;
            if !robots.allowed(&discovery::path_and_query(&current)) {
                let message = match unavailable {
                    Some(why) => format!("disallowed by robots.txt (unavailable: {why})"),
                    None => "disallowed by robots.txt".into(),
                };
                return Err(Error::Fetch {
                    url: current.to_string(),
                    message,
                });
            }
            if let Some(d) = robots.crawl_delay {
                tokio::time::sleep(d.min(Duration::from_secs(5))).await;
            }
            let resp = client
                .get(current.as_str(), &client::Validators::default())
                .await
                .map_err(|f| Error::Fetch {
                    url: current.to_string(),
                    message: f.to_string(),
                })?;
            if (300..400).contains(&resp.status) {
                if let Some(next) = resp.header("location").and_then(|l| current.join(l).ok()) {
                    current = next;
                    continue;
                }
            }
            if resp.status >= 400 {
                return Err(Error::Fetch {
                    url: current.to_string(),
                    message: format!("HTTP {}", resp.status),
                });
            }
            return Ok(FetchedPage {
                url: current.to_string(),
                status: resp.status,
                content_type: resp.content_type().map(str::to_string),
                body: resp.body,
            });
        }
        Err(fetch_err("too many redirects".into()))
    })
}

/// robots.txt for `get_one`: redirects followed (up to five), 4xx = allow all, a server error or
/// no answer = disallow all (RFC 9309), with the reason.
async fn robots_of(
    client: &client::Client,
    mut url: url::Url,
    agent: &str,
) -> (robots::Robots, Option<String>) {
    for _ in 0..=crawl::DEFAULT_MAX_REDIRECTS {
        match client
            .get(url.as_str(), &client::Validators::default())
            .await
        {
            Ok(r) if (200..300).contains(&r.status) => {
                return (
                    robots::Robots::parse(&String::from_utf8_lossy(&r.body), agent),
                    None,
                )
            }
            Ok(r) if (300..400).contains(&r.status) => {
                match r.header("location").and_then(|l| url.join(l).ok()) {
                    Some(next) => url = next,
                    None => return (robots::Robots::allow_all(), None),
                }
            }
            Ok(r) if (400..500).contains(&r.status) => return (robots::Robots::allow_all(), None),
            Ok(r) => {
                return (
                    robots::Robots::disallow_all(),
                    Some(format!("HTTP {}", r.status)),
                )
            }
            Err(f) => return (robots::Robots::disallow_all(), Some(f.to_string())),
        }
    }
    (robots::Robots::allow_all(), None)
}
