//! Tests: directory. Linking quality on the project's own test set (`tests/linking/`), the
//! incremental update, the JSONL output against `schemas/directory.schema.json`, and the
//! `tintuc directory` command with its CSV/XLSX tables.

pub mod linking;

use linking::{directory, ids_by_key, records, score, truth};

/// Floors of the linking scores (issue 16): person clustering B-cubed F1, position F1.
const BCUBED_F1_FLOOR: f64 = 0.95;
const POSITION_F1_FLOOR: f64 = 0.90;

#[test]
fn linking_test_set_meets_the_floors() {
    let records = records();
    assert!(records.len() >= 60, "only {} articles", records.len());
    let truth = truth();
    let directory = directory(&records);
    let scores = score(&directory, &ids_by_key(&records), &truth);
    println!(
        "linking test set: {} articles, {} identities; people B-cubed {}; positions {}",
        records.len(),
        truth.identities.len(),
        scores.bcubed,
        scores.positions
    );
    for line in &scores.clustering_errors {
        println!("  clustering: {line}");
    }
    for line in &scores.missed_positions {
        println!("  missed position: {line}");
    }
    for line in &scores.extra_positions {
        println!("  extra position: {line}");
    }
    assert!(
        scores.cross_province_merges.is_empty(),
        "namesakes of different provinces merged: {:?}",
        scores.cross_province_merges
    );
    assert!(
        scores.bcubed.f1 >= BCUBED_F1_FLOOR,
        "B-cubed {} below {BCUBED_F1_FLOOR}: {:#?}",
        scores.bcubed,
        scores.clustering_errors
    );
    assert!(
        scores.positions.f1 >= POSITION_F1_FLOOR,
        "positions {} below {POSITION_F1_FLOOR}; missed {:#?}; extra {:#?}",
        scores.positions,
        scores.missed_positions,
        scores.extra_positions
    );
}

/// A fresh folder under the system's temporary directory.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tintuc-directory-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The records of the linking set as a JSONL file, as `extract` or `crawl` would write them.
fn write_records(path: &std::path::Path, records: &[(String, tintuc::Record)]) {
    let mut text = String::new();
    for (_, record) in records {
        text.push_str(&serde_json::to_string(record).expect("record"));
        text.push('\n');
    }
    std::fs::write(path, text).expect("write records");
}

