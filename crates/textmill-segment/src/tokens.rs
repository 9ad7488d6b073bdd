//! Tokens: words, numbers, punctuation, URLs, e-mail addresses, tags and emoticons, with clitics
//! split off as Universal Dependencies does ("Kim's" -> "Kim" + "'s", "don't" -> "do" + "n't").
//!
//! One left-to-right pass; every decision looks at a bounded window, so the time is linear.

use std::sync::LazyLock;

use textmill_core::lexicon::WordList;
use textmill_core::{Span, Token, TokenKind};

use crate::abbrev::Abbreviations;
use crate::words;

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The char at byte `i` of `text` (which must be a boundary), if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Combining marks keep a decomposed accent with its letter.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}')
}

fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '&' | '#' | '@'
    ) || matches!(
        c,
        '€' | '£' | '¥' | '©' | '®' | '™' | '°' | '§' | '±' | '×' | '÷'
    ) || !(c.is_ascii_punctuation() || is_unicode_punctuation(c))
}

fn is_unicode_punctuation(c: char) -> bool {
    matches!(
        c,
        '‘' | '’'
            | '“'
            | '”'
            | '–'
            | '—'
            | '…'
            | '«'
            | '»'
            | '¿'
            | '¡'
            | '·'
            | '•'
            | '‹'
            | '›'
            | '„'
            | '‚'
            | '′'
            | '″'
            | '‐'
            | '‑'
            | '‒'
            | '―'
            | '⁃'
    )
}

/// Marks that make one token however they are mixed: "==----", "***", "~~".
fn is_rule_char(c: char) -> bool {
    matches!(c, '-' | '=' | '_' | '*' | '~')
}

// Word lists, data/words.txt.
static NAME_SUFFIXES: LazyLock<WordList> = LazyLock::new(|| words::list("name_suffixes"));
static EMOTICONS: LazyLock<WordList> = LazyLock::new(|| words::list("emoticons"));
static BOUND_PREFIXES: LazyLock<WordList> = LazyLock::new(|| words::list("bound_prefixes"));

/// Words that UD splits although they have no apostrophe, and where: "cannot" -> "can" + "not".
fn fused_split(word: &str) -> Option<usize> {
    if word.len() > 8 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"cannot" => 3,
        b"gonna" | b"gotta" | b"wanna" | b"outta" => 3,
        b"dont" | b"didnt" | b"doesnt" | b"isnt" | b"wasnt" | b"arent" | b"werent" | b"havent"
        | b"hasnt" | b"couldnt" | b"wouldnt" | b"shouldnt" => word.len() - 2,
        b"im" | b"ive" | b"alot" => 1,
        _ => return None,
    })
}

fn url_at(text: &str, i: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[i..];
    let starts = |p: &[u8]| bytes.len() > p.len() && bytes[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.") || starts(b"ftp://")) {
        return None;
    }
    let len = bytes
        .iter()
        .position(|&b| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"'))
        .unwrap_or(bytes.len());
    let mut end = i + len;
    // Trailing punctuation belongs to the sentence, and a closing bracket to the text around,
    // unless the URL opened it.
    let url = &text[i..end];
    let opens = url.bytes().filter(|&b| b == b'(').count();
    let mut closes = url.bytes().filter(|&b| b == b')').count();
    while end > i {
        let b = text.as_bytes()[end - 1];
        if matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']')
            || (b == b')' && closes > opens)
        {
            closes -= usize::from(b == b')');
            end -= 1;
        } else {
            break;
        }
    }
    // A multi-byte char cut by the byte scan above cannot happen: all stops are ASCII.
    (end > i + 4).then_some(end)
}

/// Whether an e-mail address continues after byte `from`: `[local chars]* @ alnum`, looked at
/// over at most 64 bytes.
fn email_ahead(text: &str, from: usize) -> bool {
    let bytes = &text.as_bytes()[from..];
    for (k, &b) in bytes.iter().take(64).enumerate() {
        match b {
            b'@' => return bytes.get(k + 1).is_some_and(u8::is_ascii_alphanumeric),
            b if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-') => {}
            _ => return false,
        }
    }
    false
}

/// The alphanumeric run starting at `from`.
fn segment_after(text: &str, from: usize) -> &str {
    let rest = &text[from..];
    let len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..len]
}

pub(crate) struct Tokenizer<'a> {
    pub abbreviations: &'a Abbreviations,
    pub split_hyphens: bool,
}

