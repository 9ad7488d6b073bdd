//! WARC files (ISO 28500, as Common Crawl writes them; `.warc` or `.warc.gz`): each `response`
//! record whose HTTP payload is HTML is one input record, with the WARC-Record-ID as its id, the
//! WARC-Target-URI as its url and the WARC-Date as the date of a page that gives none.
//!
//! Written here rather than taken from a crate: the format is a header block and a length, and
//! the one WARC crate on crates.io pulls a URL parser, a date library and an old uuid for it.

use std::io::{BufRead, Read};

use textmill::{InputKind, Source};

use crate::input::InputFile;
use crate::read::{Content, Item, Record};
use crate::{ErrorKind, read::file_error};

/// Longest header line accepted: a WARC or HTTP header block is text, never megabytes.
const MAX_HEADER_LINE: u64 = 64 << 10;

pub(crate) struct WarcRecords {
    pub(crate) file: InputFile,
    pub(crate) reader: Box<dyn BufRead + Send>,
    pub(crate) max_bytes: usize,
    /// 1-based number of the WARC record last read (of any type).
    pub(crate) number: u64,
    /// Set after a read or format error: the rest of the file cannot be trusted.
    pub(crate) failed: bool,
}

impl Iterator for WarcRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.failed {
            match self.next_warc_record() {
                Ok(None) => return None,
                Ok(Some(Step::Record(record))) => return Some(Ok(*record)),
                Ok(Some(Step::Skip)) => {} // Not an HTML response: no input record.
                Ok(Some(Step::TooLarge(id))) => {
                    let reason = format!(
                        "the record is larger than the limit of {} bytes",
                        self.max_bytes
                    );
                    let error = file_error(
                        &self.file,
                        Some(self.number),
                        Some(id),
                        ErrorKind::TooLarge,
                        reason,
                    );
                    return Some(Err(error));
                }
                Err((kind, reason)) => {
                    self.failed = true;
                    let error = file_error(&self.file, Some(self.number), None, kind, reason);
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

/// A failure that leaves the rest of the file unreadable.
type Failure = (ErrorKind, String);

/// What one WARC record comes to.
enum Step {
    /// An HTML response: an input record.
    Record(Box<Record>),
    /// Another type of record, or a response that is no HTML page.
    Skip,
    /// An HTML response over the size limit (its bytes skipped), with its id.
    TooLarge(String),
}

impl WarcRecords {
    /// The next WARC record, `None` at the end.
    fn next_warc_record(&mut self) -> Result<Option<Step>, Failure> {
        let read = |e: std::io::Error| (ErrorKind::Read, e.to_string());
        // Records are separated by blank lines.
        let version = loop {
            let mut line = Vec::new();
            let n = (&mut self.reader)
                .take(MAX_HEADER_LINE)
                .read_until(b'\n', &mut line)
                .map_err(read)?;
            if n == 0 {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break line;
            }
        };
        self.number += 1;
        if !version.starts_with(b"WARC/") {
            return Err((
                ErrorKind::Read,
                "not a WARC record (no WARC/1.x version line)".into(),
            ));
        }
        let headers = read_headers(&mut self.reader).map_err(read)?;
        let length: u64 = header(&headers, "content-length")
            .and_then(|v| v.parse().ok())
            .ok_or((
                ErrorKind::Read,
                "the WARC record has no Content-Length".to_owned(),
            ))?;
        let is_response = header(&headers, "warc-type") == Some("response");
        if !is_response || length > self.max_bytes as u64 {
            let skipped = std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
                .map_err(read)?;
            if skipped < length {
                return Err((ErrorKind::Read, "the WARC record is cut short".into()));
            }
            return Ok(Some(if is_response {
                Step::TooLarge(record_id(&headers, self.number))
            } else {
                Step::Skip
            }));
        }
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        (&mut self.reader)
            .take(length)
            .read_to_end(&mut block)
            .map_err(read)?;
        if (block.len() as u64) < length {
            return Err((ErrorKind::Read, "the WARC record is cut short".into()));
        }
        let Some(body) = html_payload(&block) else {
            return Ok(Some(Step::Skip));
        };
        Ok(Some(Step::Record(Box::new(Record {
            id: record_id(&headers, self.number),
            content: Content::Bytes(body),
            kind: InputKind::Html,
            fallback_text: None,
            source: Source {
                input: Some(self.file.display()),
                record: Some(self.number),
                url: header(&headers, "warc-target-uri").map(str::to_owned),
            },
            extra: serde_json::Map::new(),
            input: None,
            date: header(&headers, "warc-date").map(str::to_owned),
        }))))
    }
}

/// `name: value` lines up to a blank line, names lower-cased.
fn read_headers(reader: &mut dyn BufRead) -> std::io::Result<Vec<(String, String)>> {
    let mut headers = Vec::new();
    loop {
        let mut line = Vec::new();
        if reader.take(MAX_HEADER_LINE).read_until(b'\n', &mut line)? == 0 {
            return Ok(headers);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Ok(headers);
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The WARC-Record-ID without its angle brackets, else `record-N`.
fn record_id(headers: &[(String, String)], number: u64) -> String {
    header(headers, "warc-record-id").map_or_else(
        || format!("record-{number}"),
        |id| id.trim_matches(['<', '>']).to_owned(),
    )
}

/// The body of an HTTP response whose content type is HTML (or unsaid), de-chunked.
fn html_payload(block: &[u8]) -> Option<Vec<u8>> {
    let split = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status = lines.next()?;
    if !status.starts_with("HTTP/") {
        return None;
    }
    let mut chunked = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (
            name.trim().to_ascii_lowercase(),
            value.trim().to_ascii_lowercase(),
        );
        if name == "content-type" && !value.contains("html") {
            return None;
        }
        chunked |= name == "transfer-encoding" && value.contains("chunked");
    }
    let body = &block[split.1..];
    Some(if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    })
}

/// An HTTP/1.1 chunked body, joined; what cannot be parsed is kept as it is.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let original = body;
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(end) = memchr::memmem::find(body, b"\r\n") else {
            return original.to_vec();
        };
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok());
        let Some(size) = size else {
            return original.to_vec();
        };
        if size == 0 {
            return out;
        }
        let start = end + 2;
        let Some(chunk) = body.get(start..start + size) else {
            return original.to_vec();
        };
        out.extend_from_slice(chunk);
        body = body.get(start + size + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_responses_are_found_and_chunked_bodies_joined() {
        let plain = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi</p>";
        assert_eq!(html_payload(plain).unwrap(), b"<p>Hi</p>");
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(html_payload(image), None);
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>H\r\n5\r\ni</p>\r\n0\r\n\r\n";
        assert_eq!(html_payload(chunked).unwrap(), b"<p>Hi</p>");
        assert_eq!(dechunk(b"zz\r\nnot chunked"), b"zz\r\nnot chunked");
    }
}
