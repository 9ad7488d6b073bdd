//! From model mentions and rule matches to labelled entities: places split into GPE, LOC and
//! FAC by gazetteer and head word, other names into NORP, LANGUAGE, EVENT, LAW, WORK_OF_ART and
//! PRODUCT, or everything mapped to CoNLL's four types.

use std::collections::HashMap;
use std::sync::LazyLock;

use textmill_core::lexicon::WordList;
use textmill_core::{Entity, Label, Name, Span, Token};

use crate::gazetteer::{Gazetteers, PlaceKind};
use crate::model::MentionKind;
use crate::{Mention, Scheme, words};

/// The entities of `mentions` (sorted by position, not overlapping) and `numbers`, sorted by
/// position. `chains` names the chain of the mentions whose chain is not their own text, as
/// `(index, name)` by index.
pub(crate) fn finish(
    text: &str,
    tokens: &[Token],
    mut mentions: Vec<Mention>,
    chains: &[(usize, Name)],
    numbers: &[(usize, usize, Label)],
    scheme: Scheme,
) -> Vec<Entity> {
    debug_assert!(mentions.is_sorted_by_key(|m| (m.start, m.end)));
    let span = |start: usize, end: usize| {
        Span::new(tokens[start].span().start, tokens[end - 1].span().end)
    };
    // Names win, labelled or not: "September 11" the attack is not a date.
    let numbers: Vec<Entity> = numbers
        .iter()
        .filter(|&&(start, end, _)| {
            let i = mentions.partition_point(|m| m.end as usize <= start);
            mentions.get(i).is_none_or(|m| m.start as usize >= end)
        })
        .map(|&(start, end, label)| Entity::new(span(start, end), label, 1.0, None))
        .collect();
    let mut out: Vec<Entity> = Vec::with_capacity(mentions.len() + numbers.len());
    // One string per distinct name, shared by its entities.
    let mut names: HashMap<&str, Name> = HashMap::new();
    let mut chains = chains.iter().rev().peekable();
    // The mentions are taken from the end and their memory handed back a slice at a time, so
    // that a text of a million names does not hold a million mentions and a million entities.
    let release_every = (mentions.len() / 8).max(1 << 16);
    while let Some(m) = mentions.pop() {
        let i = mentions.len();
        if i.is_multiple_of(release_every) {
            mentions.shrink_to_fit();
        }
        let s = span(m.start as usize, m.end as usize);
        let chain = chains
            .next_if(|(c, _)| *c == i)
            .map(|(_, name)| name.clone());
        let label = match scheme {
            // A place named by its people's adjective ("South Korean") is no place.
            Scheme::Conll if m.kind == MentionKind::Loc && is_group(text, tokens, &m) => {
                Label::Misc
            }
            Scheme::Conll => m.kind.label(),
            Scheme::Ontonotes => match ontonotes(text, tokens, &m) {
                Some(label) => label,
                None => continue,
            },
        };
        let canonical = Some(chain.unwrap_or_else(|| {
            let name = s.text(text);
            names
                .entry(name)
                .or_insert_with(|| Name::from(name))
                .clone()
        }));
        out.push(Entity::new(s, label, m.score, canonical));
    }
    out.reverse();
    out.extend(numbers);
    // Entities never share a span (numbers under names are dropped above), so the unstable
    // sort, which needs no scratch buffer, gives the stable sort's order.
    out.sort_unstable_by_key(|e| (e.span().start, e.span().end));
    out
}

/// A nationality, religion or party ("North Korean", "Iraqi", "Democrats") rather than a place
/// or an organisation: one or two words, the last on the NORP list, the whole not a place.
fn is_group(text: &str, tokens: &[Token], m: &Mention) -> bool {
    let gazetteers = Gazetteers::get();
    let last = tokens[m.end as usize - 1].span().text(text);
    let name = m.text(text, tokens);
    m.end - m.start <= 2 && gazetteers.is_norp(last) && gazetteers.place(name).is_none()
}

