//! Loading rule files: finding them, following `include`, and collecting every rule and every
//! problem.
//!
//! Each path is a rule file or a directory searched recursively for `*.toml` (sorted). Each
//! file is read once, added to the [`Files`] database so findings can point into it, parsed to
//! a spanned table and walked key by key ([`super::compile`]). Problems never stop the load:
//! every file and every rule is checked, and a rule is kept only when its table is valid. Ids
//! are unique across everything loaded.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use toml::de::DeValue;

use super::compile::{Kind, compile_rule};
use super::suggest::did_you_mean;
use super::table::{self, At, Diag, TableRef, backticked};
use super::{Rule, RuleSet};
use crate::files::Files;
use crate::finding::{Code, Finding, Label};
use crate::span::{FileId, Span};

/// Keys allowed at the top level of a rule file.
pub(crate) const TOP_KEYS: &[&str] = &["entity", "quantity", "date", "include"];

/// Loads every rule file under `paths` (files, or directories searched recursively for
/// `*.toml`). Returns the valid rules, in file order then position order, and every problem
/// found, each pointing into the rule file it concerns. Display paths are relative to
/// `display_base` when possible.
pub fn load_rules(
    paths: &[PathBuf],
    display_base: &Path,
    files: &mut Files,
) -> (RuleSet, Vec<Finding>) {
    load_rules_within(paths, display_base, files, None)
}

/// [`load_rules`], reading no rule file (named or included) that lies outside `boundary`
/// when one is given: a configuration from a pull request must not make factlint read, and
/// print in a TOML error, a file of the machine it runs on.
pub fn load_rules_within(
    paths: &[PathBuf],
    display_base: &Path,
    files: &mut Files,
    boundary: Option<&Path>,
) -> (RuleSet, Vec<Finding>) {
    let mut loader = Loader {
        boundary: boundary.map(|b| std::fs::canonicalize(b).unwrap_or_else(|_| b.to_path_buf())),
        files,
        display_base,
        rules: Vec::new(),
        findings: Vec::new(),
        ids: HashMap::new(),
        loaded: HashSet::new(),
        stack: Vec::new(),
    };
    let mut any_file = false;
    let mut any_path = false;
    for path in paths {
        if !path.exists() {
            loader.findings.push(
                Finding::new(
                    Code::InvalidConfig,
                    format!(
                        "rules path `{}` does not exist",
                        display_path(path, display_base)
                    ),
                )
                .with_path(display_path(path, display_base)),
            );
            continue;
        }
        any_path = true;
        for file in toml_files(path) {
            any_file = true;
            loader.load_file(&file, None);
        }
    }
    if !any_file && (any_path || paths.is_empty()) {
        let under = paths
            .iter()
            .map(|p| format!("`{}`", display_path(p, display_base)))
            .collect::<Vec<_>>()
            .join(", ");
        let mut finding = Finding::new(
            Code::InvalidConfig,
            if under.is_empty() {
                "no rule files found: no rules path given".to_string()
            } else {
                format!("no rule files found under {under}")
            },
        )
        .with_note("rule files are `*.toml` files; see the `rules` key of factlint.toml");
        if let Some(first) = paths.iter().find(|p| p.exists()) {
            finding = finding.with_path(display_path(first, display_base));
        }
        loader.findings.push(finding);
    }
    check_canonical_conflicts(&loader.rules, &mut loader.findings);
    (
        RuleSet {
            rules: loader.rules,
        },
        loader.findings,
    )
}

struct Loader<'a> {
    /// The directory no rule file may lie outside of (canonical), if any.
    boundary: Option<PathBuf>,
    files: &'a mut Files,
    display_base: &'a Path,
    rules: Vec<Rule>,
    findings: Vec<Finding>,
    /// Each id seen so far, and the span of its first definition.
    ids: HashMap<String, Span>,
    /// Files already read (by canonical path).
    loaded: HashSet<PathBuf>,
    /// Files whose includes are being followed, with their display paths (for cycles).
    stack: Vec<(PathBuf, String)>,
}

