//! Gazetteers shipped in the crate: places (GeoNames, CC BY 4.0), first names and surnames (US
//! Census 1990, public domain), and hand-written lists of nationalities, religious and political
//! groups (NORP) and languages. See data/NOTICE.md.

use std::collections::HashMap;
use std::sync::LazyLock;

use textmill_core::lexicon::WordList;

use crate::words;

/// What kind of place a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    Country,
    Continent,
    State,
    City,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    First,
    Last,
    Both,
}

#[derive(Debug)]
pub(crate) struct Gazetteers {
    places: HashMap<&'static str, PlaceKind>,
    names: HashMap<&'static str, NameKind>,
}

/// Longest place name in tokens ("Bosnia and Herzegovina" has three).
const MAX_PLACE_TOKENS: usize = 4;

static GAZETTEERS: LazyLock<Gazetteers> = LazyLock::new(|| {
    let places = include_str!("../data/places.tsv")
        .lines()
        .filter_map(|line| {
            let (name, kind) = line.split_once('\t')?;
            let kind = match kind {
                "country" => PlaceKind::Country,
                "continent" => PlaceKind::Continent,
                "us_state" => PlaceKind::State,
                _ => PlaceKind::City,
            };
            Some((name, kind))
        })
        .collect();
    let names = include_str!("../data/names.tsv")
        .lines()
        .filter_map(|line| {
            let (name, kind) = line.split_once('\t')?;
            let kind = match kind {
                "first" => NameKind::First,
                "last" => NameKind::Last,
                _ => NameKind::Both,
            };
            Some((name, kind))
        })
        .collect();
    Gazetteers { places, names }
});

impl Gazetteers {
    pub(crate) fn get() -> &'static Gazetteers {
        &GAZETTEERS
    }

    pub(crate) fn name(&self, token: &str) -> Option<NameKind> {
        self.names.get(token).copied()
    }

    /// The kind of place `name` is (exact spelling, tokens joined by single spaces).
    pub(crate) fn place(&self, name: &str) -> Option<PlaceKind> {
        self.places.get(name).copied()
    }

    /// The longest place name starting at `tokens[0]`: its length in tokens, and whether it is a
    /// country.
    pub(crate) fn place_at(&self, tokens: &[&str], buffer: &mut String) -> Option<(usize, bool)> {
        if !tokens.first()?.starts_with(char::is_uppercase) {
            return None;
        }
        let mut found = None;
        buffer.clear();
        for (n, token) in tokens.iter().take(MAX_PLACE_TOKENS).enumerate() {
            if n > 0 {
                buffer.push(' ');
            }
            buffer.push_str(token);
            if let Some(kind) = self.place(buffer) {
                found = Some((n + 1, kind == PlaceKind::Country));
            }
        }
        found
    }

    pub(crate) fn is_norp(&self, token: &str) -> bool {
        NORP.contains(token)
    }

    pub(crate) fn is_language(&self, token: &str) -> bool {
        LANGUAGES.contains(token)
    }
}

// Word lists, data/words.txt.
static NORP: LazyLock<WordList> = LazyLock::new(|| words::list("norp"));
static LANGUAGES: LazyLock<WordList> = LazyLock::new(|| words::list("languages"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_names_are_found() {
        let g = Gazetteers::get();
        assert_eq!(g.place("Russia"), Some(PlaceKind::Country));
        assert_eq!(g.place("Vladivostok"), Some(PlaceKind::City));
        let mut buffer = String::new();
        assert_eq!(
            g.place_at(&["New", "York", "City"], &mut buffer)
                .map(|p| p.0),
            Some(3)
        );
        assert_eq!(g.name("Pyongyang"), None);
        assert!(matches!(
            g.name("John"),
            Some(NameKind::First | NameKind::Both)
        ));
        assert!(g.is_norp("Russian"));
    }
}
