//! Token features for the tagger, hashed: each token's word, shape, affixes and gazetteer
//! matches, and those of its neighbours, become bucket indices into the weight table. No string
//! is built per feature; per-token values are hashed once and combined.

use crate::clusters::WordClusters;
use crate::gazetteer::{Gazetteers, NameKind};

/// The word-level facts a feature template can use.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    lower: u64,
    surface: u64,
    shape: u64,
    short_shape: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
    /// Gazetteer and case bits (see `bits`).
    flags: u64,
    /// The word's cluster of 1,024, 256 and 64 ([`NO_CLUSTER`] for words not in the table).
    clusters: [u64; 3],
}

/// The cluster value of a word the cluster table does not have: a feature of its own.
const NO_CLUSTER: u64 = 0xFFFF;

const TITLE: u64 = 1;
const UPPER: u64 = 1 << 1;
const DIGIT: u64 = 1 << 2;
const FIRST_NAME: u64 = 1 << 3;
const SURNAME: u64 = 1 << 4;
const PLACE_BEGIN: u64 = 1 << 5;
const PLACE_INSIDE: u64 = 1 << 6;
const COUNTRY: u64 = 1 << 7;
const NORP: u64 = 1 << 8;
const MOSTLY_LOWER: u64 = 1 << 9;
const MOSTLY_CAPITAL: u64 = 1 << 10;

/// How a word is usually written in running text, learnt from the training data: a capitalised
/// word that is usually lower case ("The", "Thanks") is rarely a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Casing {
    MostlyLower = 1,
    MostlyCapital = 2,
}

/// The key of a word in the casing lexicon: a hash of its lower-case form.
pub(crate) fn lexicon_key(lower: &str) -> u32 {
    (hash_str(5, lower) >> 32) as u32
}

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0xA076_1D64_78BD_642F) ^ SEED
}

fn hash_bytes(template: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h = template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h, template)
}

fn hash_str(template: u64, s: &str) -> u64 {
    hash_bytes(template, s.bytes())
}

/// Word shape: runs of upper, lower and digit characters collapsed ("Kim" -> "Xx",
/// "U.S." -> "X.X.", "10th" -> "dx"); `long` keeps up to four of a run ("Xxxx").
fn shape(word: &str, long: bool, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
            if !long || run >= 4 || !matches!(class, 'X' | 'x' | 'd') {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(class);
        last = class;
    }
}

/// Hashed features of every token of one sentence; call [`Featurizer::token`] for each index.
pub(crate) struct Featurizer<'g> {
    gazetteers: &'g Gazetteers,
    /// Sorted `(lexicon_key, Casing)` pairs.
    lexicon: &'g [(u32, Casing)],
    words: Vec<Word>,
    /// The sentence is all upper case or all lower case: case says nothing there.
    uncased: u64,
    lower: String,
    scratch: String,
    /// The lower-cased token as characters, for affixes; reused across tokens.
    chars: Vec<char>,
    /// Word clusters, when the model was trained with them.
    clusters: Option<&'static WordClusters>,
}

/// Feature templates per token without word clusters, including the bias.
const BASE_TEMPLATES: usize = 34;

/// Feature templates per token at most (with word clusters).
pub(crate) const TEMPLATES: usize = BASE_TEMPLATES + 5;

impl<'g> Featurizer<'g> {
    /// `clusters`: add the word-cluster features (a model records whether it was trained so).
    pub(crate) fn new(
        gazetteers: &'g Gazetteers,
        lexicon: &'g [(u32, Casing)],
        clusters: bool,
    ) -> Self {
        Featurizer {
            clusters: clusters.then(WordClusters::get),
            gazetteers,
            lexicon,
            words: Vec::new(),
            uncased: 0,
            lower: String::new(),
            scratch: String::new(),
            chars: Vec::new(),
        }
    }

