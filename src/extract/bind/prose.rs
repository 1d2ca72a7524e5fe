//! Not prose: stretches of a paragraph that hold digits but say no figure.
//!
//! Crawled pages and plain text carry URLs ("example.com/2024/03/man-killed-12"), e-mail
//! addresses, paths and slugs, handles, ids and gallery counters ("Image 6 of 12"). A number in
//! them is never a value. Each white-space-delimited chunk is classified on its own (linear in
//! the region), with surrounding brackets, quotes and sentence punctuation stripped; gallery
//! counters are read from the tokens.

use super::tokens::{Token, is_in};
use crate::source::offsets::TextRange;

/// Words that introduce a counter over a set of media ("Photo 3 of 10").
const COUNTER_WORDS: &[&str] = &[
    "image", "images", "photo", "photos", "picture", "pictures", "slide", "slides", "page",
    "video", "videos", "gallery", "item", "clip", "frame", "graphic",
];

/// Top-level domains that make a bare `name.tld` a web address.
const DOMAINS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "mil", "info", "io", "co", "us", "uk", "ca", "au", "tv",
    "news", "ly", "me", "biz", "int", "de", "fr",
];

/// What a chunk of non-prose is, for `explain` ("not prose: a URL").
pub(super) fn classify(chunk: &str) -> Option<&'static str> {
    let lower = chunk.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:") {
        return Some("a URL");
    }
    if let Some(at) = chunk.find('@') {
        let (user, host) = (&chunk[..at], &chunk[at + 1..]);
        if !user.is_empty() && host.contains('.') {
            return Some("an e-mail address");
        }
        if user.is_empty() && host.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            return Some("a handle");
        }
    }
    if chunk.starts_with('#') && chunk[1..].starts_with(char::is_alphabetic) {
        return Some("a hashtag");
    }
    if is_domain(&lower) {
        return Some("a URL");
    }
    if chunk.contains('/') {
        let parts: Vec<&str> = chunk.split('/').collect();
        let slug_like = parts.iter().any(|p| p.contains(['-', '_', '.', '=', '?']));
        if parts.len() > 2 || slug_like {
            return Some("a path or slug");
        }
    }
    if chunk.contains('_') && chunk.bytes().any(|b| b.is_ascii_digit()) {
        return Some("an id");
    }
    if chunk.split('-').count() >= 4
        && chunk.bytes().any(|b| b.is_ascii_digit())
        && chunk
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Some("a path or slug");
    }
    if is_id(chunk) {
        return Some("an id");
    }
    None
}

/// `name.tld` or `name.tld/…`: at least two letters before the dot, a known domain after.
fn is_domain(lower: &str) -> bool {
    let host = lower.split('/').next().unwrap_or("");
    let mut labels = host.split('.');
    let Some(first) = labels.next() else {
        return false;
    };
    let rest: Vec<&str> = labels.collect();
    let Some(tld) = rest.last() else {
        return false;
    };
    first.len() >= 2
        && first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && rest.iter().all(|l| !l.is_empty())
        && is_in(DOMAINS, tld)
}

/// Letters and digits mixed more than once ("a7f3k9", "X12Y7"): an id, not "3rd" or "10km".
fn is_id(chunk: &str) -> bool {
    if chunk.len() < 5 || !chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let switches = chunk
        .as_bytes()
        .windows(2)
        .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
        .count();
    switches >= 2
}

