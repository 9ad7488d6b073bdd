//! Records: `.txt` and `.html` files give one record each, WARC files one per HTML response
//! (see the `warc` module), JSONL files one record per line (a
//! `text` or `html` field, optional `id` and `url`; the names can be mapped), every other field
//! of a JSONL line is carried through to the output.

use std::io::{BufRead, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use textmill::{InputKind, Source};

use crate::input::{self, Format, InputFile};
use crate::{ErrorInfo, ErrorKind, ErrorRecord};

/// One input record, not yet processed.
#[derive(Debug, Clone)]
pub struct Record {
    /// The JSONL record's id (else `file:line`), or the name of a `.txt` or `.html` file.
    pub id: String,
    /// What to clean.
    pub content: Content,
    /// How to read it: by the file's extension, or `Html` when a JSONL record has `html`.
    pub kind: InputKind,
    /// A JSONL record's text when it also has HTML: used if the page gives no text.
    pub fallback_text: Option<String>,
    /// The input file, the JSONL line and the record's url.
    pub source: Source,
    /// The JSONL record's (or Parquet row's) other fields, written to the output's
    /// `metadata.extra`.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The whole JSONL record or Parquet row, when [`ReadConfig::keep_input`] is set: the
    /// output's `input` field.
    pub input: Option<serde_json::Map<String, serde_json::Value>>,
    /// When the record was fetched (a WARC-Date): the document's date when the page gives none.
    pub date: Option<String>,
}

impl Record {
    /// A record of `content` to be read as `kind`, with nothing else known about it.
    pub fn new(id: impl Into<String>, content: Content, kind: InputKind) -> Self {
        Record {
            id: id.into(),
            content,
            kind,
            fallback_text: None,
            source: Source::default(),
            extra: serde_json::Map::new(),
            input: None,
            date: None,
        }
    }
}

/// What a record holds: a file's bytes (HTML is decoded by its charset) or a JSON string, which
/// is Unicode already and never decoded again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// The bytes of a `.txt` or `.html` file, as read.
    Bytes(Vec<u8>),
    /// A JSONL record's `html` or `text` string.
    Text(String),
}

impl Content {
    /// Length in bytes (UTF-8 bytes for `Text`).
    pub fn len(&self) -> usize {
        match self {
            Content::Bytes(b) => b.len(),
            Content::Text(s) => s.len(),
        }
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The JSONL field names a record is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldNames {
    /// The record's id (a string or a number); default `id`.
    pub id: String,
    /// Plain text to clean; default `text`.
    pub text: String,
    /// An HTML page to clean (read before the text when a record has both); default `html`.
    pub html: String,
    /// The page's URL; default `url`.
    pub url: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            text: "text".into(),
            html: "html".into(),
            url: "url".into(),
        }
    }
}

/// How records are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadConfig {
    /// JSONL field names.
    pub fields: FieldNames,
    /// A record whose content (or JSONL line) is longer than this many bytes becomes a
    /// `too_large` error record instead of a document; an over-long line is read past without
    /// being held in memory. Default 64 MiB: processing a document takes several times its
    /// size.
    pub max_bytes: usize,
    /// Keep each JSONL record or Parquet row whole, for the output's `input` field (a corpus
    /// run sets it when that field is chosen).
    pub keep_input: bool,
}

impl Default for ReadConfig {
    fn default() -> Self {
        ReadConfig {
            fields: FieldNames::default(),
            max_bytes: 64 << 20,
            keep_input: false,
        }
    }
}

/// One record or the error record that stands in for it.
pub type Item = Result<Record, ErrorRecord>;

/// The records of `files`, in order.
pub fn read_files(
    files: Vec<InputFile>,
    config: ReadConfig,
) -> impl Iterator<Item = Item> + Send + use<> {
    read_unparsed(files, config).map(Unparsed::parse)
}

/// The records of `files`, in order, with JSONL lines left for [`Unparsed::parse`] (the engine
/// parses them on its workers).
pub fn read_unparsed(
    files: Vec<InputFile>,
    config: ReadConfig,
) -> impl Iterator<Item = Unparsed> + Send + use<> {
    read_counted(files, config, 0, &Arc::default())
}

