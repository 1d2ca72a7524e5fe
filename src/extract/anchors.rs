//! The anchor-first scan: which files may hold a mention, judged on their raw bytes.
//!
//! An archive is mostly documents that name none of a rule set's facts. Before a file is
//! parsed (Markdown, HTML), fingerprinted or kept, one Aho-Corasick automaton over an *anchor*
//! of every rule's names and subjects scans its bytes; a file without a hit is counted as read
//! and goes. Only terms that can start a mention are anchored: an entity's forms and a quantity's
//! or date's subjects (a figure or a date binds to a subject named in its document, so cues and
//! exclusions alone never make one).
//!
//! A term's anchors are its runs of anchor characters
//! ([`is_anchor_char`](crate::source::joints::is_anchor_char)): letters and digits that the
//! matching text holds only where the source spells them out, three or more of them (or the
//! longest run, if none is that long). `Prime Minister May` is anchored on `Prime`, `Minister`
//! and `May`, `Türkiye` on `rkiye`, `IS-K` on `IS`; a file may name the term only if it holds
//! all of its anchors (anywhere: the scan keeps no positions). Where the matching text may join what the
//! source keeps apart (`Cro<b>cus</b>`, a soft hyphen), [`crate::source::joints`] says so and
//! the file is read in full. So the scan never drops a file the matcher would find a term in;
//! it may keep a few it would not, which are then read as before.
//!
//! Three things besides the rules' terms make a file worth reading:
//!
//! - a weekday name that may open a full date (the built-in weekday check, when on): the
//!   name with a four-digit number in the 64 bytes after it, or markup, a line break or a
//!   non-ASCII char there that could make the text differ from the bytes;
//! - `factlint:`, a suppression comment (an unused one is reported);
//! - a regex term, or a term without one anchor character: then every file is read.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use super::event_date::WEEKDAYS;
use super::terms::{Role, rule_terms};
use crate::rules::{Pattern, RuleSet};
use crate::source::Format;
use crate::source::joints::{is_anchor_char, may_join};

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Anchor {
    /// A piece of a case-insensitive term.
    AnyCase,
    /// A piece of a case-sensitive term (the automaton ignores ASCII case for all patterns,
    /// so a hit is checked byte for byte).
    Exact,
    /// `factlint:`, which opens a suppression comment.
    Directive,
    /// A weekday name (case-sensitive, as the weekday check reads them).
    Weekday,
}

/// The compiled anchors of a rule set.
#[derive(Debug)]
pub struct Anchors {
    automaton: Option<AhoCorasick>,
    patterns: Vec<(String, Anchor)>,
    /// For each spelling of a term, the patterns of its anchors: all must be found.
    terms: Vec<Vec<usize>>,
    /// A term could not be anchored: every file is read.
    every_file: bool,
}

/// How far after a weekday name its date is read, in bytes (as the weekday check reads it).
const WEEKDAY_REACH: usize = 64;

