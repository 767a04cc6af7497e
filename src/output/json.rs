//! JSON (one pretty document, or an array for several records) and JSONL (one record a line,
//! flushed per line). Both keep the field order of the types, which is the order of
//! `schemas/record.schema.json` (a test holds the two together).

use std::io::Write;

use serde::Serialize;

use super::RecordSink;
use crate::model::Record;

/// One record per line, flushed after each line. A line is put together in a buffer and goes
/// out in one write (serde writes a record in hundreds of small pieces; straight to a locked
/// standard output each would be a call of its own).
pub struct JsonlWriter<W: Write> {
    out: std::io::BufWriter<W>,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter {
            out: std::io::BufWriter::with_capacity(64 * 1024, out),
        }
    }

    /// Writes any serialisable value as one line.
    pub fn write_value<T: Serialize>(&mut self, value: &T) -> std::io::Result<()> {
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

/// Pretty JSON: one object for one record, an array when more than one record is written. The
/// first record waits until a second one says an array is needed; from then on each record is
/// written as it comes, so memory holds one record whatever the count.
pub struct JsonWriter<W: Write> {
    out: W,
    /// The first record, pretty-printed, until the second arrives.
    first: Option<Vec<u8>>,
    in_array: bool,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(out: W) -> Self {
        JsonWriter {
            out,
            first: None,
            in_array: false,
        }
    }

    /// Writes one pretty value as an element of the array: every line indented by two spaces
    /// (JSON strings hold no raw line breaks, so this only touches the layout).
    fn write_element(&mut self, pretty: &[u8], first: bool) -> std::io::Result<()> {
        self.out
            .write_all(if first { b"[\n  " } else { b",\n  " })?;
        for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n  ")?;
            }
            self.out.write_all(line)?;
        }
        Ok(())
    }
}

/// `value` as pretty JSON, two spaces per level (the layout of `jq .`).
pub fn to_pretty<T: Serialize>(value: &T) -> std::io::Result<Vec<u8>> {
    Ok(serde_json::to_vec_pretty(value)?)
}

impl<W: Write> RecordSink for JsonWriter<W> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        let pretty = to_pretty(record)?;
        if self.in_array {
            self.write_element(&pretty, false)?;
        } else if let Some(first) = self.first.take() {
            self.in_array = true;
            self.write_element(&first, true)?;
            self.write_element(&pretty, false)?;
        } else {
            self.first = Some(pretty);
            return Ok(());
        }
        self.out.flush()
    }

    fn finish(&mut self) -> std::io::Result<()> {
        if self.in_array {
            self.out.write_all(b"\n]\n")?;
        } else if let Some(first) = self.first.take() {
            self.out.write_all(&first)?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(title: &str) -> Record {
        let mut record = Record::default();
        record.article.title = title.to_string();
        record
    }

    fn written(records: &[Record]) -> String {
        let mut writer = JsonWriter::new(Vec::new());
        for r in records {
            writer.write_record(r).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(writer.out).unwrap()
    }

    #[test]
    fn one_record_is_an_object_several_an_array_laid_out_like_serde() {
        let one = written(&[record("a")]);
        assert_eq!(
            one,
            format!("{}\n", serde_json::to_string_pretty(&record("a")).unwrap())
        );
        let records = [record("a"), record("b\nc"), record("d")];
        assert_eq!(
            written(&records),
            format!("{}\n", serde_json::to_string_pretty(&records).unwrap())
        );
        assert_eq!(written(&[]), "");
    }

    #[test]
    fn fields_keep_the_order_of_the_types() {
        let text = written(&[record("a")]);
        let url = text.find("\"url\"").unwrap();
        let title = text.find("\"title\"").unwrap();
        let entities = text.find("\"entities\"").unwrap();
        assert!(url < title && title < entities, "{text}");
    }
}
