//! Boilerplate removal: an HTML page or scraped plain text in, the article's main text and
//! metadata out, with every removed piece and the reason it went.
//!
//! ```
//! use textmill_boilerplate::{Cleaner, InputKind};
//!
//! let page = br#"<html><head><title>Storm hits coast | Daily</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Storm hits coast</h1>
//!     <p>The storm made landfall on Monday night, forcing thousands of people to leave.</p>
//!     <p>Officials said power would be restored within days, though roads stay closed.</p>
//!   </article>
//!   <footer>Copyright 2024 Daily</footer></body></html>"#;
//! let cleaned = Cleaner::default().clean(page, InputKind::Auto).unwrap();
//! assert_eq!(cleaned.metadata.title.as_deref(), Some("Storm hits coast"));
//! assert!(cleaned.text.starts_with("The storm made landfall"));
//! assert!(!cleaned.text.contains("Copyright"));
//! ```

mod counts;
mod dates;
mod fnv;
mod furniture;
mod html;
mod names;
mod text;
mod trees;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use dates::{date_in_url, parse_date};
pub use html::block_model::BlockModel;
pub use html::decode::{decode_html, decode_text};
pub use text::TextConfig;
pub use text::line_model::LineModel;
/// The core types this crate's API takes and returns.
pub use textmill_core::{Metadata, RemovalKind, Removed, UnknownName};
pub use trees::ModelError;

textmill_core::named_enum! {
    /// What the input is.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum InputKind ("input kind") {
        /// Decided from the input's first bytes ([`guess_kind`]).
        #[default]
        Auto = "auto",
        /// An HTML page or fragment.
        Html = "html",
        /// Plain text, perhaps with page furniture in it.
        Text = "text",
    }
}

/// Guesses whether `input` is an HTML page: a doctype, an `<html>`, `<head>` or `<body>` tag, or
/// several common block tags near the start.
///
/// ```
/// use textmill_boilerplate::{InputKind, guess_kind};
/// assert_eq!(guess_kind(b"<!DOCTYPE html><p>Hi"), InputKind::Html);
/// assert_eq!(guess_kind(b"Prices rose 3% <sic> in May."), InputKind::Text);
/// ```
pub fn guess_kind(input: &[u8]) -> InputKind {
    let head = &input[..input.len().min(2048)];
    let lower = head.to_ascii_lowercase();
    let trimmed = lower.trim_ascii_start();
    let strong = [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<?xml",
        b"<!--",
    ];
    if strong.iter().any(|t| trimmed.starts_with(t))
        || [&b"<html"[..], b"<body"]
            .iter()
            .any(|t| memchr::memmem::find(&lower, t).is_some())
    {
        return InputKind::Html;
    }
    let tags = [
        &b"<p>"[..],
        b"<p ",
        b"<div",
        b"<br",
        b"<span",
        b"<a href",
        b"</p>",
        b"</div>",
    ];
    let hits: usize = tags
        .iter()
        .map(|t| memchr::memmem::find_iter(&lower, t).count())
        .sum();
    if hits >= 2 {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

/// Options of the [`Cleaner`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Put the headline (when found) as the first paragraph of the clean text, as well as in
    /// `metadata.title`. Off by default: the headline is metadata, not body text.
    pub title_in_text: bool,
    /// The plain-text cleaner's thresholds.
    pub text: TextConfig,
}

impl Config {
    /// Checks the thresholds (see [`TextConfig::check`]).
    pub fn check(&self) -> Result<(), textmill_core::SettingError> {
        self.text.check().map_err(|e| e.within("text"))
    }
}

/// The result of cleaning one input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cleaned {
    /// The article text, paragraphs separated by a blank line.
    pub text: String,
    /// Title, authors, date and the like, from the markup or the text's own lines.
    pub metadata: Metadata,
    /// What was dropped and why, in input order.
    pub removed: Vec<Removed>,
}

/// Why an input could not be cleaned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bytes given as plain text that no encoding reads as text (see [`decode_text`]).
    #[error(
        "the input is not text: not UTF-8 (first bad byte at offset {valid_up_to}), nor any other encoding"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid byte (the length of the valid prefix).
        valid_up_to: usize,
    },
}

/// Removes boilerplate from HTML pages and scraped text. Build once, share across threads.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    config: Config,
    /// The HTML block model; `None` for the shipped one.
    block_model: Option<Arc<BlockModel>>,
    line_model: Option<Arc<LineModel>>,
}

impl Cleaner {
    /// A cleaner with `config`.
    pub fn new(config: Config) -> Self {
        Cleaner {
            config,
            block_model: None,
            line_model: None,
        }
    }

    /// The same cleaner deciding HTML blocks with `model` instead of the shipped one (a model
    /// trained on other pages by `data/train_block_model.py`).
    pub fn with_block_model(mut self, model: Arc<BlockModel>) -> Self {
        self.block_model = Some(model);
        self
    }

    /// The same cleaner deciding the lines of plain text with `model` instead of the shipped
    /// one (a model trained on other pages by `data/train_line_model.py`).
    pub fn with_line_model(mut self, model: Arc<LineModel>) -> Self {
        self.line_model = Some(model);
        self
    }