impl Anchors {
    /// The anchors of `rules`' names and subjects, and of weekday names when `weekday` is on.
    pub fn new(rules: &RuleSet, weekday: bool) -> Anchors {
        // Each spelling of a term as its anchors, by kind.
        let mut spellings: Vec<Vec<(String, Anchor)>> = Vec::new();
        let mut every_file = false;
        for rule in &rules.rules {
            for (role, terms) in rule_terms(&rule.kind) {
                if !matches!(role, Role::Form | Role::Subject) {
                    continue;
                }
                for term in terms {
                    let Pattern::Literal(text) = &term.pattern else {
                        every_file = true;
                        continue;
                    };
                    // The spellings the matcher looks for (it adds a non-ASCII term's lower- and
                    // upper-case forms when case does not matter).
                    let mut forms = vec![text.clone()];
                    if !term.case_sensitive && !text.is_ascii() {
                        forms.push(text.to_lowercase());
                        forms.push(text.to_uppercase());
                    }
                    let kind = if term.case_sensitive {
                        Anchor::Exact
                    } else {
                        Anchor::AnyCase
                    };
                    for form in forms.iter().filter(|f| !f.is_empty()) {
                        let runs = anchors_of(form);
                        every_file |= runs.is_empty();
                        spellings.push(runs.into_iter().map(|r| (r.to_string(), kind)).collect());
                    }
                }
            }
        }
        let mut patterns: Vec<(String, Anchor)> = spellings.iter().flatten().cloned().collect();
        if weekday {
            patterns.extend(WEEKDAYS.iter().map(|w| (w.to_string(), Anchor::Weekday)));
        }
        patterns.push(("factlint:".to_string(), Anchor::Directive));
        patterns.sort();
        patterns.dedup();
        let terms = spellings
            .iter()
            .map(|runs| {
                runs.iter()
                    .filter_map(|run| patterns.binary_search(run).ok())
                    .collect()
            })
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|(p, _)| p))
            .ok();
        Anchors {
            every_file: every_file || automaton.is_none(),
            automaton,
            patterns,
            terms,
        }
    }

    /// Whether `source`, read as `format`, may hold a mention, a wrong weekday or a
    /// suppression: `false` only when it surely holds none.
    pub fn may_hold(&self, source: &str, format: Format) -> bool {
        let Some(automaton) = self.automaton.as_ref().filter(|_| !self.every_file) else {
            return true;
        };
        let bytes = source.as_bytes();
        let mut found = vec![false; self.patterns.len()];
        let mut at = 0;
        while let Some(m) = automaton.find(Input::new(bytes).span(at..bytes.len())) {
            if self.mark_at(bytes, m.start(), &mut found) {
                return true;
            }
            // Another pattern may start one byte on, inside this one.
            at = m.start() + 1;
        }
        let named = self.terms.iter().any(|runs| runs.iter().all(|&p| found[p]));
        named || may_join(source, format)
    }

    /// Marks every pattern that matches at `at`: a case-insensitive one whatever the case, the
    /// others byte for byte (the automaton reports one pattern a place, ignoring case). True
    /// at once for a weekday that may open a full date, or `factlint:`.
    fn mark_at(&self, bytes: &[u8], at: usize, found: &mut [bool]) -> bool {
        let rest = bytes.get(at..).unwrap_or_default();
        for (i, (pattern, anchor)) in self.patterns.iter().enumerate() {
            let Some(head) = rest.get(..pattern.len()) else {
                continue;
            };
            let holds = match anchor {
                Anchor::AnyCase => head.eq_ignore_ascii_case(pattern.as_bytes()),
                _ => head == pattern.as_bytes(),
            };
            if !holds {
                continue;
            }
            match anchor {
                Anchor::Directive => return true,
                Anchor::Weekday if may_open_full_date(bytes, at) => return true,
                _ => found[i] = true,
            }
        }
        false
    }
}

/// The anchors of `term`: its runs of anchor characters of three chars or more, or its
/// longest run when none is that long. A source holding the term holds each of them (outside
/// joints); shorter runs (`K` of `IS-K`) would match nearly everywhere and narrow nothing.
fn anchors_of(term: &str) -> Vec<&str> {
    let runs: Vec<&str> = term
        .split(|c: char| !is_anchor_char(c))
        .filter(|run| !run.is_empty())
        .collect();
    let long: Vec<&str> = runs
        .iter()
        .copied()
        .filter(|run| run.chars().count() >= 3)
        .collect();
    if !long.is_empty() {
        return long;
    }
    runs.into_iter()
        .rev()
        .max_by_key(|run| run.len())
        .into_iter()
        .collect()
}

