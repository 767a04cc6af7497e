//! Which unit a mention means: era first, then the places named nearby.
//!
//! A mention of an administrative unit arrives with every unit of that name (all eras, all
//! provinces). The publication date orders the eras (before 2025-01-01: the 2024 list and older
//! history first; until 2025-06-30: the last pre-reform list; after: the post-reform units), and
//! the first era holding any of the units wins. When that still leaves several units ("xã Tân
//! Lập" exists in dozens of provinces), the provinces and districts resolved elsewhere in the same
//! text decide: the unit whose parent is mentioned nearest wins. No parent in sight: no code.

use crate::model::Ymd;

use super::{Candidate, PlaceFinder, PlaceFound, PlaceKind, What};

use super::gazetteer::{Era, Gazetteer, Level, Unit, IN_2024, IN_2025, IN_2025_06, IN_HISTORY};

/// The eras to try, most likely first, for a text published on `published`.
pub fn era_order(published: Option<Ymd>) -> [Era; 3] {
    let Some(day) = published else {
        return [Era::Y2025, Era::Y2025June, Era::Y2024];
    };
    let date = (day.year, day.month);
    if date >= (2025, 7) {
        [Era::Y2025, Era::Y2025June, Era::Y2024]
    } else if date >= (2025, 1) {
        [Era::Y2025June, Era::Y2024, Era::Y2025]
    } else {
        [Era::Y2024, Era::Y2025June, Era::Y2025]
    }
}

fn in_era(unit: &Unit, era: Era) -> bool {
    match era {
        Era::Y2025 => unit.eras & IN_2025 != 0,
        Era::Y2025June => unit.eras & IN_2025_06 != 0,
        Era::Y2024 => unit.eras & (IN_2024 | IN_HISTORY) != 0,
    }
}

/// The units of `ids` in the most likely era, one per code.
pub fn by_era(gaz: &Gazetteer, ids: &[u32], published: Option<Ymd>) -> Option<(Era, Vec<u32>)> {
    for era in era_order(published) {
        let mut chosen: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| in_era(gaz.unit(id), era))
            .collect();
        if era == Era::Y2024 {
            // Prefer units that existed when the text was written.
            if let Some(day) = published {
                let month = day.year as u32 * 12 + day.month.saturating_sub(1);
                let alive: Vec<u32> = chosen
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let u = gaz.unit(id);
                        u.eras & IN_2024 != 0 || (u.first <= month + 1 && month <= u.last + 2)
                    })
                    .collect();
                if !alive.is_empty() {
                    chosen = alive;
                }
            }
            // The 2024 list row before the history rows of the same code.
            chosen.sort_by_key(|&id| gaz.unit(id).eras & IN_2024 == 0);
        }
        let mut seen: Vec<(Level, &str)> = Vec::new();
        chosen.retain(|&id| {
            let u = gaz.unit(id);
            if seen.contains(&(u.level, u.code)) {
                false
            } else {
                seen.push((u.level, u.code));
                true
            }
        });
        // A name that is both a province and its capital ("Thái Nguyên", "Hải Dương") means the
        // province unless a type word said otherwise (the pool is then of one type already).
        if chosen.len() > 1
            && chosen
                .iter()
                .any(|&id| gaz.unit(id).level == Level::Province)
        {
            chosen.retain(|&id| gaz.unit(id).level == Level::Province);
        }
        if !chosen.is_empty() {
            return Some((era, chosen));
        }
    }
    None
}

/// A resolved unit somewhere in the text, for context.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub at: usize,
    pub id: u32,
}

/// Whether `anchor` is the province or district that contains `unit`.
fn contains(gaz: &Gazetteer, anchor: u32, unit: u32) -> bool {
    let a = gaz.unit(anchor);
    let u = gaz.unit(unit);
    match a.level {
        Level::Province => {
            if a.is_post_reform() {
                gaz.province_now(unit) == Some(a.code)
            } else if u.is_post_reform() {
                gaz.province_now(anchor) == Some(u.province)
            } else {
                a.code == u.province
            }
        }
        Level::District => {
            u.level == Level::Commune && !u.is_post_reform() && !a.is_post_reform() && {
                u.district == a.code
            }
        }
        Level::Commune => false,
    }
}

