//! `cargo bench`: extraction and end-to-end throughput on a corpus the benchmark builds itself.
//!
//! The corpus is news-like filler (numbers, dates, names, curly quotes) in which the demo
//! rules' subjects are rare — one paragraph in 40 mentions one — plus the demo articles, the
//! shape of a real archive. It reports MB/s and files/s; it asserts nothing about time
//! (timings on a shared 2-core machine are noisy, and tests must not depend on them).
//!
//! A second part measures binding on hostile shapes of the same size — a 60 KB run-on line
//! and a 60 KB CSV whose every row names the subject — against ordinary prose as dense in
//! subjects, cues and numbers; binding is linear, so the ratios stay small.
//!
//! `FACTLINT_BENCH_MB` sets the corpus size (default 100).

#![allow(clippy::print_stdout, clippy::unwrap_used)] // a benchmark reports on stdout

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use factlint::config::Config;
use factlint::extract::{ExtractOptions, Extractor};
use factlint::files::Files;
use factlint::rules::load_rules;
use factlint::source;
use factlint::span::FileId;
use factlint::{Settings, check};

const WORDS: &[&str] = &[
    "officials",
    "said",
    "the",
    "council",
    "approved",
    "a",
    "budget",
    "of",
    "after",
    "months",
    "debate",
    "in",
    "city",
    "where",
    "residents",
    "voted",
    "on",
    "new",
    "plan",
    "for",
    "roads",
    "schools",
    "and",
    "hospitals",
    "while",
    "critics",
    "argued",
    "that",
    "costs",
    "had",
    "risen",
    "sharply",
    "since",
    "mayor",
    "\u{2019}s",
    "office",
    "announced",
    "“review”",
    "next",
    "week",
];

/// A deterministic pseudo-random generator (xorshift), so every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    let sentences = 3 + rng.next() % 4;
    for _ in 0..sentences {
        let words = 10 + rng.next() % 15;
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            match rng.next() % 23 {
                0 => write!(out, "{}", rng.next() % 5000).unwrap(),
                1 => out.push_str("12 March 2024"),
                _ => out.push_str(rng.pick(WORDS)),
            }
        }
        out.push_str(". ");
    }
    if rng.next().is_multiple_of(40) {
        let n = 130 + rng.next() % 20;
        write!(out, "The Crocus attack killed {n} people, officials said.").unwrap();
    }
    out.push_str("\n\n");
}

fn build_corpus(dir: &Path, megabytes: usize) -> (usize, usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    for entry in std::fs::read_dir(demo).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut bytes, mut files) = (0, 0);
    while bytes < megabytes * 1_000_000 {
        let mut doc = String::from("# A local story\n\n");
        while doc.len() < 6_000 {
            paragraph(&mut rng, &mut doc);
        }
        let sub = dir.join(format!("d{:03}", files / 500));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("story-{files:06}.md")), &doc).unwrap();
        bytes += doc.len();
        files += 1;
    }
    (files, bytes)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let megabytes: usize = std::env::var("FACTLINT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let corpus = root.join("target/bench-corpus");
    let (files, bytes) = build_corpus(&corpus, megabytes);
    println!(
        "corpus: {files} files, {:.1} MB (+ the demo)",
        bytes as f64 / 1e6
    );

    // 1. Extraction alone, one thread, documents in memory.
    let mut db = Files::new();
    let (rules, problems) = load_rules(&[root.join("rules/demo.toml")], &root, &mut db);
    assert!(problems.is_empty());
    let docs: Vec<(String, String)> = walk(&corpus)
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    let total: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let extractor = Extractor::new(&rules, ExtractOptions::default());
    let start = Instant::now();
    let loaded: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, (path, text))| source::load(FileId(i as u32), path, text))
        .collect();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "source (Markdown → matching text), 1 thread: {:.0} MB/s, {:.0} files/s",
        total as f64 / 1e6 / secs,
        docs.len() as f64 / secs
    );
    let start = Instant::now();
    let mentions: usize = loaded
        .iter()
        .map(|doc| extractor.extract(doc).mentions.len())
        .sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "extract (anchors, binding, weekday check), 1 thread: {:.0} MB/s, {:.0} files/s ({mentions} mentions)",
        total as f64 / 1e6 / secs,
        docs.len() as f64 / secs
    );

    // 2. End to end: walk, read, load, extract (in parallel), compare.
    let mut config = Config::default_for(&root);
    config.rules = vec![PathBuf::from("rules/demo.toml")];
    config.documents.paths = vec![corpus.clone()];
    let settings = Settings::new(config, root.clone());
    let start = Instant::now();
    let outcome = check(&settings, Files::new());
    let secs = start.elapsed().as_secs_f64();
    println!(
        "check end to end, {} threads: {:.0} MB/s, {:.0} files/s ({} findings)",
        rayon::current_num_threads(),
        total as f64 / 1e6 / secs,
        outcome.documents as f64 / secs,
        outcome.findings.len()
    );

    // 3. Hostile shapes: binding stays linear whatever the punctuation.
    bench_shapes(&root);
}

