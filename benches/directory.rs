//! Directory throughput: `cargo bench --bench directory` (add `-- report` for the HTML report).
//!
//! Generates 100,000 records (`TINTUC_BENCH_RECORDS` to change) about 40,000 invented officials
//! of 24 provinces over 2021-2025 — names drawn from small lists so namesakes abound, careers of
//! one to three posts, bodies written with and without their province, departments merged in
//! 2025 — and writes them as JSONL to a temporary file, as a harvest would. Then, on one core:
//! reading and digesting the records, linking and building the directory, writing it as JSONL;
//! an incremental update (state saved, loaded, 10% more records added); and the process's peak
//! memory (VmHWM). With `report`: the HTML report of the same records, its size and, when a
//! Chromium is installed, the time the page takes in it until the script is ready and until the
//! load event. A benchmark, not a test: it never fails on time.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use tintuc::directory::{write_jsonl, DirectoryBuilder};
use tintuc::model::{
    Article, Entities, Field, Gender, Organization, Person, PersonMention, Place, Record, Span,
    Title, UnitRef,
};

/// (pre-reform code, type word, name, post-reform code, post-reform name)
const PROVINCES: [(&str, &str, &str, &str, &str); 24] = [
    ("45", "tỉnh", "Quảng Trị", "44", "Quảng Trị"),
    ("44", "tỉnh", "Quảng Bình", "44", "Quảng Trị"),
    ("34", "tỉnh", "Thái Bình", "33", "Hưng Yên"),
    ("33", "tỉnh", "Hưng Yên", "33", "Hưng Yên"),
    ("40", "tỉnh", "Nghệ An", "40", "Nghệ An"),
    ("42", "tỉnh", "Hà Tĩnh", "42", "Hà Tĩnh"),
    ("68", "tỉnh", "Lâm Đồng", "68", "Lâm Đồng"),
    ("67", "tỉnh", "Đắk Nông", "68", "Lâm Đồng"),
    ("60", "tỉnh", "Bình Thuận", "68", "Lâm Đồng"),
    ("56", "tỉnh", "Khánh Hòa", "56", "Khánh Hòa"),
    ("58", "tỉnh", "Ninh Thuận", "56", "Khánh Hòa"),
    ("38", "tỉnh", "Thanh Hóa", "38", "Thanh Hóa"),
    ("49", "tỉnh", "Quảng Nam", "48", "Đà Nẵng"),
    ("51", "tỉnh", "Quảng Ngãi", "51", "Quảng Ngãi"),
    ("52", "tỉnh", "Bình Định", "52", "Gia Lai"),
    ("54", "tỉnh", "Phú Yên", "66", "Đắk Lắk"),
    ("66", "tỉnh", "Đắk Lắk", "66", "Đắk Lắk"),
    ("64", "tỉnh", "Gia Lai", "52", "Gia Lai"),
    ("22", "tỉnh", "Quảng Ninh", "22", "Quảng Ninh"),
    ("37", "tỉnh", "Ninh Bình", "37", "Ninh Bình"),
    ("36", "tỉnh", "Nam Định", "37", "Ninh Bình"),
    ("35", "tỉnh", "Hà Nam", "37", "Ninh Bình"),
    ("25", "tỉnh", "Phú Thọ", "25", "Phú Thọ"),
    ("19", "tỉnh", "Thái Nguyên", "19", "Thái Nguyên"),
];
const SURNAMES: [&str; 20] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tô",
];
const MIDDLES: [&str; 25] = [
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Công", "Đình", "Mạnh",
    "Quốc", "Thu", "Hồng", "Kim", "Anh", "Tuấn", "Hoài", "Bảo", "Gia", "Trọng", "Việt", "Phương",
    "Khánh",
];
const GIVENS: [&str; 70] = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Hương", "Khoa", "Lan", "Lâm", "Long",
    "Mai", "Nam", "Nga", "Nguyệt", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thịnh",
    "Thuận", "Trí", "Trung", "Tuấn", "Vinh", "Yến", "Châu", "Chi", "Đạt", "Giang", "Hiếu", "Hòa",
    "Huy", "Khang", "Linh", "Lộc", "Minh", "My", "Ngân", "Nhung", "Oanh", "Phát", "Quý", "Quyên",
    "Sang", "Tài", "Thanh", "Thu", "Thủy", "Tiến", "Toàn", "Trâm", "Trang", "Trinh", "Tú", "Uyên",
    "Vân", "Việt", "Vy", "Xuân", "Yên", "Đông", "Bắc", "Nhân", "Nghĩa", "Lực",
];
/// (domain, department successor after 1 March 2025)
const DOMAINS: [(&str, Option<&str>); 15] = [
    ("Nội vụ", None),
    ("Tài chính", None),
    ("Y tế", None),
    ("Giáo dục và Đào tạo", None),
    ("Xây dựng", None),
    ("Tư pháp", None),
    ("Công Thương", None),
    ("Khoa học và Công nghệ", None),
    (
        "Thông tin và Truyền thông",
        Some("Sở Khoa học và Công nghệ"),
    ),
    ("Kế hoạch và Đầu tư", Some("Sở Tài chính")),
    ("Giao thông vận tải", Some("Sở Xây dựng")),
    (
        "Tài nguyên và Môi trường",
        Some("Sở Nông nghiệp và Môi trường"),
    ),
    ("Văn hóa, Thể thao và Du lịch", None),
    ("Lao động - Thương binh và Xã hội", Some("Sở Nội vụ")),
    (
        "Nông nghiệp và Phát triển nông thôn",
        Some("Sở Nông nghiệp và Môi trường"),
    ),
];
/// (role, kind of body: 0 department, 1 people's committee, 2 party committee, 3 its office)
const ROLES: [(&str, u8); 8] = [
    ("Giám đốc", 0),
    ("Phó Giám đốc", 0),
    ("Phó Giám đốc", 0),
    ("Chủ tịch", 1),
    ("Phó Chủ tịch", 1),
    ("Chánh Văn phòng", 3),
    ("Bí thư", 2),
    ("Phó Bí thư", 2),
];
const DAYS: u32 = 5 * 365;
const REFORM: u32 = 4 * 365 + 181; // 2025-07-01, counting from 2021-01-01

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Official {
    name: String,
    gender: Gender,
    /// (first day, role, domain) sorted by day.
    posts: Vec<(u32, usize, usize)>,
}

