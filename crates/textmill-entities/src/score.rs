//! A conlleval-style scorer: an entity counts when its span and type both match exactly; micro
//! precision, recall and F1 over all types, and per type.

use std::collections::{BTreeMap, HashSet};

/// Counts for one type or for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities whose span and type match a gold one.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// `correct / predicted`; 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// `correct / gold`; 0 when there is no gold entity.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores of a whole evaluation set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Counts over all types (micro average).
    pub total: Counts,
    /// Counts per type, by type name.
    pub per_type: BTreeMap<String, Counts>,
}

/// An entity for scoring: `(start, end, type)` in any unit, as long as gold and predicted agree.
pub type Labeled = (usize, usize, String);

impl Report {
    /// Adds one document (or sentence): its gold and predicted entities.
    pub fn add(&mut self, gold: &[Labeled], predicted: &[Labeled]) {
        let gold_set: HashSet<&Labeled> = gold.iter().collect();
        let predicted_set: HashSet<&Labeled> = predicted.iter().collect();
        for kind in gold.iter().chain(predicted).map(|e| &e.2) {
            self.per_type.entry(kind.clone()).or_default();
        }
        for e in &gold_set {
            if let Some(counts) = self.per_type.get_mut(&e.2) {
                counts.gold += 1;
            }
        }
        for e in &predicted_set {
            let counts = self.per_type.get_mut(&e.2).expect("inserted above");
            counts.predicted += 1;
            if gold_set.contains(e) {
                counts.correct += 1;
            }
        }
        self.total = Counts::default();
        let all: Vec<Counts> = self.per_type.values().copied().collect();
        for c in all {
            self.total.add(c);
        }
    }
}

/// Scores `tagger` on tagged sentences (a dev set): each sentence's tokens are tagged as they
/// are, and only the types the set annotates are scored (a set without MISC, as UNER is, does
/// not count the tagger's MISC as wrong). What `textmill train-ner --dev` prints.
pub fn evaluate(tagger: &crate::Tagger, sentences: &[crate::TrainingSentence]) -> Report {
    let annotated = annotated_types(sentences);
    let mut report = Report::default();
    for sentence in sentences {
        let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
        let predicted: Vec<Labeled> = tagger
            .tag_tokens(&tokens)
            .into_iter()
            .filter(|(_, _, kind)| annotated.contains(kind.as_str()))
            .map(|(start, end, kind)| (start, end, kind.to_string()))
            .collect();
        report.add(&spans_from_tags(&sentence.tags), &predicted);
    }
    report
}

/// Every mention the model finds in `sentences`, of a type they annotate, with its score and
/// whether its span and type match a gold entity.
pub(crate) fn judged_mentions(
    tagger: &crate::Tagger,
    sentences: &[crate::TrainingSentence],
) -> Vec<(f32, bool)> {
    let annotated = annotated_types(sentences);
    let mut out = Vec::new();
    for sentence in sentences {
        let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
        let gold: HashSet<Labeled> = spans_from_tags(&sentence.tags).into_iter().collect();
        for m in tagger.model_mentions(&tokens) {
            if annotated.contains(m.kind.as_str()) {
                let right = gold.contains(&(m.start as usize, m.end as usize, m.kind.to_string()));
                out.push((m.score, right));
            }
        }
    }
    out
}

/// How often mentions are right, by score decile: what a calibrated score should match.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bin {
    /// Mentions scored in `[decile / 10, (decile + 1) / 10)`.
    pub mentions: usize,
    /// Of those, how many were right.
    pub right: usize,
    /// Their mean score.
    pub mean_score: f64,
}

/// The reliability table of the model alone on tagged sentences: ten score deciles.
pub fn reliability(tagger: &crate::Tagger, sentences: &[crate::TrainingSentence]) -> [Bin; 10] {
    let mut bins = [Bin::default(); 10];
    for (score, right) in judged_mentions(tagger, sentences) {
        let bin = &mut bins[((score * 10.0) as usize).min(9)];
        bin.mentions += 1;
        bin.right += usize::from(right);
        bin.mean_score += f64::from(score);
    }
    for bin in &mut bins {
        bin.mean_score /= bin.mentions.max(1) as f64;
    }
    bins
}

fn annotated_types(sentences: &[crate::TrainingSentence]) -> HashSet<String> {
    sentences
        .iter()
        .flat_map(|s| spans_from_tags(&s.tags))
        .map(|e| e.2)
        .collect()
}

/// Entities of an IOB2 (or IOB1) tag sequence as token ranges.
pub fn spans_from_tags(tags: &[String]) -> Vec<Labeled> {
    let mut out: Vec<Labeled> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((start, k)) = open.take() {
                out.push((start, i, k.to_owned()));
            }
            if prefix == "B" || prefix == "I" {
                open = Some((i, kind));
            }
        }
    }
    if let Some((start, k)) = open {
        out.push((start, tags.len(), k.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn exact_span_and_type_count() {
        let gold = spans_from_tags(&tags("B-PER I-PER O B-LOC O B-ORG"));
        let predicted = spans_from_tags(&tags("B-PER I-PER O B-ORG O B-ORG I-ORG"));
        assert_eq!(
            gold,
            [
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (5, 6, "ORG".into())
            ]
        );
        let mut report = Report::default();
        report.add(&gold, &predicted);
        assert_eq!(
            report.total,
            Counts {
                correct: 1,
                predicted: 3,
                gold: 3
            }
        );
        assert_eq!(report.per_type["LOC"].recall(), 0.0);
        assert!((report.total.f1() - 1.0 / 3.0).abs() < 1e-9);
    }
}