    /// Prepares the per-word values of a sentence given as its token strings.
    pub(crate) fn sentence<'t>(&mut self, tokens: impl ExactSizeIterator<Item = &'t str> + Clone) {
        self.words.clear();
        let (mut upper, mut lower, mut letters) = (0, 0, 0);
        for token in tokens.clone() {
            let first = token.chars().next().unwrap_or(' ');
            if first.is_alphabetic() {
                letters += 1;
                if token.chars().all(|c| !c.is_lowercase()) {
                    upper += 1;
                }
                if token.chars().all(|c| !c.is_uppercase()) {
                    lower += 1;
                }
            }
        }
        self.uncased = u64::from(letters >= 3 && (upper == letters || lower == letters));
        for token in tokens.clone() {
            self.lower.clear();
            self.lower
                .extend(token.chars().flat_map(char::to_lowercase));
            let mut word = Word {
                lower: hash_str(1, &self.lower),
                surface: hash_str(2, token),
                ..Word::default()
            };
            shape(token, true, &mut self.scratch);
            word.shape = hash_str(3, &self.scratch);
            shape(token, false, &mut self.scratch);
            word.short_shape = hash_str(4, &self.scratch);
            self.chars.clear();
            self.chars.extend(self.lower.chars());
            let chars = &self.chars;
            // Affixes hash the low byte of each character: the shipped model was trained so.
            for n in 1..=3 {
                if chars.len() > n {
                    word.prefixes[n - 1] =
                        hash_bytes(10 + n as u64, chars[..n].iter().map(|&c| c as u8));
                }
            }
            for n in 1..=4 {
                if chars.len() > n {
                    let tail = &chars[chars.len() - n..];
                    word.suffixes[n - 1] = hash_bytes(20 + n as u64, tail.iter().map(|&c| c as u8));
                }
            }
            let first = token.chars().next().unwrap_or(' ');
            if first.is_uppercase() {
                word.flags |= TITLE;
            }
            if token.chars().filter(|c| c.is_alphabetic()).count() > 1
                && token.chars().all(|c| !c.is_lowercase())
            {
                word.flags |= UPPER;
            }
            if token.chars().any(|c| c.is_ascii_digit()) {
                word.flags |= DIGIT;
            }
            match self.gazetteers.name(token) {
                Some(NameKind::First) => word.flags |= FIRST_NAME,
                Some(NameKind::Last) => word.flags |= SURNAME,
                Some(NameKind::Both) => word.flags |= FIRST_NAME | SURNAME,
                None => {}
            }
            if self.gazetteers.is_norp(token) {
                word.flags |= NORP;
            }
            let key = lexicon_key(&self.lower);
            if let Ok(at) = self.lexicon.binary_search_by_key(&key, |e| e.0) {
                word.flags |= match self.lexicon[at].1 {
                    Casing::MostlyLower => MOSTLY_LOWER,
                    Casing::MostlyCapital => MOSTLY_CAPITAL,
                };
            }
            if let Some(table) = self.clusters {
                word.clusters = match table.lookup(key) {
                    Some(c) => c.map(u64::from),
                    None => [NO_CLUSTER; 3],
                };
            }
            self.words.push(word);
        }
        // Places may span tokens ("New York"): mark the longest match starting at each token.
        let tokens: Vec<&str> = tokens.collect();
        let mut i = 0;
        while i < tokens.len() {
            match self.gazetteers.place_at(&tokens[i..], &mut self.scratch) {
                Some((len, country)) => {
                    self.words[i].flags |= PLACE_BEGIN | if country { COUNTRY } else { 0 };
                    for w in &mut self.words[i + 1..i + len] {
                        w.flags |= PLACE_INSIDE;
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// How many of the `TEMPLATES` features [`Featurizer::token`] fills.
    pub(crate) fn templates(&self) -> usize {
        if self.clusters.is_some() {
            TEMPLATES
        } else {
            BASE_TEMPLATES
        }
    }

    /// The hashed features of token `i` (before reduction to buckets); the first
    /// [`Featurizer::templates`] of `out` are filled.
    pub(crate) fn token(&self, i: usize, out: &mut [u64; TEMPLATES]) {
        const NONE: Word = Word {
            lower: 0x5151,
            surface: 0x5252,
            shape: 0x5353,
            short_shape: 0x5454,
            prefixes: [0; 3],
            suffixes: [0; 4],
            flags: 1 << 20,
            clusters: [0x5555; 3],
        };
        let at = |j: isize| -> &Word {
            if j < 0 || j as usize >= self.words.len() {
                &NONE
            } else {
                &self.words[j as usize]
            }
        };
        let i = i as isize;
        let (w, p, n, p2, n2) = (at(i), at(i - 1), at(i + 1), at(i - 2), at(i + 2));
        let start = u64::from(i == 0);
        let features = [
            0,
            mix(101, w.lower),
            mix(102, p.lower),
            mix(103, n.lower),
            mix(104, p2.lower),
            mix(105, n2.lower),
            mix(106, w.surface),
            mix(107, w.shape),
            mix(108, p.shape),
            mix(109, n.shape),
            mix(110, mix(mix(p.short_shape, w.short_shape), n.short_shape)),
            mix(111, w.prefixes[0]),
            mix(112, w.prefixes[1]),
            mix(113, w.prefixes[2]),
            mix(114, w.suffixes[0]),
            mix(115, w.suffixes[1]),
            mix(116, w.suffixes[2]),
            mix(117, w.suffixes[3]),
            mix(118, mix(p.lower, w.lower)),
            mix(119, mix(w.lower, n.lower)),
            mix(120, w.flags),
            mix(121, p.flags),
            mix(122, n.flags),
            mix(123, mix(start, w.shape)),
            mix(124, mix(p.lower, w.short_shape)),
            mix(125, mix(w.short_shape, n.lower)),
            mix(126, mix(self.uncased, w.short_shape)),
            mix(127, mix(self.uncased, w.lower)),
            mix(128, mix(start, w.lower)),
            mix(129, mix(w.flags, mix(p.flags, n.flags))),
            mix(130, mix(p2.lower, p.lower)),
            mix(131, mix(n.lower, n2.lower)),
            mix(132, mix(w.flags & (TITLE | UPPER), p.lower)),
            mix(133, mix(p.short_shape, n.short_shape)),
        ];
        out[..BASE_TEMPLATES].copy_from_slice(&features);
        if self.clusters.is_some() {
            out[BASE_TEMPLATES..].copy_from_slice(&[
                mix(134, w.clusters[0]),
                mix(135, w.clusters[1]),
                mix(136, w.clusters[2]),
                mix(137, p.clusters[2]),
                mix(138, n.clusters[2]),
            ]);
        }
    }
}
