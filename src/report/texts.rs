//! The texts of the report's article view: each article's title, lead and body with its entity
//! spans, written as JSON blocks of [`CHUNK_ARTICLES`] articles that the page parses only when an
//! article of the block is opened.
//!
//! To keep a report of 100,000 articles small enough to open, the body is cut to its passages by
//! default: the paragraphs that mention a person or an organisation (what the view is for), up to
//! [`TextOptions::max_chars`]; left-out paragraphs show as "…". `full_text` keeps every paragraph.
//! Offsets are converted from code points to UTF-16 units, the unit of JavaScript strings.

use std::io::Write;

use serde_json::{json, Value};

use super::html::script_json;
use crate::model::{Field, Record, Span};

/// Articles per text block.
pub const CHUNK_ARTICLES: usize = 200;

/// Default cap on the characters of an article's body kept in the report.
pub const DEFAULT_MAX_TEXT_CHARS: usize = 4000;

/// What stands for left-out paragraphs.
pub const ELISION: &str = "…";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Keep every paragraph (still capped by `max_chars`).
    pub full_text: bool,
    pub max_chars: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            full_text: false,
            max_chars: DEFAULT_MAX_TEXT_CHARS,
        }
    }
}

/// What one highlighted span is: kind (`p` person, `o` organisation, `l` place,
/// `d` date) and what it refers to (the entity's index for people and organisations, the
/// canonical name or value for places and dates).
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    kind: &'static str,
    target: Value,
}

/// Writes the text blocks as they come, and remembers which block holds which article.
pub struct TextWriter<W: Write> {
    out: W,
    options: TextOptions,
    in_chunk: usize,
    chunks: usize,
    pub bytes: u64,
}

impl<W: Write> TextWriter<W> {
    pub fn new(out: W, options: TextOptions) -> Self {
        TextWriter {
            out,
            options,
            in_chunk: 0,
            chunks: 0,
            bytes: 0,
        }
    }

    /// Writes the texts of the article at `index`; returns the number of its block.
    pub fn add(&mut self, index: usize, record: &Record) -> std::io::Result<usize> {
        let mut piece = String::new();
        if self.in_chunk == 0 {
            piece.push_str(&format!(
                "<script type=\"application/json\" id=\"tx{}\">[",
                self.chunks
            ));
        } else {
            piece.push(',');
        }
        piece.push_str(&script_json(&article_texts(index, record, self.options)));
        self.in_chunk += 1;
        let chunk = self.chunks;
        if self.in_chunk == CHUNK_ARTICLES {
            piece.push_str("]</script>\n");
            self.in_chunk = 0;
            self.chunks += 1;
        }
        self.bytes += piece.len() as u64;
        self.out.write_all(piece.as_bytes())?;
        Ok(chunk)
    }

    /// Closes the last block and gives the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        if self.in_chunk > 0 {
            self.out.write_all(b"]</script>\n")?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// `[index, title marks, [lead, marks] | null, [text, marks], elided, url]` (the title itself is
/// in the index).
fn article_texts(index: usize, record: &Record, options: TextOptions) -> Value {
    let marks = marks_by_field(record);
    let field = |field: Field, text: &str| -> Value {
        let own: Vec<&(Field, usize, usize, Mark)> =
            marks.iter().filter(|(f, ..)| *f == field).collect();
        let units = Utf16Offsets::new(text);
        let spans: Vec<Value> = own
            .iter()
            .map(|(_, start, end, mark)| {
                json!([units.at(*start), units.at(*end), mark.kind, mark.target])
            })
            .collect();
        json!([text, spans])
    };
    let article = &record.article;
    let lead = article
        .lead
        .as_deref()
        .map_or(Value::Null, |lead| field(Field::Lead, lead));
    let (body, body_marks, elided) = passages(&article.text, &marks, options);
    let units = Utf16Offsets::new(&body);
    let spans: Vec<Value> = body_marks
        .iter()
        .map(|(start, end, mark)| json!([units.at(*start), units.at(*end), mark.kind, mark.target]))
        .collect();
    let url = article.url.as_deref().or(article.canonical_url.as_deref());
    let title = field(Field::Title, &article.title);
    json!([
        index,
        title.get(1).cloned().unwrap_or_default(),
        lead,
        [body, spans],
        u8::from(elided),
        url
    ])
}

/// Every mention of the record as (field, code-point start, end, mark); captions left out.
fn marks_by_field(record: &Record) -> Vec<(Field, usize, usize, Mark)> {
    let mut marks = Vec::new();
    let mut push = |span: &Span, kind: &'static str, target: Value| {
        if span.field != Field::Caption && span.start < span.end {
            marks.push((span.field, span.start, span.end, Mark { kind, target }));
        }
    };
    let entities = &record.entities;
    for (i, person) in entities.people.iter().enumerate() {
        for mention in &person.mentions {
            push(&mention.span, "p", json!(i));
        }
    }
    for (i, org) in entities.organizations.iter().enumerate() {
        for mention in &org.mentions {
            push(mention, "o", json!(i));
        }
    }
    for place in &entities.places {
        for mention in &place.mentions {
            push(mention, "l", json!(place.name));
        }
    }
    for date in &entities.dates {
        push(&date.span, "d", json!(date.value));
    }
    marks.sort_by_key(|(field, start, end, _)| (*field, *start, std::cmp::Reverse(*end)));
    // Spans are flat in the record; drop any overlap a merge may have left, keeping the first.
    let mut kept: Vec<(Field, usize, usize, Mark)> = Vec::with_capacity(marks.len());
    for mark in marks {
        if let Some(last) = kept.last() {
            if last.0 == mark.0 && mark.1 < last.2 {
                continue;
            }
        }
        kept.push(mark);
    }
    kept
}