/// The records of `files` (whose first is the input file numbered `first_file` of a run), each
/// knowing its file's number, while `bytes_read` counts the bytes read from the files (before
/// decompression).
pub(crate) fn read_counted(
    files: Vec<InputFile>,
    config: ReadConfig,
    first_file: usize,
    bytes_read: &Arc<AtomicU64>,
) -> impl Iterator<Item = Unparsed> + Send + use<> {
    let config = Arc::new(config);
    let bytes_read = Arc::clone(bytes_read);
    files
        .into_iter()
        .zip(first_file..)
        .flat_map(move |(file, number)| {
            records_of(file, Arc::clone(&config), &bytes_read).map(move |mut record| {
                record.file = number;
                record
            })
        })
}

/// The records of `paths` in order (see [`input::expand`]), read with the default field names;
/// files in folders whose names say no known format are left out.
pub fn read_inputs(paths: &[PathBuf]) -> impl Iterator<Item = Item> + Send + use<> {
    read_files(input::expand(paths).files, ReadConfig::default())
}

pub(crate) fn file_error(
    input: &InputFile,
    record: Option<u64>,
    id: Option<String>,
    kind: ErrorKind,
    reason: String,
) -> ErrorRecord {
    ErrorRecord {
        id,
        error: ErrorInfo {
            input: input.display(),
            record,
            kind,
            reason,
        },
    }
}

fn records_of(
    file: InputFile,
    config: Arc<ReadConfig>,
    bytes_read: &Arc<AtomicU64>,
) -> Box<dyn Iterator<Item = Unparsed> + Send> {
    if file.format == Format::Parquet {
        // Rows are read by the column; the file counts as read when it is opened.
        if let Ok(meta) = std::fs::metadata(&file.path) {
            bytes_read.fetch_add(meta.len(), Ordering::Relaxed);
        }
        return match crate::parquet::ParquetRecords::open(file.clone(), config) {
            Ok(rows) => Box::new(rows.map(Unparsed::from)),
            Err(reason) => {
                let error = file_error(&file, None, None, ErrorKind::Read, reason);
                Box::new(std::iter::once(Err(error).into()))
            }
        };
    }
    let reader = match input::open_counted(&file, Arc::clone(bytes_read)) {
        Ok(reader) => reader,
        Err(e) => {
            // A file that is one record keeps its id (its name) in the error record.
            let id = matches!(file.format, Format::Html | Format::Text | Format::Unknown)
                .then(|| file.name());
            let error = file_error(&file, None, id, ErrorKind::Read, e.to_string());
            return Box::new(std::iter::once(Err(error).into()));
        }
    };
    if file.format == Format::Warc {
        let records = crate::warc::WarcRecords {
            file,
            reader,
            max_bytes: config.max_bytes,
            number: 0,
            failed: false,
        };
        return Box::new(records.map(Unparsed::from));
    }
    if file.format == Format::Jsonl {
        return Box::new(JsonlRecords {
            file: Arc::new(file),
            reader,
            config,
            line: 0,
            failed: false,
        });
    }
    let item = whole_file(&file, reader, config.max_bytes);
    Box::new(std::iter::once(item.into()))
}

/// A `.txt` or `.html` file (perhaps compressed) as one record.
fn whole_file(file: &InputFile, mut reader: Box<dyn BufRead + Send>, max_bytes: usize) -> Item {
    // The file name with its extension: "a.txt" and "a.html" side by side stay apart.
    let id = file.name();
    let kind = match file.format {
        Format::Text => InputKind::Text,
        Format::Html => InputKind::Html,
        Format::Jsonl | Format::Warc | Format::Parquet | Format::Unknown => InputKind::Auto,
    };
    let mut content = Vec::new();
    // One byte past the limit is enough to know the file is too large.
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    if let Err(e) = Read::take(&mut reader, limit).read_to_end(&mut content) {
        return Err(file_error(
            file,
            None,
            Some(id),
            ErrorKind::Read,
            e.to_string(),
        ));
    }
    if content.len() > max_bytes {
        return Err(too_large(file, None, id, max_bytes));
    }
    Ok(Record {
        id,
        content: Content::Bytes(content),
        kind,
        fallback_text: None,
        source: Source {
            input: Some(file.display()),
            ..Source::default()
        },
        extra: serde_json::Map::new(),
        input: None,
        date: None,
    })
}

fn too_large(file: &InputFile, record: Option<u64>, id: String, max_bytes: usize) -> ErrorRecord {
    let reason = format!("the record is larger than the limit of {max_bytes} bytes");
    file_error(file, record, Some(id), ErrorKind::TooLarge, reason)
}

