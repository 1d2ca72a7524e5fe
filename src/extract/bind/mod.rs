//! Binding: which value candidates near a subject are mentions of a rule's fact.
//!
//! Anchor-first (extraction.md §A5): for each subject hit of a rule, take its scope region
//! (the sentence by default, the block for `paragraph`, the whole text for `document`), read
//! the region once ([`region`]: tokens, sentences, [`clauses`], predicates, non-prose), ask a
//! kind-specific scanner for value candidates in it, and keep a candidate when
//!
//! 1. it is **prose**: not in a URL, path, slug, handle, id or gallery counter ([`prose`]),
//!    and not excluded by its scanner (a year, an age, a time);
//! 2. a **predicate governs it** ([`predicates`]): a cue of the rule takes it as its subject,
//!    object or nominal count in the same clause, and no nearer predicate — another rule's cue
//!    or a news verb — took it first; the count does not count another noun and is not modal
//!    or negated;
//! 3. it wins the **subject competition**: no other rule's subject of the same kind is strictly
//!    nearer to the frame ("Unlike Kerman, which killed 96, Crocus killed 144"). Distance is
//!    counted in words, plus one per comma crossed and one for any sentence mark, plus a
//!    penalty when the subject comes after the frame — a subject usually precedes its verb.
//!
//! Dates bind the same way to their own predicate ([`dates`]): the verb of their clause, or
//! the main clause's when they open the sentence.
//! Every rejected candidate is kept with its reason, for `factlint explain`. The model is
//! written down in `docs/binding.md`.

mod attacker;
mod clauses;
mod dates;
mod days;
mod events;
mod implicit;
mod lexicon;
mod links;
mod predicates;
mod prose;
mod quantifiers;
mod region;
mod story;
mod tokens;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use super::terms::{Exclusions, Hit, Role};
use crate::extract::parts::windows;
use crate::finding::{Code, Finding, Label};
use crate::rules::{RuleIdx, RuleKind, Scope};
use crate::source::blocks::Found;
use crate::source::offsets::TextRange;
use crate::span::Span;

use super::sentence;
pub use attacker::{attacker_also_died, attacker_died_in, counts_deaths, counts_one_in_dispute};
pub use implicit::{ImplicitCount, Person, implicit_counts};
use predicates::Count;
pub use quantifiers::{counts_by_degree, counts_by_place};
use region::RegionView;
pub use story::Story;

/// Most candidates judged in one region; the rest are rejected with a reason, so that a
/// table of numbers cannot make binding slow.
pub const MAX_CANDIDATES_PER_REGION: usize = 5_000;

/// Longest region read as one, in bytes. A sentence, a paragraph or a document longer than
/// this (a run-on line, a log, a document-scope rule on a book) is read as consecutive
/// windows of at most this length, cut at a space: a region's reading (tokens, predicates,
/// clauses) costs several times its length, and no prose sentence or paragraph is this long.
pub const MAX_REGION_BYTES: usize = 64 * 1024;

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

/// How a kind of value binds to its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameStyle {
    /// A predicate of the value's clause governs it ([`predicates`]): counts and amounts.
    Governed,
    /// The value phrase frames itself and needs no cue ("a 45-year-old", "aged 45"): ages.
    OwnFrame,
    /// The predicate of the date's clause governs it ([`dates`]): dates.
    Dated,
}

/// Counts and amounts: governed by a predicate of their clause.
pub const QUANTITY_FRAME: FrameStyle = FrameStyle::Governed;

/// Ages (`unit = "age"`): the age phrase frames itself; the nearest subject decides.
pub const AGE_FRAME: FrameStyle = FrameStyle::OwnFrame;

/// Dates: governed by the predicate of their clause ("arrested on February 18" is the
/// arrest's).
pub const DATE_FRAME: FrameStyle = FrameStyle::Dated;

/// The rule a region is bound for, and whether the document's story is about its subject.
#[derive(Debug, Clone, Copy)]
struct Governed {
    rule: RuleIdx,
    topic: bool,
}

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

/// How many tokens of read regions a [`Binder`] keeps for the next rule (about a megabyte of prose).
const VIEW_CACHE_TOKENS: usize = 1 << 18;

/// Subject competition and frames for all rules of one kind in one document.
#[derive(Debug)]
pub struct Binder<'a> {
    /// The story read, with its document and rules.
    story: &'a Story<'a>,
    /// The part of the document this binder reads ([`crate::extract::parts`]): its hits are
    /// those of the part, and its regions are cut to it.
    within: TextRange,
    /// Exclusion hits of every rule (usually none).
    excludes: Exclusions,
    /// Subject hits of every rule of this kind, not excluded (references: a text dense with
    /// terms has millions of hits, and copies would cost five times as much).
    subjects: Vec<&'a Hit>,
    /// The length of the longest subject hit, in bytes.
    longest_subject: usize,
    /// Cue hits of every rule of this kind, by position: the predicates of a region.
    cues_by_position: Vec<&'a Hit>,
    /// The sentences of the last block asked about (by index): subjects are visited in
    /// position order, so one block's list is all that is read again, and a document of a
    /// million paragraphs does not keep a million lists.
    sentences: RefCell<Option<(usize, Vec<TextRange>)>>,
    /// The block last looked up, with its index: a paragraph's hits and counts ask for their
    /// block over and over, and a block is decoded, not indexed ([`crate::source::Blocks`]).
    last_block: Cell<Option<Found>>,
    /// The rules of this kind, in order.
    kind_rules: Vec<RuleIdx>,
    /// How many rules of this kind are still to read each region, counted on the first read
    /// (when the kind has more than one rule).
    reads_left: RefCell<Option<HashMap<TextRange, u32>>>,
    /// Regions already read that a rule still to come will read again: a view is let go after
    /// its last reader (most regions have one), and the whole cache when it holds more than
    /// [`VIEW_CACHE_TOKENS`] tokens.
    views: RefCell<BTreeMap<TextRange, Rc<RegionView<'a>>>>,
    /// How many tokens the views in `views` hold.
    cached_tokens: Cell<usize>,
    /// Regions where the candidate cap was hit.
    capped: RefCell<Vec<TextRange>>,
    /// Whether rejections are kept with their reasons (`explain`), or let go region by region.
    keep_rejections: bool,
    /// Rules whose binding stopped at [`super::MAX_MENTIONS_PER_RULE`] mentions, and where.
    stopped: RefCell<Vec<(RuleIdx, TextRange)>>,
    /// For each rule asked about, where the story comes back to it after turning to other
    /// events ([`Story::elsewhere`]): found once per rule, not once per region.
    comes_back: RefCell<HashMap<RuleIdx, usize>>,
}

