//! Joints: places where a document's matching text joins characters that its source bytes keep
//! apart, or holds characters its source does not spell out.
//!
//! The anchor-first scan ([`crate::extract::anchors`]) looks for pieces of rule terms in a
//! file's raw bytes, before anything is parsed, and a file without one is never read further.
//! That is only sound if every run of *anchor characters* ([`is_anchor_char`]) in the matching
//! text is also a run of the same bytes in the source. Mostly it is: the matching text copies
//! prose byte for byte and folds only quotes, dashes and spaces, which are not anchor
//! characters. [`may_join`] finds the exceptions, and a file holding one is read in full:
//!
//! - characters the folding drops (a soft hyphen or a zero-width joiner inside a word:
//!   `Kho\u{AD}rasan`) or that NFC replaces by an anchor character (the Kelvin sign becomes
//!   `K`; anything whose NFC quick check says No), in any format;
//! - character references (`&#67;`, `&shy;`) that stand for an anchor character or a dropped
//!   one, in Markdown and HTML;
//! - inline markup inside a word, in Markdown and HTML (`Cro<b>cus</b>`, `Cro*cus*`,
//!   `Cro[cus](/x)`), and an escape inside a word in front matter (`"Cro\cus"`).
//!
//! Each test is a superset on purpose: a false joint costs one parse, a missed one a missed
//! mention. One pass over the bytes, linear whatever the input.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::Format;
use super::entities;
use super::offsets::fold_char;

/// Whether `c` may be part of an anchor: alphanumeric, kept as is by the folding, and its own
/// canonical decomposition, so that no other spelling of the source composes into it (but the
/// singletons [`may_join`] looks for).
pub fn is_anchor_char(c: char) -> bool {
    if c.is_ascii_alphanumeric() {
        return true;
    }
    c.is_alphanumeric() && fold_char(c) == Some(c) && {
        let mut nfd = c.nfd();
        nfd.next() == Some(c) && nfd.next().is_none()
    }
}

/// Whether the matching text of `source`, read as `format`, may hold a run of anchor
/// characters that the source bytes do not (see the module docs).
pub fn may_join(source: &str, format: Format) -> bool {
    let bytes = source.as_bytes();
    if special_chars(source) {
        return true;
    }
    match format {
        Format::Plain => false,
        // A Word document's text is compressed; it is always read.
        Format::Docx => true,
        Format::Markdown => references(source) || markup(bytes, MARKDOWN_JOINERS, false),
        Format::Html => references(source) || markup(bytes, b"<", true),
    }
}

/// A byte that may belong to a word: an ASCII letter or digit, or any byte of a non-ASCII char.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether the source holds a char that the folding drops (a soft hyphen, a zero-width space
/// or joiner, a byte-order mark past the start) or one that never occurs in NFC (its quick
/// check says No: the Kelvin sign, CJK compatibility ideographs, Devanagari `क़`), which the
/// loader replaces by other chars, anchor characters among them.
fn special_chars(source: &str) -> bool {
    if source.is_ascii() {
        return false;
    }
    let dropped = source
        .char_indices()
        .any(|(i, c)| !c.is_ascii() && fold_char(c).is_none() && !(i == 0 && c == '\u{FEFF}'));
    dropped || is_nfc_quick(source.chars()) == IsNormalized::No
}

