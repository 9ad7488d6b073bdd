//! Training: an averaged structured perceptron over BILOU tags, decoded with Viterbi.
//! Deterministic: the same data and config give the same model, byte for byte.

use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;

use crate::Error;
use crate::features::{Casing, Featurizer, TEMPLATES, lexicon_key};
use crate::gazetteer::Gazetteers;
use crate::model::{LABELS, MentionKind, Model, Part, Weights, label};

/// One training sentence: tokens and their IOB2 tags (`B-PER`, `I-ORG`, `O`, ...). Types
/// other than PER, ORG, LOC and MISC are read as O.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TrainingSentence {
    /// The sentence's tokens, in order.
    pub tokens: Vec<String>,
    /// One IOB2 tag per token.
    pub tags: Vec<String>,
}

#[derive(Deserialize)]
struct Record {
    sents: Vec<TrainingSentence>,
}

/// Reads sentences from JSONL (`{"sents": [{"tokens": [...], "tags": [...]}]}` per line) or
/// CoNLL (one `token ... tag` line per token, the tag last, blank lines between sentences).
pub fn read_sentences(path: &Path) -> Result<Vec<TrainingSentence>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::Io(path.display().to_string(), e))?;
    let reader = std::io::BufReader::new(file);
    let jsonl = path
        .extension()
        .is_some_and(|e| e == "jsonl" || e == "json");
    let mut out = Vec::new();
    let mut current = TrainingSentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::Io(path.display().to_string(), e))?;
        if jsonl {
            if line.trim().is_empty() {
                continue;
            }
            let record: Record = serde_json::from_str(&line).map_err(|e| Error::Data {
                input: path.display().to_string(),
                line: n + 1,
                reason: e.to_string(),
            })?;
            for sentence in record.sents {
                if sentence.tokens.len() != sentence.tags.len() {
                    return Err(Error::Data {
                        input: path.display().to_string(),
                        line: n + 1,
                        reason: "tokens and tags differ in length".into(),
                    });
                }
                out.push(sentence);
            }
        } else if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            if !current.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    TrainingSentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
        } else {
            let mut fields = line.split_whitespace();
            let token = fields.next().unwrap_or_default().to_owned();
            let tag = fields.next_back().unwrap_or("O").to_owned();
            current.tokens.push(token);
            current.tags.push(tag);
        }
    }
    if !current.tokens.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Seed of the shuffle between epochs.
    pub seed: u64,
    /// Add word-cluster features (the shipped model has them).
    pub clusters: bool,
    /// How far the gold labelling must beat every other while training: each wrong label of a
    /// token gets this much added to its score before decoding (cost-augmented decoding), so the
    /// perceptron keeps updating until the gold labelling wins by a margin, not just barely. In
    /// the units of one update (1 per feature); 0 is the plain perceptron.
    pub margin: f32,
}

impl TrainConfig {
    /// The default margin: the best of 0-256 (doubling) on UNER English-EWT dev and PUD alike,
    /// four seeds each (benches/RESULTS.md).
    pub const DEFAULT_MARGIN: f32 = 64.0;
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            bits: 18,
            seed: 1,
            clusters: true,
            margin: TrainConfig::DEFAULT_MARGIN,
        }
    }
}

/// IOB2 tags to BILOU label indices.
pub(crate) fn bilou(tags: &[String]) -> Vec<usize> {
    let typed: Vec<Option<(bool, MentionKind)>> = tags
        .iter()
        .map(|tag| {
            let (prefix, kind) = tag.split_once('-')?;
            let kind: MentionKind = kind.parse().ok()?;
            Some((prefix == "B", kind))
        })
        .collect();
    (0..tags.len())
        .map(|i| {
            let Some((begin, kind)) = typed[i] else {
                return 0;
            };
            let starts = begin || i == 0 || typed[i - 1].map(|t| t.1) != Some(kind);
            let continues = matches!(typed.get(i + 1), Some(Some((false, k))) if *k == kind);
            let part = match (starts, continues) {
                (true, true) => Part::Begin,
                (true, false) => Part::Unit,
                (false, true) => Part::Inside,
                (false, false) => Part::Last,
            };
            label(part, kind)
        })
        .collect()
}

