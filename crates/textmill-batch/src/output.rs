//! Where a run's lines go: standard output, or a JSONL file (optionally `.gz` or `.zst`) written
//! under a temporary name and renamed when the run is complete, never over one of its inputs;
//! and which fields of each document are written.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::ser::{SerializeMap, Serializer};
use textmill::Document;
use textmill::core::{EntityRecord, OffsetMap, Span, SpanRecord, TokenRecord};

use crate::engine::FromInput;
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
        /// The whole input record (a JSONL line's object, a Parquet row), for runs that must keep
        /// everything; null for files and WARC records.
        Input = "input",
    }
}

/// The fields written for each document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSet {
    fields: Vec<Field>,
    /// Write the free-form JSON of `metadata.extra` and `input` as JSON text (a Parquet column
    /// has one type; an object's members vary from record to record).
    pub(crate) free_form_as_text: bool,
}

impl FieldSet {
    /// Every field of the document: all but `input`, the input record itself.
    pub fn all() -> Self {
        FieldSet::of(Field::ALL.iter().copied().filter(|&f| f != Field::Input))
    }

    /// These fields, in the output's usual order.
    pub fn of(fields: impl IntoIterator<Item = Field>) -> Self {
        let mut fields: Vec<Field> = fields.into_iter().collect();
        fields.sort_unstable();
        fields.dedup();
        FieldSet {
            fields,
            free_form_as_text: false,
        }
    }

    /// Whether `field` is written.
    pub fn contains(&self, field: Field) -> bool {
        self.fields.contains(&field)
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

    /// `all` (every field but `input`), or field names separated by commas: `id,text,entities`,
    /// `all,input`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut fields = Vec::new();
        for name in s.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            if name == "all" {
                fields.extend(FieldSet::all().fields);
            } else {
                fields.push(name.parse()?);
            }
        }
        Ok(FieldSet::of(fields))
    }
}

/// A document with only the chosen fields, in code-point offsets, and the input's other fields
/// in `metadata.extra`: the fields not chosen are never converted.
pub(crate) struct Selected<'a> {
    pub doc: &'a Document,
    pub from_input: &'a FromInput,
    pub fields: &'a FieldSet,
}

#[derive(serde::Serialize)]
struct MetadataWithExtra<'a> {
    #[serde(flatten)]
    metadata: &'a textmill::Metadata,
    #[serde(skip_serializing_if = "FreeForm::is_empty")]
    extra: FreeForm<'a>,
}

/// An input's JSON object, as it is or as JSON text.
struct FreeForm<'a> {
    object: Option<&'a serde_json::Map<String, serde_json::Value>>,
    as_text: bool,
}

impl FreeForm<'_> {
    fn is_empty(&self) -> bool {
        self.object.is_none_or(serde_json::Map::is_empty)
    }
}

impl serde::Serialize for FreeForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.object, self.as_text) {
            (None, _) => serializer.serialize_none(),
            (Some(object), false) => object.serialize(serializer),
            (Some(object), true) => {
                let text = serde_json::to_string(object).map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&text)
            }
        }
    }
}

