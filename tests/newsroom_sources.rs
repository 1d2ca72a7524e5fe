//! Real newsroom archives: HTML exports, Word documents, datelines, syndicated copies.
//!
//! Properties (proptest):
//! - HTML from a generator of tags, entities, comments, scripts, styles and curly-quoted text:
//!   the words of the matching text are exactly the words a reader sees (an oracle built from
//!   the same pieces); every word maps back to source bytes on char boundaries that cover
//!   whole pieces and decode to the word; nothing from scripts, styles, comments or attribute
//!   values reaches the text; blocks keep the conventions of `source`;
//! - any string loaded as HTML, and any bytes read as DOCX, never panic;
//! - DOCX from a generator of paragraphs of runs (some deleted, with tabs and breaks): line n
//!   of the virtual source is the concatenation of paragraph n's kept `w:t` texts, and each
//!   paragraph's block maps back into line n.
//!
//! Tables: corrupt DOCX files are one warning each; fixture dates, HTML script/comment
//! figures, near-duplicate groups; a 5 MB page loads in linear time.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use factlint::compare::duplicates::{DEFAULT_THRESHOLD, fingerprint, groups};
use factlint::config::Config;
use factlint::discover::{Input, read_input};
use factlint::files::Files;
use factlint::finding::Code;
use factlint::source::offsets::{TextRange, normalize_str};
use factlint::source::{Document, Format, docx, load, locator};
use factlint::span::FileId;
use factlint::value::PartialDate;
use factlint::{Settings, check};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// DOCX writing helper

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A minimal `.docx`: content types, the body, optional footnotes and core properties.
fn make_docx(body_xml: &str, footnotes_xml: Option<&str>, core_xml: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W_NS}><w:body>{body_xml}<w:sectPr/></w:body></w:document>"
            ),
        ),
    ];
    if let Some(f) = footnotes_xml {
        parts.push((
            "word/footnotes.xml",
            format!(
                "<?xml version=\"1.0\"?><w:footnotes {W_NS}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{f}</w:footnotes>"
            ),
        ));
    }
    if let Some(c) = core_xml {
        parts.push((
            "docProps/core.xml",
            format!(
                "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{c}</cp:coreProperties>"
            ),
        ));
    }
    for (name, content) in parts {
        zip.start_file(name, opts).expect("start zip entry");
        zip.write_all(content.as_bytes()).expect("write zip entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn para(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape_xml(text)
    )
}

// ---------------------------------------------------------------------------------------
// HTML generator and oracle

