//! The whole pipeline on arbitrary bytes, as `Pipeline.process` and `process_batch` in Python
//! and every corpus run call it: a document or a typed error, and a document's record is one
//! that `DocumentRecord::check` accepts (its offsets fit its text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use textmill::{InputKind, Pipeline};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, input)) = data.split_first() else {
        return;
    };
    let kind = [InputKind::Auto, InputKind::Html, InputKind::Text][usize::from(pick) % 3];
    let pipeline = Pipeline::default();
    if let Ok(doc) = pipeline.process("fuzz", input, kind) {
        doc.to_record().check().unwrap();
    }
    if let Ok(text) = std::str::from_utf8(input) {
        let doc = pipeline.process_str("fuzz", text, kind);
        doc.to_record().check().unwrap();
    }
});
