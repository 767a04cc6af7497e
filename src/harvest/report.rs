//! The end of a run: the [`Summary`] from the counters and the state, printed as text lines or
//! one JSON object (`--log-format json`).

use std::sync::atomic::Ordering;

use super::context::{lock, Ctx};
use super::Summary;
use crate::fetch::scheduler::HostScheduler;

/// The summary of the run, printed. The counts of the state are left at zero when it cannot be
/// read (after a storage failure, which the run reports itself).
pub(super) fn summarise(ctx: &Ctx, sched: &HostScheduler, revisits: u64) -> Summary {
    let c = &ctx.counters;
    let counts = lock(&ctx.state).counts().unwrap_or_default();
    let n = |a: &std::sync::atomic::AtomicU64| a.load(Ordering::Relaxed);
    let summary = Summary {
        fetched: n(&c.fetched),
        emitted: n(&c.emitted),
        new_versions: n(&c.new_versions),
        removed: n(&c.removed),
        unchanged: n(&c.unchanged),
        not_modified: n(&c.not_modified),
        failed: n(&c.failed),
        failed_articles: n(&c.failed_articles),
        robots_blocked: n(&c.robots_blocked),
        duplicates: n(&c.duplicates),
        revisits_queued: revisits,
        queued_left: counts.queued,
        emitted_total: counts.emitted,
        hosts_given_up: sched.given_up_hosts(),
        seconds: ctx.reporter.elapsed_secs(),
    };
    print(ctx, sched, &summary);
    summary
}

fn print(ctx: &Ctx, sched: &HostScheduler, s: &Summary) {
    let waits = sched.host_waits();
    let top_waits: Vec<String> = waits
        .iter()
        .take(5)
        .map(|(h, w)| format!("{h} {:.1}s", w.as_secs_f64()))
        .collect();
    let given_up: Vec<String> = s
        .hosts_given_up
        .iter()
        .map(|(h, why)| format!("{h} ({why})"))
        .collect();
    let json = serde_json::json!({
        "pages_fetched": s.fetched,
        "articles_written": s.emitted,
        "new_versions": s.new_versions,
        "removed": s.removed,
        "unchanged": s.unchanged,
        "articles_all_runs": s.emitted_total,
        "not_modified": s.not_modified,
        "failed": s.failed,
        "failed_articles": s.failed_articles,
        "hosts_given_up": s.hosts_given_up.iter().map(|(h, why)| serde_json::json!({"host": h, "cause": why})).collect::<Vec<_>>(),
        "robots_blocked": s.robots_blocked,
        "duplicates": s.duplicates,
        "revisits_queued": s.revisits_queued,
        "queued_left": s.queued_left,
        "host_wait_seconds": waits.iter().take(20).map(|(h, w)| (h.clone(), serde_json::json!(w.as_secs_f64()))).collect::<serde_json::Map<_, _>>(),
        "seconds": s.seconds,
    });
    ctx.reporter.summary(
        &[
            format!("pages fetched: {}", s.fetched),
            format!(
                "records written: {} ({} new versions, {} removals; URLs with records, all runs: {})",
                s.emitted, s.new_versions, s.removed, s.emitted_total
            ),
            format!(
                "revisits: {} queued, {} not modified, {} unchanged",
                s.revisits_queued, s.not_modified, s.unchanged
            ),
            format!(
                "failed: {} ({} touching articles or seeds; list them with `tintuc crawl --failures --out {}`)",
                s.failed,
                s.failed_articles,
                ctx.config.out.display()
            ),
            format!(
                "hosts given up: {}",
                if given_up.is_empty() {
                    "none".to_string()
                } else {
                    given_up.join("; ")
                }
            ),
            format!("blocked by robots.txt: {}", s.robots_blocked),
            format!("duplicates: {}", s.duplicates),
            format!("left in queue: {}", s.queued_left),
            format!("longest waits for a host's turn: {}", top_waits.join(", ")),
            format!(
                "elapsed: {:.1}s ({:.1} pages/s)",
                s.seconds,
                s.fetched as f64 / s.seconds.max(0.001)
            ),
        ],
        json,
    );
}
