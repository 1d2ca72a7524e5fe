//! Validating one rule table (`[[entity]]`, `[[quantity]]`, `[[date]]`) and compiling it into
//! a [`Rule`].
//!
//! Every key is read by hand from the spanned table so that every problem is reported (with a
//! span) before giving up; a [`Rule`] is built only when its table produced no finding.
//! Defaults are resolved here, in one place.

use std::ops::Range;

use regex::RegexBuilder;
use toml::de::DeValue;

use super::suggest::{is_kebab_case, to_kebab_case};
use super::table::{At, Diag, TableRef, Value, as_f64, as_i64};
use super::{
    BareRound, DateOrder, DateRule, EntityMode, EntityRule, Example, Monotone, Pattern,
    QuantityRule, Rule, RuleKind, Scope, Term, Unit,
};
use crate::finding::{Code, Label, Severity};
use crate::source::offsets::normalize_str;
use crate::value::date::{DateValue, PartialDate};

/// Size limit of one compiled term regex, in bytes.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The three kinds of rule table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `[[entity]]`.
    Entity,
    /// `[[quantity]]`.
    Quantity,
    /// `[[date]]`.
    Date,
}

impl Kind {
    /// All kinds, in the order their tables are read.
    pub(crate) const ALL: [Kind; 3] = [Kind::Entity, Kind::Quantity, Kind::Date];

    /// The table name (`quantity`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Quantity => "quantity",
            Kind::Date => "date",
        }
    }

    /// The keys this kind accepts.
    pub(crate) fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Entity => ENTITY_KEYS,
            Kind::Quantity => QUANTITY_KEYS,
            Kind::Date => DATE_KEYS,
        }
    }

    /// Terms of this kind match case-insensitively unless the rule says otherwise; entity
    /// forms are case-sensitive by default (acronyms).
    fn default_case_sensitive(self) -> bool {
        self == Kind::Entity
    }
}

const ENTITY_KEYS: &[&str] = &[
    "id",
    "description",
    "severity",
    "scope",
    "case_sensitive",
    "exclude",
    "examples",
    "canonical",
    "variants",
    "mode",
    "fix",
];
const QUANTITY_KEYS: &[&str] = &[
    "id",
    "description",
    "severity",
    "scope",
    "case_sensitive",
    "exclude",
    "examples",
    "subject",
    "cue",
    "value",
    "tolerance",
    "unit",
    "currency",
    "roundness",
    "bare_round",
    "monotone",
];
const DATE_KEYS: &[&str] = &[
    "id",
    "description",
    "severity",
    "scope",
    "case_sensitive",
    "exclude",
    "examples",
    "subject",
    "cue",
    "value",
    "year",
    "order",
];
pub(crate) const EXAMPLE_KEYS: &[&str] = &["text", "expect", "files", "findings"];

/// A note for a key that is valid in another kind of rule.
fn other_kind_note(kind: Kind, key: &str) -> Option<String> {
    Kind::ALL
        .iter()
        .find(|k| **k != kind && k.keys().contains(&key))
        .map(|k| format!("`{key}` is a key of [[{}]] rules", k.key()))
}

/// What reading one rule table gave: its id (even when the rule is invalid, so duplicates are
/// still found) and the rule, when the table had no problem.
pub(crate) struct Compiled {
    /// The `id` value, if it was a string.
    pub id: Option<At<String>>,
    /// The rule, if valid.
    pub rule: Option<Rule>,
}

