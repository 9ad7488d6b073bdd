//! Segmentation for Python: `Segmenter`, giving paragraphs, sentences and tokens with code-point
//! offsets.

use std::sync::Arc;

use pyo3::prelude::*;
use textmill::core::OffsetMap;

use crate::document::{Span, Token};
use crate::parse_name;

/// Paragraphs, sentences and tokens with code-point offsets.
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Segmenter {
    inner: textmill::Segmenter,
}

pub(crate) fn spans(text: &str, spans: &[textmill::Span]) -> Vec<Span> {
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

pub(crate) fn tokens_of(text: &str, tokens: &[textmill::Token]) -> Vec<Token> {
    let map = OffsetMap::new(text);
    let source: Arc<str> = Arc::from(text);
    tokens
        .iter()
        .map(|t| Token {
            start: map.byte_to_char(t.span().start),
            end: map.byte_to_char(t.span().end),
            source: source.clone(),
            bytes: (t.span().start, t.span().end),
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
