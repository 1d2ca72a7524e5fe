//! Links to other stories: blocks of a crawled page that are not the article's own words.
//!
//! News pages carry teasers for other pieces between and after the story's paragraphs:
//! "RELATED: Two hurt in crash on Route 9", "STORY: …", "LIVE: …", a video playlist ("3:00
//! Two officers thank …"), and lists under a heading such as "More stories you may like",
//! "Related coverage" or a roundup's "In other shootings:". Their figures belong to the other
//! pieces, not to this one: a count in such a block is rejected as not prose of the story.
//! One pass over the blocks, reading each block's first words only.

use std::collections::HashMap;

use crate::source::offsets::TextRange;

/// Labels that open a teaser for another piece: "RELATED: …", "READ MORE: …".
const LABELS: &[&str] = &[
    "related",
    "related story",
    "related stories",
    "related coverage",
    "related content",
    "related link",
    "related links",
    "related article",
    "story",
    "live",
    "watch",
    "video",
    "more",
    "read more",
    "read",
    "see also",
    "also",
    "also read",
    "previously",
    "previous",
    "recommended",
    "photos",
    "more coverage",
    "more news",
];

/// Headings over a list of links to other pieces: "More stories you may like", "MORE FROM
/// WAVE3.COM", "Related coverage".
const HEADINGS: &[&str] = &[
    "related",
    "more stories",
    "more from",
    "more news",
    "more coverage",
    "more videos",
    "more like this",
    "recommended",
    "you may also like",
    "you might also like",
    "read more",
    "most popular",
    "most read",
    "popular stories",
    "top stories",
    "latest news",
    "trending",
    "also on",
    "more on",
    "in other news",
    "in other shootings",
    "elsewhere",
    "further reading",
    "around the web",
];

/// Words in a heading over links, at most.
const HEADING_WORDS: usize = 8;
/// Links a heading reaches, at most: a list of teasers, not the rest of the page.
const LIST_BLOCKS: usize = 12;
/// Words in one link's block, at most (a headline and a one-sentence teaser).
const LINK_WORDS: usize = 50;

/// The blocks that are links to another story, by index, with the words that mark them: a
/// map, not a slot per block, since most blocks are prose (a document of a million paragraphs
/// would hold a million empty slots).
pub(super) fn link_blocks(
    text: &str,
    blocks: impl IntoIterator<Item = TextRange>,
) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    let mut list: Option<(String, usize)> = None;
    for (i, block) in blocks.into_iter().enumerate() {
        let Some(body) = text.get(block.range()).map(str::trim) else {
            continue;
        };
        let words = body.split_whitespace().count();
        if let Some(label) = label(body) {
            out.insert(i, format!("a link to another story (`{label}:`)"));
            continue;
        }
        if let Some(length) = video_length(body) {
            out.insert(i, format!("a video in a playlist (`{length}`)"));
            continue;
        }
        if words <= HEADING_WORDS
            && !body.ends_with(['.', '!', '?'])
            && starts_with_any(body, HEADINGS)
        {
            let heading = body.trim_end_matches(':');
            list = Some((format!("another story, under `{heading}`"), 0));
            continue;
        }
        list = match list.take() {
            Some((reason, n)) if n < LIST_BLOCKS && words <= LINK_WORDS => {
                out.insert(i, reason.clone());
                Some((reason, n + 1))
            }
            _ => None,
        };
    }
    out
}

/// Words of a media teaser that may open it without a colon: "Video Two hurt in crash".
const MEDIA: &[&str] = &["video", "photos", "watch", "gallery"];

/// Words in a media teaser without a colon, at most: a headline.
const MEDIA_TEASER_WORDS: usize = 16;

