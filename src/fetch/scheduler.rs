//! Politeness in one place: the per-host pool of a crawl, and the retry decision.
//!
//! [`HostScheduler`] is a plain data structure owned by the harvest's dispatcher (no locks, no
//! timers of its own): each host has its politeness gap (`delay`, raised by robots.txt
//! `Crawl-delay`), its slots (`per_host`), its robots.txt, and its circuit breaker. Hosts that may
//! send a request wait in one heap ordered by the time they are next allowed to; the dispatcher
//! sleeps until the top of the heap is due or an event arrives, so a host with nothing to do costs
//! nothing (no polling). A request goes [`HostScheduler::started`] -> fetch ->
//! [`HostScheduler::finished`]; the next request to a host starts no earlier than `delay` after
//! the previous one *finished*, and a `Retry-After` or a tripped breaker pushes the whole host back.
//!
//! The breaker: after [`BreakerPolicy::trip_after`] consecutive timeouts or connection failures
//! the host is paused, for [`BreakerPolicy::pause`] doubled on each trip; on its
//! [`BreakerPolicy::max_trips`]th trip it is given up for the rest of the run (its URLs stay
//! queued for the next run). [`should_retry`] is the only place that decides whether one failed
//! URL is tried again and when.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::client::FetchFailure;
use super::robots::Robots;

/// Default minimum gap between two requests to one host (`--delay`).
pub const DEFAULT_DELAY: Duration = Duration::from_secs(1);
/// Default number of requests in flight overall (`--concurrency`).
pub const DEFAULT_CONCURRENCY: usize = 8;
/// Default number of requests in flight per host.
pub const DEFAULT_PER_HOST: usize = 1;
/// robots.txt is fetched again after this long (RFC 9309: no longer than 24 hours).
pub const ROBOTS_MAX_AGE: Duration = Duration::from_secs(24 * 3600);

/// How failures are retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// First backoff; doubled on each further attempt.
    pub base: Duration,
    /// Longest backoff, and longest `Retry-After` honoured.
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// The backoff after attempt number `attempt` (1-based): `base`, doubled each time, capped.
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.cap)
    }
}

/// When a host's circuit breaker trips and when the host is given up.
#[derive(Debug, Clone, Copy)]
pub struct BreakerPolicy {
    /// Consecutive timeouts or connection failures that trip the breaker (`--host-failures`).
    pub trip_after: u32,
    /// Pause after the first trip, doubled on each further trip (`--host-pause`).
    pub pause: Duration,
    /// The trip on which the host is given up for this run.
    pub max_trips: u32,
}

/// Default `--host-failures`.
pub const DEFAULT_HOST_FAILURES: u32 = 3;
/// Default `--host-pause`.
pub const DEFAULT_HOST_PAUSE: Duration = Duration::from_secs(30);
/// A host is given up on its second trip: with the default 30 s timeout a host whose every
/// request hangs costs 6 x 30 s + 30 s = 3.5 minutes of its own time, and nobody else's.
pub const DEFAULT_HOST_MAX_TRIPS: u32 = 2;

impl Default for BreakerPolicy {
    fn default() -> Self {
        BreakerPolicy {
            trip_after: DEFAULT_HOST_FAILURES,
            pause: DEFAULT_HOST_PAUSE,
            max_trips: DEFAULT_HOST_MAX_TRIPS,
        }
    }
}

/// What one attempt came to, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    Failed(&'a FetchFailure),
}

