//! Summaries, keyphrases and ROUGE for Python.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use textmill::core::OffsetMap;
use textmill::summarize::{self as summarize, Budget};

/// A sentence chosen for a summary: `text[start:end]` in code points, its index among the
/// text's sentences and its score.
#[pyclass(frozen, module = "textmill")]
pub(crate) struct SummarySentence {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    index: usize,
    #[pyo3(get)]
    score: f64,
}

#[pymethods]
impl SummarySentence {
    fn __repr__(&self) -> String {
        format!(
            "SummarySentence({}, {}, {:?}, index={}, score={:.3})",
            self.start, self.end, self.text, self.index, self.score
        )
    }
}

/// A sentence chosen from a cluster: `doc` names the article it comes from; `duplicates` lists
/// `(doc, index)` of near-duplicates in other articles that it stands for.
#[pyclass(frozen, module = "textmill")]
pub(crate) struct ClusterSentence {
    #[pyo3(get)]
    doc: usize,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    index: usize,
    #[pyo3(get)]
    score: f64,
    #[pyo3(get)]
    duplicates: Vec<(usize, usize)>,
}

#[pymethods]
impl ClusterSentence {
    fn __repr__(&self) -> String {
        format!(
            "ClusterSentence(doc={}, {}, {}, {:?}, score={:.3})",
            self.doc, self.start, self.end, self.text, self.score
        )
    }
}

/// A keyphrase: its text, a score in (0, 1] and every occurrence as `(doc, start, end)` in code
/// points (`doc` is 0 for a single text).
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Keyphrase {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    score: f64,
    #[pyo3(get)]
    occurrences: Vec<(usize, usize, usize)>,
}

#[pymethods]
impl Keyphrase {
    fn __repr__(&self) -> String {
        format!(
            "Keyphrase({:?}, score={:.3}, count={})",
            self.text,
            self.score,
            self.occurrences.len()
        )
    }
}

/// One budget from the keyword arguments; three sentences when none is given.
fn parse_budget(
    sentences: Option<usize>,
    words: Option<usize>,
    chars: Option<usize>,
    ratio: Option<f64>,
) -> PyResult<Budget> {
    Budget::from_options(sentences, words, chars, ratio)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

fn by_score(order: &str) -> PyResult<bool> {
    match order {
        "document" => Ok(false),
        "score" => Ok(true),
        other => Err(PyValueError::new_err(format!(
            "order must be \"document\" or \"score\", not {other:?}"
        ))),
    }
}

/// Extractive summaries of one text or of a cluster of texts on one story, and keyphrases.
#[pyclass(frozen, module = "textmill")]
pub(crate) struct Summarizer {
    inner: summarize::Summarizer,
}

#[pymethods]
impl Summarizer {
    /// `method`: "pacsum" (position-aware centrality, the default), "lexrank", "textrank" or
    /// "lead". `min_words`: shorter sentences are chosen only when nothing longer is left.
    /// `redundancy`: a sentence this similar (tf-idf cosine) to a chosen one is passed over.
    /// `cluster`: how `summarize_cluster` works: "ranked" (candidate summaries ranked by learned
    /// weights, the default), "central" (the lead of the most central article) or "pooled"
    /// (sentences from every article).
    #[new]
    #[pyo3(signature = (method = "pacsum", min_words = 10, redundancy = 0.5, cluster = "ranked"))]
    fn new(method: &str, min_words: usize, redundancy: f32, cluster: &str) -> PyResult<Self> {
        let config = summarize::Config {
            method: crate::parse_name(method)?,
            min_words,
            redundancy,
            cluster: crate::parse_name(cluster)?,
            ..Default::default()
        };
        config
            .check()
            .map_err(|e| crate::ConfigError::new_err(e.to_string()))?;
        Ok(Summarizer {
            inner: summarize::Summarizer::new(config),
        })
    }

    /// The summary sentences of `text` under one budget (three sentences by default), in
    /// document order or best first (`order="score"`).
    #[pyo3(signature = (text, *, sentences = None, words = None, chars = None, ratio = None, order = "document"))]
    #[allow(clippy::too_many_arguments)]
    fn summarize(
        &self,
        py: Python<'_>,
        text: String,
        sentences: Option<usize>,
        words: Option<usize>,
        chars: Option<usize>,
        ratio: Option<f64>,
        order: &str,
    ) -> PyResult<Vec<SummarySentence>> {
        let budget = parse_budget(sentences, words, chars, ratio)?;
        let best_first = by_score(order)?;
        let summary = py.detach(|| self.inner.summarize(&text, budget));
        let chosen = if best_first {
            summary.by_score()
        } else {
            summary.sentences
        };
        let map = OffsetMap::new(&text);
        Ok(chosen
            .into_iter()
            .map(|s| SummarySentence {
                start: map.byte_to_char(s.span.start),
                end: map.byte_to_char(s.span.end),
                text: s.span.text(&text).to_owned(),
                index: s.index,
                score: s.score,
            })
            .collect())
    }

    /// The score of every sentence of `text`, as `(sentence, score)` in document order.
    fn sentence_scores(&self, py: Python<'_>, text: String) -> Vec<(crate::Span, f64)> {
        let (sentences, scores) = py.detach(|| {
            let seg = self.inner.segmenter().segment(&text);
            let summary = self.inner.summarize_segmented(
                &text,
                &seg.sentences,
                &seg.tokens,
                Budget::Sentences(0),
            );
            (seg.sentences, summary.scores)
        });
        crate::segment::spans(&text, &sentences)
            .into_iter()
            .zip(scores)
            .collect()
    }

    /// A summary of several articles on one story. Each sentence names its article (`doc`) and
    /// the near-duplicates it stands for. `titles`, one per text, help the ranked method.
    #[pyo3(signature = (texts, *, titles = None, sentences = None, words = None, chars = None, ratio = None, order = "document"))]
    #[allow(clippy::too_many_arguments)]
    fn summarize_cluster(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        titles: Option<Vec<String>>,
        sentences: Option<usize>,
        words: Option<usize>,
        chars: Option<usize>,
        ratio: Option<f64>,
        order: &str,
    ) -> PyResult<Vec<ClusterSentence>> {
        let budget = parse_budget(sentences, words, chars, ratio)?;
        let best_first = by_score(order)?;
        let titles = titles.unwrap_or_default();
        if !titles.is_empty() && titles.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} titles for {} texts: give one title per text",
                titles.len(),
                texts.len()
            )));
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let title_refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let summary = py.detach(|| {
            self.inner
                .summarize_titled_cluster(&title_refs, &refs, budget)
        });
        let chosen = if best_first {
            summary.by_score()
        } else {
            summary.sentences
        };
        let maps: Vec<OffsetMap> = texts.iter().map(|t| OffsetMap::new(t)).collect();
        Ok(chosen
            .into_iter()
            .map(|s| ClusterSentence {
                doc: s.doc,
                start: maps[s.doc].byte_to_char(s.span.start),
                end: maps[s.doc].byte_to_char(s.span.end),
                text: s.span.text(&texts[s.doc]).to_owned(),
                index: s.index,
                score: s.score,
                duplicates: s.duplicates,
            })
            .collect())
    }

    /// The `n` best keyphrases of `text`, best first.
    #[pyo3(signature = (text, n = 10))]
    fn keyphrases(&self, py: Python<'_>, text: String, n: usize) -> Vec<Keyphrase> {
        let found = py.detach(|| self.inner.keyphrases(&text, n));
        keyphrases_of(&[text], found)
    }

    /// The `n` best keyphrases of several texts taken together, best first.
    #[pyo3(signature = (texts, n = 10))]
    fn keyphrases_cluster(&self, py: Python<'_>, texts: Vec<String>, n: usize) -> Vec<Keyphrase> {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = py.detach(|| self.inner.keyphrases_cluster(&refs, n));
        keyphrases_of(&texts, found)
    }
}

