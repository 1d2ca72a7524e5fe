//! Hostile input (issue 23): special files, sparse files, standard input past the size limit,
//! memory bounds, control characters, paths outside the repository. Sizes keep the suite fast;
//! `scripts/hostile.py` runs the full sizes. Memory bounds are checked by running the binary
//! under `prlimit --as` (Linux): a run that would allocate past the cap fails.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{factlint, finding_codes as codes, write};

/// A watchdog, not a timing assertion: a run that blocks (a FIFO) fails instead of hanging CI.
const WATCHDOG: Duration = Duration::from_secs(120);

/// A corpus folder with its own config (`extra` goes at the config's top level) and the demo
/// rules.
fn corpus(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let rules = fs::read_to_string(common::repo().join("rules/demo.toml")).unwrap();
    write(dir.path(), "rules.toml", &rules);
    write(
        dir.path(),
        "factlint.toml",
        &format!("rules = [\"rules.toml\"]\n{extra}\n[documents]\npaths = [\"docs\"]\n"),
    );
    write(dir.path(), "docs/a.md", "Analysts blamed IS-K.\n");
    dir
}

/// `factlint check ARGS` in `dir`, under the watchdog.
fn check_in(dir: &Path, args: &[&str]) -> std::process::Output {
    factlint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .timeout(WATCHDOG)
        .output()
        .unwrap()
}

/// `factlint` under a cap of `bytes` of address space. One malloc arena: each thread's arena
/// reserves 64 MiB of address space it may never use, which would make the cap measure the
/// thread count rather than the heap (and pass or fail by which threads started first).
#[cfg(target_os = "linux")]
fn capped(bytes: u64, dir: &Path) -> assert_cmd::Command {
    let mut cmd = std::process::Command::new("prlimit");
    cmd.arg(format!("--as={bytes}"))
        .arg(assert_cmd::cargo::cargo_bin("factlint"))
        .current_dir(dir)
        .env("MALLOC_ARENA_MAX", "1")
        .env("NO_COLOR", "1");
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(WATCHDOG);
    cmd
}

#[cfg(unix)]
#[test]
fn a_named_fifo_is_refused_not_waited_on() {
    let dir = corpus("");
    let fifo = dir.path().join("docs/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = check_in(
        dir.path(),
        &["docs/pipe.md", "docs/a.md", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let codes = codes(&out.stdout);
    assert!(
        codes.contains(&("unreadable-file".into(), "docs/pipe.md".into())),
        "{codes:?}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not a regular file"), "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_sparse_gigabyte_is_recognized_from_its_first_bytes() {
    // With the limit raised, the whole file used to be read before its NULs were noticed.
    let dir = corpus("max_file_size = \"2GiB\"");
    // Markdown, HTML and plain text of a megabyte or more are read piece by piece.
    let sparse_files = ["docs/sparse.md", "docs/sparse.html", "docs/sparse.txt"];
    for name in sparse_files {
        let sparse = fs::File::create(dir.path().join(name)).unwrap();
        sparse.set_len(1 << 30).unwrap();
    }
    let out = capped(512 << 20, dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let codes = codes(&out.stdout);
    for name in sparse_files {
        assert!(
            codes.contains(&("binary-file".into(), name.into())),
            "{codes:?}"
        );
    }
}

#[test]
fn standard_input_obeys_the_size_limit() {
    let dir = corpus("max_file_size = 100");
    let big = "Analysts blamed ISIS-K. ".repeat(20);
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "-", "--format", "json"])
        .write_stdin(big.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        codes(&out.stdout),
        [("file-too-large".to_string(), "<stdin>".to_string())]
    );
    // As a filter, a document it cannot read must not come out empty: exit 2, nothing printed.
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("size limit"), "{err}");
    // Within the limit, standard input is read as before.
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin("Analysts blamed ISIS-K.\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Analysts blamed IS-K.\n"
    );
}

