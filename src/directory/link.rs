//! Linking: which mentions of one name across articles are one person.
//!
//! Mentions are linked within a block of one name (by matching key), in three steps:
//!
//! 1. **Cores.** Mentions whose posts share a body (or a body and its 2025 successor) are one
//!    person: two officials of one name in one body are rare enough to ignore.
//! 2. **Careers.** A core may continue an earlier one of another body (a promotion from Sở to
//!    UBND, a move to a ministry) when their provinces can be the same place
//!    ([`Province::compatible`]) and the two do not overlap in time. Such a merge is flagged
//!    ([`FlagKind::MergedAcrossBodies`]). Cores that overlap in time, or lie in provinces that
//!    cannot be the same place, stay apart: namesakes holding posts at the same time.
//! 3. **Bare mentions.** A mention without a post joins the person of its name in the article's
//!    province; when several namesakes qualify it joins the nearest in time and the choice is
//!    flagged ([`FlagKind::AmbiguousMention`]).
//!
//! Blocks are independent, so an update relinks only the names its new articles mention and the
//! result is the same as linking everything at once. Person ids come from the name and the first
//! article of the person, so they stay put unless an earlier article of that person arrives.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::digest::{fnv64, ArticleDigest};
use super::province::SharedProvince;
use crate::model::{Gender, Ymd};
use crate::ner::text::{canonical_key, fold_ascii};

/// Why a person's entry deserves a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Posts in bodies that share nothing were merged on the name, a compatible province and
    /// their order in time (one ended before the other began).
    MergedAcrossBodies,
    /// Merged with posts whose body has no province (a ministry, a national body): the province
    /// could not confirm the merge.
    MergedWithoutProvince,
    /// A mention without a post was attached to one of several people of the same name.
    AmbiguousMention,
}

/// An uncertain decision about a person, with the articles it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
}

/// The people of one name block: their ids and flags.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockLinks {
    pub people: Vec<LinkedPerson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedPerson {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
}

/// The matching key of a person's name: the block it is linked in.
pub fn name_key(name: &str) -> String {
    canonical_key(name)
}