/// The label of a teaser: the words before a colon that opens the block, when they are one
/// of [`LABELS`] ("RELATED: …"); or a media word before a headline in title case, with no
/// colon and no sentence end ("Video Man and Woman Hurt in Crash"; not "Video shows …").
fn label(body: &str) -> Option<&str> {
    // A bullet before it ("► Related: …"), a counter after it ("PREVIOUS 1/4: …").
    let body = body.trim_start_matches(|c: char| !c.is_alphanumeric());
    let colon = body
        .char_indices()
        .take_while(|(i, _)| *i < 24)
        .find(|(_, c)| *c == ':');
    let Some((colon, _)) = colon else {
        let mut words = body.split_whitespace();
        let first = words.next()?;
        let headline = words.next()?.starts_with(char::is_uppercase)
            && body.split_whitespace().count() <= MEDIA_TEASER_WORDS
            && !body.ends_with(['.', '!', '?', '"', '\u{201d}']);
        return (headline && MEDIA.iter().any(|m| first.eq_ignore_ascii_case(m))).then_some(first);
    };
    let label = body[..colon]
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '/' || c == ' ')
        .trim();
    // The label, or a media word after a word or two ("Caption Video: …"; not "ORIGINAL
    // STORY:", the story's own first version).
    let last = label.rsplit(' ').next().unwrap_or(label);
    let short = label.split_whitespace().count() <= 3;
    let media = MEDIA.iter().any(|m| last.eq_ignore_ascii_case(m));
    (LABELS.iter().any(|l| label.eq_ignore_ascii_case(l)) || short && media).then_some(label)
}

/// The running time that opens a video playlist's entry ("3:00 Two officers thank …"), not
/// a clock time ("3:00 p.m. Police said …").
fn video_length(body: &str) -> Option<&str> {
    let (length, rest) = body.split_once(' ')?;
    let (minutes, seconds) = length.split_once(':')?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let clock = ["a.m", "p.m", "am", "pm", "AM", "PM", "A.M", "P.M"]
        .iter()
        .any(|m| rest.starts_with(m));
    (digits(minutes, 1..=2) && digits(seconds, 2..=2) && !clock).then_some(length)
}

/// Whether `body` starts with one of `prefixes`, ignoring case, at a word boundary.
fn starts_with_any(body: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        body.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
            && !body[p.len()..].starts_with(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The link words of each paragraph of `text` (blocks split at blank lines).
    fn links(text: &str) -> Vec<Option<String>> {
        let mut blocks = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            blocks.push(TextRange::new(start, start + part.len()));
            start += part.len() + 2;
        }
        let mut found = link_blocks(text, blocks.iter().copied());
        (0..blocks.len()).map(|i| found.remove(&i)).collect()
    }

    #[test]
    fn labels_open_a_teaser() {
        let got = links(
            "Two people died on Sunday.\n\nRELATED: Three hurt in a crash on Route 9\n\n\
             Read more: Four killed in an earlier fire\n\nPolice said: two died.\n\n\
             ► Related: Five hurt in a fire\n\nPREVIOUS 1/4: Two hurt in a crash\n\n\
             Caption Video: Four hurt\n\nORIGINAL STORY: Two people died.\n\n\
             Video Man and Woman Hurt in Crash\n\nVideo shows two men hurt in a crash\n\n\
             Video Two hurt in a crash, police said.",
        );
        assert_eq!(
            got,
            vec![
                None,
                Some("a link to another story (`RELATED:`)".into()),
                Some("a link to another story (`Read more:`)".into()),
                None,
                Some("a link to another story (`Related:`)".into()),
                Some("a link to another story (`PREVIOUS:`)".into()),
                Some("a link to another story (`Caption Video:`)".into()),
                None,
                Some("a link to another story (`Video:`)".into()),
                None,
                None,
            ]
        );
    }

    #[test]
    fn a_heading_over_links_reaches_short_blocks_only() {
        let teaser = "Four dead in a bus crash on the highway";
        let long = "word ".repeat(60);
        let text = format!(
            "The story.\n\nMore stories you may like\n\n{teaser}\n\n{teaser}\n\n{long}\n\n{teaser}"
        );
        let heading = Some("another story, under `More stories you may like`".to_string());
        assert_eq!(
            links(&text),
            vec![None, None, heading.clone(), heading, None, None]
        );
    }

    #[test]
    fn not_a_heading_over_links() {
        // A sentence that starts like a heading, and a heading word inside a longer word.
        let got = links("More stories were told. Two died.\n\nRelatedness: two died\n\nTwo died.");
        assert_eq!(got, vec![None, None, None]);
    }

    #[test]
    fn a_video_playlist_not_a_clock() {
        let got = links("3:00 Two officers thank their rescuers\n\n3:00 p.m. Two people died.");
        assert_eq!(
            got,
            vec![Some("a video in a playlist (`3:00`)".into()), None]
        );
    }
}
