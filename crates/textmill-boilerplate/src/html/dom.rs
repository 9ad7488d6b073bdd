//! A compact DOM built by html5ever's tree builder: nodes live in one vector and link to each
//! other by index, so building and walking a page costs no per-node allocation beyond the text.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::Namespace;
use html5ever::interface::ElemName;
use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, QualName, local_name, ns};

/// Index of a node in [`Dom::nodes`]; `0` is the document.
pub(crate) type NodeId = usize;
const NONE: usize = usize::MAX;

#[derive(Debug)]
pub(crate) enum NodeData {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes and processing instructions: kept only so the tree stays consistent.
    Other,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub data: NodeData,
    pub parent: usize,
    pub first_child: usize,
    pub last_child: usize,
    pub prev: usize,
    pub next: usize,
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            data,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
        }
    }

    /// The local tag name of an element (`None` for other nodes).
    pub(crate) fn tag(&self) -> Option<&LocalName> {
        match &self.data {
            NodeData::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    pub(crate) fn attr(&self, wanted: &str) -> Option<&str> {
        match &self.data {
            NodeData::Element { attrs, .. } => attrs
                .iter()
                .find(|a| &*a.name.local == wanted)
                .map(|a| a.value.as_ref()),
            _ => None,
        }
    }
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    /// Per node: which of [`Dom::class_names`] its `class` and `id` are.
    pub class_of: Vec<u32>,
    /// The page's distinct `class` and `id` pairs as words (see
    /// [`crate::furniture::class_words`]); the first is the empty one. Pages repeat their class
    /// names, so each pair is turned into words, and judged by the passes, once.
    pub class_names: Vec<String>,
}

impl Dom {
    /// Parses a page; html5ever recovers from any markup, so this cannot fail. Nesting deeper
    /// than [`super::nesting::MAX_DEPTH`] is flattened first, so time stays linear; scripts, styles
    /// and drawings are emptied and comments removed (see [`super::nesting::prepare`]).
    pub(crate) fn parse(html: &str) -> Dom {
        let names = typed_arena::Arena::new();
        let no_name = QualName::new(None, ns!(html), local_name!(""));
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
            names: &names,
            name_of: RefCell::new(vec![&no_name]),
            no_name: &no_name,
        };
        let html = super::nesting::prepare(html);
        // Parsed as a browser without scripts parses it (as lxml does): what `<noscript>` holds
        // is markup, often the whole article on pages that render it by script.
        let opts = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        html5ever::parse_document(sink, opts).one(&*html)
    }

    /// A node's `class` and `id` as words: " article body main nav ", or "" for none.
    pub(crate) fn class_words(&self, id: NodeId) -> &str {
        &self.class_names[self.class_of[id] as usize]
    }

    /// Nodes under `root` in document order (pre-order), without recursion so that deep
    /// nesting cannot overflow the stack. `enter` decides whether to descend into an element.
    pub(crate) fn walk(&self, root: NodeId, mut visit: impl FnMut(NodeId, Step) -> bool) {
        let mut id = root;
        loop {
            if visit(id, Step::Enter) && self.nodes[id].first_child != NONE {
                id = self.nodes[id].first_child;
                continue;
            }
            // `id` is finished: leave it, then go to its next sibling or finish its parent.
            loop {
                visit(id, Step::Leave);
                if id == root {
                    return;
                }
                if self.nodes[id].next != NONE {
                    id = self.nodes[id].next;
                    break;
                }
                id = self.nodes[id].parent;
            }
        }
    }

    /// The first element named `tag` under `root`, in document order.
    pub(crate) fn find(&self, root: NodeId, tag: &LocalName) -> Option<NodeId> {
        let mut found = None;
        self.walk(root, |id, step| {
            if step == Step::Enter && found.is_none() && self.nodes[id].tag() == Some(tag) {
                found = Some(id);
            }
            found.is_none()
        });
        found
    }

    /// The text children of one element as they are (the source of a `<script>`).
    pub(crate) fn raw_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        let mut child = self.nodes[id].first_child;
        while child != NONE {
            if let NodeData::Text(t) = &self.nodes[child].data {
                out.push_str(t);
            }
            child = self.nodes[child].next;
        }
        out
    }

    /// The text under `root` (as [`Dom::text`]) if it has at most `limit` bytes; the walk stops
    /// going down once past the limit, so a large container costs little.
    pub(crate) fn short_text(&self, root: NodeId, limit: usize) -> Option<String> {
        let mut out = String::new();
        self.walk(root, |id, step| {
            if step == Step::Enter && out.len() <= limit {
                match &self.nodes[id].data {
                    NodeData::Text(t) => push_collapsed(&mut out, t),
                    NodeData::Element { name, .. } => {
                        return !matches!(name.local, local_name!("script") | local_name!("style"));
                    }
                    _ => {}
                }
                return true;
            }
            out.len() <= limit
        });
        out.truncate(out.trim_end().len());
        (out.len() <= limit).then_some(out)
    }

    /// All text under `root`, whitespace collapsed.
    pub(crate) fn text(&self, root: NodeId) -> String {
        let mut out = String::new();
        self.walk(root, |id, step| {
            if step == Step::Enter {
                match &self.nodes[id].data {
                    NodeData::Text(t) => push_collapsed(&mut out, t),
                    NodeData::Element { name, .. } => {
                        return !matches!(name.local, local_name!("script") | local_name!("style"));
                    }
                    _ => {}
                }
            }
            true
        });
        out.truncate(out.trim_end().len());
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Enter,
    Leave,
}