/// A URL-safe slug of a name ("Lê Quang Bình" -> "le-quang-binh").
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in fold_ascii(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// One mention of the block: where it is and what it says.
#[derive(Debug, Clone)]
struct Obs {
    article: usize,
    person: usize,
    day: Option<Ymd>,
    gender: Option<Gender>,
    /// Names of specific bodies of its posts, with their successors.
    keys: Vec<String>,
    /// Body names as stated (for flag details).
    bodies: Vec<String>,
    /// Provinces of its posts' bodies; for a mention without post, the article's.
    provinces: Vec<SharedProvince>,
    /// True when it states posts whose bodies have no province (national bodies).
    national: bool,
}

/// A person being built: the mentions and what they say together.
#[derive(Debug, Clone, Default)]
struct Cluster {
    members: Vec<usize>,
    first: Option<Ymd>,
    last: Option<Ymd>,
    gender: Option<Gender>,
    provinces: Vec<SharedProvince>,
    bodies: Vec<String>,
    national: bool,
    flags: Vec<Flag>,
}

impl Cluster {
    fn add(&mut self, at: usize, obs: &Obs) {
        self.members.push(at);
        if let Some(day) = obs.day {
            self.first = Some(self.first.map_or(day, |f| f.min(day)));
            self.last = Some(self.last.map_or(day, |l| l.max(day)));
        }
        self.gender = self.gender.or(obs.gender);
        for province in &obs.provinces {
            if !self.provinces.contains(province) {
                self.provinces.push(province.clone());
            }
        }
        for body in &obs.bodies {
            if !self.bodies.contains(body) {
                self.bodies.push(body.clone());
            }
        }
        self.national |= obs.national;
    }

    fn absorb(&mut self, other: Cluster, observations: &[Obs]) {
        for at in other.members {
            self.add(at, &observations[at]);
        }
        self.flags.extend(other.flags);
    }

    fn gender_fits(&self, gender: Option<Gender>) -> bool {
        match (self.gender, gender) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// Some(true) when a province of each side can be the same place, Some(false) when none
    /// can, None when one side has no province.
    fn province_fits(&self, provinces: &[SharedProvince]) -> Option<bool> {
        if self.provinces.is_empty() || provinces.is_empty() {
            return None;
        }
        Some(
            self.provinces
                .iter()
                .any(|a| provinces.iter().any(|b| a.compatible(b))),
        )
    }
}

fn observation(digests: &[ArticleDigest], article: usize, person: usize) -> Obs {
    let digest = &digests[article];
    let obs = &digest.people[person];
    let mut keys = Vec::new();
    let mut bodies = Vec::new();
    let mut provinces = Vec::new();
    let mut national = false;
    for title in &obs.titles {
        let Some(body) = title.body.and_then(|b| digest.orgs.get(b)) else {
            continue;
        };
        let body = &body.body;
        if !body.is_specific() {
            continue;
        }
        bodies.push(body.name.clone());
        keys.push(body.name.clone());
        keys.extend(body.successor.iter().cloned());
        match &body.province {
            Some(province) => provinces.push(province.clone()),
            None => national = true,
        }
    }
    if bodies.is_empty() {
        provinces.extend(digest.province.iter().cloned());
    }
    Obs {
        article,
        person,
        day: digest.day(),
        gender: obs.gender,
        keys,
        bodies,
        provinces,
        national,
    }
}

/// Links one name block: `members` are the (digest, person) of every mention of the name. Sets
/// `PersonObs::person` and returns the block's people.
pub fn link_block(digests: &mut [ArticleDigest], members: &[(usize, usize)]) -> BlockLinks {
    let mut observations: Vec<Obs> = members
        .iter()
        .map(|&(a, p)| observation(digests, a, p))
        .collect();
    observations.sort_by(|x, y| {
        let day = |o: &Obs| {
            o.day.unwrap_or(Ymd {
                year: 9999,
                month: 12,
                day: 31,
            })
        };
        day(x)
            .cmp(&day(y))
            .then_with(|| digests[x.article].key.cmp(&digests[y.article].key))
            .then(x.person.cmp(&y.person))
    });

    // 1. Cores: mentions sharing a body (or a successor).
    let mut parent: Vec<usize> = (0..observations.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, obs) in observations.iter().enumerate() {
        for key in &obs.keys {
            match by_key.get(key.as_str()) {
                Some(&j) => {
                    let other = &observations[j];
                    let genders_agree = match (obs.gender, other.gender) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    if genders_agree {
                        let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                        parent[ri.max(rj)] = ri.min(rj);
                    }
                }
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }
    let mut cores: Vec<Cluster> = Vec::new();
    let mut core_of_root: HashMap<usize, usize> = HashMap::new();
    let mut bare: Vec<usize> = Vec::new();
    for (i, obs) in observations.iter().enumerate() {
        if obs.keys.is_empty() {
            bare.push(i);
            continue;
        }
        let r = root(&mut parent, i);
        let at = *core_of_root.entry(r).or_insert_with(|| {
            cores.push(Cluster::default());
            cores.len() - 1
        });
        cores[at].add(i, obs);
    }

    // 2. Careers: a core continues an earlier person when nothing speaks against it.
    let mut people: Vec<Cluster> = Vec::new();
    for core in cores {
        let candidate = people
            .iter()
            .enumerate()
            .filter(|(_, person)| continues(person, &core))
            .max_by_key(|(i, person)| (person.last, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match candidate {
            Some(i) => {
                let person = &mut people[i];
                let articles = core
                    .members
                    .iter()
                    .map(|&m| digests[observations[m].article].key.clone())
                    .collect();
                let without_province = person.province_fits(&core.provinces).is_none();
                let detail = format!(
                    "{} (to {}) then {} (from {})",
                    person.bodies.join(", "),
                    day_text(person.last),
                    core.bodies.join(", "),
                    day_text(core.first),
                );
                person.flags.push(Flag {
                    kind: if without_province {
                        FlagKind::MergedWithoutProvince
                    } else {
                        FlagKind::MergedAcrossBodies
                    },
                    detail,
                    articles,
                });
                person.absorb(core, &observations);
            }
            None => people.push(core),
        }
    }

    // 3. Bare mentions.
    for i in bare {
        let obs = &observations[i];
        let fitting: Vec<usize> = people
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.gender_fits(obs.gender) && p.province_fits(&obs.provinces) != Some(false)
            })
            .map(|(at, _)| at)
            .collect();
        match fitting.len() {
            0 => {
                let mut person = Cluster::default();
                person.add(i, obs);
                people.push(person);
            }
            1 => people[fitting[0]].add(i, obs),
            _ => {
                let nearest = fitting
                    .iter()
                    .copied()
                    .min_by_key(|&at| (distance(&people[at], obs.day), at))
                    .unwrap_or(fitting[0]);
                let key = digests[obs.article].key.clone();
                let person = &mut people[nearest];
                person.flags.push(Flag {
                    kind: FlagKind::AmbiguousMention,
                    detail: format!(
                        "a mention without a post, attached to the nearest in time of {} people of this name",
                        fitting.len()
                    ),
                    articles: vec![key],
                });
                person.add(i, obs);
            }
        }
    }

    // Ids, from the name and the person's first article.
    let mut links = BlockLinks::default();
    let mut used: Vec<String> = Vec::new();
    for person in &mut people {
        person.members.sort_unstable();
        let first = &observations[person.members[0]];
        let digest = &digests[first.article];
        let name = &digest.people[first.person].name;
        let seed = format!("{}\u{1F}{}", digest.key, name_key(name));
        let mut id = format!(
            "p-{}-{:08x}",
            slug(name),
            fnv64(seed.as_bytes()) & 0xffff_ffff
        );
        while used.contains(&id) {
            id.push('x');
        }
        used.push(id.clone());
        for &m in &person.members {
            let obs = &observations[m];
            digests[obs.article].people[obs.person].person = id.clone();
        }
        person
            .flags
            .sort_by(|a, b| a.kind.cmp(&b.kind).then(a.detail.cmp(&b.detail)));
        links.people.push(LinkedPerson {
            id,
            flags: std::mem::take(&mut person.flags),
        });
    }
    links.people.sort_by(|a, b| a.id.cmp(&b.id));
    links
}

/// True when `core` can be a later post of `person`: same gender, provinces that can be the same
/// place (or no province on one side), and `core` begins after `person`'s last dated post.
fn continues(person: &Cluster, core: &Cluster) -> bool {
    if !person.gender_fits(core.gender) || person.province_fits(&core.provinces) == Some(false) {
        return false;
    }
    match (person.last, core.first) {
        (Some(last), Some(first)) => first > last,
        _ => false,
    }
}

/// Days between a person's dated span and a day (0 inside it); undated counts as far.
fn distance(person: &Cluster, day: Option<Ymd>) -> i64 {
    let (Some(first), Some(last), Some(day)) = (person.first, person.last, day) else {
        return i64::MAX;
    };
    let number = |d: Ymd| i64::from(d.year) * 372 + i64::from(d.month) * 31 + i64::from(d.day);
    if day < first {
        number(first) - number(day)
    } else if day > last {
        number(day) - number(last)
    } else {
        0
    }
}

fn day_text(day: Option<Ymd>) -> String {
    day.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::body::Body;
    use crate::directory::digest::{OrgObs, PersonObs, TitleObs};
    use crate::directory::province::{province, ProvinceResolver};

    /// An article on `day` naming `name` as `role` of `body` in `province` (no post when `body`
    /// is empty).
    fn article(
        key: &str,
        day: &str,
        name: &str,
        body: &str,
        province: &SharedProvince,
    ) -> ArticleDigest {
        let orgs = if body.is_empty() {
            Vec::new()
        } else {
            vec![OrgObs {
                body: Body {
                    name: body.to_string(),
                    kind: "department".into(),
                    province: Some(province.clone()),
                    parent: None,
                    successor: None,
                },
                written: Vec::new(),
                abbreviations: Vec::new(),
                entities: vec![0],
                mentions: 1,
            }]
        };
        let titles = if body.is_empty() {
            Vec::new()
        } else {
            vec![TitleObs {
                text: format!("Giám đốc {body}"),
                role: "Giám đốc".into(),
                body: Some(0),
                modifiers: Vec::new(),
            }]
        };
        ArticleDigest {
            key: key.to_string(),
            title: key.to_string(),
            site: None,
            published: Some(day.to_string()),
            province: Some(province.clone()),
            people: vec![PersonObs {
                name: name.to_string(),
                entity: 0,
                gender: None,
                honorific: None,
                titles,
                mentions: 1,
                person: String::new(),
            }],
            orgs,
        }
    }

    fn people_of(digests: &mut [ArticleDigest]) -> BlockLinks {
        let members: Vec<(usize, usize)> = (0..digests.len()).map(|a| (a, 0)).collect();
        link_block(digests, &members)
    }

    #[test]
    fn namesakes_apart_careers_merged_and_flagged() {
        let mut provinces = ProvinceResolver::new();
        let nghe_an = provinces.intern(&province(
            "40",
            "2024",
            "Tỉnh Nghệ An",
            Some(("40", "Tỉnh Nghệ An")),
        ));
        let ha_tinh = provinces.intern(&province(
            "42",
            "2024",
            "Tỉnh Hà Tĩnh",
            Some(("42", "Tỉnh Hà Tĩnh")),
        ));
        let name = "Lê Văn Tám";
        let a = "Sở Y tế tỉnh Nghệ An";
        let b = "Sở Tư pháp tỉnh Nghệ An";

        // Two bodies at the same time in one province: two people.
        let mut overlapping = vec![
            article("u1", "2023-01-10", name, a, &nghe_an),
            article("u2", "2023-05-10", name, b, &nghe_an),
            article("u3", "2023-09-10", name, a, &nghe_an),
        ];
        let links = people_of(&mut overlapping);
        assert_eq!(links.people.len(), 2);
        assert_eq!(
            overlapping[0].people[0].person,
            overlapping[2].people[0].person
        );
        assert_ne!(
            overlapping[0].people[0].person,
            overlapping[1].people[0].person
        );

        // One body after the other in one province: one person, flagged.
        let mut sequential = vec![
            article("u1", "2023-01-10", name, a, &nghe_an),
            article("u2", "2023-05-10", name, a, &nghe_an),
            article("u3", "2024-02-10", name, b, &nghe_an),
        ];
        let links = people_of(&mut sequential);
        assert_eq!(links.people.len(), 1);
        assert_eq!(links.people[0].flags[0].kind, FlagKind::MergedAcrossBodies);

        // The same sequence in two provinces: two people, no doubt.
        let mut elsewhere = vec![
            article("u1", "2023-01-10", name, a, &nghe_an),
            article(
                "u2",
                "2024-02-10",
                name,
                "Sở Tư pháp tỉnh Hà Tĩnh",
                &ha_tinh,
            ),
        ];
        let links = people_of(&mut elsewhere);
        assert_eq!(links.people.len(), 2);
        assert!(links.people.iter().all(|p| p.flags.is_empty()));

        // A mention without post goes to the person of its province; with two there, to the
        // nearest in time, flagged.
        let mut bare = vec![
            article("u1", "2023-01-10", name, a, &nghe_an),
            article(
                "u2",
                "2023-02-10",
                name,
                "Sở Tư pháp tỉnh Hà Tĩnh",
                &ha_tinh,
            ),
            article("u3", "2023-03-10", name, "", &ha_tinh),
        ];
        let links = people_of(&mut bare);
        assert_eq!(links.people.len(), 2);
        assert_eq!(bare[2].people[0].person, bare[1].people[0].person);
        assert!(links.people.iter().all(|p| p.flags.is_empty()));
        let mut ambiguous = overlapping.clone();
        ambiguous.push(article("u4", "2023-05-12", name, "", &nghe_an));
        let links = people_of(&mut ambiguous);
        // Seen within the first person's span, two days after the other's only article.
        assert_eq!(ambiguous[3].people[0].person, ambiguous[0].people[0].person);
        assert!(links
            .people
            .iter()
            .any(|p| p.flags.iter().any(|f| f.kind == FlagKind::AmbiguousMention)));
    }

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(slug("Lê Quang Bình"), "le-quang-binh");
        assert_eq!(slug("Đỗ Mạnh Cường"), "do-manh-cuong");
        assert_eq!(slug(" K'Mák "), "k-mak");
    }
}
