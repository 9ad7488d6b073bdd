//! Stories for Python: `textmill.stories(docs)` groups Documents (or texts, processed first)
//! into stories, each a `Story` that renders itself in a notebook.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use textmill_stories::{StoriesConfig, StoryBuilder, StoryDocument};

use crate::{ConfigError, Document, Input, error, serialize_to_py};

/// A story: its documents' ids, a title, its main names, keyphrases, dates, and a summary
/// whose every sentence names its source document (`source`) and the documents it stands for
/// (`duplicates`).
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Story {
    inner: textmill_stories::Story,
}

#[pymethods]
impl Story {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    #[getter]
    fn documents(&self) -> Vec<String> {
        self.inner.documents.clone()
    }

    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// `[{"text", "label", "documents"}]`: names by how many documents mention them.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.entities)
    }

    #[getter]
    fn keyphrases(&self) -> Vec<String> {
        self.inner.keyphrases.clone()
    }

    /// `{"first", "last"}`: the earliest and latest document dates (None when undated).
    #[getter]
    fn dates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.dates)
    }

    /// `[{"text", "source", "duplicates"}]`.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner.summary)
    }

    /// The story as a dict (the line `textmill stories` writes).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.inner)
    }

    fn _repr_html_(&self) -> String {
        self.inner.to_html()
    }

    fn __repr__(&self) -> String {
        format!(
            "Story({:?}, {:?}, {} documents)",
            self.inner.id,
            self.inner.title,
            self.inner.documents.len()
        )
    }
}

/// Groups documents, in the order given (stories come back in the order they started) (the order they arrived), into stories: near-duplicates
/// marked and joined to their originals, the rest clustered by names, content and dates.
/// `docs` holds Documents or texts (str or bytes, processed by the default pipeline first, with
/// ids "0", "1", ...). `config` is the Rust `StoriesConfig` as a dict (`dedup`, `cluster`,
/// `output`); unknown keys are a ConfigError.
#[pyfunction]
#[pyo3(signature = (docs, config=None))]
pub(crate) fn stories(
    py: Python<'_>,
    docs: Vec<Bound<'_, PyAny>>,
    config: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<Story>> {
    let config: StoriesConfig = match config {
        Some(dict) => {
            let json: String = py
                .import("json")?
                .call_method1("dumps", (dict,))?
                .extract()?;
            serde_json::from_str(&json).map_err(|e| ConfigError::new_err(e.to_string()))?
        }
        None => StoriesConfig::default(),
    };
    let mut builder =
        StoryBuilder::new(config, None).map_err(|e| ConfigError::new_err(e.to_string()))?;
    let mut inputs: Vec<Result<StoryDocument, Input>> = Vec::with_capacity(docs.len());
    for doc in &docs {
        match doc.cast::<Document>() {
            Ok(d) => inputs.push(Ok(StoryDocument::from_record(&d.get().record))),
            Err(_) => inputs.push(Err(doc.extract::<Input>()?)),
        }
    }
    let found = py.detach(
        || -> Result<Vec<textmill_stories::Story>, textmill::Error> {
            let pipeline = textmill::Pipeline::new(textmill::PipelineConfig {
                summarize: false,
                ..textmill::PipelineConfig::default()
            });
            let mut out = Vec::new();
            for (i, input) in inputs.into_iter().enumerate() {
                let document = match input {
                    Ok(document) => document,
                    Err(raw) => {
                        let id = i.to_string();
                        let doc = raw.process(&pipeline, &id, textmill::InputKind::Auto)?;
                        StoryDocument::from_document(id, &doc)
                    }
                };
                out.extend(builder.add(document));
            }
            out.extend(builder.finish());
            // In the order stories started (closed ones come out first otherwise).
            out.sort_by_key(|s| story_order(&s.id));
            Ok(out)
        },
    );
    let found = found.map_err(error)?;
    Ok(found.into_iter().map(|inner| Story { inner }).collect())
}

/// (N, P) of a story id `story-N` or `story-N.P`: the order stories started in.
fn story_order(id: &str) -> (u64, u64) {
    let number = id.trim_start_matches("story-");
    let (number, part) = number.split_once('.').unwrap_or((number, "0"));
    (number.parse().unwrap_or(0), part.parse().unwrap_or(0))
}
