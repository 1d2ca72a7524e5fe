//! Sentences: an abbreviation-aware splitter that runs only where a subject was found.
//!
//! Whole-document segmentation is slow (UAX #29 runs at ~50 MB/s) and over-splits news text
//! ("the U.S. | Embassy", "Mar. | 8", "St. | Petersburg"); factlint splits only the blocks
//! that hold a subject anchor, with a rule in the spirit of pySBD's "golden rules" and
//! sentencex: *when in doubt, do not split*. A sentence ends at `.`, `!` or `?` (plus any
//! closing quotes or brackets) followed by white space and an upper-case letter, a digit or an
//! opening quote — unless the word before the period is a known abbreviation, a single
//! letter (an initial), or has inner periods (`U.S.`, `a.m.`).

use crate::source::offsets::TextRange;

/// Abbreviations (lower case, without the final period) after which a period does not end a
/// sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "pres", "rev", "hon", "jr", "sr", "inc", "ltd", "co", "corp",
    "bros", "vs", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "dept", "univ", "ave", "blvd", "rd", "mme", "mlle", "messrs", "gen", "maj", "brig", "cpl",
    "pvt", "etc", "al", "cf", "ca", "c",
];

/// Abbreviations that only stand before a number ("No. 5", "p. 12"); "no." elsewhere is the
/// word "no" ending a sentence.
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "no", "nos", "fig", "figs", "vol", "p", "pp", "ch", "art", "sec", "para",
];

/// The sentences of `block` in `text`, in order. Each range is trimmed of surrounding space.
pub fn sentences(text: &str, block: TextRange) -> Vec<TextRange> {
    let Some(slice) = text.get(block.range()) else {
        return Vec::new();
    };
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            // A blank line inside a block (plain text) still ends a sentence.
            push_trimmed(&mut out, slice, block.start, start, i);
            start = i + 2;
            i += 2;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
            {
                end += 1;
            }
            if ends_sentence(slice, i, end) {
                push_trimmed(&mut out, slice, block.start, start, end);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, slice, block.start, start, bytes.len());
    out
}

/// The sentence of `block` that contains byte `pos` (or the whole block if none does).
pub fn sentence_at(text: &str, block: TextRange, pos: usize) -> TextRange {
    sentences(text, block)
        .into_iter()
        .find(|s| s.start <= pos && pos < s.end.max(s.start + 1))
        .unwrap_or(block)
}

fn push_trimmed(out: &mut Vec<TextRange>, slice: &str, offset: usize, start: usize, end: usize) {
    let Some(piece) = slice.get(start..end) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(TextRange::new(offset + start + lead, offset + end - trail));
    }
}

/// Whether the terminator at `dot..after` ends a sentence.
fn ends_sentence(slice: &str, dot: usize, after: usize) -> bool {
    let rest = &slice[after..];
    // Must be followed by white space, then something that can start a sentence.
    let Some(space) = rest.chars().next() else {
        return true; // end of block
    };
    if !space.is_whitespace() {
        return lost_space(slice, dot, rest);
    }
    let Some(next) = rest.trim_start().chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '\'' | '(' | '[')) {
        return false;
    }
    if slice.as_bytes().get(dot) != Some(&b'.') {
        return true; // `!` and `?` always end a sentence before a capital
    }
    // The word before the period.
    let before = &slice[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    if word.contains('.') {
        return false; // U.S., a.m., e.g.
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return false; // an initial: "J. Smith"
    }
    let lower = word.to_lowercase();
    if NUMBER_ABBREVIATIONS.contains(&lower.as_str()) {
        return !next.is_ascii_digit();
    }
    !ABBREVIATIONS.contains(&lower.as_str())
}

/// "… at the scene.Two others were hurt": a crawl lost the space after a sentence. The word
/// before the period is a lower-case word of three letters or more (not `U.S`, not a domain
/// like `WRAL.com`, whose next letter is lower case), and a capitalised word follows.
fn lost_space(slice: &str, dot: usize, rest: &str) -> bool {
    let mut next = rest.chars();
    let (Some(a), Some(b)) = (next.next(), next.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) || slice.as_bytes().get(dot) != Some(&b'.') {
        return false;
    }
    let word: Vec<char> = slice[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    word.len() >= 3
        && !word.contains(&'.')
        && word.iter().all(|c| c.is_alphabetic())
        && word.first().is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, TextRange::new(0, text.len()))
            .into_iter()
            .map(|r| &text[r.range()])
            .collect()
    }

    macro_rules! split_cases {
        ($($name:ident: $text:expr => [$($s:expr),* $(,)?];)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(split($text), vec![$($s),*]);
            }
        )*};
    }

    split_cases! {
        plain_sentences: "It rained. Then it stopped! Did it? Yes." =>
            ["It rained.", "Then it stopped!", "Did it?", "Yes."];
        us_embassy_is_one_sentence: "The U.S. Embassy warned on Mar. 8 that an attack was near. It was." =>
            ["The U.S. Embassy warned on Mar. 8 that an attack was near.", "It was."];
        saint_and_doctor: "They flew to St. Petersburg with Dr. Smith. Then home." =>
            ["They flew to St. Petersburg with Dr. Smith.", "Then home."];
        decimals_and_approx: "A quake of approx. 3.5 hit. Nobody died." =>
            ["A quake of approx. 3.5 hit.", "Nobody died."];
        initials: "J. K. Rowling wrote it. She did." => ["J. K. Rowling wrote it.", "She did."];
        lowercase_after_period_does_not_split: "It was 9 a.m. when they came. Later, more." =>
            ["It was 9 a.m. when they came.", "Later, more."];
        quotes_close_the_sentence: "He said \"no.\" Then he left." => ["He said \"no.\"", "Then he left."];
        numbered_reference: "See No. 5 for details. Done." => ["See No. 5 for details.", "Done."];
        number_starts_a_sentence: "It ended. 144 people died." => ["It ended.", "144 people died."];
        blank_line_splits: "A heading\n\nA paragraph." => ["A heading", "A paragraph."];
        lost_space_splits: "He died at the scene.Two others were hurt." =>
            ["He died at the scene.", "Two others were hurt."];
        domain_does_not_split: "Read WRAL.com for more. Then go." => ["Read WRAL.com for more.", "Then go."];
        initials_without_space_do_not_split: "The N.Y.P.D.Officers came." => ["The N.Y.P.D.Officers came."];
    }

    #[test]
    fn sentence_at_finds_the_right_one_with_block_offset() {
        let text = "xx Kerman killed 96. Crocus killed 144. yy";
        let block = TextRange::new(3, 39);
        let pos = text.find("144").unwrap();
        let s = sentence_at(text, block, pos);
        assert_eq!(&text[s.range()], "Crocus killed 144.");
    }
}
