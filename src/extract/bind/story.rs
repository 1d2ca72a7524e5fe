//! What binding knows of a document as a whole, read once whatever part of it is bound
//! ([`crate::extract::parts`]): where its lead ends and which rules' subjects the lead names
//! (then the story is about that rule's event), which blocks are links to other stories, and
//! whether the story says its attacker died. Each is read when first asked for.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use super::MAX_REGION_BYTES;
use super::{days, events, links, quantifiers, tokens};
use crate::extract::parts::{parts, windows};
use crate::extract::terms::{Exclusions, Role, TermMatcher};
use crate::rules::{RuleIdx, RuleSet};
use crate::source::Document;
use crate::source::offsets::TextRange;

/// How many paragraphs of prose open a story's lead: the lede, and the paragraph after it,
/// since wire copy and crawled pages often open with a one-line teaser, a dateline paragraph
/// or a site's boilerplate sentence before the lede.
const LEAD_PARAGRAPHS: usize = 2;

/// One document's story-wide facts for binding.
#[derive(Debug)]
pub struct Story<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The rules.
    pub rules: &'a RuleSet,
    matcher: &'a TermMatcher,
    /// For each rule, whether the lead names its subject.
    topics: OnceCell<Vec<bool>>,
    /// For each rule, whether the document names its subject anywhere.
    named: OnceCell<Vec<bool>>,
    /// For each block, why it is another story's, if it is ([`links`]).
    links: OnceCell<HashMap<usize, String>>,
    /// The words that say the attacker died, if the story says so.
    attacker_died: OnceCell<Option<String>>,
    /// Where the lead ends ([`lead_end`]), read once for the topics, the day and the turn.
    lead_end: OnceCell<Option<usize>>,
    /// Where the lede's first sentence ends ([`Story::lede_end`]).
    lede_end: OnceCell<Option<usize>>,
    /// The lede's aggregate marker, if it counts over several events ([`Story::lede_aggregate`]).
    lede_aggregate: OnceCell<Option<String>>,
    /// The day of the story's event, if the lead names one ([`days`]).
    event_day: OnceCell<Option<i64>>,
    /// Where the story turns to other events, and the words that turn it.
    turns_elsewhere: OnceCell<Option<(usize, String)>>,
    /// How many mentions of each rule the parts read so far gave: a binder stops a rule
    /// at [`crate::extract::MAX_MENTIONS_PER_RULE`] counting these.
    read_before: RefCell<Vec<usize>>,
}

