//! Front matter: a YAML (`---`) or TOML (`+++`) block at the very top of a document.
//!
//! [`split`] finds where the block ends and reads the keys factlint uses: the publication
//! `date`, and the headline and standfirst keys (`title`, `subtitle`, `description`,
//! `summary`), which are prose — a news story names its event there first — and are handed to
//! the loader as [`Piece`]s with exact spans into the file, so that they are read as the
//! document's first paragraphs. No other byte of the block reaches the matching text. The parsing
//! is hand-written and line-based on purpose: front matter in a newsroom repository is flat
//! `key: value` data, and a full YAML parser would be a heavy dependency for two keys.
//! Anything this parser does not understand (nested maps, lists, block sequences) is skipped,
//! never an error: metadata is a convenience, not something to lint.

use std::ops::Range;

use crate::source::DocMeta;
use crate::value::PartialDate;

/// Keys whose values are prose: a headline and its standfirst, read in this order as the
/// document's first paragraphs whatever their order in the block.
pub const PROSE_KEYS: &[&str] = &["title", "subtitle", "description", "summary"];

/// One piece of a prose value, in source coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Source bytes read as written.
    Source(Range<usize>),
    /// An escape (`\"`, `''`) standing for `text`.
    Replaced(String, Range<usize>),
    /// The line break between two lines of a folded block scalar, at a source offset.
    Space(usize),
}

/// A front matter block found at the top of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// What the block says.
    pub meta: DocMeta,
    /// Byte offset just past the closing delimiter line: where the body starts.
    pub body_start: usize,
    /// The non-empty values of [`PROSE_KEYS`], in that order.
    pub prose: Vec<Vec<Piece>>,
}

/// Which flavour of front matter a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Yaml,
    Toml,
}

/// Keys read as the publication date, best first. `date` is what Jekyll, Hugo and most static
/// site generators write; the others are common aliases in CMS exports.
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "publishdate",
    "publish_date",
    "pubdate",
];

/// Finds and reads the front matter at the very top of `source`, if there is one.
///
/// The opening line must be exactly `---` or `+++` (trailing spaces allowed, a UTF-8 byte-order
/// mark before it allowed); the block ends at the next line that is `---`/`...` (YAML) or
/// `+++` (TOML). Without a closing line there is no front matter: an unclosed `---` is a
/// thematic break in Markdown and ordinary text elsewhere.
pub fn split(source: &str) -> Option<FrontMatter> {
    let start = if source.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let mut lines = Lines::new(source, start);
    let (first, _, _) = lines.next()?;
    let flavor = match first.trim_end() {
        "---" => Flavor::Yaml,
        "+++" => Flavor::Toml,
        _ => return None,
    };
    let mut body: Vec<(&str, usize)> = Vec::new();
    for (line, start, end) in lines {
        let trimmed = line.trim_end();
        let closes = match flavor {
            Flavor::Yaml => trimmed == "---" || trimmed == "...",
            Flavor::Toml => trimmed == "+++",
        };
        if closes {
            let (meta, prose) = parse(source, &body, flavor);
            return Some(FrontMatter {
                meta,
                body_start: end,
                prose,
            });
        }
        body.push((line, start));
    }
    None
}

/// Lines of `source` from `start`, each without its line ending, with its start offset and
/// the offset just past the line ending.
struct Lines<'a> {
    source: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str, start: usize) -> Lines<'a> {
        Lines { source, pos: start }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (&'a str, usize, usize);

    fn next(&mut self) -> Option<(&'a str, usize, usize)> {
        let rest = self.source.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let (line, advance) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let start = self.pos;
        self.pos += advance;
        Some((line.strip_suffix('\r').unwrap_or(line), start, self.pos))
    }
}

