//! Porter stemmer reproducing NLTK's `PorterStemmer()` in its default
//! `NLTK_EXTENSIONS` mode.
//!
//! rouge-score stems with exactly this variant, so any deviation (even the
//! NLTK-only tweaks to the published algorithm) would shift ROUGE figures.
//! The steps below mirror `nltk/stem/porter.py` rule for rule; the word is
//! kept in one ASCII `String` that is truncated and extended in place.

/// A suffix rule's condition, evaluated on the stem left after removing the
/// suffix (NLTK passes lambdas; an enum keeps the rule tables static).
#[derive(Clone, Copy)]
enum Cond {
    /// `m > 0`.
    MeasureGt0,
    /// `m > 1`.
    MeasureGt1,
    /// `m > 1` and the stem ends in `s` or `t` (step 4's `-ion`).
    IonStem,
    /// `m > 0` of the stem *plus* the suffix's first letter: NLTK keeps the
    /// `l` of `-logi` with the stem so that `geo`, `theo` etc. qualify.
    LogiStem,
}

const STEP2: &[(&str, &str, Cond)] = &[
    ("ational", "ate", Cond::MeasureGt0),
    ("tional", "tion", Cond::MeasureGt0),
    ("enci", "ence", Cond::MeasureGt0),
    ("anci", "ance", Cond::MeasureGt0),
    ("izer", "ize", Cond::MeasureGt0),
    ("bli", "ble", Cond::MeasureGt0),
    ("alli", "al", Cond::MeasureGt0),
    ("entli", "ent", Cond::MeasureGt0),
    ("eli", "e", Cond::MeasureGt0),
    ("ousli", "ous", Cond::MeasureGt0),
    ("ization", "ize", Cond::MeasureGt0),
    ("ation", "ate", Cond::MeasureGt0),
    ("ator", "ate", Cond::MeasureGt0),
    ("alism", "al", Cond::MeasureGt0),
    ("iveness", "ive", Cond::MeasureGt0),
    ("fulness", "ful", Cond::MeasureGt0),
    ("ousness", "ous", Cond::MeasureGt0),
    ("aliti", "al", Cond::MeasureGt0),
    ("iviti", "ive", Cond::MeasureGt0),
    ("biliti", "ble", Cond::MeasureGt0),
    ("fulli", "ful", Cond::MeasureGt0),
    ("logi", "log", Cond::LogiStem),
];

const STEP3: &[(&str, &str, Cond)] = &[
    ("icate", "ic", Cond::MeasureGt0),
    ("ative", "", Cond::MeasureGt0),
    ("alize", "al", Cond::MeasureGt0),
    ("iciti", "ic", Cond::MeasureGt0),
    ("ical", "ic", Cond::MeasureGt0),
    ("ful", "", Cond::MeasureGt0),
    ("ness", "", Cond::MeasureGt0),
];

const STEP4: &[(&str, &str, Cond)] = &[
    ("al", "", Cond::MeasureGt1),
    ("ance", "", Cond::MeasureGt1),
    ("ence", "", Cond::MeasureGt1),
    ("er", "", Cond::MeasureGt1),
    ("ic", "", Cond::MeasureGt1),
    ("able", "", Cond::MeasureGt1),
    ("ible", "", Cond::MeasureGt1),
    ("ant", "", Cond::MeasureGt1),
    ("ement", "", Cond::MeasureGt1),
    ("ment", "", Cond::MeasureGt1),
    ("ent", "", Cond::MeasureGt1),
    ("ion", "", Cond::IonStem),
    ("ou", "", Cond::MeasureGt1),
    ("ism", "", Cond::MeasureGt1),
    ("ate", "", Cond::MeasureGt1),
    ("iti", "", Cond::MeasureGt1),
    ("ous", "", Cond::MeasureGt1),
    ("ive", "", Cond::MeasureGt1),
    ("ize", "", Cond::MeasureGt1),
];

