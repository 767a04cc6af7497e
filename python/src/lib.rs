//! `tintuc._native`: the Python binding of the tintuc library (PyO3), a thin layer over it.
//!
//! Every function calls the library's entry points and nothing else decides anything here:
//!
//! ```text
//! extract, extract_many  -> pipeline::process_page          (what `tintuc extract` runs)
//! ner, ner_many, ner_spans -> ner::Recognizer               (what `tintuc ner` runs)
//! read_warc              -> warc::read + process_page       (what `tintuc extract --warc` runs)
//! tables, columns        -> output::tables                  (what `tintuc export` writes)
//! ```
//!
//! Python values come in through `convert` (pages are borrowed, not copied), the work runs with
//! the GIL released (`Python::detach`), batches on every core (`batch`), and values go back as
//! the JSON the CLI writes, loaded into dicts (`convert`). Failures become the exceptions of
//! `errors`. The pure-Python part of the package (`python/tintuc/__init__.py`) adds `to_pandas`.

mod batch;
mod convert;
mod errors;
mod tables;
mod warc;

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PyString};
use tintuc::extract::Profiles;
use tintuc::model::Ymd;
use tintuc::pipeline::{self, PageContext, DEFAULT_MAX_PAGE_BYTES};

use batch::{parallel_map, thread_count};
use convert::{json_to_py, load_profiles, parse_published, to_json, Html};
use errors::{ErrorMode, Failure};

/// One page to a record's JSON, or why not. Pure; runs without the GIL.
fn page_json(
    html: &Html,
    url: Option<&str>,
    content_type: Option<&str>,
    profiles: &Profiles,
) -> Result<String, Failure> {
    let content_type = html.content_type(content_type);
    let ctx = PageContext {
        url,
        content_type: content_type.as_deref(),
        profiles,
        max_bytes: DEFAULT_MAX_PAGE_BYTES,
    };
    let record = pipeline::process_page(html.bytes(), &ctx).map_err(|e| Failure::page(&e))?;
    to_json(&record)
}

/// Extract the article of one HTML page: the record `tintuc extract` writes.
///
/// `html` is the page as bytes (decoded as a browser would: BOM, `content_type` charset,
/// `<meta charset>`, detector) or as str (already text). `url` is its original address (site
/// profile, absolute links, `url` field); `profiles` a TOML file of extra site profiles, or
/// `"none"` for the generic extractor alone. Returns a dict with the keys of
/// `schemas/record.schema.json` in the CLI's order (title, published, lead, text, images,
/// entities, ...). Raises `NotAnArticle` (listings, home pages), `DecodeError` (not an HTML
/// page) or `PageTooLarge`, each with `.cause`. Releases the GIL while it works.
#[pyfunction]
#[pyo3(signature = (html, url=None, profiles=None, *, content_type=None))]
fn extract<'py>(
    py: Python<'py>,
    html: Html,
    url: Option<String>,
    profiles: Option<PathBuf>,
    content_type: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let profiles = load_profiles(profiles.as_deref())?;
    let result = detached(py, || {
        page_json(&html, url.as_deref(), content_type.as_deref(), &profiles)
    });
    match result {
        Ok(json) => json_to_py(py, &json),
        Err(failure) => Err(failure.with_input(url.clone()).with_url(url).to_pyerr(py)),
    }
}

/// Extract many pages at once on `threads` threads (all cores by default), without the GIL.
///
/// `pages` is an iterable of bytes or str; `urls`, when given, a sequence of the same length
/// (items may be None). Returns a list in input order. A page without a record is handled by
/// `errors`: `"return"` (default) puts the exception (with `.index`, `.cause`) in its place, so
/// the list stays aligned with `pages` and one refused page never costs the others; `"skip"`
/// leaves it out; `"raise"` raises the first failure, in input order, once every page was
/// processed.
#[pyfunction]
#[pyo3(signature = (pages, urls=None, profiles=None, *, threads=None, errors="return"))]
fn extract_many<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    urls: Option<Vec<Option<String>>>,
    profiles: Option<PathBuf>,
    threads: Option<usize>,
    errors: &str,
) -> PyResult<Bound<'py, PyList>> {
    let errors = ErrorMode::parse(errors)?;
    let threads = thread_count(threads)?;
    let profiles = load_profiles(profiles.as_deref())?;
    let pages = pages
        .try_iter()?
        .map(|item| item?.extract::<Html>())
        .collect::<PyResult<Vec<Html>>>()?;
    if let Some(urls) = &urls {
        if urls.len() != pages.len() {
            return Err(PyValueError::new_err(format!(
                "{} pages but {} urls: give one url (or None) per page",
                pages.len(),
                urls.len()
            )));
        }
    }
    let url_of = |index: usize| urls.as_ref().and_then(|u| u[index].as_deref());
    let results = py.detach(|| {
        parallel_map(&pages, threads, |index, html| {
            page_json(html, url_of(index), None, &profiles)
        })
    });
    let failure_of = |index: usize, failure: Failure| {
        let url = url_of(index).map(str::to_string);
        let input = url.clone().unwrap_or_else(|| format!("page {index}"));
        failure
            .with_input(Some(input))
            .with_url(url)
            .with_index(index)
    };
    let out = PyList::empty(py);
    for (index, result) in results.into_iter().enumerate() {
        match result.unwrap_or_else(|| Err(Failure::internal())) {
            Ok(json) => out.append(json_to_py(py, &json)?)?,
            Err(failure) => {
                let err = failure_of(index, failure).to_pyerr(py);
                match errors {
                    ErrorMode::Raise => return Err(err),
                    ErrorMode::Skip => {}
                    ErrorMode::Return => out.append(err.into_value(py))?,
                }
            }
        }
    }
    Ok(out)
}

