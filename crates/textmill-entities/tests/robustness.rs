//! Any input gets an answer: no panic, spans sorted and on character boundaries, and a text
//! without a sentence end tagged in pieces rather than refused.

use proptest::prelude::*;
use textmill_entities::entities;

#[test]
fn a_megabyte_without_a_sentence_end_gets_an_answer() {
    let text = "Kim met Putin and ".repeat(60_000);
    let found = entities(&text);
    assert!(found.len() > 60_000, "{}", found.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_gives_sorted_spans_on_character_boundaries(text in "(\\PC|[A-Z][a-z]+ |[0-9$%.,]){0,300}") {
        let found = entities(&text);
        for e in &found {
            prop_assert!(text.is_char_boundary(e.span().start) && text.is_char_boundary(e.span().end));
            prop_assert!(e.span().start < e.span().end);
        }
        prop_assert!(found.windows(2).all(|w| w[0].span().end <= w[1].span().start));
    }
}
