//! `read_warc(path)`: the records of a WARC file's article pages, as `tintuc extract --warc`
//! writes them (with `warc_file`, `warc_offset`, `fetched_at`, `status`).
//!
//! The file is read lazily by `warc::read::html_responses`; pages are taken in batches of
//! [`PAGES_PER_THREAD`] per thread and run through `pipeline::process_page` without the GIL, and
//! records come out in file order. As in the CLI, records that hold no HTML page and pages that
//! hold no article are skipped and counted (`skipped`); a corrupt record or an undecodable page is
//! a failure, handled by `errors=` and counted (`failed`).

use std::collections::VecDeque;
use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use tintuc::error::PageError;
use tintuc::extract::Profiles;
use tintuc::pipeline::{self, PageContext, DEFAULT_MAX_PAGE_BYTES};
use tintuc::warc::read::{HtmlResponses, WarcError as LibWarcError, WarcPage, WarcReader};

use crate::batch::{parallel_map, thread_count};
use crate::convert::{json_to_py, load_profiles, to_json};
use crate::errors::{ErrorMode, Failure};

/// Pages read ahead per thread: enough to keep every thread busy, few enough to keep memory flat.
const PAGES_PER_THREAD: usize = 8;

/// An item of the file, in order.
enum Item {
    Page(Box<WarcPage>),
    Failed(Failure),
}

/// What became of one item.
enum Outcome {
    Record(String),
    Skipped,
    Failed(Failure),
}

struct State {
    pages: HtmlResponses<File>,
    ready: VecDeque<Result<String, Failure>>,
    finished: bool,
}

/// Iterator over the records of one WARC file (see `read_warc`).
#[pyclass(module = "tintuc", name = "WarcRecords", frozen)]
pub struct WarcRecords {
    /// Locked only while detached from Python, so a thread waiting for it never holds the GIL.
    state: Mutex<State>,
    profiles: Profiles,
    threads: usize,
    errors: ErrorMode,
    file: String,
    skipped: AtomicUsize,
    failed: AtomicUsize,
}

/// The records of the article pages of a WARC file (tintuc, wget, Heritrix; `.warc` or
/// `.warc.gz`), as `tintuc extract --warc` writes them, with `warc_file`, `warc_offset`,
/// `fetched_at` and `status`; an iterator, read lazily, `threads` pages at a time (None: all
/// cores), in file order.
///
/// Records without an HTML page and pages that are not articles are skipped and counted
/// (`.skipped`). A corrupt record or an undecodable page: `errors="raise"` raises `WarcError` /
/// `DecodeError` (iterating again goes on with the next record), `"skip"` counts it
/// (`.failed`), `"return"` yields the exception. A file that cannot be opened raises `OSError`.
#[pyfunction]
#[pyo3(signature = (path, profiles=None, *, threads=1, errors="raise"))]
pub fn read_warc(
    path: PathBuf,
    profiles: Option<PathBuf>,
    threads: Option<usize>,
    errors: &str,
) -> PyResult<WarcRecords> {
    let errors = ErrorMode::parse(errors)?;
    let threads = thread_count(threads)?;
    let profiles = load_profiles(profiles.as_deref())?;
    let reader = WarcReader::open(&path).map_err(|err| match err {
        LibWarcError::Open { file, source } => {
            let errno = source.raw_os_error().unwrap_or(0);
            PyOSError::new_err((errno, source.to_string(), file))
        }
        other => PyOSError::new_err(other.to_string()),
    })?;
    Ok(WarcRecords {
        file: reader.file().to_string(),
        state: Mutex::new(State {
            pages: HtmlResponses::new(reader),
            ready: VecDeque::new(),
            finished: false,
        }),
        profiles,
        threads,
        errors,
        skipped: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
    })
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            let next = py.detach(|| self.next_outcome());
            let failure = match next {
                None => return Ok(None),
                Some(Ok(json)) => return json_to_py(py, &json).map(Some),
                Some(Err(failure)) => failure,
            };
            match self.errors {
                ErrorMode::Skip => continue,
                ErrorMode::Raise => return Err(failure.to_pyerr(py)),
                ErrorMode::Return => {
                    return Ok(Some(
                        failure
                            .to_pyerr(py)
                            .into_value(py)
                            .into_bound(py)
                            .into_any(),
                    ))
                }
            }
        }
    }

    /// WARC records passed over: no HTML page in them (images, redirects, 404s), or a page
    /// that is not an article (listings), as `extract --warc` counts them.
    #[getter]
    fn skipped(&self) -> usize {
        self.skipped.load(Ordering::Relaxed)
    }

    /// Records that failed so far (corrupt WARC records, undecodable pages).
    #[getter]
    fn failed(&self) -> usize {
        self.failed.load(Ordering::Relaxed)
    }

    /// The WARC file, as given.
    #[getter]
    fn file(&self) -> &str {
        &self.file
    }

    fn __repr__(&self) -> String {
        format!("<tintuc.WarcRecords {:?}>", self.file)
    }
}