/// Picks the unit of `candidates` whose parent is named nearest to byte `at`; None when no
/// candidate has a parent in the text or two are equally near.
pub fn by_context(
    gaz: &Gazetteer,
    candidates: &[u32],
    at: usize,
    anchors: &[Anchor],
) -> Option<u32> {
    let mut best: Option<(usize, u32)> = None;
    let mut tie = false;
    for &id in candidates {
        let distance = anchors
            .iter()
            .filter(|a| a.id != id && contains(gaz, a.id, id))
            .map(|a| a.at.abs_diff(at))
            .min();
        let Some(d) = distance else { continue };
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, bid)) if d == bd => {
                // The same unit in two rows is no tie.
                tie |= gaz.unit(bid).code != gaz.unit(id).code;
            }
            _ => {
                best = Some((d, id));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(_, id)| id)
    }
}

impl PlaceFinder {
    /// Era and context resolution of the chosen candidates.
    pub(super) fn resolve(
        &self,
        chosen: Vec<Candidate>,
        published: Option<Ymd>,
    ) -> Vec<PlaceFound> {
        let gaz = &self.gaz;
        // First pass: units by era; unique ones become anchors.
        let mut picks: Vec<Option<(Era, Vec<u32>)>> = Vec::with_capacity(chosen.len());
        let mut anchors: Vec<Anchor> = Vec::new();
        for c in &chosen {
            let pick = match &c.what {
                What::Units { ids, written, .. } => {
                    let strict: Vec<u32> = match written {
                        Some(w) => ids
                            .iter()
                            .copied()
                            .filter(|&id| gaz.unit(id).type_word == *w)
                            .collect(),
                        None => Vec::new(),
                    };
                    let pool = if strict.is_empty() { ids } else { &strict };
                    by_era(gaz, pool, published)
                }
                What::Other { .. } => None,
            };
            if let Some((_, units)) = &pick {
                if units.len() == 1 {
                    anchors.push(Anchor {
                        at: c.start,
                        id: units[0],
                    });
                }
            }
            picks.push(pick);
        }
        // Second pass: same-named units by the parents named nearby (provinces first, so a
        // district resolved here can anchor a commune).
        let mut resolved: Vec<Option<(Era, u32)>> = picks
            .iter()
            .map(|p| match p {
                Some((era, units)) if units.len() == 1 => Some((*era, units[0])),
                _ => None,
            })
            .collect();
        for _round in 0..2 {
            for (n, c) in chosen.iter().enumerate() {
                if resolved[n].is_some() {
                    continue;
                }
                let Some((era, units)) = &picks[n] else {
                    continue;
                };
                if let Some(id) = by_context(gaz, units, c.start, &anchors) {
                    resolved[n] = Some((*era, id));
                    anchors.push(Anchor { at: c.start, id });
                }
            }
        }
        let mut out = Vec::with_capacity(chosen.len());
        for (n, c) in chosen.into_iter().enumerate() {
            let (name, kind) = match &c.what {
                What::Other { name, kind } => (name.clone(), *kind),
                What::Units {
                    ids,
                    level,
                    must_resolve,
                    name,
                    ..
                } => {
                    if *must_resolve && resolved[n].is_none() {
                        continue;
                    }
                    match resolved[n] {
                        Some((era, id)) => {
                            let u = gaz.unit(id);
                            let unit = gaz.unit_ref(id, era);
                            out.push(PlaceFound {
                                start: c.start,
                                end: c.end,
                                rule: c.rule,
                                name: unit.name.clone(),
                                kind: PlaceKind::from(u.level),
                                unit: Some(unit),
                                province: gaz.province_ref(id, era),
                                current: if era == Era::Y2025 {
                                    Vec::new()
                                } else {
                                    gaz.current(id)
                                },
                            });
                            continue;
                        }
                        None => {
                            let level = level.or_else(|| {
                                let first = gaz.unit(*ids.first()?).level;
                                ids.iter()
                                    .all(|&id| gaz.unit(id).level == first)
                                    .then_some(first)
                            });
                            let name = if name.is_empty() {
                                ids.first()
                                    .map(|&id| gaz.unit(id).full_name())
                                    .unwrap_or_default()
                            } else {
                                name.clone()
                            };
                            (name, level.map_or(PlaceKind::Other, PlaceKind::from))
                        }
                    }
                }
            };
            out.push(PlaceFound {
                start: c.start,
                end: c.end,
                rule: c.rule,
                name,
                kind,
                unit: None,
                province: None,
                current: Vec::new(),
            });
        }
        out
    }
}