/// Whether to try again after attempt number `attempt` (1-based), and after how long.
/// 429 and 503 honour `Retry-After` (capped); other 5xx, timeouts and connection failures back
/// off exponentially with a cap; 404, 410 and every other 4xx are final.
pub fn should_retry(outcome: Outcome<'_>, attempt: u32, policy: &RetryPolicy) -> Option<Duration> {
    if attempt >= policy.max_attempts {
        return None;
    }
    let backoff = policy.backoff(attempt);
    match outcome {
        Outcome::Status {
            status: 429 | 503,
            retry_after,
        } => Some(
            retry_after
                .map_or(backoff, |d| d.min(policy.cap))
                .max(policy.base.min(Duration::from_millis(100))),
        ),
        Outcome::Status { status, .. } if (500..600).contains(&status) && status != 501 => {
            Some(backoff)
        }
        Outcome::Status { .. } => None,
        Outcome::Failed(
            FetchFailure::Timeout(_) | FetchFailure::Connect(_) | FetchFailure::Other(_),
        ) => Some(backoff),
        Outcome::Failed(FetchFailure::TooLarge(_) | FetchFailure::Decode(_)) => None,
    }
}

/// Whether a failure of this kind can go away by itself (a later run tries it again).
pub fn is_transient(outcome: Outcome<'_>) -> bool {
    let unlimited = RetryPolicy {
        max_attempts: u32::MAX,
        ..RetryPolicy::default()
    };
    should_retry(outcome, 1, &unlimited).is_some()
}

/// Whether a failure says the host itself is unreachable or hanging (what the breaker counts).
pub fn is_host_failure(failure: &FetchFailure) -> bool {
    matches!(failure, FetchFailure::Timeout(_) | FetchFailure::Connect(_))
}

/// Parses `Retry-After`: delta seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now_unix: f64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = super::clock::parse_http_date(value)? as f64;
    Some(Duration::from_secs_f64((at - now_unix).max(0.0)))
}

/// A host's robots.txt, as far as the scheduler knows it.
#[derive(Debug, Clone)]
pub enum RobotsSlot {
    /// Not fetched yet (or stale, or a failed attempt to retry): fetch it before any page.
    Missing { failed_attempts: u32 },
    /// Being fetched.
    Fetching { failed_attempts: u32 },
    Ready {
        robots: Arc<Robots>,
        fetched: Instant,
    },
}

/// What [`HostScheduler::finished`] decided about the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Carry on (after the delay).
    Go,
    /// The breaker tripped: the host waits this long.
    Paused(Duration),
    /// The host is given up for this run, with the cause.
    GivenUp(String),
}

/// How one request to a host ended, as far as the host is concerned.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    /// `Retry-After` or an overload pause: the whole host waits at least this long.
    pub pause: Option<Duration>,
    /// A timeout or connection failure (counted by the breaker), with its description.
    pub host_failure: Option<String>,
}

#[derive(Debug)]
struct Host {
    next_at: Instant,
    in_flight: usize,
    delay: Duration,
    robots: RobotsSlot,
    /// The wake-up time of this host's live heap entry, if it has one.
    scheduled: Option<Instant>,
    consecutive_failures: u32,
    trips: u32,
    given_up: Option<String>,
    waited: Duration,
}

/// The per-host pool: politeness, robots.txt cache, breaker, and the heap of hosts waiting
/// for their turn.
#[derive(Debug)]
pub struct HostScheduler {
    hosts: HashMap<String, Host>,
    /// (time the host may go, insertion number, host); stale entries are skipped on pop.
    heap: BinaryHeap<Reverse<(Instant, u64, String)>>,
    seq: u64,
    base_delay: Duration,
    per_host: usize,
    breaker: BreakerPolicy,
}

impl HostScheduler {
    pub fn new(delay: Duration, per_host: usize, breaker: BreakerPolicy) -> HostScheduler {
        HostScheduler {
            hosts: HashMap::new(),
            heap: BinaryHeap::new(),
            seq: 0,
            base_delay: delay,
            per_host: per_host.max(1),
            breaker,
        }
    }

    fn host_mut(&mut self, host: &str, now: Instant) -> &mut Host {
        let delay = self.base_delay;
        self.hosts.entry(host.to_string()).or_insert_with(|| Host {
            next_at: now,
            in_flight: 0,
            delay,
            robots: RobotsSlot::Missing { failed_attempts: 0 },
            scheduled: None,
            consecutive_failures: 0,
            trips: 0,
            given_up: None,
            waited: Duration::ZERO,
        })
    }