/// Trains a model. Progress (accuracy per epoch) goes to `progress`.
pub fn train(
    sentences: &[TrainingSentence],
    config: &TrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let gazetteers = Gazetteers::get();
    let lexicon = casing_lexicon(sentences);
    let mut featurizer = Featurizer::new(gazetteers, &lexicon, config.clusters);
    let templates = featurizer.templates();
    // Features do not change between epochs: hash them once.
    let mut buckets: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
    let mut gold: Vec<Vec<usize>> = Vec::with_capacity(sentences.len());
    let mut features = [0u64; TEMPLATES];
    for sentence in sentences {
        featurizer.sentence(sentence.tokens.iter().map(String::as_str));
        let mut b = Vec::with_capacity(sentence.tokens.len() * templates);
        for i in 0..featurizer.len() {
            featurizer.token(i, &mut features);
            b.extend(
                features[..templates]
                    .iter()
                    .map(|&f| Model::bucket(config.bits, f) as u32),
            );
        }
        buckets.push(b);
        gold.push(bilou(&sentence.tags));
    }

    let size = (1usize << config.bits) * LABELS;
    // Dense while training; the model keeps only the rows that have weights.
    let mut weights = vec![0f32; size];
    let mut model = Model {
        bits: config.bits,
        weights: Weights::default(),
        transitions: vec![0.0; (LABELS + 1) * LABELS],
        lexicon: Vec::new(),
        clusters: config.clusters,
        calibration: crate::model::DEFAULT_CALIBRATION,
        transition_weights: Default::default(),
    };
    // Averaging: `totals` holds the sum of `step * update`, so the average is
    // `weights - totals / step` at the end.
    let mut totals = vec![0f64; size];
    let mut transition_totals = vec![0f64; (LABELS + 1) * LABELS];
    let mut step = 1f64;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = config.seed.max(1);
    let mut emissions = Vec::new();
    let mut predicted = Vec::new();
    for epoch in 0..config.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut correct, mut total) = (0usize, 0usize);
        for &s in &order {
            let (b, g) = (&buckets[s], &gold[s]);
            emissions.clear();
            emissions.resize(g.len() * LABELS, 0.0);
            for (t, row) in emissions.chunks_mut(LABELS).enumerate() {
                for &bucket in &b[t * templates..(t + 1) * templates] {
                    let at = bucket as usize * LABELS;
                    for (e, w) in row.iter_mut().zip(&weights[at..at + LABELS]) {
                        *e += w;
                    }
                }
            }
            if config.margin > 0.0 {
                for (row, &gold_label) in emissions.chunks_mut(LABELS).zip(g) {
                    for (label, e) in row.iter_mut().enumerate() {
                        if label != gold_label {
                            *e += config.margin;
                        }
                    }
                }
            }
            model.viterbi(&emissions, &mut predicted);
            total += g.len();
            correct += g.iter().zip(&predicted).filter(|(a, b)| a == b).count();
            if predicted != *g {
                for t in 0..g.len() {
                    if predicted[t] != g[t] {
                        for &bucket in &b[t * templates..(t + 1) * templates] {
                            let at = bucket as usize * LABELS;
                            weights[at + g[t]] += 1.0;
                            totals[at + g[t]] += step;
                            weights[at + predicted[t]] -= 1.0;
                            totals[at + predicted[t]] -= step;
                        }
                    }
                    let prev_gold = if t == 0 { LABELS } else { g[t - 1] };
                    let prev_pred = if t == 0 { LABELS } else { predicted[t - 1] };
                    if (prev_gold, g[t]) != (prev_pred, predicted[t]) {
                        model.transitions[prev_gold * LABELS + g[t]] += 1.0;
                        transition_totals[prev_gold * LABELS + g[t]] += step;
                        model.transitions[prev_pred * LABELS + predicted[t]] -= 1.0;
                        transition_totals[prev_pred * LABELS + predicted[t]] -= step;
                    }
                }
            }
            step += 1.0;
        }
        progress(epoch + 1, correct as f64 / total.max(1) as f64);
    }
    for (w, t) in weights.iter_mut().zip(&totals) {
        *w -= (*t / step) as f32;
    }
    model.weights = Weights::from_dense(&weights);
    for (w, t) in model.transitions.iter_mut().zip(&transition_totals) {
        *w -= (*t / step) as f32;
    }
    model.lexicon = lexicon;
    model
}

