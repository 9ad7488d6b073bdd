//! A whole corpus run: the input files of this rank, the output (sharded or not) and its
//! side files (`stats.json`, `errors.jsonl`, `progress.jsonl`), and resuming a killed run.

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use textmill::Pipeline;

use crate::engine::{EngineConfig, run_pipeline};
use crate::input::{self, InputFile, Inputs, decompressed, expand};
use crate::output::{
    Field, Output, OutputError, ShardLimit, output_file, partial_path, shard_path,
};
use crate::read::{ReadConfig, read_counted};
use crate::{ErrorKind, ErrorRecord, Outcome, Stats};

/// A whole corpus run: inputs, output, engine and reading settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunConfig {
    /// Files, folders, glob patterns, or `-` for standard input (see [`expand`]).
    pub inputs: Vec<PathBuf>,
    /// A `.jsonl` file (optionally `.gz` or `.zst`), a `.parquet` file, a folder (gets
    /// `documents.jsonl`), or `-`.
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
    /// Split the output into numbered shards of at most so many records or bytes.
    pub shards: ShardLimit,
    /// Continue an interrupted run: keep its finished shards and the complete lines of its
    /// `NAME.partial` output, and read on from the record after the last of them.
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
            shards: ShardLimit::default(),
            resume: false,
        }
    }
}

/// How far a run has got, given with each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Records written so far (documents and error records, with those kept by a resume).
    pub records: u64,
    /// Error records among them.
    pub errors: u64,
    /// Bytes read from this run's input files (as stored, before decompression). The reader is
    /// ahead of the writer by at most the engine's window.
    pub bytes_read: u64,
    /// The size of this run's input files, when known (not for standard input).
    pub total_bytes: Option<u64>,
}

/// What a finished run says.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Its counts.
    pub stats: Stats,
    /// The output file (`None` for standard output); with shards, the name they are numbered
    /// from.
    pub output: Option<PathBuf>,
    /// The output files written, in order: the output, or its shards.
    pub files: Vec<PathBuf>,
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
    /// The caller stopped the run (see [`run_until`]).
    #[error("the run was stopped; its output so far is kept for a resume")]
    Stopped,
    /// Writing the output failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The output written to.
        path: String,
        /// What the system said.
        source: io::Error,
    },
}

fn write_error(path: &Path) -> impl Fn(io::Error) -> RunError + '_ {
    move |source| RunError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// Runs `pipeline` over the corpus `config` names, writing its documents, and beside a file
/// output a `stats.json`, the error records alone in `errors.jsonl` (no such file when there
/// are none) and `progress.jsonl`, a line per finished input file (`NAME.stats.json`,
/// `NAME.errors.jsonl`, `NAME.progress.jsonl` for a file `NAME.jsonl`). `on_outcome` sees each
/// outcome in input order, with the run's progress.
pub fn run(
    config: &RunConfig,
    pipeline: &Pipeline,
    mut on_outcome: impl FnMut(&Outcome, &Progress),
) -> Result<Report, RunError> {
    run_until(config, pipeline, |outcome, progress| {
        on_outcome(outcome, progress);
        ControlFlow::Continue(())
    })
}

/// Says, in input order, whether a document duplicates an earlier one of the run
/// (`textmill-stories` has the near-duplicate index that implements it).
pub trait DuplicateCheck: Send {
    /// The id of the earlier document `doc` duplicates, and their similarity in `[0, 1]`.
    fn check(&mut self, doc: &textmill::Document) -> Option<(String, f64)>;
}

/// What a run does with a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateAction {
    /// Writes it with `duplicate_of` (the id of the document it duplicates) and `similarity`.
    Mark,
    /// Leaves it out; `stats.json` counts it.
    Drop,
}

/// Near-duplicate removal inside a run.
pub struct Dedup<'a> {
    /// The check, called on the writing thread in input order.
    pub check: &'a mut dyn DuplicateCheck,
    /// Mark or drop.
    pub action: DuplicateAction,
}

impl std::fmt::Debug for Dedup<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dedup")
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

/// [`run`], which `on_outcome` can stop (on an interrupt, for example) by returning
/// `ControlFlow::Break`: the run then ends as a killed one would, with its output under the
/// temporary name for `resume`, and gives [`RunError::Stopped`].
pub fn run_until(
    config: &RunConfig,
    pipeline: &Pipeline,
    on_outcome: impl FnMut(&Outcome, &Progress) -> ControlFlow<()>,
) -> Result<Report, RunError> {
    run_deduplicated(config, pipeline, None, on_outcome)
}

