//! The `textmill` binary end to end: the main job over the sample corpus, exit codes, subcommands.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

fn textmill() -> Command {
    Command::new(env!("CARGO_BIN_EXE_textmill"))
}

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn read_jsonl(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn run_over_the_sample_corpus_writes_one_document_per_input() {
    let out = tempfile::tempdir().unwrap();
    let status = textmill()
        .args(["run", EXAMPLES, "--show", "--fields", "all", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let docs = read_jsonl(&out.path().join("documents.jsonl"));
    // The sample corpus: a Parquet file of the 4 documents and a WARC of the 2 pages (both in
    // archive/, read first), 2 .txt, 2 .html and a .jsonl holding the same 4.
    assert_eq!(docs.len(), 14);
    for doc in &docs {
        assert!(doc.get("error").is_none(), "{doc}");
        assert!(!doc["sentences"].as_array().unwrap().is_empty());
        // The pipeline's summary: three sentence indices in document order.
        let summary: Vec<u64> = doc["summary"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_u64().unwrap())
            .collect();
        assert_eq!(summary.len(), 3, "{}", doc["id"]);
        assert!(summary.windows(2).all(|w| w[0] < w[1]));
    }
    let table = String::from_utf8_lossy(&status.stdout);
    assert!(table.contains("kim-putin-train"));
    assert!(table.contains("14 documents, 0 errors"));
    // examples/README.md, the example notebook and the two generator scripts are no input, and
    // the report says so.
    assert!(
        table.contains("4 files in input folders skipped"),
        "{table}"
    );
    let stats: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["documents"], 14);
    // The Parquet rows, then the WARC's pages (ids and urls from the WARC headers).
    assert_eq!(docs[0]["id"], "kim-putin-meeting-text");
    assert_eq!(docs[3]["source"]["record"], 4);
    assert_eq!(
        docs[4]["id"],
        "urn:uuid:00000000-0000-4000-8000-000000000002"
    );
    assert_eq!(docs[5]["source"]["record"], 4);
    assert_eq!(
        docs[5]["source"]["url"],
        "https://worldwire.example/asia/kim-train-russia"
    );
    assert!(stats["entities_by_label"]["PERSON"].as_u64().unwrap() > 0);
}

#[test]
fn run_writes_to_standard_output_and_reads_standard_input() {
    let mut child = textmill()
        .args(["run", "-", "-o", "-", "-q", "--fields", "id,summary"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"a\", \"text\": \"One. Two. Three.\"}\n{\"id\": \"b\", \"text\": \"Four.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "only documents on stdout; the report is on stderr"
    );
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0].as_object().unwrap().len(), 2, "{}", lines[0]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 documents, 0 errors"));
}

#[test]
fn run_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    let content = "{\"text\": \"Kept. Intact.\"}\n";
    std::fs::write(&input, content).unwrap();
    let out = textmill()
        .arg("run")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is also an input"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), content);
}

#[test]
fn error_records_set_exit_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"text\": \"Fine. Really.\"}\nnot json\n").unwrap();
    let output = dir.path().join("out.jsonl");
    let status = textmill()
        .arg("run")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .arg("-q")
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    let lines = read_jsonl(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["error"]["record"], 2);
}

#[test]
fn segment_prints_code_point_spans() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "Kim’s train left. It is slow.").unwrap();
    let output = textmill().arg("segment").arg(&input).output().unwrap();
    assert!(output.status.success());
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["sentences"][1]["start"], 18);
    assert_eq!(value["tokens"][1]["kind"], "clitic");
}