/// Validates and compiles one rule table. Findings go to `diag`, tagged with the rule id.
pub(crate) fn compile_rule(
    diag: &mut Diag,
    kind: Kind,
    table: TableRef<'_, '_>,
    location: String,
) -> Compiled {
    let before = diag.findings.len();
    diag.rule = None;
    let id = read_id(diag, table);
    table.check_keys(diag, kind.keys(), &|key| other_kind_note(kind, key));

    let description = table.string(diag, "description").map(|d| d.value);
    let severity = table
        .choice(diag, "severity", &["error", "warning", "info"])
        .map(|i| [Severity::Error, Severity::Warning, Severity::Info][i]);
    let scope = table
        .choice(diag, "scope", &["sentence", "paragraph", "document"])
        .map_or(Scope::default(), |i| {
            [Scope::Sentence, Scope::Paragraph, Scope::Document][i]
        });
    let case_sensitive = table
        .boolean(diag, "case_sensitive")
        .map_or(kind.default_case_sensitive(), |b| b.value);
    let exclude = terms(diag, table, "exclude", case_sensitive, false);
    let examples = examples(diag, table, kind);

    let rule_kind = match kind {
        Kind::Entity => entity(diag, table, case_sensitive).map(RuleKind::Entity),
        Kind::Quantity => quantity(diag, table, case_sensitive).map(RuleKind::Quantity),
        Kind::Date => date(diag, table, case_sensitive).map(RuleKind::Date),
    };
    diag.rule = None;

    let rule = match (&id, rule_kind) {
        (Some(id), Some(rule_kind)) if diag.findings.len() == before => Some(Rule {
            id: id.value.clone(),
            description,
            severity,
            scope,
            exclude: exclude.unwrap_or_default(),
            origin: diag.span(table.span.clone()),
            location,
            kind: rule_kind,
            examples,
        }),
        _ => None,
    };
    Compiled { id, rule }
}

/// Reads `id`: required, a string, kebab-case. Sets the diagnostic's rule once it is a string.
fn read_id(diag: &mut Diag, table: TableRef<'_, '_>) -> Option<At<String>> {
    if table.get("id").is_none() {
        table.missing(diag, "id", "a unique kebab-case id");
        return None;
    }
    let id = table.string(diag, "id")?;
    diag.rule = Some(id.value.clone());
    if !is_kebab_case(&id.value) {
        let mut finding = diag.error(
            Code::InvalidId,
            format!("rule id `{}` is not kebab-case", id.value),
            id.span.clone(),
            "not kebab-case",
        );
        let fixed = to_kebab_case(&id.value);
        if !fixed.is_empty() {
            finding = finding.with_note(format!("try `{fixed}`"));
        }
        finding = finding.with_note("ids are lowercase letters and digits joined by `-`");
        diag.push(finding);
    }
    Some(id)
}

/// Compiles one written term: a literal (normalized like document text) or a `/regex/`.
pub(crate) fn term(diag: &mut Diag, written: &At<String>, case_sensitive: bool) -> Option<Term> {
    let text = written.value.as_str();
    let span = written.span.clone();
    let regex_body = text
        .strip_prefix('/')
        .and_then(|rest| rest.strip_suffix('/'))
        .filter(|_| text.len() >= 2);
    let pattern = match regex_body {
        Some(body) => {
            if body.trim().is_empty() {
                diag.push(diag.error(Code::EmptyTerms, "empty regex term", span, "empty regex"));
                return None;
            }
            let source = if case_sensitive {
                body.to_string()
            } else {
                format!("(?i){body}")
            };
            match RegexBuilder::new(&source)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
            {
                Ok(re) if re.is_match("") => {
                    diag.push(diag.error(
                        Code::InvalidRegex,
                        format!("regex `{text}` matches the empty string"),
                        span,
                        "matches the empty string",
                    ));
                    return None;
                }
                Ok(re) => Pattern::Regex(re),
                Err(err) => {
                    diag.push(
                        diag.error(
                            Code::InvalidRegex,
                            format!("invalid regex `{text}`"),
                            span,
                            "does not compile",
                        )
                        .with_note(regex_error_line(&err)),
                    );
                    return None;
                }
            }
        }
        None => {
            let normalized = normalize_str(text).trim().to_string();
            if normalized.is_empty() {
                diag.push(diag.error(Code::EmptyTerms, "empty term", span, "empty term"));
                return None;
            }
            Pattern::Literal(normalized)
        }
    };
    if let Pattern::Literal(literal) = &pattern
        && literal.chars().filter(|c| c.is_alphanumeric()).count() < 2
    {
        // "." or "A" matches all over any text, and a fix would rewrite every match.
        diag.push(
            diag.error(
                Code::ShortTerm,
                format!("term `{text}` has fewer than two letters or digits"),
                span,
                "too short to name anything",
            )
            .with_note("a term must name something: write the whole name or word"),
        );
        return None;
    }
    Some(Term {
        written: text.to_string(),
        pattern,
        case_sensitive,
        at: diag.span(span),
    })
}

