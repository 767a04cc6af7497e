//! Tests: export. Records built by hand (entities filled in, not recognised) are written as CSV,
//! XLSX and JSONL and read back the way a user's tools would: CSV with an RFC 4180 parser,
//! XLSX by unzipping the workbook and reading its XML parts, and `tintuc export` run as a binary.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use tintuc::model::{
    Article, DateKind, DateMention, Entities, Field, Gender, Granularity, Organization, Person,
    PersonMention, Place, Provenance, Record, Span, Title, UnitRef,
};
use tintuc::output::{open_sink, CsvTableSink, Format, RecordSink, Table, XlsxSink};

pub mod readers;
use readers::{csv_rows, parse_csv, read_sheet, unescape, unzip};

// ---------------------------------------------------------------- records built by hand

fn span(field: Field, text: &str) -> Span {
    Span {
        field,
        caption: None,
        start: 0,
        end: text.chars().count(),
        text: text.to_string(),
        rule: "test".into(),
    }
}

fn date(text: &str, value: &str, granularity: Granularity, kind: DateKind) -> DateMention {
    DateMention {
        span: span(Field::Text, text),
        value: value.into(),
        granularity,
        kind,
        part_of_day: None,
        time: None,
    }
}

const LEAD: &str =
    "Hội nghị đánh giá kết quả năm 2023, \"đột phá\" về thủ tục.\nTriển khai nhiệm vụ năm 2024.";

/// An article with every kind of entity and the awkward values a CSV writer must survive.
fn full_record() -> Record {
    let mut morning = date(
        "sáng ngày 12/01/2024",
        "2024-01-12",
        Granularity::Day,
        DateKind::Date,
    );
    morning.part_of_day = Some("sáng".into());
    morning.time = Some("08:30".into());
    Record {
        id: Some(tintuc::model::record_id_of_url(
            "https://snv.phuyen.gov.vn/tin-tuc/hoi-nghi-cchc",
        )),
        article: Article {
            url: Some("https://snv.phuyen.gov.vn/tin-tuc/hoi-nghi-cchc".into()),
            site: Some("snv.phuyen.gov.vn".into()),
            site_name: Some("Sở Nội vụ tỉnh Phú Yên".into()),
            title: "Phú Yên: tổng kết cải cách hành chính, \"chuyển đổi số\" năm 2023".into(),
            published: Some("2024-01-12T15:45:00+07:00".into()),
            author: Some("=HYPERLINK(\"http://example.invalid\",\"Bấm vào\")".into()),
            lead: Some(LEAD.into()),
            text: "Sáng ngày 12/01/2024, Ủy ban nhân dân tỉnh Phú Yên tổ chức hội nghị.\n\nĐồng chí Trần Minh Quang phát biểu."
                .into(),
            source: Some("-Theo Cổng TTĐT tỉnh".into()),
            category: vec!["Tin tức".into(), "Cải cách hành chính".into()],
            ..Article::default()
        },
        entities: Entities {
            dates: vec![
                morning,
                date("quý I/2024", "2024-01-01/2024-03-31", Granularity::Quarter, DateKind::Period),
                date("năm 2023", "2023", Granularity::Year, DateKind::Date),
                date("rằm tháng Giêng", "", Granularity::Day, DateKind::Date),
            ],
            places: vec![Place {
                name: "Tỉnh Phú Yên".into(),
                kind: "province".into(),
                code: Some("54".into()),
                era: Some("2024".into()),
                province: None,
                current: vec![UnitRef { code: "66".into(), name: "Tỉnh Đắk Lắk".into(), era: "2025".into(), kind: "province".into() }],
                mentions: vec![span(Field::Text, "tỉnh Phú Yên"), span(Field::Title, "Phú Yên")],
            }, Place {
                name: "Phường 7".into(),
                kind: "commune".into(),
                code: Some("22024".into()),
                era: Some("2024".into()),
                province: Some(UnitRef { code: "54".into(), name: "Tỉnh Phú Yên".into(), era: "2024".into(), kind: "province".into() }),
                current: Vec::new(),
                mentions: vec![span(Field::Text, "Phường 7")],
            }],
            people: vec![Person {
                name: "Trần Minh Quang".into(),
                honorific: Some("Đồng chí".into()),
                gender: Some(Gender::Male),
                titles: vec![
                    Title {
                        text: "Phó Chủ tịch UBND tỉnh Phú Yên".into(),
                        role: "Phó Chủ tịch".into(),
                        organization: Some("Ủy ban nhân dân tỉnh Phú Yên".into()),
                        modifiers: Vec::new(),
                    },
                    Title {
                        text: "Trưởng Ban Chỉ đạo cải cách hành chính tỉnh".into(),
                        role: "Trưởng Ban".into(),
                        organization: Some("Ban Chỉ đạo cải cách hành chính tỉnh".into()),
                        modifiers: Vec::new(),
                    },
                ],
                mentions: vec![
                    PersonMention { span: span(Field::Text, "Trần Minh Quang"), honorific: Some("Đồng chí".into()), titles: Vec::new() },
                    PersonMention { span: span(Field::Text, "Quang"), honorific: None, titles: Vec::new() },
                ],
            }],
            organizations: vec![Organization {
                name: "Ủy ban nhân dân tỉnh Phú Yên".into(),
                kind: "local_state".into(),
                abbreviation: Some("UBND".into()),
                parent: None,
                place: Some("tỉnh Phú Yên".into()),
                successor: None,
                mentions: vec![span(Field::Text, "Ủy ban nhân dân tỉnh Phú Yên")],
            }],
        },
        provenance: Provenance {
            fetched_at: Some("2024-03-05T02:15:00Z".into()),
            status: Some(200),
            warc_file: Some("warc/crawl-00001.warc.gz".into()),
            warc_offset: Some(48213),
            ..Provenance::default()
        },
    }
}

