//! Title phrases: `[nguyên|Quyền] <role> [Thường trực|phụ trách] [<organisation>]`.
//!
//! A role comes from the role list (one typo forgiven on long roles). The organisation that
//! follows it is taken from the organisation spans when one starts right after the role, else from
//! a conservative fallback that reads capitalised words, abbreviations, place qualifiers
//! ("tỉnh Lâm Đồng") and a few lower-case syllables after head nouns that take them ("Hội đồng
//! thi đua"). Verbs and function words end the phrase.

use super::lexicon::{Lexicon, PersonClass, Position};
use super::token::{in_capitals_line, line_break_between, Case, Token};
use super::TitleFound;

/// Whether token `t` is a stop syllable: a verb or function word that never continues an
/// organisation name ("trao", "phát biểu", "nhấn mạnh").
fn stop(lex: &Lexicon, t: &Token) -> bool {
    lex.is(PersonClass::StopSyllable, &[t.id])
}

/// Tokens `k - 1, k` are a noun compound whose second syllable is otherwise a stop syllable ("Cục
/// Việc làm", "Phòng Tổng hợp").
fn noun_pair(lex: &Lexicon, tokens: &[Token], k: usize) -> bool {
    k > 0 && lex.is(PersonClass::NounPair, &[tokens[k - 1].id, tokens[k].id])
}

/// A capitalised head that takes lower-case descriptors starts at token `k` ("Hội đồng thi đua",
/// "Ban chỉ đạo"; "Trung tâm", not "Trung Quốc").
fn descriptor_head(lex: &Lexicon, tokens: &[Token], k: usize) -> bool {
    let Some(t) = tokens.get(k) else { return false };
    lex.is(PersonClass::DescriptorHead, &[t.id])
        || tokens
            .get(k + 1)
            .is_some_and(|n| lex.is(PersonClass::DescriptorHead, &[t.id, n.id]))
}

/// Text of the title phrase tokens `[from, to)`, trimmed.
pub fn span_text(_text: &str, tokens: &[Token], from: usize, to: usize) -> (usize, usize) {
    (tokens[from].start, tokens[to - 1].end)
}

/// The organisation span (end token, exclusive) that starts at token `at`, if any.
fn org_at(tokens: &[Token], at: usize, orgs: &[(usize, usize)]) -> Option<usize> {
    let start = tokens.get(at)?.start;
    let &(_, end) = orgs.iter().find(|&&(s, _)| s == start)?;
    let mut k = at;
    while k < tokens.len() && tokens[k].end <= end {
        k += 1;
    }
    (k > at).then_some(k)
}

/// A title parsed at a token position: tokens `[start, end)` plus its parts.
pub struct Parsed {
    pub start: usize,
    pub end: usize,
    /// Where the organisation part starts (== end when none).
    pub org_start: usize,
    pub role: String,
    pub modifiers: Vec<String>,
    pub personal: bool,
}

/// Parses a title at token `at`: prefix modifiers, the role, suffix modifiers and the organisation.
pub fn parse(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    at: usize,
    orgs: &[(usize, usize)],
    name_start: &dyn Fn(usize) -> bool,
) -> Option<Parsed> {
    let mut modifiers = Vec::new();
    let mut k = at;
    while let Some(m) = lex.modifiers.longest(tokens, k, false) {
        if m.value.position != Position::Prefix {
            break;
        }
        modifiers.push(m.value.canonical.clone());
        k = m.end;
    }
    let mut role = lex.roles.longest(tokens, k, true)?;
    // "Bí thư Đảng ủy Khối ..." with the organisation span starting inside a long role: keep the
    // shorter role so the title takes the whole organisation.
    if let Some(cut) = (k + 1..role.end).find(|&j| org_at(tokens, j, orgs).is_some()) {
        if let Some(shorter) = lex.roles.longest(&tokens[..cut], k, true) {
            role = shorter;
        }
    }
    // A lone lower-case office word is prose ("giám đốc các sở"); a role in lower case needs a
    // capitalised word or a name-like continuation, checked by the callers.
    let mut canonical = role.value.canonical.clone();
    let personal = role.value.personal;
    let role_first = k;
    k = role.end;
    if canonical.contains("Thường trực") {
        modifiers.push("Thường trực".to_string());
    }
    while let Some(m) = lex.modifiers.longest(tokens, k, true) {
        if m.value.position != Position::Suffix {
            break;
        }
        // "thường trực Ban Tổ chức": the modifier must be followed by something or end the title.
        if m.value.canonical != "Phụ trách" {
            canonical.push(' ');
            canonical.push_str(&m.value.canonical);
        }
        modifiers.push(m.value.canonical.clone());
        k = m.end;
    }
    // "Giám đốc phân tích", "Giám đốc điều hành": a field in lower case belongs to the role.
    if let Some(n) = role_field(lex, tokens, k) {
        canonical.push(' ');
        canonical.push_str(&text[tokens[k].start..tokens[k + n - 1].end]);
        k += n;
    }
    let org_start = k;
    // "Nhà văn Sương Nguyệt Minh": after a personal role a capitalised run is the name.
    let name_next = personal
        && tokens
            .get(k)
            .is_some_and(|t| t.case == Case::Capitalised && !lex.org_head_at(tokens, k));
    let end = if name_next {
        k
    } else {
        organisation_end(
            lex,
            text,
            tokens,
            k,
            orgs,
            RoleTail::of(lex, &tokens[role_first..role.end]),
            name_start,
        )
    };
    let _ = role_first;
    // A title in a heading written in capitals ends with its line, so no name after it is its
    // holder (the words of the heading all look like acronyms: its own name is not found).
    if (at + 1..end).any(|k| line_break_between(text, &tokens[k - 1], &tokens[k]))
        && in_capitals_line(text, &tokens[at])
    {
        return None;
    }
    Some(Parsed {
        start: at,
        end,
        org_start,
        role: canonical,
        modifiers,
        personal,
    })
}