impl WarcRecords {
    /// The next record or failure in file order, reading and processing a batch when none is
    /// ready. Runs without the GIL.
    fn next_outcome(&self) -> Option<Result<String, Failure>> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(next) = state.ready.pop_front() {
                return Some(next);
            }
            if state.finished {
                return None;
            }
            let batch = self.read_batch(&mut state);
            let outcomes = parallel_map(&batch, self.threads, |_, item| self.process(item));
            for (item, outcome) in batch.iter().zip(outcomes) {
                let outcome = outcome.unwrap_or_else(|| Outcome::Failed(internal(item)));
                match outcome {
                    Outcome::Record(json) => state.ready.push_back(Ok(json)),
                    Outcome::Skipped => {
                        self.skipped.fetch_add(1, Ordering::Relaxed);
                    }
                    Outcome::Failed(failure) => {
                        self.failed.fetch_add(1, Ordering::Relaxed);
                        state.ready.push_back(Err(failure));
                    }
                }
            }
        }
    }

    /// Up to `threads * PAGES_PER_THREAD` items; records without a page are counted here.
    fn read_batch(&self, state: &mut State) -> Vec<Item> {
        let mut batch = Vec::new();
        while batch.len() < self.threads * PAGES_PER_THREAD {
            match state.pages.next() {
                None => {
                    state.finished = true;
                    break;
                }
                Some(Ok(page)) => batch.push(Item::Page(Box::new(page))),
                Some(Err(err)) if err.is_skip() => {
                    self.skipped.fetch_add(1, Ordering::Relaxed);
                }
                Some(Err(err)) => batch.push(Item::Failed(Failure::warc(&err))),
            }
        }
        batch
    }

    fn process(&self, item: &Item) -> Outcome {
        let page = match item {
            Item::Failed(failure) => return Outcome::Failed(failure.clone()),
            Item::Page(page) => page,
        };
        let ctx = PageContext {
            url: Some(&page.target_uri),
            content_type: page.content_type.as_deref(),
            profiles: &self.profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        match pipeline::process_page(&page.body, &ctx) {
            Ok(mut record) => {
                record.provenance = page.provenance();
                match to_json(&record) {
                    Ok(json) => Outcome::Record(json),
                    Err(failure) => Outcome::Failed(page_failure(page, failure)),
                }
            }
            Err(PageError::NoArticle(_)) => Outcome::Skipped,
            Err(err) => Outcome::Failed(page_failure(page, Failure::page(&err))),
        }
    }
}

/// A page's failure, named as the CLI names it: `FILE: offset N: URL`.
fn page_failure(page: &WarcPage, failure: Failure) -> Failure {
    failure
        .with_input(Some(format!(
            "{}: offset {}: {}",
            page.file, page.offset, page.target_uri
        )))
        .with_url(Some(page.target_uri.clone()))
        .with_warc(&page.file, page.offset)
}

fn internal(item: &Item) -> Failure {
    match item {
        Item::Page(page) => page_failure(page, Failure::internal()),
        Item::Failed(failure) => failure.clone(),
    }
}
