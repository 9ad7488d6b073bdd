//! The sequence model: hashed features, one weight row per bucket and label, label-to-label
//! transition weights, Viterbi decoding over BILOU tags.

use std::borrow::Cow;

use textmill_core::Label;

use crate::Error;
use crate::features::{Casing, Featurizer, TEMPLATES};

textmill_core::named_enum! {
    /// The entity types the model tags (CoNLL 2003's); OntoNotes types are derived from them
    /// afterwards.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum MentionKind ("mention kind") {
        /// People.
        Per = "PER",
        /// Organisations.
        Org = "ORG",
        /// Places.
        Loc = "LOC",
        /// Other names.
        Misc = "MISC",
    }
}

impl MentionKind {
    /// The type as an entity label of the CoNLL scheme.
    pub fn label(self) -> Label {
        match self {
            MentionKind::Per => Label::Per,
            MentionKind::Org => Label::Org,
            MentionKind::Loc => Label::Loc,
            MentionKind::Misc => Label::Misc,
        }
    }
}

/// O, then B, I, L, U for each type.
pub(crate) const LABELS: usize = 1 + 4 * MentionKind::ALL.len();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Outside,
    Begin,
    Inside,
    Last,
    Unit,
}

pub(crate) fn label(part: Part, kind: MentionKind) -> usize {
    let kind = kind as usize;
    match part {
        Part::Outside => 0,
        Part::Begin => 1 + 4 * kind,
        Part::Inside => 2 + 4 * kind,
        Part::Last => 3 + 4 * kind,
        Part::Unit => 4 + 4 * kind,
    }
}

pub(crate) fn part(label: usize) -> (Part, MentionKind) {
    if label == 0 {
        return (Part::Outside, MentionKind::Per);
    }
    let kind = MentionKind::ALL[(label - 1) / 4];
    let part = match (label - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, kind)
}

/// Whether BILOU allows `next` after `prev` (`None`: sentence start).
pub(crate) fn allowed(prev: Option<usize>, next: usize) -> bool {
    let (next_part, next_kind) = part(next);
    let open = match prev.map(part) {
        Some((Part::Begin | Part::Inside, kind)) => Some(kind),
        _ => None,
    };
    match open {
        Some(kind) => matches!(next_part, Part::Inside | Part::Last) && next_kind == kind,
        None => matches!(next_part, Part::Outside | Part::Begin | Part::Unit),
    }
}

/// Whether a sentence may end after `label`.
pub(crate) fn may_end(label: usize) -> bool {
    matches!(part(label).0, Part::Outside | Part::Last | Part::Unit)
}

/// Emission weights: a row of `LABELS` weights for each bucket that has one, found through a
/// bitmap of those buckets and a count of the rows before each of its words. Memory follows the
/// rows a model has, not its `2^bits` buckets, so a model file cannot make the loader allocate
/// more than its own bytes back.
///
/// The rows stay as the model file has them, 16-bit integers times `scale`: the embedded model's
/// are read in place from the binary (as `f32` they took 17 MB in every process), a file's are
/// copied once. A trained model is quantised the same way at once, so that what is
/// calibrated and evaluated after training is what is written.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    present: Vec<u64>,
    /// The rows before each word of `present`.
    before: Vec<u32>,
    /// Little-endian `i16`, `LABELS` to a row.
    rows: Cow<'static, [u8]>,
    scale: f32,
}

/// One bucket's weights, as [`Weights::row`] finds them.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    quantised: &'a [u8],
    scale: f32,
}

impl Row<'_> {
    /// The `LABELS` weights.
    #[inline]
    pub(crate) fn weights(self) -> impl Iterator<Item = f32> {
        let scale = self.scale;
        self.quantised
            .chunks_exact(2)
            .map(move |q| f32::from(i16::from_le_bytes([q[0], q[1]])) * scale)
    }
}

impl Default for Weights {
    /// No rows (with a scale a model file may hold).
    fn default() -> Weights {
        Weights::from_dense(&[])
    }
}

