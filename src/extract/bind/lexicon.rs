//! The binding lexicon: closed-class words of English news prose that binding reads.
//!
//! These are grammar, not a corpus's wording: auxiliaries, determiners, prepositions,
//! subordinators, modal and negating words, verbs of change, nouns for people. Rules bring
//! their own vocabulary (subjects and cues); nothing here names an event or a place.

use super::tokens::Token;

/// Words that may follow a count without making it a count of something else.
pub(super) const PEOPLE_NOUNS: &[&str] = &[
    "people",
    "persons",
    "person",
    "civilians",
    "civilian",
    "victims",
    "individuals",
    "others",
    "men",
    "women",
    "children",
    "adults",
    "residents",
    "worshippers",
    "concertgoers",
    "spectators",
    "visitors",
    "passengers",
    "pilgrims",
    "mourners",
    "man",
    "woman",
    "boy",
    "boys",
    "girl",
    "girls",
    "child",
    "teen",
    "teens",
    "teenager",
    "teenagers",
    "youths",
    "students",
    "bystanders",
    "relatives",
    "members",
    "bodies",
    "dead",
    "lives",
    "casualties",
    "fatalities",
    "deaths",
];

/// Prepositions (but "of", which joins a nominal cue to its count: "deaths of two").
pub(super) const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "near",
    "by",
    "from",
    "with",
    "as",
    "across",
    "since",
    "after",
    "before",
    "during",
    "inside",
    "outside",
    "into",
    "over",
    "under",
    "within",
    "among",
    "amid",
    "between",
    "following",
    "than",
    "for",
    "to",
];

/// Words after a number that end its noun phrase besides the prepositions: "of",
/// conjunctions, relative words, adverbs, reporting words.
const PHRASE_ENDERS: &[&str] = &[
    "of",
    "and",
    "or",
    "but",
    "when",
    "while",
    "including",
    "according",
    "that",
    "which",
    "who",
    "so",
    "then",
    "there",
    "here",
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "earlier",
    "now",
    "again",
    "last",
    "this",
    "more",
    "total",
    "altogether",
    "overall",
    "far",
    "officials",
    "police",
    "authorities",
    "reports",
    "reported",
];

/// Whether a word after a number ends its noun phrase: a preposition, a conjunction, an
/// adverb.
pub(super) fn ends_phrase(t: &Token<'_>) -> bool {
    t.is_in(PREPOSITIONS) || t.is_in(PHRASE_ENDERS)
}

/// Auxiliaries: "three militants were later killed" puts the cue in another clause.
pub(super) const AUXILIARIES: &[&str] = &[
    "were", "was", "are", "is", "been", "be", "had", "have", "has", "later", "also",
];

/// Verbs of change followed by "to" or "at" before the new figure ("rose to 137").
pub(super) const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "rising",
    "climbed",
    "climbs",
    "climbing",
    "increased",
    "increases",
    "jumped",
    "jumps",
    "grew",
    "grown",
    "soared",
    "went",
    "stood",
    "stands",
    "standing",
    "now",
    "revised",
    "raised",
    "lowered",
    "fell",
    "fallen",
    "dropped",
    "decreased",
    "reduced",
];

/// Verbs of change directly before the new figure ("reached 137").
pub(super) const CHANGE_VERBS_DIRECT: &[&str] =
    &["reached", "reaches", "hit", "hits", "topped", "passed"];

/// How many words a verb of change lets a cue stand before the value.
pub(super) const CHANGE_VERB_GAP: usize = 10;

/// Words that make a frame hypothetical or negated.
pub(super) const MODALS: &[&str] = &[
    "could",
    "would",
    "might",
    "may",
    "should",
    "threatened",
    "threatens",
    "threaten",
    "threatening",
    "plan",
    "plans",
    "planned",
    "planning",
    "plotted",
    "feared",
    "fears",
    "fear",
    "if",
    "unless",
    "not",
    "never",
    "didn't",
    "wouldn't",
    "couldn't",
    "hadn't",
    "won't",
    "can't",
    "cannot",
    "wasn't",
    "weren't",
    "isn't",
    "aren't",
    "hasn't",
    "haven't",
    "aimed",
    "intended",
    "hoped",
];

/// Words that start a noun phrase: after a count they start another phrase ("12 a woman").
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "another",
    "other", "our", "my", "your",
];

/// Coordinators: between two predicates' material they start a new clause ("… were killed
/// and one was wounded").
pub(super) const COORDINATORS: &[&str] = &["and", "but", "or", "nor", "yet", "plus"];

/// Words that open a relative or subordinate clause ("which killed 96", "when …").
pub(super) const SUBORDINATORS: &[&str] = &[
    "which", "who", "whom", "whose", "that", "when", "whenever", "where", "while", "whereas",
    "after", "before", "since", "because", "although", "though", "until", "unless", "if",
];

