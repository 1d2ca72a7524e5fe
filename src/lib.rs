//! # factlint — a linter for facts across documents
//!
//! Rules written in TOML name the facts that must stay consistent across a body of writing:
//! entities (name variants), quantities (hedged counts) and dates. factlint reads every
//! document, finds each fact's mentions, normalizes them, compares them across files and
//! reports each mismatch as a [`Finding`](finding::Finding) with spans into every file
//! involved.
//!
//! ## Data flow
//!
//! ```text
//!  factlint.toml ─► config ─┐
//!  rules/*.toml ──► rules ──┼──────────────────────────────┐
//!                           ▼                              ▼
//!  paths ──► discover ──► source ──► extract ──► compare ──► findings ──► report
//!            (inputs)    (Document:   (Mention:   (Finding:              (human, json)
//!                         text + map)  span+value) labels, notes)
//! ```
//!
//! After comparison, [`gates`] applies inline suppressions, the baseline and draft mode (only
//! the named files' findings are reported) before the findings are sorted.
//!
//! Each step is one module with one entry point; only [`check`] knows the whole pipeline. The
//! library never prints and never exits: the binary owns stdout, stderr and the exit code.

pub mod compare;
pub mod config;
pub mod discover;
pub mod examples;
pub mod explain;
pub mod extract;
pub mod files;
pub mod finding;
pub mod fix;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod span;
pub mod value;

pub mod baseline;
pub mod fingerprint;
pub mod gates;
pub mod suppress;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compare::DocInfo;
use crate::compare::duplicates::{self, DocFingerprint};
use crate::config::Config;
use crate::discover::{DiscoverOptions, Input};
use crate::extract::{ExtractOptions, Extraction, Extractor, Mention, Rejected};
use crate::files::Files;
use crate::finding::{CodeKind, Finding};
use crate::rules::RuleSet;

/// What to check.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The configuration (from `factlint.toml` or defaults).
    pub config: Config,
    /// Documents named on the command line; replace the config's `documents.paths`.
    pub paths: Option<Vec<PathBuf>>,
    /// Rule paths from `--rules`; replace the config's `rules`.
    pub rules: Option<Vec<PathBuf>>,
    /// A document read from standard input: its display name and text, or the warning that
    /// says why it could not be read (too large, binary, not UTF-8).
    pub stdin: Option<(String, Result<String, Box<Finding>>)>,
    /// The directory display paths are relative to.
    pub display_base: PathBuf,
    /// Draft mode, suppressions and baseline (`gates`).
    pub gates: gates::GateSettings,
    /// Whether rule files and documents the config file names may lie outside its directory
    /// (`--allow-outside`). Paths given on the command line are the user's own and may.
    pub allow_outside: bool,
    /// Keep the candidates that were not taken, with their reasons ([`Outcome::rejected`]),
    /// for `explain`; other commands leave them out (a dense document has many).
    pub rejections: bool,
}

impl Settings {
    /// Settings that check the config's documents against its rules, with paths shown
    /// relative to `display_base`.
    pub fn new(config: Config, display_base: PathBuf) -> Settings {
        Settings {
            config,
            paths: None,
            rules: None,
            stdin: None,
            display_base,
            gates: gates::GateSettings::default(),
            allow_outside: false,
            rejections: false,
        }
    }
}

/// Everything a run produced.
#[derive(Debug)]
pub struct Outcome {
    /// Every file read: rule files first, then documents.
    pub files: Files,
    /// The compiled rules.
    pub rules: RuleSet,
    /// How many documents were read.
    pub documents: usize,
    /// Every mention, by document then position.
    pub mentions: Vec<Mention>,
    /// Candidates near a subject that were not taken as mentions, with the reason: only when
    /// [`Settings::rejections`] asks (`explain`) or for in-memory texts ([`check_texts`]).
    pub rejected: Vec<Rejected>,
    /// What the documents agree on, per quantity or date rule, in words (`explain`).
    pub consensus: std::collections::BTreeMap<rules::RuleIdx, String>,
    /// Groups of documents that are copies of one article (each counted once).
    pub duplicates: Vec<Vec<span::FileId>>,
    /// Every finding, sorted for output.
    pub findings: Vec<Finding>,
    /// What suppressions, the baseline and draft mode hid.
    pub gates: gates::GateStats,
}

