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

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

pub mod language;
pub mod render;

pub use textmill_boilerplate as boilerplate;
pub use textmill_core as core;
pub use textmill_entities as entities;
pub use textmill_segment as segment;
pub use textmill_summarize as summarize;

pub use textmill_boilerplate::{Cleaned, Cleaner, InputKind, guess_kind};
pub use textmill_core::{
    Document, DocumentRecord, Entity, Label, Metadata, NormalizeConfig, Paragraph, Removed,
    Sentence, Source, Span, Stage, Token,
};
pub use textmill_entities::Tagger;
pub use textmill_segment::Segmenter;
pub use textmill_summarize::{Budget, Summarizer};

/// Why a pipeline could not make a document of an input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Cleaning is off and the input is not text in any encoding (with cleaning on, that is
    /// `Clean`).
    #[error(
        "the input is not text: not UTF-8 (first bad byte at offset {valid_up_to}), nor any other encoding"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid byte (the length of the valid prefix).
        valid_up_to: usize,
    },
    /// The cleaner could not read the input.
    #[error(transparent)]
    Clean(#[from] textmill_boilerplate::Error),
}

/// Which stages run and how. Every stage is on by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// Remove boilerplate (HTML and scraped text); when off, the input text is used as it is.
    pub clean: bool,
    /// The cleaner's settings (used when `clean` is on).
    pub boilerplate: textmill_boilerplate::Config,
    /// Unicode and whitespace normalisation of the text, applied whether or not it was cleaned.
    pub normalize: NormalizeConfig,
    /// Detect the text's language into `metadata.language` (see [`language`]); the tagger
    /// skips documents in languages its model was not trained for (`tagger.languages`).
    pub detect_language: bool,
    /// Split into paragraphs, sentences and tokens.
    pub segment: bool,
    /// The segmenter's settings (the summariser splits texts with them too).
    pub segmenter: textmill_segment::Config,
    /// Tag named entities, numbers and dates (needs segmentation).
    pub tag: bool,
    /// The tagger's settings (used when `tag` is on).
    pub tagger: textmill_entities::Config,
    /// Choose summary sentences (needs segmentation); `Document::summary` holds their indices.
    pub summarize: bool,
    /// The summariser's settings; its `budget` sets the length of `Document::summary`.
    pub summarizer: textmill_summarize::Config,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            clean: true,
            boilerplate: Default::default(),
            normalize: Default::default(),
            detect_language: true,
            segment: true,
            segmenter: Default::default(),
            tag: true,
            tagger: Default::default(),
            summarize: true,
            summarizer: Default::default(),
        }
    }
}

impl PipelineConfig {
    /// Checks every stage's settings that have a range (the cleaner's thresholds, the
    /// tagger's `min_score`, the summariser's budget and thresholds), naming a bad one by its path:
    /// `summarizer.redundancy: must lie in [0, 1], not 7`.
    pub fn check(&self) -> Result<(), textmill_core::SettingError> {
        self.boilerplate
            .check()
            .map_err(|e| e.within("boilerplate"))?;
        self.tagger.check().map_err(|e| e.within("tagger"))?;
        self.summarizer.check().map_err(|e| e.within("summarizer"))
    }
}

/// The stages, configured once, run in order on each input: cleaning and normalisation make
/// the text, then every [`Stage`] annotates it (language, segmentation, entities, summary, then the
/// user's own). `Send + Sync`: share one across threads.
///
/// ```
/// use textmill::{Document, InputKind, Pipeline, Stage};
///
/// /// Marks documents that mention Putin.
/// struct MentionsPutin;
///
/// impl Stage for MentionsPutin {
///     fn name(&self) -> &str {
///         "mentions_putin"
///     }
///     fn annotate(&self, doc: &mut Document) {
///         if doc.entities.iter().any(|e| e.span().text(&doc.text).contains("Putin")) {
///             doc.metadata.site = Some("putin-watch".into());
///         }
///     }
/// }
///
/// let pipeline = Pipeline::builder().stage(MentionsPutin).build();
/// assert_eq!(
///     pipeline.stage_names(),
///     ["language", "segment", "tag", "summarize", "mentions_putin"]
/// );
/// let doc = pipeline.process_text("a", "Vladimir Putin met Kim Jong Un in Vladivostok.");
/// assert_eq!(doc.metadata.site.as_deref(), Some("putin-watch"));
/// ```
pub struct Pipeline {
    cleaner: Option<Cleaner>,
    normalize: NormalizeConfig,
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("cleaner", &self.cleaner)
            .field("normalize", &self.normalize)
            .field("stages", &self.stage_names())
            .finish()
    }
}

