//! Names after a type word: "tỉnh Quảng Nam", "TP.HCM", "huyện đảo Lý Sơn", "các huyện Ba Vì,
//! Sóc Sơn", "đường Trần Phú", "nước Lào", "thành phố Nagasaki".
//!
//! The type word says what to look for: an administrative type word takes the longest gazetteer
//! name of that level (or, for communes and cities, a capitalised name outside the gazetteer);
//! street, village and terrain words take the capitalised words after them (a street also a day
//! and month: "đường 30 Tháng 4"); site words ("chợ", "bến", "kênh", "khu vực") take them when
//! they are no known place, brand or phrase; "nước" takes a country; "tỉnh", "thành phố" and
//! "bang" take a foreign-looking name outside the gazetteer ("tỉnh Kanagawa"). A one-word free
//! name followed by a lower-case word is a phrase ("thành phố Hoa phượng đỏ"). A plural cue before the type word ("các", "hai") starts a list and leaves the type
//! word out of the spans.

use super::gazetteer::{capitalise, Level};
use super::lexicon::{self, case_fits, Target, TypeWord};
use super::syllable::{is_foreign_word, is_name_syllable};
use super::token::{Gap, Token};
use super::{
    caps, free_name, text_of, Candidate, PlaceFinder, PlaceKind, PlaceRule, What, MAX_FREE_WORDS,
};

