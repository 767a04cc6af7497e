//! Site profiles: which selectors to read a page with, as data.
//!
//! The built-in profiles live in `profiles.toml` (embedded at build time); a user adds or
//! overrides profiles from a TOML file of the same shape with [`Profiles::load_toml`], without
//! rebuilding. Each profile is compiled once (CSS selectors, URL regexes); [`Profiles::select`]
//! scores every profile against a page's host, URL and HTML fingerprints and returns the best.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde::Deserialize;

use crate::error::Error;

/// The built-in profiles, as written.
pub const BUILTIN_PROFILES_TOML: &str = include_str!("profiles.toml");

/// The `--profiles` value that turns every profile off, leaving the generic extractor.
pub const NO_PROFILES: &str = "none";

/// Score of a profile whose host list names the page's host.
const HOST_SCORE: u32 = 10;
/// Score of a profile whose URL pattern matches the page's URL.
const URL_SCORE: u32 = 5;
/// Score of each HTML fingerprint found in the page.
const FINGERPRINT_SCORE: u32 = 3;
/// Without a matching address, a profile needs this many of its fingerprints: one class name
/// can be markup pasted into another CMS's article (LacViet pages carry Liferay's
/// `.journal-content-article`).
const MIN_FINGERPRINTS: u32 = 2;

/// One profile as written in TOML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileSpec {
    pub name: String,
    pub family: String,
    pub site_name: Option<String>,
    pub hosts: Vec<String>,
    pub url_patterns: Vec<String>,
    pub fingerprints: Vec<String>,
    pub strict: bool,
    pub title: Vec<String>,
    pub date: Vec<String>,
    pub updated: Vec<String>,
    pub lead: Vec<String>,
    pub body: Vec<String>,
    pub author: Vec<String>,
    pub source: Vec<String>,
    pub category: Vec<String>,
    pub tags: Vec<String>,
    pub remove: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ProfileFile {
    #[serde(default)]
    profile: Vec<ProfileSpec>,
}

/// A CSS selector, optionally reading an attribute (`time@datetime`).
#[derive(Debug, Clone)]
pub struct Field {
    pub selector: Selector,
    pub attr: Option<String>,
}

impl Field {
    fn parse(spec: &str) -> Result<Field, String> {
        // An `@` inside brackets belongs to the selector (`a[href*='@']`).
        let (css, attr) = match spec.rfind('@') {
            Some(at) if !spec[at..].contains(']') => {
                (&spec[..at], Some(spec[at + 1..].trim().to_string()))
            }
            _ => (spec, None),
        };
        let selector =
            Selector::parse(css.trim()).map_err(|e| format!("bad selector {spec:?}: {e}"))?;
        Ok(Field { selector, attr })
    }

    /// The text (or attribute) of each element this field selects.
    pub fn values<'a>(&self, scope: ElementRef<'a>) -> Vec<(ElementRef<'a>, String)> {
        scope
            .select(&self.selector)
            .map(|el| {
                let value = match &self.attr {
                    Some(attr) => el.value().attr(attr).unwrap_or_default().to_string(),
                    None => el.text().collect::<Vec<_>>().join(" "),
                };
                (el, value)
            })
            .collect()
    }
}

/// A compiled profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub site_name: Option<String>,
    pub strict: bool,
    hosts: Vec<String>,
    url_patterns: Vec<Regex>,
    fingerprints: Vec<Selector>,
    pub title: Vec<Field>,
    pub date: Vec<Field>,
    pub updated: Vec<Field>,
    pub lead: Vec<Field>,
    pub body: Vec<Field>,
    pub author: Vec<Field>,
    pub source: Vec<Field>,
    pub category: Vec<Field>,
    pub tags: Vec<Field>,
    pub remove: Vec<Field>,
}

fn fields(specs: &[String]) -> Result<Vec<Field>, String> {
    specs.iter().map(|s| Field::parse(s)).collect()
}

impl Profile {
    /// Compiles one profile; the error names the profile and the bad selector or pattern.
    pub fn compile(spec: &ProfileSpec) -> Result<Profile, String> {
        let ctx = |e: String| format!("profile {:?}: {e}", spec.name);
        if spec.name.trim().is_empty() {
            return Err("a profile has no name".into());
        }
        let url_patterns = spec
            .url_patterns
            .iter()
            .map(|p| Regex::new(p).map_err(|e| ctx(format!("bad URL pattern {p:?}: {e}"))))
            .collect::<Result<_, _>>()?;
        let fingerprints = spec
            .fingerprints
            .iter()
            .map(|s| Selector::parse(s).map_err(|e| ctx(format!("bad fingerprint {s:?}: {e}"))))
            .collect::<Result<_, _>>()?;
        Ok(Profile {
            name: spec.name.clone(),
            site_name: spec.site_name.clone(),
            strict: spec.strict,
            hosts: spec.hosts.iter().map(|h| h.to_ascii_lowercase()).collect(),
            url_patterns,
            fingerprints,
            title: fields(&spec.title).map_err(ctx)?,
            date: fields(&spec.date).map_err(ctx)?,
            updated: fields(&spec.updated).map_err(ctx)?,
            lead: fields(&spec.lead).map_err(ctx)?,
            body: fields(&spec.body).map_err(ctx)?,
            author: fields(&spec.author).map_err(ctx)?,
            source: fields(&spec.source).map_err(ctx)?,
            category: fields(&spec.category).map_err(ctx)?,
            tags: fields(&spec.tags).map_err(ctx)?,
            remove: fields(&spec.remove).map_err(ctx)?,
        })
    }

