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

/// `html` with start tags beyond [`MAX_DEPTH`] (and a matching number of end tags) removed,
/// scripts (but JSON-LD), styles and drawings (`<svg>`) emptied, and comments removed; borrowed
/// when nothing had to go.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped = 0usize;
    // Byte ranges of tags to leave out.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut svg_unclosed = false;
    let mut name = String::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            // Comments go whole: nothing reads them, and the tokenizer walks them a character
            // at a time.
            at = comment_end(bytes, start);
            cuts.push((start, at));
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
        let Some(tag_end) = tag_end(bytes, name_end) else {
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
        // Raw text: nothing inside is markup (nor a comment).
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
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
        // Drawings are emptied: no text in them is kept, and their shapes are many elements.
        // Once one is never closed, later ones are left alone, so that each is not looked for
        // to the end of the page again.
        if name == "svg" && !svg_unclosed {
            match svg_end(bytes, tag_end) {
                Some(close) => {
                    cuts.push((tag_end, close));
                    at = close;
                }
                None => svg_unclosed = true,
            }
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

/// Just past the `>` that ends a tag whose name ends at `from`; a `>` inside a quoted attribute
/// value does not end it (`title="a > b"`, `data-icon="<svg>"`). `None` when the tag never ends.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        at += memchr::memchr2(b'>', b'=', &bytes[at..])?;
        if bytes[at] == b'>' {
            return Some(at + 1);
        }
        at += 1;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if let Some(&quote @ (b'"' | b'\'')) = bytes.get(at) {
            at += 1 + memchr::memchr(quote, &bytes[at + 1..])?;
            at += 1;
        }
    }
}

/// Where the comment that opens at `start` (`<!--`) ends, as a browser ends it: at `-->` or
/// `--!>`, at once for `<!-->` and `<!--->`, and at the end of the page when it is not closed.
fn comment_end(bytes: &[u8], start: usize) -> usize {
    let rest = &bytes[start..];
    if rest.starts_with(b"<!-->") {
        return start + 5;
    }
    if rest.starts_with(b"<!--->") {
        return start + 6;
    }
    // `--!>` is looked for only before the first `-->`: each search stays inside the comment.
    let closed = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
    memchr::memmem::find(&bytes[(start + 4).min(closed)..closed], b"--!>")
        .map_or(closed, |e| start + 4 + e + 4)
}

/// Where the `</svg` that closes an `<svg>` whose start tag ends at `from` begins, counting
/// drawings nested in it; `None` when it is never closed (then HTML that follows breaks out of
/// it, and nothing is cut).
fn svg_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut open = 1usize;
    let mut at = from;
    loop {
        let start = at + memchr::memchr(b'<', &bytes[at..])?;
        let rest = &bytes[start + 1..];
        let closing = rest.first() == Some(&b'/');
        let name = &rest[usize::from(closing)..];
        let is_svg = name.len() > 3
            && name[..3].eq_ignore_ascii_case(b"svg")
            && !name[3].is_ascii_alphanumeric();
        at = start + 1;
        if !is_svg {
            continue;
        }
        if closing {
            open -= 1;
            if open == 0 {
                return Some(start);
            }
        } else {
            // The same tag end as the main scan (quote-aware): `<svg/>` opens nothing.
            let end = tag_end(bytes, start + 4)?;
            if bytes[end - 2] != b'/' {
                open += 1;
            }
        }
    }
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
    fn comments_go_where_a_browser_ends_them() {
        assert_eq!(prepare("a<!-- x <p> -->b"), "ab");
        assert_eq!(prepare("a<!-->b<!--->c"), "abc");
        assert_eq!(prepare("a<!-- x --!>b"), "ab");
        assert_eq!(prepare("a<!-- never closed <p>b"), "a");
    }

    #[test]
    fn markup_inside_attribute_values_is_not_markup() {
        let page = "<a title=\"x > <!-- y\">kept</a> -->also kept\
            <div data-icon = '<svg>'>kept too</div></svg>";
        assert_eq!(prepare(page), page);
    }

    #[test]
    fn a_comment_opener_in_raw_text_opens_no_comment() {
        let page = "<iframe><!--</iframe><p>The article.</p><noembed><!--</noembed><p>More.";
        assert_eq!(prepare(page), page);
    }

    #[test]
    fn after_a_drawing_never_closed_no_later_one_is_looked_for() {
        // Looking for each one's end to the end of the page again would be quadratic in a page
        // of many unclosed drawings.
        let page = "<svg><p>a<svg><g></g></svg>b";
        assert_eq!(prepare(page), page);
    }

    #[test]
    fn drawings_are_emptied() {
        let page = "<p>a<svg viewBox=\"0 0 1 1\"><svg><path d=\"M0\"/></svg><title>t</title></svg>\
            b<svg/>c<SVG><g></g></SVG>d";
        assert_eq!(
            prepare(page),
            "<p>a<svg viewBox=\"0 0 1 1\"></svg>b<svg/>c<SVG></SVG>d"
        );
        // Not closed: HTML after it breaks out of it, so nothing goes.
        assert_eq!(prepare("<svg><path/><p>text"), "<svg><path/><p>text");
    }

    #[test]
    fn markup_in_scripts_and_comments_is_not_counted() {
        let comment = format!("<!--{}-->", "<div>".repeat(2000));
        assert_eq!(prepare(&comment), "");
        let script = format!("<script>{}</script>", "<div>".repeat(2000));
        assert!(!prepare(&script).contains("<div>"));
    }
}
