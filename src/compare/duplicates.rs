//! Near-duplicate documents: the same article saved twice, a syndicated copy with a site's
//! boilerplate around it. Copies must count once towards a consensus (DESIGN §4), or two saves
//! of one article outvote a correct original.
//!
//! A document's [`fingerprint`] is the set of hashes of its normalized sentences (lowercase,
//! letters and digits only, white space collapsed; 64-bit FNV-1a, written out here so that the
//! hashes are stable across platforms, releases and runs, unlike `std`'s `DefaultHasher`).
//! Sentences of fewer than [`MIN_WORDS`] words are left out: "Advertisement", "Share this" and
//! bylines are site furniture, not the article.
//!
//! [`groups`] puts two documents in one group when the sentences they share are at least
//! `threshold` (0.8 by default) of the smaller one's: the *containment* of the smaller, which
//! catches a copy wrapped in boilerplate. Jaccard similarity ≥ t implies containment ≥ t, so
//! this one test covers both. A document of fewer than [`MIN_CONTAINED`] sentences must match
//! by Jaccard instead, so that a one-line brief quoted inside a long piece is not called a
//! copy of it. Groups are transitive (union-find) and each group's id is the index of its first
//! member, so the result is deterministic.
//!
//! Complexity. Candidate pairs come from an inverted index over each document's *prefix*
//! (prefix filtering, as in the AllPairs and PPJoin similarity joins): sort a document's
//! hashes rarest first; if a pair shares at least ⌈t·|x|⌉ hashes of the smaller document x,
//! at least one of them is among x's first |x| − ⌈t·|x|⌉ + 1 hashes, so only those are indexed
//! and probed. Boilerplate sentences shared by every page of a site are the most frequent
//! hashes and land at the end of each order, outside every prefix. Building the index is
//! O(H log H) for H hashes in all; probing costs the sum of the posting lists met, and each
//! candidate is verified by a merge of two sorted lists. On an archive where most documents
//! share no rare sentence, that is close to linear; the worst case (every document sharing
//! rare sentences with every other) stays quadratic, as any exact method must.

use std::collections::HashMap;

/// Sentences shorter than this (in words) are not part of a fingerprint.
pub const MIN_WORDS: usize = 3;

/// A document with fewer sentences than this is grouped by Jaccard similarity only.
pub const MIN_CONTAINED: usize = 4;

/// The default threshold: 80% of the smaller document's sentences.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// What a document's text looks like to the duplicate detector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFingerprint {
    /// Hashes of its normalized sentences, sorted and without repeats.
    pub hashes: Vec<u64>,
}

impl DocFingerprint {
    /// How many distinct sentences it has.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether it has no sentence at all.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The fingerprint of a document's text (its matching text, or any plain text).
pub fn fingerprint(text: &str) -> DocFingerprint {
    let mut hashes: Vec<u64> = Vec::new();
    // Deduplicated whenever the list doubles, so that it never holds many more hashes than
    // the text has distinct sentences (a generated file repeats a few lines a million times).
    let mut distinct = 0;
    for sentence in sentences(text) {
        let (hash, words) = normalized_hash(sentence);
        if words >= MIN_WORDS {
            hashes.push(hash);
        }
        if hashes.len() >= 2 * distinct.max(1024) {
            hashes.sort_unstable();
            hashes.dedup();
            distinct = hashes.len();
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes.shrink_to_fit();
    DocFingerprint { hashes }
}

/// FNV-1a of [`normalize`]d `sentence`, and its number of words, computed in one pass
/// without building the string: this runs over every byte of every document.
fn normalized_hash(sentence: &str) -> (u64, usize) {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(PRIME);
    };
    // Exactly what `normalize` builds, fed to the hash as it is built. ASCII bytes take a
    // fast path; other chars are decoded and lowercased.
    let (mut words, mut space) = (0, false);
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (alnum, apostrophe, width) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), b == b'\'', 1)
        } else {
            let c = sentence[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c == '\u{2019}', c.len_utf8())
        };
        if alnum {
            if space && words > 0 {
                feed(b' ');
                words += 1;
            }
            if words == 0 {
                words = 1;
            }
            space = false;
            if b < 0x80 {
                feed(b.to_ascii_lowercase());
            } else {
                let mut buf = [0u8; 4];
                for c in sentence[i..i + width].chars().flat_map(char::to_lowercase) {
                    c.encode_utf8(&mut buf).bytes().for_each(&mut feed);
                }
            }
        } else if !apostrophe {
            space = true;
        }
        i += width;
    }
    (hash, words)
}

