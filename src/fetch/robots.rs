//! robots.txt (RFC 9309): parse once per host, then answer "may this path be fetched?".
//!
//! The file is split into groups (consecutive `User-agent` lines followed by rules). The groups
//! naming our product token (`tintuc`, compared case-insensitively) apply, merged; otherwise the
//! `*` groups. Within a group the longest matching
//! pattern decides, `Allow` winning ties; `*` matches any run of characters and a final `$`
//! anchors the end. `Crawl-delay` is taken from the chosen group, `Sitemap` lines from anywhere.
//! Only the first [`ROBOTS_MAX_BYTES`] of a file are read (RFC 9309 section 2.5), so a huge or
//! endless robots.txt still gives the rules at its top.

use std::time::Duration;

/// One `Allow` / `Disallow` line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: String,
}

#[derive(Debug, Clone, Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

/// The rules of one host that apply to our user agent.
#[derive(Debug, Clone, Default)]
pub struct Robots {
    rules: Vec<Rule>,
    /// Forbid everything (robots.txt unreachable with a server error, per RFC 9309).
    disallow_all: bool,
    pub crawl_delay: Option<Duration>,
    pub sitemaps: Vec<String>,
}

/// The prefix of a robots.txt that is fetched and parsed: 500 KiB, the least RFC 9309 allows.
pub const ROBOTS_MAX_BYTES: u64 = 500 * 1024;

/// The product token matched against `User-agent` lines: the first word of the user agent,
/// lower case (`tintuc/0.1 (+https://...)` -> `tintuc`).
pub fn product_token(user_agent: &str) -> String {
    user_agent
        .split(['/', ' '])
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or("tintuc")
        .to_ascii_lowercase()
}

/// Longest accepted Crawl-delay: a typo like `Crawl-delay: 86400` should not park a host for a
/// day, but anything a portal could mean (minutes) is honoured.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(3600);

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx answer).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything forbidden (robots.txt answered with a server error).
    pub fn disallow_all() -> Robots {
        Robots {
            disallow_all: true,
            ..Robots::default()
        }
    }

    /// Parses the bytes of a robots.txt; when `truncated` (only a prefix was read), a cut last
    /// line is left out rather than read as a shorter rule.
    pub fn parse_prefix(bytes: &[u8], truncated: bool, agent: &str) -> Robots {
        let bytes = &bytes[..bytes.len().min(ROBOTS_MAX_BYTES as usize)];
        let whole = if truncated {
            bytes
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(&bytes[..0], |i| &bytes[..=i])
        } else {
            bytes
        };
        Robots::parse(&String::from_utf8_lossy(whole), agent)
    }

    /// Parses `text` for the agent whose product token is `agent` (e.g. `tintuc`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        let mut sitemaps = Vec::new();
        let mut current = Group::default();
        let mut in_agents = false;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents && !current.agents.is_empty() {
                        groups.push(std::mem::take(&mut current));
                    }
                    current.agents.push(value.to_ascii_lowercase());
                    in_agents = true;
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if current.agents.is_empty() {
                        continue;
                    }
                    // An empty Disallow allows everything: it adds no rule.
                    if value.is_empty() {
                        continue;
                    }
                    current.rules.push(Rule {
                        allow: key == "allow",
                        pattern: value.to_string(),
                    });
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Ok(secs) = value.parse::<f64>() {
                        if secs.is_finite() && secs >= 0.0 {
                            let d = Duration::from_secs_f64(secs).min(MAX_CRAWL_DELAY);
                            current.crawl_delay = Some(d);
                        }
                    }
                }
                "sitemap" if !value.is_empty() => sitemaps.push(value.to_string()),
                _ => {}
            }
        }
        if !current.agents.is_empty() {
            groups.push(current);
        }

        // RFC 9309: the groups naming our product token (case-insensitively; a group line may
        // carry a version, `tintuc/1.0`), merged; else the `*` groups.
        let names_us = |a: &String| a.split('/').next().is_some_and(|name| name.trim() == agent);
        let ours: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.iter().any(names_us))
            .collect();
        let chosen: Vec<&Group> = if ours.is_empty() {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        } else {
            ours
        };
        let mut robots = Robots {
            sitemaps,
            ..Robots::default()
        };
        for g in chosen {
            robots.rules.extend(g.rules.iter().cloned());
            if g.crawl_delay.is_some() {
                robots.crawl_delay = robots.crawl_delay.max(g.crawl_delay);
            }
        }
        robots
    }

    /// Whether `path_and_query` (e.g. `/a/b?c=1`) may be fetched.
    pub fn allowed(&self, path_and_query: &str) -> bool {
        if self.disallow_all {
            return path_and_query == "/robots.txt";
        }
        let path = normalise_path(path_and_query);
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            let pattern = normalise_path(&rule.pattern);
            if pattern_matches(&pattern, &path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Percent-encoding is compared in one form: upper-case hex, and bytes outside ASCII encoded.
fn normalise_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let bytes = p.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = p.get(i + 1..i + 3).unwrap_or("");
            if hex.len() == 2 && hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                out.push('%');
                out.push_str(&hex.to_ascii_uppercase());
                i += 3;
                continue;
            }
        }
        if b >= 0x80 {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
        i += 1;
    }
    out
}