impl serde::Serialize for Selected<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let text = doc.text.as_str();
        let needs_offsets = self.fields.fields.iter().any(|f| {
            matches!(
                f,
                Field::Paragraphs | Field::Sentences | Field::Tokens | Field::Entities
            )
        });
        let map = needs_offsets.then(|| OffsetMap::new(text));
        let map = map.as_ref();
        let mut out = serializer.serialize_map(None)?;
        let as_text = self.fields.free_form_as_text;
        for &field in &self.fields.fields {
            let name = field.as_str();
            match (field, map) {
                (Field::Id, _) => out.serialize_entry(name, &doc.id)?,
                (Field::Text, _) => out.serialize_entry(name, text)?,
                (Field::Metadata, _) => out.serialize_entry(
                    name,
                    &MetadataWithExtra {
                        metadata: &doc.metadata,
                        extra: FreeForm {
                            object: Some(&self.from_input.extra),
                            as_text,
                        },
                    },
                )?,
                (Field::Paragraphs, Some(map)) => out.serialize_entry(
                    name,
                    &Lazy(|| doc.paragraphs.iter().map(|p| SpanRecord::new(p.span, map))),
                )?,
                (Field::Sentences, Some(map)) => out.serialize_entry(
                    name,
                    &Lazy(|| {
                        doc.sentences
                            .iter()
                            .map(|s| SentenceOut::new(s.span, text, map))
                    }),
                )?,
                (Field::Tokens, Some(map)) => out.serialize_entry(
                    name,
                    &Lazy(|| doc.tokens.iter().map(|t| TokenRecord::new(t, map))),
                )?,
                (Field::Entities, Some(map)) => out.serialize_entry(
                    name,
                    &Lazy(|| doc.entities.iter().map(|e| EntityRecord::new(e, text, map))),
                )?,
                (Field::Paragraphs | Field::Sentences | Field::Tokens | Field::Entities, None) => {
                    unreachable!("span fields make the offset map")
                }
                (Field::Summary, _) => out.serialize_entry(name, &doc.summary)?,
                (Field::Removed, _) => out.serialize_entry(name, &doc.removed)?,
                (Field::Source, _) => out.serialize_entry(name, &doc.source)?,
                (Field::Input, _) => out.serialize_entry(
                    name,
                    &FreeForm {
                        object: self.from_input.input.as_ref(),
                        as_text,
                    },
                )?,
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

/// Where documents are written: standard output, or a file that gets its name only when it is
/// complete (an interrupted run leaves `NAME.partial`, never a truncated `NAME`), or numbered
/// shards of such files. Each write is whole lines: a shard ends only between writes.
pub struct Output {
    writer: Sink,
    /// `(temporary, final)` paths of the file being written.
    paths: Option<(PathBuf, PathBuf)>,
    fields: FieldSet,
    shards: Option<Shards>,
}

/// At most how many records or bytes (of JSON lines, before compression) go into one shard of
/// the output; no limit, one output file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShardLimit {
    /// Records in a shard, at most.
    pub records: Option<u64>,
    /// Bytes of lines in a shard, at most (a shard holds at least one record).
    pub bytes: Option<u64>,
}

impl ShardLimit {
    /// Whether there is no limit: the output is one file.
    pub fn is_none(&self) -> bool {
        self.records.is_none() && self.bytes.is_none()
    }
}

/// The state of a sharded output.
#[derive(Debug)]
struct Shards {
    /// The output's name, which the shards' names are made from.
    base: PathBuf,
    limit: ShardLimit,
    /// The shard being written.
    index: usize,
    /// Records and bytes in it.
    records: u64,
    bytes: u64,
    /// Shards finished so far.
    finished: Vec<PathBuf>,
}

/// The name of shard `index` of an output (`out/documents.shard-00003.jsonl.zst`); the output's
/// own name when there are no shards.
pub fn shard_path(output: &Path, limit: ShardLimit, index: usize) -> PathBuf {
    if limit.is_none() {
        return output.to_owned();
    }
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = without_compression(&name);
    let compression = &name[stem.len()..];
    let (stem, extension) = stem.rsplit_once('.').unwrap_or((stem, "jsonl"));
    output.with_file_name(format!("{stem}.shard-{index:05}.{extension}{compression}"))
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

/// A sentence as [`textmill::core::SentenceRecord`] writes it, with its text borrowed rather
/// than copied: a text without sentence ends is one sentence of its whole size.
#[derive(serde::Serialize)]
struct SentenceOut<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> SentenceOut<'t> {
    fn new(sentence: Span, text: &'t str, map: &OffsetMap) -> Self {
        let SpanRecord { start, end } = SpanRecord::new(sentence, map);
        SentenceOut {
            start,
            end,
            text: sentence.text(text),
        }
    }
}

/// A sequence serialised as its iterator makes each item: a document's records are never all
/// in memory at once (a 50 MB text has half a million sentences, each with its text).
struct Lazy<F>(F);

impl<F, I> serde::Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// The sink as a writer, for [`Output::write_record`] (shards are checked once per record).
struct SinkWriter<'a>(&'a mut Sink);

impl Write for SinkWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
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
            .field("fields", &self.fields)
            .field("sharded", &self.shards.is_some())
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
    /// a Parquet output gets a column per field in `fields`. With a shard limit the output is
    /// written in shards named by [`shard_path`], numbered from `first_shard`.
    pub fn create(
        path: &Path,
        inputs: &[InputFile],
        fields: &FieldSet,
        shards: ShardLimit,
        first_shard: usize,
    ) -> Result<Output, OutputError> {
        let Some(file) = output_file(path) else {
            return Ok(Output {
                writer: Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
                paths: None,
                fields: fields.clone(),
                shards: None,
            });
        };
        let first = shard_path(&file, shards, first_shard);
        let outputs = [&file, &first];
        if let Some(same) = inputs
            .iter()
            .find(|input| outputs.iter().any(|out| same_file(&input.path, out)))
        {
            return Err(OutputError::IsInput(same.path.clone()));
        }
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| OutputError::Io {
                path: parent.to_owned(),
                source,
            })?;
        }
        let (writer, partial) = Sink::create(&first, fields)?;
        Ok(Output {
            writer,
            paths: Some((partial, first)),
            fields: fields.clone(),
            shards: (!shards.is_none()).then(|| Shards {
                base: file,
                limit: shards,
                index: first_shard,
                records: 0,
                bytes: 0,
                finished: Vec::new(),
            }),
        })
    }

    /// The final path of a file output (`None` for standard output); of a sharded output, the
    /// name its shards are named from.
    pub fn path(&self) -> Option<&Path> {
        match &self.shards {
            Some(shards) => Some(&shards.base),
            None => self.paths.as_ref().map(|(_, file)| file.as_path()),
        }
    }

    /// Flushes and closes the output, gives its file (or last shard) its final name, and returns
    /// the files written (none for standard output). A last shard with no record is not kept,
    /// unless it is the output's only file.
    pub fn finish(self) -> io::Result<Vec<PathBuf>> {
        self.close()?.commit()
    }

    /// Flushes and closes the output, still under its temporary name: what can fail (a full
    /// disk) fails here, and [`Closed::commit`] then only renames.
    pub fn close(mut self) -> io::Result<Closed> {
        self.writer.finish()?;
        Ok(Closed {
            paths: self.paths.take(),
            shards: self.shards.take(),
        })
    }
}