impl Weights {
    /// The rows of `dense` (`buckets x LABELS`) that quantise to weights other than 0.
    pub(crate) fn from_dense(dense: &[f32]) -> Weights {
        let max = dense.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / f32::from(i16::MAX);
        let quantised = |w: f32| (w / scale).round() as i16;
        let buckets = dense.len() / LABELS;
        let mut present = vec![0u64; buckets.div_ceil(64)];
        let mut rows = Vec::new();
        for (bucket, row) in dense.chunks_exact(LABELS).enumerate() {
            if row.iter().any(|&w| quantised(w) != 0) {
                present[bucket / 64] |= 1 << (bucket % 64);
                rows.extend(row.iter().flat_map(|&w| quantised(w).to_le_bytes()));
            }
        }
        Weights::new(present, Cow::Owned(rows), scale)
    }

    fn new(present: Vec<u64>, rows: Cow<'static, [u8]>, scale: f32) -> Weights {
        let mut before = Vec::with_capacity(present.len());
        let mut count = 0u32;
        for word in &present {
            before.push(count);
            count += word.count_ones();
        }
        debug_assert_eq!(count as usize * LABELS * 2, rows.len());
        Weights {
            present,
            before,
            rows,
            scale,
        }
    }

    /// The weights of `bucket`, if it has any.
    #[inline]
    pub(crate) fn row(&self, bucket: usize) -> Option<Row<'_>> {
        let word = *self.present.get(bucket / 64)?;
        let bit = 1u64 << (bucket % 64);
        if word & bit == 0 {
            return None;
        }
        let r = self.before[bucket / 64] as usize + (word & (bit - 1)).count_ones() as usize;
        Some(Row {
            quantised: &self.rows[r * 2 * LABELS..(r + 1) * 2 * LABELS],
            scale: self.scale,
        })
    }

    /// The buckets that have weights, in order.
    fn present_buckets(&self) -> impl Iterator<Item = usize> {
        (0..self.present.len() * 64).filter(|&b| self.present[b / 64] & (1 << (b % 64)) != 0)
    }
}

/// A trained model: emission weights for `2^bits` feature buckets and `(LABELS + 1) x LABELS`
/// transition weights (the last row is the sentence start).
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) weights: Weights,
    pub(crate) transitions: Vec<f32>,
    /// How words are usually written, sorted by key (see `features::Casing`).
    pub(crate) lexicon: Vec<(u32, Casing)>,
    /// Whether the model was trained with word-cluster features (see `clusters`).
    pub(crate) clusters: bool,
    /// How scores become probabilities: `[temperature, a, b]`. Emission and transition scores
    /// are divided by the temperature before the forward-backward sums, and a mention's
    /// probability `p` is reported as `sigmoid(a * logit(p) + b)` (Platt scaling). Fitted on a
    /// development set by [`crate::calibrate`]; [`DEFAULT_CALIBRATION`] otherwise.
    pub(crate) calibration: [f32; 3],
    /// `exp(transition / temperature)`, 0 where BILOU forbids the step; made on first use.
    pub(crate) transition_weights: std::sync::OnceLock<Vec<f32>>,
}

/// The calibration of a model that was not calibrated: perceptron weights are sums of +-1
/// updates, and this temperature spreads them into usable probabilities, left as they are.
pub(crate) const DEFAULT_CALIBRATION: [f32; 3] = [8.0, 1.0, 0.0];

/// Forward and backward sums over all BILOU label sequences of a sentence, scaled per token, so
/// that the probability of any one labelled segment can be read off.
#[derive(Debug, Default)]
pub(crate) struct Lattice {
    /// `exp((emission - max) / temperature)`, `len x LABELS`.
    emit: Vec<f32>,
    alpha: Vec<f32>,
    beta: Vec<f32>,
    /// The scaling factor of each token.
    scale: Vec<f32>,
    /// The scaled probability mass of the sequences that may end.
    end_mass: f32,
}

/// Version 3 adds a feature-set word and the calibration after the magic; version 2 files (no word clusters) are
/// still read.
const MAGIC: &[u8; 8] = b"TMNER\x00\x03\x00";
const MAGIC_V2: &[u8; 8] = b"TMNER\x00\x02\x00";
/// Feature-set bit: word clusters.
const WITH_CLUSTERS: u32 = 1;

