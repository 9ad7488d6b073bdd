//! `textmill dedup`, `textmill run --dedup` and `textmill stories` end to end, on the sample
//! corpus (one story told by two outlets, each as text and as a page) and on small corpora made
//! here from its two articles.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn textmill() -> Command {
    Command::new(env!("CARGO_BIN_EXE_textmill"))
}

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn article(name: &str) -> String {
    std::fs::read_to_string(Path::new(EXAMPLES).join(name)).unwrap()
}

/// An article with every 20th word replaced and a boilerplate line on top: a near copy.
fn edited(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let words: Vec<&str> = words
        .iter()
        .enumerate()
        .map(|(i, w)| if i % 20 == 7 { "changed" } else { w })
        .collect();
    format!("Sign up for our newsletter.\n{}", words.join(" "))
}

const FLOODS: &str = "Heavy rain flooded towns across Emilia-Romagna on Tuesday, forcing thousands \
    of people from their homes. Rivers burst their banks in Faenza and Cesena, and the regional \
    government declared a state of emergency. Firefighters rescued residents from rooftops as the \
    water rose, and farmers counted the cost to orchards and vineyards across the plain.";

fn write_corpus(dir: &Path, records: &[Value], broken: bool) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    let mut lines: Vec<String> = records.iter().map(Value::to_string).collect();
    if broken {
        lines.insert(2, "{\"id\": \"broken".into());
    }
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn run(command: &mut Command) -> Output {
    let output = command.output().unwrap();
    assert!(
        output.status.code().is_some_and(|c| c == 0 || c == 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn dedup_writes_every_record_once_and_marks_copies_with_their_original() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = article("kim-putin-meeting.txt");
    let train = article("kim-putin-train.txt");
    let corpus = write_corpus(
        dir.path(),
        &[
            json!({"id": "meeting", "text": meeting, "outlet": "a"}),
            json!({"id": "train", "text": train}),
            json!({"id": "floods", "text": FLOODS}),
            json!({"id": "meeting-edited", "text": edited(&meeting)}),
            json!({"id": "train-rewrapped", "text": train.replace(' ', "\n ")}),
        ],
        true,
    );
    let out = dir.path().join("dedup.jsonl");
    let output = run(textmill().arg("dedup").arg(&corpus).arg("-o").arg(&out));
    assert_eq!(output.status.code(), Some(2), "an error record was written");
    let records = read_jsonl(&out);
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        [
            "meeting",
            "train",
            "",
            "floods",
            "meeting-edited",
            "train-rewrapped"
        ]
    );
    assert_eq!(records[2]["error"]["kind"], "json");
    assert_eq!(
        records[0]["outlet"], "a",
        "records are written as they were read"
    );
    for unique in [0, 1, 3] {
        assert!(
            records[unique].get("duplicate_of").is_none(),
            "{}",
            records[unique]
        );
    }
    assert_eq!(records[4]["duplicate_of"], "meeting");
    let similarity = records[4]["similarity"].as_f64().unwrap();
    assert!(similarity > 0.5 && similarity < 1.0, "{similarity}");
    assert_eq!(records[5]["duplicate_of"], "train");
    assert_eq!(records[5]["similarity"], 1.0);
    let stats: Value = serde_json::from_slice(output.stderr.trim_ascii()).unwrap();
    assert_eq!(stats["duplicates"], 2);
    assert_eq!(stats["exact"], 1);
    assert_eq!(stats["written"], 6);

    let dropped = dir.path().join("dropped.jsonl");
    run(textmill()
        .arg("dedup")
        .arg(&corpus)
        .arg("--drop")
        .arg("-o")
        .arg(&dropped));
    assert_eq!(read_jsonl(&dropped).len(), 4);
}

#[test]
fn dedup_refuses_settings_out_of_range_and_its_own_input_as_output() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path(), &[json!({"id": "a", "text": FLOODS})], false);
    let output = textmill()
        .arg("dedup")
        .arg(&corpus)
        .args(["--bands", "7", "-o"])
        .arg(dir.path().join("x.jsonl"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bands"));
    let output = textmill()
        .arg("dedup")
        .arg(&corpus)
        .arg("-o")
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(read_jsonl(&corpus).len() == 1, "the input is untouched");
    let output = textmill()
        .arg("dedup")
        .arg(&corpus)
        .arg("-o")
        .arg(dir.path().join("out.parquet"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not Parquet"));
}

#[test]
fn run_with_dedup_marks_or_drops_copies_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let marked = dir.path().join("marked");
    let output = run(textmill()
        .args(["run", EXAMPLES, "-q", "--dedup", "mark", "-o"])
        .arg(&marked));
    assert!(String::from_utf8_lossy(&output.stdout).contains("12 near-duplicates found"));
    let docs = read_jsonl(&marked.join("documents.jsonl"));
    assert_eq!(docs.len(), 14);
    // The sample corpus is two articles, each read seven times (text, page, JSONL, Parquet,
    // WARC): each of the two first readings is an original, every later one a duplicate of one
    // of them, and the page and the text of one article are one article.
    let originals: Vec<&str> = docs
        .iter()
        .filter(|d| d.get("duplicate_of").is_none())
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(originals.len(), 2, "{originals:?}");
    for doc in docs.iter().filter(|d| d.get("duplicate_of").is_some()) {
        let of = doc["duplicate_of"].as_str().unwrap();
        assert!(originals.contains(&of), "{of}");
        let topic = |id: &str| {
            if id.contains("train") {
                "train"
            } else {
                "meeting"
            }
        };
        if !doc["id"].as_str().unwrap().starts_with("urn:") {
            assert_eq!(topic(doc["id"].as_str().unwrap()), topic(of), "{doc}");
        }
    }
    let stats: Value =
        serde_json::from_str(&std::fs::read_to_string(marked.join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["duplicates"], 12);

    let dropped = dir.path().join("dropped");
    run(textmill()
        .args(["run", EXAMPLES, "-q", "--dedup", "drop", "-o"])
        .arg(&dropped));
    assert_eq!(read_jsonl(&dropped.join("documents.jsonl")).len(), 2);

    let output = textmill()
        .args(["run", EXAMPLES, "-q", "--dedup", "drop", "--resume", "-o"])
        .arg(&dropped)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--resume cannot be combined"));
}

#[test]
fn stories_group_one_story_apart_from_another_and_name_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(
        dir.path(),
        &[
            json!({"id": "meeting", "title": "Kim heads to Russia", "text": article("kim-putin-meeting.txt")}),
            json!({"id": "floods", "title": "Floods in northern Italy", "text": FLOODS}),
            json!({"id": "train", "text": article("kim-putin-train.txt")}),
        ],
        false,
    );
    let out = dir.path().join("stories.jsonl");
    run(textmill().arg("stories").arg(&corpus).arg("-o").arg(&out));
    let stories = read_jsonl(&out);
    assert_eq!(stories.len(), 2, "{stories:?}");
    let kim = stories
        .iter()
        .find(|s| s["documents"].as_array().unwrap().len() == 2)
        .expect("the two Kim articles are one story");
    assert_eq!(kim["documents"], json!(["meeting", "train"]));
    assert!(!kim["title"].as_str().unwrap().is_empty());
    let names: Vec<&str> = kim["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("Putin")), "{names:?}");
    for sentence in kim["summary"].as_array().unwrap() {
        let source = sentence["source"].as_str().unwrap();
        assert!(["meeting", "train"].contains(&source));
        let text = sentence["text"].as_str().unwrap();
        let article = article(&format!("kim-putin-{source}.txt"));
        assert!(article.contains(text), "{text}");
    }
}

#[test]
fn a_saved_state_adds_a_later_feed_to_the_stories_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("stories.state.json");
    let day1 = dir.path().join("day1");
    let day2 = dir.path().join("day2");
    std::fs::create_dir_all(&day1).unwrap();
    std::fs::create_dir_all(&day2).unwrap();
    let first = write_corpus(
        &day1,
        &[json!({"id": "meeting", "text": article("kim-putin-meeting.txt"), "date": "2023-09-11"})],
        false,
    );
    let second = write_corpus(
        &day2,
        &[
            json!({"id": "train", "text": article("kim-putin-train.txt"), "date": "2023-09-12"}),
            json!({"id": "floods", "text": FLOODS, "date": "2023-09-12"}),
        ],
        false,
    );
    let out1 = dir.path().join("out1.jsonl");
    run(textmill()
        .arg("stories")
        .arg(&first)
        .arg("--state")
        .arg(&state)
        .arg("-o")
        .arg(&out1));
    assert!(state.exists());
    let out2 = dir.path().join("out2.jsonl");
    run(textmill()
        .arg("stories")
        .arg(&second)
        .arg("--state")
        .arg(&state)
        .arg("-o")
        .arg(&out2));
    let stories = read_jsonl(&out2);
    let kim = stories.iter().find(|s| s["id"] == "story-0").unwrap();
    assert_eq!(kim["documents"], json!(["meeting", "train"]));
    assert_eq!(
        kim["dates"],
        json!({"first": "2023-09-11", "last": "2023-09-12"})
    );
    assert!(stories.iter().any(|s| s["documents"] == json!(["floods"])));
}
