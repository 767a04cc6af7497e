//! The date grammar as one regex: every rule is an alternative, tried leftmost-first.
//!
//! The alternatives are the patterns of one multi-pattern regex, in the order of the grammar: a
//! search finds the leftmost candidate, the pattern that matched there names the alternative
//! (leftmost-first: the earliest in the grammar wins at a given start); only when that pattern has
//! named groups is it re-run alone, anchored, for them (the patterns are parsed once; the grammar
//! compiles without groups). `interpret` reads the numbers back out of the span and
//! decides, with the context, whether it is a date. Ranges and lists come before the single forms
//! they are made of, so the longest reading wins at a given start; when a range is rejected,
//! [`Patterns::single_at`] re-reads the same start without them.
//!
//! Word boundaries are ASCII (`(?-u:\b)`) on purpose: the Unicode `\b` makes the regex engine give
//! up its DFA on Vietnamese text. Left boundaries of words are checked in code instead.

use regex_automata::meta::Regex as Grammar;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax::parse_many;
use regex_automata::{Anchored, Input, Match, PatternID};

use std::sync::{Arc, LazyLock};

use super::context::{Lexicon, TimePatterns};
use super::hit::Hit;
use super::lunar;
use super::rule::Alternative;

/// Optional blank: spaces and at most one line break.
const S: &str = r"[ \t\u{a0}]*(?:\n[ \t\u{a0}]*)?";
/// Required blank: at least one space or one line break, at most one line break. (Spaces, then
/// the line break, then spaces: the same lengths in the same order of preference as
/// `[ \t\u{a0}]+(?:\n[ \t\u{a0}]*)?|\n[ \t\u{a0}]*`, in fewer states.)
const S1: &str = r"(?:[ \t\u{a0}]+\n?|\n)[ \t\u{a0}]*";
/// ASCII word boundary, around numbers.
const B: &str = r"(?-u:\b)";
const DAY: &str = r"(?:0?[1-9]|[12][0-9]|3[01])";
const MONTH: &str = r"(?:0?[1-9]|1[0-2])";
const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";
/// A year of a day written in full ("10/10/1010"): any year of the second millennium and after.
const FULL_YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2})";
/// The word that introduces a day: "ngày", or "mùng"/"mồng" for the first ten days.
const DAY_WORD: &str = "(?:ngày|mùng|mồng)";
/// Years named relative to another: "năm nay" (this year) and the others, which stay unresolved.
const RELATIVE_YEAR: &str = "(?:nay|trước|sau|tới|ngoái)";
/// "đ" in all its spellings, including the Icelandic eth that Vietnamese fonts used to stand in.
const DJ: &str = "[đĐÐð]";

/// The regex of one alternative, compiled on first use from the syntax tree the grammar was built
/// from (the pattern is parsed once).
type Part = LazyLock<Grammar, Box<dyn FnOnce() -> Grammar + Send>>;

#[derive(Debug)]
pub struct Patterns {
    /// Every alternative, one pattern each, in the order of the grammar: one pass over the text
    /// finds where the next candidate lies and which alternative it is.
    grammar: Grammar,
    /// The alternative of each pattern of `grammar`.
    order: Vec<Alternative>,
    /// The alternatives with named groups alone, compiled on first use: the parts of a candidate
    /// are read by the regex of its alternative only (a capture search over the whole grammar
    /// costs in proportion to all of its states). `None` for an alternative without groups: the
    /// span of its match is the grammar's own match, and there are no parts to read.
    parts: Vec<Option<Part>>,
    /// Clock times and parts of day around a date.
    pub time: TimePatterns,
    /// The word classes that confirm or veto a candidate.
    pub words: Arc<Lexicon>,
}

