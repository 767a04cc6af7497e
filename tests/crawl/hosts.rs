//! Hosts that fail and harvests in trouble (issues 13 and 14, item 8): hosts that hang or are
//! dead, robots.txt that is down, huge or endless, a full disk, locks, read-only harvests.
//! Assertions are on counts and order of requests in the portals' logs, never on wall time.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{crawl, failures, out_dir, urls};
use crate::support::portal::{article_html, listing_html, Portal, Reply};

fn summary(o: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&o.stderr);
    let line = text.lines().last().unwrap_or("");
    serde_json::from_str::<serde_json::Value>(line)
        .unwrap_or_else(|e| panic!("summary {line:?}: {e}\n{text}"))["summary"]
        .clone()
}

/// A portal of `n` articles on one listing page.
fn small_portal(n: usize) -> Portal {
    Portal::start(move |req, _| match req.target.as_str() {
        "/" => {
            let links: Vec<String> = (0..n)
                .map(|i| format!("/tin/bai-viet-so-{i}.html"))
                .collect();
            Reply::html(listing_html("Tin", &links, ""))
        }
        t if t.starts_with("/tin/bai-viet-so-") => Reply::html(article_html(t, &[])),
        _ => Reply::status(404),
    })
}

#[test]
fn a_host_that_always_times_out_is_given_up_and_delays_no_other() {
    let healthy = small_portal(20);
    // Pages hang; robots.txt answers.
    let slow = Portal::start(|req, _| match req.target.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html("<html>muộn</html>").delayed(Duration::from_secs(5)),
    });
    // Everything hangs, robots.txt included.
    let hole = Portal::start(|_, _| Reply::status(200).delayed(Duration::from_secs(5)));
    let out = out_dir("hanging-hosts");
    let o = crawl(
        &out,
        &[
            "--delay",
            "0",
            "--timeout",
            "0.5",
            "--attempts",
            "5",
            "--host-failures",
            "2",
            "--host-pause",
            "0.3",
            "--no-sitemap-probe",
            &healthy.url("/"),
            &slow.url("/"),
            &hole.url("/"),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Two trips of two failures each, then given up: four requests, not 5 attempts x pages.
    assert_eq!(slow.hits("/").len(), 4, "{:?}", slow.requests());
    assert_eq!(hole.hits("/robots.txt").len(), 4);
    assert_eq!(
        hole.requests().len(),
        4,
        "nothing but robots.txt asked of a dead host"
    );
    // The healthy host was served in full, and while the slow one hung.
    assert_eq!(urls(&out).len(), 20);
    let slow_asks: Vec<Instant> = slow.hits("/").iter().map(|r| r.at).collect();
    let meanwhile = healthy
        .requests()
        .iter()
        .filter(|r| r.at > slow_asks[0] && r.at < slow_asks[1])
        .count();
    assert!(
        meanwhile >= 1,
        "the healthy host waited for the hanging one"
    );
    let s = summary(&o);
    let given_up = s["hosts_given_up"].as_array().cloned().unwrap_or_default();
    assert_eq!(given_up.len(), 2, "{s}");
    for g in &given_up {
        assert!(g["cause"].as_str().unwrap_or("").contains("timeout"), "{g}");
    }
    let listed = failures(&out);
    for p in [&slow, &hole] {
        let line = listed
            .lines()
            .find(|l| l.starts_with(&p.url("/\t")))
            .unwrap_or_else(|| panic!("{} listed: {listed}", p.url("/")));
        assert!(
            line.contains("host given up") && line.contains("timeout"),
            "{line}"
        );
    }
    // The seeds stay queued: a later run tries these hosts again.
    let state = rusqlite::Connection::open(out.join("state.sqlite")).unwrap();
    let status: String = state
        .query_row(
            "SELECT status FROM urls WHERE url = ?1",
            [slow.url("/")],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "queued");
}

#[test]
fn a_dead_host_is_a_failure_with_its_cause() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let seed = format!("http://127.0.0.1:{port}/");
    let out = out_dir("dead-host");
    let o = crawl(
        &out,
        &[
            "--delay",
            "0",
            "--attempts",
            "2",
            "--host-pause",
            "0.1",
            &seed,
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let s = summary(&o);
    assert_eq!(s["failed_articles"], 1, "{s}");
    let listed = failures(&out);
    assert!(
        listed.contains(&seed) && listed.contains("connection") && listed.contains("robots.txt"),
        "{listed}"
    );
}

#[test]
fn dead_menu_links_are_listed_but_do_not_fail_the_crawl() {
    let portal = Portal::start(|req, _| match req.target.as_str() {
        "/" => Reply::html(listing_html(
            "Tin",
            &["/tin/bai-viet-mot-1.html".into(), "/lien-he".into()],
            "",
        )),
        "/tin/bai-viet-mot-1.html" => Reply::html(article_html("Một", &[])),
        _ => Reply::status(404),
    });
    let out = out_dir("menu-links");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(summary(&o)["failed"], 1);
    assert!(failures(&out).contains(&format!("{}\t404", portal.url("/lien-he"))));
}

#[test]
fn a_robots_txt_outage_means_try_later_and_keeps_the_queue() {
    let portal = Portal::start(|req, seen| match req.target.as_str() {
        "/robots.txt" if seen < 2 => Reply::status(503),
        "/robots.txt" => Reply::new(200, "text/plain", "User-agent: *\nDisallow: /cam/\n"),
        "/" => Reply::html(listing_html(
            "Tin",
            &[
                "/tin/bai-viet-mot-1.html".into(),
                "/cam/bai-viet-hai-2.html".into(),
            ],
            "",
        )),
        t if t.contains("/bai-viet-") => Reply::html(article_html(t, &[])),
        _ => Reply::status(404),
    });
    let out = out_dir("robots-outage");
    let o = crawl(&out, &["--delay", "0", "--attempts", "2", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(portal.requests().len(), 2, "only robots.txt, twice");
    assert!(failures(&out).contains("robots.txt unavailable"));
    // The outage is over: the queue was kept, nothing was marked disallowed.
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(urls(&out), vec![portal.url("/tin/bai-viet-mot-1.html")]);
    assert!(portal.hits("/cam/bai-viet-hai-2.html").is_empty());
}

#[test]
fn huge_and_endless_robots_txt_are_read_up_to_500_kib() {
    let rules = "User-agent: *\nDisallow: /cam/\n";
    let filler = format!("# {}\n", "x".repeat(8190));
    let site = move |declared: Option<&'static str>| {
        let filler = filler.clone();
        Portal::start(move |req, _| match req.target.as_str() {
            "/robots.txt" => {
                let r = Reply::new(200, "text/plain", rules).endless(filler.clone());
                match declared {
                    Some(len) => r.with_header("Content-Length", len),
                    None => r,
                }
            }
            "/" => Reply::html(listing_html(
                "Tin",
                &[
                    "/tin/bai-viet-mo-1.html".into(),
                    "/cam/bai-viet-dong-2.html".into(),
                ],
                "",
            )),
            t if t.contains("/bai-viet-") => {
                Reply::html(article_html(&format!("{t} {declared:?}"), &[]))
            }
            _ => Reply::status(404),
        })
    };
    // 63 MB announced, and one that never ends.
    let (huge, endless) = (site(Some("66060288")), site(None));
    let out = out_dir("robots-huge");
    let o = crawl(&out, &["--delay", "0", &huge.url("/"), &endless.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for p in [&huge, &endless] {
        assert_eq!(p.hits("/robots.txt").len(), 1);
        assert!(
            p.hits("/cam/bai-viet-dong-2.html").is_empty(),
            "rules at the top apply"
        );
        assert_eq!(
            p.hits("/tin/bai-viet-mo-1.html").len(),
            1,
            "the host is not disallowed"
        );
    }
    assert_eq!(urls(&out).len(), 2);
}

/// Runs `tintuc crawl` with a file size limit (as a full disk would stop it), killing it if it
/// does not end within a minute.
fn crawl_with_file_limit(out: &Path, blocks: u32, args: &[&str]) -> Output {
    let script = format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$@\"");
    let mut child = Command::new("sh")
        .args([
            "-c",
            &script,
            "sh",
            env!("CARGO_BIN_EXE_tintuc"),
            "crawl",
            "--out",
        ])
        .arg(out)
        .args(["--log-format", "json"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("a crawl on a full disk must stop, not loop");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_full_disk_stops_the_crawl_with_exit_2_and_a_rerun_resumes() {
    let portal = super::big_portal(60);
    let out = out_dir("full-disk");
    // 1000 blocks (0.5-1 MB, as the shell counts them): room to start and for some pages, not
    // for all (the state's log, the records or the archive reaches it first).
    let o = crawl_with_file_limit(&out, 1000, &["--delay", "0", &portal.url("/")]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("run the same command again"),
        "{stderr}"
    );
    let storage_errors = stderr.lines().filter(|l| l.contains("\"storage\"")).count();
    assert_eq!(storage_errors, 1, "reported once, not in a loop: {stderr}");
    let written_before = urls(&out).len();
    assert!(written_before < 60, "stopped early");
    let state = rusqlite::Connection::open(out.join("state.sqlite")).unwrap();
    let check: String = state
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(state);
    // Room again: the same command resumes, and every article is there exactly once.
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let got = urls(&out);
    let mut want: Vec<String> = (0..60)
        .map(|i| portal.url(&format!("/tin/bai-viet-{i}.html")))
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_lock_held_by_a_running_crawl_is_named_and_a_stale_one_taken_over() {
    let portal = Portal::start(|req, _| match req.target.as_str() {
        "/" => Reply::html(listing_html("Tin", &[], "")).delayed(Duration::from_secs(3)),
        _ => Reply::status(404),
    });
    let out = out_dir("live-lock");
    let mut first = Command::new(env!("CARGO_BIN_EXE_tintuc"))
        .args(["crawl", "--quiet", "--delay", "0", "--out"])
        .arg(&*out)
        .arg(portal.url("/"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let lock = out.join("crawl.lock");
    let started = Instant::now();
    while !lock.exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    let _ = first.kill();
    let _ = first.wait();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&lock.display().to_string()) && stderr.contains("another crawl"),
        "the lock file is named: {stderr}"
    );
    // The killed crawl's lock, and a lock naming a live process that is not that crawl (a pid
    // reused after a reboot: here this test's own pid with another start time), are stale.
    for holder in [
        "999999999 1".to_string(),
        format!("{} 1", std::process::id()),
    ] {
        std::fs::write(&lock, &holder).unwrap();
        let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{holder}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!lock.exists());
    }
}

/// Runs `tintuc crawl --failures` on `dir` made read-only: a read-only bind mount in a new
/// user and mount namespace where that is allowed, else `chmod` (which binds everyone but
/// root). `None` when neither makes the directory read-only here.
fn failures_read_only(dir: &Path) -> Option<Output> {
    let bin = env!("CARGO_BIN_EXE_tintuc");
    // Exit 98: no read-only mount here; 99: mounted but still writable. Either way: fall back.
    let script = "mount --bind -o ro \"$1\" \"$1\" || exit 98; \
                  touch \"$1/probe\" 2>/dev/null && exit 99; \
                  d=\"$1\"; shift; exec \"$@\" crawl --failures --out \"$d\"";
    let o = Command::new("unshare")
        .args(["-rm", "sh", "-c", script, "sh"])
        .arg(dir)
        .arg(bin)
        .output();
    if let Ok(o) = o {
        if o.status.code().is_some_and(|c| c == 0 || c == 2) {
            return Some(o);
        }
    }
    let chmod = |mode: &str| {
        Command::new("chmod")
            .args(["-R", mode])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !chmod("a-w") {
        return None;
    }
    let writable = std::fs::write(dir.join("probe"), b"").is_ok();
    let o = (!writable).then(|| {
        Command::new(bin)
            .args(["crawl", "--failures", "--out"])
            .arg(dir)
            .output()
            .expect("run")
    });
    chmod("u+w");
    o
}

#[test]
fn failures_are_listed_from_a_read_only_harvest() {
    let portal = Portal::site(crate::support::portal::Site::new().page(
        "/",
        listing_html("Tin", &["/tin/bai-viet-mat-1.html".into()], ""),
    ));
    let out = out_dir("read-only");
    let o = crawl(&out, &["--delay", "0", &portal.url("/")]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    match failures_read_only(&out) {
        Some(o) => {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let listed = String::from_utf8_lossy(&o.stdout);
            assert!(listed.contains(&format!("{}\t404", portal.url("/tin/bai-viet-mat-1.html"))));
        }
        None => eprintln!("note: no way to make a directory read-only here; checked writable only"),
    }
    assert!(failures(&out).contains("bai-viet-mat-1"));
}