/// An output flushed and closed under its temporary name (see [`Output::close`]).
#[derive(Debug)]
pub struct Closed {
    paths: Option<(PathBuf, PathBuf)>,
    shards: Option<Shards>,
}

impl Closed {
    /// Gives the output (or its last shard) its final name; returns the files written.
    pub fn commit(self) -> io::Result<Vec<PathBuf>> {
        let Some((partial, file)) = self.paths else {
            return Ok(Vec::new());
        };
        let mut written = Vec::new();
        match self.shards {
            Some(shards) if shards.records == 0 && shards.index > 0 => {
                std::fs::remove_file(&partial)?;
                written.extend(shards.finished);
            }
            Some(shards) => {
                std::fs::rename(&partial, &file)?;
                written.extend(shards.finished);
                written.push(file);
            }
            None => {
                std::fs::rename(&partial, &file)?;
                written.push(file);
            }
        }
        Ok(written)
    }
}

impl Output {
    /// Writes one record of `len` bytes (its newline included), which `write` serialises
    /// straight into the output, without the record's line ever being held in memory: for large
    /// documents, whose line is several times their text. (A Parquet output takes whole lines.)
    pub fn write_record(
        &mut self,
        len: u64,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        self.next_shard_if_full(1, len)?;
        if let Sink::Parquet(sink) = &mut self.writer {
            let mut line = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
            write(&mut line)?;
            return sink.write_lines(&line);
        }
        write(&mut SinkWriter(&mut self.writer))
    }

    /// Before lines go in (`records` of them, `bytes` long): when the shard being written is
    /// full, finish it and open the next.
    fn next_shard_if_full(&mut self, records: u64, bytes: u64) -> io::Result<()> {
        let Some(shards) = self.shards.as_mut() else {
            return Ok(());
        };
        let full = shards.records > 0
            && (shards.limit.records.is_some_and(|n| shards.records >= n)
                || shards.limit.bytes.is_some_and(|n| shards.bytes + bytes > n));
        if full {
            let next = shard_path(&shards.base, shards.limit, shards.index + 1);
            let (writer, partial) = Sink::create(&next, &self.fields).map_err(|e| match e {
                OutputError::Io { source, .. } => source,
                OutputError::IsInput(path) => {
                    io::Error::other(format!("{} is an input", path.display()))
                }
            })?;
            let finished = std::mem::replace(&mut self.writer, writer);
            finished.finish()?;
            let (old_partial, old_file) = self
                .paths
                .replace((partial, next))
                .expect("a sharded output is a file");
            std::fs::rename(&old_partial, &old_file)?;
            shards.finished.push(old_file);
            shards.index += 1;
            shards.records = 0;
            shards.bytes = 0;
        }
        shards.records += records;
        shards.bytes += bytes;
        Ok(())
    }
}

impl Sink {
    /// Opens `file`'s temporary name for writing, compressed as its extension says.
    fn create(file: &Path, fields: &FieldSet) -> Result<(Sink, PathBuf), OutputError> {
        let partial = partial_path(file);
        let io_error = |source| OutputError::Io {
            path: partial.clone(),
            source,
        };
        let handle = File::create(&partial).map_err(io_error)?;
        let extension = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let buffered = |handle| BufWriter::with_capacity(1 << 16, handle);
        let sink = match extension.as_deref() {
            Some("parquet") => {
                let sink = crate::parquet::ParquetSink::new(handle, fields).map_err(io_error)?;
                Sink::Parquet(Box::new(sink))
            }
            Some("gz") => Sink::Gzip(flate2::write::GzEncoder::new(
                buffered(handle),
                flate2::Compression::fast(),
            )),
            Some("zst") => Sink::Zstd(
                zstd::stream::write::Encoder::new(buffered(handle), 3).map_err(io_error)?,
            ),
            _ => Sink::Plain(buffered(handle)),
        };
        Ok((sink, partial))
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let records = memchr::memchr_iter(b'\n', buf).count() as u64;
        self.next_shard_if_full(records, buf.len() as u64)?;
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
