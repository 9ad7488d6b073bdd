//! Near-duplicates in a stream of documents: exact copies by a content hash, near copies by
//! MinHash signatures banded for locality-sensitive hashing, every candidate pair checked by
//! its estimated Jaccard similarity before a document is called a duplicate.
//!
//! A duplicate points at one earlier document that is not itself a duplicate, and it must be
//! similar to that document, not merely to something similar to it: chains of loosely similar
//! articles do not merge. Only documents that are not duplicates are indexed, and for each the
//! index keeps its content hash, its signature cut to one byte a value, and one slot per band.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use textmill::core::{SettingError, check_share};

use crate::minhash::{MinHasher, mix64};

/// How near-duplicates are found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle: usize,
    /// Values in a signature; a multiple of `bands`.
    pub hashes: usize,
    /// LSH bands: two documents become a candidate pair when all the values of one band agree.
    pub bands: usize,
    /// The least estimated Jaccard similarity of a candidate pair's shingle sets for the later
    /// document to be a duplicate of the earlier one.
    pub threshold: f64,
    /// Texts with fewer words are compared only as exact copies (a near copy of a very short
    /// text is often a different text).
    pub min_words: usize,
    /// Seed of the hash functions: signatures are comparable only under the same seed.
    pub seed: u64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            shingle: 3,
            hashes: 64,
            bands: 16,
            threshold: 0.5,
            min_words: 8,
            seed: 1,
        }
    }
}

impl DedupConfig {
    /// Checks every setting, naming the first one out of range.
    pub fn check(&self) -> Result<(), SettingError> {
        if self.shingle == 0 || self.shingle > 32 {
            return Err(SettingError::new(
                "shingle",
                format!("must lie in 1..=32 words, not {}", self.shingle),
            ));
        }
        if self.bands == 0 || self.hashes == 0 || self.hashes > 1024 {
            return Err(SettingError::new(
                "hashes",
                format!(
                    "hashes must lie in 1..=1024 and bands be at least 1, not {} and {}",
                    self.hashes, self.bands
                ),
            ));
        }
        if !self.hashes.is_multiple_of(self.bands) {
            return Err(SettingError::new(
                "bands",
                format!("must divide hashes ({}), not {}", self.hashes, self.bands),
            ));
        }
        check_share("threshold", self.threshold)
    }

    /// Values per band.
    pub fn rows(&self) -> usize {
        self.hashes / self.bands
    }
}

/// A document's fingerprints: what the index needs of it, made without the index (so that
/// documents can be signed in parallel and indexed in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// A hash of the whole text.
    pub content: u64,
    /// One byte of each MinHash value (empty when the text is too short to compare).
    pub signature: Vec<u8>,
}

/// What the index says of a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Not a duplicate: indexed under this number.
    Unique(u32),
    /// The same text as the document with this number.
    Exact(u32),
    /// A near copy of the document with this number, at this estimated Jaccard similarity.
    Near(u32, f64),
}

impl Verdict {
    /// The number of the document this one duplicates, if it is a duplicate.
    pub fn duplicate_of(&self) -> Option<u32> {
        match *self {
            Verdict::Unique(_) => None,
            Verdict::Exact(of) | Verdict::Near(of, _) => Some(of),
        }
    }

    /// The similarity to the document it duplicates (1 for an exact copy).
    pub fn similarity(&self) -> Option<f64> {
        match *self {
            Verdict::Unique(_) => None,
            Verdict::Exact(_) => Some(1.0),
            Verdict::Near(_, s) => Some(s),
        }
    }
}

/// Makes fingerprints; built once, shared across threads.
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    config: DedupConfig,
    hasher: MinHasher,
}

impl Fingerprinter {
    /// A fingerprinter for `config` (checked).
    pub fn new(config: DedupConfig) -> Result<Self, SettingError> {
        config.check()?;
        let hasher = MinHasher::new(config.hashes, config.shingle, config.seed);
        Ok(Fingerprinter { config, hasher })
    }

    /// The settings.
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// The fingerprint of `text`.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Vec<u64>, Vec<u32>)> = Default::default();
        }
        let content = content_hash(text);
        SCRATCH.with_borrow_mut(|(words, values)| {
            self.hasher.sign(text, words, values);
            let signature = if words.len() < self.config.min_words {
                Vec::new()
            } else {
                values.iter().map(|&v| v as u8).collect()
            };
            Fingerprint { content, signature }
        })
    }
}

