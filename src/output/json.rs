//! JSON (one pretty document, or an array for several records) and JSONL (one record a line,
//! flushed per line).

use std::io::Write;

use super::RecordSink;
use crate::model::Record;

/// One record per line, flushed after each line.
pub struct JsonlWriter<W: Write> {
    out: W,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out }
    }

    /// Writes any serialisable value as one line.
    pub fn write_value<T: serde::Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

impl<W: Write> RecordSink for JsonlWriter<W> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        self.write_value(record)
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Pretty JSON: one object for one record, an array when more than one record is written.
pub struct JsonWriter<W: Write> {
    out: W,
    pending: Vec<serde_json::Value>,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(out: W) -> Self {
        JsonWriter {
            out,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> RecordSink for JsonWriter<W> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        self.pending.push(serde_json::to_value(record)?);
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        let value = match self.pending.len() {
            0 => return self.out.flush(),
            1 => self.pending.pop().unwrap_or_default(),
            _ => serde_json::Value::Array(std::mem::take(&mut self.pending)),
        };
        serde_json::to_writer_pretty(&mut self.out, &value)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
