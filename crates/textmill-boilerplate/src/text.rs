//! Scraped plain text: classify each line as body, title, dek, date, byline or furniture.
//!
//! The body is the stretch of lines with the most prose in it (a maximum-sum segment over line
//! weights, so that a few menu lines inside an article do not cut it and a lone sentence in the
//! footer does not join it). Inside it, furniture phrases and teaser headlines go; before it, the
//! nearest headline-like line is the title, and a one-sentence line right after that is the dek.

use textmill_core::{Metadata, RemovalKind, Removed};

use crate::dates::{is_date_line, parse_date};
use crate::furniture;
use crate::meta::{same_words, split_names};

/// What a line is.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Prose,
    Short,
    Furniture(RemovalKind, &'static str),
    Date(String),
    Byline(Vec<String>),
}

#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    class: Class,
    words: usize,
    /// Function words in it (see `stop_words`).
    stop: usize,
    /// Blank lines right before this one.
    gap_before: usize,
    /// A row of a table: one of four or more lines in a row made mostly of numbers.
    table_row: bool,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, gap_before: usize) -> Self {
        Line {
            text,
            class: Class::Short,
            words: crate::count_words(text),
            stop: stop_words(text),
            gap_before,
            table_row: false,
        }
    }
}

/// The clean body paragraphs, the metadata and what was removed.
pub fn clean(input: &str) -> (Vec<String>, Metadata, Vec<Removed>) {
    let mut removed = Vec::new();
    let mut lines = Vec::new();
    let mut gap = 0;
    for raw in input.lines() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            gap += 1;
            continue;
        }
        let text = match split_glued_crumbs(trimmed) {
            Some((crumbs, rest)) => {
                removed.push(Removed {
                    text: crumbs.to_owned(),
                    kind: RemovalKind::Navigation,
                    reason: "navigation crumbs glued to a line".to_owned(),
                });
                rest
            }
            None => trimmed,
        };
        lines.push(Line::new(text, gap));
        gap = 0;
    }
    // Stop-word density tells prose from menus, but only where the text is in English.
    let (stop, all) = lines
        .iter()
        .fold((0, 0), |(s, a), l| (s + l.stop, a + l.words));
    let english = all > 0 && stop as f32 / all as f32 >= 0.15;
    for line in &mut lines {
        line.class = classify(line, english);
    }
    mark_glued_teaser_runs(&mut lines);
    mark_table_rows(&mut lines);

    let mut metadata = Metadata::default();
    let mut region = body_region(&lines);
    // Reader comments read like prose: the body ends where they (or a share bar) begin.
    let mut after_end = None;
    if let Some((start, end)) = region
        && let Some((c, kind, reason)) = article_end(&lines, start)
        && c <= end
        && let Some(last) = (start..c).rev().find(|&i| lines[i].class == Class::Prose)
    {
        region = Some((start, last));
        after_end = Some((c, kind, reason));
    }
    let mut keep = vec![false; lines.len()];
    let mut role: Vec<Option<(RemovalKind, &str)>> = vec![None; lines.len()];
    match region {
        Some((start, end)) => {
            for i in start..=end {
                let line = &lines[i];
                match &line.class {
                    Class::Prose => keep[i] = true,
                    Class::Short if is_teaser(&lines, i) => {
                        role[i] = Some((
                            RemovalKind::Related,
                            "headline-like line inside the body (teaser)",
                        ))
                    }
                    Class::Short => {
                        keep[i] = line.table_row || between_prose(&lines, i, start, end)
                    }
                    _ => {}
                }
            }
            let limit = after_end.as_ref().map_or(lines.len(), |&(c, ..)| c);
            keep_introduced_lists(&lines, start, limit, &mut keep);
            find_title_and_dek(&lines, start, &mut keep, &mut role, &mut metadata);
        }
        // No prose at all (a short note, a list): keep every line that is not furniture.
        None => {
            for (i, line) in lines.iter().enumerate() {
                keep[i] = matches!(line.class, Class::Prose | Class::Short);
            }
        }
    }

    if let Some((c, kind, reason)) = after_end {
        for r in &mut role[c..] {
            r.get_or_insert((kind, reason));
        }
    }

    // Never empty a text that has prose: when no line scores as the article (a clean article on
    // one line looks like glued teasers), every line that reads like sentences stays.
    if !keep.contains(&true) {
        for (i, line) in lines.iter().enumerate() {
            keep[i] = is_prose(line.text, line.words)
                && !matches!(
                    line.class,
                    Class::Furniture(RemovalKind::Consent | RemovalKind::Markup, _)
                );
        }
    }
    let mut paragraphs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if keep[i] {
            paragraphs.push(line.text.to_owned());
            continue;
        }
        let (kind, reason) = match (&line.class, role[i]) {
            (_, Some((kind, reason))) => (kind, reason),
            (Class::Furniture(kind, reason), _) => (*kind, *reason),
            (Class::Date(date), _) => {
                if metadata.date.is_none() {
                    metadata.date = Some(date.clone());
                }
                (RemovalKind::Date, "date line")
            }
            (Class::Byline(names), _) => {
                if metadata.authors.is_empty() {
                    metadata.authors = names.clone();
                }
                (RemovalKind::Byline, "byline")
            }
            _ => (RemovalKind::LowScore, "outside the body text"),
        };
        removed.push(Removed {
            text: line.text.to_owned(),
            kind,
            reason: reason.to_owned(),
        });
    }
    (paragraphs, metadata, removed)
}