impl<'a> Binder<'a> {
    /// A binder for the rules accepted by `of_kind` in the part `within` of the story's
    /// document, whose term hits are `hits`; `keep_rejections`: whether the candidates not
    /// taken are kept with their reasons ([`Binder::rejected`]).
    pub fn new(
        story: &'a Story<'a>,
        within: TextRange,
        hits: &'a [Hit],
        of_kind: fn(&RuleKind) -> bool,
        keep_rejections: bool,
    ) -> Binder<'a> {
        let rules = story.rules;
        let kind_rules: Vec<RuleIdx> = (0..rules.rules.len())
            .filter(|&i| of_kind(&rules.rules[i].kind))
            .collect();
        let of_kind = |h: &&Hit| rules.rules.get(h.rule).is_some_and(|r| of_kind(&r.kind));
        let excludes = Exclusions::of(hits);
        let mut subjects: Vec<&Hit> = hits
            .iter()
            .filter(|h| h.role == Role::Subject)
            .filter(of_kind)
            .filter(|h| !excludes.cover_hit(h))
            .collect();
        let mut cues_by_position: Vec<&Hit> = hits
            .iter()
            .filter(|h| h.role == Role::Cue)
            .filter(of_kind)
            .filter(|h| !excludes.cover_hit(h))
            .collect();
        subjects.sort_by_key(|h| (h.start, h.end, h.rule));
        cues_by_position.sort_by_key(|h| (h.start, h.end, h.rule));
        Binder {
            story,
            within,
            excludes,
            longest_subject: subjects.iter().map(|h| h.end - h.start).max().unwrap_or(0),
            subjects,
            cues_by_position,
            sentences: Default::default(),
            last_block: Cell::new(None),
            kind_rules,
            reads_left: Default::default(),
            views: Default::default(),
            cached_tokens: Default::default(),
            capped: Default::default(),
            keep_rejections,
            stopped: Default::default(),
            comes_back: Default::default(),
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
        let doc = self.story.doc;
        // "at least 139 `code` two adults": no reading joins words across left-out text.
        if doc.map.holds_gap(range) {
            return None;
        }
        Some(super::Mention {
            rule,
            span: Span::new(doc.file, doc.map.to_source(range)),
            frame: Span::new(doc.file, doc.map.to_source(frame)),
            text: doc.text.get(range.range())?.to_string(),
            quote: String::new(),
            value,
            note,
        })
    }

    /// Rejections of `rule`, in source coordinates.
    pub fn rejected(&self, rule: RuleIdx, mut rejections: Vec<Rejection>) -> Vec<super::Rejected> {
        if !self.keep_rejections {
            rejections.clear();
        }
        rejections
            .into_iter()
            .map(|r| super::Rejected {
                rule,
                span: Span::new(self.story.doc.file, self.story.doc.map.to_source(r.range)),
                reason: r.reason,
            })
            .collect()
    }

    /// Whether the sentence holding byte `pos` names `rule`'s subject.
    pub fn sentence_names_subject(&self, rule: RuleIdx, pos: usize) -> bool {
        let Some(sentence) = self.region(Scope::Sentence, pos) else {
            return false;
        };
        let lo = self.subjects.partition_point(|h| h.start < sentence.start);
        self.subjects[lo..]
            .iter()
            .take_while(|h| h.start < sentence.end)
            .any(|h| h.rule == rule)
    }

    /// Whether any rule of this kind has a subject in the part read, or, in a document of
    /// several parts, reads the part anyway ([`Binder::reads_part_unnamed`]); a cheap early
    /// exit. (A document of one part without a subject has no topic.)
    pub fn has_subjects(&self) -> bool {
        !self.subjects.is_empty()
            || !self.one_part()
                && (self.kind_rules.iter()).any(|&rule| self.reads_part_unnamed(rule))
    }

    /// Whether the document is read in one part.
    fn one_part(&self) -> bool {
        self.within.start == 0 && self.within.end >= self.story.doc.text.len()
    }

    /// Whether `rule` reads this part although the part does not name its subject: a
    /// `paragraph`-scope rule whose subject is the story's topic reads every paragraph, a
    /// `document`-scope rule whose subject the document names reads the whole document.
    fn reads_part_unnamed(&self, rule: RuleIdx) -> bool {
        match self.story.rules.rules.get(rule).map(|r| r.scope) {
            Some(Scope::Paragraph) => self.story.is_topic(rule),
            Some(Scope::Document) => self.story.names_subject(rule),
            _ => false,
        }
    }

    fn block_index(&self, pos: usize) -> Option<usize> {
        self.block_holding(pos).map(|(i, _)| i)
    }

    /// The block holding byte `pos`, with its index.
    fn block_holding(&self, pos: usize) -> Option<(usize, TextRange)> {
        let found = (self.story.doc.blocks).find_holding(pos, self.last_block.get())?;
        self.last_block.set(Some(found));
        Some((found.index, found.block))
    }