    /// The host has (or may have) work from `at` on: make sure it is in the heap by then (never
    /// before its politeness allows). A host that is busy with all its slots, or given up, is
    /// left alone: it comes back by itself when a request finishes.
    pub fn wake(&mut self, host: &str, at: Instant) {
        let per_host = self.per_host;
        let h = self.host_mut(host, at);
        if h.given_up.is_some() || h.in_flight >= per_host {
            return;
        }
        let when = at.max(h.next_at);
        if h.scheduled.is_some_and(|s| s <= when) {
            return;
        }
        h.scheduled = Some(when);
        self.seq += 1;
        self.heap.push(Reverse((when, self.seq, host.to_string())));
    }

    /// The next host whose turn has come by `now`, taken out of the heap.
    pub fn pop_ready(&mut self, now: Instant) -> Option<String> {
        while let Some(Reverse((when, _, _))) = self.heap.peek() {
            if *when > now {
                return None;
            }
            let Reverse((when, _, host)) = self.heap.pop()?;
            let Some(h) = self.hosts.get_mut(&host) else {
                continue;
            };
            if h.scheduled != Some(when) || h.given_up.is_some() {
                continue; // superseded by an earlier wake-up, or given up
            }
            h.scheduled = None;
            h.waited += now.saturating_duration_since(when);
            return Some(host);
        }
        None
    }

