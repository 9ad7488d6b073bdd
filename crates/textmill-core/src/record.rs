//! The serialisable form of a [`Document`], with **code-point** offsets: what `textmill run`
//! writes as JSON and what Python sees, so that `text[e.start:e.end] == e.text` holds there.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::{Document, Entity, Label, Metadata, OffsetMap, Removed, Source, Span, TokenKind};

/// A span in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
}

/// A sentence in code points, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SentenceRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A token in code points, with its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TokenRecord {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// An entity in code points.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct EntityRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: Label,
    pub score: f64,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub canonical: Option<String>,
}

impl EntityRecord {
    /// The record of an entity of `text`, with the code-point offsets of `map` (made for `text`).
    pub fn new(entity: &Entity, text: &str, map: &OffsetMap) -> Self {
        EntityRecord {
            start: map.byte_to_char(entity.span.start),
            end: map.byte_to_char(entity.span.end),
            text: entity.span.text(text).to_owned(),
            label: entity.label,
            score: entity.score,
            canonical: entity.canonical.clone(),
        }
    }
}

/// A [`Document`] with code-point offsets, ready for JSON or Python.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DocumentRecord {
    pub id: String,
    pub text: String,
    pub metadata: Metadata,
    pub paragraphs: Vec<SpanRecord>,
    pub sentences: Vec<SentenceRecord>,
    pub tokens: Vec<TokenRecord>,
    pub entities: Vec<EntityRecord>,
    /// Indices into `sentences`.
    pub summary: Vec<usize>,
    pub removed: Vec<Removed>,
    pub source: Source,
}

impl Document {
    /// Converts to code-point offsets (one [`OffsetMap`] per document).
    pub fn to_record(&self) -> DocumentRecord {
        let map = OffsetMap::new(&self.text);
        let span = |s: Span| SpanRecord {
            start: map.byte_to_char(s.start),
            end: map.byte_to_char(s.end),
        };
        DocumentRecord {
            id: self.id.clone(),
            text: self.text.clone(),
            metadata: self.metadata.clone(),
            paragraphs: self.paragraphs.iter().map(|p| span(p.span)).collect(),
            sentences: self
                .sentences
                .iter()
                .map(|s| {
                    let SpanRecord { start, end } = span(s.span);
                    SentenceRecord {
                        start,
                        end,
                        text: s.span.text(&self.text).to_owned(),
                    }
                })
                .collect(),
            tokens: self
                .tokens
                .iter()
                .map(|t| {
                    let SpanRecord { start, end } = span(t.span);
                    TokenRecord {
                        start,
                        end,
                        kind: t.kind,
                    }
                })
                .collect(),
            entities: self
                .entities
                .iter()
                .map(|e| EntityRecord::new(e, &self.text, &map))
                .collect(),
            summary: self.summary.clone(),
            removed: self.removed.clone(),
            source: self.source.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, Sentence};

    #[test]
    fn record_offsets_count_code_points() {
        let mut doc = Document::new("d", "Kim’s train left. Putin waited.");
        let putin = doc.text.find("Putin").unwrap();
        doc.sentences.push(Sentence {
            span: Span::new(0, putin - 1),
        });
        doc.entities.push(Entity {
            span: Span::new(putin, putin + 5),
            label: Label::Person,
            score: 0.9,
            canonical: None,
        });
        let record = doc.to_record();
        let chars: Vec<char> = record.text.chars().collect();
        let e = &record.entities[0];
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), "Putin");
        assert_eq!(e.start, 18);
        assert_eq!(record.sentences[0].text, "Kim’s train left.");
        assert_eq!(record.sentences[0].end, 17);
    }
}