/// A hash of the text with its whitespace runs made one space and its ends trimmed, so that a
/// copy re-wrapped or re-indented is still an exact copy.
pub fn content_hash(text: &str) -> u64 {
    let mut hash = 0x243f6a8885a308d3u64;
    let mut pending_space = false;
    for word in text.split_whitespace() {
        if pending_space {
            hash = mix64(hash ^ 0x20);
        }
        for chunk in word.as_bytes().chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            hash = mix64(hash ^ u64::from_le_bytes(buf) ^ ((chunk.len() as u64) << 59));
        }
        pending_space = true;
    }
    hash
}

/// One byte a value matches by chance one time in 256: the estimate is corrected for it.
const CHANCE: f64 = 1.0 / 256.0;

/// The estimated Jaccard similarity of two one-byte signatures.
pub fn estimate(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64;
    ((same - CHANCE) / (1.0 - CHANCE)).clamp(0.0, 1.0)
}

/// A duplicate found: the id of the earlier document it duplicates, and how similar.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The id of the earlier document (never itself a duplicate).
    pub of: String,
    /// The estimated Jaccard similarity of their shingles (1 for an exact copy).
    pub similarity: f64,
    /// Whether it is an exact copy (same text, whitespace aside).
    pub exact: bool,
}

/// Near-duplicates by document id: the index, and the ids of the documents it holds.
#[derive(Debug)]
pub struct Deduplicator {
    fingerprinter: Fingerprinter,
    index: DedupIndex,
    /// The ids of documents that are not duplicates, by their number in the stream.
    originals: Vec<(u32, String)>,
}

impl Deduplicator {
    /// A deduplicator for `config` (checked).
    pub fn new(config: DedupConfig) -> Result<Self, SettingError> {
        let fingerprinter = Fingerprinter::new(config)?;
        Ok(Deduplicator {
            index: DedupIndex::new(fingerprinter.config().clone()),
            fingerprinter,
            originals: Vec::new(),
        })
    }

    /// The fingerprinter (to fingerprint documents in parallel before [`insert`](Self::insert)).
    pub fn fingerprinter(&self) -> &Fingerprinter {
        &self.fingerprinter
    }

    /// Takes the next document: the earlier one it duplicates, if any.
    pub fn insert(&mut self, id: &str, fingerprint: &Fingerprint) -> Option<Duplicate> {
        let verdict = self.index.insert(fingerprint);
        let Some(of) = verdict.duplicate_of() else {
            self.originals
                .push((self.index.documents() - 1, id.to_string()));
            return None;
        };
        let at = self.originals.partition_point(|(n, _)| *n < of);
        Some(Duplicate {
            of: self.originals[at].1.clone(),
            similarity: verdict.similarity().unwrap_or(1.0),
            exact: matches!(verdict, Verdict::Exact(_)),
        })
    }

    /// [`insert`](Self::insert) of a text, fingerprinted here.
    pub fn insert_text(&mut self, id: &str, text: &str) -> Option<Duplicate> {
        let fingerprint = self.fingerprinter.fingerprint(text);
        self.insert(id, &fingerprint)
    }

    /// Bytes held: the index, and the ids of the documents it holds.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.originals.capacity() * std::mem::size_of::<(u32, String)>()
            + self
                .originals
                .iter()
                .map(|(_, id)| id.capacity())
                .sum::<usize>()
    }

    /// Bytes of the index alone (signatures, band tables, content hashes).
    pub fn index_bytes(&self) -> usize {
        self.index.heap_bytes()
    }
}

/// `textmill run --dedup`: documents are compared by their clean text.
impl textmill_batch::DuplicateCheck for Deduplicator {
    fn check(&mut self, doc: &textmill::Document) -> Option<(String, f64)> {
        self.insert_text(&doc.id, &doc.text)
            .map(|d| (d.of, d.similarity))
    }
}

/// The index of the documents seen so far that are not duplicates.
#[derive(Debug)]
pub struct DedupIndex {
    config: DedupConfig,
    /// Content hash -> document number.
    exact: FxHashMap<u64, u32>,
    /// The signatures of the indexed documents that were long enough to compare, end to end
    /// (`hashes` bytes each); such a document's place among them is its slot.
    signatures: Vec<u8>,
    /// Slot -> document number.
    numbers: Vec<u32>,
    /// One table per band.
    bands: Vec<BandTable>,
    documents: u32,
}

impl DedupIndex {
    /// An empty index (the config is checked by [`Fingerprinter::new`]).
    pub fn new(config: DedupConfig) -> Self {
        DedupIndex {
            bands: (0..config.bands).map(|_| BandTable::default()).collect(),
            config,
            exact: FxHashMap::default(),
            signatures: Vec::new(),
            numbers: Vec::new(),
            documents: 0,
        }
    }

