//! Bytes -> text. A page: byte-order mark, then UTF-8 if it is valid, then the charset the page
//! declares, then a guess by chardetng; malformed sequences become U+FFFD, and decoding never
//! fails. Plain text, which declares nothing: byte-order mark, then UTF-8 (with a few damaged
//! sequences), then chardetng's guess, if what it reads is text.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Decodes a page and names the encoding used.
pub fn decode_html(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, encoding);
    }
    // Bytes that are valid UTF-8 are UTF-8, whatever the markup declares: non-ASCII text in a
    // legacy charset is almost never valid UTF-8 by chance, while pages re-encoded to UTF-8 by a
    // crawler often keep their old declaration. Valid UTF-8 needs no copy.
    // (ISO-2022-JP is the exception: a 7-bit encoding, always valid UTF-8.)
    let declared = declared_charset(&bytes[..bytes.len().min(4096)]);
    if declared != Some(encoding_rs::ISO_2022_JP)
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return (Cow::Borrowed(text), UTF_8);
    }
    let encoding = declared.filter(|&e| e != UTF_8).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text, encoding)
}

/// The charset of `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">`
/// in the first bytes of the page. UTF-16 declared in an ASCII-compatible page means UTF-8 (as the
/// HTML standard says).
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |k| j + k);
        if let Some(encoding) = Encoding::for_label(&lower[j..end]) {
            return Some(
                if encoding.is_single_byte() || encoding.output_encoding() == UTF_8 {
                    encoding.output_encoding()
                } else {
                    encoding
                },
            );
        }
        from = end.max(from + i + 1);
    }
    None
}

/// Share of the non-ASCII sequences that may be invalid for bytes to still be read as UTF-8 (a
/// file cut inside a character, a few corrupted bytes): legacy-encoded text is invalid UTF-8 at
/// nearly every non-ASCII byte.
const DAMAGED_UTF8_SHARE: f64 = 0.1;
/// Share of the characters that may be control characters (other than tab and line breaks) in
/// a text read in a guessed encoding; past it, the bytes are not text in any encoding.
const CONTROL_SHARE: f64 = 0.01;

/// Decodes plain text and names the encoding used; `None` when the bytes are not text in any
/// encoding (binary data), or are UTF-8 damaged past repair.
pub fn decode_text(bytes: &[u8]) -> Option<(Cow<'_, str>, &'static Encoding)> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Some((text, encoding));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((Cow::Borrowed(text), UTF_8));
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if invalid as f64 <= DAMAGED_UTF8_SHARE * (valid + invalid) as f64 {
        return Some((String::from_utf8_lossy(bytes), UTF_8));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let chars = text.chars().count().max(1);
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    (controls as f64 <= CONTROL_SHARE * chars as f64).then_some((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_latin1_is_decoded() {
        let page = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        let (text, encoding) = decode_html(page);
        assert!(text.contains("café"));
        assert_eq!(encoding.name(), "windows-1252");
    }

    #[test]
    fn valid_utf8_outweighs_a_declared_single_byte_charset() {
        for charset in ["iso-8859-1", "windows-1252", "gb2312", "shift_jis"] {
            let page = format!("<meta charset=\"{charset}\"><p>café, 北京, Grüße</p>");
            let (text, encoding) = decode_html(page.as_bytes());
            assert_eq!(encoding, UTF_8, "{charset}");
            assert!(text.contains("café, 北京, Grüße"), "{charset}: {text}");
        }
    }

    #[test]
    fn declared_iso_2022_jp_is_honoured() {
        let page = b"<meta charset=\"iso-2022-jp\"><p>\x1b$B$3$s$K$A$O\x1b(B</p>";
        let (text, _) = decode_html(page);
        assert!(text.contains("こんにちは"), "{text}");
    }

    #[test]
    fn undeclared_bytes_are_guessed() {
        let (text, _) = decode_html(b"<p>Stra\xdfe und Gr\xfc\xdfe aus M\xfcnchen</p>");
        assert!(text.contains("Grüße"), "{text}");
    }

    #[test]
    fn bom_wins() {
        let (text, encoding) = decode_html(b"\xef\xbb\xbf<p>x</p>");
        assert_eq!(encoding, UTF_8);
        assert_eq!(text, "<p>x</p>");
    }

    #[test]
    fn plain_text_in_any_encoding_reads_as_its_words() {
        let text = "Le café crème coûte 3 €, dit-il à l’hôtel.";
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode_text(&cp1252).unwrap().0, text);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&utf16).unwrap().0, text);
        // UTF-8 cut inside its last character: the rest stands.
        let cut = &text.as_bytes()[..text.len() - 2];
        let (read, encoding) = decode_text(cut).unwrap();
        assert_eq!(encoding, UTF_8);
        assert!(read.starts_with("Le café crème coûte 3 €, dit-il à l’hôte"));
        // Binary data is not text in any encoding.
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert!(decode_text(&binary).is_none());
    }
}
