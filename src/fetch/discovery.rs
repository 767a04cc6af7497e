//! Finding pages: canonical URLs, scope, and the links of HTML pages, feeds and sitemaps.
//!
//! Every URL the crawler meets goes through [`Discovery::admit`]: it is made absolute and
//! canonical (fragment, tracker and session parameters dropped), checked against the seed hosts
//! and the print-view and file-type rules, and classified by shape ([`Kind`]) from the rules in
//! `data/crawl_rules.toml`. [`Discovery::scan_html`] and [`scan_xml`] turn a fetched body into
//! links; pagination links keep their listing's depth so `--max-depth` never cuts a listing short.

use std::collections::HashSet;

use regex::Regex;
use scraper::{Html, Selector};
use serde::Deserialize;
use url::Url;

const RULES_TOML: &str = include_str!("../../data/crawl_rules.toml");

/// What a URL is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Seed,
    Article,
    Listing,
    Feed,
    Sitemap,
    /// Anything else on the site.
    Page,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Seed => "seed",
            Kind::Article => "article",
            Kind::Listing => "listing",
            Kind::Feed => "feed",
            Kind::Sitemap => "sitemap",
            Kind::Page => "page",
        }
    }

    pub fn parse(s: &str) -> Kind {
        match s {
            "seed" => Kind::Seed,
            "article" => Kind::Article,
            "listing" => Kind::Listing,
            "feed" => Kind::Feed,
            "sitemap" => Kind::Sitemap,
            _ => Kind::Page,
        }
    }

    /// Pages that are looked at again on every run (their links change).
    pub fn is_hub(self) -> bool {
        matches!(
            self,
            Kind::Seed | Kind::Listing | Kind::Feed | Kind::Sitemap
        )
    }
}

#[derive(Debug, Deserialize)]
struct RuleFile {
    article: Vec<RawRule>,
    listing: Vec<RawRule>,
    pagination: Vec<RawRule>,
    print: Vec<RawRule>,
    skip_extensions: Vec<String>,
    drop_params: Vec<String>,
    next_texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawRule {
    family: String,
    pattern: String,
}

/// A compiled URL rule and the family it came from.
#[derive(Debug, Clone)]
pub struct UrlRule {
    pub family: String,
    pub regex: Regex,
}

/// The compiled rules.
#[derive(Debug, Clone)]
pub struct Rules {
    pub article: Vec<UrlRule>,
    pub listing: Vec<UrlRule>,
    pub pagination: Vec<UrlRule>,
    pub print: Vec<UrlRule>,
    skip_extensions: HashSet<String>,
    drop_params: Vec<String>,
    next_texts: HashSet<String>,
}

impl Rules {
    /// The built-in rules (`data/crawl_rules.toml`).
    pub fn builtin() -> Result<Rules, String> {
        Rules::from_toml(RULES_TOML)
    }

    pub fn from_toml(text: &str) -> Result<Rules, String> {
        let raw: RuleFile = toml::from_str(text).map_err(|e| format!("crawl rules: {e}"))?;
        let compile = |list: Vec<RawRule>| -> Result<Vec<UrlRule>, String> {
            list.into_iter()
                .map(|r| {
                    Regex::new(&r.pattern)
                        .map(|regex| UrlRule {
                            family: r.family.clone(),
                            regex,
                        })
                        .map_err(|e| format!("crawl rule {} {:?}: {e}", r.family, r.pattern))
                })
                .collect()
        };
        Ok(Rules {
            article: compile(raw.article)?,
            listing: compile(raw.listing)?,
            pagination: compile(raw.pagination)?,
            print: compile(raw.print)?,
            skip_extensions: raw
                .skip_extensions
                .into_iter()
                .map(|e| e.to_ascii_lowercase())
                .collect(),
            drop_params: raw
                .drop_params
                .into_iter()
                .map(|p| p.to_ascii_lowercase())
                .collect(),
            next_texts: raw
                .next_texts
                .into_iter()
                .map(|t| t.to_lowercase())
                .collect(),
        })
    }