    /// Takes the next document (numbered from 0 in the order given) and says whether it
    /// duplicates an earlier one; a document that does not is indexed.
    pub fn insert(&mut self, fingerprint: &Fingerprint) -> Verdict {
        let number = self.documents;
        self.documents += 1;
        if let Some(&of) = self.exact.get(&fingerprint.content) {
            return Verdict::Exact(of);
        }
        if let Some((of, similarity)) = self.nearest(&fingerprint.signature) {
            return Verdict::Near(of, similarity);
        }
        self.exact.insert(fingerprint.content, number);
        if fingerprint.signature.len() == self.config.hashes {
            let slot = self.numbers.len() as u32;
            self.numbers.push(number);
            self.signatures.extend_from_slice(&fingerprint.signature);
            let layout = Layout::of(&self.config);
            for (band, table) in self.bands.iter_mut().enumerate() {
                table.insert_if_absent(
                    slot,
                    |s| layout.key(&self.signatures, s, band),
                    |a, b| {
                        layout.band(&self.signatures, a, band)
                            == layout.band(&self.signatures, b, band)
                    },
                );
            }
        }
        Verdict::Unique(number)
    }

    /// The most similar indexed document among those sharing a band with `signature`, if it
    /// reaches the threshold.
    fn nearest(&self, signature: &[u8]) -> Option<(u32, f64)> {
        if signature.len() != self.config.hashes {
            return None;
        }
        let layout = Layout::of(&self.config);
        let mut best: Option<(u32, f64)> = None;
        let mut checked: Vec<u32> = Vec::new();
        for (band, table) in self.bands.iter().enumerate() {
            let values = layout.values(signature, band);
            let Some(slot) = table.find(layout.key_of(values, band), |s| {
                layout.band(&self.signatures, s, band) == values
            }) else {
                continue;
            };
            // A true copy shares most bands with its original: check it once.
            if checked.contains(&slot) {
                continue;
            }
            checked.push(slot);
            let similarity = estimate(signature, layout.signature(&self.signatures, slot));
            if similarity >= self.config.threshold && best.is_none_or(|(_, s)| similarity > s) {
                best = Some((slot, similarity));
            }
        }
        best.map(|(slot, similarity)| (self.numbers[slot as usize], similarity))
    }

    /// Documents seen.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    /// Bytes the index holds on the heap (its tables' capacities), for the memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.exact.capacity() * (std::mem::size_of::<(u64, u32)>() + 1)
            + self.signatures.capacity()
            + self.numbers.capacity() * 4
            + self.bands.iter().map(BandTable::heap_bytes).sum::<usize>()
    }
}

/// Where a band's values lie in a signature, and its key.
#[derive(Debug, Clone, Copy)]
struct Layout {
    hashes: usize,
    rows: usize,
}

impl Layout {
    fn of(config: &DedupConfig) -> Self {
        Layout {
            hashes: config.hashes,
            rows: config.rows(),
        }
    }

    fn values(self, signature: &[u8], band: usize) -> &[u8] {
        &signature[band * self.rows..(band + 1) * self.rows]
    }

    fn signature(self, signatures: &[u8], slot: u32) -> &[u8] {
        let start = slot as usize * self.hashes;
        &signatures[start..start + self.hashes]
    }

    fn band(self, signatures: &[u8], slot: u32, band: usize) -> &[u8] {
        self.values(self.signature(signatures, slot), band)
    }

    fn key(self, signatures: &[u8], slot: u32, band: usize) -> u64 {
        self.key_of(self.band(signatures, slot, band), band)
    }

    fn key_of(self, values: &[u8], band: usize) -> u64 {
        let mut key = mix64(band as u64 + 1);
        for chunk in values.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            key = mix64(key ^ u64::from_le_bytes(buf));
        }
        key
    }
}

/// An open-addressing table (linear probing) from a band's key to the first indexed document
/// with that band. It holds only the document's slot, 4 bytes: a probe is confirmed by
/// comparing the band's values in the stored signatures, and keys are recomputed from them
/// when the table grows.
#[derive(Debug, Default)]
struct BandTable {
    slots: Vec<u32>,
    len: usize,
}

const EMPTY: u32 = u32::MAX;

