//! Properties of `source::load` over random documents, for plain text and Markdown.
//!
//! The generator mixes ASCII words and digits with the characters the matching text folds or
//! composes (curly quotes, dashes, no-break spaces, combining marks, soft hyphens, zero-width
//! spaces), `\r\n`, entities, backslash escapes and Markdown syntax. Properties:
//!
//! (a) `load` never panics;
//! (b) every text range (word-like runs and random char-boundary ranges) maps to a source range
//!     inside the source and on char boundaries;
//! (c) spans are exact where the text is a copy of the source:
//!     - every ASCII letter or digit of the text maps to exactly one source byte, the same one.
//!       This holds because an ASCII alphanumeric char only ever reaches the text by copying:
//!       folding yields quotes, dashes and spaces, NFC composition of the generated marks
//!       yields non-ASCII letters, and the generated entities decode to punctuation. (An
//!       entity like `&#65;` or a KELVIN SIGN, which NFC turns into `K`, would break this;
//!       the generator leaves them out on purpose.)
//!     - a maximal ASCII-alphanumeric run whose source range has its length *is* its source;
//!     - in any range, the text's ASCII alphanumerics appear in order in the source slice;
//!     - for plain text, within one line, `normalize_str(source slice)` contains the text slice
//!       (plain text is copied and normalized, never decoded);
//! (d) the map is monotonic: a later text offset never maps before an earlier one;
//! (e) blocks are non-empty, in order, non-overlapping, within the text, trimmed, never hold
//!     `"\n\n"`, are separated by `"\n\n"`, and the text outside them is whitespace.

use factlint::source::offsets::{TextRange, normalize_str};
use factlint::source::{Document, load};
use factlint::span::FileId;
use proptest::prelude::*;

const SPECIAL: &[&str] = &[
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{2019}",
    "\u{201C}",
    "\u{201D}",
    "\u{2013}",
    "\u{2014}",
    "\u{00A0}",
    "\u{202F}",
    "e\u{0301}",
    "u\u{0308}",
    "\u{0301}",
    "\u{00AD}",
    "\u{200B}",
    "\u{00E9}",
    "&amp;",
    "&lt;",
    "&#8212;",
    "&nbsp;",
    "&bogus;",
    "\\*",
    "\\_",
    "\\&",
    "\\\\",
    "\\",
    // Over 120 chars: plain text treats a block holding such a line as one paragraph per line.
    "A long unwrapped line of scraped text that goes on and on, well past any column a person \
     would wrap at, 144 dead, said the report.",
];

const MARKUP: &[&str] = &[
    "# ",
    "## ",
    "#",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "``",
    "[t](u)",
    "[link text](http://x.test \"title\")",
    "[",
    "](",
    ")",
    "![alt](img.png)",
    "<https://a.test>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<br>",
    "<em>",
    "\n```\n",
    "\n~~~\n",
    "\n    ",
    "\n> ",
    "\n- ",
    "\n1. ",
    "|",
    "\n|---|---|\n",
    "\n---\n",
    "\n+++\n",
    "[^1]",
    "\n[^1]: ",
    "\n[ref]: http://r.test\n",
    "- [ ] ",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[a-zA-Z]{1,8}",
        2 => "[0-9]{1,4}",
        3 => prop::sample::select(SPECIAL).prop_map(String::from),
        3 => prop::sample::select(MARKUP).prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let front = prop::sample::select(
        &[
            "",
            "",
            "",
            "---\ntitle: \"A\u{2019}s\"\ndate: 2024-03-29\n---\n",
            "+++\ndate = 2024-03-22\n+++\n",
            "---\n",
        ][..],
    );
    (front, prop::collection::vec(fragment(), 0..80))
        .prop_map(|(front, parts)| format!("{front}{}", parts.concat()))
}

