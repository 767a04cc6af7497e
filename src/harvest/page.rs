//! What one fetched body yields: links (from HTML, sitemaps, feeds), its content hash, its
//! canonical URL, and the record to write when it is an article page.
//!
//! A page is an article when [`process_page`] finds one (and the URL is not a listing), or when
//! the URL shape, the feed/news-sitemap it came from or its metadata say so and the extractor
//! does not: then a minimal record (URL, title) is kept so the page is listed and can be
//! re-extracted from the WARC later. Pure: no network, clock or disk.
//!
//! What a page *is* can differ from what its URL promised: a category list or an RSS feed behind
//! an ordinary-looking URL (Liferay and NukeViet category pages, NukeViet's `/rss/` feeds). The
//! analysis says so ([`Analysis::learned_kind`]), and the harvest re-checks such pages as hubs.

use sha1::{Digest, Sha1};
use url::Url;

use crate::extract::Profiles;
use crate::fetch::client::{read_limited, Response};
use crate::fetch::discovery::{self, Discovery, Kind, Link, XmlFindings};
use crate::model::Record;
use crate::pipeline::{extract_page, process_page, PageContext};

/// A page linking to this many article-shaped URLs is a hub, whatever its metadata says.
pub const HUB_ARTICLE_LINKS: usize = 20;
/// A page without an article that links to at least this many articles is a listing, to be
/// re-checked like one.
pub const LISTING_ARTICLE_LINKS: usize = 3;

/// What the crawl knows besides the body.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    pub discovery: &'a Discovery,
    pub profiles: &'a Profiles,
    pub max_bytes: u64,
    /// What the URL was queued as.
    pub kind: Kind,
    /// Recognise entities (else `entities` stays empty).
    pub entities: bool,
}

/// What a 2xx body yielded.
pub struct Analysis {
    pub links: Vec<Link>,
    pub record: Option<Record>,
    pub content_hash: String,
    pub canonical: Option<String>,
    pub note: Option<String>,
    /// What the content showed the page to be, when that is a hub its URL did not announce.
    pub learned_kind: Option<Kind>,
}

fn is_xml_like(resp: &Response, body: &[u8]) -> bool {
    let ct = resp.content_type().unwrap_or("").to_ascii_lowercase();
    if ct.contains("xml") || ct.contains("rss") || ct.contains("atom") {
        return true;
    }
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(16)
        .copied()
        .collect();
    let s = String::from_utf8_lossy(&start).to_ascii_lowercase();
    s.starts_with("<?xml")
        || s.starts_with("<rss")
        || s.starts_with("<urlset")
        || s.starts_with("<feed")
        || s.starts_with("<sitemapindex")
}