impl BandTable {
    fn find(&self, key: u64, matches: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = key as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == EMPTY {
                return None;
            }
            if matches(slot) {
                return Some(slot);
            }
            at = (at + 1) & mask;
        }
    }

    /// Inserts `slot` unless a document with the same band is there already.
    fn insert_if_absent(
        &mut self,
        slot: u32,
        key_of: impl Fn(u32) -> u64,
        same_band: impl Fn(u32, u32) -> bool,
    ) {
        // At most 7/8 full: linear probing stays short.
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            let old = std::mem::replace(
                &mut self.slots,
                vec![EMPTY; (self.len * 2).max(64).next_power_of_two()],
            );
            for s in old.into_iter().filter(|&s| s != EMPTY) {
                self.place(s, key_of(s));
            }
        }
        let key = key_of(slot);
        if self.find(key, |other| same_band(other, slot)).is_none() {
            self.place(slot, key);
            self.len += 1;
        }
    }

    fn place(&mut self, slot: u32, key: u64) {
        let mask = self.slots.len() - 1;
        let mut at = key as usize & mask;
        while self.slots[at] != EMPTY {
            at = (at + 1) & mask;
        }
        self.slots[at] = slot;
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(seed: usize, words: usize) -> String {
        (0..words)
            .map(|i| format!("w{}", mix64((seed as u64) << 32 | i as u64) % 50_000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn verdicts(texts: &[String]) -> Vec<Verdict> {
        let fp = Fingerprinter::new(DedupConfig::default()).unwrap();
        let mut index = DedupIndex::new(fp.config().clone());
        texts
            .iter()
            .map(|t| index.insert(&fp.fingerprint(t)))
            .collect()
    }

    #[test]
    fn exact_copies_and_rewrapped_copies_are_exact_duplicates() {
        let a = article(1, 300);
        let rewrapped = a.replace(' ', "\n  ");
        let v = verdicts(&[a.clone(), article(2, 300), a, rewrapped]);
        assert_eq!(v[0], Verdict::Unique(0));
        assert_eq!(v[1], Verdict::Unique(1));
        assert_eq!(v[2], Verdict::Exact(0));
        assert_eq!(v[3], Verdict::Exact(0));
    }

    #[test]
    fn a_copy_with_five_percent_of_words_changed_is_a_near_duplicate() {
        let a = article(3, 400);
        let mut words: Vec<String> = a.split(' ').map(str::to_string).collect();
        for i in (0..words.len()).step_by(20) {
            words[i] = format!("edit{i}");
        }
        let edited = format!("Follow us on Twitter. {}", words.join(" "));
        let v = verdicts(&[article(4, 400), a, edited]);
        let Verdict::Near(of, similarity) = v[2] else {
            panic!("not a near duplicate: {:?}", v[2]);
        };
        assert_eq!(of, 1);
        assert!(similarity > 0.5 && similarity < 1.0, "{similarity}");
    }

    #[test]
    fn unrelated_and_too_short_texts_are_not_duplicates() {
        let v = verdicts(&[
            article(5, 300),
            article(6, 300),
            "A short line.".into(),
            "A short line, again.".into(),
            String::new(),
        ]);
        assert!(v.iter().all(|v| v.duplicate_of().is_none()), "{v:?}");
    }

    #[test]
    fn a_duplicate_points_at_an_original_never_at_another_duplicate() {
        let a = article(7, 400);
        let v = verdicts(&[
            a.clone(),
            format!("{a} extra words here"),
            format!("{a} more words there"),
        ]);
        assert_eq!(v[1].duplicate_of(), Some(0));
        assert_eq!(v[2].duplicate_of(), Some(0));
    }

    #[test]
    fn the_index_grows_and_keeps_finding_originals() {
        let fp = Fingerprinter::new(DedupConfig::default()).unwrap();
        let mut index = DedupIndex::new(fp.config().clone());
        for i in 0..3000 {
            assert_eq!(
                index.insert(&fp.fingerprint(&article(i, 60))),
                Verdict::Unique(i as u32)
            );
        }
        for i in (0..3000).step_by(97) {
            let copy = format!("{} tail", article(i, 60));
            assert_eq!(
                index.insert(&fp.fingerprint(&copy)).duplicate_of(),
                Some(i as u32)
            );
        }
    }

    #[test]
    fn settings_out_of_range_are_named() {
        let bad = DedupConfig {
            bands: 7,
            ..DedupConfig::default()
        };
        assert_eq!(Fingerprinter::new(bad).unwrap_err().setting, "bands");
        let bad = DedupConfig {
            threshold: 1.5,
            ..DedupConfig::default()
        };
        assert_eq!(Fingerprinter::new(bad).unwrap_err().setting, "threshold");
        let bad = DedupConfig {
            shingle: 0,
            ..DedupConfig::default()
        };
        assert_eq!(Fingerprinter::new(bad).unwrap_err().setting, "shingle");
    }
}
