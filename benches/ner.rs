//! Entity-recognition throughput: `cargo bench --bench ner`.
//!
//! Measures the one-off build of gazetteers and lexicons, then recognition over the sample texts
//! (`samples/texts/*.txt`, documents of the genre) repeated until the figure is stable, on one core:
//! MB/s of text, articles/s, the share of each recogniser, and the process's peak memory (VmHWM).
//! `TINTUC_BENCH_TEXTS=FILE.jsonl` measures on the `text` fields of a JSONL file instead (e.g. a
//! set of full articles). `cargo bench --bench ner -- long` then recognises documents of 1, 10 and
//! 50 MB (the texts repeated) and prints seconds per MB and peak memory after each: the time must
//! stay linear (long texts are read in pieces); `-- build` builds the lexicons and recogniser 20
//! more times and prints min, median and max milliseconds. A benchmark, not a test: it never fails
//! on speed.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/clock.rs"]
mod clock;

use clock::{peak_memory_mb, thread_cpu_seconds};
use tintuc::model::Ymd;
use tintuc::ner::{Lexicons, Recognizer};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/texts");
    let mut texts: Vec<String> = match std::env::var("TINTUC_BENCH_TEXTS") {
        Ok(path) => std::fs::read_to_string(&path)
            .expect("TINTUC_BENCH_TEXTS file")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect(),
        Err(_) => std::fs::read_dir(&dir)
            .expect("samples/texts")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect(),
    };
    texts.sort();
    assert!(!texts.is_empty(), "no sample texts in {}", dir.display());
    let published = Ymd::parse_iso("2024-06-15");

    let started = Instant::now();
    let recognizer = Recognizer::new(&Lexicons::builtin());
    let build = started.elapsed();
    println!(
        "gazetteers and lexicons built in {:.1} ms",
        build.as_secs_f64() * 1e3
    );

    let bytes_per_round: usize = texts.iter().map(String::len).sum();
    let mut rounds = 0usize;
    let mut mentions = 0usize;
    let (started, cpu_started) = (Instant::now(), thread_cpu_seconds());
    while started.elapsed() < Duration::from_secs(3) {
        for text in &texts {
            mentions += recognizer.spans(text, published).len();
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu_seconds = (thread_cpu_seconds() - cpu_started).max(1e-9);
    let megabytes = (bytes_per_round * rounds) as f64 / 1e6;
    let articles = (texts.len() * rounds) as f64;
    let average_kb = bytes_per_round as f64 / texts.len() as f64 / 1e3;
    println!(
        "ner: {:.2} MB/s, {:.0} articles/s (per CPU second: {:.2} MB, {:.0} articles; average {:.1} KB), {} mentions per round, one core",
        megabytes / seconds,
        articles / seconds,
        megabytes / cpu_seconds,
        articles / cpu_seconds,
        average_kb,
        mentions / rounds.max(1)
    );
    // Where the time goes: each recogniser alone over the same texts, one round.
    let time = |f: &dyn Fn(&str)| {
        let started = Instant::now();
        for text in &texts {
            f(text);
        }
        started.elapsed().as_secs_f64()
    };
    let total = time(&|t| {
        recognizer.spans(t, published);
    });
    let dates = time(&|t| {
        recognizer.dates(t, published);
    });
    let all_found = time(&|t| {
        recognizer.find(t, published);
    });
    println!(
        "per round: {:.2} ms in all, {:.2} ms in the four recognisers (dates {:.2} ms), the rest resolving spans",
        total * 1e3,
        all_found * 1e3,
        dates * 1e3
    );
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory (VmHWM): {mb:.1} MB");
    }
    if std::env::args().any(|a| a == "long") {
        long_documents(&recognizer, &texts, published);
    }
    if std::env::args().any(|a| a == "build") {
        repeated_builds();
    }
}

/// The start-up cost again, built 20 times in this process (the first build above also pays for
/// the first touch of the embedded tables): min, median and max wall-clock milliseconds.
fn repeated_builds() {
    let mut ms: Vec<f64> = (0..20)
        .map(|_| {
            let started = Instant::now();
            let recognizer = Recognizer::new(&Lexicons::builtin());
            let elapsed = started.elapsed().as_secs_f64() * 1e3;
            drop(recognizer);
            elapsed
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!(
        "lexicons and recogniser built 20 times: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms[0],
        ms[ms.len() / 2],
        ms[ms.len() - 1]
    );
}

/// Recognition time per MB and peak memory on single documents of growing length.
fn long_documents(recognizer: &Recognizer, texts: &[String], published: Option<Ymd>) {
    let unit = texts.join("\n\n") + "\n\n";
    for megabytes in [1usize, 10, 50] {
        let document = unit.repeat(megabytes * 1_000_000 / unit.len() + 1);
        let started = thread_cpu_seconds();
        let entities = recognizer.recognize_text(&document, published);
        let seconds = thread_cpu_seconds() - started;
        let size = document.len() as f64 / 1e6;
        println!(
            "one {size:.1} MB document: {seconds:.2} CPU s ({:.3} s per MB), {} dates, peak memory {:.0} MB",
            seconds / size,
            entities.dates.len(),
            peak_memory_mb().unwrap_or(0.0)
        );
    }
}
