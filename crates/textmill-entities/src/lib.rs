//! Named entities and number/date expressions in news text: a trained sequence model for names
//! (people, organisations, places and other proper names), gazetteers to split places and
//! groups into OntoNotes types, rules for dates, times, money, percentages, quantities, ordinals
//! and cardinals, and document-level consistency.
//!
//! ```
//! use textmill_entities::entities;
//!
//! let text = "Kim Jong Un left Pyongyang on Monday to meet Vladimir Putin. Putin waited in Vladivostok.";
//! let tagged = entities(text);
//! let found: Vec<(&str, &str)> =
//!     tagged.iter().map(|e| (e.span().text(text), e.label.as_str())).collect();
//! assert!(found.contains(&("Kim Jong Un", "PERSON")));
//! assert!(found.contains(&("Monday", "DATE")));
//! assert!(found.contains(&("Putin", "PERSON")));
//! ```
//!
//! The shipped English model is embedded in the crate (see data/NOTICE.md for its training data
//! and their licences); [`train`] builds your own from CoNLL or JSONL files.

mod clusters;
mod consistency;
mod features;
mod gazetteer;
mod model;
pub mod numeric;
mod rules;
pub mod score;
mod train;
mod types;
mod words;

use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use textmill_segment::Segmenter;

pub use model::{MentionKind, Model};
/// The core types this crate's API takes and returns.
pub use textmill_core::{Document, Entity, Label, Span, Stage, Token, UnknownName};
pub use train::{TrainConfig, TrainingSentence, calibrate, read_sentences, train};

use model::Part;

/// Why a model could not be read or trained.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a model this version can read, or it is damaged.
    #[error("not a textmill entity model, or a damaged one")]
    BadModel,
    /// The file at this path is not a model this version can read, or it is damaged.
    #[error("{0}: not a textmill entity model, or a damaged one")]
    BadModelFile(String),
    /// A file could not be read: its path and the I/O error.
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    /// A training file has a line that cannot be used.
    #[error("{input}, line {line}: {reason}")]
    Data {
        /// The file.
        input: String,
        /// The 1-based line number in it.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
}

textmill_core::named_enum! {
    /// Which labels entities get.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Scheme ("entity scheme") {
        /// PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE, DATE,
        /// TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL. Other names (the model's MISC) get
        /// a type only on evidence (a people's adjective, an event or law word, quotation marks, a
        /// model number); the rest are left out, as OntoNotes has no catch-all type.
        #[default]
        Ontonotes = "ontonotes",
        /// PER, ORG, LOC, MISC; numbers and dates are left out.
        Conll = "conll",
    }
}

/// Tagger settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Which labels entities get (OntoNotes by default).
    pub scheme: Scheme,
    /// Tag numbers, dates, times, money, percentages and quantities (OntoNotes scheme only).
    pub numbers: bool,
    /// Make a confident name's label hold for all its mentions, and link short forms ("Putin")
    /// to the full name ("Vladimir Putin").
    pub consistency: bool,
    /// As a pipeline stage, tag only documents whose `metadata.language` is one of these ISO
    /// 639-1 codes, or is unknown: the model reads English, and on other languages it finds
    /// names that are not there. Empty: tag every document. (Direct calls such as
    /// [`Tagger::entities`] tag whatever text they are given.)
    pub languages: Vec<String>,
    /// Names scored below this are not emitted. A name's score is the calibrated probability
    /// that its span and type are right (see data/NOTICE.md and benches/RESULTS.md for the
    /// reliability table); 0 emits every name the model finds. Numbers and dates score 1.
    pub min_score: f64,
}

impl Config {
    /// The default `min_score`: below it, names on the development sets were more often wrong
    /// than right, and dropping them raised F1 there (benches/RESULTS.md).
    pub const DEFAULT_MIN_SCORE: f64 = 0.4;

    /// Checks the settings that have a range (`min_score` in [0, 1]).
    pub fn check(&self) -> Result<(), textmill_core::SettingError> {
        textmill_core::check_share("min_score", self.min_score)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scheme: Scheme::default(),
            numbers: true,
            consistency: true,
            languages: vec!["en".to_owned()],
            min_score: Config::DEFAULT_MIN_SCORE,
        }
    }
}

/// The shipped English model, as embedded in the crate.
pub const ENGLISH_MODEL: &[u8] = include_bytes!("../data/model.bin");

