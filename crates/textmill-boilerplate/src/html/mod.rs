//! The main text of an HTML page.
//!
//! 1. Walk the DOM once and cut the visible text into blocks (paragraphs, headings, list items,
//!    quotes, table cells, br-separated runs), noting for each its link text, its tag and the
//!    innermost container whose class, id or tag says "furniture".
//! 2. Weigh each block: prose counts for, link lists, furniture and fragments count against.
//!    Sum the weights up the tree; the element with the largest sum holds the article.
//! 3. Inside it, keep the prose, the headings and short lines that sit between kept prose; two
//!    more readings (the page block by block, the headline onwards) extend or replace it.
//! 4. The block model ([`block_model`]) has the last word on each block, from what the readings
//!    decided and what the block looks like; every dropped block is reported with its reason.

use html5ever::{LocalName, local_name};
use textmill_core::{Metadata, RemovalKind, Removed};

pub(crate) mod block_model;
pub(crate) mod decode;
pub(crate) mod dom;
pub(crate) mod meta;
mod nesting;

use self::block_model::BlockModel;
use self::dom::{Dom, Node, NodeData, NodeId, Step, push_collapsed};
use crate::furniture;
use crate::names::same_words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Cell,
}

#[derive(Debug)]
pub(crate) struct Block {
    text: String,
    shape: Shape,
    /// Characters inside links.
    link_chars: usize,
    chars: usize,
    words: usize,
    /// Reads like article prose (see [`reads_like_prose`]); fixed when the block is cut.
    prose: bool,
    /// A teaser of another article: a headline link and a lede cut off with "..." .
    teaser: bool,
    /// The innermost furniture container: its depth, the kind, and why.
    hint: Option<(usize, RemovalKind, String)>,
    /// Depth of the innermost element that says "article body" (itemprop, class).
    positive_depth: Option<usize>,
    /// Inside a picture gallery (a caption container of many images).
    in_gallery: bool,
    /// The headline (the same words as the page's title), or the dek (the same words as the
    /// page's description, which went to the metadata).
    is_title: bool,
    is_dek: bool,
    /// The furniture a whole line of this text is ("Share this", "Advertisement").
    furniture_line: Option<RemovalKind>,
    /// The block element that holds the text (scores are summed from here up the tree).
    owner: NodeId,
}

impl Block {
    fn link_density(&self) -> f32 {
        self.link_chars as f32 / self.chars.max(1) as f32
    }
}

/// A block of at least this many words that ends like a sentence reads as prose, and so does a
/// block of `PROSE_LONG_WORDS` however it ends. (From 8 and 25: a grid of 5-10 and 20-35 was run
/// on both development benchmarks; 6 and 30 gained on both, ScrapingHub 0.9720 -> 0.9731 and
/// trafilatura's set 0.9069 -> 0.9082.)
const PROSE_MIN_WORDS: usize = 6;
const PROSE_LONG_WORDS: usize = 30;
/// Prose has fewer of its characters in links than this (from 0.35: 0.25 lost on ScrapingHub,
/// 0.45 gained on trafilatura's set, 0.9082 -> 0.9092, and changed no ScrapingHub page).
const PROSE_MAX_LINK_DENSITY: f32 = 0.45;

/// Several words, few of them links, ending like a sentence or long enough not to be a label.
fn reads_like_prose(text: &str, words: usize, link_density: f32) -> bool {
    link_density < PROSE_MAX_LINK_DENSITY
        && ((words >= PROSE_MIN_WORDS && ends_sentence(text)) || words >= PROSE_LONG_WORDS)
}

/// Ends with a sentence's last mark (before closing quotes and brackets).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', '…', '。', '！', '？'])
}

/// A link (a headline) and text that stops mid-sentence with "..." or "…": a list of other
/// articles, however much prose it carries.
fn is_teaser(text: &str, link_chars: usize, chars: usize) -> bool {
    let density = link_chars as f32 / chars.max(1) as f32;
    let text = text.trim_end();
    link_chars >= 15
        && (0.08..=0.6).contains(&density)
        && (text.ends_with("...") || text.ends_with('…'))
}

/// Tags whose content is never text.
fn is_invisible(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("head")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("select")
            | local_name!("button")
            | local_name!("textarea")
            | local_name!("input")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("dialog")
    )
}

