//! Reading spanned TOML by hand, for rule files and `factlint.toml` alike.
//!
//! Files are parsed with [`toml::de::DeTable`], which keeps the byte span of every key and
//! value. [`Diag`] collects findings for one file; [`TableRef`] wraps one table and offers
//! typed getters that report a wrong type, a missing key or an unknown key as a finding with a
//! span, and return `None` so the caller can go on and report every other problem too.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::suggest::did_you_mean;
use crate::finding::{Code, Finding, Label};
use crate::span::{FileId, Span};

/// A spanned TOML value.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// A value together with the byte range it was written at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At<T> {
    /// The value.
    pub value: T,
    /// Its bytes in the TOML file.
    pub span: Range<usize>,
}

impl<T> At<T> {
    pub(crate) fn new(value: T, span: Range<usize>) -> At<T> {
        At { value, span }
    }
}

/// Findings about one TOML file; `rule` is attached to every finding made while it is set.
#[derive(Debug)]
pub(crate) struct Diag {
    /// The file spans point into.
    pub file: FileId,
    /// The id of the rule being read, once known.
    pub rule: Option<String>,
    /// What was found so far.
    pub findings: Vec<Finding>,
}

impl Diag {
    pub(crate) fn new(file: FileId) -> Diag {
        Diag {
            file,
            rule: None,
            findings: Vec::new(),
        }
    }

    /// A span of `range` in this file.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// A finding with a primary label at `at`, tagged with the current rule.
    pub(crate) fn error(
        &self,
        code: Code,
        message: impl Into<String>,
        at: Range<usize>,
        label: impl Into<String>,
    ) -> Finding {
        let finding = Finding::new(code, message).with_label(Label::primary(self.span(at), label));
        match &self.rule {
            Some(rule) => finding.with_rule(rule.clone()),
            None => finding,
        }
    }

    /// Records a finding.
    pub(crate) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Reports a value of the wrong type.
    pub(crate) fn wrong_type(&mut self, key: &str, expected: &str, value: &Value<'_>) {
        self.push(self.error(
            Code::WrongType,
            format!(
                "`{key}` must be {expected}, not {}",
                type_name(value.get_ref())
            ),
            value.span(),
            format!("expected {expected}"),
        ));
    }

    /// Reports a value outside what `key` accepts.
    pub(crate) fn invalid(
        &mut self,
        message: impl Into<String>,
        at: Range<usize>,
        label: impl Into<String>,
        notes: &[String],
    ) {
        let mut finding = self.error(Code::InvalidValue, message, at, label);
        finding.notes.extend(notes.iter().cloned());
        self.push(finding);
    }

    /// Reports a string that must be one of `options`, with a did-you-mean.
    pub(crate) fn bad_choice(&mut self, key: &str, got: &At<String>, options: &[&str]) {
        let mut notes = Vec::new();
        if let Some(close) = did_you_mean(&got.value, options) {
            notes.push(format!("did you mean `{close}`?"));
        }
        notes.push(format!("`{key}` is one of: {}", backticked(options)));
        self.invalid(
            format!("invalid {key} `{}`", got.value),
            got.span.clone(),
            format!("not a valid {key}"),
            &notes,
        );
    }
}

/// The TOML type of a value, for messages ("a string", "an array").
pub(crate) fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// `a`, `b`, `c` for notes.
pub(crate) fn backticked(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An integer value as `i64`, if it is an integer that fits.
pub(crate) fn as_i64(value: &DeValue<'_>) -> Option<i64> {
    let int = value.as_integer()?;
    i64::from_str_radix(int.as_str(), int.radix()).ok()
}

/// A number (integer or float) as `f64`.
pub(crate) fn as_f64(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(_) => as_i64(value).map(|i| i as f64),
        DeValue::Float(f) => f.as_str().parse().ok(),
        _ => None,
    }
}

/// One table being read: its entries, the span of its header and its name for messages
/// (`[[quantity]]`, `[documents]`).
#[derive(Clone, Copy)]
pub(crate) struct TableRef<'t, 'i> {
    /// The entries.
    pub table: &'t DeTable<'i>,
    /// The header (`[[quantity]]`) or the inline table.
    pub span: &'t Range<usize>,
    /// How messages name the table.
    pub name: &'t str,
}

impl<'t, 'i> TableRef<'t, 'i> {
    /// The value of `key`, if present.
    pub(crate) fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    /// Entries in source order (the parsed map is sorted by key).
    pub(crate) fn entries(&self) -> Vec<(&'t Spanned<toml::de::DeString<'i>>, &'t Value<'i>)> {
        let mut entries: Vec<_> = self.table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        entries
    }

