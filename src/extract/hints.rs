//! The word lists of `boilerplate.toml`, loaded once: what a class or id says about an element
//! ([`class_hint`]), and which short lines are related-news headings, furniture, generic titles
//! or date labels. Every extraction stage asks here, so one word list serves all of them.

use std::sync::OnceLock;

use serde::Deserialize;

const BOILERPLATE_TOML: &str = include_str!("boilerplate.toml");

/// What an element's class or id says about its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    Neutral,
    /// Menus, sidebars, related lists, share bars, comments, ads.
    Furniture,
    /// The article: `noi-dung`, `chi-tiet`, `content`, `detail` ...
    Content,
}

#[derive(Debug, Deserialize)]
struct Lists {
    furniture_classes: Vec<String>,
    ignored_classes: Vec<String>,
    content_classes: Vec<String>,
    date_classes: Vec<String>,
    lead_classes: Vec<String>,
    title_classes: Vec<String>,
    not_title_classes: Vec<String>,
    related_headings: Vec<String>,
    furniture_labels: Vec<String>,
    colophon_prefixes: Vec<String>,
    home_titles: Vec<String>,
    document_field_labels: Vec<String>,
    generic_titles: Vec<String>,
    date_words: Vec<String>,
    publication_labels: Vec<String>,
    print_labels: Vec<String>,
    update_labels: Vec<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        // A compile-time constant of the crate, checked by the tests.
        toml::from_str(BOILERPLATE_TOML).unwrap_or_else(|e| panic!("boilerplate.toml: {e}"))
    })
}

/// What an element's `class` and `id` say about it, read in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassInfo {
    pub hint: Hint,
    /// It prints a date ("Time", "post-date", "ngay-dang").
    pub date: bool,
    /// It holds the lead ("sapo", "brief", "summary").
    pub lead: bool,
    /// It is a headline ("Title", "title-gt", "tieu-de"), not a subtitle or a section name.
    pub title: bool,
}

/// The groups of class words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClassGroup {
    Furniture,
    Ignored,
    Content,
    Date,
    Lead,
    Title,
    NotTitle,
}

/// One automaton over every class word, longest match first.
struct ClassWords {
    matcher: aho_corasick::AhoCorasick,
    groups: Vec<ClassGroup>,
}

fn class_words() -> &'static ClassWords {
    static WORDS: OnceLock<ClassWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let lists = lists();
        let mut words: Vec<String> = Vec::new();
        let mut groups = Vec::new();
        for (list, group) in [
            (&lists.furniture_classes, ClassGroup::Furniture),
            (&lists.ignored_classes, ClassGroup::Ignored),
            (&lists.content_classes, ClassGroup::Content),
            (&lists.date_classes, ClassGroup::Date),
            (&lists.lead_classes, ClassGroup::Lead),
            (&lists.title_classes, ClassGroup::Title),
            (&lists.not_title_classes, ClassGroup::NotTitle),
        ] {
            for word in list {
                words.push(word.to_ascii_lowercase().replace('_', "-"));
                groups.push(group);
            }
        }
        let matcher = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&words)
            // The words are data of this crate, checked by the tests.
            .unwrap_or_else(|e| panic!("boilerplate.toml class words: {e}"));
        ClassWords { matcher, groups }
    })
}

/// What an element's `class` and `id` say. An element named both ways ("sidebar-content") is
/// neutral: its text decides.
pub fn class_info(class: Option<&str>, id: Option<&str>) -> ClassInfo {
    if class.is_none() && id.is_none() {
        return ClassInfo::default();
    }
    let mut names = String::with_capacity(class.map_or(0, str::len) + id.map_or(0, str::len) + 1);
    for part in [class.unwrap_or_default(), " ", id.unwrap_or_default()] {
        names.extend(part.chars().map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        }));
    }
    let words = class_words();
    let (mut furniture, mut content, mut title, mut not_title) = (false, false, false, false);
    let mut info = ClassInfo::default();
    for found in words.matcher.find_iter(&names) {
        match words.groups[found.pattern().as_usize()] {
            ClassGroup::Furniture => furniture = true,
            ClassGroup::Content => content = true,
            ClassGroup::Date => info.date = true,
            ClassGroup::Lead => info.lead = true,
            ClassGroup::Title => title = true,
            ClassGroup::NotTitle => not_title = true,
            ClassGroup::Ignored => {}
        }
    }
    info.title = title && !not_title;
    info.hint = match (furniture, content) {
        (true, false) => Hint::Furniture,
        (false, true) => Hint::Content,
        _ => Hint::Neutral,
    };
    info
}

/// The hint of an element from its `class` and `id`.
pub fn class_hint(class: Option<&str>, id: Option<&str>) -> Hint {
    class_info(class, id).hint
}

/// True when an element's class or id says it prints a date ("Time", "post-date", "ngay-dang").
pub fn is_date_classed(class: Option<&str>, id: Option<&str>) -> bool {
    class_info(class, id).date
}

/// True when an element's class or id says it holds the lead ("sapo", "brief", "summary").
pub fn is_lead_classed(class: Option<&str>, id: Option<&str>) -> bool {
    class_info(class, id).lead
}

/// Lower case, single spaces, trimmed of punctuation around.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Longest line that can still be a heading or label.
const MAX_LABEL_CHARS: usize = 80;

