//! Polite HTTP: the parts of a crawler that know nothing of articles, and one GET for
//! `tintuc extract URL`.
//!
//! ```text
//! seeds -> state (SQLite frontier, revisit times) -> scheduler (per-host delay, robots.txt,
//!       breaker) -> client (raw exchange) -> discovery (links, feeds, sitemaps)
//! ```
//!
//! `client` does one exchange, `robots` answers "allowed?", `scheduler` is the only place that
//! decides when a host may be asked again, `discovery` turns bodies into canonical in-scope
//! links, `revisit` decides when a URL is looked at again and `state` remembers everything
//! across runs. The harvest that ties them to the pipeline and the archive is
//! [`crate::harvest`]; nothing here runs the pipeline.

use std::time::Duration;

use crate::error::Error;

pub mod client;
pub mod clock;
pub mod discovery;
pub mod lock;
pub mod progress;
pub mod revisit;
pub mod robots;
pub mod scheduler;
pub mod state;

/// Redirect hops followed from one URL.
pub const DEFAULT_MAX_REDIRECTS: u32 = 5;

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
/// Redirects are followed (up to [`DEFAULT_MAX_REDIRECTS`]), each hop checked against
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
    let agent = robots::product_token(&opts.user_agent);
    rt.block_on(async {
        let mut current = url::Url::parse(url).map_err(|e| fetch_err(format!("bad URL: {e}")))?;
        for _ in 0..=DEFAULT_MAX_REDIRECTS {
            let mut robots_url = current.clone();
            robots_url.set_path("/robots.txt");
            robots_url.set_query(None);
            robots_url.set_fragment(None);
            let robots = robots_of(&client, robots_url, &agent)
                .await
                .map_err(|why| Error::Fetch {
                    url: current.to_string(),
                    message: format!(
                        "robots.txt unavailable ({why}): not fetched; try again later"
                    ),
                })?;
            if !robots.allowed(&discovery::path_and_query(&current)) {
                return Err(Error::Fetch {
                    url: current.to_string(),
                    message: "disallowed by robots.txt".into(),
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

/// robots.txt for `get_one`: its first [`robots::ROBOTS_MAX_BYTES`], redirects followed (up to
/// five), 4xx = allow all; a server error or no answer is an error (RFC 9309: nothing may be
/// fetched until it can be read), with the reason.
async fn robots_of(
    client: &client::Client,
    mut url: url::Url,
    agent: &str,
) -> Result<robots::Robots, String> {
    for _ in 0..=DEFAULT_MAX_REDIRECTS {
        let r = client
            .get_prefix(url.as_str(), robots::ROBOTS_MAX_BYTES)
            .await
            .map_err(|f| f.to_string())?;
        match r.status {
            200..=299 => return Ok(robots::Robots::parse_prefix(&r.body, r.truncated, agent)),
            300..=399 => match r.header("location").and_then(|l| url.join(l).ok()) {
                Some(next) => url = next,
                None => return Ok(robots::Robots::allow_all()),
            },
            429 => return Err("HTTP 429".into()),
            400..=499 => return Ok(robots::Robots::allow_all()),
            status => return Err(format!("HTTP {status}")),
        }
    }
    Ok(robots::Robots::allow_all())
}
