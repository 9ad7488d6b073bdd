//! The headline and the dek above the body.

use textmill_core::lexicon::function_words;
use textmill_core::{Metadata, RemovalKind};

use super::lines::{has_button_word, has_clock_time};
use super::{Class, Line};
use crate::dates::parse_date;
use crate::fnv::fnv1a;
use crate::names::{same_words, strip_site_suffix};

/// The title is the nearest headline-like line before the body; a one-sentence line between the
/// title and the rest of the body is the dek.
/// A scraper that keeps the page's `<title>` puts it first ("Headline - Site"): the headline is
/// its last repeat before the body, or that first line itself when it carries a site suffix.
pub(super) fn page_title(lines: &[Line], body_start: usize) -> Option<usize> {
    let first = lines.first().filter(|_| body_start > 0)?;
    let headline = strip_site_suffix(first.text);
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
pub(super) fn headline_before(lines: &[Line], start: usize) -> Option<usize> {
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
pub(super) fn content_words(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(2).is_some())
        .filter(|w| w.len() > 5 || !function_words().contains_lowercase(w))
        .map(|w| fnv1a(w.chars().flat_map(char::to_lowercase).map(u32::from)))
}

pub(super) fn find_title_and_dek(
    lines: &[Line],
    start: usize,
    keep: &mut [bool],
    role: &mut [Option<(RemovalKind, &str)>],
    metadata: &mut Metadata,
) {
    let title = page_title(lines, start).or_else(|| headline_before(lines, start));
    if let Some(t) = title {
        metadata.title = Some(if t == 0 {
            strip_site_suffix(lines[0].text)
        } else {
            lines[t].text.to_owned()
        });
        if t > 0 && same_words(&strip_site_suffix(lines[0].text), lines[t].text) {
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