static DEFAULT_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(
        Model::from_static(ENGLISH_MODEL)
            .expect("the embedded model is checked by the crate's tests"),
    )
});

/// The tagger: built once, shared across threads, called per text or document.
#[derive(Debug, Clone)]
pub struct Tagger {
    config: Config,
    model: Arc<Model>,
    segmenter: Segmenter,
}

impl Default for Tagger {
    fn default() -> Self {
        Tagger::new(Config::default())
    }
}

/// A name found by the model, before typing: token range and confidence.
///
/// Token indices are 32-bit, as token offsets are: an entity-dense text holds a mention every
/// few tokens, and 16 bytes a mention instead of 24 is 8 MB less per million of them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub start: u32,
    pub end: u32,
    pub kind: MentionKind,
    pub score: f32,
}

impl Mention {
    /// A mention of tokens `start..end` (a text has fewer than 2^32 tokens, as a token's
    /// offsets are 32-bit).
    pub(crate) fn new(start: usize, end: usize, kind: MentionKind, score: f32) -> Mention {
        let index = |i: usize| u32::try_from(i).expect("token indices fit in 32 bits");
        Mention {
            start: index(start),
            end: index(end),
            kind,
            score,
        }
    }

    /// The mention's text: from its first token's start to its last token's end.
    pub(crate) fn text<'t>(&self, text: &'t str, tokens: &[Token]) -> &'t str {
        &text[tokens[self.start as usize].span().start..tokens[self.end as usize - 1].span().end]
    }

    /// The mention's tokens, as a range of indices.
    #[inline]
    pub(crate) fn tokens(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Tagger {
    /// A tagger with the embedded English model (read once per process, on first use).
    pub fn new(config: Config) -> Self {
        Tagger::with_model(config, DEFAULT_MODEL.clone())
    }

    /// A tagger with a model of your own (see [`train`] and [`Model::from_bytes`]).
    pub fn with_model(config: Config, model: Arc<Model>) -> Self {
        Tagger {
            config,
            model,
            segmenter: Segmenter::default(),
        }
    }

    /// Names in a sentence given as tokens, by the model alone: `(first token, one past the last
    /// token, type)`. For evaluation on pre-tokenised data.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<(usize, usize, MentionKind)> {
        self.model_mentions(tokens)
            .into_iter()
            .map(|m| (m.start as usize, m.end as usize, m.kind))
            .collect()
    }

    /// The model's mentions in a sentence given as tokens, with their probabilities.
    pub(crate) fn model_mentions(&self, tokens: &[&str]) -> Vec<Mention> {
        let mut featurizer = self.model.featurizer();
        featurizer.sentence(tokens.iter().copied());
        let mut mentions = Vec::new();
        Decoder::default().decode(&self.model, &featurizer, 0, &mut mentions);
        mentions
    }

    /// Entities of a text, sorted by position.
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let segmentation = self.segmenter.segment(text);
        self.entities_segmented(text, &segmentation.sentences, &segmentation.tokens)
    }

    /// Entities of a text given its sentences and tokens (sorted, as the segmenter makes them).
    pub fn entities_segmented(
        &self,
        text: &str,
        sentences: &[Span],
        tokens: &[Token],
    ) -> Vec<Entity> {
        let mut mentions = Vec::new();
        let mut numbers = Vec::new();
        let mut featurizer = self.model.featurizer();
        let mut decoder = Decoder::default();
        let mut next = 0;
        for sentence in sentences {
            let first = next + tokens[next..].partition_point(|t| t.span().start < sentence.start);
            let last = first + tokens[first..].partition_point(|t| t.span().end <= sentence.end);
            next = last;
            // A "sentence" of a megabyte without an end is tagged in pieces, so memory stays in
            // proportion to the piece, not to the text.
            let mut start = first;
            while start < last {
                let end = (start + MAX_SEQUENCE).min(last);
                let piece = &tokens[start..end];
                featurizer.sentence(piece.iter().map(|t| t.span().text(text)));
                decoder.decode(&self.model, &featurizer, start, &mut mentions);
                if self.config.numbers && self.config.scheme == Scheme::Ontonotes {
                    for (s, e, label) in numeric::find(text, piece) {
                        numbers.push((start + s, start + e, label));
                    }
                }
                start = end;
            }
        }
        strip_leading_article(text, tokens, &mut mentions);
        rules::apply(text, tokens, &mut mentions);
        rules::defined_acronyms(text, tokens, &mut mentions);
        let mut chains = if self.config.consistency {
            consistency::propagate(text, tokens, &mut mentions)
        } else {
            sort_by_position(&mut mentions);
            Vec::new()
        };
        // The outlet's name with its number ("Channel 4") is the mention's own text.
        let outlets = rules::broadcasters(text, tokens, &mut mentions);
        chains.retain(|(i, _)| outlets.binary_search(i).is_err());
        let mut entities = types::finish(
            text,
            tokens,
            mentions,
            &chains,
            &numbers,
            self.config.scheme,
        );
        entities.retain(|e| f64::from(e.score) >= self.config.min_score);
        entities
    }
}