/// Reads one 2xx body.
pub fn analyse(input: &PageInput<'_>, url: &Url, resp: &Response) -> Analysis {
    let mut body: &[u8] = &resp.body;
    let gunzipped;
    // A `.xml.gz` sitemap arrives gzip-compressed without a Content-Encoding.
    if body.starts_with(&[0x1f, 0x8b]) {
        if let Ok(b) = read_limited(flate2::read::MultiGzDecoder::new(body), input.max_bytes) {
            gunzipped = b;
            body = &gunzipped;
        }
    }
    let content_hash = format!("{:x}", Sha1::digest(body));
    let mut analysis = Analysis {
        links: Vec::new(),
        record: None,
        content_hash,
        canonical: None,
        note: None,
        learned_kind: None,
    };
    if is_xml_like(resp, body)
        || matches!(input.kind, Kind::Sitemap | Kind::Feed) && !looks_html(resp, body)
    {
        let text = String::from_utf8_lossy(body);
        match discovery::scan_xml(&text) {
            Some(XmlFindings::SitemapIndex(urls)) => {
                analysis.learned_kind = Some(Kind::Sitemap);
                analysis.links = admit_all(
                    input.discovery,
                    url,
                    urls.iter().map(|u| (u.as_str(), Some(Kind::Sitemap))),
                );
            }
            Some(XmlFindings::UrlSet(urls)) => {
                analysis.learned_kind = Some(Kind::Sitemap);
                analysis.links = admit_all(
                    input.discovery,
                    url,
                    urls.iter()
                        .map(|(u, news)| (u.as_str(), news.then_some(Kind::Article))),
                );
            }
            Some(XmlFindings::Feed(urls)) => {
                analysis.learned_kind = Some(Kind::Feed);
                analysis.links = admit_all(
                    input.discovery,
                    url,
                    urls.iter().map(|u| (u.as_str(), Some(Kind::Article))),
                );
            }
            // XHTML, or a page mislabelled as XML: read it as HTML below.
            None if looks_html(resp, body) => {}
            None => {
                analysis.note = Some("XML without sitemap or feed".into());
                return analysis;
            }
        }
        if !analysis.links.is_empty() || !looks_html(resp, body) {
            return analysis;
        }
    }
    if !looks_html(resp, body) {
        analysis.note = Some(format!(
            "not HTML ({})",
            resp.content_type().unwrap_or("no content type")
        ));
        return analysis;
    }
    let html = discovery::html_text(body, resp.content_type());
    let findings = input.discovery.scan_html(&html, url);
    analysis.links = findings.links;
    let shape = input.discovery.rules.kind_of(url);
    // Broken CMSs point every page's canonical at the home page or its category: a canonical
    // is only believed when it could be the same page (not the root, not a listing shape).
    analysis.canonical = findings.canonical.filter(|c| {
        let Ok(c_url) = Url::parse(c) else {
            return false;
        };
        c != url.as_str()
            && c_url.path() != "/"
            && (input.discovery.rules.kind_of(&c_url) == Kind::Article
                || input.discovery.rules.kind_of(&c_url) == shape && shape != Kind::Listing)
    });
    // Content alone (og:type=article ...) is weaker evidence: some CMSs stamp it on every
    // page, so a page full of article links is taken for a hub.
    let content_says_article =
        findings.article_signals && findings.article_links < HUB_ARTICLE_LINKS;
    // A seed is a listing unless its own URL has an article's shape. A page queued as a listing
    // because a "next" link pointed at it may still be an article ("Bài tiếp" navigation).
    let listing = shape == Kind::Listing
        || input.kind == Kind::Seed && shape != Kind::Article
        || input.kind == Kind::Listing && shape != Kind::Article && !content_says_article;
    let article_hint =
        shape == Kind::Article || input.kind == Kind::Article || content_says_article;
    let page_ctx = PageContext {
        url: Some(url.as_str()),
        content_type: resp.content_type(),
        profiles: input.profiles,
        max_bytes: input.max_bytes,
    };
    let extracted = if input.entities {
        process_page(body, &page_ctx)
    } else {
        extract_page(body, &page_ctx)
    };
    analysis.record = match extracted {
        Ok(mut record) if !listing => {
            // A crawl's input is the address it fetched.
            record.provenance.input = Some(url.to_string());
            Some(record)
        }
        Ok(_) => None,
        Err(err) => {
            // Where the URL shape or the page's metadata promised an article, say why there is
            // none: the page stays in the WARC and the cause in the state, to re-extract later.
            if article_hint && !listing {
                analysis.note = Some(format!("no record: {err}"));
            }
            None
        }
    };
    let has_next = analysis
        .links
        .iter()
        .any(|l| l.same_depth && l.kind == Kind::Listing);
    if analysis.record.is_none()
        && !input.kind.is_hub()
        && (listing || has_next || findings.article_links >= LISTING_ARTICLE_LINKS)
    {
        analysis.learned_kind = Some(Kind::Listing);
    }
    analysis
}

fn looks_html(resp: &Response, body: &[u8]) -> bool {
    let ct = resp.content_type().unwrap_or("").to_ascii_lowercase();
    if ct.contains("html") {
        return true;
    }
    if !ct.is_empty() && !ct.starts_with("text/plain") && !ct.contains("octet-stream") {
        return false;
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

/// Admits the URLs a sitemap or feed lists, each with the kind it was listed as.
fn admit_all<'a>(
    discovery: &Discovery,
    base: &Url,
    urls: impl Iterator<Item = (&'a str, Option<Kind>)>,
) -> Vec<Link> {
    urls.filter_map(|(u, forced)| {
        let url = discovery.admit(u, Some(base)).ok()?;
        // A sitemap index only lists sitemaps; elsewhere the URL's own shape wins over the
        // hint of where it was listed (a feed item can still be a listing).
        let kind = match (forced, discovery.rules.kind_of(&url)) {
            (Some(Kind::Sitemap), _) => Kind::Sitemap,
            (hint, Kind::Page) => hint.unwrap_or(Kind::Page),
            (_, shape) => shape,
        };
        Some(Link {
            url: url.to_string(),
            kind,
            same_depth: kind == Kind::Sitemap,
        })
    })
    .collect()
}
