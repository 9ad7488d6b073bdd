//! The corpus commands: near-duplicates of a corpus (`textmill dedup`) and its stories
//! (`textmill stories`), read with the batch layer's readers (JSONL, WARC, Parquet, files,
//! folders, globs) and written under a temporary name that becomes the final one only when the
//! output is complete.
//!
//! Records are read in chunks; each chunk is parsed and fingerprinted (or processed) on all
//! cores, then taken in input order on the calling thread, so that "earlier" always means
//! earlier in the input, whatever the thread timing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use textmill::{InputKind, Pipeline, PipelineConfig};
use textmill_batch::{
    Content, ErrorRecord, FieldSet, Inputs, Item, Output, OutputError, ReadConfig, Record,
    ShardLimit, expand, read_files, read_unparsed,
};

use crate::{
    Clusterer, DedupConfig, Deduplicator, Duplicate, StoriesConfig, Story, StoryBuilder,
    StoryDocument,
};

/// Records taken at a time: enough to keep every core busy, few enough to keep memory small.
const CHUNK: usize = 4096;

/// Why a corpus command could not be done.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A setting is out of range.
    #[error("{0}")]
    Setting(#[from] textmill::core::SettingError),
    /// The output could not be opened (or is one of the inputs).
    #[error(transparent)]
    Output(#[from] OutputError),
    /// Writing a file failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// What the system said.
        source: io::Error,
    },
    /// A Parquet output was asked for: these commands write JSON lines.
    #[error("{0}: dedup and stories write JSON lines (.jsonl, .jsonl.gz, .jsonl.zst), not Parquet")]
    Parquet(String),
    /// The saved state could not be read.
    #[error("reading the state {path}: {reason}")]
    State {
        /// The state file.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

/// What to do with a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateAction {
    /// Write it with `duplicate_of` and `similarity`.
    #[default]
    Mark,
    /// Leave it out (counted).
    Drop,
}

/// The counts of a dedup run, printed and written beside the output.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DedupStats {
    /// Records read (error records included).
    pub records: u64,
    /// Duplicates found: exact copies and near copies.
    pub duplicates: u64,
    /// Exact copies among them.
    pub exact: u64,
    /// Records that could not be read, written as error records.
    pub errors: u64,
    /// Records written (all but the dropped duplicates).
    pub written: u64,
    /// Bytes of the index at the end (signatures, band tables, content hashes).
    pub index_bytes: u64,
    /// Bytes of the ids of indexed documents (to name the original of a duplicate).
    pub ids_bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Marks (or drops) the near-duplicates of the corpus `inputs` names, writing every record to
/// `output` in input order: a JSONL record as it was read, with `duplicate_of` (the id of the
/// earlier document it duplicates) and `similarity` added to a duplicate. HTML is compared by
/// its clean text, plain text as it is. Error records (lines that are not JSON, records with
/// no text) are written in their places.
pub fn dedup(
    inputs: &[PathBuf],
    output: &Path,
    config: DedupConfig,
    action: DuplicateAction,
) -> Result<DedupStats, CorpusError> {
    let started = Instant::now();
    let Inputs { files, .. } = expand(inputs);
    let mut out = open_output(output, &files)?;
    let shown = out
        .path()
        .map_or_else(|| "<stdout>".to_string(), |p| p.display().to_string());
    let write_error = |source| CorpusError::Write {
        path: shown.clone(),
        source,
    };
    let read = ReadConfig {
        keep_input: true,
        ..ReadConfig::default()
    };
    let cleaner = textmill::Cleaner::default();
    let mut deduplicator = Deduplicator::new(config)?;
    let fingerprinter = deduplicator.fingerprinter().clone();
    let mut stats = DedupStats::default();
    let mut records = read_unparsed(files, read).peekable();
    let mut line = Vec::new();
    while records.peek().is_some() {
        let chunk: Vec<_> = records.by_ref().take(CHUNK).collect();
        let signed: Vec<Result<(Record, crate::Fingerprint), ErrorRecord>> = chunk
            .into_par_iter()
            .map(|unparsed| {
                let record = unparsed.parse()?;
                let fingerprint = fingerprinter.fingerprint(&comparable_text(&cleaner, &record));
                Ok((record, fingerprint))
            })
            .collect();
        for signed in signed {
            stats.records += 1;
            let (record, fingerprint) = match signed {
                Ok(signed) => signed,
                Err(error) => {
                    stats.errors += 1;
                    write_line(&mut out, &mut line, &error).map_err(write_error)?;
                    stats.written += 1;
                    continue;
                }
            };
            let duplicate = deduplicator.insert(&record.id, &fingerprint);
            if let Some(duplicate) = &duplicate {
                stats.duplicates += 1;
                stats.exact += u64::from(duplicate.exact);
                if action == DuplicateAction::Drop {
                    continue;
                }
            }
            let marked = marked_record(record, duplicate);
            write_line(&mut out, &mut line, &marked).map_err(write_error)?;
            stats.written += 1;
        }
    }
    stats.index_bytes = deduplicator.index_bytes() as u64;
    stats.ids_bytes = (deduplicator.heap_bytes() - deduplicator.index_bytes()) as u64;
    stats.seconds = started.elapsed().as_secs_f64();
    out.finish().map_err(write_error)?;
    Ok(stats)
}

/// The text a record is compared by: the clean text of HTML, else the text as given.
fn comparable_text<'r>(
    cleaner: &textmill::Cleaner,
    record: &'r Record,
) -> std::borrow::Cow<'r, str> {
    let html = matches!(record.kind, InputKind::Html);
    match &record.content {
        Content::Text(text) if !html => text.into(),
        Content::Text(text) => cleaner.clean_str(text, InputKind::Html).text.into(),
        Content::Bytes(bytes) if html => cleaner
            .clean(bytes, InputKind::Html)
            .map(|c| c.text)
            .unwrap_or_default()
            .into(),
        Content::Bytes(bytes) => String::from_utf8_lossy(bytes),
    }
}

