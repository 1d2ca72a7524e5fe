//! Reading news the way an editor does, part 3: dates. A date belongs to the verb of its clause
//! (or, fronted, to the main clause); a page's own stamps are never the event's date; a year
//! left out is inferred without dating an event after its report. Each case is one document of
//! our own, read with a small rule pack about an invented event; positive and negative cases
//! side by side.

#![allow(clippy::unwrap_used)]

mod common;

const RULES: &str = r#"
[[date]]
id = "fire"
subject = ["Dunmore"]
cue = ["fire", "blaze", "burned", "broke out", "killed", "arsonist"]
scope = "paragraph"

[[date]]
id = "strict"
subject = ["Dunmore"]
cue = ["fire", "burned"]

[[date]]
id = "warning"
subject = ["harbour office"]
cue = ["warned", "warning"]
"#;

fn mentions(text: &str, rule: &str) -> Vec<String> {
    common::mentions_of(RULES, text, rule)
}

/// `text`, read as `doc.md` with the pack.
fn outcome(text: &str) -> factlint::Outcome {
    factlint::check_texts(common::rule_set(RULES), &[("doc.md".into(), text.into())])
}

/// Each mention of `rule` as "text = ISO value (note)".
fn readings(text: &str, rule: &str) -> Vec<String> {
    let outcome = outcome(text);
    outcome
        .mentions
        .iter()
        .filter(|m| outcome.rules.rules[m.rule].id == rule)
        .map(|m| {
            let value = match &m.value {
                factlint::value::Value::Date(d) => d.to_iso(),
                other => format!("{other:?}"),
            };
            match &m.note {
                Some(note) => format!("{} = {value} ({note})", m.text),
                None => format!("{} = {value}", m.text),
            }
        })
        .collect()
}

/// Why each rejected candidate of `rule` was left, as "text: reason".
fn rejections(text: &str, rule: &str) -> Vec<String> {
    let outcome = outcome(text);
    outcome
        .rejected
        .iter()
        .filter(|r| outcome.rules.rules[r.rule].id == rule)
        .map(|r| format!("{}: {}", &text[r.span.range()], r.reason))
        .collect()
}

