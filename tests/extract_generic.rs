//! Tests: the generic extractor on pages no profile knows, each built here in the shape of a
//! portal template: what it must take (headline, date line, lead, paragraphs, table bodies) and
//! what it must leave out or refuse (furniture, related boxes, listings, home pages).

use tintuc::error::PageError;
use tintuc::extract::{extract, Profiles, NO_DATE_WARNING};
use tintuc::model::Article;

/// A page with a head, a menu, a sidebar of links and a footer around `main`.
fn page(head: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">{head}</head><body>\
         <div class=\"header\"><a href=\"/\" class=\"logo\">Cổng thông tin điện tử Sở Tư pháp</a>\
         <ul class=\"main-menu\"><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/gioi-thieu\">Giới thiệu</a></li>\
         <li><a href=\"/tin-tuc\">Tin tức - Sự kiện</a></li><li><a href=\"/van-ban\">Văn bản</a></li></ul></div>\
         <div class=\"wrapper\"><div class=\"col-main\">{main}</div>\
         <div class=\"col-side\"><div class=\"box-title\">Tin mới</div><ul>\
         <li><a href=\"/tin/1\">Hội nghị tập huấn công tác hộ tịch năm 2024 cho công chức tư pháp</a></li>\
         <li><a href=\"/tin/2\">Kiểm tra công tác bồi thường nhà nước tại các huyện phía Bắc</a></li>\
         <li><a href=\"/tin/3\">Phổ biến Luật Đất đai sửa đổi cho cán bộ cơ sở tại các xã vùng cao</a></li></ul></div></div>\
         <div class=\"footer\"><p>Bản quyền thuộc Sở Tư pháp. Địa chỉ: 12 Lê Lợi, thành phố Huế</p></div>\
         </body></html>"
    )
}

const PARAGRAPHS: &str = "<p>Sáng ngày 18/3, Sở Tư pháp tổ chức hội nghị triển khai công tác phổ biến, giáo dục pháp luật năm 2024 cho hơn 200 báo cáo viên pháp luật của tỉnh và các huyện.</p>\
    <p>Tại hội nghị, các đại biểu đã thảo luận về cách đưa pháp luật đến gần người dân vùng sâu, vùng xa, nhất là các quy định mới về đất đai, hôn nhân và gia đình, phòng chống bạo lực gia đình.</p>\
    <p>Lãnh đạo Sở đề nghị các địa phương tăng cường ứng dụng công nghệ thông tin, xây dựng tủ sách pháp luật điện tử và tổ chức các buổi đối thoại chính sách ngay tại thôn, bản.</p>";

fn article(html: &str) -> Article {
    extract(html, None, &Profiles::empty()).unwrap_or_else(|e| panic!("article expected: {e}"))
}

fn refusal(html: &str) -> String {
    match extract(html, None, &Profiles::empty()) {
        Err(PageError::NoArticle(reason)) => reason,
        Err(other) => panic!("unexpected error {other}"),
        Ok(a) => panic!("a listing became an article titled {:?}", a.title),
    }
}

#[test]
fn related_box_inside_the_article_container_stays_out_and_keeps_the_article() {
    let html = page(
        "<title>Triển khai phổ biến pháp luật năm 2024 - Sở Tư pháp</title>",
        &format!(
            "<div class=\"detail\"><h1>Triển khai phổ biến pháp luật năm 2024</h1>\
             <div class=\"date\">Thứ Hai, 18/03/2024 10:15</div>{PARAGRAPHS}\
             <div class=\"tin-lien-quan\"><h3>Tin liên quan</h3><ul>\
             <li><a href=\"/tin/9\">Tập huấn kỹ năng hòa giải ở cơ sở cho hòa giải viên các xã</a></li>\
             <li><a href=\"/tin/8\">Ra mắt câu lạc bộ pháp luật tại trường trung học phổ thông</a></li>\
             <li><a href=\"/tin/7\">Tổng kết công tác tư pháp năm 2023 và triển khai nhiệm vụ năm 2024</a></li>\
             </ul></div><div class=\"share\">Chia sẻ | In bài</div></div>"
        ),
    );
    let a = article(&html);
    assert_eq!(a.title, "Triển khai phổ biến pháp luật năm 2024");
    assert_eq!(a.published.as_deref(), Some("2024-03-18T10:15:00+07:00"));
    assert!(a.text.starts_with("Sáng ngày 18/3"), "{}", a.text);
    assert!(a.text.ends_with("thôn, bản."), "{}", a.text);
    for furniture in [
        "Tin liên quan",
        "Tập huấn kỹ năng",
        "Chia sẻ",
        "Tin mới",
        "Bản quyền",
    ] {
        assert!(!a.text.contains(furniture), "{furniture} in {}", a.text);
    }
}

