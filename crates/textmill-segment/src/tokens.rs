//! Tokens: words, numbers, punctuation, URLs, e-mail addresses and tags, with clitics split off
//! as Universal Dependencies does ("Kim's" -> "Kim" + "'s", "don't" -> "do" + "n't").

use textmill_core::{Span, Token, TokenKind};

use crate::abbrev::Abbreviations;

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

/// The end of the whitespace-free run starting at `start`.
fn run_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    rest.find(char::is_whitespace)
        .map_or(text.len(), |p| start + p)
}

/// Trailing punctuation that is not part of a URL or an e-mail address at the end of a run.
fn trim_trailing_punct(text: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let c = text[..end].chars().next_back().unwrap_or(' ');
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '”' | '’' | '>'
        ) {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn is_url(run: &str) -> bool {
    let bytes = run.as_bytes();
    let starts = |p: &[u8]| bytes.len() > p.len() && bytes[..p.len()].eq_ignore_ascii_case(p);
    starts(b"http://") || starts(b"https://") || starts(b"www.")
}

fn is_email(run: &str) -> bool {
    let Some(at) = run.find('@') else {
        return false;
    };
    at > 0
        && run[..at]
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && run[at + 1..].contains('.')
        && run[at + 1..]
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        && !run.ends_with('.')
}

pub(crate) struct Tokenizer<'a> {
    pub abbreviations: &'a Abbreviations,
}

impl Tokenizer<'_> {
    /// Appends the tokens of `text` to `out`, in order.
    pub fn tokenize(&self, text: &str, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // End of the current whitespace-free run, computed once per run.
        let mut run_limit = 0;
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
            if i >= run_limit {
                run_limit = run_end(text, i);
                let whole = trim_trailing_punct(text, i, run_limit);
                let run = &text[i..whole];
                let kind = if is_url(run) {
                    Some(TokenKind::Url)
                } else if run.contains('@') && is_email(run) {
                    Some(TokenKind::Email)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    out.push(Token {
                        span: Span::new(i, whole),
                        kind,
                    });
                    i = whole;
                    continue;
                }
            }
            i = self.token_at(text, i, c, out);
        }
    }

    /// Pushes the token(s) starting at `i` with first char `c`; returns where the next begins.
    fn token_at(&self, text: &str, i: usize, c: char, out: &mut Vec<Token>) -> usize {
        if (c == '#' || c == '@') && char_at(text, i + 1).is_some_and(is_word_char) {
            let end = self.word_end(text, i + 1);
            out.push(Token {
                span: Span::new(i, end),
                kind: TokenKind::Tag,
            });
            return end;
        }
        if is_word_char(c) {
            let end = self.word_end(text, i);
            self.push_word(text, i, end, out);
            return end_with_period(self, text, i, end, out);
        }
        // Punctuation: a run of the same mark ("...", "--", "!!!") is one token.
        let mut end = i + c.len_utf8();
        while char_at(text, end) == Some(c) && !matches!(c, '(' | ')' | '[' | ']' | '"' | '\'') {
            end += c.len_utf8();
        }
        let kind = if is_symbol(c) {
            TokenKind::Symbol
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            span: Span::new(i, end),
            kind,
        });
        end
    }

    /// The end of the word or number starting at `i`: word chars, joined by an inner hyphen,
    /// apostrophe, or, between digits, by `.`, `,`, `:` and `/`; "U.S" style dots too.
    fn word_end(&self, text: &str, i: usize) -> usize {
        let bytes = text.as_bytes();
        let mut end = i;
        let mut segment_start = i;
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
                '-' | '‐' | '‑' => next.is_alphanumeric(),
                '\'' | '’' => next.is_alphabetic(),
                '.' | ',' | ':' | '/' if prev.is_ascii_digit() && next.is_ascii_digit() => {
                    joiner != ','
                        || text[after..].bytes().take_while(u8::is_ascii_digit).count() == 3
                }
                // "U.S", "a.m", "Ph.D": short letter groups joined by dots.
                '.' => {
                    end - segment_start <= 2
                        && next.is_alphabetic()
                        && text[after..]
                            .chars()
                            .take_while(|c| c.is_alphabetic())
                            .count()
                            <= 2
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
        end
    }

    /// Pushes a word, splitting off a clitic ("'s", "'re", "n't", ...) at its end.
    fn push_word(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let word = &text[start..end];
        let kind = if word.as_bytes()[0].is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        if let Some(split) = clitic_start(word) {
            out.push(Token {
                span: Span::new(start, start + split),
                kind,
            });
            out.push(Token {
                span: Span::new(start + split, end),
                kind: TokenKind::Clitic,
            });
        } else {
            out.push(Token {
                span: Span::new(start, end),
                kind,
            });
        }
    }
}

/// If a word ending at `end` is an abbreviation ("Dr", "U.S", "J"), its period joins the token.
fn end_with_period(
    tokenizer: &Tokenizer,
    text: &str,
    start: usize,
    end: usize,
    out: &mut [Token],
) -> usize {
    if text.as_bytes().get(end) != Some(&b'.') {
        return end;
    }
    let word = &text[start..end];
    let abbreviation = tokenizer.abbreviations.get(word).is_some()
        || (word.contains('.') && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.'))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
    // A following letter means the dot is inside something else ("e.g.x"); leave it alone.
    let next = char_at(text, end + 1);
    if abbreviation && !next.is_some_and(char::is_alphanumeric) {
        if let Some(last) = out.last_mut() {
            last.span.end = end + 1;
        }
        return end + 1;
    }
    end
}

/// Where a clitic starts in `word`, UD style: "n't", "'s", "'re", "'ve", "'ll", "'d", "'m".
fn clitic_start(word: &str) -> Option<usize> {
    let lower_end = |suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for nt in ["n't", "n’t"] {
        if lower_end(nt) {
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
