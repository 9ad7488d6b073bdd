//! `textmill._native`: thin pyo3 wrappers over the textmill crates. No logic of its own: every
//! decision is made in Rust crates that Rust users get too. Offsets here are code points, so that
//! `text[s.start:s.end] == s.text` holds in Python.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::Arc;

use textmill::InputKind;
use textmill::core::{DocumentRecord, OffsetMap, TokenKind};

mod arrow;
mod entities;
mod pipeline;
mod summary;

create_exception!(
    textmill,
    TextmillError,
    PyException,
    "Base class of textmill's errors."
);
create_exception!(
    textmill,
    InputError,
    TextmillError,
    "An input that cannot be processed (not text, over a size limit, a broken record)."
);
create_exception!(
    textmill,
    ConfigError,
    TextmillError,
    "A setting that does not exist or is out of range; the message names it."
);
create_exception!(
    textmill,
    ModelError,
    TextmillError,
    "An entity model file that cannot be read."
);

fn error(e: impl std::fmt::Display) -> PyErr {
    TextmillError::new_err(e.to_string())
}

/// A `str` or `bytes` argument: the raw input of a stage. A `str` with lone surrogates (from
/// `json.loads` of an escaped half pair) has them replaced with U+FFFD.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Input {
    type Error = PyErr;

    fn extract(ob: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = ob.cast::<pyo3::types::PyString>() {
            return Ok(Input::Text(s.to_string_lossy().into_owned()));
        }
        if let Ok(b) = ob.cast::<pyo3::types::PyBytes>() {
            return Ok(Input::Bytes(b.as_bytes().to_vec()));
        }
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected str or bytes, not {}",
            ob.get_type().name()?
        )))
    }
}

impl Input {
    /// A `str` is Unicode already and is never decoded; only `bytes` are.
    fn process(
        &self,
        pipeline: &textmill::Pipeline,
        id: &str,
        kind: InputKind,
    ) -> Result<textmill::Document, textmill::Error> {
        match self {
            Input::Text(s) => Ok(pipeline.process_str(id, s, kind)),
            Input::Bytes(b) => pipeline.process(id, b, kind),
        }
    }

    fn clean(
        &self,
        cleaner: &textmill::Cleaner,
        kind: InputKind,
    ) -> Result<textmill::Cleaned, textmill::boilerplate::Error> {
        match self {
            Input::Text(s) => Ok(cleaner.clean_str(s, kind)),
            Input::Bytes(b) => cleaner.clean(b, kind),
        }
    }
}

/// Parses one of a named enum's names (a kind, a scheme, a method); an unknown name is a
/// ValueError that lists the names there are.
pub(crate) fn parse_name<T>(name: &str) -> PyResult<T>
where
    T: std::str::FromStr<Err = textmill::core::UnknownName>,
{
    name.parse()
        .map_err(|e: textmill::core::UnknownName| PyValueError::new_err(e.to_string()))
}

/// Converts a JSON value to the matching Python object (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|v| to_py(py, v))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn serialize_to_py<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &serde_json::to_value(value).map_err(error)?)
}

/// A piece of text: `text[start:end]`, in code points. Spans compare, sort and hash by value:
/// `(start, end, text)`.
#[pyclass(frozen, eq, ord, hash, module = "textmill")]
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Span {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
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
struct Token {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    source: Arc<str>,
    bytes: (usize, usize),
    kind: TokenKind,
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

fn char_slice(chars: &[usize], text: &str, start: usize, end: usize) -> String {
    // `chars` holds the byte offset of every code point, plus the text's length.
    text[chars[start]..chars[end]].to_owned()
}

fn char_starts(text: &str) -> Vec<usize> {
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
        let record = serde_json::from_str(json)
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
    fn paragraphs(&self) -> Vec<Span> {
        let chars = char_starts(&self.record.text);
        let text = &self.record.text;
        self.record
            .paragraphs
            .iter()
            .map(|p| Span {
                start: p.start,
                end: p.end,
                text: char_slice(&chars, text, p.start, p.end),
            })
            .collect()
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
    fn tokens(&self) -> Vec<Token> {
        let chars = char_starts(&self.record.text);
        let source: Arc<str> = Arc::from(self.record.text.as_str());
        self.record
            .tokens
            .iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
                source: source.clone(),
                bytes: (chars[t.start], chars[t.end]),
                kind: t.kind,
            })
            .collect()
    }

    /// Named entities, numbers and dates.
    #[getter]
    fn entities(&self) -> Vec<entities::Entity> {
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

fn token_kind(kind: TokenKind) -> &'static str {
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

/// The result of boilerplate removal: clean text, metadata and what was removed (and why).
#[pyclass(frozen, module = "textmill")]
struct Cleaned {
    inner: textmill::Cleaned,
}

#[pymethods]
impl Cleaned {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.metadata)
    }

    #[getter]
    fn removed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.removed)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner)
    }

    /// Notebook display: title, metadata, the clean text (cut after 10,000 characters) and
    /// what was removed, by kind, with reasons.
    fn _repr_html_(&self) -> String {
        textmill::render::cleaned_html(&self.inner, &textmill::render::RenderOptions::default())
    }

    fn __repr__(&self) -> String {
        let title = self.inner.metadata.title.as_deref().unwrap_or("");
        format!(
            "Cleaned(title={title:?}, chars={}, removed={})",
            self.inner.text.chars().count(),
            self.inner.removed.len()
        )
    }
}