/// A `.docx` whose body is one paragraph holding `text` (written as it is given, in pieces).
fn docx_with_text(pieces: impl Iterator<Item = Vec<u8>>) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/\
          wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>",
    )
    .unwrap();
    for piece in pieces {
        zip.write_all(&piece).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

/// The messages of a JSON report's findings.
fn messages(output: &[u8]) -> Vec<String> {
    common::json(output)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn zip_bombs_are_refused_before_they_inflate() {
    // 24 MiB of one letter packs into some 24 KB: a part that inflates a thousand times.
    let bomb = docx_with_text((0..24).map(|_| vec![b'a'; 1 << 20]));
    let dir = corpus("max_file_size = \"100MB\"");
    for k in 0..4 {
        fs::write(dir.path().join(format!("docs/bomb{k}.docx")), &bomb).unwrap();
    }
    let out = capped(256 << 20, dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let messages = messages(&out.stdout);
    let refused = messages.iter().filter(|m| m.contains("zip bomb")).count();
    assert_eq!(refused, 4, "{messages:?}");
}

#[test]
fn a_docx_is_held_to_the_size_limit_by_its_text() {
    // 480 KB of varied text packs to less than the 200 KB limit, but is more text than it.
    let words = (0..60_000).map(|i| format!("w{i} ").into_bytes());
    let docx = docx_with_text(words);
    assert!(docx.len() < 200_000, "{}", docx.len());
    let dir = corpus("max_file_size = 200000");
    fs::write(dir.path().join("docs/long.docx"), &docx).unwrap();
    let out = check_in(dir.path(), &["--format", "json"]);
    let messages = messages(&out.stdout);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("long.docx") && m.contains("more than 200000 bytes")),
        "{messages:?}"
    );
}

#[cfg(unix)]
#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let dir = corpus("");
    let name = "docs/a\u{1b}[31mb.md";
    write(
        dir.path(),
        name,
        "Analysts \u{1b}[2J\u{1b}]0;title\u{7}blamed ISIS-K.\rX\u{8} \u{9b}2J\n",
    );
    for format in ["human", "concise", "github"] {
        for color in ["never", "always"] {
            let out = check_in(dir.path(), &["--format", format, "--color", color]);
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("ISIS-K"), "{format}: {text}");
            for raw in [
                "\u{1b}[2J",
                "\u{1b}]0;",
                "\u{7}",
                "\u{8}",
                "\r",
                "\u{9b}",
                "\u{1b}[31mb",
            ] {
                assert!(!text.contains(raw), "{format} {color}: {raw:?} in {text:?}");
            }
            // The human report shows the line itself, escaped; every format shows the name.
            if format == "human" {
                assert!(text.contains("\u{241b}[2J"), "{text}");
            }
            assert!(text.contains("a\u{241b}[31mb.md"), "{format}: {text}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_keeps_the_exit_status_of_the_findings() {
    // Enough findings that the report outgrows a pipe's buffer.
    let dir = corpus("");
    let rules = "[[quantity]]\nid = \"toll\"\nsubject = [\"Crocus\"]\ncue = [\"killed\"]\n\
                 value = 144\nseverity = \"error\"\n";
    write(dir.path(), "rules.toml", rules);
    let text: String = (0..3000)
        .map(|i| format!("The Crocus attack killed {}.\n\n", 200 + i % 50))
        .collect();
    write(dir.path(), "docs/a.md", &text);
    for format in ["human", "json"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("factlint"))
            .current_dir(dir.path())
            .args(["check", "--format", format])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(1), "{format}: findings at error level");
    }
}