/// Tags that start and end a block of text.
fn block_shape(tag: &LocalName) -> Option<Shape> {
    Some(match *tag {
        local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6") => Shape::Heading,
        local_name!("li") | local_name!("dt") | local_name!("dd") => Shape::ListItem,
        local_name!("blockquote") => Shape::Quote,
        local_name!("td") | local_name!("th") => Shape::Cell,
        local_name!("p")
        | local_name!("div")
        | local_name!("section")
        | local_name!("article")
        | local_name!("main")
        | local_name!("header")
        | local_name!("footer")
        | local_name!("nav")
        | local_name!("aside")
        | local_name!("figure")
        | local_name!("figcaption")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("dl")
        | local_name!("table")
        | local_name!("tr")
        | local_name!("pre")
        | local_name!("form")
        | local_name!("address")
        | local_name!("center")
        | local_name!("body")
        | local_name!("hr")
        | local_name!("br") => Shape::Paragraph,
        _ => return None,
    })
}

/// The furniture kind that an element's tag or attributes announce.
fn element_hint(
    node: &Node,
    tag: &LocalName,
    class_hint: Option<(RemovalKind, &'static str)>,
) -> Option<(RemovalKind, String)> {
    let by_tag = match *tag {
        local_name!("nav") => Some(RemovalKind::Navigation),
        local_name!("footer") => Some(RemovalKind::Footer),
        local_name!("aside") => Some(RemovalKind::Related),
        local_name!("figcaption") => Some(RemovalKind::Caption),
        local_name!("form") => None,
        _ => None,
    };
    if let Some(kind) = by_tag {
        return Some((kind, format!("<{tag}>")));
    }
    if matches!(
        *tag,
        local_name!("html") | local_name!("body") | local_name!("main") | local_name!("article")
    ) {
        return None;
    }
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true") {
        return Some((RemovalKind::Markup, "hidden".to_owned()));
    }
    if let Some(style) = node.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return Some((RemovalKind::Markup, "display:none".to_owned()));
        }
    }
    if let Some((kind, frag)) = class_hint {
        return Some((kind, format!("class/id \"{frag}\"")));
    }
    if let Some(role) = node.attr("role") {
        match role {
            "navigation" | "menu" | "menubar" => {
                return Some((RemovalKind::Navigation, format!("role={role}")));
            }
            "contentinfo" => return Some((RemovalKind::Footer, format!("role={role}"))),
            "complementary" => return Some((RemovalKind::Related, format!("role={role}"))),
            "dialog" | "alertdialog" => {
                return Some((RemovalKind::Furniture, format!("role={role}")));
            }
            _ => {}
        }
    }
    None
}

fn is_positive(node: &Node, tag: &LocalName, names_say_body: bool) -> bool {
    node.attr("itemprop").is_some_and(|p| p == "articleBody")
        || (*tag != local_name!("body") && names_say_body)
}

/// A furniture hint (class, id, tag, role) is not believed on a container holding this share of
/// the page's prose or more: no name removes most of the article.
const HINT_MAX_PROSE: f32 = 0.5;
/// ... and for the hints whose words are also layout words ("has-sidebar", "nav-open"), this share.
const WEAK_HINT_MAX_PROSE: f32 = 0.4;

/// A caption-named container with this many images or more is a gallery: believed even when it
/// holds most of the page's text (5 and 10 lost a ScrapingHub page whose article sits in such a
/// container; 20 changed no development page).
const GALLERY_IMAGES: u32 = 20;

/// A container whose class, id, tag or role says "furniture".
#[derive(Debug)]
struct Hint {
    node: NodeId,
    depth: usize,
    kind: RemovalKind,
    reason: String,
}

impl Hint {
    /// Kinds whose names are rarely layout words: trusted even on a container full of prose.
    fn is_strong(&self) -> bool {
        matches!(
            self.kind,
            RemovalKind::Consent | RemovalKind::Comments | RemovalKind::Markup
        )
    }
}