impl Loader<'_> {
    /// Reads one rule file, unless it was read already. `from` is the `include` entry that
    /// named it, if any.
    fn load_file(&mut self, path: &Path, from: Option<Span>) {
        let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let display = display_path(path, self.display_base);
        if let Some(pos) = self.stack.iter().position(|(p, _)| *p == identity) {
            let chain: Vec<&str> = self.stack[pos..]
                .iter()
                .map(|(_, d)| d.as_str())
                .chain(std::iter::once(display.as_str()))
                .collect();
            let finding = Finding::new(
                Code::InvalidConfig,
                format!("include cycle: {}", chain.join(" → ")),
            );
            self.findings.push(match from {
                Some(span) => finding.with_label(Label::primary(
                    span,
                    "includes a file that includes this one",
                )),
                None => finding.with_path(display),
            });
            return;
        }
        if !self.loaded.insert(identity.clone()) {
            return;
        }
        // Only a `.toml` file is read as rules, and only inside the boundary: what is not a
        // rule file is never read, so its bytes never appear in an error's snippet.
        let refusal = if path.extension().is_none_or(|e| e != "toml") {
            Some("is not a rule file (rule files end in `.toml`); not read".to_string())
        } else {
            self.boundary
                .as_ref()
                .filter(|b| !identity.starts_with(b))
                .map(|b| {
                    format!(
                        "lies outside the repository (`{}`); not read: pass `--allow-outside` \
                         to read it",
                        b.display()
                    )
                })
        };
        if let Some(reason) = refusal {
            let finding = Finding::new(Code::InvalidConfig, format!("`{display}` {reason}"));
            self.findings.push(match from {
                Some(span) => finding.with_label(Label::primary(span, "named here")),
                None => finding.with_path(display),
            });
            return;
        }
        let text = match crate::rules::read_bounded(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => return self.unreadable(&display, "it is not valid UTF-8", from),
            Err(err) => return self.unreadable(&display, &err.to_string(), from),
        };
        let file = self.files.add(display.clone(), text.as_str());
        let mut diag = Diag::new(file);
        let Some(doc) = table::parse(&mut diag, &text) else {
            self.findings.append(&mut diag.findings);
            return;
        };
        let root = doc.get_ref();
        let root_span = doc.span();
        let top = TableRef {
            table: root,
            span: &root_span,
            name: "a rule file",
        };
        check_top_keys(&mut diag, top);

        // Rule tables of every kind, in the order they appear in the file.
        let mut tables = Vec::new();
        for kind in Kind::ALL {
            let Some(value) = top.get(kind.key()) else {
                continue;
            };
            match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match item.get_ref().as_table() {
                            Some(t) => tables.push((item.span(), kind, t, true)),
                            None => diag.push(diag.error(
                                Code::WrongType,
                                format!(
                                    "each `{}` must be a table, not {}",
                                    kind.key(),
                                    table::type_name(item.get_ref())
                                ),
                                item.span(),
                                "expected a table",
                            )),
                        }
                    }
                }
                DeValue::Table(t) => {
                    diag.push(
                        diag.error(
                            Code::WrongType,
                            format!(
                                "`{0}` must be an array of tables: write `[[{0}]]`",
                                kind.key()
                            ),
                            value.span(),
                            format!("write `[[{}]]`", kind.key()),
                        )
                        .with_note("each rule is one `[[kind]]` table"),
                    );
                    tables.push((value.span(), kind, t, false));
                }
                _ => diag.wrong_type(kind.key(), "an array of tables", value),
            }
        }
        tables.sort_by_key(|(span, ..)| span.start);

        let source = self.files.get(file).cloned();
        for (span, kind, t, well_formed) in tables {
            let name = format!("[[{}]]", kind.key());
            let line = source.as_ref().map_or(1, |s| s.line_column(span.start).0);
            let compiled = compile_rule(
                &mut diag,
                kind,
                TableRef {
                    table: t,
                    span: &span,
                    name: &name,
                },
                format!("{display}:{line}"),
            );
            let duplicate = compiled
                .id
                .as_ref()
                .is_some_and(|id| self.check_duplicate(&mut diag, id));
            if let (Some(rule), true, false) = (compiled.rule, well_formed, duplicate) {
                self.rules.push(rule);
            }
        }

        let includes = top.strings(&mut diag, "include").map(|i| i.value);
        self.findings.append(&mut diag.findings);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        self.stack.push((identity, display));
        for include in includes.unwrap_or_default() {
            self.include(&dir, file, &include);
        }
        self.stack.pop();
    }

    /// Follows one `include` entry of `file`.
    fn include(&mut self, dir: &Path, file: FileId, include: &At<String>) {
        let span = Span::new(file, include.span.clone());
        if include.value.trim().is_empty() {
            self.findings.push(
                Finding::new(Code::InvalidValue, "empty include path")
                    .with_label(Label::primary(span, "empty path")),
            );
            return;
        }
        let target = dir.join(&include.value);
        if !target.exists() {
            self.findings.push(
                Finding::new(
                    Code::InvalidConfig,
                    format!("included file `{}` does not exist", include.value),
                )
                .with_label(Label::primary(span, "not found"))
                .with_note(format!(
                    "include paths are relative to the including file: looked for `{}`",
                    display_path(&target, self.display_base)
                )),
            );
            return;
        }
        for path in toml_files(&target) {
            self.load_file(&path, Some(span));
        }
    }

    /// Reports `id` if an earlier rule has it; records it otherwise.
    fn check_duplicate(&mut self, diag: &mut Diag, id: &At<String>) -> bool {
        let here = diag.span(id.span.clone());
        match self.ids.get(&id.value) {
            Some(first) => {
                let first_path = self.files.path(first.file).to_string();
                let mut finding = Finding::new(
                    Code::DuplicateId,
                    format!("duplicate rule id `{}`", id.value),
                )
                .with_rule(id.value.clone())
                .with_label(Label::primary(here, "defined again here"))
                .with_label(Label::secondary(*first, "first defined here"));
                if first.file != here.file {
                    finding = finding.with_note(format!("first defined in {first_path}"));
                }
                diag.push(finding);
                true
            }
            None => {
                self.ids.insert(id.value.clone(), here);
                false
            }
        }
    }

    fn unreadable(&mut self, display: &str, why: &str, from: Option<Span>) {
        let finding = Finding::new(
            Code::InvalidConfig,
            format!("cannot read rule file `{display}`: {why}"),
        );
        self.findings.push(match from {
            Some(span) => finding.with_label(Label::primary(span, "included here")),
            None => finding.with_path(display),
        });
    }
}

