//! Headlines and names, as both paths need them: the same words in two texts, a title's site
//! suffix, a byline's list of names.

/// "Jane Doe and John Roe", "Jane Doe, John Roe" -> two names.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    s.split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        // "Kiran C Nair - Chrome Safe Browsing team": a role or a link after a dash.
        .map(|n| {
            [" - ", " – ", " | "]
                .iter()
                .filter_map(|sep| n.find(sep))
                .min()
                .map_or(n, |at| &n[..at])
        })
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty() && n.split_whitespace().count() <= 5)
        .collect()
}

/// "Headline | Site" or "Headline - Site" -> "Headline".
pub(crate) fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = title.rfind(sep)
            && i > 0
        {
            return title[..i].trim().to_owned();
        }
    }
    title.trim().to_owned()
}

/// Whether `text` is the page's headline (same words, ignoring case and punctuation).
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    // Texts of very different lengths cannot have the same words (a cheap test first: this is
    // asked of every block of a page).
    let (shorter, longer) = if a.len() <= b.len() {
        (a.len(), b.len())
    } else {
        (b.len(), a.len())
    };
    if longer > 2 * shorter + 16 {
        return false;
    }
    // Word by word, lower-cased on the fly: no allocation.
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    let mut a_words = words(a);
    let mut b_words = words(b);
    let mut any = false;
    loop {
        match (a_words.next(), b_words.next()) {
            (None, None) => return any,
            (Some(x), Some(y)) => {
                if !x
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(y.chars().flat_map(char::to_lowercase))
                {
                    return false;
                }
                any = true;
            }
            _ => return false,
        }
    }
}
