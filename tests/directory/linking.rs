//! The linking test set (`tests/linking/`): articles written for the project about invented
//! officials of five provinces over 2023-2025, and the truth annotated before them
//! (`truth.json`). The articles go through the real recogniser into records; the scores compare
//! the directory built from those records with the truth.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;
use tintuc::directory::{Directory, DirectoryBuilder};
use tintuc::model::{Article, Record};

#[derive(Debug, Deserialize)]
struct ArticleFile {
    article: Vec<TestArticle>,
}

/// One article of the set, as written in `tests/linking/articles/*.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct TestArticle {
    pub id: String,
    pub url: String,
    pub published: String,
    pub title: String,
    pub lead: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct Truth {
    pub identities: BTreeMap<String, Identity>,
    pub articles: BTreeMap<String, Vec<TruthMention>>,
}

#[derive(Debug, Deserialize)]
pub struct Identity {
    pub name: String,
    pub province: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct TruthMention {
    pub name: String,
    pub identity: String,
    pub posts: Vec<(String, String)>,
}

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/linking")
}

/// The articles of every province file, in file order.
pub fn articles() -> Vec<TestArticle> {
    let mut files: Vec<_> = std::fs::read_dir(dir().join("articles"))
        .expect("tests/linking/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("article file");
        let file: ArticleFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        all.extend(file.article);
    }
    all
}

/// The truth, checked for consistency: every mention names its identity's name.
pub fn truth() -> Truth {
    let text = std::fs::read_to_string(dir().join("truth.json")).expect("truth.json");
    let truth: Truth = serde_json::from_str(&text).expect("truth.json parses");
    for (article, mentions) in &truth.articles {
        for m in mentions {
            let identity = truth
                .identities
                .get(&m.identity)
                .unwrap_or_else(|| panic!("{article}: unknown identity {}", m.identity));
            assert_eq!(identity.name, m.name, "{article}: {}", m.identity);
        }
    }
    truth
}

/// A record made by the library's recogniser from one test article.
pub fn record(article: &TestArticle) -> Record {
    let host = article
        .url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .map(str::to_string);
    let article = Article {
        url: Some(article.url.clone()),
        site: host,
        title: article.title.clone(),
        published: Some(article.published.clone()),
        lead: Some(article.lead.clone()),
        text: article.text.trim().to_string(),
        language: Some("vi".into()),
        ..Article::default()
    };
    let entities = tintuc::pipeline::default_recognizer().recognize_article(&article);
    Record {
        article,
        entities,
        ..Record::default()
    }
}

/// Every test article as a record, with its id.
pub fn records() -> Vec<(String, Record)> {
    articles()
        .iter()
        .map(|a| (a.id.clone(), record(a)))
        .collect()
}

/// The directory of the whole set.
pub fn directory(records: &[(String, Record)]) -> Directory {
    let mut builder = DirectoryBuilder::new();
    for (_, record) in records {
        builder.add_record(record);
    }
    builder.directory()
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn of(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} F1 {:.3}",
            self.precision, self.recall, self.f1
        )
    }
}