/// A bare article: no entities, no dates, a title that is just a negative number.
fn bare_record() -> Record {
    Record {
        article: Article {
            url: Some("https://baophuyen.vn/thoi-tiet".into()),
            title: "-5".into(),
            text: "Nhiệt độ giảm mạnh vào đêm nay".into(),
            ..Article::default()
        },
        ..Record::default()
    }
}

fn write_csv(table: Table, records: &[Record], bom: bool) -> Vec<u8> {
    let mut sink = CsvTableSink::new(table, Vec::new()).with_bom(bom);
    for record in records {
        sink.write_record(record).unwrap();
    }
    sink.finish().unwrap();
    sink.into_inner()
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_tables_read_back_with_an_rfc4180_parser() {
    let records = [full_record(), bare_record()];

    let bytes = write_csv(Table::Articles, &records, true);
    assert!(bytes.starts_with("\u{FEFF}url,".as_bytes()));
    let articles = csv_rows(&bytes, Table::Articles);
    assert_eq!(articles.len(), 2);
    let a = &articles[0];
    assert_eq!(
        a["title"],
        full_record().article.title,
        "comma and quotes survive"
    );
    assert_eq!(a["lead"], LEAD, "line break inside a field is kept");
    assert_eq!(a["category"], "Tin tức > Cải cách hành chính");
    assert_eq!(
        a["author"], "'=HYPERLINK(\"http://example.invalid\",\"Bấm vào\")",
        "formula neutralised"
    );
    assert_eq!(a["source"], "'-Theo Cổng TTĐT tỉnh");
    assert_eq!(a["published"], "2024-01-12T15:45:00+07:00");
    assert_eq!(a["word_count"], "21", "14 + 7 space-separated syllables");
    assert_eq!(
        [
            &a["people_count"],
            &a["organizations_count"],
            &a["places_count"],
            &a["dates_count"]
        ],
        ["1", "1", "2", "4"]
    );
    assert_eq!(a["warc_offset"], "48213");
    assert_eq!(a["fetched_at"], "2024-03-05T02:15:00Z");
    let b = &articles[1];
    assert_eq!(b["title"], "-5", "a plain number is not a formula");
    assert_eq!(b["published"], "");
    assert_eq!(b["dates_count"], "0");

    let people = csv_rows(&write_csv(Table::People, &records, true), Table::People);
    assert_eq!(people.len(), 1, "the bare record has no people rows");
    let p = &people[0];
    assert_eq!(p["name"], "Trần Minh Quang");
    assert_eq!(p["honorific"], "Đồng chí");
    assert_eq!(p["gender"], "male");
    assert_eq!(
        p["titles"],
        "Phó Chủ tịch UBND tỉnh Phú Yên ; Trưởng Ban Chỉ đạo cải cách hành chính tỉnh"
    );
    assert_eq!(p["roles"], "Phó Chủ tịch ; Trưởng Ban");
    assert_eq!(
        p["organizations"],
        "Ủy ban nhân dân tỉnh Phú Yên ; Ban Chỉ đạo cải cách hành chính tỉnh"
    );
    assert_eq!(p["mentions"], "2");
    assert_eq!(
        p["article_url"],
        "https://snv.phuyen.gov.vn/tin-tuc/hoi-nghi-cchc"
    );

    let orgs = csv_rows(
        &write_csv(Table::Organizations, &records, true),
        Table::Organizations,
    );
    assert_eq!(orgs[0]["abbreviation"], "UBND");
    assert_eq!(orgs[0]["kind"], "local_state");
    assert_eq!(orgs[0]["parent"], "");

    let places = csv_rows(&write_csv(Table::Places, &records, true), Table::Places);
    assert_eq!(places.len(), 2);
    assert_eq!(places[0]["code"], "54");
    assert_eq!(places[0]["current_codes"], "66");
    assert_eq!(places[0]["current_names"], "Tỉnh Đắk Lắk");
    assert_eq!(places[0]["mentions"], "2");
    assert_eq!(places[1]["code"], "22024");
    assert_eq!(places[1]["province_code"], "54");
    assert_eq!(places[1]["province_name"], "Tỉnh Phú Yên");

    let dates = csv_rows(&write_csv(Table::Dates, &records, true), Table::Dates);
    let by_text: HashMap<&str, &HashMap<String, String>> =
        dates.iter().map(|d| (d["text"].as_str(), d)).collect();
    let morning = by_text["sáng ngày 12/01/2024"];
    assert_eq!(
        [
            &morning["value"],
            &morning["first_day"],
            &morning["last_day"],
            &morning["part_of_day"],
            &morning["time"]
        ],
        ["2024-01-12", "2024-01-12", "2024-01-12", "sáng", "08:30"]
    );
    let quarter = by_text["quý I/2024"];
    assert_eq!(
        [&quarter["first_day"], &quarter["last_day"]],
        ["2024-01-01", "2024-03-31"]
    );
    assert_eq!(
        [&quarter["granularity"], &quarter["kind"]],
        ["quarter", "period"]
    );
    assert_eq!(by_text["năm 2023"]["last_day"], "2023-12-31");
    assert_eq!(
        by_text["rằm tháng Giêng"]["first_day"], "",
        "unresolved value has no days"
    );
    assert_eq!(morning["field"], "text");
}

/// Streams: header once, flushed after every record; stdout gets no BOM; an empty stream still
/// gets its header.
#[test]
fn csv_stream_flushes_each_record_and_writes_the_header_once() {
    #[derive(Default)]
    struct Watch {
        bytes: Vec<u8>,
        flushed_at: Vec<usize>,
    }
    impl Write for &mut Watch {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.flushed_at.push(self.bytes.len());
            Ok(())
        }
    }
    let mut watch = Watch::default();
    {
        let mut sink = open_sink(Format::Csv, Some(Table::Dates), &mut watch).unwrap();
        sink.write_record(&full_record()).unwrap();
        sink.write_record(&bare_record()).unwrap();
        sink.write_record(&full_record()).unwrap();
        sink.finish().unwrap();
    }
    let (bom, records) = parse_csv(&watch.bytes);
    assert!(!bom, "no BOM on streams");
    assert_eq!(records.len(), 1 + 4 + 4);
    assert_eq!(
        records.iter().filter(|r| r[0] == "text").count(),
        1,
        "one header"
    );
    // One flush after each record, each holding everything written so far.
    assert!(watch.flushed_at.len() >= 3);
    let first = watch.flushed_at[0];
    assert_eq!(
        parse_csv(&watch.bytes[..first]).1.len(),
        5,
        "first record visible after its flush"
    );

    let mut empty = Vec::new();
    open_sink(Format::Csv, Some(Table::People), &mut empty)
        .unwrap()
        .finish()
        .unwrap();
    let (_, records) = parse_csv(&empty);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0][0], "name");
}