/// Cuts the page into blocks and scores every element.
struct Blocks<'a> {
    dom: &'a Dom,
    /// The page's title and dek, to know their blocks.
    title: Option<&'a str>,
    dek: Option<&'a str>,
    blocks: Vec<Block>,
    /// Per block: indices into `hints` of its furniture ancestors, outermost first.
    block_hints: Vec<Vec<u32>>,
    hints: Vec<Hint>,
    /// Per node: characters of prose under it (hints aside), and images under it.
    prose: Vec<f32>,
    images: Vec<u32>,
    depth_of: Vec<u32>,
    /// Elements in the order they were left (children before parents).
    post_order: Vec<NodeId>,
    current: String,
    current_links: usize,
    link_depth: usize,
    /// Dropped pieces that are not blocks (math), with the index of the block they precede.
    asides: Vec<(usize, Removed)>,
    /// Open block elements, open furniture hints, open "article body" containers.
    open_blocks: Vec<(NodeId, Shape)>,
    open_hints: Vec<u32>,
    positives: Vec<(usize, NodeId)>,
    depth: usize,
    /// What the furniture lists say of each of the page's class names ([`Dom::class_names`]).
    names_say: Vec<NamesSay>,
}

/// A class-name hint (kind and reason), and whether the names say "article body".
type NamesSay = (Option<(RemovalKind, &'static str)>, bool);

impl<'a> Blocks<'a> {
    fn new(dom: &'a Dom, metadata: &'a Metadata) -> Self {
        Blocks {
            dom,
            title: metadata.title.as_deref(),
            dek: metadata.dek.as_deref(),
            blocks: Vec::new(),
            block_hints: Vec::new(),
            hints: Vec::new(),
            prose: vec![0.0; dom.nodes.len()],
            images: vec![0; dom.nodes.len()],
            depth_of: vec![0; dom.nodes.len()],
            post_order: Vec::new(),
            current: String::new(),
            current_links: 0,
            link_depth: 0,
            open_blocks: vec![(0, Shape::Paragraph)],
            open_hints: Vec::new(),
            positives: Vec::new(),
            depth: 0,
            asides: Vec::new(),
            names_say: dom
                .class_names
                .iter()
                .map(|words| furniture::names_say(words))
                .collect(),
        }
    }

    fn flush(&mut self) {
        let text = self.current.trim();
        if !text.is_empty() && text.chars().any(char::is_alphanumeric) {
            let &(owner, shape) = self.open_blocks.last().unwrap_or(&(0, Shape::Paragraph));
            let chars = text.chars().count();
            let link_chars = self.current_links.min(chars);
            let words = crate::count_words(text);
            let teaser = is_teaser(text, link_chars, chars);
            let block = Block {
                text: text.to_owned(),
                shape,
                link_chars,
                chars,
                words,
                prose: !teaser
                    && reads_like_prose(text, words, link_chars as f32 / chars.max(1) as f32),
                teaser,
                hint: None,
                positive_depth: self.positives.last().map(|p| p.0),
                in_gallery: false,
                is_title: self.title.is_some_and(|t| same_words(t, text)),
                is_dek: self.dek.is_some_and(|d| same_words(d, text)),
                furniture_line: furniture::line_kind(text),
                owner,
            };
            if block.prose {
                self.prose[owner] += chars as f32;
            }
            self.blocks.push(block);
            self.block_hints.push(self.open_hints.clone());
        }
        self.current.clear();
        self.current_links = 0;
    }

    fn run(mut self) -> Self {
        let dom = self.dom;
        let body = dom.find(0, &local_name!("body")).unwrap_or(0);
        dom.walk(body, |id, step| {
            let node = &dom.nodes[id];
            match (&node.data, step) {
                (NodeData::Text(t), Step::Enter) => {
                    let before = self.current.len();
                    push_collapsed(&mut self.current, t);
                    if self.link_depth > 0 {
                        self.current_links += self.current[before..]
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .count();
                    }
                    true
                }
                (NodeData::Element { name, .. }, Step::Enter) => {
                    let tag = &name.local;
                    if is_invisible(tag) {
                        // Math is text that this cleaner cannot render: it goes, but it is
                        // reported (MathML, and MathJax's TeX in scripts).
                        if let Some(source) = math_source(dom, id, tag) {
                            self.asides.push((
                                self.blocks.len(),
                                Removed {
                                    text: source,
                                    kind: RemovalKind::Markup,
                                    reason: "math (MathML or TeX) is not kept as text".to_owned(),
                                },
                            ));
                        }
                        return false;
                    }
                    self.depth += 1;
                    self.depth_of[id] = self.depth as u32;
                    if *tag == local_name!("a") {
                        self.link_depth += 1;
                    }
                    if let Some(shape) = block_shape(tag) {
                        self.flush();
                        self.open_blocks.push((id, shape));
                    }
                    let (class_hint, names_say_body) = self.names_say[dom.class_of[id] as usize];
                    if let Some((kind, reason)) = element_hint(node, tag, class_hint) {
                        self.open_hints.push(self.hints.len() as u32);
                        self.hints.push(Hint {
                            node: id,
                            depth: self.depth,
                            kind,
                            reason,
                        });
                    }
                    if is_positive(node, tag, names_say_body) {
                        self.positives.push((self.depth, id));
                    }
                    true
                }
                (NodeData::Element { name, .. }, Step::Leave) => {
                    let tag = &name.local;
                    if is_invisible(tag) {
                        return true;
                    }
                    if block_shape(tag).is_some() {
                        self.flush();
                        self.open_blocks.pop();
                    }
                    if *tag == local_name!("a") {
                        self.link_depth = self.link_depth.saturating_sub(1);
                    }
                    if self
                        .open_hints
                        .last()
                        .is_some_and(|&h| self.hints[h as usize].node == id)
                    {
                        self.open_hints.pop();
                    }
                    if self.positives.last().is_some_and(|p| p.1 == id) {
                        self.positives.pop();
                    }
                    if *tag == local_name!("img") {
                        self.images[id] += 1;
                    }
                    if node.parent < self.prose.len() {
                        self.prose[node.parent] += self.prose[id];
                        self.images[node.parent] += self.images[id];
                    }
                    self.post_order.push(id);
                    self.depth -= 1;
                    true
                }
                _ => true,
            }
        });
        self.flush();
        self
    }

    /// Decides which hints to believe, then weighs the blocks and sums the weights up the tree.
    /// A weak hint on a container that holds much of the page's prose is a layout name
    /// ("has-sidebar", "nav-open"), not furniture.
    fn score(&mut self) -> Scores {
        let total_prose: f32 = self
            .blocks
            .iter()
            .filter(|b| b.prose)
            .map(|b| b.chars as f32)
            .sum();
        let gallery: Vec<bool> = self
            .hints
            .iter()
            .map(|h| h.kind == RemovalKind::Caption && self.images[h.node] >= GALLERY_IMAGES)
            .collect();
        let believed: Vec<bool> = self
            .hints
            .iter()
            .zip(&gallery)
            .map(|(h, &gallery)| {
                let share = self.prose[h.node] / total_prose.max(1.0);
                // A gallery is captions however much of the page's text they are.
                gallery || share < WEAK_HINT_MAX_PROSE || (h.is_strong() && share < HINT_MAX_PROSE)
            })
            .collect();
        let nodes = &self.dom.nodes;
        let mut subtree = vec![0.0f32; nodes.len()];
        // Readability's rule: a block counts fully for the element holding it and its parent,
        // half for its grandparent. The element with the most holds the article's paragraphs
        // directly, so teaser cards elsewhere on the page cannot pull the choice up to the page.
        let mut direct = vec![0.0f32; nodes.len()];
        for (block, hints) in self.blocks.iter_mut().zip(&self.block_hints) {
            // A furniture name outside a declared article body ("commentary article" around
            // itemprop=articleBody) does not count against the body's blocks.
            if let Some(&h) = hints.iter().rev().find(|&&h| believed[h as usize])
                && block
                    .positive_depth
                    .is_none_or(|p| p < self.hints[h as usize].depth)
            {
                let hint = &self.hints[h as usize];
                block.hint = Some((hint.depth, hint.kind, hint.reason.clone()));
                block.in_gallery = gallery[h as usize];
            }
            let w = weight(block);
            subtree[block.owner] += w;
            direct[block.owner] += w;
            let parent = nodes[block.owner].parent;
            if parent < nodes.len() {
                direct[parent] += w;
                let grandparent = nodes[parent].parent;
                if grandparent < nodes.len() {
                    direct[grandparent] += 0.5 * w;
                }
            }
        }
        for &id in &self.post_order {
            let parent = nodes[id].parent;
            if parent < subtree.len() {
                subtree[parent] += subtree[id];
            }
        }
        Scores { subtree, direct }
    }
}

/// Block weights summed per element: over the whole subtree, and Readability-style (see `score`).
struct Scores {
    subtree: Vec<f32>,
    direct: Vec<f32>,
}

/// How much a block says "the article is here".
fn weight(block: &Block) -> f32 {
    let chars = block.chars as f32;
    if block.hint.is_some() || block.teaser {
        return -0.5 * chars;
    }
    let density = block.link_density();
    if density > 0.5 {
        return -(block.link_chars as f32);
    }
    if block.prose {
        let commas = block.text.matches([',', '，']).count() as f32;
        chars * (1.0 - density) + 10.0 * commas
    } else if block.words < 4 {
        -0.2 * chars - 1.0
    } else {
        0.1 * chars
    }
}

/// The extracted article.
pub(crate) struct Article {
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removed>,
}

/// The page's blocks, and what the rules decided for each.
pub(crate) struct Reading {
    blocks: Vec<Block>,
    asides: Vec<(usize, Removed)>,
    /// The verdicts of the reading the rules chose.
    verdicts: Vec<Verdict>,
}

impl Reading {
    /// The blocks' texts, in page order.
    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().map(|b| b.text.as_str())
    }
}

/// Finds and cleans the article on a parsed page: the rules read the page, the block model
/// decides each block.
pub(crate) fn extract(dom: &Dom, metadata: &Metadata, model: &BlockModel) -> Article {
    let mut rows = Vec::new();
    let Reading {
        blocks,
        asides,
        mut verdicts,
    } = read(dom, metadata, &mut |row| rows.push(crate::trees::row(row)));
    let decisions = model.decide(&rows);
    drop(rows);
    let mut keeps = Vec::with_capacity(blocks.len());
    for (i, &(keep, overturned)) in decisions.iter().enumerate() {
        if let Some(p) = overturned {
            verdicts[i] = if keep {
                Verdict::Prose
            } else {
                Verdict::Drop(
                    RemovalKind::LowScore,
                    format!("the block model gives it {p:.2}"),
                )
            };
        }
        keeps.push(keep);
    }
    let chosen = assemble(&blocks, &asides, verdicts, &keeps);
    if !chosen.paragraphs.is_empty() {
        return chosen;
    }
    // Never empty a page that has text: when nothing scores as the article (a fragment, a page
    // whose every container has a furniture name), its prose stays, or else all its text.
    let any_prose = blocks.iter().any(|b| b.prose);
    let last_resort: Vec<Verdict> = blocks
        .iter()
        .map(|b| {
            if (b.prose || !any_prose) && b.link_density() <= 0.5 {
                Verdict::Prose
            } else {
                Verdict::Drop(RemovalKind::LowScore, "outside the page's prose".to_owned())
            }
        })
        .collect();
    let keeps = kept_blocks(&blocks, &last_resort, false);
    assemble(&blocks, &asides, last_resort, &keeps)
}

/// The three readings of a page (the best container, the page block by block, the headline
/// onwards) and the rules' choice between them; `each` gets every block's row of
/// [`block_model::FEATURES`], in page order.
pub(crate) fn read(dom: &Dom, metadata: &Metadata, each: &mut dyn FnMut(&[f32])) -> Reading {
    let mut scored = Blocks::new(dom, metadata).run();
    let Scores {
        subtree: score,
        direct,
    } = scored.score();
    let Blocks {
        blocks,
        depth_of,
        asides,
        prose,
        ..
    } = scored;

    // The element with the most direct weight holds the article.
    let mut best = (0, f32::MIN);
    for (id, &s) in direct.iter().enumerate() {
        if s > best.1 {
            best = (id, s);
        }
    }
    // A container that names itself the article body ("articleBody", "entry-content") around the
    // best element is the article: it may hold tables and lists that score low.
    let mut container = best.0;
    let mut declared = false;
    let mut id = container;
    while id < dom.nodes.len() {
        if let Some(tag) = dom.nodes[id].tag()
            && is_positive(
                &dom.nodes[id],
                tag,
                furniture::is_positive(dom.class_words(id)),
            )
        {
            container = id;
            declared = true;
            break;
        }
        id = dom.nodes[id].parent;
    }
    let container_depth = depth_of[container] as usize;
    // Siblings of the container that hold a good share of prose continue the article (bodies
    // cut in two by an ad or an embed).
    // A declared body may come in parts: siblings with the same class and id names
    // ("StoryBodyCompanionColumn" after an ad) continue it.
    let mut inside = ancestors_mask(dom, container);
    let parent = dom.nodes[container].parent;
    let names = dom.class_words(container);
    if parent < dom.nodes.len() {
        let threshold = (0.2 * score[container]).max(100.0);
        let continues = |sibling: NodeId| {
            if declared {
                !names.is_empty() && dom.class_words(sibling) == names
            } else {
                score[sibling] >= threshold
            }
        };
        let mut sibling = dom.nodes[parent].first_child;
        while sibling < dom.nodes.len() {
            if sibling != container && continues(sibling) {
                dom.walk(sibling, |id, step| {
                    if step == Step::Enter {
                        inside[id] = true;
                    }
                    true
                });
            }
            sibling = dom.nodes[sibling].next;
        }
    }

    // Two readings of the blocks: inside the container, and of the whole page block by block
    // without a container (as jusText does).
    let page_verdicts: Vec<Verdict> = blocks.iter().map(|b| judge(b, 0)).collect();
    let mut verdicts: Vec<Verdict> = blocks
        .iter()
        .zip(&page_verdicts)
        .map(|(b, on_page)| {
            if inside[b.owner] {
                // The two readings differ only for a block whose furniture container is the
                // article's container or above it: judge that one again, reuse the rest.
                let hint_above = b
                    .hint
                    .as_ref()
                    .is_some_and(|(depth, ..)| *depth <= container_depth);
                return if hint_above {
                    judge(b, container_depth)
                } else {
                    on_page.clone()
                };
            }
            // Outside the article: name the furniture if it says what it is.
            match on_page {
                Verdict::Drop(kind, reason) => Verdict::Drop(*kind, reason.clone()),
                _ => Verdict::Outside,
            }
        })
        .collect();
    // The article goes on past its container (an intro, sections, lists beside the best
    // element) as long as the page reading finds prose next to it.
    extend_through_prose(&mut verdicts, &page_verdicts, EXTEND_GAP);
    // A third reading starts at the headline: the prose that follows it is the article. It
    // replaces the container's when the container keeps nothing near the headline and this
    // reading finds more.
    let after_headline = headline_reading(&blocks, &page_verdicts, metadata);
    let near_headline = |v: &[Verdict], at: usize| {
        v[at..(at + HEADLINE_REACH).min(v.len())]
            .iter()
            .any(|v| matches!(v, Verdict::Prose))
    };
    let verdicts = match after_headline {
        Some((at, reading))
            if !near_headline(&verdicts, at)
                && prose_chars(&blocks, &reading)
                    > HEADLINE_SHARE * prose_chars(&blocks, &verdicts) =>
        {
            reading
        }
        _ => verdicts,
    };
    // When the container holds little of what the page reading finds, it was the wrong one.
    let in_container = kept_blocks(&blocks, &verdicts, declared);
    let on_page = kept_blocks(&blocks, &page_verdicts, false);
    let fell_back = (kept_chars(&blocks, &in_container) as f32)
        < FALLBACK_SHARE * kept_chars(&blocks, &on_page) as f32;
    block_model::features(
        &block_model::Readings {
            blocks: &blocks,
            container: &verdicts,
            page: &page_verdicts,
            container_keeps: &in_container,
            page_keeps: &on_page,
            rules_keeps: if fell_back { &on_page } else { &in_container },
            fell_back,
            inside: &inside,
            prose: &prose,
            dom,
            depth_of: &depth_of,
            container_depth,
        },
        each,
    );
    Reading {
        blocks,
        asides,
        verdicts: if fell_back { page_verdicts } else { verdicts },
    }
}

/// Which blocks a reading keeps: its prose, and short blocks between kept prose (or just before
/// it, for headings) or anywhere inside a declared article body; leading and trailing fragments
/// are dropped.
fn kept_blocks(blocks: &[Block], verdicts: &[Verdict], declared: bool) -> Vec<bool> {
    let prose: Vec<bool> = verdicts
        .iter()
        .map(|v| matches!(v, Verdict::Prose))
        .collect();
    let first = prose.iter().position(|&p| p);
    let last = prose.iter().rposition(|&p| p);
    verdicts
        .iter()
        .enumerate()
        .map(|(i, verdict)| match verdict {
            Verdict::Prose => true,
            Verdict::Short if declared => true,
            Verdict::Short => match (first, last) {
                (Some(f), Some(l)) => {
                    let before_next_prose = blocks[i].shape == Shape::Heading
                        && prose
                            .get(i + 1..)
                            .and_then(|r| r.iter().take(3).position(|&p| p))
                            .is_some();
                    (i > f && i < l) || (before_next_prose && i >= f.saturating_sub(1))
                }
                _ => false,
            },
            Verdict::Outside | Verdict::Drop(..) => false,
        })
        .collect()
}

/// Characters of the blocks a reading keeps.
fn kept_chars(blocks: &[Block], keeps: &[bool]) -> usize {
    keeps
        .iter()
        .zip(blocks)
        .filter(|(keep, _)| **keep)
        .map(|(_, b)| b.text.len())
        .sum()
}

/// Extends the kept prose of `verdicts` forwards and backwards through the blocks that the page
/// reading calls prose, across at most `gap` other blocks at a time.
fn extend_through_prose(verdicts: &mut [Verdict], page: &[Verdict], gap: usize) {
    let kept: Vec<usize> = (0..verdicts.len())
        .filter(|&i| matches!(verdicts[i], Verdict::Prose))
        .collect();
    let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
        return;
    };
    let mut take = |range: &mut dyn Iterator<Item = usize>| {
        let mut since_prose = 0;
        let mut pending: Vec<usize> = Vec::new();
        for i in range {
            match &page[i] {
                Verdict::Prose => {
                    for j in pending.drain(..) {
                        verdicts[j] = page[j].clone();
                    }
                    verdicts[i] = Verdict::Prose;
                    since_prose = 0;
                }
                // Reader comments are never inside an article.
                Verdict::Drop(RemovalKind::Comments, _) => break,
                _ => {
                    since_prose += 1;
                    if since_prose > gap {
                        break;
                    }
                    pending.push(i);
                }
            }
        }
    };
    take(&mut (last + 1..page.len()));
    take(&mut (0..first).rev());
    // Between the container's first and last prose, the page reading decides: blocks outside the
    // container there are parts of the article that another element holds.
    for i in first..last {
        if matches!(verdicts[i], Verdict::Outside) {
            verdicts[i] = page[i].clone();
        }
    }
}

