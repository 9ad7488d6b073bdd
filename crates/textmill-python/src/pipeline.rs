//! The pipeline for Python: configured from a dict or keywords (the Rust `PipelineConfig`),
//! batches on the `textmill-batch` engine (a pool per call, so a forked child starts its own),
//! pickling by config, and corpus runs.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use textmill::core::DocumentRecord;
use textmill::{InputKind, PipelineConfig};
use textmill_batch::{
    Content, EngineConfig, ErrorInfo, ErrorKind, ErrorRecord, Item, Outcome, Outcomes, Record,
    Waited,
};

use crate::{ConfigError, Document, Input, InputError, ModelError, error, parse_name};

/// How long a batch waits for the next document before it looks for Ctrl-C again.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The stages, configured once: boilerplate removal, normalisation, segmentation, entities,
/// summary.
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Pipeline {
    inner: Arc<textmill::Pipeline>,
    config: PipelineConfig,
    model: Option<PathBuf>,
}

/// `config` (a dict, or JSON text) with `settings` on top, as a `PipelineConfig`; an unknown
/// or mistyped setting is a `ConfigError` that names it.
fn pipeline_config(
    py: Python<'_>,
    config: Option<&Bound<'_, PyAny>>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<PipelineConfig> {
    let merged = PyDict::new(py);
    match config {
        None => {}
        Some(c) if c.is_none() => {}
        Some(c) if c.is_instance_of::<PyString>() => {
            let parsed = py.import("json")?.call_method1("loads", (c,))?;
            merged.update(parsed.cast::<pyo3::types::PyMapping>()?)?;
        }
        Some(c) => match c.cast::<pyo3::types::PyMapping>() {
            Ok(mapping) => merged.update(mapping)?,
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "config must be a dict or JSON text, not {}",
                    c.get_type().name()?
                )));
            }
        },
    }
    if let Some(settings) = settings {
        merged.update(settings.as_mapping())?;
    }
    let json: String = py
        .import("json")?
        .call_method1("dumps", (merged,))?
        .extract()?;
    let config: PipelineConfig = serde_json::from_str(&json)
        .map_err(|e| ConfigError::new_err(format!("pipeline config: {e}")))?;
    config
        .check()
        .map_err(|e| ConfigError::new_err(format!("pipeline config: {e}")))?;
    Ok(config)
}

fn build(config: PipelineConfig, model: Option<&PathBuf>) -> PyResult<textmill::Pipeline> {
    let mut builder = textmill::Pipeline::builder().config(config);
    if let Some(path) = model {
        let model = textmill::entities::Model::from_path(path)
            .map_err(|e| ModelError::new_err(e.to_string()))?;
        builder = builder.entity_model(Arc::new(model));
    }
    Ok(builder.build())
}

/// The error record of an input that never reached the pipeline (`input` names where batches
/// come from, `record` is 1-based).
pub(crate) fn refused(
    id: String,
    input: &str,
    index: usize,
    kind: ErrorKind,
    reason: String,
) -> ErrorRecord {
    ErrorRecord {
        id: Some(id),
        error: ErrorInfo {
            input: input.to_owned(),
            record: Some(index as u64 + 1),
            kind,
            reason,
        },
    }
}

/// One item of a batch as a record, or the error record of an item that is not an input.
fn record_of(index: usize, item: &Bound<'_, PyAny>, kind: InputKind) -> Item {
    let id = index.to_string();
    match item.extract::<Input>() {
        Ok(Input::Text(s)) => Ok(Record::new(id, Content::Text(s), kind)),
        Ok(Input::Bytes(b)) => Ok(Record::new(id, Content::Bytes(b), kind)),
        Err(e) => Err(refused(
            id,
            BATCH_INPUT,
            index,
            ErrorKind::Field,
            e.to_string(),
        )),
    }
}

/// The `input` of a batch's error records.
const BATCH_INPUT: &str = "<batch>";

