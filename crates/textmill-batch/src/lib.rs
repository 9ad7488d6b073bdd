//! Corpus runs: read records from files, run the [`Pipeline`] on them in parallel, write one JSON
//! line per record in input order.
//!
//! Every input record yields exactly one output line: a document, or an error record that names
//! the input, the line, the kind of failure and the reason. Nothing is silently lost.
//!
//! ```no_run
//! use textmill::Pipeline;
//! use textmill_batch::{RunConfig, run};
//!
//! let config = RunConfig {
//!     inputs: vec!["examples/".into(), "crawl/*.jsonl.zst".into()],
//!     output: "out/".into(),
//!     ..RunConfig::default()
//! };
//! let report = run(&config, &Pipeline::default(), |_outcome, _progress| {}).unwrap();
//! eprintln!("{} documents, {} errors", report.stats.documents, report.stats.errors);
//! ```
//!
//! The engine streams: a reader thread reads records ahead, rayon workers process and serialise
//! them, and the calling thread writes them back in input order from a bounded window, so a slow
//! document never idles the other cores and memory is bounded by the window, not the corpus.

mod engine;
mod input;
mod output;
mod parquet;
mod read;
mod run;
pub mod table;
mod timing;
mod warc;

use std::collections::BTreeMap;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use textmill::{Document, Label, Pipeline, StageTimes};

pub use engine::{EngineConfig, Outcomes, Waited, process_record, run_records};
pub use input::{Format, InputFile, Inputs, decompressed, expand, format_of, open};
pub use output::{
    Field, FieldSet, Output, OutputError, ShardLimit, output_file, partial_path, shard_path,
};
pub use read::{
    Content, FieldNames, Item, ReadConfig, Record, Unparsed, read_files, read_inputs, read_unparsed,
};
pub use run::{
    Dedup, DuplicateAction, DuplicateCheck, Progress, Report, RunConfig, RunError, run,
    run_deduplicated, run_until,
};
pub use timing::DocumentTimes;

use engine::Processed;

textmill::core::named_enum! {
    /// What kind of failure an error record stands for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum ErrorKind ("error kind") {
        /// The input could not be opened or read (missing, unreadable, truncated, corrupt).
        Read = "read",
        /// A JSONL line is not a JSON object.
        Json = "json",
        /// A JSONL record lacks the text and HTML fields, or one is not a string.
        Field = "field",
        /// The record is over the size limit.
        TooLarge = "too_large",
        /// The pipeline refused the record (bytes that are not text).
        Process = "process",
        /// A stage panicked on the record (a bug: please report it with the record).
        Panic = "panic",
    }
}

/// Where a failed record came from and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// The input file (`<stdin>` for standard input).
    pub input: String,
    /// The 1-based line in a JSONL file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The kind of failure.
    pub kind: ErrorKind,
    /// Why it failed: the read, JSON or processing error's message.
    pub reason: String,
}

/// The output line of a record that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The record's id, when it got as far as having one.
    pub id: Option<String>,
    /// Where the record came from and why it failed.
    pub error: ErrorInfo,
}

/// What became of one input record.
#[derive(Debug)]
pub enum Outcome {
    /// It was processed into this document.
    Document(Box<Document>),
    /// It could not be read or processed.
    Error(ErrorRecord),
}

