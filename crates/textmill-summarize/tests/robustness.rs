//! Any input and budget get an answer: no panic, summary sentences that are the segmenter's
//! sentences, and a megabyte without a sentence end summarised.

use proptest::prelude::*;
use textmill_summarize::{Budget, Config, Method, Summarizer, summarize};

#[test]
fn a_megabyte_without_a_sentence_end_is_summarised() {
    let text = "word and another word ".repeat(50_000);
    let summary = summarize(&text, Budget::Sentences(3));
    assert_eq!(summary.sentences.len(), 1);
    let many = "Kim met Putin in Vladivostok today. ".repeat(30_000);
    let summary = summarize(&many, Budget::Ratio(0.1));
    assert!(!summary.sentences.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_and_budget_give_valid_sentences(
        text in "(\\PC|[.!?\\n ]){0,400}",
        budget in prop_oneof![
            (0usize..6).prop_map(Budget::Sentences),
            (0usize..80).prop_map(Budget::Words),
            (0usize..400).prop_map(Budget::Chars),
            (0.0f64..1.0).prop_map(Budget::Ratio),
        ],
        method in prop_oneof![
            Just(Method::PacSum), Just(Method::LexRank), Just(Method::TextRank), Just(Method::Lead)
        ],
    ) {
        let summarizer = Summarizer::new(Config { method, ..Config::default() });
        let summary = summarizer.summarize(&text, budget);
        let sentences = textmill_segment::sentences(&text);
        prop_assert_eq!(summary.scores.len(), sentences.len());
        for s in &summary.sentences {
            prop_assert_eq!(s.span, sentences[s.index]);
        }
        let cluster = summarizer.summarize_cluster(&[&text, "Kim met Putin."], budget);
        for s in &cluster.sentences {
            prop_assert!(s.doc < 2);
        }
    }
}
