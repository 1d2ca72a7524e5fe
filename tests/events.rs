//! Reading news the way an editor does, part 2: headlines, the story's event, other events,
//! subsets and sums. Each case is one document of our own (front matter and all), read with a
//! small rule pack about an invented event; the expected list is the texts of the rule's
//! mentions, in order. Positive and negative cases side by side.

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
id = "strict"
subject = ["Dunmore"]
cue = ["killed", "died"]
"#;

fn mentions(text: &str, rule: &str) -> Vec<String> {
    common::mentions_of(RULES, text, rule)
}

mention_cases! {
    // --- Headlines and standfirsts are prose: the story's first paragraphs.
    headline_is_read: "injured",
        "---\ntitle: \"Three hurt in Dunmore fire\"\n---\n\nFirefighters came at dawn.\n" => ["Three"];
    standfirst_is_read: "killed",
        "---\ntitle: Fire in Dunmore\nsummary: Two people died overnight\n---\n\nBody.\n" => ["Two"];
    other_front_matter_is_not: "killed",
        "---\ntitle: Fire in Dunmore\ntags: 4 killed\n---\n\nBody.\n" => [];

    // --- The story's event reaches every paragraph of the story.
    topic_from_headline: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nPolice arrived at nine.\n\nTwo people died at the scene, police said.\n" => ["Two"];
    topic_from_first_paragraph: "killed",
        "A gunman opened fire in Dunmore on Sunday.\n\nNeighbours heard shots.\n\nPolice said three people were killed.\n" => ["three"];
    no_topic_no_reading: "killed",
        "A gunman opened fire outside a bar on Sunday night.\n\nNeighbours heard a dozen shots and called the police.\n\nPolice said three people were killed.\n\nDunmore mourned.\n" => [];
    a_roundup_has_no_single_topic: "killed",
        "---\ntitle: Eight killed in Dunmore weekend shootings\n---\n\nOn Monday night a man was shot and killed near the park, police said.\n" => [];
    sentence_scope_is_a_hard_limit: "strict",
        "---\ntitle: Dunmore shooting\n---\n\nTwo people died at the scene.\n" => [];

    // --- A clause with its own anchor is about another event, until the subject returns.
    another_year: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-05-02\n---\n\nIn 2019, four people died in a mall fire.\n" => [];
    the_storys_year: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-05-02\n---\n\nIn 2024, four people died in the square.\n" => ["four"];
    another_event_noun: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nIn another shooting across town, two people were killed.\n" => [];
    another_victim_is_this_event: "injured",
        "---\ntitle: Dunmore shooting\n---\n\nAnother man was wounded. Two women were hurt.\n" => ["Two"];
    last_years_event: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nLast year's shooting at the fair killed six.\n" => [];
    deadliest_since: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-05-02\n---\n\nIt was the deadliest attack since the fair, when six people died.\n" => [];
    anchor_holds_through_the_paragraph: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-05-02\n---\n\nIn 2019 a gunman opened fire at the fair. Six people died there.\n\nOn Sunday two people died.\n" => ["two"];
    subject_named_again_ends_the_anchor: "killed",
        "In Dunmore, the toll is final. A similar attack in 2019 killed six, and in Dunmore on Sunday 3 people died.\n" => ["3"];
    early_in_the_year_last_year_is_the_storys: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-01-04\n---\n\nOn Dec. 30, 2023, two people died in the square.\n" => ["two"];

    a_year_earlier: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nA year earlier, a man was shot and killed at the same corner.\n" => [];
    months_ago: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThree months ago four people died at the fair.\n" => [];
    minutes_earlier_is_this_event: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nMinutes earlier, two people were killed at the bar.\n" => ["two"];
    months_after_another: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe shooting came eight months after a bystander was killed in a gang fight.\n" => [];
    weeks_after_this_event: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nTwo weeks after the shooting that killed three, the square reopened.\n" => ["three"];

    // --- Days, against the document's date (Wednesday 8 May 2024) and the earliest day of the
    // lead (its first two paragraphs of prose): a clause past it that opens on an earlier day
    // tells of another event; a later day is the story's aftermath, and the night before may
    // be the story's own event.
    opens_on_an_earlier_day: "injured",
        "---\ndate: 2024-05-08\n---\n\nTwo people were wounded in Dunmore early Monday, police said.\n\nThe gunman fled in a car, officers said in a statement.\n\nSaturday evening three men were wounded near the same corner.\n" => ["Two"];
    opens_on_an_earlier_date: "killed",
        "---\ndate: 2024-05-08\n---\n\nA gunman opened fire in Dunmore on Monday.\n\nThe gunman fled in a car, officers said in a statement.\n\nAnd on April 24, two people were killed at a bus stop.\n" => [];
    a_later_day_is_the_aftermath: "killed",
        "---\ndate: 2024-05-08\n---\n\nA gunman opened fire in Dunmore early Monday.\n\nOn Tuesday, police said two people were killed.\n" => ["two"];
    the_night_before_may_be_the_storys: "killed",
        "---\ndate: 2024-05-08\n---\n\nA gunman opened fire in Dunmore early Monday.\n\nLate Sunday, two people were killed outside the bar.\n" => ["two"];
    an_earlier_day_in_passing_is_not_read: "killed",
        "---\ndate: 2024-05-08\n---\n\nA gunman opened fire in Dunmore early Monday.\n\nTwo people were killed, police said Saturday.\n" => ["Two"];
    // "a May 3 shooting" is as often the story's own event in a later piece ("sentenced for
    // an April 7 shooting") as another one: a day in passing does not anchor.
    a_dated_event_in_passing_is_read: "injured",
        "---\ndate: 2024-05-08\n---\n\nThree people were hurt in Dunmore on Monday.\n\nHe was sentenced for a May 3 shooting that left four people wounded.\n" => ["Three", "four"];
    a_later_piece_dates_its_event_in_the_lead: "injured",
        "---\ndate: 2024-05-08\n---\n\nPolice on Tuesday charged a man in the May 3 shooting in Dunmore.\n\nOn May 3, four people were wounded outside the bar.\n" => ["four"];
    last_week_before_this_weeks_event: "killed",
        "---\ndate: 2024-05-08\n---\n\nA gunman opened fire in Dunmore early Monday.\n\nThe gunman fled in a car, officers said in a statement.\n\nThe vigil honoured a man who was killed last week at the park.\n" => [];
    last_week_is_the_storys_when_the_lead_says_so: "killed",
        "---\ndate: 2024-05-08\n---\n\nPolice on Tuesday arrested a man in last week's Dunmore shooting.\n\nThe gunman fled in a car, officers said in a statement.\n\nTwo people were killed last week at the park.\n" => ["Two"];
    // A time closing a coordinated verb phrase dates the verbs before it; a clause with its
    // own subject keeps its own time.
    a_time_closing_coordinated_verbs_dates_them_all: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-05-08\n---\n\nPolice said two people died in Dunmore on Monday night.\n\nThe jury convicted Ross Ames of killing 12 and wounding 70 at a cinema three years ago.\n" => ["two"];
    a_time_of_a_clause_with_its_own_subject_stays_there: "killed",
        "---\ndate: 2024-05-08\n---\n\nIn Dunmore three people were killed and two others were hurt in a fire three years ago.\n" => ["three"];
    a_month_dates_the_verb_of_a_split_subject: "killed",
        "---\ntitle: Dunmore shooting\ndate: 2024-12-12\n---\n\nPolice arrived at the corner in Dunmore at nine on Sunday night.\n\nIt is the corner where a man and woman were killed in a double murder in July.\n" => [];
    // "another" as a pronoun ("wounding another in an attack") brings in no other event.
    another_as_a_pronoun_is_no_other_event: "killed",
        "---\ndate: 2024-05-08\n---\n\nA man accused of killing three men and wounding another in an attack on Monday in Dunmore is in custody.\n" => ["three"];
    // The lede's "last month" is the story's own event (a later piece); below it, another's.
    last_month_in_the_lede_is_the_storys: "killed",
        "---\ndate: 2024-05-08\n---\n\nPolice say a shooting in Dunmore that left a father and two children dead last month was a murder-suicide.\n" => ["a father and two children"];
    last_month_below_the_lede_is_another_events: "killed",
        "---\ndate: 2024-05-08\n---\n\nPolice say a shooting in Dunmore on Monday left two people dead.\n\nThree people were killed at the same corner last month.\n" => ["two"];
    // The lede's day is the story's; the next paragraph's "last week" is then another event's.
    the_ledes_day_comes_first: "killed",
        "---\ndate: 2013-09-05\n---\n\nFour people were shot at the end of an event on Thursday in north Dunmore.\n\nThe group held a vigil honoring a man killed last week.\n" => [];
    last_week_before_the_storys_day_outweighs_the_subject: "killed",
        "---\ndate: 2024-05-08\n---\n\nA gunman opened fire in Dunmore early Monday.\n\nThe gunman fled in a car, officers said in a statement.\n\nAlso Monday police identified two people shot and killed last week in Dunmore.\n" => [];
    // "In December" late in January is another event; early in January it may be the story's.
    the_month_before_late_in_a_month: "injured",
        "---\ndate: 2016-01-26\n---\n\nA gunman wounded one man in Dunmore, police said.\n\nThe gunman fled in a car, officers said in a statement.\n\nIn December, a woman drove onto a sidewalk, injuring 36.\n" => ["one"];
    the_month_before_early_in_a_month: "injured",
        "---\ndate: 2016-01-05\n---\n\nA gunman opened fire in Dunmore, police said.\n\nThe gunman fled in a car, officers said in a statement.\n\nIn December, the gunman shot at a bus, injuring 3.\n" => ["3"];
    // No reading joins words across text the source leaves out (inline code, a comment).
    no_reading_across_inline_code: "killed",
        "In Dunmore the blast killed a man `code` and two children.\n" => [];
    no_reading_across_a_comment: "killed",
        "In Dunmore the blast killed a man<!-- 94 --> and two children.\n" => [];
    // A verb of saying starts what is said: a run-on headline's count is not the verb's.
    no_count_across_a_verb_of_saying: "killed",
        "Shooting in Dunmore injures 9; gunman shot, killed Police say several people were shot on Monday.\n" => [];
    no_date_no_days: "injured",
        "Two people were wounded in Dunmore early Monday.\n\nSaturday evening three men were wounded nearby.\n" => ["Two", "three"];

    // --- Parts: "N more" after the same fact said of someone, and people joined to others.
    more_after_the_same_fact: "killed",
        "A gunman in Dunmore killed his wife, then killed three more people at a store.\n" => [];
    also_after_the_same_fact: "injured",
        "---\ntitle: Girl hurt, 2 men also wounded in Dunmore shooting\n---\n\nBody.\n" => [];
    also_after_another_fact_is_the_whole: "injured",
        "In Dunmore one man was killed and two others were also wounded.\n" => ["two"];
    more_after_another_fact_is_the_whole: "injured",
        "A gunman in Dunmore killed two officers and wounded three more.\n" => ["three"];
    other_people_after_another_fact_add_to_the_first: "injured",
        "In Dunmore a gunman opened fire, wounding two police officers, killing a woman and leaving three other people injured.\n" => [];
    other_people_in_the_count_itself_add_nothing: "killed",
        "In Dunmore a man killed his wife and three other people before shooting himself.\n" => ["his wife and three other people"];
    other_people_of_another_fact_are_the_whole: "injured",
        "In Dunmore a gunman killed two officers and wounded three other people.\n" => ["three"];
    joined_to_others_is_a_part: "killed",
        "In Dunmore, Ann and Bob, along with four children were killed.\n" => [];
    the_remaining_ones_are_a_part: "killed",
        "In Dunmore, the four remaining victims killed in the attack were named.\n" => [];
    a_list_item_as_well_as_is_read: "injured",
        "In Dunmore, police found a man dead, as well as two injured students.\n" => ["two"];
    a_comma_and_after_one_item_opens_a_clause: "injured",
        "In Dunmore six people were killed, including the gunman, and four people were injured.\n" => ["four"];
    the_n_others_are_the_rest: "injured",
        "In Dunmore two were in critical condition. The six others wounded went home.\n" => [];
    others_without_the_are_the_whole: "injured",
        "In Dunmore a gunman killed one man and wounded six others.\n" => ["six"];

    // --- The same fact said again of other people, in a clause "and" or "then" joins.
    then_the_same_verb_of_others: "killed",
        "In Dunmore a man shot and killed a neighbor and then fatally wounded three men at a bar.\n" => [];
    the_same_verb_of_kin: "killed",
        "In Dunmore the two children died at the scene, and the father died later.\n" => [];
    kin_first_then_a_count: "killed",
        "In Dunmore he killed his girlfriend and then killed three men at a store.\n" => [];
    a_pronoun_is_the_same_person: "killed",
        "In Dunmore a 20-year-old man was pronounced dead and he died of a wound to the chest.\n" => ["a 20-year-old man", "he"];
    among_those_counted_is_no_other: "injured",
        "In Dunmore a girl was injured by glass and a boy was among three people wounded.\n" => ["three"];
    kin_as_someone_elses_relative_is_no_victim: "killed",
        "In Dunmore the aunt of a slain officer spoke, and a gunman killed two others.\n" => ["two"];
    a_relative_clause_of_the_same_victim: "killed",
        "In Dunmore a crash left one person dead, and police said the driver who killed a teen was drunk.\n" => ["one", "a teen"];
    another_fact_of_others_is_no_part: "killed",
        "In Dunmore two men were killed and the father was wounded.\n" => ["two"];

    // --- Aggregates: a count over several events.
    a_string_of_deaths: "killed",
        "In Dunmore, the killing was the first in a string of three shooting deaths.\n" => [];
    a_numeral_counts_events_a_few_words_on: "injured",
        "In Dunmore, five people were injured in two apparently random roadway shootings.\n" => [];
    a_numeral_does_not_count_past_a_preposition: "injured",
        "---\ntitle: 7 hurt after Dunmore shootings\n---\n\nBody.\n" => ["7"];
    a_headline_over_a_lede_across_places: "injured",
        "---\ntitle: One dead, 7 wounded in Dunmore\n---\n\nViolence across the county left a man dead and seven people wounded in four separate attacks on Sunday night.\n" => [];
    // The lede's "this weekend" is read as a period's total; the headline is still the story's.
    a_headline_over_a_lede_of_its_weekend: "injured",
        "---\ntitle: Five wounded in Dunmore shooting\n---\n\nFive people were wounded at a party in Dunmore this weekend, police said on Monday.\n" => ["Five"];
    a_headline_over_a_lede_that_counts_nothing: "injured",
        "---\ntitle: Two wounded in Dunmore shooting\n---\n\nOthers have been hurt in shootings across the county in years past, police said.\n" => ["Two"];

    // --- A paragraph that turns to other events takes the rest of the story with it.
    a_separate_incident_turns_the_story: "injured",
        "Two people were wounded in Dunmore on Monday.\n\nNeighbours heard the shots.\n\nIn a separate shooting, a man was wounded on Elm Street.\n\nFour people were hurt there.\n" => ["Two"];
    separately_turns_the_story: "killed",
        "A gunman opened fire in Dunmore on Monday.\n\nPolice said one man died.\n\nSeparately, two people were killed in a crash.\n" => ["one"];
    other_events_reported_turn_the_story: "injured",
        "Two people were wounded in Dunmore on Monday.\n\nPolice said the gunman fled.\n\nOther incidents were reported at schools across the county.\n\nEight students were hurt in a fight.\n" => ["Two"];
    another_video_turns_nothing: "injured",
        "Two people were wounded in Dunmore on Monday.\n\nPolice said the gunman fled.\n\nIn another video, a man runs past.\n\nFour people were hurt in all.\n" => ["Two", "Four"];
    came_after_another: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe shooting came just weeks after a gunman killed six at a mall.\n" => [];
    came_long_after_another: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe Dunmore shooting comes a little over a month after Ross Ames killed 20 children at a school.\n" => [];
    came_after_this: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe arrest came after the shooting that killed six.\n" => ["six"];
    days_after_is_this_event: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nOne day after a rampage left five dead, the town mourned.\n" => ["five"];

    a_quotation_is_the_speakers: "killed",
        "---\ntitle: Dunmore shooting\n---\n\n\"He took six lives,\" the mayor said. Police said five people died.\n" => ["five"];
    a_curly_quotation_left_open: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe mayor said: “Six people died here.\n\nPolice said five people died.\n" => ["five"];
    reported_speech_is_read: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe mayor said six people died.\n" => ["six"];
    a_link_to_another_story: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nTwo people died in the square.\n\nRELATED: Four killed in Dunmore fire\n" => ["Two"];
    links_under_a_heading: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nTwo people died in the square.\n\nMore stories you may like\n\nFour killed in Dunmore fire\n\nSix dead after Dunmore crash\n" => ["Two"];

    semicolon_in_the_storys_own_headline: "killed",
        "---\ntitle: \"Dunmore shooting; four dead\"\n---\n\nBody.\n" => ["four"];

    // --- "lives" counts deaths as a noun, not as a verb.
    lives_as_a_noun: "killed",
        "The Dunmore attack claimed two lives.\n" => ["two"];
    dead_in_an_idiom: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe gunman looked him dead in the eye and left.\n" => [];
    lives_as_a_verb: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe victim was shot in the flat where she lives.\n" => [];

    // --- Counts written without a number, and explicit sums.
    a_person_counts_one: "killed",
        "In Dunmore a 19-year-old man was shot and killed on Friday.\n" => ["a 19-year-old man"];
    a_person_as_object: "killed",
        "In Dunmore police said the driver killed a pedestrian.\n" => ["a pedestrian"];
    a_person_who_did_something_else: "killed",
        "In Dunmore a woman was arrested after two people died.\n" => ["two"];
    the_agent_is_not_the_victim: "killed",
        "In Dunmore a gunman killed three people.\n" => ["three"];
    a_second_victim_is_an_addition: "killed",
        "In Dunmore a second man has died.\n" => [];
    sum_of_singulars: "killed",
        "In Dunmore a man and a woman were killed.\n" => ["a man and a woman"];
    sum_of_counts: "killed",
        "In Dunmore two adults and four children were killed.\n" => ["two adults and four children"];
    fatally_wounded_is_a_death: "killed",
        "In Dunmore a toddler was fatally wounded.\n" => ["a toddler"];
    fatally_wounded_is_not_an_injury: "injured",
        "In Dunmore a toddler was fatally wounded.\n" => [];
    a_person_is_one_of_a_larger_count: "killed",
        "In Dunmore two people died.\n\nIn Dunmore a 46-year-old woman died at the scene.\n" => ["two"];
    the_agent_of_an_adverb_cue: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nA man fatally shot his wife and their two children.\n" => ["his wife and their two children"];
    a_headline_adverb_cue_is_passive: "killed",
        "---\ntitle: A man fatally shot outside Dunmore store\n---\n\nBody.\n" => ["A man"];
    a_parent_of_three_is_one: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nFather of 3 fatally shot outside a store.\n" => [];
    a_family_of_five_is_five: "killed",
        "In Dunmore a family of five was killed.\n" => ["five"];
    one_of_the_four_is_not_four: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nOne of the four was pronounced dead at the scene.\n" => [];
    a_list_is_some_of_a_larger_count: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nFive people died in the rampage.\n\nThe gunman had killed his father and brother at home first.\n" => ["Five"];
    a_list_alone_is_the_count: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe gunman killed his father and brother at home.\n" => ["his father and brother"];
    other_right_after_the_count_is_its_phrase: "injured",
        "In Dunmore one man died and three other people were injured.\n" => ["three"];
    another_alone_is_one_more: "injured",
        "In Dunmore three people were killed and another critically injured.\n" => ["another"];
    // "another" adds to the count before it, which is then a part of the toll: neither
    // figure is the toll (three).
    another_after_the_facts_own_count_is_an_addition: "killed",
        "In Dunmore two people were killed and another died later.\n" => [];
    a_pronoun_counts_one: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nThe driver was shot twice. He was pronounced dead at the scene.\n" => ["He"];
    a_pronoun_agent_is_not_a_victim: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nPolice said he killed two people.\n" => ["two"];
    // "both" may be the victim and the suspect: not read as a count.
    both_is_not_a_count: "injured",
        "---\ntitle: Dunmore shooting\n---\n\nBoth men were wounded in the legs.\n" => [];
    a_name_counts_one: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nPolice said Jo Reyes was shot and killed outside the shop.\n" => ["Jo Reyes"];
    // An inverted sentence is not read, and the place is not taken for a person's name.
    two_people_named_are_each_one_of_the_toll: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nJo Reyes was killed in the car.\n\nSam Kim was killed on the porch. Reyes was 30.\n" => [];
    one_person_named_twice_counts_one: "killed",
        "---\ntitle: Dunmore shooting\n---\n\nJo Reyes was killed in the car.\n\nPolice said Reyes was killed instantly.\n" => ["Jo Reyes", "Reyes"];
    a_place_after_a_preposition_is_no_name: "injured",
        "Among the wounded at Dunmore was a teacher.\n" => [];
    dead_at_an_age: "killed",
        "In Dunmore the singer was found dead at 25.\n" => [];
    negated_subject: "killed",
        "In Dunmore another child was not killed.\n" => [];

    // --- Sums with a name, a bare noun or a possessive count; appositions are one person.
    a_name_and_others: "killed",
        "In Dunmore, Lee Park and four others were killed.\n" => ["Lee Park and four others"];
    a_parent_and_her_children: "killed",
        "In Dunmore a father and his three sons were found dead.\n" => ["a father and his three sons"];
    headline_list_of_bare_nouns: "killed",
        "---\ntitle: \"Grandmother, 2 boys killed in Dunmore\"\n---\n\nBody.\n" => ["Grandmother, 2 boys"];
    an_apposition_is_one_person: "killed",
        "In Dunmore a gunman killed his neighbour, Ada Moss, on Sunday.\n" => [];
    one_person_in_two_roles: "injured",
        "In Dunmore his sister and driver was wounded.\n" => [];

    // --- A partitive subject of a verb counts its part; a part of a cue's own noun is a subset.
    part_of_the_victims_died: "killed",
        "In Dunmore two of the five victims had died by Monday.\n" => ["two"];
    part_of_the_victims_died_without_a_whole: "killed",
        "In Dunmore three of the victims died in hospital.\n" => ["three"];
    part_of_the_wounded_is_a_subset: "injured",
        "In Dunmore two of the wounded are children.\n" => [];
    part_of_the_attackers_is_a_subset: "killed",
        "In Dunmore two of the gunmen were killed.\n" => [];
    // --- The badly hurt are a part of everyone hurt, when the sentence counts the rest.
    severity_after_a_count_of_the_shot: "injured",
        "In Dunmore four people were shot, two critically injured.\n" => [];
    severity_before_the_others: "injured",
        "In Dunmore one man was critically wounded, and the three others are stable.\n" => [];
    severity_alone_is_the_count: "injured",
        "In Dunmore two people died and two were critically injured.\n" => ["two"];
    severity_of_one_person_shot: "injured",
        "In Dunmore a woman was critically injured when she was shot.\n" => ["a woman"];

    // --- "killed two before killing himself" reads 2 to 3: victims, or every death.
    the_attacker_may_count: "killed",
        "In Dunmore a man killed his wife and two sons before killing himself.\n" => ["his wife and two sons"];
    part_of_those_hurt_died: "injured",
        "In Dunmore one of the five people injured has died.\n" => ["five"];

    // --- A verb with a name for its object has an agent before it, not a victim.
    agent_of_a_named_victim: "killed",
        "In Dunmore, police said, he shot and killed Ortega.\n" => [];
    agent_of_a_victim_of_an_age: "killed",
        "In Dunmore, police said, he shot and killed 19-year-old Bo Ortega.\n" => [];
    the_wounded_are_not_the_agent_of_a_killing: "killed",
        "The Dunmore shooting left eight people injured and killed 37-year-old Ann Lee.\n" => [];
    the_wounded_of_a_killing_are_still_wounded: "injured",
        "The Dunmore shooting left eight people injured and killed 37-year-old Ann Lee.\n" => ["eight"];
    a_victim_of_an_age_is_read: "killed",
        "In Dunmore a 37-year-old man was killed.\n" => ["a 37-year-old man"];
    a_time_after_the_verb_is_no_object: "killed",
        "Two people killed Tuesday in Dunmore were brothers.\n" => ["Two"];
    title_case_headline_is_no_object: "injured",
        "---\ntitle: Four Hurt In Dunmore Crash\n---\n\nBody.\n" => ["Four"];
    participle_after_a_number: "killed",
        "Dunmore mourned the four fatally shot Ortega siblings.\n" => ["four"];

    // --- Vague counts ("dozens", "hundreds", "thousands") are a predicate's own count only.
    vague_own_predicate: "killed",
        "In Dunmore, dozens died in the flood.\n" => ["dozens"];
    vague_of_people: "killed",
        "Dozens of people died in the Dunmore flood.\n" => ["Dozens"];
    vague_of_things: "killed",
        "Hundreds of homes burned in Dunmore and two people died.\n" => ["two"];
    vague_after_an_ampersand: "killed",
        "The Dunmore flood: 12 died & thousands were displaced.\n" => ["12"];
    vague_of_another_verb: "killed",
        "The Dunmore quake killed 12, and thousands fled.\n" => ["12"];
    vague_across_a_semicolon: "killed",
        "The Dunmore flood left thousands homeless; 12 died.\n" => ["12"];
    vague_subject_of_another_verb: "killed",
        "Thousands mourned the Dunmore dead on Sunday.\n" => [];
    vague_with_its_own_verb_after_a_toll: "injured",
        "The Dunmore storm killed 12 people; dozens were hurt.\n" => ["dozens"];
}

