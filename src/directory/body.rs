//! Canonical bodies: one name for one organisation across articles.
//!
//! Articles name a body many ways: "Sở Nội vụ" in a Quảng Trị article, "Sở Nội vụ tỉnh Quảng
//! Trị", "SNV"; "Tỉnh ủy" and "Tỉnh ủy Quảng Trị"; "UBND tỉnh". The recogniser already expands
//! abbreviations and gives the place qualifier it saw. This module adds what only the article can
//! tell: a provincial body named without its province belongs to the article's province
//! ([`qualifies_by_context`]), and every provincial body is written one way ([`qualify`]: "Sở X
//! tỉnh Y", "Ủy ban nhân dân tỉnh Y", "Tỉnh ủy Y"). A body of a province merged in 2025 gets the
//! same body of the new province as its successor, and a department merged in 2025 the
//! recogniser's successor department of the same province.
//!
//! Titles name the body of a post through the post itself ("Chánh Văn phòng UBND tỉnh" is the head
//! of the Văn phòng; "Trưởng Ban Tổ chức Tỉnh ủy" of the Ban Tổ chức): [`split_role`] turns such a
//! title into the role and the body it belongs to, by the table [`ROLE_BODIES`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::province::{Province, ProvinceResolver, SharedProvince, REFORM_DAY};
use crate::model::{Organization, Ymd};
use crate::ner::text::canonical_key;
use crate::pipeline::default_recognizer;

/// The level words that end the name of a provincial body whose province follows ("Ủy ban nhân
/// dân tỉnh" + "Quảng Trị"), for a province of each type word (tỉnh, thành phố).
pub const LEVEL_ENDINGS: [[&str; 2]; 1] = [[" tỉnh", " thành phố"]];

/// Provincial party and youth bodies written with the province's bare name ("Tỉnh ủy Quảng Trị",
/// "Thành ủy Đà Nẵng"), for a province of each type word.
pub const ALONE_HEADS: [[&str; 2]; 2] = [["Tỉnh ủy", "Thành ủy"], ["Tỉnh đoàn", "Thành đoàn"]];

/// Posts whose name contains the body they head: (role as the recogniser normalises it, role of
/// the post, head word of the body). "Trưởng Ban Tổ chức" + "Tỉnh ủy X" is the Trưởng Ban of the
/// "Ban Tổ chức Tỉnh ủy X"; "Chánh Văn phòng" + "UBND tỉnh" heads the "Văn phòng UBND tỉnh".
pub const ROLE_BODIES: [(&str, &str, &str); 8] = [
    ("Phó Trưởng Ban", "Phó Trưởng Ban", "Ban"),
    ("Trưởng Ban", "Trưởng Ban", "Ban"),
    ("Phó Chánh Văn phòng", "Phó Chánh Văn phòng", "Văn phòng"),
    ("Chánh Văn phòng", "Chánh Văn phòng", "Văn phòng"),
    ("Phó Chánh Thanh tra", "Phó Chánh Thanh tra", "Thanh tra"),
    ("Chánh Thanh tra", "Chánh Thanh tra", "Thanh tra"),
    (
        "Phó Chủ nhiệm Ủy ban Kiểm tra",
        "Phó Chủ nhiệm",
        "Ủy ban Kiểm tra",
    ),
    ("Chủ nhiệm Ủy ban Kiểm tra", "Chủ nhiệm", "Ủy ban Kiểm tra"),
];

/// The organisation kind of provincial departments ("Sở ..."), as in `org_kinds`.
const DEPARTMENT_KIND: &str = "department";
const DEPARTMENT_HEAD: &str = "Sở ";

/// One body, named the directory's way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Canonical name, with its province for provincial bodies ("Sở Nội vụ tỉnh Quảng Trị").
    pub name: String,
    /// The recogniser's kind (`department`, `local_state`, `party`, ...); empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The province the body belongs to (its own, or the one a district body lies in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<SharedProvince>,
    /// The parent body, named the same way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The body that carries on its work after the 2025 mergers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

impl Body {
    /// False for a provincial body whose province is unknown ("Sở Nội vụ", "Ủy ban nhân dân tỉnh"
    /// in an article about no province): its name says nothing about which body it is.
    pub fn is_specific(&self) -> bool {
        self.province.is_some()
            || !(ends_with_level_word(&self.name)
                || (self.kind == DEPARTMENT_KIND && self.name.starts_with(DEPARTMENT_HEAD)))
    }
}

