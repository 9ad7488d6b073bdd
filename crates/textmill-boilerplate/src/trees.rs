//! Gradient-boosted trees that have the last word over rules: the HTML block model and the
//! plain-text line model are both a [`Forest`] over their own features, read from a text file
//! that the training scripts write (`data/train_block_model.py`, `data/train_line_model.py`).
//!
//! The rules' choice is one of the features, and it stands unless the model is sure: something
//! the rules keep goes when the model's probability is under `drop`, something they drop comes
//! back over `add`.

/// One node of a tree: a row goes to `left` when its feature is at most `threshold`, else to
/// `right` (indices within the tree). A leaf points to itself both ways, with an infinite
/// threshold, so that every walk can take the tree's full depth in steps. Thresholds are the
/// largest `f32` not above the trained `f64` ones, so that comparing `f32` features gives the
/// trained answer exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Node {
    threshold: f32,
    feature: u8,
    left: u8,
    right: u8,
}

/// The largest `f32` that is not above `x`.
fn f32_at_most(x: f64) -> f32 {
    let y = x as f32;
    if f64::from(y) > x { y.next_down() } else { y }
}

/// A tree has at most this many nodes, and a row this many features (the rest zero): indices
/// into both are masked to it, so the walk needs no bounds checks.
pub(crate) const TREE_NODES: usize = 64;
/// One row's features, padded to [`TREE_NODES`].
pub(crate) type Row = [f32; TREE_NODES];

/// A row of features as a [`Row`].
pub(crate) fn row(features: &[f32]) -> Row {
    let mut row = [0.0; TREE_NODES];
    row[..features.len()].copy_from_slice(features);
    row
}

/// How many rows walk a tree together: their walks do not depend on each other, so the
/// processor overlaps them instead of waiting on each comparison in turn.
const LANES: usize = 8;

#[derive(Debug, Clone, PartialEq)]
struct Tree {
    nodes: [Node; TREE_NODES],
    /// Per node: the leaf's value (0 for a split).
    values: [f32; TREE_NODES],
    depth: usize,
}

/// Why a model's text cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// A line that is not a decision setting or a tree node, or a node out of place.
    #[error("tree model: cannot read the line `{0}`")]
    Line(String),
    /// A split whose child is not a later node of its tree (the trees must end).
    #[error("tree model: tree {0} has a split whose child is not a later node of the tree")]
    Child(usize),
    /// No trees at all, a tree of more than 64 nodes, or a threshold outside [0, 1].
    #[error("tree model: {0}")]
    Invalid(&'static str),
}

/// Trees, their baseline and the two decision thresholds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Forest {
    trees: Vec<Tree>,
    /// The log-odds before any tree.
    baseline: f64,
    /// Something the rules drop is kept at this probability or above; something they keep goes
    /// below `drop`.
    add: f64,
    drop: f64,
}

impl Forest {
    /// Reads `[decision]` with `baseline`, `add` and `drop`, and `[trees]` with one node a line,
    /// `TREE NODE split FEATURE THRESHOLD LEFT RIGHT` or `TREE NODE leaf VALUE`, features by their
    /// names in `features` (at most 64); a tree has at most 64 nodes.
    pub(crate) fn parse(text: &str, features: &[&str]) -> Result<Forest, ModelError> {
        debug_assert!(features.len() <= TREE_NODES);
        let mut forest = Forest {
            trees: Vec::new(),
            baseline: 0.0,
            add: 0.5,
            drop: 0.5,
        };
        // Each tree's nodes and leaf values, while reading.
        let mut read: Vec<(Vec<Node>, Vec<f32>)> = Vec::new();
        for (section, line) in textmill_core::lexicon::lines(text) {
            let bad = || ModelError::Line(line.to_owned());
            let fields: Vec<&str> = line.split_whitespace().collect();
            match (section, fields.as_slice()) {
                ("decision", ["baseline", v]) => forest.baseline = v.parse().map_err(|_| bad())?,
                ("decision", ["add", v]) => forest.add = v.parse().map_err(|_| bad())?,
                ("decision", ["drop", v]) => forest.drop = v.parse().map_err(|_| bad())?,
                ("trees", [tree, node, kind, rest @ ..]) => {
                    let tree: usize = tree.parse().map_err(|_| bad())?;
                    let node: usize = node.parse().map_err(|_| bad())?;
                    if node == 0 && tree == read.len() {
                        read.push((Vec::new(), Vec::new()));
                    }
                    let trees = read.len();
                    let Some((nodes, values)) = read.last_mut() else {
                        return Err(bad());
                    };
                    if tree + 1 != trees || nodes.len() != node {
                        return Err(bad());
                    }
                    if node >= TREE_NODES {
                        return Err(ModelError::Invalid("a tree has more than 64 nodes"));
                    }
                    let (node, value) = match (*kind, rest) {
                        ("leaf", [value]) => (
                            Node {
                                threshold: f32::INFINITY,
                                feature: 0,
                                left: node as u8,
                                right: node as u8,
                            },
                            value.parse().map_err(|_| bad())?,
                        ),
                        ("split", [feature, threshold, left, right]) => {
                            let child = |c: &str| match c.parse::<usize>() {
                                Ok(c) if c > node && c < TREE_NODES => Ok(c as u8),
                                _ => Err(ModelError::Child(tree)),
                            };
                            let feature =
                                features.iter().position(|f| f == feature).ok_or_else(bad)?;
                            let node = Node {
                                threshold: f32_at_most(threshold.parse().map_err(|_| bad())?),
                                feature: feature as u8,
                                left: child(left)?,
                                right: child(right)?,
                            };
                            (node, 0.0)
                        }
                        _ => return Err(bad()),
                    };
                    nodes.push(node);
                    values.push(value);
                }
                _ => return Err(bad()),
            }
        }
        for (tree, (nodes, values)) in read.into_iter().enumerate() {
            // Children come after their parent, so one pass finds every node's depth.
            let mut depth = vec![0usize; nodes.len()];
            for (at, node) in nodes.iter().enumerate() {
                if node.left as usize == at {
                    continue;
                }
                let below = depth[at] + 1;
                for child in [node.left, node.right] {
                    let child = depth
                        .get_mut(child as usize)
                        .ok_or(ModelError::Child(tree))?;
                    *child = (*child).max(below);
                }
            }
            let mut padded = Tree {
                nodes: [Node {
                    threshold: f32::INFINITY,
                    feature: 0,
                    left: 0,
                    right: 0,
                }; TREE_NODES],
                values: [0.0; TREE_NODES],
                depth: depth.into_iter().max().unwrap_or(0),
            };
            padded.nodes[..nodes.len()].copy_from_slice(&nodes);
            padded.values[..values.len()].copy_from_slice(&values);
            forest.trees.push(padded);
        }
        if forest.trees.is_empty() {
            return Err(ModelError::Invalid("no trees"));
        }
        if !(0.0..=1.0).contains(&forest.add) || !(0.0..=1.0).contains(&forest.drop) {
            return Err(ModelError::Invalid(
                "add and drop are probabilities in [0, 1]",
            ));
        }
        Ok(forest)
    }

