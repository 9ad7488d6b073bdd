//! textmill-stories: what a corpus repeats. Near-duplicates at corpus scale (exact copies by a
//! content hash, near copies by MinHash and LSH with a Jaccard check of every candidate pair),
//! and stories: documents clustered incrementally by their entities, content and dates, each
//! story summarised from its documents with the source of every sentence.
//!
//! ```
//! use textmill_stories::{DedupConfig, DedupIndex, Fingerprinter};
//!
//! let fingerprinter = Fingerprinter::new(DedupConfig::default()).unwrap();
//! let mut index = DedupIndex::new(fingerprinter.config().clone());
//! let a = "Kim Jong Un arrived in Vladivostok by armoured train on Wednesday for talks with \
//!          President Vladimir Putin, the Kremlin said, in his first visit abroad this year.";
//! let b = "Kim Jong Un arrived in Vladivostok by armoured train on Wednesday for talks with \
//!          President Vladimir Putin, the Kremlin said, in his first trip abroad this year.";
//! assert_eq!(index.insert(&fingerprinter.fingerprint(a)).duplicate_of(), None);
//! assert_eq!(index.insert(&fingerprinter.fingerprint(b)).duplicate_of(), Some(0));
//! ```

pub mod cluster;
pub mod corpus;
pub mod dedup;
pub mod minhash;
pub mod story;

pub use cluster::{ClusterConfig, Clusterer, Name, OpenStory, StoryDocument};
pub use dedup::{
    DedupConfig, DedupIndex, Deduplicator, Duplicate, Fingerprint, Fingerprinter, Verdict,
};
pub use story::{Dates, Story, StoryEntity, StoryOutputConfig, StorySentence};

use serde::{Deserialize, Serialize};
use textmill::Document;
use textmill::core::{DocumentRecord, Label, SettingError};
use textmill::summarize::Summarizer;

/// Every setting of story building.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoriesConfig {
    /// Near-duplicates, found first: a duplicate joins its original's story.
    pub dedup: DedupConfig,
    /// Clustering.
    pub cluster: ClusterConfig,
    /// What is written of each story.
    pub output: StoryOutputConfig,
}

impl StoriesConfig {
    /// Checks every setting, naming the first one out of range by its path.
    pub fn check(&self) -> Result<(), SettingError> {
        self.dedup.check().map_err(|e| e.within("dedup"))?;
        self.cluster.check().map_err(|e| e.within("cluster"))?;
        self.output.check().map_err(|e| e.within("output"))
    }
}

impl StoryDocument {
    /// What clustering needs of a processed document: its title and date (from its metadata),
    /// its text and its distinct names by canonical form.
    pub fn from_document(id: impl Into<String>, doc: &Document) -> Self {
        let names = distinct_names(doc.entities.iter().map(|e| {
            let text = e
                .canonical
                .as_deref()
                .unwrap_or_else(|| e.span().text(&doc.text));
            (text, e.label)
        }));
        StoryDocument {
            id: id.into(),
            title: doc.metadata.title.clone(),
            text: doc.text.clone(),
            date: doc.metadata.date.clone(),
            names,
            duplicate_of: None,
        }
    }

    /// The same from a document's record (a line of `textmill run` output, a Python Document).
    pub fn from_record(record: &DocumentRecord) -> Self {
        let names = distinct_names(
            record
                .entities
                .iter()
                .map(|e| (e.canonical.as_deref().unwrap_or(&e.text), e.label)),
        );
        StoryDocument {
            id: record.id.clone(),
            title: record.metadata.title.clone(),
            text: record.text.clone(),
            date: record.metadata.date.clone(),
            names,
            duplicate_of: None,
        }
    }
}

/// The distinct names among entity mentions (names only: no dates, numbers or amounts).
fn distinct_names<'a>(mentions: impl Iterator<Item = (&'a str, Label)>) -> Vec<Name> {
    let mut names: Vec<Name> = Vec::new();
    for (text, label) in mentions.filter(|(_, label)| label.is_name()) {
        if !names.iter().any(|n| n.text == text && n.label == label) {
            names.push(Name {
                text: text.to_string(),
                label,
            });
        }
    }
    names
}

/// Stories from a stream of documents: near-duplicates marked, documents clustered, finished
/// stories written up. Feed documents in arrival order with [`add`](Self::add); collect the
/// stories it closes, and the rest from [`finish`](Self::finish).
#[derive(Debug)]
pub struct StoryBuilder {
    deduplicator: Deduplicator,
    clusterer: Clusterer,
    summarizer: Summarizer,
    output: StoryOutputConfig,
    duplicates: u64,
}

impl StoryBuilder {
    /// A builder for `config` (checked), starting from `state` (a saved [`Clusterer`]) if given.
    pub fn new(config: StoriesConfig, state: Option<Clusterer>) -> Result<Self, SettingError> {
        config.check()?;
        let clusterer = match state {
            Some(mut state) => {
                state.set_config(config.cluster)?;
                state
            }
            None => Clusterer::new(config.cluster)?,
        };
        Ok(StoryBuilder {
            deduplicator: Deduplicator::new(config.dedup)?,
            clusterer,
            summarizer: Summarizer::default(),
            output: config.output,
            duplicates: 0,
        })
    }

    /// Adds a document: marks it as a near-duplicate (its `duplicate_of`) if it is one, puts it
    /// in a story, and returns the stories this closed, written up.
    pub fn add(&mut self, mut document: StoryDocument) -> Vec<Story> {
        if let Some(duplicate) = self.deduplicator.insert_text(&document.id, &document.text) {
            self.duplicates += 1;
            document.duplicate_of = Some(duplicate.of);
        }
        let (_, closed) = self.clusterer.add(document);
        closed.iter().map(|s| self.write_up(s)).collect()
    }

    /// Bytes held by the near-duplicate index and its ids (which grow with the stream, at
    /// about 300 bytes a document; the clustering state does not).
    pub fn dedup_bytes(&self) -> usize {
        self.deduplicator.heap_bytes()
    }

    /// Near-duplicates found so far.
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// Closes and writes up every open story.
    pub fn finish(&mut self) -> Vec<Story> {
        let open = self.clusterer.finish();
        open.iter().map(|s| self.write_up(s)).collect()
    }

    /// The clustering state, to save and give to a later builder; call before
    /// [`finish`](Self::finish), which closes every story.
    pub fn state(&self) -> &Clusterer {
        &self.clusterer
    }

    fn write_up(&self, story: &OpenStory) -> Story {
        Story::from_open(story, &self.summarizer, &self.output)
    }
}