/// Stems one word exactly as NLTK's default `PorterStemmer().stem(word)`.
///
/// ASCII input is lower-cased first, as NLTK does. Non-ASCII input is
/// returned unchanged: rouge-score only ever passes `[a-z0-9]+` tokens, and
/// the byte-oriented rules below are only meaningful for ASCII.
pub fn stem(word: &str) -> String {
    if !word.is_ascii() {
        return word.to_owned();
    }
    let mut w = word.to_ascii_lowercase();
    if let Some(irregular) = irregular_form(w.as_bytes()) {
        return irregular.to_owned();
    }
    // NLTK leaves words of one or two letters alone (not in the paper).
    if w.len() <= 2 {
        return w;
    }
    step1a(&mut w);
    step1b(&mut w);
    step1c(&mut w);
    step2(&mut w);
    step3(&mut w);
    step4(&mut w);
    step5a(&mut w);
    step5b(&mut w);
    w
}

/// NLTK_EXTENSIONS' pool of irregular forms, consulted before any rule (and
/// before the short-word shortcut).
fn irregular_form(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"sky" | b"skies" => "sky",
        b"dying" => "die",
        b"lying" => "lie",
        b"tying" => "tie",
        b"news" => "news",
        b"innings" | b"inning" => "inning",
        b"outings" | b"outing" => "outing",
        b"cannings" | b"canning" => "canning",
        b"howe" => "howe",
        b"proceed" => "proceed",
        b"exceed" => "exceed",
        b"succeed" => "succeed",
        _ => return None,
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Porter's consonant test: `y` is a consonant only when it starts the word
/// or follows a vowel, so a run of `y`s alternates.
fn is_consonant(w: &[u8], mut i: usize) -> bool {
    let mut negate = false;
    while i > 0 && w[i] == b'y' {
        negate = !negate;
        i -= 1;
    }
    is_vowel(w[i]) == negate
}

/// Consonant flag of every letter in one pass; calling `is_consonant` per
/// position would be quadratic on a long run of `y`s.
fn consonants(s: &[u8]) -> impl Iterator<Item = bool> + '_ {
    // A leading `y` is a consonant, as if preceded by a vowel.
    let mut prev_consonant = false;
    s.iter().map(move |&b| {
        let consonant = !is_vowel(b) && (b != b'y' || !prev_consonant);
        prev_consonant = consonant;
        consonant
    })
}

/// Porter's measure `m`: the number of vowel-to-consonant transitions.
fn measure(s: &[u8]) -> usize {
    let mut m = 0;
    let mut prev_consonant = true;
    for consonant in consonants(s) {
        if consonant && !prev_consonant {
            m += 1;
        }
        prev_consonant = consonant;
    }
    m
}

fn contains_vowel(s: &[u8]) -> bool {
    consonants(s).any(|consonant| !consonant)
}

/// Condition `*d`: ends with a double consonant.
fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Condition `*o`, plus NLTK's extension that a two-letter vowel-consonant
/// stem also counts (note: that branch does not exclude `w`, `x`, `y`).
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    (n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y'))
        || (n == 2 && !is_consonant(w, 0) && is_consonant(w, 1))
}

fn replace_suffix(w: &mut String, suffix_len: usize, replacement: &str) {
    w.truncate(w.len() - suffix_len);
    w.push_str(replacement);
}

/// NLTK's `_apply_rule_list`: only the first rule whose suffix matches is
/// considered; if its condition fails the word is left as it is.
fn apply_rules(w: &mut String, rules: &[(&str, &str, Cond)]) {
    let b = w.as_bytes();
    let last = b.last().copied();
    for &(suffix, replacement, cond) in rules {
        // Most rules fail on the last letter; testing it first skips a
        // slice comparison per rule.
        if suffix.as_bytes().last().copied() != last || !b.ends_with(suffix.as_bytes()) {
            continue;
        }
        let stem_len = b.len() - suffix.len();
        let stem = &b[..stem_len];
        let ok = match cond {
            Cond::MeasureGt0 => measure(stem) > 0,
            Cond::MeasureGt1 => measure(stem) > 1,
            Cond::IonStem => measure(stem) > 1 && matches!(stem.last(), Some(b's' | b't')),
            Cond::LogiStem => measure(&b[..=stem_len]) > 0,
        };
        if ok {
            replace_suffix(w, suffix.len(), replacement);
        }
        return;
    }
}

