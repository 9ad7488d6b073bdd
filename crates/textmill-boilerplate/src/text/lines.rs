//! One line at a time: what a line of scraped text is (prose, a date, a byline, or a kind of
//! furniture), from its words alone.

use std::sync::LazyLock;

use textmill_core::RemovalKind;
use textmill_core::lexicon::function_words;

use super::{Class, Line, TextConfig};
use crate::dates::{is_date_line, parse_date};
use crate::fnv::fnv1a;
use crate::furniture;
use crate::names::split_names;

pub(super) fn classify(line: &Line, english: bool, config: &TextConfig) -> Class {
    let (text, words) = (line.text, line.words);
    let lower = text.to_lowercase();
    if let Some(kind) = furniture::line_kind(text) {
        return Class::Furniture(kind, "furniture phrase");
    }
    if let Some(kind) = legal_notice(text, &lower) {
        return Class::Furniture(kind, "cookie, privacy or copyright notice");
    }
    if text.contains("&lt;") || (text.starts_with('<') && text.contains("=\"")) {
        return Class::Furniture(RemovalKind::Markup, "markup left in the text");
    }
    if is_share_bar(text) {
        return Class::Furniture(RemovalKind::Share, "share buttons in one line");
    }
    if is_tagged_teaser(text) {
        return Class::Furniture(RemovalKind::Related, "teaser tagged [VIDEO], [INSIGHT]...");
    }
    if is_caption(&lower) {
        return Class::Furniture(RemovalKind::Caption, "photo caption or credit");
    }
    if is_glued_teasers(text) || repeats_itself(text) {
        return Class::Furniture(RemovalKind::Related, "teasers glued into one line");
    }
    if is_crumb_trail(text) {
        return Class::Furniture(RemovalKind::Navigation, "breadcrumb trail");
    }
    if is_date_line(text) {
        return Class::Date(parse_date(text).unwrap_or_default());
    }
    if let Some(names) = byline(text, words) {
        return Class::Byline(names);
    }
    if is_author_bio(text) {
        return Class::Furniture(RemovalKind::Byline, "about the author");
    }
    if text.ends_with("...") && words <= 20 && !text.ends_with(". ...") {
        return Class::Furniture(RemovalKind::Related, "truncated headline");
    }
    let reads_like_prose = is_prose(text, words, config)
        && (!english
            || words < 10
            || line.stop as f32 / words as f32 >= config.prose_function_share)
        && glued_words(text) * 10 <= words
        && !is_flattened_menu(text, line.stop);
    if reads_like_prose {
        Class::Prose
    } else {
        Class::Short
    }
}

/// "Facebook Twitter Google+ Whatsapp": share buttons flattened into one line.
pub(super) fn is_share_bar(text: &str) -> bool {
    static BUTTONS: LazyLock<Vec<&str>> = LazyLock::new(|| furniture::words("share_buttons"));
    if text.split_whitespace().nth(12).is_some() {
        return false;
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let buttons = words
        .iter()
        .filter(|w| BUTTONS.contains(&w.as_str()))
        .count();
    buttons >= 2 && buttons * 10 >= words.len() * 6
}

/// "Plane passengers quarantined after plague outbreak [NEWS]": a link to another article, tagged
/// with its kind in capitals.
pub(super) fn is_tagged_teaser(text: &str) -> bool {
    let end = text.trim_end_matches(['|', ' ']);
    end.strip_suffix(']')
        .and_then(|rest| rest.rsplit_once('['))
        .is_some_and(|(_, tag)| tag.len() >= 3 && tag.bytes().all(|b| b.is_ascii_uppercase()))
        && text.split_whitespace().nth(25).is_none()
}

/// "Image caption ...", "2 of 4 A shopper looks at...", "... (Image: GETTY)", "Getty Images":
/// a photo's caption or credit. Takes the line lower-cased.
pub(super) fn is_caption(lower: &str) -> bool {
    let lower = lower.trim();
    let words = lower.split_whitespace().count();
    let mut head = lower.split_whitespace();
    let counter = matches!(
        (head.next(), head.next(), head.next()),
        (Some(a), Some("of"), Some(b))
            if a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit())
    );
    let labelled = ["image caption", "media caption", "image copyright"]
        .iter()
        .any(|p| lower.starts_with(p));
    // A credit in brackets closing the line.
    let credited = lower.ends_with(')')
        && lower.rfind('(').is_some_and(|open| {
            let inside = lower[open + 1..].trim_start();
            [
                "image", "photo", "credit", "ap photo", "getty", "reuters", "afp", "courtesy",
            ]
            .iter()
            .any(|p| inside.starts_with(p))
        });
    let credit_line = words <= 6
        && (lower.ends_with("getty images") || lower == "getty" || lower.ends_with("shutterstock"));
    ((counter || labelled) && words <= 40) || credited || credit_line
}

