//! The entity model loader on arbitrary bytes (a model file is outside input: `--model`,
//! `Tagger(model=path)`). Refused with an error or loaded; a loaded model tags text. libFuzzer's
//! `-rss_limit_mb` catches a file that makes the loader allocate more than its bytes back.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use textmill_entities::{Config, Model, Tagger};

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = Model::from_bytes(data) {
        let tagger = Tagger::with_model(Config::default(), Arc::new(model));
        let text = "Angela Merkel met officials of the United Nations in Geneva on 3 May 2021.";
        for e in tagger.entities(text) {
            assert!(e.span().end <= text.len() && (0.0..=1.0).contains(&e.score));
        }
    }
});
