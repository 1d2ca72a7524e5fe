//! HTML character references: `&amp;`, `&nbsp;`, `&#8217;`, `&#x2019;`.
//!
//! The table holds the entities newsroom HTML actually uses (about 200: the Latin-1 set, the
//! typographic punctuation, Greek letters, a few Latin Extended letters such as `&ccaron;`),
//! not the 2,231 of the full HTML5 list; an unknown name is left as written, which is what a
//! reader sees in a browser for a typo anyway. Decoding follows the WHATWG tokenizer where it
//! matters for text: numeric references without `;` are accepted, the C1 range `&#128;` …
//! `&#159;` is read as Windows-1252 (CMS exports are full of `&#150;` for an en dash), invalid
//! code points become U+FFFD, and the legacy Latin-1 names are decoded without a `;`
//! (`&copy2024` is `©2024`, as a browser shows it).

/// Named entities, each one char. Sorted by name for binary search.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Alpha", 'Α'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Beta", 'Β'),
    ("Ccaron", 'Č'),
    ("Ccedil", 'Ç'),
    ("Chi", 'Χ'),
    ("Dagger", '‡'),
    ("Delta", 'Δ'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Epsilon", 'Ε'),
    ("Eta", 'Η'),
    ("Euml", 'Ë'),
    ("Gamma", 'Γ'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iota", 'Ι'),
    ("Iuml", 'Ï'),
    ("Kappa", 'Κ'),
    ("Lambda", 'Λ'),
    ("Mu", 'Μ'),
    ("Ntilde", 'Ñ'),
    ("Nu", 'Ν'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Omega", 'Ω'),
    ("Omicron", 'Ο'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Phi", 'Φ'),
    ("Pi", 'Π'),
    ("Prime", '″'),
    ("Psi", 'Ψ'),
    ("Rho", 'Ρ'),
    ("Scaron", 'Š'),
    ("Sigma", 'Σ'),
    ("THORN", 'Þ'),
    ("Tau", 'Τ'),
    ("Theta", 'Θ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Upsilon", 'Υ'),
    ("Uuml", 'Ü'),
    ("Xi", 'Ξ'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("Zcaron", 'Ž'),
    ("Zeta", 'Ζ'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("alpha", 'α'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("beta", 'β'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("ccaron", 'č'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("chi", 'χ'),
    ("circ", 'ˆ'),
    ("copy", '©'),
    ("curren", '¤'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("dash", '‐'),
    ("deg", '°'),
    ("delta", 'δ'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("epsilon", 'ε'),
    ("eta", 'η'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("fnof", 'ƒ'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("frasl", '⁄'),
    ("gamma", 'γ'),
    ("gt", '>'),
    ("harr", '↔'),
    ("hellip", '…'),
    ("hyphen", '‐'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("iota", 'ι'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("laquo", '«'),
    ("larr", '←'),
    ("ldquo", '“'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("mu", 'μ'),
    ("nbsp", '\u{00A0}'),
    ("ndash", '–'),
    ("not", '¬'),
    ("ntilde", 'ñ'),
    ("nu", 'ν'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("oline", '‾'),
    ("omega", 'ω'),
    ("omicron", 'ο'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("permil", '‰'),
    ("phi", 'φ'),
    ("pi", 'π'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("psi", 'ψ'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rho", 'ρ'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("shy", '\u{00AD}'),
    ("sigma", 'σ'),
    ("sigmaf", 'ς'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("szlig", 'ß'),
    ("tau", 'τ'),
    ("theta", 'θ'),
    ("thinsp", '\u{2009}'),
    ("thorn", 'þ'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("uarr", '↑'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("upsilon", 'υ'),
    ("uuml", 'ü'),
    ("xi", 'ξ'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zcaron", 'ž'),
    ("zeta", 'ζ'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Names a browser decodes even without the final `;` (the HTML5 legacy list, restricted to
/// names in [`NAMED`]): the Latin-1 set and `amp lt gt quot`. Longest first, so that `&notin`
/// is not read as `&not` when a longer legacy name fits.
fn is_legacy(name: &str) -> bool {
    name.len() <= 6
        && NAMED
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .and_then(|i| NAMED.get(i))
            .is_some_and(|&(_, c)| {
                matches!(c, '&' | '<' | '>' | '"') || ('\u{A0}'..='\u{FF}').contains(&c)
            })
}

/// Windows-1252 for the C1 range, as the HTML tokenizer maps `&#128;` … `&#159;`.
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Longest entity name in [`NAMED`], to bound the look-ahead.
const MAX_NAME: usize = 8;

/// Decodes the character reference at the start of `s` (which starts with `&`): the char and
/// how many bytes of `s` it spans. `None` when `s` does not start with a reference the table
/// knows; the `&` is then literal text.
pub fn decode_at(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    if bytes.get(1) == Some(&b'#') {
        return numeric(s);
    }
    let name_len = bytes[1..]
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &s[1..1 + name_len];
    if bytes.get(1 + name_len) == Some(&b';')
        && let Ok(i) = NAMED.binary_search_by(|(n, _)| (*n).cmp(name))
    {
        return NAMED.get(i).map(|&(_, c)| (c, name_len + 2));
    }
    // No `;`: the longest legacy name that is a prefix of the word.
    (2..=name_len.min(6))
        .rev()
        .map(|len| &name[..len])
        .find(|prefix| is_legacy(prefix))
        .and_then(|prefix| {
            let i = NAMED.binary_search_by(|(n, _)| (*n).cmp(prefix)).ok()?;
            NAMED.get(i).map(|&(_, c)| (c, prefix.len() + 1))
        })
}

/// `&#NNN;` or `&#xHHH;`, the `;` optional.
fn numeric(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    let (radix, digits_start) = match bytes.get(2) {
        Some(b'x' | b'X') => (16, 3),
        _ => (10, 2),
    };
    let digits = bytes[digits_start.min(bytes.len())..]
        .iter()
        .take_while(|b| {
            if radix == 16 {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return None;
    }
    let mut value: u32 = 0;
    for &b in &bytes[digits_start..digits_start + digits] {
        let d = char::from(b).to_digit(radix).unwrap_or(0);
        // Saturate: any overflow is out of range and becomes U+FFFD below.
        value = value.saturating_mul(radix).saturating_add(d);
    }
    let mut len = digits_start + digits;
    if bytes.get(len) == Some(&b';') {
        len += 1;
    }
    let c = match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1[(value - 0x80) as usize],
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some((c, len))
}

/// Decodes every reference in `s` (an attribute value, a `<title>`).
pub fn decode_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match decode_at(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = rest.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NAMED.iter().all(|(n, _)| n.len() <= MAX_NAME));
        assert!(NAMED.len() >= 100);
    }

    #[test]
    fn decodes_named_and_numeric_references() {
        let cases: &[(&str, Option<(char, usize)>)] = &[
            ("&amp;", Some(('&', 5))),
            ("&nbsp;x", Some(('\u{A0}', 6))),
            ("&rsquo;s", Some(('’', 7))),
            ("&mdash;", Some(('—', 7))),
            ("&euro;3bn", Some(('€', 6))),
            ("&#8217;", Some(('’', 7))),
            ("&#x2019;", Some(('’', 8))),
            ("&#X2019;", Some(('’', 8))),
            ("&#8217 next", Some(('’', 6))),
            ("&#150;", Some(('–', 6))),
            ("&#0;", Some(('\u{FFFD}', 4))),
            ("&#xD800;", Some(('\u{FFFD}', 8))),
            ("&#99999999999999999999;", Some(('\u{FFFD}', 23))),
            ("&amp", Some(('&', 4))),
            ("&copy2024", Some(('©', 5))),
            ("&nbspx", Some(('\u{A0}', 5))),
            ("&T", None),
            ("&rsquo", None),
            ("&nosuch;", None),
            ("&#;", None),
            ("&#x;", None),
            ("&", None),
            ("x&amp;", None),
        ];
        for (input, want) in cases {
            assert_eq!(decode_at(input), *want, "{input:?}");
        }
    }

    #[test]
    fn decodes_strings() {
        assert_eq!(decode_str("AT&amp;T &amp; Co&#8217;s"), "AT&T & Co’s");
        assert_eq!(decode_str("R&D && &bogus;"), "R&D && &bogus;");
        assert_eq!(decode_str("tail &"), "tail &");
    }
}