    /// Reports each key not in `allowed`, with a did-you-mean and the list of valid keys.
    /// `elsewhere` may explain a key that belongs to another table (`canonical` is an entity
    /// key).
    pub(crate) fn check_keys(
        &self,
        diag: &mut Diag,
        allowed: &[&str],
        elsewhere: &dyn Fn(&str) -> Option<String>,
    ) {
        for (key, _) in self.entries() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            let mut finding = diag.error(
                Code::UnknownKey,
                format!("unknown key `{name}` in {}", self.name),
                key.span(),
                "unknown key",
            );
            if let Some(close) = did_you_mean(name, allowed) {
                finding = finding.with_note(format!("did you mean `{close}`?"));
            } else if let Some(note) = elsewhere(name) {
                finding = finding.with_note(note);
            }
            finding = finding.with_note(format!(
                "valid keys in {}: {}",
                self.name,
                backticked(allowed)
            ));
            diag.push(finding);
        }
    }

    /// Reports `key` as missing from this table.
    pub(crate) fn missing(&self, diag: &mut Diag, key: &str, what: &str) {
        diag.push(diag.error(
            Code::MissingKey,
            format!("missing key `{key}` in {}", self.name),
            self.span.clone(),
            format!("this table needs `{key}` ({what})"),
        ));
    }

    /// A string value.
    pub(crate) fn string(&self, diag: &mut Diag, key: &str) -> Option<At<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(At::new(s.to_string(), value.span())),
            _ => {
                diag.wrong_type(key, "a string", value);
                None
            }
        }
    }

    /// A boolean value.
    pub(crate) fn boolean(&self, diag: &mut Diag, key: &str) -> Option<At<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(At::new(*b, value.span())),
            _ => {
                diag.wrong_type(key, "a boolean (`true` or `false`)", value);
                None
            }
        }
    }

    /// A string that must be one of `options`; returns its index in `options`.
    pub(crate) fn choice(&self, diag: &mut Diag, key: &str, options: &[&str]) -> Option<usize> {
        let got = self.string(diag, key)?;
        let found = options.iter().position(|o| *o == got.value);
        if found.is_none() {
            diag.bad_choice(key, &got, options);
        }
        found
    }

    /// An array of strings (each element checked); `None` if the value is not an array.
    pub(crate) fn strings(&self, diag: &mut Diag, key: &str) -> Option<At<Vec<At<String>>>> {
        let value = self.get(key)?;
        Some(At::new(string_items(diag, key, value)?, value.span()))
    }

    /// A string or an array of strings.
    pub(crate) fn string_or_strings(
        &self,
        diag: &mut Diag,
        key: &str,
    ) -> Option<At<Vec<At<String>>>> {
        let value = self.get(key)?;
        if let DeValue::String(s) = value.get_ref() {
            return Some(At::new(
                vec![At::new(s.to_string(), value.span())],
                value.span(),
            ));
        }
        Some(At::new(string_items(diag, key, value)?, value.span()))
    }
}

/// The strings of an array value; reports a non-array and each non-string element.
fn string_items(diag: &mut Diag, key: &str, value: &Value<'_>) -> Option<Vec<At<String>>> {
    let Some(items) = value.get_ref().as_array() else {
        diag.wrong_type(key, "an array of strings", value);
        return None;
    };
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => out.push(At::new(s.to_string(), item.span())),
            _ => diag.push(diag.error(
                Code::WrongType,
                format!(
                    "`{key}` must be an array of strings, but this item is {}",
                    type_name(item.get_ref())
                ),
                item.span(),
                "expected a string",
            )),
        }
    }
    Some(out)
}

/// Parses a TOML file; each syntax error becomes a `rule-syntax` finding.
pub(crate) fn parse<'i>(diag: &mut Diag, source: &'i str) -> Option<Spanned<DeTable<'i>>> {
    match DeTable::parse(source) {
        Ok(table) => Some(table),
        Err(first) => {
            let (_, mut errors) = DeTable::parse_recoverable(source);
            if errors.is_empty() {
                errors.push(first);
            }
            let mut seen = Vec::new();
            for error in errors {
                let span = error.span().unwrap_or(0..0);
                let span = span.start.min(source.len())..span.end.min(source.len());
                if seen.contains(&span) {
                    continue;
                }
                seen.push(span.clone());
                let message = error.message().lines().next().unwrap_or("").to_string();
                diag.push(diag.error(
                    Code::RuleSyntax,
                    format!("invalid toml: {message}"),
                    span,
                    message,
                ));
            }
            None
        }
    }
}