/// The largest weight a model may hold: a trained perceptron's are in the hundreds.
const MAX_WEIGHT: f32 = 1e9;
/// The largest quantisation scale (weights are `i16` times the scale).
const MAX_SCALE: f32 = MAX_WEIGHT / 32768.0;
/// The largest calibration value a model may hold (temperatures are in the tens or hundreds,
/// Platt parameters near 1 and 0); the temperature is at least 1.
const MAX_CALIBRATION: f32 = 1e4;
/// How negative a transition may be: an impossible one is written as -1e30.
const MAX_TRANSITION: f32 = 1e30;

impl Model {
    #[inline]
    pub(crate) fn bucket(bits: u32, feature: u64) -> usize {
        (feature.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// Emission scores of every token of the featurizer's sentence, `len x LABELS`.
    pub(crate) fn emissions(&self, featurizer: &Featurizer, out: &mut Vec<f32>) {
        out.clear();
        out.resize(featurizer.len() * LABELS, 0.0);
        let mut features = [0u64; TEMPLATES];
        for i in 0..featurizer.len() {
            featurizer.token(i, &mut features);
            let row = &mut out[i * LABELS..(i + 1) * LABELS];
            for &f in &features[..featurizer.templates()] {
                if let Some(weights) = self.weights.row(Self::bucket(self.bits, f)) {
                    for (score, w) in row.iter_mut().zip(weights.weights()) {
                        *score += w;
                    }
                }
            }
        }
    }

    /// The best label sequence under BILOU constraints.
    pub(crate) fn viterbi(&self, emissions: &[f32], out: &mut Vec<usize>) {
        let n = emissions.len() / LABELS;
        out.clear();
        if n == 0 {
            return;
        }
        let mut score = vec![f32::NEG_INFINITY; n * LABELS];
        let mut back = vec![0u8; n * LABELS];
        for l in 0..LABELS {
            if allowed(None, l) {
                score[l] = emissions[l] + self.transitions[LABELS * LABELS + l];
            }
        }
        for i in 1..n {
            for l in 0..LABELS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for p in 0..LABELS {
                    let s = score[(i - 1) * LABELS + p];
                    if s == f32::NEG_INFINITY || !allowed(Some(p), l) {
                        continue;
                    }
                    let s = s + self.transitions[p * LABELS + l];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                score[i * LABELS + l] = best + emissions[i * LABELS + l];
                back[i * LABELS + l] = arg as u8;
            }
        }
        let last = (0..LABELS)
            .filter(|&l| may_end(l))
            .max_by(|&a, &b| score[(n - 1) * LABELS + a].total_cmp(&score[(n - 1) * LABELS + b]))
            .unwrap_or(0);
        out.resize(n, 0);
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = back[i * LABELS + out[i]] as usize;
        }
    }

    fn transition_weights(&self) -> &[f32] {
        let temperature = f64::from(self.calibration[0]);
        self.transition_weights.get_or_init(|| {
            let allowed_steps = || {
                (0..=LABELS).flat_map(|prev| {
                    (0..LABELS)
                        .filter(move |&next| allowed((prev < LABELS).then_some(prev), next))
                        .map(move |next| prev * LABELS + next)
                })
            };
            // Every weight relative to the largest: a common factor cancels in the probabilities,
            // and none can overflow.
            let max = allowed_steps()
                .map(|at| f64::from(self.transitions[at]))
                .fold(f64::NEG_INFINITY, f64::max);
            let mut out = vec![0.0; (LABELS + 1) * LABELS];
            for at in allowed_steps() {
                let t = f64::from(self.transitions[at]);
                out[at] = ((t - max) / temperature).exp() as f32;
            }
            out
        })
    }

    /// Fills `lattice` with the forward-backward sums of a sentence's emission scores.
    pub(crate) fn lattice(&self, emissions: &[f32], lattice: &mut Lattice) {
        let n = emissions.len() / LABELS;
        let m = self.transition_weights();
        let inverse_temperature = 1.0 / self.calibration[0];
        let Lattice {
            emit,
            alpha,
            beta,
            scale,
            end_mass,
        } = lattice;
        emit.clear();
        for row in emissions.chunks_exact(LABELS) {
            let max = row.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
            emit.extend(row.iter().map(|&e| ((e - max) * inverse_temperature).exp()));
        }
        alpha.clear();
        alpha.resize(n * LABELS, 0.0);
        scale.clear();
        scale.resize(n, 1.0);
        beta.clear();
        beta.resize(n * LABELS, 0.0);
        if n == 0 {
            *end_mass = 1.0;
            return;
        }
        // Rows of `m` are contiguous: sum each previous label's row into the next token's.
        for t in 0..n {
            let mut next = [0f32; LABELS];
            if t == 0 {
                next.copy_from_slice(&m[LABELS * LABELS..]);
            } else {
                for p in 0..LABELS {
                    let a = alpha[(t - 1) * LABELS + p];
                    if a != 0.0 {
                        let row = &m[p * LABELS..(p + 1) * LABELS];
                        for (x, w) in next.iter_mut().zip(row) {
                            *x += a * w;
                        }
                    }
                }
            }
            let emitted = &emit[t * LABELS..(t + 1) * LABELS];
            let mut total = 0.0;
            for (x, e) in next.iter_mut().zip(emitted) {
                *x *= e;
                total += *x;
            }
            let total = if total > 0.0 { total } else { 1.0 };
            scale[t] = total;
            for (a, x) in alpha[t * LABELS..(t + 1) * LABELS].iter_mut().zip(next) {
                *a = x / total;
            }
        }
        for l in 0..LABELS {
            beta[(n - 1) * LABELS + l] = if may_end(l) { 1.0 } else { 0.0 };
        }
        for t in (0..n - 1).rev() {
            let mut ahead = [0f32; LABELS];
            for (q, x) in ahead.iter_mut().enumerate() {
                *x = emit[(t + 1) * LABELS + q] * beta[(t + 1) * LABELS + q] / scale[t + 1];
            }
            for l in 0..LABELS {
                let row = &m[l * LABELS..(l + 1) * LABELS];
                beta[t * LABELS + l] = row.iter().zip(&ahead).map(|(w, x)| w * x).sum();
            }
        }
        *end_mass = (0..LABELS)
            .map(|l| alpha[(n - 1) * LABELS + l] * beta[(n - 1) * LABELS + l])
            .sum();
    }

    /// The probability, under `lattice`, that tokens `start..end` carry exactly `labels[start..end]`
    /// (one mention: B I.. L, or U), calibrated.
    pub(crate) fn segment_probability(
        &self,
        lattice: &Lattice,
        labels: &[usize],
        start: usize,
        end: usize,
    ) -> f32 {
        let m = self.transition_weights();
        let mut p = lattice.alpha[start * LABELS + labels[start]];
        for t in start + 1..end {
            p *= m[labels[t - 1] * LABELS + labels[t]] * lattice.emit[t * LABELS + labels[t]]
                / lattice.scale[t];
        }
        p *= lattice.beta[(end - 1) * LABELS + labels[end - 1]];
        let p = if lattice.end_mass > 0.0 {
            (p / lattice.end_mass).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.calibrated(p)
    }

    /// `p` through the model's Platt scaling.
    pub(crate) fn calibrated(&self, p: f32) -> f32 {
        let [_, a, b] = self.calibration;
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        let logit = (p / (1.0 - p)).ln();
        1.0 / (1.0 + (-(a * logit + b)).exp())
    }

    /// Serialises the model: weights quantised to 16 bits, all-zero rows left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        let features = if self.clusters { WITH_CLUSTERS } else { 0 };
        out.extend_from_slice(&features.to_le_bytes());
        for c in self.calibration {
            out.extend_from_slice(&c.to_le_bytes());
        }
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.weights.scale.to_le_bytes());
        for t in &self.transitions {
            out.extend_from_slice(&t.max(-1e30).to_le_bytes());
        }
        out.extend_from_slice(&(self.lexicon.len() as u32).to_le_bytes());
        for &(key, casing) in &self.lexicon {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(casing as u8);
        }
        let mut present = vec![0u8; (1usize << self.bits).div_ceil(8)];
        for bucket in self.weights.present_buckets() {
            present[bucket / 8] |= 1 << (bucket % 8);
        }
        out.extend_from_slice(&present);
        out.extend_from_slice(&self.weights.rows);
        out
    }

