//! Sentences as bags of content words: lower-cased, stemmed, stop words out, weighted by
//! tf-idf over the sentences of the text and normalised to unit length, so that a dot product is
//! a cosine.

use std::collections::HashMap;

use textmill_core::lexicon::stop_words;
use textmill_core::{Span, Token, TokenKind};

use crate::porter;

/// A sparse unit vector: `(term, weight)` pairs sorted by term.
pub(crate) type Vector = Vec<(u32, f32)>;

/// Interns terms to dense ids. One per text or per cluster, so ids index plain `Vec`s.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    buffer: String,
}

impl Vocabulary {
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The term id of a word token, or `None` for a stop word. Allocates only for new terms.
    pub(crate) fn term(&mut self, word: &str) -> Option<u32> {
        self.buffer.clear();
        if word.is_ascii() {
            self.buffer.push_str(word);
            self.buffer.make_ascii_lowercase();
        } else {
            self.buffer
                .extend(word.chars().flat_map(char::to_lowercase));
        }
        if stop_words().contains(&self.buffer) {
            return None;
        }
        // Porter is defined on ASCII letters; other words are their own stem.
        if self.buffer.len() > 3 && self.buffer.bytes().all(|b| b.is_ascii_lowercase()) {
            let stem = porter::stem(&self.buffer);
            self.buffer = stem;
        }
        if let Some(&id) = self.ids.get(self.buffer.as_str()) {
            return Some(id);
        }
        let id = self.ids.len() as u32;
        self.ids.insert(self.buffer.clone(), id);
        Some(id)
    }
}

/// Whether a token carries content a summary can be scored on.
pub(crate) fn is_word(token: &Token) -> bool {
    matches!(token.kind, TokenKind::Word | TokenKind::Number)
}

/// The terms of each sentence, and its number of words (stop words included).
pub(crate) struct SentenceTerms {
    pub terms: Vec<Vec<u32>>,
    pub words: Vec<usize>,
}

/// Collects the terms of each sentence from the tokens of `text` (sorted, as the segmenter
/// returns them).
pub(crate) fn sentence_terms(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    vocabulary: &mut Vocabulary,
) -> SentenceTerms {
    let mut terms = Vec::with_capacity(sentences.len());
    let mut words = Vec::with_capacity(sentences.len());
    let mut next = 0;
    let mut sentence_terms = Vec::new();
    for sentence in sentences {
        while next < tokens.len() && tokens[next].span().start < sentence.start {
            next += 1;
        }
        sentence_terms.clear();
        let mut count = 0;
        while next < tokens.len() && tokens[next].span().end <= sentence.end {
            let token = &tokens[next];
            next += 1;
            if !is_word(token) {
                continue;
            }
            count += 1;
            if let Some(term) = vocabulary.term(token.span().text(text)) {
                sentence_terms.push(term);
            }
        }
        terms.push(sentence_terms.as_slice().to_vec()); // at its exact size
        words.push(count);
    }
    SentenceTerms { terms, words }
}

/// Unit tf-idf vectors of the sentences; idf is computed over these sentences
/// (`ln((n + 1) / df)`), so a word every sentence shares weighs almost nothing.
pub(crate) fn tfidf_vectors(terms: &[Vec<u32>], vocabulary_len: usize) -> Vec<Vector> {
    // Term counts first, each vector allocated at its exact size: on a text of 300,000
    // sentences the vectors are most of the summariser's memory.
    let mut df = vec![0u32; vocabulary_len];
    let mut sorted = Vec::new();
    let mut vectors = Vec::with_capacity(terms.len());
    for sentence in terms {
        sorted.clear();
        sorted.extend_from_slice(sentence);
        sorted.sort_unstable();
        let mut vector: Vector = Vec::with_capacity(sorted.chunk_by(|a, b| a == b).count());
        for run in sorted.chunk_by(|a, b| a == b) {
            df[run[0] as usize] += 1;
            vector.push((run[0], run.len() as f32));
        }
        vectors.push(vector);
    }
    let n = terms.len() as f32;
    for vector in &mut vectors {
        for (term, weight) in vector.iter_mut() {
            *weight *= ((n + 1.0) / df[*term as usize] as f32).ln();
        }
        normalize(vector);
    }
    vectors
}

fn normalize(vector: &mut Vector) {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, weight) in vector.iter_mut() {
            *weight /= norm;
        }
    }
}

/// Dot product of two sparse vectors sorted by term (a cosine, for unit vectors).
pub fn dot<K: Ord>(a: &[(K, f32)], b: &[(K, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Dot product of a sparse vector with a dense one.
pub(crate) fn dot_dense(a: &[(u32, f32)], dense: &[f64]) -> f64 {
    a.iter()
        .map(|&(term, weight)| f64::from(weight) * dense[term as usize])
        .sum()
}

/// Adds `scale * a` to a dense vector.
pub(crate) fn add_dense(dense: &mut [f64], a: &[(u32, f32)], scale: f64) {
    for &(term, weight) in a {
        dense[term as usize] += scale * f64::from(weight);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_term_and_stop_words_have_none() {
        let mut vocabulary = Vocabulary::default();
        assert_eq!(vocabulary.term("Talks"), vocabulary.term("talking"));
        assert_eq!(vocabulary.term("The"), None);
        assert_ne!(vocabulary.term("Moscow"), vocabulary.term("Pyongyang"));
    }

    #[test]
    fn vectors_are_unit_and_cosines_of_disjoint_sentences_are_zero() {
        let vectors = tfidf_vectors(&[vec![0, 1, 1], vec![2], vec![1, 2]], 3);
        for v in &vectors {
            assert!((dot(v, v) - 1.0).abs() < 1e-5);
        }
        assert_eq!(dot(&vectors[0], &vectors[1]), 0.0);
        assert!(dot(&vectors[0], &vectors[2]) > 0.0);
    }
}
