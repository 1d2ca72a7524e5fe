//! Inline suppressions: comments and line markers in a document that allow a rule where they
//! stand.
//!
//! Forms (documented for users in `docs/suppressions.md`):
//!
//! ```text
//! <!-- factlint: allow RULE[, RULE…] [-- reason] -->       the next paragraph, or the
//!                                                          paragraph the comment sits in
//! <!-- factlint: allow-file RULE[, RULE…] [-- reason] -->  the whole file
//! factlint: allow RULE[, RULE…] [-- reason]                that line, or the next non-blank
//!                                                          line when the marker is alone
//! factlint: allow-file RULE[, RULE…] [-- reason]           the whole file
//! ```
//!
//! `all` allows every rule. An id matches a finding's rule id or its check name
//! (`weekday-mismatch`). The raw source is scanned, not the text extracted for matching: the
//! Markdown and HTML loaders drop comments, and scanning bytes keeps this module independent of
//! every loader. A paragraph is a run of non-blank lines.
//!
//! Every id that allows nothing becomes an `unused-suppression` finding at the id, so a stale
//! suppression cannot quietly hide the next real mismatch.

use std::ops::Range;

use crate::compare::plural;
use crate::finding::{Code, CodeKind, Finding, Label};
use crate::source::offsets::{ceil_char_boundary, floor_char_boundary};
use crate::span::{FileId, Span};

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The whole file.
    File,
    /// A paragraph (run of non-blank lines).
    Paragraph,
    /// One line.
    Line,
}

/// One suppression found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The whole comment or marker.
    pub span: Span,
    /// The ids it allows, each with its own bytes.
    pub ids: Vec<(String, Span)>,
    /// The text after `--`, if any.
    pub reason: Option<String>,
    /// What it covers.
    pub reach: Reach,
    /// The bytes it covers: a finding whose primary label starts here is allowed.
    pub covers: Range<usize>,
}

impl Suppression {
    fn allows(&self, id: &str, finding: &Finding) -> bool {
        id == "all" || finding.rule.as_deref() == Some(id) || finding.code.name() == id
    }

    fn covers(&self, finding: &Finding) -> bool {
        finding
            .primary()
            .is_some_and(|l| l.span.file == self.span.file && self.covers.contains(&l.span.start))
    }
}

/// A directive parsed from the text after `factlint:`.
struct Directive {
    file_wide: bool,
    ids: Vec<(String, Range<usize>)>,
    reason: Option<String>,
}

/// Parses `factlint: allow[-file] ids [-- reason]` starting at `text[0]` (`factlint:`), with
/// byte offsets relative to `text`. `None` when it is not a directive.
fn parse_directive(text: &str) -> Option<Directive> {
    let after = text.strip_prefix("factlint:")?;
    let keyword_start = text.len() - after.trim_start().len();
    let rest = &text[keyword_start..];
    let keyword_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let file_wide = match &rest[..keyword_len] {
        "allow" => false,
        "allow-file" => true,
        _ => return None,
    };
    let ids_start = keyword_start + keyword_len;
    let (ids_end, reason) = match text[ids_start..].find("--") {
        Some(at) => {
            let reason = text[ids_start + at + 2..].trim();
            (
                ids_start + at,
                (!reason.is_empty()).then(|| reason.to_string()),
            )
        }
        None => (text.len(), None),
    };
    let mut ids = Vec::new();
    let mut token: Option<usize> = None;
    for (i, c) in text[ids_start..ids_end]
        .char_indices()
        .chain(std::iter::once((ids_end - ids_start, ' ')))
    {
        let at = ids_start + i;
        if c == ',' || c.is_whitespace() {
            if let Some(start) = token.take() {
                ids.push((text[start..at].to_string(), start..at));
            }
        } else if token.is_none() {
            token = Some(at);
        }
    }
    Some(Directive {
        file_wide,
        ids,
        reason,
    })
}

