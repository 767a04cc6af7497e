//! The directory: who holds which post, in which body, since when, across all articles of a
//! harvest.
//!
//! ```text
//! Record --digest--> ArticleDigest --link (per name)--> people --build--> Directory
//!   (province, canonical bodies,        (cores, careers,        (people, positions,
//!    people with their posts)            bare mentions)           organisations, articles)
//! ```
//!
//! - [`province`]: the province of an article and of a body; which provinces of the two eras of
//!   the 2025 reform can be the same place.
//! - [`body`]: one canonical name per body ("Sở Nội vụ tỉnh Quảng Trị"), with its 2025 successor.
//! - [`digest`]: a record reduced to what the directory needs ([`ArticleDigest`]).
//! - [`link`]: which mentions of one name are one person; uncertain merges are flagged.
//! - [`build`]: the entries ([`entry`]) written as JSONL (`schemas/directory.schema.json`) or as
//!   tables ([`tables`]) through the CSV and XLSX writers of `output`.
//!
//! [`DirectoryBuilder`] is incremental: its state (the digests and the people of each name) is
//! saved as JSONL ([`DirectoryBuilder::write_state`]); loading it and adding a new crawl's records
//! digests only the new records and relinks only the names they mention. The result is the same as
//! building from all records at once.

pub mod body;
pub mod build;
pub mod digest;
pub mod entry;
pub mod link;
pub mod province;
pub mod tables;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

pub use build::Directory;
pub use digest::ArticleDigest;
pub use entry::Line;
pub use tables::DirectoryTable;

use crate::error::Error;
use crate::model::Record;
use body::BodyResolver;
use link::{name_key, BlockLinks};

/// Version of the state file's format.
pub const STATE_VERSION: u32 = 1;

/// One line of the state file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StateLine {
    Header { format: String, version: u32 },
    Article(Box<ArticleDigest>),
    Block { name: String, links: BlockLinks },
}

const STATE_FORMAT: &str = "tintuc-directory-state";

/// Builds a directory from records, and updates it with more.
#[derive(Debug, Default)]
pub struct DirectoryBuilder {
    digests: Vec<ArticleDigest>,
    by_key: HashMap<String, usize>,
    /// Name key -> the (digest, person) mentions of that name.
    blocks: HashMap<String, Vec<(usize, usize)>>,
    links: BTreeMap<String, BlockLinks>,
    /// Names whose block must be linked again.
    touched: HashSet<String>,
    resolver: BodyResolver,
}

