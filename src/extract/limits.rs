//! Limits on how complex a page may be before it is parsed, so that no page can make the
//! extractor slow or hungry: a linear scan over the markup counts how deep unclosed elements
//! nest and how many attributes one element carries.
//!
//! html5ever (behind `scraper`) checks the stack of open elements for every block tag, and every
//! new attribute against the element's others, so a page of 100,000 unclosed `<div>`s or a
//! `<body>` with 500,000 attributes costs quadratic time. Real pages stay far below the limits
//! here (a few dozen levels, a few dozen attributes, tens of thousands of elements); a page
//! above them is refused with [`PageError::TooComplex`] instead of being parsed.

use crate::error::PageError;

/// Deepest nesting of elements that need an end tag (`<div>`, `<span>`, `<font>` ...; elements
/// that close themselves or are closed by the next sibling, such as `<p>`, `<li>` and `<td>`,
/// do not count).
pub const MAX_NESTING: usize = 1_000;
/// Most attributes on one element.
pub const MAX_ATTRIBUTES: usize = 512;
/// Most elements in a page (a heavy news page has 5,000-20,000); the parsed tree of a page takes
/// a few hundred bytes per element, so this bounds the memory one page needs.
pub const MAX_ELEMENTS: usize = 250_000;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "isindex", "spacer",
];
/// Elements the parser closes when a sibling starts: missing end tags do not deepen the tree.
const AUTO_CLOSED: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];
/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Checks a page against [`MAX_NESTING`], [`MAX_ATTRIBUTES`] and [`MAX_ELEMENTS`] in one pass
/// over its bytes.
pub fn check(html: &str) -> Result<(), PageError> {
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut elements: usize = 0;
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset + 1;
        let Some(&next) = bytes.get(start) else { break };
        if next == b'!' {
            at = skip_markup_declaration(bytes, start);
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { start + 1 } else { start };
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b':')
            .map_or(bytes.len(), |p| name_start + p);
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            at = start;
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (end, attributes, self_closing) = scan_tag(bytes, name_end);
        at = end;
        if closing {
            if counts(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if attributes > MAX_ATTRIBUTES {
            return Err(PageError::TooComplex(format!(
                "an element <{name}> has {attributes} attributes (the limit is {MAX_ATTRIBUTES})"
            )));
        }
        elements += 1;
        if elements > MAX_ELEMENTS {
            return Err(PageError::TooComplex(format!(
                "more than {MAX_ELEMENTS} elements"
            )));
        }
        if RAW_TEXT.contains(&name.as_str()) {
            at = skip_raw_text(bytes, at, &name);
            continue;
        }
        if counts(&name) && !self_closing {
            depth += 1;
            if depth > MAX_NESTING {
                return Err(PageError::TooComplex(format!(
                    "elements nest deeper than {MAX_NESTING} levels"
                )));
            }
        }
    }
    Ok(())
}

/// True for elements that stay open until their end tag.
fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !AUTO_CLOSED.contains(&name) && !RAW_TEXT.contains(&name)
}

/// From just after a tag's name to just after its `>`: the position, the number of attributes
/// and whether it ends with `/>`. Follows the HTML tokenizer's attribute states, so a quote opens
/// a value only right after `=` (a stray quote elsewhere is an ordinary character).
fn scan_tag(bytes: &[u8], mut at: usize) -> (usize, usize, bool) {
    #[derive(PartialEq)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Unquoted,
    }
    let mut state = State::BeforeName;
    let mut attributes = 0;
    let mut slash = false;
    while let Some(&b) = bytes.get(at) {
        if b == b'>' {
            return (at + 1, attributes, slash);
        }
        slash = b == b'/' && state != State::Unquoted;
        state = match state {
            State::BeforeName | State::AfterName if b.is_ascii_whitespace() || b == b'/' => state,
            State::AfterName if b == b'=' => State::BeforeValue,
            State::BeforeName | State::AfterName => {
                attributes += 1;
                State::Name
            }
            State::Name if b.is_ascii_whitespace() || b == b'/' => State::AfterName,
            State::Name if b == b'=' => State::BeforeValue,
            State::Name => State::Name,
            State::BeforeValue if b.is_ascii_whitespace() => State::BeforeValue,
            State::BeforeValue if b == b'"' || b == b'\'' => {
                // A quoted value runs to its closing quote, `>` included.
                at = memchr(b, &bytes[at + 1..]).map_or(bytes.len(), |p| at + 1 + p);
                State::BeforeName
            }
            State::BeforeValue | State::Unquoted if b.is_ascii_whitespace() => {
                if state == State::BeforeValue {
                    State::BeforeValue
                } else {
                    State::BeforeName
                }
            }
            State::BeforeValue | State::Unquoted => State::Unquoted,
        };
        at += 1;
    }
    (bytes.len(), attributes, false)
}

/// Past `<!-- ... -->` or `<!DOCTYPE ...>` / `<![CDATA[ ... ]]>`.
fn skip_markup_declaration(bytes: &[u8], bang: usize) -> usize {
    if bytes[bang..].starts_with(b"!--") {
        return find(bytes, bang + 3, b"-->").map_or(bytes.len(), |p| p + 3);
    }
    memchr(b'>', &bytes[bang..]).map_or(bytes.len(), |p| bang + p + 1)
}

/// Past the end tag of a raw-text element (case-insensitive), or to the end.
fn skip_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(p) = find(bytes, at, b"</") {
        let tag = p + 2;
        let matches = bytes
            .get(tag..tag + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()));
        if matches {
            return tag;
        }
        at = tag;
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page = "<!DOCTYPE html><html><head><title>a < b</title><script>if (a<b) x='</div>';</script></head>\
                    <body class=\"x\" id='y'><div><p>một<p>hai<ul><li>a<li>b</ul><br><img src=\"a.png\" alt=\"a > b\"/></div>\
                    <!-- <div><div> --></body></html>";
        assert!(check(page).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "<div>".repeat(MAX_NESTING + 1);
        assert!(matches!(check(&deep), Err(PageError::TooComplex(_))));
        let closed = "<div></div>".repeat(MAX_NESTING * 10);
        assert!(check(&"<br>".repeat(MAX_ELEMENTS + 1)).is_err());
        assert!(check(&closed).is_ok());
        let paragraphs = "<p>chữ".repeat(MAX_NESTING * 10);
        assert!(check(&paragraphs).is_ok(), "unclosed <p> closes itself");
    }

    #[test]
    fn attribute_floods_are_refused() {
        let attrs: String = (0..=MAX_ATTRIBUTES)
            .map(|i| format!(" a{i}=\"x\""))
            .collect();
        let page = format!("<body{attrs}>chữ</body>");
        assert!(matches!(check(&page), Err(PageError::TooComplex(_))));
        let few = "<div a=1 b='2' c=\"3\" d e=f>x</div>";
        assert!(check(few).is_ok());
    }

    #[test]
    fn a_stray_quote_does_not_hide_the_tags_after_it() {
        // `class=a"b` is an unquoted value with a quote in it, not the start of a quoted value.
        let page = format!("<div class=a\"b>x</div>{}", "<div>".repeat(MAX_NESTING + 1));
        assert!(matches!(check(&page), Err(PageError::TooComplex(_))));
    }
}