impl Outcome {
    /// Whether a rule or config problem makes the run's results untrustworthy (exit 2).
    pub fn has_rule_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.code.kind() == CodeKind::Rule)
    }
}

/// Runs the whole pipeline: rules, documents, extraction, comparison.
///
/// `files` may already hold files read before the run (the config file), so that findings
/// about them render like any other.
pub fn check(settings: &Settings, mut files: Files) -> Outcome {
    let config = &settings.config;
    let rule_paths: Vec<PathBuf> = settings
        .rules
        .clone()
        .unwrap_or_else(|| config.rules.iter().map(|p| config.root.join(p)).collect());
    // What the config file names stays inside its directory, unless the user allows more.
    let boundary = (config.path.is_some() && !settings.allow_outside).then_some(&config.root);
    let rules_boundary = boundary.filter(|_| settings.rules.is_none());
    let (rules, mut findings) = rules::load_rules_within(
        &rule_paths,
        &settings.display_base,
        &mut files,
        rules_boundary.map(PathBuf::as_path),
    );
    if findings.iter().any(|f| f.code.kind() == CodeKind::Rule) {
        sort_findings(&mut findings, &files);
        return Outcome {
            files,
            rules,
            documents: 0,
            mentions: Vec::new(),
            rejected: Vec::new(),
            consensus: Default::default(),
            duplicates: Vec::new(),
            findings,
            gates: gates::GateStats::default(),
        };
    }

    let mut inputs = Vec::new();
    if settings.paths.as_ref().is_none_or(|p| !p.is_empty()) || settings.stdin.is_none() {
        let (found, problems) = discover::discover(&DiscoverOptions {
            paths: settings
                .paths
                .clone()
                .unwrap_or_else(|| config.documents.paths.clone()),
            include: config.documents.include.clone(),
            exclude: config.documents.exclude.clone(),
            root: if settings.paths.is_some() {
                settings.display_base.clone()
            } else {
                config.root.clone()
            },
            display_base: settings.display_base.clone(),
            boundary: boundary.filter(|_| settings.paths.is_none()).cloned(),
        });
        inputs = found;
        findings.extend(problems);
    }
    let report_only = gates::draft_inputs(settings, &mut inputs, &mut findings);

    let extractor = Extractor::new(
        &rules,
        ExtractOptions {
            weekday: config.checks.weekday,
            rejections: settings.rejections,
        },
    );
    let base = files.len();
    let loaded: Vec<Loaded> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| load_one(input, config.max_file_size, base + i, &extractor))
        .collect();
    let mut loaded = loaded;
    if let Some((name, read)) = &settings.stdin {
        let id = span::FileId(u32::try_from(base + loaded.len()).unwrap_or(u32::MAX));
        loaded.push(match read {
            Ok(text) => load_text(name, text.clone(), id, &extractor),
            Err(problem) => Loaded::unread(name.clone(), None, problem.clone()),
        });
    }

    let mut gathered = gather(&mut files, loaded, findings, config.checks.near_duplicates);
    let mut findings = std::mem::take(&mut gathered.findings);
    let comparison = compare::compare(&rules, &gathered.docs, &gathered.mentions, &files);
    findings.extend(comparison.findings);
    let (findings, gate_stats) = gates::apply(
        &settings.gates,
        &rules,
        &files,
        std::mem::take(&mut gathered.suppressions),
        report_only.as_ref(),
        findings,
    );
    finish(
        files,
        rules,
        gathered,
        comparison.consensus,
        findings,
        gate_stats,
    )
}

/// What the documents of a run gave, in document order.
struct Gathered {
    docs: Vec<DocInfo>,
    duplicates: Vec<Vec<span::FileId>>,
    mentions: Vec<Mention>,
    rejected: Vec<Rejected>,
    findings: Vec<Finding>,
    /// The suppression comments of every document read.
    suppressions: Vec<suppress::Suppression>,
}