/// Builds a [`Pipeline`]: the configured built-in stages, then the added ones in the order given.
#[derive(Default)]
pub struct PipelineBuilder {
    config: PipelineConfig,
    model: Option<std::sync::Arc<textmill_entities::Model>>,
    added: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for PipelineBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let added: Vec<&str> = self.added.iter().map(|stage| stage.name()).collect();
        f.debug_struct("PipelineBuilder")
            .field("config", &self.config)
            .field("custom_model", &self.model.is_some())
            .field("added", &added)
            .finish()
    }
}

impl PipelineBuilder {
    /// Configures the built-in stages (all on by default).
    pub fn config(mut self, config: PipelineConfig) -> Self {
        self.config = config;
        self
    }

    /// Tags entities with this model (one made by `textmill train-ner`, read with
    /// [`entities::Model::from_bytes`]) instead of the embedded one.
    pub fn entity_model(mut self, model: std::sync::Arc<textmill_entities::Model>) -> Self {
        self.model = Some(model);
        self
    }

    /// Adds a stage that runs after the built-in ones (and after the stages added before it).
    pub fn stage(mut self, stage: impl Stage + 'static) -> Self {
        self.added.push(Box::new(stage));
        self
    }

    /// The pipeline.
    pub fn build(self) -> Pipeline {
        let PipelineConfig {
            clean,
            boilerplate,
            normalize,
            detect_language,
            segment,
            segmenter,
            tag,
            tagger,
            summarize,
            summarizer,
        } = self.config;
        let mut stages: Vec<Box<dyn Stage>> = Vec::new();
        if detect_language {
            stages.push(Box::new(language::LanguageDetector));
        }
        if segment {
            stages.push(Box::new(Segmenter::new(segmenter.clone())));
            if tag {
                stages.push(Box::new(match self.model {
                    Some(model) => Tagger::with_model(tagger, model),
                    None => Tagger::new(tagger),
                }));
            }
            if summarize {
                let segmenter = Segmenter::new(segmenter);
                stages.push(Box::new(Summarizer::with_segmenter(summarizer, segmenter)));
            }
        }
        stages.extend(self.added);
        Pipeline {
            cleaner: clean.then(|| Cleaner::new(boilerplate)),
            normalize,
            stages,
        }
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(PipelineConfig::default())
    }
}

impl Pipeline {
    /// The built-in stages as `config` says.
    pub fn new(config: PipelineConfig) -> Self {
        Pipeline::builder().config(config).build()
    }

    /// A builder, to configure the built-in stages and add stages of your own.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The names of the stages that annotate each document, in the order they run.
    pub fn stage_names(&self) -> Vec<&str> {
        self.stages.iter().map(|stage| stage.name()).collect()
    }

    /// Runs the stages on one input (HTML or text; `InputKind::Auto` guesses).
    pub fn process(&self, id: &str, input: &[u8], kind: InputKind) -> Result<Document, Error> {
        self.process_timed(id, input, kind, &mut StageTimes::default())
    }

    /// [`Pipeline::process`], adding the time each step took to `times`.
    pub fn process_timed(
        &self,
        id: &str,
        input: &[u8],
        kind: InputKind,
        times: &mut StageTimes,
    ) -> Result<Document, Error> {
        let cleaned = self.clean_timed(input, kind, times)?;
        Ok(self.annotate_timed(id, cleaned, times))
    }

