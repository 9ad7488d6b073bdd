//! Abbreviation lists: data the user can extend.

use std::collections::HashMap;

use textmill_core::lexicon::{months, weekdays, with_ascii_lowercase};

textmill_core::named_enum! {
    /// How a period after an abbreviation behaves.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AbbrevKind ("abbreviation kind") {
        /// Comes before a name or runs on ("Dr.", "Gen.", "vs.", "e.g."): never ends a sentence.
        Title = "title",
        /// Comes before a number ("No. 5", "p. 55"): ends no sentence when a digit follows.
        Number = "number",
        /// Often ends a sentence ("Inc.", "Jr.", "p.m."): ends one before a capitalised word.
        Final = "final",
        /// Months, states, "U.S.": ends a sentence only before a typical sentence opener.
        Name = "name",
    }
}

/// A set of abbreviations (lower-case, without the final period) and how each behaves.
#[derive(Debug, Clone)]
pub struct Abbreviations {
    map: HashMap<Box<str>, AbbrevKind>,
}

const ENGLISH: &str = include_str!("../data/abbreviations.txt");

/// Longest abbreviation looked up; longer words are never abbreviations.
const MAX_LEN: usize = 12;

impl Abbreviations {
    /// The built-in English list (`data/abbreviations.txt`).
    pub fn english() -> Self {
        let mut map = HashMap::new();
        for (section, word) in textmill_core::lexicon::entries(ENGLISH) {
            let kind = section
                .parse()
                .unwrap_or_else(|e| panic!("data/abbreviations.txt: {e}"));
            map.insert(word.into(), kind);
        }
        // Month and weekday abbreviations ("Jan.", "Thurs.") usually run on into a name or date.
        let calendar = months()
            .iter()
            .filter(|m| m.language == "en")
            .chain(weekdays());
        for name in calendar.filter(|name| !name.full) {
            map.insert(name.spelling.into(), AbbrevKind::Name);
        }
        Abbreviations { map }
    }

    /// Adds or overrides one abbreviation (case-insensitive, final period optional).
    pub fn insert(&mut self, abbreviation: &str, kind: AbbrevKind) {
        let key = abbreviation.trim().trim_end_matches('.').to_lowercase();
        if !key.is_empty() && key.len() <= MAX_LEN {
            self.map.insert(key.into(), kind);
        }
    }

    /// How `word` (without its final period) behaves, if it is an abbreviation.
    pub fn get(&self, word: &str) -> Option<AbbrevKind> {
        if word.is_empty() || word.len() > MAX_LEN {
            return None;
        }
        with_ascii_lowercase(word, |w| self.map.get(w).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_user_entries_override() {
        let mut abbrevs = Abbreviations::english();
        assert_eq!(abbrevs.get("Gen"), Some(AbbrevKind::Title));
        assert_eq!(abbrevs.get("U.S"), Some(AbbrevKind::Name));
        assert_eq!(abbrevs.get("Inc"), Some(AbbrevKind::Final));
        assert_eq!(abbrevs.get("Putin"), None);
        abbrevs.insert("Putin.", AbbrevKind::Title);
        assert_eq!(abbrevs.get("PUTIN"), Some(AbbrevKind::Title));
    }
}