impl PlaceFinder {
    /// A type word at `i` and the name after it.
    pub(super) fn typed(&self, tokens: &[Token], i: usize, out: &mut Vec<Candidate>) {
        let lex = &self.lex;
        let Some((j, words)) = self.longest(tokens, i, 5, &lex.types, |words, _, _| Some(words))
        else {
            return;
        };
        let prev = (i > 0 && tokens[i - 1].gap == Gap::Space).then(|| i - 1);
        let prev_id = prev.map(|p| tokens[p].id);
        let plural = prev_id.is_some_and(|id| self.lex.plural_cues.contains(&[id]));
        // "xã" of "thị xã" is read with "thị".
        if prev.is_some_and(|p| {
            self.span(tokens, p, i + 1)
                .is_some_and(|key| self.lex.types.contains(key.words()))
        }) {
            return;
        }
        // "các xã vùng cao Mèo Vạc, Xín Mần": the list starts after the modifier.
        let j = if plural {
            self.after_modifier(tokens, j)
        } else {
            j
        };
        let gap = tokens[j - 1].gap;
        if j >= tokens.len() {
            return;
        }
        let written = &tokens[i].text;
        // An all-caps type word is a heading ("XÃ HỘI"): only known names count.
        let shouting = tokens[i].text.chars().all(|c| !c.is_lowercase())
            && tokens[i].text.chars().filter(|c| c.is_alphabetic()).count() > 1;
        for tw in words {
            if tw.abbr {
                let exact = match tw.form.as_str() {
                    "tp" => matches!(*written, "TP" | "Tp"),
                    other => {
                        written.to_lowercase() == *other && written.chars().all(char::is_uppercase)
                    }
                };
                let gap_ok = if tw.dot {
                    gap == Gap::Dot
                } else {
                    matches!(gap, Gap::Dot | Gap::Space)
                };
                if !exact || !gap_ok {
                    continue;
                }
            } else if gap != Gap::Space && gap != Gap::Colon {
                continue;
            }
            let name_tok = &tokens[j];
            if !name_tok.cap && !name_tok.digit {
                continue;
            }
            if let Some(p) = prev {
                let prev_key = tokens[p].key;
                if !tw.not_after.is_empty() {
                    // The two words before, "a b", compared without building the string.
                    let two = (i > 1 && tokens[i - 2].gap == Gap::Space)
                        .then(|| (tokens[i - 2].key, prev_key));
                    let is_two = |w: &str| {
                        two.is_some_and(|(a, b)| {
                            w.len() == a.len() + 1 + b.len()
                                && w.starts_with(a)
                                && w[a.len()..].starts_with(' ')
                                && w.ends_with(b)
                        })
                    };
                    if tw.not_after.iter().any(|w| w == prev_key || is_two(w)) {
                        continue;
                    }
                }
            }
            // A capitalised street, village or terrain word inside a capitalised run is part of a
            // name ("Chủ tịch Hồ Chí Minh"); "hồ" is a lake only in lower case; a capitalised
            // site word after an honorific is a given name ("anh Đình Nam").
            if matches!(
                &tw.target,
                Target::Street | Target::Terrain | Target::Village | Target::Site
            ) && tokens[i].cap
                && (tw.form == "hồ"
                    || prev.is_some_and(|p| self.name_before(tokens, p + 1))
                    || (tw.target == Target::Site
                        && prev_id.is_some_and(|id| self.lex.bare_blockers.contains(&[id]))))
            {
                continue;
            }
            if tw.lower && tokens[i].cap {
                continue;
            }
            if gap == Gap::Colon && !plural {
                continue;
            }
            let start = if plural || (tw.apart && !tokens[i].cap) {
                name_tok.start
            } else {
                tokens[i].start
            };
            match &tw.target {
                Target::Province | Target::City | Target::District(_) | Target::Commune(_) => {
                    let level = match &tw.target {
                        Target::Province => Some(Level::Province),
                        Target::District(_) => Some(Level::District),
                        Target::Commune(_) => Some(Level::Commune),
                        _ => None,
                    };
                    let written_type = tw.unit_type.clone();
                    let type_word = tw.unit_type.as_deref().unwrap_or_default();
                    let unit = if tw.foreign {
                        None
                    } else {
                        self.unit_name(tokens, j, &tw.target)
                    };
                    if let Some((end, ids)) = unit {
                        let numbered = tokens[j].digit && end == j + 1;
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: if tw.abbr {
                                PlaceRule::TypeAbbr
                            } else {
                                PlaceRule::TypeWord
                            },
                            what: What::Units {
                                ids,
                                written: written_type.clone(),
                                level,
                                must_resolve: numbered || (tw.abbr && tw.form != "tp"),
                                name: String::new(),
                            },
                        });
                        if plural || matches!(tw.target, Target::District(_)) {
                            self.list_after(
                                tokens,
                                end,
                                &tw.target,
                                written_type.clone(),
                                plural,
                                numbered,
                                out,
                            );
                        }
                    } else if let Some((end, n)) = self
                        .foreign_after_type(tokens, j)
                        .filter(|_| matches!(tw.target, Target::Province | Target::City))
                    {
                        // "thành phố Nagasaki", "tỉnh Vân Nam"; a former province ("tỉnh Hà Tây")
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: if n.kind == PlaceKind::Province {
                                PlaceRule::TypeWord
                            } else {
                                PlaceRule::TypeWordForeign
                            },
                            what: What::Other {
                                name: n.canonical.to_string(),
                                kind: n.kind,
                            },
                        });
                    } else if let Some(end) = Self::foreign_name(tokens, j).filter(|_| {
                        !shouting
                            && matches!(
                                tw.target,
                                Target::Province | Target::City | Target::District(_)
                            )
                    }) {
                        // "tỉnh Kanagawa", "bang Texas": a name no Vietnamese unit could bear.
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: PlaceRule::TypeWordForeign,
                            what: What::Other {
                                name: text_of(tokens, j, end),
                                kind: if tw.target == Target::City {
                                    PlaceKind::ForeignCity
                                } else {
                                    PlaceKind::ForeignRegion
                                },
                            },
                        });
                    } else if !tw.known
                        && !tw.abbr
                        && !tw.foreign
                        && !shouting
                        && matches!(tw.target, Target::Commune(_) | Target::City)
                    {
                        let surname = self.lex.surnames.contains(&[tokens[j].id]);
                        let free = free_name(tokens, j, 4)
                            .filter(|_| !surname)
                            .filter(|&end| !self.is_bare_place(tokens, j, end))
                            .filter(|&end| !self.cut_compound(tokens, end))
                            .filter(|&end| !Self::one_word_phrase(tokens, j, end));
                        if let Some(end) = free {
                            let name = &text_of(tokens, j, end);
                            out.push(Candidate {
                                start,
                                end: tokens[end - 1].end,
                                rule: PlaceRule::TypeWordUnknown,
                                what: What::Units {
                                    ids: Vec::new(),
                                    written: written_type,
                                    level,
                                    must_resolve: false,
                                    name: format!("{} {}", capitalise(type_word), name),
                                },
                            });
                        }
                    }
                }
                Target::Street if name_tok.digit && !shouting => {
                    // A road named by its number ("quốc lộ 18", "Quốc lộ 1A"), a street by a
                    // date ("đường 30 Tháng 4", "đường 3 tháng 2").
                    let number = (tw.numbered && tokens[j].text.len() <= 4).then_some(j + 1);
                    if let Some(end) = number.or_else(|| Self::date_name(tokens, j)) {
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: PlaceRule::Street,
                            what: What::Other {
                                name: format!("Đường {}", text_of(tokens, j, end)),
                                kind: PlaceKind::Street,
                            },
                        });
                    }
                }
                Target::Site => {
                    if name_tok.digit || shouting {
                        continue;
                    }
                    if let Some(end) = self.site_name(tokens, j, tw) {
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: PlaceRule::Site,
                            what: What::Other {
                                name: format!(
                                    "{} {}",
                                    capitalise(&tw.form),
                                    text_of(tokens, j, end)
                                ),
                                kind: PlaceKind::Other,
                            },
                        });
                    }
                }
                Target::Street | Target::Terrain | Target::Village => {
                    if name_tok.digit || shouting {
                        continue;
                    }
                    // "tuyến đường Hà Nội - Hải Phòng" links two places, it names no street.
                    let free = free_name(tokens, j, MAX_FREE_WORDS)
                        .filter(|&end| {
                            tokens[end - 1].gap != Gap::Dash || !self.is_bare_place(tokens, j, end)
                        })
                        .filter(|&end| !self.cut_compound(tokens, end))
                        // a capitalised type word before a foreign word is part of a name
                        // ("rapper Kiệt Black")
                        .filter(|&end| {
                            !tokens[i].cap
                                || tokens[j..end]
                                    .iter()
                                    .all(|w| w.digit || is_name_syllable(w.text))
                        });
                    if let Some(end) = free {
                        let (rule, kind) = match tw.target {
                            Target::Street => (PlaceRule::Street, PlaceKind::Street),
                            Target::Terrain => (PlaceRule::Terrain, PlaceKind::Other),
                            _ => (PlaceRule::Village, PlaceKind::Other),
                        };
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule,
                            what: What::Other {
                                name: format!(
                                    "{} {}",
                                    capitalise(&tw.form),
                                    text_of(tokens, j, end)
                                ),
                                kind,
                            },
                        });
                    }
                }
                Target::Country => {
                    if prev_id.is_some_and(|id| self.lex.not_country_word.contains(&[id])) {
                        continue;
                    }
                    let found = self.longest(tokens, j, lex.max_words, &lex.named, |n, _, ws| {
                        Some(n).filter(|n| {
                            n.kind == PlaceKind::Country && case_fits(&n.form, &caps(ws))
                        })
                    });
                    if let Some((end, n)) = found {
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: PlaceRule::CountryNuoc,
                            what: What::Other {
                                name: n.canonical.to_string(),
                                kind: PlaceKind::Country,
                            },
                        });
                    }
                }
            }
        }
    }

    /// The free name of a site at word `j` ("chợ Tân An", "khu vực Thới Nhựt 2", "kênh Nhiêu
    /// Lộc - Thị Nghè"): its end word, or None when the words are a known place (the bare name
    /// stands alone: "khu vực Đông Nam Á"), a brand, a numeral or a phrase.
    fn site_name(&self, tokens: &[Token], j: usize, tw: &TypeWord) -> Option<usize> {
        let mut end = free_name(tokens, j, MAX_FREE_WORDS)?;
        if tw.dash
            && end < tokens.len()
            && tokens[end - 1].gap == Gap::Dash
            && !self.is_bare_place(tokens, j, end)
        {
            if let Some(e) = free_name(tokens, end, MAX_FREE_WORDS)
                .filter(|&e| !self.is_bare_place(tokens, end, e))
            {
                end = e;
            }
        }
        let words = &tokens[j..end];
        // a letter after the name counts like a number ("Bình Thường B")
        let word_ok = |(n, w): (usize, &Token)| {
            w.digit || (n > 0 && w.text.len() == 1 && w.cap) || is_name_syllable(w.text)
        };
        if tw.viet && !words.iter().enumerate().all(word_ok) {
            return None;
        }
        // "biển Nha Trang" is the sea off a city, no sea's name
        let place_first = tw.no_place
            && self
                .longest(tokens, j, self.gaz.max_words, &self.gaz.names, |_, _, _| {
                    Some(())
                })
                .is_some();
        if place_first
            || (!tw.landmark && self.is_bare_place(tokens, j, end))
            || self.lex.site_blockers.contains(&[tokens[j].id])
            || self.cut_compound(tokens, end)
            || (tw.multi && Self::one_word_phrase(tokens, j, end))
        {
            return None;
        }
        Some(end)
    }

    /// The word after a modifier of a plural type word at `j` ("vùng cao", "miền núi") when a
    /// capitalised name follows it, else `j`.
    fn after_modifier(&self, tokens: &[Token], j: usize) -> usize {
        if j >= tokens.len() || tokens[j].cap || tokens[j - 1].gap != Gap::Space {
            return j;
        }
        let found = self.longest(tokens, j, 3, &self.lex.unit_modifiers, |_, _, _| Some(()));
        match found {
            Some((e, ()))
                if e < tokens.len() && tokens[e - 1].gap == Gap::Space && tokens[e].cap =>
            {
                e
            }
            _ => j,
        }
    }

    /// A one-word name followed by a lower-case word is a common noun written with a capital
    /// ("thành phố Hoa phượng đỏ", "khu vực Nhà nước"): unit and site names have two words or
    /// more, or end the phrase.
    fn one_word_phrase(tokens: &[Token], j: usize, end: usize) -> bool {
        end == j + 1
            && !tokens[j].digit
            && end < tokens.len()
            && tokens[j].gap == Gap::Space
            && !tokens[end].cap
            && !tokens[end].digit
    }

    /// A run of at most three capitalised words at `j` whose first word fails the Vietnamese
    /// syllable test and whose others fail it too or are written without Vietnamese letters
    /// ("Kanagawa", "Texas", "Svay Rieng"): its end word.
    fn foreign_name(tokens: &[Token], j: usize) -> Option<usize> {
        let end = free_name(tokens, j, 3)?;
        tokens[j..end]
            .iter()
            .enumerate()
            .all(|(n, w)| {
                // an abbreviation ("KCN", "BR") is no name
                let lower_rest = w.text.chars().skip(1).all(char::is_lowercase);
                let foreign = is_foreign_word(w.text) || (n > 0 && w.text.is_ascii());
                w.cap && lower_rest && foreign
            })
            .then_some(end)
    }

    /// A day and month that name a street: "30 Tháng 4", "2 tháng 9" (day 1-31, month 1-12, no
    /// year after): the end word.
    fn date_name(tokens: &[Token], j: usize) -> Option<usize> {
        let num = |t: &Token| t.text.parse::<u32>().ok();
        let day = num(tokens.get(j)?)?;
        let month_word = tokens.get(j + 1)?;
        let month = num(tokens.get(j + 2)?)?;
        let spaced = tokens[j].gap == Gap::Space && month_word.gap == Gap::Space;
        // "30 tháng 4 năm 1975", "30 tháng 4/1975": a date, not a street's name.
        let after_year = tokens.get(j + 3).is_some_and(|t| {
            (tokens[j + 2].gap == Gap::Space && tokens[j + 3].key == "năm")
                || (tokens[j + 2].gap == Gap::Other && t.digit)
        });
        ((1..=31).contains(&day)
            && (1..=12).contains(&month)
            && spaced
            && tokens[j + 1].key == "tháng"
            && !after_year)
            .then_some(j + 3)
    }

    /// Whether a free name ending before word `end` stops inside a compound word ("Làng Văn hóa":
    /// "Văn" + "hóa"), which makes it a phrase, not a name.
    fn cut_compound(&self, tokens: &[Token], end: usize) -> bool {
        end < tokens.len()
            && tokens[end - 1].gap == Gap::Space
            && self
                .span(tokens, end - 1, end + 1)
                .is_some_and(|pair| self.lex.venue_pairs.contains(pair.words()))
    }

    /// A foreign city or region at word `j` (after a type word).
    pub(super) fn foreign_after_type(
        &self,
        tokens: &[Token],
        j: usize,
    ) -> Option<(usize, &lexicon::Named)> {
        let lex = &self.lex;
        self.longest(tokens, j, lex.max_words, &lex.named, |n, _, ws| {
            Some(n).filter(|n| {
                matches!(
                    n.kind,
                    PlaceKind::ForeignCity | PlaceKind::ForeignRegion | PlaceKind::Province
                ) && case_fits(&n.form, &caps(ws))
            })
        })
    }

    /// Whether words `j..end` are exactly a country, region or province name ("Xã Việt Nam" in
    /// "Thông tấn Xã Việt Nam" is no commune).
    pub(super) fn is_bare_place(&self, tokens: &[Token], j: usize, end: usize) -> bool {
        let Some(key) = self.span(tokens, j, end) else {
            return false;
        };
        self.lex.named.contains(key.words())
            || self.gaz.names.lookup(key.words()).is_some_and(|ids| {
                ids.iter()
                    .any(|&id| self.gaz.unit(id).level == Level::Province)
            })
    }

    /// The longest gazetteer name at `j` that fits `target`: (end word, unit ids).
    pub(super) fn unit_name(
        &self,
        tokens: &[Token],
        j: usize,
        target: &Target,
    ) -> Option<(usize, Vec<u32>)> {
        let gaz = &self.gaz;
        self.longest(tokens, j, gaz.max_words, &gaz.names, |ids, _, ws| {
            let fits: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&id| {
                    let u = gaz.unit(id);
                    match target {
                        Target::Province => u.level == Level::Province,
                        Target::City => {
                            u.type_word == self.lex.city_type
                                && matches!(u.level, Level::Province | Level::District)
                        }
                        Target::District(_) => u.level == Level::District,
                        Target::Commune(_) => u.level == Level::Commune,
                        _ => false,
                    }
                })
                .collect();
            let first = fits.first()?;
            let all_upper = ws.iter().all(|w| w.cap || w.digit);
            (all_upper || case_fits(gaz.unit(*first).short, &caps(ws))).then_some(fits)
        })
    }

    /// Names listed after a type word: "các huyện Ba Vì, Thạch Thất và Quốc Oai", "hai quận 1 và
    /// 3". After a singular type word ("huyện đảo Trường Sa, Lý Sơn") a name that is also a
    /// province is the next link of an address instead ("huyện Châu Thành, Bến Tre").
    #[allow(clippy::too_many_arguments)]
    pub(super) fn list_after(
        &self,
        tokens: &[Token],
        mut end: usize,
        target: &Target,
        written: Option<String>,
        plural: bool,
        numbered: bool,
        out: &mut Vec<Candidate>,
    ) {
        let starts_item = |t: &Token| if numbered { t.digit } else { t.cap && !t.digit };
        while end < tokens.len() {
            let mut j = match tokens[end - 1].gap {
                Gap::Comma => end,
                Gap::Space if tokens[end].key == "và" && tokens[end].gap == Gap::Space => end + 1,
                _ => return,
            };
            if j < tokens.len() && tokens[j].key == "và" && tokens[j].gap == Gap::Space {
                j += 1;
            }
            if j >= tokens.len()
                || !starts_item(&tokens[j])
                || self.lex.types.lookup(&[tokens[j].id]).is_some_and(|ws| {
                    // "Bến Thành", "Chợ Lớn" are names: a site word does not end the list
                    ws.iter().any(|w| w.target != Target::Site)
                })
            {
                return;
            }
            let Some((e, ids)) = self.unit_name(tokens, j, target) else {
                return;
            };
            if numbered && e != j + 1 {
                return;
            }
            if !plural {
                let key = self.span(tokens, j, e);
                let names = key.and_then(|key| self.gaz.names.lookup(key.words()));
                let province = names.is_some_and(|ids| {
                    ids.iter()
                        .any(|&id| self.gaz.unit(id).level == Level::Province)
                });
                if province {
                    return;
                }
            }
            out.push(Candidate {
                start: tokens[j].start,
                end: tokens[e - 1].end,
                rule: PlaceRule::List,
                what: What::Units {
                    ids,
                    written: written.clone(),
                    level: None,
                    must_resolve: numbered,
                    name: String::new(),
                },
            });
            end = e;
        }
    }
}
