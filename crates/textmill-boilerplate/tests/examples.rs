//! The sample corpus (examples/ at the repository root): the two scraped articles must come out
//! with exactly their body paragraphs, title and date; the HTML pages written around the same
//! articles must give the same body text.

use textmill_boilerplate::{Cleaned, Cleaner, InputKind};
use textmill_core::RemovalKind;

fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn clean(name: &str) -> Cleaned {
    Cleaner::default()
        .clean(&example(name), InputKind::Auto)
        .unwrap()
}

fn paragraphs(cleaned: &Cleaned) -> Vec<&str> {
    cleaned.text.split("\n\n").collect()
}

#[test]
fn meeting_text_keeps_exactly_its_body() {
    let cleaned = clean("kim-putin-meeting.txt");
    let body = paragraphs(&cleaned);
    assert_eq!(body.len(), 8, "{body:#?}");
    assert!(body[0].starts_with("A luxury armored train believed"));
    assert!(body[7].starts_with("North Korea continues to test"));
    assert_eq!(
        cleaned.metadata.title.as_deref(),
        Some("Kim Jong Un, Vladimir Putin meeting expected in ‘coming days’")
    );
    assert_eq!(
        cleaned.metadata.dek.as_deref(),
        Some("The meeting would be Kim’s first overseas trip in four years.")
    );
    assert_eq!(
        cleaned.metadata.date, None,
        "the scraped text carries no date"
    );
    for furniture in ["Is Putin getting desperate", "Read More:", "uses cookies"] {
        assert!(
            !cleaned.text.contains(furniture),
            "{furniture} left in the body"
        );
        assert!(
            cleaned.removed.iter().any(|r| r.text.contains(furniture)),
            "{furniture} not reported"
        );
    }
    assert!(cleaned.removed_of(RemovalKind::Consent).count() == 1);
}

#[test]
fn train_text_loses_crumbs_date_line_and_most_popular() {
    let cleaned = clean("kim-putin-train.txt");
    let body = paragraphs(&cleaned);
    assert_eq!(body.len(), 7, "{body:#?}");
    assert!(body[0].starts_with("North Korean leader Kim Jong Un may be heading"));
    assert!(body[6].starts_with("Russian Defence Minister Sergei Shoigu"));
    assert_eq!(
        cleaned.metadata.title.as_deref(),
        Some("Kim Jong Un is on his way to Russia to meet Vladimir Putin")
    );
    assert_eq!(cleaned.metadata.date.as_deref(), Some("2024-05-30"));
    assert!(
        cleaned
            .removed_of(RemovalKind::Navigation)
            .any(|r| r.text == "HomeWorldAsia")
    );
    assert!(!cleaned.text.contains("Most Popular"));
}

#[test]
fn html_pages_give_the_same_body_as_the_scraped_text() {
    for (html, text) in [
        ("kim-putin-meeting.html", "kim-putin-meeting.txt"),
        ("kim-putin-train.html", "kim-putin-train.txt"),
    ] {
        let from_html = clean(html);
        let from_text = clean(text);
        // A page that shows its dek as the article's first paragraph may keep it there (the
        // block model decides; trafilatura's gold counts deks as text, ScrapingHub's does not),
        // as well as in `metadata.dek`; the scraped text has no dek to tell apart.
        let body = match from_html.metadata.dek.as_deref() {
            Some(dek) => from_html
                .text
                .strip_prefix(dek)
                .map_or(from_html.text.as_str(), str::trim_start),
            None => from_html.text.as_str(),
        };
        assert_eq!(body, from_text.text, "{html}");
        assert_eq!(from_html.metadata.title, from_text.metadata.title, "{html}");
        assert_eq!(from_html.metadata.language.as_deref(), Some("en"));
        assert!(from_html.metadata.site.is_some() && from_html.metadata.url.is_some());
        for kind in [
            RemovalKind::Consent,
            RemovalKind::Navigation,
            RemovalKind::Related,
            RemovalKind::Advertisement,
        ] {
            assert!(
                from_html.removed_of(kind).count() > 0,
                "{html}: nothing removed as {kind:?}"
            );
        }
    }
    let meeting = clean("kim-putin-meeting.html");
    assert_eq!(meeting.metadata.date.as_deref(), Some("2023-09-11"));
    assert_eq!(meeting.metadata.authors, ["Jane Doe"]);
    let train = clean("kim-putin-train.html");
    assert_eq!(train.metadata.authors, ["Daniel Reyes", "Soo-ah Kim"]);
}
