//! From model mentions and rule matches to labelled entities: places split into GPE, LOC and
//! FAC by gazetteer and head word, other names into NORP, LANGUAGE, EVENT, LAW, WORK_OF_ART and
//! PRODUCT, or everything mapped to CoNLL's four types.

use textmill_core::{Entity, Span, Token};

use crate::gazetteer::{Gazetteers, PlaceKind};
use crate::numeric::NumericLabel;
use crate::{Mention, Scheme};

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;

pub(crate) fn finish(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    canonical: &[String],
    numbers: &[(usize, usize, NumericLabel)],
    scheme: Scheme,
) -> Vec<Entity> {
    let span =
        |start: usize, end: usize| Span::new(tokens[start].span.start, tokens[end - 1].span.end);
    let mut out: Vec<Entity> = Vec::with_capacity(mentions.len() + numbers.len());
    let mut covered = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let s = span(m.start, m.end);
        let label = match scheme {
            Scheme::Conll => crate::TYPES[m.kind],
            Scheme::Ontonotes => ontonotes(text, tokens, m),
        };
        covered.push((m.start, m.end));
        out.push(Entity {
            span: s,
            label: label.to_owned(),
            score: f64::from(m.score),
            canonical: canonical
                .get(i)
                .cloned()
                .or_else(|| Some(s.text(text).to_owned())),
        });
    }
    covered.sort_unstable();
    for &(start, end, label) in numbers {
        // Names win: "September 11" the attack is not a date.
        let i = covered.partition_point(|&(_, e)| e <= start);
        if covered.get(i).is_some_and(|&(s, _)| s < end) {
            continue;
        }
        let s = span(start, end);
        out.push(Entity {
            span: s,
            label: label.as_str().to_owned(),
            score: 1.0,
            canonical: None,
        });
    }
    out.sort_by_key(|e| (e.span.start, e.span.end));
    out
}

fn ontonotes(text: &str, tokens: &[Token], m: &Mention) -> &'static str {
    let words: Vec<&str> = tokens[m.start..m.end]
        .iter()
        .map(|t| t.span.text(text))
        .collect();
    let name = &text[tokens[m.start].span.start..tokens[m.end - 1].span.end];
    let gazetteers = Gazetteers::get();
    let last = words.last().copied().unwrap_or_default();
    // Nationalities and parties are NORP whatever the model called them ("North Korean" too).
    if words.len() <= 2 && gazetteers.is_norp(last) && gazetteers.place(name).is_none() {
        let previous = m.start.checked_sub(1).map(|p| tokens[p].span.text(text));
        if gazetteers.is_language(last)
            && matches!(
                previous,
                Some("in" | "speak" | "speaks" | "spoke" | "speaking")
            )
        {
            return "LANGUAGE";
        }
        return "NORP";
    }
    match m.kind {
        PER => "PERSON",
        ORG => "ORG",
        LOC => match gazetteers.place(name) {
            Some(PlaceKind::Continent) => "LOC",
            Some(_) => "GPE",
            None if crate::rules::is_known_place(name) => "LOC",
            None if FAC_HEADS.binary_search(&last).is_ok() => "FAC",
            None if LOC_HEADS.binary_search(&last).is_ok() => "LOC",
            None => "GPE",
        },
        _ => {
            if words.iter().any(|w| EVENT_WORDS.binary_search(w).is_ok()) {
                "EVENT"
            } else if words.iter().any(|w| LAW_WORDS.binary_search(w).is_ok()) {
                "LAW"
            } else if text[..tokens[m.start].span.start]
                .trim_end()
                .ends_with(['"', '“', '‘', '\''])
            {
                "WORK_OF_ART"
            } else if words.len() == 1 && gazetteers.is_language(last) {
                "LANGUAGE"
            } else if words.len() == 1 && looks_like_demonym(last) {
                "NORP"
            } else {
                "PRODUCT"
            }
        }
    }
}

fn looks_like_demonym(word: &str) -> bool {
    ["an", "ans", "ese", "ish", "ic", "i"]
        .iter()
        .any(|end| word.ends_with(end))
}

// Sorted word lists, written for this crate.
const FAC_HEADS: &[&str] = &[
    "Airport",
    "Avenue",
    "Base",
    "Bridge",
    "Building",
    "Canal",
    "Cathedral",
    "Center",
    "Centre",
    "Church",
    "Dam",
    "Expressway",
    "Highway",
    "Hotel",
    "Mosque",
    "Palace",
    "Plaza",
    "Port",
    "Prison",
    "Road",
    "Square",
    "Stadium",
    "Station",
    "Street",
    "Temple",
    "Terminal",
    "Tower",
    "Tunnel",
];
const LOC_HEADS: &[&str] = &[
    "Basin",
    "Bay",
    "Coast",
    "Desert",
    "Gulf",
    "Island",
    "Islands",
    "Lake",
    "Mountain",
    "Mountains",
    "Ocean",
    "Peninsula",
    "Range",
    "Region",
    "River",
    "Sea",
    "Strait",
    "Valley",
];
const EVENT_WORDS: &[&str] = &[
    "Championship",
    "Championships",
    "Conference",
    "Crisis",
    "Cup",
    "Festival",
    "Games",
    "Olympics",
    "Open",
    "Revolution",
    "Summit",
    "War",
    "World",
];
const LAW_WORDS: &[&str] = &[
    "Accord",
    "Accords",
    "Act",
    "Amendment",
    "Bill",
    "Code",
    "Constitution",
    "Convention",
    "Law",
    "Treaty",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        for list in [FAC_HEADS, LOC_HEADS, EVENT_WORDS, LAW_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
