//! Input files: what the paths on a command line name (files, folders, glob patterns, `-` for
//! stdin), each file's format by its name, and its compression by its first bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How a file's records are laid out, by its name with any `.gz` or `.zst` taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line (`.jsonl`, `.ndjson`, `.json`; and stdin).
    Jsonl,
    /// One record: an HTML page (`.html`, `.htm`).
    Html,
    /// One record: plain text (`.txt`).
    Text,
    /// Web archive records (`.warc`): one record per HTML response.
    Warc,
    /// A Parquet file (`.parquet`): one record per row.
    Parquet,
    /// One record, HTML or text decided from its first bytes (any other name given by hand).
    Unknown,
}

/// One input to read: a file (compressed or not) or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The path as named, or `-` for standard input.
    pub path: PathBuf,
    /// How its records are laid out.
    pub format: Format,
}

impl InputFile {
    /// Whether this is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The file's name without its folder (`stdin` for standard input): the id of a one-record
    /// file, and the stem of `NAME:LINE` ids.
    pub fn name(&self) -> String {
        if self.is_stdin() {
            return "stdin".to_owned();
        }
        self.path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The name records of this file are known by in ids and error records.
    pub fn display(&self) -> String {
        if self.is_stdin() {
            "<stdin>".to_owned()
        } else {
            self.path.display().to_string()
        }
    }
}

/// What the command line's paths come to: the inputs in order, and the files inside folders that
/// were passed over because their names say no known format (dotfiles are passed over silently).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Files to read, in order: as given, folders' files sorted by path, glob matches sorted.
    pub files: Vec<InputFile>,
    /// Files found in folders and left out, with their paths.
    pub skipped: Vec<PathBuf>,
}

/// Expands `paths` into input files: a folder gives the files below it whose names say a known
/// format (sorted, recursively); a path that does not exist but has `*`, `?` or `[` in it is a
/// glob pattern; `-` is standard input; any other path is read as it is named (a missing file
/// becomes an error record when it is read).
pub fn expand(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.files.push(InputFile {
                path: path.clone(),
                format: Format::Jsonl,
            });
        } else if path.is_dir() {
            walk(path, &mut inputs);
        } else if !path.exists() && is_pattern(path) {
            glob_files(path, &mut inputs);
        } else {
            inputs.files.push(InputFile {
                path: path.clone(),
                format: format_of(path),
            });
        }
    }
    inputs
}

fn is_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

fn glob_files(pattern: &Path, inputs: &mut Inputs) {
    let matches = glob::glob(&pattern.to_string_lossy()).map(|paths| {
        let mut found: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
        found.sort();
        found
    });
    match matches {
        Ok(found) if !found.is_empty() => {
            for path in found {
                if path.is_dir() {
                    walk(&path, inputs);
                } else {
                    inputs.files.push(InputFile {
                        format: format_of(&path),
                        path,
                    });
                }
            }
        }
        // A pattern that matches nothing is named as a file, so that its error record says so.
        _ => inputs.files.push(InputFile {
            path: pattern.to_owned(),
            format: Format::Unknown,
        }),
    }
}

fn walk(folder: &Path, inputs: &mut Inputs) {
    let Ok(dir) = std::fs::read_dir(folder) else {
        // Unreadable: named as a file, so that reading it gives an error record.
        inputs.files.push(InputFile {
            path: folder.to_owned(),
            format: Format::Unknown,
        });
        return;
    };
    let mut entries: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs);
        } else {
            match format_of(&path) {
                Format::Unknown => inputs.skipped.push(path),
                format => inputs.files.push(InputFile { path, format }),
            }
        }
    }
}

/// A file name without a final `.gz` or `.zst`.
pub(crate) fn without_compression(name: &str) -> &str {
    name.strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name)
}

/// The format a file's name says, with a final `.gz` or `.zst` taken off.
pub fn format_of(path: &Path) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match without_compression(&name)
        .rsplit_once('.')
        .map(|(_, ext)| ext)
    {
        Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
        Some("html" | "htm") => Format::Html,
        Some("txt") => Format::Text,
        Some("warc") => Format::Warc,
        Some("parquet") => Format::Parquet,
        _ => Format::Unknown,
    }
}

/// The magic bytes of gzip and of zstd frames.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// Opens an input for reading, decompressing gzip and zstd by their magic bytes (whatever the
/// name says).
pub fn open(input: &InputFile) -> io::Result<Box<dyn BufRead + Send>> {
    open_counted(input, Arc::default())
}

/// Opens an input as [`open`] does, adding the bytes read from it (before decompression) to
/// `bytes_read`: how far a run has got.
pub(crate) fn open_counted(
    input: &InputFile,
    bytes_read: Arc<AtomicU64>,
) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = if input.is_stdin() {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(&input.path)?)
    };
    let counted = Counted {
        inner: raw,
        bytes_read,
    };
    decompressed(BufReader::with_capacity(1 << 16, Box::new(counted)))
}

/// A reader that counts what it reads.
struct Counted {
    inner: Box<dyn Read + Send>,
    bytes_read: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// `reader`, decompressed if its first bytes say gzip or zstd.
pub fn decompressed(
    mut reader: BufReader<Box<dyn Read + Send>>,
) -> io::Result<Box<dyn BufRead + Send>> {
    let head = reader.fill_buf()?;
    if head.starts_with(&GZIP_MAGIC) {
        let gz = flate2::bufread::MultiGzDecoder::new(reader);
        Ok(Box::new(BufReader::with_capacity(1 << 16, gz)))
    } else if head.starts_with(&ZSTD_MAGIC) {
        let zst = zstd::stream::read::Decoder::with_buffer(reader)?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, zst)))
    } else {
        Ok(Box::new(reader))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_the_format_under_any_compression() {
        for (name, format) in [
            ("a.jsonl", Format::Jsonl),
            ("a.jsonl.gz", Format::Jsonl),
            ("A.JSONL.ZST", Format::Jsonl),
            ("page.html.gz", Format::Html),
            ("page.htm", Format::Html),
            ("story.txt.zst", Format::Text),
            ("CC-MAIN-2024-0001.warc.gz", Format::Warc),
            ("notes.md", Format::Unknown),
            ("archive.gz", Format::Unknown),
        ] {
            assert_eq!(format_of(Path::new(name)), format, "{name}");
        }
    }
}
