//! Inputs as corpora come (compressed by magic bytes, mapped fields, folders with other files),
//! damaged inputs (truncated archives, oversized records), and outputs that are complete or
//! absent, never over an input.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{config, jsonl, story};
use serde_json::{Value, json};
use textmill::Pipeline;
use textmill_batch::{ErrorKind, FieldNames, FieldSet, ReadConfig, RunError, run};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn gzip_and_zstd_are_read_by_their_magic_bytes_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let body = jsonl(&[story(1), story(2)]);
    let gz = dir.path().join("a.jsonl.gz");
    std::fs::write(&gz, gzip(body.as_bytes())).unwrap();
    // zstd bytes under a plain .jsonl name.
    let zst = dir.path().join("b.jsonl");
    std::fs::write(&zst, zstd::encode_all(body.as_bytes(), 3).unwrap()).unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(
        pages.join("p.html.gz"),
        gzip(
            b"<html><body><article><p>A page that was gzipped on disk.</p></article></body></html>",
        ),
    )
    .unwrap();
    std::fs::write(pages.join("notes.md"), "not an input").unwrap();
    std::fs::write(pages.join(".DS_Store"), "hidden").unwrap();

    let out = dir.path().join("out");
    let report = run(
        &config(vec![gz, zst, pages], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let lines = read_lines(&out.join("documents.jsonl"));
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["s1", "s2", "s1", "s2", "p.html.gz"]);
    assert!(
        lines[4]["text"]
            .as_str()
            .unwrap()
            .contains("gzipped on disk")
    );
    assert_eq!(report.stats.errors, 0);
    assert_eq!(report.stats.input_files, 3);
    // The Markdown file is named as skipped; the dotfile is passed over silently.
    assert_eq!(report.stats.skipped_files.len(), 1);
    assert!(report.stats.skipped_files[0].ends_with("notes.md"));
    let stats: Value =
        serde_json::from_slice(&std::fs::read(out.join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["documents"], 5);
    for step in ["clean", "normalize", "segment", "tag", "summarize"] {
        assert!(
            stats["seconds_by_stage"][step].as_f64().unwrap() > 0.0,
            "{step}: {stats}"
        );
    }
    assert!(
        !out.join("errors.jsonl").exists(),
        "no errors, no errors file"
    );
}

#[test]
fn a_truncated_archive_keeps_what_was_read_and_says_where_it_broke() {
    let dir = tempfile::tempdir().unwrap();
    let body = jsonl(&(0..200).map(story).collect::<Vec<_>>());
    let whole = gzip(body.as_bytes());
    let cut = dir.path().join("cut.jsonl.gz");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let zst = zstd::encode_all(body.as_bytes(), 3).unwrap();
    let cut_zst = dir.path().join("cut.jsonl.zst");
    std::fs::write(&cut_zst, &zst[..zst.len() / 2]).unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();

    let out = dir.path().join("out.jsonl");
    let report = run(
        &config(vec![cut, cut_zst, empty], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let lines = read_lines(&out);
    let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2, "one read error per truncated file");
    for error in &errors {
        assert_eq!(error["error"]["kind"], "read");
        // The line at which reading broke (the first, when no whole block could be decoded).
        assert!(error["error"]["record"].as_u64().unwrap() >= 1);
    }
    let documents = lines.len() - errors.len();
    assert!(documents > 0 && documents < 400, "{documents}");
    assert_eq!(report.stats.documents as usize, documents);
    assert_eq!(report.stats.errors_by_kind.get(&ErrorKind::Read), Some(&2));
}

#[test]
fn fields_are_mapped_and_the_other_fields_are_carried_through() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles.jsonl");
    let records = [
        json!({"doc_id": 17, "article": "Kim met Putin in Vladivostok. They talked.", "lang": "en", "tags": ["politics"]}),
        json!({"doc_id": "x", "body": "no article field"}),
        json!({"doc_id": "y", "article": 5}),
    ];
    std::fs::write(&input, jsonl(&records)).unwrap();
    let out = dir.path().join("out.jsonl");
    let mut config = config(vec![input], out.clone());
    config.read.fields = FieldNames {
        id: "doc_id".into(),
        text: "article".into(),
        ..FieldNames::default()
    };
    let report = run(&config, &Pipeline::default(), |_, _| {}).unwrap();
    let lines = read_lines(&out);
    assert_eq!(lines[0]["id"], "17");
    assert!(
        lines[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Kim met Putin")
    );
    assert_eq!(
        lines[0]["metadata"]["extra"],
        json!({"lang": "en", "tags": ["politics"]})
    );
    assert_eq!(lines[1]["error"]["kind"], "field");
    assert!(
        lines[1]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("`article`")
    );
    assert_eq!(lines[2]["error"]["kind"], "field");
    assert_eq!(report.stats.errors_by_kind.get(&ErrorKind::Field), Some(&2));
    // The error records again, alone, beside the output.
    let errors = read_lines(&dir.path().join("out.errors.jsonl"));
    assert_eq!(errors, lines[1..]);
}

#[test]
fn records_over_the_size_limit_become_too_large_error_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    let big = "Word and word. ".repeat(10_000);
    std::fs::write(
        &input,
        jsonl(&[story(1), json!({"id": "big", "text": big}), story(3)]),
    )
    .unwrap();
    let page = dir.path().join("big.html");
    std::fs::write(&page, format!("<p>{big}</p>")).unwrap();
    let out = dir.path().join("out.jsonl");
    let mut config = config(vec![input, page], out.clone());
    config.read = ReadConfig {
        max_bytes: 100_000,
        ..ReadConfig::default()
    };
    run(&config, &Pipeline::default(), |_, _| {}).unwrap();
    let lines = read_lines(&out);
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| l["error"]["kind"].as_str().unwrap_or("document"))
        .collect();
    assert_eq!(kinds, ["document", "too_large", "document", "too_large"]);
    assert_eq!(lines[1]["id"], "big");
    assert_eq!(lines[3]["id"], "big.html");
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    let body = jsonl(&[story(1)]);
    std::fs::write(&input, &body).unwrap();
    let same = dir.path().join(".").join("x.jsonl");
    let result = run(
        &config(vec![input.clone()], same),
        &Pipeline::default(),
        |_, _| {},
    );
    assert!(matches!(result, Err(RunError::Output(_))), "{result:?}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), body);
}

#[test]
fn a_file_output_appears_only_when_complete() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    std::fs::write(&input, jsonl(&[story(1), story(2)])).unwrap();
    let out = dir.path().join("run.jsonl.zst");
    let mut seen_partial = false;
    let report = run(
        &config(vec![input], out.clone()),
        &Pipeline::default(),
        |_, _| {
            seen_partial |= dir.path().join("run.jsonl.zst.partial").exists() && !out.exists();
        },
    )
    .unwrap();
    assert!(
        seen_partial,
        "written under a temporary name while the run goes on"
    );
    assert!(!dir.path().join("run.jsonl.zst.partial").exists());
    let text =
        String::from_utf8(zstd::decode_all(&std::fs::read(&out).unwrap()[..]).unwrap()).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert_eq!(report.stats_file, Some(dir.path().join("run.stats.json")));
}

