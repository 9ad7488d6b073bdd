//! The plain-text line model: what a user who trains and loads their own relies on (a model
//! reaches the cleaner, no model empties a text, the headline stays metadata, an overturned line
//! says why in `removed`), and the features the training script reads. Bad model files are the
//! block model's typed errors (tests/block_model.rs): both are read by one parser.

use std::sync::Arc;

use textmill_boilerplate::training::{LINE_FEATURES, text_lines};
use textmill_boilerplate::{Cleaner, Config, InputKind, LineModel, TextConfig};

const TEXT: &str = "Home\nWorld\nSport\n\
    Storm floods coastal towns as rivers rise\n\
    The storm made landfall on Monday night, forcing thousands of people to leave their homes. Officials said more would follow.\n\
    Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
    Power should be back within days, the utility said, though some areas will stay flooded for a week.\n\
    Most Popular\n\
    Copyright 2024 Daily News, all rights reserved.\n";

/// A model of one tree that is a single leaf: every line gets the same log-odds.
fn constant_model(log_odds: f64) -> LineModel {
    LineModel::parse(&format!(
        "[decision]\nbaseline {log_odds}\nadd 0.7\ndrop 0.3\n[trees]\n0 0 leaf 0\n"
    ))
    .unwrap()
}

fn cleaner_with(model: LineModel) -> Cleaner {
    Cleaner::new(Config::default()).with_line_model(Arc::new(model))
}

#[test]
fn the_shipped_model_keeps_the_article_and_drops_the_furniture() {
    let cleaned = Cleaner::default()
        .clean(TEXT.as_bytes(), InputKind::Text)
        .unwrap();
    assert_eq!(
        cleaned.metadata.title.as_deref(),
        Some("Storm floods coastal towns as rivers rise")
    );
    assert!(
        cleaned.text.starts_with("The storm made landfall"),
        "{:?}",
        cleaned.text
    );
    assert!(
        cleaned.text.contains("Power should be back"),
        "{:?}",
        cleaned.text
    );
    for furniture in ["Sport", "Most Popular", "Copyright"] {
        assert!(!cleaned.text.contains(furniture), "{:?}", cleaned.text);
    }
}

#[test]
fn a_loaded_model_decides_the_lines_but_not_the_headline() {
    // Sure of every line: the menu comes back, the headline stays metadata (not a paragraph).
    let everything = cleaner_with(constant_model(20.0)).clean_text(TEXT);
    assert!(
        everything.text.starts_with("Home\n\nWorld"),
        "{:?}",
        everything.text
    );
    assert!(
        !everything.text.contains("Storm floods"),
        "{:?}",
        everything.text
    );
    assert!(everything.metadata.title.is_some());
    // Sure of none: the cleaner still never empties a text that has prose.
    let nothing = cleaner_with(constant_model(-20.0)).clean_text(TEXT);
    assert!(
        nothing.text.contains("The storm made landfall"),
        "{:?}",
        nothing.text
    );
    assert!(!nothing.text.contains("Sport"), "{:?}", nothing.text);
}

#[test]
fn a_line_the_model_overturns_says_so_in_removed() {
    // Keeps what does not read as prose, drops what does: the opposite of the rules.
    let contrary = LineModel::parse(
        "[decision]\nbaseline 0\n[trees]\n0 0 split prose 0.5 1 2\n0 1 leaf 20\n0 2 leaf -20\n",
    )
    .unwrap();
    let cleaned = cleaner_with(contrary).clean_text(TEXT);
    assert!(cleaned.text.contains("Most Popular"), "{:?}", cleaned.text);
    let storm = cleaned
        .removed
        .iter()
        .find(|r| r.text.starts_with("The storm made landfall"))
        .expect("the prose is removed");
    assert!(
        storm.reason.starts_with("the line model gives it 0.00"),
        "{storm:?}"
    );
}

#[test]
fn every_line_has_one_value_per_feature() {
    let lines = text_lines(TEXT, &TextConfig::default());
    assert_eq!(lines.len(), TEXT.lines().count());
    assert!(
        lines
            .iter()
            .all(|l| l.features.len() == LINE_FEATURES.len())
    );
    assert!(
        lines
            .iter()
            .all(|l| l.features.iter().all(|v| v.is_finite()))
    );
    let rules_keep = LINE_FEATURES
        .iter()
        .position(|f| *f == "rules_keep")
        .unwrap();
    let kept: Vec<&str> = lines
        .iter()
        .filter(|l| l.features[rules_keep] > 0.5)
        .map(|l| l.text.as_str())
        .collect();
    assert!(lines.iter().all(|l| l.features[0] == 1.0));
    assert_eq!(kept.len(), 3, "{kept:?}");
}
