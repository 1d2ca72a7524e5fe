//! JSON Schemas (draft-07) for rule files and `factlint.toml`, for editors that complete and
//! check TOML against a JSON Schema (Taplo / Even Better TOML, Tombi).
//!
//! The schemas are built from the key lists the loaders themselves check against
//! ([`Kind::keys`], the config's key lists), so a key cannot be accepted by one and missing
//! from the other: a unit test fails when a key has no description here. The committed copies
//! under `schemas/` are compared with these by a test (`tests/authoring.rs`), and
//! `factlint schema` prints them.

use serde_json::{Map, Value, json};

use crate::config;
use crate::rules::compile::{EXAMPLE_KEYS, Kind};
use crate::rules::load;

/// Where the rule file schema is committed, relative to the repository root.
pub const RULES_SCHEMA_PATH: &str = "schemas/rules.schema.json";
/// Where the `factlint.toml` schema is committed, relative to the repository root.
pub const CONFIG_SCHEMA_PATH: &str = "schemas/factlint.schema.json";

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// The values a string key accepts, as the loaders list them in their `invalid-value` notes.
pub const CHOICES: &[(&str, &[&str])] = &[
    ("severity", &["error", "warning", "info"]),
    ("scope", &["sentence", "paragraph", "document"]),
    ("mode", &["canonical", "consistent", "corpus"]),
    ("unit", &["count", "number", "percent", "money", "age"]),
    ("bare_round", &["exact", "approx"]),
    ("monotone", &["increasing", "decreasing"]),
    ("order", &["dmy", "mdy"]),
    ("fail_on", &["error", "warning", "info"]),
];

fn choice(key: &str, description: &str) -> Value {
    let options = CHOICES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[][..], |(_, o)| *o);
    json!({ "type": "string", "enum": options, "description": description })
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn terms(description: &str) -> Value {
    json!({
        "type": "array",
        "items": { "$ref": "#/definitions/term" },
        "minItems": 1,
        "description": description,
    })
}

/// The schema of one key of a rule table of `kind`, or `None` for a key this module does not
/// describe (a unit test keeps that from happening).
fn rule_key(kind: Kind, key: &str) -> Option<Value> {
    let v = match (kind, key) {
        (_, "id") => json!({
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": "Unique kebab-case id; names the rule in diagnostics, suppressions and `factlint explain`.",
        }),
        (_, "description") => {
            string("One line saying what the fact is (\"Death toll of the Kerman bombings\").")
        }
        (_, "severity") => choice(
            "severity",
            "Severity of this rule's findings; default: the check's own.",
        ),
        (_, "scope") => choice(
            "scope",
            "Where subject and mention must co-occur (default `sentence`).",
        ),
        (_, "case_sensitive") => json!({
            "type": "boolean",
            "description": "Whether terms match case-sensitively. Default: true for entities (acronyms), false otherwise.",
        }),
        (_, "exclude") => terms("Patterns whose matches never count as mentions."),
        (_, "examples") => json!({
            "type": "array",
            "items": { "$ref": "#/definitions/example" },
            "description": "Examples run by `factlint test`: a text with its expected readings, or several files with the expected findings.",
        }),
        (Kind::Entity, "canonical") => json!({
            "$ref": "#/definitions/term",
            "description": "The accepted form of the name.",
        }),
        (Kind::Entity, "variants") => terms("Other forms of the same name."),
        (Kind::Entity, "mode") => choice(
            "mode",
            "`canonical`: every variant is a finding, fixed by `check --fix`; `consistent`: one form per document; `corpus`: one form across all documents.",
        ),
        (Kind::Entity, "fix") => json!({
            "type": "boolean",
            "default": true,
            "description": "Whether `check --fix` may rewrite this rule's variants (mode `canonical`); `false` reports them only.",
        }),
        (Kind::Quantity | Kind::Date, "subject") => {
            terms("The mention's scope must name one of these.")
        }
        (Kind::Quantity | Kind::Date, "cue") => {
            terms("The value must sit in a frame with one of these (\"killed\", \"attack\").")
        }
        (Kind::Quantity, "value") => json!({
            "type": "number",
            "description": "The known value; without it, the documents must agree with each other.",
        }),
        (Kind::Quantity, "tolerance") => json!({
            "type": ["string", "number"],
            "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$",
            "minimum": 0,
            "maximum": 0.5,
            "default": "5%",
            "description": "How loose \"about / some / around N\" is: a percentage (\"5%\") or a fraction (0.05), at most 50%.",
        }),
        (Kind::Quantity, "unit") => choice(
            "unit",
            "What is counted (default `count`: non-negative integers).",
        ),
        (Kind::Quantity, "currency") => {
            string("For `unit = \"money\"`: the currency code or symbol (\"USD\", \"$\").")
        }
        (Kind::Quantity, "roundness") => json!({
            "type": "boolean",
            "default": true,
            "description": "Whether round numbers widen approximate readings (\"some 140\" is looser than \"some 144\").",
        }),
        (Kind::Quantity, "bare_round") => choice(
            "bare_round",
            "How a bare round number (\"140 victims\") is read (default `exact`).",
        ),
        (Kind::Quantity, "monotone") => choice(
            "monotone",
            "A figure that legitimately moves over time; older lower figures are stale, not wrong.",
        ),
        (Kind::Date, "value") => json!({
            "type": ["string", "integer"],
            "description": "The known date: `2022-09-05`, `2022-09`, `2022` or a range `2024-03-08/2024-03-10`.",
        }),
        (Kind::Date, "year") => json!({
            "type": "integer",
            "minimum": 1,
            "maximum": 9999,
            "description": "The year to assume when a mention has none.",
        }),
        (Kind::Date, "order") => choice(
            "order",
            "Allows numeric dates (03/08/2024) in this field order.",
        ),
        _ => return None,
    };
    Some(v)
}

