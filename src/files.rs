//! The file database: every rule file and document the run read, by [`FileId`].
//!
//! Rule files and documents share one database so that a TOML error and a cross-document
//! finding render through the same code (codespan's `Files` trait). Sources are the original
//! text; line starts are computed once per file with `memchr`.
//!
//! A document read from disk need not stay in memory: [`Files::add_read`] keeps its line starts,
//! length and digest and lets the text go, and the text is read again the first time a report
//! asks for it ([`SourceFile::source`]). An archive is then held as its mentions, not its bytes,
//! and a 64 MB document is not held twice (its text and its matching text) while it is read. A
//! file that changed on disk in between is not shown with the wrong bytes: its text becomes
//! blanks of the old length and [`Files::changed`] names it.

use std::hash::Hasher;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use codespan_reporting::files::{self as cs_files, Files as CsFiles};

use crate::span::FileId;

/// One file: its display path (relative, `/`-separated), its original text and line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to users and written to JSON.
    pub path: String,
    /// The original text; spans index into it. Empty until read again for a file added by
    /// [`Files::add_read`].
    text: OnceLock<String>,
    /// How to read the text again, for a file whose text was let go.
    reread: Option<Reread>,
    /// Whether the text read again was not the text first read (the file changed on disk).
    changed: AtomicBool,
    /// The text's length in bytes.
    len: usize,
    /// The path the text was read from, exactly as it was opened (not the cleaned display
    /// path, which may name another file through `..` and a symbolic link, or lose bytes of a
    /// non-UTF-8 name). `None` for text that came from no file (standard input, examples).
    /// Only this path is ever written by `--fix`.
    pub opened: Option<PathBuf>,
    /// Where lines start, counted from the text when first asked for (a document without
    /// findings never needs them).
    line_starts: OnceLock<LineIndex>,
    /// Characters before each [`CHAR_BLOCK`]-byte block, so that a column on a line of a
    /// megabyte is counted from the nearest block, not from the line's start. Counted when a
    /// column is first asked for: most documents of an archive never show one.
    chars_before_block: OnceLock<Vec<usize>>,
}

/// How to read a file's text again: the reader that read it first, and what it gave then.
#[derive(Debug, Clone)]
struct Reread {
    /// Reads the file as it was first read (a DOCX's virtual source, a size limit); `None` when
    /// it cannot be read any more.
    read: fn(&Path, u64) -> Option<String>,
    /// The size limit it was read with.
    limit: u64,
    /// The outline of the text first read.
    outline: Outline,
}

/// What the file database keeps of a text it lets go: its length and digest, to know the text
/// again when it is read again (its lines are counted then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    len: usize,
    digest: u64,
}

impl Outline {
    /// The outline of `text`.
    pub fn of(text: &str) -> Outline {
        let mut builder = OutlineBuilder::default();
        builder.push(text);
        builder.finish()
    }

    /// Whether `text` is the text this outline was taken of (as far as a 64-bit digest tells).
    pub fn is_text(&self, text: &str) -> bool {
        text.len() == self.len && Outline::of(text) == *self
    }
}

/// The [`Outline`] of a text given piece by piece, in order.
#[derive(Debug, Clone, Default)]
pub struct OutlineBuilder {
    len: usize,
    hasher: std::collections::hash_map::DefaultHasher,
}

impl OutlineBuilder {
    /// Adds the next piece.
    pub fn push(&mut self, piece: &str) {
        self.hasher.write(piece.as_bytes());
        self.len += piece.len();
    }

    /// The outline of the pieces pushed.
    pub fn finish(self) -> Outline {
        Outline {
            len: self.len,
            digest: self.hasher.finish(),
        }
    }
}

/// A byte offset as a line start (saturating: no document is longer than `u32` addresses).
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl Clone for SourceFile {
    fn clone(&self) -> SourceFile {
        SourceFile {
            path: self.path.clone(),
            text: self.text.clone(),
            reread: self.reread.clone(),
            changed: AtomicBool::new(self.changed.load(Ordering::Relaxed)),
            len: self.len,
            opened: self.opened.clone(),
            line_starts: self.line_starts.clone(),
            chars_before_block: self.chars_before_block.clone(),
        }
    }
}