/// The number of words (one or two, lower case) of a field of a role or role noun at token `k`
/// ("phân tích", "âm nhạc", "piano").
pub fn role_field(lex: &Lexicon, tokens: &[Token], k: usize) -> Option<usize> {
    lower_entry(lex, tokens, k, PersonClass::RoleField)
}

/// The number of lower-case words at token `k` (two, else one) that make an entry of `class`.
fn lower_entry(lex: &Lexicon, tokens: &[Token], k: usize, class: PersonClass) -> Option<usize> {
    (1..=2).rev().find(|&n| {
        tokens.get(k..k + n).is_some_and(|ts| {
            let ids = [ts[0].id, ts[n - 1].id];
            ts.iter().all(|t| t.case == Case::Lower) && lex.is(class, &ids[..n])
        })
    })
}

/// True when a role noun ("đạo diễn", "ca sĩ") starts at token `k`.
fn role_noun_at(lex: &Lexicon, tokens: &[Token], k: usize) -> bool {
    let ids = tokens.iter().skip(k).take(3).map(|t| t.id);
    lex.role_nouns.longest(ids).is_some()
}

/// What may follow a role besides an organisation.
#[derive(Clone, Copy)]
pub struct RoleTail {
    /// Lower-case descriptors may follow directly ("Trưởng đoàn giám sát").
    pub descriptors: bool,
    /// A post held in a place: "tại <place>" belongs to the title ("Đại sứ Mỹ tại Hà Nội").
    pub located: bool,
}

impl RoleTail {
    /// The tail the role of tokens `role` (not empty) takes, from its last one or two words.
    pub fn of(lex: &Lexicon, role: &[Token]) -> RoleTail {
        let last = role.len() - 1;
        let located = lex.is(PersonClass::LocatedRole, &[role[last].id])
            || last > 0
                && lex.is(
                    PersonClass::LocatedRole,
                    &[role[last - 1].id, role[last].id],
                );
        RoleTail {
            descriptors: lex.is(PersonClass::DescriptorRole, &[role[last].id]),
            located,
        }
    }
}

/// The end of a lower-case word referring back to a body named before ("bệnh viện", "nhà
/// trường", "tập đoàn") at token `k`, when the title ends after it: a mark, a verb or a name.
fn reference_noun_end(
    lex: &Lexicon,
    tokens: &[Token],
    k: usize,
    name_start: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let n = lower_entry(lex, tokens, k, PersonClass::ReferenceNoun)?;
    let ends = tokens.get(k + n).is_none_or(|t| {
        matches!(t.key, "," | ";" | "." | ")" | ":")
            || t.case == Case::Lower && stop(lex, t)
            || t.case == Case::Capitalised && name_start(k + n)
    });
    ends.then_some(k + n)
}

