//! Several articles on one story: sentences pooled, near-duplicates merged, and centrality
//! counted across articles, so that what many sources report rises.

use serde::{Deserialize, Serialize};
use textmill_core::Span;

use crate::Summarizer;
use crate::rank::{self, Sentences};
use crate::select::{Budget, Candidate};
use crate::terms::{Vocabulary, add_dense, dot, dot_dense, sentence_terms, tfidf_vectors};

/// A sentence chosen from one of the articles of a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSentence {
    /// Which article (index into the texts given) the sentence comes from.
    pub doc: usize,
    /// Index of the sentence among that article's sentences.
    pub index: usize,
    /// Byte span in that article's text.
    pub span: Span,
    /// Its score within its article plus its support from the other articles.
    pub score: f64,
    /// Near-duplicates in other articles, as `(doc, index)`, that this sentence stands for.
    pub duplicates: Vec<(usize, usize)>,
}

/// The summary of a cluster, ordered by article and then by position in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    /// The chosen sentences, by article and then by position.
    pub sentences: Vec<ClusterSentence>,
    /// How many pooled sentences were dropped as near-duplicates of a better one.
    pub duplicates_removed: usize,
}

impl ClusterSummary {
    /// The chosen sentences best first (ties: by article, then by position).
    pub fn by_score(&self) -> Vec<ClusterSentence> {
        let mut sentences = self.sentences.clone();
        sentences.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.doc.cmp(&b.doc))
                .then(a.index.cmp(&b.index))
        });
        sentences
    }
}

/// Support from other articles weighs as much as position-aware centrality within the article.
const CROSS_WEIGHT: f64 = 1.0;

struct Pooled {
    doc: usize,
    index: usize,
    span: Span,
    words: usize,
    chars: usize,
}

pub(crate) fn summarize(summarizer: &Summarizer, texts: &[&str], budget: Budget) -> ClusterSummary {
    let mut vocabulary = Vocabulary::default();
    let mut pooled = Vec::new();
    let mut terms = Vec::new();
    let mut doc_ranges = Vec::with_capacity(texts.len());
    for (doc, text) in texts.iter().enumerate() {
        let segmentation = summarizer.segmenter().segment(text);
        let found = sentence_terms(
            text,
            &segmentation.sentences,
            &segmentation.tokens,
            &mut vocabulary,
        );
        let first = pooled.len();
        for (index, span) in segmentation.sentences.iter().enumerate() {
            pooled.push(Pooled {
                doc,
                index,
                span: *span,
                words: found.words[index],
                chars: span.text(text).chars().count(),
            });
        }
        terms.extend(found.terms);
        doc_ranges.push(first..pooled.len());
    }
    let vectors = tfidf_vectors(&terms, vocabulary.len());
    let scores = score(
        summarizer,
        &vectors,
        &terms,
        &pooled,
        &doc_ranges,
        vocabulary.len(),
    );

    // Near-duplicates: the better-scored sentence stands for the others.
    let mut order: Vec<usize> = (0..pooled.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut kept: Vec<usize> = Vec::new();
    let mut duplicates: Vec<Vec<(usize, usize)>> = vec![Vec::new(); pooled.len()];
    let mut duplicates_removed = 0;
    for &i in &order {
        let twin = kept.iter().copied().find(|&k| {
            pooled[k].doc != pooled[i].doc
                && dot(&vectors[i], &vectors[k]) >= summarizer.config().duplicate
        });
        match twin {
            Some(k) => {
                duplicates[k].push((pooled[i].doc, pooled[i].index));
                duplicates_removed += 1;
            }
            None => kept.push(i),
        }
    }
    kept.sort_unstable();

    let candidates: Vec<Candidate> = kept
        .iter()
        .map(|&i| Candidate {
            score: scores[i],
            words: pooled[i].words,
            chars: pooled[i].chars,
            vector: &vectors[i],
        })
        .collect();
    let mut chosen: Vec<usize> = summarizer
        .selection()
        .choose(&candidates, budget)
        .into_iter()
        .map(|c| kept[c])
        .collect();
    chosen.sort_unstable();
    ClusterSummary {
        sentences: chosen
            .into_iter()
            .map(|i| ClusterSentence {
                doc: pooled[i].doc,
                index: pooled[i].index,
                span: pooled[i].span,
                score: scores[i],
                duplicates: std::mem::take(&mut duplicates[i]),
            })
            .collect(),
        duplicates_removed,
    }
}

/// The article-level score of each sentence plus its mean similarity to the other articles.
fn score(
    summarizer: &Summarizer,
    vectors: &[crate::terms::Vector],
    terms: &[Vec<u32>],
    pooled: &[Pooled],
    doc_ranges: &[std::ops::Range<usize>],
    vocabulary_len: usize,
) -> Vec<f64> {
    let words: Vec<usize> = pooled.iter().map(|p| p.words).collect();
    let mut total = vec![0.0; vocabulary_len];
    for v in vectors {
        add_dense(&mut total, v, 1.0);
    }
    let others = doc_ranges.len().saturating_sub(1).max(1) as f64;
    let mut scores = Vec::with_capacity(pooled.len());
    for range in doc_ranges {
        let within = rank::score(
            summarizer.config().method,
            &Sentences {
                vectors: &vectors[range.clone()],
                terms: &terms[range.clone()],
                words: &words[range.clone()],
                vocabulary_len,
            },
        );
        let mut own = vec![0.0; vocabulary_len];
        for v in &vectors[range.clone()] {
            add_dense(&mut own, v, 1.0);
        }
        for (offset, i) in range.clone().enumerate() {
            let cross = dot_dense(&vectors[i], &total) - dot_dense(&vectors[i], &own);
            scores.push(within[offset] + CROSS_WEIGHT * cross / others);
        }
    }
    scores
}