/// Line geometry of a source, for paragraph and line reaches: lines are found around a byte
/// as they are asked for, never indexed (a file of short lines would hold eight bytes a line
/// for a directive or two). A paragraph once walked is remembered, so that many directives in
/// one long paragraph walk it once, not once each.
struct Lines<'a> {
    source: &'a str,
    /// The last paragraph walked, as (start, end).
    last_paragraph: std::cell::Cell<Option<(usize, usize)>>,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str) -> Lines<'a> {
        Lines {
            source,
            last_paragraph: std::cell::Cell::new(None),
        }
    }

    /// The line holding byte `byte`, with its line break.
    fn at(&self, byte: usize) -> Range<usize> {
        let bytes = self.source.as_bytes();
        let byte = byte.min(bytes.len());
        let start = memchr::memrchr(b'\n', &bytes[..byte]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[byte..]).map_or(bytes.len(), |i| byte + i + 1);
        start..end
    }

    /// The line after `line`, if any.
    fn next(&self, line: &Range<usize>) -> Option<Range<usize>> {
        (line.end < self.source.len()).then(|| self.at(line.end))
    }

    /// The line before `line`, if any.
    fn previous(&self, line: &Range<usize>) -> Option<Range<usize>> {
        (line.start > 0).then(|| self.at(line.start - 1))
    }

    fn blank(&self, line: &Range<usize>) -> bool {
        self.source
            .get(line.clone())
            .is_none_or(|s| s.trim().is_empty())
    }

    /// The paragraph holding `line`: from the first to the last non-blank line around it.
    fn paragraph(&self, line: Range<usize>) -> Range<usize> {
        if let Some(known) = self.known_paragraph(&line) {
            return known;
        }
        let mut first = line.clone();
        while let Some(before) = self.previous(&first).filter(|l| !self.blank(l)) {
            first = before;
        }
        let paragraph = first.start..self.rest_of_paragraph(line).end;
        self.last_paragraph
            .set(Some((paragraph.start, paragraph.end)));
        paragraph
    }

    /// From `line` to the end of its paragraph.
    fn rest_of_paragraph(&self, line: Range<usize>) -> Range<usize> {
        if let Some(known) = self.known_paragraph(&line) {
            return line.start..known.end;
        }
        let mut last = line.clone();
        while let Some(after) = self.next(&last).filter(|l| !self.blank(l)) {
            last = after;
        }
        line.start..last.end
    }

    /// The paragraph last walked, if it holds `line` (a non-blank line).
    fn known_paragraph(&self, line: &Range<usize>) -> Option<Range<usize>> {
        let (start, end) = self.last_paragraph.get()?;
        (start <= line.start && line.end <= end && !self.blank(line)).then_some(start..end)
    }

    /// The first non-blank line after `line`.
    fn next_non_blank(&self, line: &Range<usize>) -> Option<Range<usize>> {
        let mut next = self.next(line)?;
        while self.blank(&next) {
            next = self.next(&next)?;
        }
        Some(next)
    }
}

/// Whether the text is only whitespace and comment leaders (`#`, `//`, `;`, `%`, …), so that a
/// marker preceded by it stands alone on its line.
fn only_leaders(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || matches!(c, '#' | '/' | '*' | ';' | '%' | '-' | '>'))
}

/// Whether `text` may hold a directive: every directive names `factlint:`. A document read
/// piece by piece is read again for [`scan`] only if one of its pieces does.
pub fn mentions_directive(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"factlint:").is_some()
}

/// Whether a text given piece by piece may hold a directive ([`mentions_directive`]), one that
/// a piece's end cuts in two included: the end of each piece is kept to be read with the start
/// of the next.
#[derive(Debug, Default)]
pub struct DirectiveWatch {
    seen: bool,
    /// The last bytes of the text so far: fewer than `factlint:` has.
    tail: String,
}

/// How many bytes of a piece's end may begin a directive the next piece ends.
const DIRECTIVE_TAIL: usize = "factlint:".len() - 1;

impl DirectiveWatch {
    /// Reads the next piece.
    pub fn push(&mut self, piece: &str) {
        if self.seen {
            return;
        }
        let head = &piece[..floor_char_boundary(piece, DIRECTIVE_TAIL)];
        self.tail.push_str(head);
        self.seen = mentions_directive(&self.tail) || mentions_directive(piece);
        // A piece shorter than the tail is all in it now, after what came before it.
        let text = if head.len() < piece.len() {
            piece
        } else {
            &self.tail
        };
        let keep = ceil_char_boundary(text, text.len().saturating_sub(DIRECTIVE_TAIL));
        self.tail = text[keep..].to_string();
    }

