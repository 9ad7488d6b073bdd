//! Where the article ends: reader comments, lists of other articles' dated teasers, related-list
//! headings.

use std::sync::LazyLock;

use textmill_core::RemovalKind;

use super::{Class, Line};
use crate::dates::parse_date;
use crate::furniture;
use crate::names::same_words;

/// Where the article has ended, after the body's first line, and what follows it: reader
/// comments (a comments heading such as "44 Comments" or "Leave a Reply", or the first of two
/// comment stamps within a few lines, relative like "2 days ago at 07:52 am" or a commenter's
/// "joetoronto says: November 19, 2019 at ..."), or a share bar (three share buttons in a row).
pub(super) fn article_end(
    lines: &[Line],
    body_start: usize,
) -> Option<(usize, RemovalKind, &'static str)> {
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
pub(super) fn is_list_heading(line: &Line) -> bool {
    matches!(line.class, Class::Furniture(RemovalKind::Related, _)) && line.words <= 5
}

/// An article carries its date once; three dated lines within a dozen lines are the stamps of a
/// list of other articles (headline, author, date, lede, over and over; a scraper that glues
/// them gives "Tom Rogan Tuesday November 19, 2019 Beyond the partisan whirlwind...").
/// `dated` says, line by line, whether `is_dated` holds.
pub(super) fn teaser_dates(lines: &[Line], dated: &[bool], i: usize) -> bool {
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
pub(super) fn is_dated(line: &Line) -> bool {
    let head: Vec<&str> = line.text.split_whitespace().take(8).collect();
    !line.text.contains("(@")
        && (matches!(line.class, Class::Date(_))
            || head.len() == 8 && parse_date(&head.join(" ")).is_some()
            || starts_with_stamp(&head))
}

pub(super) fn is_comments_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let bare = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    static HEADINGS: LazyLock<Vec<&str>> = LazyLock::new(|| furniture::words("comment_headings"));
    static STARTS: LazyLock<Vec<&str>> = LazyLock::new(|| furniture::words("comment_starts"));
    HEADINGS.contains(&bare) || STARTS.iter().any(|p| lower.starts_with(p))
}

/// "joetoronto says: November 19, 2019 at 6:44 am ...": a name of a few words, then "says:".
pub(super) fn is_comment_header(text: &str) -> bool {
    text.find(" says:")
        .is_some_and(|at| at <= 60 && text[..at].split_whitespace().count() <= 5)
}

/// "2 days ago", "an hour ago at 8:15": the stamp of a comment, not of an article. A scraper that
/// glues a comment thread into one line leaves the stamps inside it ("Woyzeck 2 days ago at
/// 07:52 am It's good..."); there, the clock time makes it a comment's.
pub(super) fn is_relative_time(text: &str) -> bool {
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
pub(super) fn starts_with_stamp(words: &[&str]) -> bool {
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
pub(super) fn is_time_ago(count: &str, unit: &str, ago: &str) -> bool {
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
