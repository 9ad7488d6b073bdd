//! Corrections the model cannot learn from its training data: a name after a title is a person
//! ("President Xi Jinping") and the title is not part of the name; a weekday or month at the edge
//! of a name is a date, not part of the name ("Pyongyang Monday"); institutions and places that
//! news names without introduction ("the Kremlin", "the DMZ") are organisations and locations; a
//! nationality the model passed over ("the isolated Asian country") is still a group; and an
//! acronym defined in the text ("... Council of Ontario (RECO)") names what its long form names.

use std::sync::LazyLock;

use textmill_core::Token;
use textmill_core::lexicon::{WordList, capitalised_calendar_name};

use crate::Mention;
use crate::gazetteer::Gazetteers;
use crate::model::MentionKind;
use crate::words;

use MentionKind::{Loc as LOC, Misc as MISC, Org as ORG, Per as PER};

/// Applies the rules; `mentions` end up sorted by position.
pub(crate) fn apply(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    crate::sort_by_position(mentions);
    for m in mentions.iter_mut() {
        let word = |t: usize| tokens[t].span().text(text);
        let before = (m.start, m.end);
        while m.end - m.start > 1 && is_calendar_word(word(m.end as usize - 1)) {
            m.end -= 1;
        }
        while m.end - m.start > 1 && is_calendar_word(word(m.start as usize)) {
            m.start += 1;
        }
        // The model was confused by the date: a known place left alone is a place.
        if (m.start, m.end) != before && Gazetteers::get().place(m.text(text, tokens)).is_some() {
            m.kind = LOC;
        }
    }
    for m in mentions.iter_mut() {
        // "Ms Pugh", "Pope Francis": a title the model took into the name is not part of it.
        let first = tokens[m.start as usize].span().text(text);
        if m.end - m.start > 1
            && (HONORIFICS.contains(first) || (m.kind == PER && PERSON_TITLES.contains(first)))
        {
            m.start += 1;
        }
        let titled = m
            .start
            .checked_sub(1)
            .is_some_and(|p| TITLES.contains(tokens[p as usize].span().text(text)));
        let name_like = m.end - m.start <= 3
            && tokens[m.tokens()]
                .iter()
                .all(|t| t.span().text(text).starts_with(char::is_uppercase));
        if titled && name_like {
            m.kind = PER;
            m.score = m.score.max(TITLED_SCORE);
        }
        if let Some(kind) = known_kind(m.text(text, tokens)) {
            m.kind = kind;
        }
    }
    shared_place_names(text, tokens, mentions);
    let covered = crate::covered(tokens.len(), mentions);
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = (1..=4).rev().find_map(|n| {
            if i + n > tokens.len() || covered[i..i + n].iter().any(|&c| c) {
                return None;
            }
            let name = &text[tokens[i].span().start..tokens[i + n - 1].span().end];
            known_kind(name)
                .or_else(|| (n == 1 && Gazetteers::get().is_norp(name)).then_some(MISC))
                .map(|kind| (n, kind))
        });
        match found {
            Some((n, kind)) => {
                added.push(Mention::new(i, i + n, kind, 0.5));
                i += n;
            }
            None => i += 1,
        }
    }
    crate::add_mentions(mentions, added);
}

/// The least score of a name right after a title: on both development sets every one was right
/// (37 of 37, benches/RESULTS.md), whatever the model's own score for its span.
const TITLED_SCORE: f32 = 0.9;

/// The score of a name typed by an acronym's definition.
const DEFINED_SCORE: f32 = 0.7;

/// Longest long form an acronym is looked for in, in tokens.
const MAX_LONG_FORM: usize = 12;

/// "the Real Estate Council of Ontario (RECO)": an acronym defined in the text names what its
/// long form names, wherever it appears. The long form is the run of capitalised words (and "of",
/// "and", ...) before the parenthesis whose letters hold the acronym's, in order, from its first
/// letter; its type is the model's, or ORG when the model found none and a word of it is an
/// organisation's head word. Mentions end up sorted by position.
pub(crate) fn defined_acronyms(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let word = |t: usize| tokens[t].span().text(text);
    let mut defined: Vec<(&str, MentionKind)> = Vec::new();
    let mut i = 1;
    while i + 2 < tokens.len() {
        if word(i) != "(" || word(i + 2) != ")" || !is_acronym(word(i + 1)) {
            i += 1;
            continue;
        }
        let acronym = word(i + 1);
        let mut start = i;
        while start > 0
            && i - start < MAX_LONG_FORM
            && (word(start - 1).starts_with(char::is_uppercase)
                || CONNECTORS.contains(word(start - 1)))
        {
            start -= 1;
        }
        let long_form = (start..i.saturating_sub(1)).find(|&s| {
            word(s).starts_with(char::is_uppercase) && spells(acronym, (s..i).map(word))
        });
        if let Some(s) = long_form {
            let exact = mentions
                .iter()
                .position(|m| (m.start as usize, m.end as usize) == (s, i));
            let kind = match exact {
                Some(at) => Some(mentions[at].kind),
                None => (s..i).any(|t| ORG_HEADS.contains(word(t))).then_some(ORG),
            };
            if let Some(kind) = kind {
                if exact.is_none() {
                    mentions.retain(|m| m.end as usize <= s || m.start as usize >= i);
                    mentions.push(Mention::new(s, i, kind, DEFINED_SCORE));
                    crate::sort_by_position(mentions);
                }
                defined.push((acronym, kind));
            }
        }
        i += 3;
    }
    if defined.is_empty() {
        return;
    }
    let kind_of = |w: &str| defined.iter().find(|(a, _)| *a == w).map(|&(_, k)| k);
    for m in mentions.iter_mut() {
        if m.end - m.start == 1
            && let Some(kind) = kind_of(word(m.start as usize))
        {
            m.kind = kind;
        }
    }
    let covered = crate::covered(tokens.len(), mentions);
    let added = (0..tokens.len())
        .filter(|&t| !covered[t])
        .filter_map(|t| kind_of(word(t)).map(|kind| Mention::new(t, t + 1, kind, DEFINED_SCORE)))
        .collect();
    crate::add_mentions(mentions, added);
}

