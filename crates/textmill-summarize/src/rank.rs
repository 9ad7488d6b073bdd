//! Sentence scores. Every method is linear in the number of terms except TextRank, whose graph
//! is bounded to the strongest neighbours of each sentence.

use crate::terms::{Rows, RowsView, add_dense, dot, dot_dense};

textmill_core::named_enum! {
    /// How sentences are scored.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Method ("summary method") {
        /// Position-aware centrality (after PacSum, Zheng and Lapata 2019): a sentence gains
        /// from the sentences after it that it resembles and loses from those before it, with a
        /// prior for early sentences and a penalty for very long ones. The default; beats Lead-3
        /// on news.
        #[default]
        PacSum = "pacsum",
        /// Continuous LexRank (Erkan and Radev 2004): PageRank over tf-idf cosine similarity.
        LexRank = "lexrank",
        /// TextRank (Mihalcea and Tarau 2004): PageRank over word overlap normalised by length.
        TextRank = "textrank",
        /// The first sentences, in order.
        Lead = "lead",
    }
}

/// What the scorers see of a text.
pub(crate) struct Sentences<'a> {
    /// The unit tf-idf vector of each sentence.
    pub vectors: RowsView<'a, (u32, f32)>,
    /// Terms of each sentence, in order, repeats included.
    pub terms: RowsView<'a, u32>,
    /// Words per sentence, stop words included.
    pub words: &'a [usize],
    pub vocabulary_len: usize,
}

/// Weights of the position-aware centrality. Tuned on CNN/DailyMail validation articles
/// (benches/eval/summarization.py); see benches/RESULTS.md.
pub(crate) const BACKWARD_WEIGHT: f64 = -1.5;
pub(crate) const POSITION_PRIOR: f64 = 0.3;
pub(crate) const LONG_SENTENCE_WORDS: usize = 30;
pub(crate) const LONG_SENTENCE_PENALTY: f64 = 0.05;

pub(crate) fn score(method: Method, sentences: &Sentences) -> Vec<f64> {
    match method {
        Method::PacSum => pacsum(sentences),
        Method::LexRank => lexrank(sentences),
        Method::TextRank => textrank(sentences),
        Method::Lead => (0..sentences.vectors.len())
            .map(|i| 1.0 / (i as f64 + 1.0))
            .collect(),
    }
}

/// Similarity to later sentences and to earlier ones, for every sentence, in linear time:
/// cosine is a dot product of unit vectors, so summing it over the sentences after `i` is one
/// dot product with the running sum of their vectors.
pub(crate) fn directed_centrality(
    vectors: RowsView<'_, (u32, f32)>,
    vocabulary_len: usize,
) -> (Vec<f64>, Vec<f64>) {
    let n = vectors.len();
    let mut after = vec![0.0; vocabulary_len];
    let mut forward = vec![0.0; n];
    for i in (0..n).rev() {
        forward[i] = dot_dense(&vectors[i], &after);
        add_dense(&mut after, &vectors[i], 1.0);
    }
    // `after` now holds the sum of all vectors.
    let backward = (0..n)
        .map(|i| {
            let own = f64::from(dot(&vectors[i], &vectors[i]));
            (dot_dense(&vectors[i], &after) - forward[i] - own).max(0.0)
        })
        .collect();
    (forward, backward)
}

fn pacsum(sentences: &Sentences) -> Vec<f64> {
    let (forward, backward) = directed_centrality(sentences.vectors, sentences.vocabulary_len);
    (0..sentences.vectors.len())
        .map(|i| {
            let long = sentences.words[i].saturating_sub(LONG_SENTENCE_WORDS) as f64;
            forward[i] + BACKWARD_WEIGHT * backward[i]
                - POSITION_PRIOR * (i as f64).sqrt()
                - LONG_SENTENCE_PENALTY * long
        })
        .collect()
}

const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 50;
const TOLERANCE: f64 = 1e-9;

/// PageRank over the complete cosine graph without building it: the product of the similarity
/// matrix with a vector `x` is `v_i · Σ_j v_j x_j - x_i` (self-similarity taken out).
fn lexrank(sentences: &Sentences) -> Vec<f64> {
    let vectors = sentences.vectors;
    let n = vectors.len();
    if n == 0 {
        return Vec::new();
    }
    let mut total = vec![0.0; sentences.vocabulary_len];
    for v in vectors.iter() {
        add_dense(&mut total, v, 1.0);
    }
    let own: Vec<f64> = vectors.iter().map(|v| f64::from(dot(v, v))).collect();
    let degree: Vec<f64> = (0..n)
        .map(|i| (dot_dense(&vectors[i], &total) - own[i]).max(0.0))
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    let mut mixed = vec![0.0; sentences.vocabulary_len];
    for _ in 0..ITERATIONS {
        mixed.fill(0.0);
        let mut dangling = 0.0;
        let mut share = vec![0.0; n];
        for i in 0..n {
            if degree[i] > 1e-12 {
                share[i] = rank[i] / degree[i];
                add_dense(&mut mixed, &vectors[i], share[i]);
            } else {
                dangling += rank[i];
            }
        }
        let base = (1.0 - DAMPING) / n as f64 + DAMPING * dangling / n as f64;
        let next: Vec<f64> = (0..n)
            .map(|i| {
                let incoming = (dot_dense(&vectors[i], &mixed) - own[i] * share[i]).max(0.0);
                base + DAMPING * incoming
            })
            .collect();
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < TOLERANCE {
            break;
        }
    }
    rank
}

