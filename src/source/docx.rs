//! DOCX: Word documents, read-only, as a *virtual source* of one paragraph per line.
//!
//! Spans cannot point into a zip archive in any useful way, so a `.docx` file enters the file
//! database as the text factlint read from it (DESIGN §5, research B5): line *n* of the virtual
//! source is paragraph *n* of the document, diagnostics render against it, and
//! [`locator`](super::locator) turns a label's line into `¶n`.
//!
//! [`virtual_source`] builds that text from the archive:
//!
//! - the body (`word/document.xml`): the `w:t` text of each `w:p`, runs joined (Word splits
//!   words across runs at every formatting or revision change), `w:tab` as a tab, `w:br` and
//!   `w:cr` as a space (the line is the paragraph), `w:noBreakHyphen` as `-`; deleted tracked
//!   changes (`w:del`, `w:delText`, `w:moveFrom`) are skipped and insertions kept, as the
//!   document reads once its changes are accepted; field codes (`w:instrText`), the
//!   `mc:Fallback` copy of text boxes and tab-stop definitions are not text. Empty paragraphs
//!   are empty lines, so the numbering matches the document; a table cell's paragraphs are
//!   lines of their own;
//! - then the footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`), one line
//!   per paragraph, numbered on after the body (the separator pseudo-notes are left out);
//! - then, when the core properties (`docProps/core.xml`) say anything, a line holding only a
//!   form feed (U+000C, which no paragraph can contain: XML 1.0 forbids it and paragraph text
//!   has its control chars replaced) and `key: value` lines for `title`, `created` and
//!   `modified`. [`split_properties`] reads them back when the virtual source is loaded, so the
//!   document's date and title survive the trip through the file database without a second
//!   channel.
//!
//! Anything wrong with the file is a [`DocxError`], never a panic: not a zip, a truncated or
//! corrupt archive, no `word/document.xml`, XML that does not parse, a part that inflates past
//! the limit (a zip bomb), or an OLE compound file: an encrypted (password-protected) OOXML
//! package, or a legacy `.doc` saved under a `.docx` name.

use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The line that separates paragraphs from the properties in a virtual source.
pub const PROPERTIES_MARK: &str = "\u{0C}";

/// Why a `.docx` file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// An OLE compound file holding an encrypted OOXML package.
    Encrypted,
    /// An OLE compound file without an encrypted package: a Word 97–2003 `.doc`.
    LegacyDoc,
    /// Not a zip archive, or a corrupt one.
    BadArchive(String),
    /// A zip without the main document part.
    MissingDocument,
    /// A part that does not parse as XML.
    BadXml {
        /// The part.
        part: &'static str,
        /// The parser's message.
        message: String,
    },
    /// A part whose declared size is many times what it takes in the archive: a zip bomb.
    Bomb {
        /// The part.
        part: &'static str,
        /// Inflated size over compressed size.
        ratio: u64,
    },
    /// A part that inflates to more than the limit, or text longer than the document limit.
    TooLarge {
        /// The part.
        part: &'static str,
        /// The limit in bytes.
        limit: u64,
    },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Encrypted => f.write_str(
                "password-protected Word document (an encrypted package); save an unprotected copy",
            ),
            DocxError::LegacyDoc => f.write_str(
                "a Word 97-2003 document (OLE compound file), not .docx; save it as .docx",
            ),
            DocxError::BadArchive(e) => write!(f, "not a readable .docx archive ({e})"),
            DocxError::MissingDocument => {
                f.write_str("a zip archive without word/document.xml, not a Word document")
            }
            DocxError::BadXml { part, message } => write!(f, "malformed {part}: {message}"),
            DocxError::Bomb { part, ratio } => {
                write!(
                    f,
                    "{part} inflates {ratio} times its packed size (a zip bomb)"
                )
            }
            DocxError::TooLarge { part, limit } => {
                write!(f, "{part} inflates to more than {limit} bytes")
            }
        }
    }
}

/// The OLE compound file signature (Word 97–2003, and encrypted OOXML).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How far one part may inflate, as a multiple of the document limit: Word's XML is about ten
/// times its text; the text itself is held to the limit.
pub const INFLATION: u64 = 10;

/// A part declared larger than this, at more than [`BOMB_RATIO`] times its packed size, is a
/// zip bomb and is not inflated at all. Word's XML packs about 5–15 to 1.
const BOMB_FLOOR: u64 = 16 << 20;

/// See [`BOMB_FLOOR`].
const BOMB_RATIO: u64 = 100;

