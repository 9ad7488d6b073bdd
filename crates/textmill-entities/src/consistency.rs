//! Document-level consistency: a name tagged with confidence keeps its label at every mention,
//! untagged repeats of it are tagged, and short forms of a person's name ("Putin", "Kim") link to
//! the full name met earlier ("Vladimir Putin", "Kim Jong Un").

use std::collections::HashMap;

use textmill_core::{Name, Token};

use crate::Mention;
use crate::model::MentionKind;

/// A mention at least this sure sets the label of its name for the whole document.
const CONFIDENT: f32 = 0.6;

fn surface<'t>(text: &'t str, tokens: &[Token], start: usize, end: usize) -> &'t str {
    &text[tokens[start].span().start..tokens[end - 1].span().end]
}

/// Applies the rules to `mentions` (which end up sorted by position) and returns the mentions
/// whose chain has another name than their own text, as `(index, name)` by index. Most mentions
/// are their own name: an entry for each would be tens of megabytes on a long text.
pub(crate) fn propagate(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) -> Vec<(usize, Name)> {
    crate::sort_by_position(mentions);

    // Votes of confident mentions: name -> (kind -> summed confidence).
    let mut votes: HashMap<&str, [f32; 4]> = HashMap::new();
    for m in mentions.iter().filter(|m| m.score >= CONFIDENT) {
        votes.entry(m.text(text, tokens)).or_default()[m.kind as usize] += m.score;
    }
    let best = |v: &[f32; 4]| {
        let index = (0..4).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap_or(0);
        MentionKind::ALL[index]
    };
    for m in mentions.iter_mut() {
        if let Some(v) = votes.get(m.text(text, tokens)) {
            m.kind = best(v);
        }
    }

    // Untagged repeats of confident names, and short forms of people's names after the full one.
    // The word counts of the confident names, by first word.
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for name in votes.keys() {
        if name.starts_with(char::is_uppercase) {
            let words = name.split_whitespace().count();
            let first = name.split_whitespace().next().unwrap_or(name);
            by_first.entry(first).or_default().push(words);
        }
    }
    let mut short_forms: HashMap<&str, (usize, Name)> = HashMap::new();
    for m in mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Per && m.end - m.start >= 2)
    {
        let full = m.text(text, tokens);
        for t in [m.start, m.end - 1] {
            let word = tokens[t as usize].span().text(text);
            if word.len() > 1 && word.starts_with(char::is_uppercase) {
                short_forms
                    .entry(word)
                    .or_insert_with(|| (m.end as usize, Name::from(full)));
            }
        }
    }
    let covered = crate::covered(tokens.len(), mentions);
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let word = tokens[i].span().text(text);
        let mut found = None;
        if let Some(candidates) = by_first.get(word) {
            // The longest confident name that starts here, typed by its own votes: names that
            // share a first word and a length ("Rainbow Gatherings", "Rainbow Warriors") each
            // keep their type, whatever order the map lists them in.
            for &words in candidates {
                let end = i + token_count(text, tokens, i, words);
                if end > i
                    && end <= tokens.len()
                    && !covered[i..end].iter().any(|&c| c)
                    && found.is_none_or(|(e, _)| end > e)
                    && let Some(v) = votes.get(surface(text, tokens, i, end))
                {
                    found = Some((end, best(v)));
                }
            }
        }
        if found.is_none()
            && let Some((after, _)) = short_forms.get(word)
            && *after <= i
        {
            found = Some((i + 1, MentionKind::Per));
        }
        match found {
            Some((end, kind)) => {
                added.push(Mention::new(i, end, kind, CONFIDENT));
                i = end;
            }
            None => i += 1,
        }
    }
    crate::add_mentions(mentions, added);

    let mut chains = Vec::new();
    for (i, m) in mentions.iter_mut().enumerate() {
        let name = m.text(text, tokens);
        if let Some((after, full)) = short_forms.get(name)
            && m.end - m.start == 1
            && *after <= m.start as usize
        {
            m.kind = MentionKind::Per;
            chains.push((i, full.clone()));
        }
    }
    chains
}

/// How many tokens from `start` make up a name of `words` whitespace-separated words.
fn token_count(text: &str, tokens: &[Token], start: usize, words: usize) -> usize {
    let mut seen = 1;
    let mut n = 1;
    while start + n < tokens.len() {
        let gap = &text[tokens[start + n - 1].span().end..tokens[start + n].span().start];
        if !gap.is_empty() {
            if seen == words {
                break;
            }
            seen += 1;
        }
        n += 1;
    }
    if seen == words { n } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An untagged repeat of a confident name gets that name's type, not the type of another
    /// name with the same first word and length (it used to depend on the order a hash map,
    /// seeded anew for each document, listed the names in).
    #[test]
    fn a_repeated_name_keeps_its_own_type_in_every_run() {
        let text = "Rainbow Warriors sang. Rainbow Gatherings grew. Then Rainbow Gatherings ended.";
        let tokens = textmill_segment::Segmenter::default().segment(text).tokens;
        let at = |word_start: usize| {
            tokens
                .iter()
                .position(|t| t.span().start == word_start)
                .unwrap()
        };
        let warriors = at(0);
        let gatherings = at(text.find("Rainbow Gatherings").unwrap());
        let repeat = at(text.rfind("Rainbow Gatherings").unwrap());
        for _ in 0..64 {
            let mut mentions = vec![
                Mention::new(warriors, warriors + 2, MentionKind::Misc, 0.9),
                Mention::new(gatherings, gatherings + 2, MentionKind::Loc, 0.9),
            ];
            propagate(text, &tokens, &mut mentions);
            let added: Vec<_> = mentions
                .iter()
                .filter(|m| m.start as usize == repeat)
                .map(|m| (m.end as usize - repeat, m.kind))
                .collect();
            assert_eq!(added, [(2, MentionKind::Loc)]);
        }
    }
}
