//! The shared vocabulary of textmill.
//!
//! Every other textmill crate speaks in these types: a [`Document`] holds the clean body text, and
//! every [`Span`] in it (paragraphs, sentences, tokens, entities) is a pair of **byte** offsets into
//! that text, like `regex` and `tantivy` use. Python and JSON output use code-point offsets instead;
//! [`OffsetMap`] converts once per document and [`DocumentRecord`] is the converted, serialisable form.
//!
//! ```
//! use textmill_core::{Document, Span, Sentence};
//!
//! let mut doc = Document::new("a", "Kim met Putin. They talked.");
//! doc.sentences.push(Sentence { span: Span::new(0, 14) });
//! assert_eq!(doc.sentences[0].span.text(&doc.text), "Kim met Putin.");
//! ```
//!
//! This crate is small and dependency-light on purpose: a Rust user who only wants, say, sentence
//! segmentation pulls in this crate and `textmill-segment`, nothing else.

mod document;
pub mod lexicon;
mod names;
mod normalize;
mod offsets;
mod record;
mod setting;
mod span;
mod stage;

pub use document::{
    Document, Entity, Label, Metadata, Name, Paragraph, RemovalKind, Removed, Sentence, Source,
    Token, TokenKind,
};
pub use names::UnknownName;
pub use normalize::{NormalForm, NormalizeConfig, normalize};
pub use offsets::OffsetMap;
pub use record::{
    DocumentRecord, EntityRecord, RecordError, SentenceRecord, SpanRecord, TokenRecord,
};
pub use setting::{SettingError, check_non_negative, check_share};
pub use span::Span;
pub use stage::Stage;

#[cfg(feature = "clap")]
#[doc(hidden)]
pub use clap as __clap;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde as __serde;