impl<'a> Story<'a> {
    /// The story of `doc`, with `matcher` compiled from `rules` (for the lead's subjects).
    pub fn new(doc: &'a Document, rules: &'a RuleSet, matcher: &'a TermMatcher) -> Story<'a> {
        Story {
            doc,
            rules,
            matcher,
            topics: OnceCell::new(),
            named: OnceCell::new(),
            links: OnceCell::new(),
            attacker_died: OnceCell::new(),
            lead_end: OnceCell::new(),
            lede_end: OnceCell::new(),
            lede_aggregate: OnceCell::new(),
            event_day: OnceCell::new(),
            turns_elsewhere: OnceCell::new(),
            read_before: RefCell::new(Vec::new()),
        }
    }

    /// How many mentions of `rule` the parts before this one gave.
    pub fn read_before(&self, rule: RuleIdx) -> usize {
        self.read_before.borrow().get(rule).copied().unwrap_or(0)
    }

    /// Sets how many mentions of each rule (by index) the parts read so far gave.
    pub fn set_read_before(&self, counts: Vec<usize>) {
        *self.read_before.borrow_mut() = counts;
    }

    /// Whether the document's lead — its headlines and its first [`LEAD_PARAGRAPHS`]
    /// paragraphs of prose, within its first eight blocks — names `rule`'s subject: then the
    /// story is about the rule's event ([`super::events`]).
    pub fn is_topic(&self, rule: RuleIdx) -> bool {
        let topics = self.topics.get_or_init(|| match self.lead_end() {
            Some(end) => self.subjects_named(TextRange::new(0, end)),
            None => vec![false; self.rules.rules.len()],
        });
        topics.get(rule).copied().unwrap_or(false)
    }

    /// Whether the document names `rule`'s subject anywhere: a `document`-scope rule then
    /// reads every part of it, as it reads the whole of a document of one part.
    pub fn names_subject(&self, rule: RuleIdx) -> bool {
        let named = self
            .named
            .get_or_init(|| self.subjects_named(TextRange::new(0, self.doc.text.len())));
        named.get(rule).copied().unwrap_or(false)
    }

    /// For each rule, whether a subject hit of it, not excluded, lies in `range` (scanned a
    /// part at a time).
    fn subjects_named(&self, range: TextRange) -> Vec<bool> {
        let mut named = vec![false; self.rules.rules.len()];
        let text = &self.doc.text;
        for part in parts(text, &self.doc.blocks, range) {
            let hits = self.matcher.find_in(text, part);
            let excludes = Exclusions::of(&hits);
            for h in &hits {
                if h.role == Role::Subject
                    && !excludes.cover_hit(h)
                    && let Some(named) = named.get_mut(h.rule)
                {
                    *named = true;
                }
            }
        }
        named
    }

    /// Why block `index` is another story's (a link, a playlist), if it is.
    pub fn link(&self, index: usize) -> Option<&str> {
        let links = self
            .links
            .get_or_init(|| links::link_blocks(&self.doc.text, &self.doc.blocks));
        links.get(&index).map(String::as_str)
    }

    /// The day (counted from 1970-01-01) of the story's event: the earliest day the lead's
    /// paragraphs of prose name, resolved against the document's date ([`days`]) — a later
    /// piece's lead names its news day and the event's ("sentenced Thursday … for an April 7
    /// shooting"). `None` when the document has no full date, no lead, or a lead that names
    /// no day.
    pub fn event_day(&self) -> Option<i64> {
        *self.event_day.get_or_init(|| {
            let date = days::full_date(self.doc.meta.date)?;
            let text = &self.doc.text;
            let mut days = self
                .lead_prose()
                .map(|b| days::earliest_day(&tokens::tokens(text, b), date));
            match days.next()? {
                Some(day) => Some(day),
                None => days.flatten().min(),
            }
        })
    }

    /// Where the lead ends, if the story has a lead ([`lead_end`]).
    fn lead_end(&self) -> Option<usize> {
        *self.lead_end.get_or_init(|| lead_end(self.doc))
    }

    /// The lead's paragraphs of prose, each cut to its first window.
    fn lead_prose(&self) -> impl Iterator<Item = TextRange> + '_ {
        let text = &self.doc.text;
        let end = self.lead_end().unwrap_or(0);
        self.doc
            .blocks
            .iter()
            .take_while(move |b| b.end <= end)
            .filter(|b| is_prose_paragraph(text, *b))
            .map(|b| windows(text, b, MAX_REGION_BYTES).next().unwrap_or(b))
    }

    /// Where the lede (the first sentence of the lead's first paragraph of prose) ends, if
    /// the story has a lead. A crawled page's body can be one run-on paragraph: its first
    /// sentence is still the lede.
    pub fn lede_end(&self) -> Option<usize> {
        *self.lede_end.get_or_init(|| {
            let paragraph = self.lead_prose().next()?;
            crate::extract::sentence::sentences(&self.doc.text, paragraph)
                .first()
                .map(|s| s.end)
        })
    }

    /// The words by which the lede counts over several events or places ("violence across
    /// the Bronx left a man dead and seven wounded in four separate scenes"), if it does: the
    /// headline above it ("One dead, 7 wounded …") sums up the same wider scope. A period
    /// ("this weekend") does not count: a story of one event names its own time so.
    pub fn lede_aggregate(&self) -> Option<&str> {
        self.lede_aggregate
            .get_or_init(|| {
                let paragraph = self.lead_prose().next()?;
                let end = self.lede_end()?.min(paragraph.end);
                let lede = TextRange::new(paragraph.start, end.max(paragraph.start));
                let toks = tokens::tokens(&self.doc.text, lede);
                // A lede that counts nothing ("others have been shot there before") is not
                // what the headline sums up.
                let counts = toks.iter().any(|t| {
                    t.text.bytes().all(|b| b.is_ascii_digit())
                        || crate::extract::number::is_count_word(&t.text.to_ascii_lowercase())
                });
                let one_sentence = vec![0; toks.len()];
                quantifiers::aggregates(&toks, &one_sentence)
                    .into_iter()
                    .flatten()
                    .find(|m| counts && quantifiers::spans_events_or_places(m))
            })
            .as_deref()
    }

