//! What the corpus engine adds to the stages it runs: the same records processed by
//! `Pipeline::process_str` in a plain loop, and by `run_records` on one worker thread
//! (serialising and writing included, output to a sink). The variants run in turn, seven rounds,
//! and each keeps its best round: on a shared machine only interleaved runs compare. Each is
//! timed by the wall clock and by the CPU time of the whole process (all its threads, from
//! /proc/self/stat), which other jobs on the machine disturb less.
//!
//! `cargo bench -p textmill-batch --bench engine -- [JSONL]`: the first 2,000 records of the
//! file (optionally .gz or .zst; `text` or `html` fields); the default input is the sample
//! corpus (examples/corpus.jsonl), repeated to 2,000 records.

use std::time::{Duration, Instant};

use textmill::Pipeline;
use textmill_batch::{EngineConfig, Field, FieldSet, Item, ReadConfig, Record};

fn records(path: &str) -> Vec<Record> {
    let file = textmill_batch::InputFile {
        path: path.into(),
        format: textmill_batch::Format::Jsonl,
    };
    let mut records: Vec<Record> = textmill_batch::read_files(vec![file], ReadConfig::default())
        .filter_map(Result::ok)
        .take(2000)
        .collect();
    let original = records.len();
    while records.len() < 2000 && original > 0 {
        let copy = records[records.len() % original].clone();
        records.push(copy);
    }
    records
}

/// CPU seconds used by this process so far, all threads (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the name), in clock ticks.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// Rounds of every variant in turn; each variant keeps its best.
const ROUNDS: usize = 7;

/// A named way of processing the records.
type Variant<'a> = (&'static str, Box<dyn Fn() + 'a>);

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/corpus.jsonl").into()
        });
    let records = records(&path);
    assert!(
        !records.is_empty(),
        "no records with a text or html field in {path}"
    );
    let bytes: usize = records.iter().map(|r| r.content.len()).sum();
    let pipeline = Pipeline::default();
    let stages_alone = || {
        for record in &records {
            let textmill_batch::Content::Text(text) = &record.content else {
                continue;
            };
            std::hint::black_box(pipeline.process_str(&record.id, text, record.kind));
        }
    };
    let engine = |fields: FieldSet| {
        let config = EngineConfig {
            threads: 1,
            fields,
            ..EngineConfig::default()
        };
        let items: Vec<Item> = records.iter().cloned().map(Ok).collect();
        let mut sink = std::io::sink();
        textmill_batch::run_records(items.into_iter(), &pipeline, &mut sink, &config, |_| {})
            .expect("a sink takes every write");
    };
    let in_loop = || {
        for record in &records {
            std::hint::black_box(textmill_batch::process_record(
                &pipeline,
                Ok(record.clone()),
            ));
        }
    };
    let variants: [Variant; 5] = [
        ("stages alone (process_str loop)", Box::new(stages_alone)),
        ("process_record loop (no threads)", Box::new(in_loop)),
        (
            "engine, 1 worker, id only",
            Box::new(|| engine(FieldSet::of([Field::Id]))),
        ),
        (
            "engine, 1 worker, default fields",
            Box::new(|| engine(FieldSet::default())),
        ),
        (
            "engine, 1 worker, all fields",
            Box::new(|| engine(FieldSet::all())),
        ),
    ];
    let mut best = [Duration::MAX; 5];
    let mut best_cpu = [f64::MAX; 5];
    for _ in 0..ROUNDS {
        for (i, (_, run)) in variants.iter().enumerate() {
            let start = Instant::now();
            let cpu = cpu_seconds();
            run();
            best[i] = best[i].min(start.elapsed());
            best_cpu[i] = best_cpu[i].min(cpu_seconds() - cpu);
        }
    }
    println!(
        "{} records, {:.1} MB, from {path}",
        records.len(),
        bytes as f64 / 1e6
    );
    for (i, (name, _)) in variants.iter().enumerate() {
        let rate = records.len() as f64 / best[i].as_secs_f64();
        let extra = 100.0 * (best[i].as_secs_f64() / best[0].as_secs_f64() - 1.0);
        let extra_cpu = 100.0 * (best_cpu[i] / best_cpu[0] - 1.0);
        println!(
            "{name:<36} {rate:>8.0} docs/s  {extra:+6.1}% wall time  {:>6.2} CPU s {extra_cpu:+6.1}% CPU time",
            best_cpu[i]
        );
    }
}