/// The measured figures of one directory against the truth.
#[derive(Debug, Default)]
pub struct Scores {
    pub bcubed: Prf,
    pub positions: Prf,
    /// System people holding mentions of identities from different provinces.
    pub cross_province_merges: Vec<String>,
    pub missed_positions: Vec<String>,
    pub extra_positions: Vec<String>,
    pub clustering_errors: Vec<String>,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Scores a directory of the set: B-cubed over person mentions (a mention is one name in one
/// article; one missing on either side counts as a singleton there), and precision/recall of the
/// (identity, role, organisation) triples, a system person standing for the identity most of its
/// mentions belong to.
pub fn score(directory: &Directory, ids: &HashMap<String, String>, truth: &Truth) -> Scores {
    // mention (article id, name key) -> truth identity / system person
    let mut truth_of: BTreeMap<(String, String), String> = BTreeMap::new();
    for (article, mentions) in &truth.articles {
        for m in mentions {
            truth_of.insert((article.clone(), norm(&m.name)), m.identity.clone());
        }
    }
    let names: HashMap<&str, &str> = directory
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let mut system_of: BTreeMap<(String, String), String> = BTreeMap::new();
    for article in &directory.articles {
        let Some(id) = ids.get(&article.key) else {
            continue;
        };
        for person in &article.people {
            let name = names.get(person.as_str()).copied().unwrap_or("");
            system_of.insert((id.clone(), norm(name)), person.clone());
        }
    }
    let items: BTreeSet<(String, String)> =
        truth_of.keys().chain(system_of.keys()).cloned().collect();
    let label = |map: &BTreeMap<(String, String), String>, item: &(String, String), side: &str| {
        map.get(item)
            .cloned()
            .unwrap_or_else(|| format!("{side}-missing:{}:{}", item.0, item.1))
    };
    let mut by_truth: HashMap<String, Vec<&(String, String)>> = HashMap::new();
    let mut by_system: HashMap<String, Vec<&(String, String)>> = HashMap::new();
    for item in &items {
        by_truth
            .entry(label(&truth_of, item, "t"))
            .or_default()
            .push(item);
        by_system
            .entry(label(&system_of, item, "s"))
            .or_default()
            .push(item);
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for item in &items {
        let t = &by_truth[&label(&truth_of, item, "t")];
        let s = &by_system[&label(&system_of, item, "s")];
        let both = s.iter().filter(|x| t.contains(x)).count() as f64;
        precision += both / s.len() as f64;
        recall += both / t.len() as f64;
    }
    let n = items.len().max(1) as f64;
    let mut scores = Scores {
        bcubed: Prf::of(precision / n, recall / n),
        ..Scores::default()
    };

    // Clustering errors, for the report of a failing test.
    for (person, members) in &by_system {
        let identities: BTreeSet<String> = members
            .iter()
            .map(|item| label(&truth_of, item, "t"))
            .collect();
        if identities.len() > 1 {
            scores
                .clustering_errors
                .push(format!("{person} merges {identities:?}"));
        }
        let provinces: BTreeSet<&str> = identities
            .iter()
            .filter_map(|i| truth.identities.get(i)?.province.as_deref())
            .collect();
        if provinces.len() > 1 {
            scores
                .cross_province_merges
                .push(format!("{person}: {identities:?}"));
        }
    }
    for (identity, members) in &by_truth {
        let people: BTreeSet<String> = members
            .iter()
            .map(|item| label(&system_of, item, "s"))
            .collect();
        if people.len() > 1 {
            scores
                .clustering_errors
                .push(format!("{identity} split into {people:?}"));
        }
    }
    scores.clustering_errors.sort();

    // Positions.
    let mut majority: HashMap<&str, String> = HashMap::new();
    for (person, members) in &by_system {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for item in members {
            if let Some(identity) = truth_of.get(*item) {
                *counts.entry(identity.clone()).or_default() += 1;
            }
        }
        if let Some((identity, _)) = counts.into_iter().max_by_key(|(_, c)| *c) {
            majority.insert(person.as_str(), identity);
        }
    }
    let truth_positions: BTreeSet<(String, String, String)> = truth
        .articles
        .values()
        .flatten()
        .flat_map(|m| {
            m.posts
                .iter()
                .map(|(role, org)| (m.identity.clone(), norm(role), norm(org)))
        })
        .collect();
    let system_positions: BTreeSet<(String, String, String)> = directory
        .positions
        .iter()
        .map(|p| {
            let identity = majority
                .get(p.person.as_str())
                .cloned()
                .unwrap_or_else(|| format!("unmatched:{}", p.person));
            (
                identity,
                norm(&p.role),
                norm(p.organization_name.as_deref().unwrap_or("")),
            )
        })
        .collect();
    let hits = truth_positions.intersection(&system_positions).count() as f64;
    scores.positions = Prf::of(
        hits / system_positions.len().max(1) as f64,
        hits / truth_positions.len().max(1) as f64,
    );
    scores.missed_positions = truth_positions
        .difference(&system_positions)
        .map(|t| format!("{t:?}"))
        .collect();
    scores.extra_positions = system_positions
        .difference(&truth_positions)
        .map(|t| format!("{t:?}"))
        .collect();
    scores
}

/// Article key (URL) -> test article id.
pub fn ids_by_key(records: &[(String, Record)]) -> HashMap<String, String> {
    records
        .iter()
        .map(|(id, r)| (r.article.url.clone().unwrap_or_default(), id.clone()))
        .collect()
}