/// One generated piece of HTML: its source and what a reader sees of it.
#[derive(Debug, Clone)]
struct Piece {
    src: &'static str,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Visible text, this decoded form.
    Text(&'static str),
    /// White space between words.
    Space,
    /// An inline tag: nothing, words glue across it.
    Inline,
    /// A block tag: a boundary.
    Block,
    /// Invisible content (script, style, comment, attribute values): nothing, no boundary.
    Hidden,
}

const PIECES: &[(&str, Kind)] = &[
    ("toll", Kind::Text("toll")),
    ("144", Kind::Text("144")),
    ("Crocus", Kind::Text("Crocus")),
    ("IS-K", Kind::Text("IS-K")),
    ("it\u{2019}s", Kind::Text("it\u{2019}s")),
    (
        "\u{201C}quoted\u{201D}",
        Kind::Text("\u{201C}quoted\u{201D}"),
    ),
    ("T\u{fc}rkiye", Kind::Text("T\u{fc}rkiye")),
    ("$4.2", Kind::Text("$4.2")),
    ("&amp;", Kind::Text("&")),
    ("&#8217;", Kind::Text("\u{2019}")),
    ("&#x2019;", Kind::Text("\u{2019}")),
    ("&rsquo;", Kind::Text("\u{2019}")),
    ("&euro;", Kind::Text("\u{20AC}")),
    ("&eacute;", Kind::Text("\u{e9}")),
    ("&mdash;", Kind::Text("\u{2014}")),
    ("&nbsp;", Kind::Text("\u{A0}")),
    ("&#150;", Kind::Text("\u{2013}")),
    (" ", Kind::Space),
    ("\n", Kind::Space),
    ("  \t", Kind::Space),
    ("\r\n  ", Kind::Space),
    ("<b>", Kind::Inline),
    ("</b>", Kind::Inline),
    ("<SPAN class=\"a > SECRET\">", Kind::Inline),
    ("</span>", Kind::Inline),
    ("<a href='x>SECRET'>", Kind::Inline),
    ("</A>", Kind::Inline),
    ("<p>", Kind::Block),
    ("</p>", Kind::Block),
    ("<br>", Kind::Block),
    ("<br/>", Kind::Block),
    ("<div class=x>", Kind::Block),
    ("</div>", Kind::Block),
    ("<li>", Kind::Block),
    ("<TD>", Kind::Block),
    ("<h2>", Kind::Block),
    ("</h2>", Kind::Block),
    ("<!-- SECRET 139 -->", Kind::Hidden),
    ("<!---->", Kind::Hidden),
    (
        "<script>var s = \"SECRET </div> 150\";</script>",
        Kind::Hidden,
    ),
    (
        "<script type=\"application/ld+json\">{\"toll\": \"SECRET\"}</SCRIPT>",
        Kind::Hidden,
    ),
    ("<style>p::after{content:'SECRET'}</style>", Kind::Hidden),
    ("<noscript>SECRET</noscript>", Kind::Hidden),
    ("<template><p>SECRET</p></template>", Kind::Hidden),
    ("<span hidden>SECRET <b>x</b></span>", Kind::Hidden),
    ("<meta content=\"SECRET\">", Kind::Hidden),
];

fn pieces() -> impl Strategy<Value = Vec<Piece>> {
    prop::collection::vec(0..PIECES.len(), 0..80).prop_map(|idx| {
        idx.into_iter()
            .map(|i| Piece {
                src: PIECES[i].0,
                kind: PIECES[i].1,
            })
            .collect()
    })
}

/// The HTML source and, for each piece, its source range.
fn assemble(pieces: &[Piece]) -> (String, Vec<std::ops::Range<usize>>) {
    let mut src = String::new();
    let mut ranges = Vec::new();
    for p in pieces {
        let start = src.len();
        src.push_str(p.src);
        ranges.push(start..src.len());
    }
    (src, ranges)
}

/// What a reader sees: visible text, white space for spaces and block boundaries.
fn oracle(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p.kind {
            Kind::Text(t) => out.push_str(t),
            Kind::Space => out.push(' '),
            Kind::Block => out.push('\n'),
            Kind::Inline | Kind::Hidden => {}
        }
    }
    out
}