/// Entities of a plain text: `{"dates", "places", "people", "organizations"}`, as
/// `tintuc ner` writes them. `published` (`YYYY-MM-DD`) resolves dates written without a year.
/// Releases the GIL while it works.
#[pyfunction]
#[pyo3(signature = (text, published=None))]
fn ner<'py>(
    py: Python<'py>,
    text: PyBackedStr,
    published: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let published = parse_published(published)?;
    let json = detached(py, || entities_json(&text, published)).map_err(|f| f.to_pyerr(py))?;
    json_to_py(py, &json)
}

/// Flat mentions of a plain text (`tintuc ner --spans`): one dict per mention with `type`,
/// `start`, `end` (code points), `text`, `rule` and, where they apply, `titles`, `honorific`,
/// `value`. The layout annotation tools and scorers read.
#[pyfunction]
#[pyo3(signature = (text, published=None))]
fn ner_spans<'py>(
    py: Python<'py>,
    text: PyBackedStr,
    published: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let published = parse_published(published)?;
    let spans = || to_json(&tintuc::pipeline::default_recognizer().spans(&text, published));
    let json = detached(py, spans).map_err(|f| f.to_pyerr(py))?;
    json_to_py(py, &json)
}

/// Entities of many texts on `threads` threads (all cores by default), without the GIL; a list
/// in input order. `published` is one date for every text or a sequence with one date (or None)
/// per text.
#[pyfunction]
#[pyo3(signature = (texts, published=None, *, threads=None))]
fn ner_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    published: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let threads = thread_count(threads)?;
    let texts = texts
        .try_iter()?
        .map(|item| item?.extract::<PyBackedStr>())
        .collect::<PyResult<Vec<_>>>()?;
    let dates = published_dates(published, texts.len())?;
    let results = py.detach(|| {
        parallel_map(&texts, threads, |index, text| {
            entities_json(text, dates[index])
        })
    });
    let out = PyList::empty(py);
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Some(Ok(json)) => out.append(json_to_py(py, &json)?)?,
            _ => {
                let failure = Failure::internal()
                    .with_input(Some(format!("text {index}")))
                    .with_index(index);
                return Err(failure.to_pyerr(py));
            }
        }
    }
    Ok(out)
}

/// A text's entities as JSON. Pure; runs without the GIL.
fn entities_json(text: &str, published: Option<Ymd>) -> Result<String, Failure> {
    to_json(&tintuc::pipeline::default_recognizer().recognize_text(text, published))
}

/// `published=` of `ner_many`: None, one date for all, or one per text.
fn published_dates(
    published: Option<&Bound<'_, PyAny>>,
    count: usize,
) -> PyResult<Vec<Option<Ymd>>> {
    let Some(published) = published.filter(|p| !p.is_none()) else {
        return Ok(vec![None; count]);
    };
    if let Ok(date) = published.cast::<PyString>() {
        let date = parse_published(Some(&date.to_cow()?))?;
        return Ok(vec![date; count]);
    }
    let dates = published
        .try_iter()?
        .map(|item| parse_published(item?.extract::<Option<String>>()?.as_deref()))
        .collect::<PyResult<Vec<_>>>()?;
    if dates.len() != count {
        return Err(PyValueError::new_err(format!(
            "{count} texts but {} published dates: give one date for all or one (or None) per text",
            dates.len()
        )));
    }
    Ok(dates)
}

/// Runs library code without the GIL; a panic becomes a failure instead of a `PanicException`.
fn detached<F>(py: Python<'_>, work: F) -> Result<String, Failure>
where
    F: FnOnce() -> Result<String, Failure> + Send,
{
    py.detach(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
            .unwrap_or_else(|_| Err(Failure::internal()))
    })
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(extract, module)?)?;
    module.add_function(wrap_pyfunction!(extract_many, module)?)?;
    module.add_function(wrap_pyfunction!(ner, module)?)?;
    module.add_function(wrap_pyfunction!(ner_spans, module)?)?;
    module.add_function(wrap_pyfunction!(ner_many, module)?)?;
    module.add_function(wrap_pyfunction!(warc::read_warc, module)?)?;
    module.add_function(wrap_pyfunction!(tables::tables, module)?)?;
    module.add_function(wrap_pyfunction!(tables::columns, module)?)?;
    module.add_class::<warc::WarcRecords>()?;
    errors::register(module)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("EXTRACTOR_VERSION", tintuc::model::EXTRACTOR_VERSION)?;
    Ok(())
}
