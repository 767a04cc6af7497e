//! Extraction throughput: MB of HTML per second on one core, and peak memory.
//!
//! Runs `pipeline::process_page` (decode + extract + ner) and `extract` alone over every
//! `samples/*/source.html`, repeated until each measurement lasts at least
//! [`MIN_SECONDS`], and prints the best of [`ROUNDS`] rounds. Extra directories of pages given
//! in `TINTUC_BENCH_DIRS` (colon-separated, e.g. `../shared/html/sotttt.hanoi.gov.vn`) are
//! measured the same way. Rates are MB per second of wall time and per CPU second of the measuring
//! thread (the figure that holds on a shared machine). Not a test: it never fails on time.
//!
//! `cargo bench --bench throughput`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "support/clock.rs"]
mod clock;

use clock::{peak_memory_mb, thread_cpu_seconds};
use tintuc::extract::{extract, Profiles};
use tintuc::pipeline::{process_page, PageContext, DEFAULT_MAX_PAGE_BYTES};

/// Each round runs the corpus until this much time has passed.
const MIN_SECONDS: f64 = 1.0;
/// Rounds per measurement; the best one is reported.
const ROUNDS: usize = 3;

struct Page {
    bytes: Vec<u8>,
    url: Option<String>,
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        if path.is_dir() {
            out.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html" || e == "htm") {
            out.push(path);
        }
    }
    out
}

fn load(dir: &Path) -> Vec<Page> {
    html_files(dir)
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let url = std::fs::read_to_string(path.with_file_name("url.txt"))
                .ok()
                .map(|u| u.trim().to_string());
            (!bytes.is_empty()).then_some(Page { bytes, url })
        })
        .collect()
}

/// Best MB/s over the rounds, by wall time and by CPU time.
#[derive(Default, Clone, Copy)]
struct Rate {
    wall: f64,
    cpu: f64,
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.1} MB/s ({:.1} MB per CPU second)",
            self.wall, self.cpu
        )
    }
}

/// Runs `round` (which returns the bytes it processed) repeatedly for [`MIN_SECONDS`], [`ROUNDS`]
/// times; the best rates.
fn measure_rounds(mut round: impl FnMut() -> usize) -> Rate {
    let mut best = Rate::default();
    for _ in 0..ROUNDS {
        let (start, cpu_start) = (Instant::now(), thread_cpu_seconds());
        let mut bytes = 0usize;
        while start.elapsed() < Duration::from_secs_f64(MIN_SECONDS) {
            bytes += round();
        }
        let megabytes = bytes as f64 / 1e6;
        best.wall = best.wall.max(megabytes / start.elapsed().as_secs_f64());
        best.cpu = best
            .cpu
            .max(megabytes / (thread_cpu_seconds() - cpu_start).max(1e-9));
    }
    best
}

/// Best rates of one function over the corpus.
fn measure(pages: &[Page], mut run: impl FnMut(&Page)) -> Rate {
    let total: usize = pages.iter().map(|p| p.bytes.len()).sum();
    measure_rounds(|| {
        for page in pages {
            run(page);
        }
        total
    })
}

fn report(name: &str, pages: &[Page], profiles: &Profiles) {
    if pages.is_empty() {
        println!("{name}: no pages");
        return;
    }
    let total: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let largest = pages.iter().map(|p| p.bytes.len()).max().unwrap_or(0);
    let pipeline_rate = measure(pages, |page| {
        let ctx = PageContext {
            url: page.url.as_deref(),
            content_type: None,
            profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        let _ = std::hint::black_box(process_page(&page.bytes, &ctx));
    });
    let decode_rate = measure(pages, |page| {
        let _ = std::hint::black_box(tintuc::decode::decode_html(&page.bytes, None));
    });
    let decoded: Vec<(String, Option<String>)> = pages
        .iter()
        .filter_map(|p| {
            tintuc::decode::decode_html(&p.bytes, None)
                .ok()
                .map(|d| (d.html, p.url.clone()))
        })
        .collect();
    let total_decoded: usize = decoded.iter().map(|(h, _)| h.len()).sum();
    let extract_only = measure_rounds(|| {
        for (html, url) in &decoded {
            let _ = std::hint::black_box(extract(html, url.as_deref(), profiles));
        }
        total_decoded
    });
    println!(
        "{name}: {} pages, {:.1} KB average, largest {:.1} KB\n  decode+extract+ner: {pipeline_rate}\n  decode only:        {decode_rate}\n  extract only:       {extract_only}",
        pages.len(),
        total as f64 / pages.len() as f64 / 1024.0,
        largest as f64 / 1024.0,
    );
}

fn main() {
    let profiles = Profiles::builtin();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/pages");
    report("samples", &load(&samples), &profiles);
    if let Ok(dirs) = std::env::var("TINTUC_BENCH_DIRS") {
        for dir in dirs.split(':').filter(|d| !d.is_empty()) {
            report(dir, &load(Path::new(dir)), &profiles);
        }
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory (VmHWM): {mb:.1} MB");
    }
}