fn words(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(TextRange::new(s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(TextRange::new(s, text.len()));
    }
    out
}

/// Checks the conventions every source keeps for blocks.
fn check_blocks(doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let mut prev_end = 0;
    for (k, b) in doc.blocks.iter().enumerate() {
        prop_assert!(b.start < b.end && b.end <= text.len(), "block {b:?}");
        prop_assert!(b.start >= prev_end, "block {b:?} overlaps or goes back");
        let between = &text[prev_end..b.start];
        prop_assert!(
            between.trim().is_empty(),
            "text outside blocks: {between:?}"
        );
        if k > 0 {
            prop_assert!(between.contains("\n\n"), "blocks not separated");
        }
        let inner = &text[b.range()];
        prop_assert!(!inner.contains('\n'), "block holds a line break: {inner:?}");
        prop_assert_eq!(inner.trim(), inner);
        prev_end = b.end;
    }
    prop_assert!(text[prev_end..].trim().is_empty());
    Ok(())
}

fn check_html(pieces: &[Piece]) -> Result<(), TestCaseError> {
    let (src, ranges) = assemble(pieces);
    let doc = load(FileId(0), "page.html", &src);
    prop_assert_eq!(doc.format, Format::Html);
    prop_assert!(!doc.text.contains("SECRET"), "{:?}", doc.text);
    prop_assert!(!doc.text.contains("150") && !doc.text.contains("139"));

    let want: Vec<String> = normalize_str(&oracle(pieces))
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let got: Vec<&str> = doc.text.split_whitespace().collect();
    prop_assert_eq!(&got, &want, "source {:?}", src);

    for w in words(&doc.text) {
        let word = &doc.text[w.range()];
        let s = doc.map.to_source(w);
        prop_assert!(s.end <= src.len());
        prop_assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
        // The pieces under the word: whole pieces only, decoding to the word.
        let mut decoded = String::new();
        for (p, r) in pieces.iter().zip(&ranges) {
            if r.end <= s.start || r.start >= s.end || r.is_empty() {
                continue;
            }
            prop_assert!(
                r.start >= s.start && r.end <= s.end,
                "word {word:?} -> {s:?} cuts piece {:?} at {r:?}",
                p.src
            );
            if let Kind::Text(t) = p.kind {
                decoded.push_str(t);
            }
        }
        prop_assert_eq!(normalize_str(&decoded), word, "source {:?}", &src[s]);
    }
    check_blocks(&doc)
}

// ---------------------------------------------------------------------------------------
// DOCX generator

#[derive(Debug, Clone)]
enum Run {
    Text(String),
    Deleted(String),
    Inserted(String),
    Tab,
    Break,
}

fn run() -> impl Strategy<Value = Run> {
    let text = "[a-zA-Z0-9 &<>\"'\u{2019}\u{e9}\u{2014}.,]{0,8}";
    prop_oneof![
        4 => text.prop_map(Run::Text),
        1 => text.prop_map(Run::Deleted),
        1 => text.prop_map(Run::Inserted),
        1 => Just(Run::Tab),
        1 => Just(Run::Break),
    ]
}

fn paragraph_xml(runs: &[Run]) -> String {
    let mut xml =
        String::from("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>");
    for r in runs {
        match r {
            Run::Text(t) => xml.push_str(&format!(
                "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape_xml(t)
            )),
            Run::Deleted(t) => xml.push_str(&format!(
                "<w:del w:id=\"1\" w:author=\"Ed\"><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>",
                escape_xml(t)
            )),
            Run::Inserted(t) => xml.push_str(&format!(
                "<w:ins w:id=\"2\" w:author=\"Ed\"><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>",
                escape_xml(t)
            )),
            Run::Tab => xml.push_str("<w:r><w:tab/></w:r>"),
            Run::Break => xml.push_str("<w:r><w:br/></w:r>"),
        }
    }
    xml.push_str("</w:p>");
    xml
}

fn paragraph_text(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text(t) | Run::Inserted(t) => t.as_str(),
            Run::Deleted(_) => "",
            Run::Tab => "\t",
            Run::Break => " ",
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn html_words_map_back_and_hidden_text_stays_out(pieces in pieces()) {
        check_html(&pieces)?;
    }

    #[test]
    fn any_string_as_html_never_panics(source in any::<String>()) {
        let doc = load(FileId(0), "x.html", &source);
        for w in words(&doc.text) {
            let s = doc.map.to_source(w);
            prop_assert!(s.end <= source.len());
            prop_assert!(source.is_char_boundary(s.start) && source.is_char_boundary(s.end));
        }
    }

    #[test]
    fn html_ish_garbage_never_panics(
        source in "[<>&#;!/\\-a-z \"'=x0-9\u{e9}\u{2019}]{0,200}"
    ) {
        let doc = load(FileId(0), "x.htm", &source);
        for w in words(&doc.text) {
            let s = doc.map.to_source(w);
            prop_assert!(source.is_char_boundary(s.start) && source.is_char_boundary(s.end));
        }
        check_blocks(&doc)?;
    }

    #[test]
    fn docx_lines_are_paragraph_runs(
        paragraphs in prop::collection::vec(prop::collection::vec(run(), 0..6), 0..8),
    ) {
        let body: String = paragraphs.iter().map(|p| paragraph_xml(p)).collect();
        let bytes = make_docx(&body, None, None);
        let virt = docx::virtual_source(&bytes, 1 << 20).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let lines: Vec<&str> = virt.split_terminator('\n').collect();
        let want: Vec<String> = paragraphs.iter().map(|p| paragraph_text(p)).collect();
        prop_assert_eq!(&lines, &want);
        // Each paragraph's block maps into its own line of the virtual source.
        let doc = load(FileId(0), "r.docx", &virt);
        let file = factlint::files::SourceFile::new("r.docx", virt.as_str());
        for b in &doc.blocks {
            let s = doc.map.to_source(b);
            let (line, _) = file.line_column(s.start);
            let (end_line, _) = file.line_column(s.end);
            prop_assert_eq!(line, end_line);
            prop_assert_eq!(&virt[s.clone()], want[line - 1].trim());
            prop_assert_eq!(locator("r.docx", line), Some(format!("\u{b6}{line}")));
        }
        check_blocks(&doc)?;
    }

    #[test]
    fn any_bytes_as_docx_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = docx::virtual_source(&bytes, 1 << 20);
    }

    #[test]
    fn damaged_docx_never_panics(cut in 0usize..2000, flips in prop::collection::vec((0usize..2000, any::<u8>()), 0..4)) {
        let mut bytes = make_docx(&para("The toll rose to 144."), Some("<w:footnote w:id=\"1\"><w:p><w:r><w:t>Note</w:t></w:r></w:p></w:footnote>"), Some("<dc:title>T</dc:title>"));
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at % n] ^= b;
        }
        bytes.truncate(cut.min(bytes.len()));
        if let Ok(virt) = docx::virtual_source(&bytes, 1 << 20) {
            let _ = load(FileId(0), "d.docx", &virt);
        }
    }
}