fn day_text(day: u32) -> String {
    let mut year = 2021;
    let mut rest = day;
    loop {
        let length = if year % 4 == 0 { 366 } else { 365 };
        if rest < length {
            break;
        }
        rest -= length;
        year += 1;
    }
    let months = [
        31,
        if year % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut month = 0;
    while rest >= months[month] {
        rest -= months[month];
        month += 1;
    }
    format!("{year:04}-{:02}-{:02}", month + 1, rest + 1)
}

fn officials(rng: &mut Rng, count: usize) -> Vec<Vec<Official>> {
    let mut by_province: Vec<Vec<Official>> = PROVINCES.iter().map(|_| Vec::new()).collect();
    for _ in 0..count {
        let female = rng.below(3) == 0;
        let middle = if female {
            "Thị"
        } else {
            MIDDLES[rng.below(MIDDLES.len())]
        };
        let name = format!(
            "{} {} {}",
            SURNAMES[rng.below(SURNAMES.len())],
            middle,
            GIVENS[rng.below(GIVENS.len())]
        );
        let province = rng.below(PROVINCES.len());
        let mut posts = Vec::new();
        let mut day = rng.below(DAYS as usize / 2) as u32;
        for _ in 0..1 + rng.below(3) {
            posts.push((day, rng.below(ROLES.len()), rng.below(DOMAINS.len())));
            day += 200 + rng.below(500) as u32;
        }
        by_province[province].push(Official {
            name,
            gender: if female { Gender::Female } else { Gender::Male },
            posts,
        });
    }
    by_province
}

fn span(field: Field, text: &str, start: usize, rule: &str) -> Span {
    Span {
        field,
        caption: None,
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
        rule: rule.to_string(),
    }
}

/// One record about `people` of one province on one day, with its entities filled in as the
/// recogniser would.
fn record(number: usize, rng: &mut Rng, by_province: &[Vec<Official>]) -> Record {
    let province = rng.below(PROVINCES.len());
    let day = rng.below(DAYS as usize) as u32;
    let (code, type_word, name, new_code, new_name) = PROVINCES[province];
    let after = day >= REFORM;
    let (code, name) = if after {
        (new_code, new_name)
    } else {
        (code, name)
    };
    let province_name = format!("Tỉnh {name}");
    let title = format!(
        "{name}: hội nghị triển khai nhiệm vụ công tác năm {}",
        2021 + day / 365
    );
    let mut text = String::new();
    let mut chars = 0usize;
    let push = |text: &mut String, chars: &mut usize, piece: &str| -> usize {
        let at = *chars;
        text.push_str(piece);
        *chars += piece.chars().count();
        at
    };
    let mut people: Vec<Person> = Vec::new();
    let mut orgs: Vec<Organization> = Vec::new();
    let pool = &by_province[province];
    for _ in 0..2 + rng.below(5) {
        let official = &pool[rng.below(pool.len())];
        let Some(&(_, role, domain)) = official.posts.iter().rev().find(|p| p.0 <= day) else {
            continue;
        };
        if people.iter().any(|p| p.name == official.name) {
            continue;
        }
        let (role, kind) = ROLES[role];
        let (domain, successor) = DOMAINS[domain];
        let with_place = rng.below(2) == 0;
        let place = if with_place {
            format!(" {type_word} {name}")
        } else {
            String::new()
        };
        let named = if with_place {
            format!(" {name}")
        } else {
            String::new()
        };
        let (written, canonical, org_kind, abbreviation, org_place) = match kind {
            0 => (
                format!("Sở {domain}{place}"),
                format!("Sở {domain}{place}"),
                "department",
                None,
                with_place.then(|| format!("{type_word} {name}")),
            ),
            1 | 3 => (
                format!("UBND {type_word}{named}"),
                format!("Ủy ban nhân dân {type_word}{named}"),
                "local_state",
                Some(format!("UBND {type_word}")),
                with_place.then(|| format!("{type_word} {name}")),
            ),
            _ => (
                format!("Tỉnh ủy{named}"),
                format!("Tỉnh ủy{named}"),
                "party",
                None,
                with_place.then(|| name.to_string()),
            ),
        };
        let title_text = format!("{role} {written}");
        let separator = if text.is_empty() { "" } else { " " };
        push(&mut text, &mut chars, separator);
        let honorific = if official.gender == Gender::Female {
            "Bà"
        } else {
            "Ông"
        };
        push(&mut text, &mut chars, honorific);
        push(&mut text, &mut chars, " ");
        let at = push(&mut text, &mut chars, &official.name);
        push(&mut text, &mut chars, ", ");
        let title_at = push(&mut text, &mut chars, &title_text);
        push(
            &mut text,
            &mut chars,
            ", cho biết đơn vị đã hoàn thành các nhiệm vụ trọng tâm, đẩy mạnh cải cách hành chính và chuyển đổi số trong năm.",
        );
        let org_at = title_at + role.chars().count() + 1;
        people.push(Person {
            name: official.name.clone(),
            honorific: Some(honorific.to_string()),
            gender: Some(official.gender),
            titles: vec![Title {
                text: title_text.clone(),
                role: role.to_string(),
                organization: Some(written.clone()),
                modifiers: Vec::new(),
            }],
            mentions: vec![PersonMention {
                span: span(Field::Text, &official.name, at, "honorific"),
                honorific: Some(honorific.to_string()),
                titles: vec![title_text],
            }],
        });
        orgs.push(Organization {
            name: canonical,
            kind: org_kind.to_string(),
            abbreviation,
            parent: None,
            place: org_place,
            successor: successor.filter(|_| kind == 0).map(str::to_string),
            mentions: vec![span(Field::Text, &written, org_at, "head+domain")],
        });
    }
    push(
        &mut text,
        &mut chars,
        "\n\nHội nghị cũng thống nhất kế hoạch kiểm tra công vụ, rà soát thủ tục hành chính và đánh giá mức độ hài lòng của người dân, doanh nghiệp đối với các cơ quan hành chính nhà nước trên địa bàn.",
    );
    let unit = UnitRef {
        code: code.to_string(),
        name: province_name.clone(),
        era: if after { "2025" } else { "2024" }.to_string(),
        kind: "province".to_string(),
    };
    let current = if after {
        Vec::new()
    } else {
        vec![UnitRef {
            code: new_code.to_string(),
            name: format!("Tỉnh {new_name}"),
            era: "2025".to_string(),
            kind: "province".to_string(),
        }]
    };
    let site = format!(
        "snv.{}.gov.vn",
        tintuc::ner::text::fold_ascii(name).replace(' ', "")
    );
    Record {
        article: Article {
            url: Some(format!("https://{site}/tin-tuc/{number}")),
            site: Some(site),
            title,
            published: Some(day_text(day)),
            lead: Some(
                "Hội nghị đánh giá kết quả công tác và triển khai nhiệm vụ thời gian tới.".into(),
            ),
            text,
            language: Some("vi".into()),
            ..Article::default()
        },
        entities: Entities {
            dates: Vec::new(),
            places: vec![Place {
                name: province_name,
                kind: "province".into(),
                code: Some(unit.code.clone()),
                era: Some(unit.era.clone()),
                province: None,
                current,
                mentions: vec![span(Field::Title, name, 0, "bare_name")],
            }],
            people,
            organizations: orgs,
        },
        ..Record::default()
    }
}

/// A memory figure of this process (Linux `/proc/self/status`, e.g. `VmHWM`), in MB.
fn memory_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Peak resident memory so far.
fn peak_memory_mb() -> Option<f64> {
    memory_mb("VmHWM:")
}

fn resident_mb() -> Option<f64> {
    memory_mb("VmRSS:")
}

/// Writes `count` records about `by_province`, numbered from `first`; returns the file's size.
fn generate(
    path: &Path,
    count: usize,
    first: usize,
    rng: &mut Rng,
    by_province: &[Vec<Official>],
) -> u64 {
    let mut out = BufWriter::new(File::create(path).expect("bench file"));
    for number in first..first + count {
        let record = record(number, rng, by_province);
        serde_json::to_writer(&mut out, &record).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn read_into(path: &Path, builder: &mut DirectoryBuilder) -> usize {
    let reader = BufReader::with_capacity(1 << 16, File::open(path).unwrap());
    let mut count = 0;
    for line in reader.lines() {
        let record: Record = serde_json::from_str(&line.unwrap()).unwrap();
        builder.add_record(&record);
        count += 1;
    }
    count
}

fn main() {
    let count: usize = std::env::var("TINTUC_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let with_report = std::env::args().any(|a| a == "report");
    let dir: PathBuf =
        std::env::temp_dir().join(format!("tintuc-bench-directory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let records = dir.join("articles.jsonl");
    let more = dir.join("more.jsonl");
    let started = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let by_province = officials(&mut rng, 40_000);
    let bytes = generate(&records, count, 0, &mut rng, &by_province);
    let more_count = count / 10;
    generate(&more, more_count, count, &mut rng, &by_province);
    drop(by_province);
    println!(
        "generated {count} records ({:.1} MB JSONL) and {more_count} more in {:.1} s; peak memory so far {:.0} MB",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        peak_memory_mb().unwrap_or(0.0)
    );

    let started = Instant::now();
    let mut builder = DirectoryBuilder::new();
    read_into(&records, &mut builder);
    let read = started.elapsed().as_secs_f64();
    println!(
        "  after reading: resident {:.0} MB, peak {:.0} MB",
        resident_mb().unwrap_or(0.0),
        peak_memory_mb().unwrap_or(0.0)
    );
    let directory = builder.directory();
    println!(
        "  after building: resident {:.0} MB, peak {:.0} MB",
        resident_mb().unwrap_or(0.0),
        peak_memory_mb().unwrap_or(0.0)
    );
    let linked = started.elapsed().as_secs_f64() - read;
    let output = dir.join("directory.jsonl");
    let mut out = BufWriter::new(File::create(&output).unwrap());
    write_jsonl(&directory, &mut out).unwrap();
    drop(out);
    let total = started.elapsed().as_secs_f64();
    println!(
        "directory of {count} records: {total:.1} s on one core ({:.0} records/s): read+digest {read:.1} s, link+build {linked:.1} s, write {:.1} s",
        count as f64 / total,
        total - read - linked
    );
    println!(
        "  {} people ({} flagged), {} positions, {} organisations; output {:.1} MB",
        directory.summary.people,
        directory.summary.flagged_people,
        directory.summary.positions,
        directory.summary.organizations,
        std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    println!(
        "  peak memory (VmHWM): {:.0} MB",
        peak_memory_mb().unwrap_or(0.0)
    );
    drop(directory);

    let state = dir.join("directory.state");
    let started = Instant::now();
    let mut file = BufWriter::new(File::create(&state).unwrap());
    builder.write_state(&mut file).unwrap();
    drop(file);
    drop(builder);
    let saved = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut resumed = DirectoryBuilder::load_state(
        BufReader::new(File::open(&state).unwrap()),
        &state.display().to_string(),
    )
    .unwrap();
    let loaded = started.elapsed().as_secs_f64();
    read_into(&more, &mut resumed);
    let updated = resumed.directory();
    let total = started.elapsed().as_secs_f64();
    println!(
        "incremental: state {:.1} MB saved in {saved:.1} s; load {loaded:.1} s + {more_count} new records and relink = {total:.1} s -> {} people, {} positions",
        std::fs::metadata(&state).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        updated.summary.people,
        updated.summary.positions
    );
    println!(
        "  peak memory (VmHWM): {:.0} MB",
        peak_memory_mb().unwrap_or(0.0)
    );
    drop(resumed);
    drop(updated);

    if with_report {
        report(&dir, &records, count);
    }
    if std::env::var_os("TINTUC_BENCH_KEEP").is_some() {
        println!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The HTML report of the records, and how long Chromium takes to open it.
fn report(dir: &Path, records: &Path, count: usize) {
    use tintuc::report::{ReportBuilder, ReportOptions};
    let started = Instant::now();
    let texts = dir.join("texts.tmp");
    let mut builder = ReportBuilder::new(
        ReportOptions::default(),
        BufWriter::new(File::create(&texts).unwrap()),
    );
    let reader = BufReader::with_capacity(1 << 16, File::open(records).unwrap());
    for line in reader.lines() {
        let record: Record = serde_json::from_str(&line.unwrap()).unwrap();
        builder.add_record(&record).unwrap();
    }
    let page = dir.join("report.html");
    let mut out = BufWriter::new(File::create(&page).unwrap());
    builder
        .finish(&mut out, |writer| {
            drop(writer);
            Ok(BufReader::new(File::open(&texts)?))
        })
        .unwrap();
    drop(out);
    println!(
        "report of {count} records: {:.1} s, {:.1} MB; peak memory (VmHWM) {:.0} MB",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&page).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        peak_memory_mb().unwrap_or(0.0)
    );
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok()
        })
    else {
        println!("  no Chromium found: load time not measured");
        return;
    };
    let profile = dir.join("profile");
    for route in ["/", "/search?q=nguyen%20van%20hung", "/article/0"] {
        let _ = std::fs::remove_dir_all(&profile);
        let started = Instant::now();
        let output = std::process::Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("--dump-dom")
            .arg(format!("file://{}#{route}", page.display()))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&output.stdout);
        let attr = |name: &str| {
            dom.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or("?")
                .to_string()
        };
        println!(
            "  chromium #{route}: script ready at {} ms, load event at {} ms (whole run {:.1} s)",
            attr("data-tintuc-ready"),
            attr("data-tintuc-loaded"),
            started.elapsed().as_secs_f64()
        );
    }
}