#[test]
fn ranks_split_the_input_files_and_together_cover_them_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = (0..5)
        .map(|i| {
            let path = dir.path().join(format!("part-{i}.jsonl"));
            std::fs::write(&path, jsonl(&[story(i)])).unwrap();
            path
        })
        .collect();
    let out = dir.path().join("out");
    let mut ids = Vec::new();
    for rank in 0..2 {
        let mut config = config(vec![dir.path().join("part-*.jsonl")], out.clone());
        (config.rank, config.world_size) = (rank, 2);
        run(&config, &Pipeline::default(), |_, _| {}).unwrap();
        let file = out.join(format!("documents.rank-{rank}-of-2.jsonl"));
        ids.extend(
            read_lines(&file)
                .into_iter()
                .map(|l| l["id"].as_str().unwrap().to_owned()),
        );
        assert!(out.join(format!("stats.rank-{rank}-of-2.json")).exists());
    }
    ids.sort();
    assert_eq!(ids, ["s0", "s1", "s2", "s3", "s4"]);
    drop(inputs);
    let mut bad = config(vec![], out);
    (bad.rank, bad.world_size) = (2, 2);
    assert!(matches!(
        run(&bad, &Pipeline::default(), |_, _| {}),
        Err(RunError::Config(_))
    ));
}

