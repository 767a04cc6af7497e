//! Tests: warc. Reading WARC files built by hand to the WARC 1.0 / 1.1 specification
//! (`tests/fixtures/warc/make_fixtures.py`, independent of tintuc's writer): plain, gzip per
//! record (wget style), whole-file gzip, a chunked + gzip payload, skipped payloads, damaged
//! records. `expected.json` lists, per file, what a reader must find, with offsets computed by the
//! generator.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use tintuc::warc::read::{html_responses, HtmlResponses, WarcError, WarcReader};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/warc")
        .join(name)
}

fn expectations() -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(fixture("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// Every fixture gives exactly the pages, skips and errors the generator recorded, in order.
#[test]
fn html_responses_match_the_generator_manifest() {
    let manifest = expectations();
    assert!(manifest.len() >= 6);
    for (name, expected) in &manifest {
        let path = fixture(name);
        let got: Vec<_> = html_responses(&path).collect();
        let expected = expected.as_array().expect("list");
        assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
        for (item, want) in got.iter().zip(expected) {
            let kind = want["kind"].as_str().unwrap();
            let offset = want["offset"].as_u64().unwrap();
            match (kind, item) {
                ("page", Ok(page)) => {
                    assert_eq!(page.offset, offset, "{name}: {}", page.target_uri);
                    assert_eq!(page.target_uri, want["uri"].as_str().unwrap(), "{name}");
                    assert_eq!(
                        page.status.map(u64::from),
                        want["status"].as_u64(),
                        "{name}"
                    );
                    let body = String::from_utf8_lossy(&page.body);
                    match want["contains"].as_str() {
                        Some(phrase) => assert!(body.contains(phrase), "{name}: {body}"),
                        // A legacy encoding: the bytes are handed on as they are, for decode.
                        None => assert_eq!(Some(page.body.len() as u64), want["bytes"].as_u64()),
                    }
                    assert!(body.trim_end().ends_with("</html>"), "{name}: whole body");
                    assert_eq!(page.file, path.display().to_string());
                    assert_eq!(page.date.as_deref(), Some("2024-03-05T02:15:00Z"));
                    let provenance = page.provenance();
                    assert_eq!(provenance.warc_offset, Some(offset));
                    assert_eq!(provenance.status, page.status);
                }
                ("skipped", Err(err @ WarcError::Skipped { uri, reason, .. })) => {
                    assert!(err.is_skip());
                    assert_eq!(err.offset(), Some(offset), "{name}: {err}");
                    assert_eq!(uri, want["uri"].as_str().unwrap());
                    assert!(
                        reason.contains(want["reason"].as_str().unwrap()),
                        "{name}: {err}"
                    );
                }
                ("truncated", Err(err @ WarcError::Truncated { .. }))
                | ("corrupt", Err(err @ WarcError::Corrupt { .. }))
                | (
                    "damaged",
                    Err(err @ (WarcError::Truncated { .. } | WarcError::Corrupt { .. })),
                ) => {
                    assert!(!err.is_skip());
                    assert_eq!(err.offset(), Some(offset), "{name}: {err}");
                    let message = err.to_string();
                    assert!(
                        message.starts_with(&path.display().to_string()),
                        "{message}"
                    );
                    assert!(message.contains(&format!("offset {offset}")), "{message}");
                }
                _ => panic!("{name}: expected {kind} at {offset}, got {item:?}"),
            }
        }
    }
}

/// The chunked + gzip payload is decoded, not handed on compressed.
#[test]
fn chunked_gzip_payload_is_decoded() {
    let page = html_responses(&fixture("plain.warc"))
        .filter_map(Result::ok)
        .find(|p| p.target_uri.ends_with("/tap-huan"))
        .expect("the chunked page");
    assert!(page.body.starts_with(b"<!DOCTYPE html>"));
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=UTF-8")
    );
}

/// Whole-file gzip and plain give the same records at the same (uncompressed) offsets.
#[test]
fn whole_file_gzip_reads_like_the_plain_file() {
    let summary = |name: &str| -> Vec<(u64, String, String)> {
        WarcReader::open(&fixture(name))
            .unwrap()
            .map(|r| {
                let r = r.unwrap();
                (r.offset, r.warc_type(), r.version.clone())
            })
            .collect()
    };
    let plain = summary("plain.warc");
    assert_eq!(plain.len(), 9);
    assert_eq!(
        plain[0],
        (0, "warcinfo".to_string(), "WARC/1.1".to_string())
    );
    assert_eq!(summary("whole-file.warc.gz"), plain);
}

/// In a per-record gzip file each offset is that of a gzip member: decompressing from it (what
/// `tail -c +OFFSET | zcat` or a CDX lookup does) gives the record.
#[test]
fn per_record_offsets_point_at_gzip_members() {
    let bytes = std::fs::read(fixture("per-record.warc.gz")).unwrap();
    let mut good = 0;
    for record in WarcReader::open(&fixture("per-record.warc.gz")).unwrap() {
        let Ok(record) = record else { continue };
        let at = usize::try_from(record.offset).unwrap();
        let mut head = [0u8; 8];
        flate2::read::GzDecoder::new(&bytes[at..])
            .read_exact(&mut head)
            .unwrap();
        assert_eq!(&head, b"WARC/1.0");
        assert_eq!(record.version, "WARC/1.0");
        good += 1;
    }
    assert_eq!(good, 9);
}

#[test]
fn wget_angle_brackets_are_stripped_from_target_uris() {
    let record = WarcReader::open(&fixture("per-record.warc.gz"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|r| r.warc_type() == "request")
        .unwrap();
    assert!(record.header("WARC-Target-URI").unwrap().starts_with('<'));
    assert_eq!(
        record.target_uri(),
        Some("https://snv.phuyen.gov.vn/tin-tuc/hoi-nghi")
    );
}

#[test]
fn missing_file_is_one_error_naming_it() {
    let path = fixture("no-such.warc");
    let items: Vec<_> = html_responses(&path).collect();
    assert_eq!(items.len(), 1);
    let err = items.into_iter().next().unwrap().unwrap_err();
    assert!(matches!(err, WarcError::Open { .. }));
    assert!(err.to_string().contains("no-such.warc"), "{err}");
}

/// A block over the size limit is skipped over (never held in memory) and reported as a skip;
/// the next record is still read.
#[test]
fn blocks_over_the_limit_are_skipped_with_a_reason() {
    let bytes = std::fs::read(fixture("plain.warc")).unwrap();
    let reader = WarcReader::new(Cursor::new(bytes), "mem.warc")
        .unwrap()
        .with_max_block(400);
    let items: Vec<_> = HtmlResponses::new(reader).collect();
    let skipped_for_size = items
        .iter()
        .filter(|i| matches!(i, Err(WarcError::Skipped { reason, .. }) if reason.contains("size limit")))
        .count();
    assert!(skipped_for_size >= 2, "{items:#?}");
    assert!(items
        .iter()
        .any(|i| matches!(i, Ok(p) if p.target_uri.ends_with("/dien-dan"))));
}

/// Bytes that are not a WARC at all: one clear error, then the end (no endless loop).
#[test]
fn garbage_is_one_error_then_the_end() {
    let reader =
        WarcReader::new(Cursor::new(b"<html>not a warc</html>\n".to_vec()), "x.warc").unwrap();
    let items: Vec<_> = reader.collect();
    assert_eq!(items.len(), 1, "{items:?}");
    let err = items[0].as_ref().unwrap_err();
    assert!(
        err.to_string().contains("x.warc: offset 0: corrupt record"),
        "{err}"
    );

    let reader =
        WarcReader::new(Cursor::new(vec![0x1f, 0x8b, 0x08, 0, 1, 2, 3]), "y.warc.gz").unwrap();
    let items: Vec<_> = reader.collect();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap_err().offset(), Some(0));

    assert_eq!(
        WarcReader::new(Cursor::new(Vec::new()), "empty.warc")
            .unwrap()
            .count(),
        0
    );
}

/// A WARC written by GNU Wget 1.21.3 (`wget -r -l1 --warc-file=crawl URL` against a local test
/// server; the site was two small pages and an image): the pages come out, the robots.txt 404,
/// the image and wget's own log and arguments records are skipped with reasons.
#[test]
fn reads_a_warc_written_by_wget() {
    let items: Vec<_> = html_responses(&fixture("wget-1.21.3.warc.gz")).collect();
    let pages: Vec<&str> = items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|p| p.target_uri.as_str())
        .collect();
    assert_eq!(
        pages,
        [
            "http://127.0.0.1:18765/index.html",
            "http://127.0.0.1:18765/b.html"
        ]
    );
    let index = items[0].as_ref().unwrap();
    assert!(String::from_utf8_lossy(&index.body).contains("Ủy ban nhân dân"));
    assert_eq!(index.status, Some(200));
    let reasons: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Err(WarcError::Skipped { reason, .. }) => Some(reason.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(
        reasons[0].contains("404") && reasons[1].contains("image/png"),
        "{reasons:?}"
    );
    assert!(items
        .iter()
        .all(|i| i.as_ref().map_or_else(WarcError::is_skip, |_| true)));
}
