//! Named entities for Python.

use pyo3::prelude::*;
use textmill::core::{EntityRecord, OffsetMap};
use textmill::entities;

/// A named entity or number/date expression: `text[start:end]` in code points, its label, a
/// confidence in [0, 1] and the canonical form of its chain ("Kim Jong Un" for a later "Kim").
/// Entities compare, sort and hash by value: `(start, end, label, text, canonical, score)`.
#[pyclass(frozen, eq, ord, hash, module = "textmill")]
pub(crate) struct Entity {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    label: String,
    #[pyo3(get)]
    score: f64,
    #[pyo3(get)]
    canonical: Option<String>,
}

impl Entity {
    fn key(&self) -> (usize, usize, &str, &str, Option<&str>, u64) {
        (
            self.start,
            self.end,
            &self.label,
            &self.text,
            self.canonical.as_deref(),
            self.score.to_bits(),
        )
    }
}

impl PartialEq for Entity {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl PartialOrd for Entity {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        let (a, b) = (self.key(), other.key());
        // Scores order as numbers, not as their bits.
        Some(
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(b.2))
                .then(a.3.cmp(b.3))
                .then(a.4.cmp(&b.4))
                .then(self.score.total_cmp(&other.score)),
        )
    }
}

impl std::hash::Hash for Entity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

#[pymethods]
impl Entity {
    #[new]
    #[pyo3(signature = (start, end, text, label, score, canonical = None))]
    fn new(
        start: usize,
        end: usize,
        text: String,
        label: &str,
        score: f64,
        canonical: Option<String>,
    ) -> PyResult<Self> {
        let label: textmill::core::Label = crate::parse_name(label)?;
        Ok(Entity {
            start,
            end,
            text,
            label: label.to_string(),
            score,
            canonical,
        })
    }

    #[allow(clippy::type_complexity)]
    fn __getnewargs__(&self) -> (usize, usize, String, String, f64, Option<String>) {
        (
            self.start,
            self.end,
            self.text.clone(),
            self.label.clone(),
            self.score,
            self.canonical.clone(),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Entity({}, {}, {:?}, {}, score={:.2})",
            self.start, self.end, self.text, self.label, self.score
        )
    }

    fn _repr_html_(&self) -> PyResult<String> {
        let label: textmill::core::Label = crate::parse_name(&self.label)?;
        Ok(textmill::render::entity_html(&self.text, label, self.score))
    }
}

impl From<&EntityRecord> for Entity {
    fn from(e: &EntityRecord) -> Self {
        Entity {
            start: e.start,
            end: e.end,
            text: e.text.clone(),
            label: e.label.to_string(),
            score: e.score,
            canonical: e.canonical.clone(),
        }
    }
}

/// The entity tagger (the embedded English model, or one trained with `textmill train-ner`).
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Tagger {
    inner: entities::Tagger,
}

#[pymethods]
impl Tagger {
    /// `scheme`: "ontonotes" (18 types, numbers and dates included) or "conll" (PER, ORG, LOC,
    /// MISC). `model`: path of a model file written by `textmill train-ner`. `min_score`: names
    /// scored below it (a calibrated probability of being right) are left out; 0 keeps all,
    /// None is the default (0.4).
    #[new]
    #[pyo3(signature = (scheme = "ontonotes", model = None, min_score = None))]
    fn new(
        scheme: &str,
        model: Option<std::path::PathBuf>,
        min_score: Option<f64>,
    ) -> PyResult<Self> {
        let config = entities::Config {
            scheme: crate::parse_name(scheme)?,
            min_score: min_score.unwrap_or(entities::Config::DEFAULT_MIN_SCORE),
            ..Default::default()
        };
        config
            .check()
            .map_err(|e| crate::ConfigError::new_err(e.to_string()))?;
        let inner = match model {
            None => entities::Tagger::new(config),
            Some(path) => {
                let model = entities::Model::from_path(&path)
                    .map_err(|e| crate::ModelError::new_err(e.to_string()))?;
                entities::Tagger::with_model(config, std::sync::Arc::new(model))
            }
        };
        Ok(Tagger { inner })
    }

    /// Scores the tagger on a tagged file (CoNLL columns, or JSONL lines of
    /// `{"sents": [{"tokens": [...], "tags": [...]}]}`, as `textmill train-ner` reads): exact span and type matches, only the types the file
    /// annotates. A dict by type, and `"all"`, of precision, recall, f1, correct, predicted, gold;
    /// what `textmill train-ner --dev` prints.
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        path: std::path::PathBuf,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let sentences = entities::read_sentences(&path)
            .map_err(|e| crate::InputError::new_err(e.to_string()))?;
        let report = py.detach(|| entities::score::evaluate(&self.inner, &sentences));
        let out = pyo3::types::PyDict::new(py);
        for (kind, counts) in report
            .per_type
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("all", &report.total)])
        {
            let entry = pyo3::types::PyDict::new(py);
            entry.set_item("precision", counts.precision())?;
            entry.set_item("recall", counts.recall())?;
            entry.set_item("f1", counts.f1())?;
            entry.set_item("correct", counts.correct)?;
            entry.set_item("predicted", counts.predicted)?;
            entry.set_item("gold", counts.gold)?;
            out.set_item(kind, entry)?;
        }
        Ok(out)
    }

    /// Entities of `text`, sorted by position.
    fn entities(&self, py: Python<'_>, text: String) -> Vec<Entity> {
        let found = py.detach(|| self.inner.entities(&text));
        let map = OffsetMap::new(&text);
        found
            .into_iter()
            .map(|e| Entity {
                start: map.byte_to_char(e.span().start),
                end: map.byte_to_char(e.span().end),
                text: e.span().text(&text).to_owned(),
                label: e.label.to_string(),
                score: f64::from(e.score),
                canonical: e.canonical.as_deref().map(str::to_owned),
            })
            .collect()
    }
}
