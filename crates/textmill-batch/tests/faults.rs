//! Fault injection: a corpus with every kind of damage gives exactly the expected documents and
//! error records; a run killed part-way and resumed writes what an uninterrupted run writes;
//! sharded outputs and the outcome iterator keep every record once, in order.

mod common;

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{config, jsonl, story};
use serde_json::Value;
use textmill::Pipeline;
use textmill_batch::{
    EngineConfig, Outcome, Outcomes, OutputError, RunConfig, RunError, ShardLimit, read_inputs, run,
};

fn lines_of(records: &[Value]) -> Vec<u8> {
    jsonl(records).into_bytes()
}

/// A folder with one file of each kind of damage; returns it and the 200 MB line's size.
fn damaged_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a-good.jsonl"),
        lines_of(&[story(1), story(2), story(3)]),
    )
    .unwrap();
    let mut bad_utf8 = lines_of(&[story(4)]);
    bad_utf8.extend_from_slice(b"{\"id\": \"bad-bytes\", \"text\": \"caf\xe9 au lait\"}\n");
    bad_utf8.extend(lines_of(&[story(5)]));
    std::fs::write(corpus.join("b-bad-utf8.jsonl"), bad_utf8).unwrap();
    let mut broken = b"{\"id\": \"cut\", \"text\": \"a line cut sho\n".to_vec();
    broken.extend(lines_of(&[story(6)]));
    std::fs::write(corpus.join("c-broken-json.jsonl"), broken).unwrap();

    // Two lines that decode, then the stream is cut inside the third.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&lines_of(&[story(7), story(8)])).unwrap();
    gz.flush().unwrap();
    let mut bytes = gz.get_ref().clone();
    gz.write_all(&lines_of(&[story(9)])).unwrap();
    let whole = gz.finish().unwrap();
    bytes.extend_from_slice(&whole[bytes.len()..bytes.len() + 5]);
    std::fs::write(corpus.join("d-truncated.jsonl.gz"), bytes).unwrap();
    let mut zst = zstd::encode_all(&lines_of(&[story(10), story(11)])[..], 3).unwrap();
    let next = zstd::encode_all(&lines_of(&[story(12)])[..], 3).unwrap();
    zst.extend_from_slice(&next[..next.len() / 2]);
    std::fs::write(corpus.join("e-truncated.jsonl.zst"), zst).unwrap();

    std::fs::write(corpus.join("f-empty.jsonl"), b"").unwrap();

    let mut big =
        std::io::BufWriter::new(std::fs::File::create(corpus.join("g-big.jsonl")).unwrap());
    big.write_all(&lines_of(&[story(13)])).unwrap();
    big.write_all(b"{\"id\": \"big\", \"text\": \"").unwrap();
    let block = "All work and no play. ".repeat(1 << 12);
    for _ in 0..(200 << 20) / block.len() {
        big.write_all(block.as_bytes()).unwrap();
    }
    big.write_all(b"\"}\n").unwrap();
    big.write_all(&lines_of(&[story(14)])).unwrap();
    big.into_inner().unwrap();
    corpus
}

/// (file name, line, id, kind) of each output line: kind `document` or the error kind.
fn summary(lines: &[Value]) -> Vec<(String, u64, String, String)> {
    lines
        .iter()
        .map(|l| {
            let source = if l["error"].is_null() {
                &l["source"]
            } else {
                &l["error"]
            };
            let input = source["input"].as_str().unwrap_or_default();
            let name = Path::new(input).file_name().unwrap().to_string_lossy();
            (
                name.into_owned(),
                source["record"].as_u64().unwrap_or(0),
                l["id"].as_str().unwrap_or("-").to_owned(),
                l["error"]["kind"].as_str().unwrap_or("document").to_owned(),
            )
        })
        .collect()
}

