//! The tree a web page is parsed into, built by html5ever's tree builder through [`Sink`] and
//! read by the HTML reader. Its nodes stand in one vector and link to each other by index; an
//! element keeps only what the reader reads — its name, the attributes the reader asks for, the
//! source line of its start tag and how deep it was appended — so that parsing a page allocates
//! little beyond the vector, and what the reader computes for each node can be kept in a vector
//! indexed the same way ([`NodeId::index`]) rather than in a map.
//!
//! The tree is the one a full DOM would have: text appended next to text joins it, a
//! `<template>`'s contents are a node of their own standing as the template's first child, and
//! comments and doctypes are nodes (without their text) that keep the text either side of them
//! apart.

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, expanded_name, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::fmt;
use std::num::{NonZeroU32, NonZeroUsize};

/// A node of a [`Tree`]: its index in the tree's vector, plus one (so that an `Option` of it
/// takes no more room than the id).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    /// The document, the first node of every tree.
    const DOCUMENT: NodeId = NodeId(NonZeroU32::MIN);

    fn from_index(index: usize) -> NodeId {
        let number = NonZeroUsize::MIN.saturating_add(index);
        // 2^32 nodes of 64 bytes are 256 GiB: the vector's allocation fails (and aborts) long
        // before a number stops fitting.
        NodeId(NonZeroU32::try_from(number).expect("fewer than 2^32 nodes"))
    }

    /// The node's index in the tree's vector: `0..tree.len()`.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    /// The node created right after this one (a template's contents, after the template).
    fn next(self) -> NodeId {
        NodeId(self.0.saturating_add(1))
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.index())
    }
}

/// An element's name as the tree builder asks for it.
#[derive(Debug)]
pub struct ElementName {
    ns: Namespace,
    local: LocalName,
}

/// What [`TreeSink::elem_name`] answers with: the name, borrowed from the tree.
#[derive(Debug)]
pub struct ElementNameRef<'a>(Ref<'a, ElementName>);

impl ElemName for ElementNameRef<'_> {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// The name given for a node that is not an element (the tree builder never asks for one).
static NO_NAME: ElementName = ElementName {
    ns: ns!(),
    local: local_name!(""),
};

struct Element {
    name: ElementName,
    /// Where its attributes stand in [`Tree::attributes`]: `first..first + count`.
    first_attribute: u32,
    attribute_count: u32,
}

enum NodeData {
    Document,
    /// A `<template>`'s contents: created with the template, right after it, as its first child.
    TemplateContents,
    Element(Element),
    Text(StrTendril),
    /// A comment, a doctype or a processing instruction: the reader reads none of them, but one
    /// between two runs of text keeps them two text nodes, as the page has them.
    Other,
}

struct Node {
    parent: Option<NodeId>,
    previous_sibling: Option<NodeId>,
    next_sibling: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    /// The source line the parser was on when it created the node: an element's start tag's.
    line: u32,
    /// For an element, how deep it was appended: one more than its parent's depth (0 for the
    /// document and a template's contents), not changed when the node is moved later.
    depth: u32,
    data: NodeData,
}

/// A parsed page. Nodes are never taken out of the vector: a node removed from its parent
/// stays there, unreachable from the document.
pub struct Tree {
    nodes: Vec<Node>,
    /// Every element's kept attributes (in no namespace), each element's together.
    attributes: Vec<(LocalName, StrTendril)>,
}

impl Tree {
    fn new(capacity: usize) -> Tree {
        let mut tree = Tree {
            nodes: Vec::with_capacity(capacity.max(1)),
            attributes: Vec::new(),
        };
        tree.push(NodeData::Document, 1);
        tree
    }

