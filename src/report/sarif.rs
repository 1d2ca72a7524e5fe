//! SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning and other SARIF viewers.
//!
//! One run, one result per finding:
//!
//! - `ruleId` is the user's rule id for facts (`kerman-death-toll`) and the check name for
//!   everything else (`unknown-key`), matching the human output; `tool.driver.rules` describes
//!   every id the results use, sorted, and `ruleIndex` points into it;
//! - `locations` holds the primary label, `relatedLocations` the evidence in other files, each
//!   with its label message;
//! - `partialFingerprints["factlint/v1"]` is the finding's fingerprint ([`crate::fingerprint`])
//!   with its occurrence number, so code scanning tracks a finding across edits that move it;
//! - `fixes` carries safe fixes only (a canonical name form);
//! - columns count Unicode code points (`columnKind: unicodeCodePoints`) as every other format
//!   does, and regions also give `byteOffset`/`byteLength` into the original file.
//!
//! Paths are the relative display paths; GitHub resolves them against the repository root, so
//! run factlint from there. `tests/data/sarif-schema-2.1.0.json` validates the output in tests.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Summary, line_column, shown_name};
use crate::files::Files;
use crate::finding::{Code, CodeKind, Finding, Label, Severity};
use crate::fingerprint;
use crate::rules::{RuleKind, RuleSet};
use crate::span::Span;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The schema the output declares.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What SARIF says about one user rule; taken from the rule set when the caller has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    /// The rule id.
    pub id: String,
    /// The rule's one-line description, if it has one.
    pub description: Option<String>,
    /// `path:line` of its definition.
    pub location: String,
    /// `entity`, `quantity` or `date`.
    pub kind: &'static str,
}

