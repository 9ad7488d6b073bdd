use std::sync::Arc;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::Span;

crate::named_enum! {
    /// What a token is. Decided by the tokenizer from its characters alone.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum TokenKind ("token kind") {
        /// Letters, possibly with inner hyphens or apostrophes ("well-known", "O'Neil").
        Word = "word",
        /// Digits, possibly with separators or an ordinal suffix ("1,000.50", "10th").
        Number = "number",
        /// A punctuation mark or a run of the same mark ("...", "--").
        Punct = "punct",
        /// Any other symbol ("$", "%", "&", emoji).
        Symbol = "symbol",
        /// A URL, kept whole.
        Url = "url",
        /// An e-mail address, kept whole.
        Email = "email",
        /// A `#hashtag` or an `@mention`, kept whole.
        Tag = "tag",
        /// A clitic split off a word as Universal Dependencies does ("'s", "n't", "'ll").
        Clitic = "clitic",
    }
}

/// A token: a span of the document text and its kind.
///
/// Tokens are most of an annotated document's memory (a token every five bytes of text), so
/// they keep their offsets in 32 bits and are packed: 9 bytes a token instead of 24. Texts are
/// tokenized up to [`Token::MAX_OFFSET`] (4 GiB); the front ends refuse longer texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[repr(C, packed)]
pub struct Token {
    start: u32,
    end: u32,
    /// What the token is.
    pub kind: TokenKind,
}

/// A text offset in the 32 bits tokens and entities keep (clamped at [`Token::MAX_OFFSET`]).
fn offset32(offset: usize) -> u32 {
    debug_assert!(offset <= Token::MAX_OFFSET);
    offset.min(Token::MAX_OFFSET) as u32
}

// What the comments on the two types promise; a field added to either shows here first.
const _: () = assert!(std::mem::size_of::<Token>() == 9);
const _: () = assert!(std::mem::size_of::<Entity>() == 24);

impl Token {
    /// The largest offset a token can have.
    pub const MAX_OFFSET: usize = u32::MAX as usize;

    /// A token over `span`, which must end at or before [`Token::MAX_OFFSET`] (offsets past it
    /// are clamped to it).
    #[inline]
    pub fn new(span: Span, kind: TokenKind) -> Self {
        Token {
            start: offset32(span.start),
            end: offset32(span.end),
            kind,
        }
    }

    /// Where the token is in the document text.
    #[inline]
    pub const fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// A sentence of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Sentence {
    /// Where the sentence is in the document text.
    pub span: Span,
}

/// A paragraph of the document text (a block separated by blank lines, or a headline, dateline,
/// byline, list item or caption line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Paragraph {
    /// Where the paragraph is in the document text.
    pub span: Span,
}

crate::named_enum! {
    /// An entity's type: the 18 OntoNotes 5 types, and the CoNLL 2003 `PER` and `MISC` (CoNLL's
    /// `ORG` and `LOC` are OntoNotes' too).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Label ("entity label") {
        /// People, including fictional ones.
        Person = "PERSON",
        /// Nationalities, religious and political groups.
        Norp = "NORP",
        /// Buildings, airports, highways, bridges.
        Fac = "FAC",
        /// Companies, agencies, institutions.
        Org = "ORG",
        /// Countries, cities, states.
        Gpe = "GPE",
        /// Other places: mountains, bodies of water, regions.
        Loc = "LOC",
        /// Objects, vehicles, foods (not services).
        Product = "PRODUCT",
        /// Named hurricanes, battles, wars, sports events.
        Event = "EVENT",
        /// Titles of books, songs, films.
        WorkOfArt = "WORK_OF_ART",
        /// Named documents made into laws.
        Law = "LAW",
        /// Any named language.
        Language = "LANGUAGE",
        /// Absolute or relative dates or periods.
        Date = "DATE",
        /// Times smaller than a day.
        Time = "TIME",
        /// Percentages, with "%".
        Percent = "PERCENT",
        /// Monetary values, with the unit.
        Money = "MONEY",
        /// Measurements, as of weight or distance.
        Quantity = "QUANTITY",
        /// "first", "second".
        Ordinal = "ORDINAL",
        /// Numerals that fall under no other type.
        Cardinal = "CARDINAL",
        /// People (CoNLL).
        Per = "PER",
        /// Names of no other CoNLL type: nationalities, events, works (CoNLL).
        Misc = "MISC",
    }
}

impl Label {
    /// Whether the label names something (a person, a group, a place, a thing), not a number,
    /// a date or an amount.
    ///
    /// ```
    /// use textmill_core::Label;
    /// assert!(Label::Gpe.is_name() && Label::Per.is_name());
    /// assert!(!Label::Date.is_name() && !Label::Money.is_name());
    /// ```
    pub fn is_name(self) -> bool {
        !matches!(
            self,
            Label::Date
                | Label::Time
                | Label::Percent
                | Label::Money
                | Label::Quantity
                | Label::Ordinal
                | Label::Cardinal
        )
    }
}

/// A named entity or a number/date expression.
///
/// 24 bytes: an entity-dense text holds one every dozen bytes, so its size is most of such a
/// document's memory. Its offsets are 32-bit, as a token's are ([`Entity::span`] gives them as a
/// [`Span`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "EntityFields", into = "EntityFields"))]
pub struct Entity {
    start: u32,
    end: u32,
    /// The label in the tagger's scheme, e.g. `PERSON` or `GPE` (OntoNotes) or `PER` (CoNLL).
    pub label: Label,
    /// Confidence in `[0, 1]`.
    pub score: f32,
    /// The canonical form of the entity's chain in the document ("Kim Jong Un" for a later "Kim").
    pub canonical: Option<Name>,
}

