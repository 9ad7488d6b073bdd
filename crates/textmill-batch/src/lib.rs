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
//! let report = run(&config, &Pipeline::default(), |_| {}).unwrap();
//! eprintln!("{} documents, {} errors", report.stats.documents, report.stats.errors);
//! ```
//!
//! The engine streams: a reader thread reads records ahead, rayon workers process and serialise
//! them, and the calling thread writes them back in input order from a bounded window, so a slow
//! document never idles the other cores and memory is bounded by the window, not the corpus.

mod input;
mod output;
mod parquet;
mod read;
mod warc;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use textmill::{Document, InputKind, Label, Pipeline, StageTimes};

pub use input::{Format, InputFile, Inputs, decompressed, expand, format_of, open};
pub use output::{Field, FieldSet, Output, OutputError, output_file, partial_path};
pub use read::{
    Content, FieldNames, Item, ReadConfig, Record, Unparsed, read_files, read_inputs, read_unparsed,
};

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
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Seconds spent in each step of the pipeline (`clean`, `normalize`, `segment`, `tag`,
    /// `summarize`, and any added stage), summed over the worker threads.
    pub seconds_by_stage: BTreeMap<String, f64>,
}

impl Stats {
    fn add(&mut self, done: &Processed) {
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
        self.output_bytes += done.line.len() as u64;
    }
}

/// How the engine runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineConfig {
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Records read ahead of the one being written, at most: bounds memory.
    pub window: usize,
    /// Fields written for each document.
    pub fields: FieldSet,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            threads: 0,
            window: 512,
            fields: FieldSet::default(),
        }
    }
}

/// Processes one record; a panic in a stage becomes an error record rather than a lost record.
pub fn process_record(pipeline: &Pipeline, record: Item) -> Outcome {
    process(pipeline, record, &mut StageTimes::default()).0
}

/// The outcome of a record and the other fields of its input line.
fn process(
    pipeline: &Pipeline,
    record: Item,
    times: &mut StageTimes,
) -> (Outcome, serde_json::Map<String, serde_json::Value>) {
    let record = match record {
        Ok(record) => record,
        Err(error) => return (Outcome::Error(error), serde_json::Map::new()),
    };
    let error = |kind: ErrorKind, reason: String| {
        Outcome::Error(ErrorRecord {
            id: Some(record.id.clone()),
            error: ErrorInfo {
                input: record.source.input.clone().unwrap_or_default(),
                record: record.source.record,
                kind,
                reason,
            },
        })
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let doc = match &record.content {
            Content::Bytes(bytes) => {
                pipeline.process_timed(&record.id, bytes, record.kind, times)?
            }
            Content::Text(text) => pipeline.process_str_timed(&record.id, text, record.kind, times),
        };
        match &record.fallback_text {
            Some(text) if doc.text.trim().is_empty() && !text.trim().is_empty() => {
                let mut from_text =
                    pipeline.process_str_timed(&record.id, text, InputKind::Text, times);
                from_text.metadata = doc.metadata;
                Ok(from_text)
            }
            _ => Ok::<_, textmill::Error>(doc),
        }
    }));
    let outcome = match result {
        Ok(Ok(mut doc)) => {
            if doc.metadata.url.is_none() {
                doc.metadata.url.clone_from(&record.source.url);
            }
            if doc.metadata.date.is_none() {
                doc.metadata.date = record
                    .date
                    .as_deref()
                    .and_then(textmill::boilerplate::parse_date);
            }
            doc.source = record.source.clone();
            Outcome::Document(Box::new(doc))
        }
        Ok(Err(e)) => error(ErrorKind::Process, e.to_string()),
        Err(_) => error(
            ErrorKind::Panic,
            "internal error: a stage panicked on this record".to_owned(),
        ),
    };
    (outcome, record.extra)
}

/// A processed record, serialised by the worker that processed it.
struct Processed {
    outcome: Outcome,
    /// The output line, with its newline.
    line: Vec<u8>,
    input_bytes: u64,
    times: StageTimes,
}

fn work(pipeline: &Pipeline, record: Unparsed, fields: &FieldSet) -> Processed {
    let input_bytes = record.len() as u64;
    let record = record.parse();
    let mut times = StageTimes::default();
    let (outcome, extra) = process(pipeline, record, &mut times);
    let mut line = Vec::with_capacity(256);
    let written = match &outcome {
        Outcome::Document(doc) => {
            let selected = output::Selected {
                doc,
                extra: &extra,
                fields,
            };
            serde_json::to_writer(&mut line, &selected)
        }
        Outcome::Error(error) => serde_json::to_writer(&mut line, error),
    };
    // Serialising to memory fails only on a map key that is not a string, which these types
    // never have.
    written.expect("records serialise to JSON");
    line.push(b'\n');
    Processed {
        outcome,
        line,
        input_bytes,
        times,
    }
}

