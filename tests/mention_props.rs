//! Property: whatever the document, every mention's span lies on char boundaries of the
//! original source and slices to exactly what was read (after the matching normalization),
//! and every frame contains its value. Documents are generated from fragments that stress the
//! offset map: curly quotes, dashes, no-break spaces, decomposed letters, Markdown syntax,
//! entities and escapes, next to the demo rules' terms and numbers.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use factlint::extract::{ExtractOptions, Extractor};
use factlint::files::Files;
use factlint::rules::load_rules;
use factlint::source::{self, offsets::normalize_str};
use factlint::span::FileId;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "Crocus",
    "Kerman",
    "killed",
    "killing",
    "144",
    "at least 139",
    "some 140",
    "over 140",
    "ninety-six",
    "IS-K",
    "ISIS-K",
    "IS\\-KP",
    "Islamic State\nKhorasan Province",
    "Türkiye",
    "Tu\u{308}rkiye",
    "Turkey",
    "\u{201C}",
    "\u{201D}",
    "\u{2019}",
    "\u{2013}",
    "\u{00A0}",
    "people",
    "victims",
    "lives",
    "the",
    "attack",
    "on",
    "22 March 2024",
    "March 7",
    "US embassy",
    "warned",
    "Russian embassy in Kabul",
    "bombing",
    "August 2022",
    ".",
    ",",
    ";",
    " ",
    " ",
    "\n",
    "\n\n",
    "# ",
    "*",
    "**",
    "`code 96`",
    "[link](http://x/144)",
    "<!-- 94 -->",
    "&amp;",
    "&#8217;",
    "\r\n",
    "- ",
    "1. ",
    "> ",
    "Thursday, ",
    "Alexander Bortnikov",
    "Aleksandr",
    // Clause and predicate binding: coordinators, relative words, marks, news verbs, non-prose,
    // ages, quantifier shapes.
    "and",
    "which",
    "were",
    "wounded",
    "shot",
    "(",
    ")",
    "\u{2014}",
    " - ",
    "example.com/2024/3-killed",
    "@desk9",
    "Image 6 of 12",
    "17-month-old",
    "Kim, 45,",
    "across the city",
    "three of his",
    "others",
    "scene.Two",
    // Events and counts without a number.
    "a man",
    "an 8th",
    "he",
    "both",
    "Jo Reyes was",
    "In 2019",
    "in January",
    "another shooting",
    "two adults and four children",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (i, p) in parts.iter().enumerate() {
            s.push_str(p);
            if i % 3 == 0 {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mention_spans_slice_what_was_read(
        body in document(),
        markdown in any::<bool>(),
        headline in proptest::option::of(document()),
    ) {
        // Headlines in front matter are prose too: a quoted title and a plain summary, with
        // whatever the fragments put in them (escapes, quotes, line breaks) on one line.
        let text = match headline {
            Some(h) => {
                let line = h.replace(['\n', '\r'], " ");
                let quoted = line.replace('\\', "\\\\").replace('"', "\\\"");
                format!("---\ntitle: \"{quoted}\"\nsummary: {line}\ndate: 2024-03-29\n---\n{body}")
            }
            None => body,
        };
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files = Files::new();
        let (rules, problems) =
            load_rules(&[root.join("rules/demo.toml")], Path::new(&root), &mut files);
        prop_assert!(problems.is_empty());
        let extractor = Extractor::new(&rules, ExtractOptions::default());
        let path = if markdown { "doc.md" } else { "doc.txt" };
        let doc = source::load(FileId(7), path, &text);
        let extraction = extractor.extract(&doc);
        for m in &extraction.mentions {
            prop_assert_eq!(m.span.file, FileId(7));
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.frame.start <= m.span.start && m.span.end <= m.frame.end);
            let slice = &text[m.span.range()];
            // Copied text maps byte for byte; replaced text (entities, escapes) maps as a whole,
            // so compare the normalized forms with line breaks as spaces.
            let read = normalize_str(slice);
            let plain = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            if !slice.contains(['&', '\\']) {
                prop_assert_eq!(plain(&read), plain(&m.text), "slice {:?}", slice);
            }
        }
        for r in &extraction.rejected {
            prop_assert!(text.is_char_boundary(r.span.start) && text.is_char_boundary(r.span.end));
        }
    }
}

/// Rules whose subject and cues are short words, so random text is full of regions.
const DENSE_RULES: &str = r#"
[[quantity]]
id = "dense-count"
subject = ["aa"]
cue = ["bb", "bb cc"]
scope = "paragraph"

[[quantity]]
id = "dense-other"
subject = ["aa"]
cue = ["cc"]

[[quantity]]
id = "dense-age"
subject = ["aa"]
unit = "age"

[[date]]
id = "dense-date"
subject = ["aa"]
cue = ["bb"]
"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Binding never panics on any text, and what it reports lies on char boundaries.
    #[test]
    fn binding_survives_any_text(
        text in "(aa|bb|cc|and|of|which|others|[0-9]{1,3}|[ ,.;:()\\[\\]—–@/_#'’é\\n-]){0,150}"
    ) {
        let rules = common::rule_set(DENSE_RULES);
        let extractor = Extractor::new(&rules, ExtractOptions::default());
        // Without the rejections (every command but `explain`), the same is read.
        let lean = Extractor::new(&rules, ExtractOptions { rejections: false, ..Default::default() });
        for name in ["doc.txt", "doc.md"] {
            let doc = source::load(FileId(3), name, &text);
            let extraction = extractor.extract(&doc);
            let without = lean.extract(&doc);
            prop_assert!(without.rejected.is_empty());
            prop_assert_eq!(&without.mentions, &extraction.mentions);
            prop_assert_eq!(&without.findings, &extraction.findings);
            for m in &extraction.mentions {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                prop_assert!(m.frame.start <= m.span.start && m.span.end <= m.frame.end);
            }
            for r in &extraction.rejected {
                prop_assert!(text.is_char_boundary(r.span.start) && text.is_char_boundary(r.span.end));
            }
        }
    }
}
