use serde::{Deserialize, Serialize};

use crate::Span;

/// What a token is. Decided by the tokenizer from its characters alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes ("well-known", "O'Neil").
    Word,
    /// Digits, possibly with separators or an ordinal suffix ("1,000.50", "10th").
    Number,
    /// A punctuation mark or a run of the same mark ("...", "--").
    Punct,
    /// Any other symbol ("$", "%", "&", emoji).
    Symbol,
    /// A URL, kept whole.
    Url,
    /// An e-mail address, kept whole.
    Email,
    /// A `#hashtag` or an `@mention`, kept whole.
    Tag,
    /// A clitic split off a word as Universal Dependencies does ("'s", "n't", "'ll").
    Clitic,
}

/// A token: a span of the document text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
}

/// A paragraph of the document text (a block separated by blank lines, or a headline, dateline,
/// byline, list item or caption line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
}

/// A named entity or a number/date expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    /// The label in the tagger's scheme, e.g. `PERSON` or `GPE` (OntoNotes) or `PER` (CoNLL).
    pub label: String,
    /// Confidence in `[0, 1]`.
    pub score: f64,
    /// The canonical form of the entity's chain in the document ("Kim Jong Un" for a later "Kim").
    pub canonical: Option<String>,
}

/// What is known about the document beyond its text. Every field is optional: sources differ.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// Subtitle, standfirst or dek.
    pub dek: Option<String>,
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (`2024-05-30` or a full timestamp).
    pub date: Option<String>,
    pub site: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    pub url: Option<String>,
}

/// Why a piece of the input is not in the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalKind {
    /// Taken out of the body because it is the headline (it went to `Metadata::title`).
    Title,
    /// A subtitle or dek (it went to `Metadata::dek`).
    Dek,
    /// A date line (it went to `Metadata::date`).
    Date,
    /// A byline (it went to `Metadata::authors`).
    Byline,
    /// Menus, breadcrumbs, section links.
    Navigation,
    /// Teasers and lists of other articles ("Read More:", "Most Popular", related links).
    Related,
    /// Cookie and consent banners.
    Consent,
    /// Newsletter and subscription boxes.
    Newsletter,
    /// Share bars and social buttons.
    Share,
    /// Advertisements and sponsored blocks.
    Advertisement,
    /// Reader comments.
    Comments,
    /// Image captions and credits.
    Caption,
    /// Footers, legal and copyright lines.
    Footer,
    /// Scripts, styles and other non-text markup.
    Markup,
    /// A block that scored too low to be article text (link-heavy, short, out of place).
    LowScore,
    /// Anything else that is page furniture.
    Furniture,
}

impl RemovalKind {
    /// Every kind, in declaration order.
    pub const ALL: [RemovalKind; 16] = [
        RemovalKind::Title,
        RemovalKind::Dek,
        RemovalKind::Date,
        RemovalKind::Byline,
        RemovalKind::Navigation,
        RemovalKind::Related,
        RemovalKind::Consent,
        RemovalKind::Newsletter,
        RemovalKind::Share,
        RemovalKind::Advertisement,
        RemovalKind::Comments,
        RemovalKind::Caption,
        RemovalKind::Footer,
        RemovalKind::Markup,
        RemovalKind::LowScore,
        RemovalKind::Furniture,
    ];

    /// The kind's name, as serde writes it (`low_score`).
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalKind::Title => "title",
            RemovalKind::Dek => "dek",
            RemovalKind::Date => "date",
            RemovalKind::Byline => "byline",
            RemovalKind::Navigation => "navigation",
            RemovalKind::Related => "related",
            RemovalKind::Consent => "consent",
            RemovalKind::Newsletter => "newsletter",
            RemovalKind::Share => "share",
            RemovalKind::Advertisement => "advertisement",
            RemovalKind::Comments => "comments",
            RemovalKind::Caption => "caption",
            RemovalKind::Footer => "footer",
            RemovalKind::Markup => "markup",
            RemovalKind::LowScore => "low_score",
            RemovalKind::Furniture => "furniture",
        }
    }
}

impl std::fmt::Display for RemovalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown removal kind name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl std::fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown removal kind {:?}", self.0)
    }
}

impl std::error::Error for UnknownKind {}

impl std::str::FromStr for RemovalKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RemovalKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// A piece of the input that boilerplate removal dropped, with the reason, so a user can audit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The dropped text (whitespace-collapsed for HTML input).
    pub text: String,
    pub kind: RemovalKind,
    /// A short human-readable explanation, e.g. `"class=\"cookie-banner\""` or `"link density 0.92"`.
    pub reason: String,
}

/// Where a document came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The input file.
    pub input: Option<String>,
    /// The 1-based line (JSONL) or record (WARC) number in that file.
    pub record: Option<u64>,
    pub url: Option<String>,
}

/// One input record, processed: clean text, metadata and annotations.
///
/// All spans are byte offsets into [`Document::text`]. Use [`Document::to_record`] for the
/// code-point form that JSON and Python see.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub metadata: Metadata,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub entities: Vec<Entity>,
    /// Indices into `sentences` of the extractive summary, in document order.
    pub summary: Vec<usize>,
    pub removed: Vec<Removed>,
    pub source: Source,
}

impl Document {
    /// A document holding `text` and no annotations yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The tokens that lie inside `span` (found by binary search; tokens are sorted).
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let lo = self.tokens.partition_point(|t| t.span.start < span.start);
        let hi = self.tokens.partition_point(|t| t.span.end <= span.end);
        &self.tokens[lo..hi.max(lo)]
    }
}
