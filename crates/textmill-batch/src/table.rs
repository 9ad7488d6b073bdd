//! Documents as Arrow record batches, in the schema of Parquet output: for DataFrames (pandas,
//! polars, DuckDB) and for engines that pass Arrow batches between workers (Dask, Ray, Spark).
//!
//! Rows are serialised straight into arrow-json's decoder (no JSON text), so that a table and
//! a Parquet file of the same documents have the same columns, types and values.

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, DataType, Field as Column, Fields, Schema, SchemaRef};
use serde::ser::{SerializeMap, Serializer};
use textmill::core::{DocumentRecord, EntityRecord};

use crate::ErrorRecord;
use crate::output::{Field, FieldSet};

fn utf8(name: &str) -> Column {
    Column::new(name, DataType::Utf8, true)
}

fn count(name: &str) -> Column {
    Column::new(name, DataType::UInt64, true)
}

fn list_of(name: &str, fields: Vec<Column>) -> Column {
    let item = Column::new("item", DataType::Struct(Fields::from(fields)), true);
    Column::new(name, DataType::List(Arc::new(item)), true)
}

fn structure(name: &str, fields: Vec<Column>) -> Column {
    Column::new(name, DataType::Struct(Fields::from(fields)), true)
}

/// An entity's columns, in a document's `entities` list and in the entity table.
fn entity_columns() -> Vec<Column> {
    vec![
        count("start"),
        count("end"),
        utf8("text"),
        utf8("label"),
        Column::new("score", DataType::Float64, true),
        utf8("canonical"),
    ]
}

/// The schema of documents with the chosen fields, one row per document, with code-point offsets
/// and nested spans as lists of structs (what Parquet output has); with `errors`, an `error`
/// column for rows that are error records (null in documents).
pub fn schema(fields: &FieldSet, errors: bool) -> SchemaRef {
    let mut columns = Vec::new();
    for field in Field::ALL.iter().copied().filter(|f| fields.contains(*f)) {
        let name = field.as_str();
        columns.push(match field {
            Field::Id | Field::Text => utf8(name),
            Field::Metadata => structure(
                name,
                vec![
                    utf8("title"),
                    utf8("dek"),
                    Column::new(
                        "authors",
                        DataType::List(Arc::new(Column::new("item", DataType::Utf8, true))),
                        true,
                    ),
                    utf8("date"),
                    utf8("site"),
                    utf8("language"),
                    utf8("url"),
                    // The input's other fields, as JSON text.
                    utf8("extra"),
                ],
            ),
            Field::Paragraphs => list_of(name, vec![count("start"), count("end")]),
            Field::Sentences => list_of(name, vec![count("start"), count("end"), utf8("text")]),
            Field::Tokens => list_of(name, vec![count("start"), count("end"), utf8("kind")]),
            Field::Entities => list_of(name, entity_columns()),
            Field::Summary => Column::new(
                name,
                DataType::List(Arc::new(Column::new("item", DataType::UInt64, true))),
                true,
            ),
            Field::Removed => list_of(name, vec![utf8("text"), utf8("kind"), utf8("reason")]),
            Field::Source => structure(name, vec![utf8("input"), count("record"), utf8("url")]),
            // The whole input record, as JSON text.
            Field::Input => utf8(name),
        });
    }
    if errors {
        columns.push(structure(
            "error",
            vec![utf8("input"), count("record"), utf8("kind"), utf8("reason")],
        ));
    }
    Arc::new(Schema::new(columns))
}

/// One row of a documents table: a document, or the error record of an input that failed.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    /// A processed document.
    Document(&'a DocumentRecord),
    /// An input that could not be processed.
    Error(&'a ErrorRecord),
    /// An input with no document and no error (one a caller skipped): a row of nulls, so that
    /// rows stay aligned with inputs.
    Missing,
}

/// A row with only the chosen fields.
struct SelectedRow<'a> {
    row: Row<'a>,
    fields: &'a FieldSet,
}

