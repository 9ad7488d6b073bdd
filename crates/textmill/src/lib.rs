//! textmill: raw news and web articles in, clean annotated documents out.
//!
//! This facade re-exports the stage crates and holds [`Pipeline`], which runs them in order on
//! one input: boilerplate removal (HTML or scraped text), normalisation, segmentation, named
//! entities and an extractive summary.
//!
//! ```
//! use textmill::{InputKind, Pipeline};
//!
//! let pipeline = Pipeline::default();
//! let html = b"<html><head><title>Kim heads to Russia</title></head><body><article>\
//!     <h1>Kim heads to Russia</h1><p>Kim Jong Un left Pyongyang on Monday. His train is slow, \
//!     and it is rarely photographed by anyone outside the country.</p></article></body></html>";
//! let doc = pipeline.process("kim", html, InputKind::Auto).unwrap();
//! assert_eq!(doc.metadata.title.as_deref(), Some("Kim heads to Russia"));
//! assert_eq!(doc.sentences[0].span.text(&doc.text), "Kim Jong Un left Pyongyang on Monday.");
//! ```

use serde::{Deserialize, Serialize};

pub use textmill_boilerplate as boilerplate;
pub use textmill_core as core;
pub use textmill_entities as entities;
pub use textmill_segment as segment;
pub use textmill_summarize as summarize;

pub use textmill_boilerplate::{Cleaned, Cleaner, InputKind, guess_kind};
pub use textmill_core::{
    Document, DocumentRecord, Entity, Metadata, NormalizeConfig, Paragraph, Removed, Sentence,
    Source, Span, Token,
};
pub use textmill_entities::Tagger;
pub use textmill_segment::Segmenter;
pub use textmill_summarize::{Budget, Summarizer};

/// Why a pipeline could not make a document of an input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the input is not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    NotUtf8 { valid_up_to: usize },
    #[error(transparent)]
    Clean(#[from] textmill_boilerplate::Error),
}

/// Which stages run and how. Every stage is on by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineConfig {
    /// Remove boilerplate (HTML and scraped text); when off, the input text is used as it is.
    pub clean: bool,
    pub boilerplate: textmill_boilerplate::Config,
    pub normalize: NormalizeConfig,
    /// Split into paragraphs, sentences and tokens.
    pub segment: bool,
    pub segmenter: textmill_segment::Config,
    /// Tag named entities, numbers and dates (needs segmentation).
    pub tag: bool,
    pub tagger: textmill_entities::Config,
    /// Choose summary sentences (needs segmentation); `Document::summary` holds their indices.
    pub summarize: bool,
    pub summarizer: textmill_summarize::Config,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            clean: true,
            boilerplate: Default::default(),
            normalize: Default::default(),
            segment: true,
            segmenter: Default::default(),
            tag: true,
            tagger: Default::default(),
            summarize: true,
            summarizer: Default::default(),
        }
    }
}

/// The stages, configured once, run in order on each input. `Send + Sync`: share one across
/// threads.
#[derive(Debug)]
pub struct Pipeline {
    cleaner: Option<Cleaner>,
    normalize: NormalizeConfig,
    segmenter: Option<Segmenter>,
    tagger: Option<Tagger>,
    summarizer: Option<Summarizer>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(PipelineConfig::default())
    }
}

impl Pipeline {
    pub fn new(config: PipelineConfig) -> Self {
        Pipeline {
            cleaner: config.clean.then(|| Cleaner::new(config.boilerplate)),
            normalize: config.normalize,
            segmenter: config
                .segment
                .then(|| Segmenter::new(config.segmenter.clone())),
            tagger: (config.segment && config.tag).then(|| Tagger::new(config.tagger)),
            summarizer: (config.segment && config.summarize).then(|| {
                Summarizer::with_segmenter(config.summarizer, Segmenter::new(config.segmenter))
            }),
        }
    }

    /// Runs the stages on one input (HTML or text; `InputKind::Auto` guesses).
    pub fn process(&self, id: &str, input: &[u8], kind: InputKind) -> Result<Document, Error> {
        let kind = match kind {
            InputKind::Auto => guess_kind(input),
            kind => kind,
        };
        let cleaned = match &self.cleaner {
            Some(cleaner) => cleaner.clean(input, kind)?,
            None => Cleaned {
                text: utf8(input)?.to_owned(),
                ..Cleaned::default()
            },
        };
        Ok(self.annotate(id, cleaned))
    }

    /// Runs the stages on an input that is already text (HTML or plain text; `InputKind::Auto`
    /// guesses). Nothing is decoded: a charset that HTML markup declares is ignored.
    pub fn process_str(&self, id: &str, input: &str, kind: InputKind) -> Document {
        let cleaned = match &self.cleaner {
            Some(cleaner) => cleaner.clean_str(input, kind),
            None => Cleaned {
                text: input.to_owned(),
                ..Cleaned::default()
            },
        };
        self.annotate(id, cleaned)
    }

    /// Runs the stages on a text (cleaned as scraped plain text unless cleaning is off).
    pub fn process_text(&self, id: &str, text: &str) -> Document {
        self.process_str(id, text, InputKind::Text)
    }

    /// The stages after cleaning: normalisation, segmentation, entities, summary.
    fn annotate(&self, id: &str, cleaned: Cleaned) -> Document {
        let Cleaned {
            text,
            metadata,
            removed,
        } = cleaned;
        let text = match textmill_core::normalize(&text, &self.normalize) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(normalized) => normalized,
        };
        let mut doc = Document {
            id: id.to_owned(),
            text,
            metadata,
            removed,
            ..Document::default()
        };
        if let Some(segmenter) = &self.segmenter {
            segmenter.annotate(&mut doc);
        }
        if let Some(tagger) = &self.tagger {
            tagger.annotate(&mut doc);
        }
        if let Some(summarizer) = &self.summarizer {
            summarizer.annotate(&mut doc);
        }
        doc
    }
}

fn utf8(input: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(input).map_err(|e| Error::NotUtf8 {
        valid_up_to: e.valid_up_to(),
    })
}

/// Runs the default pipeline on one input, guessing whether it is HTML or text.
pub fn process(id: &str, input: &[u8]) -> Result<Document, Error> {
    static DEFAULT: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    DEFAULT
        .get_or_init(Pipeline::default)
        .process(id, input, InputKind::Auto)
}