/// The descriptions of a rule set's rules.
pub fn rule_docs(rules: &RuleSet) -> Vec<RuleDoc> {
    rules
        .rules
        .iter()
        .map(|r| RuleDoc {
            id: r.id.clone(),
            description: r.description.clone(),
            location: r.location.clone(),
            kind: match r.kind {
                RuleKind::Entity(_) => "entity",
                RuleKind::Quantity(_) => "quantity",
                RuleKind::Date(_) => "date",
            },
        })
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The "What it checks" section of a code's documentation, as one paragraph.
fn what_it_checks(code: Code) -> String {
    code.doc()
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("## What it checks"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A code's documentation without the leading space `///` leaves on each line.
fn doc_text(code: Code) -> String {
    code.doc()
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

fn descriptor(id: &str, code: Code, docs: &[RuleDoc]) -> Value {
    let is_code = Code::from_name(id) == Some(code);
    if is_code {
        let what = what_it_checks(code);
        let short = what
            .split(". ")
            .next()
            .unwrap_or(&what)
            .trim_end_matches('.');
        return json!({
            "id": id,
            "shortDescription": {"text": format!("{short}.")},
            "fullDescription": {"text": what},
            "help": {
                "text": format!("{}\n\nRun `factlint explain {id}` for more.", doc_text(code)),
                "markdown": doc_text(code),
            },
            "defaultConfiguration": {"level": level(code.default_severity())},
            "properties": {"tags": ["factlint", kind_tag(code)]},
        });
    }
    let doc = docs.iter().find(|d| d.id == id);
    let short = doc
        .and_then(|d| d.description.clone())
        .unwrap_or_else(|| format!("Fact rule `{id}`"));
    let full = match doc {
        Some(d) => format!("{short} ({} rule defined in {}).", d.kind, d.location),
        None => format!("{short}."),
    };
    let mut tags = vec!["factlint".to_string(), "fact".to_string()];
    if let Some(d) = doc {
        tags.push(d.kind.to_string());
    }
    json!({
        "id": id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {
            "text": format!(
                "The documents disagree on this fact. Run `factlint explain {id}` to see every \
                 mention and how it was read."
            ),
        },
        "properties": {"tags": tags},
    })
}

fn kind_tag(code: Code) -> &'static str {
    match code.kind() {
        CodeKind::Rule => "rule-file",
        CodeKind::Input => "input",
        CodeKind::Fact => "fact",
    }
}

/// A region: 1-based lines, code-point columns (end exclusive), and bytes.
fn region(files: &Files, span: Span) -> Value {
    let (start_line, start_column) = line_column(files, span.file, span.start);
    let (end_line, end_column) = line_column(files, span.file, span.end);
    let mut region = json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
    });
    if let Some(text) = files.source(span.file).get(span.range())
        && let Some(map) = region.as_object_mut()
    {
        map.insert("snippet".into(), json!({"text": text}));
    }
    region
}

fn artifact(path: &str) -> Value {
    json!({"uri": percent_encoded(path)})
}

/// A relative path as a URI reference (RFC 3986): every byte but the unreserved characters
/// and `/` percent-encoded, so that `a b#c?.md` is one path, not a path, a query and a
/// fragment.
fn percent_encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(files: &Files, label: &Label) -> Value {
    let mut location = json!({
        "artifactLocation": artifact(files.path(label.span.file)),
        "region": region(files, label.span),
    });
    // A DOCX region is in the extracted text; say which paragraph it is.
    if let Some(locator) = super::locator(files, label.span) {
        location["properties"] = json!({ "locator": locator });
    }
    location
}

fn result(files: &Files, finding: &Finding, rule_index: usize, fingerprint: &str) -> Value {
    let mut text = finding.message.clone();
    if !finding.notes.is_empty() {
        text.push_str("\n\n");
        text.push_str(&finding.notes.join("\n"));
    }
    let locations: Vec<Value> = match (finding.primary(), &finding.path) {
        (Some(label), _) => vec![json!({
            "physicalLocation": physical(files, label),
            "message": {"text": label.message},
        })],
        (None, Some(path)) => {
            vec![json!({"physicalLocation": {"artifactLocation": artifact(path)}})]
        }
        (None, None) => Vec::new(),
    };
    let related: Vec<Value> = finding
        .labels
        .iter()
        .filter(|l| !l.primary)
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(files, l),
                "message": {"text": l.message},
            })
        })
        .collect();
    let mut value = json!({
        "ruleId": shown_name(finding),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": text},
        "locations": locations,
        "partialFingerprints": {format!("factlint/{}", fingerprint::VERSION): fingerprint},
        "properties": {"code": finding.code.name()},
    });
    let Some(map) = value.as_object_mut() else {
        return value;
    };
    if !related.is_empty() {
        map.insert("relatedLocations".into(), Value::Array(related));
    }
    if let Some(fix) = finding
        .fix
        .as_ref()
        .filter(|f| f.safe && !f.edits.is_empty())
    {
        let mut by_file: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for edit in &fix.edits {
            by_file
                .entry(files.path(edit.span.file))
                .or_default()
                .push(json!({
                    "deletedRegion": region(files, edit.span),
                    "insertedContent": {"text": edit.replacement},
                }));
        }
        let description = match fix.edits.as_slice() {
            [edit] => format!("Replace with `{}`", edit.replacement),
            _ => "Apply the suggested replacements".to_string(),
        };
        let changes: Vec<Value> = by_file
            .into_iter()
            .map(|(uri, replacements)| {
                json!({"artifactLocation": artifact(uri), "replacements": replacements})
            })
            .collect();
        map.insert(
            "fixes".into(),
            json!([{"description": {"text": description}, "artifactChanges": changes}]),
        );
    }
    value
}

/// What every result of a run refers to: the rule descriptors, each rule's index among them,
/// and each finding's fingerprint.
struct RunIndex<'f> {
    descriptors: Vec<Value>,
    index: BTreeMap<&'f str, usize>,
    fingerprints: Vec<String>,
}

