//! Document records read from outside (`Document.from_json`, a pickle, `textmill.read`): a
//! record that passes `DocumentRecord::check` renders as HTML, goes into both Arrow tables, and
//! its spans slice its text, as the Python getters do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textmill::core::DocumentRecord;
use textmill::render::{RenderOptions, document_html};
use textmill_batch::FieldSet;
use textmill_batch::table::{Row, documents, entities};

fuzz_target!(|data: &[u8]| {
    let Ok(record) = serde_json::from_slice::<DocumentRecord>(data) else {
        return;
    };
    if record.check().is_err() {
        return;
    }
    let options = RenderOptions {
        max_chars: 40,
        ..RenderOptions::default()
    };
    let _ = document_html(&record, &options);
    let _ = document_html(&record, &RenderOptions::default());
    documents([Row::Document(&record)], &FieldSet::all(), true).unwrap();
    entities([&record]).unwrap();
    if !record.text.is_empty() {
        let chars: Vec<usize> = record
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([record.text.len()])
            .collect();
        for p in &record.paragraphs {
            let _ = &record.text[chars[p.start]..chars[p.end]];
        }
        for t in &record.tokens {
            let _ = &record.text[chars[t.start]..chars[t.end]];
        }
    }
});
