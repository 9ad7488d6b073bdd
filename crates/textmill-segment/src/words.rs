//! The segmenter's own word lists (data/words.txt), loaded once and sorted for look-up.

use textmill_core::lexicon::WordList;

const WORDS: &str = include_str!("../data/words.txt");

/// The entries of `[section]` in data/words.txt.
pub(crate) fn list(section: &str) -> WordList {
    WordList::required(WORDS, "data/words.txt", section)
}