#[test]
fn a_list_of_teasers_is_refused() {
    let teaser = |n: usize| {
        format!(
            "<div class=\"item\"><h3><a href=\"/tin/{n}\">Hội nghị chuyên đề số {n} về cải cách thủ tục hành chính</a></h3>\
             <p>Ngày {n}/3/2024, Sở Tư pháp phối hợp với các cơ quan liên quan tổ chức hội nghị chuyên đề, đánh giá kết quả và đề ra giải pháp trong thời gian tới.</p></div>"
        )
    };
    let items: String = (1..=8).map(teaser).collect();
    let html = page(
        "<title>Tin tức - Sự kiện - Sở Tư pháp</title>",
        &format!("<h2>Tin tức - Sự kiện</h2>{items}"),
    );
    let reason = refusal(&html);
    assert!(
        reason.contains("list") || reason.contains("items") || reason.contains("headline"),
        "{reason}"
    );
}

#[test]
fn a_home_page_with_one_long_teaser_is_refused() {
    let html = page(
        "<title>Cổng thông tin điện tử Sở Tư pháp</title>",
        &format!(
            "<div class=\"featured\"><h3><a href=\"/tin/1\">Triển khai phổ biến pháp luật năm 2024</a></h3>{PARAGRAPHS}</div>\
             <ul><li><a href=\"/tin/2\">Hội nghị tập huấn nghiệp vụ công chứng cho các văn phòng công chứng</a></li>\
             <li><a href=\"/tin/3\">Kết quả kiểm tra công tác hộ tịch tại các xã biên giới</a></li></ul>"
        ),
    );
    refusal(&html);
}

#[test]
fn an_article_without_any_date_is_kept_with_a_warning() {
    let html = page(
        "<title>Triển khai phổ biến pháp luật năm 2024 | Sở Tư pháp</title>\
         <meta property=\"og:title\" content=\"Triển khai phổ biến pháp luật năm 2024\">",
        &format!("<h1 class=\"title\">Triển khai phổ biến pháp luật năm 2024</h1>{PARAGRAPHS}"),
    );
    let a = article(&html);
    assert_eq!(a.published, None);
    assert_eq!(a.extractor.warnings, vec![NO_DATE_WARNING.to_string()]);
    assert!(a.extractor.confidence.is_some_and(|c| c < 1.0));
    assert_eq!(a.extractor.sources.published, None);
    assert_eq!(a.extractor.sources.title.as_deref(), Some("page+metadata"));
}

#[test]
fn a_generic_page_title_and_a_title_classed_paragraph() {
    // SharePoint/LacViet: the <title> names the site on every page; the date sits above the
    // headline in a table row, the lead in a bold element, and the body in a cell below.
    let html = page(
        "<title>Trang chủ - Cổng thông tin điện tử Sở Tư pháp</title>",
        &format!(
            "<table><tr><td class=\"FolderTitle\">Tin hoạt động</td><td class=\"Time\">(05.08.2024 16:32)</td></tr></table>\
             <table id=\"tableforprint\"><tr><td><p class=\"Title\">Triển khai phổ biến pháp luật năm 2024</p></td></tr>\
             <tr><td><b>Sở Tư pháp vừa tổ chức hội nghị triển khai công tác phổ biến, giáo dục pháp luật cho báo cáo viên.</b></td></tr>\
             <tr><td><div>{PARAGRAPHS}</div></td></tr>\
             <tr><td>Số lượt người xem: 120</td></tr></table>"
        ),
    );
    let a = article(&html);
    assert_eq!(a.title, "Triển khai phổ biến pháp luật năm 2024");
    assert_eq!(a.published.as_deref(), Some("2024-08-05T16:32:00+07:00"));
    assert_eq!(
        a.lead.as_deref(),
        Some("Sở Tư pháp vừa tổ chức hội nghị triển khai công tác phổ biến, giáo dục pháp luật cho báo cáo viên.")
    );
    assert_eq!(
        a.site_name.as_deref(),
        Some("Cổng thông tin điện tử Sở Tư pháp")
    );
    assert!(!a.text.contains("lượt người xem"), "{}", a.text);
}

