//! The ordered streaming engine: a reader thread reads records ahead, rayon workers process (and
//! serialise) them, and the consuming thread takes them back in input order from a bounded
//! window, so a slow document never idles the other cores and memory is bounded by the window.

use std::collections::HashMap;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use textmill::{InputKind, Pipeline, StageTimes};

use crate::output::{self, FieldSet, Output};
use crate::read::{Content, Item, Unparsed};
use crate::{ErrorInfo, ErrorKind, ErrorRecord, Outcome, Stats};

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

impl EngineConfig {
    /// The worker threads of a run.
    pub(crate) fn pool(&self) -> io::Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("textmill-worker-{i}"))
            .build()
            .map_err(io::Error::other)
    }
}

/// Processes one record; a panic in a stage becomes an error record rather than a lost record.
pub fn process_record(pipeline: &Pipeline, record: Item) -> Outcome {
    process(pipeline, record, &mut StageTimes::default()).0
}

/// What an output line carries from its input besides the document.
#[derive(Default)]
pub(crate) struct FromInput {
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub input: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The outcome of a record and what its output line carries from the input.
fn process(pipeline: &Pipeline, record: Item, times: &mut StageTimes) -> (Outcome, FromInput) {
    let mut record = match record {
        Ok(record) => record,
        Err(error) => return (Outcome::Error(error), FromInput::default()),
    };
    // Taken out of the record so that it is freed once cleaned, before the stages run: for a
    // large document, the input is one more copy of its text at the run's peak.
    let content = std::mem::replace(&mut record.content, Content::Text(String::new()));
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
        let cleaned = match content {
            Content::Bytes(bytes) => pipeline.clean_timed(&bytes, record.kind, times)?,
            Content::Text(text) => pipeline.clean_str_timed(&text, record.kind, times),
        };
        let doc = pipeline.annotate_timed(&record.id, cleaned, times);
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
    let from_input = FromInput {
        extra: record.extra,
        input: record.input,
    };
    (outcome, from_input)
}

/// Documents with more text than this are serialised on the writer thread, straight into the
/// output, instead of into a line in memory on the worker: a document's line is four to five
/// times its text (sentences carry their text again), which for a 50 MB text would double the
/// run's peak memory.
const STREAMED_TEXT_BYTES: usize = 8 << 20;

/// A processed record, serialised by the worker that processed it (or, for a large document,
/// when it is written: see [`STREAMED_TEXT_BYTES`]).
pub(crate) struct Processed {
    pub outcome: Outcome,
    /// The output line, with its newline (empty when the engine does not serialise, or when the
    /// record is serialised as it is written).
    pub line: Vec<u8>,
    /// What the line takes from the input, kept for a record serialised when it is written.
    streamed: Option<FromInput>,
    pub input_bytes: u64,
    pub times: StageTimes,
    /// The number of the input file it came from.
    pub file: usize,
}

impl Processed {
    /// Writes the record's line to `out` (a plain writer) and returns its length.
    pub(crate) fn write_to(&self, out: &mut impl Write, fields: &FieldSet) -> io::Result<u64> {
        match &self.streamed {
            None => out.write_all(&self.line).map(|()| self.line.len() as u64),
            Some(from_input) => {
                let mut counted = Counted {
                    inner: out,
                    bytes: 0,
                };
                serialize_line(&self.outcome, from_input, fields, &mut counted)?;
                Ok(counted.bytes)
            }
        }
    }

