//! Venues and addresses: "Nhà hát Lớn Hà Nội", "Nghĩa trang liệt sĩ Thành phố", a street after a
//! house number ("số 19C Hoàng Diệu,"), and the bare district and commune names of an address
//! chain ("..., Ba Đình, Hà Nội"), added right to left once the chain's last place is known.

use super::gazetteer::Level;
use super::lexicon::{case_fits, Target};
use super::token::{Gap, Token};
use super::{caps, free_name, text_of, Candidate, PlaceFinder, PlaceKind, PlaceRule, What};

impl PlaceFinder {
    /// Venues: "Nhà hát Lớn Hà Nội", "Phủ Chủ tịch", "Nghĩa trang liệt sĩ Thành phố".
    pub(super) fn venue(&self, tokens: &[Token], i: usize, out: &mut Vec<Candidate>) {
        let lex = &self.lex;
        let Some((j, head)) = self.longest(tokens, i, lex.max_words, &lex.venues, |h, _, ws| {
            Some(h).filter(|h| case_fits(&h.form, &caps(ws)))
        }) else {
            return;
        };
        if i > 0 && self.name_before(tokens, i) {
            return; // inside a longer name ("Lê Đình ...")
        }
        let mut end = j;
        let mut k = j;
        // Tail: capitalised words, numbers, administrative type words ("thành phố", "tỉnh": a
        // trailing one belongs to the name, "Nghĩa trang liệt sĩ Thành phố"), and short
        // lower-case bridges between capitalised words ("Thành cổ Quảng Trị").
        while k < tokens.len() && k - j <= 10 {
            if tokens[k - 1].gap == Gap::Dash && k > j && tokens[k - 1].cap {
                match self.dashed_tail(tokens, k) {
                    Some(r) => {
                        k = r;
                        end = r;
                    }
                    None => break,
                }
                continue;
            }
            if tokens[k - 1].gap != Gap::Space {
                break;
            }
            if let Some(w) = self.admin_type_len(tokens, k) {
                k += w;
                let name_follows = k < tokens.len()
                    && tokens[k - 1].gap == Gap::Space
                    && (tokens[k].cap || tokens[k].digit);
                if !name_follows {
                    end = k;
                    break;
                }
                continue;
            }
            if tokens[k].cap || (tokens[k].digit && k > j) {
                k += 1;
                end = k;
                continue;
            }
            // A lower-case second half of a capitalised compound ("Quốc gia", "Thanh niên").
            if end == k
                && tokens[k - 1].cap
                && self
                    .span(tokens, k - 1, k + 1)
                    .is_some_and(|pair| self.lex.venue_pairs.contains(pair.words()))
            {
                k += 1;
                end = k;
                continue;
            }
            let bridge = (1..=2).find(|&n| {
                k + n < tokens.len()
                    && (k..k + n).all(|b| {
                        tokens[b].gap == Gap::Space
                            && !tokens[b].cap
                            && !tokens[b].digit
                            && !self.lex.venue_stops.contains(&[tokens[b].id])
                    })
                    && tokens[k + n].cap
            });
            match bridge {
                Some(n) => k += n,
                None => break,
            }
        }
        if head.needs_name && end == j {
            return;
        }
        let end_byte = tokens[end - 1].end;
        out.push(Candidate {
            start: tokens[i].start,
            end: end_byte,
            rule: PlaceRule::Venue,
            what: What::Other {
                name: text_of(tokens, i, end),
                kind: PlaceKind::Venue,
            },
        });
    }

    /// A second name after a dash that ends a venue ("Vườn quốc gia Phong Nha - Kẻ Bàng."): one to
    /// three capitalised words without digits, then a pause or a word that ends a venue name.
    fn dashed_tail(&self, tokens: &[Token], k: usize) -> Option<usize> {
        let mut r = k;
        while r < tokens.len() && tokens[r].cap && !tokens[r].digit && r - k < 3 {
            r += 1;
            if tokens[r - 1].gap != Gap::Space {
                break;
            }
        }
        let ends = r == tokens.len()
            || tokens[r - 1].gap != Gap::Space
            || self.lex.venue_stops.contains(&[tokens[r].id]);
        (r > k && ends).then_some(r)
    }

    /// Whether a capitalised word that is part of a name stands right before word `i`: a
    /// capitalised function word opening a sentence ("Tại Cửa khẩu ...") is none.
    pub(super) fn name_before(&self, tokens: &[Token], i: usize) -> bool {
        let p = &tokens[i - 1];
        p.gap == Gap::Space && p.cap && !self.lex.venue_stops.contains(&[p.id])
    }

