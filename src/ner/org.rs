//! Organisations (stub: to be implemented).

/// One organisation mention found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgFound {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    /// Canonical name, abbreviations expanded ("Ủy ban nhân dân tỉnh Khánh Hòa").
    pub name: String,
    pub kind: String,
    pub abbreviation: Option<String>,
    pub parent: Option<String>,
    pub place: Option<String>,
    pub successor: Option<String>,
}

/// Organisation lexicons, built once.
#[derive(Debug, Default)]
pub struct OrgFinder {}

impl OrgFinder {
    pub fn new() -> OrgFinder {
        OrgFinder {}
    }

    /// Finds the organisations of one text. `places` are the byte spans of place mentions, which
    /// an organisation name takes in as its qualifier ("Sở Nội vụ" + " tỉnh Lâm Đồng").
    pub fn find(&self, text: &str, places: &[(usize, usize)]) -> Vec<OrgFound> {
        let _ = (text, places);
        Vec::new()
    }
}
