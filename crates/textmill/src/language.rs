//! The language of a document, into `metadata.language`: detected from the clean text by
//! whatlang's trigram and script model when its answer is reliable, else the language the page
//! declares (`<html lang>`, `og:locale`), as its primary subtag (`en-GB` is `en`).

use std::collections::HashMap;
use std::sync::LazyLock;

use textmill_core::{Document, Stage};

/// How much of the text is read: enough for a reliable answer, the same cost for any length.
const SAMPLE_BYTES: usize = 4096;

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
    let info = whatlang::detect(&text[..end]).filter(whatlang::Info::is_reliable)?;
    CODES.get(info.lang().code()).copied()
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