    /// When the earliest host in the heap may go; `None` when no host is waiting.
    pub fn next_wake(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((when, _, _))| *when)
    }

    /// A request to `host` starts now.
    pub fn started(&mut self, host: &str, now: Instant) {
        let per_host = self.per_host;
        let h = self.host_mut(host, now);
        h.in_flight += 1;
        // With several slots per host the starts are still spaced by the delay.
        h.next_at = h.next_at.max(now + h.delay);
        if h.in_flight < per_host {
            let at = h.next_at;
            self.wake(host, at);
        }
    }

    /// A request to `host` is over. The host may go again after its delay (or the pause the
    /// server asked for, or the breaker's), and is put back in the heap unless given up.
    pub fn finished(&mut self, host: &str, now: Instant, report: &Finished) -> Verdict {
        let breaker = self.breaker;
        let h = self.host_mut(host, now);
        h.in_flight = h.in_flight.saturating_sub(1);
        let mut next = now + h.delay;
        if let Some(p) = report.pause {
            next = next.max(now + p);
        }
        let mut verdict = Verdict::Go;
        match &report.host_failure {
            None => h.consecutive_failures = 0,
            Some(cause) => {
                h.consecutive_failures += 1;
                if h.consecutive_failures >= breaker.trip_after.max(1) {
                    h.consecutive_failures = 0;
                    h.trips += 1;
                    if h.trips >= breaker.max_trips.max(1) {
                        let why = format!(
                            "host given up for this run after {} consecutive failures, {} time(s): {cause}",
                            breaker.trip_after.max(1),
                            h.trips
                        );
                        h.given_up = Some(why.clone());
                        verdict = Verdict::GivenUp(why);
                    } else {
                        let pause = breaker.pause.saturating_mul(1u32 << (h.trips - 1).min(16));
                        next = next.max(now + pause);
                        verdict = Verdict::Paused(pause);
                    }
                }
            }
        }
        h.next_at = h.next_at.max(next);
        if h.given_up.is_none() {
            let at = h.next_at;
            self.wake(host, at);
        }
        verdict
    }

    /// Gives a host up for this run (e.g. its robots.txt stayed unavailable).
    pub fn give_up(&mut self, host: &str, cause: &str, now: Instant) {
        let h = self.host_mut(host, now);
        if h.given_up.is_none() {
            h.given_up = Some(cause.to_string());
        }
    }

    pub fn given_up(&self, host: &str) -> Option<&str> {
        self.hosts.get(host).and_then(|h| h.given_up.as_deref())
    }

    /// Requests to `host` in flight.
    pub fn in_flight(&self, host: &str) -> usize {
        self.hosts.get(host).map_or(0, |h| h.in_flight)
    }

    /// The robots.txt slot of a host; a copy older than [`ROBOTS_MAX_AGE`] reads as missing.
    pub fn robots(&mut self, host: &str, now: Instant) -> RobotsSlot {
        let h = self.host_mut(host, now);
        if let RobotsSlot::Ready { fetched, .. } = &h.robots {
            if now.saturating_duration_since(*fetched) > ROBOTS_MAX_AGE {
                h.robots = RobotsSlot::Missing { failed_attempts: 0 };
            }
        }
        h.robots.clone()
    }

    pub fn set_robots(&mut self, host: &str, slot: RobotsSlot, now: Instant) {
        let base = self.base_delay;
        let h = self.host_mut(host, now);
        if let RobotsSlot::Ready { robots, .. } = &slot {
            if let Some(d) = robots.crawl_delay {
                h.delay = base.max(d);
                // The request that fetched robots.txt was spaced with the old delay.
                h.next_at = h.next_at.max(now + h.delay);
            }
        }
        h.robots = slot;
    }

    /// The gap in force for a host.
    pub fn delay_of(&self, host: &str) -> Duration {
        self.hosts.get(host).map_or(self.base_delay, |h| h.delay)
    }

    /// Hosts with the time they waited for their turn beyond the moment they were ready,
    /// longest first.
    pub fn host_waits(&self) -> Vec<(String, Duration)> {
        let mut v: Vec<(String, Duration)> = self
            .hosts
            .iter()
            .map(|(name, h)| (name.clone(), h.waited))
            .collect();
        v.sort_by_key(|(_, w)| Reverse(*w));
        v
    }

    /// Hosts given up in this run, with their causes, sorted by host.
    pub fn given_up_hosts(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .hosts
            .iter()
            .filter_map(|(name, h)| Some((name.clone(), h.given_up.clone()?)))
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_table() {
        let p = RetryPolicy {
            max_attempts: 4,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(5),
        };
        let timeout = FetchFailure::Timeout("t".into());
        let large = FetchFailure::TooLarge(10);
        let s = |status, ra: Option<u64>| Outcome::Status {
            status,
            retry_after: ra.map(Duration::from_secs),
        };
        let cases: Vec<(Outcome<'_>, u32, Option<u64>)> = vec![
            (s(404, None), 1, None),
            (s(410, None), 1, None),
            (s(403, None), 1, None),
            (s(501, None), 1, None),
            (s(500, None), 1, Some(1)),
            (s(502, None), 2, Some(2)),
            (s(500, None), 3, Some(4)),
            (s(500, None), 4, None),
            (s(503, Some(3)), 1, Some(3)),
            (s(429, Some(100)), 1, Some(5)),
            (s(429, None), 3, Some(4)),
            (Outcome::Failed(&timeout), 1, Some(1)),
            (Outcome::Failed(&large), 1, None),
        ];
        for (outcome, attempt, want) in cases {
            assert_eq!(
                should_retry(outcome, attempt, &p),
                want.map(Duration::from_secs),
                "{outcome:?} {attempt}"
            );
        }
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7", 0.0), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 4.0),
            Some(Duration::from_secs(6))
        );
        assert_eq!(parse_retry_after("later", 0.0), None);
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn hosts_wait_their_delay_in_one_heap() {
        let t0 = Instant::now();
        let mut s = HostScheduler::new(ms(300), 1, BreakerPolicy::default());
        s.wake("a", t0);
        s.wake("b", t0 + ms(100));
        assert_eq!(s.pop_ready(t0).as_deref(), Some("a"));
        assert_eq!(s.pop_ready(t0), None, "b is not due yet");
        s.started("a", t0);
        assert_eq!(s.next_wake(), Some(t0 + ms(100)));
        s.finished("a", t0 + ms(50), &Finished::default());
        // a finished at 50 ms: its next turn is 300 ms later; b comes first.
        assert_eq!(s.pop_ready(t0 + ms(100)).as_deref(), Some("b"));
        assert_eq!(s.pop_ready(t0 + ms(349)), None);
        assert_eq!(s.pop_ready(t0 + ms(350)).as_deref(), Some("a"));
        // A host woken early again keeps one heap entry; waking it later changes nothing.
        s.wake("b", t0 + ms(400));
        s.wake("b", t0 + ms(900));
        assert_eq!(s.pop_ready(t0 + ms(400)).as_deref(), Some("b"));
        assert_eq!(s.pop_ready(t0 + ms(2000)), None);
        assert_eq!(s.next_wake(), None, "an idle host is not in the heap");
    }

    #[test]
    fn retry_after_pushes_the_whole_host_back() {
        let t0 = Instant::now();
        let mut s = HostScheduler::new(ms(10), 1, BreakerPolicy::default());
        s.wake("a", t0);
        assert!(s.pop_ready(t0).is_some());
        s.started("a", t0);
        let report = Finished {
            pause: Some(ms(500)),
            ..Finished::default()
        };
        assert_eq!(s.finished("a", t0, &report), Verdict::Go);
        assert_eq!(s.pop_ready(t0 + ms(499)), None);
        assert_eq!(s.pop_ready(t0 + ms(500)).as_deref(), Some("a"));
    }

    #[test]
    fn breaker_pauses_then_gives_up() {
        let t0 = Instant::now();
        let policy = BreakerPolicy {
            trip_after: 2,
            pause: ms(1000),
            max_trips: 2,
        };
        let mut s = HostScheduler::new(ms(0), 1, policy);
        let fail = Finished {
            host_failure: Some("timeout".into()),
            ..Finished::default()
        };
        let mut verdicts = Vec::new();
        let mut now = t0;
        s.wake("a", now);
        for _ in 0..4 {
            let Some(host) = s.pop_ready(now + ms(5000)) else {
                break;
            };
            now += ms(5000);
            s.started(&host, now);
            verdicts.push(s.finished(&host, now, &fail));
        }
        assert_eq!(verdicts[0], Verdict::Go);
        assert_eq!(verdicts[1], Verdict::Paused(ms(1000)));
        assert_eq!(verdicts[2], Verdict::Go);
        assert!(matches!(&verdicts[3], Verdict::GivenUp(why) if why.contains("timeout")));
        assert_eq!(
            s.pop_ready(now + ms(100_000)),
            None,
            "given up: never again"
        );
        assert_eq!(s.given_up_hosts().len(), 1);
        // A success in between resets the count.
        let mut s = HostScheduler::new(ms(0), 1, policy);
        s.started("b", t0);
        assert_eq!(s.finished("b", t0, &fail), Verdict::Go);
        s.started("b", t0);
        assert_eq!(s.finished("b", t0, &Finished::default()), Verdict::Go);
        s.started("b", t0);
        assert_eq!(s.finished("b", t0, &fail), Verdict::Go);
    }

    #[test]
    fn slots_per_host_and_crawl_delay() {
        let t0 = Instant::now();
        let mut s = HostScheduler::new(ms(100), 2, BreakerPolicy::default());
        let robots = Robots::parse("User-agent: *\nCrawl-delay: 2\n", "tintuc");
        s.set_robots(
            "a",
            RobotsSlot::Ready {
                robots: Arc::new(robots),
                fetched: t0,
            },
            t0,
        );
        assert_eq!(s.delay_of("a"), Duration::from_secs(2));
        s.wake("a", t0);
        assert_eq!(s.pop_ready(t0 + ms(2000)).as_deref(), Some("a"));
        s.started("a", t0 + ms(2000));
        assert_eq!(s.in_flight("a"), 1);
        // The second slot is free, but starts are still spaced by the delay.
        assert_eq!(s.next_wake(), Some(t0 + ms(4000)));
        assert!(matches!(
            s.robots("a", t0 + ROBOTS_MAX_AGE + ms(1)),
            RobotsSlot::Missing { .. }
        ));
    }
}
