//! Helpers shared by the batch tests.

use std::path::PathBuf;

use serde_json::{Value, json};
use textmill_batch::{EngineConfig, FieldSet, RunConfig};

/// A short two-sentence record with id `s{i}`.
pub(crate) fn story(i: usize) -> Value {
    json!({"id": format!("s{i}"), "text": format!("Story {i} begins here. It has two sentences.")})
}

/// The records as JSON lines.
pub(crate) fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// A run of `inputs` into `output` that writes every field.
pub(crate) fn config(inputs: Vec<PathBuf>, output: PathBuf) -> RunConfig {
    RunConfig {
        inputs,
        output,
        engine: EngineConfig {
            fields: FieldSet::all(),
            ..EngineConfig::default()
        },
        ..RunConfig::default()
    }
}
