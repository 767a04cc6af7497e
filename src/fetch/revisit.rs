//! When a URL already fetched is looked at again: the revisit policy, as archival crawlers have.
//!
//! Every URL that reaches a final state gets a `revisit_at` time in the state, decided here from
//! what it turned out to be; a new run re-queues the URLs whose time has come (and the seeds
//! given on the command line, always). With `--revisit-after D` every URL is due `D` after it was
//! last checked instead (`0s`: every run). Revisits are conditional GETs when the server gave
//! validators, so an unchanged page costs a `304` and no body.
//!
//! | what                                   | revisited after                                     |
//! |----------------------------------------|-----------------------------------------------------|
//! | an article (a record was written)      | by its age: [`ARTICLE_REVISITS`]                    |
//! | a listing, feed or sitemap (a hub)     | [`HUB_REVISIT`]                                     |
//! | any other page                         | [`PAGE_REVISIT`]                                    |
//! | a final failure, or a removed article  | [`HEAL_FIRST`], doubled each failed run, up to [`HEAL_MAX`] |
//! | a transient failure (5xx, timeout)     | next run; if it failed there too, as above          |
//! | robots-blocked                         | next run (robots.txt may change)                    |

use std::time::Duration;

const DAY: u64 = 24 * 3600;

/// Articles by age since publication: up to the age in the first column, revisit after the
/// second. Older than the last row: [`OLD_ARTICLE`]; no date on the page: [`UNDATED_ARTICLE`].
pub const ARTICLE_REVISITS: &[(Duration, Duration)] = &[
    (Duration::from_secs(7 * DAY), Duration::from_secs(DAY)),
    (Duration::from_secs(30 * DAY), Duration::from_secs(7 * DAY)),
    (
        Duration::from_secs(365 * DAY),
        Duration::from_secs(30 * DAY),
    ),
];
/// Articles older than a year.
pub const OLD_ARTICLE: Duration = Duration::from_secs(180 * DAY);
/// Articles whose age is unknown (no date on the page).
pub const UNDATED_ARTICLE: Duration = Duration::from_secs(30 * DAY);
/// Seeds' listings, feeds and sitemaps: a restart within the hour does not fetch them again.
pub const HUB_REVISIT: Duration = Duration::from_secs(3600);
/// Pages that are neither articles nor hubs (about pages, contact pages).
pub const PAGE_REVISIT: Duration = Duration::from_secs(30 * DAY);
/// First wait before a page that failed for good (404, too large, undecodable) is tried again.
pub const HEAL_FIRST: Duration = Duration::from_secs(DAY);
/// Longest wait between two tries of a failing page.
pub const HEAL_MAX: Duration = Duration::from_secs(30 * DAY);

/// What a URL came to, as far as revisiting is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Visited {
    /// A record was written (or is current); `published_unix` from the record when known.
    Article {
        published_unix: Option<f64>,
    },
    Hub,
    Page,
    /// A final failure or a removal; `failed_runs` counts the runs in a row it failed in (>= 1).
    Failed {
        failed_runs: u32,
    },
    /// A transient failure (attempts ran out on a 5xx or timeout); `failed_runs` as above.
    Transient {
        failed_runs: u32,
    },
    /// Retry on the next run.
    NextRun,
}

/// The revisit policy of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct RevisitPolicy {
    /// `--revisit-after`: one interval for every URL instead of the defaults.
    pub after: Option<Duration>,
}

impl RevisitPolicy {
    /// The default interval after which a URL visited at `now_unix` is due again.
    pub fn interval(&self, visited: Visited, now_unix: f64) -> Duration {
        match visited {
            Visited::Article { published_unix } => match published_unix {
                None => UNDATED_ARTICLE,
                Some(p) => {
                    let age = Duration::from_secs_f64((now_unix - p).max(0.0));
                    ARTICLE_REVISITS
                        .iter()
                        .find(|(max_age, _)| age <= *max_age)
                        .map_or(OLD_ARTICLE, |(_, every)| *every)
                }
            },
            Visited::Hub => HUB_REVISIT,
            Visited::Page => PAGE_REVISIT,
            Visited::Failed { failed_runs } => HEAL_FIRST
                .saturating_mul(1u32 << failed_runs.saturating_sub(1).min(16))
                .min(HEAL_MAX),
            Visited::Transient { failed_runs } if failed_runs <= 1 => Duration::ZERO,
            Visited::Transient { failed_runs } => self.interval(
                Visited::Failed {
                    failed_runs: failed_runs - 1,
                },
                now_unix,
            ),
            Visited::NextRun => Duration::ZERO,
        }
    }

    /// The Unix time at which a URL visited at `now_unix` is due again under the defaults (the
    /// state keeps it; `--revisit-after` is applied when a run starts, see [`Self::after`]).
    pub fn revisit_at(&self, visited: Visited, now_unix: f64) -> f64 {
        now_unix + self.interval(visited, now_unix).as_secs_f64()
    }
}

/// Parses a duration such as `0s`, `90s`, `30m`, `12h`, `7d`, `2w` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (e.g. 0s, 30m, 12h, 7d)"))?;
    let unit_secs = match unit.trim() {
        "" | "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "d" => DAY as f64,
        "w" => 7.0 * DAY as f64,
        other => return Err(format!("{text:?}: unknown unit {other:?} (s, m, h, d, w)")),
    };
    let secs = value * unit_secs;
    if !secs.is_finite() || secs < 0.0 {
        return Err(format!("{text:?} is not a duration"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_revisited_less_as_they_age() {
        let p = RevisitPolicy::default();
        let now = 1_800_000_000.0;
        let day = DAY as f64;
        let cases = [
            (Some(now - 2.0 * day), DAY),
            (Some(now - 7.0 * day), DAY),
            (Some(now - 8.0 * day), 7 * DAY),
            (Some(now - 100.0 * day), 30 * DAY),
            (Some(now - 1000.0 * day), 180 * DAY),
            (Some(now + day), DAY), // a date in the future: as new
            (None, 30 * DAY),
        ];
        for (published_unix, want) in cases {
            assert_eq!(
                p.interval(Visited::Article { published_unix }, now),
                Duration::from_secs(want),
                "{published_unix:?}"
            );
        }
    }

    #[test]
    fn failures_heal_with_backoff() {
        let p = RevisitPolicy::default();
        let got: Vec<u64> = (1..=7)
            .map(|n| {
                p.interval(Visited::Failed { failed_runs: n }, 0.0)
                    .as_secs()
                    / DAY
            })
            .collect();
        assert_eq!(got, [1, 2, 4, 8, 16, 30, 30]);
        let transient: Vec<u64> = (1..=4)
            .map(|n| {
                p.interval(Visited::Transient { failed_runs: n }, 0.0)
                    .as_secs()
                    / DAY
            })
            .collect();
        assert_eq!(transient, [0, 1, 2, 4], "next run, then as final failures");
        assert_eq!(p.interval(Visited::NextRun, 0.0), Duration::ZERO);
        assert_eq!(p.revisit_at(Visited::Hub, 100.0), 3700.0);
    }

    #[test]
    fn durations() {
        for (text, secs) in [
            ("0s", 0),
            ("90", 90),
            ("30m", 1800),
            ("12h", 43_200),
            ("7d", 604_800),
            ("2w", 1_209_600),
        ] {
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_secs(secs)),
                "{text}"
            );
        }
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("3y").is_err());
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
    }
}