#[test]
fn the_html_property_can_fail() {
    // A checker that accepts anything proves nothing: a hidden piece that leaks must fail.
    let leak = [Piece {
        src: "SECRET",
        kind: Kind::Hidden,
    }];
    assert!(check_html(&leak).is_err());
    let ok = [
        Piece {
            src: "Cro",
            kind: Kind::Text("Cro"),
        },
        Piece {
            src: "<!-- SECRET -->",
            kind: Kind::Hidden,
        },
        Piece {
            src: "cus",
            kind: Kind::Text("cus"),
        },
    ];
    assert!(check_html(&ok).is_ok());
    // An oracle that disagrees (a block where the page has none) is caught.
    let wrong = [
        Piece {
            src: "a",
            kind: Kind::Text("a"),
        },
        Piece {
            src: "<b>",
            kind: Kind::Block,
        },
        Piece {
            src: "b",
            kind: Kind::Text("b"),
        },
    ];
    assert!(check_html(&wrong).is_err());
}

// ---------------------------------------------------------------------------------------
// DOCX tables

fn input_for(dir: &Path, name: &str, bytes: &[u8]) -> Input {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    Input {
        path,
        display: name.to_string(),
    }
}

#[test]
fn docx_reads_body_footnotes_and_properties() {
    let body = format!(
        "{}<w:p/>{}<w:p><w:r><w:t>Kra</w:t></w:r><w:r><w:t>snogorsk, </w:t></w:r>\
         <w:del><w:r><w:delText>115</w:delText></w:r></w:del><w:ins><w:r><w:t>137</w:t></w:r></w:ins>\
         <w:r><w:t xml:space=\"preserve\"> dead</w:t></w:r></w:p>",
        para("Toll revised"),
        para("The Crocus Hall attack killed 137 people, officials said."),
    );
    let bytes = make_docx(
        &body,
        Some(
            "<w:footnote w:id=\"1\"><w:p><w:r><w:t>Figure from the regional governor.</w:t></w:r></w:p></w:footnote>",
        ),
        Some(
            "<dc:title>Toll &amp; victims</dc:title><dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-25T08:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">2024-04-02T10:00:00Z</dcterms:modified>",
        ),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let text = read_input(&input_for(dir.path(), "report.docx", &bytes), 1 << 20)
        .expect("a valid docx reads");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        &lines[..5],
        [
            "Toll revised",
            "",
            "The Crocus Hall attack killed 137 people, officials said.",
            "Krasnogorsk, 137 dead",
            "Figure from the regional governor.",
        ]
    );
    let doc = load(FileId(0), "report.docx", &text);
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(doc.meta.title.as_deref(), Some("Toll & victims"));
    // `created`, not `modified`: a later re-save must not make an old story look new.
    assert_eq!(
        doc.meta.date,
        Some(PartialDate::new(Some(2024), Some(3), Some(25)))
    );
    assert!(!doc.text.contains("115") && !doc.text.contains("2024-04-02"));
    assert!(
        !doc.text.contains("Toll &"),
        "properties are not prose: {:?}",
        doc.text
    );
    assert_eq!(doc.blocks.len(), 4);

    // A dateline in the text beats the properties the software stamped.
    let bytes = make_docx(
        &format!(
            "{}{}",
            para("KRASNOGORSK, March 24, 2024 (Desk) - Crews worked on."),
            para("More.")
        ),
        None,
        Some("<dcterms:created>2023-01-01T00:00:00Z</dcterms:created>"),
    );
    let text = docx::virtual_source(&bytes, 1 << 20).expect("valid");
    let doc = load(FileId(0), "a.docx", &text);
    assert_eq!(
        doc.meta.date,
        Some(PartialDate::new(Some(2024), Some(3), Some(24)))
    );
}