/// Reads the top-level keys of a block's lines (each with its start offset in `source`): the
/// metadata, and the pieces of every prose key's value in [`PROSE_KEYS`] order.
fn parse(source: &str, lines: &[(&str, usize)], flavor: Flavor) -> (DocMeta, Vec<Vec<Piece>>) {
    let mut meta = DocMeta::default();
    let mut prose: Vec<(usize, Vec<Piece>)> = Vec::new();
    let mut date_rank = usize::MAX;
    let mut i = 0;
    while i < lines.len() {
        let (line, line_start) = lines[i];
        i += 1;
        // Indented lines belong to a nested value; only top-level keys are read.
        if line.starts_with([' ', '\t']) || line.trim_start().starts_with('#') {
            continue;
        }
        // In TOML, keys after a `[table]` header belong to that table, not the document.
        if flavor == Flavor::Toml && line.trim_start().starts_with('[') {
            break;
        }
        let sep = match flavor {
            Flavor::Yaml => ':',
            Flavor::Toml => '=',
        };
        let Some((key, value)) = line.split_once(sep) else {
            continue;
        };
        let key = unquote(key.trim()).to_ascii_lowercase();
        let trimmed = value.trim();
        let value_start =
            line_start + (line.len() - value.len()) + (value.len() - value.trim_start().len());
        // A YAML block scalar (`title: >` then indented lines): fold its lines into one.
        let pieces = if flavor == Flavor::Yaml
            && matches!(trimmed, ">" | "|" | ">-" | "|-" | ">+" | "|+")
        {
            let mut pieces = Vec::new();
            while i < lines.len() && (lines[i].0.starts_with([' ', '\t']) || lines[i].0.is_empty())
            {
                let (part, at) = lines[i];
                let lead = part.len() - part.trim_start().len();
                let part = part.trim();
                if !part.is_empty() {
                    if !pieces.is_empty() {
                        pieces.push(Piece::Space(at + lead));
                    }
                    pieces.push(Piece::Source(at + lead..at + lead + part.len()));
                }
                i += 1;
            }
            pieces
        } else {
            scalar(trimmed, value_start, flavor)
        };
        let value = text_of(source, &pieces);
        if let Some(rank) = PROSE_KEYS.iter().position(|k| *k == key) {
            if !value.trim().is_empty() && !prose.iter().any(|(r, _)| *r == rank) {
                prose.push((rank, pieces));
            }
            if key == "title" && !value.is_empty() {
                meta.title = Some(value);
            }
        } else if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key)
            && rank < date_rank
            && let Some(date) = parse_date(&value)
        {
            meta.date = Some(date);
            date_rank = rank;
        }
    }
    prose.sort_by_key(|(rank, _)| *rank);
    (meta, prose.into_iter().map(|(_, p)| p).collect())
}

/// The text a value's pieces stand for.
fn text_of(source: &str, pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Source(r) => out.push_str(source.get(r.clone()).unwrap_or("")),
            Piece::Replaced(text, _) => out.push_str(text),
            Piece::Space(_) => out.push(' '),
        }
    }
    out
}

