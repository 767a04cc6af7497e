//! Bytes -> clean text.
//!
//! [`decode_html`] turns the bytes of a page into one UTF-8 NFC string in four steps:
//!
//! 1. refuse what is not HTML (binary signatures, NUL bytes, no markup at all);
//! 2. pick the encoding: BOM, then the `Content-Type` charset, then `<meta charset>` /
//!    `http-equiv` in the first 4 KB, then `chardetng` with the `vn` TLD hint. The bytes have
//!    the last word: valid UTF-8 with letters beyond ASCII is UTF-8 whatever is declared
//!    (`charset-mismatch`); mostly-UTF-8 bytes with a few stray bytes stay UTF-8, each stray
//!    byte read as windows-1258 (`invalid-utf8`); a page that declares UTF-8 but is a legacy
//!    byte text goes to the detector (legacy CMSs copy the meta tag);
//! 3. repair: double-encoded UTF-8 (UTF-8 read as Latin-1/cp1252 and written again as UTF-8) is
//!    undone only when the whole page maps back to valid UTF-8, so genuine Latin-1 text is never
//!    touched; broken entities are given back their `&` and double-escaped entities inside
//!    `<meta>`/`<title>` lose one level of escaping, so the HTML parser decodes every entity once;
//! 4. NFC (windows-1258 decodes to base letters plus combining tone marks).
//!
//! [`clean_text`] and [`clean_paragraphs`] are what every extracted field goes through.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1258};
use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::error::PageError;

/// How far into the page `<meta charset>` is looked for (the HTML standard says 1024; real
/// portals put kilobytes of comments first).
pub const META_SCAN_BYTES: usize = 4096;

/// How far into the page binary signatures and NUL bytes are looked for.
const BINARY_SCAN_BYTES: usize = 8192;

/// A decoded HTML page.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The page as UTF-8, NFC, with broken entities repaired (the HTML parser decodes the rest).
    pub html: String,
    /// Name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// Repairs that were applied (`mojibake`, `broken-entities`, ...).
    pub repairs: Vec<&'static str>,
}

/// Decodes the bytes of an HTML page: BOM, then `Content-Type`, then `<meta charset>`, then a
/// detector; then mojibake and entity repairs and NFC.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<Decoded, PageError> {
    if bytes.is_empty() {
        return Err(PageError::Empty);
    }
    check_not_binary(bytes, content_type)?;
    let mut repairs = Vec::new();
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (choose_encoding(bytes, content_type, &mut repairs), bytes),
    };
    let mut html = if encoding == UTF_8 {
        // Valid UTF-8 runs as UTF-8; a stray byte (or a pasted legacy fragment) on its own.
        let (text, stray) = decode_mostly_utf8(body);
        if stray > 0 {
            repairs.push("invalid-utf8");
        }
        text
    } else {
        encoding.decode_without_bom_handling(body).0.into_owned()
    };
    if !html.contains('<') {
        return Err(PageError::NotHtml("no HTML markup in the input".into()));
    }
    if let Some(fixed) = repair_mojibake(&html) {
        html = fixed;
        repairs.push("mojibake");
    }
    if let Cow::Owned(fixed) = repair_entities(&html) {
        html = fixed;
        repairs.push("broken-entities");
    }
    if let Some(nfc) = nfc_by_line(&html) {
        html = nfc;
        repairs.push("nfc");
    }
    Ok(Decoded {
        html,
        encoding: encoding.name(),
        repairs,
    })
}

/// NFC, piece by piece: the text is cut after every space and newline, and only pieces that are
/// not already NFC are normalised. Neither character composes with anything, so this equals
/// normalising the whole text, and it keeps decoding fast on long one-line pages with a few
/// decomposed words. `None` when nothing changes.
fn nfc_by_line(text: &str) -> Option<String> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive([' ', '\n']) {
        if is_nfc_quick(line.chars()) == IsNormalized::Yes {
            out.push_str(line);
        } else {
            let before = out.len();
            out.extend(line.nfc());
            changed |= &out[before..] != line;
        }
    }
    changed.then_some(out)
}

/// Refuses input that is clearly not a page: known binary signatures, NUL bytes, a non-HTML
/// content type.
fn check_not_binary(bytes: &[u8], content_type: Option<&str>) -> Result<(), PageError> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
        (b"\x1F\x8B", "gzip-compressed data"),
        (b"\xD0\xCF\x11\xE0", "an MS Office document"),
        (b"WARC/", "a WARC file"),
        (b"RIFF", "a RIFF (audio/video/WebP) file"),
    ];
    for (magic, what) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Err(PageError::NotHtml(format!("input is {what}")));
        }
    }
    if let Some(ct) = content_type {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let textual = mime.is_empty()
            || mime.starts_with("text/")
            || mime.contains("html")
            || mime.contains("xml");
        if !textual {
            return Err(PageError::NotHtml(format!("content type is {mime}")));
        }
    }
    let head = &bytes[..bytes.len().min(BINARY_SCAN_BYTES)];
    // UTF-16 pages carry a BOM; without one, a NUL byte means binary data.
    if Encoding::for_bom(bytes).is_none() && head.contains(&0) {
        return Err(PageError::NotHtml("binary data (NUL bytes)".into()));
    }
    Ok(())
}

