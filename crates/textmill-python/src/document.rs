//! Documents and their value types for Python: `Span`, `Token`, `Document`, with code-point
//! offsets.

use std::sync::Arc;

use pyo3::prelude::*;
use textmill::core::{DocumentRecord, TokenKind};

use crate::{InputError, error, parse_name, serialize_to_py};

/// A piece of text: `text[start:end]`, in code points. Spans compare, sort and hash by value:
/// `(start, end, text)`.
#[pyclass(frozen, eq, ord, hash, module = "textmill")]
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span {
    #[pyo3(get)]
    pub(crate) start: usize,
    #[pyo3(get)]
    pub(crate) end: usize,
    #[pyo3(get)]
    pub(crate) text: String,
}

#[pymethods]
impl Span {
    #[new]
    fn new(start: usize, end: usize, text: String) -> Self {
        Span { start, end, text }
    }

    fn __getnewargs__(&self) -> (usize, usize, String) {
        (self.start, self.end, self.text.clone())
    }

    fn __repr__(&self) -> String {
        format!("Span({}, {}, {:?})", self.start, self.end, self.text)
    }

    fn _repr_html_(&self) -> String {
        textmill::render::span_html(self.start, self.end, &self.text)
    }
}

/// A token: a span and its kind (`word`, `number`, `punct`, `symbol`, `url`, `email`, `tag`,
/// `clitic`).
///
/// Its text is sliced from the shared source text when asked for: making millions of tokens
/// then costs one object each, not three. Tokens compare, sort and hash by value:
/// `(start, end, text, kind)`.
#[pyclass(frozen, eq, ord, hash, module = "textmill")]
pub(crate) struct Token {
    #[pyo3(get)]
    pub(crate) start: usize,
    #[pyo3(get)]
    pub(crate) end: usize,
    pub(crate) source: Arc<str>,
    pub(crate) bytes: (usize, usize),
    pub(crate) kind: TokenKind,
}

impl Token {
    fn key(&self) -> (usize, usize, &str, &'static str) {
        (self.start, self.end, self.text(), self.kind())
    }
}

impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl PartialOrd for Token {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.key().cmp(&other.key()))
    }
}

impl std::hash::Hash for Token {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

#[pymethods]
impl Token {
    #[new]
    fn new(start: usize, end: usize, text: &str, kind: &str) -> PyResult<Self> {
        Ok(Token {
            start,
            end,
            source: Arc::from(text),
            bytes: (0, text.len()),
            kind: parse_name(kind)?,
        })
    }

    fn __getnewargs__(&self) -> (usize, usize, String, &'static str) {
        (self.start, self.end, self.text().to_owned(), self.kind())
    }

    #[getter]
    fn text(&self) -> &str {
        &self.source[self.bytes.0..self.bytes.1]
    }

    #[getter]
    fn kind(&self) -> &'static str {
        token_kind(self.kind)
    }

    fn __repr__(&self) -> String {
        format!(
            "Token({}, {}, {:?}, kind={:?})",
            self.start,
            self.end,
            self.text(),
            self.kind()
        )
    }
}

impl Document {
    /// Spans are sliced from the text; a lean record (read from a run that left the text out)
    /// has none to slice them from. Offsets within a text are checked by `from_json`.
    fn sliceable(&self, field: &str, spans: usize) -> PyResult<()> {
        if self.record.text.is_empty() && spans > 0 {
            return Err(InputError::new_err(format!(
                "this record has {field} but no text to take them from (a run without the text field?)"
            )));
        }
        Ok(())
    }
}

pub(crate) fn char_slice(chars: &[usize], text: &str, start: usize, end: usize) -> String {
    // `chars` holds the byte offset of every code point, plus the text's length.
    text[chars[start]..chars[end]].to_owned()
}

pub(crate) fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// A processed document: clean text, metadata and annotations, with code-point offsets.
/// Documents compare by value and pickle through their JSON record.
#[pyclass(frozen, eq, module = "textmill")]
#[derive(PartialEq)]
pub(crate) struct Document {
    pub(crate) record: DocumentRecord,
}

