//! Output formats: one file per format. Records stream out one at a time, flushed per record, so
//! `tintuc ... | head` and `| jq` work.

pub mod json;

pub use json::{JsonWriter, JsonlWriter};

use crate::model::Record;

/// Anything that takes records one at a time.
pub trait RecordSink {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()>;
    /// Writes whatever the format needs at the end and flushes.
    fn finish(&mut self) -> std::io::Result<()>;
}