/// Reads a `.docx` archive into its virtual source (see the module docs), streaming: no part
/// is held whole, only the text read. `limit` is the document limit: the virtual source is at
/// most `limit` bytes, and no part inflates past `limit` × [`INFLATION`].
pub fn virtual_source(bytes: &[u8], limit: u64) -> Result<String, DocxError> {
    if bytes.starts_with(OLE_MAGIC) {
        // The stream names of a compound file are UTF-16LE.
        let name: Vec<u8> = "EncryptedPackage"
            .bytes()
            .flat_map(|b| [b, 0])
            .collect::<Vec<u8>>();
        return Err(if memchr::memmem::find(bytes, &name).is_some() {
            DocxError::Encrypted
        } else {
            DocxError::LegacyDoc
        });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::BadArchive(e.to_string()))?;
    let part_limit = limit.saturating_mul(INFLATION);
    let mut out = Lines {
        text: String::new(),
        limit,
    };
    let found = stream_part(&mut archive, "word/document.xml", part_limit, |xml| {
        paragraphs(xml, "word/document.xml", None, &mut out)
    })?;
    if found.is_none() {
        return Err(DocxError::MissingDocument);
    }
    for (part, note) in [
        ("word/footnotes.xml", "footnote"),
        ("word/endnotes.xml", "endnote"),
    ] {
        stream_part(&mut archive, part, part_limit, |xml| {
            paragraphs(xml, part, Some(note), &mut out)
        })?;
    }
    // Properties are a convenience: a broken core.xml loses the date, not the document.
    let core = stream_part(&mut archive, "docProps/core.xml", part_limit, |xml| {
        core_properties(xml).map_err(|e| DocxError::BadXml {
            part: "docProps/core.xml",
            message: e.to_string(),
        })
    });
    if let Ok(Some(props)) = core {
        out.properties(&props)?;
    }
    Ok(out.text)
}

/// The virtual source as it is written: paragraph lines, then the properties, never longer
/// than the document limit.
struct Lines {
    text: String,
    limit: u64,
}

impl Lines {
    /// Appends `line` and a line break, or fails past the limit.
    fn push(&mut self, line: &str) -> Result<(), DocxError> {
        if (self.text.len() + line.len() + 1) as u64 > self.limit {
            return Err(DocxError::TooLarge {
                part: "the text",
                limit: self.limit,
            });
        }
        self.text.push_str(line);
        self.text.push('\n');
        Ok(())
    }

    /// Appends the properties block, when the properties say anything.
    fn properties(&mut self, props: &Properties) -> Result<(), DocxError> {
        let fields = [
            ("title", &props.title),
            ("created", &props.created),
            ("modified", &props.modified),
        ];
        if fields.iter().all(|(_, v)| v.is_none()) {
            return Ok(());
        }
        self.push(PROPERTIES_MARK)?;
        for (key, value) in fields {
            if let Some(v) = value {
                self.push(&format!("{key}: {}", one_line(v)))?;
            }
        }
        Ok(())
    }
}

/// The properties of a virtual source, as [`virtual_source`] wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    /// `title`.
    pub title: Option<String>,
    /// `created`.
    pub created: Option<String>,
    /// `modified`.
    pub modified: Option<String>,
}

/// Splits a virtual source into the byte length of its paragraph lines and its properties.
pub fn split_properties(source: &str) -> (usize, Properties) {
    let mut props = Properties::default();
    let marker = format!("{PROPERTIES_MARK}\n");
    let body_end = if source.starts_with(&marker) {
        0
    } else if let Some(at) = source.find(&format!("\n{marker}")) {
        at + 1
    } else {
        return (source.len(), props);
    };
    let tail = &source[body_end + marker.len().min(source.len() - body_end)..];
    for line in tail.lines() {
        if let Some((key, value)) = line.split_once(": ") {
            let value = Some(value.to_string());
            match key {
                "title" => props.title = value,
                "created" => props.created = value,
                "modified" => props.modified = value,
                _ => {}
            }
        }
    }
    (body_end, props)
}

/// The reader a part is parsed from: inflated, at most `limit + 1` bytes.
type PartReader<'a, 'b> =
    Reader<BufReader<std::io::Take<zip::read::ZipFile<'a, Cursor<&'b [u8]>>>>>;

