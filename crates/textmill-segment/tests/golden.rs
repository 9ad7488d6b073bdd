//! The Golden Rules (pySBD's 48 and pragmatic_segmenter's 51) and the news edge cases, as data:
//! `tests/fixtures/*.jsonl` (sources in tests/fixtures/SOURCES.md).

use textmill_segment::Segmenter;

/// Cases that need the text itself changed, which textmill never does (spans point into the
/// input): "It was a cold \nnight" is expected as "It was a cold night".
const NEEDS_TEXT_CLEANING: &[&str] = &["ps-en-41"];

fn failures(fixture: &str) -> Vec<String> {
    let segmenter = Segmenter::default();
    let mut failed = Vec::new();
    for line in fixture.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = case["id"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let expected: Vec<&str> = case["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().trim())
            .collect();
        let got: Vec<&str> = segmenter
            .sentences(text)
            .iter()
            .map(|s| s.text(text).trim())
            .collect();
        if got != expected && !NEEDS_TEXT_CLEANING.contains(&id) {
            failed.push(format!("{id}\n  expected {expected:?}\n  got      {got:?}"));
        }
    }
    failed
}

#[test]
fn golden_rules_all_pass() {
    let failed = failures(include_str!("fixtures/golden_rules_en.jsonl"));
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn news_edge_cases_all_pass() {
    let failed = failures(include_str!("fixtures/news_edge_cases_en.jsonl"));
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