/// `(role, body text)` of a title: the table [`ROLE_BODIES`] moves the body a post names into the
/// organisation ("Trưởng Ban Tổ chức" + "Tỉnh ủy" -> "Trưởng Ban" + "Ban Tổ chức Tỉnh ủy").
pub fn split_role(role: &str, organization: Option<&str>) -> (String, Option<String>) {
    let organization = organization.map(str::trim).filter(|o| !o.is_empty());
    for (post, role_out, head) in ROLE_BODIES {
        let rest = if role == post {
            ""
        } else if let Some(rest) = role.strip_prefix(post).and_then(|r| r.strip_prefix(' ')) {
            rest
        } else {
            continue;
        };
        let mut body = String::from(head);
        if !rest.is_empty() {
            body.push(' ');
            body.push_str(rest);
        }
        return match organization {
            Some(org) if rest.is_empty() && starts_with_word(org, head) => {
                (role_out.to_string(), Some(org.to_string()))
            }
            Some(org) => (role_out.to_string(), Some(format!("{body} {org}"))),
            None if rest.is_empty() => (role_out.to_string(), None),
            None => (role_out.to_string(), Some(body)),
        };
    }
    (role.to_string(), organization.map(str::to_string))
}

/// A post as one title: role and body, without saying the body's head twice ("Trưởng Ban" + "Ban
/// Tổ chức Tỉnh ủy X" -> "Trưởng Ban Tổ chức Tỉnh ủy X"; "Giám đốc" + "Sở Y tế" -> "Giám đốc Sở
/// Y tế").
pub fn post_title(role: &str, body: Option<&str>) -> String {
    let Some(body) = body else {
        return role.to_string();
    };
    for (_, role_out, head) in ROLE_BODIES {
        if role == role_out && role.ends_with(head) && starts_with_word(body, head) {
            return format!("{role}{}", &body[head.len()..]);
        }
    }
    format!("{role} {body}")
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.strip_prefix(word)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

fn ends_with_level_word(name: &str) -> bool {
    LEVEL_ENDINGS
        .iter()
        .flatten()
        .chain(ALONE_HEADS.iter().flatten())
        .any(|ending| name.ends_with(ending.trim_start()))
}

fn type_index(province: &Province) -> usize {
    usize::from(province.type_word() != "tỉnh")
}

/// The name of the body `base` of `province`: "Sở Nội vụ" -> "Sở Nội vụ tỉnh Quảng Trị",
/// "Ủy ban nhân dân tỉnh" -> "Ủy ban nhân dân tỉnh Quảng Trị", "Tỉnh ủy" -> "Tỉnh ủy Quảng Trị"; a
/// level word of the other type is swapped ("Tỉnh ủy" of Thành phố Đà Nẵng -> "Thành ủy Đà Nẵng").
pub fn qualify(base: &str, province: &Province) -> String {
    let index = type_index(province);
    let short = province.short_name();
    for forms in LEVEL_ENDINGS.iter().chain(ALONE_HEADS.iter()) {
        for form in forms {
            if let Some(stem) = base.strip_suffix(form) {
                return format!("{stem}{} {short}", forms[index]);
            }
        }
    }
    format!("{base} {} {short}", province.type_word())
}

/// True when a body named `base` without a place belongs to the article's province `context`: a
/// name ending in the province's level word ("Ủy ban nhân dân tỉnh"), a provincial party or youth
/// body ("Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"), or a department ("Sở Nội vụ").
pub fn qualifies_by_context(base: &str, kind: &str, context: &Province) -> bool {
    let index = type_index(context);
    LEVEL_ENDINGS
        .iter()
        .chain(ALONE_HEADS.iter())
        .any(|forms| base.ends_with(forms[index]))
        || (kind == DEPARTMENT_KIND && base.starts_with(DEPARTMENT_HEAD))
}

/// What the organisation recogniser knows about a name.
#[derive(Debug, Clone)]
struct Facts {
    name: String,
    kind: String,
    place: Option<String>,
    parent: Option<String>,
    successor: Option<String>,
}

/// A body before its name is qualified: the base name, whether it is a provincial body named with
/// its province, and the province.
#[derive(Debug, Clone)]
struct Placed {
    base: String,
    provincial: bool,
    province: Option<SharedProvince>,
}

/// A name as written, the article's province (code, era) and whether the article is after the
/// reform: what a body's canonical name depends on.
type BodyKey = (String, Option<(String, String)>, bool);

/// Turns organisations of articles into [`Body`]s, caching what the recognisers say about names.
#[derive(Debug, Default)]
pub struct BodyResolver {
    pub provinces: ProvinceResolver,
    facts: HashMap<String, Facts>,
    bodies: HashMap<BodyKey, (Body, Placed)>,
}

impl BodyResolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// The body of an organisation the recogniser found in an article about `context`.
    pub fn of_entity(
        &mut self,
        org: &Organization,
        context: Option<&SharedProvince>,
        published: Option<Ymd>,
    ) -> Body {
        let facts = Facts {
            name: org.name.clone(),
            kind: org.kind.clone(),
            place: org.place.clone(),
            parent: org.parent.clone(),
            successor: org.successor.clone(),
        };
        self.canonical(facts, context, published, 0).0
    }

    /// The body a title's organisation names ("Sở Nội vụ", "UBND tỉnh Quảng Trị").
    pub fn of_text(
        &mut self,
        text: &str,
        context: Option<&SharedProvince>,
        published: Option<Ymd>,
    ) -> Body {
        self.of_text_at(text, context, published, 0).0
    }

    fn of_text_at(
        &mut self,
        text: &str,
        context: Option<&SharedProvince>,
        published: Option<Ymd>,
        depth: usize,
    ) -> (Body, Placed) {
        let key = (
            text.to_string(),
            context.map(|p| (p.code.clone(), p.era.clone())),
            published.is_some_and(|d| d >= REFORM_DAY),
        );
        if let Some(hit) = self.bodies.get(&key).filter(|_| depth == 0) {
            return hit.clone();
        }
        let facts = self.facts_of(text, published);
        let computed = self.canonical(facts, context, published, depth);
        if depth == 0 {
            self.bodies.insert(key, computed.clone());
        }
        computed
    }

    /// What the recogniser says about `text` when it reads it as one organisation; else the text
    /// itself, kind unknown.
    fn facts_of(&mut self, text: &str, published: Option<Ymd>) -> Facts {
        if let Some(hit) = self.facts.get(text) {
            return hit.clone();
        }
        let trimmed = text.trim();
        let entities = default_recognizer().recognize_text(trimmed, published);
        let whole = trimmed.chars().count();
        let facts = entities
            .organizations
            .iter()
            .find(|org| org.mentions.iter().any(|m| m.start == 0 && m.end == whole))
            .map(|org| Facts {
                name: org.name.clone(),
                kind: org.kind.clone(),
                place: org.place.clone(),
                parent: org.parent.clone(),
                successor: org.successor.clone(),
            })
            .unwrap_or_else(|| Facts {
                name: trimmed.to_string(),
                kind: String::new(),
                place: None,
                parent: None,
                successor: None,
            });
        self.facts.insert(text.to_string(), facts.clone());
        facts
    }

    fn canonical(
        &mut self,
        facts: Facts,
        context: Option<&SharedProvince>,
        published: Option<Ymd>,
        depth: usize,
    ) -> (Body, Placed) {
        let mut placed = Placed {
            base: facts.name.clone(),
            provincial: false,
            province: None,
        };
        let mut parent_name = None;
        if let Some(place) = facts.place.as_deref() {
            if let Some(resolved) = self.provinces.resolve(place, published) {
                match strip_suffix_key(&facts.name, place) {
                    Some(stem) if resolved.is_province => {
                        placed.base = stem;
                        placed.provincial = true;
                    }
                    _ => {}
                }
                placed.province = Some(resolved.province);
            }
        }
        if let Some(parent) = facts.parent.as_deref().filter(|_| depth == 0) {
            let (parent_body, parent_placed) = self.of_text_at(parent, context, published, 1);
            if placed.province.is_none() && parent_body.province.is_some() {
                if let Some(stem) = strip_suffix_key(&facts.name, parent) {
                    placed.base = format!("{stem} {}", parent_placed.base);
                    placed.provincial = parent_placed.provincial;
                    placed.province = parent_body.province.clone();
                }
            }
            parent_name = Some(parent_body.name);
        }
        if placed.province.is_none() {
            if let Some(context) = context {
                if qualifies_by_context(&placed.base, &facts.kind, context) {
                    placed.provincial = true;
                    placed.province = Some(context.clone());
                }
            }
        }
        let name = match (&placed.province, placed.provincial) {
            (Some(province), true) => qualify(&placed.base, province),
            _ => facts.name.clone(),
        };
        let successor = match (&placed.province, placed.provincial) {
            (Some(province), true) => {
                let merged_into = province.successor();
                if facts.successor.is_some() || merged_into.is_some() {
                    let base = facts.successor.as_deref().unwrap_or(&placed.base);
                    Some(qualify(base, merged_into.as_ref().unwrap_or(&**province)))
                } else {
                    None
                }
            }
            _ => facts.successor.clone(),
        }
        .filter(|s| *s != name);
        let body = Body {
            name,
            kind: facts.kind,
            province: placed.province.clone(),
            parent: parent_name,
            successor,
        };
        (body, placed)
    }
}