    fn host_matches(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| match h.strip_prefix('.') {
            Some(suffix) => host.len() > suffix.len() && host.ends_with(h.as_str()),
            None => host == h,
        })
    }
}

/// How a profile was chosen for a page.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'p> {
    pub profile: &'p Profile,
    pub score: u32,
    /// The host or URL matched (not only fingerprints): the page belongs to this site.
    pub by_address: bool,
}

/// Site profiles: the built-in ones plus any loaded with `--profiles`.
#[derive(Debug, Clone)]
pub struct Profiles {
    list: Vec<Arc<Profile>>,
}

impl Default for Profiles {
    fn default() -> Self {
        Profiles::builtin()
    }
}

impl Profiles {
    /// The built-in profiles (compiled once per process).
    pub fn builtin() -> Profiles {
        static BUILTIN: OnceLock<Vec<Arc<Profile>>> = OnceLock::new();
        let list = BUILTIN.get_or_init(|| {
            // The embedded file is checked by the tests; a broken one is a build defect.
            parse_profiles(BUILTIN_PROFILES_TOML)
                .unwrap_or_else(|e| panic!("built-in profiles: {e}"))
        });
        Profiles { list: list.clone() }
    }

    /// No profiles at all: every page goes to the generic extractor.
    pub fn empty() -> Profiles {
        Profiles { list: Vec::new() }
    }

    /// Adds the profiles of a TOML text; a profile with the name of an existing one replaces
    /// it, new ones are tried before the built-in ones.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), String> {
        let added = parse_profiles(text)?;
        self.list
            .retain(|p| !added.iter().any(|a| a.name == p.name));
        let mut list = added;
        list.append(&mut self.list);
        self.list = list;
        Ok(())
    }

    /// The built-in profiles plus (before them) the profiles in a TOML file.
    pub fn load_toml(path: &Path) -> Result<Profiles, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut profiles = Profiles::builtin();
        profiles
            .merge_toml(&text)
            .map_err(|message| Error::Invalid {
                input: path.display().to_string(),
                message,
            })?;
        Ok(profiles)
    }

    /// The profiles a `--profiles` option asks for: the built-in ones without it, none at all
    /// for `none` (the generic extractor alone), else the built-in ones with the file's added.
    pub fn from_option(option: Option<&Path>) -> Result<Profiles, Error> {
        match option {
            None => Ok(Profiles::builtin()),
            Some(path) if path.as_os_str() == NO_PROFILES => Ok(Profiles::empty()),
            Some(path) => Profiles::load_toml(path),
        }
    }

    /// Names of all profiles, in the order they are tried.
    pub fn names(&self) -> Vec<&str> {
        self.list.iter().map(|p| p.name.as_str()).collect()
    }

    /// The profile with the highest score for this page, if any reaches the minimum. Profiles
    /// that match the page's host or URL are preferred outright (fingerprints only break ties
    /// between them); fingerprints of every profile are checked only when none does, which
    /// also keeps selection cheap.
    pub fn select<'p>(&'p self, doc: &Html, url: Option<&str>) -> Option<Selection<'p>> {
        let host = url.and_then(|u| url::Url::parse(u).ok()).and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
        });
        let address_score = |profile: &Profile| {
            let mut score = 0;
            if host.as_deref().is_some_and(|h| profile.host_matches(h)) {
                score += HOST_SCORE;
            }
            if url.is_some_and(|u| profile.url_patterns.iter().any(|re| re.is_match(u))) {
                score += URL_SCORE;
            }
            score
        };
        let scores: Vec<u32> = self.list.iter().map(|p| address_score(p)).collect();
        let by_address = scores.iter().any(|s| *s > 0);
        let mut best: Option<Selection<'p>> = None;
        for (profile, address) in self.list.iter().zip(scores) {
            // A site's profile (one with a `site_name`) needs the site's address: news sites
            // built on one vendor's CMS share their markup, so fingerprints cannot tell them apart.
            if (by_address || profile.site_name.is_some()) && address == 0 {
                continue;
            }
            let fingerprints = profile
                .fingerprints
                .iter()
                .filter(|f| doc.select(f).next().is_some())
                .count() as u32;
            let score = address + fingerprints * FINGERPRINT_SCORE;
            let enough = address > 0 || fingerprints >= MIN_FINGERPRINTS;
            if enough && best.as_ref().is_none_or(|b| b.score < score) {
                best = Some(Selection {
                    profile,
                    score,
                    by_address,
                });
            }
        }
        best
    }
}

fn parse_profiles(text: &str) -> Result<Vec<Arc<Profile>>, String> {
    let file: ProfileFile = toml::from_str(text).map_err(|e| e.to_string())?;
    file.profile
        .iter()
        .map(|spec| Profile::compile(spec).map(Arc::new))
        .collect()
}