    /// The scope region around byte `pos` (a subject hit's start).
    fn region(&self, scope: Scope, pos: usize) -> Option<TextRange> {
        match scope {
            Scope::Document => Some(TextRange::new(0, self.story.doc.text.len())),
            Scope::Paragraph => self.block_holding(pos).map(|(_, b)| b),
            Scope::Sentence => {
                let (i, block) = self.block_holding(pos)?;
                let mut cache = self.sentences.borrow_mut();
                if cache.as_ref().is_none_or(|(cached, _)| *cached != i) {
                    // Only the block's sentences in the part read (a block longer than a
                    // part is split between parts, and each reads its own share).
                    let block = clip(block, self.within).unwrap_or(TextRange::new(pos, pos));
                    *cache = Some((i, sentence::sentences(&self.story.doc.text, block)));
                }
                let (_, list) = cache.as_ref()?;
                let k = list.partition_point(|s| s.end <= pos);
                list.get(k).filter(|s| s.start <= pos).copied()
            }
        }
    }

    /// Why the block at `pos` is another story's (a link, a playlist), if it is.
    fn link_at(&self, pos: usize) -> Option<String> {
        let what = self.story.link(self.block_index(pos)?)?;
        Some(format!("not prose: {what}"))
    }

    /// The regions `rule` reads, and whether the story is about its subject; `None` for an
    /// index that is no rule.
    fn regions_of(&self, rule: RuleIdx) -> Option<(BTreeSet<TextRange>, bool)> {
        let r = self.story.rules.rules.get(rule)?;
        // Regions are cut to the part read (a no-op but in a document longer than a part).
        let within = self.within;
        let cut = |r: TextRange| clip(r, within);
        let mut regions: BTreeSet<TextRange> = self
            .subjects
            .iter()
            .filter(|h| h.rule == rule)
            .filter_map(|h| self.region(r.scope, h.start))
            .filter_map(cut)
            .collect();
        // The story's event reaches every paragraph: "the shooting … police said two people
        // died" is read where the headline or first paragraph names the subject. `sentence`
        // scope stays a hard limit.
        let topic = r.scope != Scope::Sentence && self.story.is_topic(rule);
        if r.scope == Scope::Document && !self.one_part() && self.reads_part_unnamed(rule) {
            regions.insert(within);
        }
        if topic && r.scope == Scope::Paragraph {
            let blocks = &self.story.doc.blocks;
            let (_, from) = blocks.partition(|b| b.end <= within.start);
            regions.extend(from.take_while(|b| b.start < within.end).filter_map(cut));
        }
        if regions.iter().any(|r| r.end - r.start > MAX_REGION_BYTES) {
            regions = (regions.into_iter())
                .flat_map(|r| windows(&self.story.doc.text, r, MAX_REGION_BYTES))
                .collect();
        }
        Some((regions, topic))
    }

    /// Runs `f` on how many rules of this kind are still to read each region, counted on the
    /// first call from every rule's regions.
    fn with_reads_left<R>(&self, f: impl FnOnce(&mut HashMap<TextRange, u32>) -> R) -> R {
        let mut reads_left = self.reads_left.borrow_mut();
        f(reads_left.get_or_insert_with(|| {
            let mut readers: HashMap<TextRange, u32> = HashMap::new();
            for &rule in &self.kind_rules {
                for region in self.regions_of(rule).map(|(r, _)| r).unwrap_or_default() {
                    *readers.entry(region).or_default() += 1;
                }
            }
            readers
        }))
    }

    /// Counts one read of `region` by a rule and returns how many rules of this kind are still
    /// to read it; the last read lets its view go.
    fn read_once(&self, region: TextRange) -> u32 {
        if self.kind_rules.len() < 2 {
            return 0;
        }
        let left = self.with_reads_left(|reads_left| {
            reads_left.get_mut(&region).map_or(0, |n| {
                *n = n.saturating_sub(1);
                *n
            })
        });
        if left == 0
            && let Some(view) = self.views.borrow_mut().remove(&region)
        {
            let tokens = self.cached_tokens.get().saturating_sub(view.tokens.len());
            self.cached_tokens.set(tokens);
        }
        left
    }

    /// Whether a rule of this kind after the one binding now reads `region`: what a scanner
    /// found there is kept for it only then.
    pub fn read_again_later(&self, region: TextRange) -> bool {
        self.kind_rules.len() > 1
            && self.with_reads_left(|left| left.get(&region).is_some_and(|&n| n > 1))
    }

    /// A rule passes `region` without reading it (nothing to bind there).
    fn pass(&self, region: TextRange) {
        self.read_once(region);
    }