    /// Reads a model file written by `textmill train-ner` ([`Model::to_bytes`]); both errors
    /// name the path.
    pub fn from_path(path: &std::path::Path) -> Result<Model, Error> {
        let shown = || path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::Io(shown(), e))?;
        Model::from_bytes(&bytes).map_err(|e| match e {
            Error::BadModel => Error::BadModelFile(shown()),
            other => other,
        })
    }

    /// The bucket bits a model may have (`TrainConfig::bits`): 2^8 to 2^26 feature buckets.
    pub const BITS: std::ops::RangeInclusive<u32> = 8..=26;

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        Model::read(bytes, |rows| Cow::Owned(rows.to_vec()))
    }

    /// Reads a model that lives as long as the program (the embedded one), keeping its weights
    /// where they are instead of copying them.
    pub(crate) fn from_static(bytes: &'static [u8]) -> Result<Model, Error> {
        Model::read(bytes, Cow::Borrowed)
    }

    /// Reads a model; `keep` keeps the bytes of its weight rows, borrowed or copied.
    fn read<'b>(
        bytes: &'b [u8],
        keep: impl FnOnce(&'b [u8]) -> Cow<'static, [u8]>,
    ) -> Result<Model, Error> {
        let bad = || Error::BadModel;
        let mut reader = Reader { bytes, at: 0 };
        let (clusters, calibration) = match reader.take(8).ok_or_else(bad)? {
            magic if magic == MAGIC => {
                let clusters = match u32::from_le_bytes(reader.array().ok_or_else(bad)?) {
                    0 => false,
                    WITH_CLUSTERS => true,
                    _ => return Err(bad()),
                };
                let mut calibration = [0f32; 3];
                for c in &mut calibration {
                    *c = f32::from_le_bytes(reader.array().ok_or_else(bad)?);
                    if !(-MAX_CALIBRATION..=MAX_CALIBRATION).contains(c) {
                        return Err(bad());
                    }
                }
                if !(1.0..=MAX_CALIBRATION).contains(&calibration[0]) {
                    return Err(bad());
                }
                (clusters, calibration)
            }
            magic if magic == MAGIC_V2 => (false, DEFAULT_CALIBRATION),
            _ => return Err(bad()),
        };
        let bits = u32::from_le_bytes(reader.array().ok_or_else(bad)?);
        if !Model::BITS.contains(&bits) {
            return Err(bad());
        }
        // Weights and transitions within these bounds keep every score finite (sums of a few
        // dozen weights, softmax over labels); a file outside them made scores NaN (fuzzing).
        let scale = f32::from_le_bytes(reader.array().ok_or_else(bad)?);
        if !(scale > 0.0 && scale <= MAX_SCALE) {
            return Err(bad());
        }
        let mut transitions = Vec::with_capacity((LABELS + 1) * LABELS);
        for _ in 0..(LABELS + 1) * LABELS {
            let transition = f32::from_le_bytes(reader.array().ok_or_else(bad)?);
            if !(-MAX_TRANSITION..=MAX_WEIGHT).contains(&transition) {
                return Err(bad());
            }
            transitions.push(transition);
        }
        let entries = u32::from_le_bytes(reader.array().ok_or_else(bad)?) as usize;
        let mut lexicon = Vec::with_capacity(entries.min(bytes.len() / 5));
        for _ in 0..entries {
            let key = u32::from_le_bytes(reader.array().ok_or_else(bad)?);
            let casing = match reader.array::<1>().ok_or_else(bad)?[0] {
                1 => Casing::MostlyLower,
                2 => Casing::MostlyCapital,
                _ => return Err(bad()),
            };
            if lexicon.last().is_some_and(|&(last, _)| last >= key) {
                return Err(bad());
            }
            lexicon.push((key, casing));
        }
        let buckets = 1usize << bits;
        let present = reader.take(buckets.div_ceil(8)).ok_or_else(bad)?;
        // The rows the bitmap promises must all be in the file before anything is allocated
        // for them: a crafted header cannot make the loader reserve memory the bytes do not back.
        let rows: usize = present.iter().map(|b| b.count_ones() as usize).sum();
        if rows.checked_mul(2 * LABELS) != Some(bytes.len() - reader.at) {
            return Err(bad());
        }
        // Bit `r % 8` of byte `r / 8` is bit `r % 64` of little-endian word `r / 64`.
        let present = present
            .chunks(8)
            .map(|chunk| {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                u64::from_le_bytes(word)
            })
            .collect();
        let rows = reader.take(rows * 2 * LABELS).ok_or_else(bad)?;
        let weights = Weights::new(present, keep(rows), scale);
        Ok(Model {
            bits,
            weights,
            transitions,
            lexicon,
            clusters,
            calibration,
            transition_weights: Default::default(),
        })
    }

    /// A featurizer for this model's feature set.
    pub(crate) fn featurizer(&self) -> Featurizer<'_> {
        Featurizer::new(
            crate::gazetteer::Gazetteers::get(),
            &self.lexicon,
            self.clusters,
        )
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Model {
        Model::from_bytes(crate::ENGLISH_MODEL).expect("the embedded model")
    }

    #[test]
    fn probabilities_of_all_label_sequences_sum_to_one() {
        let mut model = english();
        // Platt scaling off, so that the raw probabilities are read.
        model.calibration = [model.calibration[0], 1.0, 0.0];
        let mut featurizer = model.featurizer();
        featurizer.sentence(["Angela", "Merkel"].into_iter());
        let mut emissions = Vec::new();
        model.emissions(&featurizer, &mut emissions);
        let mut lattice = Lattice::default();
        model.lattice(&emissions, &mut lattice);
        let mut total = 0.0;
        for a in 0..LABELS {
            for b in 0..LABELS {
                if allowed(None, a) && allowed(Some(a), b) && may_end(b) {
                    total += model.segment_probability(&lattice, &[a, b], 0, 2);
                }
            }
        }
        assert!((total - 1.0).abs() < 1e-3, "{total}");
        let person = [
            label(Part::Begin, MentionKind::Per),
            label(Part::Last, MentionKind::Per),
        ];
        assert!(model.segment_probability(&lattice, &person, 0, 2) > 0.5);
    }

    #[test]
    fn the_embedded_model_is_read_in_place_and_writes_back_byte_for_byte() {
        let embedded = Model::from_static(crate::ENGLISH_MODEL).unwrap();
        assert!(matches!(embedded.weights.rows, Cow::Borrowed(_)));
        assert_eq!(embedded.to_bytes(), crate::ENGLISH_MODEL);
        let copied = english();
        assert!(matches!(copied.weights.rows, Cow::Owned(_)));
        assert_eq!(copied.to_bytes(), crate::ENGLISH_MODEL);
    }

    #[test]
    fn version_2_models_are_read_without_clusters() {
        let v3 = english().to_bytes();
        // Version 2: no feature-set word and no calibration after the magic.
        let mut v2 = MAGIC_V2.to_vec();
        v2.extend_from_slice(&v3[8 + 4 + 12..]);
        let model = Model::from_bytes(&v2).unwrap();
        assert!(!model.clusters);
        assert_eq!(model.calibration, DEFAULT_CALIBRATION);
    }

    #[test]
    fn a_calibration_out_of_range_is_refused() {
        let mut bytes = english().to_bytes();
        for bad in [0.5f32, f32::NAN, 1e9] {
            bytes[12..16].copy_from_slice(&bad.to_le_bytes());
            assert!(Model::from_bytes(&bytes).is_err(), "temperature {bad}");
        }
    }
}