    /// The document node: its children are the doctype, comments and `<html>`.
    pub fn root(&self) -> NodeRef<'_> {
        self.get(NodeId::DOCUMENT)
    }

    /// How many nodes the tree holds, including those no longer attached.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    fn get(&self, id: NodeId) -> NodeRef<'_> {
        NodeRef { tree: self, id }
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    fn push(&mut self, data: NodeData, line: u32) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(Node {
            parent: None,
            previous_sibling: None,
            next_sibling: None,
            first_child: None,
            last_child: None,
            line,
            depth: 0,
            data,
        });
        id
    }

    fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.node_mut(id).data {
            NodeData::Element(element) => Some(element),
            _ => None,
        }
    }

    fn text_mut(&mut self, id: Option<NodeId>) -> Option<&mut StrTendril> {
        match &mut self.node_mut(id?).data {
            NodeData::Text(text) => Some(text),
            _ => None,
        }
    }

    /// Takes the node out of its parent's children; it keeps its own.
    fn detach(&mut self, id: NodeId) {
        let node = self.node_mut(id);
        let Some(parent) = node.parent.take() else {
            return;
        };
        let previous = node.previous_sibling.take();
        let next = node.next_sibling.take();
        match previous {
            Some(previous) => self.node_mut(previous).next_sibling = next,
            None => self.node_mut(parent).first_child = next,
        }
        match next {
            Some(next) => self.node_mut(next).previous_sibling = previous,
            None => self.node_mut(parent).last_child = previous,
        }
    }

    /// Makes `child` the last child of `parent`, taking it out of where it stood.
    fn append(&mut self, parent: NodeId, child: NodeId) {
        let last = self.node(parent).last_child;
        if child == parent || last == Some(child) {
            return;
        }
        self.detach(child);
        let node = self.node_mut(child);
        node.parent = Some(parent);
        node.previous_sibling = last;
        match last {
            Some(last) => self.node_mut(last).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
    }

    /// Puts `new` just before `sibling`, which has a parent, taking it out of where it stood.
    fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        if new == sibling {
            return;
        }
        self.detach(new);
        let Some(parent) = self.node(sibling).parent else {
            return;
        };
        let previous = self.node(sibling).previous_sibling;
        let node = self.node_mut(new);
        node.parent = Some(parent);
        node.previous_sibling = previous;
        node.next_sibling = Some(sibling);
        match previous {
            Some(previous) => self.node_mut(previous).next_sibling = Some(new),
            None => self.node_mut(parent).first_child = Some(new),
        }
        self.node_mut(sibling).previous_sibling = Some(new);
    }

    /// Appends text to `parent`: to its last child if that is text, else as a new last child.
    fn append_text(&mut self, parent: NodeId, text: StrTendril, line: u32) {
        let last = self.node(parent).last_child;
        if let Some(joined) = self.text_mut(last) {
            joined.push_tendril(&text);
            return;
        }
        let id = self.push(NodeData::Text(text), line);
        self.append(parent, id);
    }

    /// Puts text just before `sibling`: at the end of the text before it if there is some.
    fn insert_text_before(&mut self, sibling: NodeId, text: StrTendril, line: u32) {
        let previous = self.node(sibling).previous_sibling;
        if let Some(joined) = self.text_mut(previous) {
            joined.push_tendril(&text);
            return;
        }
        let id = self.push(NodeData::Text(text), line);
        self.insert_before(sibling, id);
    }

    /// Moves all of `from`'s children, in their order, to the end of `to`'s.
    fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        if from == to {
            return;
        }
        let source = self.node_mut(from);
        let (Some(first), Some(last)) = (source.first_child.take(), source.last_child.take())
        else {
            return;
        };
        let mut child = Some(first);
        while let Some(id) = child {
            let node = self.node_mut(id);
            node.parent = Some(to);
            child = node.next_sibling;
        }
        match self.node(to).last_child {
            Some(old_last) => {
                self.node_mut(old_last).next_sibling = Some(first);
                self.node_mut(first).previous_sibling = Some(old_last);
            }
            None => self.node_mut(to).first_child = Some(first),
        }
        self.node_mut(to).last_child = Some(last);
    }
}

/// A node of a tree, to read it and move from it to others.
#[derive(Clone, Copy)]
pub struct NodeRef<'t> {
    tree: &'t Tree,
    id: NodeId,
}

impl<'t> NodeRef<'t> {
    pub fn id(self) -> NodeId {
        self.id
    }

