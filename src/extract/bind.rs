//! Binding: which value candidates near a subject are mentions of a rule's fact.
//!
//! Anchor-first (extraction.md §A5): for each subject hit of a rule, take its scope region
//! (the sentence by default, the block for `paragraph`, the whole text for `document`), ask a
//! kind-specific scanner for value candidates in that region only, and keep a candidate when
//!
//! 1. it sits in a **cue frame**: a cue of the rule ends at most `max_gap` words before it
//!    ("killing 94", "the toll rose to 137") or starts at most `max_gap` words after it
//!    ("139 lives", "144 people died"), with no other number and no clause break in between;
//! 2. for counts, it is **not attached to another noun**: "killed three militants" counts
//!    militants, not victims; a following word must be a cue, a word for people, or a word that
//!    cannot head a noun phrase (a preposition, a conjunction);
//! 3. it is **not modal or negated**: "could kill 100", "did not kill";
//! 4. it wins the **subject competition**: no other rule's subject of the same kind is strictly
//!    nearer to the frame ("Unlike Kerman, which killed 96, Crocus killed 144"). Distance is
//!    counted in words, plus one per comma or semicolon crossed, plus a penalty when the subject
//!    comes after the frame — a subject usually precedes its verb.
//!
//! Every rejected candidate is kept with its reason, for `factlint explain`.

use std::collections::{BTreeMap, BTreeSet};

use super::terms::{Hit, Role};
use crate::rules::{RuleIdx, RuleKind, RuleSet, Scope};
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::span::Span;

use super::sentence;

/// A value phrase found by a scanner ("at least 139", "5 September 2022").
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<T> {
    /// The phrase in the matching text, hedge included.
    pub range: TextRange,
    /// Why the scanner says it is not a value of this kind (a year, a percentage), if it is not.
    pub excluded: Option<String>,
    /// Whatever the scanner knows about it.
    pub data: T,
}

/// How strict a frame is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameStyle {
    /// Most words between cue and value.
    pub max_gap: usize,
    /// Whether commas and colons may stand between cue and value (dates: yes).
    pub allow_commas: bool,
    /// Whether a count must not be attached to another noun.
    pub noun_check: bool,
    /// Whether words of subject terms count toward the gap (dates: no).
    pub count_subject_words: bool,
    /// Whether a value related to the event rather than dating it is rejected: "March 8, two
    /// weeks before the attack" (dates: yes).
    pub relative_break: bool,
    /// Whether a value in a coordinated clause after the subject belongs to another event:
    /// "the embassy bombing in August 2022 and the attack on a hotel in December 2022"
    /// (dates: yes; counts rely on subject competition).
    pub coordination_break: bool,
}

/// Frames for counts and amounts: tight.
pub const QUANTITY_FRAME: FrameStyle = FrameStyle {
    max_gap: 3,
    allow_commas: false,
    noun_check: true,
    count_subject_words: true,
    relative_break: false,
    coordination_break: false,
};

/// Frames for dates: "On March 7 the US embassy warned …" puts the subject between.
pub const DATE_FRAME: FrameStyle = FrameStyle {
    max_gap: 8,
    allow_commas: true,
    noun_check: false,
    count_subject_words: false,
    relative_break: true,
    coordination_break: true,
};

/// A candidate bound to the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound<T> {
    /// The candidate.
    pub candidate: Candidate<T>,
    /// The whole frame: cue and value.
    pub frame: TextRange,
}

/// A candidate that was considered and rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The candidate's phrase.
    pub range: TextRange,
    /// Why.
    pub reason: String,
}

/// Words that may follow a count without making it a count of something else.
const PEOPLE_NOUNS: &[&str] = &[
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
    "bodies",
    "dead",
    "lives",
    "casualties",
    "fatalities",
    "deaths",
];