    /// A street right after a house number: "số 19C Hoàng Diệu, ...".
    pub(super) fn house_number(&self, tokens: &[Token], i: usize, out: &mut Vec<Candidate>) {
        if i == 0 || !tokens[i - 1].digit || tokens[i - 1].gap != Gap::Space || i < 2 {
            return;
        }
        if tokens[i - 2].key != "số" || tokens[i - 2].gap != Gap::Space {
            return;
        }
        if tokens[i - 1].text.len() > 5 {
            return;
        }
        let Some(end) = free_name(tokens, i, 5) else {
            return;
        };
        if tokens[end - 1].gap != Gap::Comma {
            return;
        }
        out.push(Candidate {
            start: tokens[i].start,
            end: tokens[end - 1].end,
            rule: PlaceRule::HouseNumber,
            what: What::Other {
                name: format!("Đường {}", text_of(tokens, i, end)),
                kind: PlaceKind::Street,
            },
        });
    }

    /// Adds bare district and commune names of an address chain, right to left:
    /// "..., Ba Đình, Hà Nội" (a unit whose parent is named right after it).
    pub(super) fn address_chain(&self, tokens: &[Token], chosen: &mut Vec<Candidate>) {
        let mut added: Vec<Candidate> = Vec::new();
        for c in chosen.iter() {
            let What::Units { ids: parents, .. } = &c.what else {
                continue;
            };
            let mut parents = parents.clone();
            let mut right_start = c.start;
            // The word right before the comma in front of this place.
            while let Some(last) = tokens
                .partition_point(|t| t.end <= right_start)
                .checked_sub(1)
            {
                if tokens[last].gap != Gap::Comma || tokens[last].end + 3 < right_start {
                    break;
                }
                let mut hit = None;
                for len in 1..=4.min(last + 1) {
                    let s = last + 1 - len;
                    if !tokens[s..=last].iter().all(|t| t.cap) {
                        break;
                    }
                    let boundary = s == 0
                        || tokens[s - 1].gap != Gap::Space
                        || tokens[s - 1].digit
                        || !tokens[s - 1].cap;
                    if !boundary {
                        continue;
                    }
                    let Some(key) = self.span(tokens, s, last + 1) else {
                        break;
                    };
                    let Some(ids) = self.gaz.names.lookup(key.words()) else {
                        continue;
                    };
                    let inside: Vec<u32> = ids
                        .iter()
                        .copied()
                        .filter(|&id| {
                            let u = self.gaz.unit(id);
                            u.level != Level::Province
                                && parents.iter().any(|&p| {
                                    let pu = self.gaz.unit(p);
                                    pu.level != Level::Commune
                                        && pu.is_post_reform() == u.is_post_reform()
                                        && (if pu.level == Level::Province {
                                            pu.code == u.province
                                        } else {
                                            pu.code == u.district
                                        })
                                })
                        })
                        .collect();
                    // Right before a province comes a district, before a district a commune.
                    let parent_is_province = parents
                        .iter()
                        .any(|&p| self.gaz.unit(p).level == Level::Province);
                    let want = if parent_is_province {
                        Level::District
                    } else {
                        Level::Commune
                    };
                    let preferred: Vec<u32> = inside
                        .iter()
                        .copied()
                        .filter(|&id| self.gaz.unit(id).level == want)
                        .collect();
                    let inside = if preferred.is_empty() {
                        inside
                    } else {
                        preferred
                    };
                    if !inside.is_empty() {
                        hit = Some((s, inside));
                    }
                }
                let Some((s, ids)) = hit else { break };
                let start = tokens[s].start;
                let end = tokens[last].end;
                if chosen.iter().any(|o| o.start < end && start < o.end) {
                    break;
                }
                added.push(Candidate::bare_units(
                    start,
                    end,
                    PlaceRule::Address,
                    ids.clone(),
                ));
                parents = ids;
                right_start = start;
            }
        }
        chosen.extend(added);
        chosen.sort_by_key(|c| c.start);
    }

    /// Length in words of an administrative type word at `k` ("thành phố", "tỉnh"), if any.
    pub(super) fn admin_type_len(&self, tokens: &[Token], k: usize) -> Option<usize> {
        (1..=2).rev().find(|&n| {
            k + n <= tokens.len()
                && self.span(tokens, k, k + n).is_some_and(|key| {
                    self.lex.types.lookup(key.words()).is_some_and(|ws| {
                        ws.iter().any(|w| {
                            !w.abbr
                                && matches!(
                                    w.target,
                                    Target::Province
                                        | Target::City
                                        | Target::District(_)
                                        | Target::Commune(_)
                                )
                        })
                    })
                })
        })
    }
}
