//! Page layouts that trip simple extractors: a body cut into columns, and a list of teasers
//! that carries as much prose as the article.

use textmill_boilerplate::{InputKind, clean};

const PARAGRAPH: &str = "<p>The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said, as rivers rose across the region.</p>";

fn text_of(html: &str) -> String {
    clean(html.as_bytes(), InputKind::Html).unwrap().text
}

#[test]
fn a_body_split_into_columns_is_kept_whole() {
    let column = |marker: &str| {
        format!(
            "<div class=\"StoryBodyCompanionColumn\"><div><p>{marker} opened the second day of hearings, and lawmakers pressed the witness on the timeline.</p>{PARAGRAPH}</div></div>"
        )
    };
    let html = format!(
        "<html><body><article><h1>Headline</h1><section>{}<div class=\"ad\">Advertisement</div>{}<div class=\"ad\">Advertisement</div>{}</section></article></body></html>",
        column("Alpha"),
        column("Bravo"),
        column("Charlie")
    );
    let text = text_of(&html);
    for marker in ["Alpha", "Bravo", "Charlie"] {
        assert!(text.contains(marker), "{marker} missing from {text:?}");
    }
    assert!(!text.contains("Advertisement"));
}

#[test]
fn teasers_of_other_articles_are_dropped() {
    let teaser = |n: usize| {
        format!(
            "<li><a href=\"/story-{n}\">Another story number {n} about the election results</a> <span>WASHINGTON: Lawmakers on Tuesday debated a bill that would change how the votes are counted in several states, and officials said they expected...</span></li>"
        )
    };
    let teasers: String = (0..10).map(teaser).collect();
    let html = format!(
        "<html><body><div class=\"main-content\"><div class=\"latest\"><ul>{teasers}</ul></div><div class=\"story\">{}</div></div></body></html>",
        PARAGRAPH.repeat(4)
    );
    let text = text_of(&html);
    assert!(text.contains("The storm made landfall"));
    assert!(!text.contains("Another story"), "{text:?}");
    assert!(!text.contains("officials said they expected"), "{text:?}");
}