impl serde::Serialize for SelectedRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(None)?;
        let doc = match self.row {
            Row::Document(doc) => doc,
            Row::Missing => return out.end(),
            Row::Error(error) => {
                if let Some(id) = error
                    .id
                    .as_ref()
                    .filter(|_| self.fields.contains(Field::Id))
                {
                    out.serialize_entry("id", id)?;
                }
                out.serialize_entry("error", &error.error)?;
                return out.end();
            }
        };
        for field in Field::ALL
            .iter()
            .copied()
            .filter(|f| self.fields.contains(*f))
        {
            let name = field.as_str();
            match field {
                Field::Id => out.serialize_entry(name, &doc.id)?,
                Field::Text => out.serialize_entry(name, &doc.text)?,
                Field::Metadata => out.serialize_entry(name, &doc.metadata)?,
                Field::Paragraphs => out.serialize_entry(name, &doc.paragraphs)?,
                Field::Sentences => out.serialize_entry(name, &doc.sentences)?,
                Field::Tokens => out.serialize_entry(name, &doc.tokens)?,
                Field::Entities => out.serialize_entry(name, &doc.entities)?,
                Field::Summary => out.serialize_entry(name, &doc.summary)?,
                Field::Removed => out.serialize_entry(name, &doc.removed)?,
                Field::Source => out.serialize_entry(name, &doc.source)?,
                // A record made from a document has no input record to keep.
                Field::Input => out.serialize_entry(name, &None::<String>)?,
            }
        }
        out.end()
    }
}

/// Serialises `rows` into one record batch of `schema`.
fn decode<T: serde::Serialize>(schema: SchemaRef, rows: &[T]) -> Result<RecordBatch, ArrowError> {
    // One batch of all the rows: the decoder emits at most its batch size per flush.
    let mut decoder = arrow_json::ReaderBuilder::new(Arc::clone(&schema))
        .with_batch_size(rows.len().max(1))
        .build_decoder()?;
    decoder.serialize(rows)?;
    Ok(decoder
        .flush()?
        .unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

/// A table of documents, one row per document, with the chosen fields; with `errors`, error
/// rows too (their `error` column set, the other columns null but `id`).
///
/// ```
/// use textmill::Pipeline;
/// use textmill_batch::{FieldSet, table};
///
/// let doc = Pipeline::default().process_str("a", "Rain fell on Oslo. It stopped.", Default::default());
/// let record = doc.to_record();
/// let batch = table::documents([table::Row::Document(&record)], &FieldSet::default(), false).unwrap();
/// assert_eq!(batch.num_rows(), 1);
/// assert_eq!(batch.schema().field(0).name(), "id");
/// ```
pub fn documents<'a>(
    rows: impl IntoIterator<Item = Row<'a>>,
    fields: &FieldSet,
    errors: bool,
) -> Result<RecordBatch, ArrowError> {
    let rows: Vec<SelectedRow<'_>> = rows
        .into_iter()
        .map(|row| SelectedRow { row, fields })
        .collect();
    if !errors && rows.iter().any(|r| matches!(r.row, Row::Error(_))) {
        return Err(ArrowError::InvalidArgumentError(
            "an error row in a table without an error column".to_owned(),
        ));
    }
    decode(schema(fields, errors), &rows)
}

/// The schema of [`entities`].
pub fn entities_schema() -> SchemaRef {
    let mut columns = vec![Column::new("doc", DataType::UInt64, false), utf8("id")];
    columns.extend(entity_columns());
    Arc::new(Schema::new(columns))
}

/// One entity of one document.
#[derive(serde::Serialize)]
struct EntityRow<'a> {
    doc: usize,
    id: &'a str,
    #[serde(flatten)]
    entity: &'a EntityRecord,
}

/// A table of entities, one row per entity: `doc` is the document's position in `docs`, `id`
/// its id, then the entity's code-point `start` and `end`, `text`, `label`, `score` and
/// `canonical`.
pub fn entities<'a>(
    docs: impl IntoIterator<Item = &'a DocumentRecord>,
) -> Result<RecordBatch, ArrowError> {
    let rows: Vec<EntityRow<'a>> = docs
        .into_iter()
        .enumerate()
        .flat_map(|(doc, record)| {
            record.entities.iter().map(move |entity| EntityRow {
                doc,
                id: &record.id,
                entity,
            })
        })
        .collect();
    decode(entities_schema(), &rows)
}