/// `name` without its last words when they are `suffix` (compared by matching key), trimmed.
fn strip_suffix_key(name: &str, suffix: &str) -> Option<String> {
    let count = suffix.chars().count();
    let total = name.chars().count();
    if count == 0 || count >= total {
        return None;
    }
    let at = name.char_indices().nth(total - count).map(|(i, _)| i)?;
    let (stem, tail) = name.split_at(at);
    if canonical_key(tail) != canonical_key(suffix) || !stem.ends_with(' ') {
        return None;
    }
    Some(stem.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::province::province;

    #[test]
    fn roles_that_name_their_body() {
        let cases = [
            (
                ("Trưởng Ban Tổ chức", Some("Tỉnh ủy Hưng Yên")),
                ("Trưởng Ban", Some("Ban Tổ chức Tỉnh ủy Hưng Yên")),
            ),
            (
                ("Chánh Văn phòng", Some("UBND tỉnh")),
                ("Chánh Văn phòng", Some("Văn phòng UBND tỉnh")),
            ),
            (
                ("Phó Chánh Văn phòng", Some("Văn phòng Tỉnh ủy")),
                ("Phó Chánh Văn phòng", Some("Văn phòng Tỉnh ủy")),
            ),
            (
                ("Trưởng Ban", Some("Ban Quản lý dự án")),
                ("Trưởng Ban", Some("Ban Quản lý dự án")),
            ),
            (
                ("Giám đốc", Some("Sở Nội vụ")),
                ("Giám đốc", Some("Sở Nội vụ")),
            ),
            (
                ("Trưởng Ban Tuyên giáo", None),
                ("Trưởng Ban", Some("Ban Tuyên giáo")),
            ),
            (("Thứ trưởng", None), ("Thứ trưởng", None)),
        ];
        for ((role, org), (want_role, want_org)) in cases {
            let (got_role, got_org) = split_role(role, org);
            assert_eq!(
                (got_role.as_str(), got_org.as_deref()),
                (want_role, want_org),
                "{role} / {org:?}"
            );
        }
    }

    #[test]
    fn posts_read_as_titles() {
        assert_eq!(
            post_title("Trưởng Ban", Some("Ban Tổ chức Tỉnh ủy Hưng Yên")),
            "Trưởng Ban Tổ chức Tỉnh ủy Hưng Yên"
        );
        assert_eq!(
            post_title(
                "Chánh Văn phòng",
                Some("Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa")
            ),
            "Chánh Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa"
        );
        assert_eq!(post_title("Giám đốc", Some("Sở Y tế")), "Giám đốc Sở Y tế");
        assert_eq!(post_title("Thứ trưởng", None), "Thứ trưởng");
    }

    #[test]
    fn provincial_bodies_are_named_one_way() {
        let quang_tri = province(
            "45",
            "2024",
            "Tỉnh Quảng Trị",
            Some(("44", "Tỉnh Quảng Trị")),
        );
        let da_nang = province("48", "2025", "Thành phố Đà Nẵng", None);
        assert_eq!(qualify("Sở Nội vụ", &quang_tri), "Sở Nội vụ tỉnh Quảng Trị");
        assert_eq!(
            qualify("Ủy ban nhân dân tỉnh", &quang_tri),
            "Ủy ban nhân dân tỉnh Quảng Trị"
        );
        assert_eq!(qualify("Tỉnh ủy", &quang_tri), "Tỉnh ủy Quảng Trị");
        assert_eq!(
            qualify("Ban Tổ chức Tỉnh ủy", &da_nang),
            "Ban Tổ chức Thành ủy Đà Nẵng"
        );
        assert_eq!(qualify("Sở Y tế", &da_nang), "Sở Y tế thành phố Đà Nẵng");
        assert!(qualifies_by_context("Sở Nội vụ", "department", &quang_tri));
        assert!(qualifies_by_context(
            "Văn phòng Ủy ban nhân dân tỉnh",
            "state",
            &quang_tri
        ));
        // A city's people's committee in a province is not the province's.
        assert!(!qualifies_by_context(
            "Ủy ban nhân dân thành phố",
            "local_state",
            &quang_tri
        ));
        assert!(!qualifies_by_context("Bộ Nội vụ", "ministry", &quang_tri));
    }

    #[test]
    fn suffixes_strip_by_key_at_word_boundaries() {
        assert_eq!(
            strip_suffix_key("Sở Tài chính Nghệ An", "Nghệ An").as_deref(),
            Some("Sở Tài chính")
        );
        assert_eq!(
            strip_suffix_key("Ủy ban nhân dân tỉnh Khánh Hoà", "tỉnh Khánh Hòa").as_deref(),
            Some("Ủy ban nhân dân")
        );
        assert_eq!(strip_suffix_key("Tỉnh ủy", "Tỉnh ủy"), None);
        assert_eq!(strip_suffix_key("Sở Y tếAn", "An"), None);
    }
}