/// "RECO", "IRENA", "GNOFHAC", "UofH": two to eight letters, the first and at least one other
/// a capital.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().count();
    (2..=8).contains(&letters)
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// Whether `acronym`'s letters occur in order in `words` (case aside), its first letter as the
/// first word's first.
fn spells<'w>(acronym: &str, words: impl Iterator<Item = &'w str>) -> bool {
    let mut wanted = acronym.chars().map(|c| c.to_ascii_lowercase()).peekable();
    let mut first = true;
    for w in words {
        for (n, c) in w.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
            if first && n == 0 && wanted.peek() != Some(&c) {
                return false;
            }
            first = false;
            if wanted.peek() == Some(&c) {
                wanted.next();
            }
        }
    }
    wanted.peek().is_none()
}

/// "state TV Russia 24", "broadcaster Channel 4": a name right after a media word is the
/// outlet, an organisation, with the number that is part of its name. Runs after document
/// consistency (which may have added the mention); returns the indices of the mentions changed.
pub(crate) fn broadcasters(text: &str, tokens: &[Token], mentions: &mut [Mention]) -> Vec<usize> {
    let mut changed = Vec::new();
    for (i, m) in mentions.iter_mut().enumerate() {
        let after_media = m
            .start
            .checked_sub(1)
            .is_some_and(|p| MEDIA_WORDS.contains(tokens[p as usize].span().text(text)));
        if !after_media {
            continue;
        }
        changed.push(i);
        m.kind = ORG;
        if let Some(next) = tokens.get(m.end as usize)
            && next.kind == textmill_core::TokenKind::Number
            && text[tokens[m.end as usize - 1].span().end..next.span().start] == *" "
        {
            m.end += 1;
        }
    }
    changed
}

/// Whether token `t` is inside one of `mentions` (sorted by position, not overlapping): a binary
/// search, as a text of a million names has a million mentions.
fn inside_a_mention(mentions: &[Mention], t: usize) -> bool {
    let after = mentions.partition_point(|m| m.start as usize <= t);
    after > 0 && t < mentions[after - 1].end as usize
}

/// "North and South Korea": the first direction shares the name that follows the second, so
/// it is a place of its own ("North Korea") when the gazetteer knows it.
fn shared_place_names(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let word = |t: usize| tokens[t].span().text(text);
    let mut added = Vec::new();
    for m in mentions.iter() {
        if m.kind != LOC || m.end - m.start != 2 || m.start < 2 {
            continue;
        }
        let (first, conjunction) = (m.start as usize - 2, m.start as usize - 1);
        let shared = word(m.end as usize - 1);
        if DIRECTIONS.contains(word(m.start as usize))
            && DIRECTIONS.contains(word(first))
            && matches!(word(conjunction), "and" | "or" | "&")
            && Gazetteers::get()
                .place(&format!("{} {shared}", word(first)))
                .is_some()
            && !inside_a_mention(mentions, first)
        {
            added.push(Mention::new(first, first + 1, LOC, m.score));
        }
    }
    crate::add_mentions(mentions, added);
}

/// The type of an institution or place on the lists below.
fn known_kind(name: &str) -> Option<MentionKind> {
    if KNOWN_ORGS.contains(name) {
        Some(ORG)
    } else if is_known_place(name) {
        Some(LOC)
    } else {
        None
    }
}

/// Whether `name` is a place on the list of places news names without introduction (a region,
/// not a country or city: OntoNotes LOC).
pub(crate) fn is_known_place(name: &str) -> bool {
    KNOWN_PLACES.contains(name)
}

/// A month or weekday name ("Monday", "January"), trimmed off the ends of a name; not one that
/// is also a surname ("May").
fn is_calendar_word(word: &str) -> bool {
    capitalised_calendar_name(word).is_some_and(|name| !MONTHS_ALSO_NAMES.contains(name.spelling))
}

// Word lists, data/words.txt.
static MEDIA_WORDS: LazyLock<WordList> = LazyLock::new(|| words::list("media_words"));
static DIRECTIONS: LazyLock<WordList> = LazyLock::new(|| words::list("directions"));
static TITLES: LazyLock<WordList> = LazyLock::new(|| words::list("titles"));
static HONORIFICS: LazyLock<WordList> = LazyLock::new(|| words::list("honorifics"));
static CONNECTORS: LazyLock<WordList> = LazyLock::new(|| words::list("name_connectors"));
static ORG_HEADS: LazyLock<WordList> = LazyLock::new(|| words::list("organisation_heads"));
static PERSON_TITLES: LazyLock<WordList> = LazyLock::new(|| words::list("person_titles"));
static KNOWN_ORGS: LazyLock<WordList> = LazyLock::new(|| words::list("known_organisations"));
static KNOWN_PLACES: LazyLock<WordList> = LazyLock::new(|| words::list("known_places"));
static MONTHS_ALSO_NAMES: LazyLock<WordList> = LazyLock::new(|| words::list("months_also_names"));