#[test]
fn one_thread_and_two_threads_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    std::fs::write(&input, jsonl(&(0..300).map(story).collect::<Vec<_>>())).unwrap();
    let mut outputs = Vec::new();
    for threads in [1, 2] {
        let out = dir.path().join(format!("out-{threads}.jsonl"));
        let mut config = config(vec![input.clone()], out.clone());
        config.engine.threads = threads;
        config.engine.window = 7;
        let report = run(&config, &Pipeline::default(), |_, _| {}).unwrap();
        assert_eq!(report.stats.threads, threads);
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn the_default_fields_leave_out_tokens_paragraphs_and_removed_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    std::fs::write(&input, jsonl(&[story(1)])).unwrap();
    let out = dir.path().join("out.jsonl");
    let mut config = config(vec![input], out.clone());
    config.engine.fields = FieldSet::default();
    run(&config, &Pipeline::default(), |_, _| {}).unwrap();
    let line = &read_lines(&out)[0];
    let keys: Vec<&str> = line
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // serde_json's map sorts its keys.
    assert_eq!(
        keys,
        [
            "entities",
            "id",
            "metadata",
            "sentences",
            "source",
            "summary",
            "text"
        ]
    );
    assert_eq!(
        "id,tokens".parse::<FieldSet>().unwrap(),
        FieldSet::of([textmill_batch::Field::Id, textmill_batch::Field::Tokens])
    );
    assert!(
        "id,title"
            .parse::<FieldSet>()
            .unwrap_err()
            .to_string()
            .contains("unknown output field")
    );
}

#[test]
fn a_warc_gives_its_html_responses_and_a_cut_one_says_where_it_broke() {
    let warc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/archive/crawl.warc.gz");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    run(
        &config(vec![warc.clone()], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let lines = read_lines(&out);
    // Two pages; the request records and the image response are no documents.
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["record"], 2);
    assert_eq!(lines[0]["metadata"]["date"], "2023-09-11");
    assert!(lines[1]["text"].as_str().unwrap().contains("Kim Jong Un"));

    // The same archive decompressed and cut inside the second page.
    let raw = {
        let mut raw = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(&warc).unwrap()),
            &mut raw,
        )
        .unwrap();
        raw
    };
    let second = raw.windows(8).rposition(|w| w == b"WARC/1.0").unwrap();
    let cut = dir.path().join("cut.warc");
    std::fs::write(&cut, &raw[..second - 2000]).unwrap();
    let out = dir.path().join("cut.jsonl");
    let report = run(
        &config(vec![cut], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let lines = read_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[1]["error"]["kind"], "read");
    assert!(
        lines[1]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("cut short")
    );
    assert_eq!(report.stats.documents, 1);
}

#[test]
fn a_killed_run_resumes_with_no_record_lost_or_written_twice() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let mut records: Vec<Value> = (0..120).map(story).collect();
    records[50] = json!({"id": "broken", "title": "no text"});
    std::fs::write(&input, jsonl(&records)).unwrap();
    for (name, zst) in [("whole.jsonl", false), ("whole.jsonl.zst", true)] {
        let whole = dir.path().join(name);
        run(
            &config(vec![input.clone()], whole.clone()),
            &Pipeline::default(),
            |_, _| {},
        )
        .unwrap();
        let expected = std::fs::read(&whole).unwrap();

        // A run killed after 70 records: its partial output ends inside the 71st line (for zstd,
        // inside a block: the stream is cut).
        let resumed = dir.path().join(format!("resumed-{name}"));
        let plain = if zst {
            zstd::decode_all(&expected[..]).unwrap()
        } else {
            expected.clone()
        };
        let cut: usize = plain
            .split_inclusive(|&b| b == b'\n')
            .take(70)
            .map(<[u8]>::len)
            .sum::<usize>()
            + 20;
        let partial = textmill_batch::partial_path(&resumed);
        if zst {
            let mut encoder = zstd::Encoder::new(Vec::new(), 3).unwrap();
            encoder.write_all(&plain[..cut]).unwrap();
            let mut bytes = encoder.finish().unwrap();
            bytes.extend_from_slice(&zstd::encode_all(&plain[cut..], 3).unwrap()[..10]);
            std::fs::write(&partial, bytes).unwrap();
        } else {
            std::fs::write(&partial, &plain[..cut]).unwrap();
        }
        let mut resume = config(vec![input.clone()], resumed.clone());
        resume.resume = true;
        let report = run(&resume, &Pipeline::default(), |_, _| {}).unwrap();
        assert_eq!(report.stats.resumed, 70, "{name}");
        assert_eq!((report.stats.documents, report.stats.errors), (119, 1));
        let got = std::fs::read(&resumed).unwrap();
        let got = if zst {
            zstd::decode_all(&got[..]).unwrap()
        } else {
            got
        };
        assert_eq!(
            got, plain,
            "{name}: the resumed output is the uninterrupted one"
        );
        assert!(!partial.exists());
        // Resuming a complete run is refused rather than redone.
        assert!(matches!(
            run(&resume, &Pipeline::default(), |_, _| {}),
            Err(RunError::Config(_))
        ));
    }
}

