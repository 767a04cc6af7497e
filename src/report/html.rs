//! The report page: the harvest at a glance rendered here (counts, chart, coverage, crawls,
//! failures), the directory and the articles rendered by the page's script from the embedded
//! index and text blocks. Everything is inline (CSS, SVG, JavaScript, data): the file needs no
//! network and no other file.
//!
//! Order in the file: styles, the overview, the index, the script, then the text blocks. The
//! script runs as soon as the index is parsed, so search and the directory work while the text
//! blocks (most of a large report) are still being read.

use std::fmt::Write as _;
use std::io::{Read, Write};

use serde::Serialize;

use super::chart::articles_per_site_per_month;
use super::stats::{Stats, MAX_LISTED_FAILURES};
use crate::directory::Directory;

/// The page's styles and script, inlined into every report.
const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// HTML-escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON safe inside a `<script>` element: every `<` is written `\u003c`, so no `</script>` or
/// `<!--` in the data can end or change the element.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    if text.contains('<') {
        text.replace('<', "\\u003c")
    } else {
        text
    }
}

/// Everything the page shows besides the texts.
pub struct Page<'a> {
    pub title: &'a str,
    pub stats: &'a Stats,
    pub directory: &'a Directory,
    /// The index and details blocks, script-safe JSON (`report::index`).
    pub index: &'a str,
    pub details: &'a str,
}

/// Writes the page, copying the text blocks from `texts` after the script.
pub fn write_page(
    page: &Page<'_>,
    texts: &mut dyn Read,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let title = escape(page.title);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    )?;
    write!(
        out,
        "<header><a class=\"home\" href=\"#/\">{title}</a><nav><a href=\"#/\">Overview</a><a href=\"#/people\">People</a><a href=\"#/orgs\">Bodies</a><a href=\"#/articles\">Articles</a></nav><form id=\"search\" role=\"search\"><input id=\"q\" type=\"search\" placeholder=\"Search people and bodies\" aria-label=\"Search people and bodies\"><button>Search</button></form></header>\n<main>\n"
    )?;
    out.write_all(overview(page).as_bytes())?;
    out.write_all(b"<section id=\"view\" hidden></section>\n</main>\n")?;
    out.write_all(b"<script type=\"application/json\" id=\"tintuc-index\">")?;
    out.write_all(page.index.as_bytes())?;
    out.write_all(b"</script>\n<script type=\"application/json\" id=\"tintuc-details\">")?;
    out.write_all(page.details.as_bytes())?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(SCRIPT.as_bytes())?;
    out.write_all(b"</script>\n")?;
    std::io::copy(texts, out)?;
    out.write_all(b"</body>\n</html>\n")?;
    out.flush()
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_string()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// The harvest at a glance, rendered in the page (it shows without the script too).
fn overview(page: &Page<'_>) -> String {
    let stats = page.stats;
    let summary = &page.directory.summary;
    let mut html = String::from("<section id=\"overview\">\n");
    let first = stats
        .coverage
        .iter()
        .filter_map(|c| c.first.as_deref())
        .min();
    let last = stats
        .coverage
        .iter()
        .filter_map(|c| c.last.as_deref())
        .max();
    let _ = write!(
        html,
        "<h1>The harvest at a glance</h1>\n<ul class=\"counts\"><li><b>{}</b> articles</li><li><b>{}</b> sites</li><li><b>{}</b> people</li><li><b>{}</b> positions</li><li><b>{}</b> bodies</li><li><b>{}</b> people flagged for review</li><li><b>{}</b> failures</li><li>from <b>{}</b> to <b>{}</b></li></ul>\n",
        summary.articles,
        stats.sites.len(),
        summary.people,
        summary.positions,
        summary.organizations,
        summary.flagged_people,
        stats.failures_total,
        first.unwrap_or("–"),
        last.unwrap_or("–"),
    );
    html.push_str("<h2>Articles per site per month</h2>\n");
    html.push_str(&articles_per_site_per_month(stats));

    html.push_str("\n<h2>Coverage</h2>\n<table class=\"coverage\"><thead><tr><th>site</th><th>articles</th><th>dated</th><th>with lead</th><th>with people</th><th>with bodies</th><th>words per article</th><th>first</th><th>last</th></tr></thead><tbody>\n");
    let mut order: Vec<usize> = (0..stats.sites.len()).collect();
    order.sort_by_key(|&s| (std::cmp::Reverse(stats.articles_of_site(s)), s));
    for site in order {
        let c = &stats.coverage[site];
        let _ = writeln!(
            html,
            "<tr><td><a href=\"#/articles?site={site}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&stats.sites[site]),
            c.articles,
            percent(c.dated, c.articles),
            percent(c.with_lead, c.articles),
            percent(c.with_people, c.articles),
            percent(c.with_organizations, c.articles),
            c.words.checked_div(c.articles).unwrap_or(0),
            c.first.as_deref().unwrap_or("–"),
            c.last.as_deref().unwrap_or("–"),
        );
    }
    html.push_str("</tbody></table>\n");

    if !stats.crawls.is_empty() {
        html.push_str("<h2>Crawls</h2>\n<table class=\"crawls\"><thead><tr><th>harvest</th><th>pages done</th><th>articles written</th><th>failed</th><th>skipped</th><th>still queued</th></tr></thead><tbody>\n");
        for crawl in &stats.crawls {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&crawl.source),
                crawl.done,
                crawl.emitted,
                crawl.failed,
                crawl.skipped,
                crawl.queued
            );
        }
        html.push_str("</tbody></table>\n");
    }

    html.push_str("<h2>Failures</h2>\n");
    if stats.failures_total == 0 {
        html.push_str("<p class=\"note\">No failures: every input line was a record and no crawl recorded a final failure.</p>\n");
    } else {
        let _ = writeln!(
            html,
            "<p class=\"note\">{} failure(s){}.</p>",
            stats.failures_total,
            if stats.failures_total > MAX_LISTED_FAILURES {
                format!("; the first {MAX_LISTED_FAILURES} are listed")
            } else {
                String::new()
            }
        );
        html.push_str("<table class=\"failures\"><thead><tr><th>source</th><th>where</th><th>status</th><th>cause</th></tr></thead><tbody>\n");
        for f in &stats.failures {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td class=\"wrap\">{}</td><td>{}</td><td class=\"wrap\">{}</td></tr>",
                escape(&f.source),
                escape(&f.what),
                f.status.map_or_else(|| "–".to_string(), |s| s.to_string()),
                escape(&f.cause)
            );
        }
        html.push_str("</tbody></table>\n");
    }
    html.push_str("</section>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let text = script_json(&serde_json::json!([
            "</script><script>alert(1)</script>",
            "<!--"
        ]));
        assert!(!text.contains('<'));
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }
}
