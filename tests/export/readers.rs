//! Readers for what `tintuc export` writes, as a user's tools read it: an RFC 4180 CSV parser and
//! a minimal XLSX reader (zip central directory + the sheet, shared-string and style XML).

use std::collections::HashMap;
use std::io::Read;

use tintuc::output::Table;

// ---------------------------------------------------------------- a small RFC 4180 reader

/// Parses CSV as RFC 4180 describes it (quoted fields, doubled quotes, line breaks inside quotes,
/// CRLF between records). Returns whether a BOM was there, and the records.
pub fn parse_csv(bytes: &[u8]) -> (bool, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).expect("CSV is UTF-8");
    let (bom, text) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "quote inside an unquoted field: {field}");
                quoted = true;
            }
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => assert_eq!(chars.next(), Some('\n'), "records end with CRLF"),
            '\n' => panic!("bare LF outside quotes"),
            _ => field.push(c),
        }
        if c == '\r' {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record lacks CRLF"
    );
    (bom, records)
}

/// The table as maps from header to value.
pub fn csv_rows(bytes: &[u8], table: Table) -> Vec<HashMap<String, String>> {
    let (_, records) = parse_csv(bytes);
    let header = &records[0];
    let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
    assert_eq!(header, &names, "header of {table}");
    records[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "width of a {table} row");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

/// The parts of a zip archive, by name: a minimal reader of the central directory (stored and
/// deflated entries, which is all an XLSX writer uses).
pub fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let end = (0..bytes.len() - 21)
        .rev()
        .find(|&i| u32_at(i) == 0x0605_4b50)
        .expect("end of central directory");
    let count = u16_at(end + 10);
    let mut at = u32_at(end + 16);
    let mut parts = HashMap::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50, "central directory entry");
        let method = u16_at(at + 10);
        let size = u32_at(at + 20);
        let name_len = u16_at(at + 28);
        let skip = name_len + u16_at(at + 30) + u16_at(at + 32);
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let local = u32_at(at + 42);
        let data_start = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let data = &bytes[data_start..data_start + size];
        let content = match method {
            0 => String::from_utf8(data.to_vec()).unwrap_or_default(),
            8 => {
                let mut raw = Vec::new();
                flate2::read::DeflateDecoder::new(data)
                    .read_to_end(&mut raw)
                    .unwrap();
                String::from_utf8(raw).unwrap_or_default()
            }
            other => panic!("zip method {other}"),
        };
        parts.insert(name, content);
        at += 46 + skip;
    }
    parts
}

pub fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A worksheet read back: cell reference -> (style index, raw type, value as text).
pub struct Sheet {
    pub xml: String,
    pub cells: HashMap<String, (usize, String, String)>,
}

pub fn read_sheet(parts: &HashMap<String, String>, index: usize, shared: &[String]) -> Sheet {
    let xml = parts[&format!("xl/worksheets/sheet{index}.xml")].clone();
    let cell = regex::Regex::new(r#"<c r="([A-Z]+[0-9]+)"((?: [a-z]+="[^"]*")*)(?:/>|>(.*?)</c>)"#)
        .unwrap();
    let attr = |attrs: &str, name: &str| -> Option<String> {
        regex::Regex::new(&format!(r#" {name}="([^"]*)""#))
            .unwrap()
            .captures(attrs)
            .map(|c| c[1].to_string())
    };
    let value = regex::Regex::new(r"<v>(.*?)</v>").unwrap();
    let mut cells = HashMap::new();
    for c in cell.captures_iter(&xml) {
        let attrs = c.get(2).map_or("", |m| m.as_str());
        let style = attr(attrs, "s").map_or(0, |s| s.parse().unwrap());
        let kind = attr(attrs, "t").unwrap_or_default();
        let raw = c
            .get(3)
            .and_then(|inner| value.captures(inner.as_str()))
            .map(|v| v[1].to_string())
            .unwrap_or_default();
        let text = if kind == "s" {
            shared[raw.parse::<usize>().unwrap()].clone()
        } else {
            raw
        };
        cells.insert(c[1].to_string(), (style, kind, text));
    }
    Sheet { xml, cells }
}
