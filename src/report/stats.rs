//! The harvest at a glance: articles per site per month, what share of each site's articles has a
//! date, a lead, people and organisations (coverage), what the crawls did, and what failed.

use std::collections::{BTreeMap, HashMap};

use crate::model::Record;

/// Failures listed in the report; more are counted, not listed.
pub const MAX_LISTED_FAILURES: usize = 500;

/// Name shown for articles without a site.
pub const NO_SITE: &str = "(no site)";

/// Coverage of one site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteCoverage {
    pub articles: usize,
    pub dated: usize,
    pub with_lead: usize,
    pub with_people: usize,
    pub with_organizations: usize,
    pub words: usize,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// One failure: where (input line, URL), the HTTP status when there was one, and the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureRow {
    pub source: String,
    pub what: String,
    pub status: Option<u16>,
    pub cause: String,
}

/// What a crawl's state says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrawlSummary {
    pub source: String,
    pub done: u64,
    pub queued: u64,
    pub failed: u64,
    pub skipped: u64,
    pub emitted: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub sites: Vec<String>,
    site_index: HashMap<String, usize>,
    /// (site index, `YYYY-MM`) -> articles; undated articles are not in the chart.
    pub per_site_month: BTreeMap<(usize, String), usize>,
    pub coverage: Vec<SiteCoverage>,
    pub failures: Vec<FailureRow>,
    pub failures_total: usize,
    pub crawls: Vec<CrawlSummary>,
}

impl Stats {
    /// The index of a site, added when new.
    pub fn site(&mut self, site: Option<&str>) -> usize {
        let name = site.filter(|s| !s.is_empty()).unwrap_or(NO_SITE);
        if let Some(&at) = self.site_index.get(name) {
            return at;
        }
        self.sites.push(name.to_string());
        self.coverage.push(SiteCoverage::default());
        self.site_index
            .insert(name.to_string(), self.sites.len() - 1);
        self.sites.len() - 1
    }

    /// Counts one article (once per article key; the caller skips repeats).
    pub fn add(&mut self, site: usize, day: Option<&str>, record: &Record) {
        let article = &record.article;
        let coverage = &mut self.coverage[site];
        coverage.articles += 1;
        coverage.with_lead += usize::from(article.lead.as_deref().is_some_and(|l| !l.is_empty()));
        coverage.with_people += usize::from(!record.entities.people.is_empty());
        coverage.with_organizations += usize::from(!record.entities.organizations.is_empty());
        coverage.words += article.text.split_whitespace().count();
        if let Some(day) = day {
            coverage.dated += 1;
            if coverage.first.as_deref().is_none_or(|f| day < f) {
                coverage.first = Some(day.to_string());
            }
            if coverage.last.as_deref().is_none_or(|l| day > l) {
                coverage.last = Some(day.to_string());
            }
            if let Some(month) = day.get(..7) {
                *self
                    .per_site_month
                    .entry((site, month.to_string()))
                    .or_default() += 1;
            }
        }
    }

    pub fn add_failure(&mut self, failure: FailureRow) {
        self.failures_total += 1;
        if self.failures.len() < MAX_LISTED_FAILURES {
            self.failures.push(failure);
        }
    }

    /// Every month from the first to the last dated article, `YYYY-MM`.
    pub fn months(&self) -> Vec<String> {
        let mut months: Vec<&String> = self.per_site_month.keys().map(|(_, m)| m).collect();
        months.sort();
        let (Some(first), Some(last)) = (months.first(), months.last()) else {
            return Vec::new();
        };
        let parse = |m: &str| -> Option<(i32, u32)> {
            Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?))
        };
        let (Some((mut year, mut month)), Some(end)) = (parse(first), parse(last)) else {
            return Vec::new();
        };
        let mut all = Vec::new();
        while (year, month) <= end {
            all.push(format!("{year:04}-{month:02}"));
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
        }
        all
    }

    /// Articles per site over all months.
    pub fn articles_of_site(&self, site: usize) -> usize {
        self.coverage.get(site).map_or(0, |c| c.articles)
    }
}