/// Runs `pipeline` over `records`, writing one JSON line per record to `out` in input order and
/// calling `on_outcome` for each, in order too, on the calling thread.
pub fn run_records<R: Into<Unparsed> + Send>(
    records: impl Iterator<Item = R> + Send,
    pipeline: &Pipeline,
    out: &mut impl Write,
    config: &EngineConfig,
    mut on_outcome: impl FnMut(&Outcome),
) -> io::Result<Stats> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .thread_name(|i| format!("textmill-worker-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let window = config.window.max(1);
    let mut stats = Stats {
        threads: pool.current_num_threads(),
        ..Stats::default()
    };
    // The reader takes a permit per record and the writer gives it back when the record is
    // written: at most `window` records are read and not yet written.
    let (permits, permit) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        permits.send(()).expect("the receiver is alive");
    }
    let (done_tx, done_rx) = mpsc::channel::<(u64, Processed)>();
    let fields = &config.fields;
    let mut written: io::Result<()> = Ok(());
    let mut times = StageTimes::default();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.in_place_scope(|workers| {
                for (index, record) in (0u64..).zip(records) {
                    if permit.recv().is_err() {
                        break; // The writer stopped.
                    }
                    let done_tx = done_tx.clone();
                    let record = record.into();
                    workers.spawn(move |_| {
                        let processed = work(pipeline, record, fields);
                        // A failed send means the writer stopped; the record is not needed.
                        let _ = done_tx.send((index, processed));
                    });
                }
            });
            drop(done_tx);
        });
        let mut next = 0u64;
        let mut pending: HashMap<u64, Processed> = HashMap::new();
        for (index, processed) in &done_rx {
            pending.insert(index, processed);
            while let Some(processed) = pending.remove(&next) {
                if let Err(e) = out.write_all(&processed.line) {
                    written = Err(e);
                    return; // Dropping the receivers stops the reader.
                }
                stats.add(&processed);
                times.merge(&processed.times);
                on_outcome(&processed.outcome);
                next += 1;
                // The reader may have stopped already; then there is no one to give it to.
                let _ = permits.send(());
            }
        }
        drop(permits);
    });
    written?;
    out.flush()?;
    stats.seconds = started.elapsed().as_secs_f64();
    for (name, time) in pipeline.step_names().into_iter().zip(times.durations()) {
        stats
            .seconds_by_stage
            .insert(name.to_owned(), time.as_secs_f64());
    }
    Ok(stats)
}

/// A whole corpus run: inputs, output, engine and reading settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunConfig {
    /// Files, folders, glob patterns, or `-` for standard input (see [`expand`]).
    pub inputs: Vec<PathBuf>,
    /// A `.jsonl` file (optionally `.gz` or `.zst`), a folder (gets `documents.jsonl`), or `-`.
    pub output: PathBuf,
    /// How records are read.
    pub read: ReadConfig,
    /// How the engine runs.
    pub engine: EngineConfig,
    /// This run's share of the input files: every `world_size`-th file from the `rank`-th on
    /// (0-based), so that several machines or scheduler tasks can split a corpus.
    pub rank: usize,
    /// How many runs share the input files (1: this run reads them all).
    pub world_size: usize,
    /// Continue an interrupted run: keep the complete lines of its `NAME.partial` output and
    /// read on from the record after the last of them.
    pub resume: bool,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            inputs: Vec::new(),
            output: PathBuf::from("out"),
            read: ReadConfig::default(),
            engine: EngineConfig::default(),
            rank: 0,
            world_size: 1,
            resume: false,
        }
    }
}

/// What a finished run says.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Its counts.
    pub stats: Stats,
    /// The output file (`None` for standard output).
    pub output: Option<PathBuf>,
    /// The statistics file written beside it.
    pub stats_file: Option<PathBuf>,
}

/// Why a run could not be done.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The settings do not make sense.
    #[error("{0}")]
    Config(String),
    /// The output could not be opened.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// Writing the output failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The output written to.
        path: String,
        /// What the system said.
        source: io::Error,
    },
}

