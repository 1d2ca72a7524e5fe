//! The one multi-pattern matcher for every term of every rule.
//!
//! All literal terms of all rules (entity forms, subjects, cues, exclusions) are compiled into
//! two Aho-Corasick automata — one case-sensitive, one ASCII-case-insensitive — so a document
//! is scanned once whatever the number of rules. Regex terms (`/.../`) run one by one; they are
//! rare. Whole-word matching is checked at each match site by looking at the neighbouring
//! characters (`char::is_alphanumeric`), never with a Unicode `\b` in an automaton, which is
//! 10–50× slower on news text (extraction.md Part C).
//!
//! Overlaps are resolved per rule and role, leftmost-longest: for an entity whose forms are
//! `IS-K` and `IS-KP`, the text `IS-KP` is one hit of `IS-KP`, not also one of `IS-K`. Hits of
//! *different* rules may overlap freely: `Crocus` may be one rule's subject inside another
//! rule's entity form `Crocus City Hall`.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::rules::{Pattern, RuleKind, RuleSet, Term};
use crate::source::offsets::{TextRange, ceil_char_boundary};

/// Which part of a rule a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// An entity's canonical form (term 0) or variant (term `i + 1`).
    Form,
    /// A quantity's or date's subject.
    Subject,
    /// A quantity's or date's cue.
    Cue,
    /// An exclusion pattern.
    Exclude,
}

/// One whole-word match of a term in the matching text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hit {
    /// First byte in the matching text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The rule.
    pub rule: usize,
    /// The term's role in the rule.
    pub role: Role,
    /// Index of the term within its role's list (for `Form`: 0 = canonical). 32 bits (a
    /// rule file is bounded far below that): a hit then takes 32 bytes, not 40, and a text
    /// dense with terms has millions.
    pub term: u32,
}

/// The exclusion hits of a document (`exclude` patterns), to ask which hits they cover. Kept
/// by start with the longest one's length, so that a question reads only the exclusions that
/// can reach its hit, never all of them (a file dense with both would cost their product).
#[derive(Debug, Default)]
pub struct Exclusions {
    hits: Vec<Hit>,
    longest: usize,
}

impl Exclusions {
    /// The exclusion hits among `hits` (sorted by start, as [`TermMatcher::find`] returns).
    pub fn of(hits: &[Hit]) -> Exclusions {
        let hits: Vec<Hit> = hits
            .iter()
            .filter(|h| h.role == Role::Exclude)
            .copied()
            .collect();
        let longest = hits.iter().map(|h| h.end - h.start).max().unwrap_or(0);
        Exclusions { hits, longest }
    }

    /// Whether an exclusion of `rule` overlaps `start..end`.
    pub fn cover(&self, rule: usize, start: usize, end: usize) -> bool {
        // An exclusion starting `longest` bytes or more before `start` ends before it.
        let first = self
            .hits
            .partition_point(|x| x.start + self.longest <= start);
        self.hits[first..]
            .iter()
            .take_while(|x| x.start < end)
            .any(|x| x.rule == rule && start < x.end)
    }

    /// Whether an exclusion of its own rule overlaps `hit`.
    pub fn cover_hit(&self, hit: &Hit) -> bool {
        self.cover(hit.rule, hit.start, hit.end)
    }
}

/// Who owns a pattern of an automaton: several rules may share one literal.
#[derive(Debug, Clone, Copy)]
struct Owner {
    rule: usize,
    role: Role,
    term: usize,
    /// Whether the term starts / ends with a word character, so the match needs a boundary.
    word_start: bool,
    word_end: bool,
}

/// Total bytes of literals above which no DFA is built (see [`Automaton::build`]).
const DFA_MAX_BYTES: usize = 4 * 1024;

#[derive(Debug)]
struct Automaton {
    ac: AhoCorasick,
    owners: Vec<Vec<Owner>>,
}