/// Bytes per entry of [`SourceFile::chars_before_block`].
const CHAR_BLOCK: usize = 4096;

impl SourceFile {
    /// A file from its display path and text.
    pub fn new(path: impl Into<String>, source: impl Into<String>) -> SourceFile {
        // A `String` moves in: the text read is never copied (an `Arc<str>` was a copy).
        let source: String = source.into();
        SourceFile {
            path: path.into(),
            line_starts: OnceLock::new(),
            len: source.len(),
            text: OnceLock::from(source),
            reread: None,
            changed: AtomicBool::new(false),
            opened: None,
            chars_before_block: OnceLock::new(),
        }
    }

    /// The original text: held, or read again from `opened` the first time it is asked for.
    /// A file that cannot be read again, or reads differently now, gives blanks of the length
    /// first read (so that every span still falls on a character boundary) and is marked
    /// [`changed`](SourceFile::changed).
    pub fn source(&self) -> &str {
        self.text.get_or_init(|| {
            let again = match (&self.reread, &self.opened) {
                (Some(how), Some(path)) => {
                    (how.read)(path, how.limit).filter(|text| how.outline.is_text(text))
                }
                _ => None,
            };
            again.unwrap_or_else(|| {
                self.changed.store(true, Ordering::Relaxed);
                " ".repeat(self.len)
            })
        })
    }

    /// Whether the text had to be read again and was not the text first read.
    pub fn changed(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, byte: usize) -> usize {
        self.line_starts().line_of(self.source().as_bytes(), byte)
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.len);
        let line = self.line_index(byte);
        let start = (self.line_starts())
            .start_of(self.source().as_bytes(), line)
            .unwrap_or(0);
        let column = self.chars_before(byte) - self.chars_before(start);
        (line + 1, column + 1)
    }

    /// How many characters start before byte `byte` (at most [`CHAR_BLOCK`] bytes counted).
    fn chars_before(&self, byte: usize) -> usize {
        let bytes = self.source().as_bytes();
        let byte = byte.min(bytes.len());
        let block = byte / CHAR_BLOCK;
        let blocks = self.chars_before_block.get_or_init(|| {
            bytes
                .chunks(CHAR_BLOCK)
                .scan(0, |before, block| {
                    let at = *before;
                    *before += chars_in(block);
                    Some(at)
                })
                .collect()
        });
        let counted = blocks.get(block).copied().unwrap_or(0);
        counted + chars_in(bytes.get(block * CHAR_BLOCK..byte).unwrap_or(&[]))
    }

    /// Byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let bytes = self.source().as_bytes();
        let starts = self.line_starts();
        let start = starts.start_of(bytes, line)?;
        let end = starts.start_of(bytes, line + 1).unwrap_or(self.len);
        Some(start..end)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts().breaks + 1
    }

    /// Where lines start (the text is read again if it was let go).
    fn line_starts(&self) -> &LineIndex {
        self.line_starts
            .get_or_init(|| LineIndex::new(self.source().as_bytes()))
    }
}

/// How many characters start in `bytes`: every byte but UTF-8's continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Where lines start, without a list of them: a file of short lines would hold four bytes a
/// line (more than twice the size of a file of one-letter lines) for a finding or two. A line
/// ends at `\n`, `\r\n` or a lone `\r` (old Mac files, and a carriage return that would
/// otherwise hide a whole file on one line); the line breaks before every [`CHAR_BLOCK`]-byte
/// block are counted once, and a line is found from the nearest block.
#[derive(Debug, Clone)]
struct LineIndex {
    /// Line breaks before each block. `u32`: no document is longer than
    /// [`MAX_DOCUMENT`](crate::source::offsets::MAX_DOCUMENT).
    breaks_before_block: Vec<u32>,
    /// Line breaks in the whole text.
    breaks: usize,
}

