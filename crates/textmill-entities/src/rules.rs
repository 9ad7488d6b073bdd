//! Corrections the model cannot learn from its training data: a name after a title is a person
//! ("President Xi Jinping"), a weekday or month at the edge of a name is a date, not part of the
//! name ("Pyongyang Monday"), and institutions that news names without introduction ("the
//! Kremlin") are organisations.

use textmill_core::Token;

use crate::Mention;
use crate::gazetteer::Gazetteers;

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;

/// Applies the rules; `mentions` end up sorted by position.
pub(crate) fn apply(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.start, m.end));
    for m in mentions.iter_mut() {
        let word = |t: usize| tokens[t].span.text(text);
        let before = (m.start, m.end);
        while m.end - m.start > 1 && is_calendar_word(word(m.end - 1)) {
            m.end -= 1;
        }
        while m.end - m.start > 1 && is_calendar_word(word(m.start)) {
            m.start += 1;
        }
        // The model was confused by the date: a known place left alone is a place.
        if (m.start, m.end) != before
            && Gazetteers::get()
                .place(&text[tokens[m.start].span.start..tokens[m.end - 1].span.end])
                .is_some()
        {
            m.kind = LOC;
        }
    }
    for m in mentions.iter_mut() {
        let titled = m
            .start
            .checked_sub(1)
            .is_some_and(|p| TITLES.binary_search(&tokens[p].span.text(text)).is_ok());
        let name_like = m.end - m.start <= 3
            && tokens[m.start..m.end]
                .iter()
                .all(|t| t.span.text(text).starts_with(char::is_uppercase));
        if titled && name_like {
            m.kind = PER;
        }
    }
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = (1..=4).rev().find(|&n| {
            i + n <= tokens.len()
                && !covered[i..i + n].iter().any(|&c| c)
                && KNOWN_ORGS
                    .binary_search(&&text[tokens[i].span.start..tokens[i + n - 1].span.end])
                    .is_ok()
        });
        match found {
            Some(n) => {
                added.push(Mention {
                    start: i,
                    end: i + n,
                    kind: ORG,
                    score: 0.5,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

fn is_calendar_word(word: &str) -> bool {
    CALENDAR.binary_search(&word).is_ok()
}

// Weekdays and months, sorted.
const CALENDAR: &[&str] = &[
    "April",
    "August",
    "December",
    "February",
    "Friday",
    "January",
    "July",
    "June",
    "March",
    "Monday",
    "November",
    "October",
    "Saturday",
    "September",
    "Sunday",
    "Thursday",
    "Tuesday",
    "Wednesday",
];

// Sorted. Written for this crate.
const TITLES: &[&str] = &[
    "Archbishop",
    "Chancellor",
    "Dr",
    "Dr.",
    "Gen.",
    "General",
    "Gov.",
    "Governor",
    "King",
    "Lt.",
    "Minister",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Pope",
    "Premier",
    "President",
    "Prince",
    "Princess",
    "Prof.",
    "Professor",
    "Queen",
    "Rep.",
    "Secretary",
    "Sen.",
    "Senator",
    "Sheikh",
    "leader",
    "spokesman",
    "spokeswoman",
];

// Institutions named in news without introduction; sorted. Written for this crate.
const KNOWN_ORGS: &[&str] = &[
    "African Union",
    "Bundestag",
    "Congress",
    "Downing Street",
    "European Commission",
    "European Union",
    "FBI",
    "Hamas",
    "Hezbollah",
    "IMF",
    "Kremlin",
    "NATO",
    "Nato",
    "Parliament",
    "Pentagon",
    "Senate",
    "Taliban",
    "United Nations",
    "White House",
    "World Bank",
    "Yonhap",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
        assert!(CALENDAR.windows(2).all(|w| w[0] < w[1]));
        assert!(KNOWN_ORGS.windows(2).all(|w| w[0] < w[1]));
    }
}