/// Sentences, cut at line breaks and at `.`, `!`, `?` before white space. Cruder than the
/// extractor's splitter on purpose: both copies are cut the same way, which is all that counts.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    // Found as they are read, not listed first: a text of a million short lines would list a
    // million cuts.
    let bytes = text.as_bytes();
    let (mut start, mut i, mut done) = (0, 0, false);
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            let ends = match b {
                b'\n' => true,
                b'.' | b'!' | b'?' => bytes.get(i).is_none_or(|n| n.is_ascii_whitespace()),
                _ => false,
            };
            if ends {
                // Cuts sit just after ASCII bytes, so they are char boundaries.
                let sentence = text.get(start..i);
                start = i;
                return Some(sentence.unwrap_or(""));
            }
        }
        if done {
            return None;
        }
        done = true;
        Some(text.get(start..).unwrap_or(""))
    })
}

/// Lowercase letters and digits, every other run of chars one space, trimmed: the text
/// [`normalized_hash`] hashes (kept as its specification, for tests).
#[cfg(test)]
fn normalize(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut space = false;
    for c in sentence.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            // An apostrophe joins (`it's` = `its`); anything else separates words.
            space = true;
        }
    }
    out
}

/// Keys of the maps below are FNV hashes already: hashing them again with SipHash is waste.
#[derive(Default, Clone, Copy)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashIndex<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdentityHasher>>;