/// Processes `items` on the `textmill-batch` engine with `threads` workers, without the GIL,
/// looking for Ctrl-C every [`SIGNAL_CHECK`]: a document or an error record for each, in order
/// (items that are error records already pass through in their place).
pub(crate) fn run_batch(
    py: Python<'_>,
    pipeline: &Arc<textmill::Pipeline>,
    items: Vec<Item>,
    threads: usize,
) -> PyResult<Vec<Result<DocumentRecord, ErrorRecord>>> {
    let total = items.len();
    let config = EngineConfig {
        threads,
        ..EngineConfig::default()
    };
    let mut outcomes = Outcomes::mapped(
        items.into_iter(),
        Arc::clone(pipeline),
        &config,
        |outcome| match outcome {
            Outcome::Document(doc) => Ok(doc.to_record()),
            Outcome::Error(error) => Err(error),
        },
    )
    .map_err(error)?;
    let mut done = Vec::with_capacity(total);
    let mut checked = std::time::Instant::now();
    loop {
        match py.detach(|| outcomes.next_within(SIGNAL_CHECK)) {
            Waited::Next(result) => done.push(result),
            Waited::Pending => {}
            Waited::Done => break,
        }
        if checked.elapsed() >= SIGNAL_CHECK {
            py.check_signals()?;
            checked = std::time::Instant::now();
        }
    }
    if done.len() != total {
        return Err(error(format!(
            "{} of {total} inputs lost by the engine",
            total - done.len()
        )));
    }
    Ok(done)
}

impl Pipeline {
    pub(crate) fn engine(&self) -> &Arc<textmill::Pipeline> {
        &self.inner
    }
}

#[pymethods]
impl Pipeline {
    /// `Pipeline(config=None, *, model=None, **settings)`: `config` is a dict (or JSON text) of
    /// `PipelineConfig` (`{"summarizer": {"method": "lexrank"}, "tag": False}`), and keywords set
    /// its top-level keys on top of it; `model` is a path to a model from `textmill train-ner`.
    #[new]
    #[pyo3(signature = (config = None, *, model = None, **settings))]
    fn new(
        py: Python<'_>,
        config: Option<Bound<'_, PyAny>>,
        model: Option<PathBuf>,
        settings: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let config = pipeline_config(py, config.as_ref(), settings.as_ref())?;
        let inner = build(config.clone(), model.as_ref())?;
        Ok(Pipeline {
            inner: Arc::new(inner),
            config,
            model,
        })
    }

    /// The whole configuration, as a dict (what `Pipeline(config)` takes).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::serialize_to_py(py, &self.config)
    }

    /// Rebuilds a pipeline from its config (JSON) and model path: how a pipeline is unpickled.
    #[staticmethod]
    fn _restore(config: &str, model: Option<PathBuf>) -> PyResult<Self> {
        let config: PipelineConfig = serde_json::from_str(config)
            .map_err(|e| ConfigError::new_err(format!("pipeline config: {e}")))?;
        let inner = build(config.clone(), model.as_ref())?;
        Ok(Pipeline {
            inner: Arc::new(inner),
            config,
            model,
        })
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (String, Option<PathBuf>))> {
        let restore = py.get_type::<Pipeline>().getattr("_restore")?;
        let config = serde_json::to_string(&self.config).map_err(error)?;
        Ok((restore, (config, self.model.clone())))
    }

    /// Processes one input: HTML or text (`kind="auto"` guesses), `str` or `bytes`.
    #[pyo3(signature = (x, kind = "auto", id = None))]
    fn process(
        &self,
        py: Python<'_>,
        x: Input,
        kind: &str,
        id: Option<String>,
    ) -> PyResult<Document> {
        let kind = parse_name::<InputKind>(kind)?;
        let id = id.unwrap_or_default();
        let doc = py
            .detach(|| x.process(&self.inner, &id, kind))
            .map_err(|e| InputError::new_err(e.to_string()))?;
        Ok(Document {
            record: doc.to_record(),
        })
    }

    /// Processes a list (or any iterable) of inputs in parallel on `threads` workers (0: one
    /// per core), without holding the GIL, in order. A failed input (not str or bytes, bytes
    /// that are not text, a stage's panic) raises `InputError` naming its index, unless
    /// `errors="skip"`, which gives None in its place. Ctrl-C stops the batch within a second.
    #[pyo3(signature = (xs, kind = "auto", errors = "raise", threads = 0))]
    fn process_batch(
        &self,
        py: Python<'_>,
        xs: &Bound<'_, PyAny>,
        kind: &str,
        errors: &str,
        threads: usize,
    ) -> PyResult<Vec<Option<Document>>> {
        let kind = parse_name::<InputKind>(kind)?;
        let skip = match errors {
            "raise" => false,
            "skip" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"skip\", not {other:?}"
                )));
            }
        };
        if xs.is_instance_of::<PyString>() || xs.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(
                "process_batch takes a list of inputs, not one str or bytes: use process(x), or \
                 process_batch([x])",
            ));
        }
        // Items that are not inputs are error records from the start, in their places.
        let mut items = Vec::new();
        for (index, item) in xs.try_iter()?.enumerate() {
            match record_of(index, &item?, kind) {
                Err(failed) if !skip => {
                    let reason = failed.error.reason;
                    return Err(InputError::new_err(format!("input {index}: {reason}")));
                }
                item => items.push(item),
            }
        }
        let done = run_batch(py, &self.inner, items, threads)?;
        let mut results = Vec::with_capacity(done.len());
        for (index, result) in done.into_iter().enumerate() {
            match result {
                Ok(record) => results.push(Some(Document { record })),
                Err(_) if skip => results.push(None),
                Err(failed) => {
                    let reason = failed.error.reason;
                    return Err(InputError::new_err(format!("input {index}: {reason}")));
                }
            }
        }
        Ok(results)
    }

    fn __repr__(&self) -> String {
        let c = &self.config;
        format!(
            "Pipeline(clean={}, segment={}, tag={}, summarize={}{})",
            c.clean,
            c.segment,
            c.tag,
            c.summarize,
            self.model
                .as_ref()
                .map(|m| format!(", model={:?}", m.display().to_string()))
                .unwrap_or_default()
        )
    }
}