/// The informative line of a regex error: the `error: …` line of a syntax error, else the
/// first line.
fn regex_error_line(err: &regex::Error) -> String {
    let text = err.to_string();
    text.lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .or_else(|| text.lines().next())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// A list of terms under `key`. `None` when absent (after reporting it if `required`) or
/// unusable; an empty list is reported.
fn terms(
    diag: &mut Diag,
    table: TableRef<'_, '_>,
    key: &str,
    case_sensitive: bool,
    required: bool,
) -> Option<Vec<Term>> {
    if table.get(key).is_none() {
        if required {
            table.missing(diag, key, "a non-empty array of terms");
        }
        return None;
    }
    let list = table.strings(diag, key)?;
    if list.value.is_empty() {
        diag.push(diag.error(
            Code::EmptyTerms,
            format!("`{key}` is an empty list"),
            list.span,
            "no terms",
        ));
        return None;
    }
    let compiled: Vec<Option<Term>> = list
        .value
        .iter()
        .map(|w| term(diag, w, case_sensitive))
        .collect();
    compiled.into_iter().collect()
}

/// The key two literal terms are compared by for redundancy.
fn redundancy_key(term: &Term) -> String {
    match &term.pattern {
        Pattern::Literal(s) if !term.case_sensitive => format!("l:{}", s.to_lowercase()),
        Pattern::Literal(s) => format!("l:{s}"),
        Pattern::Regex(_) => format!("r:{}", term.written),
    }
}

fn entity(diag: &mut Diag, table: TableRef<'_, '_>, case_sensitive: bool) -> Option<EntityRule> {
    let mode = table
        .choice(diag, "mode", &["canonical", "consistent", "corpus"])
        .map_or(EntityMode::default(), |i| {
            [
                EntityMode::Canonical,
                EntityMode::Consistent,
                EntityMode::Corpus,
            ][i]
        });
    let canonical_at = if table.get("canonical").is_none() {
        table.missing(diag, "canonical", "the accepted form of the name");
        None
    } else {
        table.string(diag, "canonical")
    };
    let canonical = canonical_at
        .as_ref()
        .and_then(|c| term(diag, c, case_sensitive));

    if table.get("variants").is_none() {
        table.missing(diag, "variants", "the other forms of the name");
        return None;
    }
    let written = table.strings(diag, "variants")?;
    if written.value.is_empty() {
        diag.push(diag.error(
            Code::EmptyTerms,
            "`variants` is an empty list",
            written.span,
            "no variants",
        ));
        return None;
    }
    let mut variants = Vec::new();
    // (comparison key, where it was written, whether it is the canonical form)
    let mut seen: Vec<(String, Range<usize>, bool)> = Vec::new();
    if let (Some(c), Some(at)) = (&canonical, &canonical_at) {
        seen.push((redundancy_key(c), at.span.clone(), true));
    }
    let mut ok = true;
    for w in &written.value {
        let Some(variant) = term(diag, w, case_sensitive) else {
            ok = false;
            continue;
        };
        let key = redundancy_key(&variant);
        if let Some((_, first, is_canonical)) = seen.iter().find(|(k, _, _)| *k == key) {
            let (message, label, other) = if *is_canonical {
                (
                    format!("variant `{}` is the canonical form", w.value),
                    "same as the canonical form",
                    "canonical form",
                )
            } else {
                (
                    format!("variant `{}` is listed twice", w.value),
                    "listed twice",
                    "first listed here",
                )
            };
            diag.push(
                diag.error(Code::RedundantVariant, message, w.span.clone(), label)
                    .with_label(Label::secondary(diag.span(first.clone()), other)),
            );
            ok = false;
            continue;
        }
        seen.push((key, w.span.clone(), false));
        variants.push(variant);
    }
    if !ok {
        return None;
    }
    let fix = table.boolean(diag, "fix").is_none_or(|b| b.value);
    Some(EntityRule {
        canonical: canonical?,
        variants,
        mode,
        fix,
    })
}

fn quantity(
    diag: &mut Diag,
    table: TableRef<'_, '_>,
    case_sensitive: bool,
) -> Option<QuantityRule> {
    let subject = terms(diag, table, "subject", case_sensitive, true);
    let cue = terms(diag, table, "cue", case_sensitive, false);
    let unit_at = table.get("unit").map(|v| v.span());
    let unit = table
        .choice(
            diag,
            "unit",
            &["count", "number", "percent", "money", "age"],
        )
        .map(|i| {
            [
                Unit::Count,
                Unit::Number,
                Unit::Percent,
                Unit::Money,
                Unit::Age,
            ][i]
        });
    let value = quantity_value(diag, table, unit.unwrap_or_default());
    let tolerance = tolerance(diag, table);
    let currency = table.string(diag, "currency");
    if let Some(c) = &currency {
        if c.value.trim().is_empty() {
            diag.invalid("empty currency", c.span.clone(), "empty", &[]);
        } else if unit.is_some_and(|u| u != Unit::Money) || unit_at.is_none() {
            diag.invalid(
                "`currency` needs `unit = \"money\"`",
                c.span.clone(),
                "only used for money",
                &[],
            );
        }
    }
    let roundness = table.boolean(diag, "roundness").is_none_or(|b| b.value);
    let bare_round = table
        .choice(diag, "bare_round", &["exact", "approx"])
        .map_or(BareRound::default(), |i| {
            [BareRound::Exact, BareRound::Approx][i]
        });
    let monotone = table
        .choice(diag, "monotone", &["increasing", "decreasing"])
        .map(|i| [Monotone::Increasing, Monotone::Decreasing][i]);
    Some(QuantityRule {
        subject: subject?,
        cue: cue.unwrap_or_default(),
        value: value?,
        tolerance: tolerance?,
        unit: unit.unwrap_or_default(),
        currency: currency.map(|c| c.value),
        roundness,
        bare_round,
        monotone,
    })
}

/// `value` of a quantity: `Some(None)` when absent, `None` when invalid.
fn quantity_value(diag: &mut Diag, table: TableRef<'_, '_>, unit: Unit) -> Option<Option<f64>> {
    let Some(value) = table.get("value") else {
        return Some(None);
    };
    let Some(number) = as_f64(value.get_ref()) else {
        diag.wrong_type("value", "a number", value);
        return None;
    };
    if !number.is_finite() {
        diag.invalid(
            "`value` must be a finite number",
            value.span(),
            "not finite",
            &[],
        );
        return None;
    }
    if unit == Unit::Count && (number < 0.0 || number.fract() != 0.0) {
        diag.invalid(
            format!("`value` {number} is not a count"),
            value.span(),
            "not a non-negative integer",
            &["with `unit = \"count\"` (the default) values are whole numbers; use `unit = \"number\"` for decimals".to_string()],
        );
        return None;
    }
    Some(Some(number))
}

/// `tolerance`: `"5%"` or a fraction; 5% by default; 0%–50%.
fn tolerance(diag: &mut Diag, table: TableRef<'_, '_>) -> Option<f64> {
    const DEFAULT: f64 = 0.05;
    let Some(value) = table.get("tolerance") else {
        return Some(DEFAULT);
    };
    let span = value.span();
    let fraction =
        match value.get_ref() {
            DeValue::String(s) => {
                let parsed = s
                    .trim()
                    .strip_suffix('%')
                    .and_then(|n| n.trim().parse::<f64>().ok())
                    .filter(|n| n.is_finite());
                match parsed {
                    Some(percent) => percent / 100.0,
                    None => {
                        diag.invalid(
                            format!("invalid tolerance `{s}`"),
                            span,
                            "not a percentage",
                            &["write a percentage like `\"5%\"` or a fraction like `0.05`"
                                .to_string()],
                        );
                        return None;
                    }
                }
            }
            DeValue::Integer(_) | DeValue::Float(_) => match as_f64(value.get_ref()) {
                Some(n) if n.is_finite() => n,
                _ => {
                    diag.invalid("invalid tolerance", span, "not a number", &[]);
                    return None;
                }
            },
            _ => {
                diag.wrong_type(
                    "tolerance",
                    "a percentage string (`\"5%\"`) or a fraction (`0.05`)",
                    value,
                );
                return None;
            }
        };
    if !(0.0..=0.5).contains(&fraction) {
        let mut notes = vec!["tolerance must be between 0% and 50%".to_string()];
        if value.get_ref().is_integer() || value.get_ref().is_float() {
            notes.push(format!(
                "a number is a fraction ({fraction} = {}%); did you mean `\"{fraction}%\"`?",
                fraction * 100.0
            ));
        }
        diag.invalid(
            format!("tolerance {}% is out of range", fraction * 100.0),
            span,
            "out of range",
            &notes,
        );
        return None;
    }
    Some(fraction)
}

fn date(diag: &mut Diag, table: TableRef<'_, '_>, case_sensitive: bool) -> Option<DateRule> {
    let subject = terms(diag, table, "subject", case_sensitive, true);
    let cue = terms(diag, table, "cue", case_sensitive, false);
    let value = date_value(diag, table.get("value"));
    let year = match table.get("year") {
        None => Some(None),
        Some(v) => match as_i64(v.get_ref()) {
            Some(y) if (1..=9999).contains(&y) => i32::try_from(y).ok().map(Some),
            Some(y) => {
                diag.invalid(
                    format!("year {y} is out of range"),
                    v.span(),
                    "not a year",
                    &["a year is between 1 and 9999".to_string()],
                );
                None
            }
            None => {
                diag.wrong_type("year", "an integer", v);
                None
            }
        },
    };
    let order = table
        .choice(diag, "order", &["dmy", "mdy"])
        .map(|i| [DateOrder::Dmy, DateOrder::Mdy][i]);
    Some(DateRule {
        subject: subject?,
        cue: cue.unwrap_or_default(),
        value: value?,
        year: year?,
        order,
    })
}

/// `value` of a date rule: `Some(None)` when absent, `None` when invalid.
fn date_value(diag: &mut Diag, value: Option<&Value<'_>>) -> Option<Option<DateValue>> {
    let Some(value) = value else {
        return Some(None);
    };
    let text = match value.get_ref() {
        DeValue::String(s) => s.to_string(),
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
        DeValue::Integer(i) => i.as_str().to_string(),
        _ => {
            diag.wrong_type(
                "value",
                "a date string (`\"2022-09-05\"`, `\"2022-09\"`, `\"2022\"`, `\"2024-03-08/2024-03-10\"`)",
                value,
            );
            return None;
        }
    };
    match parse_date_value(&text) {
        Ok(date) => Some(Some(date)),
        Err(why) => {
            diag.invalid(
                format!("invalid date `{text}`"),
                value.span(),
                why,
                &["write `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a range `FROM/TO`".to_string()],
            );
            None
        }
    }
}

/// Parses `2022-09-05`, `2022-09`, `2022` or `2024-03-08/2024-03-10`.
pub(crate) fn parse_date_value(text: &str) -> Result<DateValue, String> {
    let text = text.trim();
    match text.split_once('/') {
        None => Ok(DateValue::Single {
            date: parse_partial_date(text)?,
        }),
        Some((from, to)) => {
            let from = parse_partial_date(from.trim())?;
            let to = parse_partial_date(to.trim())?;
            if from.month.is_some() != to.month.is_some() || from.day.is_some() != to.day.is_some()
            {
                return Err("both ends of a range need the same precision".to_string());
            }
            if from > to {
                return Err("the range ends before it starts".to_string());
            }
            Ok(DateValue::Range { from, to })
        }
    }
}

fn parse_partial_date(text: &str) -> Result<PartialDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("not an ISO date".to_string());
    }
    if parts[0].len() != 4 || parts.iter().skip(1).any(|p| p.len() != 2) {
        return Err("not an ISO date".to_string());
    }
    let number = |s: &str| s.parse::<u32>().map_err(|_| "not an ISO date".to_string());
    let year = number(parts[0])?;
    if !(1..=9999).contains(&year) {
        return Err("year out of range".to_string());
    }
    let year = i32::try_from(year).map_err(|_| "year out of range".to_string())?;
    let month = match parts.get(1) {
        Some(m) => {
            let m = number(m)?;
            if !(1..=12).contains(&m) {
                return Err(format!("no month {m}"));
            }
            Some(m)
        }
        None => None,
    };
    let day = match (parts.get(2), month) {
        (Some(d), Some(m)) => {
            let d = number(d)?;
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(format!("month {m} of {year} has {last} days"));
            }
            Some(d)
        }
        _ => None,
    };
    Ok(PartialDate {
        year: Some(year),
        month: month.and_then(|m| u8::try_from(m).ok()),
        day: day.and_then(|d| u8::try_from(d).ok()),
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// `examples`: an array of tables.
fn examples(diag: &mut Diag, table: TableRef<'_, '_>, kind: Kind) -> Vec<Example> {
    let Some(value) = table.get("examples") else {
        return Vec::new();
    };
    let name = format!("[[{}.examples]]", kind.key());
    let Some(items) = value.get_ref().as_array() else {
        diag.wrong_type("examples", "an array of tables", value);
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let Some(t) = item.get_ref().as_table() else {
            diag.push(diag.error(
                Code::WrongType,
                format!(
                    "`examples` must be an array of tables, but this item is {}",
                    super::table::type_name(item.get_ref())
                ),
                item.span(),
                "expected a table",
            ));
            continue;
        };
        let span = item.span();
        let ex = TableRef {
            table: t,
            span: &span,
            name: &name,
        };
        ex.check_keys(diag, EXAMPLE_KEYS, &|_| None);
        let text = ex.string(diag, "text").map(|t| t.value);
        let expect = ex
            .string_or_strings(diag, "expect")
            .map(|e| e.value.into_iter().map(|s| s.value).collect())
            .unwrap_or_default();
        let files = example_files(diag, ex);
        let findings = ex
            .strings(diag, "findings")
            .map(|f| f.value.into_iter().map(|s| s.value).collect());
        if text.is_none() && ex.get("text").is_none() && ex.get("files").is_none() {
            ex.missing(
                diag,
                "text",
                "the text to read, or `files` for a multi-file case",
            );
        }
        out.push(Example {
            text,
            expect,
            files,
            findings,
            origin: Some(diag.span(span.clone())),
        });
    }
    out
}

/// `files` of an example: a table of file name → content.
fn example_files(diag: &mut Diag, ex: TableRef<'_, '_>) -> Vec<(String, String)> {
    let Some(value) = ex.get("files") else {
        return Vec::new();
    };
    let Some(t) = value.get_ref().as_table() else {
        diag.wrong_type("files", "a table of file name = content", value);
        return Vec::new();
    };
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let mut out = Vec::new();
    for (name, content) in entries {
        match content.get_ref().as_str() {
            Some(s) => out.push((name.get_ref().to_string(), s.to_string())),
            None => diag.wrong_type(name.get_ref(), "a string (the file's content)", content),
        }
    }
    out
}