    /// The region read once, shared by every rule that reads it.
    fn view(&self, region: TextRange) -> Rc<RegionView<'a>> {
        let cached = self.views.borrow().get(&region).map(Rc::clone);
        let left = self.read_once(region);
        if let Some(view) = cached {
            return view;
        }
        let lo = self
            .cues_by_position
            .partition_point(|h| h.start < region.start);
        let hi = self
            .cues_by_position
            .partition_point(|h| h.start < region.end);
        let cues: Vec<Hit> = self.cues_by_position[lo..hi]
            .iter()
            .filter(|h| h.end <= region.end)
            .map(|&&h| h)
            .collect();
        let date = self.story.doc.meta.date;
        let when = events::When {
            year: date.and_then(|d| Some((d.year?, d.month))),
            date: days::full_date(date),
            story_day: self.story.event_day(),
            lede_end: self.story.lede_end(),
        };
        let view = Rc::new(RegionView::new(
            &self.story.doc.text,
            region,
            &self.story.doc.blocks,
            &cues,
            when,
        ));
        // A region only one rule reads is let go at once (allocating and freeing the views of
        // thousands of short paragraphs at the end cost more than reading them). A news
        // story's regions all fit, so each is read once for every rule; a document of
        // megabytes would keep every region's tokens to the end (several times its size), so
        // past the budget the cache starts again: each rule then reads such a document anew,
        // which costs time in proportion to it, not memory.
        if left == 0 {
            return view;
        }
        let tokens = self.cached_tokens.get() + view.tokens.len();
        let mut views = self.views.borrow_mut();
        if tokens > VIEW_CACHE_TOKENS {
            views.clear();
            self.cached_tokens.set(view.tokens.len());
        } else {
            self.cached_tokens.set(tokens);
        }
        views.insert(region, Rc::clone(&view));
        view
    }

    /// A `too-many-numbers` warning for each region where more than
    /// [`MAX_CANDIDATES_PER_REGION`] candidates were found, and a `too-many-mentions` warning
    /// for each rule whose binding stopped at [`super::MAX_MENTIONS_PER_RULE`].
    pub fn cap_warnings(&self) -> Vec<Finding> {
        let at = |r: TextRange| {
            let start = TextRange::new(r.start, r.start);
            Span::new(self.story.doc.file, self.story.doc.map.to_source(start))
        };
        let mut warnings: Vec<Finding> = (self.stopped.borrow().iter())
            .filter_map(|&(rule, region)| {
                let id = &self.story.rules.rules.get(rule)?.id;
                Some(super::too_many_mentions(id, at(region)))
            })
            .collect();
        let mut regions = self.capped.borrow().clone();
        regions.sort();
        regions.dedup();
        warnings.extend(regions.into_iter().map(|r| {
            let at = at(r);
            Finding::new(
                Code::TooManyNumbers,
                format!(
                    "more than {MAX_CANDIDATES_PER_REGION} numbers in one region; the rest \
                         were not read"
                ),
            )
            .with_label(Label::primary(at, "this region"))
        }));
        warnings
    }

    /// Binds candidates to rule `rule` with `style`, scanning each region with `scan`.
    pub fn bind<T: Clone>(
        &self,
        rule: RuleIdx,
        style: FrameStyle,
        mut scan: impl FnMut(TextRange) -> Vec<Candidate<T>>,
    ) -> (Vec<Bound<T>>, Vec<Rejection>) {
        let Some((regions, topic)) = self.regions_of(rule) else {
            return (Vec::new(), Vec::new());
        };
        let mut bound: Vec<Bound<T>> = Vec::new();
        let mut rejected = Vec::new();
        let mut seen = BTreeSet::new();
        // A sentence repeated word for word (a caption and its alt text, a gallery, a teaser)
        // states its figure once: the first reading is kept, the repeats are rejected.
        let mut said = Said::default();
        for region in regions {
            // Unless `explain` asks for them, the reasons of one region are let go before the
            // next is read (a dense document rejects far more than it binds).
            if !self.keep_rejections {
                rejected.clear();
            }
            // A rule read more often than it can be kept (in this part and those before) is
            // read no further (some of what is bound may still be dropped below, so it stops
            // only past the cap).
            if bound.len() + self.story.read_before(rule) > super::MAX_MENTIONS_PER_RULE {
                self.stopped.borrow_mut().push((rule, region));
                break;
            }
            // A candidate ending before this region cannot be met again: regions come by
            // start, so only the candidates that reach into this one are remembered.
            while seen
                .first()
                .is_some_and(|&(end, _): &(usize, usize)| end <= region.start)
            {
                seen.pop_first();
            }
            said.next_region();
            let mut candidates: Vec<Candidate<T>> = scan(region)
                .into_iter()
                .filter(|c| seen.insert((c.range.end, c.range.start)))
                .collect();
            // Most regions hold no value of the kind (a date binder's paragraphs without a
            // date): they need no reading.
            if candidates.is_empty() {
                self.pass(region);
                continue;
            }
            let view = self.view(region);
            if candidates.len() > MAX_CANDIDATES_PER_REGION {
                self.capped.borrow_mut().push(region);
                let dropped = candidates.drain(MAX_CANDIDATES_PER_REGION..);
                for c in dropped.filter(|_| self.keep_rejections) {
                    rejected.push(Rejection {
                        range: c.range,
                        reason: format!(
                            "not read: more than {MAX_CANDIDATES_PER_REGION} numbers in one \
                             region"
                        ),
                    });
                }
            }
            match style {
                FrameStyle::Governed => {
                    let from = bound.len();
                    let governed = Governed { rule, topic };
                    self.bind_governed(governed, &view, candidates, &mut bound, &mut rejected);
                    let fresh = bound.split_off(from);
                    for b in fresh {
                        if self.repeats(&view, b.candidate.range.start, &mut said) {
                            rejected.push(Rejection {
                                range: b.candidate.range,
                                reason: "repeats an earlier sentence word for word".into(),
                            });
                        } else {
                            bound.push(b);
                        }
                    }
                }
                FrameStyle::OwnFrame | FrameStyle::Dated => {
                    // Which event each clause is about, once per region (dates only).
                    let events = if style == FrameStyle::Dated {
                        self.events(rule, &view, &self.clauses_naming_subject(rule, &view))
                    } else {
                        Vec::new()
                    };
                    for candidate in candidates {
                        let verdict = if style == FrameStyle::Dated {
                            self.judge_date(rule, &view, &events, &candidate)
                        } else {
                            self.judge_own_frame(rule, &view, &candidate)
                        };
                        match verdict {
                            Ok(frame) => bound.push(Bound { candidate, frame }),
                            Err(reason) => rejected.push(Rejection {
                                range: candidate.range,
                                reason,
                            }),
                        }
                    }
                }
            }
        }
        bound.sort_by_key(|b| b.candidate.range);
        if !self.keep_rejections {
            rejected.clear();
        }
        (bound, rejected)
    }

    /// Whether the sentence holding byte `at` was already read, word for word, at the same
    /// place: `said` keeps (sentence text, offset) of every reading so far. Gallery captions
    /// repeat behind a changing counter ("Image 6 of 12"), which is left out of the text.
    fn repeats<'t>(&'t self, view: &RegionView<'_>, at: usize, said: &mut Said<'t>) -> bool {
        view.sentence_at(at).is_some_and(|s| {
            let first = view.token_at(s.start);
            let start = prose::counter_at(&view.tokens, first)
                .and_then(|n| view.tokens.get(first + n))
                .map_or(s.start, |t| t.start.min(at));
            let text = self.story.doc.text.get(start..s.end).unwrap_or("");
            !said.first_time(text, (start, s.end), at - start)
        })
    }

    /// The checks every kind shares: the scanner's exclusion, the dateline, `exclude`.
    fn common_checks<T>(&self, rule: RuleIdx, candidate: &Candidate<T>) -> Result<(), String> {
        if let Some(reason) = &candidate.excluded {
            return Err(reason.clone());
        }
        let c = candidate.range;
        // "MOSCOW, March 23, 2024 (Wire) -" dates the article, not the event.
        if let Some(dateline) = self.story.doc.meta.dateline
            && dateline.start < c.end
            && c.start < dateline.end
        {
            return Err("part of the dateline".into());
        }
        // "Posted: Sunday, March 8, 2015", "(@handle) January 5, 2017": the page's dates.
        let stamps = &self.story.doc.meta.stamps;
        let i = stamps.partition_point(|s| s.range.end <= c.start);
        if let Some(stamp) = stamps.get(i).filter(|s| s.range.start < c.end) {
            return Err(format!("part of {}", stamp.kind.describe()));
        }
        if self.excludes.cover(rule, c.start, c.end) {
            return Err("matches an `exclude` pattern".into());
        }
        Ok(())
    }

    /// Why a candidate is not the story's own statement, if it is not: not prose (first: a URL
    /// before it is a code, "example.com/2024/3-killed"), another story's block, a quotation,
    /// or the checks every kind shares. Counts and dates ask this first.
    fn not_the_storys<T>(
        &self,
        rule: RuleIdx,
        view: &RegionView<'_>,
        candidate: &Candidate<T>,
    ) -> Option<String> {
        if let Some(kind) = view.not_prose_at(candidate.range) {
            return Some(format!("not prose: {kind}"));
        }
        self.link_at(candidate.range.start)
            .or_else(|| {
                view.in_quotation(candidate.range.start)
                    .then(|| "in a quotation: the speaker's words, not the story's".to_string())
            })
            .or_else(|| self.common_checks(rule, candidate).err())
    }

    /// A value that frames itself (an age): prose, and nearest to this rule's subject.
    fn judge_own_frame<T>(
        &self,
        rule: RuleIdx,
        view: &RegionView<'_>,
        candidate: &Candidate<T>,
    ) -> Result<TextRange, String> {
        self.common_checks(rule, candidate)?;
        if let Some(kind) = view.not_prose_at(candidate.range) {
            return Err(format!("not prose: {kind}"));
        }
        if let Some(link) = self.link_at(candidate.range.start) {
            return Err(link);
        }
        self.compete(rule, view, candidate.range, None)?;
        Ok(candidate.range)
    }

    /// Clause-and-predicate binding of one region's candidates to `rule`.
    fn bind_governed<T>(
        &self,
        Governed { rule, topic }: Governed,
        view: &RegionView<'_>,
        candidates: Vec<Candidate<T>>,
        bound: &mut Vec<Bound<T>>,
        rejected: &mut Vec<Rejection>,
    ) {
        let mut counts = Vec::new();
        let mut kept = Vec::new();
        for candidate in candidates {
            let reason = self.not_the_storys(rule, view, &candidate);
            let located = view.token_span(candidate.range);
            let reason = reason.or_else(|| match located {
                None => Some("outside the region's words".into()),
                Some((first, _))
                    if prose::is_counter(&view.tokens, first, view.opens_block[first]) =>
                {
                    Some("not prose: a caption or gallery counter".into())
                }
                Some(_) => None,
            });
            match (reason, located) {
                (None, Some((first, last))) => {
                    counts.push(Count {
                        range: candidate.range,
                        first,
                        last,
                    });
                    kept.push(candidate);
                }
                (reason, _) => rejected.push(Rejection {
                    range: candidate.range,
                    reason: reason.unwrap_or_default(),
                }),
            }
        }
        let number = predicates::number_marks(view, &counts);
        let owners = predicates::govern(view, &counts, &number);
        let names_subject = self.clauses_naming_subject(rule, view);
        let events = self.events(rule, view, &names_subject);
        let names_subject_at = |i: usize| {
            view.clauses
                .of(i)
                .and_then(|c| names_subject.get(c as usize))
                .is_some_and(|&n| n)
        };
        // The count's clause, or its verb's when that one is dated elsewhere: "A man and
        // woman were killed in July" splits at "and", and July is the verb's.
        let event_at = |i: usize| view.clauses.of(i).and_then(|c| events.get(c as usize));
        let event_of = |ci: usize| {
            let count = counts.get(ci)?;
            let own = predicates::of_rule(view, owners.get(ci)?, rule);
            event_at(count.first)
                .filter(|e| matches!(e, events::Event::Other(_)))
                .or_else(|| own.and_then(|p| event_at(p.first)))
                .or_else(|| event_at(count.first))
        };
        let mut previous: Option<TextRange> = None;
        for (ci, ((candidate, count), owned)) in
            kept.into_iter().zip(&counts).zip(&owners).enumerate()
        {
            let own = predicates::of_rule(view, owned, rule);
            let shape = own.and_then(|p| {
                let heads = predicates::heads_partitive(view, p, count, &number);
                self.quantifier_shape(view, count, previous, heads)
                    .or_else(|| quantifiers::severity_subset(view, p, ci, &counts, &owners))
                    .or_else(|| quantifiers::either_or(view, p, rule))
                    .or_else(|| quantifiers::more_follow(view, p, count.last, rule))
                    .or_else(|| {
                        quantifiers::shared_with_another_verb(
                            view,
                            p,
                            ci,
                            &counts,
                            &owners,
                            rule,
                            // Not of other people: another event's count, or a second claim
                            // of the subject's own toll beside this one's.
                            |k| {
                                matches!(event_of(k), Some(events::Event::Other(_)))
                                    || names_subject_at(count.first)
                                        && counts.get(k).is_some_and(|c| names_subject_at(c.first))
                            },
                        )
                    })
                    .or_else(|| {
                        quantifiers::more_of_the_same(view, p, count, rule).map(|words| {
                            format!("an addition to those it already named: `{words}`")
                        })
                    })
            });
            let event = event_of(ci);
            let verdict = match (own, owned.first()) {
                (Some(_), _) if shape.is_some() => Err(shape.unwrap_or_default()),
                (Some(_), _) if let Some(events::Event::Other(words)) = event => {
                    Err(format!("another event: `{words}`"))
                }
                (Some(p), _) => {
                    let frame = TextRange::new(
                        p.span.start.min(count.range.start),
                        p.span.end.max(count.range.end),
                    );
                    // Across a semicolon the subject is another clause's, unless the story
                    // is about it anyway.
                    self.compete(rule, view, frame, Some(&p.rules)).and_then(
                        |nearest| match nearest {
                            Some(s) if !topic && view.semicolon_apart(&s, frame) => {
                                Err("the subject is in another clause (`;`)".to_string())
                            }
                            _ => Ok(frame),
                        },
                    )
                }
                (None, Some(&pi)) => Err(format!(
                    "the count of another predicate: `{}`",
                    predicates::name(view, &view.predicates[pi])
                )),
                (None, None) => Err(self.why_ungoverned(rule, view, count, &number)),
            };
            if own.is_some() {
                previous = Some(count.range);
            }
            match verdict {
                Ok(frame) => bound.push(Bound { candidate, frame }),
                Err(reason) => rejected.push(Rejection {
                    range: candidate.range,
                    reason,
                }),
            }
        }
    }

    /// Which event each clause of `view` is about, for `rule` ([`events::walk`]);
    /// `names_subject`: whether each clause names the rule's subject.
    fn events(
        &self,
        rule: RuleIdx,
        view: &RegionView<'_>,
        names_subject: &[bool],
    ) -> Vec<events::Event> {
        let mut events = events::walk(names_subject, &view.anchors, &view.clause_opens_block);
        self.turn_elsewhere(rule, view, &mut events);
        events
    }

    /// For each clause of `view`, whether it names `rule`'s subject.
    fn clauses_naming_subject(&self, rule: RuleIdx, view: &RegionView<'_>) -> Vec<bool> {
        let region = view.range;
        let lo = self.subjects.partition_point(|s| s.start < region.start);
        let hi = self.subjects.partition_point(|s| s.start < region.end);
        let mut names_subject = vec![false; view.anchors.len()];
        for s in self.subjects[lo..hi].iter().filter(|s| s.rule == rule) {
            let i = view.token_at(s.start);
            if let Some(c) = view.clauses.of(i)
                && let Some(slot) = names_subject.get_mut(c as usize)
            {
                *slot = true;
            }
        }
        names_subject
    }

    /// From the paragraph that turned the story to other events ([`Story::elsewhere`]), every
    /// clause of `view` is theirs until a later paragraph names `rule`'s subject again; a
    /// clause with its own anchor keeps it ("another shooting").
    fn turn_elsewhere(&self, rule: RuleIdx, view: &RegionView<'_>, events: &mut [events::Event]) {
        let Some((turn, words)) = self.story.elsewhere() else {
            return;
        };
        let back = *self.comes_back.borrow_mut().entry(rule).or_insert_with(|| {
            let after = self.subjects.partition_point(|s| s.start < turn);
            self.subjects[after..]
                .iter()
                .filter(|s| s.rule == rule)
                .filter_map(|s| self.block_holding(s.start))
                .map(|(_, b)| b.start)
                .find(|&start| start > turn)
                .unwrap_or(usize::MAX)
        });
        for (i, &c) in view.clauses.of_token.iter().enumerate() {
            let opens = i == 0 || view.clauses.of_token.get(i - 1) != Some(&c);
            if opens
                && view
                    .tokens
                    .get(i)
                    .is_some_and(|t| (turn..back).contains(&t.start))
                && let Some(slot) = events.get_mut(c as usize)
                && !matches!(slot, events::Event::Other(_))
            {
                *slot = events::Event::Other(words.to_string());
            }
        }
    }

    /// Why a count its predicate governs is still not the fact's value: a subset, an
    /// aggregate, an addition to `previous` (the rule's last governed count in the region).
    /// A part that `heads` the verb's subject ("two of the four victims died") is no subset.
    fn quantifier_shape(
        &self,
        view: &RegionView<'_>,
        count: &Count,
        previous: Option<TextRange>,
        heads: bool,
    ) -> Option<String> {
        let text = |r: TextRange| self.story.doc.text.get(r.range()).unwrap_or("?");
        if !heads && let Some(words) = quantifiers::partitive(&view.tokens, count.last) {
            return Some(format!("a subset: `{} {words}`", text(count.range)));
        }
        if let Some(marker) = view.aggregate_at(count.first) {
            return Some(format!("an aggregate over a wider scope: `{marker}`"));
        }
        if self
            .block_index(count.range.start)
            .is_some_and(|b| b < self.story.doc.headlines)
            && let Some(marker) = self.story.lede_aggregate()
        {
            return Some(format!(
                "a headline over a lede that counts a wider scope: `{marker}`"
            ));
        }
        if let Some(words) = quantifiers::part_of_a_set(&view.tokens, count.first, count.last) {
            return Some(format!("a part of a set: `{words}`"));
        }
        if quantifiers::is_addition(&view.tokens, count.first, count.last)
            && let Some(earlier) = previous
        {
            return Some(format!(
                "an addition to an earlier count (`{}`)",
                text(earlier)
            ));
        }
        None
    }

    /// Why no cue of `rule` governs `count`: what the nearest one in its sentence says.
    fn why_ungoverned(
        &self,
        rule: RuleIdx,
        view: &RegionView<'_>,
        count: &Count,
        number: &[bool],
    ) -> String {
        let preds = &view.predicates;
        let at = preds.partition_point(|p| p.first < count.first);
        let sentence = view.sentence_of.get(count.first);
        let nearest = preds[..at]
            .iter()
            .rev()
            .take(8)
            .chain(preds[at..].iter().take(8))
            .filter(|p| p.rules.contains(&rule) && view.sentence_of.get(p.first) == sentence)
            .min_by_key(|p| p.first.abs_diff(count.first));
        let Some(p) = nearest else {
            return "no cue of the rule in its sentence".into();
        };
        // "Two of the wounded work there": a part of the count the cue names.
        if let Some(words) = quantifiers::partitive(&view.tokens, count.last) {
            let count = self.story.doc.text.get(count.range.range()).unwrap_or("?");
            return format!("a subset: `{count} {words}`");
        }
        match predicates::position(view, p, count, number) {
            Err(reason) => reason,
            Ok(_) => format!("`{}` governs another count", predicates::name(view, p)),
        }
    }

    /// Rejects the frame if another rule's subject is strictly nearer than this rule's.
    /// Returns this rule's nearest subject hit. Only `rivals` compete when given — the rules
    /// whose cue is the frame's predicate — so that a broad subject of a rule about something
    /// else ("attack") cannot take this rule's number. Subjects are sorted by position and distance
    /// only grows away from the frame, so only the first few on each side are looked at.
    fn compete(
        &self,
        rule: RuleIdx,
        view: &RegionView<'_>,
        frame: TextRange,
        rivals: Option<&[RuleIdx]>,
    ) -> Result<Option<Hit>, String> {
        const LOOK: usize = 64;
        let region = view.range;
        let lo = self.subjects.partition_point(|s| s.start < region.start);
        let hi = self.subjects.partition_point(|s| s.start < region.end);
        let in_region = &self.subjects[lo..hi];
        let split = in_region.partition_point(|s| s.start < frame.end);
        let distance = |s: &Hit| {
            if s.end <= frame.start {
                view.distance(s.end, frame.start)
            } else if s.start >= frame.end {
                view.distance(frame.end, s.start) + 3
            } else {
                0 // the frame contains the subject
            }
        };
        // Past this rule's nearest subject on a side, no subject is strictly nearer: after the
        // frame, distance grows with the start; before it, it shrinks only with a later end,
        // and a later end than this rule's hit is a longer hit that contains it (one rule's
        // hits never overlap), which must start within the longest subject's length.
        let longest = self.longest_subject;
        let mut own: Option<(usize, Hit)> = None;
        let mut other: Option<(usize, Hit)> = None;
        let before = in_region[..split].iter().copied().rev().take(LOOK);
        let after = in_region[split..].iter().copied().take(LOOK);
        let sides: [(&mut dyn Iterator<Item = &Hit>, bool); 2] =
            [(&mut { before }, true), (&mut { after }, false)];
        for (side, is_before) in sides {
            let mut own_hit: Option<Hit> = None;
            for s in side {
                if let Some(o) = own_hit
                    && (!is_before || s.start + longest <= o.end)
                {
                    break;
                }
                if s.end > region.end {
                    continue;
                }
                if s.rule != rule && rivals.is_some_and(|r| !r.contains(&s.rule)) {
                    continue;
                }
                let d = distance(s);
                let slot = if s.rule == rule {
                    own_hit.get_or_insert(*s);
                    &mut own
                } else {
                    &mut other
                };
                if slot.is_none_or(|(best, _)| d < best) {
                    *slot = Some((d, *s));
                }
            }
        }
        match other {
            Some((d, s)) if own.is_none_or(|(o, _)| d < o) => {
                let id = self
                    .story
                    .rules
                    .rules
                    .get(s.rule)
                    .map_or("?", |r| r.id.as_str());
                let word = self.story.doc.text.get(s.start..s.end).unwrap_or("?");
                Err(format!("bound to another subject (`{word}`, rule {id})"))
            }
            _ => Ok(own.map(|(_, s)| s)),
        }
    }
}

