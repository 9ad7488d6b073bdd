//! A finished story as it is written out: its documents, a title chosen from them, its main
//! names, keyphrases and dates, and a summary whose every sentence names its source document
//! and the documents it stands for.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use textmill::core::{Label, SettingError};
use textmill::summarize::{Budget, Summarizer};

use crate::cluster::OpenStory;

/// What is written of each story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoryOutputConfig {
    /// The summary's budget.
    pub summary: Budget,
    /// Keyphrases per story.
    pub keyphrases: usize,
    /// Names per story (those in most of its documents).
    pub entities: usize,
}

impl Default for StoryOutputConfig {
    fn default() -> Self {
        StoryOutputConfig {
            // The lead of the story's most central article up to 100 words: on NeuS train
            // (2,452 stories) it scored ROUGE-1/2 40.31/17.17 at 100 words, 39.86/17.04 at 80,
            // 38.96/16.71 at 70 (benches/RESULTS.md).
            summary: Budget::Words(100),
            keyphrases: 8,
            entities: 10,
        }
    }
}

impl StoryOutputConfig {
    /// Checks the budget.
    pub fn check(&self) -> Result<(), SettingError> {
        self.summary
            .checked()
            .map(|_| ())
            .map_err(|e| SettingError::new("summary", e.to_string()))
    }
}

/// One story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// `story-N`, N counting from 0 in the order stories started (over a saved state too);
    /// `story-N.P` for the further parts (P from 1) of a story that split as it closed, two
    /// events that one pass had chained (see [`crate::ClusterConfig::split_threshold`]).
    pub id: String,
    /// The ids of its documents, in arrival order.
    pub documents: Vec<String>,
    /// The title of its most central document (else the first sentence of its summary).
    pub title: String,
    /// The names most of its documents mention.
    pub entities: Vec<StoryEntity>,
    /// Its keyphrases, best first.
    pub keyphrases: Vec<String>,
    /// The first and last dates of its documents, when they have dates.
    pub dates: Dates,
    /// The summary: sentences from its documents.
    pub summary: Vec<StorySentence>,
}

/// A name in a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryEntity {
    /// Canonical form.
    pub text: String,
    /// Label.
    pub label: Label,
    /// How many of the story's documents mention it.
    pub documents: usize,
}

/// A story's date range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    /// The earliest document date.
    pub first: Option<String>,
    /// The latest document date.
    pub last: Option<String>,
}

/// A summary sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySentence {
    /// Its text.
    pub text: String,
    /// The id of the document it comes from.
    pub source: String,
    /// The other documents it stands for: near-duplicates of its source, and documents with a
    /// near-duplicate of the sentence itself.
    pub duplicates: Vec<String>,
}

impl Story {
    /// Writes up a finished story. Near-duplicate documents are not summarised again: their
    /// originals speak for them.
    pub fn from_open(
        story: &OpenStory,
        summarizer: &Summarizer,
        config: &StoryOutputConfig,
    ) -> Self {
        let docs = &story.documents;
        let originals: Vec<usize> = (0..docs.len())
            .filter(|&i| docs[i].duplicate_of.is_none())
            .collect();
        let texts: Vec<&str> = originals.iter().map(|&i| docs[i].text.as_str()).collect();
        let titles: Vec<&str> = originals
            .iter()
            .map(|&i| docs[i].title.as_deref().unwrap_or(""))
            .collect();
        let cluster = summarizer.summarize_titled_cluster(&titles, &texts, config.summary);
        let summary: Vec<StorySentence> = cluster
            .sentences
            .iter()
            .map(|sentence| {
                let source = &docs[originals[sentence.doc]];
                let mut duplicates: Vec<String> = docs
                    .iter()
                    .filter(|d| d.duplicate_of.as_deref() == Some(source.id.as_str()))
                    .map(|d| d.id.clone())
                    .collect();
                for &(doc, _) in &sentence.duplicates {
                    let id = &docs[originals[doc]].id;
                    if !duplicates.contains(id) && *id != source.id {
                        duplicates.push(id.clone());
                    }
                }
                StorySentence {
                    text: sentence.span.text(&source.text).to_string(),
                    source: source.id.clone(),
                    duplicates,
                }
            })
            .collect();
        let central = &docs[story.central_document()];
        let title = central
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| summary.first().map(|s| s.text.clone()))
            .unwrap_or_default();
        let keyphrases = summarizer
            .keyphrases_cluster(&texts, config.keyphrases)
            .into_iter()
            .map(|k| k.text)
            .collect();
        let mut dates: Vec<&str> = docs.iter().filter_map(|d| d.date.as_deref()).collect();
        dates.sort_unstable();
        Story {
            id: match story.part {
                0 => format!("story-{}", story.number),
                part => format!("story-{}.{part}", story.number),
            },
            documents: docs.iter().map(|d| d.id.clone()).collect(),
            title,
            entities: main_names(story, config.entities),
            keyphrases,
            dates: Dates {
                first: dates.first().map(|d| (*d).to_string()),
                last: dates.last().map(|d| (*d).to_string()),
            },
            summary,
        }
    }
}

impl Story {
    /// The story as HTML for a notebook: its title and dates, the summary with each sentence
    /// linked to its source (a numbered note; the documents it stands for in its tooltip), its
    /// names coloured by label, its keyphrases, and its documents, numbered.
    pub fn to_html(&self) -> String {
        use textmill::render::{entity_html, escape};
        let note = |id: &str| {
            self.documents
                .iter()
                .position(|d| d == id)
                .map_or(0, |i| i + 1)
        };
        let mut html = format!(
            "<div class=\"textmill-story\"><h4>{}</h4>",
            escape(&self.title)
        );
        if let (Some(first), Some(last)) = (&self.dates.first, &self.dates.last) {
            html += &format!(
                "<p><small>{} to {}</small></p>",
                escape(first),
                escape(last)
            );
        }
        html += "<p>";
        for sentence in &self.summary {
            let also = if sentence.duplicates.is_empty() {
                String::new()
            } else {
                format!(" (also in {})", escape(&sentence.duplicates.join(", ")))
            };
            html += &format!(
                "{} <sup><a href=\"#{}-doc-{n}\" title=\"{}{also}\">[{n}]</a></sup> ",
                escape(&sentence.text),
                escape(&self.id),
                escape(&sentence.source),
                n = note(&sentence.source),
            );
        }
        html += "</p><p>";
        for entity in &self.entities {
            html += &entity_html(
                &entity.text,
                entity.label,
                entity.documents as f64 / self.documents.len().max(1) as f64,
            );
            html += " ";
        }
        html += &format!(
            "</p><p><small>{}</small></p><ol>",
            escape(&self.keyphrases.join(" · "))
        );
        for (i, id) in self.documents.iter().enumerate() {
            html += &format!(
                "<li id=\"{}-doc-{}\">{}</li>",
                escape(&self.id),
                i + 1,
                escape(id)
            );
        }
        html + "</ol></div>"
    }
}

/// The names in most documents (ties: first seen first).
fn main_names(story: &OpenStory, n: usize) -> Vec<StoryEntity> {
    let mut counts: FxHashMap<(&str, Label), (usize, usize)> = FxHashMap::default();
    let mut order = 0;
    for doc in &story.documents {
        for name in &doc.names {
            let entry = counts.entry((&name.text, name.label)).or_insert_with(|| {
                order += 1;
                (0, order)
            });
            entry.0 += 1;
        }
    }
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    ranked
        .into_iter()
        .take(n)
        .map(|((text, label), (documents, _))| StoryEntity {
            text: text.to_string(),
            label,
            documents,
        })
        .collect()
}
