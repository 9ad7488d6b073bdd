//! Summaries and clusters of arbitrary text under any budget: chosen sentences are sentences of
//! the text, in order, and scores are finite.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textmill_summarize::{Budget, summarize, summarize_cluster};

fuzz_target!(|input: (u8, u16, &str)| {
    let (kind, amount, text) = input;
    let budget = match kind % 4 {
        0 => Budget::Sentences(amount as usize % 10),
        1 => Budget::Words(amount as usize),
        2 => Budget::Chars(amount as usize),
        _ => Budget::Ratio(amount as f64 / u16::MAX as f64),
    };
    let summary = summarize(text, budget);
    let sentences = textmill_segment::sentences(text);
    assert_eq!(summary.scores.len(), sentences.len());
    assert!(summary.scores.iter().all(|s| s.is_finite()));
    assert!(summary.sentences.windows(2).all(|w| w[0].index < w[1].index));
    for s in &summary.sentences {
        assert_eq!(s.span, sentences[s.index]);
    }
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle -= 1;
    }
    let (a, b) = text.split_at(middle);
    for s in summarize_cluster(&[a, b], budget).sentences {
        assert!(s.doc < 2);
    }
});
