//! Hostile input at scale (issue 14): mutants of every page the project has go through
//! decode + extract + recognise twice each. Reports panics, outputs that differ between two runs,
//! the slowest input in seconds per MB and the peak memory. Not a test: it never fails on time.
//!
//! `cargo bench --bench hostile [-- CASES]` (default 10,000 mutants)

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

use tintuc::extract::Profiles;
use tintuc::pipeline::{process_page, PageContext, DEFAULT_MAX_PAGE_BYTES};

#[path = "support/clock.rs"]
mod clock;
#[path = "../tests/support/mutate.rs"]
mod mutate;

fn base_pages() -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in ["samples/pages", "tests/pages"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path().join("source.html")))
            .filter(|p| p.exists())
            .collect();
        paths.sort();
        pages.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()));
    }
    pages
}

fn main() {
    let cases: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let pages = base_pages();
    let profiles = Profiles::builtin();
    let ctx = PageContext {
        url: Some("https://example.gov.vn/tin-tuc/bai-viet-1.html"),
        content_type: None,
        profiles: &profiles,
        max_bytes: DEFAULT_MAX_PAGE_BYTES,
    };
    let run = |input: &[u8]| match process_page(input, &ctx) {
        Ok(record) => serde_json::to_string(&record).unwrap_or_default(),
        Err(err) => format!("error: {err}"),
    };
    let (mut panics, mut drifts, mut records, mut refused) = (0, 0, 0, 0);
    let mut worst = (0.0f64, 0u64, 0usize);
    let mut total_bytes = 0usize;
    let started = Instant::now();
    for seed in 0..cases {
        let base = &pages[seed as usize % pages.len()];
        let input = mutate::mutant(base, seed);
        total_bytes += input.len();
        let begun = clock::thread_cpu_seconds();
        let first = catch_unwind(AssertUnwindSafe(|| run(&input)));
        let seconds = clock::thread_cpu_seconds() - begun;
        let second = catch_unwind(AssertUnwindSafe(|| run(&input)));
        match (first, second) {
            (Ok(a), Ok(b)) => {
                if a != b {
                    drifts += 1;
                    eprintln!("seed {seed}: output differs between two runs");
                }
                if a.starts_with("error") {
                    refused += 1;
                } else {
                    records += 1;
                }
            }
            _ => {
                panics += 1;
                eprintln!("seed {seed}: panic");
            }
        }
        let per_mb = seconds / (input.len().max(1) as f64 / 1e6);
        if input.len() > 10_000 && per_mb > worst.0 {
            worst = (per_mb, seed, input.len());
        }
    }
    println!(
        "{cases} mutants of {} pages ({:.1} MB) in {:.1} s: {records} records, {refused} refused, {panics} panics, {drifts} outputs that differ between runs",
        pages.len(),
        total_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    println!(
        "slowest input: {:.2} CPU s per MB (seed {}, {} KB); peak memory {:.0} MB",
        worst.0,
        worst.1,
        worst.2 / 1024,
        clock::peak_memory_mb().unwrap_or(0.0)
    );
}
