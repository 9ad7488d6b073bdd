//! Abbreviation lists: data the user can extend.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// How a period after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AbbrevKind {
    /// Comes before a name or runs on ("Dr.", "Gen.", "vs.", "e.g."): never ends a sentence.
    Title,
    /// Comes before a number ("No. 5", "p. 55"): ends no sentence when a digit follows.
    Number,
    /// Often ends a sentence ("Inc.", "Jr.", "p.m."): ends one before a capitalised word.
    Final,
    /// Months, states, "U.S.": ends a sentence only before a typical sentence opener.
    Name,
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
        let mut kind = AbbrevKind::Name;
        for line in ENGLISH.lines().map(str::trim) {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            kind = match line {
                "[title]" => AbbrevKind::Title,
                "[number]" => AbbrevKind::Number,
                "[final]" => AbbrevKind::Final,
                "[name]" => AbbrevKind::Name,
                _ => {
                    for word in line.split_whitespace() {
                        map.insert(word.into(), kind);
                    }
                    kind
                }
            };
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
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            let mut buf = [0u8; MAX_LEN];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            // Lower-casing ASCII bytes keeps the bytes valid UTF-8.
            return std::str::from_utf8(lower)
                .ok()
                .and_then(|w| self.map.get(w).copied());
        }
        self.map.get(word).copied()
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