fn keyphrases_of(texts: &[String], found: Vec<summarize::Keyphrase>) -> Vec<Keyphrase> {
    let maps: Vec<OffsetMap> = texts.iter().map(|t| OffsetMap::new(t)).collect();
    found
        .into_iter()
        .map(|k| Keyphrase {
            text: k.text,
            score: k.score,
            occurrences: k
                .occurrences
                .iter()
                .map(|o| {
                    let map = &maps[o.doc];
                    (
                        o.doc,
                        map.byte_to_char(o.span.start),
                        map.byte_to_char(o.span.end),
                    )
                })
                .collect(),
        })
        .collect()
}

/// ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of `candidate` against `reference`, as the
/// `rouge-score` package computes them with stemming: `{"rouge1": {"precision", "recall",
/// "fmeasure"}, ...}`. Sentences are separated by newlines for ROUGE-Lsum.
#[pyfunction]
pub(crate) fn rouge<'py>(
    py: Python<'py>,
    candidate: &str,
    reference: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let scores = py.detach(|| summarize::rouge::rouge(candidate, reference));
    let out = PyDict::new(py);
    for (name, score) in [
        ("rouge1", scores.rouge1),
        ("rouge2", scores.rouge2),
        ("rougeL", scores.rouge_l),
        ("rougeLsum", scores.rouge_lsum),
    ] {
        let entry = PyDict::new(py);
        entry.set_item("precision", score.precision)?;
        entry.set_item("recall", score.recall)?;
        entry.set_item("fmeasure", score.f1)?;
        out.set_item(name, entry)?;
    }
    Ok(out)
}

/// The greedy ROUGE oracle: indices of up to `max` of `sentences` that together best match
/// `reference` (mean of ROUGE-1 and ROUGE-2 F1).
#[pyfunction]
#[pyo3(signature = (sentences, reference, max = 3))]
pub(crate) fn rouge_oracle(
    py: Python<'_>,
    sentences: Vec<String>,
    reference: &str,
    max: usize,
) -> Vec<usize> {
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    py.detach(|| summarize::rouge::greedy_oracle(&refs, reference, max))
}