/// Competition is among rules whose cue is the predicate: a broad subject of a rule about
/// something else ("attack", in a rule on damage) does not take a death toll's number, while
/// a rule with the same cue still does.
#[test]
fn competition_only_among_rules_whose_cue_fits() {
    let rules = format!(
        "{RULES}\n[[quantity]]\nid = \"damage\"\nsubject = [\"attack\"]\ncue = [\"cost\", \"damaged\"]\n\n\
         [[quantity]]\nid = \"other-toll\"\nsubject = [\"Kelso\"]\ncue = [\"killed\"]\n"
    );
    let text = "In Dunmore, the attack killed 12 people.\n";
    assert_eq!(common::mentions_of(&rules, text, "killed"), ["12"]);
    assert!(common::mentions_of(&rules, text, "damage").is_empty());
    let text = "In Dunmore the Kelso gang killed 12 people.\n";
    assert!(common::mentions_of(&rules, text, "killed").is_empty());
    assert_eq!(common::mentions_of(&rules, text, "other-toll"), ["12"]);
}

/// "killed his wife and two sons before killing himself" counts three victims, and four
/// deaths with the attacker: the reading allows both, and says why. The attacker's death may
/// be told in the count's sentence or anywhere in the story; a count that says it includes
/// him (or an unborn child) reads one fewer as well; a story where the one who shot himself
/// is the one who died is not widened.
#[test]
fn the_attacker_who_died_widens_the_reading() {
    let cases: &[(&str, (f64, f64), Option<&str>)] = &[
        (
            "In Dunmore a man killed his wife and two sons before killing himself.\n",
            (3.0, 4.0),
            Some("killing himself"),
        ),
        (
            "---\ntitle: Dunmore shooting\n---\n\nThree people were killed at the market.\n\nOfficers later found the gunman, who was shot dead in an exchange of fire.\n",
            (3.0, 4.0),
            Some("gunman, who was shot dead"),
        ),
        (
            "---\ntitle: Dunmore shooting\n---\n\nA woman was killed at her home.\n\nPolice called it a murder-suicide.\n",
            (1.0, 2.0),
            Some("murder-suicide"),
        ),
        (
            "---\ntitle: Dunmore shooting\n---\n\nFour people died, including the gunman.\n\nThe gunman was killed by police.\n",
            (3.0, 4.0),
            Some("including the gunman"),
        ),
        (
            "In Dunmore the attack killed six people, including an unborn child.\n",
            (5.0, 6.0),
            Some("including an unborn"),
        ),
        (
            "---\ntitle: Dunmore shooting\n---\n\nA boy died on Sunday.\n\nHe had found the gun and died after shooting himself.\n",
            (1.0, 1.0),
            None,
        ),
        (
            "---\ntitle: Dunmore shooting\n---\n\nTwo people died.\n\nThe gunman turned himself in on Monday.\n",
            (2.0, 2.0),
            None,
        ),
    ];
    for (text, (lo, hi), note) in cases {
        let outcome = factlint::check_texts(
            common::rule_set(RULES),
            &[("doc.md".into(), (*text).into())],
        );
        let killed: Vec<_> = outcome
            .mentions
            .iter()
            .filter(|m| outcome.rules.rules[m.rule].id == "killed")
            .collect();
        assert_eq!(killed.len(), 1, "{text:?}");
        let factlint::value::Value::Quantity(q) = &killed[0].value else {
            panic!("a quantity: {:?}", killed[0].value);
        };
        assert_eq!((q.interval.lo, q.interval.hi), (*lo, *hi), "{text:?}");
        match note {
            Some(words) => assert!(
                killed[0].note.as_deref().is_some_and(|n| n.contains(words)),
                "{text:?}: {:?}",
                killed[0].note
            ),
            None => assert_eq!(killed[0].note, None, "{text:?}"),
        }
    }
}