/// `textmill.run(inputs, output, ...)`: the corpus run of `textmill run`, from Python. Returns
/// the run's stats as a dict (the content of `stats.json`).
#[pyfunction]
#[pyo3(signature = (inputs, output, *, pipeline = None, fields = None, threads = 0, resume = false,
                    rank = 0, world_size = 1, shard_records = None, shard_bytes = None,
                    text_field = None, html_field = None, id_field = None, url_field = None,
                    max_bytes = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn run<'py>(
    py: Python<'py>,
    inputs: Vec<PathBuf>,
    output: PathBuf,
    pipeline: Option<&Pipeline>,
    fields: Option<&str>,
    threads: usize,
    resume: bool,
    rank: usize,
    world_size: usize,
    shard_records: Option<u64>,
    shard_bytes: Option<u64>,
    text_field: Option<String>,
    html_field: Option<String>,
    id_field: Option<String>,
    url_field: Option<String>,
    max_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut read = textmill_batch::ReadConfig::default();
    let names = &mut read.fields;
    for (name, given) in [
        (&mut names.text, text_field),
        (&mut names.html, html_field),
        (&mut names.id, id_field),
        (&mut names.url, url_field),
    ] {
        if let Some(given) = given {
            *name = given;
        }
    }
    if let Some(max_bytes) = max_bytes {
        read.max_bytes = max_bytes;
    }
    let mut engine = EngineConfig {
        threads,
        ..EngineConfig::default()
    };
    if let Some(fields) = fields {
        engine.fields = fields
            .parse()
            .map_err(|e: textmill::core::UnknownName| ConfigError::new_err(e.to_string()))?;
    }
    let config = textmill_batch::RunConfig {
        inputs,
        output,
        read,
        engine,
        rank,
        world_size,
        shards: textmill_batch::ShardLimit {
            records: shard_records,
            bytes: shard_bytes,
        },
        resume,
    };
    let pipeline = pipeline.map_or_else(
        || Arc::new(textmill::Pipeline::default()),
        |p| Arc::clone(&p.inner),
    );
    let mut interrupt = None;
    let mut last_check = std::time::Instant::now();
    let report = py.detach(|| {
        textmill_batch::run_until(&config, &pipeline, |_, _| {
            // Ctrl-C stops the run at the next record (its output stays for `resume=True`).
            if last_check.elapsed() < SIGNAL_CHECK {
                return std::ops::ControlFlow::Continue(());
            }
            last_check = std::time::Instant::now();
            // (A closure: `Python::check_signals` as a path is not general enough over 'py.)
            #[allow(clippy::redundant_closure_for_method_calls)]
            let signals = Python::attach(|py| py.check_signals());
            match signals {
                Ok(()) => std::ops::ControlFlow::Continue(()),
                Err(e) => {
                    interrupt = Some(e);
                    std::ops::ControlFlow::Break(())
                }
            }
        })
    });
    if let Some(interrupt) = interrupt {
        return Err(interrupt);
    }
    let report = report.map_err(|e| match e {
        textmill_batch::RunError::Config(reason) => ConfigError::new_err(reason),
        textmill_batch::RunError::Output(e) => ConfigError::new_err(e.to_string()),
        other => error(other),
    })?;
    crate::serialize_to_py(py, &report.stats)
}
