//! Polite HTTP: one GET for `tintuc extract URL`, and the crawler. (stub: to be implemented)

use std::time::Duration;

use crate::error::Error;

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
pub fn get_one(url: &str, opts: &GetOptions) -> Result<FetchedPage, Error> {
    let _ = opts;
    Err(Error::Fetch { url: url.to_string(), message: "fetching is not implemented yet".into() })
}
