//! The article as Markdown (CommonMark): `# title`, an italic line with the date, site, author
//! and address, the lead in bold, the body's paragraphs, the images with their captions and the
//! credit line. Text is escaped so that nothing in an article turns into markup: a paragraph
//! starting with `#`, `-` or `1.` stays a paragraph, `*` and `_` stay characters.

use crate::model::Record;

/// Characters escaped anywhere in a line of text.
const INLINE_SPECIAL: [char; 8] = ['\\', '`', '*', '_', '[', ']', '<', '>'];

/// One record as a Markdown document, ending with a line break.
pub fn render(record: &Record) -> String {
    let article = &record.article;
    let mut blocks: Vec<String> = Vec::new();
    blocks.push(format!("# {}", escape_inline(article.title.trim())));

    let byline: Vec<String> = [
        article.published.as_deref(),
        article.site_name.as_deref().or(article.site.as_deref()),
        article.author.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.trim().is_empty())
    .map(|part| escape_inline(part.trim()))
    .collect();
    let mut meta = String::new();
    if !byline.is_empty() {
        meta = format!("*{}*", byline.join(" · "));
    }
    if let Some(url) = record.known_url() {
        if !meta.is_empty() {
            meta.push_str("  \n");
        }
        meta.push_str(&format!(
            "<{}>",
            url.replace(['<', '>'], "").replace(' ', "%20")
        ));
    }
    if !meta.is_empty() {
        blocks.push(meta);
    }

    if let Some(lead) = article
        .lead
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        blocks.push(format!("**{}**", escape_inline(lead)));
    }
    blocks.extend(
        article
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(escape_paragraph),
    );
    for image in &article.images {
        let caption = image.caption.as_deref().map(str::trim).unwrap_or("");
        let mut block = format!(
            "![{}](<{}>)",
            escape_inline(caption),
            image.src.replace(['<', '>'], "")
        );
        if !caption.is_empty() {
            block.push_str(&format!("  \n*{}*", escape_inline(caption)));
        }
        blocks.push(block);
    }
    if let Some(source) = article
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        blocks.push(format!("*{}*", escape_inline(source)));
    }
    let mut text = blocks.join("\n\n");
    text.push('\n');
    text
}

/// A paragraph of body text: every line escaped, and line starts that Markdown would read as a
/// heading, list item, quote or rule made plain.
fn escape_paragraph(paragraph: &str) -> String {
    paragraph
        .lines()
        .map(|line| escape_line_start(&escape_inline(line.trim_end())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Backslash before every character that would start emphasis, code, a link or HTML.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `# `, `- `, `+ `, `1. `, `1) `, `=`/`-` underlines at the start of a line, made literal.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let first = trimmed.chars().next();
    let needs = match first {
        Some('#' | '+' | '-' | '=' | '|') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
        }
        _ => false,
    };
    if !needs {
        return line.to_string();
    }
    if first.is_some_and(|c| c.is_ascii_digit()) {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        return format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    format!("{indent}\\{trimmed}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Image;

    #[test]
    fn markup_in_the_text_stays_text() {
        let cases = [
            ("# Không phải tiêu đề", "\\# Không phải tiêu đề"),
            ("- gạch đầu dòng", "\\- gạch đầu dòng"),
            ("1. Điều một", "1\\. Điều một"),
            ("2023) năm", "2023\\) năm"),
            ("2023 năm", "2023 năm"),
            ("a*b*_c_ [x](y) <b>", "a\\*b\\*\\_c\\_ \\[x\\](y) \\<b\\>"),
            ("Hà Nội", "Hà Nội"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape_paragraph(text), expected, "{text}");
        }
    }

    #[test]
    fn a_record_renders_in_reading_order() {
        let mut record = Record::default();
        record.article.title = "Hội nghị *tổng kết*".into();
        record.article.published = Some("2023-07-18".into());
        record.article.site_name = Some("Sở Nội vụ".into());
        record.article.url = Some("https://snv.example.gov.vn/a".into());
        record.article.lead = Some("Sa pô.".into());
        record.article.text = "Đoạn 1.\n\n- Đoạn 2.".into();
        record.article.images = vec![Image {
            src: "https://snv.example.gov.vn/a b.jpg".into(),
            caption: Some("Quang cảnh".into()),
        }];
        record.article.source = Some("Nguồn: snv".into());
        assert_eq!(
            render(&record),
            "# Hội nghị \\*tổng kết\\*\n\n*2023-07-18 · Sở Nội vụ*  \n<https://snv.example.gov.vn/a>\n\n\
             **Sa pô.**\n\nĐoạn 1.\n\n\\- Đoạn 2.\n\n![Quang cảnh](<https://snv.example.gov.vn/a b.jpg>)  \n\
             *Quang cảnh*\n\n*Nguồn: snv*\n"
        );
    }
}
