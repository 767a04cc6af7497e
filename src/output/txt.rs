//! The article as plain text (`--format txt`) or Markdown (`--format md`, rendered by
//! [`markdown`](super::markdown)): what a reader or a search index wants, without the entities.
//!
//! Plain text is the title, the lead and the body, separated by blank lines, exactly as extracted.
//! Several records in one stream are separated by a line `---` between blank lines (a thematic
//! break in Markdown too), so `csplit` or a script can cut them apart; with `-o DIR` each record
//! has its own file and no separator.

use std::io::Write;

use super::RecordSink;
use crate::model::Record;

/// The line between two records of one stream.
pub const RECORD_SEPARATOR: &str = "\n---\n\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Markdown,
}

/// Writes records as plain text or Markdown, flushed per record.
pub struct TextWriter<W: Write> {
    out: W,
    style: Style,
    written: usize,
}

impl<W: Write> TextWriter<W> {
    pub fn plain(out: W) -> Self {
        TextWriter {
            out,
            style: Style::Plain,
            written: 0,
        }
    }

    pub fn markdown(out: W) -> Self {
        TextWriter {
            out,
            style: Style::Markdown,
            written: 0,
        }
    }
}

impl<W: Write> RecordSink for TextWriter<W> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        if self.written > 0 {
            self.out.write_all(RECORD_SEPARATOR.as_bytes())?;
        }
        let text = match self.style {
            Style::Plain => render(record),
            Style::Markdown => super::markdown::render(record),
        };
        self.out.write_all(text.as_bytes())?;
        self.written += 1;
        self.out.flush()
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Title, lead and body of a record, separated by blank lines, ending with a line break.
pub fn render(record: &Record) -> String {
    let article = &record.article;
    let parts = [
        Some(article.title.as_str()),
        article.lead.as_deref(),
        Some(article.text.as_str()),
    ];
    let mut text = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_title_lead_and_body() {
        let mut record = Record::default();
        record.article.title = "Tiêu đề".into();
        record.article.lead = Some("Sa pô.".into());
        record.article.text = "Đoạn 1.\n\nĐoạn 2.".into();
        assert_eq!(render(&record), "Tiêu đề\n\nSa pô.\n\nĐoạn 1.\n\nĐoạn 2.\n");
        record.article.lead = None;
        let mut writer = TextWriter::plain(Vec::new());
        writer.write_record(&record).unwrap();
        writer.write_record(&record).unwrap();
        let out = String::from_utf8(writer.out).unwrap();
        assert_eq!(out.matches(RECORD_SEPARATOR).count(), 1);
        assert!(out.starts_with("Tiêu đề\n\nĐoạn 1."));
    }
}
