//! What page furniture looks like: class and id names of HTML containers, and the short lines
//! that menus, banners and teasers leave in text. Shared by the HTML and the plain-text paths.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use textmill_core::RemovalKind;

use crate::fnv::FnvBuild;

/// Class and id words of furniture containers and article bodies (data/class_names.txt).
const CLASS_NAMES: &str = include_str!("../data/class_names.txt");

/// The class-name lists, parsed once: one automaton over every entry written as " word word ",
/// and per pattern the kind it says (`None` for an article-body name).
struct ClassNames {
    automaton: AhoCorasick,
    kinds: Vec<Option<RemovalKind>>,
    entries: Vec<&'static str>,
}

static NAMES: LazyLock<ClassNames> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut kinds = Vec::new();
    let mut entries = Vec::new();
    for (section, entry) in textmill_core::lexicon::entries(CLASS_NAMES) {
        let kind = match section {
            "article" => None,
            name => Some(
                name.parse()
                    .expect("data/class_names.txt: sections are removal kinds"),
            ),
        };
        let words = name_words(entry);
        // The entry itself, and with a plural "s".
        for pattern in [words.clone(), format!("{}s ", words.trim_end())] {
            patterns.push(pattern);
            kinds.push(kind);
            entries.push(entry);
        }
    }
    ClassNames {
        automaton: AhoCorasick::new(&patterns).expect("class-name patterns build"),
        kinds,
        entries,
    }
});

/// An element's `class` and `id` as lower-cased words between single spaces, with a space before
/// the first and after the last, so that a pattern " nav " matches whole words only:
/// `class="articleBody main-nav"` -> " article body main nav ". Empty when the element has
/// neither (no allocation).
pub(crate) fn class_words(class: Option<&str>, id: Option<&str>) -> String {
    let mut out = String::new();
    for names in [class, id].into_iter().flatten() {
        push_words(&mut out, names);
    }
    out
}

