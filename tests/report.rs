//! Output an editor can read on a real archive: windowed snippets on long lines, grouping of
//! repeated findings, caps on evidence, order and summary, the concise and JUnit formats, and
//! paths typed wrong. Every document here is our own text, written to show the structures of
//! scraped and wire copy (a whole paragraph on one line, a name repeated through a piece).

#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly

mod common;

use common::{factlint, write};

const RULES: &str = r#"
[[entity]]
id = "harbor-name"
canonical = "Harbor Authority"
variants = ["Harbour Authority", "Port Authority of Dunmore"]

[[quantity]]
id = "ferry-toll"
subject = ["ferry"]
cue = ["killed", "dead", "died"]
"#;

/// One paragraph of our own prose, `n` sentences long, on one line; `insert` goes in the
/// middle. `place` names where each sentence happens, so that two documents do not share
/// sentences (documents that do are near-duplicates, counted once).
fn long_paragraph(place: &str, n: usize, insert: &str) -> String {
    let filler = [
        "Divers worked through the night along the {} pier while relatives waited by the gate.",
        "The {} council met in an emergency session and asked for a full account of the inspections.",
        "Crews from {} brought pumps, lights and a crane that arrived shortly after dawn.",
        "Engineers in {} said the hull had been patched twice, once after a storm.",
    ];
    let mut sentences: Vec<String> = (0..n)
        .map(|i| filler[i % filler.len()].replace("{}", &format!("{place} {}", i + 1)))
        .collect();
    sentences.insert(n / 2, insert.to_string());
    sentences.join(" ")
}

/// Two long-line articles: one writes the name in a variant form (three times) and a toll
/// that disagrees; the other writes the accepted forms.
fn long_line_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.toml", RULES);
    let a = format!(
        "# Ferry\n\n{}\n\n{}\n\n{}\n",
        long_paragraph(
            "Alder",
            14,
            "The Harbour Authority said the ferry capsized near the breakwater and 12 people died."
        ),
        long_paragraph(
            "Birch",
            10,
            "A spokesman for the Harbour Authority declined to comment on the inspections."
        ),
        long_paragraph(
            "Cedar",
            10,
            "The Harbour Authority will publish its report in the spring."
        ),
    );
    let b = format!(
        "# Ferry\n\n{}\n\n{}\n",
        long_paragraph(
            "Dunmore",
            12,
            "The Harbor Authority confirmed that the ferry sank and 14 people were killed."
        ),
        long_paragraph(
            "Elm",
            8,
            "Officials of the Harbor Authority met the families."
        ),
    );
    let c = format!(
        "{}\n",
        long_paragraph(
            "Fenwick",
            9,
            "Relatives said 14 people died when the ferry sank."
        )
    );
    write(dir.path(), "docs/a.md", &a);
    write(dir.path(), "docs/b.md", &b);
    write(dir.path(), "docs/c.md", &c);
    dir
}

fn check(dir: &std::path::Path, args: &[&str], columns: Option<&str>) -> String {
    let mut cmd = factlint();
    cmd.current_dir(dir)
        .args(["check", "--rules", "rules.toml"])
        .args(args);
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn long_lines_show_a_window_around_each_label() {
    let dir = long_line_corpus();
    let text = check(dir.path(), &["docs", "--sort", "path"], None);
    // At the width of a report that goes to no terminal (120 columns) nothing is wider.
    assert!(widest(&text) <= 120, "{}", widest(&text));
    assert!(text.contains("… "), "{text}");
    insta::assert_snapshot!("long_lines_windowed", text);
    let wide = check(dir.path(), &["docs", "--sort", "path"], Some("160"));
    assert!(widest(&wide) <= 160, "{}", widest(&wide));
    // The real line and column are shown, as an editor needs them.
    assert!(wide.contains("docs/a.md:3:"), "{wide}");
}