    /// The first step of [`Pipeline::process_timed`] alone: the clean text of an input (its
    /// text as it is when cleaning is off). With [`Pipeline::annotate_timed`], a caller can
    /// free the input before the stages run (a corpus run does, for large documents).
    pub fn clean_timed(
        &self,
        input: &[u8],
        kind: InputKind,
        times: &mut StageTimes,
    ) -> Result<Cleaned, Error> {
        let started = Instant::now();
        let kind = match kind {
            InputKind::Auto => guess_kind(input),
            kind => kind,
        };
        let cleaned = match &self.cleaner {
            Some(cleaner) => cleaner.clean(input, kind)?,
            None => Cleaned {
                text: decoded(input)?,
                ..Cleaned::default()
            },
        };
        times.add(0, started);
        Ok(cleaned)
    }

    /// Runs the stages on an input that is already text (HTML or plain text; `InputKind::Auto`
    /// guesses). Nothing is decoded: a charset that HTML markup declares is ignored.
    pub fn process_str(&self, id: &str, input: &str, kind: InputKind) -> Document {
        self.process_str_timed(id, input, kind, &mut StageTimes::default())
    }

    /// [`Pipeline::process_str`], adding the time each step took to `times`.
    pub fn process_str_timed(
        &self,
        id: &str,
        input: &str,
        kind: InputKind,
        times: &mut StageTimes,
    ) -> Document {
        let cleaned = self.clean_str_timed(input, kind, times);
        self.annotate_timed(id, cleaned, times)
    }

    /// The first step of [`Pipeline::process_str_timed`] alone (see
    /// [`Pipeline::clean_timed`]).
    pub fn clean_str_timed(&self, input: &str, kind: InputKind, times: &mut StageTimes) -> Cleaned {
        let started = Instant::now();
        let cleaned = match &self.cleaner {
            Some(cleaner) => cleaner.clean_str(input, kind),
            None => Cleaned {
                text: input.to_owned(),
                ..Cleaned::default()
            },
        };
        times.add(0, started);
        cleaned
    }

    /// The names of the steps [`StageTimes`] counts, in its order: `clean`, `normalize`, then
    /// [`Pipeline::stage_names`].
    pub fn step_names(&self) -> Vec<&str> {
        let mut names = vec!["clean", "normalize"];
        names.extend(self.stage_names());
        names
    }

    /// Runs the stages on a text (cleaned as scraped plain text unless cleaning is off).
    pub fn process_text(&self, id: &str, text: &str) -> Document {
        self.process_str(id, text, InputKind::Text)
    }

    /// The steps after cleaning: normalisation, then every annotating stage in order.
    pub fn annotate_timed(&self, id: &str, cleaned: Cleaned, times: &mut StageTimes) -> Document {
        let started = Instant::now();
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
        times.add(1, started);
        for (i, stage) in self.stages.iter().enumerate() {
            let started = Instant::now();
            stage.annotate(&mut doc);
            times.add(2 + i, started);
        }
        doc
    }
}

/// Time spent in each step of a pipeline (see [`Pipeline::step_names`] for which is which),
/// summed over the documents processed with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageTimes(Vec<Duration>);

impl StageTimes {
    fn add(&mut self, step: usize, started: Instant) {
        if self.0.len() <= step {
            self.0.resize(step + 1, Duration::ZERO);
        }
        self.0[step] += started.elapsed();
    }

    /// Adds another count's times to this one.
    pub fn merge(&mut self, other: &StageTimes) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), Duration::ZERO);
        }
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine += *theirs;
        }
    }

    /// The time of each step, in the order of [`Pipeline::step_names`].
    pub fn durations(&self) -> &[Duration] {
        &self.0
    }
}

/// Text bytes as text, decoded as the cleaner decodes plain text (see
/// [`boilerplate::decode_text`]).
fn decoded(input: &[u8]) -> Result<String, Error> {
    textmill_boilerplate::decode_text(input)
        .map(|(text, _)| text.into_owned())
        .ok_or_else(|| Error::NotUtf8 {
            valid_up_to: std::str::from_utf8(input)
                .err()
                .map_or(0, |e| e.valid_up_to()),
        })
}

/// Runs the default pipeline on one input, guessing whether it is HTML or text.
pub fn process(id: &str, input: &[u8]) -> Result<Document, Error> {
    static DEFAULT: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    DEFAULT
        .get_or_init(Pipeline::default)
        .process(id, input, InputKind::Auto)
}
