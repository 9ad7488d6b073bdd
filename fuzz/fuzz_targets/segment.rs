//! Segmentation on arbitrary text: spans in bounds, on char boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textmill_segment::Segmenter;

fuzz_target!(|text: &str| {
    let seg = Segmenter::default().segment(text);
    for spans in [&seg.paragraphs, &seg.sentences] {
        let mut last = 0;
        for span in spans.iter() {
            assert!(span.start >= last && span.start < span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            last = span.end;
        }
    }
    for token in &seg.tokens {
        assert!(token.span().start < token.span().end && token.span().end <= text.len());
        assert!(text.is_char_boundary(token.span().start) && text.is_char_boundary(token.span().end));
    }
});
