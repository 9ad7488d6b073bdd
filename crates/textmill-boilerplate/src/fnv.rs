//! FNV-1a: a cheap hash for the short words and lines this crate compares and looks up. Its
//! tables hold only the crate's own word lists, never keys from the input, so the flooding
//! resistance of the standard hasher is not needed.

use std::hash::{BuildHasherDefault, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a over a word's bytes or characters.
pub(crate) fn fnv1a(units: impl Iterator<Item = u32>) -> u64 {
    fold(OFFSET, units)
}

fn fold(state: u64, units: impl Iterator<Item = u32>) -> u64 {
    units.fold(state, |h, u| (h ^ u64::from(u)).wrapping_mul(PRIME))
}

/// FNV-1a as a [`Hasher`], for the crate's hash sets and maps of words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(OFFSET)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fold(self.0, bytes.iter().map(|&b| u32::from(b)));
    }
}

/// Builds [`Fnv`] hashers.
pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;

#[cfg(test)]
mod tests {
    use std::hash::Hasher;

    use super::{Fnv, fnv1a};

    #[test]
    fn matches_the_published_test_vectors() {
        // FNV-1a, 64 bits: "" and "a" (from the FNV reference test suite).
        assert_eq!(fnv1a("".bytes().map(u32::from)), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a".bytes().map(u32::from)), 0xaf63_dc4c_8601_ec8c);
        // The hasher continues from its state across writes.
        let mut hasher = Fnv::default();
        hasher.write(b"f");
        hasher.write(b"oo");
        assert_eq!(hasher.finish(), fnv1a("foo".bytes().map(u32::from)));
    }
}