    /// Whether the text given so far may hold a directive.
    pub fn seen(&self) -> bool {
        self.seen
    }
}

/// Every suppression in one document's raw source.
pub fn scan(file: FileId, source: &str) -> Vec<Suppression> {
    let lines = Lines::new(source);
    let mut found = Vec::new();
    let mut comments: Vec<Range<usize>> = Vec::new();

    let mut from = 0;
    while let Some(open) = source.get(from..).and_then(|s| s.find("<!--")) {
        let open = from + open;
        let body_start = open + 4;
        let Some(close) = source[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        let end = body_end + 3;
        comments.push(open..end);
        from = end;

        let body = &source[body_start..body_end];
        let lead = body.len() - body.trim_start().len();
        let Some(directive) = parse_directive(body[lead..].trim_end()) else {
            continue;
        };
        let first = lines.at(open);
        let last = lines.at(end.saturating_sub(1));
        let before = &source[first.start..open];
        let after = source.get(end..last.end).unwrap_or("");
        let alone = before.trim().is_empty() && after.trim().is_empty();
        let (reach, covers) = if directive.file_wide {
            (Reach::File, 0..source.len())
        } else if alone {
            let next = lines.next_non_blank(&last);
            // Only downwards: the comment itself may open the paragraph.
            let covers = next.map_or(end..end, |l| lines.rest_of_paragraph(l));
            (Reach::Paragraph, covers)
        } else {
            (Reach::Paragraph, lines.paragraph(first))
        };
        found.push(build(
            file,
            open..end,
            body_start + lead,
            directive,
            reach,
            covers,
        ));
    }

    let mut from = 0;
    while let Some(at) = source.get(from..).and_then(|s| s.find("factlint:")) {
        let at = from + at;
        from = at + "factlint:".len();
        let word_start = source[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        // Comments are in source order and never overlap.
        let inside = comments.partition_point(|c| c.end <= at);
        if !word_start || comments.get(inside).is_some_and(|c| c.contains(&at)) {
            continue;
        }
        let line_range = lines.at(at);
        let end = at + source[at..line_range.end].trim_end().len();
        let Some(directive) = parse_directive(&source[at..end]) else {
            continue;
        };
        let (reach, covers) = if directive.file_wide {
            (Reach::File, 0..source.len())
        } else if only_leaders(&source[line_range.start..at]) {
            let next = lines.next_non_blank(&line_range);
            (Reach::Line, next.unwrap_or(end..end))
        } else {
            (Reach::Line, line_range)
        };
        found.push(build(file, at..end, at, directive, reach, covers));
    }
    found.sort_by_key(|s| s.span.start);
    found
}

fn build(
    file: FileId,
    whole: Range<usize>,
    directive_at: usize,
    directive: Directive,
    reach: Reach,
    covers: Range<usize>,
) -> Suppression {
    Suppression {
        span: Span::new(file, whole),
        ids: directive
            .ids
            .into_iter()
            .map(|(id, r)| {
                let span = Span::new(file, directive_at + r.start..directive_at + r.end);
                (id, span)
            })
            .collect(),
        reason: directive.reason,
        reach,
        covers,
    }
}

/// What applying suppressions did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The findings left, followed by the suppressions' own findings.
    pub findings: Vec<Finding>,
    /// How many findings were allowed away.
    pub suppressed: usize,
}

/// Removes the fact findings that a suppression covers, and adds a finding for each id that
/// allowed nothing and, with `require_reason`, for each suppression without a reason.
///
/// `known` tells whether an id names a rule or a check, to word the unused finding.
pub fn apply(
    findings: Vec<Finding>,
    suppressions: &[Suppression],
    known: &dyn Fn(&str) -> bool,
    require_reason: bool,
) -> Applied {
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.ids.len()])
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    let mut suppressed = 0;
    for finding in findings {
        let mut allowed = false;
        if finding.code.kind() == CodeKind::Fact {
            for (s, used) in suppressions.iter().zip(used.iter_mut()) {
                if !s.covers(&finding) {
                    continue;
                }
                for ((id, _), used) in s.ids.iter().zip(used.iter_mut()) {
                    if s.allows(id, &finding) {
                        *used = true;
                        allowed = true;
                    }
                }
            }
        }
        if allowed {
            suppressed += 1;
        } else {
            kept.push(finding);
        }
    }
    for (s, used) in suppressions.iter().zip(&used) {
        if s.ids.is_empty() {
            kept.push(
                Finding::new(Code::UnusedSuppression, "suppression names no rule")
                    .with_label(Label::primary(s.span, "write a rule id or `all`")),
            );
        }
        for ((id, span), used) in s.ids.iter().zip(used) {
            if *used {
                continue;
            }
            let (message, label) = if id == "all" || known(id) {
                let place = match s.reach {
                    Reach::File => "in this file",
                    Reach::Paragraph => "in this paragraph",
                    Reach::Line => "on this line",
                };
                (
                    format!("unused suppression of `{id}`"),
                    format!("nothing to allow {place}"),
                )
            } else {
                (
                    format!("suppression of `{id}`, which names no rule"),
                    "no rule or check has this id".to_string(),
                )
            };
            kept.push(
                Finding::new(Code::UnusedSuppression, message)
                    .with_label(Label::primary(*span, label))
                    .with_key(id.clone()),
            );
        }
        if require_reason && s.reason.is_none() {
            kept.push(
                Finding::new(
                    Code::MissingSuppressionReason,
                    format!(
                        "suppression of {} without a reason",
                        plural(s.ids.len(), "rule")
                    ),
                )
                .with_label(Label::primary(s.span, "add ` -- ` and why"))
                .with_note("`--require-reason` asks every suppression to say why"),
            );
        }
    }
    Applied {
        findings: kept,
        suppressed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: FileId = FileId(0);

    #[test]
    fn a_directive_cut_by_a_piece_end_is_seen() {
        let text = "<p>Caf\u{e9}</p><!-- factlint: ignore -->\u{e9}";
        let watched = |cuts: &[usize]| {
            let mut watch = DirectiveWatch::default();
            let mut from = 0;
            for &to in cuts.iter().chain([&text.len()]) {
                watch.push(&text[from..to]);
                from = to;
            }
            watch.seen()
        };
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in &bounds[i..] {
                assert!(watched(&[a, b]), "cut at {a} and {b}");
            }
        }
        let mut watch = DirectiveWatch::default();
        for piece in ["factlint", " : ", "factlint", "", "x:"] {
            watch.push(piece);
        }
        assert!(!watch.seen());
    }

    fn finding(rule: &str, at: usize) -> Finding {
        Finding::new(Code::QuantityMismatch, "m")
            .with_rule(rule)
            .with_label(Label::primary(Span::new(F, at..at + 2), "x"))
    }

    fn ids(s: &Suppression) -> Vec<&str> {
        s.ids.iter().map(|(id, _)| id.as_str()).collect()
    }

    #[test]
    fn comment_alone_covers_the_next_paragraph() {
        let src = "Intro 10.\n\n<!-- factlint: allow a, b -- ministry figure -->\nKilled 94,\nsaid 95.\n\nLater 96.\n";
        let s = scan(F, src);
        assert_eq!(s.len(), 1);
        assert_eq!(ids(&s[0]), ["a", "b"]);
        assert_eq!(s[0].reason.as_deref(), Some("ministry figure"));
        assert_eq!(&src[s[0].covers.clone()], "Killed 94,\nsaid 95.\n");
        assert_eq!(&src[s[0].ids[1].1.range()], "b");
        assert_eq!(s[0].reach, Reach::Paragraph);
    }

    #[test]
    fn comment_inside_a_paragraph_covers_that_paragraph() {
        let src = "One.\n\nKilled 94 <!-- factlint: allow a -->\nstill here.\n\nNot here.\n";
        let s = scan(F, src);
        assert_eq!(
            &src[s[0].covers.clone()],
            "Killed 94 <!-- factlint: allow a -->\nstill here.\n"
        );
        assert_eq!(s[0].reason, None);
    }

    #[test]
    fn file_comment_and_plain_markers() {
        let src = "<!-- factlint: allow-file all -- scraped copy -->\nA 1.\n# factlint: allow c\nB 2.\nC 3. factlint: allow d -- quoted\nD 4.\n";
        let s = scan(F, src);
        assert_eq!(s.len(), 3);
        assert_eq!(
            (s[0].reach, s[0].covers.clone()),
            (Reach::File, 0..src.len())
        );
        assert_eq!(&src[s[1].covers.clone()], "B 2.\n");
        assert_eq!(
            &src[s[2].covers.clone()],
            "C 3. factlint: allow d -- quoted\n"
        );
        assert_eq!(s[2].reason.as_deref(), Some("quoted"));
    }

    #[test]
    fn not_directives() {
        let src = "myfactlint: allow a\nfactlint: deny a\n<!-- a comment: factlint: allow b -->\nfactlint:allowance x\n";
        assert!(scan(F, src).is_empty(), "{:?}", scan(F, src));
    }

    #[test]
    fn unclosed_comment_and_empty_input_do_not_panic() {
        assert!(scan(F, "<!-- factlint: allow a").len() <= 1);
        assert!(scan(F, "").is_empty());
        assert_eq!(scan(F, "<!-- factlint: allow a -->").len(), 1);
        assert_eq!(scan(F, "x\n\nfactlint: allow a").len(), 1);
    }

    #[test]
    fn apply_removes_covered_findings_and_reports_unused_ids() {
        let src = "<!-- factlint: allow a, b, nope -->\nKilled 94.\n\nKilled 95.\n";
        let s = scan(F, src);
        let at94 = src.find("94").unwrap_or(0);
        let at95 = src.find("95").unwrap_or(0);
        let known = |id: &str| id == "a" || id == "b";
        let out = apply(
            vec![finding("a", at94), finding("a", at95)],
            &s,
            &known,
            true,
        );
        assert_eq!(out.suppressed, 1);
        let codes: Vec<_> = out
            .findings
            .iter()
            .map(|f| (f.code, f.message.as_str()))
            .collect();
        assert_eq!(codes[0], (Code::QuantityMismatch, "m"));
        assert_eq!(
            codes[1],
            (Code::UnusedSuppression, "unused suppression of `b`")
        );
        assert_eq!(
            codes[2],
            (
                Code::UnusedSuppression,
                "suppression of `nope`, which names no rule"
            )
        );
        assert_eq!(codes[3].0, Code::MissingSuppressionReason);
        assert_eq!(codes.len(), 4);
    }

    #[test]
    fn all_and_check_names_match_and_rule_problems_are_never_allowed() {
        let src = "factlint: allow all\nKilled 94.\n";
        let s = scan(F, src);
        let at = src.find("94").unwrap_or(0);
        let weekday = Finding::new(Code::WeekdayMismatch, "w")
            .with_label(Label::primary(Span::new(F, at..at + 2), "x"));
        let rule_problem = Finding::new(Code::InvalidValue, "bad")
            .with_label(Label::primary(Span::new(F, at..at + 2), "x"));
        let out = apply(vec![weekday, rule_problem], &s, &|_| true, false);
        assert_eq!(out.suppressed, 1);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].code, Code::InvalidValue);
    }

    #[test]
    fn directives_in_one_paragraph_each_cover_it_whole() {
        // The second directive is answered from the paragraph the first walked; a marker
        // inside a comment is the comment's, not a directive of its own.
        let src = "Before.\n\nKilled 94 <!-- factlint: allow a -- x -->\nsaid 95 \
                   <!-- factlint: allow b -- y -->\nand 96.\n\n\n<!-- factlint: allow c -- z -->\n\n\n\
                   After 97.\nEnd.";
        let s = scan(F, src);
        assert_eq!(s.len(), 3);
        for one in &s[..2] {
            assert_eq!(
                &src[one.covers.clone()],
                "Killed 94 <!-- factlint: allow a -- x -->\nsaid 95 <!-- factlint: allow b -- y \
                 -->\nand 96.\n"
            );
        }
        // A comment alone on its line reaches down past the blank lines to the next paragraph.
        assert_eq!(&src[s[2].covers.clone()], "After 97.\nEnd.");
    }

    #[test]
    fn a_marker_alone_on_the_last_line_covers_nothing() {
        let src = "Killed 94.\n// factlint: allow a -- x\n\n   \n";
        let s = scan(F, src);
        assert_eq!(s.len(), 1);
        assert!(s[0].covers.is_empty(), "{:?}", s[0].covers);
    }
}