/// Appends `text` to `out` with every whitespace run turned into one space (none at the start).
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    if text.is_ascii() {
        push_collapsed_ascii(out, text.as_bytes());
    } else {
        push_collapsed_chars(out, text);
    }
}

fn push_collapsed_chars(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let gap = i > 0 || text.starts_with(|c: char| c.is_whitespace());
        if gap && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(|c: char| c.is_whitespace()) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// [`push_collapsed`] for ASCII text (most of it), copying the runs between spaces whole.
fn push_collapsed_ascii(out: &mut String, text: &[u8]) {
    let mut bytes = std::mem::take(out).into_bytes();
    // Whether a space may not be written next: nothing written yet, or a space last.
    let mut at_space = bytes.last().is_none_or(|&b| b == b' ');
    let mut rest = text;
    while !rest.is_empty() {
        let word = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
        if word > 0 {
            bytes.extend_from_slice(&rest[..word]);
            at_space = false;
            rest = &rest[word..];
            continue;
        }
        if !at_space {
            bytes.push(b' ');
            at_space = true;
        }
        let gap = rest
            .iter()
            .position(|&b| !is_space(b))
            .unwrap_or(rest.len());
        rest = &rest[gap..];
    }
    // Only ASCII bytes were added to valid UTF-8.
    *out = String::from_utf8(bytes).unwrap_or_default();
}

/// `char::is_whitespace` for an ASCII byte (which, unlike `u8::is_ascii_whitespace`, includes
/// the vertical tab).
fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// An element's name as the tree builder asks for it: it asks for names at every step (to
/// check scopes), so they are lent from an arena rather than cloned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name<'a>(&'a QualName);

impl ElemName for Name<'_> {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

struct Sink<'a> {
    nodes: RefCell<Vec<Node>>,
    /// Per node, its element name (`no_name` for other nodes), in `names`.
    names: &'a typed_arena::Arena<QualName>,
    name_of: RefCell<Vec<&'a QualName>>,
    no_name: &'a QualName,
}

