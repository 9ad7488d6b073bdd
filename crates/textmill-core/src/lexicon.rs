//! Word lists kept as data, and the lists every stage shares.
//!
//! Every list textmill ships is a plain-text file of `[section]` headers and entries (this
//! crate's `lexicon/`, and each stage's own `data/`), loaded with `include_str!` and sorted once
//! at load into a [`WordList`]:
//!
//! ```text
//! # a comment: where the list comes from
//! [section]
//! entry one, entry two
//! entry three
//! ```
//!
//! Entries are separated by commas or line ends and trimmed; `#` starts a comment line.
//!
//! The shared lists, the way spaCy's `lang/en` serves every component: English stop words
//! ([`stop_words`]), month names in six languages ([`months`]), English weekdays
//! ([`weekdays`]) and time-zone abbreviations ([`time_zones`]).

use std::sync::LazyLock;

const STOP_WORDS: &str = include_str!("../lexicon/en/stop_words.txt");
const MONTHS: &str = include_str!("../lexicon/months.txt");
const WEEKDAYS: &str = include_str!("../lexicon/en/weekdays.txt");
const TIME_ZONES: &str = include_str!("../lexicon/time_zones.txt");

/// The files of this crate's lexicon, by name, for tests that check every list.
pub const FILES: [(&str, &str); 4] = [
    ("lexicon/en/stop_words.txt", STOP_WORDS),
    ("lexicon/months.txt", MONTHS),
    ("lexicon/en/weekdays.txt", WEEKDAYS),
    ("lexicon/time_zones.txt", TIME_ZONES),
];

/// The `(section, entry)` pairs of a list file, in file order. Entries before the first header
/// have the section `""`.
///
/// ```
/// let list = "# kinds\n[share]\nshare, social\n[nav]\nmenu\n";
/// let entries: Vec<_> = textmill_core::lexicon::entries(list).collect();
/// assert_eq!(entries, [("share", "share"), ("share", "social"), ("nav", "menu")]);
/// ```
pub fn entries(text: &str) -> impl Iterator<Item = (&str, &str)> {
    lines(text).flat_map(|(section, line)| items(line).map(move |e| (section, e)))
}

/// The `(section, line)` pairs of a list file, for tables where a line is a record (a month and
/// its spellings); comments and blank lines left out.
pub fn lines(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            None
        } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim();
            None
        } else {
            Some((section, line))
        }
    })
}

/// The comma-separated entries of one line.
pub fn items(line: &str) -> impl Iterator<Item = &str> {
    line.split(',').map(str::trim).filter(|e| !e.is_empty())
}

/// The entries of one section of a list file, in file order.
pub fn section<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    entries(text)
        .filter(|(s, _)| *s == name)
        .map(|(_, e)| e)
        .collect()
}

/// Sections named in the same file more than once, and entries repeated within a section: what
/// a list file must not have (a test of each crate runs this over its files).
pub fn problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut headers: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if headers.contains(&name.trim()) {
                problems.push(format!("section [{name}] appears twice"));
            }
            headers.push(name.trim());
        }
    }
    let mut seen: Vec<(&str, &str)> = entries(text).collect();
    seen.sort_unstable();
    for pair in seen.windows(2) {
        if pair[0] == pair[1] {
            problems.push(format!("[{}] lists {:?} twice", pair[0].0, pair[0].1));
        }
    }
    if !text.trim_start().starts_with('#') {
        problems.push("the file does not begin with a comment saying where it comes from".into());
    }
    problems
}

/// A set of words, sorted once at load for binary search. Look-ups are exact (case-sensitive);
/// [`WordList::contains_lowercase`] lower-cases ASCII first, for lists kept in lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    words: Box<[&'static str]>,
}

