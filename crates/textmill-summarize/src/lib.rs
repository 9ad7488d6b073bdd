//! Extractive summaries of one article or of several articles on one story, keyphrases, and a
//! ROUGE scorer to measure them.
//!
//! ```
//! use textmill_summarize::{Budget, summarize};
//!
//! let text = "Kim Jong Un arrived in Russia on Tuesday for talks with Vladimir Putin. \
//!     The North Korean leader travelled on his armoured train, which is slow. \
//!     Kim and Putin are expected to discuss weapons and satellites at the talks in Russia. \
//!     It rained.";
//! let summary = summarize(text, Budget::Sentences(2));
//! assert_eq!(summary.sentences.len(), 2);
//! assert!(summary.sentences[0].span.text(text).starts_with("Kim Jong Un arrived"));
//! ```
//!
//! The default method is position-aware centrality, which beats the Lead-3 baseline on news;
//! LexRank, TextRank and Lead are there for users who ask for them (see [`Method`]).

mod cluster;
mod keyphrases;
mod porter;
mod rank;
mod ranked;
pub mod rouge;
mod select;
mod terms;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use textmill_core::Token;
use textmill_segment::Segmenter;

pub use cluster::{ClusterCandidate, ClusterMethod, ClusterSentence, ClusterSummary};
pub use keyphrases::{Keyphrase, Occurrence};
pub use porter::stem;
pub use rank::Method;
/// The names of the features the ranked cluster method scores candidates by, in order.
pub use ranked::FEATURES as CLUSTER_FEATURES;
pub use select::{Budget, BudgetError};
/// The dot product of two sparse vectors sorted by term, as the summariser compares sentences.
pub use terms::dot as sparse_dot;
/// The core types this crate's API takes and returns.
pub use textmill_core::{Document, SettingError, Span, Stage, UnknownName};
use textmill_core::{check_non_negative, check_share};

use select::{Candidate, Selection};
use terms::{Vocabulary, sentence_terms, tfidf_vectors};

/// Summarizer settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How sentences are scored (position-aware centrality by default).
    pub method: Method,
    /// The budget [`Summarizer::annotate`] uses (a pipeline's summary).
    pub budget: Budget,
    /// Sentences with fewer words are chosen only when no longer one is left: they are mostly
    /// fragments, datelines and quotes that say little alone.
    pub min_words: usize,
    /// A sentence whose tf-idf cosine with one already chosen reaches this is passed over while
    /// others are left (1.0 turns redundancy control off).
    pub redundancy: f32,
    /// Near-duplicate threshold for clusters: a pooled sentence this similar to a better one
    /// from another article is dropped.
    pub duplicate: f32,
    /// How a cluster's summary is made: candidates ranked by learned weights (the default), the
    /// lead of its most central article, or sentences pooled from every article.
    pub cluster: ClusterMethod,
    /// Weight of entity salience in the position-aware score, for documents that carry entities:
    /// per sentence, the number of the document's three most mentioned names in it. Small:
    /// on CNN/DM validation, 0.1 moves ROUGE-1/2/Lsum from 30.38/11.45/26.96 to 30.39/11.49/26.96,
    /// and larger weights lose ROUGE-1.
    pub entity_weight: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            method: Method::default(),
            budget: Budget::default(),
            min_words: 10,
            redundancy: 0.5,
            duplicate: 0.7,
            cluster: ClusterMethod::default(),
            entity_weight: 0.1,
        }
    }
}

impl Config {
    /// Checks every setting's range: the budget (a ratio in `[0, 1]`), `redundancy` and
    /// `duplicate` in `[0, 1]`, `entity_weight` finite and not negative.
    pub fn check(&self) -> Result<(), SettingError> {
        self.budget
            .checked()
            .map_err(|e| SettingError::new("budget", e.to_string()))?;
        check_share("redundancy", f64::from(self.redundancy))?;
        check_share("duplicate", f64::from(self.duplicate))?;
        check_non_negative("entity_weight", self.entity_weight)
    }
}