#[test]
fn corrupt_docx_files_are_one_warning_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = make_docx(&para("The toll is 137."), None, None);
    let mut no_document = zip::ZipWriter::new(Cursor::new(Vec::new()));
    no_document
        .start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
        .expect("zip");
    no_document.write_all(b"<w:styles/>").expect("zip");
    let no_document = no_document.finish().expect("zip").into_inner();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 500));
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".bytes().flat_map(|b| [b, 0]));
    let bad_xml = make_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>", None, None);
    let random: Vec<u8> = (0..3000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: &[(&str, &[u8], &str)] = &[
        ("random.docx", &random, "not a readable .docx"),
        (
            "truncated.docx",
            &good[..good.len() / 2],
            "not a readable .docx",
        ),
        ("empty.docx", b"", "not a readable .docx"),
        (
            "styles-only.docx",
            &no_document,
            "without word/document.xml",
        ),
        ("legacy.docx", &ole, "Word 97-2003"),
        ("locked.docx", &encrypted, "password-protected"),
        ("bad-xml.docx", &bad_xml, "malformed word/document.xml"),
    ];
    for (name, bytes, says) in cases {
        let err = read_input(&input_for(dir.path(), name, bytes), 1 << 20).expect_err(name);
        assert_eq!(err.code, Code::UnsupportedDocument, "{name}");
        assert!(err.message.contains(says), "{name}: {}", err.message);
        assert_eq!(err.path.as_deref(), Some(*name));
    }
    // A part that inflates past the limit is refused, not loaded.
    let big = make_docx(&para(&"x".repeat(200_000)), None, None);
    let err = read_input(&input_for(dir.path(), "bomb.docx", &big), 10_000).expect_err("bomb");
    assert!(err.message.contains("inflates"), "{}", err.message);

    // Through the whole pipeline: one warning per file, the good file still checked.
    std::fs::write(dir.path().join("good.docx"), &good).expect("write");
    let outcome = run_check(dir.path(), &[dir.path().to_path_buf()]);
    let unsupported = outcome
        .findings
        .iter()
        .filter(|f| f.code == Code::UnsupportedDocument)
        .count();
    assert_eq!(unsupported, cases.len(), "{:#?}", outcome.findings);
    // good.docx, and bomb.docx, which fits the default limit.
    assert_eq!(outcome.documents, 2);
}

