//! Long texts are recognised piece by piece, so time stays linear and memory bounded in the length
//! of a document (a 50 MB text costs fifty 1 MB texts, not one huge token list).
//!
//! A text of at most [`MAX_PIECE_BYTES`] is one piece: every article is read whole, exactly as
//! before. A longer text is cut where a mention cannot continue: after the last paragraph break
//! (a blank line) in the second half of the window, else the last line break, else the last
//! sentence end, else the last space, else at a character boundary. Offsets of what a piece finds
//! are shifted by the piece's start ([`Piece::byte_start`], [`Piece::char_start`]), so they stay
//! true to the whole text.

/// The largest piece of text the recognisers read at once, in bytes (a long government report is
/// 20-60 KB; the limit only cuts documents far longer than any article).
pub const MAX_PIECE_BYTES: usize = 128 * 1024;

/// One piece of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'t> {
    pub text: &'t str,
    /// Where the piece starts in the whole text, in bytes.
    pub byte_start: usize,
    /// Where the piece starts in the whole text, in code points.
    pub char_start: usize,
}

impl<'t> Piece<'t> {
    /// A whole text as one piece.
    pub fn whole(text: &'t str) -> Piece<'t> {
        Piece {
            text,
            byte_start: 0,
            char_start: 0,
        }
    }
}

/// The pieces of `text`, in order; together they are the whole text. Never empty for a
/// non-empty text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    pieces_of(text, MAX_PIECE_BYTES)
}

fn pieces_of(text: &str, max: usize) -> Vec<Piece<'_>> {
    if text.len() <= max {
        return vec![Piece::whole(text)];
    }
    let mut out = Vec::with_capacity(text.len() / max + 1);
    let (mut start, mut chars) = (0, 0);
    while start < text.len() {
        let end = if text.len() - start <= max {
            text.len()
        } else {
            cut_point(text, start, max)
        };
        let piece = &text[start..end];
        out.push(Piece {
            text: piece,
            byte_start: start,
            char_start: chars,
        });
        chars += piece.chars().count();
        start = end;
    }
    out
}

/// Where the piece that starts at `start` ends: the best break in the second half of the window
/// `start..start + max` (see the module docs); always after `start`, on a character boundary.
fn cut_point(text: &str, start: usize, max: usize) -> usize {
    let limit = floor_boundary(text, start + max);
    let from = floor_boundary(text, start + max / 2).max(start + 1);
    if from >= limit {
        return next_boundary(text, start).max(limit);
    }
    let window = &text[from..limit];
    let bytes = window.as_bytes();
    let after = |i: usize, len: usize| from + i + len;
    if let Some(i) = window.rfind("\n\n") {
        return after(i, 2);
    }
    if let Some(i) = bytes.iter().rposition(|&b| b == b'\n') {
        return after(i, 1);
    }
    if let Some(i) = window.rfind(". ") {
        return after(i, 2);
    }
    if let Some(i) = bytes.iter().rposition(|&b| b == b' ') {
        return after(i, 1);
    }
    limit
}

/// The character boundary after the character at `start`.
fn next_boundary(text: &str, start: usize) -> usize {
    text[start..]
        .chars()
        .next()
        .map_or(text.len(), |c| start + c.len_utf8())
}

/// The largest character boundary at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, max: usize) -> Vec<Piece<'_>> {
        let pieces = pieces_of(text, max);
        let joined: String = pieces.iter().map(|p| p.text).collect();
        assert_eq!(joined, text, "the pieces make up the text");
        for piece in &pieces {
            assert!(
                piece.text.len() <= max.max(piece.text.chars().next().unwrap().len_utf8()),
                "{} > {max}",
                piece.text.len()
            );
            assert!(!piece.text.is_empty());
            assert_eq!(&text[piece.byte_start..][..piece.text.len()], piece.text);
            assert_eq!(text[..piece.byte_start].chars().count(), piece.char_start);
        }
        pieces
    }

    #[test]
    fn a_short_text_is_one_piece() {
        assert_eq!(check("Hà Nội", 64), vec![Piece::whole("Hà Nội")]);
    }

    #[test]
    fn a_long_text_is_cut_after_paragraphs_then_lines_then_sentences() {
        let text = "Đoạn một có mấy chữ.\n\nĐoạn hai, dòng một.\nDòng hai. Câu ba và bốn.";
        let pieces = check(text, 40);
        assert!(pieces[0].text.ends_with("\n\n"), "{:?}", pieces[0].text);
        let lines = check("Dòng một của văn bản.\nDòng hai của văn bản. Câu ba.", 30);
        assert!(lines[0].text.ends_with('\n'), "{:?}", lines[0].text);
    }

    #[test]
    fn text_without_spaces_is_cut_at_character_boundaries() {
        let text = "Đường".repeat(50);
        let pieces = check(&text, 7);
        assert!(pieces.len() > 10);
        // A window smaller than a character still moves on, one character at a time.
        assert_eq!(pieces_of("ĐĐ", 1).len(), 2);
    }
}
