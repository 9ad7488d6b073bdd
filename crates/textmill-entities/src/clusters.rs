//! Word clusters: which of 1,024, 256 and 64 groups of distributionally similar words a
//! lower-cased word belongs to (data/clusters.bin, built by `make ner-clusters` from word vectors;
//! see data/NOTICE.md). A name the training data never had still shares a cluster with names it
//! had, which is where the tagger's recall on new names comes from.
//!
//! The table is read in place from the embedded bytes: nothing is copied or allocated but a small
//! index of where each leading byte's keys begin.

use std::sync::LazyLock;

/// The table as embedded in the crate.
const EMBEDDED: &[u8] = include_bytes!("../data/clusters.bin");

const MAGIC: &[u8; 8] = b"TMCLU\x00\x01\x00";

/// A word's cluster at each level: of 1,024, of 256, of 64.
pub(crate) type Clusters = [u16; 3];

pub(crate) struct WordClusters {
    /// `rows x 4` bytes: u16 cluster of 1,024, u8 of 256, u8 of 64.
    rows: &'static [u8],
    /// Sorted u32 keys (`features::lexicon_key` of the lower-cased word).
    keys: &'static [u8],
    /// One u16 row per key.
    key_rows: &'static [u8],
    /// Where the keys with each leading byte begin (257 entries).
    starts: Vec<u32>,
}

static TABLE: LazyLock<WordClusters> = LazyLock::new(|| {
    WordClusters::parse(EMBEDDED)
        .expect("the embedded cluster table is checked by the crate's tests")
});

impl WordClusters {
    pub(crate) fn get() -> &'static WordClusters {
        &TABLE
    }

    fn parse(bytes: &'static [u8]) -> Option<WordClusters> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let count = |at: usize| -> Option<usize> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
        };
        let (rows, keys) = (count(8)?, count(12)?);
        let rows_end = 16 + rows * 4;
        let keys_end = rows_end + keys * 4;
        if bytes.len() != keys_end + keys * 2 {
            return None;
        }
        let table = WordClusters {
            rows: &bytes[16..rows_end],
            keys: &bytes[rows_end..keys_end],
            key_rows: &bytes[keys_end..],
            starts: Vec::new(),
        };
        let mut starts = Vec::with_capacity(257);
        let mut at = 0;
        for lead in 0..=256u32 {
            while at < keys && (table.key(at) >> 24) < lead {
                at += 1;
            }
            starts.push(at as u32);
        }
        let sorted = (1..keys).all(|i| table.key(i - 1) < table.key(i));
        let rows_valid = (0..keys).all(|i| (table.row_of(i) as usize) < rows);
        (sorted && rows_valid).then_some(WordClusters { starts, ..table })
    }

    fn key(&self, i: usize) -> u32 {
        u32::from_le_bytes(self.keys[i * 4..i * 4 + 4].try_into().expect("4 bytes"))
    }

    fn row_of(&self, i: usize) -> u16 {
        u16::from_le_bytes(self.key_rows[i * 2..i * 2 + 2].try_into().expect("2 bytes"))
    }

    /// The clusters of the word whose `lexicon_key` is `key`, if the table has it.
    pub(crate) fn lookup(&self, key: u32) -> Option<Clusters> {
        let lead = (key >> 24) as usize;
        let (mut lo, mut hi) = (self.starts[lead] as usize, self.starts[lead + 1] as usize);
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match self.key(mid).cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let r = self.row_of(mid) as usize * 4;
                    let row = &self.rows[r..r + 4];
                    return Some([
                        u16::from_le_bytes([row[0], row[1]]),
                        u16::from(row[2]),
                        u16::from(row[3]),
                    ]);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::lexicon_key;

    fn clusters(word: &str) -> Option<Clusters> {
        WordClusters::get().lookup(lexicon_key(word))
    }

    #[test]
    fn embedded_table_parses_and_groups_similar_words() {
        assert!(WordClusters::parse(EMBEDDED).is_some());
        let (monday, tuesday) = (clusters("monday").unwrap(), clusters("tuesday").unwrap());
        assert_eq!(monday[2], tuesday[2], "weekdays share a cluster of 64");
        assert!(clusters("qzxqzxqzx").is_none());
    }

    #[test]
    fn damaged_tables_are_refused() {
        let leaked: &'static [u8] = Box::leak(EMBEDDED[..EMBEDDED.len() - 1].to_vec().into());
        assert!(WordClusters::parse(leaked).is_none());
        assert!(WordClusters::parse(b"TMCLU\x00\x01\x00").is_none());
    }
}