/// The headline reading replaces a container that keeps nothing near the headline when it has
/// more than this share of the container's prose (0.5, 1 and 2 were tried: 0.5 gained most on
/// trafilatura's set; ScrapingHub did not move).
const HEADLINE_SHARE: f32 = 0.5;

/// How many blocks after the headline the article's first prose may start (bylines, dates,
/// captions and share bars come between).
const HEADLINE_REACH: usize = 8;

/// The headline's block (a heading outside furniture first) and the reading that starts there:
/// the first prose within `HEADLINE_REACH` blocks, extended through the page's prose.
fn headline_reading(
    blocks: &[Block],
    page: &[Verdict],
    metadata: &Metadata,
) -> Option<(usize, Vec<Verdict>)> {
    let title = metadata.title.as_deref()?;
    let is_title = |b: &Block| same_words(title, &b.text);
    let at = blocks
        .iter()
        .position(|b| is_title(b) && b.shape == Shape::Heading && b.hint.is_none())
        .or_else(|| blocks.iter().position(|b| is_title(b) && b.hint.is_none()))?;
    let first = (at + 1..(at + 1 + HEADLINE_REACH).min(blocks.len()))
        .find(|&i| matches!(page[i], Verdict::Prose))?;
    let mut reading: Vec<Verdict> = page
        .iter()
        .map(|v| match v {
            Verdict::Drop(kind, reason) => Verdict::Drop(*kind, reason.clone()),
            _ => Verdict::Outside,
        })
        .collect();
    reading[first] = Verdict::Prose;
    extend_through_prose(&mut reading, page, EXTEND_GAP);
    Some((at, reading))
}

