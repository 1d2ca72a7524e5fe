//! Windowed snippets: on a line longer than the terminal, a label shows a window of the line
//! around its span instead of the whole line.
//!
//! Scraped and wire copy put a paragraph of thousands of characters on one line; printed
//! whole, a caret at column 17,479 is off screen and one finding fills a screen. A
//! [`Windowed`] view is a codespan `Files` built for one diagnostic: each labelled line becomes
//! one or more *view lines* — the whole line when it fits, else a window of about
//! ±[`CONTEXT`] characters around the labels on it, cut at word boundaries, with "…" where it
//! was cut. Labels far apart on one line get a window each. The line numbers and columns
//! shown are the real ones (the view answers codespan's `line_number` and `column_number`
//! from the original file), so `path:line:col` stays what an editor jumps to.
//!
//! A label that spans lines shows its first and last line only. Building a view costs the
//! length of the windows, not of the lines: a 28,000-character line is never copied.

use std::ops::Range;

use codespan_reporting::files::{self as cs_files, Files as CsFiles};

use crate::files::{Files, SourceFile};
use crate::source::offsets::{ceil_char_boundary, floor_char_boundary};
use crate::span::FileId;

/// Context shown on each side of a span, at most (bytes; characters in most text).
pub const CONTEXT: usize = 60;

/// Columns the gutter ("12345 │ ") and the cut marks take from the terminal's width.
const GUTTER: usize = 14;

/// The narrowest window worth showing, whatever the terminal says.
const MIN_WINDOW: usize = 40;

/// Marks a cut.
const CUT: &str = "…";

/// Labelled pieces of a file: (0-based line, byte range on it).
type Pieces = Vec<(usize, Range<usize>)>;

/// One line of the view: a window of one real line.
#[derive(Debug, Clone)]
struct ViewLine {
    /// Byte range of this line in the view's text (without its newline).
    view: Range<usize>,
    /// Byte range of the original file it shows.
    real: Range<usize>,
    /// Bytes before the real text begins in the view line ("… " or nothing).
    prefix: usize,
    /// The real 0-based line index.
    line: usize,
}

/// The view of one file.
#[derive(Debug, Clone)]
struct View {
    file: FileId,
    text: String,
    /// Sorted by `real.start`; windows never overlap.
    lines: Vec<ViewLine>,
}

/// The windowed view of the files one diagnostic labels.
#[derive(Debug)]
pub struct Windowed<'a> {
    files: &'a Files,
    views: Vec<View>,
}

impl<'a> Windowed<'a> {
    /// A view of every line `labels` touch, each at most about `width` columns wide once
    /// rendered; `None` when every labelled line fits already (the file database renders the
    /// same thing then, gaps between lines and all).
    pub fn new(
        files: &'a Files,
        labels: &[(FileId, Range<usize>)],
        width: usize,
    ) -> Option<Windowed<'a>> {
        let budget = width.saturating_sub(GUTTER).max(MIN_WINDOW);
        let mut by_file: Vec<(FileId, Pieces)> = Vec::new();
        for (file, range) in labels {
            let Some(source) = files.get(*file) else {
                continue;
            };
            let pieces = match by_file.iter_mut().find(|(f, _)| f == file) {
                Some((_, pieces)) => pieces,
                None => {
                    by_file.push((*file, Vec::new()));
                    let last = by_file.len() - 1;
                    &mut by_file[last].1
                }
            };
            pieces.extend(line_pieces(source, range.clone()));
        }
        let mut cut = false;
        let views = by_file
            .into_iter()
            .filter_map(|(file, mut pieces)| {
                pieces.sort_by_key(|(line, p)| (*line, p.start, p.end));
                let (view, cut_here) = view(file, files.get(file)?, &pieces, budget);
                cut |= cut_here;
                Some(view)
            })
            .collect();
        cut.then_some(Windowed { files, views })
    }

    fn view(&self, file: FileId) -> Result<&View, cs_files::Error> {
        self.views
            .iter()
            .find(|v| v.file == file)
            .ok_or(cs_files::Error::FileMissing)
    }

    /// Where byte `byte` of the original `file` is in the view (a byte outside every window
    /// goes to the nearest edge of one).
    pub fn map(&self, file: FileId, byte: usize) -> usize {
        let Ok(view) = self.view(file) else {
            return 0;
        };
        let after = view.lines.partition_point(|l| l.real.start <= byte);
        let Some(line) = view.lines.get(after.saturating_sub(1)) else {
            return 0;
        };
        let inside = byte.clamp(line.real.start, line.real.end) - line.real.start;
        line.view.start + line.prefix + inside
    }
}