    fn node(self) -> &'t Node {
        self.tree.node(self.id)
    }

    fn at(self, id: Option<NodeId>) -> Option<NodeRef<'t>> {
        id.map(|id| self.tree.get(id))
    }

    pub fn parent(self) -> Option<NodeRef<'t>> {
        self.at(self.node().parent)
    }

    fn first_child(self) -> Option<NodeRef<'t>> {
        self.at(self.node().first_child)
    }

    fn next_sibling(self) -> Option<NodeRef<'t>> {
        self.at(self.node().next_sibling)
    }

    pub fn children(self) -> impl Iterator<Item = NodeRef<'t>> + use<'t> {
        std::iter::successors(self.first_child(), |child| child.next_sibling())
    }

    /// The node and all the nodes inside it, in document order.
    pub fn descendants(self) -> impl Iterator<Item = NodeRef<'t>> + use<'t> {
        self.traverse().filter_map(|edge| match edge {
            Edge::Open(node) => Some(node),
            Edge::Close(_) => None,
        })
    }

    /// The node's subtree as the opening and closing of each node, in document order.
    pub fn traverse(self) -> Traverse<'t> {
        Traverse {
            root: self,
            next: Some(Edge::Open(self)),
            opened: None,
        }
    }

    pub fn element(self) -> Option<ElementRef<'t>> {
        match &self.node().data {
            NodeData::Element(element) => Some(ElementRef {
                tree: self.tree,
                element,
            }),
            _ => None,
        }
    }

    pub fn text(self) -> Option<&'t str> {
        match &self.node().data {
            NodeData::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The source line the node was created on: for an element, its start tag's.
    pub fn line(self) -> usize {
        self.node().line as usize
    }
}

/// An element of a tree.
#[derive(Clone, Copy)]
pub struct ElementRef<'t> {
    tree: &'t Tree,
    element: &'t Element,
}

impl<'t> ElementRef<'t> {
    /// The local name (`p`, `td`): the namespace is not told.
    pub fn name(self) -> &'t LocalName {
        &self.element.name.local
    }

    /// The value of the attribute of that name in no namespace, if the element kept one.
    pub fn attr(self, name: &LocalName) -> Option<&'t str> {
        let first = self.element.first_attribute as usize;
        let count = self.element.attribute_count as usize;
        self.tree
            .attributes
            .get(first..first + count)?
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| &**value)
    }
}

/// A step of a walk over a subtree: into a node, or out of it once its children are done.
#[derive(Clone, Copy)]
pub enum Edge<'t> {
    Open(NodeRef<'t>),
    Close(NodeRef<'t>),
}

/// A walk over a subtree: see [`NodeRef::traverse`].
pub struct Traverse<'t> {
    root: NodeRef<'t>,
    next: Option<Edge<'t>>,
    /// The node the last `Open` was of, while nothing after it has been given.
    opened: Option<NodeRef<'t>>,
}

impl<'t> Traverse<'t> {
    /// Leaves out the subtree of the node just opened: the walk goes on after it, without that
    /// node's `Close`.
    pub fn skip_subtree(&mut self) {
        if let Some(node) = self.opened.take() {
            self.next = self.after(node);
        }
    }

    /// What follows a node's `Close`.
    fn after(&self, node: NodeRef<'t>) -> Option<Edge<'t>> {
        if node.id == self.root.id {
            return None;
        }
        match node.next_sibling() {
            Some(sibling) => Some(Edge::Open(sibling)),
            None => node.parent().map(Edge::Close),
        }
    }
}

impl<'t> Iterator for Traverse<'t> {
    type Item = Edge<'t>;

    fn next(&mut self) -> Option<Edge<'t>> {
        let edge = self.next.take()?;
        self.opened = None;
        self.next = match edge {
            Edge::Open(node) => {
                self.opened = Some(node);
                Some(node.first_child().map_or(Edge::Close(node), Edge::Open))
            }
            Edge::Close(node) => self.after(node),
        };
        Some(edge)
    }
}

/// Which attributes an element keeps, all in no namespace.
pub struct AttributeFilter {
    /// Names of the attributes read: no other is ever kept.
    pub names: &'static [LocalName],
    /// Whether an attribute of one of those names is kept for its value, on the element's start
    /// tag. Attributes that a later tag adds to `<html>` or `<body>` are kept whatever their
    /// value: one dropped from the start tag was never on the element, so a later one of that
    /// name is added, and one added stands in the way of a later one.
    pub keeps_value: fn(&LocalName, &str) -> bool,
}

impl AttributeFilter {
    fn reads(&self, attribute: &Attribute) -> bool {
        attribute.name.ns == ns!() && self.names.contains(&attribute.name.local)
    }
}

/// html5ever's tree sink building a [`Tree`]: notes each element's line and depth, keeps the
/// attributes the filter asks for, and remembers whether any element was appended deeper than
/// the limit.
pub struct Sink {
    tree: RefCell<Tree>,
    line: Cell<u32>,
    attributes: AttributeFilter,
    depth_limit: u32,
    too_deep: Cell<bool>,
}

