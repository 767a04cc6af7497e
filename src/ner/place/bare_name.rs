//! Names without a type word: regions, countries, foreign cities, provinces and well-known
//! district-level cities, with the guards that keep people's names and common words out
//! ("Phạm Thái Bình", "tiếng Anh", "Anh cho biết", "(Ảnh: Minh Hải)").

use super::gazetteer::Level;
use super::lexicon::case_fits;
use super::token::{Gap, Token};
use super::{caps, first_upper, Candidate, PlaceFinder, PlaceKind, PlaceRule, What};

/// How far along a list of weak countries ("Pháp, Nga, Anh, Mỹ, Trung Quốc") a strong one is
/// looked for.
const MAX_LISTED_COUNTRIES: usize = 6;

impl PlaceFinder {
    /// Regions, countries and foreign cities named bare.
    pub(super) fn named(&self, tokens: &[Token], i: usize, out: &mut Vec<Candidate>) {
        let lex = &self.lex;
        let found = self.longest(tokens, i, lex.max_words, &lex.named, |n, _, ws| {
            Some(n)
                .filter(|n| case_fits(&n.form, &caps(ws)) && (ws[0].cap || !first_upper(&n.form)))
        });
        let Some((end, n)) = found else { return };
        if self.blocked(tokens, i, end) {
            return;
        }
        if n.weak && !self.weak_ok(tokens, i, end) {
            return;
        }
        out.push(Candidate {
            start: tokens[i].start,
            end: tokens[end - 1].end,
            rule: PlaceRule::named(n.kind),
            what: What::Other {
                name: n.canonical.to_string(),
                kind: n.kind,
            },
        });
    }

    /// A weak country counts after a cue word or next to another country.
    pub(super) fn weak_ok(&self, tokens: &[Token], i: usize, end: usize) -> bool {
        // After a head of state or government the country stands before the person's name
        // ("Tổng thống Nga Vla-đi-mia Pu-tin", "Thủ tướng Lào Xỏn-xay").
        if self.after_country_title(tokens, i) {
            return true;
        }
        // Followed by a capitalised word it is part of a longer name ("Mỹ Đức", "Anh Sơn").
        if end < tokens.len() && tokens[end - 1].gap == Gap::Space && tokens[end].cap {
            return false;
        }
        // "và" and "với" need a country on the other side too ("Anh và Pháp").
        if i > 0
            && tokens[i - 1].gap == Gap::Space
            && self.lex.country_cues.contains(&[tokens[i - 1].id])
        {
            return true;
        }
        let listed = |gap: Gap| matches!(gap, Gap::Comma | Gap::Dash);
        // The next item of a list is a country, or weak countries lead to one ("như Pháp, Nga,
        // Trung Quốc").
        let neighbour = |mut k: usize| {
            let lex = &self.lex;
            for _ in 0..MAX_LISTED_COUNTRIES {
                let found = self.longest(tokens, k, lex.max_words, &lex.named, |n, _, ws| {
                    Some(n).filter(|n| n.kind == PlaceKind::Country && ws[0].cap)
                });
                match found {
                    Some((_, n)) if !n.weak => return true,
                    Some((next, _)) if next < tokens.len() && listed(tokens[next - 1].gap) => {
                        k = next
                    }
                    // The last item comes after "và" ("Pháp, Lào và Trung Quốc").
                    Some((next, _))
                        if next + 1 < tokens.len()
                            && tokens[next - 1].gap == Gap::Space
                            && tokens[next].gap == Gap::Space
                            && lex.country_cues.contains(&[tokens[next].id]) =>
                    {
                        k = next + 1
                    }
                    _ => return false,
                }
            }
            false
        };
        (end < tokens.len() && listed(tokens[end - 1].gap) && neighbour(end))
            || (i > 0 && listed(tokens[i - 1].gap) && {
                // the previous word ends a country: try starts up to 3 words back
                (i.saturating_sub(3)..i).any(|s| {
                    self.longest(tokens, s, i - s, &self.lex.named, |n, _, _| {
                        Some(n).filter(|n| n.kind == PlaceKind::Country)
                    })
                    .is_some_and(|(e, _)| e == i)
                })
            })
    }

    /// The words before word `i` end a title that names a country after it ("Tổng thống",
    /// "Bộ trưởng Ngoại giao"), on the same line.
    fn after_country_title(&self, tokens: &[Token], i: usize) -> bool {
        (1..=4.min(i)).any(|n| {
            let first = i - n;
            tokens[first..i].iter().all(|t| t.gap == Gap::Space)
                && self
                    .lex
                    .country_titles
                    .contains(&tokens[first..i].iter().map(|t| t.id).collect::<Vec<_>>())
        })
    }

    /// Whether a bare name at words `i..end` is part of something else: a person's name
    /// ("Phạm Thái Bình"), a language ("tiếng Anh"), or a longer capitalised run after an honorific.
    pub(super) fn blocked(&self, tokens: &[Token], i: usize, end: usize) -> bool {
        // A name followed by a three-digit number names a ship or rig ("Hải Dương 981").
        if end < tokens.len()
            && tokens[end - 1].gap == Gap::Space
            && tokens[end].text.len() == 3
            && tokens[end].text.bytes().all(|b| b.is_ascii_digit())
        {
            return true;
        }
        if i == 0 {
            return false;
        }
        // Photo credits name people ("(Ảnh: Minh Hải)").
        if matches!(tokens[i - 1].gap, Gap::Other | Gap::Colon) && tokens[i - 1].key == "ảnh" {
            return true;
        }
        if tokens[i - 1].gap != Gap::Space {
            return false;
        }
        if self.lex.bare_blockers.contains(&[tokens[i - 1].id]) {
            return true;
        }
        if i > 1
            && tokens[i - 2].gap == Gap::Space
            && self
                .lex
                .bare_blockers
                .contains(&[tokens[i - 2].id, tokens[i - 1].id])
        {
            return true;
        }
        // Start of the capitalised run that ends just before i.
        let mut s = i;
        while s > 0 && tokens[s - 1].gap == Gap::Space && tokens[s - 1].cap {
            s -= 1;
        }
        // A capitalised honorific may open the run ("Bà Nguyễn Thị Huế").
        while s < i && self.lex.bare_blockers.contains(&[tokens[s].id]) {
            s += 1;
        }
        s < i && i - s <= 3 && {
            self.lex.surnames.contains(&[tokens[s].id])
                && (s == 0
                    || tokens[s - 1].gap != Gap::Space
                    || !self.lex.types.contains(&[tokens[s - 1].id]))
        }
    }

    /// Provinces (and well-known district-level cities) named without a type word.
    pub(super) fn bare_unit(&self, tokens: &[Token], i: usize, out: &mut Vec<Candidate>) {
        let gaz = &self.gaz;
        let lex = &self.lex;
        let found = self.longest(tokens, i, gaz.max_words, &gaz.names, |ids, path, ws| {
            if lex.not_bare.contains(path) || !ws.iter().all(|w| w.cap) {
                return None;
            }
            let bare = lex.bare_units.lookup(path);
            let fits: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&id| {
                    let u = gaz.unit(id);
                    u.level == Level::Province
                        || bare.is_some_and(|(province, typ)| {
                            u.level == Level::District
                                && u.province == province
                                && u.type_word == typ
                        })
                })
                .collect();
            (!fits.is_empty()).then_some(fits)
        });
        let Some((end, ids)) = found else { return };
        if self.blocked(tokens, i, end) {
            return;
        }
        out.push(Candidate::bare_units(
            tokens[i].start,
            tokens[end - 1].end,
            PlaceRule::Bare,
            ids,
        ));
    }
}