/// Ordinary prose, a run-on line and a CSV of about `size` bytes, all dense in the subject
/// "Kerman", the cues "killed" and "wounded", and numbers.
fn shapes(size: usize) -> Vec<(&'static str, String)> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut prose, mut runon, mut csv) = (String::new(), String::new(), String::new());
    while prose.len() < size {
        let (k, w) = (rng.next() % 200, rng.next() % 90);
        write!(
            prose,
            "The Kerman attack killed {k} people and wounded {w}, officials said on day {}. ",
            rng.next() % 1000
        )
        .unwrap();
        if rng.next().is_multiple_of(5) {
            prose.push_str("\n\n");
        }
    }
    const PIECES: &[&str] = &[
        "Kerman", "killed", "wounded", "and", ",", ";", "which", "(", ")", "—", "the", "people",
    ];
    while runon.len() < size {
        match rng.next() % 3 {
            0 => write!(runon, "{} ", rng.next() % 500).unwrap(),
            _ => write!(runon, "{} ", rng.pick(PIECES)).unwrap(),
        }
    }
    while csv.len() < size {
        writeln!(
            csv,
            "Kerman,killed,{},wounded,{}",
            rng.next() % 200,
            rng.next() % 90
        )
        .unwrap();
    }
    vec![("prose", prose), ("run-on line", runon), ("CSV", csv)]
}

/// Extraction throughput on each shape, and its time relative to prose.
fn bench_shapes(root: &Path) {
    let mut db = Files::new();
    let rules_text = "[[quantity]]\nid = \"k\"\nsubject = [\"Kerman\"]\ncue = [\"killed\"]\n\
                      [[quantity]]\nid = \"w\"\nsubject = [\"Kerman\"]\ncue = [\"wounded\"]\n";
    let path = root.join("target/bench-shapes.toml");
    std::fs::write(&path, rules_text).unwrap();
    let (rules, problems) = load_rules(&[path], root, &mut db);
    assert!(problems.is_empty());
    let extractor = Extractor::new(&rules, ExtractOptions::default());
    let mut prose_secs = None;
    for (name, text) in shapes(60_000) {
        let file = if name == "CSV" {
            "shape.csv"
        } else {
            "shape.txt"
        };
        let doc = source::load(FileId(0), file, &text);
        let rounds = 20;
        let start = Instant::now();
        let mut mentions = 0;
        for _ in 0..rounds {
            mentions = extractor.extract(&doc).mentions.len();
        }
        let secs = start.elapsed().as_secs_f64() / rounds as f64;
        let ratio = secs / *prose_secs.get_or_insert(secs);
        println!(
            "binding on a 60 KB {name}: {:.1} MB/s, {ratio:.1}× prose ({mentions} mentions)",
            text.len() as f64 / 1e6 / secs
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