fn read_zst_lines(path: &Path) -> Vec<Value> {
    let text = zstd::decode_all(&std::fs::read(path).unwrap()[..]).unwrap();
    String::from_utf8(text)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_kind_of_damage_gives_exactly_the_expected_records() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = damaged_corpus(dir.path());
    let out = dir.path().join("out.jsonl.zst");
    let report = run(
        &config(vec![corpus.clone()], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let expected: Vec<(&str, u64, &str, &str)> = vec![
        ("a-good.jsonl", 1, "s1", "document"),
        ("a-good.jsonl", 2, "s2", "document"),
        ("a-good.jsonl", 3, "s3", "document"),
        ("b-bad-utf8.jsonl", 1, "s4", "document"),
        ("b-bad-utf8.jsonl", 2, "-", "json"),
        ("b-bad-utf8.jsonl", 3, "s5", "document"),
        ("c-broken-json.jsonl", 1, "-", "json"),
        ("c-broken-json.jsonl", 2, "s6", "document"),
        ("d-truncated.jsonl.gz", 1, "s7", "document"),
        ("d-truncated.jsonl.gz", 2, "s8", "document"),
        ("d-truncated.jsonl.gz", 3, "-", "read"),
        ("e-truncated.jsonl.zst", 1, "s10", "document"),
        ("e-truncated.jsonl.zst", 2, "s11", "document"),
        ("e-truncated.jsonl.zst", 3, "-", "read"),
        ("g-big.jsonl", 1, "s13", "document"),
        ("g-big.jsonl", 2, "big", "too_large"),
        ("g-big.jsonl", 3, "s14", "document"),
    ];
    let got = summary(&read_zst_lines(&out));
    let got: Vec<(&str, u64, &str, &str)> = got
        .iter()
        .map(|(f, l, i, k)| (f.as_str(), *l, i.as_str(), k.as_str()))
        .collect();
    assert_eq!(got, expected);
    let stats = &report.stats;
    assert_eq!(
        (stats.documents, stats.errors, stats.input_files),
        (12, 5, 7)
    );
    let errors = std::fs::read_to_string(dir.path().join("out.errors.jsonl")).unwrap();
    assert_eq!(errors.lines().count(), 5);
    // A line per input file, the empty one too, with its records.
    let progress = std::fs::read_to_string(dir.path().join("out.progress.jsonl")).unwrap();
    let counts: Vec<u64> = progress
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["records"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(counts, [3, 3, 2, 3, 3, 0, 3]);

    // The output may not be one of the inputs; the input is left as it was.
    let input = corpus.join("a-good.jsonl");
    let before = std::fs::read(&input).unwrap();
    let refused = run(
        &config(vec![corpus], input.clone()),
        &Pipeline::default(),
        |_, _| {},
    );
    assert!(matches!(
        refused,
        Err(RunError::Output(OutputError::IsInput(_)))
    ));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

/// Runs `config`, killing the run (a panic out of the callback, as a signal would stop it) after
/// `after` records.
/// The text of each output file of a run, in order.
fn output_texts(report: &textmill_batch::Report) -> Vec<String> {
    report
        .files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn killed_after(config: &RunConfig, after: u64) {
    let killed = catch_unwind(AssertUnwindSafe(|| {
        run(config, &Pipeline::default(), |_, progress| {
            assert!(progress.records < after, "killed");
        })
    }));
    assert!(killed.is_err(), "the run was stopped part-way");
}

/// Four input files of five stories each in `dir`, and the output of an uninterrupted run over
/// them (`whole.jsonl`).
fn four_files_run_whole(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let inputs: Vec<PathBuf> = (0..4)
        .map(|f| {
            let path = dir.join(format!("part-{f}.jsonl"));
            std::fs::write(
                &path,
                lines_of(&(f * 5..f * 5 + 5).map(story).collect::<Vec<_>>()),
            )
            .unwrap();
            path
        })
        .collect();
    let whole = dir.join("whole.jsonl");
    run(
        &config(inputs.clone(), whole.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    (inputs, whole)
}

#[test]
fn a_killed_run_resumes_past_its_finished_files_to_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, whole) = four_files_run_whole(dir.path());

    // (A zstd output keeps up to a block in memory: a killed run may leave no complete line,
    // which a resume also handles; plain lines show the passing over of finished files.)
    let resumed = dir.path().join("resumed.jsonl");
    let mut resume = config(inputs.clone(), resumed.clone());
    killed_after(&resume, 12);
    assert!(!resumed.exists());
    // The first two files are finished: a resumed run does not read them again (were they
    // read, these records would differ).
    std::fs::write(&inputs[0], lines_of(&[story(99)])).unwrap();
    resume.resume = true;
    let report = run(&resume, &Pipeline::default(), |_, _| {}).unwrap();
    assert_eq!(report.stats.resumed, 12);
    assert_eq!(report.stats.documents, 20);
    assert_eq!(
        std::fs::read_to_string(&resumed).unwrap(),
        std::fs::read_to_string(&whole).unwrap()
    );
}

#[test]
fn a_resume_whose_progress_file_lost_its_lines_counts_each_file_and_resumes_again() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, whole) = four_files_run_whole(dir.path());

    let resumed = dir.path().join("resumed.jsonl");
    let progress = dir.path().join("resumed.progress.jsonl");
    let mut resume = config(inputs.clone(), resumed.clone());
    // Killed in the third file, with the progress file emptied as a run killed while writing
    // it afresh leaves it: the 12 kept records run past the first file.
    killed_after(&resume, 12);
    std::fs::write(&progress, "").unwrap();
    resume.resume = true;
    // Resumed, and killed again before the third file is done.
    killed_after(&resume, 14);
    let counts: Vec<u64> = std::fs::read_to_string(&progress)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["records"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(counts, [5, 5], "each finished file with its own count");
    let report = run(&resume, &Pipeline::default(), |_, _| {}).unwrap();
    assert_eq!(report.stats.resumed, 14);
    assert_eq!(
        std::fs::read_to_string(&resumed).unwrap(),
        std::fs::read_to_string(&whole).unwrap()
    );
}

#[test]
fn shards_split_the_output_by_records_or_bytes_and_resume_too() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    std::fs::write(&input, lines_of(&(0..10).map(story).collect::<Vec<_>>())).unwrap();
    let whole = dir.path().join("whole.jsonl");
    run(
        &config(vec![input.clone()], whole.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let whole = std::fs::read_to_string(&whole).unwrap();

    let out = dir.path().join("sharded");
    let mut sharded = config(vec![input.clone()], out.clone());
    sharded.shards = ShardLimit {
        records: Some(3),
        bytes: None,
    };
    let report = run(&sharded, &Pipeline::default(), |_, _| {}).unwrap();
    let names: Vec<String> = report
        .files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "documents.shard-00000.jsonl",
            "documents.shard-00001.jsonl",
            "documents.shard-00002.jsonl",
            "documents.shard-00003.jsonl"
        ]
    );
    let texts = output_texts(&report);
    let counts: Vec<usize> = texts.iter().map(|t| t.lines().count()).collect();
    assert_eq!(counts, [3, 3, 3, 1]);
    assert_eq!(texts.concat(), whole);
    assert!(out.join("stats.json").exists());

    // By size: every shard within the limit (a record longer than it would have one alone).
    let limit = 1000;
    let by_bytes = dir.path().join("by-bytes");
    let mut config_bytes = config(vec![input.clone()], by_bytes);
    config_bytes.shards = ShardLimit {
        records: None,
        bytes: Some(limit),
    };
    let report = run(&config_bytes, &Pipeline::default(), |_, _| {}).unwrap();
    assert!(report.files.len() > 1);
    let texts = output_texts(&report);
    assert!(
        texts
            .iter()
            .all(|t| t.len() as u64 <= limit || t.lines().count() == 1)
    );
    assert_eq!(texts.concat(), whole);

    // Killed inside the third shard, resumed: the same four shards.
    let again = dir.path().join("again");
    let mut resume = config(vec![input.clone()], again.clone());
    resume.shards = sharded.shards;
    killed_after(&resume, 7);
    resume.resume = true;
    let report = run(&resume, &Pipeline::default(), |_, _| {}).unwrap();
    let texts = output_texts(&report);
    assert_eq!(
        texts.iter().map(|t| t.lines().count()).collect::<Vec<_>>(),
        [3, 3, 3, 1]
    );
    assert_eq!(texts.concat(), whole);

    // Killed in the second shard, resumed and killed again after that shard was finished,
    // resumed to the end: the same four shards, and no `.partial.resume` left beside them to be
    // taken for output.
    let twice = dir.path().join("twice");
    let mut resume = config(vec![input], twice.clone());
    resume.shards = sharded.shards;
    killed_after(&resume, 4);
    resume.resume = true;
    killed_after(&resume, 8);
    let leftover = twice.join("documents.shard-00001.jsonl.partial.resume");
    assert!(twice.join("documents.shard-00001.jsonl").exists() && leftover.exists());
    let report = run(&resume, &Pipeline::default(), |_, _| {}).unwrap();
    let texts = output_texts(&report);
    assert_eq!(texts.concat(), whole);
    let names: Vec<String> = std::fs::read_dir(&twice)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect();
    assert!(names.is_empty(), "left beside the output: {names:?}");
}

#[test]
fn the_outcome_iterator_keeps_input_order_and_stops_when_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    std::fs::write(&input, lines_of(&(0..40).map(story).collect::<Vec<_>>())).unwrap();
    let pipeline = Arc::new(Pipeline::default());
    let config = EngineConfig {
        threads: 2,
        window: 4,
        ..EngineConfig::default()
    };
    let ids: Vec<String> = Outcomes::new(
        read_inputs(std::slice::from_ref(&input)),
        Arc::clone(&pipeline),
        &config,
    )
    .unwrap()
    .map(|outcome| match outcome {
        Outcome::Document(doc) => doc.id,
        Outcome::Error(error) => panic!("{}", error.error.reason),
    })
    .collect();
    assert_eq!(ids, (0..40).map(|i| format!("s{i}")).collect::<Vec<_>>());
    // Taking two and dropping the rest ends the run rather than hanging.
    let first: Vec<Outcome> = Outcomes::new(read_inputs(&[input]), pipeline, &config)
        .unwrap()
        .take(2)
        .collect();
    assert_eq!(first.len(), 2);
}

#[test]
fn crafted_parquet_files_that_panic_the_reader_are_one_read_error_each() {
    // Found by the `read` fuzz target (fuzz/, seeded from examples/archive/corpus.parquet):
    // a footer that made the arrow reader panic with a capacity overflow (on the reading thread,
    // which ended the whole run), and one whose column metadata made the thrift decoder unwrap a
    // missing field, and one whose key-value list claimed a length that made the parquet crate
    // (57.3) reserve 5.8 GB before decoding an element (bounded by the bytes left since 60).
    for fixture in [
        "crafted.parquet",
        "crafted-footer.parquet",
        "crafted-list-size.parquet",
    ] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        let items: Vec<_> = textmill_batch::read_files(
            textmill_batch::expand(&[path]).files,
            textmill_batch::ReadConfig::default(),
        )
        .collect();
        assert_eq!(items.len(), 1, "{fixture}");
        let error = items[0].as_ref().unwrap_err();
        assert_eq!(
            error.error.kind,
            textmill_batch::ErrorKind::Read,
            "{fixture}"
        );
        assert!(
            error.error.reason.contains("not a readable Parquet file"),
            "{fixture}: {}",
            error.error.reason
        );
    }
}