#[test]
fn summarize_a_cluster_names_each_sentence_s_file() {
    let meeting = format!("{EXAMPLES}/kim-putin-meeting.html");
    let train = format!("{EXAMPLES}/kim-putin-train.txt");
    let out = textmill()
        .args(["summarize", "--cluster", "--words", "80", &meeting, &train])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["files"].as_array().unwrap().len(), 2);
    let summary = record["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    let words: usize = summary
        .iter()
        .map(|s| s["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    assert!(words <= 80, "{words} words");
    assert!(summary.iter().all(|s| s["doc"].as_u64().unwrap() < 2));
    assert!(!record["keyphrases"].as_array().unwrap().is_empty());

    let one = textmill()
        .args(["summarize", "--sentences", "2", &meeting])
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(record["summary"].as_array().unwrap().len(), 2);
    // The lead: the dek the page shows first (which the cleaner may keep), or the first paragraph.
    let first = record["summary"][0]["text"].as_str().unwrap();
    assert!(
        first.starts_with("The meeting would be Kim")
            || first.starts_with("A luxury armored train"),
        "{first}"
    );
}

#[test]
fn tag_prints_entities_with_code_point_offsets() {
    let file = format!("{EXAMPLES}/kim-putin-meeting.txt");
    let out = textmill().args(["tag", &file]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entities: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        entities
            .iter()
            .any(|e| e["text"] == "Kim Jong Un" && e["label"] == "PERSON")
    );
    assert!(
        entities
            .iter()
            .any(|e| e["text"] == "Tuesday" && e["label"] == "DATE")
    );
    let conll = textmill()
        .args(["tag", "--scheme", "conll", &file])
        .output()
        .unwrap();
    let entities: Vec<Value> = serde_json::from_slice(&conll.stdout).unwrap();
    assert!(
        entities
            .iter()
            .all(|e| ["PER", "ORG", "LOC", "MISC"].contains(&e["label"].as_str().unwrap()))
    );
}

#[test]
fn a_run_killed_by_a_signal_resumes_to_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let sentence = "The council met on Tuesday in Leeds and voted to extend the scheme. ";
    for file in 0..8 {
        let lines: String = (0..250)
            .map(|i| {
                let text = format!("Report {file}-{i}. {}", sentence.repeat(6));
                format!(
                    "{}\n",
                    serde_json::json!({"id": format!("{file}-{i}"), "text": text})
                )
            })
            .collect();
        std::fs::write(corpus.join(format!("part-{file}.jsonl")), lines).unwrap();
    }
    let run = |out: &std::path::Path, resume: bool| {
        let mut command = textmill();
        command.arg("run").arg(&corpus).arg("-q").arg("-o").arg(out);
        if resume {
            command.arg("--resume");
        }
        command
    };
    let whole = dir.path().join("whole.jsonl");
    assert!(run(&whole, false).output().unwrap().status.success());

    // Killed (SIGKILL: no clean-up at all) once some output is on disk.
    let out = dir.path().join("out.jsonl");
    let partial = dir.path().join("out.jsonl.partial");
    let mut child = run(&out, false).spawn().unwrap();
    let started = std::time::Instant::now();
    while std::fs::metadata(&partial).map_or(0, |m| m.len()) < 150_000 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed: make the corpus larger"
        );
        assert!(
            started.elapsed().as_secs() < 120,
            "no output after two minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.exists());

    let resumed = run(&out, true).output().unwrap();
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert!(
        String::from_utf8_lossy(&resumed.stdout).contains("records kept from the interrupted run")
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(&whole).unwrap()
    );
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_command_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    // Enough output to fill the pipe many times over.
    std::fs::write(&file, "The river rose again on Tuesday. ".repeat(20_000)).unwrap();
    let mut child = textmill()
        .args(["segment", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The pipe's reading end is dropped here, as `head` does.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_file_that_cannot_be_read_is_named_in_the_error() {
    for command in ["clean", "segment", "tag"] {
        let out = textmill()
            .args([command, "/no/such/dir/article.html"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("/no/such/dir/article.html"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn train_ner_refuses_settings_out_of_range_before_training() {
    // `--bits 27` would train to the end and write a model the loader refuses.
    for (setting, message) in [
        ("--bits=27", "--bits must lie in 8..=26, not 27"),
        ("--margin=-1", "--margin must be a number >= 0, not -1"),
        ("--margin=NaN", "--margin must be a number >= 0, not NaN"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("model.bin");
        let result = textmill()
            .args([
                "train-ner",
                "/no/such/train.conll",
                "--out",
                out.to_str().unwrap(),
                setting,
            ])
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(1), "{setting}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains(message), "{setting}: {stderr}");
        assert!(!out.exists(), "{setting}");
    }
}

#[test]
fn a_run_config_with_a_setting_out_of_range_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pipeline.toml");
    std::fs::write(&config, "[summarizer]\nredundancy = 7.0\n").unwrap();
    let out = textmill()
        .args([
            "run",
            EXAMPLES,
            "-o",
            dir.path().join("out").to_str().unwrap(),
            "-q",
        ])
        .args(["--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("summarizer.redundancy: must lie in [0, 1], not 7"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_full_disk_or_an_unwritable_output_ends_the_run_with_an_error_and_no_final_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let line = |i: usize| {
        serde_json::json!({"id": i.to_string(), "text": "The council met in Leeds. ".repeat(40)})
            .to_string()
    };
    std::fs::write(
        &corpus,
        (0..400).map(|i| line(i) + "\n").collect::<String>(),
    )
    .unwrap();
    // A full disk, as the file-size limit makes it (writes past 64 KB fail with EFBIG; the
    // SIGXFSZ that would kill the process is ignored, and stays ignored through exec).
    let out = dir.path().join("out");
    let status = Command::new("bash")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 64; exec "$0" run -q "$1" -o "$2""#)
        .arg(env!("CARGO_BIN_EXE_textmill"))
        .arg(&corpus)
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("documents.jsonl"), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(!out.join("documents.jsonl").exists());
    assert!(!out.join("stats.json").exists());
    // An output folder that cannot be made (its parent is a file).
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "").unwrap();
    let status = textmill()
        .args(["run", "-q"])
        .arg(&corpus)
        .arg("-o")
        .arg(blocked.join("out"))
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("a-file"), "{stderr}");
}

#[test]
fn a_model_made_by_train_ner_tags_through_tag_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.conll");
    let mut conll = String::new();
    for _ in 0..20 {
        conll.push_str("Zorblat B-PER\nQuux I-PER\nleft O\nFlimbor B-LOC\n. O\n\n");
        conll.push_str("The O\nGrommet B-ORG\nSociety I-ORG\nhired O\nQuux B-PER\n. O\n\n");
    }
    std::fs::write(&train, conll).unwrap();
    let model = dir.path().join("model.bin");
    let trained = textmill()
        .args(["train-ner", train.to_str().unwrap(), "--bits", "12"])
        .args(["--calibrate", train.to_str().unwrap()])
        .args(["--out", model.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        trained.status.success(),
        "{}",
        String::from_utf8_lossy(&trained.stderr)
    );
    assert!(String::from_utf8_lossy(&trained.stderr).contains("calibrated on"));
    let text = dir.path().join("story.txt");
    std::fs::write(&text, "Zorblat Quux left Flimbor.\n").unwrap();
    let tagged = textmill()
        .args(["tag", "--scheme", "conll", "--any-language", "--no-clean"])
        .args(["--model", model.to_str().unwrap(), "--min-score", "0"])
        .arg(&text)
        .output()
        .unwrap();
    assert!(
        tagged.status.success(),
        "{}",
        String::from_utf8_lossy(&tagged.stderr)
    );
    let entities: Vec<Value> = serde_json::from_slice(&tagged.stdout).unwrap();
    let found: Vec<(&str, &str)> = entities
        .iter()
        .map(|e| (e["text"].as_str().unwrap(), e["label"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("Zorblat Quux", "PER"), ("Flimbor", "LOC")]);
    // The same model through the corpus run.
    let out = dir.path().join("out");
    let run = textmill()
        .args([
            "run",
            text.to_str().unwrap(),
            "-q",
            "--any-language",
            "--scheme",
            "conll",
        ])
        .args(["--model", model.to_str().unwrap(), "--min-score", "0", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let docs = read_jsonl(&out.join("documents.jsonl"));
    let labels: Vec<&str> = docs[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["PER", "LOC"]);
}

#[test]
fn a_min_score_out_of_range_is_refused_naming_it() {
    let file = format!("{EXAMPLES}/kim-putin-meeting.txt");
    let out = textmill()
        .args(["tag", "--min-score", "2", &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("min_score: must lie in [0, 1], not 2"),
        "{stderr}"
    );
}
