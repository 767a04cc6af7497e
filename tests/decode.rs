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
        // An ampersand left without its `&` after a space; "amp;" ending a word stays.
        (
            "<p>Sở NN amp; PTNT, Tam Đảo Camp; R&amp;amp;D</p>",
            "Sở NN & PTNT, Tam Đảo Camp; R&amp;D",
        ),
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

/// A UTF-8 page with one stray byte (in a comment or in the text) stays UTF-8; the stray byte is
/// read on its own and the repair is flagged.
#[test]
fn one_stray_byte_does_not_turn_a_utf8_page_into_mojibake() {
    let body =
        "<p>Sở Nội vụ tỉnh Khánh Hòa tổ chức hội nghị tổng kết công tác năm 2023.</p>".repeat(5);
    for (place, stray) in [("comment", "<!-- \u{0} -->"), ("text", "<p>x\u{0}y</p>")] {
        let page = format!(
            "<html><head><meta charset=\"utf-8\"><title>Sở Nội vụ</title></head><body>{body}{stray}</body></html>"
        );
        let bytes: Vec<u8> = page
            .bytes()
            .map(|b| if b == 0 { 0xFF } else { b })
            .collect();
        let d = decode_html(&bytes, None).unwrap_or_else(|e| panic!("{place}: {e}"));
        assert_eq!(d.encoding, "UTF-8", "{place}");
        assert!(
            d.repairs.contains(&"invalid-utf8"),
            "{place}: {:?}",
            d.repairs
        );
        assert_eq!(title_of(&d.html), "Sở Nội vụ", "{place}");
        assert!(d.html.contains("tỉnh Khánh Hòa"), "{place}");
    }
}

/// A page of mixed encodings (a windows-1258 fragment pasted into a UTF-8 page) keeps both parts
/// readable.
#[test]
fn a_legacy_fragment_in_a_utf8_page_stays_readable() {
    let mut bytes = "<html><head><meta charset=\"utf-8\"><title>Sở Nội vụ</title></head><body><p>Hội nghị tổng kết công tác năm 2023 của Sở Nội vụ.</p><p>"
        .as_bytes()
        .to_vec();
    // "Khánh Hòa" in windows-1258.
    bytes.extend_from_slice(b"Kh\xe1nh Ho\xcca");
    bytes.extend_from_slice("</p></body></html>".as_bytes());
    let d = decode_html(&bytes, None).expect("decode");
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.html.contains("Hội nghị tổng kết"));
    assert!(d.html.contains("Khánh Hòa"), "{}", d.html);
    assert!(d.repairs.contains(&"invalid-utf8"));
}

/// Valid UTF-8 that declares windows-1258 is read as UTF-8, and the mismatch is flagged.
#[test]
fn valid_utf8_declaring_a_legacy_charset_is_read_as_utf8() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><title>Sở Nội vụ tỉnh Khánh Hòa</title></head><body><p>Hội nghị</p></body></html>";
    let d = decode_html(page.as_bytes(), None).expect("decode");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(title_of(&d.html), "Sở Nội vụ tỉnh Khánh Hòa");
    assert!(d.repairs.contains(&"charset-mismatch"));
    // A real windows-1258 page keeps its declared encoding.
    let w1258 =
        b"<html><head><meta charset=\"windows-1258\"><title>Kh\xe1nh Ho\xcca</title></head></html>";
    let d = decode_html(w1258, None).expect("1258");
    assert_eq!(d.encoding, "windows-1258");
    assert!(!d.repairs.contains(&"charset-mismatch"));
}
