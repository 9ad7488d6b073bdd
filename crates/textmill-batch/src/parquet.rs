//! Parquet: input files whose rows are records (string columns for the id, text, HTML and url,
//! by the same field names as JSONL), and an output with one row per document, nested spans as
//! lists of structs, so that DuckDB, polars and pandas read it directly.
//!
//! The output is made from the JSONL lines the workers write: arrow-json decodes them into
//! record batches against the schema of the chosen fields, and the parquet crate writes those.

use std::fs::File;
use std::io;
use std::sync::Arc;

use arrow_array::{Array, Int64Array, LargeStringArray, RecordBatch, StringArray, UInt64Array};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::ErrorKind;
use crate::input::InputFile;
use crate::output::FieldSet;
use crate::read::{Item, ReadConfig, file_error, record_from_fields};

/// Rows decoded and written at a time.
const BATCH: usize = 1024;

/// Rows of an input read at a time: few, as a row may be a whole web page (a batch of 1,024
/// pages of 160 KB held 470 MB).
const READ_BATCH: usize = 64;

/// A Parquet output fed with JSON lines.
pub(crate) struct ParquetSink {
    decoder: arrow_json::reader::Decoder,
    writer: ArrowWriter<File>,
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

impl ParquetSink {
    pub(crate) fn new(file: File, fields: &FieldSet) -> io::Result<Self> {
        let schema = crate::table::schema(fields, true);
        let decoder = arrow_json::ReaderBuilder::new(Arc::clone(&schema))
            .with_batch_size(BATCH)
            .build_decoder()
            .map_err(other)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .build();
        let writer = ArrowWriter::try_new(file, schema, Some(properties)).map_err(other)?;
        Ok(ParquetSink { decoder, writer })
    }

    /// Decodes whole JSON lines; a full batch is written out.
    pub(crate) fn write_lines(&mut self, mut lines: &[u8]) -> io::Result<()> {
        while !lines.is_empty() {
            let read = self.decoder.decode(lines).map_err(other)?;
            lines = &lines[read..];
            if read == 0 || self.decoder.len() >= BATCH {
                self.flush_batch()?;
            }
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        if let Some(batch) = self.decoder.flush().map_err(other)? {
            self.writer.write(&batch).map_err(other)?;
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.flush_batch()?;
        self.writer.close().map_err(other)?;
        Ok(())
    }
}

/// The rows of a Parquet input as records, a batch at a time.
pub(crate) struct ParquetRecords {
    file: InputFile,
    config: Arc<ReadConfig>,
    batches: Option<ParquetRecordBatchReader>,
    batch: Option<RecordBatch>,
    /// The current batch's rows as JSON objects: the columns other than the id, text, HTML and
    /// url ones (all columns when the input is kept whole).
    rows: Vec<serde_json::Map<String, serde_json::Value>>,
    row: usize,
    /// 1-based number of the row last read, across batches.
    number: u64,
}

impl ParquetRecords {
    pub(crate) fn open(file: InputFile, config: Arc<ReadConfig>) -> Result<Self, String> {
        let handle = File::open(&file.path).map_err(|e| e.to_string())?;
        let batches = guarded(|| {
            ParquetRecordBatchReaderBuilder::try_new(handle)
                .and_then(|builder| builder.with_batch_size(READ_BATCH).build())
        })?
        .map_err(|e| format!("not a readable Parquet file: {e}"))?;
        Ok(ParquetRecords {
            file,
            config,
            batches: Some(batches),
            batch: None,
            rows: Vec::new(),
            row: 0,
            number: 0,
        })
    }

    fn record(&self, batch: &RecordBatch, row: usize) -> Item {
        let names = &self.config.fields;
        let error = |id: Option<String>, kind: ErrorKind, reason: String| {
            Err(file_error(&self.file, Some(self.number), id, kind, reason))
        };
        let text = |name: &str| -> Result<Option<String>, String> { cell(batch, name, row) };
        let id = match text(&names.id) {
            Ok(Some(id)) => id,
            Ok(None) => format!("{}:{}", self.file.name(), self.number),
            Err(reason) => return error(None, ErrorKind::Field, reason),
        };
        let values = (text(&names.html), text(&names.text), text(&names.url));
        let mut record = record_from_fields(&self.file, self.number, id, values, &self.config)?;
        let mut fields = self.rows.get(row).cloned().unwrap_or_default();
        if self.config.keep_input {
            record.input = Some(fields.clone());
            for name in [&names.id, &names.text, &names.html, &names.url] {
                fields.remove(name);
            }
        }
        record.extra = fields;
        Ok(record)
    }

    /// Stops reading the file: the rest of it is one `read` error record at the next row.
    fn fail(&mut self, reason: String) -> Item {
        self.batches = None;
        let row = Some(self.number + 1);
        Err(file_error(&self.file, row, None, ErrorKind::Read, reason))
    }

    /// The rows of `batch` as JSON objects of the columns that go to `metadata.extra` (or of
    /// all columns, to keep the input whole).
    fn rows_of(
        &self,
        batch: &RecordBatch,
    ) -> Result<Vec<serde_json::Map<String, serde_json::Value>>, String> {
        let names = &self.config.fields;
        let content = [&names.id, &names.text, &names.html, &names.url];
        let schema = batch.schema();
        let kept: Vec<usize> = (0..batch.num_columns())
            .filter(|&i| self.config.keep_input || !content.contains(&schema.field(i).name()))
            .collect();
        if kept.is_empty() {
            return Ok(Vec::new());
        }
        let projected = batch.project(&kept).map_err(|e| e.to_string())?;
        let mut writer = arrow_json::LineDelimitedWriter::new(Vec::new());
        writer.write(&projected).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        let lines = writer.into_inner();
        lines
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).map_err(|e| e.to_string()))
            .collect()
    }
}

/// Runs a call into the Parquet reader, turning a panic into an error: the reader checks most
/// of what a file claims, but a crafted file has made it panic (a capacity overflow found by
/// fuzzing), and a panic on the reading thread would end the whole run.
fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .map_err(|_| "not a readable Parquet file: the reader failed on its contents".to_owned())
}