/// Runs `pipeline` over the corpus `config` names, writing its documents, and beside a file
/// output a `stats.json` and the error records alone in `errors.jsonl` (`NAME.stats.json` and
/// `NAME.errors.jsonl` for a file `NAME.jsonl`; no errors file when there are no errors).
pub fn run(
    config: &RunConfig,
    pipeline: &Pipeline,
    mut on_outcome: impl FnMut(&Outcome),
) -> Result<Report, RunError> {
    if config.world_size == 0 || config.rank >= config.world_size {
        return Err(RunError::Config(format!(
            "rank {} of world size {}: the rank must be below the world size",
            config.rank, config.world_size
        )));
    }
    let Inputs { files, skipped } = expand(&config.inputs);
    let files: Vec<InputFile> = files
        .into_iter()
        .skip(config.rank)
        .step_by(config.world_size)
        .collect();
    let output_path = shard_name(&config.output, config.rank, config.world_size);
    let interrupted = if config.resume {
        Some(interrupted_output(&output_path)?)
    } else {
        None
    };
    let mut output = Output::create(&output_path, &files, &config.engine.fields)?;
    let path = output.path().map(Path::to_owned);
    let shown = path
        .as_ref()
        .map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string());
    let write_error = |source| RunError::Write {
        path: shown.clone(),
        source,
    };
    let input_files = files.len() as u64;
    let mut errors = path.as_ref().map(|p| ErrorsFile::new(errors_path(p)));
    let kept = match &interrupted {
        Some(previous) => {
            keep_complete_lines(previous, &mut output, errors.as_mut()).map_err(write_error)?
        }
        None => Stats::default(),
    };
    let records = read_unparsed(files, config.read.clone()).skip(kept.resumed as usize);
    let mut errors_written: io::Result<()> = Ok(());
    let mut stats = run_records(records, pipeline, &mut output, &config.engine, |outcome| {
        if let (Outcome::Error(error), Some(errors)) = (outcome, errors.as_mut())
            && errors_written.is_ok()
        {
            errors_written = errors.write(error);
        }
        on_outcome(outcome);
    })
    .map_err(write_error)?;
    if let Some(errors) = errors {
        let errors_path = errors.path.clone();
        errors_written
            .and_then(|()| errors.finish())
            .map_err(|source| RunError::Write {
                path: errors_path.display().to_string(),
                source,
            })?;
    }
    output.finish().map_err(write_error)?;
    if let Some(previous) = &interrupted {
        // The kept lines are in the finished output now.
        let _ = std::fs::remove_file(previous);
        stats.resumed = kept.resumed;
        stats.documents += kept.documents;
        stats.errors += kept.errors;
        for (kind, n) in kept.errors_by_kind {
            *stats.errors_by_kind.entry(kind).or_default() += n;
        }
    }
    stats.input_files = input_files;
    stats.skipped_files = skipped.iter().map(|p| p.display().to_string()).collect();
    let stats_file = path.as_ref().map(|p| stats_path(p));
    if let Some(stats_file) = &stats_file {
        let json = serde_json::to_vec_pretty(&stats).expect("stats serialise to JSON");
        std::fs::write(stats_file, json).map_err(|source| RunError::Write {
            path: stats_file.display().to_string(),
            source,
        })?;
    }
    Ok(Report {
        stats,
        output: path,
        stats_file,
    })
}

/// The error records of a run, in a file of their own, created at the first one.
struct ErrorsFile {
    path: PathBuf,
    writer: Option<io::BufWriter<std::fs::File>>,
}

impl ErrorsFile {
    /// A stale file from an earlier run goes (a resumed run writes its kept errors again).
    fn new(path: PathBuf) -> Self {
        let _ = std::fs::remove_file(&path);
        ErrorsFile { path, writer: None }
    }

    fn write(&mut self, error: &ErrorRecord) -> io::Result<()> {
        let mut line = serde_json::to_vec(error)?;
        line.push(b'\n');
        self.write_line(&line)
    }

    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        if self.writer.is_none() {
            self.writer = Some(io::BufWriter::new(std::fs::File::create(&self.path)?));
        }
        self.writer.as_mut().expect("opened above").write_all(line)
    }

    fn finish(self) -> io::Result<()> {
        self.writer.map_or(Ok(()), |mut w| w.flush())
    }
}

