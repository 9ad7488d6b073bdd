//! Any input and budget get an answer: no panic, summary sentences that are the segmenter's
//! sentences, and a megabyte without a sentence end summarised.

use proptest::prelude::*;
use textmill_summarize::{Budget, ClusterMethod, Config, Method, Summarizer, summarize};

#[test]
fn a_megabyte_without_a_sentence_end_is_summarised() {
    let text = "word and another word ".repeat(50_000);
    let summary = summarize(&text, Budget::Sentences(3));
    assert_eq!(summary.sentences.len(), 1);
    let many = "Kim met Putin in Vladivostok today. ".repeat(30_000);
    let summary = summarize(&many, Budget::Ratio(0.1));
    assert!(!summary.sentences.is_empty());
}

#[test]
fn a_cluster_of_nothing_or_of_empty_texts_has_an_empty_summary() {
    for cluster in [ClusterMethod::Central, ClusterMethod::Pooled] {
        let summarizer = Summarizer::new(Config {
            cluster,
            ..Config::default()
        });
        assert!(
            summarizer
                .summarize_cluster(&[], Budget::Words(100))
                .sentences
                .is_empty()
        );
        let empty = summarizer.summarize_cluster(&["", " \n "], Budget::Words(100));
        assert!(empty.sentences.is_empty(), "{cluster:?}");
    }
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
        cluster in prop_oneof![Just(ClusterMethod::Central), Just(ClusterMethod::Pooled)],
    ) {
        let summarizer = Summarizer::new(Config { method, cluster, ..Config::default() });
        let summary = summarizer.summarize(&text, budget);
        let sentences = textmill_segment::sentences(&text);
        prop_assert_eq!(summary.scores.len(), sentences.len());
        for s in &summary.sentences {
            prop_assert_eq!(s.span, sentences[s.index]);
        }
        let texts = [text.as_str(), "Kim met Putin."];
        let summary = summarizer.summarize_cluster(&texts, budget);
        for s in &summary.sentences {
            prop_assert!(s.doc < 2);
            prop_assert_eq!(s.span, textmill_segment::sentences(texts[s.doc])[s.index]);
        }
    }
}