#[test]
fn docx_mentions_render_against_the_virtual_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = format!(
        "{}<w:p/>{}",
        para("Night of the attack"),
        para("Firefighters reached the Crocus Hall roof after midnight."),
    );
    std::fs::write(dir.path().join("report.docx"), make_docx(&body, None, None)).expect("write");
    let outcome = run_check(dir.path(), &[dir.path().join("report.docx")]);
    let finding = outcome
        .findings
        .iter()
        .find(|f| f.rule.as_deref() == Some("crocus-venue-name"))
        .expect("the variant is found in the docx");
    let label = finding.primary().expect("primary label");
    let file = outcome.files.get(label.span.file).expect("file");
    assert_eq!(
        &file.source()[label.span.start..label.span.end],
        "Crocus Hall"
    );
    let (line, _) = file.line_column(label.span.start);
    assert_eq!(line, 3);
    assert_eq!(locator(&file.path, line).as_deref(), Some("\u{b6}3"));
    assert_eq!(locator("story.md", line), None);

    // JSON carries the paragraph locator with the label.
    let summary = factlint::report::Summary::new(1, 1, 1, &outcome.findings);
    let mut json = Vec::new();
    factlint::report::json::render(&outcome.files, &outcome.findings, &summary, &mut json)
        .expect("render");
    let json: serde_json::Value = serde_json::from_slice(&json).expect("json");
    let labels = &json["findings"][0]["labels"];
    assert_eq!(labels[0]["locator"], "\u{b6}3", "{json}");
    assert_eq!(labels[0]["text"], "Crocus Hall");

    // A fix is never written into a Word document (its text came out of a zip), and the
    // finding says so instead of offering one.
    assert!(finding.fix.is_none());
    assert!(
        finding
            .notes
            .iter()
            .any(|n| n == "not fixed: only Markdown, HTML and plain-text documents are fixed"),
        "{:?}",
        finding.notes
    );
    assert!(factlint::fix::plan(&outcome.files, &outcome.findings).is_empty());
}

// ---------------------------------------------------------------------------------------
// Fixtures

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/newsroom")
}

fn load_fixture(name: &str) -> (String, Document) {
    let src = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
    let doc = load(FileId(0), name, &src);
    (src, doc)
}

fn run_check(base: &Path, paths: &[PathBuf]) -> factlint::Outcome {
    let settings = Settings {
        config: Config::default_for(base),
        paths: Some(paths.to_vec()),
        rules: Some(vec![fixtures().join("rules.toml")]),
        stdin: None,
        display_base: base.to_path_buf(),
        gates: Default::default(),
        allow_outside: false,
        rejections: false,
    };
    check(&settings, Files::new())
}

#[test]
fn html_export_reads_the_visible_figure_only() {
    let (src, doc) = load_fixture("toll-2-live-page.html");
    assert!(doc.text.contains("had killed 133 people"), "{}", doc.text);
    for hidden in ["150", "160", "170", "180", "desk note", "Enable JavaScript"] {
        assert!(
            !doc.text.contains(hidden),
            "{hidden} leaked into {:?}",
            doc.text
        );
    }
    // The navigation bar is visible text: site furniture is the duplicate detector's job.
    assert!(doc.text.contains("Home | World"), "{:?}", doc.text);
    let at = doc.text.find("133").expect("133");
    assert_eq!(&src[doc.map.to_source(TextRange::new(at, at + 3))], "133");
    let at = doc.text.find("Saturday morning").expect("nbsp folded");
    assert_eq!(
        &src[doc
            .map
            .to_source(TextRange::new(at, at + "Saturday morning".len()))],
        "Saturday&nbsp;morning"
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Concert hall attack: toll rises overnight")
    );

    // Through the pipeline: the one visible "Crocus Hall", not the script's or the comment's.
    let outcome = run_check(&fixtures(), &[fixtures().join("toll-2-live-page.html")]);
    let spans: Vec<&str> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.as_deref() == Some("crocus-venue-name"))
        .filter_map(|f| f.primary())
        .map(|l| &src[l.span.start..l.span.end])
        .collect();
    assert_eq!(spans, ["Crocus Hall"]);
    let finding = outcome
        .findings
        .iter()
        .find(|f| f.rule.as_deref() == Some("crocus-venue-name"))
        .expect("finding");
    let start = finding.primary().expect("label").span.start;
    assert!(
        src[..start].contains("<p>Rescue teams"),
        "span points into the visible paragraph"
    );
}

