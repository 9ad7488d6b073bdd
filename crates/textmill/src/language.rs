//! The language of a document, into `metadata.language`: detected from the clean text by
//! whatlang's trigram and script model when its answer is reliable, else the language the page
//! declares (`<html lang>`, `og:locale`), as its primary subtag (`en-GB` is `en`).

use std::collections::HashMap;
use std::sync::LazyLock;

use textmill_core::{Document, Stage};

/// How much of the text is read: enough for a reliable answer, the same cost for any length.
const SAMPLE_BYTES: usize = 512;

/// Share of a sample's words that English function words make up in running English prose at
/// the least (about 0.4 to 0.5 in news; other languages that share a few of them stay far below).
const ENGLISH_FUNCTION_SHARE: f64 = 0.3;
/// Words a sample needs before its share of function words says anything.
const MIN_WORDS: usize = 30;

/// Characters a text in Latin script needs for its language to be told.
const LATIN_MIN_CHARS: usize = 200;

/// whatlang's ISO 639-3 codes to the ISO 639-1 codes `metadata.language` holds.
static CODES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../data/languages.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| line.split_once('\t'))
        .collect()
});

/// The language of `text` as an ISO 639-1 code, when the detector is confident of it.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if mostly_english(sample) {
        return Some("en");
    }
    let info = whatlang::detect(sample).filter(whatlang::Info::is_reliable)?;
    // Languages written in Latin script tell themselves apart by their trigrams, which a short
    // text (a list of names, a headline) has too few of: English name lists came out as
    // Afrikaans or Javanese. A script of its own (Cyrillic, Han, Arabic) is clear at any length.
    if info.script() == whatlang::Script::Latin && sample.chars().count() < LATIN_MIN_CHARS {
        return None;
    }
    CODES.get(info.lang().code()).copied()
}

/// Whether a sample is long enough to tell and its words are mostly English function words:
/// English, without the trigram model, which costs about 0.2 ms a document whatever its length
/// (it scores the text against every language of its script).
fn mostly_english(sample: &str) -> bool {
    if sample.len() < LATIN_MIN_CHARS {
        return false;
    }
    let function_words = textmill_core::lexicon::function_words();
    let (mut words, mut function) = (0usize, 0usize);
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        function += usize::from(textmill_core::lexicon::with_ascii_lowercase(word, |w| {
            function_words.contains(w)
        }));
    }
    words >= MIN_WORDS && function as f64 >= ENGLISH_FUNCTION_SHARE * words as f64
}

/// A declared language tag (`en-US`, `EN`, `pt_BR`) as its lower-case primary subtag, if it has
/// the shape of one.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The stage that sets `metadata.language` (first of the built-in stages, so that the tagger
/// can skip languages its model was not trained for).
#[derive(Debug, Clone, Copy, Default)]
pub struct LanguageDetector;

impl Stage for LanguageDetector {
    fn name(&self) -> &'static str {
        "language"
    }

    fn annotate(&self, doc: &mut Document) {
        let declared = doc.metadata.language.as_deref().and_then(primary_subtag);
        doc.metadata.language = detect(&doc.text).map(str::to_owned).or(declared);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_whatlang_knows_has_a_code() {
        for lang in whatlang::Lang::all() {
            assert!(CODES.contains_key(lang.code()), "{}", lang.code());
        }
        assert_eq!(CODES.len(), whatlang::Lang::all().len());
    }

    #[test]
    fn reliable_detections_win_over_the_declared_tag() {
        let mut doc = Document::new(
            "d",
            "Северокорейский лидер Ким Чен Ын прибыл во Владивосток на бронепоезде, где \
             встретится с президентом России Владимиром Путиным.",
        );
        doc.metadata.language = Some("en-US".into());
        LanguageDetector.annotate(&mut doc);
        assert_eq!(doc.metadata.language.as_deref(), Some("ru"));
        let mut doc = Document::new("d", "OK");
        doc.metadata.language = Some("en-GB".into());
        LanguageDetector.annotate(&mut doc);
        assert_eq!(doc.metadata.language.as_deref(), Some("en"));
        assert_eq!(primary_subtag("pt_BR").as_deref(), Some("pt"));
        assert_eq!(primary_subtag("{{lang}}"), None);
    }
}
