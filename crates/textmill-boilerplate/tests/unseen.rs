//! Failure classes seen on pages that development never used (issue 11): the cleaner must not
//! empty an article that is the whole input, decode a string twice, or let a furniture word
//! inside a longer class name remove the article.

use textmill_boilerplate::{Cleaner, InputKind, clean};

const FIRST: &str = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.";
const SECOND: &str = "Power will be restored within days, the utility said, though many roads are expected to stay closed.";

fn html_text(html: &str) -> String {
    clean(html.as_bytes(), InputKind::Html).unwrap().text
}

fn has_both(text: &str) -> bool {
    text.contains(FIRST) && text.contains(SECOND)
}

#[test]
fn a_fragment_of_two_paragraphs_is_its_own_article() {
    for html in [
        format!("<p>{FIRST}</p><p>{SECOND}</p>"),
        format!("<article><p>{FIRST}</p><p>{SECOND}</p></article>"),
        format!("<html><body><div><p>{FIRST}</p></div><div><p>{SECOND}</p></div></body></html>"),
    ] {
        let text = html_text(&html);
        assert!(has_both(&text), "{html} -> {text:?}");
    }
}

#[test]
fn a_short_fragment_without_prose_keeps_its_text() {
    let text = html_text("<div><p>Opening hours</p><p>Mon-Fri 9-17</p></div>");
    assert!(
        text.contains("Opening hours") && text.contains("Mon-Fri 9-17"),
        "{text:?}"
    );
}

#[test]
fn a_furniture_name_on_every_container_does_not_empty_the_page() {
    let html = format!(
        "<html><body><div class=\"sidebar\"><p>{FIRST}</p><p>{SECOND}</p></div></body></html>"
    );
    assert!(has_both(&html_text(&html)));
}

#[test]
fn furniture_words_match_whole_words_of_class_names() {
    // "comment" inside "commentary", "modal" inside "modality", "nav" inside "canvas".
    for class in ["commentary article", "modality-wrapper", "canvas-body"] {
        let html = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"{class}\"><p>{FIRST}</p><p>{SECOND}</p></div></body></html>"
        );
        let text = html_text(&html);
        assert!(has_both(&text), "class {class:?} -> {text:?}");
        assert!(!text.contains("Home"));
    }
}

#[test]
fn no_furniture_name_removes_most_of_the_prose() {
    // A share word that does name the container, on the container holding the article.
    let html = format!(
        "<html><body><div id=\"sharing-with-a-developer\"><p>{FIRST}</p><p>{SECOND}</p></div><div class=\"comments\"><p>Great post, thanks for sharing this with all of us here today.</p></div></body></html>"
    );
    let text = html_text(&html);
    assert!(has_both(&text), "{text:?}");
}

#[test]
fn a_declared_article_body_inside_a_furniture_name_is_kept() {
    let html = format!(
        "<html><body><div class=\"subjective commentary page\"><article itemprop=\"articleBody\"><p>{FIRST}</p><p>{SECOND}</p></article></div><div class=\"comment-list\"><p>First comment here, and a long one that reads like prose too.</p></div><div class=\"about\"><p>We are a small newsroom that covers the region, founded in 1990 by a group of reporters.</p></div></body></html>"
    );
    let text = html_text(&html);
    assert!(has_both(&text), "{text:?}");
    assert!(!text.contains("First comment"));
    assert!(!text.contains("small newsroom"), "{text:?}");
}

#[test]
fn a_str_with_a_declared_charset_is_not_decoded_again() {
    let body = "Grüße aus München: der Bürgermeister eröffnete am Montag das neue Café am Marktplatz, sagte die Stadt.";
    for charset in ["iso-8859-1", "windows-1252", "gb2312", "shift_jis"] {
        let html = format!(
            "<html><head><meta charset=\"{charset}\"></head><body><article><p>{body}</p><p>{body}</p></article></body></html>"
        );
        let from_str = Cleaner::default().clean_str(&html, InputKind::Auto);
        assert!(
            from_str.text.contains(body),
            "{charset}: {:?}",
            from_str.text
        );
        // The same page as UTF-8 bytes: valid UTF-8 outweighs the declaration.
        let from_bytes = clean(html.as_bytes(), InputKind::Auto).unwrap();
        assert_eq!(from_bytes.text, from_str.text, "{charset}");
    }
}

#[test]
fn a_clean_article_on_one_line_is_kept_whole() {
    // Long one-line articles repeat phrases ("said in a statement"), which glued teaser lists
    // also do; a one-line input must still come out whole.
    let sentence = |n: usize| {
        format!(
            "Officials said in a statement on Tuesday that the {n}th shipment of aid had reached the city, and that more would follow."
        )
    };
    let article: String = (1..=30).map(sentence).collect::<Vec<_>>().join(" ");
    let cleaned = clean(article.as_bytes(), InputKind::Text).unwrap();
    let words = |s: &str| s.split_whitespace().count();
    assert!(
        words(&cleaned.text) * 100 >= words(&article) * 95,
        "kept {} of {} words; removed {:?}",
        words(&cleaned.text),
        words(&article),
        cleaned.removed
    );
}

#[test]
fn math_that_is_dropped_is_reported() {
    let html = format!(
        "<html><body><article><p>{FIRST}</p><p>The energy is <math alttext=\"E = mc^2\"><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> for a body at rest, as the paper shows in detail.</p><p>In TeX: <script type=\"math/tex\">\\frac{{a}}{{b}}</script> is a fraction, the authors wrote in their second paper.</p><p>{SECOND}</p></article></body></html>"
    );
    let cleaned = clean(html.as_bytes(), InputKind::Html).unwrap();
    assert!(
        cleaned.text.contains("The energy is for a body at rest"),
        "{:?}",
        cleaned.text
    );
    let math: Vec<&str> = cleaned
        .removed_of(textmill_core::RemovalKind::Markup)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(math, ["E = mc^2", "\\frac{a}{b}"], "{:?}", cleaned.removed);
}

#[test]
fn a_picture_gallery_is_not_body() {
    let slides: String = (1..=50)
        .map(|n| format!("<li><img src=\"{n}.jpg\"><p>Slide {n} of 50: the flooded main street of the town, seen from the church tower on Tuesday morning.</p></li>"))
        .collect();
    let html = format!(
        "<html><body><article><p>{FIRST}</p><p>{SECOND}</p><p>{FIRST}</p><ul class=\"gallery-slides\">{slides}</ul><p>{SECOND}</p></article></body></html>"
    );
    let text = html_text(&html);
    assert!(has_both(&text), "{text:?}");
    assert!(!text.contains("Slide 7 of 50"), "{text:?}");
}

#[test]
fn an_article_inside_noscript_is_read_as_markup() {
    // Pages that render the article by script often give it again in <noscript>.
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"post-body\"><script>render()</script><noscript><p>{FIRST}</p><p>{SECOND}</p></noscript></div></body></html>"
    );
    let text = html_text(&html);
    assert!(has_both(&text), "{text:?}");
    assert!(!text.contains("<p>"), "{text:?}");
}
