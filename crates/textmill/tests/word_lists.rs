//! Every word list textmill ships (the shared lexicon in textmill-core and each stage's
//! `data/*.txt`) says where it comes from and lists no entry twice within a section. Lists are
//! sorted when they are loaded, so the files may keep the order that reads best.

use std::path::{Path, PathBuf};

fn list_files() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&crates)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .flat_map(|krate| {
            [
                krate.join("data"),
                krate.join("lexicon"),
                krate.join("lexicon/en"),
            ]
        })
        .collect();
    folders.sort();
    for folder in folders.iter().filter(|f| f.is_dir()) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_word_list_says_its_source_and_repeats_no_entry() {
    let files = list_files();
    assert!(files.len() >= 10, "found only {files:?}");
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for problem in textmill::core::lexicon::problems(&text) {
            problems.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
