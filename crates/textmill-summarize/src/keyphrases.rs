//! Keyphrases: runs of content words between stop words and punctuation, ranked by how often
//! their words recur and how early they first appear.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use textmill_core::lexicon::WordList;
use textmill_core::{Span, TokenKind};
use textmill_segment::Segmenter;

use crate::terms::Vocabulary;

/// Where a keyphrase occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Index of the text (0 for a single text).
    pub doc: usize,
    /// Byte span in that text.
    pub span: Span,
}

/// A ranked keyphrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyphrase {
    /// The phrase as first written.
    pub text: String,
    /// Relative importance in `(0, 1]`; the best phrase scores 1.
    pub score: f64,
    /// Every occurrence, by text and then by position.
    pub occurrences: Vec<Occurrence>,
}

/// Longer runs are mostly headlines and lists, not phrases.
const MAX_WORDS: usize = 4;

struct Phrase {
    text: String,
    first_sentence: usize,
    occurrences: Vec<Occurrence>,
}

pub(crate) fn extract(segmenter: &Segmenter, texts: &[&str], n: usize) -> Vec<Keyphrase> {
    let mut vocabulary = Vocabulary::default();
    let mut term_counts: Vec<u32> = Vec::new();
    let mut phrases: HashMap<Vec<u32>, Phrase> = HashMap::new();
    for (doc, text) in texts.iter().enumerate() {
        let segmentation = segmenter.segment(text);
        let mut sentence = 0;
        let mut run: Vec<(u32, Span, bool)> = Vec::new();
        let mut flush = |run: &mut Vec<(u32, Span, bool)>, sentence: usize| {
            if !run.is_empty() && run.len() <= MAX_WORDS {
                let key: Vec<u32> = run.iter().map(|(t, _, _)| *t).collect();
                let span = Span::new(run[0].1.start, run[run.len() - 1].1.end);
                let phrase = phrases.entry(key).or_insert_with(|| Phrase {
                    text: span.text(text).to_owned(),
                    first_sentence: sentence,
                    occurrences: Vec::new(),
                });
                phrase.occurrences.push(Occurrence { doc, span });
            }
            run.clear();
        };
        for token in &segmentation.tokens {
            while sentence + 1 < segmentation.sentences.len()
                && segmentation.sentences[sentence].end <= token.span().start
            {
                flush(&mut run, sentence);
                sentence += 1;
            }
            let word = token.span().text(text);
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            // A phrase is all names ("North Korea") or all common words ("armored train"):
            // where case changes, one phrase ends and the next begins.
            let joined = run.last().is_some_and(|&(_, last, last_capital)| {
                is_space(&text[last.end..token.span().start])
                    && (last_capital == capital || token.kind == TokenKind::Number)
            });
            let term = match token.kind {
                TokenKind::Word if word.chars().count() > 1 && !is_filler(word, capital) => {
                    vocabulary.term(word)
                }
                // A number continues a phrase ("Boeing 737") but never starts one.
                TokenKind::Number if !run.is_empty() => vocabulary.term(word),
                _ => None,
            };
            let Some(term) = term else {
                flush(&mut run, sentence);
                continue;
            };
            if !joined {
                flush(&mut run, sentence);
            }
            run.push((term, token.span(), capital));
            if term_counts.len() <= term as usize {
                term_counts.resize(term as usize + 1, 0);
            }
            term_counts[term as usize] += 1;
        }
        flush(&mut run, sentence);
    }

    let mut ranked: Vec<(Vec<u32>, f64, Phrase)> = phrases
        .into_iter()
        .map(|(key, phrase)| {
            let recurrence: f64 = key
                .iter()
                .map(|&t| (1.0 + f64::from(term_counts[t as usize])).ln())
                .sum::<f64>()
                / (key.len() as f64).sqrt();
            let early = 1.0 + 1.0 / (1.0 + phrase.first_sentence as f64);
            let score = phrase.occurrences.len() as f64 * recurrence * early;
            (key, score, phrase)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.text.cmp(&b.2.text)));

    // A phrase inside a better one ("Putin" in "Vladimir Putin") adds nothing.
    let mut out: Vec<(Vec<u32>, Keyphrase)> = Vec::new();
    for (key, score, phrase) in ranked {
        if out.len() == n {
            break;
        }
        if out.iter().any(|(better, _)| contains(better, &key)) {
            continue;
        }
        out.push((
            key,
            Keyphrase {
                text: phrase.text,
                score,
                occurrences: phrase.occurrences,
            },
        ));
    }
    let best = out.first().map_or(1.0, |(_, k)| k.score);
    out.into_iter()
        .map(|(_, mut k)| {
            k.score /= best;
            k
        })
        .collect()
}

fn is_space(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace) && !gap.contains("\n\n")
}

fn contains(haystack: &[u32], needle: &[u32]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The summariser's own word lists.
const WORDS: &str = include_str!("../data/words.txt");

/// Words that are not stop words but never make a keyphrase: reporting verbs and the like, and
/// lower-case adverbs and past forms ("reportedly", "believed").
fn is_filler(word: &str, capital: bool) -> bool {
    static FILLER: LazyLock<WordList> =
        LazyLock::new(|| WordList::required(WORDS, "data/words.txt", "filler"));
    if !capital && (word.ends_with("ly") || word.ends_with("ed")) {
        return true;
    }
    FILLER.contains_lowercase(word)
}