    fn first<'a>(list: &'a [UrlRule], target: &str) -> Option<&'a UrlRule> {
        list.iter().find(|r| r.regex.is_match(target))
    }

    /// The family of the first article rule matching, if any.
    pub fn article_family(&self, url: &Url) -> Option<&str> {
        Rules::first(&self.article, &path_and_query(url)).map(|r| r.family.as_str())
    }

    pub fn is_pagination(&self, url: &Url) -> bool {
        Rules::first(&self.pagination, &path_and_query(url)).is_some()
    }

    pub fn is_print(&self, url: &Url) -> bool {
        Rules::first(&self.print, &path_and_query(url)).is_some()
    }

    /// Classification by shape alone.
    pub fn kind_of(&self, url: &Url) -> Kind {
        let target = path_and_query(url);
        if Rules::first(&self.pagination, &target).is_some()
            || Rules::first(&self.listing, &target).is_some()
        {
            return Kind::Listing;
        }
        if Rules::first(&self.article, &target).is_some() {
            return Kind::Article;
        }
        let lower = url.path().to_ascii_lowercase();
        if lower.ends_with(".rss")
            || lower.ends_with("/rss")
            || lower.ends_with("/rss/")
            || lower.ends_with("/feed")
            || lower.ends_with("/feed/")
            || lower.ends_with(".atom")
        {
            return Kind::Feed;
        }
        if lower.contains("sitemap") && (lower.ends_with(".xml") || lower.ends_with(".xml.gz")) {
            return Kind::Sitemap;
        }
        Kind::Page
    }

    fn is_next_text(&self, text: &str) -> bool {
        let t = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        !t.is_empty() && self.next_texts.contains(&t)
    }
}

/// `/path?query` of a URL.
pub fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// The scope key of a URL: host, plus the port when it is not the scheme's default; a leading
/// `www.` is ignored so that `www.x.gov.vn` and `x.gov.vn` are one site.
pub fn host_key(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    Some(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    })
}

/// Why a URL was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    Unparsable,
    NotHttp,
    OffSite,
    PrintView,
    File,
}

/// Canonicalisation, scope and classification for one crawl.
#[derive(Debug, Clone)]
pub struct Discovery {
    pub rules: Rules,
    hosts: HashSet<String>,
}

/// A link found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub kind: Kind,
    /// Pagination of the page it was found on: keeps that page's depth.
    pub same_depth: bool,
}

/// What an HTML page told us.
#[derive(Debug, Clone, Default)]
pub struct HtmlFindings {
    pub links: Vec<Link>,
    /// `<link rel=canonical>`, canonicalised, when in scope.
    pub canonical: Option<String>,
    /// Content says "article": `og:type=article`, `article:published_time`, `datePublished`.
    pub article_signals: bool,
    pub title: Option<String>,
    /// Links judged article-shaped among the page's links.
    pub article_links: usize,
    pub rejected_print: usize,
}

impl Discovery {
    pub fn new(rules: Rules, seeds: &[Url]) -> Discovery {
        let hosts = seeds.iter().filter_map(host_key).collect();
        Discovery { rules, hosts }
    }

    pub fn in_scope(&self, url: &Url) -> bool {
        host_key(url).is_some_and(|h| self.hosts.contains(&h))
    }

    /// Makes `href` absolute against `base`, canonical, and checks it.
    pub fn admit(&self, href: &str, base: Option<&Url>) -> Result<Url, Rejection> {
        let href = href.trim();
        let url = match base {
            Some(b) => b.join(href),
            None => Url::parse(href),
        }
        .map_err(|_| Rejection::Unparsable)?;
        let url = self.canonicalise(url).ok_or(Rejection::NotHttp)?;
        if !self.in_scope(&url) {
            return Err(Rejection::OffSite);
        }
        if self.rules.is_print(&url) {
            return Err(Rejection::PrintView);
        }
        let last = url.path().rsplit('/').next().unwrap_or("");
        if let Some((_, ext)) = last.rsplit_once('.') {
            if self
                .rules
                .skip_extensions
                .contains(&ext.to_ascii_lowercase())
            {
                return Err(Rejection::File);
            }
        }
        Ok(url)
    }

