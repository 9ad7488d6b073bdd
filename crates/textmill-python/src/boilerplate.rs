//! Boilerplate removal for Python: `Cleaner` and its result, `Cleaned`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use textmill::InputKind;

use crate::{Input, error, parse_name, serialize_to_py};

/// The result of boilerplate removal: clean text, metadata and what was removed (and why).
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Cleaned {
    inner: textmill::Cleaned,
}

#[pymethods]
impl Cleaned {
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.metadata)
    }

    #[getter]
    fn removed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.removed)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner)
    }

    /// Notebook display: title, metadata, the clean text (cut after 10,000 characters) and
    /// what was removed, by kind, with reasons.
    fn _repr_html_(&self) -> String {
        textmill::render::cleaned_html(&self.inner, &textmill::render::RenderOptions::default())
    }

    fn __repr__(&self) -> String {
        let title = self.inner.metadata.title.as_deref().unwrap_or("");
        format!(
            "Cleaned(title={title:?}, chars={}, removed={})",
            self.inner.text.chars().count(),
            self.inner.removed.len()
        )
    }
}

/// Boilerplate removal.
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Cleaner {
    inner: textmill::Cleaner,
}

#[pymethods]
impl Cleaner {
    /// `title_in_text`: also put the headline as the first paragraph of the clean text (it is
    /// always in `metadata["title"]`). `text`: thresholds of the plain-text cleaner by name
    /// (`{"prose_min_words": 8, ...}`, see `TextConfig` in the Rust docs); an unknown name or a
    /// wrong type raises ValueError naming it.
    #[new]
    #[pyo3(signature = (*, title_in_text = false, text = None))]
    fn new(py: Python<'_>, title_in_text: bool, text: Option<Bound<'_, PyAny>>) -> PyResult<Self> {
        let text = match text {
            None => textmill::boilerplate::TextConfig::default(),
            Some(settings) => {
                let json: String = py
                    .import("json")?
                    .call_method1("dumps", (settings,))?
                    .extract()?;
                serde_json::from_str(&json)
                    .map_err(|e| PyValueError::new_err(format!("text settings: {e}")))?
            }
        };
        text.check()
            .map_err(|e| crate::ConfigError::new_err(format!("text settings: {e}")))?;
        Ok(Cleaner {
            inner: textmill::Cleaner::new(textmill::boilerplate::Config {
                title_in_text,
                text,
            }),
        })
    }

    /// Clean text, metadata and what was removed, from an HTML page or scraped text.
    #[pyo3(signature = (x, kind = "auto"))]
    fn clean(&self, py: Python<'_>, x: Input, kind: &str) -> PyResult<Cleaned> {
        let kind = parse_name::<InputKind>(kind)?;
        let inner = py.detach(|| x.clean(&self.inner, kind)).map_err(error)?;
        Ok(Cleaned { inner })
    }
}
