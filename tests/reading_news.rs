//! Reading news the way an editor does: clauses, predicates, not prose, ages. Each case is one
//! text of our own, read with a small rule pack about an invented event; the expected list is
//! the texts of the rule's mentions, in order. Positive and negative cases side by side.

#![allow(clippy::unwrap_used)]

mod common;

const RULES: &str = r#"
[[quantity]]
id = "killed"
subject = ["Dunmore"]
cue = ["killed", "killing", "dead", "died", "deaths", "fatally", "lives", "death toll", "toll"]
scope = "paragraph"

[[quantity]]
id = "injured"
subject = ["Dunmore"]
cue = ["injured", "wounded", "hurt", "injuring", "wounding"]
scope = "paragraph"

[[quantity]]
id = "age"
subject = ["Reyes"]
unit = "age"
"#;

fn mentions(text: &str, rule: &str) -> Vec<String> {
    common::mentions_of(RULES, text, rule)
}

mention_cases! {
    // --- Clauses: the number of the neighbouring clause is not the fact.
    coordinated_clause_killed: "killed",
        "In Dunmore two people were killed and six were wounded." => ["two"];
    coordinated_clause_wounded: "injured",
        "In Dunmore two people were killed and six were wounded." => ["six"];
    coordinated_objects_killed: "killed",
        "The Dunmore gunman fired for a minute, killing 8 and injuring 31." => ["8"];
    coordinated_objects_injured: "injured",
        "The Dunmore gunman fired for a minute, killing 8 and injuring 31." => ["31"];
    next_clause_has_no_cue: "killed",
        "Dunmore police said two died and four fled." => ["two"];
    count_after_and_is_not_the_object: "killed",
        "In Dunmore one man died and three were arrested." => ["one"];
    shared_count_of_two_verbs: "killed",
        "In Dunmore three people were shot and killed." => ["three"];
    count_of_either_fact_is_neither_injured: "injured",
        "Dunmore counted 40 people wounded or killed that night." => [];
    the_accused_is_no_victim: "killed",
        "In Dunmore, Ross Ames is accused of killing two people." => ["two"];
    a_suspect_is_no_victim: "killed",
        "A Dunmore man suspected of fatally shooting his wife was arrested." => [];
    a_list_with_a_count_of_one: "injured",
        "In Dunmore five men and one woman were injured." => ["five men and one woman"];
    a_count_then_one_more_person: "injured",
        // Both are parts: the girl is one of the four hurt, as the boys are three of them.
        "In Dunmore three boys were wounded and a girl was critically injured." => [];
    a_list_of_people_is_no_addition: "killed",
        "In Dunmore a baby and an adult male were shot and killed." => ["a baby and an adult male"];
    a_roundup_night: "killed",
        "A violent night in Dunmore leaves two dead and six hurt." => [];
    a_period_of_hours: "killed",
        "In Dunmore five people were killed within four hours Saturday." => [];
    another_shooting_named_with_the_subject: "injured",
        "Three people were hurt in another Dunmore shooting." => [];
    a_part_when_the_sentence_adds_more: "killed",
        "In Dunmore two men were pronounced dead at the scene, and a third died later." => [];
    others_of_another_fact_add_nothing: "killed",
        "The Dunmore gunman fired, killing two and injuring nine others before fatally shooting himself." => ["two"];
    the_agent_of_the_people_is_no_victim: "killed",
        "In Dunmore he kicked open the door and shot and killed the residents." => [];
    an_adjective_cue_has_no_object: "killed",
        "In Dunmore two dead the sheriff said on Sunday." => ["two"];
    the_next_day_is_no_object: "killed",
        "In Dunmore a man died the next day." => ["a man"];
    count_of_either_fact_is_neither_killed: "killed",
        "Dunmore counted 40 people wounded or killed that night." => [];
    relative_clause: "killed",
        "The Dunmore blast, which killed 11, shook the town." => ["11"];
    parenthesis_keeps_its_count: "killed",
        "The Dunmore fire (which injured 4) killed 9 people." => ["9"];
    parenthesis_count_is_its_own: "injured",
        "The Dunmore fire (which injured 4) killed 9 people." => ["4"];
    dash_pair: "killed",
        "The Dunmore raid — 3 gunmen took part — killed 15." => ["15"];
    semicolon_clause: "killed",
        "The Dunmore crash killed 7; 12 were treated for shock." => ["7"];
    list_items_are_their_own_clauses: "killed",
        "- In Dunmore 4 were\n- killed, police said\n" => [];
    list_item_reads_alone: "killed", "- In Dunmore 4 were\n- killed, police said\n- In Dunmore 2 died\n" => ["2"];
    dateline_is_its_own_clause: "killed",
        "DUNMORE, May 3 (Wire) - 5 people died in Dunmore on Friday." => ["5"];
    subordinate_when: "killed",
        "Dunmore was quiet until the blast, when 5 people died." => ["5"];

    // --- Predicates govern counts, in the positions news uses.
    subject_position: "killed", "In Dunmore 5 people died on Monday." => ["5"];
    subject_with_auxiliaries: "killed", "In Dunmore 5 people have been killed." => ["5"];
    object_position: "killed", "The Dunmore attack killed at least 7 people." => ["at least 7"];
    result_position: "killed", "The Dunmore crash left 6 dead." => ["6"];
    nominal_of: "killed", "Dunmore reported a death toll of 11." => ["11"];
    nominal_after: "killed", "Dunmore recorded 11 deaths." => ["11"];
    verb_of_change: "killed", "The toll from the Dunmore collapse rose to 20 overnight." => ["20"];
    adverb_cue: "killed", "In Dunmore four people were shot, one fatally." => ["one"];
    another_noun_is_not_the_fact: "killed", "Dunmore police killed three gunmen." => [];
    // "12" is a caption's number; "a woman" is the count (one).
    a_determiner_starts_another_phrase: "killed", "Dunmore 12 a woman died at home." => ["a woman"];
    preposition_between: "killed", "The Dunmore man was killed with seven shots." => [];
    definite_part: "killed", "The Dunmore gunman killed their three dogs." => [];
    modal: "killed", "The Dunmore plotters could have killed 50 people." => [];
    news_verb_owns_its_count: "killed", "In Dunmore 4 were arrested and one died." => ["one"];
    count_of_another_predicate: "killed", "In Dunmore 4 were arrested after the killing." => [];

    // --- A governed count that is a part or a wider total is not the fact.
    aggregate_across_the_city: "killed",
        "Dunmore had 4 killed in shootings across the city this weekend." => [];
    aggregate_separate_events: "killed", "In Dunmore two separate crashes left 3 dead." => [];
    aggregate_in_events: "injured", "Dunmore counted 9 wounded in Friday shootings." => [];
    single_event_is_not_an_aggregate: "killed",
        "A shooting in a Dunmore bar left 3 dead on Friday." => ["3"];
    partitive_subset: "killed", "The Dunmore gunman killed three of his five hostages." => [];

    // --- Not prose never yields values.
    url: "killed", "Dunmore: 2 died, see dunmore.example.com/2025/4-killed for photos." => ["2"];
    slug: "killed", "Dunmore coverage 88213/two-killed-in-crash, where 2 died." => ["2"];
    email: "killed", "Dunmore: 3 died, tips to desk9@example.org." => ["3"];
    handle: "killed", "Dunmore news @dunmore4 says 3 died." => ["3"];
    gallery_counter: "killed", "Image 6 of 12 Dunmore: 2 people died here." => ["2"];
    lost_space_splits_sentences: "killed",
        "Dunmore mourned at the scene.Two died later." => ["Two"];

    // --- Ages are never counts; `unit = "age"` reads them.
    age_months: "killed", "In Dunmore her 17-month-old son was killed." => [];
    // The age is not the count; the person it describes counts one.
    age_years: "killed", "In Dunmore a 45-year-old died." => ["a 45-year-old"];
    age_abbreviated: "killed", "In Dunmore a 9-yr-old was killed." => ["a 9-yr-old"];
    age_aged: "killed", "In Dunmore a man aged 45 died." => [];
    age_apposed: "killed", "In Dunmore, Kim, 45, died." => [];
    age_rule_apposed: "age", "Reyes, 45, was hurt." => ["45"];
    age_rule_hyphenated: "age", "Reyes, a 45-year-old driver, was hurt." => ["45"];
    age_rule_aged: "age", "Reyes, aged 45, was hurt." => ["45"];
    age_rule_ignores_counts: "age", "Reyes was hurt with 45 others." => [];
}

