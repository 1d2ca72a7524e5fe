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

#[test]
fn errors_come_first_unless_path_order_is_asked_for() {
    let dir = long_line_corpus();
    let by_severity = check(dir.path(), &["docs"], None);
    let error = by_severity.find("error[ferry-toll]").unwrap();
    let warning = by_severity.find("warning[harbor-name]").unwrap();
    assert!(error < warning, "{by_severity}");
    let by_path = check(dir.path(), &["docs", "--sort", "path"], None);
    let error = by_path.find("error[ferry-toll]").unwrap();
    let warning = by_path.find("warning[harbor-name]").unwrap();
    assert!(warning < error, "{by_path}");
}

/// A document that writes one variant many times, and copies of one article.
fn repeats_corpus(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.toml", RULES);
    let mut piece = String::from("# The port\n\n");
    for i in 1..=9 {
        piece.push_str(&format!(
            "Paragraph {i}: the Harbour Authority answered question {i} from the council.\n\n"
        ));
    }
    write(dir.path(), "docs/repeats.md", &piece);
    write(
        dir.path(),
        "docs/style.md",
        "The Harbor Authority keeps its name.\n",
    );
    let article = "The ferry sank off the north pier on Sunday and 12 people died, \
                   the Harbor Authority said. Divers searched the wreck until dawn. \
                   The council asked for the inspection records of the past year.\n";
    for k in 0..copies {
        write(dir.path(), &format!("docs/copies/copy-{k:04}.md"), article);
    }
    let other = "Officials said 14 people were killed when the ferry sank near the pier. \
                 Relatives gathered at the gate through the night.\n";
    write(dir.path(), "docs/other-1.md", other);
    write(
        dir.path(),
        "docs/other-2.md",
        "Relatives said 14 people died when the ferry went down. A vigil was held at the chapel on Monday evening.\n",
    );
    dir
}

#[test]
fn repeats_are_one_diagnostic_and_copies_are_folded() {
    let dir = repeats_corpus(6);
    let text = check(dir.path(), &["docs"], None);
    insta::assert_snapshot!("repeats_grouped", text);
    // Machines keep every place: nine variant findings and one per copy.
    let json = check(dir.path(), &["docs", "--format", "json"], None);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = value["findings"].as_array().unwrap();
    let variants = findings
        .iter()
        .filter(|f| f["rule"] == "harbor-name")
        .count();
    assert_eq!(variants, 9);
    let tolls = findings
        .iter()
        .filter(|f| f["rule"] == "ferry-toll")
        .count();
    assert_eq!(tolls, 6);
}

#[test]
fn a_flood_of_copies_stays_small() {
    let dir = repeats_corpus(300);
    let human = check(dir.path(), &["docs"], None);
    let json = check(dir.path(), &["docs", "--format", "json"], None);
    // Notes name three copies and count the rest; the human report shows the finding once.
    assert!(human.contains("and 296 more"), "{human}");
    assert_eq!(human.matches("error[ferry-toll]").count(), 1, "{human}");
    assert!(human.len() < 8_000, "{} bytes", human.len());
    assert!(widest(&human) <= 200, "{}", widest(&human));
    // JSON keeps each copy's finding, and each stays its own size.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = value["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 9 + 300);
    assert!(json.len() < 300 * 2_500, "{} bytes", json.len());
}

#[test]
fn statistics_print_the_table_alone() {
    let dir = repeats_corpus(2);
    let text = check(dir.path(), &["docs", "--statistics"], None);
    insta::assert_snapshot!("statistics", text);
    let json = check(
        dir.path(),
        &["docs", "--statistics", "--format", "json"],
        None,
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["rule"], "ferry-toll");
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[1]["rule"], "harbor-name");
    assert_eq!(rows[1]["count"], 9);
    // The exit status is the run's, whatever is printed.
    factlint()
        .current_dir(dir.path())
        .args(["check", "--rules", "rules.toml", "docs", "--statistics"])
        .assert()
        .code(1);
    factlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--rules",
            "rules.toml",
            "docs",
            "--statistics",
            "--format",
            "sarif",
        ])
        .assert()
        .code(2);
}

#[test]
fn concise_is_one_line_per_finding() {
    let dir = repeats_corpus(2);
    let text = check(
        dir.path(),
        &["docs", "--format", "concise", "--quiet"],
        None,
    );
    insta::assert_snapshot!("concise", text);
    assert_eq!(text.lines().count(), 11);
    for line in text.lines() {
        let mut parts = line.splitn(4, ':');
        let (path, line_no, col) = (parts.next(), parts.next(), parts.next());
        assert!(path.is_some_and(|p| p.starts_with("docs/")), "{line}");
        assert!(
            line_no.is_some_and(|n| n.parse::<usize>().is_ok()),
            "{line}"
        );
        assert!(col.is_some_and(|n| n.parse::<usize>().is_ok()), "{line}");
    }
}

#[test]
fn junit_reports_a_suite_per_document() {
    let dir = repeats_corpus(2);
    let text = check(dir.path(), &["docs", "--format", "junit"], None);
    insta::assert_snapshot!("junit", text);
    assert!(text.starts_with("<?xml"));
    assert_eq!(text.matches("<testcase ").count(), 11);
    assert_eq!(text.matches("<failure ").count(), 11);
    // A clean run is one passing test case.
    let clean = check(dir.path(), &["docs/style.md", "--format", "junit"], None);
    assert!(clean.contains(r#"tests="1" failures="0""#), "{clean}");
    assert!(!clean.contains("<failure"), "{clean}");
}

#[test]
fn a_named_path_that_does_not_exist_is_a_usage_error() {
    let dir = repeats_corpus(1);
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "--rules", "rules.toml", "doc/style.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`doc/style.md` does not exist (did you mean `docs/style.md`?)"),
        "{err}"
    );
    // No near name, no guess; and every subcommand that reads documents says the same.
    let out = factlint()
        .current_dir(dir.path())
        .args(["extract", "--rules", "rules.toml", "nothing-like-it.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`nothing-like-it.md` does not exist"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn evidence_names_three_documents_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules.toml",
        "[[entity]]\nid = \"bortnikov\"\ncanonical = \"Alexander Bortnikov\"\n\
         variants = [\"Aleksandr Bortnikov\"]\nmode = \"corpus\"\n",
    );
    for (k, town) in ["Alder", "Birch", "Cedar", "Dunmore", "Elm", "Fenwick"]
        .iter()
        .enumerate()
    {
        write(
            dir.path(),
            &format!("docs/{k}.md"),
            &format!("In {town}, Alexander Bortnikov spoke to reporters on day {k}.\n"),
        );
    }
    write(
        dir.path(),
        "docs/z.md",
        "Aleksandr Bortnikov did not take questions.\n",
    );
    let text = check(dir.path(), &["docs", "--format", "concise"], None);
    assert!(text.contains("docs/z.md:1:1: warning[bortnikov]"), "{text}");
    let json = check(dir.path(), &["docs", "--format", "json"], None);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let labels = value["findings"][0]["labels"].as_array().unwrap();
    let messages: Vec<&str> = labels
        .iter()
        .filter_map(|l| l["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "most documents write `Alexander Bortnikov`",
            "`Alexander Bortnikov` is used in 6 documents",
            "`Alexander Bortnikov` here",
            "`Alexander Bortnikov` here, and 3 more documents",
        ]
    );
}