/// The part of `range` on each line it touches: every line for a label within one line or
/// two, the first and the last for a longer one.
fn line_pieces(source: &SourceFile, range: Range<usize>) -> Vec<(usize, Range<usize>)> {
    let first = source.line_index(range.start);
    let last = source.line_index(range.end.max(range.start));
    let lines: Vec<usize> = if last > first + 1 {
        vec![first, last]
    } else {
        (first..=last).collect()
    };
    lines
        .into_iter()
        .filter_map(|line| {
            let whole = source.line_range(line)?;
            let start = range.start.clamp(whole.start, whole.end);
            let end = range.end.clamp(start, whole.end);
            Some((line, start..end))
        })
        .collect()
}

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Builds the view of one file from its labelled pieces, sorted by line and start, and says
/// whether any line was too long to show whole.
fn view(
    file: FileId,
    source: &SourceFile,
    pieces: &[(usize, Range<usize>)],
    budget: usize,
) -> (View, bool) {
    let text_of = source.source();
    let mut cut = false;
    let mut out = View {
        file,
        text: String::new(),
        lines: Vec::new(),
    };
    let mut i = 0;
    while i < pieces.len() {
        let line = pieces[i].0;
        let mut j = i;
        while j < pieces.len() && pieces[j].0 == line {
            j += 1;
        }
        let Some(whole) = source.line_range(line) else {
            i = j;
            continue;
        };
        let windows = if width_of(&text_of[whole.clone()]) <= budget {
            vec![whole.clone()]
        } else {
            cut = true;
            windows(text_of, whole.clone(), &pieces[i..j], budget)
        };
        for real in windows {
            if !out.text.is_empty() {
                out.text.push('\n');
            }
            let start = out.text.len();
            let mut prefix = 0;
            if real.start > whole.start {
                out.text.push_str(CUT);
                out.text.push(' ');
                prefix = out.text.len() - start;
            }
            out.text.push_str(&text_of[real.clone()]);
            if real.end < whole.end {
                out.text.push(' ');
                out.text.push_str(CUT);
            }
            out.lines.push(ViewLine {
                view: start..out.text.len(),
                real,
                prefix,
                line,
            });
        }
        i = j;
    }
    (out, cut)
}

/// The windows of one long line `whole` around `pieces` (sorted): pieces close enough share
/// a window; each window takes up to [`CONTEXT`] bytes each side, never past the midpoint to
/// the next window, and is cut at a space where one is near.
fn windows(
    text: &str,
    whole: Range<usize>,
    pieces: &[(usize, Range<usize>)],
    budget: usize,
) -> Vec<Range<usize>> {
    // A span longer than a window shows its beginning.
    let longest = budget.saturating_sub(2 * CUT.len() + 2);
    let mut clusters: Vec<Range<usize>> = Vec::new();
    for (_, piece) in pieces {
        let end = floor_char_boundary(text, piece.end.min(piece.start + longest)).max(piece.start);
        match clusters.last_mut() {
            // A piece that overlaps the window before it joins it whatever the width: a
            // window boundary must never cut a label in two (and clusters stay disjoint and
            // ascending, which the midpoints below rely on).
            Some(c) if piece.start <= c.end || end.saturating_sub(c.start) <= longest => {
                c.end = c.end.max(end);
            }
            _ => clusters.push(piece.start..end),
        }
    }
    let mut out: Vec<Range<usize>> = Vec::with_capacity(clusters.len());
    for (k, c) in clusters.iter().enumerate() {
        let context = (budget.saturating_sub(c.end - c.start) / 2).min(CONTEXT);
        let low = match k.checked_sub(1).and_then(|p| clusters.get(p)) {
            Some(prev) => prev.end + (c.start - prev.end) / 2,
            None => whole.start,
        };
        let high = match clusters.get(k + 1) {
            Some(next) => c.end + (next.start - c.end) / 2,
            None => whole.end,
        };
        let mut start = ceil_char_boundary(text, c.start.saturating_sub(context).max(low));
        let mut end = floor_char_boundary(text, (c.end + context).min(high));
        if start > whole.start
            && let Some(space) = text[start..c.start].find(' ')
        {
            start += space + 1;
        }
        if end < whole.end
            && let Some(space) = text[c.end..end].rfind(' ')
        {
            end = c.end + space;
        }
        out.push(start.min(c.start)..end.max(c.end));
    }
    out
}