    /// Cleans `input` as `kind` (guessed when `Auto`).
    pub fn clean(&self, input: &[u8], kind: InputKind) -> Result<Cleaned, Error> {
        let kind = if kind == InputKind::Auto {
            guess_kind(input)
        } else {
            kind
        };
        match kind {
            InputKind::Html => Ok(self.clean_html(input)),
            _ => decode_text(input)
                .map(|(text, _)| self.clean_text(&text))
                .ok_or_else(|| Error::NotUtf8 {
                    valid_up_to: std::str::from_utf8(input)
                        .err()
                        .map_or(0, |e| e.valid_up_to()),
                }),
        }
    }

    /// Cleans an input that is already text (a Rust `str`, a Python `str`, a JSON string) as
    /// `kind` (guessed when `Auto`). Nothing is decoded: a charset declared in the markup is
    /// ignored, since the text is Unicode already.
    pub fn clean_str(&self, input: &str, kind: InputKind) -> Cleaned {
        match kind {
            InputKind::Auto => self.clean_str(input, guess_kind(input.as_bytes())),
            InputKind::Html => self.clean_html_str(input),
            InputKind::Text => self.clean_text(input),
        }
    }

    /// Cleans an HTML page given as bytes in any encoding (see [`decode_html`]).
    pub fn clean_html(&self, html: &[u8]) -> Cleaned {
        let (source, _) = decode_html(html);
        self.clean_html_str(&source)
    }

    /// Cleans an HTML page that is already decoded.
    pub fn clean_html_str(&self, source: &str) -> Cleaned {
        let dom = html::dom::Dom::parse(source);
        let mut metadata = html::meta::extract(&dom);
        let model = self
            .block_model
            .as_deref()
            .unwrap_or_else(|| BlockModel::shipped());
        let article = html::extract(&dom, &metadata, model);
        // No published date in the markup: the page's first date line ("Erstellt am: 01.11.2023").
        // (A modified date is not taken instead: on trafilatura's set it was wrong more often
        // than right.)
        if metadata.date.is_none() {
            metadata.date = article
                .removed
                .iter()
                .find(|r| r.kind == RemovalKind::Date)
                .and_then(|r| parse_date(&r.text));
        }
        self.finish(article.paragraphs, metadata, article.removed)
    }

    /// Cleans plain text that a scraper flattened, furniture and all.
    pub fn clean_text(&self, text: &str) -> Cleaned {
        let model = self
            .line_model
            .as_deref()
            .unwrap_or_else(|| LineModel::shipped());
        let (paragraphs, metadata, removed) = text::clean(text, &self.config.text, model);
        self.finish(paragraphs, metadata, removed)
    }

    fn finish(
        &self,
        mut paragraphs: Vec<String>,
        metadata: Metadata,
        removed: Vec<Removed>,
    ) -> Cleaned {
        if self.config.title_in_text
            && let Some(title) = &metadata.title
        {
            paragraphs.insert(0, title.clone());
        }
        Cleaned {
            text: paragraphs.join("\n\n"),
            metadata,
            removed,
        }
    }
}

/// Cleans one input with the default configuration.
pub fn clean(input: &[u8], kind: InputKind) -> Result<Cleaned, Error> {
    Cleaner::default().clean(input, kind)
}

impl Cleaned {
    /// The removed pieces of one kind.
    pub fn removed_of(&self, kind: RemovalKind) -> impl Iterator<Item = &Removed> {
        self.removed.iter().filter(move |r| r.kind == kind)
    }
}

/// Words in a text: whitespace-separated runs, and one per two CJK characters (written without
/// spaces).
pub(crate) fn count_words(text: &str) -> usize {
    if text.is_ascii() {
        return text.split_whitespace().count();
    }
    let cjk = text
        .chars()
        .filter(|&c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}'))
        .count();
    text.split_whitespace().count() + cjk / 2
}

/// The blocks of a page and the lines of a text as the block and line models see them, for
/// training them (`data/train_block_model.py` through `examples/block_features.rs`,
/// `data/train_line_model.py` through `examples/line_features.rs`).
pub mod training {
    pub use crate::html::block_model::FEATURES;
    pub use crate::text::line_model::FEATURES as LINE_FEATURES;

    /// One block of a page or line of a text: its text and its features.
    #[derive(Debug, Clone, serde::Serialize)]
    pub struct FeatureRow {
        /// The block's text, whitespace collapsed, or the line's, trimmed.
        pub text: String,
        /// One value per name in [`FEATURES`] or [`LINE_FEATURES`].
        pub features: Vec<f32>,
    }

    /// The blocks of an HTML page, in page order.
    pub fn html_blocks(html: &[u8]) -> Vec<FeatureRow> {
        let (source, _) = crate::decode_html(html);
        let dom = crate::html::dom::Dom::parse(&source);
        let metadata = crate::html::meta::extract(&dom);
        let mut rows = Vec::new();
        let reading = crate::html::read(&dom, &metadata, &mut |row| rows.push(row.to_vec()));
        reading
            .texts()
            .zip(rows)
            .map(|(text, features)| FeatureRow {
                text: text.to_owned(),
                features,
            })
            .collect()
    }

    /// The non-blank lines of a plain text (read with `config`), in text order.
    pub fn text_lines(text: &str, config: &crate::TextConfig) -> Vec<FeatureRow> {
        let reading = crate::text::read(text, config);
        let mut rows = Vec::new();
        crate::text::line_model::features(&reading, &mut |row| rows.push(row.to_vec()));
        reading
            .line_texts()
            .zip(rows)
            .map(|(text, features)| FeatureRow {
                text: text.to_owned(),
                features,
            })
            .collect()
    }
}