/// Paragraphs, sentences and tokens with code-point offsets.
#[pyclass(frozen, module = "textmill")]
struct Segmenter {
    inner: textmill::Segmenter,
}

fn spans(text: &str, spans: &[textmill::Span]) -> Vec<Span> {
    let map = OffsetMap::new(text);
    spans
        .iter()
        .map(|s| Span {
            start: map.byte_to_char(s.start),
            end: map.byte_to_char(s.end),
            text: s.text(text).to_owned(),
        })
        .collect()
}

fn tokens_of(text: &str, tokens: &[textmill::Token]) -> Vec<Token> {
    let map = OffsetMap::new(text);
    let source: Arc<str> = Arc::from(text);
    tokens
        .iter()
        .map(|t| Token {
            start: map.byte_to_char(t.span.start),
            end: map.byte_to_char(t.span.end),
            source: source.clone(),
            bytes: (t.span.start, t.span.end),
            kind: t.kind,
        })
        .collect()
}

#[pymethods]
impl Segmenter {
    /// `abbreviations` adds to the built-in list: `{"Supt": "title"}`; kinds are `title`,
    /// `number`, `final` and `name` (see the textmill-segment docs).
    #[new]
    #[pyo3(signature = (abbreviations = None))]
    fn new(abbreviations: Option<std::collections::HashMap<String, String>>) -> PyResult<Self> {
        let mut config = textmill::segment::Config::default();
        for (word, kind) in abbreviations.unwrap_or_default() {
            config.abbreviations.insert(word, parse_name(&kind)?);
        }
        Ok(Segmenter {
            inner: textmill::Segmenter::new(config),
        })
    }

    fn paragraphs(&self, py: Python<'_>, text: String) -> Vec<Span> {
        spans(&text, &py.detach(|| self.inner.paragraphs(&text)))
    }

    fn sentences(&self, py: Python<'_>, text: String) -> Vec<Span> {
        spans(&text, &py.detach(|| self.inner.sentences(&text)))
    }

    fn tokens(&self, py: Python<'_>, text: String) -> Vec<Token> {
        tokens_of(&text, &py.detach(|| self.inner.tokens(&text)))
    }
}

/// Boilerplate removal.
#[pyclass(frozen, module = "textmill")]
struct Cleaner {
    inner: textmill::Cleaner,
}

#[pymethods]
impl Cleaner {
    /// `title_in_text`: also put the headline as the first paragraph of the clean text (it is
    /// always in `metadata["title"]`). `text`: thresholds of the plain-text cleaner by name
    /// (`{"prose_min_words": 8, ...}`, see `TextConfig` in the Rust docs); an unknown name or a
    /// wrong type raises ValueError naming it.
    #[new]
    #[pyo3(signature = (*, title_in_text = false, text = None))]
    fn new(py: Python<'_>, title_in_text: bool, text: Option<Bound<'_, PyAny>>) -> PyResult<Self> {
        let text = match text {
            None => textmill::boilerplate::TextConfig::default(),
            Some(settings) => {
                let json: String = py
                    .import("json")?
                    .call_method1("dumps", (settings,))?
                    .extract()?;
                serde_json::from_str(&json)
                    .map_err(|e| PyValueError::new_err(format!("text settings: {e}")))?
            }
        };
        Ok(Cleaner {
            inner: textmill::Cleaner::new(textmill::boilerplate::Config {
                title_in_text,
                text,
            }),
        })
    }

    /// Clean text, metadata and what was removed, from an HTML page or scraped text.
    #[pyo3(signature = (x, kind = "auto"))]
    fn clean(&self, py: Python<'_>, x: Input, kind: &str) -> PyResult<Cleaned> {
        let kind = parse_name::<InputKind>(kind)?;
        let inner = py.detach(|| x.clean(&self.inner, kind)).map_err(error)?;
        Ok(Cleaned { inner })
    }
}

/// `textmill ARGS...`: the command line, run in this process without the GIL; gives its exit
/// code (what the wheel's `textmill` command exits with).
#[pyfunction]
fn cli(py: Python<'_>, args: Vec<String>) -> u8 {
    py.detach(|| {
        let code = textmill_cli::main_with(args);
        // The process exits through Python, which does not flush Rust's standard output.
        let _ = std::io::Write::flush(&mut std::io::stdout());
        code
    })
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("TextmillError", m.py().get_type::<TextmillError>())?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("ModelError", m.py().get_type::<ModelError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Span>()?;
    m.add_class::<Token>()?;
    m.add_class::<Document>()?;
    m.add_class::<Cleaned>()?;
    m.add_class::<pipeline::Pipeline>()?;
    m.add_function(wrap_pyfunction!(pipeline::run, m)?)?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(arrow::to_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::documents_schema, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::process_arrow, m)?)?;
    m.add_class::<Segmenter>()?;
    m.add_class::<Cleaner>()?;
    m.add_class::<entities::Entity>()?;
    m.add_class::<entities::Tagger>()?;
    m.add_class::<summary::Summarizer>()?;
    m.add_class::<summary::SummarySentence>()?;
    m.add_class::<summary::ClusterSentence>()?;
    m.add_class::<summary::Keyphrase>()?;
    m.add_function(wrap_pyfunction!(summary::rouge, m)?)?;
    m.add_function(wrap_pyfunction!(summary::rouge_oracle, m)?)?;
    Ok(())
}
