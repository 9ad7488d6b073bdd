//! Sentences as bags of content words: lower-cased, stemmed, stop words out, weighted by
//! tf-idf over the sentences of the text and normalised to unit length, so that a dot product is
//! a cosine.

use std::collections::HashMap;
use std::ops::{Index, Range};

use textmill_core::lexicon::stop_words;
use textmill_core::{Span, Token, TokenKind};

use crate::porter;

/// A sparse unit vector: `(term, weight)` pairs sorted by term.
pub(crate) type Vector = [(u32, f32)];

/// Rows of varying length in one buffer. A text of a million sentences then needs two
/// allocations for its terms, not a million: a `Vec` per sentence costs 24 bytes and a heap
/// block of at least 32, which on short sentences is more than the terms themselves.
#[derive(Debug, Clone)]
pub(crate) struct Rows<T> {
    /// Where each row starts in `items`, and one past the last row's end.
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            offsets: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// Rows with room for `rows` rows.
    pub(crate) fn with_capacity(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Rows {
            offsets,
            items: Vec::new(),
        }
    }

    pub(crate) fn push_row(&mut self, row: impl IntoIterator<Item = T>) {
        self.items.extend(row);
        // Rows hold terms of tokens, and texts are tokenized up to 4 GiB (`Token::MAX_OFFSET`).
        let end = u32::try_from(self.items.len()).expect("fewer than 2^32 terms");
        self.offsets.push(end);
    }

    /// Appends the rows of `other` after these.
    pub(crate) fn append(&mut self, other: Rows<T>) {
        let base = self.offsets[self.offsets.len() - 1];
        self.offsets
            .extend(other.offsets[1..].iter().map(|end| base + end));
        self.items.extend(other.items);
    }

    pub(crate) fn view(&self) -> RowsView<'_, T> {
        RowsView {
            offsets: &self.offsets,
            items: &self.items,
        }
    }

    /// Calls `f` on each row in turn, mutably.
    pub(crate) fn for_each_row_mut(&mut self, mut f: impl FnMut(&mut [T])) {
        let mut rest = self.items.as_mut_slice();
        for pair in self.offsets.windows(2) {
            let (row, tail) = rest.split_at_mut((pair[1] - pair[0]) as usize);
            f(row);
            rest = tail;
        }
    }
}

impl<T> Index<usize> for Rows<T> {
    type Output = [T];

    fn index(&self, row: usize) -> &[T] {
        self.view().row(row)
    }
}

/// A borrowed run of consecutive [`Rows`].
#[derive(Debug)]
pub(crate) struct RowsView<'a, T> {
    offsets: &'a [u32],
    items: &'a [T],
}

impl<T> Clone for RowsView<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RowsView<'_, T> {}

impl<'a, T> RowsView<'a, T> {
    pub(crate) fn len(self) -> usize {
        self.offsets.len() - 1
    }

    pub(crate) fn row(self, row: usize) -> &'a [T] {
        &self.items[self.offsets[row] as usize..self.offsets[row + 1] as usize]
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = &'a [T]> {
        (0..self.len()).map(move |row| self.row(row))
    }

    /// The rows in `rows`.
    pub(crate) fn slice(self, rows: Range<usize>) -> RowsView<'a, T> {
        RowsView {
            offsets: &self.offsets[rows.start..=rows.end],
            items: self.items,
        }
    }

    /// Every item of every row, in order.
    pub(crate) fn items(self) -> &'a [T] {
        &self.items[self.offsets[0] as usize..self.offsets[self.len()] as usize]
    }
}

impl<T> Index<usize> for RowsView<'_, T> {
    type Output = [T];

    fn index(&self, row: usize) -> &[T] {
        self.row(row)
    }
}

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
    pub terms: Rows<u32>,
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
    let mut terms = Rows::with_capacity(sentences.len());
    let mut words = Vec::with_capacity(sentences.len());
    let mut next = 0;
    for sentence in sentences {
        let first = next + tokens[next..].partition_point(|t| t.span().start < sentence.start);
        let last = first + tokens[first..].partition_point(|t| t.span().end <= sentence.end);
        next = last;
        // Straight into the rows, without a copy: a text without sentence ends is one sentence.
        let mut count = 0;
        terms.push_row(
            tokens[first..last]
                .iter()
                .filter(|token| is_word(token))
                .inspect(|_| count += 1)
                .filter_map(|token| vocabulary.term(token.span().text(text))),
        );
        words.push(count);
    }
    SentenceTerms { terms, words }
}

/// Unit tf-idf vectors of the sentences; idf is computed over these sentences
/// (`ln((n + 1) / df)`), so a word every sentence shares weighs almost nothing.
pub(crate) fn tfidf_vectors(terms: RowsView<'_, u32>, vocabulary_len: usize) -> Rows<(u32, f32)> {
    let mut df = vec![0u32; vocabulary_len];
    // Term counts of the sentence at hand, by term, and the terms it has: linear in the
    // sentence and in no copy of it, which for a text without sentence ends is the whole text.
    let mut counts = vec![0u32; vocabulary_len];
    let mut present = Vec::new();
    let mut vectors = Rows::with_capacity(terms.len());
    for sentence in terms.iter() {
        for &term in sentence {
            if counts[term as usize] == 0 {
                present.push(term);
            }
            counts[term as usize] += 1;
        }
        present.sort_unstable();
        vectors.push_row(present.iter().map(|&term| {
            df[term as usize] += 1;
            (term, counts[term as usize] as f32)
        }));
        for &term in &present {
            counts[term as usize] = 0;
        }
        present.clear();
    }
    let n = terms.len() as f32;
    vectors.for_each_row_mut(|vector| {
        for (term, weight) in vector.iter_mut() {
            *weight *= ((n + 1.0) / df[*term as usize] as f32).ln();
        }
        normalize(vector);
    });
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

/// Rows made from slices, for tests.
#[cfg(test)]
pub(crate) fn rows(rows: &[&[u32]]) -> Rows<u32> {
    let mut out = Rows::default();
    for row in rows {
        out.push_row(row.iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_items_apart_and_append_in_order() {
        let mut a = rows(&[&[1, 2], &[], &[3]]);
        a.append(rows(&[&[4], &[5, 6]]));
        let all: Vec<&[u32]> = a.view().iter().collect();
        assert_eq!(all, [&[1, 2][..], &[], &[3], &[4], &[5, 6]]);
        let middle = a.view().slice(1..4);
        assert_eq!(middle.len(), 3);
        assert_eq!(middle.items(), [3, 4]);
        assert_eq!(&a[4], [5, 6]);
    }

    #[test]
    fn inflections_share_a_term_and_stop_words_have_none() {
        let mut vocabulary = Vocabulary::default();
        assert_eq!(vocabulary.term("Talks"), vocabulary.term("talking"));
        assert_eq!(vocabulary.term("The"), None);
        assert_ne!(vocabulary.term("Moscow"), vocabulary.term("Pyongyang"));
    }

    #[test]
    fn vectors_are_unit_and_cosines_of_disjoint_sentences_are_zero() {
        let terms = rows(&[&[0, 1, 1], &[2], &[1, 2]]);
        let vectors = tfidf_vectors(terms.view(), 3);
        for v in vectors.view().iter() {
            assert!((dot(v, v) - 1.0).abs() < 1e-5);
        }
        assert_eq!(dot(&vectors[0], &vectors[1]), 0.0);
        assert!(dot(&vectors[0], &vectors[2]) > 0.0);
    }
}