/// Words after a number that end its noun phrase: prepositions, conjunctions, adverbs.
const PHRASE_ENDERS: &[&str] = &[
    "in",
    "on",
    "at",
    "near",
    "by",
    "from",
    "and",
    "or",
    "but",
    "with",
    "as",
    "across",
    "since",
    "after",
    "before",
    "during",
    "when",
    "while",
    "including",
    "according",
    "to",
    "for",
    "of",
    "into",
    "inside",
    "outside",
    "over",
    "under",
    "within",
    "among",
    "amid",
    "between",
    "following",
    "than",
    "that",
    "which",
    "who",
    "so",
    "then",
    "there",
    "here",
    "yesterday",
    "today",
    "last",
    "this",
    "more",
    "total",
    "altogether",
    "overall",
    "so",
    "far",
    "officials",
    "police",
    "authorities",
    "reports",
    "reported",
    "according",
];

/// Auxiliaries: "three militants were later killed" puts the cue in another clause.
const AUXILIARIES: &[&str] = &[
    "were", "was", "are", "is", "been", "be", "had", "have", "has", "later", "also",
];

/// Verbs of change followed by "to" or "at" before the new figure ("rose to 137").
const CHANGE_VERBS: &[&str] = &[
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
const CHANGE_VERBS_DIRECT: &[&str] = &["reached", "reaches", "hit", "hits", "topped", "passed"];

/// How many words a verb of change lets a cue stand before the value.
const CHANGE_VERB_GAP: usize = 10;

/// Words that make a frame hypothetical or negated.
const MODALS: &[&str] = &[
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
    "aimed",
    "intended",
    "hoped",
];

/// One word or punctuation token of the matching text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    word: bool,
}

/// Words (alphanumeric runs, with inner `'` `-` `.`) and single punctuation chars.
fn tokens(text: &str, range: TextRange) -> Vec<Token<'_>> {
    let Some(slice) = text.get(range.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let joins = matches!(d, '\'' | '-' | '.')
                    && slice[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || joins {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                start: range.start + i,
                end: range.start + end,
                text: &slice[i..end],
                word: true,
            });
        } else {
            out.push(Token {
                start: range.start + i,
                end: range.start + i + c.len_utf8(),
                text: &slice[i..i + c.len_utf8()],
                word: false,
            });
        }
    }
    out
}

/// What lies between two positions.
#[derive(Debug, Default)]
struct Gap {
    words: usize,
    commas: usize,
    hard_break: bool,
    has_number: bool,
    /// "before the", "after the", "ahead of the" still open at the end of the gap: the value
    /// and the cue are two points in time (a comma closes such a phrase).
    relative: Option<String>,
    /// A semicolon: the two ends are in different clauses.
    semicolon: bool,
    /// "and the", "but a", "while": a new clause or noun phrase starts.
    coordination: Option<String>,
}

/// Words that relate a time to an event instead of naming it.
const RELATIVE_WORDS: &[&str] = &[
    "before",
    "after",
    "since",
    "until",
    "till",
    "prior",
    "ahead",
    "following",
    "preceding",
];

/// Words that may stand before a date that opens its sentence.
const FRONTING_WORDS: &[&str] = &[
    "on",
    "in",
    "by",
    "early",
    "late",
    "the",
    "evening",
    "morning",
    "afternoon",
    "night",
    "of",
    "at",
    "around",
    "during",
];

/// Words that start a noun phrase, after which a conjunction starts a new conjunct.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "another", "other",
];

fn gap(text: &str, from: usize, to: usize, skip: &[TextRange]) -> Gap {
    let mut g = Gap::default();
    if from > to {
        return g;
    }
    let mut previous: Option<String> = None;
    for t in tokens(text, TextRange::new(from, to)) {
        if skip.iter().any(|s| s.start <= t.start && t.end <= s.end) {
            continue;
        }
        if t.word {
            let lower = t.text.to_lowercase();
            if let Some(prev) = &previous {
                let determiner = DETERMINERS.contains(&lower.as_str());
                if RELATIVE_WORDS.contains(&prev.as_str())
                    && (determiner || lower == "of" || lower == "to")
                {
                    g.relative.get_or_insert_with(|| format!("{prev} {lower}"));
                }
                if matches!(prev.as_str(), "and" | "but" | "or") && determiner {
                    g.coordination
                        .get_or_insert_with(|| format!("{prev} {lower}"));
                }
            }
            if matches!(lower.as_str(), "while" | "whereas" | "although" | "though") {
                g.coordination.get_or_insert_with(|| lower.clone());
            }
            previous = Some(lower);
            g.words += 1;
            if t.text.bytes().any(|b| b.is_ascii_digit()) {
                g.has_number = true;
            }
        } else {
            if matches!(t.text, "," | ":" | ";") {
                g.relative = None;
            }
            if t.text == ";" {
                g.semicolon = true;
            }
            match t.text {
                "," | ":" => g.commas += 1,
                ";" | "(" | ")" | "[" | "]" | "." | "!" | "?" | "\n" => g.hard_break = true,
                _ => {}
            }
        }
    }
    g
}