/// Whether the weekday name at `at` may open a full date with its year: a four-digit number
/// starts in the bytes that the text's [`WEEKDAY_REACH`] bytes from it can come from.
///
/// Each ASCII byte of ordinary prose (letters, digits, single spaces, common punctuation) is
/// one byte of the text, and a non-ASCII char at least none, so the text's window lies within
/// the bytes up to the [`WEEKDAY_REACH`]-th ASCII one. Anything there that the loader may drop
/// or shrink (markup, a line break, a doubled space, a backslash) could stretch the window,
/// and so could front matter, whose quotes and keys are dropped: then the answer is yes.
fn may_open_full_date(bytes: &[u8], at: usize) -> bool {
    if in_front_matter(bytes, at) {
        return true;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let mut ascii = 0;
    let mut end = rest.len();
    for (i, &b) in rest.iter().enumerate() {
        if i >= RAW_REACH {
            return true;
        }
        if b >= 0x80 {
            continue;
        }
        if ascii == WEEKDAY_REACH {
            end = i;
            break;
        }
        let plain = b.is_ascii_alphanumeric()
            || b",.:;()/-'\"?!%$".contains(&b)
            || (b == b' ' && (i == 0 || rest[i - 1] != b' '));
        if !plain {
            return true;
        }
        ascii += 1;
    }
    // Digits, with the separators a number may hold, from a start inside the window on.
    let mut digits = 0;
    for (i, &b) in rest.iter().enumerate() {
        if b.is_ascii_digit() {
            digits += 1;
            if digits >= 4 {
                return true;
            }
        } else if !(digits > 0 && matches!(b, b',' | b'.')) {
            digits = 0;
            if i >= end {
                break;
            }
        }
    }
    false
}

/// Most bytes searched for the window of [`may_open_full_date`]; a window of non-ASCII chars
/// longer than this counts as a possible date.
const RAW_REACH: usize = 1024;

/// Whether `at` lies in (or just after) a front matter block opening the file.
fn in_front_matter(bytes: &[u8], at: usize) -> bool {
    let body = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let Some(fence) = [b"---", b"+++"].into_iter().find(|f| body.starts_with(*f)) else {
        return false;
    };
    let close = [b'\n', fence[0], fence[1], fence[2]];
    let start = bytes.len() - body.len();
    memchr::memmem::find(&body[3..], &close)
        .is_none_or(|end| at < start + 3 + end + close.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_of(src: &str) -> RuleSet {
        let (rules, findings, _) = crate::rules::tests::load_one(src);
        assert!(findings.is_empty(), "{findings:?}");
        rules
    }

    /// The rules of these tests; the generated documents below spell their terms in pieces.
    const RULES: &str = r#"
[[entity]]
id = "iskp"
canonical = "IS-K"
variants = ["Islamic State Khorasan", "Straße"]

[[quantity]]
id = "toll"
subject = ["Crocus"]
cue = ["killed"]

[[date]]
id = "day"
subject = ["Kerman", "Türkiye"]
cue = ["bombing"]
"#;

    #[test]
    fn anchors_are_the_runs_of_anchor_chars() {
        let cases: &[(&str, &[&str])] = &[
            ("Islamic State Khorasan", &["Islamic", "State", "Khorasan"]),
            ("IS-K", &["IS"]),
            ("Türkiye", &["rkiye"]),
            ("Prime Minister May", &["Prime", "Minister", "May"]),
            ("Straße", &["Straße"]),
            ("U.S. embassy", &["embassy"]),
            ("U.S.", &["U"]),
            ("é", &[]),
            ("--", &[]),
        ];
        for (term, want) in cases {
            assert_eq!(anchors_of(term), *want, "{term}");
        }
    }

    #[test]
    fn weekday_windows() {
        let cases = [
            ("Friday, March 22, 2024, the hall", true),
            (
                "on Friday the council met again at noon to vote on it all",
                false,
            ),
            ("on Friday 15 people met", false),
            (
                "on Friday\u{2019}s \u{201C}quoted\u{201D} count, 15 in all",
                false,
            ),
            (
                "Friday\u{2014}the \u{201C}day\u{201D}\u{2014}and then 55 more words came 2024",
                true,
            ),
            ("on Friday, \"it's 22\" and 2024", true),
            ("---\ntitle: \"On Friday\"\n---\nBody", true),
            ("on Friday  22", true),
            ("on Friday the count rose to 1,500", true),
            ("on Friday\nMarch 22, later", true),
            ("on Friday *March* 22", true),
        ];
        for (text, want) in cases {
            let at = text.find("Friday").unwrap_or(0);
            assert_eq!(may_open_full_date(text.as_bytes(), at), want, "{text:?}");
        }
    }

    #[test]
    fn files_without_an_anchor_are_not_read() {
        let rules = rules_of(RULES);
        let anchors = Anchors::new(&rules, true);
        let cases = [
            ("Nothing of interest; 144 were killed.", false),
            ("The Crocus hall.", true),
            ("the crocus hall", true),
            ("Kerman", true),
            ("is-k", false),
            ("IS-K", true),
            ("Khorasan", false),
            ("Islamic State Khorasan", true),
            ("the State of Khorasan, an Islamic province", true),
            ("On Friday, March 22, 2024", true),
            ("On Friday the hall stood empty.", false),
            ("<!-- factlint: ignore -->", true),
            ("Cro<b>cus</b>", true),
        ];
        for (text, want) in cases {
            let format = if text.contains('<') {
                Format::Html
            } else {
                Format::Plain
            };
            assert_eq!(anchors.may_hold(text, format), want, "{text:?}");
        }
        let no_weekday = Anchors::new(&rules, false);
        assert!(!no_weekday.may_hold("On Friday, March 22, 2024", Format::Plain));
    }

    /// Words of the rules above, split by [`JOINTS`] in the generated documents.
    const WORDS: &[&str] = &[
        "Crocus",
        "Islamic State Khorasan",
        "Kerman",
        "Straße",
        "Türkiye",
        "Friday",
    ];

    /// What may stand between two halves of a word, some of it joining them in the matching
    /// text, some not.
    const JOINTS: &[&str] = &[
        "",
        " ",
        "<b>",
        "</b>",
        "<i></i>",
        "<!-- c -->",
        "<span hidden>x</span>",
        "</p><p>",
        "<br>",
        "*",
        "**",
        "~~",
        "[",
        "](/x)",
        "![",
        "\u{AD}",
        "\u{200B}",
        "\u{2060}",
        "&shy;",
        "&#173;",
        "&zwj;",
        "\\",
        "`",
        "_",
        "\n",
        "<wbr>",
    ];

    /// What lies between words.
    const FILLER: &[&str] = &[
        " ",
        "\n",
        "\n\n",
        ", March 23, 2024",
        " 2024",
        "killed 144",
        " bombing ",
        "\"",
        ". ",
        "IS-K ",
        "<p>",
        "# ",
        "> ",
        "title: \"",
        "\u{201C}",
        "\u{2014}",
        "'",
        "\u{A0}",
        "e\u{301}",
        "Friday, ",
        " Fri., March 23, 2024",
        "   ",
        "\t",
        "\r\n",
    ];

    /// A word's char as a character reference, or the Kelvin sign for `K`.
    fn spelled(c: char, how: usize) -> String {
        match how {
            1 => format!("&#{};", c as u32),
            2 => format!("&#x{:x};", c as u32),
            3 if c == 'K' => "\u{212A}".to_string(),
            _ => c.to_string(),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// A document the anchors turn away yields nothing when read in full: no mention and
        /// no finding, in every format and in front matter. Its words are split by markup, soft hyphens and
        /// escapes, and spelled with character references, so that the raw bytes seldom hold
        /// an anchor while the matching text may.
        #[test]
        fn a_file_turned_away_holds_nothing(
            parts in proptest::collection::vec(
                (0..WORDS.len(), 0usize..8, 0..JOINTS.len(), 0usize..4, 0usize..8, 0..FILLER.len()),
                1..6,
            ),
            format in 0usize..4,
        ) {
            let rules = rules_of(RULES);
            let extractor = super::super::Extractor::new(&rules, super::super::ExtractOptions::default());
            let mut text = String::new();
            for (word, cut, joint, how, which, filler) in parts {
                let chars: Vec<char> = WORDS[word].chars().collect();
                let cut = cut.min(chars.len());
                for (i, &c) in chars.iter().enumerate() {
                    if i == cut {
                        text.push_str(JOINTS[joint]);
                    }
                    text.push_str(&spelled(c, if i == which { how } else { 0 }));
                }
                text.push_str(FILLER[filler]);
            }
            if format == 3 {
                // The text as a front matter title (its double-quoted escapes resolved).
                text = format!("---\ntitle: \"{}\"\n---\nBody.\n", text.replace('"', ""));
            }
            let name = ["a.txt", "a.md", "a.html", "a.md"][format];
            if !extractor.may_hold(&text, Format::from_path(name)) {
                let doc = crate::source::load(crate::span::FileId(0), name, &text);
                let found = extractor.extract(&doc);
                proptest::prop_assert!(
                    found.mentions.is_empty() && found.findings.is_empty(),
                    "{text:?} as {name}: {:?} {:?}", found.mentions, found.findings
                );
            }
        }
    }
}