#[pymethods]
impl Document {
    /// A document from its JSON record (a line of `textmill run` output, or `to_json()`);
    /// fields the record leaves out are empty.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Document> {
        let record: DocumentRecord = serde_json::from_str(json)
            .map_err(|e| InputError::new_err(format!("not a document record: {e}")))?;
        record
            .check()
            .map_err(|e| InputError::new_err(format!("not a document record: {e}")))?;
        Ok(Document { record })
    }

    /// A document from its record as Python data (what `to_dict()` gives).
    #[staticmethod]
    fn from_dict(py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<Document> {
        let json: String = py
            .import("json")?
            .call_method1("dumps", (record,))?
            .extract()?;
        Document::from_json(&json)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<Document>().getattr("from_json")?;
        Ok((
            from_json,
            (serde_json::to_string(&self.record).map_err(error)?,),
        ))
    }

    #[getter]
    fn id(&self) -> &str {
        &self.record.id
    }

    #[getter]
    fn text(&self) -> &str {
        &self.record.text
    }

    /// Title, dek, authors, date, site, language and url (each may be None).
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.record.metadata)
    }

    #[getter]
    fn paragraphs(&self) -> PyResult<Vec<Span>> {
        self.sliceable("paragraphs", self.record.paragraphs.len())?;
        let chars = char_starts(&self.record.text);
        let text = &self.record.text;
        Ok(self
            .record
            .paragraphs
            .iter()
            .map(|p| Span {
                start: p.start,
                end: p.end,
                text: char_slice(&chars, text, p.start, p.end),
            })
            .collect())
    }

    #[getter]
    fn sentences(&self) -> Vec<Span> {
        self.record
            .sentences
            .iter()
            .map(|s| Span {
                start: s.start,
                end: s.end,
                text: s.text.clone(),
            })
            .collect()
    }

    #[getter]
    fn tokens(&self) -> PyResult<Vec<Token>> {
        self.sliceable("tokens", self.record.tokens.len())?;
        let chars = char_starts(&self.record.text);
        let source: Arc<str> = Arc::from(self.record.text.as_str());
        Ok(self
            .record
            .tokens
            .iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
                source: source.clone(),
                bytes: (chars[t.start], chars[t.end]),
                kind: t.kind,
            })
            .collect())
    }

    /// Named entities, numbers and dates.
    #[getter]
    fn entities(&self) -> Vec<crate::entities::Entity> {
        self.record.entities.iter().map(Into::into).collect()
    }

    /// Indices into `sentences` of the summary.
    #[getter]
    fn summary(&self) -> Vec<usize> {
        self.record.summary.clone()
    }

    /// What boilerplate removal dropped: dicts with `text`, `kind` and `reason`.
    #[getter]
    fn removed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.record.removed)
    }

    /// Where the document came from: `input`, `record`, `url`.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.record.source)
    }

    /// The whole document as plain Python data (the JSON schema of `textmill run`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.record)
    }

    /// The whole document as JSON (the schema of `textmill run`).
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        match indent {
            None => serde_json::to_string(&self.record).map_err(error),
            Some(width) => {
                let indent = " ".repeat(width);
                let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
                let mut out = Vec::new();
                let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
                serde::Serialize::serialize(&self.record, &mut ser).map_err(error)?;
                String::from_utf8(out).map_err(error)
            }
        }
    }

    fn __len__(&self) -> usize {
        self.record.text.chars().count()
    }

    fn __repr__(&self) -> String {
        let r = &self.record;
        let title = r
            .metadata
            .title
            .as_deref()
            .map(|t| format!(", title={t:?}"))
            .unwrap_or_default();
        format!(
            "Document(id={:?}{title}, chars={}, paragraphs={}, sentences={}, tokens={}, entities={})",
            r.id,
            r.text.chars().count(),
            r.paragraphs.len(),
            r.sentences.len(),
            r.tokens.len(),
            r.entities.len()
        )
    }

    /// Notebook display: title, metadata, a legend, and the text by paragraph with entities in
    /// one colour per label and summary sentences underlined, cut after 10,000 characters.
    fn _repr_html_(&self) -> String {
        textmill::render::document_html(&self.record, &textmill::render::RenderOptions::default())
    }

    /// The notebook view as HTML, showing at most `max_chars` characters of text (None: all).
    #[pyo3(signature = (max_chars = 10_000))]
    fn to_html(&self, max_chars: Option<usize>) -> String {
        let options = textmill::render::RenderOptions {
            max_chars: max_chars.unwrap_or(usize::MAX),
            ..textmill::render::RenderOptions::default()
        };
        textmill::render::document_html(&self.record, &options)
    }
}

pub(crate) fn token_kind(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Punct => "punct",
        TokenKind::Symbol => "symbol",
        TokenKind::Url => "url",
        TokenKind::Email => "email",
        TokenKind::Tag => "tag",
        TokenKind::Clitic => "clitic",
    }
}
