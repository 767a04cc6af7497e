//! From linked digests to the directory's entries: people with their positions, organisations
//! with the people in each post, and the articles as evidence. A fold over all digests, cheap
//! next to reading records, so it is redone whole on every update.

use std::collections::{BTreeMap, HashMap};

use super::body::post_title;
use super::digest::{fnv64, push_distinct, ArticleDigest};
use super::entry::{
    ArticleEntry, Holder, OrganizationEntry, PersonEntry, PositionEntry, Post, Summary,
    DIRECTORY_VERSION,
};
use super::link::{name_key, slug, BlockLinks};
use crate::model::Gender;

/// The modifier that says a post is no longer held ("nguyên Giám đốc").
pub const FORMER_MODIFIER: &str = "nguyên";

/// A whole directory, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Directory {
    pub summary: Summary,
    pub people: Vec<PersonEntry>,
    pub positions: Vec<PositionEntry>,
    pub organizations: Vec<OrganizationEntry>,
    pub articles: Vec<ArticleEntry>,
}

#[derive(Default)]
struct OrgFold {
    kind: String,
    parent: Option<String>,
    place: Option<String>,
    successor: Option<String>,
    abbreviations: Vec<String>,
    names_seen: Vec<String>,
    first: Option<String>,
    last: Option<String>,
    articles: usize,
}

#[derive(Default)]
struct PersonFold {
    name: String,
    gender: Option<Gender>,
    honorifics: Vec<String>,
    provinces: Vec<String>,
    first: Option<String>,
    last: Option<String>,
    articles: usize,
    mentions: usize,
    /// (role, body) -> the post's evidence.
    posts: BTreeMap<(String, Option<String>), PostFold>,
}

#[derive(Default)]
struct PostFold {
    modifiers: Vec<String>,
    titles: Vec<String>,
    first: Option<String>,
    last: Option<String>,
    former_since: Option<String>,
    articles: Vec<(Option<String>, String)>,
}

fn widen(first: &mut Option<String>, last: &mut Option<String>, day: Option<&String>) {
    if let Some(day) = day {
        if first.as_ref().is_none_or(|f| day < f) {
            *first = Some(day.clone());
        }
        if last.as_ref().is_none_or(|l| day > l) {
            *last = Some(day.clone());
        }
    }
}