impl LineIndex {
    fn new(bytes: &[u8]) -> LineIndex {
        let mut breaks = 0;
        let breaks_before_block = (0..bytes.len().div_ceil(CHAR_BLOCK))
            .map(|block| {
                let before = narrow(breaks);
                breaks += line_breaks(bytes, block * CHAR_BLOCK..(block + 1) * CHAR_BLOCK).count();
                before
            })
            .collect();
        LineIndex {
            breaks_before_block,
            breaks,
        }
    }

    /// The 0-based line holding byte `byte` (the last line past the end).
    fn line_of(&self, bytes: &[u8], byte: usize) -> usize {
        let byte = byte.min(bytes.len());
        let block = byte / CHAR_BLOCK;
        let before = self
            .breaks_before_block
            .get(block)
            .map_or(self.breaks, |&b| b as usize);
        before + line_breaks(bytes, block * CHAR_BLOCK..byte).count()
    }

    /// Where 0-based line `line` starts, if the text has it.
    fn start_of(&self, bytes: &[u8], line: usize) -> Option<usize> {
        if line == 0 {
            return Some(0);
        }
        if line > self.breaks {
            return None;
        }
        // The last block with fewer breaks before it than `line`: the break lies in it or after.
        let block = (self.breaks_before_block)
            .partition_point(|&b| (b as usize) < line)
            .checked_sub(1)?;
        let before = self.breaks_before_block[block] as usize;
        line_breaks(bytes, block * CHAR_BLOCK..bytes.len())
            .nth(line - before - 1)
            .map(|at| at + 1)
    }
}

/// Where the line breaks in `bytes[range]` are (a `\r\n` breaks at its `\n`).
fn line_breaks(bytes: &[u8], range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let from = range.start.min(bytes.len());
    let to = range.end.clamp(from, bytes.len());
    memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to])
        .map(move |i| from + i)
        .filter(move |&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
}

/// All files of a run, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

impl Files {
    /// An empty database.
    pub fn new() -> Files {
        Files::default()
    }

    /// Adds a file that came from no path on disk and returns its id.
    pub fn add(&mut self, path: impl Into<String>, source: impl Into<String>) -> FileId {
        self.add_opened(path, source, None)
    }

    /// Adds a file read from `opened` and returns its id.
    pub fn add_opened(
        &mut self,
        path: impl Into<String>,
        source: impl Into<String>,
        opened: Option<PathBuf>,
    ) -> FileId {
        let mut file = SourceFile::new(path, source);
        file.opened = opened;
        self.push(file)
    }

    fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    /// Adds a document read from `opened` by `read` (with size limit `limit`) without its
    /// text, which [`SourceFile::source`] reads again when asked for.
    pub fn add_read(
        &mut self,
        path: impl Into<String>,
        outline: Outline,
        opened: PathBuf,
        read: fn(&Path, u64) -> Option<String>,
        limit: u64,
    ) -> FileId {
        self.push(SourceFile {
            path: path.into(),
            line_starts: OnceLock::new(),
            len: outline.len,
            text: OnceLock::new(),
            reread: Some(Reread {
                read,
                limit,
                outline,
            }),
            changed: AtomicBool::new(false),
            opened: Some(opened),
            chars_before_block: OnceLock::new(),
        })
    }

    /// The files whose text changed on disk between reading and reporting (shown as blanks).
    pub fn changed(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().filter(|f| f.changed())
    }

    /// The file with this id, if any.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Display path of a file (`"?"` for an unknown id).
    pub fn path(&self, id: FileId) -> &str {
        self.get(id).map_or("?", |f| f.path.as_str())
    }

