//! Pipeline settings from JSON and TOML (`textmill run --config`, Python `Pipeline(config=)`):
//! refused with an error naming the setting, or accepted, and an accepted config builds a
//! pipeline that processes a document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textmill::{InputKind, Pipeline, PipelineConfig};

const ARTICLE: &str = "Flood defences held in York on Tuesday.\n\n\
    The River Ouse rose to 4.2 metres, the Environment Agency said. Residents were told to stay \
    away from the banks.\n\nMost Popular\n\nRead more: Storm warnings";

fuzz_target!(|text: &str| {
    let configs = [
        serde_json::from_str::<PipelineConfig>(text).ok(),
        toml::from_str::<PipelineConfig>(text).ok(),
    ];
    for config in configs.into_iter().flatten() {
        if config.check().is_ok() {
            let doc = Pipeline::new(config).process_str("a", ARTICLE, InputKind::Text);
            assert!(doc.text.len() <= ARTICLE.len());
        }
    }
});