/// Subject competition and frames for all rules of one kind in one document.
#[derive(Debug)]
pub struct Binder<'a> {
    doc: &'a Document,
    rules: &'a RuleSet,
    /// Exclusion hits of every rule (usually none).
    excludes: Vec<Hit>,
    /// Cue hits, not excluded, sorted by rule then position: one rule's cues in a region are
    /// found by binary search, so binding stays linear in the number of candidates.
    cues: Vec<Hit>,
    /// Subject hits of every rule of this kind, not excluded.
    subjects: Vec<Hit>,
    sentences: std::cell::RefCell<BTreeMap<usize, Vec<TextRange>>>,
}

impl<'a> Binder<'a> {
    /// A binder for the rules accepted by `of_kind`.
    pub fn new(
        doc: &'a Document,
        hits: &'a [Hit],
        rules: &'a RuleSet,
        of_kind: fn(&RuleKind) -> bool,
    ) -> Binder<'a> {
        let of_kind = |h: &&Hit| rules.rules.get(h.rule).is_some_and(|r| of_kind(&r.kind));
        let excludes: Vec<Hit> = hits
            .iter()
            .filter(|h| h.role == Role::Exclude)
            .copied()
            .collect();
        let subjects = hits
            .iter()
            .filter(|h| h.role == Role::Subject)
            .filter(of_kind)
            .filter(|h| !super::entity::excluded(&excludes, h))
            .copied()
            .collect();
        let mut cues: Vec<Hit> = hits
            .iter()
            .filter(|h| h.role == Role::Cue)
            .filter(of_kind)
            .filter(|h| !super::entity::excluded(&excludes, h))
            .copied()
            .collect();
        cues.sort_by_key(|h| (h.rule, h.start, h.end));
        Binder {
            doc,
            rules,
            excludes,
            cues,
            subjects,
            sentences: Default::default(),
        }
    }

    /// A mention of `rule` read at `range` (matching text) in `frame`, in source coordinates.
    pub fn mention(
        &self,
        rule: RuleIdx,
        range: TextRange,
        frame: TextRange,
        value: crate::value::Value,
        note: Option<String>,
    ) -> Option<super::Mention> {
        let doc = self.doc;
        Some(super::Mention {
            rule,
            span: Span::new(doc.file, doc.map.to_source(range)),
            frame: Span::new(doc.file, doc.map.to_source(frame)),
            text: doc.text.get(range.range())?.to_string(),
            value,
            note,
        })
    }

    /// Rejections of `rule`, in source coordinates.
    pub fn rejected(&self, rule: RuleIdx, rejections: Vec<Rejection>) -> Vec<super::Rejected> {
        rejections
            .into_iter()
            .map(|r| super::Rejected {
                rule,
                span: Span::new(self.doc.file, self.doc.map.to_source(r.range)),
                reason: r.reason,
            })
            .collect()
    }

    /// The cue hits of one rule, by position.
    fn cues_of(&self, rule: RuleIdx) -> &[Hit] {
        let from = self.cues.partition_point(|h| h.rule < rule);
        let to = self.cues.partition_point(|h| h.rule <= rule);
        &self.cues[from..to]
    }

    /// Whether any rule of this kind has a subject in the document (cheap early exit).
    pub fn has_subjects(&self) -> bool {
        !self.subjects.is_empty()
    }

    fn block_index(&self, pos: usize) -> Option<usize> {
        let blocks = &self.doc.blocks;
        let idx = blocks.partition_point(|b| b.start <= pos);
        let i = idx.checked_sub(1)?;
        (pos < blocks[i].end.max(blocks[i].start + 1)).then_some(i)
    }

    /// The scope region of a subject hit.
    fn region(&self, scope: Scope, hit: &Hit) -> Option<TextRange> {
        match scope {
            Scope::Document => Some(TextRange::new(0, self.doc.text.len())),
            Scope::Paragraph => self.block_index(hit.start).map(|i| self.doc.blocks[i]),
            Scope::Sentence => {
                let i = self.block_index(hit.start)?;
                let mut cache = self.sentences.borrow_mut();
                let list = cache
                    .entry(i)
                    .or_insert_with(|| sentence::sentences(&self.doc.text, self.doc.blocks[i]));
                list.iter()
                    .find(|s| s.start <= hit.start && hit.start < s.end)
                    .copied()
            }
        }
    }

    /// Binds candidates to rule `rule` with `style`, scanning each region with `scan`.
    pub fn bind<T: Clone>(
        &self,
        rule: RuleIdx,
        style: FrameStyle,
        mut scan: impl FnMut(TextRange) -> Vec<Candidate<T>>,
    ) -> (Vec<Bound<T>>, Vec<Rejection>) {
        let Some(r) = self.rules.rules.get(rule) else {
            return (Vec::new(), Vec::new());
        };
        let regions: BTreeSet<TextRange> = self
            .subjects
            .iter()
            .filter(|h| h.rule == rule)
            .filter_map(|h| self.region(r.scope, h))
            .collect();
        let mut bound: Vec<Bound<T>> = Vec::new();
        let mut rejected = Vec::new();
        let mut seen = BTreeSet::new();
        for region in regions {
            for candidate in scan(region) {
                if !seen.insert(candidate.range) {
                    continue;
                }
                match self.judge(rule, style, region, &candidate) {
                    Ok(frame) => bound.push(Bound { candidate, frame }),
                    Err(reason) => rejected.push(Rejection {
                        range: candidate.range,
                        reason,
                    }),
                }
            }
        }
        bound.sort_by_key(|b| b.candidate.range);
        (bound, rejected)
    }

    fn judge<T>(
        &self,
        rule: RuleIdx,
        style: FrameStyle,
        region: TextRange,
        candidate: &Candidate<T>,
    ) -> Result<TextRange, String> {
        if let Some(reason) = &candidate.excluded {
            return Err(reason.clone());
        }
        let c = candidate.range;
        // "MOSCOW, March 23, 2024 (Wire) -" dates the article, not the event.
        if let Some(dateline) = self.doc.meta.dateline
            && dateline.start < c.end
            && c.start < dateline.end
        {
            return Err("part of the dateline".into());
        }
        if self
            .excludes
            .iter()
            .any(|h| h.rule == rule && h.start < c.end && c.start < h.end)
        {
            return Err("matches an `exclude` pattern".into());
        }
        let text = &self.doc.text;
        let skip: Vec<TextRange> = if style.count_subject_words {
            Vec::new()
        } else {
            self.subjects
                .iter()
                .map(|h| TextRange::new(h.start, h.end))
                .collect()
        };
        // "The death toll from the attack rose to 137": a verb of change right before the
        // value links it to a cue further back in the same clause.
        let reach_before = if self.after_change_verb(region, c.start) {
            style.max_gap.max(CHANGE_VERB_GAP)
        } else {
            style.max_gap
        };
        // "On March 8, two weeks before the attack, the embassy warned …": a date fronted as
        // the sentence's adverbial dates its main clause, however long the interjection.
        let reach_after = if style.relative_break && self.is_fronted(region, c) {
            usize::MAX
        } else {
            style.max_gap
        };
        let frame_ok = |g: &Gap, before: bool| {
            g.words <= if before { reach_before } else { reach_after }
                && !g.hard_break
                && !g.has_number
                && (style.allow_commas || g.commas == 0)
                && !(style.coordination_break && g.coordination.is_some())
        };
        // The nearest cue of the rule on either side, in the region, that forms a frame.
        let mut best: Option<(usize, TextRange, bool)> = None; // (gap words, frame, cue before)
        for cue in self
            .cues_of(rule)
            .iter()
            .skip_while(|h| h.start < region.start)
            .take_while(|h| h.start < region.end)
            .filter(|h| h.end <= region.end)
        {
            let (g, frame, before) = if cue.end <= c.start {
                (
                    gap(text, cue.end, c.start, &skip),
                    TextRange::new(cue.start, c.end),
                    true,
                )
            } else if cue.start >= c.end {
                (
                    gap(text, c.end, cue.start, &skip),
                    TextRange::new(c.start, cue.end),
                    false,
                )
            } else {
                continue; // overlapping: the cue is part of the value phrase
            };
            if frame_ok(&g, before) && best.is_none_or(|(w, _, _)| g.words < w) {
                best = Some((g.words, frame, before));
            }
        }
        let Some((_, frame, cue_before)) = best else {
            return Err("no cue of the rule next to it".into());
        };
        if style.relative_break {
            let g = if cue_before {
                gap(text, frame.start, c.start, &skip)
            } else {
                gap(text, c.end, frame.end, &skip)
            };
            if let Some(words) = g.relative {
                return Err(format!("relative to the event, not its date (`{words}`)"));
            }
        }
        if style.noun_check {
            self.noun_check(rule, c, cue_before)?;
        }
        if let Some(word) = self.modal_before(region, frame.start) {
            return Err(format!("hypothetical or negated (`{word}`)"));
        }
        let nearest = self.compete(rule, region, frame)?;
        // "The Paris attacks killed 130; the Crocus toll was higher": another clause's subject.
        if let Some(subject) = nearest {
            let between = if subject.end <= frame.start {
                gap(text, subject.end, frame.start, &[])
            } else {
                gap(text, frame.end, subject.start, &[])
            };
            if between.semicolon {
                return Err("the subject is in another clause (`;`)".into());
            }
        }
        if style.coordination_break
            && let Some(subject) = nearest
            && subject.end <= frame.start
            && let Some(words) = gap(text, subject.end, frame.start, &[]).coordination
        {
            return Err(format!("belongs to another event (`{words} …`)"));
        }
        Ok(frame)
    }

    /// Whether `c` opens its sentence, after at most a few words such as "On", "Early on",
    /// "On the evening of".
    fn is_fronted(&self, region: TextRange, c: TextRange) -> bool {
        let before = tokens(&self.doc.text, TextRange::new(region.start, c.start));
        before.len() <= 4
            && before
                .iter()
                .all(|t| t.word && FRONTING_WORDS.contains(&t.text.to_lowercase().as_str()))
    }

    /// Whether the words right before `start` are a verb of change ("rose to", "reached").
    fn after_change_verb(&self, region: TextRange, start: usize) -> bool {
        let toks = tokens(&self.doc.text, TextRange::new(region.start, start));
        let words: Vec<String> = toks
            .iter()
            .rev()
            .take_while(|t| t.word)
            .take(2)
            .map(|t| t.text.to_lowercase())
            .collect();
        match words.as_slice() {
            [last, verb, ..] if matches!(last.as_str(), "to" | "at") => {
                CHANGE_VERBS.contains(&verb.as_str())
            }
            [last, ..] => CHANGE_VERBS_DIRECT.contains(&last.as_str()),
            [] => false,
        }
    }

    /// Rejects a count attached to a noun that is neither a cue nor a word for people.
    fn noun_check(&self, rule: RuleIdx, c: TextRange, cue_before: bool) -> Result<(), String> {
        let text = &self.doc.text;
        let after = tokens(text, TextRange::new(c.end, (c.end + 80).min(text.len())));
        let after = after
            .iter()
            .take_while(|t| t.word)
            .take(4)
            .collect::<Vec<_>>();
        let cues = self.cues_of(rule);
        let is_cue = |t: &Token<'_>| cues.binary_search_by_key(&t.start, |h| h.start).is_ok();
        let Some(first) = after.first() else {
            return Ok(()); // punctuation or the end: the number stands alone
        };
        let lower = first.text.to_lowercase();
        if is_cue(first) || PEOPLE_NOUNS.contains(&lower.as_str()) {
            return Ok(());
        }
        if PHRASE_ENDERS.contains(&lower.as_str()) || AUXILIARIES.contains(&lower.as_str()) {
            return if cue_before {
                Ok(())
            } else {
                Err(format!(
                    "not counting what the cue names (`{}`)",
                    first.text
                ))
            };
        }
        // An unknown word: a modifier of a noun cue ("140 civilian victims") or the head of
        // another noun phrase ("three militants").
        for t in after.iter().skip(1).take(2) {
            let l = t.text.to_lowercase();
            if AUXILIARIES.contains(&l.as_str()) || PHRASE_ENDERS.contains(&l.as_str()) {
                break;
            }
            if is_cue(t) || PEOPLE_NOUNS.contains(&l.as_str()) {
                return Ok(());
            }
        }
        Err(format!("counts something else (`{}`)", first.text))
    }

    /// A modal or negation among the three words before `start`, within the region.
    fn modal_before(&self, region: TextRange, start: usize) -> Option<String> {
        let toks = tokens(&self.doc.text, TextRange::new(region.start, start));
        toks.iter()
            .rev()
            .filter(|t| t.word)
            .take(3)
            .find(|t| MODALS.contains(&t.text.to_lowercase().as_str()))
            .map(|t| t.text.to_string())
    }

    /// Rejects the frame if another rule's subject is strictly nearer than this rule's.
    /// Returns this rule's nearest subject hit.
    fn compete(
        &self,
        rule: RuleIdx,
        region: TextRange,
        frame: TextRange,
    ) -> Result<Option<Hit>, String> {
        let mut own = usize::MAX;
        let mut nearest: Option<Hit> = None;
        let mut other: Option<(usize, &Hit)> = None;
        for s in self
            .subjects
            .iter()
            .filter(|s| region.start <= s.start && s.end <= region.end)
        {
            let d = self.distance(s, frame);
            if s.rule == rule {
                if d < own {
                    own = d;
                    nearest = Some(*s);
                }
            } else if other.is_none_or(|(od, _)| d < od) {
                other = Some((d, s));
            }
        }
        match other {
            Some((d, s)) if d < own => {
                let id = self.rules.rules.get(s.rule).map_or("?", |r| r.id.as_str());
                let word = self.doc.text.get(s.start..s.end).unwrap_or("?");
                Err(format!("bound to another subject (`{word}`, rule {id})"))
            }
            _ => Ok(nearest),
        }
    }

    /// Words between a subject hit and a frame, plus one per clause mark crossed, plus a
    /// penalty of 3 when the subject follows the frame.
    fn distance(&self, subject: &Hit, frame: TextRange) -> usize {
        let text = &self.doc.text;
        if subject.end <= frame.start {
            let g = gap(text, subject.end, frame.start, &[]);
            g.words + g.commas + usize::from(g.hard_break)
        } else if subject.start >= frame.end {
            let g = gap(text, frame.end, subject.start, &[]);
            g.words + g.commas + usize::from(g.hard_break) + 3
        } else {
            0 // the frame contains the subject
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::terms::TermMatcher;
    use crate::rules::{BareRound, Pattern, QuantityRule, Rule, Term, Unit};
    use crate::source;
    use crate::span::{FileId, Span};

    fn lit(s: &str) -> Term {
        Term {
            written: s.into(),
            pattern: Pattern::Literal(s.into()),
            case_sensitive: false,
            at: Span::new(FileId(0), 0..0),
        }
    }

    fn toll(id: &str, subject: &str) -> Rule {
        Rule {
            id: id.into(),
            description: None,
            severity: None,
            scope: Scope::Sentence,
            exclude: Vec::new(),
            origin: Span::new(FileId(0), 0..0),
            location: "r.toml:1".into(),
            kind: RuleKind::Quantity(QuantityRule {
                subject: vec![lit(subject)],
                cue: [
                    "killed",
                    "killing",
                    "dead",
                    "died",
                    "lives",
                    "victims",
                    "death toll",
                    "toll",
                ]
                .iter()
                .map(|c| lit(c))
                .collect(),
                value: None,
                tolerance: 0.05,
                unit: Unit::Count,
                currency: None,
                roundness: true,
                bare_round: BareRound::Exact,
                monotone: None,
            }),
            examples: Vec::new(),
        }
    }

    /// A stand-in scanner: digit runs, with an optional hedge word before them.
    fn digits(text: &str, region: TextRange) -> Vec<Candidate<()>> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut i = region.start;
        while i < region.end {
            if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
                let mut j = i;
                while j < region.end && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                let mut start = i;
                for hedge in ["at least ", "some ", "over "] {
                    if text[..i].ends_with(hedge) {
                        start = i - hedge.len();
                    }
                }
                out.push(Candidate {
                    range: TextRange::new(start, j),
                    excluded: None,
                    data: (),
                });
                i = j;
            } else {
                i += 1;
            }
        }
        out
    }

    fn bound(text: &str, rule: usize) -> Vec<String> {
        let rules = RuleSet {
            rules: vec![toll("crocus", "Crocus"), toll("kerman", "Kerman")],
        };
        let doc = source::load(FileId(1), "a.txt", text);
        let hits = TermMatcher::new(&rules).find(&doc.text);
        let binder = Binder::new(&doc, &hits, &rules, |k| matches!(k, RuleKind::Quantity(_)));
        let (b, _) = binder.bind(rule, QUANTITY_FRAME, |r| digits(&doc.text, r));
        b.iter()
            .map(|b| doc.text[b.candidate.range.range()].to_string())
            .collect()
    }

    macro_rules! binding_cases {
        ($($name:ident: $text:expr, $rule:expr => [$($m:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($m),*];
                assert_eq!(bound($text, $rule), expected);
            }
        )*};
    }

    binding_cases! {
        cue_before_at_sentence_end: "The Kerman blasts in January, killing 94.", 1 => ["94"];
        cue_before_with_people: "The Kerman bombings killed 96 people near the tomb.", 1 => ["96"];
        cue_after_hedged: "The Crocus raid took at least 139 lives by Sunday.", 0 => ["at least 139"];
        adjective_before_noun_cue: "At Crocus some 140 civilian victims died.", 0 => ["some 140"];
        toll_rose_to: "At Crocus the toll rose to 137 on Monday.", 0 => ["137"];
        toll_far_before_change_verb: "The death toll from the Crocus City Hall attack rose to 137 on Monday.", 0 => ["137"];
        far_cue_without_change_verb: "The death toll from the Crocus City Hall attack was high at 137 sites.", 0 => [];
        other_noun_rejected: "Near Crocus police killed 3 militants in a raid.", 0 => [];
        other_noun_with_auxiliary_rejected: "The Crocus suspects hid; 3 militants were later killed.", 0 => [];
        competition_relative_clause: "Unlike Kerman, which killed 96, the Crocus raid killed 144.", 0 => ["144"];
        competition_relative_clause_other_rule: "Unlike Kerman, which killed 96, the Crocus raid killed 144.", 1 => ["96"];
        modal_rejected: "The Crocus plotters could have killed 500 people.", 0 => [];
        negated_rejected: "The Crocus fire had not killed 20 people.", 0 => [];
        comma_breaks_quantity_frame: "Crocus: it killed 144 people, not 150.", 0 => ["144"];
        other_sentence_ignored: "The Crocus attack was awful. It killed 144 people.", 0 => [];
        no_cue_no_mention: "Crocus holds 6200 seats.", 0 => [];
        semicolon_breaks_frame: "The Kerman blasts killed many; 4 were later found.", 1 => [];
    }
}