impl Automaton {
    fn build(patterns: Vec<(String, Vec<Owner>)>, case_insensitive: bool) -> Option<Automaton> {
        if patterns.is_empty() {
            return None;
        }
        let (literals, owners): (Vec<String>, Vec<Vec<Owner>>) = patterns.into_iter().unzip();
        // Standard semantics + overlapping search: every pattern that matches is reported, so
        // that one rule's long form never hides another rule's shorter term.
        let mut builder = AhoCorasickBuilder::new();
        builder
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(case_insensitive);
        // The crate picks a DFA for few patterns, and building one costs time quadratic in a
        // pattern's length (a 100,000-character term took minutes). Past a size no real term
        // list reaches, the contiguous NFA is built in linear time and scans nearly as fast.
        let total: usize = literals.iter().map(String::len).sum();
        if total > DFA_MAX_BYTES {
            builder.kind(Some(AhoCorasickKind::ContiguousNFA));
        }
        let ac = builder.build(&literals).ok()?;
        Some(Automaton { ac, owners })
    }
}

#[derive(Debug)]
struct RegexTerm {
    regex: regex::Regex,
    owner: Owner,
}

/// All terms of all rules, compiled.
#[derive(Debug)]
pub struct TermMatcher {
    sensitive: Option<Automaton>,
    insensitive: Option<Automaton>,
    regexes: Vec<RegexTerm>,
}

