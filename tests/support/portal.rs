//! A local portal for the crawl tests and the crawl benchmark: a small HTTP/1.1 server (std
//! threads, keep-alive) on 127.0.0.1 with an OS-chosen port, so several portals are several
//! hosts. Every request is recorded with its arrival time and headers, which is what the tests
//! assert politeness on. Pages come from a [`Site`] (a path -> reply table) or any closure.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub at: Instant,
    /// Path and query, as sent.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait before answering (a slow page).
    pub delay: Duration,
    /// After the body, this filler is written again and again until the client goes away (an
    /// endless response; sent without a length unless a `Content-Length` header is given).
    pub endless: Option<Vec<u8>>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            endless: None,
        }
    }

    pub fn html(body: impl Into<String>) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body.into().into_bytes())
    }

    pub fn status(status: u16) -> Reply {
        Reply::new(
            status,
            "text/plain",
            format!("status {status}").into_bytes(),
        )
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).with_header("Location", location)
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answers after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// After the body, `filler` is sent forever (until the client hangs up).
    pub fn endless(mut self, filler: impl Into<Vec<u8>>) -> Reply {
        self.endless = Some(filler.into());
        self
    }

    /// The body gzip-compressed, with `Content-Encoding: gzip`.
    pub fn gzipped(mut self) -> Reply {
        self.body = gzip(&self.body);
        self.with_header("Content-Encoding", "gzip")
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// A static table of replies; unknown paths are 404. `hits` counts requests per target.
#[derive(Clone, Default)]
pub struct Site {
    pages: HashMap<String, Reply>,
}

impl Site {
    pub fn new() -> Site {
        Site::default()
    }

    pub fn page(mut self, target: &str, html: impl Into<String>) -> Site {
        self.pages.insert(target.into(), Reply::html(html));
        self
    }

    pub fn reply(mut self, target: &str, reply: Reply) -> Site {
        self.pages.insert(target.into(), reply);
        self
    }

    pub fn get(&self, target: &str) -> Reply {
        self.pages
            .get(target)
            .cloned()
            .unwrap_or_else(|| Reply::status(404))
    }
}

/// A running portal. Dropping it stops accepting connections.
pub struct Portal {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Portal {
    /// Serves a static site.
    pub fn site(site: Site) -> Portal {
        Portal::start(move |req, _| site.get(&req.target))
    }

    /// Serves whatever `handler` answers; its second argument is how many times this target
    /// was requested before (0 for the first request).
    pub fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Portal {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let log: Arc<Mutex<Vec<Request>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let counts: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        {
            let log = log.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (log, handler, counts) = (log.clone(), handler.clone(), counts.clone());
                    std::thread::spawn(move || serve(stream, &log, &*handler, &counts));
                }
            });
        }
        Portal { addr, log, stop }
    }

    /// `http://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Requests for one target (path and query).
    pub fn hits(&self, target: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.target == target)
            .collect()
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(
    stream: TcpStream,
    log: &Mutex<Vec<Request>>,
    handler: &Handler,
    counts: &Mutex<HashMap<String, usize>>,
) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let at = Instant::now();
        let mut parts = line.split_whitespace();
        let _method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("/").to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            match reader.read_line(&mut h) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let req = Request {
            at,
            target: target.clone(),
            headers,
        };
        let seen = {
            let mut c = counts.lock().unwrap_or_else(|p| p.into_inner());
            let n = c.entry(target).or_insert(0);
            *n += 1;
            *n - 1
        };
        if let Ok(mut l) = log.lock() {
            l.push(req.clone());
        }
        let reply = handler(&req, seen);
        if !reply.delay.is_zero() {
            std::thread::sleep(reply.delay);
        }
        // 1xx, 204 and 304 carry no body (and so no length), as with real servers.
        let bodiless = reply.status == 204 || reply.status == 304 || reply.status < 200;
        let declares_length = reply
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-length"));
        let mut out = format!("HTTP/1.1 {} X\r\n", reply.status).into_bytes();
        if reply.endless.is_some() {
            out.extend_from_slice(b"Connection: close\r\n");
        } else if !bodiless && !declares_length {
            out.extend_from_slice(format!("Content-Length: {}\r\n", reply.body.len()).as_bytes());
        }
        for (k, v) in &reply.headers {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if !bodiless {
            out.extend_from_slice(&reply.body);
        }
        if writer.write_all(&out).is_err() || writer.flush().is_err() {
            return;
        }
        if let Some(filler) = &reply.endless {
            while writer.write_all(filler).is_ok() {}
            return;
        }
        if req
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"))
        {
            return;
        }
    }
}

/// An article page in the shape of a government portal item.
pub fn article_html(title: &str, links: &[&str]) -> String {
    let links: String = links
        .iter()
        .map(|l| format!("<li><a href=\"{l}\">{l}</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"article:published_time\" content=\"2024-03-15T09:30:00+07:00\"></head>\
         <body><article><h1>{title}</h1><div class=\"date\">Ngày đăng 15/03/2024 | 09:30 AM</div>\
         <p>Sáng ngày 14/3, Sở Nội vụ tỉnh tổ chức hội nghị triển khai nhiệm vụ công tác năm 2024 với sự tham dự \
         của lãnh đạo các phòng, ban và đơn vị trực thuộc. Nội dung bài viết {title}.</p>\
         <p>Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính, công tác tổ chức bộ máy, \
         biên chế và thi đua, khen thưởng; đồng thời thảo luận các giải pháp nâng cao chất lượng phục vụ người dân.</p></article><ul>{links}</ul></body></html>"
    )
}

/// A listing page: links, and optional extra HTML (pagination).
pub fn listing_html(title: &str, links: &[String], extra: &str) -> String {
    let links: String = links
        .iter()
        .map(|l| format!("<li><a href=\"{l}\">{l}</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1><ul>{links}</ul>{extra}</body></html>"
    )
}
