//! Bytes -> clean text. (stub: to be implemented)

use crate::error::PageError;

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

/// Decodes the bytes of an HTML page: BOM, then `<meta charset>`, then a detector.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<Decoded, PageError> {
    let _ = content_type;
    let html = String::from_utf8_lossy(bytes).into_owned();
    Ok(Decoded {
        html,
        encoding: "UTF-8",
        repairs: Vec::new(),
    })
}

/// Cleans one piece of extracted text: NFC, Ð -> Đ, zero-width characters dropped, whitespace folded.
pub fn clean_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