fn example_key(key: &str) -> Option<Value> {
    let v = match key {
        "text" => string("A text read by the rule alone (as plain text)."),
        "expect" => json!({
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } },
            ],
            "description": "The expected readings, one per mention, read with the rule's grammar: \"144\", \"at least 139\", \"[133, 147]\", \"22 March\", \"ISIS-K\"; \"none\" for no mention.",
        }),
        "files" => json!({
            "type": "object",
            "additionalProperties": { "type": "string" },
            "description": "A multi-file case: file name = content. The name's extension picks the format.",
        }),
        "findings" => json!({
            "type": "array",
            "items": { "type": "string", "pattern": "^([^:]+:)?[a-z0-9-]+$" },
            "description": "The expected findings: \"b.md:quantity-mismatch\" (file of the primary label and code) or a bare code; [] for none.",
        }),
        _ => return None,
    };
    Some(v)
}

fn top_rule_key(key: &str) -> Option<Value> {
    let kind = Kind::ALL.iter().find(|k| k.key() == key);
    if let Some(kind) = kind {
        return Some(json!({
            "type": "array",
            "items": { "$ref": format!("#/definitions/{}", kind.key()) },
        }));
    }
    (key == "include").then(|| {
        json!({
            "type": "array",
            "items": { "type": "string", "minLength": 1 },
            "description": "Other rule files or directories to load, relative to this file.",
        })
    })
}

/// An object schema with exactly `keys`, each described by `describe` (or left open).
fn object(keys: &[&str], describe: impl Fn(&str) -> Option<Value>, required: &[&str]) -> Value {
    let mut properties = Map::new();
    for key in keys {
        properties.insert(
            (*key).to_string(),
            describe(key).unwrap_or_else(|| json!({})),
        );
    }
    let mut o = Map::new();
    o.insert("type".into(), json!("object"));
    o.insert("additionalProperties".into(), json!(false));
    o.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        o.insert("required".into(), json!(required));
    }
    Value::Object(o)
}

fn required(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Entity => &["id", "canonical", "variants"],
        Kind::Quantity | Kind::Date => &["id", "subject"],
    }
}

/// The schema of a rule file (`rules/*.toml`).
pub fn rules_schema() -> Value {
    let mut definitions = Map::new();
    definitions.insert(
        "term".into(),
        json!({
            "type": "string",
            "minLength": 1,
            "description": "A literal (whole words; quotes, dashes and spaces normalized) or a regular expression written /.../ (Rust regex syntax).",
        }),
    );
    definitions.insert("example".into(), object(EXAMPLE_KEYS, example_key, &[]));
    for kind in Kind::ALL {
        let mut table = object(kind.keys(), |k| rule_key(kind, k), required(kind));
        if let Value::Object(o) = &mut table {
            o.insert("title".into(), json!(format!("[[{}]]", kind.key())));
        }
        definitions.insert(kind.key().into(), table);
    }
    let mut schema = object(load::TOP_KEYS, top_rule_key, &[]);
    if let Value::Object(o) = &mut schema {
        o.insert("$schema".into(), json!(DRAFT));
        o.insert("title".into(), json!("factlint rule file"));
        o.insert(
            "description".into(),
            json!("Facts that must agree across documents: [[entity]], [[quantity]] and [[date]] rules."),
        );
        o.insert("definitions".into(), Value::Object(definitions));
    }
    schema
}

fn config_key(key: &str) -> Option<Value> {
    let v = match key {
        "rules" => json!({
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } },
            ],
            "default": ["rules"],
            "description": "Rule files, or directories searched for *.toml, relative to this file.",
        }),
        "fail_on" => choice(
            "fail_on",
            "The lowest severity that fails the run (default `error`).",
        ),
        "max_file_size" => json!({
            "type": ["integer", "string"],
            "minimum": 1,
            "pattern": "^\\s*[0-9.]+\\s*([kKmMgG][iI]?)?[bB]?\\s*$",
            "default": "10MiB",
            "description": "Larger documents are skipped with a warning: bytes, or a size such as \"10MB\" or \"512KiB\".",
        }),
        "documents" => object(config::DOCUMENT_KEYS, document_key, &[]),
        "checks" => object(config::CHECK_KEYS, check_key, &[]),
        _ => return None,
    };
    Some(v)
}

