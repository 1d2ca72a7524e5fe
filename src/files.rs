//! The file database: every rule file and document the run read, by [`FileId`].
//!
//! Rule files and documents share one database so that a TOML error and a cross-document
//! finding render through the same code (codespan's `Files` trait). Sources are kept as the
//! original text; line starts are computed once per file with `memchr`.

use std::ops::Range;
use std::path::PathBuf;

use codespan_reporting::files::{self as cs_files, Files as CsFiles};

use crate::span::FileId;

/// One file: its display path (relative, `/`-separated), its original text and line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to users and written to JSON.
    pub path: String,
    /// The original text; spans index into it.
    pub source: String,
    /// The path the text was read from, exactly as it was opened (not the cleaned display
    /// path, which may name another file through `..` and a symbolic link, or lose bytes of a
    /// non-UTF-8 name). `None` for text that came from no file (standard input, examples).
    /// Only this path is ever written by `--fix`.
    pub opened: Option<PathBuf>,
    line_starts: Vec<usize>,
    /// Characters before each [`CHAR_BLOCK`]-byte block, so that a column on a line of a
    /// megabyte is counted from the nearest block, not from the line's start. Counted when a
    /// column is first asked for: most documents of an archive never show one.
    chars_before_block: std::sync::OnceLock<Vec<usize>>,
}

/// Bytes per entry of [`SourceFile::chars_before_block`].
const CHAR_BLOCK: usize = 4096;

impl SourceFile {
    /// A file from its display path and text.
    pub fn new(path: impl Into<String>, source: impl Into<String>) -> SourceFile {
        // A `String` moves in: the text read is never copied (an `Arc<str>` was a copy).
        let source: String = source.into();
        let line_starts = line_starts(&source);
        SourceFile {
            path: path.into(),
            source,
            opened: None,
            line_starts,
            chars_before_block: std::sync::OnceLock::new(),
        }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.source.len());
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let column = self.chars_before(byte) - self.chars_before(start);
        (line + 1, column + 1)
    }

    /// How many characters start before byte `byte` (at most [`CHAR_BLOCK`] bytes counted).
    fn chars_before(&self, byte: usize) -> usize {
        let bytes = self.source.as_bytes();
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
        let start = *self.line_starts.get(line)?;
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.source.len());
        Some(start..end)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// How many characters start in `bytes`: every byte but UTF-8's continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Where each line starts. A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files, and a
/// carriage return that would otherwise hide a whole file on one line).
fn line_starts(source: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    std::iter::once(0)
        .chain(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        )
        .collect()
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
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        let mut file = SourceFile::new(path, source);
        file.opened = opened;
        self.files.push(file);
        id
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
        self.get(id).map_or("", |f| &f.source)
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
        Ok(&self.file(id)?.source)
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
}