/// Adds every loaded document to the file database (in order, so ids are deterministic),
/// collects what extraction found — unreadable documents become their warning — and, when
/// `near_duplicates` is on, puts copies of one article into one group.
fn gather(
    files: &mut Files,
    loaded: Vec<Loaded>,
    mut findings: Vec<Finding>,
    near_duplicates: bool,
) -> Gathered {
    let mut prints = Vec::new();
    let mut out = Gathered {
        duplicates: Vec::new(),
        docs: Vec::new(),
        mentions: Vec::new(),
        rejected: Vec::new(),
        findings: Vec::new(),
        suppressions: Vec::new(),
    };
    for item in loaded {
        let id = match (item.kept, item.opened) {
            (Kept::Outline(outline, limit), Some(opened)) => {
                files.add_read(item.display, outline, opened, discover::read_again, limit)
            }
            (Kept::Text(text), opened) => files.add_opened(item.display, text, opened),
            (Kept::Outline(..), None) | (Kept::Nothing, _) => {
                files.add(item.display, String::new())
            }
        };
        match item.result {
            Ok(read) => {
                let ReadDocument {
                    meta,
                    extraction,
                    print,
                    suppressions,
                } = *read;
                debug_assert!(extraction.mentions.iter().all(|m| m.span.file == id));
                prints.push(print);
                let group = out.docs.len();
                out.docs.push(DocInfo {
                    file: id,
                    meta,
                    group,
                });
                out.mentions.extend(extraction.mentions);
                out.rejected.extend(extraction.rejected);
                out.suppressions.extend(suppressions);
                findings.extend(extraction.findings);
            }
            Err(problem) => findings.push(*problem),
        }
    }
    if near_duplicates {
        // Only documents with mentions are fingerprinted; a group is named by its first
        // document's index, as `duplicates::groups` names it among the fingerprinted ones.
        let (fingerprinted, prints): (Vec<usize>, Vec<DocFingerprint>) = prints
            .into_iter()
            .enumerate()
            .filter_map(|(doc, print)| Some((doc, print?)))
            .unzip();
        let mut groups: Vec<usize> = (0..out.docs.len()).collect();
        for (k, group) in duplicates::groups(&prints, duplicates::DEFAULT_THRESHOLD)
            .into_iter()
            .enumerate()
        {
            if let (Some(&doc), Some(&first)) = (fingerprinted.get(k), fingerprinted.get(group)) {
                groups[doc] = first;
            }
        }
        let mut members: std::collections::BTreeMap<usize, Vec<span::FileId>> =
            std::collections::BTreeMap::new();
        for (doc, group) in out.docs.iter_mut().zip(groups) {
            doc.group = group;
            members.entry(group).or_default().push(doc.file);
        }
        out.duplicates = members.into_values().filter(|m| m.len() > 1).collect();
    }
    out.findings = findings;
    out
}

/// Runs extraction and comparison over in-memory documents (name, text) with `rules`: the
/// pipeline of [`check`] without a config, discovery or a file system. `factlint test` runs
/// rule examples through it, so an example is judged exactly as a real corpus would be.
/// Document names pick the format by extension, as paths do.
pub fn check_texts(rules: RuleSet, documents: &[(String, String)]) -> Outcome {
    let mut files = Files::new();
    let loaded: Vec<Loaded> = {
        // The weekday check needs no rule: an example tests its rule, not the built-ins.
        let extractor = Extractor::new(
            &rules,
            ExtractOptions {
                weekday: false,
                rejections: true,
            },
        );
        documents
            .iter()
            .enumerate()
            .map(|(i, (name, text))| {
                let id = span::FileId(u32::try_from(i).unwrap_or(u32::MAX));
                load_text(name, text.clone(), id, &extractor)
            })
            .collect()
    };
    let mut gathered = gather(&mut files, loaded, Vec::new(), true);
    let mut findings = std::mem::take(&mut gathered.findings);
    let comparison = compare::compare(&rules, &gathered.docs, &gathered.mentions, &files);
    findings.extend(comparison.findings);
    finish(
        files,
        rules,
        gathered,
        comparison.consensus,
        findings,
        gates::GateStats::default(),
    )
}

