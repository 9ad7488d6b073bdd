//! The HTML block model: what a user who trains and loads their own relies on (bad model files
//! are typed errors, a model reaches the cleaner, no model empties a page), and the features the
//! training script reads.

use std::sync::Arc;

use textmill_boilerplate::training::{FEATURES, html_blocks};
use textmill_boilerplate::{BlockModel, Cleaner, Config, InputKind, ModelError};

const PAGE: &str = "<html><head><title>Storm hits coast</title></head><body>\
    <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\
    <article><h1>Storm hits coast</h1>\
    <p>The storm made landfall on Monday night, forcing thousands of people to leave their homes.</p>\
    <p>Officials said power would be restored within days, though many roads would stay closed.</p>\
    </article><footer>Copyright 2024 Daily News, all rights reserved.</footer></body></html>";

/// A model of one tree that is a single leaf: every block gets the same log-odds.
fn constant_model(log_odds: f64) -> BlockModel {
    BlockModel::parse(&format!(
        "[decision]\nbaseline {log_odds}\nadd 0.6\ndrop 0.5\n[trees]\n0 0 leaf 0\n"
    ))
    .unwrap()
}

fn cleaned_with(model: BlockModel) -> String {
    Cleaner::new(Config::default())
        .with_block_model(Arc::new(model))
        .clean(PAGE.as_bytes(), InputKind::Html)
        .unwrap()
        .text
}

#[test]
fn the_shipped_model_keeps_the_article_and_drops_the_furniture() {
    let text = cleaned_with(BlockModel::shipped().clone());
    assert!(text.contains("The storm made landfall"), "{text:?}");
    assert!(text.contains("Officials said power"), "{text:?}");
    assert!(
        !text.contains("Copyright") && !text.contains("Sport"),
        "{text:?}"
    );
}

#[test]
fn a_loaded_model_decides_the_blocks() {
    // Sure of every block: the menu comes back.
    let everything = cleaned_with(constant_model(20.0));
    assert!(everything.contains("Home World Sport"), "{everything:?}");
    // Sure of none: the cleaner still never empties a page that has prose.
    let nothing = cleaned_with(constant_model(-20.0));
    assert!(nothing.contains("The storm made landfall"), "{nothing:?}");
    assert!(!nothing.contains("Sport"), "{nothing:?}");
}

#[test]
fn a_block_the_model_overturns_says_so_in_removed() {
    // Keeps what does not read as prose, drops what does: the opposite of the rules.
    let contrary = BlockModel::parse(
        "[decision]\nbaseline 0\n[trees]\n0 0 split prose 0.5 1 2\n0 1 leaf 20\n0 2 leaf -20\n",
    )
    .unwrap();
    let cleaned = Cleaner::new(Config::default())
        .with_block_model(Arc::new(contrary))
        .clean(PAGE.as_bytes(), InputKind::Html)
        .unwrap();
    assert!(
        cleaned.text.contains("Home World Sport"),
        "{:?}",
        cleaned.text
    );
    let storm = cleaned
        .removed
        .iter()
        .find(|r| r.text.starts_with("The storm made landfall"))
        .expect("the prose is removed");
    assert!(
        storm.reason.starts_with("the block model gives it 0.00"),
        "{storm:?}"
    );
}

#[test]
fn a_bad_model_file_is_a_typed_error_naming_the_problem() {
    let tree = "[trees]\n0 0 split rules_keep 0.5 1 2\n0 1 leaf -1\n0 2 leaf 1\n";
    assert!(BlockModel::parse(tree).is_ok());
    let cases = [
        (
            "[trees]\n0 0 split no_such_feature 0.5 1 2\n0 1 leaf -1\n0 2 leaf 1\n",
            "line",
        ),
        (
            "[trees]\n0 0 split rules_keep 0.5 0 2\n0 1 leaf -1\n0 2 leaf 1\n",
            "child",
        ),
        (
            "[trees]\n0 0 split rules_keep 0.5 1 9\n0 1 leaf -1\n0 2 leaf 1\n",
            "child",
        ),
        ("[trees]\n0 1 leaf 1\n", "line"),
        ("[trees]\n0 0 leaf one\n", "line"),
        ("[decision]\nbaseline 0\n", "invalid"),
        (&format!("[decision]\nadd 1.5\n{tree}"), "invalid"),
        ("[weights]\nbias 1\n", "line"),
    ];
    for (text, kind) in cases {
        let error = BlockModel::parse(text).unwrap_err();
        let found = match error {
            ModelError::Line(_) => "line",
            ModelError::Child(_) => "child",
            ModelError::Invalid(_) => "invalid",
        };
        assert_eq!(found, kind, "{text:?}: {error}");
        assert!(error.to_string().starts_with("tree model: "), "{error}");
    }
}

#[test]
fn every_block_has_one_value_per_feature() {
    let blocks = html_blocks(PAGE.as_bytes());
    assert!(blocks.len() >= 4, "{blocks:?}");
    assert!(blocks.iter().all(|b| b.features.len() == FEATURES.len()));
    assert!(
        blocks
            .iter()
            .all(|b| b.features.iter().all(|v| v.is_finite()))
    );
    // `bias` is 1 and `rules_keep` says what the rules kept.
    let rules_keep = FEATURES.iter().position(|f| *f == "rules_keep").unwrap();
    let kept: Vec<&str> = blocks
        .iter()
        .filter(|b| b.features[rules_keep] > 0.5)
        .map(|b| b.text.as_str())
        .collect();
    assert!(blocks.iter().all(|b| b.features[0] == 1.0));
    assert_eq!(kept.len(), 2, "{kept:?}");
}
