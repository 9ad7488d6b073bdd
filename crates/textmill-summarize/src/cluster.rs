//! Several articles on one story: sentences pooled, near-duplicates merged, and centrality
//! counted across articles, so that what many sources report rises.

use serde::{Deserialize, Serialize};
use textmill_core::Span;

use crate::Summarizer;
use crate::rank::{self, Sentences};
use crate::select::{Budget, Candidate};
use crate::terms::{
    Rows, RowsView, Vocabulary, add_dense, dot, dot_dense, sentence_terms, tfidf_vectors,
};

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

textmill_core::named_enum! {
    /// How the summary of a cluster is made.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum ClusterMethod ("cluster summary method") {
        /// The lead of the cluster's most central article (the one whose words overlap most
        /// with the other articles'), within the budget; each sentence names its near-duplicates
        /// in the other articles. The default: on NeuS (three outlets per story) it is the
        /// best of the methods measured, on its train and validation splits alike.
        #[default]
        Central = "central",
        /// Sentences pooled from every article, each scored within its article plus its
        /// support from the others, near-duplicates merged, then chosen under the budget.
        Pooled = "pooled",
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
    let mut terms = Rows::default();
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
        terms.append(found.terms);
        doc_ranges.push(first..pooled.len());
    }
    let vectors = tfidf_vectors(terms.view(), vocabulary.len());
    let scores = score(
        summarizer,
        vectors.view(),
        terms.view(),
        &pooled,
        &doc_ranges,
        vocabulary.len(),
    );

    let central = match summarizer.config().cluster {
        // No article, no lead.
        ClusterMethod::Central if doc_ranges.is_empty() => None,
        ClusterMethod::Central => Some(most_central(terms.view(), &doc_ranges)),
        ClusterMethod::Pooled => None,
    };
    // Near-duplicates: the better-scored sentence stands for the others (the central article's
    // sentences for everything they repeat, when its lead is the summary).
    let mut order: Vec<usize> = (0..pooled.len()).collect();
    let in_central = |i: usize| central == Some(pooled[i].doc);
    order.sort_by(|&a, &b| {
        in_central(b)
            .cmp(&in_central(a))
            .then(scores[b].total_cmp(&scores[a]))
            .then(a.cmp(&b))
    });
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

    let mut chosen: Vec<usize> = if let Some(central) = central {
        lead_within(&pooled[doc_ranges[central].clone()], budget)
            .map(|i| doc_ranges[central].start + i)
            .collect()
    } else {
        let candidates: Vec<Candidate> = kept
            .iter()
            .map(|&i| Candidate {
                score: scores[i],
                words: pooled[i].words,
                chars: pooled[i].chars,
                vector: &vectors[i],
            })
            .collect();
        summarizer
            .selection()
            .choose(&candidates, budget)
            .into_iter()
            .map(|c| kept[c])
            .collect()
    };
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

/// The article whose terms overlap most with the others': the largest sum, over the other
/// articles, of the F1 of their shared terms (counted with repeats). Ties go to the first.
fn most_central(terms: RowsView<'_, u32>, doc_ranges: &[std::ops::Range<usize>]) -> usize {
    let bags: Vec<Vec<u32>> = doc_ranges
        .iter()
        .map(|range| {
            let mut bag: Vec<u32> = terms.slice(range.clone()).items().to_vec();
            bag.sort_unstable();
            bag
        })
        .collect();
    let f1 = |a: &[u32], b: &[u32]| -> f64 {
        let shared = shared_count(a, b);
        if shared == 0 {
            return 0.0;
        }
        2.0 * shared as f64 / (a.len() + b.len()) as f64
    };
    let centrality = |i: usize| -> f64 {
        (0..bags.len())
            .filter(|&j| j != i)
            .map(|j| f1(&bags[i], &bags[j]))
            .sum()
    };
    (0..bags.len())
        .map(|i| (i, centrality(i)))
        .fold((0, f64::NEG_INFINITY), |best, (i, c)| {
            if c > best.1 { (i, c) } else { best }
        })
        .0
}

/// How many items two sorted bags share, repeats counted (the size of their multiset
/// intersection).
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The first sentences of one article in order while they fit the budget (the first always,
/// so that a summary is never empty).
fn lead_within(sentences: &[Pooled], budget: Budget) -> impl Iterator<Item = usize> + '_ {
    let total_words: usize = sentences.iter().map(|p| p.words).sum();
    let (limit, unit) = budget.limit(total_words);
    let mut used = 0;
    sentences
        .iter()
        .enumerate()
        .take_while(move |&(i, p)| {
            used += unit.of(p.words, p.chars);
            limit > 0 && (i == 0 || used <= limit)
        })
        .map(|(i, _)| i)
}

/// The article-level score of each sentence plus its mean similarity to the other articles.
fn score(
    summarizer: &Summarizer,
    vectors: RowsView<'_, (u32, f32)>,
    terms: RowsView<'_, u32>,
    pooled: &[Pooled],
    doc_ranges: &[std::ops::Range<usize>],
    vocabulary_len: usize,
) -> Vec<f64> {
    let words: Vec<usize> = pooled.iter().map(|p| p.words).collect();
    let mut total = vec![0.0; vocabulary_len];
    for v in vectors.iter() {
        add_dense(&mut total, v, 1.0);
    }
    let others = doc_ranges.len().saturating_sub(1).max(1) as f64;
    let mut scores = Vec::with_capacity(pooled.len());
    for range in doc_ranges {
        let within = rank::score(
            summarizer.config().method,
            &Sentences {
                vectors: vectors.slice(range.clone()),
                terms: terms.slice(range.clone()),
                words: &words[range.clone()],
                vocabulary_len,
            },
        );
        let mut own = vec![0.0; vocabulary_len];
        for v in vectors.slice(range.clone()).iter() {
            add_dense(&mut own, v, 1.0);
        }
        for (offset, i) in range.clone().enumerate() {
            let cross = dot_dense(&vectors[i], &total) - dot_dense(&vectors[i], &own);
            scores.push(within[offset] + CROSS_WEIGHT * cross / others);
        }
    }
    scores
}