/// A heading that opens a related-news list ("Tin liên quan", "Các tin khác:").
pub fn is_related_heading(text: &str) -> bool {
    if text.chars().count() > MAX_LABEL_CHARS {
        return false;
    }
    let folded = fold(text);
    lists().related_headings.iter().any(|h| {
        folded == *h
            || folded
                .strip_prefix(h.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(['(', '»', '>']))
    })
}

/// A line of page furniture ("In bài viết | Gửi email", "Lượt xem: 1.024", "Quay lại"). Every
/// `|`-separated piece must be a label, optionally followed by a number, so a subheading like
/// "Chia sẻ kinh nghiệm" stays.
pub fn is_furniture_line(text: &str) -> bool {
    if is_colophon_line(text) {
        return true;
    }
    if text.chars().count() > MAX_LABEL_CHARS || !text.chars().any(char::is_alphabetic) {
        return false;
    }
    let labels = &lists().furniture_labels;
    text.split(['|', '•', '·'])
        .map(|piece| {
            fold(piece.trim_end_matches(|c: char| {
                c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | ',' | ':' | '(' | ')')
            }))
        })
        .filter(|piece| !piece.is_empty())
        .all(|piece| labels.contains(&piece))
}

/// Longest line of a site's colophon.
const MAX_COLOPHON_CHARS: usize = 250;

/// A line of a site's colophon: licence, owner, copyright, design credits, visitor counters.
pub fn is_colophon_line(text: &str) -> bool {
    if text.chars().count() > MAX_COLOPHON_CHARS {
        return false;
    }
    let lower = text.trim_start().to_lowercase();
    lists()
        .colophon_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
}

/// A title that names a site, a section or a kind of page, not an article.
pub fn is_generic_title(text: &str) -> bool {
    let folded = fold(text);
    folded.is_empty() || is_home_title(text) || lists().generic_titles.contains(&folded)
}

/// A field label of a legal document's record ("Số ký hiệu:", "Ngày ban hành", "Người ký"),
/// alone on its line or before the value.
pub fn is_document_field(text: &str) -> bool {
    if text.chars().count() > MAX_LABEL_CHARS {
        return false;
    }
    let label = fold(text.split(':').next().unwrap_or_default());
    lists().document_field_labels.contains(&label)
}

/// The name of a site's home page ("Trang chủ", "Home").
pub fn is_home_title(text: &str) -> bool {
    let folded = fold(text);
    lists().home_titles.contains(&folded)
}

/// The words that may stand around a date on a date line, longest first.
pub fn date_words() -> &'static [String] {
    static SORTED: OnceLock<Vec<String>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut words = lists().date_words.clone();
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        words
    })
}

/// Every date label with what it says of the date after it, lower case.
pub fn date_labels() -> &'static [(String, super::dates::LabelKind)] {
    use super::dates::LabelKind;
    static LABELS: OnceLock<Vec<(String, LabelKind)>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let lists = lists();
        let mut labels = Vec::new();
        for (list, kind) in [
            (&lists.publication_labels, LabelKind::Publication),
            (&lists.update_labels, LabelKind::Update),
            (&lists.print_labels, LabelKind::Print),
        ] {
            labels.extend(list.iter().map(|l| (l.to_lowercase(), kind)));
        }
        labels
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_load() {
        assert!(!lists().furniture_classes.is_empty());
    }

    #[test]
    fn class_hints() {
        assert_eq!(class_hint(Some("box-tin-lien-quan"), None), Hint::Furniture);
        assert_eq!(class_hint(Some("noi-dung"), None), Hint::Content);
        assert_eq!(class_hint(Some("sidebar-content"), None), Hint::Neutral);
        assert_eq!(class_hint(None, Some("ctl00_MainMenu")), Hint::Furniture);
        assert_eq!(class_hint(Some("row"), None), Hint::Neutral);
        assert_eq!(class_hint(Some("Title allowMenuPost"), None), Hint::Neutral);
        let title = class_info(Some("Title allowMenuPost"), None);
        assert!(title.title && !title.lead && !title.date);
        assert!(!class_info(Some("FolderTitle"), None).title);
        assert!(!class_info(Some("post-subtitle"), None).title);
        assert!(class_info(None, Some("ctl00_lblNgay_Dang")).date);
        assert!(class_info(Some("news_sapo"), None).lead);
    }

    #[test]
    fn furniture_lines() {
        for (line, ok) in [
            ("In bài viết | Gửi email", true),
            ("Lượt xem: 1.024", true),
            ("Số lượt người xem: 245", true),
            ("Chia sẻ kinh nghiệm", false),
            ("Chia sẻ", true),
            ("Quay lại", true),
            ("1.024", false),
            (
                "Giấy phép số: 16/GPTTĐT-STTTT, do Sở Thông tin - Truyền thông cấp",
                true,
            ),
        ] {
            assert_eq!(is_furniture_line(line), ok, "{line}");
        }
    }

    #[test]
    fn related_headings() {
        assert!(is_related_heading("Tin liên quan"));
        assert!(is_related_heading("CÁC TIN KHÁC:"));
        assert!(is_related_heading("Tin đã đưa (»)"));
        assert!(!is_related_heading(
            "Tin liên quan đến dự án nhà ở xã hội được công bố"
        ));
    }

    #[test]
    fn generic_titles() {
        assert!(is_generic_title("Trang chủ"));
        assert!(is_generic_title(" TIN TỨC - SỰ KIỆN "));
        assert!(!is_generic_title("Hội nghị tổng kết công tác năm 2023"));
    }
}