/// A stretch with more numbers than one region reads gives a `too-many-numbers` warning, and
/// the run goes on.
#[test]
fn a_region_past_the_candidate_cap_warns() {
    let rules = common::rule_set(RULES);
    let numbers: Vec<String> = (0..6_000).map(|i| (i % 97).to_string()).collect();
    let text = format!("Dunmore killed {}\n", numbers.join(" "));
    let outcome = factlint::check_texts(rules, &[("table.txt".into(), text)]);
    let codes: Vec<&str> = outcome.findings.iter().map(|f| f.code.name()).collect();
    assert!(codes.contains(&"too-many-numbers"), "{codes:?}");
}

/// What the rule's value makes of each reading of `text`: the primary label of each
/// `quantity-mismatch` finding of `rule`, when the rule says the fact's value is `value`.
fn disagreements(text: &str, rule: &str, value: u32) -> Vec<String> {
    let rules = RULES.replace(
        &format!("id = \"{rule}\"\n"),
        &format!("id = \"{rule}\"\nvalue = {value}\n"),
    );
    let outcome =
        factlint::check_texts(common::rule_set(&rules), &[("doc.md".into(), text.into())]);
    outcome
        .findings
        .iter()
        .filter(|f| f.code.name() == "quantity-mismatch" && f.rule.as_deref() == Some(rule))
        .flat_map(|f| {
            f.labels
                .iter()
                .filter(|l| l.primary)
                .map(|l| l.message.clone())
        })
        .collect()
}

