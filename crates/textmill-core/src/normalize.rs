use std::borrow::Cow;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

crate::named_enum! {
    /// The Unicode normalisation form to apply.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum NormalForm ("normal form") {
        /// Leave the code points as they are.
        None = "none",
        /// Canonical composition: the default, it never changes how text looks.
        #[default]
        Nfc = "nfc",
        /// Compatibility composition: also folds ligatures, full-width forms, superscripts.
        Nfkc = "nfkc",
    }
}

/// What [`normalize`] does. The default only applies NFC: whitespace, zero-width and control
/// characters and typographic quotes are kept as they are unless asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct NormalizeConfig {
    /// The Unicode normal form (NFC by default).
    pub form: NormalForm,
    /// `\r\n` and `\r` become `\n`; runs of spaces, tabs and no-break spaces become one space;
    /// spaces at line ends go; three or more line breaks become two.
    pub whitespace: bool,
    /// Drop zero-width characters (U+200B..U+200D, U+2060, U+FEFF) and soft hyphens.
    pub zero_width: bool,
    /// Drop control characters other than `\n` and `\t`.
    pub control: bool,
    /// Replace typographic quotes and apostrophes with ASCII ones.
    pub ascii_quotes: bool,
}

impl NormalizeConfig {
    /// Everything on: NFC, whitespace, zero-width and control characters cleaned; quotes kept.
    pub fn clean() -> Self {
        NormalizeConfig {
            form: NormalForm::Nfc,
            whitespace: true,
            zero_width: true,
            control: true,
            ascii_quotes: false,
        }
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' && c != '\r'
}

fn ascii_quote(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        _ => None,
    }
}

/// Normalises `text` as `config` says. Returns the input unchanged (borrowed) when nothing applies.
///
/// ```
/// use textmill_core::{normalize, NormalizeConfig};
///
/// // NFC by default: "e" + combining acute becomes one code point.
/// assert_eq!(normalize("caf\u{65}\u{301}", &NormalizeConfig::default()), "caf\u{e9}");
/// assert_eq!(normalize("a \t b\r\n", &NormalizeConfig::clean()), "a b\n");
/// ```
pub fn normalize<'a>(text: &'a str, config: &NormalizeConfig) -> Cow<'a, str> {
    let mut out: Cow<'a, str> = match config.form {
        NormalForm::None => Cow::Borrowed(text),
        NormalForm::Nfc if is_nfc_quick(text.chars()) == IsNormalized::Yes => Cow::Borrowed(text),
        NormalForm::Nfc => Cow::Owned(text.nfc().collect()),
        NormalForm::Nfkc if is_nfkc_quick(text.chars()) == IsNormalized::Yes => Cow::Borrowed(text),
        NormalForm::Nfkc => Cow::Owned(text.nfkc().collect()),
    };
    let drops = |c: char| {
        (config.zero_width && is_zero_width(c)) || (config.control && is_stray_control(c))
    };
    if out
        .chars()
        .any(|c| drops(c) || (config.ascii_quotes && ascii_quote(c).is_some()))
    {
        out = Cow::Owned(
            out.chars()
                .filter(|&c| !drops(c))
                .map(|c| ascii_quote(c).unwrap_or(c))
                .collect(),
        );
    }
    if config.whitespace
        && let Some(cleaned) = clean_whitespace(&out)
    {
        out = Cow::Owned(cleaned);
    }
    out
}

/// Returns `None` when the text's whitespace is already clean.
fn clean_whitespace(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut newlines = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c == '\r' {
            if chars.peek() == Some(&'\n') {
                continue;
            }
            '\n'
        } else {
            c
        };
        if c == '\n' {
            pending_space = false;
            newlines += 1;
            continue;
        }
        if matches!(
            c,
            ' ' | '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}'
        ) {
            pending_space = true;
            continue;
        }
        if newlines > 0 {
            out.extend(std::iter::repeat_n('\n', newlines.min(2)));
            newlines = 0;
        } else if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if newlines > 0 && !out.is_empty() {
        out.push('\n');
    }
    (out != text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keeps_quotes_whitespace_and_zero_width() {
        let text = "Kim’s  “train”\u{200B}\r\n";
        assert_eq!(normalize(text, &NormalizeConfig::default()), text);
    }

    #[test]
    fn nfkc_folds_compatibility_forms() {
        let config = NormalizeConfig {
            form: NormalForm::Nfkc,
            ..Default::default()
        };
        assert_eq!(normalize("ﬁne ＡＢ", &config), "fine AB");
    }

    #[test]
    fn clean_collapses_whitespace_and_drops_invisible_characters() {
        let text =
            "  Kim\u{200B} met\u{00A0}\u{00A0}Putin.  \r\n\r\n\r\n\r\nThey\u{0007} talked.\n";
        assert_eq!(
            normalize(text, &NormalizeConfig::clean()),
            "Kim met Putin.\n\nThey talked.\n"
        );
    }

    #[test]
    fn ascii_quotes_only_when_asked() {
        let config = NormalizeConfig {
            ascii_quotes: true,
            ..Default::default()
        };
        assert_eq!(normalize("Kim’s “train”", &config), "Kim's \"train\"");
    }
}
