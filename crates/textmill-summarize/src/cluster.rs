//! Several articles on one story: sentences pooled, near-duplicates merged, and centrality
//! counted across articles, so that what many sources report rises.

use serde::{Deserialize, Serialize};
use textmill_core::Span;

use crate::Summarizer;
use crate::rank::{self, Sentences};
use crate::ranked::{self, Article};
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

/// The summary of a cluster in reading order: by article and then by position in it, except that
/// a sentence the ranked method adds to an article's lead comes after that lead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    /// The chosen sentences, in reading order.
    pub sentences: Vec<ClusterSentence>,
    /// How many pooled sentences were dropped as near-duplicates of a better one (with the
    /// ranked and central methods, of a chosen one).
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
        /// Candidates ranked by learned weights: the leads of the most central articles, each
        /// as it is, with one sentence of another article added, with one of its own dropped,
        /// or with one of its own replaced by one of another's, scored by how far they agree
        /// with the other articles and with the titles. The default: on NeuS (three outlets
        /// per story) it beats the most central article's lead on train (cross-validated) and
        /// on validation. A lone article gives its lead.
        #[default]
        Ranked = "ranked",
        /// The lead of the cluster's most central article (the one whose words overlap most
        /// with the other articles'), within the budget.
        Central = "central",
        /// Sentences pooled from every article, each scored within its article plus its
        /// support from the others, near-duplicates merged, then chosen under the budget.
        Pooled = "pooled",
    }
}

/// A candidate summary of a cluster and the features the ranked method scored it by (see
/// [`CLUSTER_FEATURES`](crate::CLUSTER_FEATURES)); for training the ranker and for inspection.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterCandidate {
    /// Its sentences as `(article, index among that article's sentences)`, in reading order.
    pub sentences: Vec<(usize, usize)>,
    /// Its features, in the order of `CLUSTER_FEATURES`.
    pub features: Vec<f64>,
    /// The learned score (the ranked method takes the highest).
    pub score: f64,
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

/// A cluster's sentences, pooled from its articles, and their terms.
struct Pool {
    sentences: Vec<Pooled>,
    terms: Rows<u32>,
    vectors: Rows<(u32, f32)>,
    vocabulary_len: usize,
    doc_ranges: Vec<std::ops::Range<usize>>,
}

impl Pool {
    fn new(summarizer: &Summarizer, texts: &[&str]) -> Pool {
        let mut vocabulary = Vocabulary::default();
        let mut sentences = Vec::new();
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
            let first = sentences.len();
            for (index, span) in segmentation.sentences.iter().enumerate() {
                sentences.push(Pooled {
                    doc,
                    index,
                    span: *span,
                    words: found.words[index],
                    chars: span.text(text).chars().count(),
                });
            }
            terms.append(found.terms);
            doc_ranges.push(first..sentences.len());
        }
        Pool {
            sentences,
            vectors: tfidf_vectors(terms.view(), vocabulary.len()),
            terms,
            vocabulary_len: vocabulary.len(),
            doc_ranges,
        }
    }

    /// The articles as the ranker sees them; a missing title is empty.
    fn articles<'a>(
        &self,
        titles: &[&'a str],
        texts: &[&'a str],
        budget: Budget,
    ) -> Vec<Article<'a>> {
        self.doc_ranges
            .iter()
            .enumerate()
            .map(|(doc, range)| Article {
                title: titles.get(doc).copied().unwrap_or(""),
                sentences: self.sentences[range.clone()]
                    .iter()
                    .map(|p| p.span.text(texts[doc]))
                    .collect(),
                lead: lead_within(&self.sentences[range.clone()], budget).count(),
            })
            .collect()
    }

    /// The ranked method's candidates: a sentence joins a lead only within the budget and when
    /// it is no near-duplicate of a sentence of the lead (one that replaces its own twin would
    /// change nothing).
    fn candidates(
        &self,
        articles: &[Article<'_>],
        budget: Budget,
        duplicate: f32,
    ) -> Vec<ranked::Candidate> {
        ranked::candidates(articles, |base, dropped, doc, index| {
            let range = self.doc_ranges[base].clone();
            let lead = range.start..range.start + articles[base].lead;
            let total_words: usize = self.sentences[range.clone()].iter().map(|p| p.words).sum();
            let (limit, unit) = budget.limit(total_words);
            let added = self.doc_ranges[doc].start + index;
            let of = |i: usize| unit.of(self.sentences[i].words, self.sentences[i].chars);
            let used: usize = lead
                .clone()
                .filter(|&i| Some(i - range.start) != dropped)
                .map(of)
                .sum();
            used + of(added) <= limit
                && lead
                    .clone()
                    .all(|i| dot(&self.vectors[i], &self.vectors[added]) < duplicate)
        })
    }

    fn index(&self, (doc, index): (usize, usize)) -> usize {
        self.doc_ranges[doc].start + index
    }
}