impl<'f> RunIndex<'f> {
    fn new(files: &Files, findings: &'f [Finding], rules: &[RuleDoc]) -> RunIndex<'f> {
        let mut ids: BTreeMap<&str, Code> = BTreeMap::new();
        for f in findings {
            ids.entry(shown_name(f)).or_insert(f.code);
        }
        RunIndex {
            index: ids.keys().enumerate().map(|(i, id)| (*id, i)).collect(),
            descriptors: ids
                .iter()
                .map(|(id, code)| descriptor(id, *code, rules))
                .collect(),
            fingerprints: fingerprint::numbered(findings, files),
        }
    }

    fn results<'a>(
        &'a self,
        files: &'a Files,
        findings: &'a [Finding],
    ) -> impl Iterator<Item = Value> + 'a {
        findings.iter().zip(&self.fingerprints).map(move |(f, fp)| {
            result(
                files,
                f,
                self.index.get(shown_name(f)).copied().unwrap_or(0),
                fp,
            )
        })
    }

    /// The run object without its results.
    fn run(&self, summary: &Summary) -> Value {
        json!({
            "tool": {"driver": {
                "name": "factlint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": self.descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "properties": {"summary": summary},
        })
    }
}

/// The SARIF log of a run, as a JSON value.
pub fn to_value(
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    rules: &[RuleDoc],
) -> Value {
    let index = RunIndex::new(files, findings, rules);
    let results: Vec<Value> = index.results(files, findings).collect();
    let mut run = index.run(summary);
    run["results"] = Value::Array(results);
    json!({
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [run],
    })
}

/// Writes the SARIF log on one line, one result at a time: the log of an archive with tens of
/// thousands of findings never sits in memory as one JSON tree.
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    rules: &[RuleDoc],
    out: &mut dyn Write,
) -> io::Result<()> {
    let index = RunIndex::new(files, findings, rules);
    let run = serde_json::to_string(&index.run(summary))?;
    // `{"tool":…,"properties":…}` reopened to take the results last.
    let run = run.strip_suffix('}').unwrap_or(&run);
    write!(
        out,
        r#"{{"$schema":{},"version":{},"runs":[{run},"results":["#,
        serde_json::to_string(SCHEMA_URI)?,
        serde_json::to_string(SARIF_VERSION)?,
    )?;
    for (i, result) in index.results(files, findings).enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &result)?;
    }
    writeln!(out, "]}}]}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(percent_encoded("docs/a b#c?.md"), "docs/a%20b%23c%3F.md");
        assert_eq!(
            percent_encoded("news/Türkiye-1.md"),
            "news/T%C3%BCrkiye-1.md"
        );
        assert_eq!(percent_encoded("../x_y~z.md"), "../x_y~z.md");
    }
    use crate::finding::{Edit, Fix};

    fn run() -> Value {
        let mut files = Files::new();
        let a = files.add("a.md", "Analysts blamed ISIS-K.\n");
        let b = files.add("b.md", "The group IS-K claimed it.\n");
        let finding = Finding::new(Code::EntityVariant, "`ISIS-K` should be written `IS-K`")
            .with_rule("iskp-name")
            .with_label(Label::primary(Span::new(a, 16..22), "variant of `IS-K`"))
            .with_label(Label::secondary(Span::new(b, 10..14), "`IS-K` here"))
            .with_note("rule note")
            .with_fix(Fix {
                edits: vec![Edit {
                    span: Span::new(a, 16..22),
                    replacement: "IS-K".into(),
                }],
                safe: true,
            });
        let unsafe_fix = Finding::new(Code::QuantityMismatch, "94 or 96")
            .with_rule("toll")
            .with_label(Label::primary(Span::new(b, 0..3), "read"))
            .with_fix(Fix {
                edits: vec![Edit {
                    span: Span::new(b, 0..3),
                    replacement: "x".into(),
                }],
                safe: false,
            });
        let problem = Finding::new(Code::BinaryFile, "looks binary").with_path("logo.png");
        let findings = vec![finding, unsafe_fix, problem];
        let summary = Summary::new(2, 1, 2, &findings);
        let docs = vec![RuleDoc {
            id: "iskp-name".into(),
            description: Some("Name of the branch".into()),
            location: "rules/x.toml:2".into(),
            kind: "entity",
        }];
        to_value(&files, &findings, &summary, &docs)
    }

    #[test]
    fn results_carry_locations_evidence_fingerprints_and_safe_fixes() {
        let v = run();
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "iskp-name");
        assert_eq!(r["level"], "warning");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
            (Some(17), Some(23))
        );
        assert_eq!(region["snippet"]["text"], "ISIS-K");
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "b.md"
        );
        assert_eq!(r["relatedLocations"][0]["message"]["text"], "`IS-K` here");
        let fp = r["partialFingerprints"]["factlint/v1"]
            .as_str()
            .unwrap_or("");
        assert!(fp.ends_with(":1") && fp.len() == 18, "{fp}");
        let replacement = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["insertedContent"]["text"], "IS-K");
        assert_eq!(replacement["deletedRegion"]["byteOffset"], 16);
        assert!(
            run["results"][1].get("fixes").is_none(),
            "unsafe fixes stay out"
        );
        assert_eq!(run["results"][1]["level"], "error");
        assert_eq!(run["results"][2]["ruleId"], "binary-file");
        assert_eq!(
            run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "logo.png"
        );
    }

    #[test]
    fn rules_are_described_sorted_and_indexed() {
        let v = run();
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
        assert_eq!(ids, ["binary-file", "iskp-name", "toll"]);
        assert_eq!(rules[1]["shortDescription"]["text"], "Name of the branch");
        assert!(
            rules[0]["fullDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .contains("binary")
        );
        for r in run["results"].as_array().into_iter().flatten() {
            let i = r["ruleIndex"].as_u64().unwrap_or(99) as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
        }
    }
}