impl Entity {
    /// An entity over `span`, which must end at or before [`Token::MAX_OFFSET`] (offsets past it
    /// are clamped to it).
    pub fn new(span: Span, label: Label, score: f32, canonical: Option<Name>) -> Entity {
        Entity {
            start: offset32(span.start),
            end: offset32(span.end),
            label,
            score,
            canonical,
        }
    }

    /// Where the mention is in the document text.
    #[inline]
    pub const fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// An entity as serde sees it: its span whole.
#[cfg(feature = "serde")]
#[derive(Serialize, Deserialize)]
struct EntityFields {
    span: Span,
    label: Label,
    score: f32,
    canonical: Option<Name>,
}

#[cfg(feature = "serde")]
impl From<EntityFields> for Entity {
    fn from(e: EntityFields) -> Entity {
        Entity::new(e.span, e.label, e.score, e.canonical)
    }
}

#[cfg(feature = "serde")]
impl From<Entity> for EntityFields {
    fn from(e: Entity) -> EntityFields {
        EntityFields {
            span: e.span(),
            label: e.label,
            score: e.score,
            canonical: e.canonical,
        }
    }
}

/// A canonical name, shared by the entities that carry it (a text that names Moscow a million
/// times holds the name once) and one pointer wide. Reads as a `&str`.
///
/// ```
/// use textmill_core::Name;
/// let name = Name::from("Kim Jong Un");
/// assert_eq!(&*name, "Kim Jong Un");
/// assert_eq!(Some(name).as_deref(), Some("Kim Jong Un"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Name(Arc<String>);

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Name {
        Name(Arc::new(name.to_owned()))
    }
}

impl From<String> for Name {
    fn from(name: String) -> Name {
        Name(Arc::new(name))
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What is known about the document beyond its text. Every field is optional: sources differ.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Metadata {
    /// The headline, without the site name a page title may append.
    pub title: Option<String>,
    /// Subtitle, standfirst or dek.
    pub dek: Option<String>,
    /// The authors' names, one per entry; empty when none is known.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (`2024-05-30` or a full timestamp).
    pub date: Option<String>,
    /// The publication or site name (`og:site_name`, the JSON-LD publisher).
    pub site: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// The article's URL: the canonical one the page declares, else the one given with the input.
    pub url: Option<String>,
}

crate::named_enum! {
    /// Why a piece of the input is not in the clean text.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RemovalKind ("removal kind") {
        /// Taken out of the body because it is the headline (it went to `Metadata::title`).
        Title = "title",
        /// A subtitle or dek (it went to `Metadata::dek`).
        Dek = "dek",
        /// A date line (it went to `Metadata::date`).
        Date = "date",
        /// A byline (it went to `Metadata::authors`).
        Byline = "byline",
        /// Menus, breadcrumbs, section links.
        Navigation = "navigation",
        /// Teasers and lists of other articles ("Read More:", "Most Popular", related links).
        Related = "related",
        /// Cookie and consent banners.
        Consent = "consent",
        /// Newsletter and subscription boxes.
        Newsletter = "newsletter",
        /// Share bars and social buttons.
        Share = "share",
        /// Advertisements and sponsored blocks.
        Advertisement = "advertisement",
        /// Reader comments.
        Comments = "comments",
        /// Image captions and credits.
        Caption = "caption",
        /// Footers, legal and copyright lines.
        Footer = "footer",
        /// Scripts, styles and other non-text markup.
        Markup = "markup",
        /// A block that scored too low to be article text (link-heavy, short, out of place).
        LowScore = "low_score",
        /// Anything else that is page furniture.
        Furniture = "furniture",
    }
}

/// A piece of the input that boilerplate removal dropped, with the reason, so a user can audit it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Removed {
    /// The dropped text (whitespace-collapsed for HTML input).
    pub text: String,
    /// Why it was dropped.
    pub kind: RemovalKind,
    /// A short human-readable explanation, e.g. `"class=\"cookie-banner\""` or `"link density 0.92"`.
    pub reason: String,
}

/// Where a document came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Source {
    /// The input file.
    pub input: Option<String>,
    /// The 1-based line (JSONL) or record (WARC) number in that file.
    pub record: Option<u64>,
    /// The URL given with the input (a JSONL record's `url` field).
    pub url: Option<String>,
}

/// One input record, processed: clean text, metadata and annotations.
///
/// All spans are byte offsets into [`Document::text`]. Use [`Document::to_record`] for the
/// code-point form that JSON and Python see.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Document {
    /// The caller's id for the document (in a corpus run, the record's id).
    pub id: String,
    /// The text every span points into (in a pipeline: cleaned and normalised).
    pub text: String,
    /// Title, authors, date and the like, as cleaning found them.
    pub metadata: Metadata,
    /// Paragraphs, in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in document order.
    pub sentences: Vec<Sentence>,
    /// Tokens, in document order (sorted, as [`Document::tokens_in`] needs).
    pub tokens: Vec<Token>,
    /// Entities, sorted by position.
    pub entities: Vec<Entity>,
    /// Indices into `sentences` of the extractive summary, in document order.
    pub summary: Vec<usize>,
    /// What boilerplate removal dropped and why, in input order.
    pub removed: Vec<Removed>,
    /// Where the input came from (a corpus run fills it in).
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
        let lo = self.tokens.partition_point(|t| t.span().start < span.start);
        let hi = self.tokens.partition_point(|t| t.span().end <= span.end);
        &self.tokens[lo..hi.max(lo)]
    }
}
