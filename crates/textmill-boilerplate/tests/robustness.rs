//! Bad input is normal input: broken, truncated, deeply nested, huge, empty or binary pages get
//! a best-effort answer, never a panic or a hang.

use proptest::prelude::*;
use textmill_boilerplate::{Cleaner, InputKind};

const PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Storm | Daily</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm","datePublished":"2024-01-02"}</script>
</head><body><nav><a href="/">Home</a><a href="/w">World</a></nav><article><h1>Storm</h1>
<p>The storm made landfall on Monday night, forcing thousands of people to leave their homes.</p>
<p>Officials said power would be restored within days, though some roads stay closed for now.</p>
<div class="share"><a href="#">Share</a></div></article><footer>© 2024 Daily</footer></body></html>"##;

fn clean_html(bytes: &[u8]) -> textmill_boilerplate::Cleaned {
    Cleaner::default().clean(bytes, InputKind::Html).unwrap()
}

#[test]
fn every_truncation_of_a_page_is_cleaned() {
    for end in (0..PAGE.len()).filter(|&i| PAGE.is_char_boundary(i)) {
        let cleaned = clean_html(&PAGE.as_bytes()[..end]);
        assert!(!cleaned.text.contains("Home"), "menu leaked at cut {end}");
    }
    let whole = clean_html(PAGE.as_bytes());
    assert_eq!(whole.text.split("\n\n").count(), 2, "{}", whole.text);
    assert_eq!(whole.metadata.date.as_deref(), Some("2024-01-02"));
}

#[test]
fn unclosed_and_misnested_tags() {
    let html = "<html><body><div><p>The storm made landfall on Monday night, forcing thousands to flee their homes.<p><b><i>Officials said power would be restored within days, though roads stay closed.</b></i><table><td>cell";
    let cleaned = clean_html(html.as_bytes());
    assert!(cleaned.text.contains("The storm made landfall"));
    assert!(cleaned.text.contains("Officials said power"));
}

#[test]
fn a_hundred_thousand_levels_of_nesting() {
    // Nesting beyond 512 is flattened before parsing (as browsers do), so this stays linear.
    let depth = 100_000;
    let mut html = "<div>".repeat(depth);
    html.push_str(
        "<p>The storm made landfall on Monday night, forcing thousands of people to leave.</p>",
    );
    html.push_str(&"</div>".repeat(depth));
    let cleaned = clean_html(html.as_bytes());
    assert!(cleaned.text.contains("The storm made landfall"));
    let spans = "<span>".repeat(depth) + "deep text";
    clean_html(spans.as_bytes());
}

#[test]
fn a_large_page_is_cleaned() {
    // 5 MB here (a debug build); the 50 MB figure is in benches/RESULTS.md.
    let paragraph = "<p>The storm made landfall on Monday night, forcing thousands of people to leave their homes.</p>\n";
    let html = format!(
        "<html><body><article>{}</article></body></html>",
        paragraph.repeat(5_000_000 / paragraph.len())
    );
    let cleaned = clean_html(html.as_bytes());
    assert_eq!(
        cleaned.text.split("\n\n").count(),
        5_000_000 / paragraph.len()
    );
}

#[test]
fn empty_binary_and_non_utf8_input() {
    let cleaner = Cleaner::default();
    for kind in [InputKind::Auto, InputKind::Html] {
        assert_eq!(cleaner.clean(b"", kind).unwrap().text, "");
    }
    assert_eq!(cleaner.clean(b"", InputKind::Text).unwrap().text, "");
    let binary: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    clean_html(&binary);
    assert!(
        cleaner.clean(&binary, InputKind::Text).is_err(),
        "binary text is not UTF-8: a typed error"
    );
    // A Latin-1 page without a declared charset is decoded, not rejected.
    let latin1 = b"<html><body><p>Le caf\xe9 de la gare a rouvert ses portes lundi matin, apr\xe8s trois ans de travaux.</p></body></html>";
    assert!(clean_html(latin1).text.contains("café"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_markup_soup_is_cleaned(parts in proptest::collection::vec(prop_oneof![
        Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<a href=x>"), Just("</a>"),
        Just("<nav>"), Just("<table><tr><td>"), Just("<script>"), Just("</script>"), Just("<!--"), Just("-->"),
        Just("<br>"), Just("<h1>"), Just("<li>"), Just("<p class=\"share\">"), Just("&amp;"), Just("&#xD800;"),
        Just("The storm made landfall on Monday night. "), Just("Home"), Just("é漢"), Just("\u{0}"), Just(" "),
    ], 0..80)) {
        let html = parts.concat();
        let cleaned = clean_html(html.as_bytes());
        prop_assert!(!cleaned.text.starts_with(char::is_whitespace));
    }

    #[test]
    fn any_text_is_cleaned(text in "\\PC{0,400}") {
        let cleaned = Cleaner::default().clean_text(&text);
        // Kept lines are lines of the input.
        for paragraph in cleaned.text.split("\n\n").filter(|p| !p.is_empty()) {
            prop_assert!(text.contains(paragraph));
        }
    }
}
