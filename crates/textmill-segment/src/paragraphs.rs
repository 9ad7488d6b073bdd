//! Paragraphs: blocks between blank lines, split further at single line breaks that end a
//! headline, dateline, byline, list item or caption.

use textmill_core::Span;

/// A line of text: `content` excludes the line break and any `\r` before it.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos > bytes.len() || (pos == bytes.len() && pos != 0 && bytes[pos - 1] == b'\n') {
            return None;
        }
        let start = pos;
        let nl = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| pos + p);
        pos = nl + 1;
        let end = if nl > start && bytes[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        Some(Line { start, end })
    })
}

/// Trims Unicode whitespace off both ends of `span` in `text`.
pub(crate) fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Whether a line starts with a list marker: a bullet, or "1." / "1)" / "a)" followed by a space.
pub(crate) fn starts_with_list_marker(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '◦' | '▪' | '⁃' | '–' | '—' | '·' | '►' | '‣') => {
            chars.next().is_some_and(char::is_whitespace) || line.starts_with('⁃')
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            line.len() - rest.len() <= 3
                && (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(".) "))
        }
        _ => false,
    }
}

fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '…'])
}

fn starts_like_a_new_block(line: &str) -> bool {
    let first = line
        .trim_start_matches(['"', '\'', '“', '‘', '(', '[', '«'])
        .chars()
        .next();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || starts_with_list_marker(line)
}

fn has_terminator(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'.' | b'!' | b'?'))
}

/// Whether the single line break between `prev` and `next` starts a new paragraph;
/// `rest_has_terminator` says whether anything from `next` to the end of the block ends a sentence.
fn breaks_between(prev: &str, next: &str, rest_has_terminator: bool) -> bool {
    if starts_with_list_marker(next) || starts_with_list_marker(prev) {
        return true;
    }
    if prev.ends_with([',', ';', '-', '–', '(']) {
        return false;
    }
    if ends_sentence(prev) || prev.ends_with(':') {
        return starts_like_a_new_block(next);
    }
    // No final punctuation: a headline, dateline or byline when a new block follows, a list when
    // nothing after it ends a sentence; otherwise a wrapped line.
    starts_like_a_new_block(next) || !rest_has_terminator
}

/// Appends the paragraphs of `text` to `out`, as trimmed spans in order.
pub(crate) fn paragraphs(text: &str, out: &mut Vec<Span>) {
    let mut block: Vec<Line> = Vec::new();
    let mut terminator_after: Vec<bool> = Vec::new();
    for line in lines(text) {
        if text[line.start..line.end].trim().is_empty() {
            split_block(text, &block, &mut terminator_after, out);
            block.clear();
        } else {
            block.push(line);
        }
    }
    split_block(text, &block, &mut terminator_after, out);
}

/// Splits one block of non-blank lines into paragraphs.
fn split_block(text: &str, block: &[Line], terminator_after: &mut Vec<bool>, out: &mut Vec<Span>) {
    let (Some(first), Some(last)) = (block.first(), block.last()) else {
        return;
    };
    // terminator_after[i]: whether lines i.. of the block hold a sentence end (one pass, not one
    // per line pair, so that a long block stays linear).
    terminator_after.clear();
    terminator_after.resize(block.len() + 1, false);
    for (i, line) in block.iter().enumerate().rev() {
        terminator_after[i] =
            terminator_after[i + 1] || has_terminator(&text[line.start..line.end]);
    }
    let mut start = first.start;
    for (i, pair) in block.windows(2).enumerate() {
        let (prev, next) = (pair[0], pair[1]);
        let prev_text = text[prev.start..prev.end].trim();
        let next_text = text[next.start..next.end].trim();
        if breaks_between(prev_text, next_text, terminator_after[i + 1]) {
            push_trimmed(text, Span::new(start, prev.end), out);
            start = next.start;
        }
    }
    push_trimmed(text, Span::new(start, last.end), out);
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let span = trim(text, span);
    if !span.is_empty() {
        out.push(span);
    }
}