struct JsonlRecords {
    file: Arc<InputFile>,
    reader: Box<dyn BufRead + Send>,
    config: Arc<ReadConfig>,
    line: u64,
    /// Set after a read error: the rest of the file cannot be trusted, so reading stops.
    failed: bool,
}

impl Iterator for JsonlRecords {
    type Item = Unparsed;

    fn next(&mut self) -> Option<Unparsed> {
        let mut buf = Vec::new();
        while !self.failed {
            buf.clear();
            self.line += 1;
            match read_line_within(&mut self.reader, &mut buf, self.config.max_bytes) {
                Ok(Line::End) => return None,
                Ok(Line::Complete) if buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Line::Complete) => {
                    return Some(Unparsed::new(Pending::Line(JsonLine {
                        file: Arc::clone(&self.file),
                        config: Arc::clone(&self.config),
                        line: self.line,
                        bytes: buf,
                    })));
                }
                Ok(Line::TooLong(length)) => {
                    let reason = format!(
                        "the line is {length} bytes, over the limit of {} bytes",
                        self.config.max_bytes
                    );
                    let id = leading_field(&buf, &self.config.fields.id).map(|id| match id {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    });
                    let error =
                        file_error(&self.file, Some(self.line), id, ErrorKind::TooLarge, reason);
                    return Some(Err(error).into());
                }
                Err(e) => {
                    // A truncated or corrupt compressed file: what was read stands, the rest is
                    // one error record.
                    self.failed = true;
                    let reason = format!("the file cannot be read past this line: {e}");
                    let error =
                        file_error(&self.file, Some(self.line), None, ErrorKind::Read, reason);
                    return Some(Err(error).into());
                }
            }
        }
        None
    }
}

/// The value of the member `name` of the JSON object that `head` begins, if it comes before any
/// member whose value does not end within `head` (`head` is the start of a cut line).
fn leading_field(head: &[u8], name: &str) -> Option<serde_json::Value> {
    fn skip_space(bytes: &[u8], at: usize) -> usize {
        at + bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count()
    }
    fn next_json<T: serde::de::DeserializeOwned>(bytes: &[u8], at: usize) -> Option<(T, usize)> {
        let mut stream = serde_json::Deserializer::from_slice(bytes.get(at..)?).into_iter::<T>();
        let value = stream.next()?.ok()?;
        Some((value, at + stream.byte_offset()))
    }
    let mut at = skip_space(head, 0);
    if head.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        at = skip_space(head, at);
        let (key, after_key) = next_json::<String>(head, at)?;
        at = skip_space(head, after_key);
        if head.get(at) != Some(&b':') {
            return None;
        }
        let (value, after_value) = next_json::<serde_json::Value>(head, skip_space(head, at + 1))?;
        if key == name {
            return Some(value);
        }
        at = skip_space(head, after_value);
        if head.get(at) != Some(&b',') {
            return None;
        }
        at += 1;
    }
}

/// What [`read_line_within`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// The input ended before another line.
    End,
    /// A line (with its newline, unless it ends the input) is in the buffer.
    Complete,
    /// The line was this many bytes, over the limit: it was read past, never held in memory.
    TooLong(u64),
}

/// How much of an over-long line is kept, to find its id in.
const KEPT_OF_LONG_LINE: usize = 4096;

/// Reads one line into `buf`, unless it is longer than `limit` bytes: then it is read past and
/// only its length and its first bytes are kept (where its id may be), so that a 200 MB line
/// costs no more memory than a short one.
fn read_line_within(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Line> {
    let mut length = 0u64;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (taken, ends) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        length += taken as u64;
        // The newline does not count against the limit.
        let content = length - u64::from(ends);
        if !too_long && content > limit as u64 {
            too_long = true;
            let mut head = std::mem::take(buf);
            head.extend_from_slice(&available[..taken.min(KEPT_OF_LONG_LINE)]);
            head.truncate(KEPT_OF_LONG_LINE);
            head.shrink_to_fit();
            *buf = head;
        }
        if !too_long {
            buf.extend_from_slice(&available[..taken]);
        }
        reader.consume(taken);
        if ends {
            break;
        }
    }
    Ok(if too_long {
        Line::TooLong(length)
    } else if length == 0 {
        Line::End
    } else {
        Line::Complete
    })
}