/// `*` matches any run, a final `$` anchors; otherwise a prefix match.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0usize;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
            continue;
        }
        let last = i == parts.len() - 1;
        if last && anchored {
            // The last piece must sit at the very end, after `pos`.
            return path.len() >= pos + part.len() && path.ends_with(part);
        }
        match path.get(pos..).and_then(|rest| rest.find(part)) {
            Some(found) => pos += found + part.len(),
            None => return false,
        }
    }
    !anchored
        || pos == path.len()
        || (parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "\
User-agent: *
Disallow: /private/
Allow: /private/public
Crawl-delay: 2

User-agent: tintuc
User-agent: otherbot
Disallow: /no-tintuc
Disallow: /*.pdf$
Allow: /no-tintuc/ok
Crawl-delay: 0.5
Sitemap: https://example.vn/sitemap.xml
";

    #[test]
    fn specific_group_wins_and_longest_match_decides() {
        let r = Robots::parse(TXT, "tintuc");
        let cases = [
            ("/", true),
            ("/private/x", true), // the * group does not apply to tintuc
            ("/no-tintuc", false),
            ("/no-tintuc/ok/1", true),
            ("/doc/a.pdf", false),
            ("/doc/a.pdf?x=1", true),
            ("/doc/a.pdfx", true),
        ];
        for (path, want) in cases {
            assert_eq!(r.allowed(path), want, "{path}");
        }
        assert_eq!(r.crawl_delay, Some(Duration::from_millis(500)));
        assert_eq!(
            r.sitemaps,
            vec!["https://example.vn/sitemap.xml".to_string()]
        );
    }

    #[test]
    fn star_group_for_unknown_agent() {
        let r = Robots::parse(TXT, "somebot");
        assert!(!r.allowed("/private/x"));
        assert!(r.allowed("/private/public/1"));
        assert!(r.allowed("/no-tintuc"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
    }

    #[test]
    fn wildcards_and_anchors() {
        let cases = [
            ("/*?print=", "/a/b?print=1", true),
            ("/*?print=", "/a/b", false),
            ("/a*b$", "/a/x/b", true),
            ("/a*b$", "/a/x/bc", false),
            ("/$", "/", true),
            ("/$", "/x", false),
            ("/tin-tuc", "/tin-tuc-su-kien", true),
            ("*/print/", "/vi/news/print/a", true),
        ];
        for (pattern, path, want) in cases {
            assert_eq!(
                pattern_matches(&normalise_path(pattern), &normalise_path(path)),
                want,
                "{pattern} {path}"
            );
        }
    }

    #[test]
    fn a_cut_prefix_drops_its_partial_last_line() {
        let text = b"User-agent: *\nDisallow: /cam/\nDisallow: /private-area";
        let r = Robots::parse_prefix(text, true, "tintuc");
        assert!(!r.allowed("/cam/x"));
        assert!(
            r.allowed("/private"),
            "the cut rule is not read as Disallow: /private"
        );
        let r = Robots::parse_prefix(text, false, "tintuc");
        assert!(!r.allowed("/private-area/1"));
    }

    #[test]
    fn empty_disallow_and_disallow_all() {
        let r = Robots::parse("User-agent: *\nDisallow:\n", "tintuc");
        assert!(r.allowed("/anything"));
        let r = Robots::parse("User-agent: *\nDisallow: /\n", "tintuc");
        assert!(!r.allowed("/anything"));
        assert!(!Robots::disallow_all().allowed("/a"));
    }
}
