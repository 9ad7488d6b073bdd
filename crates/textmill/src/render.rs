//! HTML views of documents for notebooks (what Python's `_repr_html_` shows): the clean text
//! by paragraph with entities marked in one colour per label (displaCy's), summary sentences
//! underlined, a legend, and the text cut after [`RenderOptions::max_chars`] with a note of
//! how much more there is, so that a 3 MB document does not make a 7 MB cell.

use std::collections::BTreeMap;
use std::fmt::Write;

use textmill_core::{DocumentRecord, Label, Metadata, OffsetMap};

use crate::Cleaned;

/// How much of a document to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Code points of text shown; the rest is summed up in one line.
    pub max_chars: usize,
    /// Removed pieces listed for a [`Cleaned`] (the others are counted by kind).
    pub max_removed: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            max_chars: 10_000,
            max_removed: 20,
        }
    }
}

/// displaCy's colours, so that a view reads like spaCy's; CoNLL labels take their OntoNotes
/// counterparts' colours.
fn colour(label: Label) -> &'static str {
    match label {
        Label::Person | Label::Per => "#aa9cfc",
        Label::Org => "#7aecec",
        Label::Gpe => "#feca74",
        Label::Loc => "#ff9561",
        Label::Norp => "#c887fb",
        Label::Fac => "#9cc9cc",
        Label::Product => "#bfeeb7",
        Label::Event => "#ffeb80",
        Label::WorkOfArt => "#f0d0ff",
        Label::Law | Label::Language => "#ff8197",
        Label::Date | Label::Time => "#bfe1d9",
        Label::Misc => "#dddddd",
        Label::Percent | Label::Money | Label::Quantity | Label::Ordinal | Label::Cardinal => {
            "#e4e7d2"
        }
    }
}

const SUMMARY_STYLE: &str = "border-bottom:2px solid #2563eb";
const MARK_STYLE: &str = "padding:0.1em 0.3em;border-radius:0.3em;line-height:1.9";
const LABEL_STYLE: &str = "font-size:0.7em;font-weight:bold;margin-left:0.3em";

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Slices of a text by code points.
struct CodePoints<'a> {
    text: &'a str,
    map: OffsetMap<'a>,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> Self {
        CodePoints {
            text,
            map: OffsetMap::new(text),
        }
    }

    fn len(&self) -> usize {
        self.map.char_len()
    }

    /// `text[start..end]` in code points, clamped to the text and escaped.
    fn escaped(&self, start: usize, end: usize) -> String {
        let end = self.map.char_to_byte(end);
        let start = self.map.char_to_byte(start).min(end);
        escape(&self.text[start..end])
    }
}