/// Whether a character reference stands for an anchor character or one the folding drops, or
/// is one the loader's table may not know (Markdown's parser knows every HTML name).
fn references(source: &str) -> bool {
    memchr::memchr_iter(b'&', source.as_bytes()).any(|i| {
        let rest = &source[i..];
        match entities::decode_at(rest) {
            Some((c, _)) => is_anchor_char(c) || special_char(c),
            None => {
                let name = rest.as_bytes()[1..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
                    .count();
                name > 0 && rest.as_bytes().get(1 + name) == Some(&b';')
            }
        }
    })
}

/// Whether `c` is one of the chars [`special_chars`] looks for.
fn special_char(c: char) -> bool {
    fold_char(c).is_none() || is_nfc_quick(std::iter::once(c)) == IsNormalized::No
}

/// Markdown's bytes that may start markup inside a word: emphasis and strikethrough (`*`, `~`;
/// `_` never opens or closes inside a word), links and images (`[`, `]`, `!`), inline HTML
/// (`<`), and a front matter escape (`\`).
const MARKDOWN_JOINERS: &[u8] = b"*~[]!<\\";

/// Whether markup starting with one of `joiners` right after a word byte is followed, once
/// skipped, by a word byte. Skipped: runs of `joiners`, tags (`<…>`, comments), and a link's
/// destination or label after `]`. With `tags_only` (HTML), only tags are markup, and a chain
/// holding a block or gap tag (`</p>`, `<br>`, `<img>`) keeps the words apart, as the loader
/// does.
fn markup(bytes: &[u8], joiners: &[u8], tags_only: bool) -> bool {
    let mut is_joiner = [false; 256];
    for &b in joiners {
        is_joiner[usize::from(b)] = true;
    }
    let mut at = 1;
    while at < bytes.len() {
        let Some(i) = bytes[at..].iter().position(|&b| is_joiner[usize::from(b)]) else {
            return false;
        };
        let i = at + i;
        at = i + 1;
        if !is_word_byte(bytes[i - 1]) {
            continue;
        }
        let mut j = i;
        loop {
            match bytes.get(j) {
                Some(b'<') => {
                    if tags_only && keeps_apart(&bytes[j + 1..]) {
                        break;
                    }
                    let close: &[u8] = if bytes[j..].starts_with(b"<!--") {
                        b"-->"
                    } else {
                        b">"
                    };
                    let Some(end) = memchr::memmem::find(&bytes[j..], close) else {
                        return true;
                    };
                    j += end + close.len();
                }
                Some(b']') if !tags_only => {
                    j += 1;
                    if bytes.get(j) == Some(&b'(') {
                        let Some(end) = memchr::memchr(b')', &bytes[j..]) else {
                            return true;
                        };
                        j += end + 1;
                    }
                }
                Some(b) if !tags_only && joiners.contains(b) => j += 1,
                _ => break,
            }
        }
        if bytes.get(j).copied().is_some_and(is_word_byte) && j > i {
            return true;
        }
        at = at.max(j);
    }
    false
}

/// Whether the tag whose name starts `after_lt` (past the `<`) keeps the words on either side
/// apart in HTML: a block or a gap element.
fn keeps_apart(after_lt: &[u8]) -> bool {
    let name_at = usize::from(after_lt.first() == Some(&b'/'));
    let name = after_lt.get(name_at..).unwrap_or_default();
    let len = name
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    // The loader compares names ignoring ASCII case.
    std::str::from_utf8(&name[..len]).is_ok_and(super::html::keeps_words_apart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joints_by_format() {
        let cases: &[(&str, Format, bool)] = &[
            ("Plain prose, nothing joined.", Format::Plain, false),
            ("Kho\u{AD}rasan", Format::Plain, true),
            ("zero\u{200B}width", Format::Plain, true),
            (
                "\u{FEFF}A byte-order mark opening the file",
                Format::Plain,
                false,
            ),
            ("in the \u{FEFF}middle", Format::Plain, true),
            ("\u{212A}elvin", Format::Plain, true),
            ("\u{2126}hm", Format::Plain, true),
            ("\u{F900}", Format::Plain, true),
            (
                "Curly \u{201C}quotes\u{201D} and a dash \u{2014} fold alone",
                Format::Plain,
                false,
            ),
            ("Cro<b>cus</b>", Format::Plain, false),
            ("Cro<b>cus</b>", Format::Html, true),
            ("Cro<!-- note -->cus", Format::Html, true),
            ("<p>one</p><p>two</p>", Format::Html, false),
            ("<li>one</li>\n<li>two</li>", Format::Html, false),
            ("one<br>two", Format::Html, false),
            ("a <b>bold</b> word", Format::Html, false),
            ("&#67;rocus", Format::Html, true),
            ("Kho&shy;rasan", Format::Html, true),
            (
                "it&#8217;s &amp; &quot;quoted&quot; &nbsp;",
                Format::Html,
                false,
            ),
            ("Caf&eacute;", Format::Html, false),
            ("Stra&szlig;e", Format::Html, true),
            ("&Unknownname; here", Format::Markdown, true),
            ("Cro*cus*", Format::Markdown, true),
            ("Cro**cus**", Format::Markdown, true),
            ("*emphasis* and **strong** words", Format::Markdown, false),
            ("Cro[cus](https://example.org/a_b)", Format::Markdown, true),
            (
                "[a link](https://example.org/a_b) then words",
                Format::Markdown,
                false,
            ),
            ("[Cro](https://example.org)cus", Format::Markdown, true),
            ("snake_case_words", Format::Markdown, false),
            ("title: \"Cro\\cus\"", Format::Markdown, true),
            ("Cro<b>cus</b>", Format::Markdown, true),
            ("Cro`cus`", Format::Markdown, false),
            ("Cro*cus*", Format::Docx, true),
        ];
        for (src, format, want) in cases {
            assert_eq!(may_join(src, *format), *want, "{src:?} as {format:?}");
        }
    }

    #[test]
    fn every_char_that_composes_into_an_anchor_char_is_a_joint() {
        // A char whose NFC form differs from itself and holds an anchor character must be found
        // by `special_chars`, or the anchor scan could miss the text it becomes.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let nfc: String = c.to_string().nfc().collect();
            if nfc != c.to_string() && nfc.chars().any(is_anchor_char) {
                assert!(special_char(c), "U+{:04X} becomes {nfc:?}", c as u32);
            }
            if fold_char(c).is_none() {
                assert!(special_char(c), "U+{:04X} is dropped", c as u32);
            }
        }
    }

    #[test]
    fn anchor_chars() {
        for c in ['a', 'Z', '7', 'ß', 'Ω', 'Ж', '中'] {
            assert!(is_anchor_char(c), "{c}");
        }
        for c in ['é', 'й', '-', ' ', '\'', '\u{301}', '\u{2019}'] {
            assert!(!is_anchor_char(c), "{c}");
        }
    }
}