    /// Fragment, tracker and session parameters, `;jsessionid=` path parameters and an empty
    /// query are dropped; scheme and host are lower case (the `url` crate does that and drops
    /// default ports).
    pub fn canonicalise(&self, mut url: Url) -> Option<Url> {
        if url.scheme() != "http" && url.scheme() != "https" {
            return None;
        }
        url.host_str()?;
        url.set_fragment(None);
        let path = url.path().to_string();
        if let Some(pos) = path.to_ascii_lowercase().find(";jsessionid=") {
            let rest = &path[pos + 1..];
            let end = rest.find('/').map(|i| pos + 1 + i).unwrap_or(path.len());
            let cleaned = format!("{}{}", &path[..pos], &path[end..]);
            url.set_path(&cleaned);
        }
        if url.query().is_some() {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| !self.is_dropped_param(k))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if kept.is_empty() {
                url.set_query(None);
            } else if kept.len() != url.query_pairs().count() {
                url.query_pairs_mut().clear().extend_pairs(kept.iter());
            }
        }
        Some(url)
    }

    fn is_dropped_param(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        self.rules
            .drop_params
            .iter()
            .any(|p| match p.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == *p,
            })
    }

    /// Links, canonical URL and article signals of an HTML page.
    pub fn scan_html(&self, html: &str, base: &Url) -> HtmlFindings {
        let doc = Html::parse_document(html);
        let mut findings = HtmlFindings::default();
        let base = doc
            .select(&sel("base[href]"))
            .next()
            .and_then(|b| b.value().attr("href"))
            .and_then(|h| base.join(h).ok())
            .unwrap_or_else(|| base.clone());
        let mut seen = HashSet::new();
        let mut push = |findings: &mut HtmlFindings,
                        href: &str,
                        forced: Option<Kind>,
                        next: bool| match self.admit(href, Some(&base)) {
            Ok(url) => {
                let shape = self.rules.kind_of(&url);
                let kind = match (forced, shape) {
                    (_, Kind::Article) if forced != Some(Kind::Feed) => Kind::Article,
                    (Some(k), _) => k,
                    (None, s) => s,
                };
                let same_depth = next || (kind == Kind::Listing && self.rules.is_pagination(&url));
                if kind == Kind::Article {
                    findings.article_links += 1;
                }
                let s = url.to_string();
                if seen.insert(s.clone()) {
                    findings.links.push(Link {
                        url: s,
                        kind,
                        same_depth,
                    });
                }
            }
            Err(Rejection::PrintView) => findings.rejected_print += 1,
            Err(_) => {}
        };
        for a in doc.select(&sel("a[href], area[href]")) {
            let Some(href) = a.value().attr("href") else {
                continue;
            };
            let rel_next = a
                .value()
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("next")));
            let text: String = a.text().collect();
            let next = rel_next || self.rules.is_next_text(&text);
            push(&mut findings, href, next.then_some(Kind::Listing), next);
        }
        for link in doc.select(&sel("link[href]")) {
            let rel = link.value().attr("rel").unwrap_or("").to_ascii_lowercase();
            let Some(href) = link.value().attr("href") else {
                continue;
            };
            let ty = link.value().attr("type").unwrap_or("").to_ascii_lowercase();
            if rel.split_whitespace().any(|t| t == "next") {
                push(&mut findings, href, Some(Kind::Listing), true);
            } else if rel.split_whitespace().any(|t| t == "alternate")
                && (ty.contains("rss") || ty.contains("atom"))
            {
                push(&mut findings, href, Some(Kind::Feed), false);
            } else if rel.split_whitespace().any(|t| t == "canonical") {
                if let Ok(url) = self.admit(href, Some(&base)) {
                    findings.canonical = Some(url.to_string());
                }
            }
        }
        for meta in doc.select(&sel(
            "meta[property], meta[name], meta[itemprop], [itemprop=datePublished]",
        )) {
            let v = meta.value();
            let key = v
                .attr("property")
                .or(v.attr("name"))
                .or(v.attr("itemprop"))
                .unwrap_or("")
                .to_ascii_lowercase();
            let content = v.attr("content").unwrap_or("").to_ascii_lowercase();
            if (key == "og:type" && content == "article")
                || key == "article:published_time"
                || key == "datepublished"
                || key == "pubdate"
            {
                findings.article_signals = true;
            }
        }
        findings.title = doc
            .select(&sel("meta[property='og:title']"))
            .next()
            .and_then(|m| m.value().attr("content"))
            .map(str::to_string)
            .or_else(|| {
                doc.select(&sel("title"))
                    .next()
                    .map(|t| t.text().collect::<String>())
            })
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        findings
    }
}

