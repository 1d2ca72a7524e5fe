//! Fingerprints: a stable identity for a finding, shared by baselines and SARIF.
//!
//! A fingerprint must survive edits elsewhere in a file (a paragraph added above the mention
//! moves every line number) and change when the finding itself changes. So it hashes what the
//! finding is about, never where it sits:
//!
//! ```text
//! v1 ␟ rule ␟ code ␟ normalized value ␟ normalized mention text ␟ path
//! ```
//!
//! (fields joined by U+001F, which no field can contain after normalization). The value is the
//! finding's [`key`](crate::finding::Finding::key) when comparison set one, else the mention
//! text lowercased; text is NFC with whitespace runs collapsed, so re-wrapping a paragraph
//! keeps the fingerprint. The hash is 64-bit FNV-1a, written out here because its output is
//! part of the baseline file format and must never change with a library or Rust version
//! (`DefaultHasher` promises no such thing). A new recipe gets a new version prefix.
//!
//! Two findings can share a fingerprint (the same variant twice in one file); consumers that
//! need unique ids number them in order ([`numbered`]).

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::files::Files;
use crate::finding::Finding;

/// The recipe version; part of every fingerprint's input and of the SARIF key.
pub const VERSION: &str = "v1";

/// 64-bit FNV-1a.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

/// NFC with every whitespace run (line breaks included) as one space, trimmed; control
/// characters are dropped so that the field separator cannot occur.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfc() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The file a finding is about: its primary label's file, else its `path`.
pub fn finding_path<'a>(finding: &'a Finding, files: &'a Files) -> &'a str {
    match finding.primary() {
        Some(label) => files.path(label.span.file),
        None => finding.path.as_deref().unwrap_or(""),
    }
}

/// The primary label's text as written (empty without a primary label).
pub fn finding_text<'a>(finding: &'a Finding, files: &'a Files) -> &'a str {
    finding.primary().map_or("", |label| {
        files
            .source(label.span.file)
            .get(label.span.range())
            .unwrap_or("")
    })
}

/// The fingerprint of one finding: 16 lowercase hex digits.
pub fn fingerprint(finding: &Finding, files: &Files) -> String {
    let text = normalize_text(finding_text(finding, files));
    let value = match &finding.key {
        Some(key) => normalize_text(key),
        None => text.to_lowercase(),
    };
    let input = [
        VERSION,
        finding.rule.as_deref().unwrap_or(""),
        finding.code.name(),
        &value,
        &text,
        finding_path(finding, files),
    ]
    .join("\u{1f}");
    format!("{:016x}", fnv1a64(input.as_bytes()))
}

/// Each finding's fingerprint with its occurrence number among findings that share it (1, 2,
/// … in the given order), as `hash:n` — the shape GitHub uses for its own line hashes.
pub fn numbered(findings: &[Finding], files: &Files) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let hash = fingerprint(f, files);
            let n = seen.entry(hash.clone()).or_insert(0);
            *n += 1;
            format!("{hash}:{n}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Label};
    use crate::span::Span;

    fn finding_at(
        files: &mut Files,
        path: &str,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Finding {
        let id = files.add(path, text);
        Finding::new(Code::EntityVariant, "m")
            .with_rule("iskp-name")
            .with_label(Label::primary(Span::new(id, range), "variant"))
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprint_ignores_position_but_not_text_rule_or_path() {
        let mut files = Files::new();
        let a = finding_at(&mut files, "a.md", "ISIS-K did it.\n", 0..6);
        let moved = finding_at(&mut files, "a.md", "New lede.\n\nISIS-K did it.\n", 11..17);
        let other_file = finding_at(&mut files, "b.md", "ISIS-K did it.\n", 0..6);
        let other_text = finding_at(&mut files, "a.md", "IS-KP did it.\n", 0..5);
        let fa = fingerprint(&a, &files);
        assert_eq!(fa.len(), 16);
        assert_eq!(fa, fingerprint(&moved, &files));
        assert_ne!(fa, fingerprint(&other_file, &files));
        assert_ne!(fa, fingerprint(&other_text, &files));
        assert_ne!(fa, fingerprint(&a.clone().with_rule("other"), &files));
        assert_ne!(fa, fingerprint(&a.clone().with_key("is-k"), &files));
    }

    #[test]
    fn fingerprint_is_pinned() {
        // The baseline file format depends on these exact bytes: changing the recipe needs a
        // new VERSION, not a silent change.
        let mut files = Files::new();
        let a = finding_at(&mut files, "a.md", "ISIS-K did it.\n", 0..6);
        let input = "v1\u{1f}iskp-name\u{1f}entity-variant\u{1f}isis-k\u{1f}ISIS-K\u{1f}a.md";
        assert_eq!(
            fingerprint(&a, &files),
            format!("{:016x}", fnv1a64(input.as_bytes()))
        );
    }

    #[test]
    fn rewrapping_keeps_the_fingerprint() {
        let mut files = Files::new();
        let one = finding_at(&mut files, "a.md", "Islamic State Khorasan\n", 0..22);
        let two = finding_at(&mut files, "a.md", "Islamic\n  State Khorasan\n", 0..24);
        assert_eq!(fingerprint(&one, &files), fingerprint(&two, &files));
        assert_eq!(normalize_text(" a\u{1f}b \n c "), "ab c");
    }

    #[test]
    fn numbered_counts_repeats_in_order() {
        let mut files = Files::new();
        let a = finding_at(&mut files, "a.md", "ISIS-K and ISIS-K\n", 0..6);
        let mut b = a.clone();
        if let Some(l) = b.labels.first_mut() {
            l.span = Span::new(l.span.file, 11..17);
        }
        let n = numbered(&[a, b], &files);
        assert!(n[0].ends_with(":1") && n[1].ends_with(":2"), "{n:?}");
        assert_eq!(n[0].split(':').next(), n[1].split(':').next());
    }
}