fn document_key(key: &str) -> Option<Value> {
    let globs =
        |d: &str| json!({ "type": "array", "items": { "type": "string" }, "description": d });
    let v = match key {
        "paths" => globs("Files or directories to read (default [\".\"])."),
        "include" => globs("Globs a walked file must match (default: every file)."),
        "exclude" => globs("Globs that exclude files, also files named on the command line."),
        _ => return None,
    };
    Some(v)
}

fn check_key(key: &str) -> Option<Value> {
    let flag = |d: &str| json!({ "type": "boolean", "default": true, "description": d });
    let v = match key {
        "weekday" => flag("Report a weekday that contradicts its full date."),
        "near_duplicates" => flag("Count near-duplicate documents once towards a consensus."),
        _ => return None,
    };
    Some(v)
}

/// The schema of `factlint.toml`.
pub fn config_schema() -> Value {
    let mut schema = object(config::TOP_KEYS, config_key, &[]);
    if let Value::Object(o) = &mut schema {
        o.insert("$schema".into(), json!(DRAFT));
        o.insert("title".into(), json!("factlint.toml"));
        o.insert(
            "description".into(),
            json!("Where factlint's rules and documents are, and run defaults."),
        );
    }
    schema
}

/// A schema as committed: pretty JSON with a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Files;
    use crate::rules::load_rules;

    #[test]
    fn every_key_the_loaders_accept_is_described() {
        for kind in Kind::ALL {
            for key in kind.keys() {
                assert!(rule_key(kind, key).is_some(), "[[{}]] {key}", kind.key());
            }
        }
        for key in EXAMPLE_KEYS {
            assert!(example_key(key).is_some(), "examples.{key}");
        }
        for key in load::TOP_KEYS {
            assert!(top_rule_key(key).is_some(), "top-level {key}");
        }
        for key in config::TOP_KEYS {
            assert!(config_key(key).is_some(), "factlint.toml {key}");
        }
        for key in config::DOCUMENT_KEYS {
            assert!(document_key(key).is_some(), "[documents] {key}");
        }
        for key in config::CHECK_KEYS {
            assert!(check_key(key).is_some(), "[checks] {key}");
        }
    }

    /// The enums of the schema are the options the rule loader lists when a value is wrong.
    #[test]
    fn choices_match_what_the_loader_accepts() {
        let rule_choices = [
            ("quantity", "severity"),
            ("quantity", "scope"),
            ("entity", "mode"),
            ("quantity", "unit"),
            ("quantity", "bare_round"),
            ("quantity", "monotone"),
            ("date", "order"),
        ];
        let dir = tempfile::tempdir().expect("tempdir");
        for (kind, key) in rule_choices {
            let head = match kind {
                "entity" => "[[entity]]\nid = \"e\"\ncanonical = \"A\"\nvariants = [\"B\"]\n",
                "quantity" => "[[quantity]]\nid = \"q\"\nsubject = [\"S\"]\n",
                _ => "[[date]]\nid = \"d\"\nsubject = [\"S\"]\n",
            };
            let path = dir.path().join(format!("{key}.toml"));
            std::fs::write(&path, format!("{head}{key} = \"bogus\"\n")).expect("write");
            let mut files = Files::new();
            let (_, findings) = load_rules(&[path], dir.path(), &mut files);
            let prefix = format!("`{key}` is one of: ");
            let listed = findings
                .iter()
                .flat_map(|f| f.notes.iter())
                .find_map(|n| n.strip_prefix(&prefix))
                .unwrap_or_else(|| panic!("no options note for {key}: {findings:?}"));
            let options: Vec<String> = listed
                .split(", ")
                .map(|o| o.trim_matches('`').to_string())
                .collect();
            let ours = CHOICES
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, o)| *o)
                .unwrap_or_default();
            assert_eq!(options, ours, "{key}");
        }
    }

    #[test]
    fn the_rule_schema_lists_each_kind_and_its_required_keys() {
        let schema = rules_schema();
        for kind in Kind::ALL {
            let def = &schema["definitions"][kind.key()];
            assert_eq!(def["additionalProperties"], json!(false));
            assert_eq!(
                def["properties"].as_object().map(Map::len),
                Some(kind.keys().len())
            );
            assert!(
                def["required"]
                    .as_array()
                    .is_some_and(|r| r.contains(&json!("id")))
            );
        }
        assert_eq!(
            schema["properties"]["quantity"]["items"]["$ref"],
            "#/definitions/quantity"
        );
    }
}
