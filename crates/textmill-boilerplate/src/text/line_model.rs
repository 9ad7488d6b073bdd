//! The last word on each line of scraped text: gradient-boosted trees ([`crate::trees`]) over
//! what the rules decided (the body region, each line's class, where the article ends) and what
//! the line and its neighbours look like.
//!
//! The rules find one stretch of prose and judge lines by their own words; at the edges of that
//! stretch (a caption, a dek, a teaser list after the last paragraph) they guess. The trees were
//! learned from the plain-text renderings of ScrapingHub's dev pages by
//! `data/train_line_model.py`, cross-validated by page, and live in `data/line_model.txt`.

use std::sync::LazyLock;

use textmill_core::RemovalKind;

use super::{Class, Reading};
use crate::counts::TextCounts;
use crate::fnv::fnv1a;
use crate::trees::neighbours::{gap_to_kept, share_near};
use crate::trees::{self, Forest, ModelError, Row, TREE_NODES};

/// The trees and the decision thresholds (data/line_model.txt).
const MODEL_FILE: &str = include_str!("../../data/line_model.txt");

/// What the model reads of a line, in this order. `bias` is always 1.
pub const FEATURES: &[&str] = &[
    "bias",
    // What the rules decided.
    "rules_keep",
    "in_region",
    "before_region",
    "after_region",
    "past_end",
    "prose",
    "short",
    "furniture",
    "furniture_navigation",
    "furniture_related",
    "furniture_caption",
    "furniture_other",
    "date",
    "byline",
    "teaser",
    "table_row",
    "title",
    "dek",
    "english",
    // What the line looks like.
    "log_words",
    "stop_share",
    "function_word_share",
    "ends_sentence",
    "ends_colon",
    "commas_per_word",
    "digit_share",
    "capitalised_share",
    "glued_share",
    "gap_before",
    "duplicate",
    // Where it is.
    "position",
    "log_lines",
    "log_mean_words",
    "prev_rules_keep",
    "next_rules_keep",
    "prev_prose",
    "next_prose",
    "prev_log_words",
    "next_log_words",
    "prose_near",
    "rules_keep_near",
    "log_gap_to_kept",
    "between_kept",
    "log_before_region",
    "log_after_region",
    "prose_above_share",
    "region_prose_share",
    "before_title",
    "log_after_title",
    "separators",
    "starts_with_bullet",
    "prose_words_near",
    "words_to_median",
];
const _: () = assert!(FEATURES.len() <= TREE_NODES);

/// Lines either side whose prose words `prose_words_near` counts.
const NEAR_WORDS: usize = 3;

/// Where a feature is in [`FEATURES`].
const fn feature(name: &str) -> usize {
    trees::feature(FEATURES, name)
}

const RULES_KEEP: usize = feature("rules_keep");
/// Lines that are never added: the headline and the dek are metadata, and reader comments end
/// the article.
const NEVER_ADDED: [usize; 3] = [feature("title"), feature("dek"), feature("past_end")];

/// Gradient-boosted trees that decide, line by line, what of a scraped text is the article,
/// given what the rules decided ([`FEATURES`]). The shipped model is [`LineModel::shipped`];
/// another, trained by `data/train_line_model.py` on other pages, is read with
/// [`LineModel::parse`] and given to [`crate::Cleaner::with_line_model`].
#[derive(Debug, Clone, PartialEq)]
pub struct LineModel(Forest);

static SHIPPED: LazyLock<LineModel> = LazyLock::new(|| {
    LineModel::parse(MODEL_FILE).expect("data/line_model.txt is a valid line model")
});

impl LineModel {
    /// The model that ships with the crate (data/line_model.txt).
    pub fn shipped() -> &'static LineModel {
        &SHIPPED
    }

    /// Reads a model written by `data/train_line_model.py` (the format of
    /// [`crate::BlockModel::parse`]), features by their names in [`FEATURES`].
    pub fn parse(text: &str) -> Result<LineModel, ModelError> {
        Forest::parse(text, FEATURES).map(LineModel)
    }

    /// For each line, whether the model keeps it, with the probability it gives the line when
    /// that overturns the rules' choice. The headline and the dek stay metadata.
    pub(crate) fn decide(&self, rows: &[Row]) -> Vec<(bool, Option<f32>)> {
        self.0.decide(rows, RULES_KEEP, &NEVER_ADDED)
    }
}

