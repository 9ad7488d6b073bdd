//! A cluster's summary chosen among candidate summaries by learned weights.
//!
//! The candidates are each article's lead as it is, with one sentence of another article added,
//! with one of its own sentences dropped, or with one of its own replaced by one of another's.
//! A sentence joins a lead only within the budget and when it does not repeat one of the lead.
//! Each is described by how far it agrees with the
//! other articles and with the articles' titles: the words and word pairs that several sources
//! share are what a neutral account of the story says. A linear score over those features
//! picks the candidate; its weights are data (`data/cluster_ranker.txt`), fitted on NeuS train
//! by `data/train_cluster_ranker.py` to predict each candidate's ROUGE-1 + ROUGE-2 against the
//! reference roundup.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use textmill_core::lexicon::stop_words;

use crate::rouge::{Interner, for_each_raw_token};

/// The features of a candidate, in the order of the weights file.
pub const FEATURES: [&str; 45] = [
    // ROUGE of the candidate against each article other than its base: the mean, then the least.
    "others_r1_f_mean",
    "others_r2_f_mean",
    "others_r1_p_mean",
    "others_r1_r_mean",
    "others_r2_p_mean",
    "others_r2_r_mean",
    "others_r1_f_min",
    "others_r2_f_min",
    "others_r1_p_min",
    "others_r1_r_min",
    "others_r2_p_min",
    "others_r2_r_min",
    // Against its base article.
    "base_r1_f",
    "base_r1_r",
    // Its shape.
    "words",
    "sentences",
    "articles",
    "lead",
    "added",
    "dropped",
    // The base article among the others: its centrality rank (0: most central), its centrality
    // (mean ROUGE-1 F1 against the others) and that less the cluster's mean.
    "base_rank",
    "base_centrality",
    "base_centrality_above_mean",
    "quoted_share",
    "opens_with_quote",
    "base_words",
    // Words and word pairs several articles share: the share of the candidate's that are among
    // them (precision), the share of them it has (recall), how many it has.
    "shared2_words_precision",
    "shared2_words_recall",
    "shared2_words_count",
    "shared_all_words_precision",
    "shared_all_words_recall",
    "shared_all_words_count",
    "shared2_pairs_precision",
    "shared2_pairs_recall",
    "shared2_pairs_count",
    "shared_all_pairs_precision",
    "shared_all_pairs_recall",
    "shared_all_pairs_count",
    "shared2_titled_words_precision",
    "shared2_titled_words_recall",
    "shared2_titled_words_count",
    // Content words (not stop words), and the titles' words.
    "content_shared2_precision",
    "content_in_titles_precision",
    "titles_shared2_recall",
    "titles_words_recall",
];

/// How many features a candidate has.
pub(crate) const FEATURE_COUNT: usize = FEATURES.len();

/// Bounds on the candidates of a large cluster: leads of its most central articles only, and
/// sentences added only from the start of its most central other articles.
const MAX_BASES: usize = 3;
const MAX_ADDING_ARTICLES: usize = 8;
const MAX_ADDED_PER_ARTICLE: usize = 5;
/// Leads of more sentences are not changed (6 of the 8,277 NeuS articles have more).
const MAX_CHANGED_LEAD: usize = 8;
/// An article's centrality, and a candidate's agreement with the other articles, are measured
/// against at most this many of them (the first, and the most central, respectively).
const COMPARED: usize = 50;

/// The weights of the features (`data/cluster_ranker.txt`).
const RANKER_FILE: &str = include_str!("../data/cluster_ranker.txt");

static WEIGHTS: LazyLock<[f64; FEATURE_COUNT]> =
    LazyLock::new(|| parse_weights(RANKER_FILE).expect("data/cluster_ranker.txt is valid"));

