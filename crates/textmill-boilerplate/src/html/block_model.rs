//! The last word on each block: gradient-boosted trees over what the three readings of the
//! page decided and what the block looks like.
//!
//! The readings (the best container, the page block by block, the headline onwards) are rules;
//! where they disagree, or where a block sits at the edge of the article, the rules guess. The
//! trees were learned from both development benchmarks (ScrapingHub's dev pages and trafilatura's
//! evaluation set) by `data/train_block_model.py`, cross-validated by site, and live in
//! `data/block_model.txt`, split by split, with features by name. The rules' choice stands
//! unless the model is sure: a kept block goes under `drop`, a dropped one comes back over `add`.

use std::sync::LazyLock;

use html5ever::local_name;
use textmill_core::RemovalKind;

use super::dom::Dom;
use super::{Block, Shape, Verdict};
use crate::counts::TextCounts;
use crate::trees::neighbours::{gap_to_kept, share_near};
use crate::trees::{self, Forest, ModelError, Row, TREE_NODES};

/// The trees and the decision thresholds (data/block_model.txt).
const MODEL_FILE: &str = include_str!("../../data/block_model.txt");

/// What the model reads of a block, in this order. `bias` is always 1.
pub const FEATURES: &[&str] = &[
    "bias",
    // What the rules decided.
    "rules_keep",
    "container_keep",
    "page_keep",
    "fell_back",
    "container_prose",
    "container_outside",
    "container_drop",
    "page_prose",
    "page_short",
    // Why a block was dropped.
    "hint",
    "hint_navigation",
    "hint_related",
    "hint_caption",
    "hint_footer",
    "hint_comments",
    "hint_other",
    "teaser",
    "title",
    "furniture_phrase",
    "declared_body",
    "inside_container",
    // What the block looks like.
    "heading",
    "list_item",
    "quote",
    "cell",
    "prose",
    "log_words",
    "link_density",
    "ends_sentence",
    "commas_per_word",
    "digit_share",
    "capitalised_share",
    "function_word_share",
    "chars_of_longest",
    // Where it is.
    "prev_rules_keep",
    "next_rules_keep",
    "prev_page_prose",
    "next_page_prose",
    "log_gap_to_kept",
    "between_kept",
    "position",
    "owner_prose_share",
    "parent_prose_share",
    "page_prose_near",
    "rules_keep_near",
    "before_title",
    "log_after_title",
    "rules_prose_share",
    "owner_is_p",
    "log_depth_below_container",
    "siblings_kept",
    "gallery",
    "after_comments",
    "dek",
];
const _: () = assert!(FEATURES.len() <= TREE_NODES);

/// Where a feature is in [`FEATURES`].
const fn feature(name: &str) -> usize {
    trees::feature(FEATURES, name)
}

const RULES_KEEP: usize = feature("rules_keep");
/// The features that forbid adding a block the rules dropped: a picture gallery and a teaser
/// of another article (a headline link and a lede cut off) are not body, and reader comments end
/// the article (as in the rules).
const NEVER_ADDED: [usize; 3] = [
    feature("gallery"),
    feature("teaser"),
    feature("after_comments"),
];

/// Gradient-boosted trees that decide, block by block, what of an HTML page is the article,
/// given what the rules decided ([`FEATURES`]). The shipped model is [`BlockModel::shipped`];
/// another, trained by `data/train_block_model.py` on other pages, is read with
/// [`BlockModel::parse`] and given to [`crate::Cleaner::with_block_model`].
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel(Forest);

static SHIPPED: LazyLock<BlockModel> = LazyLock::new(|| {
    BlockModel::parse(MODEL_FILE).expect("data/block_model.txt is a valid block model")
});

impl BlockModel {
    /// The model that ships with the crate (data/block_model.txt).
    pub fn shipped() -> &'static BlockModel {
        &SHIPPED
    }

    /// Reads a model written by `data/train_block_model.py`: `[decision]` with `baseline`,
    /// `add` and `drop`, and `[trees]` with one node a line, `TREE NODE split FEATURE
    /// THRESHOLD LEFT RIGHT` or `TREE NODE leaf VALUE`, features by their names in [`FEATURES`];
    /// a tree has at most 64 nodes.
    pub fn parse(text: &str) -> Result<BlockModel, ModelError> {
        Forest::parse(text, FEATURES).map(BlockModel)
    }

    /// For each block, whether the model keeps it, with the probability it gives the block
    /// when that overturns the rules' choice.
    pub(crate) fn decide(&self, rows: &[Row]) -> Vec<(bool, Option<f32>)> {
        self.0.decide(rows, RULES_KEEP, &NEVER_ADDED)
    }
}

/// What the readings decided for every block, gathered for the features.
pub(crate) struct Readings<'a> {
    pub(crate) blocks: &'a [Block],
    /// The container's reading (after the headline reading may have replaced it) and the page's.
    pub(crate) container: &'a [Verdict],
    pub(crate) page: &'a [Verdict],
    pub(crate) container_keeps: &'a [bool],
    pub(crate) page_keeps: &'a [bool],
    /// What the rules keep: one of the two above (the page's when the container held too
    /// little, `fell_back`).
    pub(crate) rules_keeps: &'a [bool],
    pub(crate) fell_back: bool,
    /// Per node: inside the article's container; prose characters under it.
    pub(crate) inside: &'a [bool],
    pub(crate) prose: &'a [f32],
    /// The page (for each node's parent and tag).
    pub(crate) dom: &'a Dom,
    /// Per node: its depth in the tree; the container's depth.
    pub(crate) depth_of: &'a [u32],
    pub(crate) container_depth: usize,
}

