//! Tests: decode. A case table of charsets, BOM, meta charset, windows-1258, mojibake repair and
//! non-repair, entity repair (decoded exactly once), Ð, zero-width characters and NFC.

use scraper::{Html, Selector};
use tintuc::decode::{clean_paragraphs, clean_text, decode_html, repair_mojibake};

fn title_of(html: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("title").expect("selector");
    doc.select(&sel)
        .next()
        .map(|t| t.text().collect())
        .unwrap_or_default()
}

#[test]
fn charsets() {
    let utf8 = "<html><head><title>Sở Nội vụ</title></head></html>";
    let d = decode_html(utf8.as_bytes(), None).expect("utf8");
    assert_eq!(
        (d.encoding, title_of(&d.html).as_str()),
        ("UTF-8", "Sở Nội vụ")
    );

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(utf8.as_bytes());
    assert_eq!(
        title_of(
            &decode_html(&bom, Some("text/html; charset=iso-8859-1"))
                .expect("bom")
                .html
        ),
        "Sở Nội vụ"
    );

    // "Hòa" in windows-1258: o + combining grave (0xCC).
    let w1258 =
        b"<html><head><meta charset=\"windows-1258\"><title>Kh\xe1nh Ho\xcca</title></head></html>";
    let d = decode_html(w1258, None).expect("1258");
    assert_eq!(d.encoding, "windows-1258");
    assert_eq!(title_of(&d.html), "Khánh Hòa");
    assert!(title_of(&d.html).chars().count() == 9, "NFC composed");

    let latin = b"<html><head><title>Caf\xe9</title></head></html>";
    let d = decode_html(latin, Some("text/html; charset=windows-1252")).expect("1252");
    assert_eq!(title_of(&d.html), "Café");
}

#[test]
fn mojibake_repair_only_when_certain() {
    let page = "<title>Thống kê dịch</title><p>Hòa Bình</p>";
    let broken: String = page.bytes().map(char::from).collect();
    let d = decode_html(broken.as_bytes(), None).expect("decode");
    assert!(d.repairs.contains(&"mojibake"));
    assert_eq!(title_of(&d.html), "Thống kê dịch");
    assert_eq!(repair_mojibake("café crème"), None);
    assert_eq!(repair_mojibake("Sở Nội vụ"), None);
    let d = decode_html("<p>Giá 100 €, café</p>".as_bytes(), None).expect("decode");
    assert!(!d.repairs.contains(&"mojibake"));
}

#[test]
fn entities_decoded_exactly_once() {
    let cases = [
        ("<p>ldquo;Thi đua ái quốcrdquo;</p>", "“Thi đua ái quốc”"),
        ("<p>A&nbsp;B nbsp;C</p>", "A B C"),
        ("<p>CNTT&amp;TT</p>", "CNTT&TT"),
        ("<p>&amp;lt;b&amp;gt;</p>", "&lt;b&gt;"),
    ];
    for (html, expected) in cases {
        let d = decode_html(html.as_bytes(), None).expect("decode");
        let doc = Html::parse_document(&d.html);
        let sel = Selector::parse("p").expect("selector");
        let text: String = doc.select(&sel).next().expect("p").text().collect();
        assert_eq!(clean_text(&text), expected, "{html}");
    }
    let meta = "<meta name=\"description\" content=\"Vi&amp;#x1EC7;t Nam &amp;aacute;\">";
    let d = decode_html(meta.as_bytes(), None).expect("decode");
    let doc = Html::parse_document(&d.html);
    let sel = Selector::parse("meta").expect("selector");
    assert_eq!(
        doc.select(&sel)
            .next()
            .and_then(|m| m.value().attr("content")),
        Some("Việt Nam á")
    );
}

#[test]
fn not_html() {
    for (bytes, why) in [
        (&b"%PDF-1.4 ..."[..], "PDF"),
        (b"\x89PNG\r\n", "PNG"),
        (b"abc\x00def<p>", "NUL"),
        (b"just text", "markup"),
    ] {
        let err = decode_html(bytes, None).expect_err(why).to_string();
        assert!(err.starts_with("not HTML"), "{why}: {err}");
    }
    assert!(decode_html(b"<p>x</p>", Some("application/pdf")).is_err());
}

#[derive(serde::Deserialize)]
struct CleanCase {
    input: String,
    output: String,
}

#[derive(serde::Deserialize)]
struct CleanCases {
    case: Vec<CleanCase>,
}

#[test]
fn clean_text_cases() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/clean_text.toml");
    let cases: CleanCases =
        toml::from_str(&std::fs::read_to_string(path).expect("cases")).expect("toml");
    for case in cases.case {
        assert_eq!(clean_text(&case.input), case.output, "{:?}", case.input);
    }
    assert_eq!(clean_paragraphs("a  b\n\n\n\n c \n\n"), "a b\n\nc");
}

#[test]
fn double_escaped_body_entities_stay_literal() {
    let d = decode_html("<p>Viết &amp;nbsp; như sau</p>".as_bytes(), None).expect("decode");
    let doc = Html::parse_document(&d.html);
    let sel = Selector::parse("p").expect("selector");
    let text: String = doc.select(&sel).next().expect("p").text().collect();
    assert_eq!(text, "Viết &nbsp; như sau");
}