fn sel(s: &str) -> Selector {
    // The selectors are literals of this file; a typo shows up in the unit tests.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("*").expect("universal selector parses"))
}

/// What a feed or sitemap lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlFindings {
    /// `<sitemapindex>`: more sitemaps.
    SitemapIndex(Vec<String>),
    /// `<urlset>`: pages; `true` when the entry is a news-sitemap entry (an article).
    UrlSet(Vec<(String, bool)>),
    /// RSS or Atom: item links (articles).
    Feed(Vec<String>),
}

/// Recognises a sitemap, sitemap index, RSS or Atom document and lists its URLs.
pub fn scan_xml(text: &str) -> Option<XmlFindings> {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let re = |p: &str| Regex::new(p).ok();
    if head.contains("<sitemapindex") {
        let loc = re(r"(?is)<loc>\s*(.*?)\s*</loc>")?;
        return Some(XmlFindings::SitemapIndex(
            loc.captures_iter(text).map(|c| xml_text(&c[1])).collect(),
        ));
    }
    if head.contains("<urlset") {
        let url_re = re(r"(?is)<url>(.*?)</url>")?;
        let loc = re(r"(?is)<loc>\s*(.*?)\s*</loc>")?;
        let mut out = Vec::new();
        for block in url_re.captures_iter(text) {
            let inner = &block[1];
            if let Some(l) = loc.captures(inner) {
                out.push((
                    xml_text(&l[1]),
                    inner.contains("<news:news") || inner.contains("<news:publication"),
                ));
            }
        }
        return Some(XmlFindings::UrlSet(out));
    }
    if head.contains("<rss") || head.contains("<rdf:rdf") || head.contains("<channel") {
        let item = re(r"(?is)<item[\s>](.*?)</item>")?;
        let link = re(r"(?is)<link>\s*(.*?)\s*</link>")?;
        let guid = re(r#"(?is)<guid[^>]*ispermalink\s*=\s*["']true["'][^>]*>\s*(.*?)\s*</guid>"#)?;
        let mut out = Vec::new();
        for block in item.captures_iter(text) {
            let inner = &block[1];
            if let Some(l) = link.captures(inner).or_else(|| guid.captures(inner)) {
                out.push(xml_text(&l[1]));
            }
        }
        return Some(XmlFindings::Feed(out));
    }
    if head.contains("<feed") {
        let entry = re(r"(?is)<entry[\s>](.*?)</entry>")?;
        let link = re(r#"(?is)<link\b([^>]*)>"#)?;
        let href = re(r#"(?is)href\s*=\s*["']([^"']*)["']"#)?;
        let rel = re(r#"(?is)rel\s*=\s*["']([^"']*)["']"#)?;
        let mut out = Vec::new();
        for block in entry.captures_iter(text) {
            for l in link.captures_iter(&block[1]) {
                let attrs = &l[1];
                let r = rel
                    .captures(attrs)
                    .map(|c| c[1].to_ascii_lowercase())
                    .unwrap_or_else(|| "alternate".into());
                if r == "alternate" {
                    if let Some(h) = href.captures(attrs) {
                        out.push(xml_text(&h[1]));
                        break;
                    }
                }
            }
        }
        return Some(XmlFindings::Feed(out));
    }
    None
}

/// Text content of an XML element: CDATA unwrapped, the predefined and numeric entities decoded.
fn xml_text(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
        .unwrap_or(s)
        .trim();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let Some(end) = tail.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of an HTML page for link discovery: charset from the header, else a `<meta>`
/// declaration near the top, else UTF-8 (lossy). Extraction has its own, fuller decoder.
pub fn html_text(bytes: &[u8], content_type: Option<&str>) -> String {
    let from_header = content_type.and_then(charset_of);
    let from_meta = || {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        let re = Regex::new(r#"<meta[^>]+charset\s*=\s*["']?([a-z0-9_\-]+)"#).ok()?;
        re.captures(&head).map(|c| c[1].to_string())
    };
    let label = from_header.or_else(from_meta);
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disc() -> Discovery {
        let seeds = [
            Url::parse("https://sotttt.hanoi.gov.vn/").unwrap(),
            Url::parse("http://127.0.0.1:8080/").unwrap(),
        ];
        Discovery::new(Rules::builtin().unwrap(), &seeds)
    }

    #[test]
    fn canonical_forms() {
        let d = disc();
        let cases = [
            ("https://sotttt.hanoi.gov.vn/a#top", Ok("https://sotttt.hanoi.gov.vn/a")),
            ("https://SOTTTT.hanoi.gov.vn:443/a?utm_source=x&id=3&fbclid=1", Ok("https://sotttt.hanoi.gov.vn/a?id=3")),
            ("https://www.sotttt.hanoi.gov.vn/a?PHPSESSID=1", Ok("https://www.sotttt.hanoi.gov.vn/a")),
            ("http://127.0.0.1:8080/x;jsessionid=ABC?p=1", Ok("http://127.0.0.1:8080/x?p=1")),
            ("http://127.0.0.1:8081/x", Err(Rejection::OffSite)),
            ("https://example.com/x", Err(Rejection::OffSite)),
            ("mailto:a@b.vn", Err(Rejection::NotHttp)),
            ("https://sotttt.hanoi.gov.vn/files/a.PDF", Err(Rejection::File)),
            (
                "https://sotttt.hanoi.gov.vn/vi/tin/-/view_content/pop_up/12-x.html?_101_viewMode=print",
                Err(Rejection::PrintView),
            ),
            ("https://sotttt.hanoi.gov.vn/vi/news/print/a-1.html", Err(Rejection::PrintView)),
        ];
        for (input, want) in cases {
            let got = d.admit(input, None).map(|u| u.to_string());
            assert_eq!(got, want.map(str::to_string), "{input}");
        }
    }

    #[test]
    fn shapes() {
        let r = Rules::builtin().unwrap();
        let cases = [
            (
                "https://a.vn/vi/tin-tuc-su-kien/-/view_content/123-abc-def.html",
                Kind::Article,
            ),
            (
                "https://a.vn/vi/tin-tuc-su-kien?p_p_id=101&_101_cur=3",
                Kind::Listing,
            ),
            ("https://a.vn/vi/news/thong-tin/page-4", Kind::Listing),
            (
                "https://a.vn/vi/news/tin-tuc-421/mot-bai-viet-37146.html",
                Kind::Article,
            ),
            (
                "https://a.vn/webcenter/portal/x/pages_tin-tuc/detail?dDocName=PORTAL570372",
                Kind::Article,
            ),
            (
                "https://a.vn/le-khai-mac-115241201164520419.htm",
                Kind::Article,
            ),
            ("https://a.vn/thoi-su-472ct0.htm", Kind::Listing),
            ("https://a.vn/rss/home.rss", Kind::Feed),
            ("https://a.vn/vi/news/rss/", Kind::Feed),
            ("https://a.vn/sitemap-news.xml", Kind::Sitemap),
            ("https://a.vn/gioi-thieu", Kind::Page),
            ("https://a.vn/", Kind::Page),
        ];
        for (u, want) in cases {
            assert_eq!(r.kind_of(&Url::parse(u).unwrap()), want, "{u}");
        }
    }

    #[test]
    fn html_links_next_and_canonical() {
        let d = disc();
        let html = r#"<html><head><title> Tin  tức </title><link rel="canonical" href="/tin?utm_medium=x">
            <meta property="og:type" content="article"><link rel="alternate" type="application/rss+xml" href="/rss"></head>
            <body><a href="/vi/news/a/bai-viet-so-mot-12.html#c">1</a><a href="https://evil.example/x">off</a>
            <a href="?page=2">Trang sau</a><a href="/gioi-thieu">gt</a><a href="javascript:void(0)">js</a></body></html>"#;
        let base = Url::parse("http://127.0.0.1:8080/tin").unwrap();
        let f = d.scan_html(html, &base);
        assert_eq!(f.canonical.as_deref(), Some("http://127.0.0.1:8080/tin"));
        assert!(f.article_signals);
        assert_eq!(f.title.as_deref(), Some("Tin tức"));
        let got: Vec<(&str, Kind, bool)> = f
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.kind, l.same_depth))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "http://127.0.0.1:8080/vi/news/a/bai-viet-so-mot-12.html",
                    Kind::Article,
                    false
                ),
                ("http://127.0.0.1:8080/tin?page=2", Kind::Listing, true),
                ("http://127.0.0.1:8080/gioi-thieu", Kind::Page, false),
                ("http://127.0.0.1:8080/rss", Kind::Feed, false),
            ]
        );
    }

    #[test]
    fn xml_documents() {
        let idx = "<?xml version='1.0'?><sitemapindex><sitemap><loc>http://a/s1.xml.gz</loc></sitemap></sitemapindex>";
        assert_eq!(
            scan_xml(idx),
            Some(XmlFindings::SitemapIndex(vec!["http://a/s1.xml.gz".into()]))
        );
        let set = "<urlset><url><loc><![CDATA[http://a/x?a=1&amp;b=2]]></loc></url><url><loc>http://a/n</loc><news:news></news:news></url></urlset>";
        assert_eq!(
            scan_xml(set),
            Some(XmlFindings::UrlSet(vec![
                ("http://a/x?a=1&b=2".into(), false),
                ("http://a/n".into(), true)
            ]))
        );
        let rss = "<rss><channel><link>http://a/</link><item><title>t</title><link>http://a/1</link></item></channel></rss>";
        assert_eq!(
            scan_xml(rss),
            Some(XmlFindings::Feed(vec!["http://a/1".into()]))
        );
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="http://a/s"/><link href="http://a/2"/></entry></feed>"#;
        assert_eq!(
            scan_xml(atom),
            Some(XmlFindings::Feed(vec!["http://a/2".into()]))
        );
        assert_eq!(scan_xml("<html></html>"), None);
    }

    #[test]
    fn charset_from_header_and_meta() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode("<p>Thông báo</p>");
        assert_eq!(
            html_text(&bytes, Some("text/html; charset=windows-1258")),
            "<p>Thông báo</p>"
        );
        let page = [b"<meta charset=\"windows-1258\">".as_slice(), &bytes].concat();
        assert!(html_text(&page, None).contains("Th\u{f4}ng"));
    }
}
