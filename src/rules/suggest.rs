//! Suggestions for mistakes in rule and config files: "did you mean `cue`?" by edit distance,
//! and the kebab-case form of a rule id.

/// Levenshtein distance between two strings, counted in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a likely typo: at most one
/// edit for short words, about a third of the word's length for longer ones. Case, `-` and `_`
/// differences count as nothing (`Case-Sensitive` suggests `case_sensitive`).
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let folded = fold(word);
    let singular = singular(&folded);
    let limit = (folded.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|&c| {
            let c_folded = fold(c);
            let d = edit_distance(&folded, &c_folded).min(edit_distance(&singular, &c_folded));
            (d, c)
        })
        .filter(|&(d, c)| d <= limit && c != word)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `entities` → `entity`, `cues` → `cue`: plurals are a common slip in key names.
fn singular(s: &str) -> String {
    if let Some(stem) = s.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        s.strip_suffix('s').unwrap_or(s).to_string()
    }
}

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Whether `id` is kebab-case: lowercase ASCII words of letters and digits joined by single
/// dashes (`^[a-z0-9]+(-[a-z0-9]+)*$`).
pub(crate) fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The kebab-case form of `id` (`Kerman_Death Toll` → `kerman-death-toll`,
/// `kermanDeathToll` → `kerman-death-toll`); empty when nothing usable is left.
pub(crate) fn to_kebab_case(id: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            word.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("cues", "cue"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("Türkiye", "Turkiye"), 1);
    }

    #[test]
    fn suggests_only_close_candidates() {
        let keys = ["cue", "subject", "case_sensitive", "tolerance"];
        assert_eq!(did_you_mean("cues", &keys), Some("cue"));
        assert_eq!(did_you_mean("subjects", &keys), Some("subject"));
        assert_eq!(
            did_you_mean("case-sensitive", &keys),
            Some("case_sensitive")
        );
        assert_eq!(did_you_mean("tolerence", &keys), Some("tolerance"));
        assert_eq!(did_you_mean("colour", &keys), None);
        assert_eq!(did_you_mean("x", &keys), None);
        assert_eq!(
            did_you_mean("entities", &["entity", "date"]),
            Some("entity")
        );
    }

    #[test]
    fn kebab_case_check_and_fix() {
        assert!(is_kebab_case("kerman-death-toll"));
        assert!(is_kebab_case("a1-b2"));
        for bad in ["", "Kerman", "a--b", "-a", "a-", "a_b", "a b", "ä"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        assert_eq!(to_kebab_case("Kerman_Death Toll"), "kerman-death-toll");
        assert_eq!(to_kebab_case("kermanDeathToll"), "kerman-death-toll");
        assert_eq!(to_kebab_case("IS-K name"), "is-k-name");
        assert_eq!(to_kebab_case("--"), "");
    }
}
