/// Converts byte offsets into a text to code-point offsets and back.
///
/// Built once per document in O(n); each lookup costs O(log n) plus a scan of at most one
/// 64-byte block. Pure-ASCII text (most English news) takes a fast path where both offsets agree.
/// The map stores one `usize` per 64 bytes of text, so it stays small even for 100 MB documents.
///
/// ```
/// use textmill_core::OffsetMap;
///
/// let text = "Kim’s train";
/// let map = OffsetMap::new(text);
/// assert_eq!(map.byte_to_char(text.find("train").unwrap()), 6);
/// assert_eq!(map.char_to_byte(6), 8);
/// ```
#[derive(Debug, Clone)]
pub struct OffsetMap<'t> {
    text: &'t str,
    /// `chars_before[i]` = number of chars in `text[..i * BLOCK]`; empty when the text is ASCII.
    chars_before: Vec<usize>,
    char_len: usize,
}

const BLOCK: usize = 64;

#[inline]
fn is_char_start(b: u8) -> bool {
    // Continuation bytes look like 0b10xx_xxxx.
    (b as i8) >= -0x40
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_char_start(b)).count()
}

impl<'t> OffsetMap<'t> {
    /// Builds the map of `text` in O(n); an ASCII text needs no table at all.
    pub fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return OffsetMap {
                text,
                chars_before: Vec::new(),
                char_len: text.len(),
            };
        }
        let bytes = text.as_bytes();
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut seen = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before.push(seen);
            seen += count_chars(block);
        }
        OffsetMap {
            text,
            chars_before,
            char_len: seen,
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The code-point offset of byte offset `byte` (clamped to the text's length).
    ///
    /// An offset inside a multi-byte character maps to that character's index.
    pub fn byte_to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.chars_before.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        if block == self.chars_before.len() {
            return self.char_len;
        }
        let block_start = block * BLOCK;
        let before = self.chars_before[block];
        // Count char starts in [block_start, byte); a partial char at `byte` is not counted.
        let within = count_chars(&self.text.as_bytes()[block_start..byte]);
        let inside_char = !self.text.is_char_boundary(byte);
        before + within - usize::from(inside_char)
    }

    /// The byte offset of code-point offset `ch` (clamped to the text's length).
    pub fn char_to_byte(&self, ch: usize) -> usize {
        if ch >= self.char_len {
            return self.text.len();
        }
        if self.chars_before.is_empty() {
            return ch;
        }
        // The last block that starts at or before char `ch`.
        let block = self.chars_before.partition_point(|&c| c <= ch) - 1;
        let mut seen = self.chars_before[block];
        let bytes = self.text.as_bytes();
        let mut pos = block * BLOCK;
        loop {
            if is_char_start(bytes[pos]) {
                if seen == ch {
                    return pos;
                }
                seen += 1;
            }
            pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn byte_and_char_offsets_agree_with_char_indices(text in "\\PC{0,300}") {
            let map = OffsetMap::new(&text);
            prop_assert_eq!(map.char_len(), text.chars().count());
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(map.byte_to_char(bi), ci);
                prop_assert_eq!(map.char_to_byte(ci), bi);
            }
            prop_assert_eq!(map.byte_to_char(text.len()), map.char_len());
            prop_assert_eq!(map.char_to_byte(map.char_len()), text.len());
        }

        #[test]
        fn char_to_byte_always_lands_on_a_boundary(text in "\\PC{0,200}", ch in 0usize..400) {
            let map = OffsetMap::new(&text);
            prop_assert!(text.is_char_boundary(map.char_to_byte(ch)));
        }
    }

    #[test]
    fn offset_inside_a_multibyte_char_maps_to_that_char() {
        let text = "a’b";
        let map = OffsetMap::new(text);
        assert_eq!(map.byte_to_char(2), 1);
        assert_eq!(map.byte_to_char(4), 2);
    }
}
