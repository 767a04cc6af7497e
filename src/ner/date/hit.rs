//! One match of the date grammar: the alternative that fired and the byte ranges of its parts,
//! and the date it becomes. Shared by `interpret` and the readers of days and periods.

use regex_automata::util::captures::Captures;

use super::rule::{Alternative, DateRule};
use super::DateFound;
use crate::model::{DateKind, Granularity};

/// Sub-groups some rules need, by name.
const SUBGROUPS: &[&str] = &[
    "rd_a", "rd_b", "dl_b", "wd_w", "wd_d", "mr_a", "mr_b", "c_n", "ly_s", "ly_t", "ly_y", "lr_a",
    "lr_b",
];

/// One regex match: the rule that fired and its byte ranges in the text.
pub struct Hit {
    pub rule: Alternative,
    pub start: usize,
    pub end: usize,
    groups: Vec<(&'static str, usize, usize)>,
}

impl Hit {
    /// The hit of alternative `rule` in `caps`; `base` is added to every offset (the anchored
    /// retry runs on a tail of the text).
    pub fn from_captures(rule: Alternative, caps: &Captures, base: usize) -> Option<Hit> {
        let whole = caps.get_match()?;
        // The named groups of the pattern that matched, in its own order.
        let names = caps.group_info().pattern_names(whole.pattern());
        let groups = names
            .enumerate()
            .filter_map(|(index, name)| {
                let name = SUBGROUPS.iter().find(|g| Some(**g) == name)?;
                let m = caps.get_group(index)?;
                Some((*name, base + m.start, base + m.end))
            })
            .collect();
        Some(Hit {
            rule,
            start: base + whole.start(),
            end: base + whole.end(),
            groups,
        })
    }

    /// The hit of an alternative without named groups, over `start..end`.
    pub fn whole(rule: Alternative, start: usize, end: usize) -> Hit {
        Hit {
            rule,
            start,
            end,
            groups: Vec::new(),
        }
    }

    pub fn group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        let (_, s, e) = self.groups.iter().find(|(g, _, _)| *g == name)?;
        text.get(*s..*e)
    }

    pub fn group_end(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == name)
            .map(|(_, _, e)| *e)
    }

    pub fn group_start(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == name)
            .map(|(_, s, _)| *s)
    }
}

/// A date over the whole span of a hit, before its context is read.
pub(super) fn found(
    hit: &Hit,
    rule: DateRule,
    value: String,
    g: Granularity,
    k: DateKind,
) -> DateFound {
    DateFound {
        start: hit.start,
        end: hit.end,
        rule,
        value,
        granularity: g,
        kind: k,
        part_of_day: None,
        time: None,
    }
}