/// Calls `each` with every block's row of [`FEATURES`], in page order.
pub(crate) fn features(r: &Readings, each: &mut dyn FnMut(&[f32])) {
    let n = r.blocks.len();
    let total_prose: f32 = r
        .blocks
        .iter()
        .filter(|b| b.prose)
        .map(|b| b.chars as f32)
        .sum::<f32>()
        .max(1.0);
    let kept: Vec<usize> = (0..n).filter(|&i| r.rules_keeps[i]).collect();
    let (first, last) = (kept.first().copied(), kept.last().copied());
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let longest = r.blocks.iter().map(|b| b.chars).max().unwrap_or(1).max(1) as f32;
    let title_at = r.blocks.iter().position(|b| b.is_title);
    let parent_of = |b: &Block| r.dom.nodes[b.owner].parent;
    let kept_prose: f32 = (0..n)
        .filter(|&i| r.rules_keeps[i] && r.blocks[i].prose)
        .map(|i| r.blocks[i].chars as f32)
        .sum();
    let is_prose = |v: &Verdict| matches!(v, Verdict::Prose);
    // Per parent of a block's owner: its blocks, and how many of them the rules keep.
    let mut by_parent: std::collections::HashMap<usize, (u32, u32)> = Default::default();
    for (b, &keep) in r.blocks.iter().zip(r.rules_keeps) {
        let entry = by_parent.entry(parent_of(b)).or_default();
        entry.0 += 1;
        entry.1 += u32::from(keep);
    }
    // Reader comments before each block: a block past the article with comments between the two
    // is not the article's.
    let is_comments = |b: &Block| matches!(b.hint, Some((_, RemovalKind::Comments, _)));
    let mut comments_before = Vec::with_capacity(n + 1);
    comments_before.push(0u32);
    for b in r.blocks {
        let so_far = comments_before.last().copied().unwrap_or(0);
        comments_before.push(so_far + u32::from(is_comments(b)));
    }
    let after_comments = |i: usize| match (first, last) {
        (Some(_), Some(l)) if i > l => comments_before[i] > comments_before[l + 1],
        (Some(f), Some(_)) if i < f => comments_before[f] > comments_before[i + 1],
        _ => false,
    };
    for i in 0..n {
        let b = &r.blocks[i];
        let hint = b.hint.as_ref().map(|(_, kind, _)| *kind);
        let hint_is = |kinds: &[RemovalKind]| flag(hint.is_some_and(|k| kinds.contains(&k)));
        let gap = gap_to_kept(&kept, i, n);
        let words = b.words.max(1) as f32;
        let text = TextCounts::of(&b.text);
        let parent = parent_of(b);
        let row: [f32; FEATURES.len()] = [
            1.0,
            flag(r.rules_keeps[i]),
            flag(r.container_keeps[i]),
            flag(r.page_keeps[i]),
            flag(r.fell_back),
            flag(is_prose(&r.container[i])),
            flag(matches!(r.container[i], Verdict::Outside)),
            flag(matches!(r.container[i], Verdict::Drop(..))),
            flag(is_prose(&r.page[i])),
            flag(matches!(r.page[i], Verdict::Short)),
            flag(hint.is_some()),
            hint_is(&[RemovalKind::Navigation]),
            hint_is(&[RemovalKind::Related]),
            hint_is(&[RemovalKind::Caption]),
            hint_is(&[RemovalKind::Footer]),
            hint_is(&[RemovalKind::Comments]),
            flag(hint.is_some_and(|k| {
                !matches!(
                    k,
                    RemovalKind::Navigation
                        | RemovalKind::Related
                        | RemovalKind::Caption
                        | RemovalKind::Footer
                        | RemovalKind::Comments
                )
            })),
            flag(b.teaser),
            flag(b.is_title),
            flag(b.furniture_line.is_some()),
            flag(b.positive_depth.is_some()),
            flag(r.inside[b.owner]),
            flag(b.shape == Shape::Heading),
            flag(b.shape == Shape::ListItem),
            flag(b.shape == Shape::Quote),
            flag(b.shape == Shape::Cell),
            flag(b.prose),
            (b.words as f32).ln_1p(),
            b.link_density(),
            flag(super::ends_sentence(&b.text)),
            text.commas as f32 / words,
            text.digits as f32 / (text.digits + text.letters).max(1) as f32,
            text.capitalised as f32 / words,
            text.function_words as f32 / text.words.max(1) as f32,
            b.chars as f32 / longest,
            flag(i > 0 && r.rules_keeps[i - 1]),
            flag(i + 1 < n && r.rules_keeps[i + 1]),
            flag(i > 0 && is_prose(&r.page[i - 1])),
            flag(i + 1 < n && is_prose(&r.page[i + 1])),
            (gap as f32).ln_1p(),
            flag(first.is_some_and(|f| i > f) && last.is_some_and(|l| i < l)),
            i as f32 / n.max(1) as f32,
            r.prose[b.owner] / total_prose,
            r.prose.get(parent).map_or(0.0, |p| p / total_prose),
            share_near(i, n, &|j| is_prose(&r.page[j])),
            share_near(i, n, &|j| r.rules_keeps[j]),
            flag(title_at.is_some_and(|t| i < t)),
            title_at.map_or(0.0, |t| (i.saturating_sub(t) as f32).ln_1p()),
            kept_prose / total_prose,
            flag(r.dom.nodes[b.owner].tag() == Some(&local_name!("p"))),
            if r.inside[b.owner] {
                ((r.depth_of[b.owner] as usize).saturating_sub(r.container_depth) as f32).ln_1p()
            } else {
                -1.0
            },
            by_parent
                .get(&parent)
                .map_or(0.0, |&(all, kept)| kept as f32 / all as f32),
            flag(b.in_gallery),
            flag(after_comments(i)),
            flag(b.is_dek),
        ];
        each(&row);
    }
}