mention_cases! {
    // --- A date dates the verb of its clause.
    own_verb: "fire",
        "The Dunmore warehouse burned on March 4 after a gas leak.\n" => ["March 4"];
    another_verb_owns_it: "fire",
        "A man was arrested on March 9 over the Dunmore fire.\n" => [];
    another_verb_after_a_cue: "fire",
        "The Dunmore fire's suspect was charged on March 9.\n" => [];
    reporting_verb_owns_it: "fire",
        "The Dunmore fire killed two, the mayor said on March 6.\n" => [];
    long_clause_keeps_its_verb: "fire",
        "A blaze tore through the old mill on the north bank of the river in Dunmore on March 4.\n" => ["March 4"];
    noun_cue_with_its_date: "fire",
        "The fire at the Dunmore mill on March 4 spread fast.\n" => ["March 4"];
    date_before_its_noun: "fire",
        "Dunmore remembers the March 4 fire.\n" => ["March 4"];
    date_before_a_modified_noun: "fire",
        "Dunmore remembers the March 4 deadly fire.\n" => ["March 4"];
    date_of_another_occasion: "fire",
        "The Dunmore fire case went to a March 20 hearing.\n" => [];
    occasion_before_the_date: "fire",
        "Dunmore held a vigil for the fire victims on March 6.\n" => [];
    light_verb_passes_to_its_subject: "fire",
        "The Dunmore fire, which happened on March 4, destroyed the mill.\n" => ["March 4"];
    took_place: "fire",
        "The Dunmore blaze took place on March 4.\n" => ["March 4"];
    broke_out: "fire",
        "The Dunmore fire broke out on March 4.\n" => ["March 4"];
    active_verb_of_the_actor: "fire",
        "The arsonist struck the Dunmore mill on March 4.\n" => ["March 4"];
    passive_verb_of_the_actor_is_not: "fire",
        "The Dunmore arsonist was sentenced on May 2.\n" => [];
    response_verb_reaches_its_object: "fire",
        "On March 4, crews responded to a fire in Dunmore.\n" => ["March 4"];
    coordinated_nouns_share_the_verb: "fire",
        "The Dunmore fire burned the mill and two houses on March 4.\n" => ["March 4"];

    // --- A fronted date dates the main clause.
    fronted_dates_the_main_clause: "fire",
        "On March 4, a fire swept through Dunmore.\n" => ["March 4"];
    fronted_relative_phrase_is_skipped: "warning",
        "On March 1, three days before the fire, the harbour office warned of dry winds.\n" => ["March 1"];
    fronted_relative_to_the_event: "fire",
        "On March 1, three days before the Dunmore fire, the council met.\n" => [];
    fronted_with_another_main_verb: "fire",
        "On March 9, police arrested a man over the Dunmore fire.\n" => [];
    fronted_issued_a_warning: "warning",
        "On March 1 the harbour office issued a warning about dry winds.\n" => ["March 1"];

    // --- Another event's date.
    coordinated_second_event: "fire",
        "Dunmore saw a warehouse fire in May 2022 and the fire at a school in June 2023.\n" => ["May 2022"];
    another_event_noun: "fire",
        "---\ntitle: Dunmore fire\n---\n\nAnother fire in the county burned on February 2.\n" => [];
    past_year_without_the_subject: "fire",
        "---\ntitle: Dunmore fire\ndate: 2024-03-05\n---\n\nOn Aug. 8, 2021, a fire burned a barn near the river.\n" => [];
    past_year_with_the_subject: "fire",
        "---\ntitle: Dunmore fire\ndate: 2024-03-05\n---\n\nOn Aug. 8, 2021, a fire burned a barn in Dunmore.\n" => ["Aug. 8, 2021"];
    sentence_scope_is_a_hard_limit: "strict",
        "The fire burned on March 4.\n\nDunmore mourned.\n" => [];

    // --- The page's own dates are never the event's.
    dateline: "fire",
        "DUNMORE, March 5, 2024 (Desk) - A fire burned the Dunmore mill on March 4, 2024.\n" => ["March 4, 2024"];
    posted_and_updated_stamps: "fire",
        "Dunmore mill fire Posted: Tuesday, March 5, 2024 8:02 AM Updated: Wednesday, March 6, 2024\n\nThe Dunmore fire burned on March 4, 2024.\n" => ["March 4, 2024"];
    byline: "fire",
        "By Ana Ruiz | March 6, 2024\n\nThe Dunmore fire burned on March 4, 2024.\n" => ["March 4, 2024"];
    copyright_line: "fire",
        "The Dunmore fire burned on March 4, 2024.\n\nCopyright March 2024 Dunmore Courier; fire photos by staff.\n" => ["March 4, 2024"];
    embedded_post: "fire",
        "Smoke over the Dunmore fire tonight \u{2014} A. Reporter (@areporter) March 4, 2024\n" => [];
    url_date: "fire",
        "The Dunmore fire (see example.com/2024/03/04/fire) burned on March 4, 2024.\n" => ["March 4, 2024"];
}

#[test]
fn a_stamp_gives_the_document_its_date() {
    // No front matter: the publication stamp dates the document, and "Dec. 30" is last year's.
    let text = "Posted: Jan. 6, 2025\n\nThe Dunmore fire burned on Dec. 30 and again on Jan. 2.\n";
    assert_eq!(
        readings(text, "fire"),
        vec![
            "Dec. 30 = 2024-12-30 (year 2024 from the document date 2025-01-06)",
            "Jan. 2 = 2025-01-02 (year 2025 from the document date 2025-01-06)",
        ]
    );
}

#[test]
fn the_rules_year_never_dates_an_event_after_its_report() {
    let rules = r#"
[[date]]
id = "fire"
subject = ["Dunmore"]
cue = ["fire", "burned"]
value = "2025-01-02"
"#;
    let text = "---\ndate: 2025-01-06\n---\n\nThe Dunmore fire burned on Dec. 30 and on Jan. 2.\n";
    let outcome = factlint::check_texts(common::rule_set(rules), &[("doc.md".into(), text.into())]);
    let notes: Vec<String> = outcome
        .mentions
        .iter()
        .map(|m| match &m.value {
            factlint::value::Value::Date(d) => {
                format!("{} {}", d.to_iso(), m.note.clone().unwrap_or_default())
            }
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        notes,
        vec![
            "2024-12-30 year 2024 from the document date 2025-01-06: the rule's 2025 would put it after the document",
            "2025-01-02 year 2025 from the rule",
        ]
    );
}

#[test]
fn explain_says_why_a_date_was_left() {
    let text = "A man was arrested on March 9 over the Dunmore fire.\n\nDunmore mill fire Posted: Tuesday, March 5, 2024 8:02 AM\n";
    assert_eq!(
        rejections(text, "fire"),
        vec![
            "March 9: the date of another predicate: `arrested`",
            "Tuesday, March 5, 2024: part of a publication stamp",
        ]
    );
}
