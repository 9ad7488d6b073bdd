//! One pass over the markup before the tree builder sees a page.
//!
//! - Nesting is capped. html5ever's tree builder scans its stack of open elements for every start
//!   tag, so a page nested 20,000 deep costs time in the square of that. Browsers cap the depth
//!   of the tree they build (Chromium at 512); this does the same on the markup: start tags
//!   beyond the cap are left out, with as many end tags after them, and their text stays.
//! - Scripts and style sheets are emptied (JSON-LD excepted, which holds metadata): nothing in
//!   them is text, and on news pages they are often half the bytes the tokenizer would walk.

use std::borrow::Cow;

/// Deeper nesting than this is flattened. Real pages stay far below it.
pub(crate) const MAX_DEPTH: usize = 512;

/// `html` with start tags beyond [`MAX_DEPTH`] (and a matching number of end tags) removed, and
/// scripts (but JSON-LD) and styles emptied; borrowed when nothing had to go.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped = 0usize;
    // Byte ranges of tags to leave out.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut name = String::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let Some(tag_end) = memchr::memchr(b'>', &bytes[name_end..]).map(|e| name_end + e + 1)
        else {
            break;
        };
        // Reused: this runs once per tag of the page.
        name.clear();
        name.push_str(&html[name_start..name_end]);
        name.make_ascii_lowercase();
        at = tag_end;
        if closing {
            if !opens_scope(&name) {
                continue;
            }
            if dropped > 0 {
                dropped -= 1;
                cuts.push((start, tag_end));
            } else {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        // Raw text: nothing inside is markup.
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let close = format!("</{name}");
            at = find_ignore_case(bytes, tag_end, close.as_bytes()).unwrap_or(bytes.len());
            // JSON-LD is metadata and MathJax's `math/tex` is math the cleaner reports: both stay.
            let attrs = html[name_end..tag_end].to_ascii_lowercase();
            let kept = name == "script" && (attrs.contains("ld+json") || attrs.contains("math/"));
            if matches!(name.as_str(), "script" | "style") && !kept && at > tag_end {
                cuts.push((tag_end, at));
            }
            continue;
        }
        let self_closing = bytes[tag_end - 2] == b'/';
        if !opens_scope(&name) || self_closing {
            continue;
        }
        if depth >= MAX_DEPTH {
            dropped += 1;
            cuts.push((start, tag_end));
        } else {
            depth += 1;
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Whether a start tag stays open until its end tag: not a void element ("br", "img"), and not
/// one that the next sibling closes implicitly ("p", "li", "td"), which would inflate the count
/// on old pages that never close them.
fn opens_scope(name: &str) -> bool {
    !matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "option"
            | "optgroup"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|i| from + i)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr::memchr(b'<', &bytes[at.min(bytes.len())..]) {
        let start = at + i;
        if bytes.len() - start >= needle.len()
            && bytes[start..start + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<div><p>One<p>Two<br><img src=x></div>".repeat(400);
        assert!(matches!(prepare(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn scripts_and_styles_are_emptied_but_json_ld_is_kept() {
        let page = "<head><script>var a = '<p>';</script><style>p{color:red}</style>\
            <script type=\"application/ld+json\">{\"headline\": \"Kim\"}</script></head><p>Text";
        assert_eq!(
            prepare(page),
            "<head><script></script><style></style>\
            <script type=\"application/ld+json\">{\"headline\": \"Kim\"}</script></head><p>Text"
        );
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_is_kept() {
        let page = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let capped = prepare(&page);
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("deep text"));
    }

    #[test]
    fn markup_in_scripts_and_comments_is_not_counted() {
        let comment = format!("<!--{}-->", "<div>".repeat(2000));
        assert!(matches!(prepare(&comment), Cow::Borrowed(_)));
        let script = format!("<script>{}</script>", "<div>".repeat(2000));
        assert!(!prepare(&script).contains("<div>"));
    }
}