/// A sentence chosen for a summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// Index of the sentence among the text's sentences.
    pub index: usize,
    /// Byte span of the sentence in the text.
    pub span: Span,
    /// Its score, as in [`Summary::scores`].
    pub score: f64,
}

/// The chosen sentences, in document order, and the score of every sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The chosen sentences, in document order.
    pub sentences: Vec<SummarySentence>,
    /// One score per sentence of the text, in document order; higher is more summary-worthy.
    pub scores: Vec<f64>,
}

impl Summary {
    /// The chosen sentences, best first.
    pub fn by_score(&self) -> Vec<SummarySentence> {
        let mut sentences = self.sentences.clone();
        sentences.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
        sentences
    }
}

/// The summarizer: built once, shared across threads, called per text or per cluster.
#[derive(Debug, Clone, Default)]
pub struct Summarizer {
    config: Config,
    segmenter: Segmenter,
}

impl Summarizer {
    /// A summariser with `config` and the default segmenter.
    pub fn new(config: Config) -> Self {
        Summarizer {
            config,
            segmenter: Segmenter::default(),
        }
    }

    /// Uses `segmenter` to split texts, e.g. one with extra abbreviations.
    pub fn with_segmenter(config: Config, segmenter: Segmenter) -> Self {
        Summarizer { config, segmenter }
    }

    /// The settings it was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Summarises one text.
    pub fn summarize(&self, text: &str, budget: Budget) -> Summary {
        let segmentation = self.segmenter.segment(text);
        self.summarize_segmented(text, &segmentation.sentences, &segmentation.tokens, budget)
    }

    /// Summarises a document that is already segmented, without splitting it again.
    /// When the document carries entities (the pipeline tags before it summarises), sentences
    /// that mention the document's main names gain ([`Config::entity_weight`]).
    pub fn summarize_document(&self, doc: &Document, budget: Budget) -> Summary {
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let salience = entity_salience(doc, &sentences);
        self.summarize_with(&doc.text, &sentences, &doc.tokens, budget, &salience)
    }

    /// Summarises `text` given its sentences and tokens (sorted, as the segmenter makes them).
    pub fn summarize_segmented(
        &self,
        text: &str,
        sentences: &[Span],
        tokens: &[Token],
        budget: Budget,
    ) -> Summary {
        self.summarize_with(text, sentences, tokens, budget, &[])
    }

    /// `salience`: per sentence, how much it speaks of the document's main names (empty: none
    /// known).
    fn summarize_with(
        &self,
        text: &str,
        sentences: &[Span],
        tokens: &[Token],
        budget: Budget,
        salience: &[f64],
    ) -> Summary {
        let mut vocabulary = Vocabulary::default();
        let terms = sentence_terms(text, sentences, tokens, &mut vocabulary);
        let vectors = tfidf_vectors(terms.terms.view(), vocabulary.len());
        let mut scores = rank::score(
            self.config.method,
            &rank::Sentences {
                vectors: vectors.view(),
                terms: terms.terms.view(),
                words: &terms.words,
                vocabulary_len: vocabulary.len(),
            },
        );
        if self.config.method == Method::PacSum {
            for (score, s) in scores.iter_mut().zip(salience) {
                *score += self.config.entity_weight * s;
            }
        }
        let candidates: Vec<Candidate> = (0..sentences.len())
            .map(|i| Candidate {
                score: scores[i],
                words: terms.words[i],
                chars: sentences[i].text(text).chars().count(),
                vector: &vectors[i],
            })
            .collect();
        let mut chosen = self.selection().choose(&candidates, budget);
        chosen.sort_unstable();
        Summary {
            sentences: chosen
                .into_iter()
                .map(|index| SummarySentence {
                    index,
                    span: sentences[index],
                    score: scores[index],
                })
                .collect(),
            scores,
        }
    }

    /// Summarises several articles on one story together (see [`ClusterSummary`]).
    pub fn summarize_cluster(&self, texts: &[&str], budget: Budget) -> ClusterSummary {
        cluster::summarize(self, &[], texts, budget)
    }