#[test]
fn directory_command_writes_lines_that_match_the_schema() {
    let dir = temp_dir("cli");
    let records = records();
    let input = dir.join("articles.jsonl");
    write_records(&input, &records);
    let out = super::support::tintuc_ok(&["directory", input.to_str().unwrap()], None, None);
    let lines = super::support::jsonl(&out.stdout);
    let schema = super::support::schema::Schema::load("directory.schema.json");
    for line in &lines {
        schema.assert_valid(line, "directory line");
    }
    assert_eq!(lines[0]["type"], "summary");
    assert_eq!(lines[0]["articles"], records.len());
    let count = |kind: &str| lines.iter().filter(|l| l["type"] == kind).count();
    assert_eq!(count("article"), records.len());
    assert_eq!(count("person") as u64, lines[0]["people"].as_u64().unwrap());
    assert!(count("position") >= count("person"));
    if std::env::var_os("TINTUC_KEEP_TEST_FILES").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Test articles as records, with their ids.
type Records = Vec<(String, tintuc::Record)>;

/// The records split into two crawls: articles published before 2025 and the rest.
fn two_crawls(records: &[(String, tintuc::Record)]) -> (Records, Records) {
    records
        .iter()
        .cloned()
        .partition(|(_, r)| r.article.published.as_deref().unwrap_or("") < "2025")
}

#[test]
fn an_update_from_saved_state_equals_a_build_from_all_records() {
    let records = records();
    let (first, second) = two_crawls(&records);
    assert!(!first.is_empty() && !second.is_empty());
    let full = directory(&records);

    let mut builder = tintuc::directory::DirectoryBuilder::new();
    for (_, record) in &first {
        builder.add_record(record);
    }
    let before = builder.directory();
    assert!(before.summary.articles < full.summary.articles);
    let mut state = Vec::new();
    builder.write_state(&mut state).expect("state");
    let mut resumed =
        tintuc::directory::DirectoryBuilder::load_state(state.as_slice(), "state").expect("load");
    assert_eq!(resumed.articles(), first.len());
    for (_, record) in &second {
        resumed.add_record(record);
    }
    assert_eq!(resumed.directory(), full);

    // A record crawled again replaces its earlier digest instead of counting twice.
    let (_, again) = &records[0];
    resumed.add_record(again);
    assert_eq!(resumed.directory(), full);
}

#[test]
fn directory_command_updates_its_state_with_a_new_crawl() {
    let dir = temp_dir("state");
    let records = records();
    let (first, second) = two_crawls(&records);
    let (crawl1, crawl2, all) = (
        dir.join("crawl1.jsonl"),
        dir.join("crawl2.jsonl"),
        dir.join("all.jsonl"),
    );
    write_records(&crawl1, &first);
    write_records(&crawl2, &second);
    write_records(&all, &records);
    let state = dir.join("directory.state");
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        super::support::tintuc_ok(&args, None, None)
    };
    run(&[
        "directory".into(),
        path(&crawl1),
        "--state".into(),
        path(&state),
    ]);
    let second_run = run(&[
        "directory".into(),
        path(&crawl2),
        "--state".into(),
        path(&state),
    ]);
    let stderr = String::from_utf8_lossy(&second_run.stderr);
    assert!(
        stderr.contains(&format!(
            "({} read now, {} before)",
            second.len(),
            first.len()
        )),
        "{stderr}"
    );
    let whole = run(&["directory".into(), path(&all)]);
    assert_eq!(
        String::from_utf8_lossy(&second_run.stdout),
        String::from_utf8_lossy(&whole.stdout)
    );
    // The saved state alone writes the same directory again.
    let again = run(&["directory".into(), "--state".into(), path(&state)]);
    assert_eq!(again.stdout, whole.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn directory_command_reports_bad_lines_and_a_broken_state() {
    let dir = temp_dir("bad");
    let records = records();
    let input = dir.join("articles.jsonl");
    write_records(&input, &records[..5]);
    let mut text = std::fs::read_to_string(&input).unwrap();
    text.push_str("{\"title\": \"no text field\"\n");
    std::fs::write(&input, text).unwrap();
    let out = super::support::tintuc(&["directory", input.to_str().unwrap()], None, None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The broken line is named with its line number (the reader says what is wrong with it).
    assert!(stderr.contains("articles.jsonl:6: "), "{stderr}");
    let lines = super::support::jsonl(&out.stdout);
    assert_eq!(lines[0]["articles"], 5);

    let state = dir.join("broken.state");
    std::fs::write(
        &state,
        "{\"header\":{\"format\":\"tintuc-directory-state\",\"version\":1}}\nnot json\n",
    )
    .unwrap();
    let out = super::support::tintuc(
        &[
            "directory",
            input.to_str().unwrap(),
            "--state",
            state.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.state:2") && stderr.contains("not a directory state line"),
        "{stderr}"
    );
    // The broken state is left as it was.
    assert!(std::fs::read_to_string(&state)
        .unwrap()
        .contains("not json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn directory_tables_go_through_the_export_writers() {
    use super::export::readers::{parse_csv, unzip};
    use tintuc::directory::DirectoryTable;

    let dir = temp_dir("tables");
    let records = records();
    let input = dir.join("articles.jsonl");
    write_records(&input, &records);
    let folder = dir.join("tables");
    let arg = |p: &std::path::Path| p.to_str().unwrap().to_string();
    super::support::tintuc_ok(
        &[
            "directory",
            &arg(&input),
            "--format",
            "csv",
            "-o",
            &arg(&folder),
        ],
        None,
        None,
    );
    let directory = directory(&records);
    for table in DirectoryTable::ALL {
        let bytes = std::fs::read(folder.join(format!("{}.csv", table.name()))).expect("csv file");
        let (bom, rows) = parse_csv(&bytes);
        assert!(bom, "{table}: CSV files start with a byte order mark");
        let header: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(rows[0], header, "{table}");
        assert_eq!(rows.len() - 1, table.rows(&directory).len(), "{table}");
        assert!(rows.iter().all(|r| r.len() == header.len()), "{table}");
    }
    let positions = parse_csv(&std::fs::read(folder.join("positions.csv")).unwrap()).1;
    let promoted: Vec<&Vec<String>> = positions
        .iter()
        .filter(|r| r[2] == "Lê Quang Bình")
        .collect();
    let roles: Vec<&str> = promoted.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        roles,
        ["Phó Giám đốc", "Giám đốc"],
        "a promotion is a new position, in order"
    );

    let workbook = dir.join("directory.xlsx");
    super::support::tintuc_ok(
        &["directory", &arg(&input), "-o", &arg(&workbook)],
        None,
        None,
    );
    let parts = unzip(&std::fs::read(&workbook).unwrap());
    let book = &parts["xl/workbook.xml"];
    for table in DirectoryTable::ALL {
        assert!(
            book.contains(&format!("name=\"{}\"", table.name())),
            "sheet {table}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_command_prints_the_directory_schemas() {
    for (which, file) in [
        ("directory", "schemas/directory.schema.json"),
        ("directory-csv", "schemas/directory_tables.schema.json"),
    ] {
        let out = super::support::tintuc_ok(&["schema", which], None, None);
        let expected = std::fs::read(super::support::root().join(file)).expect("schema file");
        assert_eq!(out.stdout, expected, "{which}");
    }
}

#[test]
fn directory_of_the_test_set_shows_careers_successors_and_doubts() {
    let directory = directory(&records());
    let person = |name: &str| -> Vec<&tintuc::directory::entry::PersonEntry> {
        directory.people.iter().filter(|p| p.name == name).collect()
    };
    let positions = |id: &str| -> Vec<&tintuc::directory::entry::PositionEntry> {
        directory
            .positions
            .iter()
            .filter(|p| p.person == id)
            .collect()
    };
    let organization = |name: &str| {
        directory
            .organizations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no organisation {name}"))
    };

    // Three namesakes in three provinces, each listing the other two.
    let hung = person("Nguyễn Văn Hùng");
    assert_eq!(hung.len(), 3);
    for p in &hung {
        assert_eq!(p.namesakes.len(), 2, "{}", p.id);
        assert_eq!(p.provinces.len(), 1, "{}: {:?}", p.id, p.provinces);
    }

    // A move from the Văn phòng to the people's committee is merged, and flagged for review.
    let huong = person("Phan Thị Thanh Hương");
    assert_eq!(huong.len(), 1);
    assert!(huong[0]
        .flags
        .iter()
        .any(|f| f.kind == tintuc::directory::link::FlagKind::MergedAcrossBodies));
    // Evidence that agrees leaves no flag.
    assert!(person("Lê Quang Bình")[0].flags.is_empty());

    // Acting, then confirmed: one position with the modifier; then the merged department.
    let lan = person("Lương Thị Lan")[0];
    let lan_positions = positions(&lan.id);
    assert_eq!(lan_positions.len(), 2);
    assert_eq!(
        lan_positions[0].organization_name.as_deref(),
        Some("Sở Tài nguyên và Môi trường tỉnh Lâm Đồng")
    );
    assert!(lan_positions[0].modifiers.iter().any(|m| m == "Quyền"));
    assert_eq!(
        lan_positions[0].successor.as_deref(),
        Some("Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng")
    );

    // A former chairman: the post keeps when it was held, and since when he is "nguyên".
    let tri = person("Phạm Minh Trí")[0];
    let chair = positions(&tri.id)[0];
    assert_eq!(chair.last_seen.as_deref(), Some("2024-09-12"));
    assert_eq!(chair.former_since.as_deref(), Some("2025-04-22"));

    // Bodies of a province merged in 2025 name the new province's body as successor.
    let thai_binh = organization("Sở Nội vụ tỉnh Thái Bình");
    assert_eq!(
        thai_binh.successor.as_deref(),
        Some("Sở Nội vụ tỉnh Hưng Yên")
    );
    let hung_yen = organization("Sở Nội vụ tỉnh Hưng Yên");
    assert!(hung_yen
        .predecessors
        .contains(&"Sở Nội vụ tỉnh Thái Bình".to_string()));
    let tt = organization("Sở Thông tin và Truyền thông tỉnh Thái Bình");
    assert_eq!(
        tt.successor.as_deref(),
        Some("Sở Khoa học và Công nghệ tỉnh Hưng Yên")
    );

    // The people seen in each post over time.
    let ubnd = organization("Ủy ban nhân dân tỉnh Quảng Trị");
    let deputies = ubnd
        .posts
        .iter()
        .find(|p| p.role == "Phó Chủ tịch")
        .expect("deputy chairs");
    let names: Vec<&str> = deputies.holders.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["Trần Đình Khoa", "Phan Thị Thanh Hương"]);
    assert!(ubnd.abbreviations.iter().any(|a| a.starts_with("UBND")));
}