/// Counts of a run, written to `stats.json` beside a file output.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Documents written.
    pub documents: u64,
    /// Error records written.
    pub errors: u64,
    /// Error records by kind.
    pub errors_by_kind: BTreeMap<ErrorKind, u64>,
    /// Bytes of content in the records that were read (see [`Content::len`]).
    pub input_bytes: u64,
    /// Bytes of output lines written (before any compression).
    pub output_bytes: u64,
    /// Sentences in all documents.
    pub sentences: u64,
    /// Tokens in all documents.
    pub tokens: u64,
    /// Entities in all documents, by label.
    pub entities_by_label: BTreeMap<Label, u64>,
    /// Removed pieces in all documents.
    pub removed: u64,
    /// Documents whose input had text that cleaning removed entirely (every piece is in their
    /// `removed`). The cleaner keeps the prose of any input, so this stays 0 unless an input is
    /// all furniture.
    pub emptied: u64,
    /// Input files read.
    pub input_files: u64,
    /// Files in input folders left out because their names say no known format.
    pub skipped_files: Vec<String>,
    /// Records whose lines were kept from an interrupted run (`resume`); they count in
    /// `documents` and `errors`, not in the other counts.
    pub resumed: u64,
    /// Documents found to duplicate an earlier one, when the run looked for them (`--dedup`):
    /// marked with `duplicate_of`, or left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<u64>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Seconds spent in each step of the pipeline (`clean`, `normalize`, `segment`, `tag`,
    /// `summarize`, and any added stage), summed over the worker threads.
    pub seconds_by_stage: BTreeMap<String, f64>,
    /// Seconds per document: p50, p99, p99.9, the maximum and the slowest document's id
    /// (`None` when no record was processed).
    pub seconds_per_document: Option<DocumentTimes>,
    #[serde(skip)]
    times: timing::TimeHistogram,
}

impl Stats {
    /// Counts a record whose output line was `written` bytes long.
    fn add(&mut self, done: &Processed, written: u64) {
        let id = match &done.outcome {
            Outcome::Document(doc) => Some(doc.id.as_str()),
            Outcome::Error(error) => error.id.as_deref(),
        };
        self.times.add(done.times.durations().iter().sum(), id);
        match &done.outcome {
            Outcome::Document(doc) => {
                self.documents += 1;
                self.sentences += doc.sentences.len() as u64;
                self.tokens += doc.tokens.len() as u64;
                self.removed += doc.removed.len() as u64;
                self.emptied += u64::from(doc.text.trim().is_empty() && !doc.removed.is_empty());
                for entity in &doc.entities {
                    *self.entities_by_label.entry(entity.label).or_default() += 1;
                }
            }
            Outcome::Error(error) => {
                self.errors += 1;
                *self.errors_by_kind.entry(error.error.kind).or_default() += 1;
            }
        }
        self.input_bytes += done.input_bytes;
        self.output_bytes += written;
    }

    /// Sets the run's wall-clock time and the time of each pipeline step.
    fn finish(&mut self, started: Instant, pipeline: &Pipeline, times: &StageTimes) {
        self.seconds = started.elapsed().as_secs_f64();
        self.seconds_per_document = self.times.summary();
        for (name, time) in pipeline.step_names().into_iter().zip(times.durations()) {
            self.seconds_by_stage
                .insert(name.to_owned(), time.as_secs_f64());
        }
    }
}

/// What the inputs hold, read but not processed: see [`count`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Input files.
    pub input_files: u64,
    /// Files in input folders left out because their names say no known format.
    pub skipped_files: Vec<String>,
    /// Records that would be processed.
    pub records: u64,
    /// Records that would be error records, by kind.
    pub errors_by_kind: BTreeMap<ErrorKind, u64>,
    /// Bytes of content in the records (see [`Content::len`]).
    pub content_bytes: u64,
}

/// Reads every record of `paths` on the calling thread (JSON lines parsed, WARC records and
/// files read whole) without processing them: how many records and errors a run would see.
pub fn count(paths: &[std::path::PathBuf], config: &ReadConfig) -> Counts {
    let Inputs { files, skipped } = expand(paths);
    let mut counts = Counts {
        input_files: files.len() as u64,
        skipped_files: skipped.iter().map(|p| p.display().to_string()).collect(),
        ..Counts::default()
    };
    for item in read_files(files, config.clone()) {
        match item {
            Ok(record) => {
                counts.records += 1;
                counts.content_bytes += record.content.len() as u64;
            }
            Err(error) => *counts.errors_by_kind.entry(error.error.kind).or_default() += 1,
        }
    }
    counts
}