/// Reads `name weight` lines (`#` comments and blank lines skipped); every feature once.
fn parse_weights(text: &str) -> Result<[f64; FEATURE_COUNT], String> {
    let mut weights = [f64::NAN; FEATURE_COUNT];
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = line
            .split_once(' ')
            .ok_or_else(|| format!("not `name weight`: {line}"))?;
        let at = FEATURES
            .iter()
            .position(|f| *f == name)
            .ok_or_else(|| format!("unknown feature {name}"))?;
        weights[at] = value
            .trim()
            .parse()
            .map_err(|_| format!("not a number: {line}"))?;
    }
    match weights.iter().position(|w| !w.is_finite()) {
        Some(missing) => Err(format!("no finite weight for {}", FEATURES[missing])),
        None => Ok(weights),
    }
}

/// A word as ROUGE sees it: its stem's id, and whether it is a stop word.
#[derive(Clone, Copy)]
struct Word {
    id: u32,
    stop: bool,
}

/// The words of `text` as ROUGE splits and stems them, with ids from `interner`.
fn words(interner: &mut Interner, text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for_each_raw_token(text, |raw| {
        words.push(Word {
            id: interner.id(raw),
            stop: stop_words().contains(raw),
        });
    });
    words
}

fn pairs(words: &[Word]) -> impl Iterator<Item = u64> + '_ {
    words
        .windows(2)
        .map(|w| (u64::from(w[0].id) << 32) | u64::from(w[1].id))
}

/// Unigrams and bigrams of a text as sorted bags (repeats kept), as ROUGE counts them.
struct Bags {
    words: Vec<u32>,
    pairs: Vec<u64>,
}

impl Bags {
    fn of(words: &[Word]) -> Bags {
        let mut unigrams: Vec<u32> = words.iter().map(|w| w.id).collect();
        unigrams.sort_unstable();
        let mut bigrams: Vec<u64> = pairs(words).collect();
        bigrams.sort_unstable();
        Bags {
            words: unigrams,
            pairs: bigrams,
        }
    }
}

/// ROUGE-n of a candidate bag against a reference bag: (precision, recall, F1).
fn overlap<T: Ord>(candidate: &[T], reference: &[T]) -> (f64, f64, f64) {
    let hits = shared_count(candidate, reference) as f64;
    let precision = hits / candidate.len().max(1) as f64;
    let recall = hits / reference.len().max(1) as f64;
    let f1 = if hits > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// How many items two sorted bags share, repeats counted (the size of their multiset
/// intersection).
fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
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

/// Per article, the mean F1 of its bag against each other article's (0 for a lone article);
/// in a cluster of more than `COMPARED + 1` articles, against the first `COMPARED` others only, so
/// that the cost grows linearly with the cluster.
pub(crate) fn centrality<T: Ord>(bags: &[&[T]]) -> Vec<f64> {
    (0..bags.len())
        .map(|i| {
            let others = (0..bags.len()).filter(|&j| j != i).take(COMPARED);
            let (sum, n) = others.fold((0.0, 0), |(sum, n), j| {
                (sum + overlap(bags[i], bags[j]).2, n + 1)
            });
            sum / f64::from(n.max(1))
        })
        .collect()
}

/// Items found in at least `min` of the sets.
fn in_at_least<T: Copy + Eq + std::hash::Hash>(sets: &[FxHashSet<T>], min: usize) -> FxHashSet<T> {
    let mut counts: FxHashMap<T, usize> = FxHashMap::default();
    for set in sets {
        for &item in set {
            *counts.entry(item).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(item, _)| item)
        .collect()
}

/// Of a candidate's items (repeats kept) and their set: the share of items in `shared`, the
/// share of `shared` the set covers, and the size of that cover.
fn agreement<T: Copy + Eq + std::hash::Hash>(
    items: &[T],
    set: &FxHashSet<T>,
    shared: &FxHashSet<T>,
) -> [f64; 3] {
    let inside = items.iter().filter(|i| shared.contains(i)).count();
    let covered = set.iter().filter(|i| shared.contains(i)).count();
    [
        inside as f64 / items.len().max(1) as f64,
        covered as f64 / shared.len().max(1) as f64,
        covered as f64,
    ]
}

/// One article of a cluster, as the ranker sees it.
pub(crate) struct Article<'a> {
    pub title: &'a str,
    /// Its sentences' texts, in order.
    pub sentences: Vec<&'a str>,
    /// How many of its sentences make its lead within the budget (at least one when it has any).
    pub lead: usize,
}

/// How a candidate was made from its base article's lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    None,
    Added {
        doc: usize,
        index: usize,
    },
    Dropped {
        index: usize,
    },
    Replaced {
        index: usize,
        doc: usize,
        added: usize,
    },
}

