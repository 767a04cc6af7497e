//! One flat, non-overlapping set of spans out of what the recognisers found in one text.
//!
//! The recognisers run independently, so their spans can overlap: a place inside an organisation
//! name ("Sở Nội vụ tỉnh Lâm Đồng"), a person's name inside a street or a school ("đường Trần
//! Phú", "Trường THPT Nguyễn Trãi"). The longer span wins; on equal length the type order
//! [`TYPE_ORDER`] decides. Titles of people are attributes, not spans, so an organisation inside a
//! title phrase stays an organisation.

use serde::Serialize;

use super::date::DateFound;
use super::org::OrgFound;
use super::person::PersonFound;
use super::piece::Piece;
use super::place::PlaceFound;
use super::text::CharOffsets;
use super::Found;

/// Entity types, as the gold set and annotation tools name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityType {
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "DATE")]
    Date,
}

/// Which type wins when two spans of equal length overlap (first wins).
pub const TYPE_ORDER: [EntityType; 4] = [
    EntityType::Org,
    EntityType::Loc,
    EntityType::Per,
    EntityType::Date,
];

/// The spans kept for one text, byte offsets, each list sorted by start.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub dates: Vec<DateFound>,
    pub places: Vec<PlaceFound>,
    pub orgs: Vec<OrgFound>,
    pub people: Vec<PersonFound>,
}

struct Candidate {
    start: usize,
    end: usize,
    kind: EntityType,
    index: usize,
}

/// Keeps a non-overlapping subset of the found spans: longest first, then by [`TYPE_ORDER`],
/// then leftmost.
pub fn resolve_overlaps(found: Found) -> Resolved {
    let mut candidates: Vec<Candidate> = Vec::with_capacity(
        found.dates.len() + found.places.len() + found.orgs.len() + found.people.len(),
    );
    let mut push = |spans: &mut dyn Iterator<Item = (usize, usize)>, kind: EntityType| {
        for (index, (start, end)) in spans.enumerate() {
            if start < end {
                candidates.push(Candidate {
                    start,
                    end,
                    kind,
                    index,
                });
            }
        }
    };
    push(
        &mut found.dates.iter().map(|d| (d.start, d.end)),
        EntityType::Date,
    );
    push(
        &mut found.places.iter().map(|p| (p.start, p.end)),
        EntityType::Loc,
    );
    push(
        &mut found.orgs.iter().map(|o| (o.start, o.end)),
        EntityType::Org,
    );
    push(
        &mut found.people.iter().map(|p| (p.start, p.end)),
        EntityType::Per,
    );

    let rank = |kind: EntityType| {
        TYPE_ORDER
            .iter()
            .position(|&k| k == kind)
            .unwrap_or(TYPE_ORDER.len())
    };
    // Equal length, type and start means one type (each has its own rank): the index, the
    // order they were pushed in, keeps the sort stable.
    candidates.sort_unstable_by_key(|c| {
        (
            std::cmp::Reverse(c.end - c.start),
            rank(c.kind),
            c.start,
            c.index,
        )
    });

    // Accepted spans kept sorted by start, so an overlap check is one binary search.
    let mut accepted: Vec<(usize, usize)> = Vec::with_capacity(candidates.len());
    let mut keep: [Vec<usize>; 4] = Default::default();
    for c in &candidates {
        let at = accepted.partition_point(|&(s, _)| s < c.start);
        let clashes_before = at > 0 && accepted[at - 1].1 > c.start;
        let clashes_after = at < accepted.len() && accepted[at].0 < c.end;
        if clashes_before || clashes_after {
            continue;
        }
        accepted.insert(at, (c.start, c.end));
        keep[c.kind as usize].push(c.index);
    }

    /// The items at `indices`, moved out, sorted by start.
    fn pick<T>(items: Vec<T>, mut indices: Vec<usize>, start: impl Fn(&T) -> usize) -> Vec<T> {
        indices.sort_unstable();
        indices.dedup();
        // The items kept, in the order of their indices (one walk, nothing moved twice).
        let mut wanted = indices.into_iter().peekable();
        let mut kept: Vec<T> = Vec::with_capacity(wanted.len());
        for (i, item) in items.into_iter().enumerate() {
            if wanted.next_if_eq(&i).is_some() {
                kept.push(item);
            }
        }
        // The recognisers list their spans by start already, most of the time.
        if !kept.is_sorted_by_key(&start) {
            kept.sort_by_key(|item| start(item));
        }
        kept
    }
    let [orgs, places, people, dates] = keep;
    Resolved {
        orgs: pick(found.orgs, orgs, |o| o.start),
        places: pick(found.places, places, |p| p.start),
        people: pick(found.people, people, |p| p.start),
        dates: pick(found.dates, dates, |d| d.start),
    }
}