    /// As [`Summarizer::summarize_cluster`], with each article's title (`titles[i]` is the
    /// title of `texts[i]`; missing or empty when it has none): the ranked method weighs what
    /// the titles share. Titles are never part of the summary.
    pub fn summarize_titled_cluster(
        &self,
        titles: &[&str],
        texts: &[&str],
        budget: Budget,
    ) -> ClusterSummary {
        cluster::summarize(self, titles, texts, budget)
    }

    /// The ranked method's candidate summaries of a cluster with their features and scores.
    pub fn cluster_candidates(
        &self,
        titles: &[&str],
        texts: &[&str],
        budget: Budget,
    ) -> Vec<ClusterCandidate> {
        cluster::candidates(self, titles, texts, budget)
    }

    /// The `n` best keyphrases of a text, with every occurrence.
    pub fn keyphrases(&self, text: &str, n: usize) -> Vec<Keyphrase> {
        keyphrases::extract(&self.segmenter, &[text], n)
    }

    /// The `n` best keyphrases of several texts taken together; occurrences name their text.
    pub fn keyphrases_cluster(&self, texts: &[&str], n: usize) -> Vec<Keyphrase> {
        keyphrases::extract(&self.segmenter, texts, n)
    }

    fn selection(&self) -> Selection {
        Selection {
            min_words: self.config.min_words,
            redundancy: self.config.redundancy,
        }
    }

    /// The segmenter that splits texts before they are summarised.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }
}

/// Sets `doc.summary` to the sentence indices of its summary under the configured budget.
impl Stage for Summarizer {
    fn name(&self) -> &'static str {
        "summarize"
    }

    fn annotate(&self, doc: &mut Document) {
        let summary = self.summarize_document(doc, self.config.budget);
        doc.summary = summary.sentences.iter().map(|s| s.index).collect();
    }
}

/// Per sentence, how many of the document's three most mentioned names (by canonical form) it
/// mentions: the story's protagonists.
fn entity_salience(doc: &Document, sentences: &[Span]) -> Vec<f64> {
    // Walked twice rather than collected: an entity-dense text has a name every dozen bytes.
    let names = || {
        doc.entities.iter().filter(|e| e.label.is_name()).map(|e| {
            let name = e
                .canonical
                .as_deref()
                .unwrap_or_else(|| e.span().text(&doc.text));
            (e.span().start, name)
        })
    };
    let mut mentions: std::collections::HashMap<&str, usize> = Default::default();
    for (_, name) in names() {
        *mentions.entry(name).or_default() += 1;
    }
    if mentions.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(&str, usize)> = mentions.iter().map(|(n, c)| (*n, *c)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<&str> = ranked.iter().take(3).map(|(n, _)| *n).collect();
    let mut out = vec![0.0; sentences.len()];
    let mut seen: Vec<&str> = Vec::new();
    let mut names = names().peekable();
    for (i, sentence) in sentences.iter().enumerate() {
        seen.clear();
        while names.next_if(|(at, _)| *at < sentence.start).is_some() {}
        while let Some((_, name)) = names.next_if(|(at, _)| *at < sentence.end) {
            if !seen.contains(&name) {
                seen.push(name);
                if top.contains(&name) {
                    out[i] += 1.0;
                }
            }
        }
    }
    out
}

fn default_summarizer() -> &'static Summarizer {
    static DEFAULT: OnceLock<Summarizer> = OnceLock::new();
    DEFAULT.get_or_init(Summarizer::default)
}

/// Summarises `text` with the default settings.
pub fn summarize(text: &str, budget: Budget) -> Summary {
    default_summarizer().summarize(text, budget)
}

/// Summarises several articles on one story with the default settings.
pub fn summarize_cluster(texts: &[&str], budget: Budget) -> ClusterSummary {
    default_summarizer().summarize_cluster(texts, budget)
}

/// The `n` best keyphrases of `text` with the default settings.
pub fn keyphrases(text: &str, n: usize) -> Vec<Keyphrase> {
    default_summarizer().keyphrases(text, n)
}
