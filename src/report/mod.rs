//! The report: one self-contained HTML file to look at a harvest in a browser.
//!
//! ```text
//! Record --ReportBuilder::add_record--> directory digest + site/month counts + text block
//!        --finish--> Directory + index (report::index)  --html::write_page--> report.html
//! ```
//!
//! - the harvest at a glance ([`stats`], [`chart`]): articles per site per month, coverage per
//!   site, crawl counts and failures, rendered into the page;
//! - the directory (`crate::directory`) as a compact column index ([`index`]) the page's script
//!   searches and pages through: people with a timeline of their posts and their articles, bodies
//!   with the people in each post;
//! - the articles' texts ([`texts`]) with every entity highlighted by type and linked to its
//!   directory entry, in blocks parsed only when opened.
//!
//! Records stream through once: text blocks go to a writer (a temporary file for large
//! harvests) as they come and are copied into the page at the end, after the index and script.

pub mod chart;
pub mod html;
pub mod index;
pub mod stats;
pub mod texts;

use std::collections::HashSet;
use std::io::{Read, Write};

use crate::directory::DirectoryBuilder;
use crate::model::Record;
pub use stats::{CrawlSummary, FailureRow, Stats};
pub use texts::TextOptions;

use index::ArticleSlot;
use texts::TextWriter;

/// Title of a report when none is given.
pub const DEFAULT_TITLE: &str = "tintuc report";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    pub title: String,
    pub texts: TextOptions,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: DEFAULT_TITLE.to_string(),
            texts: TextOptions::default(),
        }
    }
}

/// Collects records, failures and crawl counts for one report.
pub struct ReportBuilder<W: Write> {
    options: ReportOptions,
    directory: DirectoryBuilder,
    stats: Stats,
    slots: Vec<ArticleSlot>,
    counted: HashSet<String>,
    texts: TextWriter<W>,
}

impl<W: Write> ReportBuilder<W> {
    /// A builder writing its text blocks to `texts`.
    pub fn new(options: ReportOptions, texts: W) -> Self {
        let text_options = options.texts;
        ReportBuilder {
            options,
            directory: DirectoryBuilder::new(),
            stats: Stats::default(),
            slots: Vec::new(),
            counted: HashSet::new(),
            texts: TextWriter::new(texts, text_options),
        }
    }

    /// Adds one record: its digest, its counts (once per article key) and its texts.
    pub fn add_record(&mut self, record: &Record) -> std::io::Result<()> {
        let at = self.directory.add_record(record);
        let digest = &self.directory.digests()[at];
        let site = self.stats.site(record.article.site.as_deref());
        if self.counted.insert(digest.key.clone()) {
            let day = digest.published.clone();
            self.stats.add(site, day.as_deref(), record);
        }
        let chunk = self.texts.add(at, record)?;
        if at == self.slots.len() {
            self.slots.push(ArticleSlot::default());
        }
        self.slots[at] = ArticleSlot {
            site,
            chunk: Some(chunk),
        };
        Ok(())
    }

    pub fn add_failure(&mut self, failure: FailureRow) {
        self.stats.add_failure(failure);
    }

    pub fn add_crawl(&mut self, crawl: CrawlSummary) {
        self.stats.crawls.push(crawl);
    }

    /// Number of articles so far.
    pub fn articles(&self) -> usize {
        self.slots.len()
    }

    /// Links the directory and writes the page to `out`, reading the text blocks back from what
    /// `reopen` makes of the text writer (the writer itself when it was a buffer, the temporary
    /// file opened again otherwise).
    pub fn finish<R: Read>(
        mut self,
        out: &mut dyn Write,
        reopen: impl FnOnce(W) -> std::io::Result<R>,
    ) -> std::io::Result<crate::directory::entry::Summary> {
        let directory = self.directory.directory();
        let index = index::index(
            &self.options.title,
            &self.stats.sites,
            self.directory.digests(),
            &self.slots,
            &directory,
        );
        let details = index::details(&directory);
        let texts = self.texts.finish()?;
        let mut texts = reopen(texts)?;
        let page = html::Page {
            title: &self.options.title,
            stats: &self.stats,
            directory: &directory,
            index: &index,
            details: &details,
        };
        html::write_page(&page, &mut texts, out)?;
        Ok(directory.summary)
    }
}