impl WordList {
    /// The set of `words` (duplicates dropped).
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut words: Vec<&'static str> = words.into_iter().collect();
        words.sort_unstable();
        words.dedup();
        WordList {
            words: words.into(),
        }
    }

    /// The entries of the given sections of a list file.
    ///
    /// ```
    /// use textmill_core::lexicon::WordList;
    /// let list = WordList::from_sections("# x\n[a]\npear, apple\n[b]\nfig\n", &["a"]);
    /// assert_eq!(list.iter().collect::<Vec<_>>(), ["apple", "pear"]);
    /// assert!(list.contains("pear") && !list.contains("fig"));
    /// ```
    pub fn from_sections(text: &'static str, sections: &[&str]) -> Self {
        WordList::new(
            entries(text)
                .filter(|(s, _)| sections.contains(s))
                .map(|(_, e)| e),
        )
    }

    /// The entries of `[section]` of a stage's list file, which must have them: a missing section
    /// is a broken build, caught by the first test that loads it.
    ///
    /// # Panics
    ///
    /// When the file has no entries under `[section]`.
    pub fn required(text: &'static str, file: &str, section: &str) -> Self {
        let list = WordList::from_sections(text, &[section]);
        assert!(!list.is_empty(), "{file} has no [{section}]");
        list
    }

    /// Whether `word` is on the list, exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        self.words.binary_search(&word).is_ok()
    }

    /// Whether `word`, with its ASCII letters lower-cased, is on the list.
    ///
    /// ```
    /// assert!(textmill_core::lexicon::stop_words().contains_lowercase("The"));
    /// ```
    pub fn contains_lowercase(&self, word: &str) -> bool {
        with_ascii_lowercase(word, |w| self.contains(w))
    }

    /// The words, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().copied()
    }

    /// How many words the list has.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Calls `f` with `word`'s ASCII letters lower-cased, without allocating for words of up to 32
/// bytes (look-ups run per token).
///
/// ```
/// use textmill_core::lexicon::with_ascii_lowercase;
/// assert!(with_ascii_lowercase("MONDAY", |w| w == "monday"));
/// ```
pub fn with_ascii_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 32;
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    if word.len() > MAX {
        return f(&word.to_ascii_lowercase());
    }
    let mut buf = [0u8; MAX];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // Lower-casing ASCII bytes keeps the bytes valid UTF-8.
    f(std::str::from_utf8(lower).expect("ASCII lower-casing keeps UTF-8 valid"))
}

/// English stop words (`lexicon/en/stop_words.txt`), lower case: function words too common to
/// say what a text is about.
pub fn stop_words() -> &'static WordList {
    static LIST: LazyLock<WordList> =
        LazyLock::new(|| WordList::from_sections(STOP_WORDS, &["function", "other"]));
    &LIST
}

/// The most frequent English function words (the `[function]` part of [`stop_words`]): dense in
/// any running prose, rare in menus and lists of headlines.
pub fn function_words() -> &'static WordList {
    static LIST: LazyLock<WordList> =
        LazyLock::new(|| WordList::from_sections(STOP_WORDS, &["function"]));
    &LIST
}

/// One spelling of a calendar name (a month or a weekday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarName {
    /// The language's code, the list's section (`en`, `de`, `fr`, `es`, `it`, `nl`).
    pub language: &'static str,
    /// 1 for January (or Monday), 12 for December (7 for Sunday).
    pub number: u32,
    /// The spelling, lower case, without a final period.
    pub spelling: &'static str,
    /// Whether this is the full name (the first on its line), not an abbreviation.
    pub full: bool,
}

fn calendar(text: &'static str, per_language: u32) -> Vec<CalendarName> {
    let mut names = Vec::new();
    let mut current = "";
    let mut number = 0;
    for (language, line) in lines(text) {
        if language != current {
            (current, number) = (language, 0);
        }
        number += 1;
        assert!(
            number <= per_language,
            "[{language}] has more than {per_language} lines"
        );
        for (k, spelling) in items(line).enumerate() {
            names.push(CalendarName {
                language,
                number,
                spelling,
                full: k == 0,
            });
        }
    }
    names
}

/// Every spelling of every month (`lexicon/months.txt`), language by language, January first.
///
/// ```
/// let may = textmill_core::lexicon::months().iter().find(|m| m.spelling == "mai").unwrap();
/// assert_eq!((may.language, may.number, may.full), ("de", 5, true));
/// ```
pub fn months() -> &'static [CalendarName] {
    static LIST: LazyLock<Vec<CalendarName>> = LazyLock::new(|| calendar(MONTHS, 12));
    &LIST
}

/// Every spelling of every English weekday (`lexicon/en/weekdays.txt`), Monday first.
pub fn weekdays() -> &'static [CalendarName] {
    static LIST: LazyLock<Vec<CalendarName>> = LazyLock::new(|| calendar(WEEKDAYS, 7));
    &LIST
}