/// The end of a parent body after the comma at token `comma`: an organisation span whose head is
/// a parent head ("Đại học", "Công an", "Trường"), after which the clause ends.
fn parent_after_comma(
    lex: &Lexicon,
    tokens: &[Token],
    comma: usize,
    orgs: &[(usize, usize)],
) -> Option<usize> {
    let first = tokens.get(comma + 1)?;
    if first.case != Case::Capitalised {
        return None;
    }
    let head = lex.is(PersonClass::ParentHead, &[first.id])
        || tokens
            .get(comma + 2)
            .is_some_and(|n| lex.is(PersonClass::ParentHead, &[first.id, n.id]));
    if !head {
        return None;
    }
    let end = org_at(tokens, comma + 1, orgs)?;
    let closes = tokens.get(end).is_none_or(|t| {
        matches!(t.key, "," | ";" | "." | ")" | ":") || t.case == Case::Lower && stop(lex, t)
    });
    closes.then_some(end)
}

/// The end of "tại <place>" at token `k` (a place name of one to three capitalised words).
fn located_end(lex: &Lexicon, tokens: &[Token], k: usize) -> Option<usize> {
    if tokens.get(k)?.key != "tại" {
        return None;
    }
    (1..=3)
        .rev()
        .find(|&n| {
            tokens
                .get(k + 1..k + 1 + n)
                .is_some_and(|ts| ts.iter().all(|t| t.case == Case::Capitalised))
                && lex.is_place_name(tokens, k + 1, k + 1 + n)
        })
        .map(|n| k + 1 + n)
}

