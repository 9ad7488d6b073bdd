//! A compact DOM built by html5ever's tree builder: nodes live in one vector and link to each
//! other by index, so building and walking a page costs no per-node allocation beyond the text.

use std::borrow::Cow;
use std::cell::RefCell;

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
    /// Per node: its `class` and `id` as words (see [`crate::furniture::class_words`]), built
    /// once, since both the metadata and the article passes read them.
    pub class_words: Vec<String>,
}

impl Dom {
    /// Parses a page; html5ever recovers from any markup, so this cannot fail. Nesting deeper
    /// than [`super::nesting::MAX_DEPTH`] is flattened first, so time stays linear, and scripts
    /// and styles are emptied (see [`super::nesting::prepare`]).
    pub(crate) fn parse(html: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
            no_name: QualName::new(None, ns!(html), local_name!("")),
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

/// An element's name as the tree builder asks for it (atoms: cloning is cheap).
#[derive(Debug)]
pub(crate) struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    no_name: QualName,
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
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

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        let nodes = self.nodes.into_inner();
        let class_words = nodes
            .iter()
            .map(|n| crate::furniture::class_words(n.attr("class"), n.attr("id")))
            .collect();
        Dom { nodes, class_words }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name {
        // The tree builder only asks for names of elements; anything else gets an empty name.
        match &self.nodes.borrow()[*target].data {
            NodeData::Element { name, .. } => Name(name.clone()),
            _ => Name(self.no_name.clone()),
        }
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