/// The outcome of a run, findings sorted.
fn finish(
    files: Files,
    rules: RuleSet,
    gathered: Gathered,
    consensus: std::collections::BTreeMap<rules::RuleIdx, String>,
    mut findings: Vec<Finding>,
    gates: gates::GateStats,
) -> Outcome {
    fix::settle(&files, &mut findings);
    sort_findings(&mut findings, &files);
    Outcome {
        files,
        rules,
        documents: gathered.docs.len(),
        mentions: gathered.mentions,
        rejected: gathered.rejected,
        consensus,
        duplicates: gathered.duplicates,
        findings,
        gates,
    }
}

/// A document as extraction left it, before it enters the file database.
struct Loaded {
    display: String,
    /// The path the text was read from (`None` for standard input and in-memory texts).
    opened: Option<PathBuf>,
    kept: Kept,
    result: Result<Box<ReadDocument>, Box<Finding>>,
}

/// What the file database keeps of a document's text.
enum Kept {
    /// The text itself: standard input and in-memory texts, which cannot be read again.
    Text(String),
    /// A file's outline (line starts, length, digest) and the size limit it was read with: its
    /// text is read again only if a report quotes it, so an archive is held as its mentions.
    Outline(files::Outline, u64),
    /// Nothing: a file without an anchor of any rule, never quoted.
    Nothing,
}

/// What reading one document gave (by default, nothing: a document without an anchor).
#[derive(Default)]
struct ReadDocument {
    meta: source::DocMeta,
    extraction: Extraction,
    /// The near-duplicate fingerprint, of a document with mentions only: a copy matters only
    /// where its mentions would be counted twice.
    print: Option<DocFingerprint>,
    suppressions: Vec<suppress::Suppression>,
}

/// A document this size or larger is not held while it is read: its text goes once the
/// matching text is built and is read again to quote its mentions, so that a large document is
/// never held twice (DESIGN §7, docs/reliability.md). A smaller one is held until its mentions
/// are quoted, which costs less than reading it again.
const HOLD_WHILE_READING: usize = 1 << 20;

impl Loaded {
    fn unread(display: String, opened: Option<PathBuf>, problem: Box<Finding>) -> Loaded {
        Loaded {
            display,
            opened,
            kept: Kept::Text(String::new()),
            result: Err(problem),
        }
    }
}

fn load_one(input: &Input, max_size: u64, index: usize, extractor: &Extractor<'_>) -> Loaded {
    let id = span::FileId(u32::try_from(index).unwrap_or(u32::MAX));
    let from = |outline| Reread {
        path: &input.path,
        limit: max_size,
        outline,
    };
    // `Err(None)`: read, and holds nothing any rule looks for.
    let read = discover::open_input(input, max_size)
        .map_err(Some)
        .and_then(|(file, len)| {
            let whole = |file, len| {
                let text =
                    discover::read_opened(file, &input.display, max_size, len).map_err(Some)?;
                if !extractor.may_hold(&text, source::Format::from_path(&input.display)) {
                    // No anchor of any rule: nothing to parse, fingerprint or keep.
                    return Err(None);
                }
                let doc = source::load(id, &input.display, &text);
                let reread = from(files::Outline::of(&text));
                Ok((doc, Source::just_read(text), reread))
            };
            if source::Pieces::can_read(&input.display) && len >= HOLD_WHILE_READING as u64 {
                // Plain text, Markdown and HTML of a megabyte or more are read piece by piece:
                // never held whole.
                let size = usize::try_from(len).unwrap_or(0);
                let mut loader = source::Pieces::new(id, &input.display, size);
                let mut outline = files::OutlineBuilder::default();
                let mut directive = suppress::DirectiveWatch::default();
                discover::read_pieces(file, &input.display, max_size, &mut loader, |piece| {
                    outline.push(piece);
                    directive.push(piece);
                })
                .map_err(Some)?;
                if loader.must_read_whole() {
                    // A Markdown link reference defined after the first piece, or HTML markup too
                    // long to carry from piece to piece: read it all at once.
                    drop(loader);
                    let (file, len) = discover::open_input(input, max_size).map_err(Some)?;
                    return whole(file, len);
                }
                let reread = from(outline.finish());
                Ok((
                    loader.finish(),
                    Source::Gone {
                        directive: directive.seen(),
                    },
                    reread,
                ))
            } else {
                whole(file, len)
            }
        });
    match read {
        Ok((doc, source, reread)) => Loaded {
            opened: Some(input.path.clone()),
            ..read_facts(&input.display, doc, source, Some(reread), extractor)
        },
        Err(Some(problem)) => {
            Loaded::unread(input.display.clone(), Some(input.path.clone()), problem)
        }
        Err(None) => Loaded {
            display: input.display.clone(),
            opened: Some(input.path.clone()),
            kept: Kept::Nothing,
            result: Ok(Box::default()),
        },
    }
}