/// The date, site and authors a view shows under the title, escaped.
fn metadata_facts(m: &Metadata) -> Vec<String> {
    [
        m.date.as_deref().map(|d| format!("date: {}", escape(d))),
        m.site.as_deref().map(|s| format!("site: {}", escape(s))),
        (!m.authors.is_empty()).then(|| format!("by {}", escape(&m.authors.join(", ")))),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn mark(out: &mut String, label: Label, inner: &str, title: &str) {
    let _ = write!(
        out,
        "<mark style=\"background:{};{MARK_STYLE}\" title=\"{}\">{inner}<span style=\"{LABEL_STYLE}\">{}</span></mark>",
        colour(label),
        escape(title),
        label.as_str()
    );
}

/// The legend: each label the document has, in its colour, with its count.
fn legend(out: &mut String, record: &DocumentRecord) {
    let mut counts: BTreeMap<&'static str, (Label, usize)> = BTreeMap::new();
    for e in &record.entities {
        counts.entry(e.label.as_str()).or_insert((e.label, 0)).1 += 1;
    }
    if counts.is_empty() && record.summary.is_empty() {
        return;
    }
    out.push_str("<p style=\"font-size:0.85em\">");
    for (name, (label, count)) in counts {
        let _ = write!(
            out,
            "<span style=\"background:{};{MARK_STYLE};margin-right:0.4em\">{name} {count}</span>",
            colour(label)
        );
    }
    if !record.summary.is_empty() {
        let _ = write!(
            out,
            "<span style=\"{SUMMARY_STYLE}\">summary ({} sentences)</span>",
            record.summary.len()
        );
    }
    out.push_str("</p>");
}

/// A processed document: title, metadata, a legend, and the text by paragraph with entities
/// and summary sentences marked, cut after `options.max_chars` code points.
pub fn document_html(record: &DocumentRecord, options: &RenderOptions) -> String {
    let r = record;
    let mut html = String::from("<div class=\"textmill-doc\">");
    if let Some(title) = &r.metadata.title {
        let _ = write!(html, "<h3>{}</h3>", escape(title));
    }
    let mut facts = metadata_facts(&r.metadata);
    facts.push(format!(
        "{} sentences, {} tokens, {} entities",
        r.sentences.len(),
        r.tokens.len(),
        r.entities.len()
    ));
    let _ = write!(html, "<p><small>{}</small></p>", facts.join(" · "));
    legend(&mut html, r);

    let text = CodePoints::new(&r.text);
    let cut = text.len().min(options.max_chars);
    let mut entities = r.entities.iter().filter(|e| e.end <= cut).peekable();
    let mut sentences = r.sentences.iter().enumerate().peekable();
    for p in r.paragraphs.iter().take_while(|p| p.start < cut) {
        let end = p.end.min(cut);
        html.push_str("<p>");
        let mut at = p.start;
        while at < end {
            // The next sentence inside this paragraph, underlined when it is in the summary.
            let Some(&(i, s)) = sentences.peek().filter(|(_, s)| s.start < end) else {
                html.push_str(&text.escaped(at, end));
                break;
            };
            sentences.next();
            let s_start = s.start.max(at);
            let s_end = s.end.min(end);
            html.push_str(&text.escaped(at, s_start));
            let chosen = r.summary.contains(&i);
            if chosen {
                let _ = write!(html, "<span style=\"{SUMMARY_STYLE}\" title=\"summary\">");
            }
            let mut inner = s_start;
            while let Some(e) = entities.next_if(|e| e.start < s_end) {
                if e.start < inner {
                    continue;
                }
                html.push_str(&text.escaped(inner, e.start));
                let shown = e.end.min(s_end);
                let title = match &e.canonical {
                    Some(name) => format!("{} {:.2}: {name}", e.label.as_str(), e.score),
                    None => format!("{} {:.2}", e.label.as_str(), e.score),
                };
                mark(&mut html, e.label, &text.escaped(e.start, shown), &title);
                inner = shown;
            }
            html.push_str(&text.escaped(inner, s_end));
            if chosen {
                html.push_str("</span>");
            }
            at = s_end;
        }
        html.push_str("</p>");
    }
    if r.paragraphs.is_empty() {
        // A lean record (no paragraphs kept): the text as it is.
        let _ = write!(html, "<p>{}</p>", text.escaped(0, cut));
    }
    if cut < text.len() {
        let _ = write!(
            html,
            "<p><em>... {} more characters</em></p>",
            text.len() - cut
        );
    }
    html.push_str("</div>");
    html
}

/// An entity on its own, marked as in a document.
pub fn entity_html(text: &str, label: Label, score: f64) -> String {
    let mut html = String::new();
    mark(
        &mut html,
        label,
        &escape(text),
        &format!("{} {score:.2}", label.as_str()),
    );
    html
}

/// A span on its own: its text and offsets.
pub fn span_html(start: usize, end: usize, text: &str) -> String {
    format!(
        "<span title=\"{start}..{end}\" style=\"background:#f1f5f9;{MARK_STYLE}\">{}</span> <small>{start}..{end}</small>",
        escape(text)
    )
}

/// The result of boilerplate removal: title, metadata, the clean text (cut after
/// `options.max_chars`), and what was removed, by kind, with the first pieces and their reasons.
pub fn cleaned_html(cleaned: &Cleaned, options: &RenderOptions) -> String {
    let mut html = String::from("<div class=\"textmill-cleaned\">");
    if let Some(title) = &cleaned.metadata.title {
        let _ = write!(html, "<h3>{}</h3>", escape(title));
    }
    let facts = metadata_facts(&cleaned.metadata);
    if !facts.is_empty() {
        let _ = write!(html, "<p><small>{}</small></p>", facts.join(" · "));
    }
    let text = CodePoints::new(&cleaned.text);
    let cut = text.len().min(options.max_chars);
    for paragraph in text.escaped(0, cut).split("\n\n") {
        let _ = write!(html, "<p>{}</p>", paragraph.replace('\n', "<br>"));
    }
    if cut < text.len() {
        let _ = write!(
            html,
            "<p><em>... {} more characters</em></p>",
            text.len() - cut
        );
    }
    if !cleaned.removed.is_empty() {
        let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
        for piece in &cleaned.removed {
            *kinds.entry(piece.kind.as_str()).or_default() += 1;
        }
        let counts: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = write!(
            html,
            "<details><summary>removed: {} pieces ({})</summary><ul style=\"color:#6b7280\">",
            cleaned.removed.len(),
            counts.join(", ")
        );
        for piece in cleaned.removed.iter().take(options.max_removed) {
            let shown = CodePoints::new(&piece.text);
            let more = if shown.len() > 200 { "..." } else { "" };
            let _ = write!(
                html,
                "<li><b>{}</b> ({}): {}{more}</li>",
                piece.kind.as_str(),
                escape(&piece.reason),
                shown.escaped(0, 200)
            );
        }
        if cleaned.removed.len() > options.max_removed {
            let _ = write!(
                html,
                "<li><em>... {} more</em></li>",
                cleaned.removed.len() - options.max_removed
            );
        }
        html.push_str("</ul></details>");
    }
    html.push_str("</div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{InputKind, Pipeline};

    fn record(text: &str) -> DocumentRecord {
        Pipeline::default()
            .process_str("t", text, InputKind::Text)
            .to_record()
    }

    #[test]
    fn labels_have_their_own_colours_and_the_legend_counts_them() {
        let html = document_html(
            &record("Angela Merkel met Emmanuel Macron in Paris on Monday. They talked."),
            &RenderOptions::default(),
        );
        assert!(html.contains("background:#aa9cfc"), "PERSON: {html}");
        assert!(html.contains("background:#feca74"), "GPE: {html}");
        assert!(html.contains(">PERSON 2</span>"), "legend: {html}");
        assert_ne!(colour(Label::Person), colour(Label::Gpe));
    }

    #[test]
    fn a_long_document_is_cut_with_a_note_of_what_is_left() {
        let text = "The river rose again on Tuesday. ".repeat(5_000);
        let record = record(&text);
        let html = document_html(&record, &RenderOptions::default());
        assert!(html.len() < 100_000, "{} bytes", html.len());
        let left = record.text.chars().count() - 10_000;
        assert!(html.contains(&format!("... {left} more characters")));
        let all = document_html(
            &record,
            &RenderOptions {
                max_chars: usize::MAX,
                ..RenderOptions::default()
            },
        );
        assert!(!all.contains("more characters"));
    }

    #[test]
    fn markup_in_the_text_is_escaped() {
        let html = document_html(
            &record("Use <script>alert(1)</script> & see. It works."),
            &RenderOptions::default(),
        );
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