/// Picks the encoding of a page without a BOM.
fn choose_encoding(
    bytes: &[u8],
    content_type: Option<&str>,
    repairs: &mut Vec<&'static str>,
) -> &'static Encoding {
    let declared = content_type
        .and_then(charset_from_content_type)
        .or_else(|| charset_from_meta(&bytes[..bytes.len().min(META_SCAN_BYTES)]));
    let shape = utf8_shape(bytes);
    match declared {
        // Valid UTF-8 with letters beyond ASCII is UTF-8 whatever the page declares: a legacy
        // byte text almost never forms valid multi-byte sequences by chance.
        Some(enc) if enc != UTF_8 && shape.invalid == 0 && shape.multibyte >= 2 => {
            repairs.push("charset-mismatch");
            UTF_8
        }
        Some(enc) if enc != UTF_8 => enc,
        // Declared (or taken for) UTF-8: a few stray bytes among much UTF-8 keep it UTF-8; a
        // legacy page that copied the meta tag goes to the detector.
        _ if shape.is_mostly_utf8() => UTF_8,
        Some(_) => {
            let detected = detect(bytes);
            if detected != UTF_8 {
                repairs.push("charset-mismatch");
            }
            detected
        }
        None => detect(bytes),
    }
}

/// How a byte string fares as UTF-8.
#[derive(Debug, Clone, Copy, Default)]
struct Utf8Shape {
    /// Valid multi-byte characters.
    multibyte: usize,
    /// Bytes that are not part of a valid sequence.
    invalid: usize,
}

impl Utf8Shape {
    /// Valid UTF-8, or more valid multi-byte characters than stray bytes: a UTF-8 page with a
    /// broken byte or a pasted fragment of another encoding, not a legacy page.
    fn is_mostly_utf8(&self) -> bool {
        self.invalid == 0 || self.multibyte > self.invalid
    }
}

fn utf8_shape(bytes: &[u8]) -> Utf8Shape {
    let mut shape = Utf8Shape::default();
    for chunk in bytes.utf8_chunks() {
        shape.multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        shape.invalid += chunk.invalid().len();
    }
    shape
}

/// Decodes mostly-UTF-8 bytes: valid runs as UTF-8, each stray byte as windows-1258 (the
/// legacy encoding of Vietnamese pages, so a pasted legacy fragment stays readable). Returns the
/// text and the number of stray bytes.
fn decode_mostly_utf8(bytes: &[u8]) -> (String, usize) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(bytes.len());
    let mut stray = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            stray += chunk.invalid().len();
            out.push_str(&WINDOWS_1258.decode_without_bom_handling(chunk.invalid()).0);
        }
    }
    (out, stray)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"vn"), chardetng::Utf8Detection::Allow)
}

/// `text/html; charset=windows-1258` -> windows-1258.
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .as_bytes(),
        )
    })
}

/// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
fn charset_from_meta(head: &[u8]) -> Option<&'static Encoding> {
    static META: OnceLock<regex::bytes::Regex> = OnceLock::new();
    let re = META.get_or_init(|| {
        regex::bytes::Regex::new(
            r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#,
        )
        .expect("static regex")
    });
    re.captures_iter(head)
        .filter_map(|caps| Encoding::for_label(&caps[1]))
        // UTF-16 declared in an ASCII-compatible document is a lie (HTML standard).
        .map(|enc| {
            if enc.is_single_byte() || enc == UTF_8 {
                enc
            } else {
                UTF_8
            }
        })
        .next()
}

/// Undoes UTF-8 that was read as Latin-1/cp1252 and written again as UTF-8, when certain:
/// every character maps back to one byte, the bytes are valid UTF-8, and they contain multi-byte
/// sequences (so the repair changes something). Real Vietnamese text has letters above U+00FF and
/// never maps back; real Latin-1 text ("café") maps back to invalid UTF-8.
pub fn repair_mojibake(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = c as u32;
        if code < 0x100 {
            bytes.push(code as u8);
        } else {
            bytes.push(cp1252_byte(c)?);
        }
    }
    let repaired = String::from_utf8(bytes).ok()?;
    // At least two multi-byte characters, so one stray "Ã©" cannot trigger a rewrite.
    let multibyte = repaired.chars().filter(|c| (*c as u32) >= 0x80).count();
    (multibyte >= 2).then_some(repaired)
}

/// The cp1252 byte of a character in the 0x80-0x9F block (`‘` -> 0x91).
fn cp1252_byte(c: char) -> Option<u8> {
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    let (bytes, _, unmappable) = WINDOWS_1252.encode(s);
    (!unmappable && bytes.len() == 1).then(|| bytes[0])
}