/// The OntoNotes type of a mention, or `None` for another name (the model's MISC) that nothing
/// types: OntoNotes has no catch-all, and "DNA" or "Jupiter" is no product.
fn ontonotes(text: &str, tokens: &[Token], m: &Mention) -> Option<Label> {
    let words: Vec<&str> = tokens[m.tokens()]
        .iter()
        .map(|t| t.span().text(text))
        .collect();
    let name = m.text(text, tokens);
    let gazetteers = Gazetteers::get();
    let last = words.last().copied().unwrap_or_default();
    // Nationalities and parties are NORP whatever the model called them ("North Korean" too).
    if is_group(text, tokens, m) {
        let previous = m
            .start
            .checked_sub(1)
            .map(|p| tokens[p as usize].span().text(text));
        if gazetteers.is_language(last)
            && matches!(
                previous,
                Some("in" | "speak" | "speaks" | "spoke" | "speaking")
            )
        {
            return Some(Label::Language);
        }
        return Some(Label::Norp);
    }
    Some(match m.kind {
        MentionKind::Per => Label::Person,
        MentionKind::Org => Label::Org,
        MentionKind::Loc => match gazetteers.place(name) {
            Some(PlaceKind::Continent) => Label::Loc,
            Some(_) => Label::Gpe,
            None if crate::rules::is_known_place(name) => Label::Loc,
            None if FAC_HEADS.contains(last) => Label::Fac,
            None if LOC_HEADS.contains(last) => Label::Loc,
            None => Label::Gpe,
        },
        MentionKind::Misc => {
            if words.iter().any(|w| EVENT_WORDS.contains(w)) {
                Label::Event
            } else if words.iter().any(|w| LAW_WORDS.contains(w)) {
                Label::Law
            } else if text[..tokens[m.start as usize].span().start]
                .trim_end()
                .ends_with(['"', '“', '‘', '\''])
            {
                Label::WorkOfArt
            } else if words.len() == 1 && gazetteers.is_language(last) {
                Label::Language
            } else if words.len() == 1 && looks_like_demonym(last) {
                Label::Norp
            } else if words.iter().any(|w| looks_like_a_model_name(w)) {
                Label::Product
            } else {
                return None;
            }
        }
    })
}

/// "737", "F-35", "iPhone", "PlayStation": a model number or a brand's inner capital, the marks
/// of a product name.
fn looks_like_a_model_name(word: &str) -> bool {
    let inner_capital =
        word.chars().skip(1).any(char::is_uppercase) && word.chars().any(char::is_lowercase);
    inner_capital || word.chars().any(|c| c.is_ascii_digit())
}

fn looks_like_demonym(word: &str) -> bool {
    ["an", "ans", "ese", "ish", "ic", "i"]
        .iter()
        .any(|end| word.ends_with(end))
}

// Word lists, data/words.txt.
static FAC_HEADS: LazyLock<WordList> = LazyLock::new(|| words::list("facility_heads"));
static LOC_HEADS: LazyLock<WordList> = LazyLock::new(|| words::list("location_heads"));
static EVENT_WORDS: LazyLock<WordList> = LazyLock::new(|| words::list("event_words"));
static LAW_WORDS: LazyLock<WordList> = LazyLock::new(|| words::list("law_words"));

#[cfg(test)]
mod tests {
    use super::*;

    /// The OntoNotes label of the model's MISC mention of `name` in `text`.
    fn misc_label(text: &str, name: &str) -> Option<Label> {
        let tokens = textmill_segment::Segmenter::default().segment(text).tokens;
        let at = text.find(name).unwrap();
        let start = tokens.iter().position(|t| t.span().start == at).unwrap();
        let end = 1 + tokens
            .iter()
            .position(|t| t.span().end == at + name.len())
            .unwrap();
        let m = Mention::new(start, end, MentionKind::Misc, 0.9);
        ontonotes(text, &tokens, &m)
    }

    #[test]
    fn other_names_are_typed_on_evidence_or_left_out() {
        assert_eq!(
            misc_label("She bought an iPhone 15 there.", "iPhone 15"),
            Some(Label::Product)
        );
        assert_eq!(
            misc_label("The F-35 flew over.", "F-35"),
            Some(Label::Product)
        );
        assert_eq!(
            misc_label("They won the World Cup.", "World Cup"),
            Some(Label::Event)
        );
        assert_eq!(
            misc_label("He signed the Clean Air Act.", "Clean Air Act"),
            Some(Label::Law)
        );
        assert_eq!(misc_label("Many Iraqis fled.", "Iraqis"), Some(Label::Norp));
        for (text, name) in [
            ("Tests of DNA were run.", "DNA"),
            ("Jupiter is bright tonight.", "Jupiter"),
            ("He converted to Buddhism.", "Buddhism"),
            ("Veterans with PTSD waited.", "PTSD"),
        ] {
            assert_eq!(misc_label(text, name), None, "{name}");
        }
    }
}
