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
use std::io::{Cursor, Read};

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
    /// A part that inflates to more than the limit.
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
            DocxError::TooLarge { part, limit } => {
                write!(f, "{part} inflates to more than {limit} bytes")
            }
        }
    }
}

/// The OLE compound file signature (Word 97–2003, and encrypted OOXML).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a `.docx` holds, as factlint reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    /// Body paragraphs, in order (empty ones included).
    pub paragraphs: Vec<String>,
    /// Footnote and endnote paragraphs, in order.
    pub notes: Vec<String>,
    /// `dc:title`.
    pub title: Option<String>,
    /// `dcterms:created`, as written.
    pub created: Option<String>,
    /// `dcterms:modified`, as written.
    pub modified: Option<String>,
}

/// Reads a `.docx` archive. `part_limit` bounds how far any one part may inflate.
pub fn extract(bytes: &[u8], part_limit: u64) -> Result<DocxText, DocxError> {
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
    let document = read_part(&mut archive, "word/document.xml", part_limit)?
        .ok_or(DocxError::MissingDocument)?;
    let mut out = DocxText {
        paragraphs: paragraphs(&document, "word/document.xml", None)?,
        ..DocxText::default()
    };
    for (part, note) in [
        ("word/footnotes.xml", "footnote"),
        ("word/endnotes.xml", "endnote"),
    ] {
        if let Some(xml) = read_part(&mut archive, part, part_limit)? {
            out.notes.extend(paragraphs(&xml, part, Some(note))?);
        }
    }
    if let Some(xml) = read_part(&mut archive, "docProps/core.xml", part_limit)? {
        // Properties are a convenience: a broken core.xml loses the date, not the document.
        if let Ok((title, created, modified)) = core_properties(&xml) {
            out.title = title;
            out.created = created;
            out.modified = modified;
        }
    }
    Ok(out)
}

/// Reads the `.docx` archive into its virtual source (see the module docs).
pub fn virtual_source(bytes: &[u8], part_limit: u64) -> Result<String, DocxError> {
    Ok(render(&extract(bytes, part_limit)?))
}

/// The virtual source of extracted text.
pub fn render(doc: &DocxText) -> String {
    let mut out = String::new();
    for p in doc.paragraphs.iter().chain(&doc.notes) {
        out.push_str(p);
        out.push('\n');
    }
    let props = [
        ("title", &doc.title),
        ("created", &doc.created),
        ("modified", &doc.modified),
    ];
    if props.iter().any(|(_, v)| v.is_some()) {
        out.push_str(PROPERTIES_MARK);
        out.push('\n');
        for (key, value) in props {
            if let Some(v) = value {
                out.push_str(key);
                out.push_str(": ");
                out.push_str(&one_line(v));
                out.push('\n');
            }
        }
    }
    out
}

/// The properties of a virtual source, as `render` wrote them.
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

/// Reads one part, at most `limit` bytes of it inflated; `None` when the archive lacks it.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &'static str,
    limit: u64,
) -> Result<Option<String>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::BadArchive(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::BadArchive(format!("{name}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(DocxError::TooLarge { part: name, limit });
    }
    // Word writes UTF-8; a stray bad byte costs one replacement char, not the document.
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Where the reader is inside a part.
#[derive(Debug, Default)]
struct Walk {
    /// Open paragraphs (a text box nests paragraphs inside a paragraph).
    open: Vec<String>,
    /// Finished paragraphs, in the order they closed.
    done: Vec<String>,
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

/// The paragraphs of a part. `note` is set for footnotes and endnotes: their
/// separator pseudo-notes are skipped.
fn paragraphs(xml: &str, part: &'static str, note: Option<&str>) -> Result<Vec<String>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let bad = |e: &dyn fmt::Display, pos: u64| DocxError::BadXml {
        part,
        message: format!("{e} (at byte {pos})"),
    };
    let mut walk = Walk::default();
    loop {
        let event = reader
            .read_event()
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
                    "p" => walk.done.push(String::new()),
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
                            walk.done.push(one_line(&p));
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
        walk.done.push(one_line(&p));
    }
    Ok(walk.done)
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
type Core = (Option<String>, Option<String>, Option<String>);

fn core_properties(xml: &str) -> Result<Core, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut current: Option<usize> = None;
    let mut values: [Option<String>; 3] = [None, None, None];
    loop {
        match reader.read_event()? {
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
    Ok((title, created, modified))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn body(inner: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{inner}</w:body></w:document>")
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
        let paras = paragraphs(&xml, "word/document.xml", None).unwrap();
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
        let notes = paragraphs(&xml, "word/footnotes.xml", Some("footnote")).unwrap();
        assert_eq!(notes, ["Source: ministry, 137 dead."]);
    }

    #[test]
    fn virtual_source_round_trips_properties() {
        let doc = DocxText {
            paragraphs: vec!["One".into(), String::new(), "Three".into()],
            notes: vec!["Note".into()],
            title: Some("A title".into()),
            created: Some("2024-03-23T09:00:00Z".into()),
            modified: None,
        };
        let text = render(&doc);
        assert_eq!(
            text,
            "One\n\nThree\nNote\n\u{0C}\ntitle: A title\ncreated: 2024-03-23T09:00:00Z\n"
        );
        let (end, props) = split_properties(&text);
        assert_eq!(&text[..end], "One\n\nThree\nNote\n");
        assert_eq!(props.title.as_deref(), Some("A title"));
        assert_eq!(props.created.as_deref(), Some("2024-03-23T09:00:00Z"));
        assert_eq!(props.modified, None);
        let plain = render(&DocxText {
            paragraphs: vec!["Only".into()],
            ..DocxText::default()
        });
        assert_eq!(
            split_properties(&plain),
            (plain.len(), Properties::default())
        );
    }

    #[test]
    fn not_a_docx() {
        assert!(matches!(
            extract(b"hello", 1 << 20),
            Err(DocxError::BadArchive(_))
        ));
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert_eq!(extract(&ole, 1 << 20), Err(DocxError::LegacyDoc));
        ole.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
        assert_eq!(extract(&ole, 1 << 20), Err(DocxError::Encrypted));
    }
}