/// Char boundaries of `text`, including its end.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Maximal runs of chars satisfying `pred`.
fn runs(text: &str, pred: impl Fn(char) -> bool) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (pred(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(TextRange::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(TextRange::new(s, text.len()));
    }
    out
}

fn check_range(doc: &Document, source: &str, r: TextRange) -> Result<(), TestCaseError> {
    let s = doc.map.to_source(r);
    prop_assert!(s.start <= s.end && s.end <= source.len(), "{r:?} -> {s:?}");
    prop_assert!(
        source.is_char_boundary(s.start) && source.is_char_boundary(s.end),
        "{r:?} -> {s:?} not on char boundaries"
    );
    // (c) ASCII alphanumerics of the text slice appear in order in the source slice.
    let src = &source[s.clone()];
    let mut hay = src.chars();
    for c in doc.text[r.range()]
        .chars()
        .filter(char::is_ascii_alphanumeric)
    {
        prop_assert!(
            hay.any(|h| h == c),
            "{:?} (text {r:?}) not a subsequence of {src:?} ({s:?})",
            &doc.text[r.range()]
        );
    }
    Ok(())
}

fn check(path: &str, source: &str, picks: &[(usize, usize)]) -> Result<(), TestCaseError> {
    // (a)
    let doc = load(FileId(0), path, source);
    check_doc(&doc, path, source, picks)
}

fn check_doc(
    doc: &Document,
    path: &str,
    source: &str,
    picks: &[(usize, usize)],
) -> Result<(), TestCaseError> {
    let text = &doc.text;
    prop_assert_eq!(doc.map.text_len(), text.len());

    // (b) + (c) on word-like runs.
    for r in runs(text, char::is_alphanumeric) {
        check_range(doc, source, r)?;
    }
    for r in runs(text, |c| c.is_ascii_alphanumeric()) {
        let s = doc.map.to_source(r);
        if s.len() == r.end - r.start {
            prop_assert_eq!(&source[s], &text[r.range()]);
        }
    }
    for (i, c) in text
        .char_indices()
        .filter(|(_, c)| c.is_ascii_alphanumeric())
    {
        let s = doc.map.to_source(TextRange::new(i, i + 1));
        prop_assert_eq!(
            &source[s.clone()],
            c.to_string(),
            "text byte {} -> {:?}",
            i,
            s
        );
    }

    // (b) + (c) on random char-boundary ranges.
    let bounds = boundaries(text);
    for &(a, b) in picks {
        let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
        let r = TextRange::new(a.min(b), a.max(b));
        check_range(doc, source, r)?;
        // Within one source line (a line break folds to a space, `\r\n` to one space).
        let src = &source[doc.map.to_source(r)];
        if path.ends_with(".txt") && !src.contains(['\n', '\r']) && !text[r.range()].contains('\n')
        {
            prop_assert!(
                normalize_str(src).contains(&text[r.range()]),
                "{:?} not in normalize({src:?})",
                &text[r.range()]
            );
        }
    }

    // (d) Monotonic: starts and ends of one-char ranges never go back.
    let mut last_start = 0;
    let mut last_end = 0;
    for w in bounds.windows(2) {
        let s = doc.map.to_source(TextRange::new(w[0], w[1]));
        prop_assert!(s.start >= last_start, "start at text {} went back", w[0]);
        prop_assert!(s.end >= last_end, "end at text {} went back", w[1]);
        last_start = s.start;
        last_end = s.end;
    }

    // (e) Blocks.
    let mut prev_end = 0;
    for (k, b) in doc.blocks.iter().enumerate() {
        prop_assert!(b.start < b.end && b.end <= text.len(), "block {b:?}");
        prop_assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
        prop_assert!(b.start >= prev_end, "block {b:?} overlaps or goes back");
        let between = &text[prev_end..b.start];
        prop_assert!(
            between.trim().is_empty(),
            "text outside blocks: {between:?}"
        );
        if k > 0 {
            prop_assert!(
                between.contains("\n\n"),
                "blocks not separated: {between:?}"
            );
        }
        let inner = &text[b.range()];
        prop_assert!(
            !inner.contains("\n\n"),
            "block holds a blank line: {inner:?}"
        );
        prop_assert_eq!(inner.trim(), inner);
        prev_end = b.end;
    }
    prop_assert!(text[prev_end..].trim().is_empty());
    Ok(())
}

proptest! {
    // 512 cases unless PROPTEST_CASES says otherwise (a long fuzzing run, say).
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn markdown_properties(
        source in document(),
        picks in prop::collection::vec((0usize..10_000, 0usize..10_000), 0..24),
    ) {
        check("doc.md", &source, &picks)?;
    }

    #[test]
    fn plain_properties(
        source in document(),
        picks in prop::collection::vec((0usize..10_000, 0usize..10_000), 0..24),
    ) {
        check("doc.txt", &source, &picks)?;
    }

    #[test]
    fn arbitrary_strings_never_panic(source in any::<String>()) {
        for path in ["x.md", "x.txt"] {
            let doc = load(FileId(0), path, &source);
            let bounds = boundaries(&doc.text);
            for w in bounds.windows(2) {
                let s = doc.map.to_source(TextRange::new(w[0], w[1]));
                prop_assert!(s.end <= source.len());
                prop_assert!(source.is_char_boundary(s.start) && source.is_char_boundary(s.end));
            }
        }
    }
}

#[test]
fn the_properties_can_fail() {
    // Guards against a vacuous checker: a document checked against the wrong source, or with
    // a block left out or one covering the paragraph break, must be rejected. (Blocks cannot
    // go back: `Blocks::push` clamps a block that would.)
    let doc = load(FileId(0), "a.txt", "alpha\n\nbeta");
    assert!(check_doc(&doc, "a.txt", "alpha\n\nbeta", &[]).is_ok());
    assert!(check_doc(&doc, "a.txt", "alphX\n\nbeta", &[]).is_err());
    let mut dropped = doc.clone();
    dropped.blocks = doc.blocks.iter().skip(1).collect();
    assert!(check_doc(&dropped, "a.txt", "alpha\n\nbeta", &[]).is_err());
    let mut merged = doc.clone();
    merged.blocks = [TextRange::new(0, doc.text.len())].into_iter().collect();
    assert!(check_doc(&merged, "a.txt", "alpha\n\nbeta", &[]).is_err());
}