    /// Where the story turns to other events, and the words that turn it: after the lede, a
    /// paragraph that opens "In a separate incident", "In other shootings", "Separately," or
    /// "Elsewhere" (from its start), or one that says "other shootings were reported" (from its
    /// end), leaves the story's event — a roundup's tail, the day's other news — until a
    /// later paragraph names the rule's subject again (the binder's part).
    pub fn elsewhere(&self) -> Option<(usize, &str)> {
        let turn = self.turns_elsewhere.get_or_init(|| {
            let text = &self.doc.text;
            let lede = self.lead_prose().next()?;
            let blocks = &self.doc.blocks;
            let after = blocks.partition_point(|b| b.start < lede.end);
            blocks.iter_from(after).find_map(|b| {
                // An opening needs its first words only; a paragraph is tokenized whole only
                // when it says "reported" (the one word a telling of other events needs).
                let opening = tokens::first_tokens(text, b, 8);
                if let Some(words) = events::opens_elsewhere(&opening) {
                    return Some((b.start, words));
                }
                let first = windows(text, b, MAX_REGION_BYTES).next().unwrap_or(b);
                let says_reported = text.get(first.range()).is_some_and(|body| {
                    body.as_bytes()
                        .windows(8)
                        .any(|w| w.eq_ignore_ascii_case(b"reported"))
                });
                let toks = says_reported.then(|| tokens::tokens(text, first))?;
                events::tells_of_other_events(&toks).map(|words| (b.end, words))
            })
        });
        turn.as_ref().map(|(at, words)| (*at, words.as_str()))
    }

    /// The words in which the story says its attacker died, if it does
    /// ([`super::attacker_died_in`]).
    pub fn attacker_died(&self) -> Option<&str> {
        self.attacker_died
            .get_or_init(|| super::attacker_died_in(&self.doc.text, &self.doc.blocks))
            .as_deref()
    }
}

/// Where the lead ends ([`Story::is_topic`]); `None` when the document has no lead or its
/// headline is a roundup ("8 killed in weekend shootings across the city"): a story about
/// many events has no single topic, and each paragraph must name its own subject.
fn lead_end(doc: &Document) -> Option<usize> {
    let blocks = &doc.blocks;
    let headlines = doc.headlines.max(1).min(blocks.len());
    for b in blocks.iter().take(headlines) {
        // A headline is a line; a "headline" longer than a window (a document that is one
        // run-on line) is read no further than its first window.
        let b = windows(&doc.text, b, MAX_REGION_BYTES).next().unwrap_or(b);
        let toks = tokens::tokens(&doc.text, b);
        let one_sentence = vec![0; toks.len()];
        if quantifiers::aggregates(&toks, &one_sentence)
            .iter()
            .any(Option::is_some)
        {
            return None;
        }
    }
    let mut seen = 0;
    let mut lead = doc.headlines;
    for b in blocks.iter_from(doc.headlines).take(8) {
        lead += 1;
        if is_prose_paragraph(&doc.text, b) {
            seen += 1;
            if seen == LEAD_PARAGRAPHS {
                break;
            }
        }
    }
    lead.checked_sub(1)
        .and_then(|i| blocks.get(i))
        .map(|b| b.end)
}

/// Whether a block reads as a paragraph of prose, not page furniture ("Share this",
/// "Advertisement", a menu): at least eight words, ending as a sentence does.
fn is_prose_paragraph(text: &str, block: TextRange) -> bool {
    let Some(body) = text.get(block.range()) else {
        return false;
    };
    let ends = body
        .trim_end_matches(['"', '\'', ')', '\u{201d}'])
        .ends_with(['.', '!', '?']);
    ends && body.split_whitespace().nth(7).is_some()
}
