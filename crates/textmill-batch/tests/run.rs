//! Corpus runs: one output line per input record, in order, bad records as error records.

use std::io::Write;

use serde_json::Value;
use textmill::{Pipeline, PipelineConfig};
use textmill_batch::{EngineConfig, FieldSet};

fn run_on(paths: &[std::path::PathBuf]) -> (Vec<Value>, textmill_batch::Stats) {
    let config = EngineConfig {
        fields: FieldSet::all(),
        ..EngineConfig::default()
    };
    run_with(paths, &config)
}

fn run_with(
    paths: &[std::path::PathBuf],
    config: &EngineConfig,
) -> (Vec<Value>, textmill_batch::Stats) {
    let mut out = Vec::new();
    let pipeline = Pipeline::new(PipelineConfig::default());
    let stats = textmill_batch::run_records(
        textmill_batch::read_inputs(paths),
        &pipeline,
        &mut out,
        config,
        |_| {},
    )
    .expect("writing to a Vec cannot fail");
    let lines = String::from_utf8(out).unwrap();
    (
        lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        stats,
    )
}

#[test]
fn bad_jsonl_lines_become_error_records_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(b"{\"id\": \"a\", \"text\": \"First one. It is fine.\"}\n")
        .unwrap();
    file.write_all(b"{\"id\": \"b\", \"text\": \"broken\n")
        .unwrap();
    file.write_all(b"\n").unwrap();
    file.write_all(b"{\"id\": 7, \"title\": \"no text field\"}\n")
        .unwrap();
    file.write_all(b"{\"text\": \"bad \xff bytes\"}\n").unwrap();
    file.write_all(b"{\"html\": \"<html><body><p>Last one.</p></body></html>\", \"url\": \"https://x.org/a\"}\n")
        .unwrap();
    drop(file);

    let (lines, stats) = run_on(std::slice::from_ref(&path));
    assert_eq!(
        lines.len(),
        5,
        "one line per record; the blank line is no record"
    );
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(lines[1]["error"]["record"], 2);
    assert!(
        lines[1]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("malformed JSON")
    );
    assert_eq!(lines[1]["error"]["input"], path.display().to_string());
    assert_eq!(lines[2]["id"], "7");
    assert_eq!(lines[2]["error"]["record"], 4);
    assert!(
        lines[2]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("no `text` or `html`")
    );
    assert_eq!(lines[3]["error"]["record"], 5);
    assert_eq!(lines[4]["source"]["record"], 6);
    assert_eq!(lines[4]["metadata"]["url"], "https://x.org/a");
    assert_eq!((stats.documents, stats.errors), (2, 3));
}

#[test]
fn legacy_encoded_text_is_read_and_binary_or_missing_files_become_error_records() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Le caf\xe9 au lait co\xfbte cher, dit-il.").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, (0..=255u8).cycle().take(4096).collect::<Vec<u8>>()).unwrap();
    let missing = dir.path().join("missing.txt");
    let (lines, stats) = run_on(&[latin1, binary, missing]);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["text"], "Le café au lait coûte cher, dit-il.");
    assert_eq!(lines[1]["id"], "binary.txt");
    assert!(
        lines[1]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("not text")
    );
    assert_eq!(lines[2]["id"], "missing.txt");
    assert_eq!(stats.errors, 2);
}

#[test]
fn output_order_is_input_order_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let body: String = (0..1000)
        .map(|i| {
            format!(
                "{{\"id\": \"doc-{i}\", \"text\": \"Record {i} says hello. {}\"}}\n",
                "Words here. ".repeat(i % 7)
            )
        })
        .collect();
    std::fs::write(&path, body).unwrap();
    let (lines, stats) = run_on(&[path]);
    assert_eq!(stats.documents, 1000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], format!("doc-{i}"));
    }
}

#[test]
fn folders_are_read_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "Second.").unwrap();
    std::fs::write(dir.path().join("a.txt"), "First.").unwrap();
    std::fs::write(dir.path().join("sub").join("c.html"), "<p>Third.</p>").unwrap();
    std::fs::write(dir.path().join("notes.md"), "not an input").unwrap();
    let (lines, _) = run_on(&[dir.path().to_owned()]);
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "b.txt", "c.html"]);
}

#[test]
fn jsonl_html_comes_first_text_stands_in_and_strings_are_not_decoded_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("both.jsonl");
    let body =
        "Grüße aus München: der Bürgermeister eröffnete am Montag das neue Café am Marktplatz.";
    let records = [
        // Both fields: the page is cleaned (it has the metadata).
        serde_json::json!({"id": "both", "html": format!("<html><head><title>Café</title></head><body><article><p>{body}</p></article></body></html>"), "text": "other text entirely"}),
        // The page has no text at all: the record's text stands in, nothing is emptied.
        serde_json::json!({"id": "empty-page", "html": "<html><body><script>x()</script></body></html>", "text": body}),
        // A declared single-byte charset in a JSON string: the string is Unicode already.
        serde_json::json!({"id": "latin1", "html": format!("<html><head><meta charset=\"iso-8859-1\"></head><body><p>{body}</p></body></html>")}),
        // Markup only, no text anywhere: an empty document, not an emptied one.
        serde_json::json!({"id": "nothing", "html": "<html><body></body></html>"}),
        // Only a menu: cleaning removes it all, and the run counts the document as emptied.
        serde_json::json!({"id": "menu", "html": "<html><body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav></body></html>"}),
    ];
    let lines: Vec<String> = records
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    std::fs::write(&path, lines.join("\n")).unwrap();

    let (out, stats) = run_on(std::slice::from_ref(&path));
    assert_eq!(out.len(), 5);
    assert!(out[0]["text"].as_str().unwrap().contains(body));
    assert_eq!(out[0]["metadata"]["title"], "Café");
    assert!(
        out[1]["text"].as_str().unwrap().contains(body),
        "{}",
        out[1]
    );
    assert!(
        out[2]["text"].as_str().unwrap().contains(body),
        "{}",
        out[2]
    );
    assert_eq!(out[3]["text"], "");
    assert_eq!(out[4]["text"], "");
    assert_eq!((stats.documents, stats.errors, stats.emptied), (5, 0, 1));
}
