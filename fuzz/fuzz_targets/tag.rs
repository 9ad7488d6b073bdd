//! Entity tagging on arbitrary text: spans in bounds, on char boundaries, sorted, scores in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let found = textmill_entities::entities(text);
    let mut last = 0;
    for e in &found {
        assert!(e.span().start >= last && e.span().start < e.span().end && e.span().end <= text.len());
        assert!(text.is_char_boundary(e.span().start) && text.is_char_boundary(e.span().end));
        assert!((0.0..=1.0).contains(&e.score));
        last = e.span().end;
    }
});
