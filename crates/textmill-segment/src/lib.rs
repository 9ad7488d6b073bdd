//! Paragraphs, sentences and tokens, with exact byte offsets into the input.
//!
//! Rules and abbreviation lists, no model, linear time. The output never alters the text: every
//! span points into the input.
//!
//! ```
//! use textmill_segment::sentences;
//!
//! let text = "Sen. Elizabeth Warren met Gen. Mark Milley on Tuesday. Gov. Kathy Hochul did not.";
//! let found: Vec<&str> = sentences(text).iter().map(|s| s.text(text)).collect();
//! assert_eq!(found, ["Sen. Elizabeth Warren met Gen. Mark Milley on Tuesday.", "Gov. Kathy Hochul did not."]);
//! ```
//!
//! For repeated use or custom abbreviations, build a [`Segmenter`] once and share it:
//!
//! ```
//! use textmill_segment::{AbbrevKind, Config, Segmenter};
//!
//! let mut config = Config::default();
//! config.abbreviations.insert("Supt".into(), AbbrevKind::Title);
//! let segmenter = Segmenter::new(config);
//! let text = "Kim’s train left Pyongyang. It is slow.";
//! let tokens: Vec<&str> = segmenter.tokens(text).iter().map(|t| t.span().text(text)).collect();
//! assert_eq!(tokens[..3], ["Kim", "’s", "train"]);
//! ```
//!
//! Every type the crate takes or returns is named from it, so a user needs no other textmill
//! crate; `default-features = false` leaves out serde (then only textmill-core and
//! unicode-normalization come along):
//!
//! ```
//! use textmill_segment::{Segmentation, Segmenter, Span, Stage, Token, TokenKind};
//!
//! let Segmentation { sentences, tokens, .. } = Segmenter::default().segment("Hi there. Bye.");
//! let first: Span = sentences[0];
//! let word: &Token = &tokens[0];
//! assert_eq!((first, word.kind), (Span::new(0, 9), TokenKind::Word));
//! let mut doc = textmill_segment::Document::new("a", "Hi there. Bye.");
//! Segmenter::default().annotate(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! ```

mod abbrev;
mod paragraphs;
mod sentences;
mod tokens;
mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

pub use abbrev::{AbbrevKind, Abbreviations};
/// The core types this crate's API takes and returns.
pub use textmill_core::{Document, Paragraph, Sentence, Span, Stage, Token, TokenKind};

/// Segmenter settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Config {
    /// Abbreviations added to (or overriding) the built-in English list, without the final
    /// period: `{"Supt": "title"}`.
    pub abbreviations: HashMap<String, AbbrevKind>,
    /// Split hyphenated words ("15-year" -> "15", "-", "year") as Universal Dependencies and
    /// spaCy do. Off by default: "well-known" and "al-Sadr" stay one token.
    pub split_hyphens: bool,
}

/// Paragraphs, sentences and tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans, in text order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in text order; none crosses a paragraph boundary.
    pub sentences: Vec<Span>,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
}

/// The segmenter: built once, shared across threads, called per text.
#[derive(Debug, Clone)]
pub struct Segmenter {
    abbreviations: Abbreviations,
    split_hyphens: bool,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new(Config::default())
    }
}

impl Segmenter {
    /// A segmenter with the built-in English abbreviations and `config`'s on top.
    pub fn new(config: Config) -> Self {
        let mut abbreviations = Abbreviations::english();
        for (word, kind) in &config.abbreviations {
            abbreviations.insert(word, *kind);
        }
        Segmenter {
            abbreviations,
            split_hyphens: config.split_hyphens,
        }
    }

    /// Paragraphs: blocks between blank lines, and lines that end a headline, dateline, byline,
    /// list item or caption.
    pub fn paragraphs(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        paragraphs::paragraphs(text, &mut out);
        out
    }

    /// Sentences, never crossing a paragraph boundary.
    pub fn sentences(&self, text: &str) -> Vec<Span> {
        let mut paragraphs = Vec::new();
        paragraphs::paragraphs(text, &mut paragraphs);
        self.sentences_in(text, &paragraphs)
    }

    fn sentences_in(&self, text: &str, paragraphs: &[Span]) -> Vec<Span> {
        let splitter = sentences::SentenceSplitter {
            abbreviations: &self.abbreviations,
        };
        let mut out = Vec::with_capacity(text.len() / 100);
        for &paragraph in paragraphs {
            splitter.split(text, paragraph, &mut out);
        }
        out
    }

    /// Tokens of the whole text.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5);
        let tokenizer = tokens::Tokenizer {
            abbreviations: &self.abbreviations,
            split_hyphens: self.split_hyphens,
        };
        tokenizer.tokenize(text, &mut out);
        out
    }

    /// Paragraphs, sentences and tokens in one call.
    pub fn segment(&self, text: &str) -> Segmentation {
        let paragraphs = self.paragraphs(text);
        let sentences = self.sentences_in(text, &paragraphs);
        Segmentation {
            paragraphs,
            sentences,
            tokens: self.tokens(text),
        }
    }
}

/// Fills `doc.paragraphs`, `doc.sentences` and `doc.tokens` from `doc.text`.
impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn annotate(&self, doc: &mut Document) {
        let Segmentation {
            paragraphs,
            sentences,
            tokens,
        } = self.segment(&doc.text);
        doc.paragraphs = paragraphs
            .into_iter()
            .map(|span| Paragraph { span })
            .collect();
        doc.sentences = sentences
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        doc.tokens = tokens;
    }
}

fn default_segmenter() -> &'static Segmenter {
    static DEFAULT: OnceLock<Segmenter> = OnceLock::new();
    DEFAULT.get_or_init(Segmenter::default)
}

/// Paragraphs of `text` with the default settings.
pub fn paragraphs(text: &str) -> Vec<Span> {
    default_segmenter().paragraphs(text)
}

/// Sentences of `text` with the default settings.
pub fn sentences(text: &str) -> Vec<Span> {
    default_segmenter().sentences(text)
}

/// Tokens of `text` with the default settings.
pub fn tokens(text: &str) -> Vec<Token> {
    default_segmenter().tokens(text)
}