/// Reports every literal variant of a `canonical` entity rule that is the canonical form of
/// another such rule: `--fix` would rewrite one rule's accepted name into the other's, so two
/// rules that rewrite each other flip the name on every run and a chain takes several runs.
/// Forms compare without case, so a near miss is caught too.
fn check_canonical_conflicts(rules: &[Rule], findings: &mut Vec<Finding>) {
    use super::{EntityMode, Pattern, RuleKind};
    let canonical_rules = || {
        rules.iter().filter_map(|r| match &r.kind {
            RuleKind::Entity(e) if e.mode == EntityMode::Canonical => Some((r, e)),
            _ => None,
        })
    };
    let key = |t: &super::Term| match &t.pattern {
        Pattern::Literal(s) => Some(s.to_lowercase()),
        Pattern::Regex(_) => None,
    };
    let canonicals: HashMap<String, (&Rule, &super::EntityRule)> = canonical_rules()
        .filter_map(|(r, e)| Some((key(&e.canonical)?, (r, e))))
        .collect();
    for (rule, entity) in canonical_rules() {
        for variant in &entity.variants {
            let Some((other, other_entity)) = key(variant).and_then(|k| canonicals.get(&k)) else {
                continue;
            };
            if other.id == rule.id {
                continue;
            }
            let mutual = key(&entity.canonical).is_some_and(|mine| {
                other_entity
                    .variants
                    .iter()
                    .any(|v| key(v).as_ref() == Some(&mine))
            });
            let note = if mutual {
                format!(
                    "the two rules rewrite each other: `--fix` would turn `{}` into `{}` and back on every run",
                    variant.written, entity.canonical.written
                )
            } else {
                format!(
                    "`{}` rewrites `{}`, the form `{}` accepts, to `{}`; keep the name in one rule",
                    rule.id, variant.written, other.id, entity.canonical.written
                )
            };
            findings.push(
                Finding::new(
                    Code::ConflictingCanonical,
                    format!(
                        "variant `{}` of `{}` is the canonical form of `{}`",
                        variant.written, rule.id, other.id
                    ),
                )
                .with_rule(rule.id.clone())
                .with_label(Label::primary(variant.at, "a variant here"))
                .with_label(Label::secondary(
                    other_entity.canonical.at,
                    format!("the canonical form of `{}`", other.id),
                ))
                .with_note(note),
            );
        }
    }
}

/// Reports unknown top-level keys and tables of a rule file.
fn check_top_keys(diag: &mut Diag, top: TableRef<'_, '_>) {
    for (key, value) in top.entries() {
        let name: &str = key.get_ref();
        if TOP_KEYS.contains(&name) {
            continue;
        }
        let message = match value.get_ref() {
            DeValue::Table(_) => format!("unknown table `[{name}]`"),
            DeValue::Array(items)
                if !items.is_empty() && items.iter().all(|i| i.get_ref().is_table()) =>
            {
                format!("unknown table `[[{name}]]`")
            }
            _ => format!("unknown key `{name}` at the top level"),
        };
        let mut finding = diag.error(Code::UnknownKey, message, key.span(), "unknown");
        if let Some(close) = did_you_mean(name, TOP_KEYS) {
            finding = finding.with_note(format!("did you mean `{close}`?"));
        } else if let Some(kind) = Kind::ALL.iter().find(|k| k.keys().contains(&name)) {
            finding = finding.with_note(format!(
                "`{name}` is a key of a rule: put it inside a `[[{}]]` table",
                kind.key()
            ));
        }
        diag.push(finding.with_note(format!("a rule file holds {}", backticked(TOP_KEYS))));
    }
}

/// `path` itself if it is a file, or every `*.toml` under it, sorted by path. Symlinked
/// directories are not followed (no loops).
fn toml_files(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    walk(path, &mut out);
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            out.push(path);
        }
    }
}

/// The path shown to users: relative to `base` when it is under it (lexically or once both are
/// canonical), else as given; `/`-separated, without `.` components.
pub(crate) fn display_path(path: &Path, base: &Path) -> String {
    let relative = path
        .strip_prefix(base)
        .ok()
        .map(Path::to_path_buf)
        .or_else(|| {
            let path = std::fs::canonicalize(path).ok()?;
            let base = std::fs::canonicalize(base).ok()?;
            path.strip_prefix(base).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf());
    let mut parts: Vec<String> = Vec::new();
    for component in relative.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != ".." && !p.is_empty()) => {
                parts.pop();
            }
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() {
        ".".to_string()
    } else if parts == [""] {
        "/".to_string()
    } else {
        parts.join("/")
    }
}