/// The pieces of a scalar that starts at source offset `at`: quotes removed and escapes
/// resolved, or a trailing comment cut.
fn scalar(value: &str, at: usize, flavor: Flavor) -> Vec<Piece> {
    let whole = || vec![Piece::Source(at..at + value.len())];
    let mut pieces = Vec::new();
    // Source bytes from `run` up to `i` (offsets into `value`), as one piece.
    let flush = |pieces: &mut Vec<Piece>, run: usize, i: usize| {
        if run < i {
            pieces.push(Piece::Source(at + run..at + i));
        }
    };
    if value.starts_with('"') {
        // A double-quoted string ends at the first unescaped quote; what follows is a comment.
        let mut chars = value.char_indices().skip(1).peekable();
        let mut run = 1;
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    flush(&mut pieces, run, i);
                    return pieces;
                }
                '\\' => {
                    flush(&mut pieces, run, i);
                    let Some((j, e)) = chars.next() else {
                        break;
                    };
                    let text = match e {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    };
                    let end = j + e.len_utf8();
                    pieces.push(Piece::Replaced(text.to_string(), at + i..at + end));
                    run = end;
                }
                _ => {}
            }
        }
        // Unclosed: take the text as written rather than nothing.
        return whole();
    }
    if value.starts_with('\'') {
        // YAML single quotes escape a quote by doubling it; TOML literal strings have no
        // escapes at all.
        let bytes = value.as_bytes();
        let mut run = 1;
        let mut i = 1;
        while i < bytes.len() {
            if bytes[i] == b'\'' {
                flush(&mut pieces, run, i);
                if flavor == Flavor::Yaml && bytes.get(i + 1) == Some(&b'\'') {
                    pieces.push(Piece::Replaced("'".into(), at + i..at + i + 2));
                    i += 2;
                    run = i;
                    continue;
                }
                return pieces;
            }
            i += 1;
        }
        return whole();
    }
    // Plain scalar: a comment starts at ` #` (YAML) or `#` (TOML, where bare strings do not
    // exist and `#` after a date or number always starts a comment).
    let cut = match flavor {
        Flavor::Yaml => value.find(" #"),
        Flavor::Toml => value.find('#'),
    };
    let kept = cut.map_or(value, |c| value[..c].trim_end());
    if kept.is_empty() {
        return Vec::new();
    }
    vec![Piece::Source(at..at + kept.len())]
}