/// `region` cut to `part`, if anything of it lies there (an empty region, if it lies within).
fn clip(region: TextRange, part: TextRange) -> Option<TextRange> {
    if region.start == region.end {
        return (part.start <= region.start && region.start <= part.end).then_some(region);
    }
    let cut = TextRange::new(region.start.max(part.start), region.end.min(part.end));
    (cut.start < cut.end).then_some(cut)
}

/// The sentences read so far, for [`Binder::repeats`]. Each distinct sentence text gets a
/// number when first met — its text hashed once per place, not compared once per reading, so a
/// run-on "sentence" of a megabyte with thousands of counts costs its length, not its length
/// times its counts — and a reading is remembered as (sentence number, offset in it).
///
/// The numbers by place are those of the region being read only ([`Said::next_region`]): a
/// region's sentences are not read again, and a document of a million repeated paragraphs
/// would otherwise keep a million places.
#[derive(Debug, Default)]
struct Said<'t> {
    numbers: HashMap<&'t str, usize>,
    by_place: HashMap<(usize, usize), usize>,
    readings: HashSet<(usize, usize)>,
}

impl<'t> Said<'t> {
    /// Forgets the places of the region read so far.
    fn next_region(&mut self) {
        self.by_place.clear();
    }

    /// Whether no reading was yet at `offset` of a sentence worded as `text` (at `place`, its
    /// byte range); remembers this one.
    fn first_time(&mut self, text: &'t str, place: (usize, usize), offset: usize) -> bool {
        let next = self.numbers.len();
        let numbers = &mut self.numbers;
        let number = *self
            .by_place
            .entry(place)
            .or_insert_with(|| *numbers.entry(text).or_insert(next));
        self.readings.insert((number, offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The windows of `region` in `text`, checked to tile it: consecutive, each at most
    /// [`MAX_REGION_BYTES`] long and cut at character boundaries.
    fn tiled(text: &str, region: TextRange) -> Vec<TextRange> {
        let got: Vec<TextRange> = windows(text, region, MAX_REGION_BYTES).collect();
        let mut at = region.start;
        for w in &got {
            assert_eq!(w.start, at);
            assert!(
                w.end > w.start && w.end - w.start <= MAX_REGION_BYTES,
                "{w:?}"
            );
            assert!(text.is_char_boundary(w.end));
            at = w.end;
        }
        assert_eq!(at, region.end);
        got
    }

    #[test]
    fn a_region_longer_than_a_window_is_read_in_windows_cut_at_spaces() {
        // A short region is one window, itself.
        let text = "Two died. ".repeat(20_000);
        let short = TextRange::new(10, 5_000);
        assert_eq!(tiled(&text, short), vec![short]);
        // A run-on line: every cut falls after a space.
        let all = TextRange::new(3, text.len());
        let cuts = tiled(&text, all);
        assert_eq!(cuts.len(), text.len().div_ceil(MAX_REGION_BYTES - 16));
        assert!(
            cuts.iter()
                .rev()
                .skip(1)
                .all(|w| text[..w.end].ends_with(' '))
        );
        // No space at all, letters of two and three bytes: cut at a character boundary.
        for letter in ["é", "€"] {
            let solid = letter.repeat(100_000);
            let windows = tiled(&solid, TextRange::new(0, solid.len()));
            assert!(windows.len() >= solid.len() / MAX_REGION_BYTES);
        }
        // A space only early in the window is not used (the window would be too short).
        let early = format!("a {}", "b".repeat(200_000));
        let first = tiled(&early, TextRange::new(0, early.len()))[0];
        assert!(first.end > MAX_REGION_BYTES * 3 / 4, "{first:?}");
    }

    #[test]
    fn a_sentence_is_said_once_per_offset_wherever_it_stands() {
        let mut said = Said::default();
        assert!(said.first_time("Five died.", (0, 10), 0));
        assert!(!said.first_time("Five died.", (0, 10), 0));
        // The same words elsewhere (a caption repeated) are the same sentence.
        assert!(!said.first_time("Five died.", (40, 50), 0));
        assert!(said.first_time("Five died.", (40, 50), 5));
        assert!(said.first_time("Six died.", (60, 69), 0));
    }
    use crate::extract::terms::TermMatcher;
    use crate::rules::{BareRound, Pattern, QuantityRule, Rule, RuleSet, Term, Unit};
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
        let (mut bound, _) = bind_all(&rules, text);
        bound.swap_remove(rule)
    }

    /// Binds every rule of `rules` in order with one binder; returns what each bound and how
    /// many region views the binder still holds at the end.
    fn bind_all(rules: &RuleSet, text: &str) -> (Vec<Vec<String>>, usize) {
        let doc = source::load(FileId(1), "a.txt", text);
        let matcher = TermMatcher::new(rules);
        let hits = matcher.find(&doc.text);
        let story = Story::new(&doc, rules, &matcher);
        let binder = Binder::new(
            &story,
            TextRange::new(0, doc.text.len()),
            &hits,
            |k| matches!(k, RuleKind::Quantity(_)),
            true,
        );
        let bound = (0..rules.rules.len())
            .map(|rule| {
                let (b, _) = binder.bind(rule, QUANTITY_FRAME, |r| digits(&doc.text, r));
                b.iter()
                    .map(|b| doc.text[b.candidate.range.range()].to_string())
                    .collect()
            })
            .collect();
        let held = binder.views.borrow().len();
        (bound, held)
    }

    #[test]
    fn a_longer_subject_that_contains_another_rules_is_nearer() {
        // "City" lies inside "Crocus City Hall", which ends nearer the count: the count is
        // the longer subject's, although the shorter one is met first walking back.
        let rules = RuleSet {
            rules: vec![toll("city", "City"), toll("hall", "Crocus City Hall")],
        };
        let (bound, _) = bind_all(&rules, "At Crocus City Hall 144 were killed.");
        assert_eq!(bound, vec![Vec::<String>::new(), vec!["144".to_string()]]);
    }

    #[test]
    fn a_region_view_is_let_go_after_the_last_rule_that_reads_it() {
        let rules = RuleSet {
            rules: vec![toll("crocus", "Crocus"), toll("kerman", "Kerman")],
        };
        let text = "Unlike Kerman, which killed 96, the Crocus raid killed 144.\n\n\
                    The Crocus toll rose to 145. Kerman had no new count.";
        let (bound, held) = bind_all(&rules, text);
        assert_eq!(bound, vec![vec!["144", "145"], vec!["96"]]);
        assert_eq!(
            held, 0,
            "views still held after every rule read its regions"
        );
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