/// A record as it was read (a JSONL record's fields, else its id and content) with its
/// duplicate mark.
fn marked_record(
    record: Record,
    duplicate: Option<Duplicate>,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut fields = if let Some(fields) = record.input {
        fields
    } else {
        let mut fields = serde_json::Map::new();
        fields.insert("id".into(), Value::String(record.id));
        let key = if matches!(record.kind, InputKind::Html) {
            "html"
        } else {
            "text"
        };
        let content = match record.content {
            Content::Text(text) => text,
            Content::Bytes(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        fields.insert(key.into(), Value::String(content));
        fields
    };
    if let Some(duplicate) = duplicate {
        fields.insert("duplicate_of".into(), Value::String(duplicate.of));
        fields.insert("similarity".into(), serde_json::json!(duplicate.similarity));
    }
    fields
}

/// Opens a JSON-lines output (refusing Parquet and any of the inputs).
fn open_output(output: &Path, files: &[textmill_batch::InputFile]) -> Result<Output, CorpusError> {
    let parquet = textmill_batch::output_file(output).is_some_and(|f| {
        f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
    });
    if parquet {
        return Err(CorpusError::Parquet(output.display().to_string()));
    }
    Ok(Output::create(
        output,
        files,
        &FieldSet::all(),
        ShardLimit::default(),
        0,
    )?)
}

fn write_line(out: &mut Output, line: &mut Vec<u8>, value: &impl Serialize) -> io::Result<()> {
    line.clear();
    serde_json::to_writer(&mut *line, value).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_record(line.len() as u64, |w| w.write_all(line))
}

/// The counts of a stories run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoriesStats {
    /// Records read.
    pub records: u64,
    /// Documents clustered.
    pub documents: u64,
    /// Near-duplicates among them (each joined its original's story).
    pub duplicates: u64,
    /// Stories written.
    pub stories: u64,
    /// Bytes of the near-duplicate index and its ids at the end.
    pub dedup_bytes: u64,
    /// Records that could not be read or processed (not in any story), by their error records
    /// in `NAME.errors.jsonl`.
    pub errors: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Groups the documents of the corpus `inputs` names into stories and writes one line per
/// story to `output`. A JSONL record's `title` and `date` fields are used when present (else
/// the page's). With `state`, the stories left open by an earlier run are read from that file
/// first, and the stories still open at the end are saved to it (all stories touched by this
/// run are written). `on_story` sees each story as it is written.
pub fn stories(
    inputs: &[PathBuf],
    output: &Path,
    config: StoriesConfig,
    pipeline: PipelineConfig,
    state: Option<&Path>,
    mut on_story: impl FnMut(&Story),
) -> Result<StoriesStats, CorpusError> {
    let started = Instant::now();
    let saved = match state {
        Some(path) if path.exists() => Some(read_state(path)?),
        _ => None,
    };
    let mut builder = StoryBuilder::new(config, saved)?;
    pipeline.check()?;
    let pipeline = Pipeline::new(PipelineConfig {
        summarize: false,
        ..pipeline
    });
    let Inputs { files, .. } = expand(inputs);
    let mut out = open_output(output, &files)?;
    let shown = out
        .path()
        .map_or_else(|| "<stdout>".to_string(), |p| p.display().to_string());
    let errors_path = out.path().map(|p| sibling(p, "errors"));
    let mut errors: Vec<ErrorRecord> = Vec::new();
    let mut stats = StoriesStats::default();
    let mut line = Vec::new();
    let mut records = read_files(files, ReadConfig::default()).peekable();
    let mut write = |out: &mut Output, story: &Story, stats: &mut StoriesStats| {
        stats.stories += 1;
        on_story(story);
        write_line(out, &mut line, story).map_err(|source| CorpusError::Write {
            path: shown.clone(),
            source,
        })
    };
    while records.peek().is_some() {
        let chunk: Vec<Item> = records.by_ref().take(CHUNK).collect();
        let documents: Vec<Result<StoryDocument, ErrorRecord>> = chunk
            .into_par_iter()
            .map(|item| story_document(&pipeline, item))
            .collect();
        for document in documents {
            stats.records += 1;
            match document {
                Ok(document) => {
                    stats.documents += 1;
                    for story in &builder.add(document) {
                        write(&mut out, story, &mut stats)?;
                    }
                }
                Err(error) => {
                    stats.errors += 1;
                    errors.push(error);
                }
            }
        }
    }
    if let Some(path) = state {
        save_state(path, builder.state())?;
    }
    for story in builder.finish() {
        write(&mut out, &story, &mut stats)?;
    }
    stats.duplicates = builder.duplicates();
    stats.dedup_bytes = builder.dedup_bytes() as u64;
    out.finish().map_err(|source| CorpusError::Write {
        path: shown.clone(),
        source,
    })?;
    if let (Some(path), false) = (errors_path, errors.is_empty()) {
        let mut text = Vec::new();
        for error in &errors {
            serde_json::to_writer(&mut text, error)
                .map_err(io::Error::other)
                .and_then(|()| text.write_all(b"\n"))
                .map_err(|source| CorpusError::Write {
                    path: path.display().to_string(),
                    source,
                })?;
        }
        std::fs::write(&path, text).map_err(|source| CorpusError::Write {
            path: path.display().to_string(),
            source,
        })?;
    }
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}

/// Cleans, segments and tags a record into what clustering needs.
fn story_document(pipeline: &Pipeline, item: Item) -> Result<StoryDocument, ErrorRecord> {
    let record = item?;
    let field = |name: &str| {
        record
            .extra
            .get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    };
    let (title, date) = (field("title"), field("date"));
    let id = record.id.clone();
    match textmill_batch::process_record(pipeline, Ok(record)) {
        textmill_batch::Outcome::Document(doc) => {
            let mut document = StoryDocument::from_document(id, &doc);
            if title.is_some() {
                document.title = title;
            }
            if let Some(date) = date.as_deref().and_then(textmill::boilerplate::parse_date) {
                document.date = Some(date);
            }
            Ok(document)
        }
        textmill_batch::Outcome::Error(error) => Err(error),
    }
}

fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = name.split_once('.').map_or(name.as_str(), |(base, _)| base);
    output.with_file_name(format!("{base}.{what}.jsonl"))
}

fn read_state(path: &Path) -> Result<Clusterer, CorpusError> {
    let error = |reason: String| CorpusError::State {
        path: path.display().to_string(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| error(e.to_string()))
}

/// Saves the state under a temporary name first, so that a crash never leaves half a state.
fn save_state(path: &Path, state: &Clusterer) -> Result<(), CorpusError> {
    let error = |source| CorpusError::Write {
        path: path.display().to_string(),
        source,
    };
    let partial = textmill_batch::partial_path(path);
    let bytes = serde_json::to_vec(state)
        .map_err(io::Error::other)
        .map_err(error)?;
    std::fs::write(&partial, bytes).map_err(error)?;
    std::fs::rename(&partial, path).map_err(error)
}