fn push_words(out: &mut String, names: &str) {
    if names.is_ascii() {
        return push_ascii_words(out, names.as_bytes());
    }
    let mut prev_lower = false;
    for c in names.chars() {
        if !c.is_alphanumeric() {
            prev_lower = false;
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if out.is_empty() || (c.is_uppercase() && prev_lower) {
            out.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_lowercase());
    }
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// [`push_words`] for ASCII names (nearly all of them), byte by byte.
fn push_ascii_words(out: &mut String, names: &[u8]) {
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.reserve(names.len() + 2);
    // Whether the last byte written is a space (or nothing is written yet).
    let mut at_space = bytes.last().is_none_or(|&b| b == b' ');
    let mut prev_lower = false;
    for &b in names {
        if !b.is_ascii_alphanumeric() {
            prev_lower = false;
            if !at_space {
                bytes.push(b' ');
                at_space = true;
            }
            continue;
        }
        // A word starts at the very start, or where a capital follows a lower-case letter
        // ("articleBody").
        if bytes.is_empty() || (b.is_ascii_uppercase() && prev_lower) {
            bytes.push(b' ');
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
        bytes.push(b.to_ascii_lowercase());
        at_space = false;
    }
    if !at_space {
        bytes.push(b' ');
    }
    // Only ASCII bytes were added to valid UTF-8.
    *out = String::from_utf8(bytes).unwrap_or_default();
}

/// Names as [`class_words`] writes them, from one string (the lists' entries).
fn name_words(names: &str) -> String {
    class_words(Some(names), None)
}

/// What an element's class words (see [`class_words`]) say, in one scan: the furniture kind
/// and the entry that said it (the first in file order), and whether a name says "article
/// body". Entries match whole words ("nav" in "main-nav", not in "canvas"; "comment" not in
/// "commentary"). An article-body name outweighs any furniture name beside it: then there is
/// no furniture kind.
pub(crate) fn names_say(words: &str) -> (Option<(RemovalKind, &'static str)>, bool) {
    let mut best: Option<usize> = None;
    for m in NAMES.automaton.find_overlapping_iter(words) {
        let i = m.pattern().as_usize();
        if NAMES.kinds[i].is_none() {
            return (None, true);
        }
        best = Some(best.map_or(i, |b| b.min(i)));
    }
    let hint = best.and_then(|i| Some((NAMES.kinds[i]?, NAMES.entries[i])));
    (hint, false)
}

/// Whether class words say "this is the article body" (see [`names_say`]).
pub(crate) fn is_positive(words: &str) -> bool {
    names_say(words).1
}

/// Short lines that are furniture wherever they appear (menus, banners, teasers), by their
/// lower-cased start (data/furniture.txt, [line_start:*]). Only applied to lines of at most a
/// dozen words.
static LINE_STARTS: LazyLock<Vec<(&str, RemovalKind)>> = LazyLock::new(|| kinded("line_start"));

/// The entries of [`LINE_STARTS`] by their first byte, in file order (a line is compared with
/// the starts that can match it only).
static LINE_STARTS_BY_BYTE: LazyLock<Vec<Vec<(&str, RemovalKind)>>> = LazyLock::new(|| {
    let mut by_byte = vec![Vec::new(); 256];
    for &(start, kind) in LINE_STARTS.iter() {
        if let Some(&first) = start.as_bytes().first() {
            by_byte[usize::from(first)].push((start, kind));
        }
    }
    by_byte
});

/// Lines that are furniture when they are nothing else (data/furniture.txt, [whole_line:*]).
static WHOLE_LINES: LazyLock<HashMap<&str, RemovalKind, FnvBuild>> = LazyLock::new(|| {
    let mut lines = HashMap::default();
    for (line, kind) in kinded("whole_line") {
        // The first section that names a line says its kind.
        lines.entry(line).or_insert(kind);
    }
    lines
});

/// Phrases and words of page furniture in text (data/furniture.txt).
const FURNITURE: &str = include_str!("../data/furniture.txt");

/// The entries of one section of data/furniture.txt, in file order.
pub(crate) fn words(section: &str) -> Vec<&'static str> {
    let words = textmill_core::lexicon::section(FURNITURE, section);
    assert!(!words.is_empty(), "data/furniture.txt has no [{section}]");
    words
}

/// The entries of the sections `[name:kind]` of data/furniture.txt with their kinds, in file
/// order.
pub(crate) fn kinded(name: &str) -> Vec<(&'static str, RemovalKind)> {
    textmill_core::lexicon::entries(FURNITURE)
        .filter_map(|(section, entry)| {
            let kind = section.strip_prefix(name)?.strip_prefix(':')?;
            let kind = kind
                .parse()
                .unwrap_or_else(|e| panic!("data/furniture.txt: [{section}]: {e}"));
            Some((entry, kind))
        })
        .collect()
}

/// Whether `lower` starts with `start` and a word ends there ("follow" starts "follow us on",
/// not "followers").
pub(crate) fn starts_with_words(lower: &str, start: &str) -> bool {
    lower.starts_with(start)
        && (start.ends_with(|c: char| !c.is_alphanumeric())
            || !lower[start.len()..].starts_with(char::is_alphanumeric))
}

/// The furniture kind of a short line, by the phrases that menus, banners and teasers use.
pub(crate) fn line_kind(line: &str) -> Option<RemovalKind> {
    let line = line
        .trim()
        .trim_start_matches(['*', '•', '-', '·', '|', '>'])
        .trim();
    if line.split_whitespace().nth(24).is_some() {
        return None;
    }
    let lower = if line.is_ascii() {
        line.to_ascii_lowercase()
    } else {
        line.to_lowercase()
    };
    let lower = lower
        .trim_end_matches(['.', ':', '!', '»', '›', '>'])
        .trim();
    if let Some(&kind) = WHOLE_LINES.get(lower) {
        return Some(kind);
    }
    // A gallery counter: "1 / 12".
    if let Some((a, b)) = lower.split_once('/')
        && [a.trim(), b.trim()]
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|c| c.is_ascii_digit()))
    {
        return Some(RemovalKind::Caption);
    }
    let short = line.split_whitespace().nth(12).is_none();
    let first = lower.as_bytes().first().copied().unwrap_or(0);
    LINE_STARTS_BY_BYTE[usize::from(first)]
        .iter()
        .find(|(start, kind)| {
            // A long line keeps its furniture start when no sentence of prose begins so:
            // a scraper glued the rest of the widget to it ("Click to share on Facebook...").
            starts_with_words(lower, start)
                && (short
                    || *start == "click to share"
                    || matches!(
                        kind,
                        RemovalKind::Consent | RemovalKind::Related | RemovalKind::Footer
                    ))
        })
        .map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(class: &str) -> Option<RemovalKind> {
        names_say(&name_words(class)).0.map(|h| h.0)
    }

    #[test]
    fn class_hints_match_whole_words() {
        assert_eq!(kind("site-nav main"), Some(RemovalKind::Navigation));
        assert_eq!(kind("CookieBanner"), Some(RemovalKind::Consent));
        assert_eq!(kind("user-comments"), Some(RemovalKind::Comments));
        assert_eq!(kind("most_read"), Some(RemovalKind::Related));
        for layout in [
            "canvas",
            "commentary",
            "modality",
            "navigator",
            "shared-content",
        ] {
            assert_eq!(kind(layout), None, "{layout}");
        }
        assert_eq!(kind("article-body share-enabled"), None);
        assert!(is_positive(&class_words(Some("c-articleBody"), None)));
        assert!(is_positive(&class_words(Some("wrap"), Some("story_body"))));
    }

    #[test]
    fn class_words_split_at_case_and_punctuation() {
        assert_eq!(
            class_words(Some("articleBody main-nav"), Some("x_1")),
            " article body main nav x 1 "
        );
        assert_eq!(class_words(None, None), "");
    }

    #[test]
    fn furniture_lists_are_lower_case_free_of_duplicates_and_typed() {
        let mut seen = std::collections::HashSet::new();
        for (section, entry) in textmill_core::lexicon::entries(FURNITURE) {
            let list = section.split(':').next().unwrap_or(section);
            assert!(
                seen.insert((list, entry)),
                "data/furniture.txt: {entry:?} twice in [{list}:*]"
            );
            if section != "bio_not_names" {
                assert_eq!(entry, entry.to_lowercase(), "[{section}] is lower-case");
            }
        }
        // Every typed section names a removal kind (kinded panics otherwise).
        assert!(!kinded("whole_line").is_empty() && !kinded("line_start").is_empty());
        assert!(!kinded("legal").is_empty());
    }

    #[test]
    fn line_starts_end_at_a_word() {
        assert_eq!(line_kind("Follow us on Twitter"), Some(RemovalKind::Share));
        assert_eq!(line_kind("Followers of the band waited outside"), None);
    }

    #[test]
    fn class_name_lists_are_free_of_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for (section, entry) in textmill_core::lexicon::entries(CLASS_NAMES) {
            assert!(
                seen.insert(entry),
                "data/class_names.txt: {entry:?} twice ([{section}])"
            );
        }
    }

    #[test]
    fn furniture_lines() {
        assert_eq!(line_kind("Most Popular"), Some(RemovalKind::Related));
        assert_eq!(
            line_kind("Read More: Kim Jong Un, Vladimir Putin meeting expected"),
            Some(RemovalKind::Related)
        );
        assert_eq!(line_kind("Advertisement"), Some(RemovalKind::Advertisement));
        assert_eq!(
            line_kind(
                "Comments are closed on this story because it is old and nobody reads it anymore."
            ),
            None
        );
        assert_eq!(line_kind("The home of the future is small."), None);
        assert_eq!(
            line_kind("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."),
            Some(RemovalKind::Share)
        );
        assert_eq!(line_kind("Following the storm, rivers rose."), None);
    }
}
