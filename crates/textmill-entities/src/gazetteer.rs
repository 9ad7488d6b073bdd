//! Gazetteers shipped in the crate: places (GeoNames, CC BY 4.0), first names and surnames (US
//! Census 1990, public domain), and hand-written lists of nationalities, religious and political
//! groups (NORP) and languages. See data/NOTICE.md.

use std::collections::HashMap;
use std::sync::LazyLock;

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
        NORP.binary_search(&token).is_ok()
    }

    pub(crate) fn is_language(&self, token: &str) -> bool {
        LANGUAGES.binary_search(&token).is_ok()
    }
}

// Nationalities, religious and political groups; sorted. Written for this crate.
const NORP: &[&str] = &[
    "Afghan",
    "African",
    "Albanian",
    "Algerian",
    "American",
    "Americans",
    "Anglican",
    "Arab",
    "Arabs",
    "Argentine",
    "Argentinian",
    "Armenian",
    "Asian",
    "Australian",
    "Austrian",
    "Azerbaijani",
    "Baptist",
    "Belarusian",
    "Belgian",
    "Bolivian",
    "Bosnian",
    "Brazilian",
    "British",
    "Buddhist",
    "Buddhists",
    "Bulgarian",
    "Burmese",
    "Cambodian",
    "Canadian",
    "Catholic",
    "Catholics",
    "Chilean",
    "Chinese",
    "Christian",
    "Christians",
    "Colombian",
    "Communist",
    "Communists",
    "Conservative",
    "Conservatives",
    "Croatian",
    "Cuban",
    "Czech",
    "Danish",
    "Democrat",
    "Democratic",
    "Democrats",
    "Dutch",
    "Egyptian",
    "Emirati",
    "English",
    "Eritrean",
    "Estonian",
    "Ethiopian",
    "European",
    "Europeans",
    "Filipino",
    "Finnish",
    "French",
    "Georgian",
    "German",
    "Germans",
    "Ghanaian",
    "Greek",
    "Haitian",
    "Hindu",
    "Hindus",
    "Hispanic",
    "Hungarian",
    "Indian",
    "Indians",
    "Indonesian",
    "Iranian",
    "Iranians",
    "Iraqi",
    "Iraqis",
    "Irish",
    "Islamic",
    "Islamist",
    "Islamists",
    "Israeli",
    "Israelis",
    "Italian",
    "Jamaican",
    "Japanese",
    "Jew",
    "Jewish",
    "Jews",
    "Jordanian",
    "Kazakh",
    "Kenyan",
    "Korean",
    "Koreans",
    "Kurdish",
    "Kurds",
    "Kuwaiti",
    "Latin",
    "Latino",
    "Latvian",
    "Lebanese",
    "Liberal",
    "Liberals",
    "Libyan",
    "Lithuanian",
    "Malaysian",
    "Mexican",
    "Mexicans",
    "Mongolian",
    "Mormon",
    "Moroccan",
    "Muslim",
    "Muslims",
    "Nazi",
    "Nazis",
    "Nepalese",
    "Nigerian",
    "Norwegian",
    "Orthodox",
    "Pakistani",
    "Palestinian",
    "Palestinians",
    "Peruvian",
    "Polish",
    "Portuguese",
    "Protestant",
    "Republican",
    "Republicans",
    "Romanian",
    "Russian",
    "Russians",
    "Saudi",
    "Scottish",
    "Serbian",
    "Shiite",
    "Sikh",
    "Singaporean",
    "Slovak",
    "Socialist",
    "Socialists",
    "Somali",
    "Soviet",
    "Spanish",
    "Sudanese",
    "Sunni",
    "Swedish",
    "Swiss",
    "Syrian",
    "Syrians",
    "Taiwanese",
    "Thai",
    "Tibetan",
    "Turkish",
    "Ugandan",
    "Ukrainian",
    "Ukrainians",
    "Uzbek",
    "Venezuelan",
    "Vietnamese",
    "Welsh",
    "Western",
    "Yemeni",
    "Zimbabwean",
];

// Languages that are not also common nationality words in running text; sorted.
const LANGUAGES: &[&str] = &[
    "Arabic",
    "Bengali",
    "Cantonese",
    "English",
    "Esperanto",
    "Farsi",
    "French",
    "German",
    "Hebrew",
    "Hindi",
    "Italian",
    "Japanese",
    "Korean",
    "Latin",
    "Mandarin",
    "Persian",
    "Portuguese",
    "Punjabi",
    "Russian",
    "Sanskrit",
    "Spanish",
    "Swahili",
    "Tagalog",
    "Tamil",
    "Turkish",
    "Ukrainian",
    "Urdu",
    "Yiddish",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        assert!(NORP.windows(2).all(|w| w[0] < w[1]));
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
    }

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
        assert!(g.name("Vladimir").is_none() || g.name("John").is_some());
        assert!(matches!(
            g.name("John"),
            Some(NameKind::First | NameKind::Both)
        ));
        assert!(g.is_norp("Russian"));
    }
}