fn classify(line: &Line, english: bool) -> Class {
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
    let reads_like_prose = is_prose(text, words)
        && (!english || words < 10 || line.stop as f32 / words as f32 >= 0.12)
        && glued_words(text) * 10 <= words
        && !is_flattened_menu(text, line.stop);
    if reads_like_prose {
        Class::Prose
    } else {
        Class::Short
    }
}

/// "Facebook Twitter Google+ Whatsapp": share buttons flattened into one line.
fn is_share_bar(text: &str) -> bool {
    const BUTTONS: &[&str] = &[
        "facebook",
        "twitter",
        "whatsapp",
        "google+",
        "linkedin",
        "pinterest",
        "reddit",
        "email",
        "e-mail",
        "instagram",
        "youtube",
        "tumblr",
        "telegram",
        "messenger",
        "print",
        "share",
        "flipboard",
        "vk",
        "sms",
        "copy",
        "link",
    ];
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
fn is_tagged_teaser(text: &str) -> bool {
    let end = text.trim_end_matches(['|', ' ']);
    end.strip_suffix(']')
        .and_then(|rest| rest.rsplit_once('['))
        .is_some_and(|(_, tag)| tag.len() >= 3 && tag.bytes().all(|b| b.is_ascii_uppercase()))
        && text.split_whitespace().nth(25).is_none()
}

/// "Image caption ...", "2 of 4 A shopper looks at...", "... (Image: GETTY)", "Getty Images":
/// a photo's caption or credit. Takes the line lower-cased.
fn is_caption(lower: &str) -> bool {
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
fn legal_notice(text: &str, lower: &str) -> Option<RemovalKind> {
    const PHRASES: &[(&str, RemovalKind)] = &[
        ("use cookies", RemovalKind::Consent),
        ("uses cookies", RemovalKind::Consent),
        ("use of cookies", RemovalKind::Consent),
        ("cookie policy", RemovalKind::Consent),
        ("personal data", RemovalKind::Consent),
        ("privacy policy", RemovalKind::Footer),
        ("terms of use", RemovalKind::Footer),
        ("terms of service", RemovalKind::Footer),
        ("all rights reserved", RemovalKind::Footer),
    ];
    let mut found = PHRASES.iter().filter(|(p, _)| lower.contains(p));
    let first = found.next()?.1;
    let short = text.split_whitespace().nth(40).is_none();
    (short || found.next().is_some()).then_some(first)
}

/// "...may soon... Indian-origin man pleads guilty ... NEW YORK: An Indian-origin man has...":
/// a list of headlines with cut-off ledes glued into one line.
fn is_glued_teasers(text: &str) -> bool {
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

/// "1 Kyle Busch 5040 5 1 17 27", "Palm Bay 18 22 13 17 — 70": rows of a results table or a
/// standings list, four or more in a row. They are short lines, but body when the body holds them.
fn mark_table_rows(lines: &mut [Line]) {
    let tabular = |l: &Line| {
        l.class == Class::Short && {
            let (mut numbers, mut all) = (0, 0);
            for w in l.text.split_whitespace() {
                all += 1;
                numbers += usize::from(w.starts_with(|c: char| c.is_ascii_digit()));
            }
            numbers >= 2 && numbers * 10 >= all * 3
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| tabular(l)).count();
        if run >= 4 {
            for line in &mut lines[i..i + run] {
                line.table_row = true;
            }
        }
        i += run.max(1);
    }
}

/// "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left...": a
/// headline glued to its lede. Three such lines close together are a list of other articles,
/// even when each reads like prose. (One alone may be a brand name: "PlayStation".)
fn mark_glued_teaser_runs(lines: &mut [Line]) {
    let glued: Vec<bool> = lines
        .iter()
        .map(|l| is_headline_glued_to_lede(l.text))
        .collect();
    for i in (0..lines.len()).filter(|&i| glued[i]) {
        let near = &glued[i.saturating_sub(3)..lines.len().min(i + 4)];
        if near.iter().filter(|&&g| g).count() >= 3 {
            lines[i].class =
                Class::Furniture(RemovalKind::Related, "headlines glued to their ledes");
        }
    }
}

fn is_headline_glued_to_lede(text: &str) -> bool {
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
fn repeats_itself(text: &str) -> bool {
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

/// Common English function words: dense in prose, rare in menus and lists of headlines.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "she", "that",
    "the", "their", "they", "this", "to", "was", "we", "were", "which", "who", "will", "with",
    "would", "you",
];

fn stop_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.len() <= 5 && STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
        })
        .count()
}

/// Words with a capital glued after a small letter ("NewsSports"): menus flattened without spaces.
fn glued_words(text: &str) -> usize {
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
fn is_flattened_menu(text: &str, stop: usize) -> bool {
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

fn is_prose(text: &str, words: usize) -> bool {
    let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let ends_sentence = end.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？']);
    (words >= 8 && ends_sentence) || words >= 25
}

/// "By Jane Doe and John Roe" (at most 8 words, names capitalised).
fn byline(text: &str, words: usize) -> Option<Vec<String>> {
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
fn is_author_bio(text: &str) -> bool {
    const ROLES: &[&str] = &[
        "reporter",
        "writer",
        "editor",
        "correspondent",
        "journalist",
        "contributor",
        "columnist",
        "author",
        "producer",
        "educator",
        "host",
        "freelance",
    ];
    const NOT_NAMES: &[&str] = &[
        "It", "This", "The", "That", "There", "He", "She", "We", "They", "What", "Here",
    ];
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

/// A short line stays in the body when prose surrounds it (a subheading before a paragraph, a
/// quote or a one-line paragraph between two): a run of short lines is furniture even there.
fn between_prose(lines: &[Line], i: usize, start: usize, end: usize) -> bool {
    let prose = |j: usize| lines[j].class == Class::Prose;
    // The run of non-prose lines around `i`, and whether prose closes it on both sides. Lists and
    // tables inside an article run to a dozen lines; longer runs are menus and link lists.
    let mut before = i;
    while before > start && !prose(before - 1) && i - before < 16 {
        before -= 1;
    }
    let mut after = i;
    while after < end && !prose(after + 1) && after - before < 16 {
        after += 1;
    }
    let closed = before > start && prose(before - 1) && after < end && prose(after + 1);
    let heading = lines[i].words <= 12 && !lines[i].text.ends_with(['.', ',']);
    closed && (after - before < 14 || (heading && after == i))
}

/// "The 2020 tour dates:" introduces a list or a table, which is body however long it runs: its
/// short lines stay up to the next paragraph, furniture line or section break.
fn keep_introduced_lists(lines: &[Line], start: usize, limit: usize, keep: &mut [bool]) {
    let mut i = start;
    while i < limit {
        // The introducing line is body, or a short line right after the body ("Dare to Play 3:").
        let in_body = keep[i] || (i > start && keep[i - 1] && lines[i].class == Class::Short);
        let introduces = in_body && lines[i].text.ends_with(':');
        keep[i] |= introduces;
        i += 1;
        if !introduces {
            continue;
        }
        while i < limit
            && matches!(lines[i].class, Class::Short | Class::Date(_))
            && lines[i].gap_before < 2
        {
            keep[i] = true;
            i += 1;
        }
    }
}

/// A headline of another article set between two paragraphs of the body: many words, no
/// closing punctuation. (Subheadings are shorter; list items stand among other short lines.)
fn is_teaser(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let end = line.text.trim_end_matches(['"', '\'', '”', '’', ')']);
    let alone = i > 0
        && lines[i - 1].class == Class::Prose
        && lines.get(i + 1).is_some_and(|l| l.class == Class::Prose);
    line.words >= 10 && alone && !end.ends_with(['.', '!', ':', ';', ','])
}

/// "Home > World > Asia" and the like.
fn is_crumb_trail(text: &str) -> bool {
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
fn split_glued_crumbs(line: &str) -> Option<(&str, &str)> {
    let first = line.split_whitespace().next()?;
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in first.char_indices() {
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase()) {
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

/// Where the article has ended, after the body's first line, and what follows it: reader
/// comments (a comments heading such as "44 Comments" or "Leave a Reply", or the first of two
/// comment stamps within a few lines, relative like "2 days ago at 07:52 am" or a commenter's
/// "joetoronto says: November 19, 2019 at ..."), or a share bar (three share buttons in a row).
fn article_end(lines: &[Line], body_start: usize) -> Option<(usize, RemovalKind, &'static str)> {
    const WINDOW: usize = 20;
    // Prose lines of the body above each line, and prose words above and below it.
    let mut prose_seen = vec![0; lines.len()];
    let mut words_above = vec![0; lines.len() + 1];
    for i in body_start..lines.len() {
        let prose = lines[i].class == Class::Prose;
        if i > body_start {
            prose_seen[i] = prose_seen[i - 1] + usize::from(lines[i - 1].class == Class::Prose);
        }
        words_above[i + 1] = words_above[i] + if prose { lines[i].words } else { 0 };
    }
    let total = words_above[lines.len()];
    let dated: Vec<bool> = (0..lines.len())
        .map(|j| j > body_start && is_dated(&lines[j]))
        .collect();
    (body_start + 1..lines.len()).find_map(|i| {
        let text = lines[i].text;
        let repeated = |test: fn(&str) -> bool| {
            test(text)
                && lines[i + 1..lines.len().min(i + WINDOW)]
                    .iter()
                    .any(|l| test(l.text))
        };
        let share_bar = lines.len() >= i + 3
            && lines[i..i + 3]
                .iter()
                .all(|l| matches!(l.class, Class::Furniture(RemovalKind::Share, _)));
        if is_comments_heading(text) || repeated(is_relative_time) || repeated(is_comment_header) {
            Some((
                i,
                RemovalKind::Comments,
                "reader comments after the article",
            ))
        } else if share_bar {
            Some((
                i,
                RemovalKind::Share,
                "after the share bar that ends the article",
            ))
        } else if is_list_heading(&lines[i])
            && prose_seen[i] >= 3
            && (total - words_above[i]) * 2 < words_above[i]
        {
            Some((
                i,
                RemovalKind::Related,
                "a list of other articles after the article",
            ))
        } else if teaser_dates(lines, &dated, i) && prose_seen[i] >= 2 {
            Some((
                i,
                RemovalKind::Related,
                "a list of dated teasers after the article",
            ))
        } else {
            None
        }
    })
}

/// "Related Articles", "Most Viewed", "Next Up In Tech": the heading of a list of other articles.
fn is_list_heading(line: &Line) -> bool {
    matches!(line.class, Class::Furniture(RemovalKind::Related, _)) && line.words <= 5
}

/// An article carries its date once; three dated lines within a dozen lines are the stamps of a
/// list of other articles (headline, author, date, lede, over and over; a scraper that glues
/// them gives "Tom Rogan Tuesday November 19, 2019 Beyond the partisan whirlwind...").
/// `dated` says, line by line, whether `is_dated` holds.
fn teaser_dates(lines: &[Line], dated: &[bool], i: usize) -> bool {
    if !dated[i] {
        return false;
    }
    // A photo caption "In this Nov. 10, 2019, photo..." often comes twice: it counts once.
    let mut seen = vec![lines[i].text];
    for j in i + 1..lines.len().min(i + 12) {
        let line = &lines[j];
        let date_only = matches!(line.class, Class::Date(_));
        if dated[j] && (date_only || !seen.iter().any(|s| same_words(s, line.text))) {
            seen.push(line.text);
        }
    }
    seen.len() >= 3
}

/// A date line, or a line that starts with a date or an age ("32M ago"). "— Senate
/// (@NGRSenate) October 9, 2018" signs an embedded tweet, part of the article: not dated.
fn is_dated(line: &Line) -> bool {
    let head: Vec<&str> = line.text.split_whitespace().take(8).collect();
    !line.text.contains("(@")
        && (matches!(line.class, Class::Date(_))
            || head.len() == 8 && parse_date(&head.join(" ")).is_some()
            || starts_with_stamp(&head))
}

fn is_comments_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let bare = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    matches!(
        bare,
        "comment" | "comments" | "response" | "responses" | "replies"
    ) || [
        "leave a reply",
        "leave a comment",
        "join the discussion",
        "join the conversation",
        "post a comment",
        "add a comment",
        "show comments",
        "view comments",
        "comments are closed",
        "show more comments",
        "no comments yet",
        "you are commenting using",
        "you must be logged in to post a comment",
        "you must log in to post a comment",
        "please log in using one of these methods",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// "joetoronto says: November 19, 2019 at 6:44 am ...": a name of a few words, then "says:".
fn is_comment_header(text: &str) -> bool {
    text.find(" says:")
        .is_some_and(|at| at <= 60 && text[..at].split_whitespace().count() <= 5)
}

/// "2 days ago", "an hour ago at 8:15": the stamp of a comment, not of an article. A scraper that
/// glues a comment thread into one line leaves the stamps inside it ("Woyzeck 2 days ago at
/// 07:52 am It's good..."); there, the clock time makes it a comment's.
fn is_relative_time(text: &str) -> bool {
    let mut words = text.split_whitespace();
    if let (Some(count), Some(unit), Some(ago)) = (words.next(), words.next(), words.next())
        && is_time_ago(count, unit, ago)
        && words.count() <= 4
    {
        return true;
    }
    text.match_indices(" ago at ").any(|(at, m)| {
        let mut before = text[..at].rsplit(' ');
        let (Some(unit), Some(count)) = (before.next(), before.next()) else {
            return false;
        };
        text[at + m.len()..].starts_with(|c: char| c.is_ascii_digit())
            && is_time_ago(count, unit, "ago")
    })
}

/// "2 hours ago ...", "32M ago ...", "1H ago ...": a teaser's or a comment's age.
fn starts_with_stamp(words: &[&str]) -> bool {
    match words {
        [count, unit, ago, ..] if is_time_ago(count, unit, ago) => true,
        [stamp, ago, ..] => {
            let digits = stamp.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let unit = &stamp[digits.len()..];
            !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && matches!(
                    unit,
                    "M" | "H" | "D" | "m" | "h" | "d" | "min" | "hr" | "hrs"
                )
                && *ago == "ago"
        }
        _ => false,
    }
}

/// "2 days ago", "an hour ago".
fn is_time_ago(count: &str, unit: &str, ago: &str) -> bool {
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let (count, unit) = (bare(count), bare(unit));
    let count_ok = count.chars().all(|c| c.is_ascii_digit()) && !count.is_empty()
        || matches!(count.as_str(), "a" | "an" | "one");
    let unit_ok = matches!(
        unit.trim_end_matches('s'),
        "second" | "minute" | "min" | "hour" | "hr" | "day" | "week" | "month" | "year"
    );
    count_ok && unit_ok && bare(ago) == "ago"
}

/// The stretch of lines with the most prose: maximum-sum segment over line weights.
fn body_region(lines: &[Line]) -> Option<(usize, usize)> {
    let weight = |line: &Line| -> f32 {
        if line.table_row {
            return 0.0; // neither prose nor furniture: a table neither makes nor breaks the body
        }
        match line.class {
            Class::Prose => line.words as f32,
            Class::Short => -(2.0 + 0.5 * line.words as f32),
            Class::Furniture(..) => -(4.0 + line.words.min(30) as f32),
            Class::Date(_) | Class::Byline(_) => -4.0,
        }
    };
    let (mut best, mut best_sum) = (None, 0.0f32);
    let (mut start, mut sum) = (0, 0.0f32);
    for (i, line) in lines.iter().enumerate() {
        // A long run of blank lines is a section break: it costs like a short line.
        let w = weight(line) - if line.gap_before >= 3 { 3.0 } else { 0.0 };
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += w;
        if sum > best_sum && line.class == Class::Prose {
            best_sum = sum;
            best = Some((start, i));
        }
    }
    // Start at the first prose line (not at a short line the sum happened to carry).
    best.map(|(s, e)| {
        let s = (s..=e)
            .find(|&i| lines[i].class == Class::Prose)
            .unwrap_or(s);
        (s, e)
    })
}

/// The title is the nearest headline-like line before the body; a one-sentence line between the
/// title and the rest of the body is the dek.
/// A scraper that keeps the page's `<title>` puts it first ("Headline - Site"): the headline is
/// its last repeat before the body, or that first line itself when it carries a site suffix.
fn page_title(lines: &[Line], body_start: usize) -> Option<usize> {
    let first = lines.first().filter(|_| body_start > 0)?;
    let headline = crate::meta::strip_site_suffix(first.text);
    if headline.split_whitespace().count() < 4 {
        return None;
    }
    let repeat = (1..body_start)
        .rev()
        .find(|&i| same_words(lines[i].text, &headline));
    let suffixed = headline.len() < first.text.trim().len() && first.class == Class::Short;
    repeat.or(suffixed.then_some(0))
}

/// The headline among the dozen lines above the body. Bylines, dates, share buttons and photo
/// credits also sit there, so each candidate is scored: a headline repeats words of the body's
/// first paragraphs, has a headline's length, and carries no date, clock time or button word.
fn headline_before(lines: &[Line], start: usize) -> Option<usize> {
    let mut body: Vec<u64> = lines[start..]
        .iter()
        .filter(|l| l.class == Class::Prose)
        .take(15)
        .flat_map(|l| content_words(l.text))
        .collect();
    body.sort_unstable();
    body.dedup();
    let score = |i: usize| -> Option<f32> {
        let line = &lines[i];
        let end = line.text.trim_end_matches(['"', '\'', '”', '’']);
        let candidate = line.class != Class::Prose
            && (2..=30).contains(&line.words)
            && !end.ends_with(['.', ',', ';', ':']);
        if !candidate {
            return None;
        }
        let words: Vec<u64> = content_words(line.text).collect();
        let shared = words
            .iter()
            .filter(|w| body.binary_search(w).is_ok())
            .count();
        let mut score = 3.0 * shared as f32 / words.len().max(1) as f32;
        if (4..=20).contains(&line.words) {
            score += 1.0;
        }
        if parse_date(line.text).is_some() || has_clock_time(line.text) {
            score -= 2.0;
        }
        if has_button_word(line.text) {
            score -= 1.5;
        }
        if line.text.starts_with("By ")
            || line.text.starts_with("BY ")
            || line.text.starts_with("by ")
        {
            score -= 3.0;
        }
        if line.text.starts_with(['*', '-', '+', '•']) {
            score -= 1.0;
        }
        let capitalised = line
            .text
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
        if line.words <= 4 && capitalised {
            score -= 1.0; // a name: the author or the section
        }
        if !line.text.chars().any(char::is_lowercase) {
            score -= 1.0;
        }
        Some(score - 0.05 * (start - i) as f32)
    };
    (start.saturating_sub(12)..start)
        .filter_map(|i| score(i).map(|s| (i, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Words of three letters or more that are not function words, as case-blind hashes (no
/// allocation per word: the headline search hashes the body's first paragraphs).
fn content_words(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(2).is_some())
        .filter(|w| w.len() > 5 || !STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
        .map(|w| fnv1a(w.chars().flat_map(char::to_lowercase).map(u32::from)))
}

/// FNV-1a over a word's bytes or characters: a cheap hash for comparing words.
fn fnv1a(units: impl Iterator<Item = u32>) -> u64 {
    units.fold(0xcbf2_9ce4_8422_2325, |h, u| {
        (h ^ u64::from(u)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// "10:31 pm", "07:05": a clock time.
fn has_clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

/// Words of the buttons and labels around a headline: share and print links, read times,
/// photo credits.
fn has_button_word(text: &str) -> bool {
    const BUTTONS: &[&str] = &[
        "share",
        "shares",
        "print",
        "comment",
        "comments",
        "posted",
        "published",
        "updated",
        "filed",
        "image",
        "photo",
        "credit",
        "copyright",
        "getty",
        "caption",
        "advertisement",
        "subscribe",
        "newsletter",
        "follow",
        "tweet",
        "email",
    ];
    let lower = text.to_lowercase();
    lower.contains("min read")
        || lower.contains("minute read")
        || lower.contains("sign up")
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| BUTTONS.contains(&w))
}

fn find_title_and_dek(
    lines: &[Line],
    start: usize,
    keep: &mut [bool],
    role: &mut [Option<(RemovalKind, &str)>],
    metadata: &mut Metadata,
) {
    let title = page_title(lines, start).or_else(|| headline_before(lines, start));
    if let Some(t) = title {
        metadata.title = Some(if t == 0 {
            crate::meta::strip_site_suffix(lines[0].text)
        } else {
            lines[t].text.to_owned()
        });
        if t > 0
            && same_words(
                &crate::meta::strip_site_suffix(lines[0].text),
                lines[t].text,
            )
        {
            role[0] = Some((RemovalKind::Title, "the page title"));
        }
        role[t] = Some((RemovalKind::Title, "the headline"));
        keep[t] = false;
        let first = &lines[start];
        let one_sentence = first
            .text
            .trim_end_matches(['.', '!', '?'])
            .matches(". ")
            .count()
            == 0;
        let more_body = lines[start + 1..].iter().any(|l| l.class == Class::Prose);
        if start == t + 1
            && first.class == Class::Prose
            && first.words <= 20
            && one_sentence
            && more_body
        {
            metadata.dek = Some(first.text.to_owned());
            role[start] = Some((RemovalKind::Dek, "subtitle under the headline"));
            keep[start] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_text(text: &str, english: bool) -> Class {
        classify(&Line::new(text, 0), english)
    }

    #[test]
    fn reader_comments_after_the_article_are_dropped() {
        let article = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n";
        let comments = "12 Comments\n\
            jsmith\n\
            2 days ago at 07:52 am\n\
            I think the authorities reacted far too slowly, and the shelters were not ready when people arrived.\n\
            kdoe\n\
            2 days ago at 08:10 am\n\
            My family had to leave too, and the school gym was already full when we got there that night.\n";
        let (paragraphs, _, removed) = clean(&format!("{article}{comments}"));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Comments));
        // Without the heading, the timestamps or the commenters' names still mark the comments.
        let (paragraphs, _, _) = clean(&format!(
            "{article}{}",
            comments.replacen("12 Comments\n", "", 1)
        ));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        let wordpress = "jsmith says: November 19, 2019 at 6:34 am I think the authorities reacted far too slowly.\n\
            kdoe says: November 19, 2019 at 6:44 am My family had to leave too, and the gym was already full.\n";
        let (paragraphs, _, _) = clean(&format!("{article}{wordpress}"));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    }

    #[test]
    fn a_share_bar_ends_the_article() {
        let text = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
            Facebook\nTwitter\nReddit\n\
            Users are obliged to abide by national and international laws and to speak respectfully to the other participants of the discussion.\n";
        let (paragraphs, _, removed) = clean(text);
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(
            removed
                .iter()
                .any(|r| r.text.starts_with("Users are obliged"))
        );
    }

    #[test]
    fn the_headline_is_not_the_byline_or_the_date_under_it() {
        let text = "Home\nWorld\n\
            Storm floods coastal towns as rivers rise\n\
            Chris Davies - Nov 19, 2019, 10:31 pm CST\n\
            Share Tweet\n\
            The storm flooded three coastal towns on Monday night as rivers rose across the region, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n";
        let (_, meta, _) = clean(text);
        assert_eq!(
            meta.title.as_deref(),
            Some("Storm floods coastal towns as rivers rise")
        );
    }

    #[test]
    fn a_menu_flattened_into_one_line_is_not_prose() {
        let menu = "Home News World Politics Business Technology Science Health Sports Entertainment \
            Arts Books Style Food Travel Magazine Real Estate Video Podcasts Opinion Obituaries Weather \
            Newsletters Games Crosswords Cooking";
        assert_eq!(classify_text(menu, true), Class::Short);
        let tags = "adote um amigo agua alerta ambiente amizade atendimento atirador biblioteca \
            caminhada campanha carnaval civil comunicado concurso cultura defesa economia educacao \
            esportes eventos fazenda habitacao juventude";
        assert_eq!(classify_text(tags, false), Class::Short);
        let prose = "The storm made landfall on Monday night, forcing thousands of people to leave \
            their homes, and officials said power would be restored within days, though some \
            areas remain flooded.";
        assert_eq!(classify_text(prose, true), Class::Prose);
    }

    #[test]
    fn comment_stamps_glued_into_a_line_mark_comments() {
        assert!(is_relative_time("2 days ago at 07:52 am"));
        assert!(is_relative_time(
            "Woyzeck 2 days ago at 07:52 am It's good to see. Nick A 2 days ago at 07:47 am"
        ));
        assert!(!is_relative_time(
            "NASA picked nine companies a year ago at its Houston center."
        ));
        assert!(!is_relative_time(
            "A year ago Tuesday, our father, Carlos Ghosn, was arrested."
        ));
    }

    #[test]
    fn a_list_of_dated_teasers_ends_the_article() {
        let article = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
            Power should be back within days, the utility said, though some areas will stay flooded for a week.\n";
        let teasers = "Carlos Ghosn and the dark side of Japanese justice\nAnthony Ghosn\nWednesday November 20, 2019\n\
            Our family always celebrates anniversaries, but not this week, because our father is still in Tokyo.\n\
            What made Joker so popular?\nMadeline Fry\nWednesday November 20, 2019\n\
            Joker killed at the box office, and the studio is already talking about what comes next for the film.\n\
            Kurt Volker throws Rudy Giuliani under the bus\nKaylee McGhee\nTuesday November 19, 2019\n\
            Kurt Volker, a former special envoy to Ukraine, has been tied to what the acting ambassador said.\n";
        let (paragraphs, _, removed) = clean(&format!("{article}{teasers}"));
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Related));
        // The same list glued into one line per teaser.
        let glued = "Anthony Ghosn Wednesday November 20, 2019 Our family always celebrates anniversaries, but not this week.\n\
            Madeline Fry Wednesday November 20, 2019 Joker killed at the box office, and the studio is already talking.\n\
            Kaylee McGhee Tuesday November 19, 2019 Kurt Volker, a former special envoy to Ukraine, has been tied to it.\n";
        let (paragraphs, _, _) = clean(&format!("{article}{glued}"));
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    }

    #[test]
    fn author_bios_are_not_body() {
        assert!(is_author_bio("Phil Helsel is a reporter for NBC News."));
        assert!(is_author_bio(
            "Jeff Foust (jeff@thespacereview.com) is the editor and publisher of The Space Review."
        ));
        assert!(!is_author_bio(
            "It is for that reason that NASA enlisted a commercial space writer."
        ));
        assert!(!is_author_bio(
            "Apple was pulled into the enterprise, CEO Tim Cook said."
        ));
    }

    #[test]
    fn notices_and_glued_teasers_are_furniture_at_any_length() {
        let banner = "Skip to main content We use cookies and other tracking technologies to improve \
            your browsing experience on our site, show personalized content and targeted ads, analyze \
            site traffic, and understand where our audience is coming from. To find out more or to \
            opt-out, please read our Cookie Policy and our Privacy Policy.";
        assert!(matches!(
            classify_text(banner, true),
            Class::Furniture(RemovalKind::Consent, _)
        ));
        let prose = "If you are still using the same password for every site you visit, you are \
            putting yourself at risk, and no privacy policy will protect you once one of those \
            sites is breached, so a password manager is the first thing to set up this week.";
        assert_eq!(classify_text(prose, true), Class::Prose);
        let teasers = "UN regrets new US position on settlements UNITED NATIONS: The Secretary General \
            has regretted the announcement made by the administration that it no longer... Internet in \
            Kashmir after local admn feels it is fit NEW DELHI: Home Minister Amit Shah said the \
            government will restore Internet connection as soon as it is... Newly-elected Lankan \
            president accepts invitation";
        assert!(matches!(
            classify_text(teasers, true),
            Class::Furniture(RemovalKind::Related, _)
        ));
    }

    #[test]
    fn a_related_list_heading_near_the_end_ends_the_article() {
        let article = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
            Power should be back within days, the utility said, though some areas will stay flooded for a week.\n\
            Forecasters expect more rain on Thursday, and the river authority has asked people to stay away from the banks.\n";
        let related = "Related Articles\nWeather\nWhy Breakfast Really Does Matter – But Only if You Eat Right\n\
            Weather\nThe science of flood forecasting, explained by the people who built the models for years.\n";
        let (paragraphs, _, removed) = clean(&format!("{article}{related}"));
        assert_eq!(paragraphs.len(), 4, "{paragraphs:?}");
        assert!(
            removed
                .iter()
                .any(|r| r.text.starts_with("The science of flood"))
        );
        // In the middle of an article the same heading only drops itself.
        let (paragraphs, _, _) = clean(&format!("{article}Related Articles\n{article}"));
        assert_eq!(paragraphs.len(), 8, "{paragraphs:?}");
    }

    #[test]
    fn headlines_glued_to_ledes_in_a_list_are_teasers() {
        let teasers = "Police: 2 In Custody After Death Of Student-AthleteA 24-year-old woman and a 28-year-old man have been arrested in connection with the death.\n\
            Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left the restaurant in Troy without paying their bill after a fight.\n\
            Autos\n\
            Ford Recalls F-150s; Loose Cable Can Cause Stalling Or FiresFord is recalling over 168,000 pickup trucks because a cable can come loose.\n";
        let article = "Michigan health authorities are reporting a sixth fatality linked to the virus, which is spread by mosquitoes.\n\
            County officials said Monday the victim was one of two people who contracted the virus in the southwest of the state.\n";
        let (paragraphs, _, removed) = clean(&format!("{teasers}{article}"));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert_eq!(
            removed
                .iter()
                .filter(|r| r.reason == "headlines glued to their ledes")
                .count(),
            3
        );
        assert!(!is_headline_glued_to_lede(
            "Sony cuts the price of the PlayStation in Europe, and retailers expect sales to rise."
        ));
    }

    #[test]
    fn a_line_repeating_its_headlines_is_a_teaser_list() {
        let teasers = "Company Town Diversity among Hollywood directors improves, but insiders still get fast track \
            Company Town Diversity among Hollywood directors improves, but insiders still get fast track \
            Women and people of color directed a greater proportion of TV shows in the last season. \
            Company Town Rothman agency signs franchise agreement with WGA Company Town Rothman agency \
            signs franchise agreement with WGA The agency is the fifth company to break ranks.";
        assert!(repeats_itself(teasers));
        let prose = "The board said it would review the plan, and the board said it would review the \
            budget as well, before the vote on Thursday, when members will also hear from residents \
            who oppose the new road.";
        assert!(!repeats_itself(prose));
    }

    #[test]
    fn a_list_introduced_by_a_colon_is_body_however_long() {
        let intro = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            The band will play these twenty dates in the summer, starting in Florida and ending in Canada:\n";
        let dates: String = (1..=20)
            .map(|d| format!("June {d} -- Coral Sky Amphitheatre, West Palm Beach\n"))
            .collect();
        let (paragraphs, _, _) = clean(&format!("{intro}{dates}\n\n\nMore Doobie Brothers\n"));
        assert_eq!(paragraphs.len(), 22, "{paragraphs:?}");
    }

    #[test]
    fn a_results_table_inside_the_body_stays() {
        let article = "The season ended on Sunday in Florida, where the champion finished third, ahead of his closest rival.\n\
            Twenty drivers started the last race, and all of them finished it for the first time this year.\n";
        let table: String = (1..=20)
            .map(|p| format!("{p} Driver Name{p} {} 5 1 17 27\n", 5040 - p))
            .collect();
        let after = "The next season starts in February, with the first race on the same track as every year.\n";
        let (paragraphs, _, _) = clean(&format!("{article}{table}{after}"));
        assert_eq!(paragraphs.len(), 23, "{paragraphs:?}");
    }

    #[test]
    fn urls_and_specs_are_not_crumb_trails() {
        assert!(is_crumb_trail("Home > News > World"));
        assert!(is_crumb_trail("About / Advertise / Tip Us / Contact"));
        assert!(!is_crumb_trail("http://amzn.to/2hWw372"));
        assert!(!is_crumb_trail("3.6GHz/8GB/1TB/555X $1,349.00"));
    }

    #[test]
    fn tagged_teasers_and_markup() {
        assert!(is_tagged_teaser(
            "Plane passengers quarantined after BUBONIC PLAGUE outbreak [NEWS]"
        ));
        assert!(!is_tagged_teaser(
            "The court cited the ruling [PDF] in its decision on Monday."
        ));
        assert!(matches!(
            classify_text(
                "&lt;span data-mce-type=\"bookmark\" style=\"display: inline-block;\"&gt;",
                true
            ),
            Class::Furniture(RemovalKind::Markup, _)
        ));
    }

    #[test]
    fn share_bars_in_one_line() {
        assert!(is_share_bar("Facebook Twitter Google+ Whatsapp"));
        assert!(is_share_bar("Share Tweet Email Print"));
        assert!(!is_share_bar("Facebook and Twitter shares fell on Monday."));
    }

    #[test]
    fn captions_and_credits() {
        let is_caption = |text: &str| is_caption(&text.to_lowercase());
        assert!(is_caption(
            "Image caption Assange gestures after he was arrested"
        ));
        assert!(is_caption(
            "2 of 4 A shopper looks at extension cords at a hardware store, Tuesday, Nov. 19, 2019."
        ));
        assert!(is_caption(
            "The protests kicked off in June (Image: GETTY )"
        ));
        assert!(is_caption("Sonu Mehta/Hindustan Times/Getty Images"));
        assert!(!is_caption(
            "The plague is treatable with antibiotics (if it is caught early)."
        ));
    }

    #[test]
    fn teaser_ages_are_stamps() {
        let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
        assert!(starts_with_stamp(&words("32M ago Israel strikes targets")));
        assert!(starts_with_stamp(&words("2 hours ago Woman saves a koala")));
        assert!(!starts_with_stamp(&words("32 Ago is not a stamp")));
        assert!(!starts_with_stamp(&words("The 5M agoraphobia study")));
    }

    #[test]
    fn glued_crumbs_are_cut_off() {
        assert_eq!(
            split_glued_crumbs("HomeWorldAsiaKim Jong Un is on his way"),
            Some(("HomeWorldAsia", "Kim Jong Un is on his way"))
        );
        assert_eq!(split_glued_crumbs("McDonald said so."), None);
        assert_eq!(split_glued_crumbs("iPhone sales rose"), None);
    }

    #[test]
    fn short_text_is_kept_whole() {
        let (paragraphs, _, removed) = clean("Fine. Really.");
        assert_eq!(paragraphs, ["Fine. Really."]);
        assert!(removed.is_empty());
    }

    #[test]
    fn article_with_furniture() {
        let input = "Home > News > World\n\nBig storm hits the coast\n\nBy Jane Doe\n\nMay 3, 2021\n\n\
            The storm made landfall on Monday night, forcing thousands of people to leave their homes.\n\n\
            Officials said power would be restored within days, though some areas remain flooded.\n\n\
            Most Popular\n\nAdvertisement\n";
        let (paragraphs, meta, removed) = clean(input);
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert_eq!(meta.title.as_deref(), Some("Big storm hits the coast"));
        assert_eq!(meta.date.as_deref(), Some("2021-05-03"));
        assert_eq!(meta.authors, ["Jane Doe"]);
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Navigation));
    }
}