#[test]
fn rising_toll_documents_carry_their_dates() {
    let ymd = |d| Some(PartialDate::new(Some(2024), Some(3), Some(d)));
    let cases = [
        ("toll-1-first-night.md", ymd(23), "115"),
        ("toll-2-live-page.html", ymd(24), "133"),
        ("toll-3-wire.txt", ymd(25), "137"),
        ("toll-4-explainer.md", ymd(26), "139"),
        ("toll-5-update.txt", ymd(28), "144"),
    ];
    for (name, date, figure) in cases {
        let (_, doc) = load_fixture(name);
        assert_eq!(doc.meta.date, date, "{name}");
        assert!(doc.text.contains(figure), "{name}");
    }
    let (_, doc) = load_fixture("toll-3-wire.txt");
    let dateline = doc.meta.dateline.expect("dateline");
    assert_eq!(
        &doc.text[dateline.range()],
        "MOSCOW, March 25, 2024 (Wire) -"
    );
    let (_, doc) = load_fixture("city-budget-brief.txt");
    assert_eq!(
        doc.meta.date,
        Some(PartialDate::new(Some(2024), Some(2), Some(15)))
    );
    // A headline with a figure is not a dateline, and front matter wins over everything.
    let doc = load(
        FileId(0),
        "h.txt",
        "144 dead after concert hall attack\n\nBody.",
    );
    assert_eq!(doc.meta.date, None);
    let doc = load(
        FileId(0),
        "f.md",
        "---\ndate: 2024-03-30\n---\nMOSCOW, March 23, 2024 (Wire) - Body.",
    );
    assert_eq!(
        doc.meta.date,
        Some(PartialDate::new(Some(2024), Some(3), Some(30)))
    );
    assert!(doc.meta.dateline.is_some());
}

#[test]
fn syndicated_copy_groups_with_its_original() {
    let names = [
        "wire-court-original.md",
        "court-analysis.md",
        "wire-court-syndicated.html",
        "toll-3-wire.txt",
    ];
    let prints: Vec<_> = names
        .iter()
        .map(|n| fingerprint(&load_fixture(n).1.text))
        .collect();
    assert_eq!(groups(&prints, DEFAULT_THRESHOLD), [0, 1, 0, 3]);
    // The copy carries boilerplate: its own sentences are not mostly the original's.
    assert!(prints[2].len() > prints[0].len());
}

#[test]
fn budget_story_figures_are_prose() {
    let (_, doc) = load_fixture("city-budget.md");
    for figure in ["$4.2 million", "\u{20AC}3bn", "12 per cent"] {
        assert!(doc.text.contains(figure), "{figure}");
    }
}

// ---------------------------------------------------------------------------------------
// Scale

fn page(paragraphs: usize) -> String {
    let mut html = String::from("<!DOCTYPE html><html><head><title>Big</title></head><body>\n");
    for i in 0..paragraphs {
        html.push_str(&format!(
            "<div class=\"para\" data-i=\"{i}\"><p>Paragraph {i}: the Crocus toll was <b>{}</b> \
             &mdash; officials&#8217; figure, &ldquo;final&rdquo;.<!-- n{i} --></p>\
             <script>var x{i} = \"<p>{i}</p>\";</script>\n",
            i % 150
        ));
    }
    html.push_str("</body></html>");
    html
}

#[test]
fn a_five_megabyte_page_loads_in_linear_time() {
    let small = page(5_200);
    let big = page(26_000);
    assert!(big.len() > 5_000_000, "{}", big.len());
    let time = |src: &str| {
        let start = Instant::now();
        let doc = load(FileId(0), "big.html", src);
        (start.elapsed(), doc)
    };
    let (t_small, _) = time(&small);
    let (t_big, doc) = time(&big);
    // The page title is a headline block before the body's.
    assert_eq!(doc.headlines, 1);
    assert_eq!(doc.blocks.len(), 26_001);
    assert!(!doc.text.contains("var x"));
    // Five times the input: a quadratic loader would take 25 times as long.
    assert!(
        t_big.as_secs_f64() <= 12.0 * t_small.as_secs_f64() + 1.0,
        "{t_small:?} for 1 MB, {t_big:?} for 5 MB"
    );

    // Pathological inputs: unclosed constructs at every position stay linear too.
    for unit in ["<a x='", "<!--", "&#", "<p", "&amp", "< ", "</x"] {
        let src = unit.repeat(1_000_000 / unit.len());
        let start = Instant::now();
        let _ = load(FileId(0), "p.html", &src);
        assert!(start.elapsed().as_secs() < 10, "{unit:?}");
    }
}
