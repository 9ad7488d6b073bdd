//! What page furniture looks like: class and id names of HTML containers, and the short lines
//! that menus, banners and teasers leave in text. Shared by the HTML and the plain-text paths.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use textmill_core::RemovalKind;

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
    let mut prev_lower = false;
    let mut word = Vec::with_capacity(names.len() + 2);
    for &b in names {
        if !b.is_ascii_alphanumeric() {
            prev_lower = false;
            if word.last().is_some_and(|&l| l != b' ') {
                word.push(b' ');
            }
            continue;
        }
        // A word starts: at the very start, after a lower-case letter ("articleBody"), or
        // after `out` when it does not end with a space already.
        let at_start = word.is_empty() && (out.is_empty() || !out.ends_with(' '));
        if at_start || (b.is_ascii_uppercase() && prev_lower) {
            word.push(b' ');
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
        word.push(b.to_ascii_lowercase());
    }
    if word.last().is_some_and(|&l| l != b' ') {
        word.push(b' ');
    }
    // Only ASCII bytes were pushed.
    out.push_str(std::str::from_utf8(&word).unwrap_or_default());
}

/// Names as [`class_words`] writes them, from one string (the lists' entries).
fn name_words(names: &str) -> String {
    class_words(Some(names), None)
}

/// The furniture kind that `class`/`id` names say, and the entry that said it. Entries match
/// whole words ("nav" in "main-nav", not in "canvas"; "comment" not in "commentary"); a name
/// that says "article body" outweighs any furniture name beside it.
pub fn hint(class_and_id: &str) -> Option<(RemovalKind, &'static str)> {
    let mut best: Option<usize> = None;
    for m in NAMES
        .automaton
        .find_overlapping_iter(&name_words(class_and_id))
    {
        let i = m.pattern().as_usize();
        // An article-body name (no kind) outweighs every furniture name.
        NAMES.kinds[i]?;
        best = Some(best.map_or(i, |b| b.min(i)));
    }
    best.map(|i| (NAMES.kinds[i].expect("furniture entry"), NAMES.entries[i]))
}

/// Whether an element's class words (see [`class_words`]) say "this is the article body".
pub fn is_positive(words: &str) -> bool {
    NAMES
        .automaton
        .find_overlapping_iter(words)
        .any(|m| NAMES.kinds[m.pattern().as_usize()].is_none())
}

/// Short lines that are furniture wherever they appear (menus, banners, teasers), by their
/// lower-cased start. Only applied to lines of at most a dozen words.
const LINE_STARTS: &[(&str, RemovalKind)] = &[
    ("read more", RemovalKind::Related),
    ("read next", RemovalKind::Related),
    ("related:", RemovalKind::Related),
    ("related articles", RemovalKind::Related),
    ("related stories", RemovalKind::Related),
    ("related coverage", RemovalKind::Related),
    ("related topics", RemovalKind::Related),
    ("related links", RemovalKind::Related),
    ("next up", RemovalKind::Related),
    ("sharing is caring", RemovalKind::Share),
    ("more from", RemovalKind::Related),
    ("more on this", RemovalKind::Related),
    ("most popular", RemovalKind::Related),
    ("most read", RemovalKind::Related),
    ("trending", RemovalKind::Related),
    ("recommended", RemovalKind::Related),
    ("you may also like", RemovalKind::Related),
    ("you might also like", RemovalKind::Related),
    ("also read", RemovalKind::Related),
    ("see also", RemovalKind::Related),
    ("watch:", RemovalKind::Related),
    ("advertisement", RemovalKind::Advertisement),
    ("sponsored", RemovalKind::Advertisement),
    ("story continues below", RemovalKind::Advertisement),
    ("article continues below", RemovalKind::Advertisement),
    ("continue reading", RemovalKind::Furniture),
    ("this website uses cookies", RemovalKind::Consent),
    ("this site uses cookies", RemovalKind::Consent),
    ("we use cookies", RemovalKind::Consent),
    ("by using this site", RemovalKind::Consent),
    ("accept cookies", RemovalKind::Consent),
    (
        "i agree to the processing of my personal data",
        RemovalKind::Consent,
    ),
    (
        "we are committed to protecting your personal",
        RemovalKind::Consent,
    ),
    ("sign up", RemovalKind::Newsletter),
    ("subscribe", RemovalKind::Newsletter),
    ("newsletter", RemovalKind::Newsletter),
    ("get our", RemovalKind::Newsletter),
    ("share this", RemovalKind::Share),
    ("share on", RemovalKind::Share),
    ("share:", RemovalKind::Share),
    ("follow us", RemovalKind::Share),
    ("follow ", RemovalKind::Share),
    ("like this story", RemovalKind::Share),
    ("write to ", RemovalKind::Byline),
    ("click to share", RemovalKind::Share),
    ("comments", RemovalKind::Comments),
    ("leave a comment", RemovalKind::Comments),
    ("leave a reply", RemovalKind::Comments),
    ("©", RemovalKind::Footer),
    ("copyright", RemovalKind::Footer),
    ("all rights reserved", RemovalKind::Footer),
    ("privacy policy", RemovalKind::Footer),
    ("terms of", RemovalKind::Footer),
    ("skip to", RemovalKind::Navigation),
    ("back to top", RemovalKind::Navigation),
    ("photo:", RemovalKind::Caption),
    ("фото:", RemovalKind::Caption),
    ("get breaking news alerts", RemovalKind::Newsletter),
    ("most recent newsletter", RemovalKind::Newsletter),
    ("thanks for watching", RemovalKind::Furniture),
    ("image:", RemovalKind::Caption),
    ("photograph:", RemovalKind::Caption),
    ("(photo", RemovalKind::Caption),
    ("getty images", RemovalKind::Caption),
    ("tags:", RemovalKind::Furniture),
    ("filed under", RemovalKind::Furniture),
    ("posted in", RemovalKind::Furniture),
];

