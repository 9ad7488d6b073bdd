//! Word shingles and their MinHash signature.
//!
//! A text's words (runs of letters and digits, lower-cased) are hashed once each; a shingle's
//! hash combines the hashes of its `k` words, and each of the signature's values is the least
//! image of the shingle hashes under one multiply-shift hash (Dietzfelbinger et al. 1997), a
//! cheap 2-universal family that needs one 64-bit multiply per shingle and value.

/// The 64-bit finaliser of SplitMix64: spreads a combined hash over every bit.
pub(crate) const fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

/// Calls `each` with the hash of every word of `text`: a maximal run of alphanumeric
/// characters, lower-cased (so "Putin", "PUTIN" and "putin" are one word). No allocation.
pub fn for_each_word_hash(text: &str, mut each: impl FnMut(u64)) {
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
            } else if in_word {
                each(hash);
                hash = FNV_OFFSET;
                in_word = false;
            }
            continue;
        }
        // A multi-byte character: decode it (the text is valid UTF-8, so `i` is a boundary).
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                hash = (hash ^ u64::from(u32::from(lower))).wrapping_mul(FNV_PRIME);
            }
            in_word = true;
        } else if in_word {
            each(hash);
            hash = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        each(hash);
    }
}

/// The hashes of a text's shingles of `k` words (one shingle of all its words when it has
/// fewer than `k`; none when it has no word). `words` is a scratch buffer, cleared first.
pub fn shingle_hashes(text: &str, k: usize, words: &mut Vec<u64>, mut each: impl FnMut(u64)) {
    words.clear();
    for_each_word_hash(text, |h| words.push(h));
    let k = k.max(1);
    if words.is_empty() {
        return;
    }
    let combine = |window: &[u64]| {
        mix64(
            window
                .iter()
                .fold(0u64, |acc, &w| acc.rotate_left(17).wrapping_add(w)),
        )
    };
    if words.len() < k {
        each(combine(words));
        return;
    }
    for window in words.windows(k) {
        each(combine(window));
    }
}

/// The multiply-shift hash functions of a signature: one odd multiplier and one addend each,
/// drawn from a seed, so that two runs with the same seed give the same signatures.
#[derive(Debug, Clone)]
pub struct MinHasher {
    multipliers: Vec<u64>,
    addends: Vec<u64>,
    shingle: usize,
}

impl MinHasher {
    /// `hashes` hash functions over shingles of `shingle` words, drawn from `seed`.
    pub fn new(hashes: usize, shingle: usize, seed: u64) -> Self {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9e3779b97f4a7c15);
            mix64(state)
        };
        let multipliers = (0..hashes).map(|_| next() | 1).collect();
        let addends = (0..hashes).map(|_| next()).collect();
        MinHasher {
            multipliers,
            addends,
            shingle,
        }
    }

    /// The number of values in a signature.
    pub fn len(&self) -> usize {
        self.multipliers.len()
    }

    /// Whether signatures are empty (no hash functions).
    pub fn is_empty(&self) -> bool {
        self.multipliers.is_empty()
    }

    /// The signature of `text` into `signature` (resized to [`len`](Self::len)); returns the
    /// number of shingles. A text with no word keeps every value at `u32::MAX`.
    pub fn sign(&self, text: &str, words: &mut Vec<u64>, signature: &mut Vec<u32>) -> usize {
        signature.clear();
        signature.resize(self.len(), u32::MAX);
        let mut shingles = 0;
        shingle_hashes(text, self.shingle, words, |x| {
            shingles += 1;
            for ((value, &a), &b) in signature
                .iter_mut()
                .zip(&self.multipliers)
                .zip(&self.addends)
            {
                let image = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                *value = (*value).min(image);
            }
        });
        shingles
    }
}

/// The share of positions where two signatures agree: an estimate of the Jaccard similarity
/// of the two shingle sets.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word_hash(text, |h| out.push(h));
        out
    }

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(words("Kim met PUTIN."), words("kim, met putin"));
        assert_eq!(words("Ünïcode ÉTÉ").len(), 2);
        assert_eq!(words("Ünïcode ÉTÉ"), words("ünïcode été"));
        assert!(words(" ,.; ").is_empty());
    }

    #[test]
    fn short_texts_have_one_shingle_and_empty_ones_none() {
        let mut buf = Vec::new();
        let mut n = 0;
        shingle_hashes("two words", 5, &mut buf, |_| n += 1);
        assert_eq!(n, 1);
        n = 0;
        shingle_hashes("", 5, &mut buf, |_| n += 1);
        assert_eq!(n, 0);
        n = 0;
        shingle_hashes("a b c d e f", 3, &mut buf, |_| n += 1);
        assert_eq!(n, 4);
    }

    #[test]
    fn the_estimate_follows_the_jaccard_similarity() {
        let hasher = MinHasher::new(256, 1, 7);
        let (mut buf, mut a, mut b) = (Vec::new(), Vec::new(), Vec::new());
        // 100 words shared, 50 on each side: Jaccard 100 / 200 = 0.5.
        let shared: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let left: Vec<String> = (0..50).map(|i| format!("l{i}")).collect();
        let right: Vec<String> = (0..50).map(|i| format!("r{i}")).collect();
        hasher.sign(&[shared.clone(), left].concat().join(" "), &mut buf, &mut a);
        hasher.sign(&[shared, right].concat().join(" "), &mut buf, &mut b);
        let estimate = similarity(&a, &b);
        assert!((estimate - 0.5).abs() < 0.1, "{estimate}");
        assert_eq!(similarity(&a, &a), 1.0);
    }
}