impl Sink<'_> {
    fn push(&self, data: NodeData) -> NodeId {
        let name = match &data {
            NodeData::Element { name, .. } => &*self.names.alloc(name.clone()),
            _ => self.no_name,
        };
        self.name_of.borrow_mut().push(name);
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = (nodes[id].parent, nodes[id].prev, nodes[id].next);
        if prev != NONE {
            nodes[prev].next = next;
        } else if parent != NONE {
            nodes[parent].first_child = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else if parent != NONE {
            nodes[parent].last_child = prev;
        }
        let node = &mut nodes[id];
        node.parent = NONE;
        node.prev = NONE;
        node.next = NONE;
    }

    fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent].last_child;
        nodes[child].parent = parent;
        nodes[child].prev = last;
        if last == NONE {
            nodes[parent].first_child = child;
        } else {
            nodes[last].next = child;
        }
        nodes[parent].last_child = child;
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let (parent, prev) = (nodes[sibling].parent, nodes[sibling].prev);
        nodes[child].parent = parent;
        nodes[child].next = sibling;
        nodes[child].prev = prev;
        nodes[sibling].prev = child;
        if prev != NONE {
            nodes[prev].next = child;
        } else if parent != NONE {
            nodes[parent].first_child = child;
        }
    }

    /// Adds text or a node; text next to a text node merges into it.
    fn add(
        &self,
        child: NodeOrText<NodeId>,
        neighbour: impl Fn(&[Node]) -> usize,
    ) -> Option<NodeId> {
        match child {
            NodeOrText::AppendNode(id) => Some(id),
            NodeOrText::AppendText(text) => {
                {
                    let mut nodes = self.nodes.borrow_mut();
                    let n = neighbour(&nodes);
                    if n != NONE
                        && let NodeData::Text(existing) = &mut nodes[n].data
                    {
                        existing.push_tendril(&text);
                        return None;
                    }
                }
                Some(self.push(NodeData::Text(text)))
            }
        }
    }
}

impl TreeSink for Sink<'_> {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a>
        = Name<'a>
    where
        Self: 'a;

    fn finish(self) -> Dom {
        let nodes = self.nodes.into_inner();
        let mut class_names = vec![String::new()];
        let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
        let class_of = nodes
            .iter()
            .map(|n| {
                let NodeData::Element { attrs, .. } = &n.data else {
                    return 0;
                };
                // Atoms compare as numbers: one pass over the attributes finds both.
                let (mut class, mut id) = (None, None);
                for a in attrs {
                    if a.name.local == local_name!("class") {
                        class = class.or(Some(&*a.value));
                    } else if a.name.local == local_name!("id") {
                        id = id.or(Some(&*a.value));
                    }
                }
                if class.is_none() && id.is_none() {
                    return 0;
                }
                *seen
                    .entry((class.unwrap_or(""), id.unwrap_or("")))
                    .or_insert_with(|| {
                        let words = crate::furniture::class_words(class, id);
                        if words.is_empty() {
                            return 0;
                        }
                        class_names.push(words);
                        (class_names.len() - 1) as u32
                    })
            })
            .collect();
        Dom {
            nodes,
            class_of,
            class_names,
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name<'a> {
        // The tree builder only asks for names of elements; anything else has an empty name.
        Name(self.name_of.borrow()[*target])
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        _flags: ElementFlags,
    ) -> NodeId {
        self.push(NodeData::Element { name, attrs })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let parent = *parent;
        if let Some(id) = self.add(child, |nodes| nodes[parent].last_child) {
            Self::append_child(&mut self.nodes.borrow_mut(), parent, id);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.nodes.borrow()[*element].parent == NONE {
            self.append(prev_element, child);
        } else {
            self.append_before_sibling(element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
        let id = self.push(NodeData::Other);
        Self::append_child(&mut self.nodes.borrow_mut(), 0, id);
    }

    // Template contents are parsed into the template element itself: their text is never shown,
    // and the extractor skips <template>.
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    // Quirks mode changes nothing that text extraction reads.
    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let sibling = *sibling;
        if let Some(id) = self.add(child, |nodes| nodes[sibling].prev) {
            Self::insert_before(&mut self.nodes.borrow_mut(), sibling, id);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let NodeData::Element {
            attrs: existing, ..
        } = &mut self.nodes.borrow_mut()[*target].data
        {
            for attr in attrs {
                if !existing.iter().any(|e| e.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node].first_child;
        while child != NONE {
            let next = nodes[child].next;
            Self::append_child(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ascii_text_collapses_as_any_text(
            before in "[a b\n]{0,3}",
            text in "[ab \t\n\r\x0b\x0c.]{0,12}",
        ) {
            let (mut fast, mut slow) = (before.clone(), before);
            push_collapsed_ascii(&mut fast, text.as_bytes());
            push_collapsed_chars(&mut slow, &text);
            prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        let mut out = String::new();
        push_collapsed(&mut out, "  Kim \t\n Jong\u{a0}\u{a0}Un ");
        push_collapsed(&mut out, "\nsaid");
        assert_eq!(out, "Kim Jong Un said");
    }
}
