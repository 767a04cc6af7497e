//! Between Python values and the library's.
//!
//! In: pages as `bytes` (borrowed, never copied) or `str`; paths; publication dates. Out: every
//! value the library serialises (records, entities, mentions) goes through serde_json, exactly as
//! the CLI writes it, and then through Python's `json.loads`, so a dict holds the keys in the
//! CLI's order and `json.dumps(d, ensure_ascii=False, separators=(",", ":"))` is the CLI's line.
//! Serialising happens on the worker threads; only `json.loads` needs the GIL.

use std::borrow::Cow;
use std::path::Path;

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString};
use tintuc::error::Error as LibError;
use tintuc::extract::Profiles;
use tintuc::model::{Record, Ymd};

use crate::errors::Failure;

/// A page as Python hands it over.
pub enum Html {
    /// Bytes as served: decoded like the CLI decodes a file (BOM, Content-Type, meta, detector).
    Bytes(PyBackedBytes),
    /// Text already decoded: read as UTF-8 whatever its `<meta charset>` says.
    Text(PyBackedStr),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Html {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyString>() {
            return Ok(Html::Text(obj.extract()?));
        }
        if let Ok(bytes) = obj.extract::<PyBackedBytes>() {
            return Ok(Html::Bytes(bytes));
        }
        Err(PyTypeError::new_err(format!(
            "a page must be bytes or str, not {}",
            obj.get_type().name()?
        )))
    }
}

impl Html {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Html::Bytes(bytes) => bytes,
            Html::Text(text) => text.as_bytes(),
        }
    }

    /// The Content-Type to decode with: the caller's, except that a `str` is UTF-8 (the
    /// Content-Type charset outranks `<meta charset>` in `decode`).
    pub fn content_type<'c>(&self, given: Option<&'c str>) -> Option<Cow<'c, str>> {
        match self {
            Html::Bytes(_) => given.map(Cow::Borrowed),
            Html::Text(_) => {
                let mime = given
                    .and_then(|ct| ct.split(';').next())
                    .map(str::trim)
                    .filter(|mime| !mime.is_empty())
                    .unwrap_or("text/html");
                Some(Cow::Owned(format!("{mime}; charset=utf-8")))
            }
        }
    }
}

/// The profiles for `profiles=`: the built-in ones for None, none at all for `"none"`, else the
/// built-in ones plus the TOML file's (as `--profiles`).
pub fn load_profiles(path: Option<&Path>) -> PyResult<Profiles> {
    Profiles::from_option(path).map_err(|err| match err {
        LibError::Io { path, source } => {
            let errno = source.raw_os_error().unwrap_or(0);
            PyOSError::new_err((errno, source.to_string(), path))
        }
        other => PyValueError::new_err(other.to_string()),
    })
}

/// `published=`: an ISO date (or RFC 3339 timestamp) whose leading `YYYY-MM-DD` is used.
pub fn parse_published(published: Option<&str>) -> PyResult<Option<Ymd>> {
    published
        .map(|date| {
            Ymd::parse_iso(date).ok_or_else(|| {
                PyValueError::new_err(format!("published={date:?}: not a YYYY-MM-DD date"))
            })
        })
        .transpose()
}

/// JSON text as serde_json writes it (a value that cannot be written is a bug: an internal
/// failure).
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value)
        .map_err(|e| Failure::internal().with_cause(format!("cannot serialise: {e}")))
}

/// JSON text (from [`to_json`]) as Python objects.
pub fn json_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS
        .import(py, "json", "loads")?
        .call1((PyString::new(py, json),))
}

/// A record given back by Python (a dict, or a JSON line as `str` or `bytes`).
pub fn record_from_py(value: &Bound<'_, PyAny>) -> PyResult<Record> {
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let parsed = if let Ok(text) = value.cast::<PyString>() {
        serde_json::from_str(&text.to_cow()?)
    } else if let Ok(bytes) = value.cast::<PyBytes>() {
        serde_json::from_slice(bytes.as_bytes())
    } else {
        let dumps = DUMPS.import(value.py(), "json", "dumps")?;
        let text = dumps
            .call1((value,))
            .map_err(|e| PyTypeError::new_err(format!("not a record: {e}")))?;
        serde_json::from_str(&text.cast::<PyString>()?.to_cow()?)
    };
    parsed.map_err(|e| PyValueError::new_err(format!("not a record: {e}")))
}
