//! What the models' text features count: digits, letters, commas, capitals and function words
//! (of several languages) in one pass over a text.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::fnv::FnvBuild;

/// Function words of several languages (data/function_words.txt).
static FUNCTION_WORDS: LazyLock<HashSet<&'static str, FnvBuild>> = LazyLock::new(|| {
    textmill_core::lexicon::entries(include_str!("../data/function_words.txt"))
        .map(|(_, word)| word)
        .collect()
});

/// The longest function word, in bytes: longer words are not looked up.
static LONGEST_FUNCTION_WORD: LazyLock<usize> =
    LazyLock::new(|| FUNCTION_WORDS.iter().map(|w| w.len()).max().unwrap_or(0));

/// What the text features count, in one pass over a block's text.
#[derive(Debug, Default)]
pub(crate) struct TextCounts {
    pub(crate) digits: usize,
    pub(crate) letters: usize,
    pub(crate) commas: usize,
    /// Words (whitespace-separated, with a letter or digit), those starting with a capital, and
    /// the function words among them.
    pub(crate) words: usize,
    pub(crate) capitalised: usize,
    pub(crate) function_words: usize,
}

impl TextCounts {
    pub(crate) fn of(text: &str) -> TextCounts {
        let mut counts = TextCounts::default();
        let mut lower = String::new();
        for word in text.split_whitespace() {
            // ASCII words (most of them) are counted byte by byte.
            let word = if word.is_ascii() {
                let bytes = word.as_bytes();
                counts.capitalised += usize::from(bytes[0].is_ascii_uppercase());
                for &b in bytes {
                    counts.digits += usize::from(b.is_ascii_digit());
                    counts.letters += usize::from(b.is_ascii_alphabetic());
                    counts.commas += usize::from(b == b',');
                }
                word.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            } else {
                counts.capitalised +=
                    usize::from(word.chars().next().is_some_and(char::is_uppercase));
                for c in word.chars() {
                    counts.digits += usize::from(c.is_numeric());
                    counts.letters += usize::from(c.is_alphabetic());
                    counts.commas += usize::from(matches!(c, ',' | '，'));
                }
                word.trim_matches(|c: char| !c.is_alphanumeric())
            };
            if word.is_empty() {
                continue;
            }
            counts.words += 1;
            counts.function_words += usize::from(is_function_word(word, &mut lower));
        }
        counts
    }
}

/// Whether `word` (any case) is a function word; `lower` is scratch space.
fn is_function_word(word: &str, lower: &mut String) -> bool {
    if word.len() > *LONGEST_FUNCTION_WORD {
        return false;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return FUNCTION_WORDS.contains(word);
    }
    lower.clear();
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(word.chars().flat_map(char::to_lowercase));
    }
    FUNCTION_WORDS.contains(lower.as_str())
}