/// Characters of the blocks a reading keeps as prose.
fn prose_chars(blocks: &[Block], verdicts: &[Verdict]) -> f32 {
    blocks
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| matches!(v, Verdict::Prose))
        .map(|(b, _)| b.chars as f32)
        .sum()
}

/// The container's article extends through the page's prose across at most this many other
/// blocks at a time (1 to 4 were tried; 2 gained on both development benchmarks, 4 lost on
/// ScrapingHub).
const EXTEND_GAP: usize = 2;

/// The second reading replaces the container's when the container keeps less than this share of
/// the second reading's text (0.2 lost on trafilatura's set, 0.4 on ScrapingHub).
const FALLBACK_SHARE: f32 = 0.3;

/// The kept text and the removed pieces, from the blocks' verdicts and which of them are kept
/// (see [`kept_blocks`]).
fn assemble(
    blocks: &[Block],
    asides: &[(usize, Removed)],
    verdicts: Vec<Verdict>,
    keeps: &[bool],
) -> Article {
    let mut asides = asides.iter().peekable();
    let mut paragraphs = Vec::new();
    let mut removed = Vec::new();
    for (i, (block, verdict)) in blocks.iter().zip(verdicts).enumerate() {
        while let Some((_, aside)) = asides.next_if(|(at, _)| *at <= i) {
            removed.push(aside.clone());
        }
        match verdict {
            Verdict::Prose | Verdict::Short => {}
            Verdict::Drop(kind, reason) => {
                removed.push(Removed {
                    text: block.text.clone(),
                    kind,
                    reason,
                });
                continue;
            }
            Verdict::Outside => {
                removed.push(Removed {
                    text: block.text.clone(),
                    kind: RemovalKind::LowScore,
                    reason: "outside the article container".to_owned(),
                });
                continue;
            }
        }
        if keeps[i] {
            paragraphs.push(block.text.clone());
        } else {
            removed.push(Removed {
                text: block.text.clone(),
                kind: RemovalKind::LowScore,
                reason: "fragment outside the article text".to_owned(),
            });
        }
    }
    removed.extend(asides.map(|(_, aside)| aside.clone()));
    Article {
        paragraphs,
        removed,
    }
}

