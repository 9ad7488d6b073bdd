//! Corpus runs: read records from files, run the [`Pipeline`] on them in parallel, write one JSON
//! line per record in input order.
//!
//! Every input record yields exactly one output line: a document, or an error record that names
//! the input, the line and the reason. Nothing is silently lost.
//!
//! ```no_run
//! use textmill::Pipeline;
//!
//! let records = textmill_batch::read_inputs(&["examples/".into()]);
//! let mut out = std::io::stdout().lock();
//! let stats = textmill_batch::run(records, &Pipeline::default(), &mut out, |_| {}).unwrap();
//! eprintln!("{} documents, {} errors", stats.documents, stats.errors);
//! ```

mod read;

use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use textmill::{Document, Pipeline};

pub use read::{Content, Record, read_inputs};

/// Where a failed record came from and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// The input file.
    pub input: String,
    /// The 1-based line in a JSONL file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
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

/// Counts of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Documents written.
    pub documents: u64,
    /// Error records written.
    pub errors: u64,
    /// Bytes of content in the records that were read (see [`Content::len`]).
    pub input_bytes: u64,
    /// Sentences in all documents.
    pub sentences: u64,
    /// Tokens in all documents.
    pub tokens: u64,
    /// Removed pieces in all documents.
    pub removed: u64,
    /// Documents whose input had text that cleaning removed entirely (every piece is in their
    /// `removed`). The cleaner keeps the prose of any input, so this stays 0 unless an input is
    /// all furniture.
    pub emptied: u64,
    /// Wall-clock time of the run (not serialised).
    #[serde(skip)]
    pub elapsed: Duration,
}

/// How many records are in flight at once: enough to keep all cores busy, few enough to bound
/// memory.
const CHUNK: usize = 256;

/// Processes one record; a panic in a stage becomes an error record rather than a lost record.
pub fn process_record(pipeline: &Pipeline, record: Result<Record, ErrorRecord>) -> Outcome {
    let record = match record {
        Ok(record) => record,
        Err(error) => return Outcome::Error(error),
    };
    let error = |reason: String| {
        Outcome::Error(ErrorRecord {
            id: Some(record.id.clone()),
            error: ErrorInfo {
                input: record.source.input.clone().unwrap_or_default(),
                record: record.source.record,
                reason,
            },
        })
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let doc = match &record.content {
            Content::Bytes(bytes) => pipeline.process(&record.id, bytes, record.kind)?,
            Content::Text(text) => pipeline.process_str(&record.id, text, record.kind),
        };
        match &record.fallback_text {
            Some(text) if doc.text.trim().is_empty() && !text.trim().is_empty() => {
                let mut from_text = pipeline.process_text(&record.id, text);
                from_text.metadata = doc.metadata;
                Ok(from_text)
            }
            _ => Ok::<_, textmill::Error>(doc),
        }
    }));
    match result {
        Ok(Ok(mut doc)) => {
            if doc.metadata.url.is_none() {
                doc.metadata.url.clone_from(&record.source.url);
            }
            doc.source = record.source.clone();
            Outcome::Document(Box::new(doc))
        }
        Ok(Err(e)) => error(e.to_string()),
        Err(_) => error("internal error: a stage panicked on this record".to_owned()),
    }
}

/// Runs `pipeline` over `records` on all cores, writing one JSON line per record to `out` in
/// input order, and calls `on_outcome` for each in order too.
pub fn run(
    records: impl Iterator<Item = Result<Record, ErrorRecord>>,
    pipeline: &Pipeline,
    out: &mut impl Write,
    mut on_outcome: impl FnMut(&Outcome),
) -> io::Result<Stats> {
    let started = Instant::now();
    let mut stats = Stats::default();
    let mut records = records.peekable();
    let mut chunk = Vec::with_capacity(CHUNK);
    while records.peek().is_some() {
        chunk.clear();
        chunk.extend(records.by_ref().take(CHUNK));
        for record in chunk.iter().flatten() {
            stats.input_bytes += record.content.len() as u64;
        }
        let outcomes: Vec<Outcome> = chunk
            .par_drain(..)
            .map(|record| process_record(pipeline, record))
            .collect();
        for outcome in &outcomes {
            match outcome {
                Outcome::Document(doc) => {
                    stats.documents += 1;
                    stats.sentences += doc.sentences.len() as u64;
                    stats.tokens += doc.tokens.len() as u64;
                    stats.removed += doc.removed.len() as u64;
                    stats.emptied +=
                        u64::from(doc.text.trim().is_empty() && !doc.removed.is_empty());
                    serde_json::to_writer(&mut *out, &doc.to_record())?;
                }
                Outcome::Error(error) => {
                    stats.errors += 1;
                    serde_json::to_writer(&mut *out, error)?;
                }
            }
            out.write_all(b"\n")?;
            on_outcome(outcome);
        }
    }
    out.flush()?;
    stats.elapsed = started.elapsed();
    Ok(stats)
}