/// Fills `doc.entities` from its text, sentences and tokens.
impl Stage for Tagger {
    fn name(&self) -> &'static str {
        "tag"
    }

    fn annotate(&self, doc: &mut Document) {
        let languages = &self.config.languages;
        if let Some(language) = &doc.metadata.language
            && !languages.is_empty()
            && !languages.contains(language)
        {
            doc.entities.clear();
            return;
        }
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        doc.entities = self.entities_segmented(&doc.text, &sentences, &doc.tokens);
    }
}

/// Which tokens lie inside one of `mentions`.
pub(crate) fn covered(tokens: usize, mentions: &[Mention]) -> Vec<bool> {
    let mut covered = vec![false; tokens];
    for m in mentions {
        covered[m.tokens()].iter_mut().for_each(|c| *c = true);
    }
    covered
}

/// Adds `added` to `mentions`, which stay sorted by position.
pub(crate) fn add_mentions(mentions: &mut Vec<Mention>, added: Vec<Mention>) {
    if !added.is_empty() {
        mentions.extend(added);
        sort_by_position(mentions);
    }
}

/// Sorts mentions by position. They are mostly in order already, and a stable sort would take a
/// scratch buffer of half their size, which on a text of a million names is tens of megabytes.
pub(crate) fn sort_by_position(mentions: &mut [Mention]) {
    if !mentions.is_sorted_by_key(|m| (m.start, m.end)) {
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// Scratch space for tagging one sentence after another.
#[derive(Default)]
struct Decoder {
    emissions: Vec<f32>,
    labels: Vec<usize>,
    lattice: model::Lattice,
}

impl Decoder {
    /// Tags the featurizer's sentence: its mentions, at token offsets plus `offset`, go to `out`.
    /// A mention's score is the calibrated probability, over all label sequences, that exactly
    /// its tokens form a name of its type.
    fn decode(
        &mut self,
        model: &Model,
        featurizer: &features::Featurizer,
        offset: usize,
        out: &mut Vec<Mention>,
    ) {
        model.emissions(featurizer, &mut self.emissions);
        model.viterbi(&self.emissions, &mut self.labels);
        let labels = &self.labels;
        if labels.iter().all(|&l| l == 0) {
            return;
        }
        model.lattice(&self.emissions, &mut self.lattice);
        let mut i = 0;
        while i < labels.len() {
            let (part, kind) = model::part(labels[i]);
            let end = match part {
                Part::Unit => i + 1,
                Part::Begin => {
                    let mut j = i + 1;
                    while j < labels.len() && model::part(labels[j]).0 == Part::Inside {
                        j += 1;
                    }
                    (j + 1).min(labels.len())
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.push(Mention::new(
                offset + i,
                offset + end,
                kind,
                model.segment_probability(&self.lattice, labels, i, end),
            ));
            i = end;
        }
    }
}

/// Longest token sequence decoded at once; longer sentences are cut into pieces of this size.
const MAX_SEQUENCE: usize = 512;

/// "the United Nations" -> "United Nations": a leading article is never part of a name.
fn strip_leading_article(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if m.end - m.start > 1
            && matches!(
                tokens[m.start as usize].span().text(text),
                "the" | "The" | "THE"
            )
        {
            m.start += 1;
        }
    }
}

fn default_tagger() -> &'static Tagger {
    static DEFAULT: LazyLock<Tagger> = LazyLock::new(Tagger::default);
    &DEFAULT
}

/// Entities of `text` with the default settings (OntoNotes labels).
pub fn entities(text: &str) -> Vec<Entity> {
    default_tagger().entities(text)
}