#[cfg(unix)]
#[test]
fn a_config_that_is_no_file_is_named_for_what_it_is() {
    let out = factlint()
        .args(["check", "--config", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is not a regular file"), "{err}");
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = corpus("");
    write(dir.path(), "docs/a b#c?.md", "Analysts blamed ISIS-K.\n");
    let out = check_in(dir.path(), &["--format", "sarif"]);
    let sarif = common::json(&out.stdout);
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "docs/a%20b%23c%3F.md");
}

#[test]
fn a_lone_carriage_return_is_a_line_break() {
    let dir = corpus("");
    write(
        dir.path(),
        "docs/mac.txt",
        "First line.\rAnalysts blamed ISIS-K.\rThird.\r",
    );
    let out = check_in(dir.path(), &["--format", "json"]);
    let report = common::json(&out.stdout);
    let label = &report["findings"][0]["labels"][0];
    assert_eq!(label["path"], "docs/mac.txt");
    assert_eq!(
        (label["line"].as_u64(), label["column"].as_u64()),
        (Some(2), Some(17))
    );
}

#[test]
fn a_config_reads_nothing_outside_its_directory() {
    let outside = tempfile::tempdir().unwrap();
    let secret_doc = outside.path().join("secret.md");
    fs::write(&secret_doc, "Token hunter2 names ISIS-K.\n").unwrap();
    let secret_rules = outside.path().join("rules.toml");
    fs::write(&secret_rules, "hunter2 = [\n").unwrap();
    let dir = corpus("");
    write(dir.path(), ".env", "PASSWORD = hunter2 [\n");
    let config =
        |rules: &str, docs: &str| format!("rules = [{rules}]\n[documents]\npaths = [{docs}]\n");
    let run = |more: &[&str]| check_in(dir.path(), &[&["--format", "concise"], more].concat());
    // Rule files: outside the directory, or not a rule file at all, are never read.
    let outside_rules = format!("{:?}, \".env\"", secret_rules.display().to_string());
    write(
        dir.path(),
        "factlint.toml",
        &config(&outside_rules, "\"docs\""),
    );
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    assert!(text.contains("lies outside the repository"), "{text}");
    assert!(text.contains("`.env` is not a rule file"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    // Documents outside are named, not read; --allow-outside reads them.
    let docs = format!("\"docs\", {:?}", secret_doc.display().to_string());
    write(
        dir.path(),
        "factlint.toml",
        &config("\"rules.toml\"", &docs),
    );
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("lies outside the repository"), "{text}");
    assert!(
        !text.contains("hunter2") && !text.contains("secret.md:1"),
        "{text}"
    );
    let out = run(&["--allow-outside"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("secret.md:1"), "{text}");
}

#[test]
fn a_rule_file_is_read_to_a_bound() {
    let dir = corpus("");
    let huge = format!("# {}\n", "x".repeat((16 << 20) + 1));
    write(dir.path(), "rules.toml", &huge);
    let out = check_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    assert!(text.contains("larger than 16777216 bytes"), "{text}");
}

/// Every label of a JSON report's findings in the file at `path`, in report order.
fn labels_in<'a>(report: &'a serde_json::Value, path: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["labels"].as_array().unwrap())
        .filter(|l| l["path"] == path)
        .collect()
}

#[test]
fn a_large_document_is_let_go_and_read_again_for_its_report() {
    // Past a megabyte a document's text is not held while it is read: its mentions are quoted
    // from the file read again, and the report reads it once more for its snippets.
    let dir = corpus("max_file_size = 4000000");
    write(
        dir.path(),
        "docs/a.md",
        "The Crocus attack killed 144 people, officials said.\n",
    );
    let filler = "Nothing in this paragraph is a fact of any rule.\n\n".repeat(25_000);
    let big = format!("{filler}The Crocus attack killed **139** people, officials said.\n");
    assert!(big.len() > 1 << 20);
    write(dir.path(), "docs/b.md", &big);
    let out = check_in(dir.path(), &["--format", "json"]);
    let report = common::json(&out.stdout);
    let labels = labels_in(&report, "docs/b.md");
    let label = labels.first().expect("a label in the large document");
    assert_eq!(label["line"].as_u64(), Some(50_001));
    assert_eq!(label["text"], "139");
    // The quote is the source's, markup and all: read from the file, not the matching text.
    let message = label["message"].as_str().unwrap();
    assert!(message.contains("`killed **139`"), "{message}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_large_plain_text_is_read_piece_by_piece_like_a_small_one() {
    read_piece_by_piece_like_a_small_one("txt");
}

#[test]
fn a_large_markdown_text_is_read_piece_by_piece_like_a_small_one() {
    read_piece_by_piece_like_a_small_one("md");
}

#[test]
fn a_large_html_page_is_read_piece_by_piece_like_a_small_one() {
    read_piece_by_piece_like_a_small_one("html");
}

/// Plain text, Markdown and HTML of a megabyte or more are read a piece at a time (never held
/// whole): the readings, lines and suppressions of `docs/big.<ext>` are those of the same text
/// read whole.
fn read_piece_by_piece_like_a_small_one(ext: &str) {
    let dir = corpus("max_file_size = 8000000");
    // A page's paragraphs are elements (its blank lines end no block).
    let (open, close) = if ext == "html" {
        ("<p>", "</p>")
    } else {
        ("", "")
    };
    let filler =
        format!("{open}Nothing in this paragraph is a fact of any rule.{close}\n\n").repeat(30_000);
    let story = format!(
        "{open}The Crocus attack killed 139 people, officials said.{close}\n\n\
         {open}Analysts blamed ISIS-K.{close}\n\n"
    );
    let allow = "<!-- factlint: allow-file iskp-name -- quoted as written -->\n";
    write(
        dir.path(),
        "docs/a.md",
        "The Crocus attack killed 144 people.\n",
    );
    write(
        dir.path(),
        &format!("docs/big.{ext}"),
        &format!("{filler}{story}{filler}{allow}"),
    );
    write(
        dir.path(),
        &format!("docs/small.{ext}"),
        &format!("{story}{allow}"),
    );
    let out = check_in(dir.path(), &["--format", "json"]);
    let report = common::json(&out.stdout);
    let labels = |path: &str| -> Vec<(u64, u64)> {
        labels_in(&report, path)
            .iter()
            .map(|l| (l["line"].as_u64().unwrap(), l["column"].as_u64().unwrap()))
            .collect()
    };
    let big = labels(&format!("docs/big.{ext}"));
    let small = labels(&format!("docs/small.{ext}"));
    assert!(!small.is_empty());
    assert_eq!(big.len(), small.len(), "{big:?} / {small:?}");
    // The same places, 60,000 lines further down (the messages differ: the two documents
    // agree with each other).
    for ((bl, bc), (sl, sc)) in big.iter().zip(&small) {
        assert_eq!((*bl, *bc), (*sl + 60_000, *sc));
    }
    // The file-wide suppression at the end suppressed the variant in both.
    assert!(!messages(&out.stdout).iter().any(|m| m.contains("ISIS-K")));

    // Invalid UTF-8 past the first piece is named by its offset in the file.
    let mut bytes = filler.clone().into_bytes();
    let bad = bytes.len() + 5;
    bytes.extend_from_slice(b"Some \xff bytes.\n");
    fs::write(dir.path().join(format!("docs/big.{ext}")), &bytes).unwrap();
    let out = check_in(dir.path(), &["--format", "json"]);
    let warned = messages(&out.stdout);
    assert!(
        warned
            .iter()
            .any(|m| m.contains(&format!("first bad byte at offset {bad}"))),
        "{warned:?}"
    );
}

#[test]
fn a_large_document_that_cannot_be_read_in_pieces_is_read_whole() {
    // A page whose script runs on past a megabyte, and Markdown whose link reference is
    // defined after its first piece, are read again whole: the story after the script, or
    // after the filler, is read as it is in a small document, at its place in the file.
    let dir = corpus("max_file_size = 8000000");
    let story = "The Crocus attack killed 139 people, officials said.\n\nAnalysts blamed ISIS-K.\n";
    write(
        dir.path(),
        "docs/a.md",
        "The Crocus attack killed 144 people.\n",
    );
    let script = format!("<script>var data = \"{}\";</script>", "x".repeat(1_500_000));
    let page: String = story.split("\n\n").map(|p| format!("<p>{p}</p>")).collect();
    write(dir.path(), "docs/big.html", &format!("{script}{page}"));
    let filler = "See [the report][r] again.\n\n".repeat(60_000);
    write(
        dir.path(),
        "docs/big.md",
        &format!("{filler}{story}\n[r]: https://example.test/report\n"),
    );
    let out = check_in(dir.path(), &["--format", "json"]);
    let report = common::json(&out.stdout);
    let places = |path: &str| -> Vec<(String, u64, u64)> {
        labels_in(&report, path)
            .iter()
            .map(|l| {
                let text = l["text"].as_str().unwrap().to_string();
                (
                    text,
                    l["line"].as_u64().unwrap(),
                    l["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let column = script.len() as u64 + 29;
    assert_eq!(
        places("docs/big.html"),
        [
            ("139".to_string(), 1, column),
            ("ISIS-K".to_string(), 1, column + 50)
        ]
    );
    assert_eq!(
        places("docs/big.md"),
        [
            ("139".to_string(), 120_001, 26),
            ("ISIS-K".to_string(), 120_003, 17)
        ]
    );
}

/// The mentions of each rule that `factlint extract` lists for `dir`.
fn mentions_per_rule(dir: &Path) -> std::collections::BTreeMap<String, usize> {
    let out = factlint()
        .current_dir(dir)
        .args(["extract", "--format", "jsonl"])
        .timeout(WATCHDOG)
        .output()
        .unwrap();
    let mut per_rule = std::collections::BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let mention: serde_json::Value = serde_json::from_str(line).unwrap();
        *per_rule
            .entry(mention["rule"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    per_rule
}

/// The (rule, line) of each `too-many-mentions` warning of `check` in `dir`.
fn where_reading_stopped(dir: &Path) -> Vec<(String, u64)> {
    let out = check_in(dir, &["--format", "json"]);
    let report = common::json(&out.stdout);
    (report["findings"].as_array().unwrap().iter())
        .filter(|f| f["code"] == "too-many-mentions")
        .map(|f| {
            let rule = f["rule"].as_str().unwrap().to_string();
            (rule, f["labels"][0]["line"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn a_document_naming_a_fact_too_often_is_read_to_a_cap() {
    // A generated file, not prose: a name 12,000 times and 10,500 different tolls, each in its
    // own paragraph. The first 10,000 mentions of each rule are read, and a warning says where
    // reading stopped.
    let dir = corpus("max_file_size = 8000000");
    let names = "Analysts blamed ISIS-K.\n\n".repeat(12_000);
    // (Numbers that cannot be years.)
    let tolls: String = (3_000..13_500)
        .map(|i| format!("The Crocus attack killed {i} people.\n\n"))
        .collect();
    write(dir.path(), "docs/dump.md", &format!("{names}{tolls}"));
    let per_rule = mentions_per_rule(dir.path());
    // docs/a.md names IS-K once more.
    assert_eq!(per_rule.get("iskp-name"), Some(&10_001), "{per_rule:?}");
    assert_eq!(
        per_rule.get("crocus-death-toll"),
        Some(&10_000),
        "{per_rule:?}"
    );
    let capped = where_reading_stopped(dir.path());
    // Where reading stopped: the 10,001st name (line 20,001) and the 10,001st toll (after
    // 24,000 lines of names).
    assert_eq!(capped.len(), 2, "{capped:?}");
    assert!(capped.contains(&("iskp-name".into(), 20_001)), "{capped:?}");
    assert!(
        capped.contains(&("crocus-death-toll".into(), 44_001)),
        "{capped:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_run_on_line_is_read_in_windows_within_a_memory_bound() {
    // Four megabytes without a sentence end: one region, whose reading (tokens, predicates,
    // clauses) used to cost some thirty times its size; read in parts of 1 MiB and windows of
    // 64 KiB, without a copy of the line, it fits in a bound the whole region did not (it
    // needed 160 MiB of address space, then 96 with windows; now 40).
    let line: String = (0..100_000)
        .map(|i| format!("the Crocus attack killed {} people and ", 3_000 + i % 300))
        .collect();
    assert!(line.len() > 4_000_000);
    let codes = findings_within(64 << 20, "docs/runon.txt", &line);
    assert!(
        codes.contains(&("too-many-mentions".into(), "docs/runon.txt".into())),
        "{codes:?}"
    );
}

/// The findings of `check` on a corpus holding `text` at `path`, run under a cap of `bytes` of
/// address space: it must end with findings (exit 1), not abort.
#[cfg(target_os = "linux")]
fn findings_within(bytes: u64, path: &str, text: &str) -> Vec<(String, String)> {
    codes(&report_within(bytes, path, text))
}

/// The JSON report of `check` on a corpus holding `text` at `path`, run under a cap of `bytes`
/// of address space: it must end with findings (exit 1), not abort.
#[cfg(target_os = "linux")]
fn report_within(bytes: u64, path: &str, text: &str) -> Vec<u8> {
    let dir = corpus(&format!("max_file_size = {}", text.len().max(8_000_000)));
    write(dir.path(), path, text);
    let out = capped(bytes, dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    out.stdout
}

#[cfg(target_os = "linux")]
#[test]
fn short_paragraphs_by_the_hundred_thousand_stay_within_a_memory_bound() {
    // 200,000 paragraphs of one toll each, 300 of them worded differently (3.7 MB): every
    // repeat used to be kept with its reason and its place (160 MiB of address space), then
    // every term hit, a map segment per paragraph break and a list of sentence cuts (96 MiB),
    // then a part's hits, one map segment and 16 bytes a block (56 MiB); now two bytes a
    // block, and no list of lines when the file is read again for its report (48 MiB). The
    // cap has 4 MiB more than it had for the stacks of the parallel walk's threads, which
    // glibc keeps for reuse once they end: a debug build needs more than 60 MiB with them.
    let paragraphs: String = (0..200_000)
        .map(|i| format!("Crocus: {} dead.\n\n", i % 300))
        .collect();
    let codes = findings_within(64 << 20, "docs/paragraphs.md", &paragraphs);
    assert!(
        codes.contains(&("quantity-mismatch".into(), "docs/paragraphs.md".into())),
        "{codes:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn one_letter_paragraphs_stay_within_twice_their_size() {
    // Six megabytes of one-letter paragraphs between two tolls that disagree: the shape that
    // costs most per byte. A block took 16 bytes (five times the three bytes of source), a
    // megabyte of Markdown parsed at once 50 MB of pulldown-cmark's tree, and the report's
    // reading again held four bytes a line twice over (suppressions, line numbers): 64 MiB of
    // address space and more. Now two bytes a block, parts of 64 KiB, lines found from
    // counts: 32 MiB (44 in a debug build), of which some 16 are any run's start-up.
    let mut text = String::from("Crocus: 3 dead.\n\n");
    text.push_str(&"a\n\n".repeat(2_000_000));
    text.push_str("Crocus: 4 dead.\n");
    let lines = toll_lines_within(56 << 20, "docs/letters.md", &text);
    // The later toll is on line 4,000,003, found without a list of lines.
    assert!(
        lines.contains(&1) && lines.contains(&4_000_003),
        "{lines:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn html_of_tiny_elements_stays_within_a_memory_bound() {
    // Twelve megabytes of `<p>a</p>`: two segments of the offset map an element, at 20 bytes a
    // segment, needed 96 MiB of address space for six megabytes; a segment now takes some
    // three bytes, and the page is read piece by piece, never held whole beside its text: 38
    // MiB (50 in a debug build, as CI runs it), where holding it whole needed 52 (62).
    let text = format!(
        "<html><body><p>Crocus: 3 dead.</p>{}<p>Crocus: 4 dead.</p></body></html>",
        "<p>a</p>".repeat(1_500_000)
    );
    let lines = toll_lines_within(56 << 20, "docs/tiny.html", &text);
    assert_eq!(lines, [1, 1], "{lines:?}");
}

/// The lines of the labels in `path` of `check` on a corpus holding `text` there, run under a
/// cap of `bytes` of address space ([`report_within`]).
#[cfg(target_os = "linux")]
fn toll_lines_within(bytes: u64, path: &str, text: &str) -> Vec<u64> {
    let report: serde_json::Value =
        serde_json::from_slice(&report_within(bytes, path, text)).unwrap();
    labels_in(&report, path)
        .iter()
        .filter_map(|l| l["line"].as_u64())
        .collect()
}

#[test]
fn wrong_weekdays_are_checked_to_a_cap() {
    // 22 March 2024 was a Friday: 10,005 wrong weekdays give 10,000 findings and a warning.
    let dir = corpus("max_file_size = 8000000");
    write(
        dir.path(),
        "docs/calendar.md",
        &"On Monday, 22 March 2024, nothing happened.\n\n".repeat(10_005),
    );
    let out = check_in(dir.path(), &["--format", "json"]);
    let codes = codes(&out.stdout);
    let count = |code: &str| codes.iter().filter(|(c, _)| c == code).count();
    assert_eq!(count("weekday-mismatch"), 10_000);
    assert_eq!(count("too-many-mentions"), 1, "{:?}", &codes[..3]);
}

#[test]
fn a_story_longer_than_a_part_is_read_as_one_story() {
    // The lead names Crocus; a paragraph past the first part says "12 people died" without
    // naming it. Paragraph-scope rules read it as the story's toll (its lead's topic) however
    // far it stands, and a name at the start of a later part is found there.
    let rules = r#"
[[quantity]]
id = "crocus-toll"
subject = ["Crocus"]
cue = ["died"]
scope = "paragraph"

[[entity]]
id = "group"
canonical = "IS-K"
variants = ["ISIS-K"]
"#;
    let lead = "Gunmen attacked the Crocus concert hall near Moscow on Friday evening, \
                officials said.\n\nThe hall was full for a rock concert when the shooting \
                began, witnesses said.\n\n";
    let last = "Police said 12 people died.\n\nAnalysts blamed ISIS-K.\n";
    let small = format!("{lead}{last}");
    assert_eq!(common::mentions_of(rules, &small, "crocus-toll"), ["12"]);
    let filler = "The hall had reopened after repairs last spring, and crowds were large.\n\n"
        .repeat(20_000);
    let long = format!("{lead}{filler}{last}");
    assert!(long.len() > factlint::extract::parts::MAX_PART_BYTES);
    assert_eq!(common::mentions_of(rules, &long, "crocus-toll"), ["12"]);
    assert_eq!(common::mentions_of(rules, &long, "group"), ["ISIS-K"]);
}

#[test]
fn a_cap_reached_over_several_parts_stops_where_it_is_reached() {
    // 12,000 tolls, each in a paragraph long enough that a part holds fewer than the cap: the
    // count goes on from part to part, and reading stops at the 10,001st toll (line 20,001).
    let dir = corpus("max_file_size = 8000000");
    let tolls: String = (3_000..15_000)
        .map(|i| {
            format!(
                "The Crocus attack killed {i} people. Witnesses described a long evening of \
                 sirens and smoke over the river district.\n\n"
            )
        })
        .collect();
    assert!(tolls.len() > factlint::extract::parts::MAX_PART_BYTES);
    write(dir.path(), "docs/dump.md", &tolls);
    let per_rule = mentions_per_rule(dir.path());
    assert_eq!(
        per_rule.get("crocus-death-toll"),
        Some(&10_000),
        "{per_rule:?}"
    );
    let capped = where_reading_stopped(dir.path());
    assert_eq!(capped, [("crocus-death-toll".to_string(), 20_001)]);
}

#[test]
fn a_document_scope_rule_reads_every_part_of_a_document_naming_its_subject() {
    // A document-scope rule reads the whole of a document that names its subject; a document
    // longer than a part is read part by part, and a part that does not name the subject is
    // still the rule's.
    let rules = r#"
[[quantity]]
id = "crocus-toll"
subject = ["Crocus"]
cue = ["killed"]
scope = "document"
"#;
    let opening = "Crocus City Hall reopened this week.\n\n";
    let last = "Police said the gunmen killed 12 people.\n";
    assert_eq!(
        common::mentions_of(rules, &format!("{opening}{last}"), "crocus-toll"),
        ["12"]
    );
    let filler = "The hall had reopened after repairs last spring, and crowds were large.\n\n"
        .repeat(20_000);
    let long = format!("{opening}{filler}{last}");
    assert!(long.len() > factlint::extract::parts::MAX_PART_BYTES);
    assert_eq!(common::mentions_of(rules, &long, "crocus-toll"), ["12"]);
}
