//! Arrow tables of documents: the same columns and values as Parquet output, and one row per
//! entity.

mod common;

use arrow_array::{Array, StringArray, UInt64Array};
use common::{config, jsonl, story};
use textmill::Pipeline;
use textmill_batch::{Field, FieldSet, run, table};

fn strings<'a>(batch: &'a arrow_array::RecordBatch, name: &str) -> &'a StringArray {
    batch
        .column_by_name(name)
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap()
}

#[test]
fn a_table_of_documents_has_the_columns_and_values_of_parquet_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    std::fs::write(&input, jsonl(&[story(1), story(2)])).unwrap();
    let out = dir.path().join("docs.parquet");
    // Every field but `source`, which names the input file (a document made in memory has none).
    let fields = FieldSet::of(
        Field::ALL
            .iter()
            .copied()
            .filter(|f| !matches!(f, Field::Source | Field::Input)),
    );
    let mut run_config = config(vec![input], out.clone());
    run_config.engine.fields = fields.clone();
    run(&run_config, &Pipeline::default(), |_, _| {}).unwrap();
    let file = std::fs::File::open(&out).unwrap();
    let written = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .next()
        .unwrap()
        .unwrap();

    let pipeline = Pipeline::default();
    let records: Vec<_> = [story(1), story(2)]
        .iter()
        .map(|r| {
            pipeline
                .process_str(
                    r["id"].as_str().unwrap(),
                    r["text"].as_str().unwrap(),
                    Default::default(),
                )
                .to_record()
        })
        .collect();
    let made = table::documents(records.iter().map(table::Row::Document), &fields, true).unwrap();
    assert_eq!(made.schema().fields(), written.schema().fields());
    assert_eq!(made.columns(), written.columns());
    assert_eq!(strings(&made, "id").value(1), "s2");
}

#[test]
fn error_rows_need_an_error_column_and_keep_their_id() {
    let error = textmill_batch::ErrorRecord {
        id: Some("7".to_owned()),
        error: textmill_batch::ErrorInfo {
            input: "<python>".to_owned(),
            record: Some(8),
            kind: textmill_batch::ErrorKind::Process,
            reason: "not text".to_owned(),
        },
    };
    let rows = [table::Row::Error(&error)];
    assert!(table::documents(rows, &FieldSet::default(), false).is_err());
    let batch = table::documents(rows, &FieldSet::default(), true).unwrap();
    assert_eq!(batch.num_rows(), 1);
    assert_eq!(strings(&batch, "id").value(0), "7");
    assert!(batch.column_by_name("text").unwrap().is_null(0));
    assert!(!batch.column_by_name("error").unwrap().is_null(0));
}

#[test]
fn the_entity_table_has_a_row_per_entity_naming_its_document() {
    let pipeline = Pipeline::default();
    let texts = [
        "No names here at all.",
        "Angela Merkel met Emmanuel Macron in Paris on Monday.",
    ];
    let records: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            pipeline
                .process_str(&format!("d{i}"), t, Default::default())
                .to_record()
        })
        .collect();
    let batch = table::entities(&records).unwrap();
    let expected: usize = records.iter().map(|r| r.entities.len()).sum();
    assert!(expected >= 3, "the second text names people and a place");
    assert_eq!(batch.num_rows(), expected);
    assert_eq!(batch.schema(), table::entities_schema());
    let docs = batch
        .column_by_name("doc")
        .unwrap()
        .as_any()
        .downcast_ref::<UInt64Array>()
        .unwrap();
    let starts = batch
        .column_by_name("start")
        .unwrap()
        .as_any()
        .downcast_ref::<UInt64Array>()
        .unwrap();
    for row in 0..batch.num_rows() {
        let doc = &records[docs.value(row) as usize];
        assert_eq!(strings(&batch, "id").value(row), doc.id);
        let entity = &doc.entities[row
            - records[..docs.value(row) as usize]
                .iter()
                .map(|r| r.entities.len())
                .sum::<usize>()];
        assert_eq!(starts.value(row) as usize, entity.start);
        assert_eq!(strings(&batch, "text").value(row), entity.text);
        assert_eq!(strings(&batch, "label").value(row), entity.label.as_str());
    }
    assert_eq!(table::entities(&[]).unwrap().num_rows(), 0);
}