/// Parses one part with `parse` as it inflates, never past `limit` bytes; `Ok(None)` when the
/// archive lacks it. A part declared as a zip bomb is refused before it is inflated.
fn stream_part<'b, T>(
    archive: &mut zip::ZipArchive<Cursor<&'b [u8]>>,
    name: &'static str,
    limit: u64,
    parse: impl FnOnce(&mut PartReader<'_, 'b>) -> Result<T, DocxError>,
) -> Result<Option<T>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::BadArchive(e.to_string())),
    };
    let ratio = file.size() / file.compressed_size().max(1);
    if file.size() > BOMB_FLOOR && ratio > BOMB_RATIO {
        return Err(DocxError::Bomb { part: name, ratio });
    }
    if file.size() > limit {
        return Err(DocxError::TooLarge { part: name, limit });
    }
    // The declared size may lie: `take` holds the part to the limit whatever it says.
    let mut reader = Reader::from_reader(BufReader::new(file.take(limit.saturating_add(1))));
    let parsed = parse(&mut reader);
    if reader.get_ref().get_ref().limit() == 0 {
        // It went past the limit (and may have failed to parse where it was cut).
        return Err(DocxError::TooLarge { part: name, limit });
    }
    parsed.map(Some)
}

/// Where the reader is inside a part.
#[derive(Debug, Default)]
struct Walk {
    /// Open paragraphs (a text box nests paragraphs inside a paragraph).
    open: Vec<String>,
    /// Depth inside elements whose content is not text (deletions, field codes, fallbacks).
    skip: usize,
    /// Depth inside `w:r` (a run): tabs and breaks count only there.
    run: usize,
    /// Inside `w:t` (or `w:delText` / `w:instrText`, which `skip` covers).
    in_text: bool,
    /// Inside a separator pseudo-note, which is not text.
    separator_note: bool,
}

impl Walk {
    fn push(&mut self, s: &str) {
        if self.skip > 0 || self.separator_note {
            return;
        }
        if let Some(p) = self.open.last_mut() {
            p.push_str(s);
        }
    }
}

/// Elements whose whole content is not the accepted text.
fn is_skipped(local: &str) -> bool {
    matches!(
        local,
        "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "Fallback"
    )
}

