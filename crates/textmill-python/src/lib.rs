//! `textmill._native`: thin pyo3 wrappers over the textmill crates. No logic of its own: every
//! decision is made in Rust crates that Rust users get too. Offsets here are code points, so that
//! `text[s.start:s.end] == s.text` holds in Python.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use textmill::InputKind;

mod arrow;
mod boilerplate;
mod document;
mod entities;
mod pipeline;
mod segment;
mod stories;
mod summary;

pub(crate) use document::{Document, Span, Token};

create_exception!(
    textmill,
    TextmillError,
    PyException,
    "Base class of textmill's errors."
);
create_exception!(
    textmill,
    InputError,
    TextmillError,
    "An input that cannot be processed (not text, over a size limit, a broken record)."
);
create_exception!(
    textmill,
    ConfigError,
    TextmillError,
    "A setting that does not exist or is out of range; the message names it."
);
create_exception!(
    textmill,
    ModelError,
    TextmillError,
    "An entity model file that cannot be read."
);

pub(crate) fn error(e: impl std::fmt::Display) -> PyErr {
    TextmillError::new_err(e.to_string())
}

/// A `str` or `bytes` argument: the raw input of a stage. A `str` with lone surrogates (from
/// `json.loads` of an escaped half pair) has them replaced with U+FFFD.
pub(crate) enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Input {
    type Error = PyErr;

    fn extract(ob: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = ob.cast::<pyo3::types::PyString>() {
            return Ok(Input::Text(s.to_string_lossy().into_owned()));
        }
        if let Ok(b) = ob.cast::<pyo3::types::PyBytes>() {
            return Ok(Input::Bytes(b.as_bytes().to_vec()));
        }
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected str or bytes, not {}",
            ob.get_type().name()?
        )))
    }
}

impl Input {
    /// A `str` is Unicode already and is never decoded; only `bytes` are.
    pub(crate) fn process(
        &self,
        pipeline: &textmill::Pipeline,
        id: &str,
        kind: InputKind,
    ) -> Result<textmill::Document, textmill::Error> {
        match self {
            Input::Text(s) => Ok(pipeline.process_str(id, s, kind)),
            Input::Bytes(b) => pipeline.process(id, b, kind),
        }
    }

    pub(crate) fn clean(
        &self,
        cleaner: &textmill::Cleaner,
        kind: InputKind,
    ) -> Result<textmill::Cleaned, textmill::boilerplate::Error> {
        match self {
            Input::Text(s) => Ok(cleaner.clean_str(s, kind)),
            Input::Bytes(b) => cleaner.clean(b, kind),
        }
    }
}

/// Parses one of a named enum's names (a kind, a scheme, a method); an unknown name is a
/// ValueError that lists the names there are.
pub(crate) fn parse_name<T>(name: &str) -> PyResult<T>
where
    T: std::str::FromStr<Err = textmill::core::UnknownName>,
{
    name.parse()
        .map_err(|e: textmill::core::UnknownName| PyValueError::new_err(e.to_string()))
}

/// Converts a JSON value to the matching Python object (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|v| to_py(py, v))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

pub(crate) fn serialize_to_py<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &serde_json::to_value(value).map_err(error)?)
}

/// `textmill ARGS...`: the command line, run in this process without the GIL; gives its exit
/// code (what the wheel's `textmill` command exits with).
#[pyfunction]
fn cli(py: Python<'_>, args: Vec<String>) -> u8 {
    py.detach(|| {
        let code = textmill_cli::main_with(args);
        // The process exits through Python, which does not flush Rust's standard output.
        let _ = std::io::Write::flush(&mut std::io::stdout());
        code
    })
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("TextmillError", m.py().get_type::<TextmillError>())?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("ModelError", m.py().get_type::<ModelError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Span>()?;
    m.add_class::<Token>()?;
    m.add_class::<Document>()?;
    m.add_class::<boilerplate::Cleaned>()?;
    m.add_class::<pipeline::Pipeline>()?;
    m.add_function(wrap_pyfunction!(pipeline::run, m)?)?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(arrow::to_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::documents_schema, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::process_arrow, m)?)?;
    m.add_class::<segment::Segmenter>()?;
    m.add_class::<boilerplate::Cleaner>()?;
    m.add_class::<entities::Entity>()?;
    m.add_class::<entities::Tagger>()?;
    m.add_class::<summary::Summarizer>()?;
    m.add_class::<summary::SummarySentence>()?;
    m.add_class::<summary::ClusterSentence>()?;
    m.add_class::<summary::Keyphrase>()?;
    m.add_class::<stories::Story>()?;
    m.add_function(wrap_pyfunction!(stories::stories, m)?)?;
    m.add_function(wrap_pyfunction!(summary::rouge, m)?)?;
    m.add_function(wrap_pyfunction!(summary::rouge_oracle, m)?)?;
    Ok(())
}