/// Fits the model's calibration on development sentences (not its training data): the
/// temperature that turns scores into probabilities, then Platt scaling of the mention
/// probabilities, so that mentions scored 0.8 are right about 8 times in 10 on text like these. A
/// mention is right when its span and type match a gold one; types the sentences do not annotate
/// (MISC in UNER) are left out. Returns the fitted `[temperature, a, b]`.
pub fn calibrate(model: &mut Model, sentences: &[TrainingSentence]) -> [f32; 3] {
    let mut best = (f64::INFINITY, crate::model::DEFAULT_CALIBRATION);
    // Temperatures from 4 to 4,096, a factor of sqrt(2) apart.
    for step in 4..=24 {
        let temperature = 2f64.powf(f64::from(step) / 2.0);
        let mut candidate = model.clone();
        candidate.calibration = [temperature as f32, 1.0, 0.0];
        candidate.transition_weights = Default::default();
        let tagger = crate::Tagger::with_model(Default::default(), std::sync::Arc::new(candidate));
        let samples: Vec<(f64, bool)> = crate::score::judged_mentions(&tagger, sentences)
            .into_iter()
            .map(|(p, right)| {
                let p = f64::from(p).clamp(1e-6, 1.0 - 1e-6);
                ((p / (1.0 - p)).ln(), right)
            })
            .collect();
        let [a, b] = platt(&samples);
        let loss: f64 = samples
            .iter()
            .map(|&(x, right)| {
                let p = (1.0 / (1.0 + (-(a * x + b)).exp())).clamp(1e-9, 1.0 - 1e-9);
                -(if right { p } else { 1.0 - p }).ln()
            })
            .sum();
        if loss < best.0 {
            best = (loss, [temperature as f32, a as f32, b as f32]);
        }
    }
    model.calibration = best.1;
    model.transition_weights = Default::default();
    model.calibration
}

/// Logistic regression of `right` on `x` (two parameters, Newton's method, a little ridge so
/// that a separable set stays finite).
fn platt(samples: &[(f64, bool)]) -> [f64; 2] {
    const RIDGE: f64 = 1e-3;
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) =
            (RIDGE * (a - 1.0), RIDGE * b, RIDGE, 0.0, RIDGE);
        for &(x, right) in samples {
            let p = 1.0 / (1.0 + (-(a * x + b)).exp());
            let e = p - f64::from(u8::from(right));
            let w = (p * (1.0 - p)).max(1e-12);
            ga += e * x;
            gb += e;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    [a.clamp(-50.0, 50.0), b.clamp(-50.0, 50.0)]
}

/// Words seen at least this often inside sentences (not first) get a casing entry.
const LEXICON_MIN_COUNT: u32 = 3;

/// How each frequent word is usually written inside a sentence, from the training data.
fn casing_lexicon(sentences: &[TrainingSentence]) -> Vec<(u32, Casing)> {
    let mut counts: std::collections::HashMap<u32, (u32, u32)> = Default::default();
    let mut lower = String::new();
    for sentence in sentences {
        for token in sentence.tokens.iter().skip(1) {
            let Some(first) = token.chars().next().filter(|c| c.is_alphabetic()) else {
                continue;
            };
            lower.clear();
            lower.extend(token.chars().flat_map(char::to_lowercase));
            let entry = counts.entry(lexicon_key(&lower)).or_default();
            if first.is_lowercase() {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }
    let mut lexicon: Vec<(u32, Casing)> = counts
        .into_iter()
        .filter(|(_, (l, c))| l + c >= LEXICON_MIN_COUNT)
        .map(|(key, (l, c))| {
            let casing = if l >= c {
                Casing::MostlyLower
            } else {
                Casing::MostlyCapital
            };
            (key, casing)
        })
        .collect();
    lexicon.sort_unstable_by_key(|e| e.0);
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn platt_scaling_recovers_a_known_curve() {
        // Right with probability sigmoid(2x - 1), on a grid of x, in exact proportions.
        let mut samples = Vec::new();
        for i in -20..=20 {
            let x = f64::from(i) / 5.0;
            let p = 1.0 / (1.0 + (-(2.0 * x - 1.0)).exp());
            let right = (p * 100.0).round() as usize;
            samples.extend(std::iter::repeat_n((x, true), right));
            samples.extend(std::iter::repeat_n((x, false), 100 - right));
        }
        let [a, b] = platt(&samples);
        assert!((a - 2.0).abs() < 0.05 && (b + 1.0).abs() < 0.05, "{a} {b}");
    }

    #[test]
    fn iob2_becomes_bilou() {
        let labels = bilou(&tags("B-PER I-PER I-PER O B-LOC B-LOC I-ORG O B-OTH"));
        let parts: Vec<Part> = labels.iter().map(|&l| crate::model::part(l).0).collect();
        use Part::*;
        assert_eq!(
            parts,
            [
                Begin, Inside, Last, Outside, Unit, Unit, Unit, Outside, Outside
            ]
        );
    }
}