    /// The log-odds of each row.
    fn log_odds(&self, rows: &[Row]) -> Vec<f64> {
        let mut z = vec![self.baseline; rows.len()];
        for (group, chunk) in rows.chunks(LANES).enumerate() {
            let mut lanes = [[0.0; TREE_NODES]; LANES];
            lanes[..chunk.len()].copy_from_slice(chunk);
            let mut sums = [0.0f64; LANES];
            for tree in &self.trees {
                let mut at = [0u8; LANES];
                for _ in 0..tree.depth {
                    for (at, x) in at.iter_mut().zip(&lanes) {
                        let node = tree.nodes[*at as usize % TREE_NODES];
                        *at = if x[node.feature as usize % TREE_NODES] <= node.threshold {
                            node.left
                        } else {
                            node.right
                        };
                    }
                }
                for (sum, at) in sums.iter_mut().zip(at) {
                    *sum += f64::from(tree.values[at as usize % TREE_NODES]);
                }
            }
            for (z, sum) in z[group * LANES..].iter_mut().zip(sums) {
                *z += sum;
            }
        }
        z
    }

    /// For each row, whether the model keeps it, with the probability it gives the row when that
    /// overturns the rules' choice. The rules' choice is the feature at `rules_keep`; a row with
    /// any of the features at `never_added` set is never added.
    pub(crate) fn decide(
        &self,
        rows: &[Row],
        rules_keep: usize,
        never_added: &[usize],
    ) -> Vec<(bool, Option<f32>)> {
        let logit = |p: f64| (p / (1.0 - p)).ln();
        let (add, drop) = (logit(self.add), logit(self.drop));
        rows.iter()
            .zip(self.log_odds(rows))
            .map(|(x, z)| {
                let rules_keep = x[rules_keep] > 0.5;
                let keep = if rules_keep {
                    z >= drop
                } else {
                    z >= add && never_added.iter().all(|&f| x[f] < 0.5)
                };
                let p = (1.0 / (1.0 + (-z).exp())) as f32;
                (keep, (keep != rules_keep).then_some(p))
            })
            .collect()
    }
}

/// Where a feature is in a list of names, at compile time.
pub(crate) const fn feature(features: &[&str], name: &str) -> usize {
    let mut at = 0;
    while at < features.len() {
        if features[at].len() == name.len() {
            let (a, b) = (features[at].as_bytes(), name.as_bytes());
            let mut i = 0;
            while i < a.len() && a[i] == b[i] {
                i += 1;
            }
            if i == a.len() {
                return at;
            }
        }
        at += 1;
    }
    panic!("no such feature");
}

/// Features both models compute over a sequence of `n` items (blocks or lines).
pub(crate) mod neighbours {
    /// Items either side that a `_near` feature looks at.
    pub(crate) const NEAR: usize = 3;

    /// The share of the items within [`NEAR`] of item `i` (not counting it) for which `of` holds.
    pub(crate) fn share_near(i: usize, n: usize, of: &dyn Fn(usize) -> bool) -> f32 {
        let (from, to) = (i.saturating_sub(NEAR), (i + NEAR + 1).min(n));
        let hits = (from..to).filter(|&j| j != i && of(j)).count();
        hits as f32 / (to - from - 1).max(1) as f32
    }

    /// How many items item `i` is from the nearest of `kept` (sorted): 0 when it is one of them,
    /// `n` when there are none.
    pub(crate) fn gap_to_kept(kept: &[usize], i: usize, n: usize) -> usize {
        kept.binary_search(&i).map_or_else(
            |at| {
                let before = at.checked_sub(1).map(|j| i - kept[j]);
                let after = kept.get(at).map(|&j| j - i);
                before.into_iter().chain(after).min().unwrap_or(n)
            },
            |_| 0,
        )
    }
}