/// Where the organisation after a role ends (token index, exclusive; `from` when there is none).
pub fn organisation_end(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    from: usize,
    orgs: &[(usize, usize)],
    tail: RoleTail,
    name_start: &dyn Fn(usize) -> bool,
) -> usize {
    let mut k = from;
    let mut lower_budget = if tail.descriptors { 3 } else { 0 };
    let mut started = false;
    // After "tỉnh Hà Tĩnh" only capitalised words go on: "Sở Tư pháp tỉnh Hà Tĩnh đồng chủ trì".
    let mut after_place = false;
    while k < tokens.len() {
        if let Some(end) = org_at(tokens, k, orgs) {
            // A descriptive name the span cut short ("Viện Khoa học" + "tổ chức nhà nước và lao
            // động,"): lower-case words, no verb, up to the end of the clause belong to it.
            let last = &tokens[end - 1];
            let cut_short = last.case == Case::Lower
                && last.key != "ủy"
                && !lex.is(PersonClass::PlaceType, &[last.id]);
            let tail = if descriptor_head(lex, tokens, k) && cut_short {
                descriptor_tail(lex, tokens, end)
            } else {
                end
            };
            k = tail;
            started = true;
            // A span ending on a capitalised syllable may have lost the rest of its word
            // ("Ban Thường vụ Tỉnh" + "ủy").
            lower_budget = usize::from(tokens[end - 1].case == Case::Capitalised);
            continue;
        }
        let t = &tokens[k];
        let next = tokens.get(k + 1);
        // A person's name or an honorific ends the organisation ("UBND TP Hải Phòng Trần Văn Nam",
        // "Điện lực Nam Định và Ông Lưu Văn Quý").
        let role_here = k > from
            && lex
                .roles
                .longest(tokens, k, false)
                .is_some_and(|m| m.end >= k + 2);
        if t.case == Case::Capitalised
            && (role_here || name_start(k) || lex.honorifics.longest(tokens, k, false).is_some())
        {
            break;
        }
        let next_is_name_like =
            next.is_some_and(|n| matches!(n.case, Case::Capitalised | Case::Upper));
        match t.case {
            Case::Capitalised => {
                lower_budget = if descriptor_head(lex, tokens, k) {
                    8
                } else {
                    lower_budget.max(1)
                };
                if after_place {
                    lower_budget = 0;
                }
                if matches!(t.key, "sở" | "bộ") {
                    lower_budget = 0;
                }
                started = true;
            }
            Case::Upper => {
                lower_budget = lower_budget.min(1);
                started = true;
            }
            Case::Other if t.is_word => {
                // "Lớp 7E", "Quân khu 5", "Đội Cảnh sát giao thông số 2", "Thanh tra 6".
                let after_class = started
                    && k > 0
                    && t.key.chars().count() <= 4
                    && matches!(
                        tokens[k - 1].key,
                        "lớp"
                            | "khóa"
                            | "số"
                            | "khu"
                            | "đội"
                            | "tổ"
                            | "phòng"
                            | "đoàn"
                            | "tra"
                            | "ban"
                    );
                if !after_class {
                    break;
                }
            }
            Case::Lower => {
                let key = t.key;
                if k == from {
                    if let Some(end) = reference_noun_end(lex, tokens, k, name_start) {
                        k = end;
                        break;
                    }
                    // "Giám đốc phân tích của SSI": the body after "của".
                    let body_next = org_at(tokens, k + 1, orgs).is_some()
                        || next.is_some_and(|n| n.case == Case::Upper);
                    if key == "của" && body_next {
                        k += 1;
                        continue;
                    }
                }
                if tail.located && started {
                    if let Some(end) = located_end(lex, tokens, k) {
                        k = end;
                        break;
                    }
                }
                if lex.is(PersonClass::PlaceType, &[t.id]) && started {
                    // "tỉnh Lâm Đồng", "thành phố Hà Nội": the qualifier needs its name.
                    let mut j = k + 1;
                    while j < tokens.len()
                        && tokens[j].case == Case::Lower
                        && lex.is(PersonClass::PlaceType, &[tokens[j].id])
                    {
                        j += 1;
                    }
                    if tokens.get(j).is_some_and(|n| n.case == Case::Capitalised) {
                        k = j;
                        after_place = true;
                        continue;
                    }
                    // "UBND tỉnh;", "Bộ Chỉ huy Quân sự tỉnh báo cáo": the unit of the place the text is
                    // about, when nothing lower-case but a verb follows.
                    let after_name = started;
                    let ends = tokens
                        .get(j)
                        .is_none_or(|n| !n.is_word || (n.case == Case::Lower && stop(lex, n)));
                    if after_name && ends && j - k <= 2 {
                        k = j;
                        break;
                    }
                }
                let next_is_person = next.is_some_and(|_| {
                    lex.roles.longest(tokens, k + 1, false).is_some()
                        || lex.honorifics.longest(tokens, k + 1, false).is_some()
                });
                if matches!(key, "và" | "của") && started && next_is_name_like && !next_is_person
                {
                    k += 1;
                    continue;
                }
                if !started && lex.is(PersonClass::LowerHead, &[t.id]) {
                    started = true;
                    lower_budget = 4;
                } else if lower_budget > 0 && (!stop(lex, t) || noun_pair(lex, tokens, k)) {
                    lower_budget -= 1;
                } else {
                    break;
                }
            }
            _ => {
                // Punctuation: "&" inside "Kinh tế & Đô thị", a dash chaining units
                // ("Cục Hậu cần - Tổng cục Chính trị"), a parenthesised abbreviation.
                let key = t.key;
                if !(started || key == "(" || is_dash(key)) {
                    break;
                }
                // "Trường THPT chuyên X, Đại học Quốc gia Hà Nội", "Phòng Cảnh sát hình sự, Công
                // an tỉnh Y": the parent body after a comma, ending the clause.
                if key == "," && started {
                    if let Some(end) = parent_after_comma(lex, tokens, k, orgs) {
                        k = end;
                        break;
                    }
                }
                if key == "," && started && lower_budget > 0 {
                    // "Hội đồng thi đua, khen thưởng", "Trung tâm Đào tạo, Tư vấn": a comma inside a
                    // descriptive name, unless a title, an honorific or a verb follows.
                    let opens = next.is_some_and(|n| {
                        n.is_word
                            && !stop(lex, n)
                            && n.case != Case::Upper
                            && lex.roles.longest(tokens, k + 1, false).is_none()
                            && lex.honorifics.longest(tokens, k + 1, false).is_none()
                            && lex.modifiers.longest(tokens, k + 1, false).is_none()
                            && !role_noun_at(lex, tokens, k + 1)
                            && !name_start(k + 1)
                    });
                    if opens && tokens[k - 1].case == Case::Lower {
                        lower_budget = 3;
                        k += 1;
                        continue;
                    }
                    break;
                }
                if key == "&" && started && next_is_name_like {
                    k += 1;
                    continue;
                }
                // "TP.HCM", "T.Ư": a dot glued between two words is inside an abbreviation.
                if key == "." && started && k > 0 {
                    let glued = tokens[k - 1].end == t.start
                        && next.is_some_and(|n| {
                            n.start == t.end && n.is_word && n.case != Case::Lower
                        });
                    if glued {
                        k += 1;
                        continue;
                    }
                }
                if key == "(" {
                    let abbr = next.is_some_and(|n| n.case == Case::Upper);
                    let close = tokens.get(k + 2).is_some_and(|c| c.key == ")");
                    if abbr && close {
                        k += 3;
                        continue;
                    }
                    // "Cục Việc làm (Bộ Lao động – Thương binh và Xã hội)": the parent body.
                    if started {
                        if let Some(close) = parent_in_parentheses(lex, text, tokens, k, orgs) {
                            k = close + 1;
                            break;
                        }
                    }
                    break;
                }
                if is_dash(key) {
                    if let Some(n) = next {
                        let chained = org_at(tokens, k + 1, orgs).is_some()
                            || (n.case == Case::Capitalised
                                && (lex.org_head_at(tokens, k + 1)
                                    || descriptor_head(lex, tokens, k + 1)))
                            || (n.case == Case::Upper && n.key.chars().count() >= 3);
                        // "Phòng Tổ chức - Biên chế", "Vụ Kế hoạch – Tài chính": a capitalised
                        // descriptor word after a spaced dash goes on with the name.
                        let descriptor = started
                            && n.case == Case::Capitalised
                            && !name_start(k + 1)
                            && lex.roles.longest(tokens, k + 1, false).is_none()
                            && lex.honorifics.longest(tokens, k + 1, false).is_none()
                            && tokens.get(k + 2).is_some_and(|w| {
                                w.case == Case::Lower
                                    && !stop(lex, w)
                                    && !lex.is(PersonClass::PlaceType, &[w.id])
                            });
                        let gap = &text[t.end..n.start];
                        if (chained || descriptor) && !gap.contains('\n') {
                            k += 1;
                            continue;
                        }
                    }
                }
                break;
            }
        }
        k += 1;
    }
    // Never end on a connector.
    while k > from && matches!(tokens[k - 1].key, "và" | "của" | "&" | "-" | "–") {
        k -= 1;
    }
    k
}