impl<'a> CsFiles<'a> for Windowed<'_> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        self.view(id)?;
        Ok(self.files.path(id))
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(&self.view(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, cs_files::Error> {
        let view = self.view(id)?;
        Ok(view
            .lines
            .partition_point(|l| l.view.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, id: FileId, line_index: usize) -> Result<usize, cs_files::Error> {
        Ok(self.line(id, line_index)?.line + 1)
    }

    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, cs_files::Error> {
        let line = self.line(id, line_index)?;
        let inside = byte_index.saturating_sub(line.view.start + line.prefix);
        let real = (line.real.start + inside).min(line.real.end);
        Ok(self.files.get(id).map_or(1, |f| f.line_column(real).1))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, cs_files::Error> {
        Ok(self.line(id, line_index)?.view.clone())
    }
}

impl Windowed<'_> {
    fn line(&self, id: FileId, line_index: usize) -> Result<&ViewLine, cs_files::Error> {
        let view = self.view(id)?;
        view.lines
            .get(line_index)
            .ok_or(cs_files::Error::LineTooLarge {
                given: line_index,
                max: view.lines.len().saturating_sub(1),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The view lines of `text` for labels at `ranges`, as the text shown.
    fn shown(text: &str, ranges: &[(usize, usize)], width: usize) -> Option<Vec<String>> {
        let mut files = Files::new();
        let id = files.add("a.md", text.to_string());
        let labels: Vec<_> = ranges.iter().map(|&(s, e)| (id, s..e)).collect();
        let view = Windowed::new(&files, &labels, width)?;
        let text = &view.views[0].text;
        Some(
            view.views[0]
                .lines
                .iter()
                .map(|l| text[l.view.clone()].to_string())
                .collect(),
        )
    }

    fn long_line() -> String {
        (0..300)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn short_lines_need_no_view() {
        assert!(shown("a short line\nanother", &[(2, 7)], 120).is_none());
    }

    #[test]
    fn a_long_line_shows_a_window_cut_at_spaces() {
        let text = long_line();
        let at = text.find("w150").unwrap_or(0);
        let lines = shown(&text, &[(at, at + 4)], 120).unwrap_or_default();
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert!(line.starts_with("… w") && line.ends_with(" …"), "{line}");
        assert!(line.contains("w150"));
        // Cut at word boundaries: every word shown is whole.
        for word in line.trim_matches(|c| c == '…' || c == ' ').split(' ') {
            assert!(text.split(' ').any(|w| w == word), "{word} cut in {line}");
        }
        assert!(width_of(line) <= 120 - GUTTER + 4, "{}", width_of(line));
    }

    #[test]
    fn labels_far_apart_get_a_window_each_and_map_back() {
        let text = long_line();
        let a = text.find("w20 ").unwrap_or(0);
        let b = text.find("w280").unwrap_or(0);
        let mut files = Files::new();
        let id = files.add("a.md", text.clone());
        let view = Windowed::new(&files, &[(id, a..a + 3), (id, b..b + 4)], 100);
        let Some(view) = view else {
            panic!("a long line needs a view");
        };
        assert_eq!(view.views[0].lines.len(), 2);
        let source = view.source(id).unwrap_or_default();
        let at = view.map(id, b);
        assert_eq!(&source[at..at + 4], "w280");
        // The column shown is the real one.
        let line = view.line_index(id, at).unwrap_or(0);
        assert_eq!(line, 1);
        assert_eq!(view.line_number(id, line).ok(), Some(1));
        let column = view.column_number(id, line, at).ok();
        assert_eq!(
            column,
            Some(files.get(id).map_or(0, |f| f.line_column(b).1))
        );
    }

    #[test]
    fn windows_respect_character_boundaries() {
        let text = "ü".repeat(400) + " 96 " + &"é".repeat(400);
        let at = text.find("96").unwrap_or(0);
        let lines = shown(&text, &[(at, at + 2)], 80).unwrap_or_default();
        assert!(lines[0].contains("96"));
    }

    #[test]
    fn a_span_longer_than_the_window_shows_its_start() {
        let text = long_line();
        let lines = shown(&text, &[(10, 1500)], 100).unwrap_or_default();
        assert!(width_of(&lines[0]) <= 100, "{}", lines[0]);
    }

    proptest::proptest! {
        /// Every label maps into the view onto the same text (unless it is longer than a
        /// window), and the column shown is the real one: the view is an offset map.
        #[test]
        fn labels_map_onto_their_own_text(
            words in proptest::collection::vec("[a-zü]{1,9}", 1..400),
            breaks in proptest::collection::vec(0usize..400, 0..4),
            picks in proptest::collection::vec((0usize..10_000, 1usize..12), 1..5),
            width in 30usize..200,
        ) {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    text.push(if breaks.contains(&i) { '\n' } else { ' ' });
                }
                text.push_str(w);
            }
            // Labels on char boundaries, within the text.
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let labels: Vec<(usize, usize)> = picks
                .iter()
                .map(|&(at, len)| {
                    let s = bounds[at % bounds.len()];
                    let e = bounds[(at % bounds.len() + len).min(bounds.len() - 1)];
                    (s, e)
                })
                .collect();
            let mut files = Files::new();
            let id = files.add("a.md", text.clone());
            let spans: Vec<_> = labels.iter().map(|&(s, e)| (id, s..e)).collect();
            if let Some(view) = Windowed::new(&files, &spans, width) {
                let source = view.source(id).unwrap_or_default();
                for &(s, e) in &labels {
                    let (vs, ve) = (view.map(id, s), view.map(id, e));
                    proptest::prop_assert!(vs <= ve && ve <= source.len());
                    let one_line = !text[s..e].contains('\n');
                    if one_line && e - s < 20 {
                        proptest::prop_assert_eq!(&source[vs..ve], &text[s..e]);
                    }
                    let line = view.line_index(id, vs).unwrap_or(0);
                    let real = files.get(id).map(|f| f.line_column(s));
                    proptest::prop_assert_eq!(view.line_number(id, line).ok(), real.map(|r| r.0));
                    proptest::prop_assert_eq!(view.column_number(id, line, vs).ok(), real.map(|r| r.1));
                }
            }
        }
    }
}