    /// Writes the record's line to a run's output and returns its length.
    pub(crate) fn write_to_output(&self, out: &mut Output, fields: &FieldSet) -> io::Result<u64> {
        match &self.streamed {
            None => out.write_all(&self.line).map(|()| self.line.len() as u64),
            Some(from_input) => {
                // Measured first, so that a shard limit sees the record whole.
                let mut counted = Counted {
                    inner: io::sink(),
                    bytes: 0,
                };
                serialize_line(&self.outcome, from_input, fields, &mut counted)?;
                let len = counted.bytes;
                out.write_record(len, |w| {
                    serialize_line(&self.outcome, from_input, fields, w)
                })?;
                Ok(len)
            }
        }
    }
}

/// A writer that counts what goes through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A record's output line, with its newline.
fn serialize_line(
    outcome: &Outcome,
    from_input: &FromInput,
    fields: &FieldSet,
    mut out: impl Write,
) -> io::Result<()> {
    let written = match outcome {
        Outcome::Document(doc) => {
            let selected = output::Selected {
                doc,
                from_input,
                fields,
            };
            serde_json::to_writer(&mut out, &selected)
        }
        Outcome::Error(error) => serde_json::to_writer(&mut out, error),
    };
    // Serialising fails only on a map key that is not a string, which these types never have,
    // or on the writer's own error.
    written.map_err(io::Error::from)?;
    out.write_all(b"\n")
}

fn work(pipeline: &Pipeline, record: Unparsed, fields: Option<&FieldSet>) -> Processed {
    let input_bytes = record.len() as u64;
    let file = record.file;
    let record = record.parse();
    let mut times = StageTimes::default();
    let (outcome, from_input) = process(pipeline, record, &mut times);
    let large = matches!(&outcome, Outcome::Document(doc) if doc.text.len() > STREAMED_TEXT_BYTES);
    let mut line = Vec::new();
    let mut streamed = None;
    match fields {
        Some(_) if large => streamed = Some(from_input),
        Some(fields) => {
            line.reserve(256);
            serialize_line(&outcome, &from_input, fields, &mut line)
                .expect("records serialise to JSON in memory");
        }
        None => {}
    }
    Processed {
        outcome,
        line,
        streamed,
        input_bytes,
        times,
        file,
    }
}

/// Turns each of `records` into a `T` by `produce` on `pool`'s workers and hands the results to
/// `consume` in input order, on the calling thread; an error from `consume` stops the run.
pub(crate) fn engine<R: Into<Unparsed> + Send, T: Send>(
    records: impl Iterator<Item = R> + Send,
    pool: &rayon::ThreadPool,
    window: usize,
    produce: impl Fn(Unparsed) -> T + Sync,
    mut consume: impl FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    let window = window.max(1);
    // The reader takes a permit per record and the consumer gives it back when the record is
    // consumed: at most `window` records are read and not yet consumed.
    let (permits, permit) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        permits.send(()).expect("the receiver is alive");
    }
    let (done_tx, done_rx) = mpsc::channel::<(u64, T)>();
    let mut consumed: io::Result<()> = Ok(());
    let produce = &produce;
    // Set when the consumer stops: records read but not started are then dropped unprocessed.
    let stopped = &AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.in_place_scope(|workers| {
                for (index, record) in (0u64..).zip(records) {
                    if permit.recv().is_err() {
                        break; // The consumer stopped.
                    }
                    let done_tx = done_tx.clone();
                    let record = record.into();
                    workers.spawn(move |_| {
                        if stopped.load(Ordering::Relaxed) {
                            return;
                        }
                        let processed = produce(record);
                        // A failed send means the consumer stopped; the record is not needed.
                        let _ = done_tx.send((index, processed));
                    });
                }
            });
            drop(done_tx);
        });
        let mut next = 0u64;
        let mut pending: HashMap<u64, T> = HashMap::new();
        for (index, processed) in &done_rx {
            pending.insert(index, processed);
            while let Some(processed) = pending.remove(&next) {
                if let Err(e) = consume(processed) {
                    stopped.store(true, Ordering::Relaxed);
                    consumed = Err(e);
                    return; // Dropping the receivers stops the reader.
                }
                next += 1;
                // The reader may have stopped already; then there is no one to give it to.
                let _ = permits.send(());
            }
        }
        drop(permits);
    });
    consumed
}

/// The engine over the pipeline: each record processed (and serialised with `fields`), the
/// stage times summed over the workers.
pub(crate) fn run_pipeline<R: Into<Unparsed> + Send>(
    records: impl Iterator<Item = R> + Send,
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    window: usize,
    fields: Option<&FieldSet>,
    mut consume: impl FnMut(Processed) -> io::Result<()>,
) -> io::Result<StageTimes> {
    let mut times = StageTimes::default();
    engine(
        records,
        pool,
        window,
        |record| work(pipeline, record, fields),
        |processed: Processed| {
            times.merge(&processed.times);
            consume(processed)
        },
    )?;
    Ok(times)
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
    let pool = config.pool()?;
    let mut stats = Stats {
        threads: pool.current_num_threads(),
        ..Stats::default()
    };
    let times = run_pipeline(
        records,
        pipeline,
        &pool,
        config.window,
        Some(&config.fields),
        |processed| {
            let written = processed.write_to(out, &config.fields)?;
            stats.add(&processed, written);
            on_outcome(&processed.outcome);
            Ok(())
        },
    )?;
    out.flush()?;
    stats.finish(started, pipeline, &times);
    Ok(stats)
}