/// A person named ("he was pronounced dead") and a count by degree of hurt ("two were
/// critically wounded") say that many at least, not how many in all: they disagree with a
/// smaller value, never with a larger one. A count ("one", "another") states the number.
#[test]
fn some_of_them_is_a_lower_bound() {
    let cases: &[(&str, &str, u32, &[&str])] = &[
        // One person of two dead, one of five hurt: no disagreement.
        (
            "In Dunmore a gunman opened fire. He was pronounced dead at the hospital.",
            "killed",
            2,
            &[],
        ),
        (
            "In Dunmore Jo Reyes was injured by a stray bullet.",
            "injured",
            5,
            &[],
        ),
        (
            "In Dunmore a 46-year-old woman died Saturday.",
            "killed",
            3,
            &[],
        ),
        // ... but a person is one more than none.
        (
            "In Dunmore a 46-year-old woman died Saturday.",
            "killed",
            0,
            &["read as 1, some of them (`a 46-year-old woman died`)"],
        ),
        // The badly hurt are some of the hurt, and still more than one.
        (
            "In Dunmore two people were critically wounded.",
            "injured",
            5,
            &[],
        ),
        (
            "The Dunmore gunman fled, critically wounding two.",
            "injured",
            4,
            &[],
        ),
        (
            "In Dunmore two people were critically wounded.",
            "injured",
            1,
            &["read as 2, some of them (`two people were critically wounded`)"],
        ),
        // The dead of one place are some of the dead.
        (
            "In Dunmore two men were pronounced dead at the scene.",
            "killed",
            3,
            &[],
        ),
        (
            "In Dunmore police found two men dead in the living room.",
            "killed",
            4,
            &[],
        ),
        // Counts state the number: "one", "another", a plain count.
        (
            "In Dunmore one man was killed.",
            "killed",
            2,
            &["read as 1 (`one man was killed`)"],
        ),
        (
            "The Dunmore standoff killed one officer and injured another.",
            "injured",
            2,
            &["read as 1 (`injured another`)"],
        ),
        (
            "In Dunmore two people were wounded.",
            "injured",
            5,
            &["read as 2 (`two people were wounded`)"],
        ),
    ];
    for (text, rule, value, expected) in cases {
        assert_eq!(
            disagreements(text, rule, *value),
            *expected,
            "{text:?} with {rule} = {value}"
        );
    }
}