impl Sink {
    /// `capacity`: the nodes expected, to allocate the tree's vector once.
    pub fn new(attributes: AttributeFilter, depth_limit: usize, capacity: usize) -> Sink {
        Sink {
            tree: RefCell::new(Tree::new(capacity)),
            line: Cell::new(1),
            attributes,
            depth_limit: u32::try_from(depth_limit).unwrap_or(u32::MAX),
            too_deep: Cell::new(false),
        }
    }

    /// Whether an element has been appended deeper than the limit.
    pub fn too_deep(&self) -> bool {
        self.too_deep.get()
    }

    fn depth(&self, id: NodeId) -> u32 {
        self.tree.borrow().node(id).depth
    }

    /// Notes that the element `child` (if it is one) now stands at `depth`.
    fn place(&self, child: &NodeOrText<NodeId>, depth: u32) {
        let NodeOrText::AppendNode(id) = child else {
            return;
        };
        let mut tree = self.tree.borrow_mut();
        let node = tree.node_mut(*id);
        if matches!(node.data, NodeData::Element(_)) {
            node.depth = depth;
            if depth > self.depth_limit {
                self.too_deep.set(true);
            }
        }
    }

    fn append_unplaced(&self, parent: NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => tree.append(parent, id),
            NodeOrText::AppendText(text) => tree.append_text(parent, text, self.line.get()),
        }
    }

    fn insert_unplaced(&self, sibling: NodeId, new: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        if let NodeOrText::AppendNode(id) = new {
            // Taken out of where it stood even when it cannot be put before the sibling.
            tree.detach(id);
        }
        if tree.node(sibling).parent.is_none() {
            return;
        }
        match new {
            NodeOrText::AppendNode(id) => tree.insert_before(sibling, id),
            NodeOrText::AppendText(text) => tree.insert_text_before(sibling, text, self.line.get()),
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a> = ElementNameRef<'a>;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> ElementNameRef<'a> {
        ElementNameRef(Ref::map(self.tree.borrow(), |tree| {
            match &tree.node(*target).data {
                NodeData::Element(element) => &element.name,
                _ => &NO_NAME,
            }
        }))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let is_template = name.expanded() == expanded_name!(html "template");
        let mut tree = self.tree.borrow_mut();
        let first = tree.attributes.len();
        tree.attributes.extend(
            attrs
                .into_iter()
                .filter(|a| {
                    self.attributes.reads(a)
                        && (self.attributes.keeps_value)(&a.name.local, &a.value)
                })
                .map(|a| (a.name.local, a.value)),
        );
        let count = tree.attributes.len() - first;
        let element = Element {
            name: ElementName {
                ns: name.ns,
                local: name.local,
            },
            // Fewer than 2^32, as nodes are; past that the element would read as having none.
            first_attribute: u32::try_from(first).unwrap_or(u32::MAX),
            attribute_count: u32::try_from(count).unwrap_or(0),
        };
        let line = self.line.get();
        let id = tree.push(NodeData::Element(element), line);
        if is_template {
            let contents = tree.push(NodeData::TemplateContents, line);
            tree.append(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.tree
            .borrow_mut()
            .push(NodeData::Other, self.line.get())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.tree
            .borrow_mut()
            .push(NodeData::Other, self.line.get())
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut tree = self.tree.borrow_mut();
        let doctype = tree.push(NodeData::Other, self.line.get());
        tree.append(NodeId::DOCUMENT, doctype);
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.place(&child, self.depth(*parent).saturating_add(1));
        self.append_unplaced(*parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        // Beside `element` if it has a parent, else inside `prev_element`: the deeper of the two.
        let depth = self
            .depth(*element)
            .max(self.depth(*prev_element).saturating_add(1));
        self.place(&child, depth);
        if self.tree.borrow().node(*element).parent.is_some() {
            self.insert_unplaced(*element, child);
        } else {
            self.append_unplaced(*prev_element, child);
        }
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Created right after its template; asked only of templates in the HTML namespace.
        let contents = target.next();
        let tree = self.tree.borrow();
        let is_contents = tree
            .nodes
            .get(contents.index())
            .is_some_and(|n| matches!(n.data, NodeData::TemplateContents));
        if is_contents { contents } else { *target }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    /// The reader reads the tree alike in every mode (the tree builder keeps its own).
    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.place(&new_node, self.depth(*sibling));
        self.insert_unplaced(*sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.tree.borrow_mut();
        for attribute in attrs {
            if !self.attributes.reads(&attribute) {
                continue;
            }
            let Some(element) = tree.element_mut(*target) else {
                return;
            };
            let (first, count) = (
                element.first_attribute as usize,
                element.attribute_count as usize,
            );
            let end = first + count;
            let Some(own) = tree.attributes.get(first..end) else {
                return;
            };
            let name = attribute.name.local;
            if own.iter().any(|(n, _)| *n == name) {
                continue;
            }
            // The element's attributes stay together: unless they are the last ones, they are
            // copied to the end first. The filter's few names bound how often.
            let first = if end == tree.attributes.len() {
                first
            } else {
                let moved = own.to_vec();
                let moved_to = tree.attributes.len();
                tree.attributes.extend(moved);
                moved_to
            };
            tree.attributes.push((name, attribute.value));
            if let Some(element) = tree.element_mut(*target) {
                element.first_attribute = u32::try_from(first).unwrap_or(u32::MAX);
                element.attribute_count = u32::try_from(count + 1).unwrap_or(0);
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.tree.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.tree.borrow_mut().reparent_children(*node, *new_parent);
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(u32::try_from(line).unwrap_or(u32::MAX));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;

    const ATTRIBUTES: &[LocalName] = &[local_name!("class"), local_name!("id")];

    fn parse_with_limit(page: &str, depth_limit: usize) -> (Tree, bool) {
        let filter = AttributeFilter {
            names: ATTRIBUTES,
            // A class is kept from a start tag only when it is not "drop".
            keeps_value: |name, value| *name != local_name!("class") || value != "drop",
        };
        let mut parser = html5ever::driver::parse_document(
            Sink::new(filter, depth_limit, 0),
            Default::default(),
        );
        parser.process(StrTendril::from_slice(page));
        let too_deep = parser.tokenizer.sink.sink.too_deep();
        (parser.finish(), too_deep)
    }

    fn parse(page: &str) -> Tree {
        parse_with_limit(page, 1000).0
    }

    /// The tree under `<body>` as `name[attributes](children)` and quoted text, `!` for
    /// comments and doctypes and `%(…)` for a template's contents.
    fn shape(node: NodeRef<'_>) -> String {
        let children: String = node.children().map(shape).collect();
        match &node.node().data {
            NodeData::Document => children,
            NodeData::TemplateContents => format!("%({children})"),
            NodeData::Element(_) => {
                let el = node.element().expect("an element");
                let attributes: Vec<String> = ATTRIBUTES
                    .iter()
                    .filter_map(|n| el.attr(n).map(|v| format!("{n}={v}")))
                    .collect();
                let attributes = if attributes.is_empty() {
                    String::new()
                } else {
                    format!("[{}]", attributes.join(" "))
                };
                format!("{}{attributes}({children})", el.name())
            }
            NodeData::Text(text) => format!("{:?}", &**text),
            NodeData::Other => "!".to_string(),
        }
    }

    fn body(tree: &Tree) -> NodeRef<'_> {
        tree.root()
            .descendants()
            .find(|n| {
                n.element()
                    .is_some_and(|e| *e.name() == local_name!("body"))
            })
            .expect("a body")
    }

    fn body_shape(page: &str) -> String {
        let tree = parse(page);
        shape(body(&tree))
    }

    #[test]
    fn adjacent_text_is_one_node_and_a_comment_keeps_texts_apart() {
        assert_eq!(body_shape("a&amp;b<!-- c -->d"), r#"body("a&b"!"d")"#);
        assert_eq!(
            shape(parse("<!DOCTYPE html><!-- x --><p>y").root()),
            r#"!!html(head()body(p("y")))"#
        );
    }

    #[test]
    fn misnested_and_fostered_markup_is_rebuilt_as_a_browser_would() {
        // The adoption agency: `<b>` is closed inside `<p>` and reopened around what follows.
        assert_eq!(
            body_shape("<b>1<p>2</b>3</p>"),
            r#"body(b("1")p(b("2")"3"))"#
        );
        // Text and elements inside a table but outside its cells go before the table.
        assert_eq!(
            body_shape("<table>x<tr><td>1</td></tr><i>y</i>z</table>"),
            r#"body("x"i("y")"z"table(tbody(tr(td("1")))))"#
        );
        assert_eq!(
            body_shape("<table><tr><td>1</td></tr></table>a<table>b</table>"),
            r#"body(table(tbody(tr(td("1"))))"ab"table())"#
        );
    }

    #[test]
    fn a_template_holds_its_contents_in_a_node_of_their_own() {
        // Once the template holds a paragraph, a cell is out of place and left out.
        let tree = parse("<body><template><p>x</p><td>y</td></template>z</body>");
        assert_eq!(shape(body(&tree)), r#"body(template(%(p("x")"y"))"z")"#);
        let template = body(&tree).children().next().expect("the template");
        let sink = Sink::new(
            AttributeFilter {
                names: &[],
                keeps_value: |_, _| true,
            },
            10,
            0,
        );
        let created = sink.create_element(
            QualName::new(None, ns!(html), local_name!("template")),
            Vec::new(),
            ElementFlags::default(),
        );
        let contents = sink.get_template_contents(&created);
        assert_ne!(contents, created);
        assert_eq!(sink.tree.borrow().node(created).first_child, Some(contents));
        assert!(
            template
                .children()
                .next()
                .is_some_and(|c| c.element().is_none())
        );
        // Anything else is its own contents rather than a panic.
        assert_eq!(sink.get_template_contents(&contents), contents);
    }

    #[test]
    fn attributes_are_kept_as_the_filter_says_and_later_tags_add_the_missing_ones() {
        assert_eq!(
            body_shape("<p class=a title=t>1</p><p class=drop id=i>2</p>"),
            r#"body(p[class=a]("1")p[id=i]("2"))"#
        );
        // A second <body> adds what the first lacked, whatever its value, and nothing else.
        assert_eq!(
            body_shape("<body class=drop><p>1<body id=b class=drop><body id=c>"),
            r#"body[class=drop id=b](p("1"))"#
        );
        assert_eq!(
            body_shape("<body id=a><body class=b><body class=c id=d>"),
            r#"body[class=b id=a]()"#
        );
    }

    #[test]
    fn elements_know_their_line_and_depth() {
        let tree = parse("<html>\n<body>\n<div>\n<p>a\n<b>b</b></p></div>");
        let found = |name: LocalName| {
            tree.root()
                .descendants()
                .find(|n| n.element().is_some_and(|e| *e.name() == name))
                .expect("the element")
        };
        let placed = |name: LocalName| {
            let node = found(name);
            (node.line(), node.node().depth)
        };
        assert_eq!(placed(local_name!("html")), (1, 1));
        assert_eq!(placed(local_name!("body")), (2, 2));
        assert_eq!(placed(local_name!("div")), (3, 3));
        assert_eq!(placed(local_name!("p")), (4, 4));
        assert_eq!(placed(local_name!("b")), (5, 5));
        let deep = |n: usize| format!("<body>{}", "<div>".repeat(n));
        assert!(!parse_with_limit(&deep(8), 10).1, "html, body and 8 divs");
        assert!(parse_with_limit(&deep(9), 10).1);
    }

    #[test]
    fn a_walk_can_leave_out_a_subtree() {
        let tree = parse("<body><div><p>a</p><p>b</p></div><p>c</p>");
        let mut seen = Vec::new();
        let mut edges = body(&tree).traverse();
        while let Some(edge) = edges.next() {
            match edge {
                Edge::Open(node) => {
                    if let Some(text) = node.text() {
                        seen.push(text.to_string());
                    } else if node
                        .element()
                        .is_some_and(|e| *e.name() == local_name!("div"))
                    {
                        edges.skip_subtree();
                        seen.push("skipped".into());
                    } else {
                        seen.push("(".into());
                    }
                }
                Edge::Close(_) => seen.push(")".into()),
            }
        }
        // A text node is closed too.
        assert_eq!(seen, ["(", "skipped", "(", "c", ")", ")", ")"]);
        let leaf = body(&tree).descendants().last().expect("a node");
        assert_eq!(leaf.text(), Some("c"));
        assert_eq!(leaf.traverse().count(), 2, "a leaf opens and closes");
        assert_eq!(tree.len(), tree.nodes.len());
    }
}