fn alternatives() -> Vec<(Alternative, String)> {
    let e = B;
    // A numeric day: 15/7, 15/7/2023, 15-7, 15-7-2023, 19.03.2018, 2.8. Spaces around "/" and a
    // dotted day without a year are tolerated by the regex and only accepted after "ngày" or a
    // part of day (checked in code).
    let dnum = format!(
        r"{B}{DAY}(?:[ ]?/[ ]?{MONTH}{e}(?:[ ]?/[ ]?{FULL_YEAR}{e})?|-{MONTH}{e}(?:-{YEAR}{e})?|\.{MONTH}{e}(?:\.{YEAR}{e})?)"
    );
    // A worded day: 15 tháng 7, 15 tháng 7 năm 2023, 01 tháng 7/2018.
    let month_year_tail = format!(r"(?:{S1}năm{S1}{YEAR}{e}|{S}[/\-.]{S}{YEAR}{e})");
    let dword = format!(r"{B}{DAY}{e}{S1}tháng{S1}{MONTH}{e}{month_year_tail}?");
    // "ngày 20/11 năm nay": a relative year after a day is part of it.
    let day = format!(r"(?:{DAY_WORD}{S1})?(?:{dword}|{dnum})(?:{S1}năm{S1}{RELATIVE_YEAR})?");
    let day_head = format!(r"(?:{DAY_WORD}{S1})?(?:{dword}|{dnum}|{B}{DAY}{e})");
    let connector = format!(r"{S}(?:-|–|—|(?:{DJ}ến|tới)(?:{S1}hết)?|cho{S1}{DJ}ến){S}");
    // Days may also be paired with "và" ("ngày 1 và 2/8"); months and years may not.
    let day_connector = format!(r"{S}(?:-|–|—|(?:{DJ}ến|tới)(?:{S1}hết)?|cho{S1}{DJ}ến|và){S}");
    let weekday = format!(r"(?:thứ{S1}(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7]{e})|chủ{S1}nhật)");
    let month_head = format!(r"tháng{S1}{MONTH}{e}");
    // The name of a year of the sexagenary cycle ("Giáp Thìn", `date/cycle.tsv`).
    let (stems, branches) = (
        lunar::cycle_alternation("stem"),
        lunar::cycle_alternation("branch"),
    );
    let cycle = format!(r"(?P<ly_s>{stems}){S1}{branches}");
    let cycle_after_day = cycle.replace("ly_s", "ly_t");
    // A lunar day: "23 tháng Chạp", "rằm tháng Giêng", "mùng 6 Tết Canh Tý" (no named groups: it
    // stands on both sides of a range).
    let lunar_day = format!(
        r"(?:(?:rằm|(?:{DAY_WORD}{S1})?{B}{DAY}{e}){S1}tháng{S1}(?:giêng|chạp)|(?:(?:mùng|mồng){S1})?{B}{DAY}{e}{S1}tết(?:{S1}{stems}{S1}{branches})?)(?:{S1}{B}{YEAR}{e})?"
    );
    let year_dash = format!(r"(?:{S}(?:-|–|—){S}|{S1}(?:{DJ}ến|tới){S1}(?:năm{S1})?)");
    // The year after a run of months: written, or relative ("tháng 3-5 năm nay").
    let months_tail = format!(r"(?:{month_year_tail}|{S1}năm{S1}{RELATIVE_YEAR})");
    vec![
        (
            Alternative::DayList,
            format!(
                r"{DAY_WORD}{S1}{B}{DAY}{e}(?:{S},{S}{B}{DAY}{e})+{S},?{S1}và{S1}(?P<dl_b>{day})"
            ),
        ),
        (
            Alternative::RangeDay,
            format!(r"(?:từ{S1})?(?P<rd_a>{day_head}){day_connector}(?P<rd_b>{day})"),
        ),
        (
            Alternative::WeekdayDay,
            format!(r"(?P<wd_w>{weekday}){S}[,\-–]?{S}(?P<wd_d>{day})"),
        ),
        (
            Alternative::RangeMonth,
            format!(
                r"(?:từ{S1})?(?P<mr_a>{month_head}{months_tail}?){connector}(?P<mr_b>(?:tháng{S1})?{B}{MONTH}{e}{months_tail}?)"
            ),
        ),
        (
            Alternative::MonthList,
            format!(
                r"{month_head}(?:(?:{S},{S}{B}{MONTH}{e})+(?:{S},?{S1}và{S1}{B}{MONTH}{e})?|{S1}và{S1}{B}{MONTH}{e}){months_tail}?"
            ),
        ),
        (
            Alternative::PeriodYears,
            format!(
                r"(?:giai{S1}{DJ}oạn|nhiệm{S1}kỳ|năm{S1}học|niên{S1}kh(?:óa|oá)|niên{S1}học|thời{S1}kỳ){S1}(?:từ{S1})?(?:năm{S1})?{B}{YEAR}{e}{year_dash}{B}{YEAR}{e}"
            ),
        ),
        (
            Alternative::RangeYear,
            format!(r"(?:từ{S1}(?:năm{S1})?|năm{S1}){B}{YEAR}{e}{year_dash}{B}{YEAR}{e}"),
        ),
        (
            Alternative::IsoDay,
            format!(r"{B}{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]){e}"),
        ),
        (
            Alternative::RangeYearBare,
            format!(r"{B}{YEAR}{e}{S}(?:-|–|—){S}{YEAR}{e}"),
        ),
        (
            Alternative::MonthsOfYear,
            format!(
                r"(?:{B}(?:[1-9]|1[01]){e}|ba|sáu|chín){S1}tháng{S1}(?:(?:{DJ}ầu|cuối){S1})?năm(?:{S1}(?:{YEAR}{e}|nay))?"
            ),
        ),
        (
            Alternative::HalfYear,
            format!(r"nửa{S1}(?:{DJ}ầu|cuối){S1}năm(?:{S1}(?:{YEAR}{e}|nay))?"),
        ),
        (
            Alternative::Decade,
            format!(
                r"(?:những{S1}năm|thập{S1}(?:niên|kỷ|kỉ)){S1}{B}(?:19|20)?[0-9]0{e}(?:{S1}(?:của{S1})?thế{S1}k[ỷỉ]{S1}(?:XXI|XX|trước))?"
            ),
        ),
        (
            // "thế kỷ XX", "thế kỷ 21": a century.
            Alternative::Century,
            format!(r"thế{S1}k[ỷỉ]{S1}(?P<c_n>(?-i:[IVX]{{1,5}})|{B}[12]?[0-9]){e}"),
        ),
        (
            Alternative::Quarter,
            format!(
                r"(?:quý|qúy){S1}(?:IV|III|II|I|[1-4]){e}(?:{S}[/\-]{S}{YEAR}{e}|{S1}năm{S1}(?:{YEAR}{e}|{RELATIVE_YEAR}))?"
            ),
        ),
        (
            // "từ 23 tháng Chạp đến mùng 6 Tết Canh Tý": two lunar days.
            Alternative::LunarRange,
            format!(r"(?:từ{S1})?(?P<lr_a>{lunar_day}){connector}(?P<lr_b>{lunar_day})"),
        ),
        (
            // "Tết Giáp Thìn 2024", "Tết Nguyên đán Quý Mão", "năm Kỷ Dậu", "mùng 5 Tết Kỷ Dậu",
            // "30 Tết": the first capitalised word of a year name must be a heavenly stem
            // (checked in code).
            Alternative::LunarYear,
            format!(
                r"(?:(?:(?:mùng|mồng){S1})?{B}{DAY}{e}{S1}tết(?:{S1}{cycle_after_day})?|(?:tết(?:{S1}nguyên{S1}{DJ}án)?|năm){S1}{cycle})(?:{S1}{B}(?P<ly_y>{YEAR}){e})?"
            ),
        ),
        (
            Alternative::Lunar,
            format!(r"(?:rằm{S1}|(?:{DAY_WORD}{S1})?{B}{DAY}{e}{S1})?tháng{S1}(?:giêng|chạp)"),
        ),
        (Alternative::Day, day.clone()),
        (
            Alternative::MonthYear,
            format!(r"{month_head}(?:{month_year_tail}|{S1}năm{S1}{RELATIVE_YEAR})"),
        ),
        (Alternative::Month, month_head.clone()),
        (Alternative::Year, format!(r"năm{S1}{B}{FULL_YEAR}{e}")),
        (Alternative::YearBare, format!(r"{B}{YEAR}{e}")),
    ]
}

