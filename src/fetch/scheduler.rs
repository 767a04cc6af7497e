//! Politeness in one place: per-host spacing and concurrency, the global in-flight cap, and the
//! retry decision.
//!
//! Every request goes `acquire(host)` -> fetch -> `release(host, pause)`. A host admits at most
//! `per_host` requests at a time, and the next request to a host starts no earlier than `delay`
//! after the previous one *finished* (so the gap between two request starts is always at least
//! the delay, however slow the server). robots.txt `Crawl-delay` raises a host's delay, never
//! lowers it. A 429/503 with `Retry-After` pushes the whole host back, not just the one URL.
//! [`should_retry`] is the only place that decides whether a failure is tried again and when.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::client::FetchFailure;

/// Default minimum gap between two requests to one host (`--delay`).
pub const DEFAULT_DELAY: Duration = Duration::from_secs(1);
/// Default number of requests in flight overall (`--concurrency`).
pub const DEFAULT_CONCURRENCY: usize = 8;
/// Default number of requests in flight per host.
pub const DEFAULT_PER_HOST: usize = 1;

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
    let backoff = policy
        .base
        .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(16))
        .min(policy.cap);
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

/// Parses `Retry-After`: delta seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now_unix: f64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = super::clock::parse_http_date(value)? as f64;
    Some(Duration::from_secs_f64((at - now_unix).max(0.0)))
}

struct HostState {
    next_at: Instant,
    in_flight: usize,
    delay: Duration,
    notify: Arc<Notify>,
    waited_ms: u64,
}

/// The per-host pool.
pub struct Scheduler {
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, HostState>>,
    base_delay: Duration,
    per_host: usize,
    waited_ms: AtomicU64,
}

/// Held while a request is in flight; give it back with [`Scheduler::release`].
pub struct Permit {
    pub host: String,
    _global: Option<OwnedSemaphorePermit>,
}

impl Scheduler {
    pub fn new(delay: Duration, concurrency: usize, per_host: usize) -> Scheduler {
        Scheduler {
            global: Arc::new(Semaphore::new(concurrency.max(1))),
            hosts: Mutex::new(HashMap::new()),
            base_delay: delay,
            per_host: per_host.max(1),
            waited_ms: AtomicU64::new(0),
        }
    }

    fn with_host<T>(&self, host: &str, f: impl FnOnce(&mut HostState) -> T) -> T {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        let state = hosts.entry(host.to_string()).or_insert_with(|| HostState {
            next_at: Instant::now(),
            in_flight: 0,
            delay: self.base_delay,
            notify: Arc::new(Notify::new()),
            waited_ms: 0,
        });
        f(state)
    }

    /// robots.txt asked for a longer gap on this host.
    pub fn set_crawl_delay(&self, host: &str, crawl_delay: Duration) {
        let base = self.base_delay;
        self.with_host(host, |s| {
            s.delay = base.max(crawl_delay);
            // The request that fetched robots.txt was spaced with the old delay.
            s.next_at = s.next_at.max(Instant::now() + s.delay);
        });
    }

    /// The gap in force for a host.
    pub fn delay_of(&self, host: &str) -> Duration {
        self.with_host(host, |s| s.delay)
    }

    /// Waits until `host` may receive one more request and a global slot is free.
    pub async fn acquire(&self, host: &str) -> Permit {
        let started = Instant::now();
        loop {
            let now = Instant::now();
            let per_host = self.per_host;
            let step = self.with_host(host, |s| {
                if s.in_flight < per_host && now >= s.next_at {
                    s.in_flight += 1;
                    // With several slots per host, still space the starts.
                    s.next_at = now + s.delay;
                    Ok(())
                } else if s.in_flight >= per_host {
                    Err((None, s.notify.clone()))
                } else {
                    Err((Some(s.next_at), s.notify.clone()))
                }
            });
            match step {
                Ok(()) => break,
                Err((Some(at), notify)) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(at) => {}
                        _ = notify.notified() => {}
                    }
                }
                Err((None, notify)) => {
                    // Re-check at least now and then: a notification can race the check above.
                    let _ =
                        tokio::time::timeout(Duration::from_millis(200), notify.notified()).await;
                }
            }
        }
        // The semaphore is never closed, so this is always a permit.
        let global = self.global.clone().acquire_owned().await.ok();
        let waited = started.elapsed().as_millis() as u64;
        self.waited_ms.fetch_add(waited, Ordering::Relaxed);
        self.with_host(host, |s| s.waited_ms += waited);
        Permit {
            host: host.to_string(),
            _global: global,
        }
    }

    /// The request is over; the host is free again after its delay, or after `pause` when the
    /// server asked for one (Retry-After), whichever is later.
    pub fn release(&self, permit: Permit, pause: Option<Duration>) {
        let now = Instant::now();
        let notify = self.with_host(&permit.host, |s| {
            s.in_flight = s.in_flight.saturating_sub(1);
            let mut next = now + s.delay;
            if let Some(p) = pause {
                next = next.max(now + p);
            }
            s.next_at = s.next_at.max(next);
            s.notify.clone()
        });
        drop(permit);
        notify.notify_waiters();
    }

    /// Keeps a host quiet for `d` from now (a 429/503 without `Retry-After`).
    pub fn pause(&self, host: &str, d: Duration) {
        let until = Instant::now() + d;
        self.with_host(host, |s| s.next_at = s.next_at.max(until));
    }

    /// Total time requests spent waiting for their host or a global slot, in milliseconds.
    pub fn waited_ms(&self) -> u64 {
        self.waited_ms.load(Ordering::Relaxed)
    }

    /// Hosts with their accumulated wait, longest first.
    pub fn host_waits(&self) -> Vec<(String, u64)> {
        let hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        let mut v: Vec<(String, u64)> = hosts
            .iter()
            .map(|(h, s)| (h.clone(), s.waited_ms))
            .collect();
        v.sort_by_key(|(_, ms)| std::cmp::Reverse(*ms));
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

    #[tokio::test(flavor = "current_thread")]
    async fn requests_to_one_host_are_spaced() {
        let s = Scheduler::new(Duration::from_millis(300), 4, 1);
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let p = s.acquire("h").await;
            starts.push(Instant::now() - t0);
            s.release(p, None);
        }
        assert!(
            starts[1] >= Duration::from_millis(300) && starts[2] >= Duration::from_millis(600),
            "{starts:?}"
        );
        let p = s.acquire("h").await;
        s.release(p, Some(Duration::from_millis(500)));
        let before = Instant::now();
        let p = s.acquire("h").await;
        assert!(Instant::now() - before >= Duration::from_millis(500));
        s.release(p, None);
    }
}