#[derive(Clone)]
pub(crate) enum Verdict {
    Prose,
    Short,
    /// Text that reads well enough but lies outside the article's container.
    Outside,
    Drop(RemovalKind, String),
}

/// The source of a math element: MathML's `alttext` or its text, or the TeX of a MathJax
/// `<script type="math/tex">`.
fn math_source(dom: &Dom, id: NodeId, tag: &LocalName) -> Option<String> {
    let node = &dom.nodes[id];
    let source = match *tag {
        local_name!("math") => node
            .attr("alttext")
            .map_or_else(|| dom.text(id), str::to_owned),
        local_name!("script") if node.attr("type").is_some_and(|t| t.starts_with("math/")) => {
            dom.raw_text(id)
        }
        _ => return None,
    };
    let source = source.trim();
    (!source.is_empty()).then(|| source.to_owned())
}

fn judge(b: &Block, container_depth: usize) -> Verdict {
    if let Some((depth, kind, reason)) = &b.hint
        && *depth > container_depth
        && b.positive_depth.is_none_or(|p| p < *depth)
    {
        return Verdict::Drop(*kind, reason.clone());
    }
    if b.is_title {
        return Verdict::Drop(RemovalKind::Title, "the headline".to_owned());
    }
    if b.teaser {
        return Verdict::Drop(
            RemovalKind::Related,
            "teaser: a headline link and a lede cut off".to_owned(),
        );
    }
    // Before the link test: a date that links to the month's archive is still the date line.
    if b.words <= 8 && crate::dates::is_date_line(&b.text) {
        return Verdict::Drop(RemovalKind::Date, "date line".to_owned());
    }
    if b.link_density() > 0.5 && b.words > 0 {
        return Verdict::Drop(
            RemovalKind::LowScore,
            format!("link density {:.2}", b.link_density()),
        );
    }
    if let Some(kind) = b.furniture_line {
        return Verdict::Drop(kind, "furniture phrase".to_owned());
    }
    if b.prose {
        Verdict::Prose
    } else {
        Verdict::Short
    }
}

/// `mask[n]` is true for `root` and every node under it.
fn ancestors_mask(dom: &Dom, root: NodeId) -> Vec<bool> {
    let mut mask = vec![false; dom.nodes.len()];
    dom.walk(root, |id, step| {
        if step == Step::Enter {
            mask[id] = true;
        }
        true
    });
    mask
}
