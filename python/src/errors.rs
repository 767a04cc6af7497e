//! The package's exceptions, and how the library's errors become them.
//!
//! ```text
//! TintucError (ValueError)
//!  ├── NotAnArticle   no article in the page (a listing, a home page): PageError::NoArticle
//!  ├── DecodeError    the bytes are not an HTML page: PageError::{NotHtml, Decode, Empty}
//!  ├── PageTooLarge   over the size limit: PageError::TooLarge
//!  └── WarcError      a truncated or corrupt WARC record: warc::read::WarcError
//! ```
//!
//! Workers build a [`Failure`] (plain data, no Python object) without the GIL; it becomes an
//! exception only back in Python. Every exception carries `cause` (the library's message),
//! `input` (what failed: a URL, `page N`, `FILE: offset N: URL`) and `url`, `index`,
//! `warc_file`, `warc_offset` (None when they do not apply), and its message is
//! `"{input}: {cause}"`, the line the CLI prints for the same failure.

use pyo3::create_exception;
use pyo3::exceptions::{PyBaseException, PyValueError};
use pyo3::prelude::*;
use tintuc::error::PageError;
use tintuc::warc::read::WarcError as LibWarcError;

create_exception!(
    tintuc,
    TintucError,
    PyValueError,
    "Base class of tintuc's errors: `cause` says why, `input` what failed."
);
create_exception!(
    tintuc,
    NotAnArticle,
    TintucError,
    "The page holds no article (a listing, a home page, a page without a title or text)."
);
create_exception!(
    tintuc,
    DecodeError,
    TintucError,
    "The input is not an HTML page that can be decoded (empty, an image, a PDF, binary data)."
);
create_exception!(
    tintuc,
    PageTooLarge,
    TintucError,
    "The page is over the size limit (20 MiB)."
);
create_exception!(
    tintuc,
    WarcError,
    TintucError,
    "A WARC record that cannot be read (truncated, corrupt); `warc_file` and `warc_offset` say where."
);

/// Which exception a failure becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    NotAnArticle,
    Decode,
    TooLarge,
    Warc,
    /// A bug in the library (a panic), caught so it costs one input only.
    Internal,
}

/// Why one input gave no record, as plain data that can cross threads (boxed: results carry it
/// in their `Err` side).
#[derive(Debug, Clone)]
pub struct Failure(Box<Details>);

#[derive(Debug, Clone)]
struct Details {
    kind: FailureKind,
    cause: String,
    input: Option<String>,
    url: Option<String>,
    index: Option<usize>,
    warc_file: Option<String>,
    warc_offset: Option<u64>,
}

/// The message of a failure caught as a panic, as the CLI words it.
pub const INTERNAL_ERROR: &str = "internal error while processing this input (please report it)";

impl Failure {
    fn new(kind: FailureKind, cause: String) -> Failure {
        Failure(Box::new(Details {
            kind,
            cause,
            input: None,
            url: None,
            index: None,
            warc_file: None,
            warc_offset: None,
        }))
    }

    pub fn page(err: &PageError) -> Failure {
        let kind = match err {
            PageError::NoArticle(_) => FailureKind::NotAnArticle,
            PageError::NotHtml(_) | PageError::Decode(_) | PageError::Empty => FailureKind::Decode,
            PageError::TooLarge { .. } | PageError::TooComplex(_) => FailureKind::TooLarge,
        };
        Failure::new(kind, err.to_string())
    }

    pub fn internal() -> Failure {
        Failure::new(FailureKind::Internal, INTERNAL_ERROR.to_string())
    }

    /// A WARC record that could not be read; the library's message names the file and offset.
    pub fn warc(err: &LibWarcError) -> Failure {
        let mut failure = Failure::new(FailureKind::Warc, err.to_string());
        failure.0.warc_file = Some(err.file().to_string());
        failure.0.warc_offset = err.offset();
        failure
    }

    pub fn with_cause(mut self, cause: String) -> Failure {
        self.0.cause = cause;
        self
    }

    pub fn with_input(mut self, input: Option<String>) -> Failure {
        self.0.input = input;
        self
    }

    pub fn with_url(mut self, url: Option<String>) -> Failure {
        self.0.url = url;
        self
    }

    pub fn with_index(mut self, index: usize) -> Failure {
        self.0.index = Some(index);
        self
    }

    pub fn with_warc(mut self, file: &str, offset: u64) -> Failure {
        self.0.warc_file = Some(file.to_string());
        self.0.warc_offset = Some(offset);
        self
    }

    /// The exception, with its attributes set.
    pub fn to_pyerr(&self, py: Python<'_>) -> PyErr {
        let details = &self.0;
        let message = match &details.input {
            Some(input) if !details.cause.starts_with(input.as_str()) => {
                format!("{input}: {}", details.cause)
            }
            _ => details.cause.clone(),
        };
        let err = match details.kind {
            FailureKind::NotAnArticle => NotAnArticle::new_err(message),
            FailureKind::Decode => DecodeError::new_err(message),
            FailureKind::TooLarge => PageTooLarge::new_err(message),
            FailureKind::Warc => WarcError::new_err(message),
            FailureKind::Internal => TintucError::new_err(message),
        };
        if let Err(set_error) = details.set_attributes(err.value(py)) {
            return set_error;
        }
        err
    }
}

impl Details {
    fn set_attributes(&self, value: &Bound<'_, PyBaseException>) -> PyResult<()> {
        value.setattr("cause", &self.cause)?;
        value.setattr("input", &self.input)?;
        value.setattr("url", &self.url)?;
        value.setattr("index", self.index)?;
        value.setattr("warc_file", &self.warc_file)?;
        value.setattr("warc_offset", self.warc_offset)?;
        Ok(())
    }
}

/// What a batch does with an input that gives no record (`errors=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorMode {
    /// Raise the first failure (in input order) once the batch is done.
    Raise,
    /// Leave it out.
    Skip,
    /// Put the exception object in its place.
    Return,
}

impl ErrorMode {
    pub fn parse(value: &str) -> PyResult<ErrorMode> {
        match value {
            "raise" => Ok(ErrorMode::Raise),
            "skip" => Ok(ErrorMode::Skip),
            "return" => Ok(ErrorMode::Return),
            other => Err(PyValueError::new_err(format!(
                "errors={other:?}: expected \"raise\", \"skip\" or \"return\""
            ))),
        }
    }
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("TintucError", py.get_type::<TintucError>())?;
    module.add("NotAnArticle", py.get_type::<NotAnArticle>())?;
    module.add("DecodeError", py.get_type::<DecodeError>())?;
    module.add("PageTooLarge", py.get_type::<PageTooLarge>())?;
    module.add("WarcError", py.get_type::<WarcError>())?;
    Ok(())
}