/// [`run_until`] with near-duplicates marked or dropped as `dedup` says. A duplicate is
/// checked against the earlier documents of this run only, so it cannot be resumed (the
/// documents written before would be missing from the check), and marking needs JSONL output.
pub fn run_deduplicated(
    config: &RunConfig,
    pipeline: &Pipeline,
    mut dedup: Option<Dedup<'_>>,
    mut on_outcome: impl FnMut(&Outcome, &Progress) -> ControlFlow<()>,
) -> Result<Report, RunError> {
    let started = Instant::now();
    if let Some(dedup) = &dedup {
        if config.resume {
            return Err(RunError::Config(
                "--resume cannot be combined with --dedup: duplicates are found among the documents of one run".into(),
            ));
        }
        let parquet = output_file(&config.output).is_some_and(|f| {
            f.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
        });
        if parquet && dedup.action == DuplicateAction::Mark {
            return Err(RunError::Config(
                "--dedup mark needs JSONL output (Parquet has no duplicate_of column); use --dedup drop".into(),
            ));
        }
    }
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
    let output_path = rank_name(&config.output, config.rank, config.world_size);
    let sidecars = output_file(&output_path).map(|file| Sidecars::of(&file));
    let resumed = match (&sidecars, config.resume) {
        (Some(sidecars), true) => Some(Resumed::find(sidecars, config)?),
        (None, true) => {
            return Err(RunError::Config(
                "--resume needs a file or folder output, not standard output".into(),
            ));
        }
        (_, false) => None,
    };
    let first_shard = resumed.as_ref().map_or(0, |r| r.finished_shards.len());
    let mut fields = config.engine.fields.clone();
    fields.free_form_as_text = output_file(&output_path).is_some_and(|f| {
        f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
    });
    let mut read = config.read.clone();
    read.keep_input |= fields.contains(Field::Input);
    let mut output = Output::create(&output_path, &files, &fields, config.shards, first_shard)?;
    let shown = output.path().map_or_else(
        || PathBuf::from("<stdout>"),
        |p| shard_path(p, config.shards, first_shard),
    );
    let mut errors = sidecars.as_ref().map(|s| ErrorsFile::new(s.errors.clone()));
    let mut progress_file = match &sidecars {
        Some(s) => Some(ProgressFile::create(&s.progress).map_err(write_error(&s.progress))?),
        None => None,
    };
    let mut stats = Stats {
        duplicates: dedup.as_ref().map(|_| 0),
        ..Stats::default()
    };
    let mut first_file = 0;
    let mut in_file = 0;
    if let Some(resumed) = &resumed {
        let (kept, point) = resumed
            .keep(&mut output, errors.as_mut(), progress_file.as_mut(), &files)
            .map_err(write_error(&shown))?;
        stats.resumed = kept.resumed;
        stats.documents = kept.documents;
        stats.errors = kept.errors;
        stats.errors_by_kind = kept.errors_by_kind;
        (first_file, in_file) = point;
    }
    let total_bytes = files[first_file..]
        .iter()
        .map(|f| (!f.is_stdin()).then(|| std::fs::metadata(&f.path).map(|m| m.len()).ok())?)
        .sum::<Option<u64>>();
    let bytes_read = Arc::new(AtomicU64::new(0));
    let mut records = read_counted(files[first_file..].to_vec(), read, first_file, &bytes_read);
    // (file, records of it written so far): the progress file gets a line when a file is done.
    let mut current = (first_file, 0);
    // The records a resume keeps are read past one by one, so that every input file finished
    // among them gets its progress line with its own count. `in_file` runs past the end of
    // `first_file` when the progress file lost lines (a run killed while writing it): a count
    // that took in the next file's records would make a later resume skip too few of them.
    for record in records
        .by_ref()
        .take(usize::try_from(in_file).unwrap_or(usize::MAX))
    {
        if let (Some(progress_file), Some(sidecars)) = (progress_file.as_mut(), &sidecars) {
            progress_file
                .done_before(&files, &mut current, record.file)
                .map_err(write_error(&sidecars.progress))?;
        }
        current.1 += 1;
    }
    let pool = config
        .engine
        .pool()
        .map_err(|e| RunError::Config(format!("cannot start the worker threads: {e}")))?;
    stats.threads = pool.current_num_threads();
    let mut side_error: Option<RunError> = None;
    let mut stopped = false;
    let times = run_pipeline(
        records,
        pipeline,
        &pool,
        config.engine.window,
        Some(&fields),
        |processed| {
            let duplicate = match (dedup.as_mut(), &processed.outcome) {
                (Some(dedup), Outcome::Document(doc)) => {
                    dedup.check.check(doc).map(|d| (d, dedup.action))
                }
                _ => None,
            };
            if duplicate.is_some() {
                *stats.duplicates.get_or_insert(0) += 1;
            }
            let written = match &duplicate {
                None => Some(processed.write_to_output(&mut output, &fields)?),
                Some((_, DuplicateAction::Drop)) => None,
                Some(((of, similarity), DuplicateAction::Mark)) => {
                    let mut line = Vec::new();
                    processed.write_to(&mut line, &fields)?;
                    let line = marked(line, of, *similarity);
                    output.write_record(line.len() as u64, |w| w.write_all(&line))?;
                    Some(line.len() as u64)
                }
            };
            if let Some(progress_file) = progress_file.as_mut() {
                progress_file.done_before(&files, &mut current, processed.file)?;
            }
            current.1 += 1;
            if let Some(written) = written {
                stats.add(&processed, written);
            }
            if let (Outcome::Error(error), Some(errors)) = (&processed.outcome, errors.as_mut())
                && side_error.is_none()
                && let Err(e) = errors.write(error)
            {
                side_error = Some(write_error(&errors.path)(e));
            }
            let progress = Progress {
                records: stats.documents + stats.errors,
                errors: stats.errors,
                bytes_read: bytes_read.load(Ordering::Relaxed),
                total_bytes,
            };
            if on_outcome(&processed.outcome, &progress).is_break() {
                stopped = true;
                return Err(io::Error::other("stopped"));
            }
            Ok(())
        },
    );
    if stopped {
        // What was written stays under the temporary name, for a resume.
        if let Some(progress_file) = progress_file.as_mut() {
            let _ = progress_file.flush();
        }
        drop(output);
        return Err(RunError::Stopped);
    }
    let times = times.map_err(write_error(&shown))?;
    if let Some(e) = side_error {
        return Err(e);
    }
    if let Some(errors) = errors {
        let path = errors.path.clone();
        errors.finish().map_err(write_error(&path))?;
    }
    // The output gets its final name last, once the side files are written: a run killed at any
    // moment before leaves it under the temporary name, for a resume.
    let closed = output.close().map_err(write_error(&shown))?;
    if let (Some(progress_file), Some(sidecars)) = (progress_file.as_mut(), &sidecars) {
        progress_file
            .done_before(&files, &mut current, files.len())
            .map_err(write_error(&sidecars.progress))?;
    }
    if let Some(resumed) = &resumed {
        resumed.clean_up();
    }
    stats.input_files = files.len() as u64;
    stats.skipped_files = skipped.iter().map(|p| p.display().to_string()).collect();
    stats.finish(started, pipeline, &times);
    let stats_file = sidecars.as_ref().map(|s| s.stats.clone());
    if let Some(stats_file) = &stats_file {
        let json = serde_json::to_vec_pretty(&stats).expect("stats serialise to JSON");
        std::fs::write(stats_file, json).map_err(write_error(stats_file))?;
    }
    let written = closed.commit().map_err(write_error(&shown))?;
    let mut files_written = resumed.map(|r| r.finished_shards).unwrap_or_default();
    files_written.extend(written);
    Ok(Report {
        stats,
        output: output_file(&output_path),
        files: files_written,
        stats_file,
    })
}

