//! A deterministic mutator of pages and archives, for the hostile-input tests and the
//! `hostile` benchmark: byte flips, cut and doubled stretches, unclosed and deeply nested tags,
//! attribute floods, broken and huge entities, legacy bytes in UTF-8, truncation. The same seed
//! gives the same mutant, so a failure is reproduced by its seed alone.

/// A small, fast, seedable generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Markup fragments that stress an HTML parser and an extractor.
const FRAGMENTS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<b><i><u>",
    "<font size=4><b>",
    "<a href=\"/tin/1\">",
    "</a>",
    "<script>var a='</div>';",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&#x1EC7;",
    "&amp;#x1EC7;",
    "ldquo;",
    "&#99999999;",
    "&#0;",
    "&;",
    "<br/>",
    "<img src=x>",
    "<title>Tiêu đề</title>",
    "<h1>",
    "</h1>",
    "<meta charset=\"windows-1258\">",
    "<time datetime=\"2023-02-30\">",
    "Ngày đăng: 31/02/2023",
    "\u{200B}\u{FEFF}",
    "Ð",
    "o\u{0300}\u{0301}\u{0302}",
];

/// One mutation of `input`, chosen and placed by `rng`.
pub fn mutate_once(input: &mut Vec<u8>, rng: &mut Rng) {
    let len = input.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        // Flip a few bytes, often to bytes that are not UTF-8.
        0 => {
            for _ in 0..1 + rng.below(8) {
                if !input.is_empty() {
                    let i = rng.below(input.len());
                    input[i] = *rng.pick(&[0xFF, 0xC3, 0x80, b'<', b'>', b'"', b'&', 0xE1]);
                }
            }
        }
        // Cut a stretch out.
        1 => {
            let end = (at + rng.below(2_000)).min(len);
            input.drain(at..end);
        }
        // Double a stretch (tag soup).
        2 => {
            let end = (at + rng.below(500)).min(len);
            let copy = input[at..end].to_vec();
            for _ in 0..1 + rng.below(20) {
                input.splice(at..at, copy.iter().copied());
            }
        }
        // A fragment, repeated.
        3 | 4 => {
            let fragment = rng.pick(FRAGMENTS).as_bytes().to_vec();
            let times = 1 + rng.below(50);
            let repeated: Vec<u8> = fragment
                .iter()
                .copied()
                .cycle()
                .take(fragment.len() * times)
                .collect();
            input.splice(at..at, repeated);
        }
        // Deep nesting, sometimes past the limits.
        5 => {
            let depth = *rng.pick(&[50, 500, 1_500, 20_000]);
            let open = rng.pick(&["<div>", "<span>", "<b>", "<ul><li>"]);
            input.splice(at..at, open.repeat(depth).into_bytes());
        }
        // An element with many attributes.
        6 => {
            let count = *rng.pick(&[20, 400, 2_000]);
            let attrs: String = (0..count).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
            input.splice(at..at, format!("<div{attrs}>").into_bytes());
        }
        // Legacy bytes (windows-1258 "Khánh Hòa") inside UTF-8.
        7 => {
            input.splice(at..at, b"Kh\xe1nh Ho\xcca".iter().copied());
        }
        // Truncate.
        8 => input.truncate(at),
        // A very long line of text without markup.
        _ => {
            let word = rng.pick(&["chữ ", "Sở Nội vụ ", "ngày 15/7/2023 "]);
            input.splice(at..at, word.repeat(1 + rng.below(1_500)).into_bytes());
        }
    }
}

/// A mutant of `input` after 1-4 mutations.
pub fn mutant(input: &[u8], seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        mutate_once(&mut out, &mut rng);
    }
    out
}
