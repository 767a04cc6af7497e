//! Places (stub: to be implemented).

use crate::model::{UnitRef, Ymd};

/// One place mention found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFound {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    /// Canonical name ("Tỉnh Quảng Nam").
    pub name: String,
    /// `province`, `district`, `commune`, `region`, `country`, `foreign_city`, `street`, `venue`.
    pub kind: String,
    /// The unit this mention resolved to (code, era), when it is an administrative unit.
    pub unit: Option<UnitRef>,
    pub province: Option<UnitRef>,
    /// Post-reform unit(s) for pre-reform units.
    pub current: Vec<UnitRef>,
}

/// Gazetteers of administrative units, regions and countries, built once.
#[derive(Debug, Default)]
pub struct PlaceFinder {}

impl PlaceFinder {
    pub fn new() -> PlaceFinder {
        PlaceFinder {}
    }

    /// Finds the places of one text; `published` picks the era of the units.
    pub fn find(&self, text: &str, published: Option<Ymd>) -> Vec<PlaceFound> {
        let _ = (text, published);
        Vec::new()
    }
}