/// Named entities seen without their `&` in government CMS output ("ldquo;", "Sở NN amp; PTNT"),
/// often glued to the word before ("quốcrdquo;"). Decoding repairs them in HTML
/// ([`repair_entities`]); the entity recogniser reads the ones left in plain text as punctuation
/// (`ner::tokens`). "amp" also ends English words ("camp;"), so it counts only after a non-letter.
pub const BARE_ENTITY_NAMES: [&str; 11] = [
    "ldquo", "rdquo", "lsquo", "rsquo", "nbsp", "ndash", "mdash", "hellip", "laquo", "raquo", "amp",
];

/// Gives broken entities back their `&` (`ldquo;` -> `&ldquo;`) and removes one level of
/// escaping from double-escaped entities inside `<meta ...>` and `<title>` (`&amp;#x1EC7;` ->
/// `&#x1EC7;`), so the HTML parser decodes each entity exactly once.
pub fn repair_entities(html: &str) -> Cow<'_, str> {
    static BARE: OnceLock<Regex> = OnceLock::new();
    static META_TAG: OnceLock<Regex> = OnceLock::new();
    static DOUBLE: OnceLock<Regex> = OnceLock::new();
    let bare = BARE.get_or_init(|| {
        // The character before is checked in `repair_bare_entities`.
        Regex::new(&format!("({});", BARE_ENTITY_NAMES.join("|"))).expect("static regex")
    });
    let meta_tag = META_TAG.get_or_init(|| {
        Regex::new(r"(?is)<meta\b[^>]*>|<title\b[^>]*>.*?</title>").expect("static regex")
    });
    let double = DOUBLE.get_or_init(|| {
        Regex::new(r"&amp;(#[xX][0-9a-fA-F]{1,6};|#[0-9]{1,7};|[a-zA-Z][a-zA-Z0-9]{1,31};)")
            .expect("static regex")
    });
    let mut out = Cow::Borrowed(html);
    if let Some(replaced) = repair_bare_entities(&out, bare) {
        out = Cow::Owned(replaced);
    }
    if out.contains("&amp;")
        && meta_tag
            .find_iter(&out)
            .any(|m| double.is_match(m.as_str()))
    {
        let replaced = meta_tag
            .replace_all(&out, |caps: &regex::Captures<'_>| {
                double.replace_all(&caps[0], "&$1").into_owned()
            })
            .into_owned();
        out = Cow::Owned(replaced);
    }
    out
}

/// Inserts the missing `&` before bare entity names. Left alone: a real entity (`&nbsp;`,
/// `&#...`) and a double-escaped one (`&amp;nbsp;`, which the page means to show literally).
fn repair_bare_entities(html: &str, bare: &Regex) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for m in bare.find_iter(html) {
        let before = &html[..m.start()];
        if before.ends_with('&') || before.ends_with('#') || before.ends_with("&amp;") {
            continue;
        }
        let after_letter = before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if m.as_str() == "amp;" && after_letter {
            continue;
        }
        out.push_str(&html[last..m.start()]);
        out.push('&');
        out.push_str(m.as_str());
        last = m.end();
    }
    if last == 0 {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// Maps one character to its clean form: the Vietnamese Đ for look-alikes, a space for odd
/// spaces, nothing for invisible characters.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\u{00D0}' | '\u{0189}' => Some('\u{0110}'),
        '\u{00F0}' | '\u{0256}' => Some('\u{0111}'),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        c if c.is_control() && c != '\n' && c != '\t' && c != '\r' => None,
        c => Some(c),
    }
}

/// Cleans one piece of extracted text: NFC, Ð -> Đ, zero-width characters dropped, whitespace folded.
pub fn clean_text(s: &str) -> String {
    let mapped: String = s.chars().filter_map(clean_char).collect();
    let folded = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    if is_nfc_quick(folded.chars()) == IsNormalized::Yes {
        folded
    } else {
        folded.nfc().collect()
    }
}

/// Cleans text that has paragraphs: each paragraph (split on blank lines) is cleaned with
/// [`clean_text`], empty ones dropped, and they are joined with "\n\n".
pub fn clean_paragraphs(s: &str) -> String {
    let normalized = s.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(clean_text)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_repairs_eth_and_spaces() {
        assert_eq!(
            clean_text("\u{00D0}\u{1eaf}k  L\u{1eaf}k\u{00A0}x\u{200B}"),
            "Đắk Lắk x"
        );
        assert_eq!(clean_text("Ho\u{0300}a"), "Hòa");
    }

    #[test]
    fn nfc_by_pieces_equals_nfc() {
        for text in [
            "Ho\u{0300}a Bi\u{0300}nh\n",
            " \u{0301}a",
            "a\u{0323}\u{0302} \u{0338}>",
            "plain",
        ] {
            let whole: String = text.nfc().collect();
            assert_eq!(
                nfc_by_line(text).unwrap_or_else(|| text.to_string()),
                whole,
                "{text:?}"
            );
        }
    }

    #[test]
    fn mojibake_needs_certainty() {
        assert_eq!(
            repair_mojibake("Thá»\u{91}ng kÃª").as_deref(),
            Some("Thống kê")
        );
        assert_eq!(repair_mojibake("café crème brûlée"), None);
        assert_eq!(repair_mojibake("Thống kê"), None);
    }
}