/// Predicates of news about violence and disaster that no rule may name but that still own
/// their counts: "Four were shot and two arrested" gives no count to a rule on `killed`.
/// A rule's own cue always takes precedence over this list.
pub(super) const NEWS_PREDICATES: &[&str] = &[
    "shot",
    "arrested",
    "detained",
    "charged",
    "held",
    "hospitalized",
    "hospitalised",
    "treated",
    "rescued",
    "missing",
    "displaced",
    "evacuated",
    "injured",
    "wounded",
    "hurt",
    "killed",
    "dead",
    "died",
    "slain",
    "stabbed",
    "released",
    "survived",
    "escaped",
    "fled",
    "questioned",
    "sentenced",
    "convicted",
    "indicted",
];

/// Definite determiners, pronouns and forms of "be" and "have": with the prepositions, the
/// words that never stand between a predicate and its object count ("killed *their* three
/// children" names a part, "died *was* 17").
const NOT_BEFORE_OBJECT: &[&str] = &[
    "the", "their", "his", "her", "its", "them", "him", "this", "these", "those", "our", "my",
    "your", "were", "was", "is", "are", "been", "be", "had", "have", "has",
    // A verb of saying starts what is said: "… gunman shot, killed Police say several people
    // were shot" (a run-on headline).
    "say", "says", "said",
];

/// Whether a word between a predicate and a count after it keeps the count from being its
/// object: a preposition ("killed *with* seven", "dead *at* 5") or a word of
/// [`NOT_BEFORE_OBJECT`].
pub(super) fn blocks_object(t: &Token<'_>) -> bool {
    t.is_in(PREPOSITIONS) || t.is_in(NOT_BEFORE_OBJECT)
}

/// The weekdays, Monday first (their index is the ISO weekday − 1).
pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nouns that name an event, so that "another shooting" or "a similar attack" is about
/// another event while "another man" is one more victim of this one.
pub(super) const EVENT_NOUNS: &[&str] = &[
    "shooting",
    "shootings",
    "attack",
    "attacks",
    "incident",
    "incidents",
    "case",
    "cases",
    "crash",
    "crashes",
    "bombing",
    "bombings",
    "killing",
    "killings",
    "homicide",
    "homicides",
    "murder",
    "murders",
    "fire",
    "fires",
    "blast",
    "blasts",
    "explosion",
    "explosions",
    "stabbing",
    "stabbings",
    "robbery",
    "robberies",
    "massacre",
    "massacres",
    "accident",
    "accidents",
    "collision",
    "collisions",
    "tragedy",
    "rampage",
    "ambush",
    "standoff",
    "earthquake",
    "quake",
    "storm",
    "flood",
    "outbreak",
    "raid",
    "strike",
    "war",
];

/// Singular nouns for a person: "a man was killed" counts one. Plurals are read by
/// [`is_people_plural`].
pub(super) const PERSON_NOUNS: &[&str] = &[
    "person",
    "man",
    "woman",
    "boy",
    "girl",
    "child",
    "teen",
    "teenager",
    "toddler",
    "infant",
    "baby",
    "youth",
    "adult",
    "juvenile",
    "male",
    "female",
    "officer",
    "deputy",
    "trooper",
    "agent",
    "soldier",
    "firefighter",
    "student",
    "teacher",
    "resident",
    "driver",
    "passenger",
    "bystander",
    "pedestrian",
    "motorist",
    "cyclist",
    "customer",
    "clerk",
    "cashier",
    "employee",
    "worker",
    "guard",
    "neighbor",
    "neighbour",
    "victim",
    "gunman",
    "shooter",
    "suspect",
    "mother",
    "father",
    "son",
    "daughter",
    "husband",
    "wife",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "grandson",
    "granddaughter",
    "mom",
    "dad",
    "nephew",
    "niece",
    "uncle",
    "aunt",
    "cousin",
    "friend",
    "girlfriend",
    "boyfriend",
    "relative",
    "patient",
    "homeowner",
    "civilian",
    "pilgrim",
    "worshipper",
    "tourist",
    "visitor",
    "senior",
    "retiree",
];

/// Whether `t` names people in the plural: "people", "officers", "deputies", "women".
pub(super) fn is_people_plural(t: &Token<'_>) -> bool {
    if !t.word {
        return false;
    }
    // Words that follow a count but are not people: "two dead", "three deaths".
    const NOT_PEOPLE: &[&str] = &[
        "dead",
        "lives",
        "casualties",
        "fatalities",
        "deaths",
        "bodies",
    ];
    if t.is_in(NOT_PEOPLE) {
        return false;
    }
    if t.is_in(PEOPLE_NOUNS) && !t.is_in(PERSON_NOUNS) {
        return true;
    }
    let lower = t.text.to_ascii_lowercase();
    let singular = [
        lower.strip_suffix("ies").map(|s| format!("{s}y")),
        lower.strip_suffix('s').map(str::to_string),
    ];
    singular
        .iter()
        .flatten()
        .any(|s| super::tokens::is_in(PERSON_NOUNS, s))
}

/// Whether `t` is an age used as a noun or adjective: "16-year-old", "2-month-old".
pub(super) fn is_age_compound(t: &Token<'_>) -> bool {
    let lower = t.text.to_ascii_lowercase();
    let singular = lower.strip_suffix('s').unwrap_or(&lower);
    [
        "-year-old",
        "-yr-old",
        "-month-old",
        "-week-old",
        "-day-old",
    ]
    .iter()
    .any(|s| singular.ends_with(s))
}