/// One mention in the flat layout of `tintuc ner --spans`, code-point offsets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlatMention {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titles: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The resolved spans of one piece of a text as a flat list sorted by start (code points of the
/// whole text).
pub fn flat_mentions(piece: &Piece<'_>, resolved: &Resolved) -> Vec<FlatMention> {
    let offsets = CharOffsets::new(piece.text);
    // The order of the mentions, found on their spans before any is built: by start and end,
    // then dates, places, organisations, people, each in its own order (a stable sort of the
    // mentions themselves, which are large).
    let spans = |kind: usize, spans: &mut dyn Iterator<Item = (usize, usize)>| {
        spans
            .enumerate()
            .map(|(index, (start, end))| (start, end, kind, index))
            .collect::<Vec<_>>()
    };
    let mut order = spans(0, &mut resolved.dates.iter().map(|d| (d.start, d.end)));
    order.extend(spans(
        1,
        &mut resolved.places.iter().map(|p| (p.start, p.end)),
    ));
    order.extend(spans(
        2,
        &mut resolved.orgs.iter().map(|o| (o.start, o.end)),
    ));
    order.extend(spans(
        3,
        &mut resolved.people.iter().map(|p| (p.start, p.end)),
    ));
    order.sort_unstable();
    let base = |kind: EntityType, start: usize, end: usize, rule: &str| FlatMention {
        kind,
        start: piece.char_start + offsets.to_char(start),
        end: piece.char_start + offsets.to_char(end),
        text: piece.text.get(start..end).unwrap_or_default().to_string(),
        rule: rule.to_string(),
        honorific: None,
        titles: None,
        value: None,
    };
    let mut out = Vec::with_capacity(order.len());
    for (_, _, kind, index) in order {
        out.push(match kind {
            0 => {
                let d = &resolved.dates[index];
                FlatMention {
                    value: Some(d.value.clone()),
                    ..base(EntityType::Date, d.start, d.end, d.rule.as_str())
                }
            }
            1 => {
                let p = &resolved.places[index];
                base(EntityType::Loc, p.start, p.end, p.rule.as_str())
            }
            2 => {
                let o = &resolved.orgs[index];
                base(EntityType::Org, o.start, o.end, o.rule.as_str())
            }
            _ => {
                let p = &resolved.people[index];
                FlatMention {
                    honorific: Some(p.honorific.clone().unwrap_or_default()),
                    titles: Some(p.titles.iter().map(|t| t.text.clone()).collect()),
                    ..base(EntityType::Per, p.start, p.end, p.rule.as_str())
                }
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateKind, Granularity};

    fn place(start: usize, end: usize) -> PlaceFound {
        PlaceFound {
            start,
            end,
            rule: crate::ner::place::PlaceRule::Bare,
            name: String::new(),
            kind: crate::ner::place::PlaceKind::Province,
            unit: None,
            province: None,
            current: Vec::new(),
        }
    }

    fn org(start: usize, end: usize) -> OrgFound {
        OrgFound {
            start,
            end,
            rule: crate::ner::org::OrgRule::Head,
            name: String::new(),
            kind: crate::ner::org::OrgKind::Department,
            abbreviation: None,
            parent: None,
            place: None,
            successor: None,
        }
    }

    fn person(start: usize, end: usize) -> PersonFound {
        PersonFound {
            start,
            end,
            rule: crate::ner::person::PersonRule::Surname,
            name: String::new(),
            honorific: None,
            gender: None,
            titles: Vec::new(),
        }
    }

    #[test]
    fn longer_span_wins_and_contained_spans_go() {
        // "Sở Nội vụ tỉnh Lâm Đồng": the place inside the organisation goes.
        let found = Found {
            places: vec![place(12, 28)],
            orgs: vec![org(0, 28)],
            ..Found::default()
        };
        let resolved = resolve_overlaps(found);
        assert_eq!(resolved.orgs.len(), 1);
        assert!(resolved.places.is_empty());
    }

    #[test]
    fn equal_spans_follow_type_order_and_disjoint_spans_stay() {
        let found = Found {
            places: vec![place(0, 10), place(20, 30)],
            people: vec![person(0, 10), person(40, 50)],
            dates: vec![DateFound {
                start: 60,
                end: 70,
                rule: crate::ner::date::DateRule::Year,
                value: "2023".into(),
                granularity: Granularity::Year,
                kind: DateKind::Date,
                part_of_day: None,
                time: None,
            }],
            ..Found::default()
        };
        let resolved = resolve_overlaps(found);
        assert_eq!(
            resolved.places.iter().map(|p| p.start).collect::<Vec<_>>(),
            vec![0, 20]
        );
        assert_eq!(
            resolved.people.iter().map(|p| p.start).collect::<Vec<_>>(),
            vec![40]
        );
        assert_eq!(resolved.dates.len(), 1);
    }

    #[test]
    fn crossing_spans_keep_the_longer() {
        let found = Found {
            people: vec![person(5, 15)],
            orgs: vec![org(0, 8)],
            ..Found::default()
        };
        let resolved = resolve_overlaps(found);
        assert_eq!(resolved.people.len(), 1);
        assert!(resolved.orgs.is_empty());
    }
}
