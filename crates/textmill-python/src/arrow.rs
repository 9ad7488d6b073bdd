//! Arrow for Python: tables of documents and of entities handed over through the Arrow
//! PyCapsule interface (pyarrow, polars and DuckDB take them without a copy), and a record batch
//! in, a record batch out, for engines that pass Arrow between workers (Dask, Ray, Spark).

use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{Array, RecordBatch, RecordBatchIterator, StructArray};
use arrow_schema::DataType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use textmill::InputKind;
use textmill_batch::{Content, ErrorKind, FieldSet, Item, Record, table};

use crate::pipeline::{Pipeline, refused, run_batch};
use crate::{ConfigError, Document, InputError, error, parse_name};

/// A record batch that Arrow libraries take through `__arrow_c_stream__`
/// (`pyarrow.table(t)`, `polars.from_arrow(t)`).
#[pyclass(frozen, module = "textmill")]
pub(crate) struct ArrowTable {
    batch: RecordBatch,
}

#[pymethods]
impl ArrowTable {
    /// The table as an Arrow C stream (one batch); `requested_schema` is not supported and is
    /// ignored, as the protocol allows.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let schema = self.batch.schema();
        let reader = RecordBatchIterator::new([Ok(self.batch.clone())], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new(py, stream, Some(c"arrow_array_stream".to_owned()))
    }

    /// The table as one Arrow C array of structs and its schema (`pyarrow.record_batch(t)`).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema;
        let rows = StructArray::from(self.batch.clone());
        let schema = FFI_ArrowSchema::try_from(rows.data_type()).map_err(error)?;
        let array = FFI_ArrowArray::new(&rows.to_data());
        Ok((
            PyCapsule::new(py, schema, Some(c"arrow_schema".to_owned()))?,
            PyCapsule::new(py, array, Some(c"arrow_array".to_owned()))?,
        ))
    }

    /// The table's schema as an Arrow C schema.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.batch.schema().as_ref()).map_err(error)?;
        PyCapsule::new(py, schema, Some(c"arrow_schema".to_owned()))
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self
            .batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        format!(
            "ArrowTable(rows={}, columns={names:?})",
            self.batch.num_rows()
        )
    }
}

fn field_set(fields: Option<&str>) -> PyResult<FieldSet> {
    fields.map_or_else(
        || Ok(FieldSet::default()),
        |f| {
            f.parse()
                .map_err(|e: textmill::core::UnknownName| ConfigError::new_err(e.to_string()))
        },
    )
}

/// `to_arrow(docs, fields, table)`: a documents table (one row per document; None gives a row
/// of nulls) or an entities table (one row per entity).
#[pyfunction]
#[pyo3(signature = (docs, fields = None, table = "documents"))]
pub(crate) fn to_arrow(
    py: Python<'_>,
    docs: Vec<Option<Bound<'_, Document>>>,
    fields: Option<&str>,
    table: &str,
) -> PyResult<ArrowTable> {
    let records: Vec<Option<&textmill::core::DocumentRecord>> = docs
        .iter()
        .map(|d| d.as_ref().map(|d| &d.get().record))
        .collect();
    let batch = match table {
        "documents" => {
            let fields = field_set(fields)?;
            py.detach(|| {
                table::documents(
                    records
                        .iter()
                        .map(|r| r.map_or(table::Row::Missing, table::Row::Document)),
                    &fields,
                    false,
                )
            })
        }
        "entities" => py.detach(|| table::entities(records.iter().flatten().copied())),
        other => {
            return Err(PyValueError::new_err(format!(
                "table must be \"documents\" or \"entities\", not {other:?}"
            )));
        }
    }
    .map_err(error)?;
    Ok(ArrowTable { batch })
}

/// The schema of `process_arrow`'s output, as a zero-row table.
#[pyfunction]
#[pyo3(signature = (fields = None))]
pub(crate) fn documents_schema(fields: Option<&str>) -> PyResult<ArrowTable> {
    let schema = table::schema(&field_set(fields)?, true);
    Ok(ArrowTable {
        batch: RecordBatch::new_empty(schema),
    })
}