/// The English month (1 to 12) that `word` names in full or abbreviated, lower case, a final
/// period aside.
///
/// ```
/// use textmill_core::lexicon::english_month;
/// assert_eq!(english_month("sept.").map(|m| m.number), Some(9));
/// assert_eq!(english_month("mai"), None);
/// ```
pub fn english_month(word: &str) -> Option<&'static CalendarName> {
    static INDEX: LazyLock<Vec<&CalendarName>> =
        LazyLock::new(|| by_spelling(months().iter().filter(|m| m.language == "en")));
    find(&INDEX, word)
}

/// Names sorted by spelling, for binary search (the tagger looks tokens up in them).
fn by_spelling(names: impl Iterator<Item = &'static CalendarName>) -> Vec<&'static CalendarName> {
    let mut names: Vec<&CalendarName> = names.collect();
    names.sort_unstable_by_key(|n| n.spelling);
    names
}

fn find(index: &[&'static CalendarName], word: &str) -> Option<&'static CalendarName> {
    let word = word.strip_suffix('.').unwrap_or(word);
    index
        .binary_search_by(|n| n.spelling.cmp(word))
        .ok()
        .map(|i| index[i])
}

/// The English weekday that `word` names in full or abbreviated, lower case, a final period
/// aside.
pub fn english_weekday(word: &str) -> Option<&'static CalendarName> {
    static INDEX: LazyLock<Vec<&CalendarName>> = LazyLock::new(|| by_spelling(weekdays().iter()));
    find(&INDEX, word)
}

/// The English month or weekday that `word` names in full, capitalised as in running text
/// ("January", "Monday"; not "JANUARY", "january" or "Jan").
///
/// ```
/// use textmill_core::lexicon::capitalised_calendar_name;
/// assert_eq!(capitalised_calendar_name("March").map(|m| m.number), Some(3));
/// assert!(capitalised_calendar_name("march").is_none() && capitalised_calendar_name("Mar").is_none());
/// ```
pub fn capitalised_calendar_name(word: &str) -> Option<&'static CalendarName> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !first.is_ascii_uppercase() || !chars.all(|c| c.is_ascii_lowercase()) || word.len() > 9 {
        return None;
    }
    with_ascii_lowercase(word, |lower| {
        english_month(lower)
            .or_else(|| english_weekday(lower))
            .filter(|name| name.full && name.spelling == lower)
    })
}

/// Time-zone abbreviations written after a clock time (`lexicon/time_zones.txt`), upper case.
pub fn time_zones() -> &'static WordList {
    static LIST: LazyLock<WordList> =
        LazyLock::new(|| WordList::from_sections(TIME_ZONES, &["zones"]));
    &LIST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_file_is_free_of_duplicates_and_says_its_source() {
        for (name, text) in FILES {
            assert_eq!(problems(text), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn problems_finds_a_repeated_entry_and_a_missing_source() {
        assert_eq!(
            problems("[a]\nx, y\nx\n"),
            [
                "[a] lists \"x\" twice",
                "the file does not begin with a comment saying where it comes from"
            ]
        );
        assert_eq!(
            problems("# ok\n[a]\nx\n[a]\ny\n"),
            ["section [a] appears twice"]
        );
    }

    #[test]
    fn calendars_have_every_month_and_weekday_of_each_language() {
        for language in ["en", "de", "fr", "es", "it", "nl"] {
            let full: Vec<u32> = months()
                .iter()
                .filter(|m| m.language == language && m.full)
                .map(|m| m.number)
                .collect();
            assert_eq!(full, (1..=12).collect::<Vec<_>>(), "{language}");
        }
        assert_eq!(weekdays().iter().filter(|d| d.full).count(), 7);
        assert_eq!(english_weekday("thurs.").map(|d| d.number), Some(4));
        assert_eq!(english_month("may").map(|m| m.number), Some(5));
    }

    #[test]
    fn function_words_are_stop_words() {
        assert!(function_words().len() < stop_words().len());
        assert!(function_words().iter().all(|w| stop_words().contains(w)));
        assert!(stop_words().contains_lowercase("Because") && !stop_words().contains("Because"));
    }
}