/// Builds the directory of linked digests; `links` holds the people of every name block.
pub fn build(digests: &[ArticleDigest], links: &BTreeMap<String, BlockLinks>) -> Directory {
    let orgs = fold_organizations(digests);
    let org_ids = organization_ids(orgs.keys());
    let people = fold_people(digests);

    let mut person_entries = Vec::with_capacity(people.len());
    let mut positions = Vec::new();
    for (id, fold) in people {
        let PersonFold {
            name,
            gender,
            honorifics,
            provinces,
            first,
            last,
            articles,
            mentions,
            mut posts,
        } = fold;
        merge_bare_posts(&mut posts);
        let mut own: Vec<PositionEntry> = posts
            .into_iter()
            .map(|((role, body), post)| {
                let seed = format!("{id}\u{1F}{role}\u{1F}{}", body.as_deref().unwrap_or(""));
                let mut evidence = post.articles;
                evidence.sort();
                evidence.dedup();
                PositionEntry {
                    id: format!("pos-{:016x}", fnv64(seed.as_bytes())),
                    person: id.clone(),
                    person_name: name.clone(),
                    organization: body.as_ref().and_then(|b| org_ids.get(b).cloned()),
                    successor: body
                        .as_ref()
                        .and_then(|b| orgs.get(b))
                        .and_then(|o| o.successor.clone()),
                    role,
                    organization_name: body,
                    modifiers: post.modifiers,
                    first_seen: post.first,
                    last_seen: post.last,
                    former_since: post.former_since,
                    titles: post.titles,
                    articles: evidence.into_iter().map(|(_, key)| key).collect(),
                }
            })
            .collect();
        own.sort_by(|a, b| {
            let start = |p: &PositionEntry| p.first_seen.clone().or(p.former_since.clone());
            start(a)
                .cmp(&start(b))
                .then(a.role.cmp(&b.role))
                .then(a.id.cmp(&b.id))
        });
        let latest_post = own
            .iter()
            .filter(|p| p.last_seen.is_some())
            .max_by(|a, b| a.last_seen.cmp(&b.last_seen))
            .map(|p| post_title(&p.role, p.organization_name.as_deref()));
        let block = links.get(&name_key(&name));
        let namesakes = block
            .map(|b| {
                b.people
                    .iter()
                    .filter(|p| p.id != id)
                    .map(|p| p.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let flags = block
            .and_then(|b| b.people.iter().find(|p| p.id == id))
            .map(|p| p.flags.clone())
            .unwrap_or_default();
        person_entries.push(PersonEntry {
            positions: own.iter().map(|p| p.id.clone()).collect(),
            id,
            name,
            gender,
            honorifics,
            provinces,
            latest_post,
            first_seen: first,
            last_seen: last,
            articles,
            mentions,
            namesakes,
            flags,
        });
        positions.extend(own);
    }
    person_entries.sort_by_cached_key(|p| (name_key(&p.name), p.first_seen.clone(), p.id.clone()));
    let order: HashMap<&str, usize> = person_entries
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    positions.sort_by_key(|p| order.get(p.person.as_str()).copied());

    let organizations = organization_entries(&orgs, &org_ids, &positions);
    let articles = article_entries(digests, &org_ids);
    let summary = Summary {
        version: DIRECTORY_VERSION,
        articles: articles.len(),
        people: person_entries.len(),
        positions: positions.len(),
        organizations: organizations.len(),
        flagged_people: person_entries
            .iter()
            .filter(|p| !p.flags.is_empty())
            .count(),
    };
    Directory {
        summary,
        people: person_entries,
        positions,
        organizations,
        articles,
    }
}

/// A post without body ("Thứ trưởng") joins the person's one post of that role with a body, when
/// there is exactly one: the articles left out what others said.
fn merge_bare_posts(posts: &mut BTreeMap<(String, Option<String>), PostFold>) {
    let bare: Vec<(String, Option<String>)> = posts
        .keys()
        .filter(|(_, body)| body.is_none())
        .cloned()
        .collect();
    for key in bare {
        let mut with_body = posts
            .keys()
            .filter(|(role, body)| *role == key.0 && body.is_some());
        let (Some(target), None) = (with_body.next().cloned(), with_body.next()) else {
            continue;
        };
        let Some(from) = posts.remove(&key) else {
            continue;
        };
        let into = posts.entry(target).or_default();
        for m in from.modifiers {
            if !into
                .modifiers
                .iter()
                .any(|k| k.to_lowercase() == m.to_lowercase())
            {
                into.modifiers.push(m);
            }
        }
        for t in &from.titles {
            push_distinct(&mut into.titles, t);
        }
        widen(&mut into.first, &mut into.last, from.first.as_ref());
        widen(&mut into.first, &mut into.last, from.last.as_ref());
        let mut unused = None;
        widen(
            &mut into.former_since,
            &mut unused,
            from.former_since.as_ref(),
        );
        into.articles.extend(from.articles);
    }
}

fn fold_organizations(digests: &[ArticleDigest]) -> BTreeMap<String, OrgFold> {
    let mut orgs: BTreeMap<String, OrgFold> = BTreeMap::new();
    for digest in digests {
        for obs in &digest.orgs {
            let body = &obs.body;
            let fold = orgs.entry(body.name.clone()).or_default();
            if fold.kind.is_empty() {
                fold.kind = body.kind.clone();
            }
            fold.parent = fold.parent.take().or_else(|| body.parent.clone());
            fold.place = fold
                .place
                .take()
                .or_else(|| body.province.as_ref().map(|p| p.name.clone()));
            fold.successor = fold.successor.take().or_else(|| body.successor.clone());
            for a in &obs.abbreviations {
                push_distinct(&mut fold.abbreviations, a);
            }
            for w in &obs.written {
                push_distinct(&mut fold.names_seen, w);
            }
            widen(&mut fold.first, &mut fold.last, digest.published.as_ref());
            fold.articles += 1;
        }
    }
    // Successors known only from the 2025 mergers get an entry too, so the chain can be followed.
    let known: Vec<(String, String)> = orgs
        .values()
        .filter_map(|o| Some((o.successor.clone()?, o.kind.clone())))
        .collect();
    for (successor, kind) in known {
        orgs.entry(successor).or_insert_with(|| OrgFold {
            kind,
            ..OrgFold::default()
        });
    }
    orgs
}

/// `o-` + the slug of each name; a name whose slug is taken gets a hash suffix.
fn organization_ids<'a>(names: impl Iterator<Item = &'a String>) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    let mut taken: HashMap<String, ()> = HashMap::new();
    for name in names {
        let mut id = format!("o-{}", slug(name));
        if taken.contains_key(&id) {
            id = format!("{id}-{:08x}", fnv64(name.as_bytes()) & 0xffff_ffff);
        }
        taken.insert(id.clone(), ());
        ids.insert(name.clone(), id);
    }
    ids
}

fn fold_people(digests: &[ArticleDigest]) -> BTreeMap<String, PersonFold> {
    let mut people: BTreeMap<String, PersonFold> = BTreeMap::new();
    for digest in digests {
        let day = digest.published.as_ref();
        for obs in &digest.people {
            if obs.person.is_empty() {
                continue;
            }
            let fold = people.entry(obs.person.clone()).or_default();
            if fold.name.is_empty() {
                fold.name = obs.name.clone();
            }
            fold.gender = fold.gender.or(obs.gender);
            if let Some(h) = obs.honorific.as_deref() {
                push_distinct(&mut fold.honorifics, h);
            }
            widen(&mut fold.first, &mut fold.last, day);
            fold.articles += 1;
            fold.mentions += obs.mentions;
            let mut provinces_here = Vec::new();
            let mut has_body = false;
            for title in &obs.titles {
                let body = title.body.and_then(|b| digest.orgs.get(b));
                has_body |= body.is_some();
                if let Some(province) = body.and_then(|b| b.body.province.as_ref()) {
                    provinces_here.push(province.name.clone());
                }
                let key = (title.role.clone(), body.map(|b| b.body.name.clone()));
                let post = fold.posts.entry(key).or_default();
                let former = title
                    .modifiers
                    .iter()
                    .any(|m| m.to_lowercase() == FORMER_MODIFIER);
                for m in &title.modifiers {
                    if !post
                        .modifiers
                        .iter()
                        .any(|k| k.to_lowercase() == m.to_lowercase())
                    {
                        post.modifiers.push(m.clone());
                    }
                }
                push_distinct(&mut post.titles, &title.text);
                if former {
                    let mut unused = None;
                    widen(&mut post.former_since, &mut unused, day);
                } else {
                    widen(&mut post.first, &mut post.last, day);
                }
                post.articles
                    .push((digest.published.clone(), digest.key.clone()));
            }
            // A post of a national body says nothing of a province; no post at all lets the
            // article's province speak.
            if !has_body {
                provinces_here.extend(digest.province.iter().map(|p| p.name.clone()));
            }
            for province in provinces_here {
                push_distinct(&mut fold.provinces, &province);
            }
        }
    }
    people
}

fn organization_entries(
    orgs: &BTreeMap<String, OrgFold>,
    ids: &HashMap<String, String>,
    positions: &[PositionEntry],
) -> Vec<OrganizationEntry> {
    let mut predecessors: HashMap<&str, Vec<String>> = HashMap::new();
    for (name, fold) in orgs {
        if let Some(successor) = fold.successor.as_deref() {
            predecessors
                .entry(successor)
                .or_default()
                .push(name.clone());
        }
    }
    let mut posts: HashMap<&str, BTreeMap<&str, Vec<Holder>>> = HashMap::new();
    for position in positions {
        let Some(org) = position.organization_name.as_deref() else {
            continue;
        };
        posts
            .entry(org)
            .or_default()
            .entry(position.role.as_str())
            .or_default()
            .push(Holder {
                person: position.person.clone(),
                name: position.person_name.clone(),
                position: position.id.clone(),
                first_seen: position.first_seen.clone(),
                last_seen: position.last_seen.clone(),
            });
    }
    orgs.iter()
        .map(|(name, fold)| OrganizationEntry {
            id: ids[name].clone(),
            name: name.clone(),
            kind: fold.kind.clone(),
            parent: fold.parent.clone(),
            parent_id: fold.parent.as_ref().and_then(|p| ids.get(p).cloned()),
            place: fold.place.clone(),
            abbreviations: fold.abbreviations.clone(),
            names_seen: fold.names_seen.clone(),
            successor: fold.successor.clone(),
            successor_id: fold.successor.as_ref().and_then(|s| ids.get(s).cloned()),
            predecessors: predecessors.remove(name.as_str()).unwrap_or_default(),
            first_seen: fold.first.clone(),
            last_seen: fold.last.clone(),
            articles: fold.articles,
            posts: posts
                .remove(name.as_str())
                .unwrap_or_default()
                .into_iter()
                .map(|(role, mut holders)| {
                    holders.sort_by(|a, b| {
                        a.first_seen
                            .cmp(&b.first_seen)
                            .then(a.person.cmp(&b.person))
                    });
                    Post {
                        role: role.to_string(),
                        holders,
                    }
                })
                .collect(),
        })
        .collect()
}

fn article_entries(
    digests: &[ArticleDigest],
    org_ids: &HashMap<String, String>,
) -> Vec<ArticleEntry> {
    let mut articles: Vec<ArticleEntry> = digests
        .iter()
        .map(|digest| {
            let count = digest.orgs.iter().map(|o| o.entities.len()).sum();
            let mut organizations = vec![String::new(); count];
            for obs in &digest.orgs {
                for &entity in &obs.entities {
                    if let Some(slot) = organizations.get_mut(entity) {
                        slot.clone_from(&org_ids[&obs.body.name]);
                    }
                }
            }
            ArticleEntry {
                key: digest.key.clone(),
                url: digest.url().map(str::to_string),
                title: digest.title.clone(),
                site: digest.site.clone(),
                published: digest.published.clone(),
                province: digest.province.as_ref().map(|p| p.name.clone()),
                people: digest.people.iter().map(|p| p.person.clone()).collect(),
                organizations,
            }
        })
        .collect();
    articles.sort_by(|a, b| a.published.cmp(&b.published).then(a.key.cmp(&b.key)));
    articles
}