/// Calls `each` with every line's row of [`FEATURES`], in text order.
pub(crate) fn features(r: &Reading, each: &mut dyn FnMut(&[f32])) {
    let lines = &r.lines;
    let n = lines.len();
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let is_prose = |i: usize| lines[i].class == Class::Prose;
    let prose_words = |i: usize| if is_prose(i) { lines[i].words } else { 0 };
    let total_prose = (0..n).map(prose_words).sum::<usize>().max(1) as f32;
    let kept: Vec<usize> = (0..n).filter(|&i| r.keep[i]).collect();
    let (first, last) = (kept.first().copied(), kept.last().copied());
    let (start, end) = r.region.unwrap_or((n, n));
    let region_prose = r
        .region
        .map_or(0, |(s, e)| (s..=e).map(prose_words).sum::<usize>()) as f32;
    let past_end = r.after_end.as_ref().map_or(n, |&(c, ..)| c);
    let role_is = |i: usize, kind: RemovalKind| r.role[i].is_some_and(|(k, _)| k == kind);
    let title_at = (0..n).rev().find(|&i| role_is(i, RemovalKind::Title));
    let mean_words = lines.iter().map(|l| l.words).sum::<usize>() as f32 / n.max(1) as f32;
    // Each line's hash, and all of them sorted: a line is a repeat when its hash is there twice.
    let hash_of: Vec<u64> = lines
        .iter()
        .map(|l| fnv1a(l.text.bytes().map(u32::from)))
        .collect();
    let mut sorted = hash_of.clone();
    sorted.sort_unstable();
    let repeated = |i: usize| {
        let at = sorted.partition_point(|&x| x < hash_of[i]);
        sorted.get(at + 1) == Some(&hash_of[i])
    };
    let log = |x: usize| (x as f32).ln_1p();
    let mut sorted_words: Vec<usize> = lines.iter().map(|l| l.words).collect();
    sorted_words.sort_unstable();
    let median_words = sorted_words.get(n / 2).copied().unwrap_or(1).max(1) as f32;
    drop(sorted_words);
    let mut prose_above = 0;
    for (i, line) in lines.iter().enumerate() {
        let furniture = match line.class {
            Class::Furniture(kind, _) => Some(kind),
            _ => None,
        };
        let furniture_is =
            |kinds: &[RemovalKind]| flag(furniture.is_some_and(|k| kinds.contains(&k)));
        let gap = gap_to_kept(&kept, i, n);
        let words = line.words.max(1) as f32;
        let counts = TextCounts::of(line.text);
        let end_trimmed = line.text.trim_end_matches(['"', '\'', '”', '’', ')']);
        let row: [f32; FEATURES.len()] = [
            1.0,
            flag(r.keep[i]),
            flag(r.region.is_some() && (start..=end).contains(&i)),
            flag(r.region.is_some() && i < start),
            flag(r.region.is_some() && i > end),
            flag(i >= past_end),
            flag(line.class == Class::Prose),
            flag(line.class == Class::Short),
            flag(furniture.is_some()),
            furniture_is(&[RemovalKind::Navigation]),
            furniture_is(&[RemovalKind::Related]),
            furniture_is(&[RemovalKind::Caption]),
            flag(furniture.is_some_and(|k| {
                !matches!(
                    k,
                    RemovalKind::Navigation | RemovalKind::Related | RemovalKind::Caption
                )
            })),
            flag(matches!(line.class, Class::Date(_))),
            flag(matches!(line.class, Class::Byline(_))),
            flag(
                role_is(i, RemovalKind::Related)
                    && r.region.is_some_and(|(s, e)| (s..=e).contains(&i)),
            ),
            flag(line.table_row),
            flag(role_is(i, RemovalKind::Title)),
            flag(role_is(i, RemovalKind::Dek)),
            flag(r.english),
            log(line.words),
            line.stop as f32 / words,
            counts.function_words as f32 / counts.words.max(1) as f32,
            flag(end_trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？'])),
            flag(end_trimmed.ends_with(':')),
            counts.commas as f32 / words,
            counts.digits as f32 / (counts.digits + counts.letters).max(1) as f32,
            counts.capitalised as f32 / words,
            super::lines::glued_words(line.text) as f32 / words,
            line.gap_before.min(3) as f32,
            flag(repeated(i)),
            i as f32 / n.max(1) as f32,
            log(n),
            mean_words.ln_1p(),
            flag(i > 0 && r.keep[i - 1]),
            flag(i + 1 < n && r.keep[i + 1]),
            flag(i > 0 && is_prose(i - 1)),
            flag(i + 1 < n && is_prose(i + 1)),
            i.checked_sub(1).map_or(0.0, |j| log(lines[j].words)),
            lines.get(i + 1).map_or(0.0, |l| log(l.words)),
            share_near(i, n, &is_prose),
            share_near(i, n, &|j| r.keep[j]),
            log(gap),
            flag(first.is_some_and(|f| i > f) && last.is_some_and(|l| i < l)),
            if r.region.is_some() && i < start {
                log(start - i)
            } else {
                0.0
            },
            if r.region.is_some() && i > end {
                log(i - end)
            } else {
                0.0
            },
            prose_above as f32 / total_prose,
            region_prose / total_prose,
            flag(title_at.is_some_and(|t| i < t)),
            title_at.map_or(0.0, |t| log(i.saturating_sub(t))),
            separators(line.text),
            flag(starts_with_bullet(line.text)),
            log((i.saturating_sub(NEAR_WORDS)..(i + NEAR_WORDS + 1).min(n))
                .filter(|&j| j != i)
                .map(prose_words)
                .sum()),
            (line.words as f32 / median_words).min(20.0),
        ];
        prose_above += prose_words(i);
        each(&row);
    }
}

/// Menu and crumb separators and copyright signs in a line ("Home | World", "News » Asia"), up to 8.
fn separators(text: &str) -> f32 {
    text.matches(['|', '»', '›', '•', '©', '/']).count().min(8) as f32
}

/// A list item: a bullet or dash, or a number such as "1." or "2)", first.
fn starts_with_bullet(text: &str) -> bool {
    text.starts_with(['•', '-', '*', '·', '–', '—'])
        || text.split_whitespace().next().is_some_and(|w| {
            w.len() <= 3 && w.ends_with(['.', ')']) && w.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// The model's decision on every line of `r` (see [`LineModel::decide`]), the features made
/// and judged a few hundred lines at a time: a text of millions of lines needs no row for each.
pub(crate) fn decide_lines(model: &LineModel, r: &Reading) -> Vec<(bool, Option<f32>)> {
    const CHUNK: usize = 256;
    let mut decisions = Vec::with_capacity(r.lines.len());
    let mut rows: Vec<Row> = Vec::with_capacity(CHUNK);
    features(r, &mut |row| {
        rows.push(trees::row(row));
        if rows.len() == CHUNK {
            decisions.extend(model.decide(&rows));
            rows.clear();
        }
    });
    decisions.extend(model.decide(&rows));
    decisions
}