#[test]
fn a_schedule_published_as_a_table_is_an_article() {
    let rows: String = (1..=6)
        .map(|d| {
            format!(
                "<tr><td>Thứ {} ngày 0{d}/7/2024</td><td>Đồng chí Giám đốc Sở tiếp công dân định kỳ</td><td>Phòng tiếp công dân, trụ sở Sở</td></tr>",
                d + 1
            )
        })
        .collect();
    let html = page(
        "<title>Trang chủ - Sở Tư pháp</title>",
        &format!(
            "<div class=\"Time\">26/07/2024</div><p class=\"Title\">Lịch tiếp công dân tháng 7 năm 2024</p>\
             <div class=\"content\"><table><tr><th>Ngày</th><th>Nội dung</th><th>Địa điểm</th></tr>{rows}</table></div>"
        ),
    );
    let a = article(&html);
    assert_eq!(a.title, "Lịch tiếp công dân tháng 7 năm 2024");
    assert_eq!(a.published.as_deref(), Some("2024-07-26"));
    assert!(a.text.contains("Phòng tiếp công dân"), "{}", a.text);
}

#[test]
fn a_headline_is_never_a_section_name_or_the_site_name() {
    let html = page(
        "<title>Triển khai phổ biến pháp luật năm 2024 - Tin tức sự kiện - Sở Tư pháp</title>",
        &format!(
            "<h1 class=\"portlet-title\">Tin tức nổi bật</h1>\
             <div class=\"news\"><h2 class=\"title\">Triển khai phổ biến pháp luật năm 2024</h2>\
             <span class=\"publish-date\">Ngày đăng 18/03/2024 | 10:15 AM</span>{PARAGRAPHS}</div>"
        ),
    );
    let a = article(&html);
    assert_eq!(a.title, "Triển khai phổ biến pháp luật năm 2024");
    assert_eq!(a.published.as_deref(), Some("2024-03-18T10:15:00+07:00"));
    assert_eq!(a.site_name.as_deref(), Some("Sở Tư pháp"));
}

#[test]
fn a_date_in_the_text_or_in_a_related_list_is_not_the_publication_date() {
    let html = page(
        "<title>Triển khai phổ biến pháp luật năm 2024</title>",
        &format!(
            "<h1>Triển khai phổ biến pháp luật năm 2024</h1>{PARAGRAPHS}\
             <p>Kế hoạch số 12/KH-STP ngày 02/01/2024 đã được ban hành.</p>\
             <div class=\"other\"><ul><li><a href=\"/tin/5\">Tin cũ về hội nghị tổng kết</a> (12/12/2023)</li></ul></div>"
        ),
    );
    let a = article(&html);
    assert_eq!(a.published, None);
}

#[test]
fn the_same_page_gives_the_same_record_every_time() {
    // Unclosed elements make the parser build a deep, odd tree; the output must not depend on
    // hashing or on memory addresses.
    let broken: String = (0..10)
        .map(|i| format!("<div><p>Đoạn văn thứ {i} của bài viết về công tác tư pháp, có đủ độ dài để được tính là một đoạn văn bản.</p>"))
        .collect();
    let html = page(
        "<title>Bài viết có thẻ không đóng - Sở Tư pháp</title>",
        &format!("<h1>Bài viết có thẻ không đóng</h1><div class=\"date\">18/03/2024</div>{broken}"),
    );
    let first = extract(&html, None, &Profiles::empty()).map(|a| a.text);
    for _ in 0..20 {
        assert_eq!(
            extract(&html, None, &Profiles::empty())
                .map(|a| a.text)
                .ok(),
            first.as_ref().ok().cloned()
        );
    }
    let text = first.expect("article");
    assert_eq!(text.matches("Đoạn văn thứ").count(), 10, "{text}");
}

#[test]
fn a_page_nested_deep_is_read_and_one_nested_too_deep_is_refused_not_a_crash() {
    // 900 levels of inline elements around the text (a recursive walk would need a deep stack),
    // then 100,000 levels: over the nesting limit, refused before parsing.
    let nested = |depth: usize| {
        page(
            "<title>Bài viết lồng sâu</title>",
            &format!(
                "<h1>Bài viết lồng sâu trong nhiều lớp thẻ</h1><div class=\"date\">18/03/2024</div><div>{}{PARAGRAPHS}{}</div>",
                "<span>".repeat(depth),
                "</span>".repeat(depth)
            ),
        )
    };
    let a = article(&nested(900));
    assert!(a.text.contains("Sáng ngày 18/3"), "{}", a.text);
    match extract(&nested(100_000), None, &Profiles::empty()) {
        Err(PageError::TooComplex(reason)) => assert!(reason.contains("nest"), "{reason}"),
        other => panic!("expected a refusal as too complex, got {other:?}"),
    }
}