/// A row's value of a string (or, for ids, integer) column; `None` when there is no such
/// column or the value is null.
fn cell(batch: &RecordBatch, name: &str, row: usize) -> Result<Option<String>, String> {
    let Some(column) = batch.column_by_name(name) else {
        return Ok(None);
    };
    if column.is_null(row) {
        return Ok(None);
    }
    let any = column.as_any();
    if let Some(strings) = any.downcast_ref::<StringArray>() {
        Ok(Some(strings.value(row).to_owned()))
    } else if let Some(strings) = any.downcast_ref::<LargeStringArray>() {
        Ok(Some(strings.value(row).to_owned()))
    } else if let Some(numbers) = any.downcast_ref::<Int64Array>() {
        Ok(Some(numbers.value(row).to_string()))
    } else if let Some(numbers) = any.downcast_ref::<UInt64Array>() {
        Ok(Some(numbers.value(row).to_string()))
    } else {
        Err(format!("the column `{name}` is not a string column"))
    }
}

impl Iterator for ParquetRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(batch) = self.batch.take()
                && self.row < batch.num_rows()
            {
                self.number += 1;
                let item = self.record(&batch, self.row);
                self.row += 1;
                self.batch = Some(batch);
                return Some(item);
            }
            let batches = self.batches.as_mut()?;
            let next = match guarded(|| batches.next()) {
                Ok(next) => next,
                Err(reason) => return Some(self.fail(reason)),
            };
            match next {
                Some(Ok(batch)) => {
                    match self.rows_of(&batch) {
                        Ok(rows) => self.rows = rows,
                        Err(reason) => {
                            return Some(self.fail(format!(
                                "the rows' other columns cannot be read: {reason}"
                            )));
                        }
                    }
                    self.batch = Some(batch);
                    self.row = 0;
                }
                Some(Err(e)) => {
                    return Some(self.fail(format!("the file cannot be read past this row: {e}")));
                }
                None => return None,
            }
        }
    }
}