impl Tokenizer<'_> {
    /// Appends the tokens of `text` to `out`, in order.
    pub(crate) fn tokenize(&self, text: &str, out: &mut Vec<Token>) {
        // Token offsets are 32-bit: a text past 4 GiB is tokenized up to there.
        let mut len = text.len().min(Token::MAX_OFFSET);
        while !text.is_char_boundary(len) {
            len -= 1;
        }
        let text = &text[..len];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            i = self.token_at(text, i, c, out);
        }
    }

    /// Pushes the token(s) starting at `i` with first char `c`; returns where the next begins.
    fn token_at(&self, text: &str, i: usize, c: char, out: &mut Vec<Token>) -> usize {
        let push = |out: &mut Vec<Token>, end: usize, kind: TokenKind| {
            out.push(Token::new(Span::new(i, end), kind));
            end
        };
        if matches!(c, 'h' | 'H' | 'w' | 'W' | 'f' | 'F')
            && let Some(end) = url_at(text, i)
        {
            return push(out, end, TokenKind::Url);
        }
        if (c == '#' || c == '@') && char_at(text, i + 1).is_some_and(is_word_char) {
            let end = self.word_end(text, i + 1).0;
            return push(out, end, TokenKind::Tag);
        }
        if matches!(c, ':' | ';' | '=' | '<') {
            let rest = &text[i..];
            if let Some(emoticon) = EMOTICONS.iter().find(|e| rest.starts_with(e)) {
                let end = i + emoticon.len();
                if !char_at(text, end).is_some_and(char::is_alphanumeric) {
                    return push(out, end, TokenKind::Symbol);
                }
            }
        }
        if is_word_char(c) {
            let (end, is_email) = self.word_end(text, i);
            if is_email {
                return push(out, end, TokenKind::Email);
            }
            let end = self.with_abbreviation_period(text, i, end);
            self.push_word(text, i, end, out);
            return end;
        }
        // Punctuation: a run of the same mark ("...", "!!!") or of rule marks ("==--") is one
        // token; brackets and quotes always stand alone.
        let mut end = i + c.len_utf8();
        while let Some(next) = char_at(text, end) {
            let same = next == c && !matches!(c, '(' | ')' | '[' | ']' | '"' | '\'');
            if same || (is_rule_char(c) && is_rule_char(next)) {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        let kind = if is_symbol(c) {
            TokenKind::Symbol
        } else {
            TokenKind::Punct
        };
        push(out, end, kind)
    }

    /// The end of the word or number starting at `i`, and whether it is an e-mail address. Word
    /// chars are joined by an inner hyphen or apostrophe; between digits by `.`, `,`, `:`, `/`;
    /// by dots in "U.S", "report.pdf", "alt.animals.cat" and e-mail addresses.
    fn word_end(&self, text: &str, i: usize) -> (usize, bool) {
        let bytes = text.as_bytes();
        let mut end = i;
        let mut segment_start = i;
        let (mut email, mut dotted_name) = (false, false);
        loop {
            while let Some(c) = char_at(text, end) {
                if is_word_char(c) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let Some(joiner) = char_at(text, end) else {
                break;
            };
            let after = end + joiner.len_utf8();
            let Some(next) = char_at(text, after) else {
                break;
            };
            let prev = bytes[end - 1];
            let joins = match joiner {
                '-' | '‐' | '‑' => {
                    next.is_alphanumeric()
                        && (!self.split_hyphens
                            || (prev.is_ascii_digit() && next.is_ascii_digit())
                            || BOUND_PREFIXES.contains_lowercase(&text[segment_start..end]))
                }
                '\'' | '’' => next.is_alphabetic(),
                '@' => {
                    email = !email && prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric();
                    email
                }
                '.' | ',' | ':' | '/' if prev.is_ascii_digit() && next.is_ascii_digit() => {
                    joiner != ','
                        || text[after..].bytes().take_while(u8::is_ascii_digit).count() == 3
                }
                '.' if email || dotted_name => next.is_alphanumeric(),
                '.' if next.is_alphanumeric() => {
                    let segment = segment_after(text, after);
                    let tail = char_at(text, after + segment.len());
                    let ends_name = !tail.is_some_and(char::is_alphanumeric);
                    let initials = end - segment_start <= 2
                        && segment.chars().count() <= 2
                        && segment.chars().all(char::is_alphabetic);
                    let suffix = ends_name && NAME_SUFFIXES.contains_lowercase(segment);
                    // "alt.animals.cat": lower-case parts chained by dots.
                    let chain = tail == Some('.')
                        && char_at(text, after + segment.len() + 1)
                            .is_some_and(|c| c.is_ascii_lowercase())
                        && segment.bytes().all(|b| b.is_ascii_lowercase());
                    dotted_name = suffix || chain;
                    initials || dotted_name || email_ahead(text, after)
                }
                '&' => prev.is_ascii_uppercase() && next.is_ascii_uppercase(),
                _ => false,
            };
            if !joins {
                break;
            }
            end = after;
            segment_start = after;
        }
        let is_email = email && text[i..end].contains('.');
        (end, is_email)
    }

    /// If the word `[start, end)` is an abbreviation ("Dr", "U.S", "J"), its period joins it.
    fn with_abbreviation_period(&self, text: &str, start: usize, end: usize) -> usize {
        if text.as_bytes().get(end) != Some(&b'.') {
            return end;
        }
        let word = &text[start..end];
        let abbreviation = self.abbreviations.get(word).is_some()
            || (word.contains('.') && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.'))
            || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
        // A following letter means the dot is inside something else ("e.g.x"); leave it alone.
        let next = char_at(text, end + 1);
        if abbreviation && !next.is_some_and(char::is_alphanumeric) {
            end + 1
        } else {
            end
        }
    }

    /// Pushes a word, splitting off a clitic ("'s", "'re", "n't", ...) at its end.
    fn push_word(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let word = &text[start..end];
        let kind = if word.as_bytes()[0].is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let split = clitic_start(word)
            .map(|at| (at, TokenKind::Clitic))
            .or_else(|| fused_split(word).map(|at| (at, TokenKind::Word)));
        if let Some((at, second)) = split {
            out.push(Token::new(Span::new(start, start + at), kind));
            out.push(Token::new(Span::new(start + at, end), second));
        } else {
            out.push(Token::new(Span::new(start, end), kind));
        }
    }
}

/// Where a clitic starts in `word`, UD style: "n't", "'s", "'re", "'ve", "'ll", "'d", "'m".
fn clitic_start(word: &str) -> Option<usize> {
    let ends_with = |suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for nt in ["n't", "n’t"] {
        if ends_with(nt) {
            return Some(word.len() - nt.len());
        }
    }
    let (pos, apostrophe) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    let suffix = &word[pos + apostrophe.len_utf8()..];
    let known = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(s));
    (known && pos > 0).then_some(pos)
}
