//! Whole outputs pinned: text, metadata and every removed piece with its kind and reason, for
//! each file of the sample corpus (examples/ at the repository root). A change to any heuristic
//! shows here as a diff; review it with `cargo insta review` (or accept the `.snap.new` files).

use textmill_boilerplate::{Cleaner, InputKind};

fn snapshot(name: &str) {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cleaned = Cleaner::default().clean(&input, InputKind::Auto).unwrap();
    insta::assert_json_snapshot!(name, cleaned);
}

#[test]
fn meeting_page() {
    snapshot("kim-putin-meeting.html");
}

#[test]
fn meeting_text() {
    snapshot("kim-putin-meeting.txt");
}

#[test]
fn train_page() {
    snapshot("kim-putin-train.html");
}

#[test]
fn train_text() {
    snapshot("kim-putin-train.txt");
}