pub fn build(words: Arc<Lexicon>) -> Patterns {
    let (order, sources): (Vec<Alternative>, Vec<String>) = alternatives()
        .into_iter()
        .map(|(alternative, re)| (alternative, format!("(?i){re}")))
        .unzip();
    // The patterns are constants of this module; a failure here is a bug caught by every test.
    // No literal prefilter: candidates start with digits or common words ("năm", "tháng"), so
    // none would skip text, and extracting the literals of all alternatives took a third of the
    // grammar's build.
    // Only the span of a match is read from the grammar (parts come from the alternative's own
    // regex), so its groups are not compiled.
    let config = Grammar::config()
        .auto_prefilter(false)
        .which_captures(WhichCaptures::Implicit);
    let trees = parse_many(&sources).expect("date grammar parses");
    let grammar = Grammar::builder()
        .configure(config)
        .build_many_from_hir(&trees)
        .expect("date grammar compiles");
    let parts = trees
        .into_iter()
        .zip(&sources)
        .map(|(tree, source)| {
            source.contains("(?P<").then(|| {
                // The same pattern compiled alone, for short anchored reads only: no prefilter
                // or DFA to build, the bounded backtracker reads it.
                let compile = move || {
                    let config = Grammar::config()
                        .auto_prefilter(false)
                        .hybrid(false)
                        .dfa(false)
                        .onepass(false);
                    Grammar::builder()
                        .configure(config)
                        .build_from_hir(&tree)
                        .expect("date alternative compiles")
                };
                Part::new(Box::new(compile))
            })
        })
        .collect();
    Patterns {
        grammar,
        order,
        parts,
        time: TimePatterns::build(),
        words,
    }
}

