//! Bare district and commune names in lists, added once the places with their own evidence are
//! chosen: the neighbours of a found unit in a comma or "và" list that are units of the same
//! level and province ("Móng Cái, Hải Hà, Bình Liêu"), a pair of districts of a province the text
//! names ("tại Cẩm Phả và Uông Bí" in a text about Quảng Ninh), and a bare repeat of a unit the
//! text named earlier with its type word ("huyện Hải Hậu ... cách làm của Hải Hậu").
//!
//! Every name added here must be a whole capitalised run (not part of a longer name), must not
//! be a person's name by the bare-name guards (`PlaceFinder::blocked`), and must not overlap a
//! place already chosen.

use super::gazetteer::Level;
use super::token::{Gap, Token};
use super::{Candidate, PlaceFinder, PlaceRule, What};

/// Most words of a unit's name read in a list.
const MAX_UNIT_WORDS: usize = 4;

/// A province of one era: (post-reform, code).
type ProvinceKey = (bool, &'static str);

impl PlaceFinder {
    /// Adds the list neighbours, district pairs and repeats of `chosen` (see the module doc).
    pub(super) fn list_members(&self, tokens: &[Token], chosen: &mut Vec<Candidate>) {
        let provinces = self.named_provinces(chosen);
        let typed: Vec<(usize, &[u32])> = chosen
            .iter()
            .filter(|c| matches!(c.rule, PlaceRule::TypeWord | PlaceRule::List))
            .filter_map(|c| match &c.what {
                What::Units { ids, .. } => Some((c.end, ids.as_slice())),
                _ => None,
            })
            .filter(|(_, ids)| {
                ids.iter()
                    .all(|&id| self.gaz.unit(id).level != Level::Province)
            })
            .collect();
        // The district and commune names standing alone, read once for pairs and repeats.
        // (Kept with all their units: every use below takes districts or communes only.)
        let mut units: Vec<(usize, usize, &[u32])> = Vec::new();
        if !provinces.is_empty() || !typed.is_empty() {
            let mut i = 0;
            while i < tokens.len() {
                match self.whole_unit_names(tokens, i, &|_, _| true) {
                    Some((e, ids)) => {
                        units.push((i, e, ids));
                        i = e;
                    }
                    None => i += 1,
                }
            }
        }
        let is_district_of_named = |id: u32| {
            let u = self.gaz.unit(id);
            u.level == Level::District && provinces.contains(&(u.is_post_reform(), u.province))
        };
        let mut added: Vec<Candidate> = Vec::new();
        // Pairs of districts of a named province open a list of their own.
        for (n, (i, e, ids)) in units.iter().enumerate() {
            if !ids.iter().any(|&id| is_district_of_named(id)) {
                continue;
            }
            let ids: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&id| is_district_of_named(id))
                .collect();
            let paired = self.next_item(tokens, *e).is_some_and(|j| {
                units.get(n + 1).is_some_and(|(k, _, next)| {
                    *k == j && next.iter().any(|&id| is_district_of_named(id))
                })
            });
            if paired
                && !self.plural_noun_before(tokens, *i)
                && self.free(tokens, *i, *e, chosen, &added)
            {
                added.push(list_candidate(tokens, *i, *e, ids));
            }
        }
        // Neighbours of every unit found, both ways along the list.
        let anchors: Vec<(usize, usize, Vec<u32>)> = chosen
            .iter()
            .chain(added.iter())
            .filter_map(|c| match &c.what {
                What::Units { ids, .. } if !ids.is_empty() => Some((c.start, c.end, ids.clone())),
                _ => None,
            })
            .collect();
        for (start, end, ids) in anchors {
            let kin = self.kin(&ids);
            if kin.is_empty() {
                continue;
            }
            let fits = |lvl: Level, key: ProvinceKey| kin.contains(&(lvl, key));
            let first = tokens.partition_point(|t| t.start < start);
            let Some(last) = tokens.partition_point(|t| t.end <= end).checked_sub(1) else {
                continue;
            };
            let mut e = last + 1;
            while let Some(j) = self.next_item(tokens, e) {
                let Some((f, ids)) = self.whole_unit(tokens, j, fits) else {
                    break;
                };
                if !self.free(tokens, j, f, chosen, &added) {
                    break;
                }
                added.push(list_candidate(tokens, j, f, ids));
                e = f;
            }
            let mut s = first;
            while let Some(k) = self.previous_item(tokens, s) {
                // the longest name ending at k: the run's start is its lowest possible start
                let hit = (k.saturating_sub(MAX_UNIT_WORDS - 1)..=k).find_map(|b| {
                    self.whole_unit(tokens, b, fits)
                        .filter(|(f, _)| *f == k + 1)
                        .map(|(_, ids)| (b, ids))
                });
                let Some((b, ids)) = hit else { break };
                if !self.free(tokens, b, k + 1, chosen, &added) {
                    break;
                }
                added.push(list_candidate(tokens, b, k + 1, ids));
                s = b;
            }
        }
        // Bare repeats of a district or commune named earlier with its type word.
        let mut repeats: Vec<Candidate> = Vec::new();
        for (i, e, ids) in &units {
            let at = tokens[*i].start;
            // after "động" it names a cave; starting with a surname, a person the unit is named
            // after ("quận Lê Chân" ... "Nữ tướng Lê Chân")
            let after_noun = (*i > 0
                && tokens[i - 1].gap == Gap::Space
                && self.lex.other_place_nouns.contains(&[tokens[i - 1].id]))
                || self.lex.surnames.contains(&[tokens[*i].id]);
            if after_noun {
                continue;
            }
            let typed_before = |id: &u32| typed.iter().any(|(end, t)| *end <= at && t.contains(id));
            if !ids.iter().any(typed_before) {
                continue;
            }
            let seen: Vec<u32> = ids.iter().copied().filter(typed_before).collect();
            if !seen.is_empty() && self.free(tokens, *i, *e, chosen, &added) {
                repeats.push(Candidate {
                    rule: PlaceRule::Repeat,
                    ..list_candidate(tokens, *i, *e, seen)
                });
            }
        }
        added.extend(repeats);
        chosen.extend(added);
        chosen.sort_by_key(|c| c.start);
    }

    /// The provinces named in the text (by a unit of province level).
    fn named_provinces(&self, chosen: &[Candidate]) -> Vec<ProvinceKey> {
        let mut out = Vec::new();
        for c in chosen {
            if let What::Units { ids, .. } = &c.what {
                for &id in ids {
                    let u = self.gaz.unit(id);
                    if u.level == Level::Province {
                        out.push((u.is_post_reform(), u.code));
                    }
                }
            }
        }
        out
    }

    /// (level, province) of the district and commune units among `ids`.
    fn kin(&self, ids: &[u32]) -> Vec<(Level, ProvinceKey)> {
        ids.iter()
            .map(|&id| self.gaz.unit(id))
            .filter(|u| u.level != Level::Province)
            .map(|u| (u.level, (u.is_post_reform(), u.province)))
            .collect()
    }

    /// The units named by the whole capitalised run at `i` that `fits` takes (by level and
    /// province): the end word and the units.
    fn whole_unit(
        &self,
        tokens: &[Token],
        i: usize,
        fits: impl Fn(Level, ProvinceKey) -> bool,
    ) -> Option<(usize, Vec<u32>)> {
        let (end, ids) = self.whole_unit_names(tokens, i, &fits)?;
        Some((
            end,
            ids.iter()
                .copied()
                .filter(|&id| self.takes(id, &fits))
                .collect(),
        ))
    }

    /// [`whole_unit`](Self::whole_unit) with all the units of the name, not only those `fits`
    /// takes (at least one is).
    fn whole_unit_names(
        &self,
        tokens: &[Token],
        i: usize,
        fits: &impl Fn(Level, ProvinceKey) -> bool,
    ) -> Option<(usize, &[u32])> {
        let t = tokens.get(i)?;
        if !t.cap || (i > 0 && tokens[i - 1].gap == Gap::Space && tokens[i - 1].cap) {
            return None;
        }
        let (end, ids) =
            self.longest(tokens, i, MAX_UNIT_WORDS, &self.gaz.names, |ids, _, ws| {
                ws.iter().all(|w| w.cap).then_some(ids)
            })?;
        let open = end < tokens.len()
            && matches!(tokens[end - 1].gap, Gap::Space | Gap::Dash)
            && (tokens[end].cap || tokens[end].digit);
        if open || self.blocked(tokens, i, end) {
            return None;
        }
        ids.iter()
            .any(|&id| self.takes(id, fits))
            .then_some((end, ids.as_slice()))
    }

    /// Whether a list takes unit `id`: a district or commune that `fits`.
    fn takes(&self, id: u32, fits: &impl Fn(Level, ProvinceKey) -> bool) -> bool {
        let u = self.gaz.unit(id);
        u.level != Level::Province && fits(u.level, (u.is_post_reform(), u.province))
    }

    /// Whether the list that holds the item at word `i` follows a plural common noun ("các chi
    /// cục Cầu Giấy, Đống Đa": offices, not places); a plural type word is read by `typed`.
    fn plural_noun_before(&self, tokens: &[Token], i: usize) -> bool {
        let mut s = i;
        while let Some(k) = self.previous_item(tokens, s) {
            let mut b = k;
            while b > 0
                && k - b < MAX_UNIT_WORDS
                && tokens[b - 1].gap == Gap::Space
                && tokens[b - 1].cap
            {
                b -= 1;
            }
            if !tokens[b].cap {
                break;
            }
            s = b;
        }
        (1..=3).any(|n| {
            s >= n
                && tokens[s - n..s]
                    .iter()
                    .all(|t| t.gap == Gap::Space && !t.cap)
                && self.lex.plural_cues.contains(&[tokens[s - n].id])
        })
    }

    /// The first word of the list item after the item ending before word `end`.
    fn next_item(&self, tokens: &[Token], end: usize) -> Option<usize> {
        let last = tokens.get(end.checked_sub(1)?)?;
        let and_at = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| t.key == "và" && t.gap == Gap::Space)
        };
        let j = match last.gap {
            Gap::Comma if and_at(end) => end + 1,
            Gap::Comma => end,
            Gap::Space if and_at(end) => end + 1,
            _ => return None,
        };
        (j < tokens.len()).then_some(j)
    }

    /// The last word of the list item before the item starting at word `start`.
    fn previous_item(&self, tokens: &[Token], start: usize) -> Option<usize> {
        let k = start.checked_sub(1)?;
        match tokens[k].gap {
            Gap::Comma => Some(k),
            Gap::Space if tokens[k].key == "và" => {
                // "A và B", "A, và B"
                let k = k.checked_sub(1)?;
                matches!(tokens[k].gap, Gap::Space | Gap::Comma).then_some(k)
            }
            _ => None,
        }
    }

    /// Whether words `i..e` overlap no chosen or added place.
    fn free(
        &self,
        tokens: &[Token],
        i: usize,
        e: usize,
        chosen: &[Candidate],
        added: &[Candidate],
    ) -> bool {
        let (start, end) = (tokens[i].start, tokens[e - 1].end);
        !chosen
            .iter()
            .chain(added)
            .any(|o| o.start < end && start < o.end)
    }
}

fn list_candidate(tokens: &[Token], i: usize, e: usize, ids: Vec<u32>) -> Candidate {
    Candidate::bare_units(tokens[i].start, tokens[e - 1].end, PlaceRule::List, ids)
}
