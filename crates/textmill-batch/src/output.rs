//! Where a run's lines go: standard output, or a JSONL file (optionally `.gz` or `.zst`) written
//! under a temporary name and renamed when the run is complete, never over one of its inputs;
//! and which fields of each document are written.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::ser::{SerializeMap, Serializer};
use textmill::Document;
use textmill::core::{EntityRecord, OffsetMap, SentenceRecord, SpanRecord, TokenRecord};

use crate::input::{InputFile, without_compression};

textmill::core::named_enum! {
    /// A top-level field of an output document.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Field ("output field") {
        /// The record's id.
        Id = "id",
        /// The clean text.
        Text = "text",
        /// Title, dek, authors, date, site, language, url, and the input's other fields.
        Metadata = "metadata",
        /// Paragraph spans.
        Paragraphs = "paragraphs",
        /// Sentence spans with their text.
        Sentences = "sentences",
        /// Token spans and kinds.
        Tokens = "tokens",
        /// Entities with labels, scores and canonical names.
        Entities = "entities",
        /// Indices of the summary sentences.
        Summary = "summary",
        /// What cleaning removed, and why.
        Removed = "removed",
        /// The input file and line.
        Source = "source",
    }
}

/// The fields written for each document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSet(Vec<Field>);

impl FieldSet {
    /// Every field.
    pub fn all() -> Self {
        FieldSet(Field::ALL.to_vec())
    }

    /// These fields, in the output's usual order.
    pub fn of(fields: impl IntoIterator<Item = Field>) -> Self {
        let mut fields: Vec<Field> = fields.into_iter().collect();
        fields.sort_unstable();
        fields.dedup();
        FieldSet(fields)
    }

    /// Whether `field` is written.
    pub fn contains(&self, field: Field) -> bool {
        self.0.contains(&field)
    }
}

/// The default of corpus runs: what later steps read (text, metadata, sentences, entities,
/// summary, source), without tokens, paragraphs and removed pieces, which make most of a full
/// record's size.
impl Default for FieldSet {
    fn default() -> Self {
        use Field::{Entities, Id, Metadata, Sentences, Source, Summary, Text};
        FieldSet::of([Id, Text, Metadata, Sentences, Entities, Summary, Source])
    }
}

impl std::str::FromStr for FieldSet {
    type Err = textmill::core::UnknownName;

    /// `all`, or field names separated by commas: `id,text,entities`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim() == "all" {
            return Ok(FieldSet::all());
        }
        s.split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<Field>, _>>()
            .map(FieldSet::of)
    }
}

/// A document with only the chosen fields, in code-point offsets, and the input's other fields
/// in `metadata.extra`: the fields not chosen are never converted.
pub(crate) struct Selected<'a> {
    pub doc: &'a Document,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub fields: &'a FieldSet,
}

#[derive(serde::Serialize)]
struct MetadataWithExtra<'a> {
    #[serde(flatten)]
    metadata: &'a textmill::Metadata,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl serde::Serialize for Selected<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let text = doc.text.as_str();
        let needs_offsets = self.fields.0.iter().any(|f| {
            matches!(
                f,
                Field::Paragraphs | Field::Sentences | Field::Tokens | Field::Entities
            )
        });
        let map = needs_offsets.then(|| OffsetMap::new(text));
        let map = map.as_ref();
        let mut out = serializer.serialize_map(None)?;
        for &field in &self.fields.0 {
            let name = field.as_str();
            match (field, map) {
                (Field::Id, _) => out.serialize_entry(name, &doc.id)?,
                (Field::Text, _) => out.serialize_entry(name, text)?,
                (Field::Metadata, _) => out.serialize_entry(
                    name,
                    &MetadataWithExtra {
                        metadata: &doc.metadata,
                        extra: self.extra,
                    },
                )?,
                (Field::Paragraphs, Some(map)) => {
                    let records: Vec<SpanRecord> = doc
                        .paragraphs
                        .iter()
                        .map(|p| SpanRecord::new(p.span, map))
                        .collect();
                    out.serialize_entry(name, &records)?;
                }
                (Field::Sentences, Some(map)) => {
                    let records: Vec<SentenceRecord> = doc
                        .sentences
                        .iter()
                        .map(|s| SentenceRecord::new(s.span, text, map))
                        .collect();
                    out.serialize_entry(name, &records)?;
                }
                (Field::Tokens, Some(map)) => {
                    let records: Vec<TokenRecord> = doc
                        .tokens
                        .iter()
                        .map(|t| TokenRecord::new(t, map))
                        .collect();
                    out.serialize_entry(name, &records)?;
                }
                (Field::Entities, Some(map)) => {
                    let records: Vec<EntityRecord> = doc
                        .entities
                        .iter()
                        .map(|e| EntityRecord::new(e, text, map))
                        .collect();
                    out.serialize_entry(name, &records)?;
                }
                (Field::Paragraphs | Field::Sentences | Field::Tokens | Field::Entities, None) => {
                    unreachable!("span fields make the offset map")
                }
                (Field::Summary, _) => out.serialize_entry(name, &doc.summary)?,
                (Field::Removed, _) => out.serialize_entry(name, &doc.removed)?,
                (Field::Source, _) => out.serialize_entry(name, &doc.source)?,
            }
        }
        out.end()
    }
}

