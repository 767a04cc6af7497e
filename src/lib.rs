//! tintuc: harvest Vietnamese government news and turn every article into structured JSON.
//!
//! Data flows through one module per stage:
//!
//! ```text
//! fetch (polite HTTP, crawl state)  ->  decode (bytes -> clean NFC text)
//!   ->  extract (HTML -> Article)  ->  ner (Article -> Entities)  ->  output (JSON, JSONL, CSV, XLSX)
//! ```
//!
//! [`harvest`] sits above them all: it drives `fetch`, archives to `warc`, runs the pipeline on
//! each page and writes the records of a harvest directory, run after run.
//!
//! [`pipeline::process_page`] runs decode, extract and ner on one page; it is a pure function of its
//! inputs (no network, clock or disk), as are `decode`, `extract` and `ner`.

pub mod calendar;
pub mod decode;
pub mod directory;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod harvest;
pub mod model;
pub mod ner;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod warc;

pub use error::{Error, PageError, Result};
pub use model::{Article, Entities, Record};