/// The outcomes of a run over `records`, in input order, as an iterator: the records are
/// processed in parallel on a pool of its own while the caller takes the outcomes. Dropping it
/// early stops the run (the records in flight are finished and dropped). With
/// [`Outcomes::mapped`], each outcome is turned into a `T` on the worker that made it.
///
/// ```
/// use std::sync::Arc;
/// use textmill::Pipeline;
/// use textmill_batch::{EngineConfig, Outcome, Outcomes, read_inputs};
///
/// let records = read_inputs(&["../../examples/kim-putin-train.txt".into()]);
/// let outcomes = Outcomes::new(records, Arc::new(Pipeline::default()), &EngineConfig::default())?;
/// for outcome in outcomes {
///     match outcome {
///         Outcome::Document(doc) => assert!(doc.text.contains("Kim Jong Un")),
///         Outcome::Error(error) => panic!("{}", error.error.reason),
///     }
/// }
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Outcomes<T = Outcome> {
    receiver: Option<mpsc::Receiver<T>>,
    runner: Option<JoinHandle<()>>,
}

/// What [`Outcomes::next_within`] found.
#[derive(Debug)]
pub enum Waited<T> {
    /// The next outcome.
    Next(T),
    /// None yet: the wait ran out.
    Pending,
    /// The run is over.
    Done,
}

impl Outcomes<Outcome> {
    /// Starts the run; fails only when the worker threads cannot be started.
    pub fn new<R: Into<Unparsed> + Send + 'static>(
        records: impl Iterator<Item = R> + Send + 'static,
        pipeline: Arc<Pipeline>,
        config: &EngineConfig,
    ) -> io::Result<Outcomes> {
        Outcomes::mapped(records, pipeline, config, |outcome| outcome)
    }
}

impl<T: Send + 'static> Outcomes<T> {
    /// Starts a run whose outcomes `map` turns into `T`s on the workers (a conversion for the
    /// caller, done in parallel).
    pub fn mapped<R: Into<Unparsed> + Send + 'static>(
        records: impl Iterator<Item = R> + Send + 'static,
        pipeline: Arc<Pipeline>,
        config: &EngineConfig,
        map: impl Fn(Outcome) -> T + Send + Sync + 'static,
    ) -> io::Result<Outcomes<T>> {
        let pool = config.pool()?;
        let window = config.window.max(1);
        let (sender, receiver) = mpsc::sync_channel(window);
        let runner = std::thread::Builder::new()
            .name("textmill-run".into())
            .spawn(move || {
                let produce = |record: Unparsed| map(process_record(&pipeline, record.parse()));
                // An error here only means the caller dropped the iterator.
                let _ = engine(records, &pool, window, produce, |outcome| {
                    sender
                        .send(outcome)
                        .map_err(|_| io::Error::other("the outcomes are no longer wanted"))
                });
            })?;
        Ok(Outcomes {
            receiver: Some(receiver),
            runner: Some(runner),
        })
    }

    /// The next outcome if it comes within `wait` (so that a caller can look up between waits,
    /// for an interrupt for example).
    pub fn next_within(&mut self, wait: Duration) -> Waited<T> {
        let Some(receiver) = self.receiver.as_ref() else {
            return Waited::Done;
        };
        match receiver.recv_timeout(wait) {
            Ok(outcome) => Waited::Next(outcome),
            Err(mpsc::RecvTimeoutError::Timeout) => Waited::Pending,
            Err(mpsc::RecvTimeoutError::Disconnected) => Waited::Done,
        }
    }
}

impl<T> Iterator for Outcomes<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.receiver.as_ref()?.recv().ok()
    }
}

impl<T> Drop for Outcomes<T> {
    fn drop(&mut self) {
        drop(self.receiver.take());
        if let Some(runner) = self.runner.take() {
            // The engine catches the stages' panics; a panic here would be the engine's own.
            let _ = runner.join();
        }
    }
}

impl<T> std::fmt::Debug for Outcomes<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcomes").finish_non_exhaustive()
    }
}