impl DirectoryBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of articles so far.
    pub fn articles(&self) -> usize {
        self.digests.len()
    }

    /// The digests so far, in the order their records came (a record seen again replaces its
    /// digest in place).
    pub fn digests(&self) -> &[ArticleDigest] {
        &self.digests
    }

    /// Digests one record and keeps it; a record with the key of one already kept (the same URL
    /// crawled again) replaces it. Returns the digest's index.
    pub fn add_record(&mut self, record: &Record) -> usize {
        let digest = digest::digest(record, &mut self.resolver);
        self.add_digest(digest)
    }

    /// Keeps an already made digest (see [`DirectoryBuilder::add_record`]).
    pub fn add_digest(&mut self, mut digest: ArticleDigest) -> usize {
        for person in &mut digest.people {
            person.person.clear();
        }
        let at = match self.by_key.get(&digest.key) {
            Some(&at) => {
                for person in &self.digests[at].people {
                    let key = name_key(&person.name);
                    if let Some(block) = self.blocks.get_mut(&key) {
                        block.retain(|&(a, _)| a != at);
                    }
                    self.touched.insert(key);
                }
                self.digests[at] = digest;
                at
            }
            None => {
                self.by_key.insert(digest.key.clone(), self.digests.len());
                self.digests.push(digest);
                self.digests.len() - 1
            }
        };
        self.index_people(at);
        at
    }

    /// Puts the people of the digest at `at` into their name blocks, to be linked.
    fn index_people(&mut self, at: usize) {
        for (p, person) in self.digests[at].people.iter().enumerate() {
            let key = name_key(&person.name);
            self.blocks.entry(key.clone()).or_default().push((at, p));
            self.touched.insert(key);
        }
    }

    /// Links the names that new records mention (all names on a fresh builder).
    pub fn link(&mut self) {
        if self.touched.is_empty() {
            return;
        }
        let mut touched: Vec<String> = std::mem::take(&mut self.touched).into_iter().collect();
        touched.sort_unstable();
        for name in touched {
            match self.blocks.get(&name) {
                Some(members) if !members.is_empty() => {
                    let links = link::link_block(&mut self.digests, members);
                    self.links.insert(name, links);
                }
                _ => {
                    self.links.remove(&name);
                }
            }
        }
    }

    /// The directory of everything added so far.
    pub fn directory(&mut self) -> Directory {
        self.link();
        build::build(&self.digests, &self.links)
    }

    /// Saves the state (digests and links) as JSONL, for a later [`DirectoryBuilder::load_state`].
    pub fn write_state(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.link();
        let line = |value: &StateLine, out: &mut dyn Write| -> std::io::Result<()> {
            serde_json::to_writer(&mut *out, value)?;
            out.write_all(b"\n")
        };
        line(
            &StateLine::Header {
                format: STATE_FORMAT.to_string(),
                version: STATE_VERSION,
            },
            out,
        )?;
        for digest in &self.digests {
            line(&StateLine::Article(Box::new(digest.clone())), out)?;
        }
        for (name, links) in &self.links {
            line(
                &StateLine::Block {
                    name: name.clone(),
                    links: links.clone(),
                },
                out,
            )?;
        }
        out.flush()
    }

    /// Loads a state written by [`DirectoryBuilder::write_state`]; `input` names it in errors.
    pub fn load_state(reader: impl BufRead, input: &str) -> Result<Self, Error> {
        let invalid = |line: usize, message: String| Error::Invalid {
            input: format!("{input}:{line}"),
            message,
        };
        let mut builder = DirectoryBuilder::new();
        let mut saw_header = false;
        for (number, line) in reader.lines().enumerate() {
            let number = number + 1;
            let line = line.map_err(|source| Error::Io {
                path: input.to_string(),
                source,
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: StateLine = serde_json::from_str(&line)
                .map_err(|e| invalid(number, format!("not a directory state line: {e}")))?;
            match parsed {
                StateLine::Header { format, version } => {
                    if format != STATE_FORMAT || version != STATE_VERSION {
                        return Err(invalid(
                            number,
                            format!("state format {format} version {version}, expected {STATE_FORMAT} version {STATE_VERSION}"),
                        ));
                    }
                    saw_header = true;
                }
                _ if !saw_header => {
                    return Err(invalid(number, "no state header first".to_string()));
                }
                StateLine::Article(mut digest) => {
                    // One shared copy of each province, as when the digests were made.
                    let provinces = &mut builder.resolver.provinces;
                    if let Some(p) = digest.province.as_mut() {
                        *p = provinces.intern(p);
                    }
                    for org in &mut digest.orgs {
                        if let Some(p) = org.body.province.as_mut() {
                            *p = provinces.intern(p);
                        }
                    }
                    let at = builder.digests.len();
                    builder.by_key.insert(digest.key.clone(), at);
                    builder.digests.push(*digest);
                    for (p, person) in builder.digests[at].people.iter().enumerate() {
                        builder
                            .blocks
                            .entry(name_key(&person.name))
                            .or_default()
                            .push((at, p));
                    }
                }
                StateLine::Block { name, links } => {
                    builder.links.insert(name, links);
                }
            }
        }
        if !saw_header {
            return Err(invalid(0, "empty directory state".to_string()));
        }
        // A name without its links, or with a mention not linked (a state cut short), is linked
        // again.
        let DirectoryBuilder {
            digests,
            blocks,
            links,
            touched,
            ..
        } = &mut builder;
        for (key, members) in blocks.iter() {
            let unlinked = members
                .iter()
                .any(|&(a, p)| digests[a].people[p].person.is_empty());
            if unlinked || !links.contains_key(key) {
                touched.insert(key.clone());
            }
        }
        Ok(builder)
    }
}

/// Writes a directory as JSONL: the summary, then people, positions, organisations and articles.
pub fn write_jsonl(directory: &Directory, out: &mut dyn Write) -> std::io::Result<()> {
    let mut line = |value: entry::LineRef<'_>| -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, &value)?;
        out.write_all(b"\n")
    };
    line(entry::LineRef::Summary(&directory.summary))?;
    for person in &directory.people {
        line(entry::LineRef::Person(person))?;
    }
    for position in &directory.positions {
        line(entry::LineRef::Position(position))?;
    }
    for organization in &directory.organizations {
        line(entry::LineRef::Organization(organization))?;
    }
    for article in &directory.articles {
        line(entry::LineRef::Article(article))?;
    }
    out.flush()
}

/// The documented schema of the directory's JSONL lines (`tintuc schema directory`).
pub fn directory_schema() -> &'static str {
    include_str!("../../schemas/directory.schema.json")
}