/// Lines that are furniture only when they are the whole line.
const WHOLE_LINES: &[(&str, RemovalKind)] = &[
    ("home", RemovalKind::Navigation),
    ("menu", RemovalKind::Navigation),
    ("search", RemovalKind::Navigation),
    ("log in", RemovalKind::Navigation),
    ("login", RemovalKind::Navigation),
    ("sign in", RemovalKind::Navigation),
    ("accept", RemovalKind::Consent),
    ("close", RemovalKind::Furniture),
    ("share", RemovalKind::Share),
    ("tweet", RemovalKind::Share),
    ("email", RemovalKind::Share),
    ("print", RemovalKind::Share),
    ("facebook", RemovalKind::Share),
    ("twitter", RemovalKind::Share),
    ("linkedin", RemovalKind::Share),
    ("whatsapp", RemovalKind::Share),
    ("reddit", RemovalKind::Share),
    ("pinterest", RemovalKind::Share),
    ("telegram", RemovalKind::Share),
    ("tumblr", RemovalKind::Share),
    ("flipboard", RemovalKind::Share),
    ("google+", RemovalKind::Share),
    ("blogger", RemovalKind::Share),
    ("stumbleupon", RemovalKind::Share),
    ("pocket", RemovalKind::Share),
    ("messenger", RemovalKind::Share),
    ("copy link", RemovalKind::Share),
    ("community standards", RemovalKind::Footer),
    ("ad", RemovalKind::Advertisement),
    ("caption", RemovalKind::Caption),
    ("loading...", RemovalKind::Furniture),
];

/// The furniture kind of a short line, by the phrases that menus, banners and teasers use.
pub fn line_kind(line: &str) -> Option<RemovalKind> {
    let line = line
        .trim()
        .trim_start_matches(['*', '•', '-', '·', '|', '>'])
        .trim();
    if line.split_whitespace().nth(24).is_some() {
        return None;
    }
    let lower = line.to_lowercase();
    let lower = lower
        .trim_end_matches(['.', ':', '!', '»', '›', '>'])
        .trim();
    if let Some(&(_, kind)) = WHOLE_LINES.iter().find(|(w, _)| lower == *w) {
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
    LINE_STARTS
        .iter()
        .find(|(start, kind)| {
            // A long line keeps its furniture start when no sentence of prose begins so:
            // a scraper glued the rest of the widget to it ("Click to share on Facebook...").
            lower.starts_with(start)
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
        hint(&name_words(class)).map(|h| h.0)
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
