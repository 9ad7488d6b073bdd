//! Readers: `.txt` and `.html` files (one record each), JSONL files (one record per line, with a
//! `text` or `html` field and optional `id` and `url`), and folders of those.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use textmill::{InputKind, Source};

use crate::{ErrorInfo, ErrorRecord};

/// One input record, not yet processed.
#[derive(Debug, Clone)]
pub struct Record {
    /// The JSONL record's `id` (else `file:line`), or the name of a `.txt` or `.html` file.
    pub id: String,
    /// What to clean.
    pub content: Content,
    /// How to read it: by the file's extension, or `Html` when a JSONL record has `html`.
    pub kind: InputKind,
    /// A JSONL record's `text` when it also has `html`: used if the page gives no text.
    pub fallback_text: Option<String>,
    /// The input file, the JSONL line and the record's `url`.
    pub source: Source,
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

type Item = Result<Record, ErrorRecord>;

/// The records of `paths` in order: files as given, folders' files sorted by name (recursively).
pub fn read_inputs(paths: &[PathBuf]) -> impl Iterator<Item = Item> + use<> {
    let paths = paths.to_vec();
    paths
        .into_iter()
        .flat_map(|path| expand(&path))
        .flat_map(read_file)
}

fn is_input_file(path: &Path) -> bool {
    matches!(extension(path).as_str(), "txt" | "html" | "htm" | "jsonl")
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A folder becomes its input files, sorted; anything else stays as it is (a missing file
/// becomes an error record when it is read).
fn expand(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_owned()];
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return vec![path.to_owned()],
    };
    entries.sort();
    entries
        .into_iter()
        .flat_map(|p| {
            if p.is_dir() {
                expand(&p)
            } else if is_input_file(&p) {
                vec![p]
            } else {
                vec![]
            }
        })
        .collect()
}

fn file_error(path: &Path, record: Option<u64>, id: Option<String>, reason: String) -> ErrorRecord {
    ErrorRecord {
        id,
        error: ErrorInfo {
            input: path.display().to_string(),
            record,
            reason,
        },
    }
}

fn read_file(path: PathBuf) -> Box<dyn Iterator<Item = Item>> {
    if extension(&path) == "jsonl" {
        return match File::open(&path) {
            Ok(file) => Box::new(JsonlRecords {
                path,
                reader: BufReader::new(file),
                line: 0,
                failed: false,
            }),
            Err(e) => Box::new(std::iter::once(Err(file_error(
                &path,
                None,
                None,
                e.to_string(),
            )))),
        };
    }
    // The file name with its extension: "a.txt" and "a.html" side by side stay apart.
    let id = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = match extension(&path).as_str() {
        "txt" => InputKind::Text,
        "html" | "htm" => InputKind::Html,
        _ => InputKind::Auto,
    };
    let record = match std::fs::read(&path) {
        Ok(content) => Ok(Record {
            id,
            content: Content::Bytes(content),
            kind,
            fallback_text: None,
            source: Source {
                input: Some(path.display().to_string()),
                ..Source::default()
            },
        }),
        Err(e) => Err(file_error(&path, None, Some(id), e.to_string())),
    };
    Box::new(std::iter::once(record))
}

#[derive(Deserialize)]
struct JsonlLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

struct JsonlRecords {
    path: PathBuf,
    reader: BufReader<File>,
    line: u64,
    /// Set after a read error: the rest of the file cannot be trusted, so reading stops.
    failed: bool,
}

impl Iterator for JsonlRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut buf = Vec::new();
        while !self.failed {
            buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) if buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(_) => return Some(self.parse(&buf)),
                Err(e) => {
                    self.failed = true;
                    return Some(Err(file_error(
                        &self.path,
                        Some(self.line),
                        None,
                        e.to_string(),
                    )));
                }
            }
        }
        None
    }
}

impl JsonlRecords {
    fn parse(&self, line: &[u8]) -> Item {
        let error = |id: Option<String>, reason: String| {
            Err(file_error(&self.path, Some(self.line), id, reason))
        };
        let parsed: JsonlLine = match serde_json::from_slice(line) {
            Ok(parsed) => parsed,
            Err(e) => return error(None, format!("malformed JSON line: {e}")),
        };
        let id = match parsed.id {
            Some(serde_json::Value::String(s)) => s,
            Some(other) => other.to_string(),
            None => format!(
                "{}:{}",
                self.path
                    .file_name()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default(),
                self.line
            ),
        };
        // `html` comes first (it carries the metadata); `text` stands in when the page has none.
        let (content, kind, fallback_text) = match (parsed.html, parsed.text) {
            (Some(html), text) => (html, InputKind::Html, text),
            (None, Some(text)) => (text, InputKind::Text, None),
            (None, None) => {
                return error(Some(id), "the record has no `text` or `html` field".into());
            }
        };
        Ok(Record {
            id,
            content: Content::Text(content),
            kind,
            fallback_text,
            source: Source {
                input: Some(self.path.display().to_string()),
                record: Some(self.line),
                url: parsed.url,
            },
        })
    }
}