/// Cookie banners, consent forms and copyright footers, at any length (a scraper may glue them
/// to a menu): one phrase in a short line, or two anywhere.
pub(super) fn legal_notice(text: &str, lower: &str) -> Option<RemovalKind> {
    static PHRASES: LazyLock<Vec<(&str, RemovalKind)>> =
        LazyLock::new(|| furniture::kinded("legal"));
    let mut found = PHRASES.iter().filter(|(p, _)| lower.contains(p));
    let first = found.next()?.1;
    let short = text.split_whitespace().nth(40).is_none();
    (short || found.next().is_some()).then_some(first)
}

/// "...may soon... Indian-origin man pleads guilty ... NEW YORK: An Indian-origin man has...":
/// a list of headlines with cut-off ledes glued into one line.
pub(super) fn is_glued_teasers(text: &str) -> bool {
    let cut_then_capital = |at: usize, len: usize| {
        text[at + len..]
            .trim_start()
            .starts_with(char::is_uppercase)
    };
    let cuts = text
        .match_indices("...")
        .filter(|&(at, m)| cut_then_capital(at, m.len()))
        .count()
        + text
            .match_indices('…')
            .filter(|&(at, m)| cut_then_capital(at, m.len()))
            .count();
    cuts >= 2
}

pub(super) fn is_headline_glued_to_lede(text: &str) -> bool {
    let mut prev = ' ';
    for (at, c) in text.char_indices() {
        if c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit()) {
            let (head, lede) = (&text[..at], &text[at..]);
            let head_words: Vec<&str> = head.split_whitespace().collect();
            let capitalised = head_words
                .iter()
                .filter(|w| !w.starts_with(char::is_lowercase))
                .count();
            let lede_words = lede.split_whitespace().count();
            return head_words.len() >= 4
                && capitalised * 10 >= head_words.len() * 7
                && lede_words >= 8;
        }
        prev = c;
    }
    false
}

/// A line that says the same six words again and again: teasers whose headline comes twice
/// (link and image text), glued into one line by a scraper. Prose rarely repeats itself at
/// such length.
pub(super) fn repeats_itself(text: &str) -> bool {
    const REPEATED_WINDOWS: usize = 4;
    if text.split_whitespace().nth(39).is_none() || text.split_whitespace().nth(5000).is_some() {
        return false;
    }
    // A hash per word, and per window of six a combination of its words' hashes.
    let words: Vec<u64> = text
        .split_whitespace()
        .map(|w| fnv1a(w.bytes().map(u32::from)))
        .collect();
    // Windows seen more than once, counted on the sorted list of window hashes.
    let mut keys: Vec<u64> = words
        .windows(6)
        .map(|window| window.iter().fold(0u64, |h, &w| h.rotate_left(11) ^ w))
        .collect();
    keys.sort_unstable();
    let repeated = keys
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= 2)
        .count();
    repeated >= REPEATED_WINDOWS
}

pub(super) fn stop_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.len() <= 5 && function_words().contains_lowercase(w)
        })
        .count()
}

/// Words with a capital glued after a small letter ("NewsSports"): menus flattened without spaces.
pub(super) fn glued_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let b = w.as_bytes();
            b.windows(2)
                .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
                && !w.starts_with("Mc")
                && !w.starts_with('i')
        })
        .count()
}

/// A menu, tag cloud or category list flattened into one long line: many words, almost no
/// punctuation between them, and most of them capitalised (or, in any language, none of the
/// function words prose is made of).
pub(super) fn is_flattened_menu(text: &str, stop: usize) -> bool {
    let words = text.split_whitespace().count();
    if words < 25 {
        return false;
    }
    let mut marks = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let closes = match c {
            '.' | '!' | '?' => next.is_none_or(|n| n.is_whitespace() || "\"'”’)".contains(n)),
            ',' | ';' | ':' | '，' | '、' | '。' => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        marks += usize::from(closes);
        if marks * 25 >= words {
            return false; // punctuated like prose (a mark every 25 words or more often)
        }
    }
    let capitalised = text
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let rate = marks as f32 / words as f32;
    (rate < 0.04 && capitalised * 2 > words) || (rate < 0.03 && stop * 10 < words)
}