/// The body's kept paragraphs (joined by blank lines, "…" for left-out runs), their marks with
/// code-point offsets into the kept text, and whether anything was left out.
fn passages(
    text: &str,
    marks: &[(Field, usize, usize, Mark)],
    options: TextOptions,
) -> (String, Vec<(usize, usize, Mark)>, bool) {
    let body_marks: Vec<&(Field, usize, usize, Mark)> =
        marks.iter().filter(|(f, ..)| *f == Field::Text).collect();
    let mut kept = String::new();
    let mut kept_chars = 0usize;
    let mut out_marks = Vec::new();
    let mut elided = false;
    let mut last_was_elision = false;
    let mut at = 0usize; // code point offset of the paragraph in `text`
    let separator = "\n\n";
    let push_part = |part: &str, kept: &mut String, kept_chars: &mut usize| {
        if !kept.is_empty() {
            kept.push_str(separator);
            *kept_chars += 2;
        }
        kept.push_str(part);
        *kept_chars += part.chars().count();
    };
    for paragraph in text.split(separator) {
        let length = paragraph.chars().count();
        let (start, end) = (at, at + length);
        at = end + 2;
        let inside: Vec<&&(Field, usize, usize, Mark)> = body_marks
            .iter()
            .filter(|(_, s, e, _)| *s >= start && *e <= end)
            .collect();
        let wanted = options.full_text
            || inside
                .iter()
                .any(|(_, _, _, m)| m.kind == "p" || m.kind == "o");
        if !wanted || kept_chars + length > options.max_chars {
            elided = true;
            if !last_was_elision {
                push_part(ELISION, &mut kept, &mut kept_chars);
                last_was_elision = true;
            }
            continue;
        }
        let offset = kept_chars + if kept.is_empty() { 0 } else { 2 };
        push_part(paragraph, &mut kept, &mut kept_chars);
        last_was_elision = false;
        for (_, s, e, mark) in inside {
            out_marks.push((s - start + offset, e - start + offset, mark.clone()));
        }
    }
    (kept, out_marks, elided)
}

/// Code-point offsets of one text to UTF-16 offsets.
struct Utf16Offsets {
    /// `units[i]` = UTF-16 offset of the i-th code point; one extra entry for the end. Empty when
    /// every code point is one unit (the usual case), so offsets map to themselves.
    units: Vec<usize>,
}

impl Utf16Offsets {
    fn new(text: &str) -> Self {
        if text.chars().all(|c| c.len_utf16() == 1) {
            return Utf16Offsets { units: Vec::new() };
        }
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        for c in text.chars() {
            units.push(at);
            at += c.len_utf16();
        }
        units.push(at);
        Utf16Offsets { units }
    }

    fn at(&self, code_point: usize) -> usize {
        if self.units.is_empty() {
            code_point
        } else {
            self.units
                .get(code_point)
                .copied()
                .unwrap_or(*self.units.last().unwrap_or(&0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, kind: &'static str) -> (Field, usize, usize, Mark) {
        (
            Field::Text,
            start,
            end,
            Mark {
                kind,
                target: json!(0),
            },
        )
    }

    #[test]
    fn passages_keep_paragraphs_with_people_or_bodies() {
        let text = "Mở đầu.\n\nÔng A nói.\n\nThời tiết đẹp.\n\nSở B họp.";
        // "Ông A" at 9..14, "Sở B" at 38..42 (code points).
        let chars: Vec<char> = text.chars().collect();
        let find = |needle: &str| {
            let n: Vec<char> = needle.chars().collect();
            (0..chars.len())
                .find(|&i| chars[i..].starts_with(&n))
                .unwrap()
        };
        let (a, b) = (find("Ông A"), find("Sở B"));
        let marks = vec![mark(a, a + 5, "p"), mark(b, b + 4, "o")];
        let (kept, spans, elided) = passages(text, &marks, TextOptions::default());
        assert_eq!(kept, "…\n\nÔng A nói.\n\n…\n\nSở B họp.");
        assert!(elided);
        let kept_chars: Vec<char> = kept.chars().collect();
        let slice = |s: usize, e: usize| kept_chars[s..e].iter().collect::<String>();
        assert_eq!(slice(spans[0].0, spans[0].1), "Ông A");
        assert_eq!(slice(spans[1].0, spans[1].1), "Sở B");

        let full = TextOptions {
            full_text: true,
            ..TextOptions::default()
        };
        let (kept, spans, elided) = passages(text, &marks, full);
        assert_eq!(kept, text);
        assert!(!elided);
        assert_eq!((spans[1].0, spans[1].1), (b, b + 4));
    }

    #[test]
    fn offsets_count_utf16_units() {
        let units = Utf16Offsets::new("a😀b");
        assert_eq!(
            (units.at(0), units.at(1), units.at(2), units.at(3)),
            (0, 1, 3, 4)
        );
        let plain = Utf16Offsets::new("Hà Nội");
        assert_eq!(plain.at(3), 3);
    }
}