/// A group id per document: the index of the group's first document. Documents whose
/// fingerprints overlap by at least `threshold` of the smaller one (see the module docs) share
/// a group, transitively. `threshold` is clamped to (0, 1]; NaN counts as 1.
pub fn groups(prints: &[DocFingerprint], threshold: f64) -> Vec<usize> {
    let t = if threshold.is_nan() {
        1.0
    } else {
        threshold.clamp(f64::EPSILON, 1.0)
    };
    let n = prints.len();
    let mut parent: Vec<usize> = (0..n).collect();

    // Global frequency of each hash, for the rarest-first order.
    let mut freq: HashIndex<u32> = HashIndex::default();
    for p in prints {
        for &h in &p.hashes {
            *freq.entry(h).or_insert(0) += 1;
        }
    }
    let order = |h: &u64| (freq.get(h).copied().unwrap_or(0), *h);

    // Index each document's prefix.
    let mut index: HashIndex<Vec<usize>> = HashIndex::default();
    let mut ordered: Vec<Vec<u64>> = Vec::with_capacity(n);
    for (i, p) in prints.iter().enumerate() {
        let mut hs = p.hashes.clone();
        hs.sort_unstable_by_key(order);
        for &h in &hs[..prefix_len(hs.len(), t)] {
            index.entry(h).or_default().push(i);
        }
        ordered.push(hs);
    }

    // Probe: each document x against documents no larger than it (ties by index), through
    // its whole set; the smaller side's prefix is what the index holds.
    let mut seen: Vec<usize> = vec![usize::MAX; n];
    for (y, hs) in ordered.iter().enumerate() {
        let ny = hs.len();
        for h in hs {
            let Some(posting) = index.get(h) else {
                continue;
            };
            for &x in posting {
                let nx = ordered[x].len();
                if x == y || (nx, x) > (ny, y) || seen[x] == y {
                    continue;
                }
                seen[x] = y;
                if similar(&prints[x].hashes, &prints[y].hashes, t) {
                    union(&mut parent, x, y);
                }
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

/// How many of a set's rarest hashes must be indexed: |x| − ⌈t·|x|⌉ + 1, at least 1.
fn prefix_len(len: usize, t: f64) -> usize {
    if len == 0 {
        return 0;
    }
    let need = needed(len, t);
    (len + 1).saturating_sub(need).clamp(1, len)
}

/// Shared hashes a set of `len` needs with a larger one: ⌈t·len⌉, at least 1.
fn needed(len: usize, t: f64) -> usize {
    // The epsilon keeps 0.8 × 5 at 4 whatever the rounding of 0.8.
    ((t * len as f64 - 1e-9).ceil() as usize).clamp(1, len.max(1))
}

/// Whether two sorted hash sets are near-duplicates.
fn similar(a: &[u64], b: &[u64], t: f64) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return false;
    }
    let shared = intersection(small, large);
    if small.len() >= MIN_CONTAINED {
        shared >= needed(small.len(), t)
    } else {
        let union = small.len() + large.len() - shared;
        shared as f64 >= t * union as f64
    }
}

/// Size of the intersection of two sorted, deduplicated lists.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The root of `i`: the smallest index in its group (unions always keep the smaller root).
fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    // Path compression.
    let mut k = i;
    while parent[k] != root {
        let next = parent[k];
        parent[k] = root;
        k = next;
    }
    root
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Gunmen opened fire at a concert hall outside the capital on Friday evening. \
        The regional health ministry said the death toll had risen to 137 by Sunday. \
        Four suspects were detained in the Bryansk region the next morning. \
        Investigators said the attackers set the building alight before fleeing. \
        A national day of mourning was declared for Sunday.\n\n\
        Rescue workers searched the collapsed roof through the night.";

    #[test]
    fn streaming_hash_equals_hash_of_normalized_text() {
        for s in [
            "It\u{2019}s \u{201C}over\u{201D} \u{2014} 12 per cent.",
            "  A  b, C!  ",
            "Türkiye's ÜBER straße 144",
            "",
            "...",
        ] {
            let normal = normalize(s);
            let words = if normal.is_empty() {
                0
            } else {
                normal.split(' ').count()
            };
            assert_eq!(
                normalized_hash(s),
                (fnv1a(normal.as_bytes()), words),
                "{s:?}"
            );
        }
    }

    #[test]
    fn fnv1a_matches_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn normalization_ignores_case_space_and_punctuation() {
        assert_eq!(
            fingerprint("The toll ROSE to 137 ,  officials said!"),
            fingerprint("the toll rose to 137 officials said")
        );
        assert_eq!(
            normalize("It\u{2019}s \u{201C}over\u{201D} \u{2014} 12 per cent."),
            "its over 12 per cent"
        );
        assert!(fingerprint("Advertisement.\nShare this.").is_empty());
        assert_eq!(fingerprint(ARTICLE).len(), 6);
    }

    #[test]
    fn identical_boilerplate_wrapped_and_unrelated() {
        let wrapped = format!(
            "Subscribe to our newsletter for daily updates.\nSkip to main content now.\n\
             {ARTICLE}\nRead more stories from our world desk.\nCopyright the Example Gazette 2024."
        );
        let unrelated = "The city council approved a budget of 4.2 million dollars on Tuesday. \
            Spending on schools rises by 12 per cent. Critics called the plan timid. \
            The vote was seven to two.";
        let prints = [
            fingerprint(ARTICLE),
            fingerprint(unrelated),
            fingerprint(ARTICLE),
            fingerprint(&wrapped),
        ];
        assert_eq!(groups(&prints, DEFAULT_THRESHOLD), [0, 1, 0, 0]);
        // The wrapped copy is 6 of 10 sentences of itself: Jaccard alone would miss it.
        assert!(intersection(&prints[0].hashes, &prints[3].hashes) == 6);
        assert_eq!(prints[3].len(), 10);
    }

    #[test]
    fn three_way_transitive_groups() {
        // a ~ b and b ~ c, but a and c share too little.
        let s = |k: usize| format!("Sentence number {k} of the shared story.");
        let doc = |range: std::ops::Range<usize>| range.map(s).collect::<Vec<_>>().join(" ");
        let a = fingerprint(&doc(0..10));
        let b = fingerprint(&doc(1..11));
        let c = fingerprint(&doc(3..13));
        assert!(!similar(&a.hashes, &c.hashes, 0.8));
        let other = fingerprint(&doc(100..110));
        assert_eq!(
            groups(&[other.clone(), c.clone(), a.clone(), b.clone()], 0.8),
            [0, 1, 1, 1]
        );
        assert_eq!(groups(&[a, other, b, c], 0.8), [0, 1, 0, 0]);
    }

    #[test]
    fn short_documents_need_jaccard() {
        let brief = fingerprint("The toll rose to 137 by Sunday, officials said.");
        let long = fingerprint(&format!(
            "{ARTICLE} The toll rose to 137 by Sunday, officials said."
        ));
        assert_eq!(groups(&[brief.clone(), long], 0.8), [0, 1]);
        assert_eq!(groups(&[brief.clone(), brief], 0.8), [0, 0]);
    }

    #[test]
    fn empty_and_degenerate_inputs() {
        assert!(groups(&[], 0.8).is_empty());
        let empty = DocFingerprint::default();
        assert_eq!(groups(&[empty.clone(), empty], 0.8), [0, 1]);
        let a = fingerprint(ARTICLE);
        for t in [f64::NAN, -1.0, 0.0, 2.0, f64::INFINITY] {
            assert_eq!(groups(&[a.clone(), a.clone()], t), [0, 0], "{t}");
        }
    }

    #[test]
    fn prefix_filter_misses_nothing() {
        // Brute force against the indexed version on overlapping synthetic documents.
        let mut prints = Vec::new();
        for start in 0..30usize {
            let len = 4 + start % 7;
            let hashes: Vec<u64> = (start..start + len).map(|k| (k % 17) as u64).collect();
            let mut hashes = hashes;
            hashes.sort_unstable();
            hashes.dedup();
            prints.push(DocFingerprint { hashes });
        }
        for t in [0.5, 0.8, 1.0] {
            let fast = groups(&prints, t);
            let mut parent: Vec<usize> = (0..prints.len()).collect();
            for x in 0..prints.len() {
                for y in x + 1..prints.len() {
                    if similar(&prints[x].hashes, &prints[y].hashes, t) {
                        union(&mut parent, x, y);
                    }
                }
            }
            let slow: Vec<usize> = (0..prints.len()).map(|i| find(&mut parent, i)).collect();
            assert_eq!(fast, slow, "threshold {t}");
        }
    }
}