#[test]
fn parquet_out_has_a_row_per_record_with_nested_spans_and_reads_back_in() {
    use arrow_array::{Array, ListArray, StringArray, StructArray};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    let records = [story(1), json!({"id": "bad", "title": "no text"}), story(3)];
    std::fs::write(&input, jsonl(&records)).unwrap();
    let out = dir.path().join("docs.parquet");
    run(
        &config(vec![input], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();

    let file = std::fs::File::open(&out).unwrap();
    let batches: Vec<_> =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect();
    assert_eq!(batches.len(), 1, "three rows make one batch");
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), 3);
    let ids = batch
        .column_by_name("id")
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert_eq!((ids.value(0), ids.value(2)), ("s1", "s3"));
    let errors = batch.column_by_name("error").unwrap();
    assert!(errors.is_null(0) && !errors.is_null(1));
    let kinds = errors
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap()
        .column_by_name("kind")
        .unwrap();
    assert_eq!(
        kinds
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
            .value(1),
        "field"
    );
    // Sentences are a list of structs with code-point offsets and their text.
    let sentences = batch
        .column_by_name("sentences")
        .unwrap()
        .as_any()
        .downcast_ref::<ListArray>()
        .unwrap();
    let first = sentences.value(0);
    let first = first.as_any().downcast_ref::<StructArray>().unwrap();
    assert_eq!(first.len(), 2);
    let text = first
        .column_by_name("text")
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert_eq!(text.value(0), "Story 1 begins here.");

    // The Parquet file is an input too: its rows' text and ids.
    let again = dir.path().join("again.jsonl");
    run(
        &config(vec![out], again.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let lines = read_lines(&again);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "s1");
    assert_eq!(
        lines[0]["text"],
        "Story 1 begins here. It has two sentences."
    );
    // The error row has an id but no text: an error record again.
    assert_eq!(lines[1]["error"]["kind"], "field");
}

#[test]
fn other_fields_reach_metadata_extra_in_every_format_and_input_keeps_the_record_whole() {
    use arrow_array::{Array, StringArray, StructArray};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    let record = json!({"id": "s1", "text": "Story one begins. It ends.", "lang": "en", "year": 2024, "tags": ["a", "b"]});
    std::fs::write(&input, jsonl(std::slice::from_ref(&record))).unwrap();

    // Parquet: `metadata.extra` is a column of JSON text.
    let out = dir.path().join("docs.parquet");
    run(
        &config(vec![input.clone()], out.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let file = std::fs::File::open(&out).unwrap();
    let batch = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let metadata = batch.column_by_name("metadata").unwrap();
    let metadata = metadata.as_any().downcast_ref::<StructArray>().unwrap();
    let extra = metadata.column_by_name("extra").unwrap();
    let extra = extra.as_any().downcast_ref::<StringArray>().unwrap();
    let extra: Value = serde_json::from_str(extra.value(0)).unwrap();
    assert_eq!(
        extra,
        json!({"lang": "en", "year": 2024, "tags": ["a", "b"]})
    );

    // A Parquet input's other columns reach `metadata.extra` of a JSONL output.
    let again = dir.path().join("again.jsonl");
    run(
        &config(vec![out], again.clone()),
        &Pipeline::default(),
        |_, _| {},
    )
    .unwrap();
    let lines = read_lines(&again);
    assert_eq!(lines[0]["id"], "s1");
    assert_eq!(lines[0]["metadata"]["extra"]["source"]["record"], 1);

    // `input` keeps the record as it came, text and all.
    let whole = dir.path().join("whole.jsonl");
    let mut keep = config(vec![input], whole.clone());
    keep.engine.fields = "id,input".parse().unwrap();
    run(&keep, &Pipeline::default(), |_, _| {}).unwrap();
    let lines = read_lines(&whole);
    assert_eq!(lines[0], json!({"id": "s1", "input": record}));
}
