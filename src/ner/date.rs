//! Date expressions (stub: to be implemented).

use crate::model::{DateKind, Granularity, Ymd};

/// One date expression found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    pub value: String,
    pub granularity: Granularity,
    pub kind: DateKind,
    pub part_of_day: Option<String>,
    pub time: Option<String>,
}

/// Finds the date expressions of one text; `published` resolves missing years and months.
pub fn find_dates(text: &str, published: Option<Ymd>) -> Vec<DateFound> {
    let _ = (text, published);
    Vec::new()
}