/// Why an output cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output is one of the inputs: writing it would destroy what is being read.
    #[error("the output {0} is also an input: choose another output")]
    IsInput(PathBuf),
    /// Creating the output (or its folder) failed.
    #[error("{path}: {source}")]
    Io {
        /// The path that could not be created.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// Where documents are written: standard output, or a file that gets its name only when the run
/// is complete (an interrupted run leaves `NAME.partial`, never a truncated `NAME`).
pub struct Output {
    writer: Sink,
    /// `(temporary, final)` paths of a file output.
    paths: Option<(PathBuf, PathBuf)>,
}

/// The writer under an output, so that a compressed stream is finished (and its errors seen)
/// before the file gets its name.
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    Plain(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
    Parquet(Box<crate::parquet::ParquetSink>),
}

impl Sink {
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::Plain(w) => w.write_all(buf),
            Sink::Gzip(w) => w.write_all(buf),
            Sink::Zstd(w) => w.write_all(buf),
            Sink::Parquet(p) => p.write_lines(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
            Sink::Zstd(w) => w.flush(),
            // Rows are written a batch at a time; the last batch when the output is finished.
            Sink::Parquet(_) => Ok(()),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::Plain(mut w) => w.flush(),
            Sink::Gzip(w) => w.finish()?.flush(),
            Sink::Zstd(w) => w.finish()?.flush(),
            Sink::Parquet(p) => p.finish(),
        }
    }
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let writer = match self.writer {
            Sink::Stdout(_) => "stdout",
            Sink::Plain(_) => "file",
            Sink::Gzip(_) => "gzip file",
            Sink::Zstd(_) => "zstd file",
            Sink::Parquet(_) => "parquet file",
        };
        f.debug_struct("Output")
            .field("writer", &writer)
            .field("paths", &self.paths)
            .finish()
    }
}

/// The file an output path names: itself if it ends in `.jsonl`, `.json` or `.ndjson` (with an
/// optional `.gz` or `.zst`) or `.parquet`, else `documents.jsonl` inside it (a folder); `None`
/// for `-` (standard output).
pub fn output_file(path: &Path) -> Option<PathBuf> {
    if path.as_os_str() == "-" {
        return None;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stem = without_compression(&name);
    let is_file = [".jsonl", ".json", ".ndjson", ".parquet"]
        .iter()
        .any(|ext| stem.ends_with(ext));
    Some(if is_file {
        path.to_owned()
    } else {
        path.join("documents.jsonl")
    })
}

impl Output {
    /// Opens the output that `path` names (see [`output_file`]), refusing one that is an input;
    /// a Parquet output gets a column per field in `fields`.
    pub fn create(
        path: &Path,
        inputs: &[InputFile],
        fields: &FieldSet,
    ) -> Result<Output, OutputError> {
        let Some(file) = output_file(path) else {
            return Ok(Output {
                writer: Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
                paths: None,
            });
        };
        if let Some(same) = inputs.iter().find(|input| same_file(&input.path, &file)) {
            return Err(OutputError::IsInput(same.path.clone()));
        }
        let io_error = |path: &Path| {
            let path = path.to_owned();
            move |source| OutputError::Io { path, source }
        };
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let partial = partial_path(&file);
        let handle = File::create(&partial).map_err(io_error(&partial))?;
        let is_parquet = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
        if is_parquet {
            let sink =
                crate::parquet::ParquetSink::new(handle, fields).map_err(io_error(&partial))?;
            return Ok(Output {
                writer: Sink::Parquet(Box::new(sink)),
                paths: Some((partial, file)),
            });
        }
        let buffered = BufWriter::with_capacity(1 << 16, handle);
        let compression = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let writer = if compression.as_deref() == Some("gz") {
            Sink::Gzip(flate2::write::GzEncoder::new(
                buffered,
                flate2::Compression::fast(),
            ))
        } else if compression.as_deref() == Some("zst") {
            let encoder =
                zstd::stream::write::Encoder::new(buffered, 3).map_err(io_error(&partial))?;
            Sink::Zstd(encoder)
        } else {
            Sink::Plain(buffered)
        };
        Ok(Output {
            writer,
            paths: Some((partial, file)),
        })
    }

    /// The final path of a file output (`None` for standard output).
    pub fn path(&self) -> Option<&Path> {
        self.paths.as_ref().map(|(_, file)| file.as_path())
    }

    /// Flushes and closes the output and gives a file its final name.
    pub fn finish(self) -> io::Result<()> {
        self.writer.finish()?;
        if let Some((partial, file)) = self.paths {
            std::fs::rename(&partial, &file)?;
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Where a file output is written until the run is complete: `NAME.partial`.
pub fn partial_path(file: &Path) -> PathBuf {
    let mut partial = file.to_owned().into_os_string();
    partial.push(".partial");
    PathBuf::from(partial)
}

/// Whether two paths name the same file (both canonicalised; a path that does not exist yet is
/// the same as nothing).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