/// Every `(role, terms)` list of a rule, in a fixed order.
pub fn rule_terms(kind: &RuleKind) -> Vec<(Role, Vec<&Term>)> {
    match kind {
        RuleKind::Entity(e) => vec![(
            Role::Form,
            std::iter::once(&e.canonical).chain(&e.variants).collect(),
        )],
        RuleKind::Quantity(q) => vec![
            (Role::Subject, q.subject.iter().collect()),
            (Role::Cue, q.cue.iter().collect()),
        ],
        RuleKind::Date(d) => vec![
            (Role::Subject, d.subject.iter().collect()),
            (Role::Cue, d.cue.iter().collect()),
        ],
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl TermMatcher {
    /// Compiles the terms of `rules`.
    pub fn new(rules: &RuleSet) -> TermMatcher {
        // pattern text -> owners, per automaton; BTreeMap-like determinism comes from the
        // first-seen order kept in `order`.
        let mut sensitive: HashMap<String, usize> = HashMap::new();
        let mut insensitive: HashMap<String, usize> = HashMap::new();
        let mut sensitive_patterns: Vec<(String, Vec<Owner>)> = Vec::new();
        let mut insensitive_patterns: Vec<(String, Vec<Owner>)> = Vec::new();
        let mut regexes = Vec::new();

        for (rule_idx, rule) in rules.rules.iter().enumerate() {
            let mut lists = rule_terms(&rule.kind);
            lists.push((Role::Exclude, rule.exclude.iter().collect()));
            for (role, terms) in lists {
                for (term_idx, term) in terms.into_iter().enumerate() {
                    let owner = |text: &str| Owner {
                        rule: rule_idx,
                        role,
                        term: term_idx,
                        word_start: text.chars().next().is_some_and(is_word_char),
                        word_end: text.chars().next_back().is_some_and(is_word_char),
                    };
                    match &term.pattern {
                        Pattern::Literal(text) if text.is_empty() => {}
                        Pattern::Literal(text) => {
                            let (index, patterns) = if term.case_sensitive {
                                (&mut sensitive, &mut sensitive_patterns)
                            } else {
                                (&mut insensitive, &mut insensitive_patterns)
                            };
                            let mut forms = vec![text.clone()];
                            if !term.case_sensitive && !text.is_ascii() {
                                // ASCII case-insensitivity does not fold `Ü`/`ü`: add the
                                // lower- and upper-case spellings as patterns of their own.
                                forms.push(text.to_lowercase());
                                forms.push(text.to_uppercase());
                                forms.dedup();
                            }
                            for form in forms {
                                let slot = *index.entry(form.clone()).or_insert_with(|| {
                                    patterns.push((form.clone(), Vec::new()));
                                    patterns.len() - 1
                                });
                                patterns[slot].1.push(owner(text));
                            }
                        }
                        Pattern::Regex(regex) => regexes.push(RegexTerm {
                            regex: regex.clone(),
                            owner: owner(""),
                        }),
                    }
                }
            }
        }
        for (_, owners) in sensitive_patterns
            .iter_mut()
            .chain(insensitive_patterns.iter_mut())
        {
            owners.sort_by_key(|o| (o.rule, o.role, o.term));
            owners.dedup_by_key(|o| (o.rule, o.role, o.term));
        }
        TermMatcher {
            sensitive: Automaton::build(sensitive_patterns, false),
            insensitive: Automaton::build(insensitive_patterns, true),
            regexes,
        }
    }

    /// Every hit in `text`, sorted by start, end, rule, role and term.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_in(text, TextRange::new(0, text.len()))
    }

    /// Every hit lying wholly inside `part` of `text` (a part of a long document,
    /// [`super::parts`]), sorted as [`TermMatcher::find`] sorts: whole words are judged
    /// against the text around the part, so a part finds what the whole text finds there.
    pub fn find_in(&self, text: &str, part: TextRange) -> Vec<Hit> {
        let mut raw: Vec<Hit> = Vec::new();
        let Some(upto) = text.get(..part.end) else {
            return raw;
        };
        if !text.is_char_boundary(part.start) || part.start > part.end {
            return raw;
        }
        for automaton in [&self.sensitive, &self.insensitive].into_iter().flatten() {
            let input = aho_corasick::Input::new(upto).range(part.start..part.end);
            for m in automaton.ac.find_overlapping_iter(input) {
                let Some(owners) = automaton.owners.get(m.pattern().as_usize()) else {
                    continue;
                };
                for owner in owners {
                    if boundary_ok(text, m.start(), m.end(), owner.word_start, owner.word_end) {
                        raw.push(hit(m.start(), m.end(), owner));
                    }
                }
            }
        }
        for term in &self.regexes {
            // `find_at` sees the text before the part (for `\b` and look-behind-like
            // assertions); the haystack ends with the part.
            let mut at = part.start;
            while at <= upto.len() {
                let Some(m) = term.regex.find_at(upto, at) else {
                    break;
                };
                if m.is_empty() {
                    at = ceil_char_boundary(upto, m.end() + 1);
                    continue;
                }
                at = m.end();
                let s = m.as_str();
                let word_start = s.chars().next().is_some_and(is_word_char);
                let word_end = s.chars().next_back().is_some_and(is_word_char);
                if boundary_ok(text, m.start(), m.end(), word_start, word_end) {
                    raw.push(hit(m.start(), m.end(), &term.owner));
                }
            }
        }
        select_leftmost_longest(raw)
    }
}

fn hit(start: usize, end: usize, owner: &Owner) -> Hit {
    Hit {
        start,
        end,
        rule: owner.rule,
        role: owner.role,
        term: u32::try_from(owner.term).unwrap_or(u32::MAX),
    }
}

/// Whether a match at `start..end` stands as a whole word on the sides that need it.
fn boundary_ok(text: &str, start: usize, end: usize, word_start: bool, word_end: bool) -> bool {
    let before_ok = !word_start
        || text
            .get(..start)
            .and_then(|s| s.chars().next_back())
            .is_none_or(|c| !is_word_char(c));
    let after_ok = !word_end
        || text
            .get(end..)
            .and_then(|s| s.chars().next())
            .is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// Keeps, per (rule, role), the leftmost-longest non-overlapping hits. In place: a text dense
/// with terms has millions of hits, and a second list of them would double their cost.
fn select_leftmost_longest(mut raw: Vec<Hit>) -> Vec<Hit> {
    // Group order: rule, role; inside a group: start ascending, longest first, lowest term.
    // Every field is in the key, so an unstable sort orders as a stable one would.
    raw.sort_unstable_by(|a, b| {
        (a.rule, a.role, a.start, std::cmp::Reverse(a.end), a.term).cmp(&(
            b.rule,
            b.role,
            b.start,
            std::cmp::Reverse(b.end),
            b.term,
        ))
    });
    let mut last: Option<(usize, Role, usize)> = None; // (rule, role, end of last kept hit)
    raw.retain(|h| {
        if let Some((rule, role, end)) = last
            && rule == h.rule
            && role == h.role
            && h.start < end
        {
            return false;
        }
        last = Some((h.rule, h.role, h.end));
        true
    });
    // Not shrunk here: the one caller lets the name hits go next and shrinks once.
    raw.sort_unstable();
    raw
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{EntityMode, EntityRule, QuantityRule, Rule, Scope};
    use crate::span::{FileId, Span};

    #[test]
    fn a_hit_takes_32_bytes() {
        // A text dense with terms holds millions of hits (docs/reliability.md).
        assert_eq!(size_of::<Hit>(), 32);
    }

    proptest::proptest! {
        /// Asking the exclusions near a hit answers as asking every one of them would.
        #[test]
        fn exclusions_cover_as_a_pass_over_all_would(
            spans in proptest::collection::vec((0usize..200, 1usize..30, 0usize..3), 0..40),
            asked in proptest::collection::vec((0usize..220, 0usize..30, 0usize..3), 1..20),
        ) {
            let mut hits: Vec<Hit> = spans
                .iter()
                .map(|&(start, len, rule)| Hit { start, end: start + len, rule, role: Role::Exclude, term: 0 })
                .collect();
            hits.sort();
            let exclusions = Exclusions::of(&hits);
            for (start, len, rule) in asked {
                let end = start + len;
                let naive = hits.iter().any(|x| x.rule == rule && x.start < end && start < x.end);
                proptest::prop_assert_eq!(exclusions.cover(rule, start, end), naive);
            }
        }
    }

    proptest::proptest! {
        /// A text cut into parts at blank lines (where no term can run across): the hits of
        /// the parts, one after another, are the hits of the whole text, literals and regexes
        /// alike, whole words judged against the text around each part.
        #[test]
        fn parts_find_what_the_whole_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["IS-K", "ISIS-K", "Crocus", "killed", "a", "xCrocus", "Crocusx", "12"]),
                0..40,
            ),
            breaks in proptest::collection::vec(proptest::bool::ANY, 40),
            cuts in proptest::collection::vec(0usize..40, 0..4),
        ) {
            let mut text = String::new();
            let mut blank_lines = Vec::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    if breaks[i] {
                        text.push_str("\n\n");
                        blank_lines.push(text.len());
                    } else {
                        text.push(' ');
                    }
                }
                text.push_str(w);
            }
            let mut crocus = rule("crocus", quantity(&["Crocus"]));
            if let RuleKind::Quantity(q) = &mut crocus.kind {
                q.cue.push(Term {
                    written: "r:[0-9]+".into(),
                    pattern: Pattern::Regex(regex::Regex::new("[0-9]+").unwrap()),
                    case_sensitive: true,
                    at: Span::new(FileId(0), 0..0),
                });
            }
            let rules = RuleSet {
                rules: vec![rule("iskp", entity("IS-K", &["ISIS-K"])), crocus],
            };
            let m = TermMatcher::new(&rules);
            let mut at: Vec<usize> = cuts
                .iter()
                .filter_map(|&k| blank_lines.get(k % blank_lines.len().max(1)).copied())
                .collect();
            at.push(0);
            at.push(text.len());
            at.sort_unstable();
            at.dedup();
            let mut parts = Vec::new();
            for pair in at.windows(2) {
                parts.extend(m.find_in(&text, TextRange::new(pair[0], pair[1])));
            }
            proptest::prop_assert_eq!(parts, m.find(&text));
        }
    }

    fn lit(s: &str, case_sensitive: bool) -> Term {
        Term {
            written: s.to_string(),
            pattern: Pattern::Literal(crate::source::offsets::normalize_str(s)),
            case_sensitive,
            at: Span::new(FileId(0), 0..0),
        }
    }

    fn rule(id: &str, kind: RuleKind) -> Rule {
        Rule {
            id: id.into(),
            description: None,
            severity: None,
            scope: Scope::Sentence,
            exclude: Vec::new(),
            origin: Span::new(FileId(0), 0..0),
            location: "rules.toml:1".into(),
            kind,
            examples: Vec::new(),
        }
    }

    fn entity(canonical: &str, variants: &[&str]) -> RuleKind {
        RuleKind::Entity(EntityRule {
            canonical: lit(canonical, true),
            variants: variants.iter().map(|v| lit(v, true)).collect(),
            mode: EntityMode::Canonical,
            fix: true,
        })
    }

    fn quantity(subjects: &[&str]) -> RuleKind {
        RuleKind::Quantity(QuantityRule {
            subject: subjects.iter().map(|s| lit(s, false)).collect(),
            cue: vec![lit("killed", false)],
            value: None,
            tolerance: 0.05,
            unit: crate::rules::Unit::Count,
            currency: None,
            roundness: true,
            bare_round: crate::rules::BareRound::Exact,
            monotone: None,
        })
    }

    fn texts<'a>(text: &'a str, hits: &[Hit]) -> Vec<&'a str> {
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn longest_form_wins_and_words_are_whole() {
        let rules = RuleSet {
            rules: vec![rule("iskp", entity("IS-K", &["IS-KP", "ISIS-K", "ISKP"]))],
        };
        let m = TermMatcher::new(&rules);
        let text = "IS-KP and IS-K and ISIS-K, not IS-Kx or xISKP; (ISKP).";
        let hits = m.find(text);
        assert_eq!(texts(text, &hits), ["IS-KP", "IS-K", "ISIS-K", "ISKP"]);
        assert_eq!(
            hits.iter().map(|h| h.term).collect::<Vec<_>>(),
            [1, 0, 2, 3]
        );
    }

    #[test]
    fn a_long_term_builds_no_dfa_and_still_matches() {
        // A 100,000-character term once took minutes to compile (the DFA's build is quadratic
        // in a pattern's length); the automaton past DFA_MAX_BYTES is an NFA.
        let long = "a".repeat(100_000);
        let longer = format!("{long}b");
        let rules = RuleSet {
            rules: vec![rule("long", entity(&long, &[&longer]))],
        };
        let m = TermMatcher::new(&rules);
        let kind = m.sensitive.as_ref().map(|a| a.ac.kind());
        assert_eq!(kind, Some(AhoCorasickKind::ContiguousNFA));
        let text = format!("x {longer} y");
        let hits = m.find(&text);
        assert_eq!(texts(&text, &hits), [longer.as_str()]);
        // A short list keeps the crate's choice (a DFA for a few patterns).
        let short = TermMatcher::new(&RuleSet {
            rules: vec![rule("iskp", entity("IS-K", &["ISKP"]))],
        });
        let kind = short.sensitive.as_ref().map(|a| a.ac.kind());
        assert_eq!(kind, Some(AhoCorasickKind::DFA));
    }

    #[test]
    fn forms_are_case_sensitive_subjects_are_not() {
        let rules = RuleSet {
            rules: vec![
                rule("iskp", entity("IS-K", &["ISKP"])),
                rule("toll", quantity(&["Crocus", "Türkiye"])),
            ],
        };
        let m = TermMatcher::new(&rules);
        let text = "is-k iskp CROCUS crocus TÜRKIYE türkiye";
        let hits = m.find(text);
        assert_eq!(
            texts(text, &hits),
            ["CROCUS", "crocus", "TÜRKIYE", "türkiye"]
        );
        assert!(hits.iter().all(|h| h.rule == 1 && h.role == Role::Subject));
    }

    #[test]
    fn rules_may_overlap_each_other() {
        let rules = RuleSet {
            rules: vec![
                rule("hall", entity("Crocus City Hall", &["Crocus Hall"])),
                rule("toll", quantity(&["Crocus"])),
            ],
        };
        let m = TermMatcher::new(&rules);
        let text = "at Crocus City Hall";
        let hits = m.find(text);
        assert_eq!(texts(text, &hits), ["Crocus", "Crocus City Hall"]);
    }

    #[test]
    fn regex_terms_match_with_boundaries() {
        let mut term = lit("/IS-?K(P)?/", true);
        term.pattern = Pattern::Regex(regex::Regex::new("IS-?KP?").unwrap());
        let rules = RuleSet {
            rules: vec![rule(
                "iskp",
                RuleKind::Entity(EntityRule {
                    canonical: lit("IS-K", true),
                    variants: vec![term],
                    mode: EntityMode::Canonical,
                    fix: true,
                }),
            )],
        };
        let m = TermMatcher::new(&rules);
        let text = "ISKP, IS-K, THISKP";
        let hits = m.find(text);
        // `IS-K` is matched by both the canonical literal and the regex; longest wins, then
        // the lower term index.
        assert_eq!(texts(text, &hits), ["ISKP", "IS-K"]);
        assert_eq!(hits[1].term, 0);
    }
}
