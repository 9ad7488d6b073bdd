//! The serialisable form of a [`Document`], with **code-point** offsets: what `textmill run`
//! writes as JSON and what Python sees, so that `text[e.start:e.end] == e.text` holds there.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::{
    Document, Entity, Label, Metadata, OffsetMap, Removed, Source, Span, Token, TokenKind,
};

/// A span in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SpanRecord {
    /// Start, in code points from the start of the text.
    pub start: usize,
    /// End (exclusive), in code points from the start of the text.
    pub end: usize,
}

/// A sentence in code points, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SentenceRecord {
    /// Start, in code points from the start of the text.
    pub start: usize,
    /// End (exclusive), in code points from the start of the text.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
}

/// A token in code points, with its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TokenRecord {
    /// Start, in code points from the start of the text.
    pub start: usize,
    /// End (exclusive), in code points from the start of the text.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

/// An entity in code points.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct EntityRecord {
    /// Start, in code points from the start of the text.
    pub start: usize,
    /// End (exclusive), in code points from the start of the text.
    pub end: usize,
    /// The entity's text, as written.
    pub text: String,
    /// The label in the tagger's scheme.
    pub label: Label,
    /// Confidence in `[0, 1]`.
    pub score: f64,
    /// As in [`Entity::canonical`]; `None`, and left out of JSON, for numbers and dates.
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
            start: map.byte_to_char(entity.span().start),
            end: map.byte_to_char(entity.span().end),
            text: entity.span().text(text).to_owned(),
            label: entity.label,
            score: f64::from(entity.score),
            canonical: entity.canonical.as_deref().map(str::to_owned),
        }
    }
}

/// A [`Document`] with code-point offsets, ready for JSON or Python. Read back, a field that a
/// lean corpus run left out is empty.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct DocumentRecord {
    /// The caller's id for the document.
    pub id: String,
    /// The text all offsets count code points of.
    pub text: String,
    /// Title, authors, date and the like, as cleaning found them.
    pub metadata: Metadata,
    /// Paragraphs, in document order.
    pub paragraphs: Vec<SpanRecord>,
    /// Sentences, in document order.
    pub sentences: Vec<SentenceRecord>,
    /// Tokens, in document order.
    pub tokens: Vec<TokenRecord>,
    /// Entities, sorted by position.
    pub entities: Vec<EntityRecord>,
    /// Indices into `sentences`.
    pub summary: Vec<usize>,
    /// What boilerplate removal dropped and why, in input order.
    pub removed: Vec<Removed>,
    /// Where the input came from.
    pub source: Source,
}

impl SpanRecord {
    /// The code-point offsets of a byte span, by `map` (made for the span's text).
    pub fn new(span: Span, map: &OffsetMap) -> Self {
        SpanRecord {
            start: map.byte_to_char(span.start),
            end: map.byte_to_char(span.end),
        }
    }
}

impl SentenceRecord {
    /// The record of a sentence of `text`, with the code-point offsets of `map` (made for it).
    pub fn new(sentence: Span, text: &str, map: &OffsetMap) -> Self {
        let SpanRecord { start, end } = SpanRecord::new(sentence, map);
        SentenceRecord {
            start,
            end,
            text: sentence.text(text).to_owned(),
        }
    }
}

impl TokenRecord {
    /// The record of a token, with the code-point offsets of `map` (made for its text).
    pub fn new(token: &Token, map: &OffsetMap) -> Self {
        let SpanRecord { start, end } = SpanRecord::new(token.span(), map);
        TokenRecord {
            start,
            end,
            kind: token.kind,
        }
    }
}

impl Document {
    /// Converts to code-point offsets (one [`OffsetMap`] per document).
    pub fn to_record(&self) -> DocumentRecord {
        let map = OffsetMap::new(&self.text);
        let span = |s: Span| SpanRecord::new(s, &map);
        DocumentRecord {
            id: self.id.clone(),
            text: self.text.clone(),
            metadata: self.metadata.clone(),
            paragraphs: self.paragraphs.iter().map(|p| span(p.span)).collect(),
            sentences: self
                .sentences
                .iter()
                .map(|s| SentenceRecord::new(s.span, &self.text, &map))
                .collect(),
            tokens: self
                .tokens
                .iter()
                .map(|t| TokenRecord::new(t, &map))
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

/// A record whose offsets do not fit its text: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The field and item, as `paragraphs[3]`.
    pub field: String,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for RecordError {}

impl DocumentRecord {
    /// Checks a record read from outside (a JSON line, a pickle): every span runs forwards and
    /// ends within the text, and the summary names sentences the record has. A record without
    /// its text (a lean run's) may keep offsets; they are then only checked to run forwards.
    pub fn check(&self) -> Result<(), RecordError> {
        let length = self.text.chars().count();
        let has_text = !self.text.is_empty();
        let spans = self
            .paragraphs
            .iter()
            .map(|p| ("paragraphs", p.start, p.end));
        let spans = spans
            .chain(self.sentences.iter().map(|s| ("sentences", s.start, s.end)))
            .chain(self.tokens.iter().map(|t| ("tokens", t.start, t.end)))
            .chain(self.entities.iter().map(|e| ("entities", e.start, e.end)));
        let mut index = (None, 0);
        for (field, start, end) in spans {
            index = if index.0 == Some(field) {
                (Some(field), index.1 + 1)
            } else {
                (Some(field), 0)
            };
            let error = |reason: String| RecordError {
                field: format!("{field}[{}]", index.1),
                reason,
            };
            if start > end {
                return Err(error(format!("starts at {start}, after its end {end}")));
            }
            if has_text && end > length {
                return Err(error(format!(
                    "ends at {end}, past the text's {length} code points"
                )));
            }
        }
        if let Some(&i) = self.summary.iter().find(|&&i| i >= self.sentences.len()) {
            return Err(RecordError {
                field: "summary".into(),
                reason: format!(
                    "names sentence {i}, but the record has {}",
                    self.sentences.len()
                ),
            });
        }
        Ok(())
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
        doc.entities.push(Entity::new(
            Span::new(putin, putin + 5),
            Label::Person,
            0.9,
            None,
        ));
        let record = doc.to_record();
        let chars: Vec<char> = record.text.chars().collect();
        let e = &record.entities[0];
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), "Putin");
        assert_eq!(e.start, 18);
        assert_eq!(record.sentences[0].text, "Kim’s train left.");
        assert_eq!(record.sentences[0].end, 17);
        assert_eq!(record.check(), Ok(()));
    }

    #[test]
    fn a_record_whose_offsets_leave_its_text_is_refused() {
        let mut record = Document::new("d", "Short.").to_record();
        record.paragraphs.push(SpanRecord { start: 0, end: 6 });
        assert_eq!(record.check(), Ok(()));
        record.paragraphs.push(SpanRecord { start: 2, end: 9 });
        let error = record.check().unwrap_err();
        assert_eq!(
            error.to_string(),
            "paragraphs[1]: ends at 9, past the text's 6 code points"
        );
        record.paragraphs.pop();
        record.tokens.push(TokenRecord {
            start: 4,
            end: 3,
            kind: TokenKind::Word,
        });
        assert_eq!(record.check().unwrap_err().field, "tokens[0]");
        record.tokens.clear();
        record.summary.push(0);
        assert_eq!(record.check().unwrap_err().field, "summary");
        // Without its text (a lean run's record), offsets are only checked to run forwards.
        record.summary.clear();
        record.text.clear();
        record.paragraphs.push(SpanRecord { start: 2, end: 9 });
        assert_eq!(record.check(), Ok(()));
    }
}