pub(super) fn is_prose(text: &str, words: usize, config: &TextConfig) -> bool {
    let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let ends_sentence = end.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？']);
    (words >= config.prose_min_words && ends_sentence) || words >= config.prose_long_words
}

/// "By Jane Doe and John Roe" (at most 8 words, names capitalised).
pub(super) fn byline(text: &str, words: usize) -> Option<Vec<String>> {
    let rest = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
        .or_else(|| text.strip_prefix("by "))?;
    let capitalised = rest.split_whitespace().all(|w| {
        w.starts_with(char::is_uppercase) || matches!(w, "and" | "&" | "de" | "van" | "von" | "|")
    });
    (words <= 8 && capitalised).then(|| split_names(rest.split(['|', '•']).next().unwrap_or(rest)))
}

/// "Phil Helsel is a reporter for NBC News.", "Jeff Foust (jeff@...) is the editor of ...": a
/// name of up to four capitalised words, "is" or "joined", and a writer's role soon after.
pub(super) fn is_author_bio(text: &str) -> bool {
    static ROLES: LazyLock<Vec<&str>> = LazyLock::new(|| furniture::words("bio_roles"));
    static NOT_NAMES: LazyLock<Vec<&str>> = LazyLock::new(|| furniture::words("bio_not_names"));
    if !(text.contains(" is ") || text.contains(" joined "))
        || text.split_whitespace().nth(60).is_some()
    {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.first().is_none_or(|w| NOT_NAMES.contains(w)) {
        return false;
    }
    let mut i = 0;
    while i < words.len() && i < 4 && words[i].starts_with(char::is_uppercase) {
        i += 1;
    }
    // An e-mail address or handle in brackets after the name.
    if i > 0
        && words
            .get(i)
            .is_some_and(|w| w.starts_with('(') && w.ends_with(')'))
    {
        i += 1;
    }
    i > 0
        && words.get(i).is_some_and(|w| matches!(*w, "is" | "joined"))
        && words[i + 1..words.len().min(i + 10)].iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            ROLES.contains(&w.as_str())
        })
}

/// "Home > World > Asia" and the like.
pub(super) fn is_crumb_trail(text: &str) -> bool {
    // A URL or "3.6GHz/8GB/1TB" is not a trail: a slash separates crumbs only with spaces.
    if text.contains("://") {
        return false;
    }
    let spaced_slash = text.contains(" / ");
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, '>' | '›' | '»' | '|') || (c == '/' && spaced_slash))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts.iter().all(|p| p.split_whitespace().count() <= 3)
        && text.split_whitespace().count() <= 15
}

/// "HomeWorldAsiaKim Jong Un is ..." -> ("HomeWorldAsia", "Kim Jong Un is ..."): a first word made
/// of three or more capitalised words glued together is a menu trail flattened by a scraper.
pub(super) fn split_glued_crumbs(line: &str) -> Option<(&str, &str)> {
    let first = line.split_whitespace().next()?;
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in first.char_indices() {
        if c.is_uppercase() && prev.is_some_and(char::is_lowercase) {
            cuts.push(i);
        }
        prev = Some(c);
    }
    if cuts.len() < 2 || !first.starts_with(char::is_uppercase) {
        return None;
    }
    let cut = *cuts.last()?;
    // The remainder must read as text: its glued part is a real word start.
    let rest = &line[cut..];
    (rest.split_whitespace().count() >= 2).then(|| (&line[..cut], rest))
}

/// "10:31 pm", "07:05": a clock time.
pub(super) fn has_clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

/// Words of the buttons and labels around a headline: share and print links, read times,
/// photo credits.
pub(super) fn has_button_word(text: &str) -> bool {
    static BUTTONS: LazyLock<Vec<&str>> = LazyLock::new(|| furniture::words("button_words"));
    let lower = text.to_lowercase();
    lower.contains("min read")
        || lower.contains("minute read")
        || lower.contains("sign up")
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| BUTTONS.contains(&w))
}