/// Non-prose chunks of `range` in `text`, in order, with what they are.
pub(super) fn chunks(text: &str, range: TextRange) -> Vec<(TextRange, &'static str)> {
    let Some(slice) = text.get(range.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let ends = slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')));
    for (i, c) in ends {
        if !c.is_whitespace() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else {
            continue;
        };
        let piece = &slice[s..i];
        if !piece.bytes().any(|b| b.is_ascii_digit()) {
            continue; // no number to protect against
        }
        let front = piece.trim_start_matches(['(', '[', '{', '"', '\'', '“', '‘', '<']);
        let chunk = front.trim_end_matches([
            ')', ']', '}', '"', '\'', '”', '’', '>', ',', '.', ';', ':', '!', '?',
        ]);
        if let Some(kind) = classify(chunk) {
            let at = range.start + s + (piece.len() - front.len());
            out.push((TextRange::new(at, at + chunk.len()), kind));
        }
    }
    out
}

/// Whether the count at token `i` is a gallery counter: "Image 6 of 12", or "6 of 12" opening
/// its paragraph.
pub(super) fn is_counter(tokens: &[Token<'_>], i: usize, opens_block: bool) -> bool {
    let of_number = tokens.get(i + 1).is_some_and(|t| t.is_in(&["of"]))
        && tokens
            .get(i + 2)
            .is_some_and(|t| t.word && t.text.bytes().all(|b| b.is_ascii_digit()));
    if !of_number {
        return false;
    }
    opens_block
        || i.checked_sub(1)
            .and_then(|k| tokens.get(k))
            .is_some_and(|t| t.is_in(COUNTER_WORDS))
}

/// How many tokens a gallery counter at token `i` takes ("Image 6 of 12" is four), if one
/// starts there.
pub(super) fn counter_at(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let word = tokens.get(i)?;
    (word.is_in(COUNTER_WORDS) && is_counter(tokens, i + 1, false)).then_some(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! classify_cases {
        ($($name:ident: $chunk:expr => $kind:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(classify($chunk), $kind);
            }
        )*};
    }

    classify_cases! {
        url_with_scheme: "https://example.org/2024/03/12/story" => Some("a URL");
        bare_domain_path: "example.com/12345" => Some("a URL");
        www: "www.example.net" => Some("a URL");
        email: "desk12@example.org" => Some("an e-mail address");
        handle: "@reporter42" => Some("a handle");
        hashtag: "#Vigil2024" => Some("a hashtag");
        id_slash_slug: "22316982/man-hurt" => Some("a path or slug");
        deep_path: "a/b/c3" => Some("a path or slug");
        slug: "two-hurt-in-crash-8841" => Some("a path or slug");
        underscore_id: "IMG_2041" => Some("an id");
        mixed_id: "x7f3k9" => Some("an id");
        nine_eleven_is_prose: "9/11" => None;
        twenty_four_seven_is_prose: "24/7" => None;
        age_is_prose: "17-month-old" => None;
        ordinal_is_prose: "3rd" => None;
        unit_is_prose: "10km" => None;
        time_is_prose: "9:30" => None;
        abbreviation_is_prose: "U.S." => None;
        decimal_is_prose: "3.5" => None;
        plain_number_is_prose: "1,500" => None;
    }

    #[test]
    fn chunks_have_exact_positions() {
        let text = "Read it at (example.com/2024/killed-12). Four\u{a0}died, see #Tag9 or IMG_5.";
        let found = chunks(text, TextRange::new(0, text.len()));
        let got: Vec<(&str, &str)> = found.iter().map(|(r, k)| (&text[r.range()], *k)).collect();
        assert_eq!(
            got,
            vec![
                ("example.com/2024/killed-12", "a URL"),
                ("#Tag9", "a hashtag"),
                ("IMG_5", "an id"),
            ]
        );
    }

    #[test]
    fn counters() {
        use super::super::tokens::tokens;
        let text = "Image 6 of 12 and 3 of 12 and killed 3 of 5";
        let toks = tokens(text, TextRange::new(0, text.len()));
        let at = |w: &str, nth: usize| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| t.text == w)
                .nth(nth)
                .map(|(i, _)| i)
                .unwrap()
        };
        assert!(is_counter(&toks, at("6", 0), false));
        assert!(
            !is_counter(&toks, at("3", 0), false),
            "mid-sentence, no counter word"
        );
        assert!(is_counter(&toks, at("3", 0), true), "opening its paragraph");
        assert!(!is_counter(&toks, at("3", 1), false), "a partitive");
    }
}