/// The output of an interrupted run, moved aside to `NAME.partial.resume` so that the new
/// output can take its name.
fn interrupted_output(output: &Path) -> Result<PathBuf, RunError> {
    let Some(file) = output_file(output) else {
        return Err(RunError::Config(
            "--resume needs a file or folder output, not standard output".into(),
        ));
    };
    let partial = partial_path(&file);
    let mut previous = partial.clone().into_os_string();
    previous.push(".resume");
    let previous = PathBuf::from(previous);
    if previous.exists() {
        // A resumed run that was itself interrupted: its own partial output holds less.
        return Ok(previous);
    }
    if !partial.exists() {
        let reason = if file.exists() {
            format!("{} is complete: there is nothing to resume", file.display())
        } else {
            format!(
                "{} does not exist: there is nothing to resume",
                partial.display()
            )
        };
        return Err(RunError::Config(reason));
    }
    std::fs::rename(&partial, &previous).map_err(|source| RunError::Write {
        path: previous.display().to_string(),
        source,
    })?;
    Ok(previous)
}

/// Copies the complete lines of an interrupted run's output to `out` (a last line cut by the
/// interruption, or a compressed stream cut inside a block, ends the copy) and counts them.
fn keep_complete_lines(
    previous: &Path,
    out: &mut impl Write,
    mut errors: Option<&mut ErrorsFile>,
) -> io::Result<Stats> {
    #[derive(Deserialize)]
    struct Line {
        error: Option<LineError>,
    }
    #[derive(Deserialize)]
    struct LineError {
        kind: ErrorKind,
    }
    let file: Box<dyn io::Read + Send> = Box::new(std::fs::File::open(previous)?);
    let mut reader = decompressed(io::BufReader::new(file))?;
    let mut kept = Stats::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        match io::BufRead::read_until(&mut reader, b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if !line.ends_with(b"\n") => break,
            Ok(_) => {}
        }
        let Ok(parsed) = serde_json::from_slice::<Line>(&line) else {
            break;
        };
        out.write_all(&line)?;
        kept.resumed += 1;
        match parsed.error {
            Some(error) => {
                kept.errors += 1;
                *kept.errors_by_kind.entry(error.kind).or_default() += 1;
                if let Some(errors) = errors.as_deref_mut() {
                    errors.write_line(&line)?;
                }
            }
            None => kept.documents += 1,
        }
    }
    Ok(kept)
}

/// The output of one rank of several: `documents.rank-2-of-8.jsonl` in a folder, `NAME.rank-2-of-8.jsonl`
/// for a file; unchanged when one run reads everything.
fn shard_name(output: &Path, rank: usize, world_size: usize) -> PathBuf {
    if world_size == 1 {
        return output.to_owned();
    }
    let Some(file) = output_file(output) else {
        return output.to_owned();
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = name.split_once('.').unwrap_or((&name, "jsonl"));
    file.with_file_name(format!("{stem}.rank-{rank}-of-{world_size}.{ext}"))
}

/// `stats.json` beside `documents.jsonl` (`stats.rank-2-of-8.json` beside a rank's documents),
/// else `NAME.stats.json` beside `NAME.jsonl`.
fn stats_path(output: &Path) -> PathBuf {
    sidecar_path(output, "stats", "json")
}

/// `errors.jsonl` beside `documents.jsonl`, else `NAME.errors.jsonl`: the error records again,
/// alone.
fn errors_path(output: &Path) -> PathBuf {
    sidecar_path(output, "errors", "jsonl")
}

fn sidecar_path(output: &Path, what: &str, extension: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = input::without_compression(&name);
    let base = base.rsplit_once('.').map_or(base, |(base, _)| base);
    output.with_file_name(match base.strip_prefix("documents") {
        Some(rank) => format!("{what}{rank}.{extension}"),
        None => format!("{base}.{what}.{extension}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_and_stats_files_are_named_after_the_output() {
        assert_eq!(
            shard_name(Path::new("out"), 2, 8),
            PathBuf::from("out/documents.rank-2-of-8.jsonl")
        );
        assert_eq!(
            shard_name(Path::new("x/run.jsonl.zst"), 0, 2),
            PathBuf::from("x/run.rank-0-of-2.jsonl.zst")
        );
        assert_eq!(shard_name(Path::new("out"), 0, 1), PathBuf::from("out"));
        assert_eq!(
            stats_path(Path::new("out/documents.jsonl")),
            PathBuf::from("out/stats.json")
        );
        assert_eq!(
            stats_path(Path::new("out/documents.rank-2-of-8.jsonl")),
            PathBuf::from("out/stats.rank-2-of-8.json")
        );
        assert_eq!(
            stats_path(Path::new("x/run.jsonl.gz")),
            PathBuf::from("x/run.stats.json")
        );
    }
}
