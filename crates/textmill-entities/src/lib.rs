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
//!     tagged.iter().map(|e| (e.span.text(text), e.label.as_str())).collect();
//! assert!(found.contains(&("Kim Jong Un", "PERSON")));
//! assert!(found.contains(&("Monday", "DATE")));
//! assert!(found.contains(&("Putin", "PERSON")));
//! ```
//!
//! The shipped English model is embedded in the crate (see data/NOTICE.md for its training data
//! and their licences); [`train`] builds your own from CoNLL or JSONL files.

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
pub use train::{TrainConfig, TrainingSentence, read_sentences, train};

use features::Featurizer;
use gazetteer::Gazetteers;
use model::{LABELS, Part};

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
        /// TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL.
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scheme: Scheme::default(),
            numbers: true,
            consistency: true,
            languages: vec!["en".to_owned()],
        }
    }
}

/// The shipped English model, as embedded in the crate.
pub const ENGLISH_MODEL: &[u8] = include_bytes!("../data/model.bin");

static DEFAULT_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(
        Model::from_bytes(ENGLISH_MODEL)
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
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    pub score: f32,
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
        let mut featurizer = Featurizer::new(Gazetteers::get(), &self.model.lexicon);
        featurizer.sentence(tokens.iter().copied());
        let (mut emissions, mut labels, mut mentions) = (Vec::new(), Vec::new(), Vec::new());
        self.model.emissions(&featurizer, &mut emissions);
        self.model.viterbi(&emissions, &mut labels);
        collect_mentions(&labels, &emissions, 0, &mut mentions);
        mentions
            .into_iter()
            .map(|m| (m.start, m.end, m.kind))
            .collect()
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
        let mut featurizer = Featurizer::new(Gazetteers::get(), &self.model.lexicon);
        let mut emissions = Vec::new();
        let mut labels = Vec::new();
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
                self.model.emissions(&featurizer, &mut emissions);
                self.model.viterbi(&emissions, &mut labels);
                collect_mentions(&labels, &emissions, start, &mut mentions);
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
        let mut chains = if self.config.consistency {
            consistency::propagate(text, tokens, &mut mentions)
        } else {
            Vec::new()
        };
        for i in rules::broadcasters(text, tokens, &mut mentions) {
            // The outlet's name with its number ("Channel 4"): the mention's own text.
            if let Some(chain) = chains.get_mut(i) {
                *chain = None;
            }
        }
        types::finish(
            text,
            tokens,
            &mentions,
            chains,
            &numbers,
            self.config.scheme,
        )
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
        covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
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

/// Turns a BILOU label sequence into mentions. A mention's confidence is the mean, over its
/// tokens, of the probability (softmax of the emission scores) that the token belongs to an
/// entity of the chosen type, whatever its BILOU part.
fn collect_mentions(labels: &[usize], emissions: &[f32], offset: usize, out: &mut Vec<Mention>) {
    let probability = |i: usize, kind: MentionKind| {
        let kind = kind as usize;
        let row = &emissions[i * LABELS..(i + 1) * LABELS];
        let max = row.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
        let weight = |x: f32| ((x - max) / TEMPERATURE).exp();
        let sum: f32 = row.iter().map(|&x| weight(x)).sum();
        row[1 + 4 * kind..5 + 4 * kind]
            .iter()
            .map(|&x| weight(x))
            .sum::<f32>()
            / sum
    };
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
        let score = (i..end).map(|t| probability(t, kind)).sum::<f32>() / (end - i) as f32;
        out.push(Mention {
            start: offset + i,
            end: offset + end,
            kind,
            score,
        });
        i = end;
    }
}

/// Longest token sequence decoded at once; longer sentences are cut into pieces of this size.
const MAX_SEQUENCE: usize = 512;

/// Emission scores are sums of perceptron weights; this spreads them into usable probabilities.
const TEMPERATURE: f32 = 8.0;

/// "the United Nations" -> "United Nations": a leading article is never part of a name.
fn strip_leading_article(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if m.end - m.start > 1 && matches!(tokens[m.start].span().text(text), "the" | "The" | "THE")
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
