//! Any input gets an answer: no panic, spans always valid, and pathological inputs that would
//! expose quadratic behaviour (long runs without spaces, millions of dots) finish.

use proptest::prelude::*;
use textmill_segment::Segmenter;

fn check_spans(text: &str, spans: impl Iterator<Item = textmill_core::Span>) {
    let mut last_end = 0;
    for span in spans {
        assert!(span.start < span.end, "empty span {span:?}");
        assert!(
            span.start >= last_end,
            "overlapping or unsorted span {span:?}"
        );
        assert!(span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        last_end = span.end;
    }
}

fn check_all(segmenter: &Segmenter, text: &str) {
    let seg = segmenter.segment(text);
    check_spans(text, seg.paragraphs.iter().copied());
    check_spans(text, seg.sentences.iter().copied());
    check_spans(text, seg.tokens.iter().map(textmill_segment::Token::span));
    // Sentences never cross paragraphs; every non-space char is in some token.
    for s in &seg.sentences {
        assert!(
            seg.paragraphs.iter().any(|p| p.contains(*s)),
            "sentence {s:?} crosses a paragraph"
        );
    }
    let covered: usize = seg
        .tokens
        .iter()
        .map(|t| t.span().text(text).chars().count())
        .sum();
    assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_gets_valid_spans(text in "\\PC{0,300}") {
        check_all(&Segmenter::default(), &text);
    }

    #[test]
    fn punctuation_heavy_text_gets_valid_spans(
        text in proptest::collection::vec(
            prop_oneof![
                Just("."), Just(". "), Just(" . "), Just("..."), Just("…"), Just("?!"), Just("\n"),
                Just("\n\n"), Just("Mr."), Just("U.S."), Just("1."), Just("a)"), Just("“"), Just("”"),
                Just("’s"), Just("Kim"), Just("the"), Just(" "), Just("http://x.io/a."), Just("a@b.co"),
                Just(":)"), Just("<x@y.com>"), Just("Thanks,"), Just("•"), Just("-"), Just("é"), Just("漢"),
            ],
            0..60,
        ).prop_map(|parts| parts.concat())
    ) {
        check_all(&Segmenter::default(), &text);
    }
}

#[test]
fn pathological_inputs_finish() {
    let segmenter = Segmenter::default();
    let inputs = [
        "a".repeat(400_000),
        ".".repeat(100_000),
        ". ".repeat(50_000),
        " . ".repeat(30_000),
        "Mr. ".repeat(25_000),
        "1. ".repeat(30_000),
        "\n".repeat(100_000),
        "a\n".repeat(50_000),
        "’".repeat(30_000),
        "x@".repeat(50_000),
        "http://".repeat(10_000),
        "http://x Y".repeat(10_000),
        "01/24/2001 11:16:25 AM ".repeat(10_000),
        "_".repeat(100_000) + " Next",
        "- ".repeat(50_000),
    ];
    for text in &inputs {
        check_all(&segmenter, text);
    }
}

#[test]
fn empty_and_blank_inputs_have_no_spans() {
    let segmenter = Segmenter::default();
    for text in ["", " ", "\n\n\n", "\t \u{a0}"] {
        let seg = segmenter.segment(text);
        assert!(seg.paragraphs.is_empty() && seg.sentences.is_empty() && seg.tokens.is_empty());
    }
}