/// A document's JSON line with `duplicate_of` and `similarity` added as its last fields.
fn marked(mut line: Vec<u8>, of: &str, similarity: f64) -> Vec<u8> {
    while line.last().is_some_and(u8::is_ascii_whitespace) {
        line.pop();
    }
    if line.last() == Some(&b'}') {
        line.pop();
        let fields = serde_json::json!({ "duplicate_of": of, "similarity": similarity });
        let fields = fields.to_string();
        if line.len() > 1 {
            line.push(b',');
        }
        line.extend_from_slice(&fields.as_bytes()[1..]);
    }
    line.push(b'\n');
    line
}

/// The files beside an output: `stats.json`, `errors.jsonl` and `progress.jsonl` beside
/// `documents.jsonl` (with the rank of a rank's documents), else `NAME.stats.json` and so on.
struct Sidecars {
    output: PathBuf,
    stats: PathBuf,
    errors: PathBuf,
    progress: PathBuf,
}

impl Sidecars {
    fn of(output: &Path) -> Self {
        Sidecars {
            output: output.to_owned(),
            stats: sidecar_path(output, "stats", "json"),
            errors: sidecar_path(output, "errors", "jsonl"),
            progress: sidecar_path(output, "progress", "jsonl"),
        }
    }
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

/// The output of one rank of several: `documents.rank-2-of-8.jsonl` in a folder,
/// `NAME.rank-2-of-8.jsonl` for a file; unchanged when one run reads everything.
fn rank_name(output: &Path, rank: usize, world_size: usize) -> PathBuf {
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

/// A line of `progress.jsonl`: an input file all of whose records are written.
#[derive(Debug, Serialize, Deserialize)]
struct FileDone {
    input: String,
    records: u64,
}

/// `progress.jsonl`: the completion marker of each input file, written (and flushed) when the
/// file's last record is written, so that `--resume` passes over finished files unread.
struct ProgressFile {
    writer: io::BufWriter<std::fs::File>,
}

impl ProgressFile {
    fn create(path: &Path) -> io::Result<Self> {
        Ok(ProgressFile {
            writer: io::BufWriter::new(std::fs::File::create(path)?),
        })
    }

    /// Marks every input file before `file` finished. `current` is (the file being written,
    /// its records written so far); it moves on to `file`.
    fn done_before(
        &mut self,
        files: &[InputFile],
        current: &mut (usize, u64),
        file: usize,
    ) -> io::Result<()> {
        while current.0 < file {
            self.write(&FileDone {
                input: files[current.0].display(),
                records: current.1,
            })?;
            self.writer.flush()?;
            *current = (current.0 + 1, 0);
        }
        Ok(())
    }

    fn write(&mut self, line: &FileDone) -> io::Result<()> {
        serde_json::to_writer(&mut self.writer, line)?;
        self.writer.write_all(b"\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Where a resumed run moves the partial output of `output` aside: `NAME.partial.resume`.
fn resume_path(output: &Path) -> PathBuf {
    let mut path = partial_path(output).into_os_string();
    path.push(".resume");
    PathBuf::from(path)
}

/// What a killed run left: its finished shards, its partial output, and its progress file.
struct Resumed {
    /// Finished shards (kept as they are).
    finished_shards: Vec<PathBuf>,
    /// The partial output moved aside (`NAME.partial.resume`), if there is one.
    previous: Option<PathBuf>,
    /// The lines of its `progress.jsonl` that could be read, in order.
    markers: Vec<FileDone>,
}

impl Resumed {
    fn find(sidecars: &Sidecars, config: &RunConfig) -> Result<Self, RunError> {
        let output = &sidecars.output;
        if output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
        {
            return Err(RunError::Config(
                "--resume needs a JSONL output: a Parquet file cut short cannot be read".into(),
            ));
        }
        let mut finished_shards = Vec::new();
        if !config.shards.is_none() {
            loop {
                let shard = shard_path(output, config.shards, finished_shards.len());
                if !shard.exists() {
                    break;
                }
                // A shard finished by a resumed run that was killed later holds the lines of
                // its `.partial.resume` already: the leftover would only look like output.
                let _ = std::fs::remove_file(resume_path(&shard));
                finished_shards.push(shard);
            }
        }
        let current = shard_path(output, config.shards, finished_shards.len());
        let partial = partial_path(&current);
        let previous = resume_path(&current);
        let previous = if previous.exists() {
            // A resumed run that was itself interrupted. Its partial output starts with the
            // lines it kept from this one, then has its own: whichever holds more complete
            // lines is kept, so that progress adds up over any number of interruptions.
            if partial.exists() && complete_lines(&partial) > complete_lines(&previous) {
                std::fs::rename(&partial, &previous).map_err(write_error(&previous))?;
            }
            Some(previous)
        } else if partial.exists() {
            std::fs::rename(&partial, &previous).map_err(write_error(&previous))?;
            Some(previous)
        } else if finished_shards.is_empty() && current.exists() {
            return Err(RunError::Config(format!(
                "{} is complete: there is nothing to resume",
                current.display()
            )));
        } else {
            // Nothing written yet (a run killed before its first record): the run starts
            // afresh, so that a scheduler can always retry with --resume.
            None
        };
        // Read now: the new run writes the progress file afresh.
        let markers = std::fs::read_to_string(&sidecars.progress)
            .unwrap_or_default()
            .lines()
            .map_while(|line| serde_json::from_str(line).ok())
            .collect();
        Ok(Resumed {
            finished_shards,
            previous,
            markers,
        })
    }

    /// Counts the kept lines (and writes their error records again), copies the partial
    /// output's complete lines to `out`, and writes the progress lines of the input files that
    /// are finished again. Returns the counts and where reading goes on: the first input file
    /// to read and how many of its records are written already.
    fn keep(
        &self,
        out: &mut Output,
        mut errors: Option<&mut ErrorsFile>,
        progress: Option<&mut ProgressFile>,
        files: &[InputFile],
    ) -> io::Result<(Stats, (usize, u64))> {
        let mut kept = Stats::default();
        for shard in &self.finished_shards {
            count_kept(shard, &mut io::sink(), errors.as_deref_mut(), &mut kept)?;
        }
        if let Some(previous) = &self.previous {
            count_kept(previous, out, errors, &mut kept)?;
        }
        // Finished input files, as far as the progress file and the output agree.
        let mut covered = 0;
        let finished: Vec<&FileDone> = self
            .markers
            .iter()
            .zip(files)
            .take_while(|(done, file)| {
                let agrees = done.input == file.display() && covered + done.records <= kept.resumed;
                covered += if agrees { done.records } else { 0 };
                agrees
            })
            .map(|(done, _)| done)
            .collect();
        if let Some(progress) = progress {
            for done in &finished {
                progress.write(done)?;
            }
            progress.flush()?;
        }
        let point = (finished.len(), kept.resumed - covered);
        Ok((kept, point))
    }

    /// The kept lines are in the finished output now.
    fn clean_up(&self) {
        if let Some(previous) = &self.previous {
            let _ = std::fs::remove_file(previous);
        }
    }
}

/// An output line as a resume reads it: a document, or an error record of some kind.
#[derive(Deserialize)]
struct Line {
    error: Option<LineError>,
}

#[derive(Deserialize)]
struct LineError {
    kind: ErrorKind,
}

/// How many complete lines a resume would keep of `path`.
fn complete_lines(path: &Path) -> u64 {
    let mut counted = Stats::default();
    let _ = count_kept(path, &mut io::sink(), None, &mut counted);
    counted.resumed
}

/// Copies the complete lines of `previous` to `out`, counting documents and error records into
/// `kept` and writing the error records to `errors` again. A last line cut by an interruption, a
/// line that is not a JSON object, or a compressed stream cut inside a block ends the copy.
fn count_kept(
    previous: &Path,
    out: &mut impl Write,
    mut errors: Option<&mut ErrorsFile>,
    kept: &mut Stats,
) -> io::Result<()> {
    let file: Box<dyn io::Read + Send> = Box::new(std::fs::File::open(previous)?);
    let mut reader = decompressed(io::BufReader::new(file))?;
    let mut line = Vec::new();
    loop {
        line.clear();
        match io::BufRead::read_until(&mut reader, b'\n', &mut line) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(_) if !line.ends_with(b"\n") => return Ok(()),
            Ok(_) => {}
        }
        let Ok(parsed) = serde_json::from_slice::<Line>(&line) else {
            return Ok(());
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_side_files_are_named_after_the_output() {
        assert_eq!(
            rank_name(Path::new("out"), 2, 8),
            PathBuf::from("out/documents.rank-2-of-8.jsonl")
        );
        assert_eq!(
            rank_name(Path::new("x/run.jsonl.zst"), 0, 2),
            PathBuf::from("x/run.rank-0-of-2.jsonl.zst")
        );
        assert_eq!(rank_name(Path::new("out"), 0, 1), PathBuf::from("out"));
        let sidecars = Sidecars::of(Path::new("out/documents.jsonl"));
        assert_eq!(sidecars.stats, PathBuf::from("out/stats.json"));
        assert_eq!(sidecars.progress, PathBuf::from("out/progress.jsonl"));
        assert_eq!(
            Sidecars::of(Path::new("out/documents.rank-2-of-8.jsonl")).stats,
            PathBuf::from("out/stats.rank-2-of-8.json")
        );
        assert_eq!(
            Sidecars::of(Path::new("x/run.jsonl.gz")).errors,
            PathBuf::from("x/run.errors.jsonl")
        );
    }
}
