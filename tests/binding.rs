//! Binding on sentences shaped like real reporting: which values a rule takes and which it
//! leaves. Each case is one text read with a small rule pack; the expected list is the texts
//! of the rule's mentions, in order.

#![allow(clippy::unwrap_used)]

mod common;

const RULES: &str = r#"
[[date]]
id = "kabul-bombing"
subject = ["Russian embassy in Kabul", "Russian Embassy"]
cue = ["bombing", "bombed", "attack", "attacked", "blast"]

[[date]]
id = "crocus-date"
subject = ["Crocus"]
cue = ["attack", "attacked", "gunmen", "raid"]

[[date]]
id = "warning-date"
subject = ["US embassy", "U.S. Embassy"]
cue = ["warned", "warning"]

[[quantity]]
id = "crocus-toll"
subject = ["Crocus"]
cue = ["killed", "killing", "dead", "died", "lives", "victims", "death toll", "toll"]

[[quantity]]
id = "kerman-toll"
subject = ["Kerman"]
cue = ["killed", "killing", "dead", "died", "lives", "victims", "death toll", "toll"]
"#;

fn mentions(text: &str, rule: &str) -> Vec<String> {
    common::mentions_of(RULES, text, rule)
}

mention_cases! {
    weekday_across_inline_code_stays_out:
        "crocus-date",
        "The attack on Crocus on Thursday, `code 96` 22 March 2024 was planned."
        => ["22 March 2024"];
    coordinated_second_event_is_not_the_subjects:
        "kabul-bombing",
        "Examples include the suicide bombing against the Russian Embassy in Kabul in August 2022 and the attack on a hotel in Kabul in December 2022."
        => ["August 2022"];
    relative_date_belongs_to_another_event:
        "crocus-date",
        "On March 8, exactly two weeks before the attack on Crocus, the embassy sent a note."
        => [];
    fronted_date_reaches_the_main_verb:
        "warning-date",
        "On March 8, exactly two weeks before the attack on Crocus, the U.S. Embassy in Russia warned of potential terrorist attacks in the capital."
        => ["March 8"];
    coordinated_clause_has_its_own_date:
        "warning-date",
        "The US embassy warned citizens, but the concert went ahead on March 22."
        => [];
    relative_date_is_still_the_warnings:
        "warning-date",
        "On March 8, exactly two weeks before the attack on Crocus, the U.S. Embassy warned of attacks."
        => ["March 8"];
    date_with_subject_between_cue_and_value:
        "warning-date",
        "On March 7 the US embassy warned citizens to avoid concerts."
        => ["March 7"];
    date_after_cue_and_subject:
        "kabul-bombing",
        "The Russian embassy in Kabul was bombed on 5 September 2022, officials said."
        => ["5 September 2022"];
    same_day_gives_nothing:
        "warning-date",
        "On the same day the US embassy warned its citizens."
        => [];
    toll_rose_to:
        "crocus-toll",
        "The death toll from the Crocus City Hall attack rose to 137 on Monday."
        => ["137"];
    change_from_to_reads_the_new_figure:
        "crocus-toll",
        "The Crocus death toll rose from 139 to 144 on Tuesday."
        => ["144"];
    relative_clause_of_another_subject:
        "crocus-toll",
        "Unlike Kerman, which killed 96, the Crocus raid killed 144, officials said."
        => ["144"];
    relative_clause_of_another_subject_other_rule:
        "kerman-toll",
        "Unlike Kerman, which killed 96, the Crocus raid killed 144, officials said."
        => ["96"];
    hedged_lives:
        "crocus-toll",
        "The Crocus assault, which took at least 139 lives by Sunday, shocked the city."
        => ["at least 139"];
    other_noun_counts:
        "crocus-toll",
        "After Crocus, the FSB said it had killed three militants in Ingushetia."
        => [];
    injured_is_not_a_cue:
        "crocus-toll",
        "The Crocus attack also injured about 150 other people."
        => [];
    other_event_in_same_sentence_with_own_subject:
        "crocus-toll",
        "The Paris attacks killed 130 people; the Crocus toll was higher."
        => [];
}