/// A record batch from an object with `__arrow_c_array__` (a pyarrow RecordBatch). One of the two
/// `unsafe` blocks of the workspace (the other sets the CLI's allocator): taking a batch through
/// the Arrow C data interface is a raw-pointer hand-over by design.
#[allow(unsafe_code)]
fn import_batch(batch: &Bound<'_, PyAny>) -> PyResult<RecordBatch> {
    let (schema, array): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = batch
        .call_method0("__arrow_c_array__")
        .map_err(|_| {
            InputError::new_err("expected an Arrow record batch (an object with __arrow_c_array__)")
        })?
        .extract()?;
    let schema = schema
        .pointer_checked(Some(c"arrow_schema"))?
        .cast::<FFI_ArrowSchema>();
    let array = array
        .pointer_checked(Some(c"arrow_array"))?
        .cast::<FFI_ArrowArray>();
    // SAFETY: the capsules hold the C structs their names say (checked above); `from_raw` moves
    // the array out and leaves a released one behind for the capsule's destructor, and the
    // schema is only borrowed while its capsule is alive.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array.as_ptr());
        arrow_array::ffi::from_ffi(array, schema.as_ref())
    }
    .map_err(|e| InputError::new_err(format!("not a valid Arrow batch: {e}")))?;
    // Buffers that went through pickling or shared memory may be unaligned, and a producer's
    // buffers are not trusted: aligned copies where needed, and a full check, so that a bad
    // batch is an error here rather than a panic later.
    let mut data = data;
    data.align_buffers();
    data.validate_full()
        .map_err(|e| InputError::new_err(format!("not a valid Arrow batch: {e}")))?;
    if !matches!(data.data_type(), DataType::Struct(_)) {
        return Err(InputError::new_err(
            "expected a record batch, not a single array",
        ));
    }
    Ok(RecordBatch::from(StructArray::from(data)))
}

/// The strings of a column of any string or binary type; None for nulls.
fn column_strings(batch: &RecordBatch, name: &str) -> PyResult<Vec<Option<Content>>> {
    let column = batch.column_by_name(name).ok_or_else(|| {
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        ConfigError::new_err(format!(
            "no column {name:?} in the batch (it has {names:?})"
        ))
    })?;
    let text = |s: Option<&str>| s.map(|s| Content::Text(s.to_owned()));
    let bytes = |b: Option<&[u8]>| b.map(|b| Content::Bytes(b.to_vec()));
    Ok(match column.data_type() {
        DataType::Utf8 => column.as_string::<i32>().iter().map(text).collect(),
        DataType::LargeUtf8 => column.as_string::<i64>().iter().map(text).collect(),
        DataType::Utf8View => column.as_string_view().iter().map(text).collect(),
        DataType::Binary => column.as_binary::<i32>().iter().map(bytes).collect(),
        DataType::LargeBinary => column.as_binary::<i64>().iter().map(bytes).collect(),
        DataType::BinaryView => column.as_binary_view().iter().map(bytes).collect(),
        other => {
            return Err(ConfigError::new_err(format!(
                "column {name:?} is {other}, not strings or bytes"
            )));
        }
    })
}

/// The `input` of a record batch's error records.
const ARROW_INPUT: &str = "<arrow>";

/// Processes the text column of one record batch: a batch with a row per input row, the
/// chosen document fields and an `error` column (null where the row gave a document).
#[pyfunction]
#[pyo3(signature = (pipeline, batch, *, column = "text", id_column = None, kind = "auto",
                    fields = None, threads = 0))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn process_arrow(
    py: Python<'_>,
    pipeline: &Pipeline,
    batch: &Bound<'_, PyAny>,
    column: &str,
    id_column: Option<&str>,
    kind: &str,
    fields: Option<&str>,
    threads: usize,
) -> PyResult<ArrowTable> {
    let kind = parse_name::<InputKind>(kind)?;
    let fields = field_set(fields)?;
    let batch = import_batch(batch)?;
    let contents = column_strings(&batch, column)?;
    let ids: Vec<String> = match id_column {
        None => (0..batch.num_rows()).map(|i| i.to_string()).collect(),
        Some(name) => column_strings(&batch, name)?
            .into_iter()
            .enumerate()
            .map(|(row, id)| match id {
                Some(Content::Text(id)) => id,
                Some(Content::Bytes(id)) => String::from_utf8_lossy(&id).into_owned(),
                None => row.to_string(),
            })
            .collect(),
    };
    let items: Vec<Item> = contents
        .into_iter()
        .zip(ids)
        .enumerate()
        .map(|(row, (content, id))| match content {
            Some(content) => Ok(Record::new(id, content, kind)),
            None => Err(refused(
                id,
                ARROW_INPUT,
                row,
                ErrorKind::Field,
                format!("{column} is null"),
            )),
        })
        .collect();
    let mut results = run_batch(py, pipeline.engine(), items, threads)?;
    // The engine's own error records name no file: they name the batch and the row.
    for (row, result) in results.iter_mut().enumerate() {
        if let Err(failed) = result {
            ARROW_INPUT.clone_into(&mut failed.error.input);
            failed.error.record = Some(row as u64 + 1);
        }
    }
    let batch = py
        .detach(|| {
            table::documents(
                results.iter().map(|r| match r {
                    Ok(doc) => table::Row::Document(doc),
                    Err(failed) => table::Row::Error(failed),
                }),
                &fields,
                true,
            )
        })
        .map_err(error)?;
    Ok(ArrowTable { batch })
}
