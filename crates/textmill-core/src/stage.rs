//! The one interface every annotating stage has.

use crate::Document;

/// A stage that adds annotations to a document in place: the segmenter, the tagger and the
/// summariser implement it, and so can a user's own component, which a pipeline then runs after
/// them (`textmill::Pipeline::builder().stage(...)`).
///
/// ```
/// use textmill_core::{Document, Stage};
///
/// /// Counts the words of a document into its metadata.
/// struct WordCount;
///
/// impl Stage for WordCount {
///     fn name(&self) -> &str {
///         "word_count"
///     }
///     fn annotate(&self, doc: &mut Document) {
///         let words = doc.text.split_whitespace().count();
///         doc.metadata.site = Some(format!("{words} words"));
///     }
/// }
///
/// let mut doc = Document::new("a", "Kim met Putin.");
/// WordCount.annotate(&mut doc);
/// assert_eq!(doc.metadata.site.as_deref(), Some("3 words"));
/// ```
pub trait Stage: Send + Sync {
    /// A short name for logs and listings ("segment", "tag", "summarize").
    fn name(&self) -> &str;

    /// Adds this stage's annotations to `doc`. The text is final: stages add spans into it,
    /// they do not change it.
    fn annotate(&self, doc: &mut Document);
}
