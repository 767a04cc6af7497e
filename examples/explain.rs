//! Why did the generic extractor pick that title, that text, that date? Prints its decisions
//! for one saved page: the container it chose, the headline candidates with their scores and
//! the date line next to the headline.
//!
//! `cargo run --release --example explain -- page.html [URL]`

use std::collections::HashSet;

use scraper::Html;
use tintuc::extract::generic::{date, title, Page};
use tintuc::extract::{blocks, content, metadata};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: explain PAGE.html [URL]");
        std::process::exit(2);
    };
    let url = args.next();
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let decoded = match tintuc::decode::decode_html(&bytes, None) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = Html::parse_document(&decoded.html);
    let meta = metadata::read(&doc);
    let base = url.as_deref().and_then(|u| url::Url::parse(u).ok());
    let root = doc.root_element();
    let segments = blocks::segment(root, &HashSet::new(), base.as_ref());
    let classes = content::classify(&segments);
    let page = Page {
        doc: &doc,
        meta: &meta,
        segments,
        classes,
    };
    println!(
        "metadata: title {:?}, <title> {:?}, site {:?}, published {:?}",
        meta.title,
        meta.html_title,
        meta.site_name,
        meta.published.map(|d| d.to_rfc3339())
    );
    let Some(container) = content::best_container(&page.segments, &page.classes) else {
        println!("no container");
        return;
    };
    let node = &page.segments.nodes[container];
    let range = node.blocks.clone();
    println!(
        "container: <{} class={:?}> blocks {range:?}",
        node.tag, node.class
    );
    let first_text = range
        .clone()
        .find(|&i| content::is_article_text(&page.segments, &page.classes, i))
        .unwrap_or(range.start);
    println!(
        "first text block {first_text}: {:.80}",
        page.segments.blocks[first_text].text
    );
    let mut candidates = title::candidates(&page, Some(first_text));
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    for c in candidates.iter().take(12) {
        println!(
            "title {:6.2} block {:?} {}: {:.100}",
            c.score, c.found.block, c.found.source, c.found.text
        );
    }
    let anchor = candidates
        .first()
        .and_then(|c| c.found.block)
        .unwrap_or(first_text);
    let line = date::near_headline(&page, anchor, first_text);
    println!(
        "date near the headline: {:?}",
        line.published.map(|d| d.to_rfc3339())
    );
    for (i, b) in page
        .segments
        .blocks
        .iter()
        .enumerate()
        .skip(anchor.saturating_sub(8))
        .take(20)
    {
        println!(
            "  block {i:4} {:?} link {:.2} {:.90}",
            page.classes.kinds[i], b.linked, b.text
        );
    }
}
