//! Choosing sentences under a budget: best first, redundant ones skipped.

use serde::{Deserialize, Serialize};

use crate::terms::{Vector, dot};

/// How much summary to return.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// At most this many words.
    Words(usize),
    /// At most this many characters (code points), separators not counted.
    Chars(usize),
    /// At most this share of the text's words, in `[0, 1]`.
    Ratio(f64),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Sentences(3)
    }
}

/// Why a budget cannot be used: the one policy of the CLI's flags and Python's keywords.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BudgetError {
    /// More than one kind of budget was given.
    #[error("give at most one of sentences, words, chars and ratio")]
    SeveralGiven,
    /// A ratio outside `[0, 1]`.
    #[error("ratio must lie in [0, 1], not {0}")]
    RatioOutOfRange(f64),
}

impl Budget {
    /// The one budget among those given (three sentences when none is), checked.
    ///
    /// ```
    /// use textmill_summarize::{Budget, BudgetError};
    /// assert_eq!(Budget::from_options(None, Some(50), None, None), Ok(Budget::Words(50)));
    /// assert_eq!(Budget::from_options(None, None, None, Some(5.0)), Err(BudgetError::RatioOutOfRange(5.0)));
    /// ```
    pub fn from_options(
        sentences: Option<usize>,
        words: Option<usize>,
        chars: Option<usize>,
        ratio: Option<f64>,
    ) -> Result<Budget, BudgetError> {
        let mut given = [
            sentences.map(Budget::Sentences),
            words.map(Budget::Words),
            chars.map(Budget::Chars),
            ratio.map(Budget::Ratio),
        ]
        .into_iter()
        .flatten();
        let budget = given.next().unwrap_or_default();
        if given.next().is_some() {
            return Err(BudgetError::SeveralGiven);
        }
        budget.checked()
    }

    /// The budget, if it can be used (a ratio lies in `[0, 1]`).
    pub fn checked(self) -> Result<Budget, BudgetError> {
        match self {
            Budget::Ratio(r) if !(0.0..=1.0).contains(&r) => Err(BudgetError::RatioOutOfRange(r)),
            budget => Ok(budget),
        }
    }
}

/// One candidate sentence as the selection sees it.
pub(crate) struct Candidate<'a> {
    pub score: f64,
    pub words: usize,
    pub chars: usize,
    pub vector: &'a Vector,
}

pub(crate) struct Selection {
    pub min_words: usize,
    pub redundancy: f32,
}

impl Selection {
    /// Indices of the chosen candidates, best first.
    ///
    /// Sentences shorter than `min_words` come after all longer ones. A sentence whose cosine
    /// similarity to one already chosen reaches `redundancy` is passed over while others are
    /// left. Word and character budgets skip a sentence that does not fit and try shorter ones.
    /// When nothing fits a non-zero budget, the best sentence alone is returned: a summary of a
    /// one-sentence text is that sentence.
    pub(crate) fn choose(&self, candidates: &[Candidate], budget: Budget) -> Vec<usize> {
        let total_words: usize = candidates.iter().map(|c| c.words).sum();
        let (limit, unit) = budget.limit(total_words);
        let cost = |c: &Candidate| unit.of(c.words, c.chars);
        if limit == 0 || candidates.is_empty() {
            return Vec::new();
        }
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by(|&a, &b| {
            let (ca, cb) = (&candidates[a], &candidates[b]);
            (cb.words >= self.min_words)
                .cmp(&(ca.words >= self.min_words))
                .then(cb.score.total_cmp(&ca.score))
                .then(a.cmp(&b))
        });
        let mut chosen: Vec<usize> = Vec::new();
        let mut passed_over = Vec::new();
        let mut used = 0;
        for &i in &order {
            if used >= limit {
                break;
            }
            let candidate = &candidates[i];
            if used + cost(candidate) > limit {
                continue;
            }
            let redundant = chosen
                .iter()
                .any(|&j| dot(candidate.vector, candidates[j].vector) >= self.redundancy);
            if redundant {
                passed_over.push(i);
                continue;
            }
            chosen.push(i);
            used += cost(candidate);
        }
        // Redundant sentences still beat an unfilled budget.
        for i in passed_over {
            let c = cost(&candidates[i]);
            if used + c <= limit {
                chosen.push(i);
                used += c;
            }
        }
        if chosen.is_empty() {
            chosen.push(order[0]);
        }
        chosen
    }
}

/// What a budget counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Unit {
    Sentences,
    Words,
    Chars,
}

impl Unit {
    /// What a sentence of `words` words and `chars` characters costs.
    pub(crate) fn of(self, words: usize, chars: usize) -> usize {
        match self {
            Unit::Sentences => 1,
            Unit::Words => words,
            Unit::Chars => chars,
        }
    }
}

impl Budget {
    /// The limit and what it counts; a ratio is of `total_words`.
    pub(crate) fn limit(self, total_words: usize) -> (usize, Unit) {
        match self {
            Budget::Sentences(n) => (n, Unit::Sentences),
            Budget::Words(n) => (n, Unit::Words),
            Budget::Chars(n) => (n, Unit::Chars),
            Budget::Ratio(r) => (
                (r.clamp(0.0, 1.0) * total_words as f64).round() as usize,
                Unit::Words,
            ),
        }
    }
}
