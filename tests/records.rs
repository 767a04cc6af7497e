//! Tests: every record the samples give is valid against `schemas/record.schema.json`, and every
//! entity mention is true to the text of its field.

use std::path::{Path, PathBuf};

use tintuc::extract::Profiles;
use tintuc::pipeline::{process_page, PageContext, DEFAULT_MAX_PAGE_BYTES};

use crate::support::schema::Schema;
use crate::support::{assert_offsets_true, record_field_text, root};

/// Every `source.html` under `samples/`, with the URL from its `url.txt` when there is one.
fn sample_pages() -> Vec<(PathBuf, Option<String>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<String>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n == "source.html") {
                let url = std::fs::read_to_string(path.with_file_name("url.txt"))
                    .ok()
                    .map(|u| u.trim().to_string());
                out.push((path, url));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("samples"), &mut out);
    out
}

#[test]
fn sample_records_match_the_schema_and_their_offsets() {
    let schema = Schema::load("record.schema.json");
    let profiles = Profiles::builtin();
    let pages = sample_pages();
    let mut records = 0;
    for (path, url) in &pages {
        let bytes = std::fs::read(path).expect("read sample");
        let ctx = PageContext {
            url: url.as_deref(),
            content_type: None,
            profiles: &profiles,
            max_bytes: DEFAULT_MAX_PAGE_BYTES,
        };
        let Ok(record) = process_page(&bytes, &ctx) else {
            continue;
        };
        let value = serde_json::to_value(&record).expect("record serialises");
        schema.assert_valid(&value, &path.display().to_string());
        assert_offsets_true(&value["entities"], &|m| record_field_text(&value, m));
        records += 1;
    }
    assert!(
        pages.is_empty() || records > 0,
        "no sample page gave a record"
    );
}

#[test]
fn the_seed_sample_merges_each_person_with_all_their_titles() {
    let bytes =
        std::fs::read(root().join("samples/pages/snv-khanhhoa/source.html")).expect("seed sample");
    let profiles = Profiles::builtin();
    let ctx = PageContext {
        url: None,
        content_type: None,
        profiles: &profiles,
        max_bytes: DEFAULT_MAX_PAGE_BYTES,
    };
    let record = process_page(&bytes, &ctx).expect("seed sample gives a record");
    let people = &record.entities.people;
    let minh = people
        .iter()
        .find(|p| p.name == "Vũ Đăng Minh")
        .expect("Vũ Đăng Minh found");
    // Named in the text three times and in a caption once; one title written with "Bộ Nội vụ" and
    // again with "BNV" is one title.
    assert_eq!(minh.mentions.len(), 4, "{:?}", minh.mentions);
    let roles: Vec<&str> = minh.titles.iter().map(|t| t.role.as_str()).collect();
    assert_eq!(
        roles,
        ["Chánh Văn phòng", "Phó Chủ tịch Thường trực"],
        "{:?}",
        minh.titles
    );
    assert!(minh
        .mentions
        .iter()
        .any(|m| m.span.field == tintuc::model::Field::Caption));
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    for name in ["Nguyễn Đức Vũ", "Trần Thị Kim Hoa", "Nguyễn Văn Minh"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
}