/// Neighbours kept per sentence: every one in an article, the strongest in a book-length text,
/// so memory stays linear.
const TEXTRANK_NEIGHBOURS: usize = 64;

fn textrank(sentences: &Sentences) -> Vec<f64> {
    // Overlap counts each shared term once.
    let mut terms = Rows::with_capacity(sentences.terms.len());
    let mut sorted = Vec::new();
    for t in sentences.terms.iter() {
        sorted.clear();
        sorted.extend_from_slice(t);
        sorted.sort_unstable();
        sorted.dedup();
        terms.push_row(sorted.iter().copied());
    }
    let terms = terms.view();
    let n = terms.len();
    if n == 0 {
        return Vec::new();
    }
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); sentences.vocabulary_len];
    for (i, sentence) in terms.iter().enumerate() {
        for &term in sentence {
            postings[term as usize].push(i as u32);
        }
    }
    let mut overlap = vec![0u32; n];
    let mut touched = Vec::new();
    let mut edges: Vec<Vec<(u32, f64)>> = Vec::with_capacity(n);
    for (i, sentence) in terms.iter().enumerate() {
        for &term in sentence {
            for &j in &postings[term as usize] {
                if j as usize != i {
                    if overlap[j as usize] == 0 {
                        touched.push(j);
                    }
                    overlap[j as usize] += 1;
                }
            }
        }
        let mut row: Vec<(u32, f64)> = touched
            .drain(..)
            .map(|j| {
                let shared = f64::from(std::mem::take(&mut overlap[j as usize]));
                let length = (sentences.words[i].max(2) as f64).ln()
                    + (sentences.words[j as usize].max(2) as f64).ln();
                (j, shared / length)
            })
            .collect();
        if row.len() > TEXTRANK_NEIGHBOURS {
            row.select_nth_unstable_by(TEXTRANK_NEIGHBOURS, |a, b| b.1.total_cmp(&a.1));
            row.truncate(TEXTRANK_NEIGHBOURS);
        }
        edges.push(row);
    }
    let out_weight: Vec<f64> = edges
        .iter()
        .map(|row| row.iter().map(|e| e.1).sum())
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..ITERATIONS {
        let mut next = vec![0.0; n];
        let mut dangling = 0.0;
        for (i, row) in edges.iter().enumerate() {
            if out_weight[i] <= 0.0 {
                dangling += rank[i];
                continue;
            }
            for &(j, weight) in row {
                next[j as usize] += rank[i] * weight / out_weight[i];
            }
        }
        let base = (1.0 - DAMPING) / n as f64 + DAMPING * dangling / n as f64;
        for x in &mut next {
            *x = base + DAMPING * *x;
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < TOLERANCE {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{rows, tfidf_vectors};

    fn centrality_by_pairs(vectors: RowsView<'_, (u32, f32)>) -> (Vec<f64>, Vec<f64>) {
        let n = vectors.len();
        let pair = |i: usize, j: usize| f64::from(dot(&vectors[i], &vectors[j]));
        let forward = (0..n)
            .map(|i| (i + 1..n).map(|j| pair(i, j)).sum())
            .collect();
        let backward = (0..n).map(|i| (0..i).map(|j| pair(i, j)).sum()).collect();
        (forward, backward)
    }

    #[test]
    fn linear_centrality_equals_the_sum_over_pairs() {
        let terms = rows(&[&[0, 1, 2], &[1, 3], &[0, 3, 3, 4], &[5], &[2, 4]]);
        let vectors = tfidf_vectors(terms.view(), 6);
        let (forward, backward) = directed_centrality(vectors.view(), 6);
        let (f2, b2) = centrality_by_pairs(vectors.view());
        for i in 0..terms.view().len() {
            assert!((forward[i] - f2[i]).abs() < 1e-5, "forward {i}");
            assert!((backward[i] - b2[i]).abs() < 1e-5, "backward {i}");
        }
    }

    #[test]
    fn graph_methods_favour_the_sentence_that_links_the_others() {
        // Sentence 1 shares a term with each of the others; they share nothing among themselves.
        let terms = rows(&[&[0, 1], &[1, 2, 3], &[3, 4], &[2, 5]]);
        let vectors = tfidf_vectors(terms.view(), 6);
        let words = vec![5; 4];
        let sentences = Sentences {
            vectors: vectors.view(),
            terms: terms.view(),
            words: &words,
            vocabulary_len: 6,
        };
        for method in [Method::LexRank, Method::TextRank] {
            let scores = score(method, &sentences);
            let best = (0..4)
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
                .unwrap();
            assert_eq!(best, 1, "{method:?}: {scores:?}");
            assert!(scores.iter().all(|s| s.is_finite()));
        }
    }
}
