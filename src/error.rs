//! The library's error types. The binary wraps them with `anyhow`; every error names the input
//! it is about and the cause, so one bad page is a reported, counted event and never a panic.

use thiserror::Error;

/// Why one page (one input) could not be turned into a record.
#[derive(Debug, Error)]
pub enum PageError {
    #[error("empty input")]
    Empty,
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("not HTML: {0}")]
    NotHtml(String),
    #[error("no article found: {0}")]
    NoArticle(String),
    #[error("cannot decode: {0}")]
    Decode(String),
    #[error("refused: too complex: {0}")]
    TooComplex(String),
}

/// Library-level errors with their context.
#[derive(Debug, Error)]
pub enum Error {
    #[error("{input}: {source}")]
    Page {
        input: String,
        #[source]
        source: PageError,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{input}: {message}")]
    Invalid { input: String, message: String },
    #[error("{url}: {message}")]
    Fetch { url: String, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
