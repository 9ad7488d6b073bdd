//! Boilerplate removal on arbitrary bytes, through the HTML and the text entry points.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textmill_boilerplate::{Cleaner, InputKind};

fuzz_target!(|data: &[u8]| {
    let cleaner = Cleaner::default();
    let _ = cleaner.clean(data, InputKind::Auto);
    let html = cleaner.clean_html(data);
    assert!(!html.text.starts_with(char::is_whitespace));
    if let Ok(text) = std::str::from_utf8(data) {
        // A str is cleaned as it is (never decoded again).
        let _ = cleaner.clean_str(text, InputKind::Auto);
        let cleaned = cleaner.clean_text(text);
        // Kept paragraphs are lines of the input.
        for paragraph in cleaned.text.split("\n\n").filter(|p| !p.is_empty()) {
            assert!(text.contains(paragraph));
        }
    }
});