impl Patterns {
    /// The next candidate of the grammar in `text` at or after `from`: the leftmost match, the
    /// first alternative that matches there, with its parts.
    pub fn next_hit(&self, text: &str, from: usize) -> Option<Hit> {
        let found = self.grammar.search(&Input::new(text).range(from..))?;
        // The winning alternative alone, anchored at the start of the match and kept inside it,
        // reads the same span (leftmost-first: its preferred match) with its groups.
        let input = Input::new(text)
            .range(found.range())
            .anchored(Anchored::Yes);
        self.parts_of(found, &input, 0)
    }

    /// The first single (non-composite) alternative that matches at the start of `tail` (a tail of
    /// the text starting at byte `base`, read as a text of its own), with its parts.
    pub fn single_at(&self, tail: &str, base: usize) -> Option<Hit> {
        let found = self
            .order
            .iter()
            .enumerate()
            .filter(|(_, alternative)| !alternative.composite())
            .find_map(|(index, _)| self.grammar.search(&anchored(tail, index)))?;
        self.parts_of(found, &Input::new(tail).anchored(Anchored::Yes), base)
    }

    /// The hit of the grammar's match `found` in `input` (anchored at its start), its parts read
    /// by the alternative's own regex; `base` is added to every offset.
    fn parts_of(&self, found: Match, input: &Input<'_>, base: usize) -> Option<Hit> {
        let index = found.pattern().as_usize();
        let rule = *self.order.get(index)?;
        let Some(part) = self.parts.get(index)? else {
            // Leftmost-first: the grammar's match is the alternative's own preferred match at
            // that start.
            return Some(Hit::whole(rule, base + found.start(), base + found.end()));
        };
        let mut caps = part.create_captures();
        part.search_captures(input, &mut caps);
        Hit::from_captures(rule, &caps, base)
    }
}

/// `text`, read only by alternative number `index`, anchored at its start.
fn anchored(text: &str, index: usize) -> Input<'_> {
    Input::new(text).anchored(Anchored::Pattern(PatternID::must(index)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_blank_prefers_what_its_longer_spelling_prefers() {
        // S1 stands for the longer spelling in the comment of its definition: every run of
        // blanks, whatever follows it, must give both the same match.
        let long = r"(?:[ \t\u{a0}]+(?:\n[ \t\u{a0}]*)?|\n[ \t\u{a0}]*)";
        let blanks = [" ", "\t", "\u{a0}", "\n", "x"];
        for tail in ["", "x", "\nx", " x", "\n", "(?:\n x|x)", "(?: \n|x)"] {
            let short = Grammar::new(&format!("^{S1}{tail}")).expect("short");
            let long = Grammar::new(&format!("^{long}{tail}")).expect("long");
            for n in 0..5usize {
                for k in 0..blanks.len().pow(n as u32) {
                    let text: String = (0..n)
                        .map(|i| blanks[k / blanks.len().pow(i as u32) % blanks.len()])
                        .collect();
                    assert_eq!(
                        short.find(&text).map(|m| m.range()),
                        long.find(&text).map(|m| m.range()),
                        "{text:?} then {tail:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn grammar_compiles_in_the_order_of_the_rules() {
        let words = Lexicon::load(
            &crate::ner::lexicons::Sources::builtin(),
            "date/words.tsv",
            &mut crate::ner::phrase::Vocab::default(),
        )
        .expect("built-in date words");
        let p = build(Arc::new(words));
        assert_eq!(p.order, Alternative::ALL);
        assert_eq!(p.grammar.pattern_len(), Alternative::ALL.len());
        let hit = p.next_hit("họp ngày 15/7/2023 tại", 0).expect("a day");
        assert_eq!((hit.rule, hit.start, hit.end), (Alternative::Day, 6, 21));
        let range = p.next_hit("từ 15/7 - 17/7/2023", 0).expect("a range");
        assert_eq!(range.rule, Alternative::RangeDay);
        let single = p.single_at("15/7 - 17/7/2023", 7).expect("its first day");
        assert_eq!(
            (single.rule, single.start, single.end),
            (Alternative::Day, 7, 11)
        );
        let order: Vec<Alternative> = alternatives().into_iter().map(|(a, _)| a).collect();
        assert_eq!(order, Alternative::ALL);
    }
}
