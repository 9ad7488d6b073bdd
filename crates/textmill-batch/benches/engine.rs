//! What the corpus engine adds to the stages it runs: the same records processed by
//! `Pipeline::process_str` in a plain loop, and by `run_records` on one worker thread (reading,
//! serialising and writing included, output to a sink), side by side, best of three.
//!
//! `cargo bench -p textmill-batch --bench engine -- [JSONL]`; the default input is the sample
//! corpus (examples/corpus.jsonl), repeated to 2,000 records.

use std::time::{Duration, Instant};

use textmill::{InputKind, Pipeline};
use textmill_batch::{EngineConfig, FieldSet, Item, ReadConfig, Record};

fn records(path: &str) -> Vec<Record> {
    let file = textmill_batch::InputFile {
        path: path.into(),
        format: textmill_batch::Format::Jsonl,
    };
    let mut records: Vec<Record> = textmill_batch::read_files(vec![file], ReadConfig::default())
        .filter_map(Result::ok)
        .collect();
    let original = records.len();
    while records.len() < 2000 && original > 0 {
        let copy = records[records.len() % original].clone();
        records.push(copy);
    }
    records
}

fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .expect("three runs")
}

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/corpus.jsonl").into()
        });
    let records = records(&path);
    let bytes: usize = records.iter().map(|r| r.content.len()).sum();
    let pipeline = Pipeline::default();
    let stages = best_of_three(|| {
        for record in &records {
            let text = match &record.content {
                textmill_batch::Content::Text(text) => text.as_str(),
                textmill_batch::Content::Bytes(_) => continue,
            };
            let kind = if record.kind == InputKind::Html {
                InputKind::Html
            } else {
                InputKind::Text
            };
            std::hint::black_box(pipeline.process_str(&record.id, text, kind));
        }
    });
    let config = EngineConfig {
        threads: 1,
        fields: FieldSet::default(),
        ..EngineConfig::default()
    };
    let engine = best_of_three(|| {
        let items: Vec<Item> = records.iter().cloned().map(Ok).collect();
        let mut sink = std::io::sink();
        textmill_batch::run_records(items.into_iter(), &pipeline, &mut sink, &config, |_| {})
            .expect("a sink takes every write");
    });
    let all = EngineConfig {
        fields: FieldSet::all(),
        ..config.clone()
    };
    let engine_all = best_of_three(|| {
        let items: Vec<Item> = records.iter().cloned().map(Ok).collect();
        let mut sink = std::io::sink();
        textmill_batch::run_records(items.into_iter(), &pipeline, &mut sink, &all, |_| {})
            .expect("a sink takes every write");
    });
    let per_second = |d: Duration| records.len() as f64 / d.as_secs_f64();
    println!(
        "{} records, {:.1} MB, from {path}",
        records.len(),
        bytes as f64 / 1e6
    );
    println!(
        "stages alone (process_str loop)     {:>8.0} docs/s",
        per_second(stages)
    );
    println!(
        "engine, 1 worker, default fields    {:>8.0} docs/s  ({:+.1}% time)",
        per_second(engine),
        100.0 * (engine.as_secs_f64() / stages.as_secs_f64() - 1.0)
    );
    println!(
        "engine, 1 worker, all fields        {:>8.0} docs/s  ({:+.1}% time)",
        per_second(engine_all),
        100.0 * (engine_all.as_secs_f64() / stages.as_secs_f64() - 1.0)
    );
}