/// A record as the reader found it: a JSONL line is parsed later, by the worker that processes
/// it, so that one reader thread keeps every worker fed.
#[derive(Debug)]
pub struct Unparsed {
    pending: Pending,
    /// The number of its input file in the run (0 for records not read from files).
    pub(crate) file: usize,
}

#[derive(Debug)]
enum Pending {
    Item(Item),
    Line(JsonLine),
}

impl From<Item> for Unparsed {
    fn from(item: Item) -> Self {
        Unparsed::new(Pending::Item(item))
    }
}

impl Unparsed {
    fn new(pending: Pending) -> Self {
        Unparsed { pending, file: 0 }
    }

    /// The record, or the error record that stands in for it.
    pub fn parse(self) -> Item {
        match self.pending {
            Pending::Item(item) => item,
            Pending::Line(line) => line.parse(),
        }
    }

    /// Bytes read for this record (a JSONL line's, or the content's).
    pub fn len(&self) -> usize {
        match &self.pending {
            Pending::Item(Ok(record)) => record.content.len(),
            Pending::Item(Err(_)) => 0,
            Pending::Line(line) => line.bytes.len(),
        }
    }

    /// Whether no bytes were read for it.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The record that a JSONL line's or a Parquet row's fields make: `(html, text, url)`, each
/// absent, a string, or an error saying the field is not a string. The HTML comes first (it
/// carries the metadata); the text stands in when the page has none.
pub(crate) fn record_from_fields(
    file: &InputFile,
    number: u64,
    id: String,
    (html, text, url): FieldValues,
    config: &ReadConfig,
) -> Item {
    let error = |id: String, kind: ErrorKind, reason: String| {
        Err(file_error(file, Some(number), Some(id), kind, reason))
    };
    let (html, text, url) = match (html, text, url) {
        (Ok(html), Ok(text), Ok(url)) => (html, text, url),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return error(id, ErrorKind::Field, e),
    };
    let (content, kind, fallback_text) = match (html, text) {
        (Some(html), text) => (html, InputKind::Html, text),
        (None, Some(text)) => (text, InputKind::Text, None),
        (None, None) => {
            let names = &config.fields;
            let reason = format!(
                "the record has no `{}` or `{}` field",
                names.text, names.html
            );
            return error(id, ErrorKind::Field, reason);
        }
    };
    if content.len() > config.max_bytes {
        return Err(too_large(file, Some(number), id, config.max_bytes));
    }
    Ok(Record {
        id,
        content: Content::Text(content),
        kind,
        fallback_text,
        source: Source {
            input: Some(file.display()),
            record: Some(number),
            url,
        },
        extra: serde_json::Map::new(),
        input: None,
        date: None,
    })
}

/// A record's HTML, text and url fields as read: absent, a string, or why not a string.
pub(crate) type FieldValues = (
    Result<Option<String>, String>,
    Result<Option<String>, String>,
    Result<Option<String>, String>,
);

/// One JSONL line, not yet parsed.
#[derive(Debug)]
struct JsonLine {
    file: Arc<InputFile>,
    config: Arc<ReadConfig>,
    line: u64,
    bytes: Vec<u8>,
}

impl JsonLine {
    fn parse(self) -> Item {
        let line = &self.bytes[..];
        let error = |id: Option<String>, kind: ErrorKind, reason: String| {
            Err(file_error(&self.file, Some(self.line), id, kind, reason))
        };
        let mut fields: serde_json::Map<String, serde_json::Value> =
            match serde_json::from_slice(line) {
                Ok(fields) => fields,
                Err(e) => return error(None, ErrorKind::Json, format!("malformed JSON line: {e}")),
            };
        let names = &self.config.fields;
        let input = self.config.keep_input.then(|| fields.clone());
        let id = match fields.remove(&names.id) {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => {
                format!("{}:{}", self.file.name(), self.line)
            }
            Some(other) => other.to_string(),
        };
        let mut string = |name: &str| -> Result<Option<String>, String> {
            match fields.remove(name) {
                Some(serde_json::Value::String(s)) => Ok(Some(s)),
                Some(serde_json::Value::Null) | None => Ok(None),
                Some(_) => Err(format!("the field `{name}` is not a string")),
            }
        };
        let values = (string(&names.html), string(&names.text), string(&names.url));
        let mut record = record_from_fields(&self.file, self.line, id, values, &self.config)?;
        record.extra = fields;
        record.input = input;
        Ok(record)
    }
}