/// A candidate summary: its base article's lead, changed.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub base: usize,
    pub change: Change,
    pub features: [f64; FEATURE_COUNT],
    pub score: f64,
}

impl Candidate {
    /// Its sentences as `(article, index)`, in reading order: the lead, then an added sentence.
    pub(crate) fn sentences(&self, articles: &[Article<'_>]) -> Vec<(usize, usize)> {
        let lead = (0..articles[self.base].lead).map(|i| (self.base, i));
        match self.change {
            Change::None => lead.collect(),
            Change::Dropped { index } => lead.filter(|&(_, i)| i != index).collect(),
            Change::Added { doc, index } => lead.chain([(doc, index)]).collect(),
            Change::Replaced { index, doc, added } => lead
                .filter(|&(_, i)| i != index)
                .chain([(doc, added)])
                .collect(),
        }
    }
}

/// The changes to the lead of `base` worth a candidate (see [`candidates`]).
fn lead_changes(
    articles: &[Article<'_>],
    by_centrality: &[usize],
    base: usize,
    may_add: &impl Fn(usize, Option<usize>, usize, usize) -> bool,
) -> Vec<Change> {
    let lead = articles[base].lead;
    let mut changes = Vec::new();
    if lead > 1 {
        changes.extend((0..lead).map(|index| Change::Dropped { index }));
    }
    for &doc in by_centrality
        .iter()
        .filter(|&&d| d != base)
        .take(MAX_ADDING_ARTICLES)
    {
        for index in 0..articles[doc].sentences.len().min(MAX_ADDED_PER_ARTICLE) {
            if may_add(base, None, doc, index) {
                changes.push(Change::Added { doc, index });
            }
            if lead > 1 {
                changes.extend(
                    (0..lead)
                        .filter(|&dropped| may_add(base, Some(dropped), doc, index))
                        .map(|dropped| Change::Replaced {
                            index: dropped,
                            doc,
                            added: index,
                        }),
                );
            }
        }
    }
    changes
}

/// Every candidate of a cluster with its features and score. `may_add(base, dropped, doc, index)`
/// says whether sentence `index` of article `doc` may join the lead of `base` (less its sentence
/// `dropped`, if any): within the budget, and not repeating what the lead says.
pub(crate) fn candidates(
    articles: &[Article<'_>],
    may_add: impl Fn(usize, Option<usize>, usize, usize) -> bool,
) -> Vec<Candidate> {
    let mut interner = Interner::default();
    let sentences: Vec<Vec<Vec<Word>>> = articles
        .iter()
        .map(|a| {
            a.sentences
                .iter()
                .map(|s| words(&mut interner, s))
                .collect()
        })
        .collect();
    let titles: Vec<Vec<Word>> = articles
        .iter()
        .map(|a| words(&mut interner, a.title))
        .collect();
    let whole: Vec<Vec<Word>> = sentences.iter().map(|s| s.concat()).collect();
    let bags: Vec<Bags> = whole.iter().map(|w| Bags::of(w)).collect();
    let word_bags: Vec<&[u32]> = bags.iter().map(|b| b.words.as_slice()).collect();
    let central = centrality(&word_bags);
    let mean_centrality = central.iter().sum::<f64>() / central.len().max(1) as f64;
    let mut by_centrality: Vec<usize> = (0..articles.len()).collect();
    by_centrality.sort_by(|&a, &b| central[b].total_cmp(&central[a]).then(a.cmp(&b)));
    let mut rank = vec![0; articles.len()];
    for (r, &doc) in by_centrality.iter().enumerate() {
        rank[doc] = r;
    }

    let word_sets: Vec<FxHashSet<u32>> = whole
        .iter()
        .map(|w| w.iter().map(|w| w.id).collect())
        .collect();
    let pair_sets: Vec<FxHashSet<u64>> = whole.iter().map(|w| pairs(w).collect()).collect();
    let title_sets: Vec<FxHashSet<u32>> = titles
        .iter()
        .map(|w| w.iter().map(|w| w.id).collect())
        .collect();
    let titled_sets: Vec<FxHashSet<u32>> = word_sets
        .iter()
        .zip(&title_sets)
        .map(|(a, b)| a | b)
        .collect();
    let all = articles.len();
    let shared = Shared {
        words2: in_at_least(&word_sets, 2),
        words_all: in_at_least(&word_sets, all),
        pairs2: in_at_least(&pair_sets, 2),
        pairs_all: in_at_least(&pair_sets, all),
        titled2: in_at_least(&titled_sets, 2),
        titles2: in_at_least(&title_sets, 2),
        titles_any: in_at_least(&title_sets, 1),
    };
    let context = Context {
        articles,
        sentences: &sentences,
        bags: &bags,
        shared: &shared,
        central: &central,
        mean_centrality,
        rank: &rank,
        by_centrality: &by_centrality,
    };

    let mut out = Vec::new();
    for &base in by_centrality.iter().take(MAX_BASES) {
        let lead = articles[base].lead;
        if lead == 0 {
            continue;
        }
        let mut changes = vec![Change::None];
        // A lead too long to gain from one sentence more or less stays as it is: a budget of
        // a whole long text would otherwise make thousands of near-identical candidates.
        if lead <= MAX_CHANGED_LEAD {
            changes.extend(lead_changes(articles, &by_centrality, base, &may_add));
        }
        for change in changes {
            let mut candidate = Candidate {
                base,
                change,
                features: [0.0; FEATURE_COUNT],
                score: 0.0,
            };
            if let Some(features) = context.features(&candidate) {
                candidate.score = features
                    .iter()
                    .zip(WEIGHTS.iter())
                    .map(|(f, w)| f * w)
                    .sum();
                candidate.features = features;
                out.push(candidate);
            }
        }
    }
    out
}

struct Shared {
    words2: FxHashSet<u32>,
    words_all: FxHashSet<u32>,
    pairs2: FxHashSet<u64>,
    pairs_all: FxHashSet<u64>,
    titled2: FxHashSet<u32>,
    titles2: FxHashSet<u32>,
    titles_any: FxHashSet<u32>,
}

struct Context<'c, 'a> {
    articles: &'c [Article<'a>],
    sentences: &'c [Vec<Vec<Word>>],
    bags: &'c [Bags],
    shared: &'c Shared,
    central: &'c [f64],
    mean_centrality: f64,
    rank: &'c [usize],
    by_centrality: &'c [usize],
}

impl Context<'_, '_> {
    /// The features of a candidate; `None` when it has no words.
    fn features(&self, candidate: &Candidate) -> Option<[f64; FEATURE_COUNT]> {
        let chosen = candidate.sentences(self.articles);
        let words: Vec<Word> = chosen
            .iter()
            .flat_map(|&(doc, i)| self.sentences[doc][i].iter().copied())
            .collect();
        if words.is_empty() {
            return None;
        }
        let bags = Bags::of(&words);
        let base = candidate.base;

        let mut f = Vec::with_capacity(FEATURE_COUNT);
        let against: Vec<[f64; 6]> = self
            .by_centrality
            .iter()
            .copied()
            .filter(|&j| j != base)
            .take(COMPARED)
            .map(|j| {
                let (p1, r1, f1) = overlap(&bags.words, &self.bags[j].words);
                let (p2, r2, f2) = overlap(&bags.pairs, &self.bags[j].pairs);
                [f1, f2, p1, r1, p2, r2]
            })
            .collect();
        let n = against.len().max(1) as f64;
        f.extend((0..6).map(|k| against.iter().map(|a| a[k]).sum::<f64>() / n));
        f.extend((0..6).map(|k| against.iter().map(|a| a[k]).reduce(f64::min).unwrap_or(0.0)));
        let (_, own_recall, own_f1) = overlap(&bags.words, &self.bags[base].words);
        f.extend([own_f1, own_recall]);

        let adds = matches!(
            candidate.change,
            Change::Added { .. } | Change::Replaced { .. }
        );
        let drops = matches!(
            candidate.change,
            Change::Dropped { .. } | Change::Replaced { .. }
        );
        let articles_used = 1 + usize::from(adds);
        f.extend([
            words.len() as f64,
            chosen.len() as f64,
            articles_used as f64,
            f64::from(u8::from(candidate.change == Change::None)),
            f64::from(u8::from(adds)),
            f64::from(u8::from(drops)),
            self.rank[base] as f64,
            self.central[base],
            self.central[base] - self.mean_centrality,
        ]);
        let texts: Vec<&str> = chosen
            .iter()
            .map(|&(doc, i)| self.articles[doc].sentences[i])
            .collect();
        let quoted = texts.iter().filter(|t| quote_marks(t) >= 2).count();
        let opens_with_quote = texts[0].trim_start().starts_with(['"', '\u{201c}']);
        f.extend([
            quoted as f64 / texts.len() as f64,
            f64::from(u8::from(opens_with_quote)),
            self.bags[base].words.len() as f64,
        ]);

        let ids: Vec<u32> = words.iter().map(|w| w.id).collect();
        let id_set: FxHashSet<u32> = ids.iter().copied().collect();
        let pair_list: Vec<u64> = pairs(&words).collect();
        let pair_set: FxHashSet<u64> = pair_list.iter().copied().collect();
        let s = self.shared;
        f.extend(agreement(&ids, &id_set, &s.words2));
        f.extend(agreement(&ids, &id_set, &s.words_all));
        f.extend(agreement(&pair_list, &pair_set, &s.pairs2));
        f.extend(agreement(&pair_list, &pair_set, &s.pairs_all));
        f.extend(agreement(&ids, &id_set, &s.titled2));
        let content: Vec<u32> = words.iter().filter(|w| !w.stop).map(|w| w.id).collect();
        let content_share = |set: &FxHashSet<u32>| {
            content.iter().filter(|i| set.contains(i)).count() as f64 / content.len().max(1) as f64
        };
        let recall = |set: &FxHashSet<u32>| {
            set.iter().filter(|i| id_set.contains(i)).count() as f64 / set.len().max(1) as f64
        };
        f.extend([
            content_share(&s.words2),
            content_share(&s.titles_any),
            recall(&s.titles2),
            recall(&s.titles_any),
        ]);
        f.try_into().ok()
    }
}

fn quote_marks(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_name_every_feature_once() {
        assert!(WEIGHTS.iter().all(|w| w.is_finite()));
        let missing = RANKER_FILE.replace("opens_with_quote", "# opens_with_quote");
        assert!(
            parse_weights(&missing)
                .unwrap_err()
                .contains("opens_with_quote")
        );
        assert!(
            parse_weights("bogus 1.0")
                .unwrap_err()
                .contains("unknown feature")
        );
    }

    #[test]
    fn centrality_is_mean_f1_against_the_others() {
        let a: &[u32] = &[1, 2, 3, 4];
        let b: &[u32] = &[1, 2, 3, 4];
        let c: &[u32] = &[5, 6];
        let central = centrality(&[a, b, c]);
        assert!((central[0] - 0.5).abs() < 1e-12);
        assert!((central[2] - 0.0).abs() < 1e-12);
    }
}