    /// Source text of a file (empty for an unknown id).
    pub fn source(&self, id: FileId) -> &str {
        self.get(id).map_or("", SourceFile::source)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Iterates over `(id, file)`.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    fn file(&self, id: FileId) -> Result<&SourceFile, cs_files::Error> {
        self.get(id).ok_or(cs_files::Error::FileMissing)
    }
}

impl<'a> CsFiles<'a> for Files {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(self.file(id)?.path.as_str())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(self.file(id)?.source())
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, cs_files::Error> {
        Ok(self.file(id)?.line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, cs_files::Error> {
        let file = self.file(id)?;
        file.line_range(line_index)
            .ok_or(cs_files::Error::LineTooLarge {
                given: line_index,
                max: file.line_count().saturating_sub(1),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Lines found from block counts are the lines of a list of every line start, across
        /// blocks and with `\r\n` split by a block's end.
        #[test]
        fn lines_are_found_as_a_list_finds_them(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', b'\n', b'\r']), 0..9_000),
            probes in prop::collection::vec(0usize..9_100, 1..20),
        ) {
            let text = String::from_utf8(bytes).unwrap_or_default();
            let b = text.as_bytes();
            let starts: Vec<usize> = std::iter::once(0)
                .chain((0..b.len()).filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))).map(|i| i + 1))
                .collect();
            let f = SourceFile::new("a.txt", text.clone());
            prop_assert_eq!(f.line_count(), starts.len());
            for &p in &probes {
                let byte = p.min(b.len());
                let line = starts.partition_point(|&s| s <= byte) - 1;
                prop_assert_eq!(f.line_index(p), line);
                let end = starts.get(p + 1).copied().unwrap_or(b.len());
                let expected = starts.get(p).map(|&s| s..end);
                prop_assert_eq!(f.line_range(p), expected);
            }
        }
    }

    #[test]
    fn line_and_column_are_one_based_and_count_chars() {
        let f = SourceFile::new("a.md", "ab\nTürkiye 96\n");
        assert_eq!(f.line_column(0), (1, 1));
        assert_eq!(f.line_column(3), (2, 1));
        // "Türkiye " is 9 bytes but 8 chars; "96" starts at byte 3 + 9 = 12.
        assert_eq!(f.line_column(12), (2, 9));
        assert_eq!(f.line_range(1), Some(3..15));
        assert_eq!(f.line_range(5), None);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let f = SourceFile::new("a.txt", "one\rtwo\r\nthree\nfour");
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line_column(4), (2, 1));
        assert_eq!(f.line_column(9), (3, 1));
        assert_eq!(f.line_column(15), (4, 1));
    }

    #[test]
    fn columns_on_a_long_line_count_chars_across_blocks() {
        let line = "é".repeat(3 * CHAR_BLOCK) + " 96";
        let f = SourceFile::new("a.md", format!("x\n{line}\n"));
        let at = 2 + line.len() - 2;
        assert_eq!(f.line_column(at), (2, 3 * CHAR_BLOCK + 2));
        assert_eq!(f.line_column(2 + CHAR_BLOCK * 2), (2, CHAR_BLOCK + 1));
    }

    fn read(path: &Path, _limit: u64) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn a_text_let_go_is_read_again_and_a_changed_file_shows_blanks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text = "ab\nIS-K claimed it.\n";
        std::fs::write(&path, text).unwrap();
        let mut files = Files::new();
        let same = files.add_read("a.md", Outline::of(text), path.clone(), read, 100);
        let changed = files.add_read("b.md", Outline::of(text), path.clone(), read, 100);
        let gone = files.add_read("c.md", Outline::of(text), dir.path().join("c.md"), read, 9);
        assert_eq!(files.source(same), text);
        assert_eq!(files.get(same).unwrap().line_column(3), (2, 1));
        std::fs::write(&path, "ab\nISIS-K claimed it.\n").unwrap();
        // Read once, kept: the first reading stands for the whole report.
        assert_eq!(files.source(same), text);
        assert_eq!(files.source(changed), " ".repeat(text.len()));
        assert_eq!(files.source(gone), " ".repeat(text.len()));
        let names: Vec<&str> = files.changed().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["b.md", "c.md"]);
        // Its lines went with its text: a span is placed on one blank line.
        assert_eq!(files.get(changed).unwrap().line_column(3), (1, 4));
    }
}
