//! Word lists kept as data: plain-text files of `[section]` headers and entries, the format of
//! every list textmill ships (the segmenter's abbreviations, the cleaner's class names, ...).
//!
//! ```text
//! # a comment
//! [section]
//! entry one, entry two
//! entry three
//! ```
//!
//! Entries are separated by commas or line ends and trimmed; `#` starts a comment line.

/// The `(section, entry)` pairs of a list file, in file order. Entries before the first header
/// have the section `""`.
///
/// ```
/// let list = "# kinds\n[share]\nshare, social\n[nav]\nmenu\n";
/// let entries: Vec<_> = textmill_core::lexicon::entries(list).collect();
/// assert_eq!(entries, [("share", "share"), ("share", "social"), ("nav", "menu")]);
/// ```
pub fn entries(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    text.lines().flat_map(move |line| {
        let line = line.trim();
        let mut items: Vec<(&str, &str)> = Vec::new();
        if line.starts_with('#') || line.is_empty() {
        } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim();
        } else {
            items.extend(
                line.split(',')
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(|e| (section, e)),
            );
        }
        items
    })
}