/// Where a document came from, to read it again: its file, the size limit it was read with and
/// its outline.
struct Reread<'a> {
    path: &'a Path,
    limit: u64,
    outline: files::Outline,
}

/// A document's source text as its facts are read.
enum Source {
    /// Held (a small document, standard input, an in-memory text).
    Held(String),
    /// Let go: read again if a mention is to be quoted or a finding may be suppressed
    /// (`directive`: the text holds `factlint:`).
    Gone { directive: bool },
}

impl Source {
    /// A text just read: held while its facts are read if it is small, else let go.
    fn just_read(text: String) -> Source {
        if text.len() < HOLD_WHILE_READING {
            return Source::Held(text);
        }
        let directive = suppress::mentions_directive(&text);
        Source::Gone { directive }
    }
}

/// A text from no file (standard input, an example): held throughout, never read again.
fn load_text(display: &str, text: String, id: span::FileId, extractor: &Extractor<'_>) -> Loaded {
    let doc = source::load(id, display, &text);
    read_facts(display, doc, Source::Held(text), None, extractor)
}

/// Reads one document's facts, quotes its mentions and finds its suppressions. A document read
/// from a file (`reread`) is then kept as its outline only; its text goes.
fn read_facts(
    display: &str,
    mut doc: source::Document,
    source: Source,
    reread: Option<Reread<'_>>,
    extractor: &Extractor<'_>,
) -> Loaded {
    let id = doc.file;
    let mut extraction = extractor.extract(&doc);
    let print = (!extraction.mentions.is_empty()).then(|| duplicates::fingerprint(&doc.text));
    let meta = std::mem::take(&mut doc.meta);
    drop(doc);
    let wanted = !extraction.mentions.is_empty() || !extraction.findings.is_empty();
    let text = match source {
        Source::Held(text) => Some(text),
        Source::Gone { directive } if wanted || directive => reread.as_ref().and_then(|r| {
            // A file that changed since it was read is not quoted (compare falls back to the
            // matching text) and its snippets are blanks ([`files::SourceFile::source`]).
            discover::read_again(r.path, r.limit).filter(|t| r.outline.is_text(t))
        }),
        Source::Gone { .. } => None,
    };
    let mut suppressions = Vec::new();
    if let Some(text) = &text {
        for m in &mut extraction.mentions {
            m.quote_from(text);
        }
        suppressions = suppress::scan(id, text);
    }
    let kept = match (reread, text) {
        (Some(r), _) => Kept::Outline(r.outline, r.limit),
        (None, text) => Kept::Text(text.unwrap_or_default()),
    };
    Loaded {
        display: display.to_string(),
        opened: None,
        kept,
        result: Ok(Box::new(ReadDocument {
            meta,
            extraction,
            print,
            suppressions,
        })),
    }
}

/// Sorts findings for output: by primary file path, position, rule, code, message.
fn sort_findings(findings: &mut [Finding], files: &Files) {
    findings.sort_by_cached_key(|f| {
        let (path, start) = match f.primary() {
            Some(l) => (files.path(l.span.file).to_string(), l.span.start),
            None => (f.path.clone().unwrap_or_default(), 0),
        };
        (path, start, f.rule.clone(), f.code, f.message.clone())
    });
}
