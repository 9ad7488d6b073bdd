//! Sentence boundaries inside one paragraph: a single left-to-right scan that stops only at
//! `.`, `!`, `?` and `…`, and looks at a bounded context around each. Linear time, no regex.

use std::sync::LazyLock;

use textmill_core::Span;
use textmill_core::lexicon::{WordList, capitalised_calendar_name, time_zones};

use crate::abbrev::{AbbrevKind, Abbreviations};
use crate::paragraphs::trim;
use crate::words;

// Word lists, data/words.txt.
static SIGN_OFFS: LazyLock<WordList> = LazyLock::new(|| words::list("sign_offs"));
static SIGN_OFF_MAX_BYTES: LazyLock<usize> =
    LazyLock::new(|| SIGN_OFFS.iter().map(str::len).max().unwrap_or(0));
static OPENERS: LazyLock<WordList> = LazyLock::new(|| words::list("openers"));

/// Capitalised words that continue a sentence after "a.m.", "Inc." and the like: weekdays,
/// months and time zones.
fn is_continuer(word: &str) -> bool {
    capitalised_calendar_name(word).is_some() || time_zones().contains(word)
}

/// Bytes that may end a sentence: `.`, `!`, `?`, and 0xE2, the first byte of `…` (U+2026);
/// and, in web and e-mail text, `)` of an emoticon, `>` of an address, `,` of a sign-off, `M`
/// of an e-mail header's "06/04/2001 05:54 PM", `_` of a separator line, `/` of a URL.
const CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[0xE2] = true;
    // The first bytes of the CJK full stop 。 (U+3002) and of the full-width ！ and ？ (U+FF01,
    // U+FF1F) and the half-width ｡ (U+FF61).
    table[0xE3] = true;
    table[0xEF] = true;
    table[b')' as usize] = true;
    table[b'>' as usize] = true;
    table[b',' as usize] = true;
    table[b'M' as usize] = true;
    table[b'_' as usize] = true;
    table[b'/' as usize] = true;
    table
};

const ELLIPSIS: &str = "…";

/// Sentence ends of Chinese and Japanese text, which need no space after them.
const CJK_ENDS: [char; 4] = ['。', '！', '？', '｡'];

fn is_cjk_closing(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '）' | '】' | '〕' | '》' | '〉' | '”' | '’' | '"'
    )
}

/// The end of a sentence closed by a CJK mark at `i` (with the marks and closing brackets
/// after it), or None when the bytes at `i` are another character.
fn cjk_end(text: &str, end: usize, i: usize) -> Option<usize> {
    let first = text[i..end].chars().next()?;
    if !CJK_ENDS.contains(&first) {
        return None;
    }
    let rest = &text[i..end];
    let taken: usize = rest
        .chars()
        .take_while(|&c| CJK_ENDS.contains(&c) || is_cjk_closing(c) || c == '!' || c == '?')
        .map(char::len_utf8)
        .sum();
    // 「晴れ？」と聞いた: a quotation followed by the quoting particle is inside the sentence.
    let closed = rest[..taken].chars().any(is_cjk_closing);
    if closed && rest[taken..].starts_with(['と', 'っ']) {
        return None;
    }
    Some(i + taken)
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '}')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '{' | '¿' | '¡'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦' | '▪' | '⁃' | '‣' | '►' | '-' | '*' | '–' | '—' | '·'
    )
}

/// What follows a candidate sentence end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Next {
    /// Nothing: the paragraph ends.
    End,
    /// A capital letter, or a lower-case word with a capital inside ("iPad").
    Upper,
    Lower,
    Digit,
    /// Anything else (a dash, a currency sign, a bracket with no letter after it).
    Other,
}

struct Follower<'t> {
    next: Next,
    /// The first word after the boundary, without opening punctuation.
    word: &'t str,
}