#[test]
fn jsonl_stream_round_trips_records() {
    let mut out = Vec::new();
    {
        let mut sink = open_sink(Format::Jsonl, None, &mut out).unwrap();
        sink.write_record(&full_record()).unwrap();
        sink.finish().unwrap();
    }
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1);
    let back: Record = serde_json::from_str(text.trim_end()).unwrap();
    assert_eq!(back, full_record());
}

// ---------------------------------------------------------------- XLSX

#[test]
fn xlsx_workbook_reads_back_with_sheets_headers_dates_and_no_formulas() {
    let mut sink = XlsxSink::new(&Table::ALL, Vec::new()).unwrap();
    sink.write_record(&full_record()).unwrap();
    sink.write_record(&bare_record()).unwrap();
    sink.finish().unwrap();
    let bytes = sink.into_inner();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip file");
    let parts = unzip(&bytes);

    let sheet_names: Vec<String> = regex::Regex::new(r#"<sheet name="([^"]+)""#)
        .unwrap()
        .captures_iter(&parts["xl/workbook.xml"])
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(
        sheet_names,
        ["articles", "people", "organizations", "places", "dates"]
    );

    let shared: Vec<String> = regex::Regex::new(r"(?s)<si><t(?: [^>]*)?>(.*?)</t></si>")
        .unwrap()
        .captures_iter(&parts["xl/sharedStrings.xml"])
        .map(|c| unescape(&c[1]))
        .collect();
    let styles = &parts["xl/styles.xml"];
    let xfs_xml = regex::Regex::new(r"(?s)<cellXfs[^>]*>(.*?)</cellXfs>")
        .unwrap()
        .captures(styles)
        .unwrap()[1]
        .to_string();
    let xfs: Vec<String> = regex::Regex::new(r"<xf [^>]*?(?:/>|>.*?</xf>)")
        .unwrap()
        .find_iter(&xfs_xml)
        .map(|m| m.as_str().to_string())
        .collect();
    let number_format = |style: usize| -> String {
        let id = regex::Regex::new(r#"numFmtId="(\d+)""#)
            .unwrap()
            .captures(&xfs[style])
            .map_or(0, |c| c[1].parse::<u32>().unwrap());
        let custom =
            regex::Regex::new(&format!(r#"<numFmt numFmtId="{id}" formatCode="([^"]*)""#)).unwrap();
        custom
            .captures(styles)
            .map_or(String::new(), |c| unescape(&c[1]))
    };

    for (index, table) in Table::ALL.iter().enumerate() {
        let sheet = read_sheet(&parts, index + 1, &shared);
        assert!(
            sheet.xml.contains(r#"ySplit="1""#) && sheet.xml.contains(r#"state="frozen""#),
            "{table}: frozen header"
        );
        assert!(
            sheet.xml.contains("<autoFilter ref=\"A1:"),
            "{table}: autofilter"
        );
        assert!(sheet.xml.contains("<col "), "{table}: column widths");
        assert!(!sheet.xml.contains("<f>"), "{table}: no formulas");
        for (col, column) in table.columns().iter().enumerate() {
            let reference = format!("{}1", (b'A' + col as u8) as char);
            assert_eq!(sheet.cells[&reference].2, column.name, "{table} header");
        }
    }

    let articles = read_sheet(&parts, 1, &shared);
    assert_eq!(articles.cells["E2"].2, full_record().article.title);
    assert_eq!(articles.cells["I2"].2, LEAD, "multi-line lead kept");
    // published: a real date-time (a number with a date format), the wall-clock time as written.
    let (style, kind, value) = &articles.cells["F2"];
    assert!(
        kind.is_empty() || kind == "n",
        "a number, not a string: {kind}"
    );
    let serial: f64 = value.parse().unwrap();
    assert!(
        (serial - 45303.65625).abs() < 1e-6,
        "2024-01-12 15:45 is serial 45303.65625, got {serial}"
    );
    assert_eq!(number_format(*style), "yyyy-mm-dd hh:mm");
    // author: text that starts like a formula is a string with Excel's quote prefix, value exact.
    let (style, kind, value) = &articles.cells["G2"];
    assert_eq!(kind, "s");
    assert_eq!(value, "=HYPERLINK(\"http://example.invalid\",\"Bấm vào\")");
    assert!(
        xfs[*style].contains(r#"quotePrefix="1""#),
        "{}",
        xfs[*style]
    );
    // counts are numbers; the bare record's "-5" title is plain text without a prefix.
    assert_eq!(articles.cells["J2"].2, "21");
    assert_eq!(articles.cells["E3"].2, "-5");
    assert!(!xfs[articles.cells["E3"].0].contains("quotePrefix"));

    let dates = read_sheet(&parts, 5, &shared);
    let (style, _, value) = &dates.cells["C3"];
    assert_eq!(value, "45292", "quarter starts 2024-01-01 = serial 45292");
    assert_eq!(number_format(*style), "yyyy-mm-dd");
    assert!(
        !dates.cells.contains_key("C5"),
        "unresolved value: empty first_day"
    );
    assert!(
        dates.xml.contains(r#"<autoFilter ref="A1:L5"/>"#),
        "filter covers all rows"
    );
}

// ---------------------------------------------------------------- `tintuc export`

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("tintuc-export-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A harvest folder whose articles.jsonl has two good records and bad lines between them.
fn harvest(name: &str, bad_lines: &[&[u8]]) -> PathBuf {
    let dir = scratch(name);
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice(serde_json::to_string(&full_record()).unwrap().as_bytes());
    jsonl.push(b'\n');
    for line in bad_lines {
        jsonl.extend_from_slice(line);
        jsonl.push(b'\n');
    }
    jsonl.extend_from_slice(b"\n");
    jsonl.extend_from_slice(serde_json::to_string(&bare_record()).unwrap().as_bytes());
    jsonl.push(b'\n');
    std::fs::write(dir.join("articles.jsonl"), jsonl).unwrap();
    dir
}

fn tintuc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(args)
        .output()
        .expect("run tintuc")
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn export_cli_writes_xlsx_and_a_csv_folder_from_a_harvest() {
    let dir = harvest("good", &[]);
    let d = dir.to_str().unwrap();

    let xlsx = dir.join("harvest.xlsx");
    let out = tintuc(&[
        "export",
        d,
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parts = unzip(&std::fs::read(&xlsx).unwrap());
    assert!(parts.contains_key("xl/worksheets/sheet5.xml"));

    let csv_dir = dir.join("tables");
    let out = tintuc(&[
        "export",
        d,
        "--format",
        "csv",
        "-o",
        csv_dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for table in Table::ALL {
        let bytes = std::fs::read(csv_dir.join(format!("{table}.csv"))).unwrap();
        assert!(
            bytes.starts_with("\u{FEFF}".as_bytes()),
            "{table}.csv starts with a BOM"
        );
        let rows = csv_rows(&bytes, table);
        let expected = match table {
            Table::Articles => 2,
            Table::People | Table::Organizations => 1,
            Table::Places => 2,
            Table::Dates => 4,
        };
        assert_eq!(rows.len(), expected, "{table}");
    }
    assert!(leftovers(&csv_dir).is_empty() && leftovers(&dir).is_empty());

    // One table to stdout: no BOM, ready for a pipe.
    let out = tintuc(&["export", d, "--format", "csv", "--table", "people"]);
    assert_eq!(out.status.code(), Some(0));
    let (bom, records) = parse_csv(&out.stdout);
    assert!(!bom);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1][0], "Trần Minh Quang");

    // JSONL re-written: the same records.
    let jsonl = dir.join("again.jsonl");
    let out = tintuc(&[
        "export",
        &format!("{d}/articles.jsonl"),
        "-o",
        jsonl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "format from the extension");
    let text = std::fs::read_to_string(&jsonl).unwrap();
    let schema = crate::support::schema::Schema::load("record.schema.json");
    for line in text.lines() {
        schema.assert_valid(&serde_json::from_str(line).unwrap(), "an exported record");
    }
    let back: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, [full_record(), bare_record()]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Malformed lines: each named as FILE:LINE on stderr, the other records exported, exit 1.
#[test]
fn export_cli_reports_malformed_lines_and_exports_the_rest() {
    let bad: [&[u8]; 4] = [
        b"{\"title\": 5, \"text\": \"x\"}",
        b"not json at all",
        b"{\"title\":\"cut",
        b"{\"title\":\"\xff\"}",
    ];
    let dir = harvest("bad", &bad);
    let xlsx = dir.join("out.xlsx");
    let out = tintuc(&[
        "export",
        dir.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let file = dir.join("articles.jsonl").display().to_string();
    for line in 2..=5 {
        assert!(
            stderr.contains(&format!("{file}:{line}:")),
            "line {line} named: {stderr}"
        );
    }
    assert!(!stderr.contains(&format!("{file}:1:")) && !stderr.contains(&format!("{file}:7:")));
    let parts = unzip(&std::fs::read(&xlsx).unwrap());
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    assert!(
        sheet.contains(r#"<autoFilter ref="A1:V3"/>"#),
        "both good records exported"
    );

    // A missing input is reported too, and the others still go through.
    let csv = dir.join("people.csv");
    let missing = dir.join("missing.jsonl");
    let out = tintuc(&[
        "export",
        missing.to_str().unwrap(),
        dir.to_str().unwrap(),
        "--format",
        "csv",
        "--table",
        "people",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.jsonl"));
    assert_eq!(
        csv_rows(&std::fs::read(&csv).unwrap(), Table::People).len(),
        1
    );
    assert!(leftovers(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Usage errors exit 2 and write nothing.
#[test]
fn export_cli_usage_errors_write_nothing() {
    let dir = harvest("usage", &[]);
    let d = dir.to_str().unwrap();
    let tables_csv = format!("{d}/tables.csv");
    let cases: [&[&str]; 5] = [
        &["export", d, "--format", "xlsx"],
        &["export", d, "--format", "csv"],
        &["export", d, "--format", "jsonl", "--table", "people"],
        &["export", d, "--format", "csv", "--table", "persons"],
        &["export", d, "-o", &tables_csv],
    ];
    for args in cases {
        let out = tintuc(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["articles.jsonl"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The case table `tests/cases/export_cells.json`, end to end: each text as an author, written
/// to CSV and XLSX and read back.
#[test]
fn cell_cases_survive_csv_and_xlsx() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases/export_cells.json");
    let table: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    let records: Vec<Record> = cases
        .iter()
        .map(|case| {
            let mut record = bare_record();
            record.article.title = "Tin".into();
            record.article.author = Some(case["text"].as_str().unwrap().to_string());
            record
        })
        .collect();

    let rows = csv_rows(&write_csv(Table::Articles, &records, true), Table::Articles);
    assert_eq!(rows.len(), cases.len());
    for (row, case) in rows.iter().zip(cases) {
        assert_eq!(row["author"], case["csv"].as_str().unwrap(), "{case}");
    }

    let mut sink = XlsxSink::new(&[Table::Articles], Vec::new()).unwrap();
    for record in &records {
        sink.write_record(record).unwrap();
    }
    sink.finish().unwrap();
    let parts = unzip(&sink.into_inner());
    let shared: Vec<String> = regex::Regex::new(r"(?s)<si><t(?: [^>]*)?>(.*?)</t></si>")
        .unwrap()
        .captures_iter(&parts["xl/sharedStrings.xml"])
        .map(|c| unescape(&c[1]).replace("_x000D_", "\r"))
        .collect();
    let styles = &parts["xl/styles.xml"];
    let xfs: Vec<&str> = regex::Regex::new(r"<xf [^>]*?(?:/>|>.*?</xf>)")
        .unwrap()
        .find_iter(styles.split("<cellXfs").nth(1).unwrap())
        .map(|m| m.as_str())
        .collect();
    let sheet = read_sheet(&parts, 1, &shared);
    for (i, case) in cases.iter().enumerate() {
        let (style, kind, value) = &sheet.cells[&format!("G{}", i + 2)];
        assert_eq!(kind, "s", "{case}: a string cell");
        assert_eq!(
            value,
            case["text"].as_str().unwrap(),
            "{case}: value unchanged"
        );
        let prefixed = xfs[*style].contains(r#"quotePrefix="1""#);
        assert_eq!(prefixed, case["formula_like"].as_bool().unwrap(), "{case}");
    }
}

/// `-` reads records from stdin, as in `tintuc extract ... | tintuc export - ...`.
#[test]
fn export_cli_reads_stdin() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(["export", "-", "--format", "csv", "--table", "dates"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", serde_json::to_string(&full_record()).unwrap()).unwrap();
    writeln!(stdin, "{{oops").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>:2:"));
    let (bom, records) = parse_csv(&out.stdout);
    assert!(!bom);
    assert_eq!(records.len(), 1 + 4);
}