pub(crate) fn candidates(
    summarizer: &Summarizer,
    titles: &[&str],
    texts: &[&str],
    budget: Budget,
) -> Vec<ClusterCandidate> {
    let pool = Pool::new(summarizer, texts);
    let articles = pool.articles(titles, texts, budget);
    pool.candidates(&articles, budget, summarizer.config().duplicate)
        .into_iter()
        .map(|c| ClusterCandidate {
            sentences: c.sentences(&articles),
            features: c.features.to_vec(),
            score: c.score,
        })
        .collect()
}

pub(crate) fn summarize(
    summarizer: &Summarizer,
    titles: &[&str],
    texts: &[&str],
    budget: Budget,
) -> ClusterSummary {
    let pool = Pool::new(summarizer, texts);
    let pooled = &pool.sentences;
    let doc_ranges = &pool.doc_ranges;
    let vectors = &pool.vectors;
    let scores = score(
        summarizer,
        vectors.view(),
        pool.terms.view(),
        pooled,
        doc_ranges,
        pool.vocabulary_len,
    );

    let lead_of = |doc: usize| -> Vec<usize> {
        lead_within(&pooled[doc_ranges[doc].clone()], budget)
            .map(|i| doc_ranges[doc].start + i)
            .collect()
    };
    // The sentences chosen by the methods that choose before near-duplicates are merged.
    let chosen: Option<Vec<usize>> = match summarizer.config().cluster {
        // No article, no lead.
        _ if doc_ranges.is_empty() => Some(Vec::new()),
        ClusterMethod::Central => Some(lead_of(most_central(pool.terms.view(), doc_ranges))),
        ClusterMethod::Ranked if doc_ranges.len() == 1 => Some(lead_of(0)),
        ClusterMethod::Ranked => {
            let articles = pool.articles(titles, texts, budget);
            let best = pool
                .candidates(&articles, budget, summarizer.config().duplicate)
                .into_iter()
                .reduce(|best, c| if c.score > best.score { c } else { best });
            if let Some(best) = best {
                Some(
                    best.sentences(&articles)
                        .into_iter()
                        .map(|s| pool.index(s))
                        .collect(),
                )
            } else {
                // No article has a word ROUGE reads (another script, or none): the central
                // method's lead, from an article that has sentences.
                let central = most_central(pool.terms.view(), doc_ranges);
                let doc = if doc_ranges[central].is_empty() {
                    doc_ranges
                        .iter()
                        .position(|r| !r.is_empty())
                        .unwrap_or(central)
                } else {
                    central
                };
                Some(lead_of(doc))
            }
        }
        ClusterMethod::Pooled => None,
    };
    // Near-duplicates: the better-scored sentence stands for the others. When the method chose
    // first, only the chosen sentences stand for others, so that a story of thousands of
    // sentences is not compared pair by pair.
    let chosen_first = chosen.is_some();
    let is_chosen = |i: usize| chosen.as_ref().is_some_and(|c| c.contains(&i));
    let mut order: Vec<usize> = (0..pooled.len()).collect();
    order.sort_by(|&a, &b| {
        is_chosen(b)
            .cmp(&is_chosen(a))
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
            None if !chosen_first || is_chosen(i) => kept.push(i),
            None => {}
        }
    }
    kept.sort_unstable();

    let chosen: Vec<usize> = chosen.unwrap_or_else(|| {
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
        chosen
    });
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

/// The article whose terms overlap most with the others': the largest mean, over the other
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
    let bags: Vec<&[u32]> = bags.iter().map(Vec::as_slice).collect();
    ranked::centrality(&bags)
        .into_iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, c)| {
            if c > best.1 { (i, c) } else { best }
        })
        .0
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