/// Removes one pair of matching quotes around a key.
fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by a time (`T10:00:00Z`,
/// ` 10:00 +0100`) which is ignored: a publication date is a day, and time zones would shift
/// it only at the edges of a day.
pub fn parse_date(value: &str) -> Option<PartialDate> {
    let value = value.trim();
    let date_part = value.split(['T', 't', ' ']).next().unwrap_or(value);
    let mut fields = date_part.split('-');
    let year = fields.next()?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month = match fields.next() {
        Some(m) => Some(two_digits(m).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match (month, fields.next()) {
        (Some(m), Some(d)) => Some(two_digits(d).filter(|d| *d >= 1 && *d <= days_in(year, m))?),
        (_, None) => None,
        (None, Some(_)) => return None,
    };
    if fields.next().is_some() {
        return None;
    }
    Some(PartialDate {
        year: Some(year),
        month,
        day,
    })
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        Some(PartialDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        })
    }

    #[test]
    fn reads_date_and_title_in_many_spellings() {
        let cases: &[(&str, Option<PartialDate>, Option<&str>)] = &[
            ("---\ndate: 2024-03-29\n---\n", date(2024, 3, 29), None),
            (
                "---\ndate: 2024-03-29T10:00:00Z\n---\n",
                date(2024, 3, 29),
                None,
            ),
            ("---\ndate: \"2024-03-29\"\n---\n", date(2024, 3, 29), None),
            (
                "---\ndate: '2024-03-29 10:00'\n---\n",
                date(2024, 3, 29),
                None,
            ),
            (
                "---\nDate: 2024-03-29 # set by CMS\n---\n",
                date(2024, 3, 29),
                None,
            ),
            ("+++\ndate = 2024-03-29\n+++\n", date(2024, 3, 29), None),
            (
                "+++\ndate = 2024-03-29T10:00:00+03:00\n+++\n",
                date(2024, 3, 29),
                None,
            ),
            ("+++\ndate = \"2024-03-29\"\n+++\n", date(2024, 3, 29), None),
            (
                "---\ntitle: \"Attack on \\\"Crocus\\\"\"\n---\n",
                None,
                Some("Attack on \"Crocus\""),
            ),
            ("---\ntitle: 'It''s over'\n---\n", None, Some("It's over")),
            (
                "---\ntitle: Plain title # comment\n---\n",
                None,
                Some("Plain title"),
            ),
            (
                "+++\ntitle = 'Literal \\ title'\n+++\n",
                None,
                Some("Literal \\ title"),
            ),
            (
                "---\ntitle: >\n  Folded\n  title\n---\n",
                None,
                Some("Folded title"),
            ),
            // Invalid dates are ignored, not guessed.
            ("---\ndate: 2024-02-30\n---\n", None, None),
            ("---\ndate: 2024-13-01\n---\n", None, None),
            ("---\ndate: March 29\n---\n", None, None),
            // Nested keys and TOML tables do not count.
            ("---\nmeta:\n  date: 2024-03-29\n---\n", None, None),
            ("+++\n[params]\ndate = 2024-03-29\n+++\n", None, None),
            // `date` wins over an alias, whatever the order.
            (
                "---\npublished: 2023-01-01\ndate: 2024-03-29\n---\n",
                date(2024, 3, 29),
                None,
            ),
            (
                "---\r\ndate: 2024-03-29\r\ntitle: X\r\n...\r\n",
                date(2024, 3, 29),
                Some("X"),
            ),
        ];
        for (src, want_date, want_title) in cases {
            let fm = split(src).unwrap_or_else(|| panic!("no front matter in {src:?}"));
            assert_eq!(fm.meta.date, *want_date, "{src:?}");
            assert_eq!(fm.meta.title.as_deref(), *want_title, "{src:?}");
            assert_eq!(fm.body_start, src.len(), "{src:?}");
            // The headline is prose, and its pieces rebuild it from the file's own bytes.
            let headline = fm.prose.first().map(|p| text_of(src, p));
            assert_eq!(headline.as_deref(), *want_title, "{src:?}");
        }
    }

    #[test]
    fn prose_keys_in_headline_order_with_exact_spans() {
        let src = "---\nsummary: 'Two ''dead'' in Rivertown'\nid: 42\ndescription: >\n  A \
                   shooting\n  at dawn\ntitle: \"Shots \\\"fired\\\"\" # cms\nsubtitle:\n---\nBody";
        let fm = split(src).unwrap();
        let texts: Vec<String> = fm.prose.iter().map(|p| text_of(src, p)).collect();
        assert_eq!(
            texts,
            [
                "Shots \"fired\"",
                "A shooting at dawn",
                "Two 'dead' in Rivertown"
            ]
        );
        for piece in fm.prose.iter().flatten() {
            match piece {
                Piece::Source(r) => assert!(!src[r.clone()].contains(['"', '\n'])),
                Piece::Replaced(text, r) => {
                    assert!(
                        matches!(&src[r.clone()], "\\\"" | "''"),
                        "{text:?} at {r:?}"
                    );
                }
                Piece::Space(at) => assert!(src[..*at].ends_with("  ")),
            }
        }
    }

    #[test]
    fn partial_dates() {
        assert_eq!(
            parse_date("2024-03"),
            Some(PartialDate {
                year: Some(2024),
                month: Some(3),
                day: None
            })
        );
        assert_eq!(parse_date("2024").and_then(|d| d.year), Some(2024));
        assert_eq!(parse_date("24-03-29"), None);
        assert_eq!(parse_date("2024-3-29"), None);
        assert_eq!(parse_date("2024-02-29"), date(2024, 2, 29));
        assert_eq!(parse_date("2023-02-29"), None);
    }

    #[test]
    fn no_front_matter() {
        for src in [
            "",
            "---",
            "---\ntitle: never closed\n",
            "text\n---\ndate: 2024-03-29\n---\n",
            " ---\ndate: 2024-03-29\n---\n",
            "----\ndate: 2024-03-29\n----\n",
            "+++\ndate = 2024-03-29\n---\n",
        ] {
            assert_eq!(split(src), None, "{src:?}");
        }
    }

    #[test]
    fn body_starts_after_the_closing_line() {
        let src = "\u{FEFF}---\ntitle: T\n---  \nBody text.";
        let fm = split(src).unwrap();
        assert_eq!(&src[fm.body_start..], "Body text.");
        let src = "---\n---";
        assert_eq!(split(src).map(|f| f.body_start), Some(src.len()));
    }
}