/// Lower-case words after a descriptive name up to the end of its clause ("," ";" ")" "." or the
/// end of the line), with no stop word but a "và" inside: the end token, or `end` when the run is
/// not such a tail.
fn descriptor_tail(lex: &Lexicon, tokens: &[Token], end: usize) -> usize {
    let mut k = end;
    while k < tokens.len() && k - end < 8 {
        let t = &tokens[k];
        if t.case != Case::Lower {
            break;
        }
        let inner_and =
            t.key == "và" && k > end && tokens.get(k + 1).is_some_and(|n| n.case == Case::Lower);
        let verb = stop(lex, t) || lex.is(PersonClass::TailVerb, &[t.id]);
        if verb && !inner_and && !noun_pair(lex, tokens, k) {
            return end;
        }
        k += 1;
    }
    let closes = tokens
        .get(k)
        .is_none_or(|n| matches!(n.key, "," | ";" | ")" | "." | ":"));
    if closes && k > end && tokens[k - 1].key != "và" {
        k
    } else {
        end
    }
}

/// The closing parenthesis of "(<organisation>)" opened at token `open`, on one line, when the
/// parenthesis holds an organisation span or starts with an organisation head ("(Bộ KH&CN)").
fn parent_in_parentheses(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    open: usize,
    orgs: &[(usize, usize)],
) -> Option<usize> {
    let first = open + 1;
    let starts_org = org_at(tokens, first, orgs).is_some()
        || (tokens.get(first)?.case == Case::Capitalised && lex.org_head_at(tokens, first));
    if !starts_org {
        return None;
    }
    let close = (first..tokens.len().min(first + 14)).find(|&j| tokens[j].key == ")")?;
    let gap = &text[tokens[open].end..tokens[close].start];
    (!gap.contains('\n') && !tokens[first..close].iter().any(|t| t.key == "(")).then_some(close)
}

pub fn is_dash(key: &str) -> bool {
    matches!(key, "-" | "–" | "—" | "‐" | "‑" | "−")
}

/// Builds the [`TitleFound`] of a parsed title ending at token `end` (may be cut before a name).
pub fn found(text: &str, tokens: &[Token], parsed: &Parsed, end: usize) -> Option<TitleFound> {
    if end <= parsed.start {
        return None;
    }
    let (start, stop) = span_text(text, tokens, parsed.start, end);
    let organization = if end > parsed.org_start {
        let (s, e) = span_text(text, tokens, parsed.org_start, end);
        Some(text[s..e].to_string())
    } else {
        None
    };
    Some(TitleFound {
        start,
        end: stop,
        text: text[start..stop].to_string(),
        role: parsed.role.clone(),
        organization,
        modifiers: parsed.modifiers.clone(),
    })
}