/// Writes the paragraphs of a part to `out`, one line each, in the order they close. `note` is
/// set for footnotes and endnotes: their separator pseudo-notes are skipped.
fn paragraphs<R: BufRead>(
    reader: &mut Reader<R>,
    part: &'static str,
    note: Option<&str>,
    out: &mut Lines,
) -> Result<(), DocxError> {
    let bad = |e: &dyn fmt::Display, pos: u64| DocxError::BadXml {
        part,
        message: format!("{e} (at byte {pos})"),
    };
    let mut walk = Walk::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| bad(&e, reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if walk.skip > 0 || is_skipped(local) {
                    walk.skip += 1;
                    continue;
                }
                match local {
                    "p" => walk.open.push(String::new()),
                    "r" => walk.run += 1,
                    "t" => walk.in_text = true,
                    _ if Some(local) == note => {
                        walk.separator_note = is_separator(&e);
                    }
                    _ => empty_element(&mut walk, local),
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if walk.skip > 0 || is_skipped(local) {
                    continue;
                }
                match local {
                    // An empty paragraph is still a line.
                    "p" => out.push("")?,
                    _ => empty_element(&mut walk, local),
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if walk.skip > 0 {
                    walk.skip -= 1;
                    continue;
                }
                match local {
                    "p" => {
                        if let Some(p) = walk.open.pop()
                            && !walk.separator_note
                        {
                            out.push(&one_line(&p))?;
                        }
                    }
                    "r" => walk.run = walk.run.saturating_sub(1),
                    "t" => walk.in_text = false,
                    _ if Some(local) == note => {
                        walk.separator_note = false;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if walk.in_text => walk.push(&t.xml10_content()),
            Event::CData(t) if walk.in_text => {
                walk.push(&t.into_inner());
            }
            Event::GeneralRef(r) if walk.in_text => {
                let decoded = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                let mut buf = [0u8; 4];
                walk.push(decoded.unwrap_or('\u{FFFD}').encode_utf8(&mut buf));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A paragraph left open by a truncated part still counts.
    while let Some(p) = walk.open.pop() {
        out.push(&one_line(&p))?;
    }
    Ok(())
}

/// Run content that is a char of its own: tabs, breaks, hyphens.
fn empty_element(walk: &mut Walk, local: &str) {
    if walk.run == 0 {
        // `w:tab` inside `w:tabs` (paragraph properties) is a tab stop, not a tab.
        return;
    }
    match local {
        "tab" | "ptab" => walk.push("\t"),
        "br" | "cr" => walk.push(" "),
        "noBreakHyphen" => walk.push("-"),
        _ => {}
    }
}

/// Whether a `w:footnote`/`w:endnote` is a separator (`w:type="separator"` and friends).
fn is_separator(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        a.key.local_name().as_ref() == "type"
            && matches!(
                a.value.as_ref(),
                "separator" | "continuationSeparator" | "continuationNotice"
            )
    })
}

/// A paragraph on one line: line breaks and other control chars (never in Word's XML, but a
/// generator may write them) become spaces; tabs stay.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || !(c.is_control() || c == '\u{2028}' || c == '\u{2029}') {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// `dc:title`, `dcterms:created`, `dcterms:modified` of `docProps/core.xml`.
fn core_properties<R: BufRead>(reader: &mut Reader<R>) -> Result<Properties, quick_xml::Error> {
    let mut current: Option<usize> = None;
    let mut values: [Option<String>; 3] = [None, None, None];
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => {
                current = match e.local_name().as_ref() {
                    "title" => Some(0),
                    "created" => Some(1),
                    "modified" => Some(2),
                    _ => None,
                };
            }
            Event::Text(t) => {
                if let Some(i) = current {
                    values[i]
                        .get_or_insert_with(String::new)
                        .push_str(&one_line(&t.xml10_content()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(i) = current {
                    let c = match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => r.resolve_char_ref().ok().flatten().unwrap_or('\u{FFFD}'),
                    };
                    values[i].get_or_insert_with(String::new).push(c);
                }
            }
            Event::End(_) => current = None,
            Event::Eof => break,
            _ => {}
        }
    }
    // Trimmed only now: a value arrives in pieces around each `&amp;`.
    let [title, created, modified] = values.map(|v| {
        v.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    });
    Ok(Properties {
        title,
        created,
        modified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn body(inner: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{inner}</w:body></w:document>")
    }

    /// The lines a part's XML gives, as [`virtual_source`] writes them.
    fn lines(xml: &str, part: &'static str, note: Option<&str>) -> Vec<String> {
        let mut out = Lines {
            text: String::new(),
            limit: 1 << 20,
        };
        paragraphs(
            &mut Reader::from_reader(xml.as_bytes()),
            part,
            note,
            &mut out,
        )
        .unwrap();
        out.text.lines().map(str::to_string).collect()
    }

    #[test]
    fn runs_join_and_changes_resolve() {
        let xml = body(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:t>The toll r</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ose to </w:t></w:r>\
             <w:del w:id=\"1\"><w:r><w:delText>139</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\"><w:r><w:t>144</w:t></w:r></w:ins>\
             <w:r><w:tab/><w:t xml:space=\"preserve\">AT&amp;T </w:t><w:br/><w:t>x</w:t></w:r></w:p>\
             <w:p/>\
             <w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText>HYPERLINK \"http://x/140\"</w:instrText></w:r>\
             <w:r><w:t>link</w:t></w:r><w:r><w:noBreakHyphen/><w:t>K</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell 1</w:t></w:r></w:p></w:tc>\
             <w:tc><w:p><w:r><w:t>cell&#8217;2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        );
        let paras = lines(&xml, "word/document.xml", None);
        assert_eq!(
            paras,
            [
                "The toll rose to 144\tAT&T  x",
                "",
                "link-K",
                "cell 1",
                "cell\u{2019}2"
            ]
        );
    }

    #[test]
    fn separator_notes_are_skipped() {
        let xml = format!(
            "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:id=\"1\"><w:p><w:r><w:t>Source: ministry, 137 dead.</w:t></w:r></w:p></w:footnote></w:footnotes>"
        );
        let notes = lines(&xml, "word/footnotes.xml", Some("footnote"));
        assert_eq!(notes, ["Source: ministry, 137 dead."]);
    }

    #[test]
    fn virtual_source_round_trips_properties() {
        let mut out = Lines {
            text: String::new(),
            limit: 1 << 20,
        };
        for line in ["One", "", "Three", "Note"] {
            out.push(line).unwrap();
        }
        out.properties(&Properties {
            title: Some("A title".into()),
            created: Some("2024-03-23T09:00:00Z".into()),
            modified: None,
        })
        .unwrap();
        let text = out.text;
        assert_eq!(
            text,
            "One\n\nThree\nNote\n\u{0C}\ntitle: A title\ncreated: 2024-03-23T09:00:00Z\n"
        );
        let (end, props) = split_properties(&text);
        assert_eq!(&text[..end], "One\n\nThree\nNote\n");
        assert_eq!(props.title.as_deref(), Some("A title"));
        assert_eq!(props.created.as_deref(), Some("2024-03-23T09:00:00Z"));
        assert_eq!(props.modified, None);
        let plain = "Only\n";
        assert_eq!(
            split_properties(plain),
            (plain.len(), Properties::default())
        );
    }

    #[test]
    fn not_a_docx() {
        assert!(matches!(
            virtual_source(b"hello", 1 << 20),
            Err(DocxError::BadArchive(_))
        ));
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert_eq!(virtual_source(&ole, 1 << 20), Err(DocxError::LegacyDoc));
        ole.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
        assert_eq!(virtual_source(&ole, 1 << 20), Err(DocxError::Encrypted));
    }
}