fn step1a(w: &mut String) {
    let b = w.as_bytes();
    // NLTK: 'dies' -> 'die' while 'flies' -> 'fli'.
    if b.len() == 4 && b.ends_with(b"ies") {
        replace_suffix(w, 3, "ie");
    } else if b.ends_with(b"sses") {
        replace_suffix(w, 4, "ss");
    } else if b.ends_with(b"ies") {
        replace_suffix(w, 3, "i");
    } else if b.ends_with(b"s") && !b.ends_with(b"ss") {
        w.pop();
    }
}

fn step1b(w: &mut String) {
    let b = w.as_bytes();
    let n = b.len();
    // NLTK: 'died' -> 'die' while 'spied' -> 'spi'.
    if b.ends_with(b"ied") {
        replace_suffix(w, 3, if n == 4 { "ie" } else { "i" });
        return;
    }
    if b.ends_with(b"eed") {
        if measure(&b[..n - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let stem_len = if b.ends_with(b"ed") && contains_vowel(&b[..n - 2]) {
        n - 2
    } else if b.ends_with(b"ing") && contains_vowel(&b[..n - 3]) {
        n - 3
    } else {
        return;
    };
    w.truncate(stem_len);
    let b = w.as_bytes();
    if b.ends_with(b"at") || b.ends_with(b"bl") || b.ends_with(b"iz") {
        w.push('e');
    } else if ends_double_consonant(b) {
        if !matches!(b[b.len() - 1], b'l' | b's' | b'z') {
            w.pop();
        }
    } else if measure(b) == 1 && ends_cvc(b) {
        w.push('e');
    }
}

fn step1c(w: &mut String) {
    let b = w.as_bytes();
    // NLTK: y -> i only after a consonant that is not the whole stem, so
    // 'happy' -> 'happi' but 'enjoy' and 'sys' -> 'sy' keep their y.
    let n = b.len();
    if n > 2 && b[n - 1] == b'y' && is_consonant(b, n - 2) {
        w.pop();
        w.push('i');
    }
}

fn step2(w: &mut String) {
    // NLTK applies ALLI -> AL before the other rules and re-runs step 2 on
    // the result, so the shortened word can still match e.g. -ational.
    while w.ends_with("alli") && measure(&w.as_bytes()[..w.len() - 4]) > 0 {
        w.truncate(w.len() - 2);
    }
    apply_rules(w, STEP2);
}

fn step3(w: &mut String) {
    apply_rules(w, STEP3);
}

fn step4(w: &mut String) {
    apply_rules(w, STEP4);
}

fn step5a(w: &mut String) {
    let b = w.as_bytes();
    if let Some((&b'e', stem)) = b.split_last() {
        let m = measure(stem);
        if m > 1 || (m == 1 && !ends_cvc(stem)) {
            w.pop();
        }
    }
}

fn step5b(w: &mut String) {
    let b = w.as_bytes();
    if b.ends_with(b"ll") && measure(&b[..b.len() - 1]) > 1 {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    /// Expected stems are NLTK 3.10's `PorterStemmer().stem(word)`.
    #[test]
    fn matches_nltk() {
        let cases = [
            ("running", "run"),
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("generously", "gener"),
            ("relational", "relat"),
            ("radicalli", "radic"),
            ("agreed", "agre"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("sized", "size"),
            ("controlling", "control"),
            ("geology", "geolog"),
            ("happy", "happi"),
            ("enjoy", "enjoy"),
            ("owed", "owe"),
            ("2010s", "2010"),
            ("yyyy", "yyyi"),
            ("Running", "run"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "stem({word:?})");
        }
    }

    #[test]
    fn nltk_extensions() {
        let cases = [
            // Irregular forms, consulted before any rule.
            ("dying", "die"),
            ("skies", "sky"),
            ("innings", "inning"),
            ("news", "news"),
            ("proceed", "proceed"),
            // Four-letter -ies / -ied keep the "ie".
            ("ties", "tie"),
            ("died", "die"),
            ("spied", "spi"),
            ("flies", "fli"),
            // Words of one or two letters are left alone.
            ("by", "by"),
            // y -> i needs more than one letter before the y.
            ("sys", "sy"),
            ("as", "as"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "stem({word:?})");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert_eq!(stem(""), "");
        assert_eq!(stem("café"), "café");
        assert_eq!(stem("e-mail's"), "e-mail'");
    }
}