fn follower(text: &str, from: usize) -> Follower<'_> {
    let rest = text[from..].trim_start();
    let rest = rest.trim_start_matches(is_opening);
    let word_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let next = match rest.chars().next() {
        None if text[from..].trim().is_empty() => Next::End,
        None => Next::Other,
        Some(c) if c.is_uppercase() => Next::Upper,
        Some(c) if c.is_lowercase() => {
            if word.chars().any(char::is_uppercase) {
                Next::Upper
            } else {
                Next::Lower
            }
        }
        Some(c) if c.is_ascii_digit() => Next::Digit,
        Some(_) => Next::Other,
    };
    Follower { next, word }
}

/// The word right before byte `end` (up to the previous whitespace), without opening punctuation
/// and bullets.
fn word_before(text: &str, start: usize, end: usize) -> (usize, &str) {
    let before = &text[start..end];
    let word_start = before.rfind(char::is_whitespace).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    let trimmed = word.trim_start_matches(|c: char| is_opening(c) || is_bullet(c));
    (start + word_start + (word.len() - trimmed.len()), trimmed)
}

/// Whether the word before `end` is capitalised (a name such as "Yahoo").
fn name_before(text: &str, start: usize, end: usize) -> bool {
    let (_, word) = word_before(text, start, end);
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word` has the shape "U.S", "e.g", "J.R.R", "Ph.D": short letter groups joined by dots.
fn is_dotted_initials(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
}

fn looks_like_address(word: &str) -> bool {
    word.contains('@') || word.contains('/') || word.starts_with("www.")
}

/// At least `n` words between `start` and `end`? Scans back over at most `n` words.
fn has_words(text: &str, start: usize, end: usize, n: usize) -> bool {
    text[start..end].split_whitespace().rev().take(n).count() >= n
}

/// Whether only bullets, brackets and spaces stand between `start` and `pos`.
fn at_item_start(text: &str, start: usize, pos: usize) -> bool {
    text[start..pos]
        .chars()
        .all(|c| c.is_whitespace() || is_bullet(c) || is_opening(c))
}

pub(crate) struct SentenceSplitter<'a> {
    pub abbreviations: &'a Abbreviations,
}

impl SentenceSplitter<'_> {
    /// Appends the sentences of one paragraph (`span` of `text`) to `out`.
    pub(crate) fn split(&self, text: &str, span: Span, out: &mut Vec<Span>) {
        let bytes = text.as_bytes();
        let mut sentence_start = span.start;
        let mut list = ListMarkers::detect(text, span);
        let mut i = span.start;
        while i < span.end {
            if let Some(list) = list.as_mut()
                && let Some(marker) = list.marker_at(text, i, span.end)
                && !text[sentence_start..marker].trim().is_empty()
            {
                push(text, Span::new(sentence_start, marker), out);
                sentence_start = marker;
            }
            if !CANDIDATE[bytes[i] as usize]
                || (bytes[i] == 0xE2 && !text[i..span.end].starts_with(ELLIPSIS))
            {
                i += 1;
                continue;
            }
            let (end, resume) = match bytes[i] {
                // Cheap rejections first: these bytes are common inside words and URLs.
                b'M' | b'_' if !bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) => {
                    (None, i + 1)
                }
                b'/' if i == 0 || bytes[i - 1] != b':' || bytes.get(i + 1) != Some(&b'/') => {
                    (None, i + 1)
                }
                b')' | b'>' | b',' | b'M' | b'_' | b'/' => {
                    let end = web_end(text, span, sentence_start, i);
                    (end, end.unwrap_or(i + 1).max(i + 1))
                }
                0xE3 | 0xEF => {
                    let end = cjk_end(text, span.end, i);
                    (end, end.unwrap_or(i + 1))
                }
                _ => self.candidate(text, span, sentence_start, i),
            };
            if let Some(end) = end {
                push(text, Span::new(sentence_start, end), out);
                sentence_start = end;
            }
            i = resume;
        }
        push(text, Span::new(sentence_start, span.end), out);
    }

    /// Looks at the terminator at `i`: returns where the sentence ends, if it does, and where
    /// to resume scanning.
    fn candidate(
        &self,
        text: &str,
        span: Span,
        sentence_start: usize,
        i: usize,
    ) -> (Option<usize>, usize) {
        let bytes = text.as_bytes();
        // The run of terminators: "?!", "....", "…".
        let mut j = i;
        let (mut dots, mut marks) = (0usize, 0usize);
        while j < span.end {
            match bytes[j] {
                b'.' => dots += 1,
                b'!' | b'?' => marks += 1,
                0xE2 if text[j..span.end].starts_with(ELLIPSIS) => {
                    dots += 3;
                    j += ELLIPSIS.len();
                    continue;
                }
                _ => break,
            }
            j += 1;
        }
        // Spaced ellipsis ". . ." (a period, then space-separated dots).
        let spaced = spaced_dots(text, j, span.end);
        // How many spaced dots (". . .") stand right before this one; capped, so a long run of
        // them is not rescanned at every dot.
        let mut run = 1;
        while run < 8 && i >= span.start + 2 * run && &bytes[i - 2 * run..i - 2 * run + 2] == b". "
        {
            run += 1;
        }
        let spaced_before = run > 1;
        // Closing quotes and brackets belong to the sentence that ends here.
        let mut k = j;
        for c in text[j..span.end].chars() {
            if is_closing(c) {
                k += c.len_utf8();
            } else if c == '.' || c == '!' || c == '?' {
                k += 1;
            } else {
                break;
            }
        }
        let closed = k > j;
        if k < span.end && !text[k..].starts_with(char::is_whitespace) {
            return (None, k.max(i + 1));
        }
        // "[...]" and "(...)" mark an omission, not an end.
        if i > span.start && matches!(bytes[i - 1], b'[' | b'(') {
            return (None, k);
        }
        if spaced.count > 0 && dots == 1 && !spaced_before {
            // "word. . . . Next": the attached period ends this sentence, the spaced dots open the
            // next one when a capital follows them; "word . . . . Next" ends after the dots.
            let after = follower(&text[..span.end], spaced.end);
            let word_attached = i > span.start && !bytes[i - 1].is_ascii_whitespace();
            if word_attached && after.next == Next::Upper {
                return (Some(k), spaced.end);
            }
            let four_dots = spaced.count >= 3;
            let ends = !word_attached && four_dots && after.next == Next::Upper;
            return (ends.then_some(spaced.end), spaced.end);
        }
        if spaced_before {
            // Inside a spaced ellipsis: only four dots ". . . ." end a sentence.
            let next = follower(&text[..span.end], k).next;
            let ends = run >= 4 && matches!(next, Next::Upper | Next::End);
            return (ends.then_some(k), k);
        }
        let after = follower(&text[..span.end], k);
        // "So good! :)" keeps its emoticon; the emoticon's own end is decided at its `)`.
        if emoticon_follows(text, k, span.end) {
            return (None, k);
        }
        let ends = match after.next {
            Next::End => true,
            // "Where? i think ..." ends; "Yahoo! in the ..." (a capitalised name) runs on.
            _ if marks > 0 && !closed => {
                after.next != Next::Lower || bytes[i] == b'?' || !name_before(text, span.start, i)
            }
            _ if marks > 0 => after.next != Next::Lower,
            _ if dots >= 2 => after.next == Next::Upper || after.next == Next::Other,
            _ if closed && !self.is_list_marker(text, sentence_start, i) => {
                after.next != Next::Lower
            }
            _ => self.period_ends(text, sentence_start, i, &after),
        };
        (ends.then_some(k), k)
    }

    /// "1. The first item", "a. The first item", "1.) The first item": the period at `i` follows
    /// a list marker at the start of the sentence.
    fn is_list_marker(&self, text: &str, sentence_start: usize, i: usize) -> bool {
        let (word_start, word) = word_before(text, sentence_start, i);
        let marker = (1..=3).contains(&word.len())
            && (word.bytes().all(|b| b.is_ascii_digit())
                || (word.len() == 1 && word.as_bytes()[0].is_ascii_lowercase()));
        marker && at_item_start(text, sentence_start, word_start)
    }

    /// Decides a single period at `i` that is followed by whitespace.
    fn period_ends(&self, text: &str, sentence_start: usize, i: usize, after: &Follower) -> bool {
        let (_, word) = word_before(text, sentence_start, i);
        if word.is_empty() {
            // A period standing alone ("great job . i was") ends a sentence whatever follows.
            return true;
        }
        if looks_like_address(word) {
            return after.next != Next::Lower;
        }
        if self.is_list_marker(text, sentence_start, i) {
            return false;
        }
        let kind = self.abbreviations.get(word).or_else(|| {
            let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            (single_capital || is_dotted_initials(word)).then_some(AbbrevKind::Name)
        });
        match kind {
            None => true,
            Some(AbbrevKind::Title) => false,
            Some(AbbrevKind::Number) => {
                after.next != Next::Digit && after.next != Next::Lower && word.len() > 1
            }
            Some(AbbrevKind::Final) => {
                after.next == Next::Upper
                    && !is_continuer(after.word)
                    && has_words(text, sentence_start, i, 4)
            }
            Some(AbbrevKind::Name) => after.next == Next::Upper && OPENERS.contains(after.word),
        }
    }
}

/// Sentence ends that web and e-mail text marks without a period: an emoticon ("fun :) Now"),
/// a closing address ("<kay@example.com> Please"), a sign-off ("Thanks, Sean"), an e-mail
/// header's time ("06/04/2001 05:54 PM Can you"), a separator line ("_____ Do You Yahoo!?"), a
/// URL ("...?id=16473 With protests").
fn web_end(text: &str, span: Span, sentence_start: usize, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes[i] == b'/' {
        return url_end(text, span, i);
    }
    let after = i + 1;
    if after >= span.end || !text.as_bytes()[after].is_ascii_whitespace() {
        return None;
    }
    let next = follower(&text[..span.end], after).next;
    let before = &text[sentence_start..i];
    let ends = match text.as_bytes()[i] {
        b')' => {
            next == Next::Upper
                && (before.ends_with(':') || before.ends_with(":-") || before.ends_with(';'))
        }
        b'>' => {
            let mut from = before.len().saturating_sub(80);
            while !before.is_char_boundary(from) {
                from += 1;
            }
            let address = &before[from..];
            matches!(next, Next::Upper | Next::Digit)
                && address
                    .rfind('<')
                    .is_some_and(|open| address[open..].contains('@'))
        }
        b'M' => next == Next::Upper && header_time_before(before),
        b'_' => next == Next::Upper && before.ends_with("_____"),
        // The sentence so far must be the sign-off itself: a look-up only when it is as short as
        // one (lower-casing the whole of a long list's "sentence" at each comma was quadratic).
        _ => {
            next == Next::Upper
                && before.len() <= *SIGN_OFF_MAX_BYTES
                && SIGN_OFFS.contains_lowercase(before)
        }
    };
    ends.then_some(after)
}

/// Whether `before` (up to an `M`) ends with an e-mail header's date and time: "06/04/2001 05:54
/// P" or "1/24/01 11:16:25 A". The date keeps news times ("at 5:30 PM Eastern") out.
fn header_time_before(before: &str) -> bool {
    let Some(head) = before
        .strip_suffix('A')
        .or_else(|| before.strip_suffix('P'))
    else {
        return false;
    };
    let mut words = head.split_whitespace().rev();
    let (Some(clock), Some(date)) = (words.next(), words.next()) else {
        return false;
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let mut clock_parts = clock.split(':');
    let clock_ok = clock_parts.next().is_some_and(|h| digits(h, 1, 2))
        && clock_parts.next().is_some_and(|m| digits(m, 2, 2))
        && clock_parts.next().is_none_or(|s| digits(s, 2, 2))
        && clock_parts.next().is_none();
    let mut date_parts = date.trim_end_matches(',').split('/');
    let date_ok = date_parts.next().is_some_and(|m| digits(m, 1, 2))
        && date_parts.next().is_some_and(|d| digits(d, 1, 2))
        && date_parts.next().is_some_and(|y| digits(y, 2, 4))
        && date_parts.next().is_none();
    clock_ok && date_ok
}

/// Longer "URLs" are not worth ending a sentence at.
const MAX_URL: usize = 2048;

/// At the first `/` of "http://" or "https://": where the URL ends, if a capitalised word follows
/// it and the URL itself ends without punctuation (which the period rules handle).
fn url_end(text: &str, span: Span, i: usize) -> Option<usize> {
    let before = &text[span.start..i];
    if !(before.ends_with("http:") || before.ends_with("https:"))
        || !text[i..span.end].starts_with("//")
    {
        return None;
    }
    // Bounded, so a run of "http://" without spaces is not rescanned from every slash.
    let mut limit = (i + MAX_URL).min(span.end);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = i + text[i..limit].find(char::is_whitespace)?;
    let last = text[..end].chars().next_back()?;
    let plain = last.is_alphanumeric() || matches!(last, '/' | '=' | '_' | '-' | ']');
    (plain && follower(&text[..span.end], end).next == Next::Upper).then_some(end)
}

fn emoticon_follows(text: &str, from: usize, limit: usize) -> bool {
    let rest = text[from..limit].trim_start();
    [":)", ":-)", ":(", ":-(", ":D", ":P", ";)", ";-)", "=)"]
        .iter()
        .any(|e| rest.starts_with(e))
}

struct SpacedDots {
    /// How many " ." follow.
    count: usize,
    /// The byte after the last of them.
    end: usize,
}

fn spaced_dots(text: &str, from: usize, limit: usize) -> SpacedDots {
    let bytes = text.as_bytes();
    let (mut count, mut end, mut p) = (0, from, from);
    while p + 1 < limit && bytes[p] == b' ' && bytes[p + 1] == b'.' {
        count += 1;
        p += 2;
        end = p;
    }
    SpacedDots { count, end }
}

fn push(text: &str, span: Span, out: &mut Vec<Span>) {
    let span = trim(text, span);
    if !span.is_empty() {
        out.push(span);
    }
}

/// Inline list markers: a paragraph that opens with "1.)", "1)", "1.", "a." or a bullet gets a
/// sentence break before each following marker of the same series ("2.)", "b.", "•").
struct ListMarkers {
    series: Series,
    suffix: &'static str,
}

enum Series {
    Bullet(char),
    Number(u32),
    Letter(u8),
}

impl ListMarkers {
    fn detect(text: &str, span: Span) -> Option<Self> {
        let para = &text[span.start..span.end];
        let first = para.chars().next()?;
        if matches!(first, '•' | '◦' | '▪' | '⁃' | '‣' | '►') {
            return Some(ListMarkers {
                series: Series::Bullet(first),
                suffix: "",
            });
        }
        let digits = para.bytes().take_while(u8::is_ascii_digit).count();
        let (series, rest) = if (1..=3).contains(&digits) {
            (
                Series::Number(para[..digits].parse().ok()?),
                &para[digits..],
            )
        } else if para.as_bytes()[0].is_ascii_lowercase() {
            (Series::Letter(para.as_bytes()[0]), &para[1..])
        } else {
            return None;
        };
        let suffix = [".) ", ") ", ". "]
            .into_iter()
            .find(|s| rest.starts_with(s))?;
        Some(ListMarkers {
            series,
            suffix: &suffix[..suffix.len() - 1],
        })
    }

    /// If the next marker of the series starts at `i` (after a space), returns `i` and advances.
    fn marker_at(&mut self, text: &str, i: usize, limit: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        if i == 0 || !bytes[i - 1].is_ascii_whitespace() {
            return None;
        }
        let rest = &text[i..limit];
        match &mut self.series {
            Series::Bullet(c) => rest.starts_with(*c).then_some(i),
            Series::Number(n) => {
                let next = (*n + 1).to_string();
                let after = rest.strip_prefix(next.as_str())?;
                let after = after.strip_prefix(self.suffix)?;
                after.starts_with(' ').then(|| {
                    *n += 1;
                    i
                })
            }
            Series::Letter(c) => {
                let next = c.checked_add(1)?;
                let after = rest.strip_prefix(next as char)?;
                let after = after.strip_prefix(self.suffix)?;
                after.starts_with(' ').then(|| {
                    *c = next;
                    i
                })
            }
        }
    }
}
