//! Publication dates, normalised to one form: `YYYY-MM-DD`, the calendar date as the page writes
//! it (a time of day and a zone are dropped). Read from ISO 8601 (`2024-05-30T10:15:00Z`), its
//! slashed and dotted forms (`2024/05/30`, `2024.05.30`), day-first numbers (`30.05.2024`,
//! `30/05/2024` when the day is over 12) and written dates with month names (the shared lexicon's months).
//! Only real calendar days between 1900 and 2100 are dates: `2024-02-31` and
//! `0001-01-01T00:00:00Z` (an empty value in many CMSs) are not.

/// Normalises a date as found in metadata, a URL or a date line to `YYYY-MM-DD`.
///
/// ```
/// use textmill_boilerplate::parse_date;
/// assert_eq!(parse_date("Thursday, May 30, 2024").as_deref(), Some("2024-05-30"));
/// assert_eq!(parse_date("2023-09-11T08:30:00Z").as_deref(), Some("2023-09-11"));
/// assert_eq!(parse_date("Erstellt am: 01.11.2023").as_deref(), Some("2023-11-01"));
/// assert_eq!(parse_date("25. August 2015").as_deref(), Some("2015-08-25"));
/// assert_eq!(parse_date("2024-02-31"), None);
/// assert_eq!(parse_date("0001-01-01T00:00:00Z"), None);
/// assert_eq!(parse_date("yesterday"), None);
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    // More than a dozen words is a sentence that mentions a date, not a date.
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let (year, month, day) = words
        .iter()
        .find_map(|w| numeric(w))
        .or_else(|| written(&words))?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A date written with numbers only: `2024-05-30` (a time may follow: `T10:15:00Z`),
/// `2024/05/30`, `2024.05.30`, `30.05.2024`, `30-05-2024`, `31.10.23` (a two-digit year only
/// in this dotted day-first form: 1970-2069), and `30/05/2024` or `05/30/2024` where the day is
/// over 12 (the order of `05/06/2024` cannot be told, so it is not a date).
fn numeric(word: &str) -> Option<(u32, u32, u32)> {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit());
    // The date part: up to a 'T' or the end; parts of digits split by one kind of separator.
    let date = word.split('T').next()?;
    let sep = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() < 3
        || !parts[..3]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (a, b, c) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
    let ymd = if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        (a, b, c)
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        match sep {
            '/' if a > 12 => (c, b, a),
            '/' if b > 12 => (c, a, b),
            '/' => return None,
            _ => (c, b, a),
        }
    } else if sep == '.' && parts[2].len() == 2 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        // "31.10.23": a two-digit year, in the dotted day-first form only.
        (if c < 70 { 2000 + c } else { 1900 + c }, b, a)
    } else {
        return None;
    };
    valid(ymd)
}

/// A written date: month name, day and four-digit year in any order, with a weekday or words
/// such as "Published" around them.
fn written(words: &[&str]) -> Option<(u32, u32, u32)> {
    let (mut year, mut month, mut day) = (None, None, None);
    for word in words {
        let w = word.trim_matches(|c: char| c == '.' || c == ':' || c == '(' || c == ')');
        if w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()) {
            year.get_or_insert(w.parse::<u32>().ok()?);
        } else if let Some(d) = day_of(w) {
            day.get_or_insert(d);
        } else if let Some(m) = month_of(&w.to_lowercase()) {
            month.get_or_insert(m);
        }
    }
    valid((year?, month?, day?))
}

/// A real calendar day between 1900 and 2100.
fn valid((year, month, day): (u32, u32, u32)) -> Option<(u32, u32, u32)> {
    let in_range = (1900..=2100).contains(&year);
    let (y, m, d) = (
        year as i16,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    );
    (in_range && jiff::civil::Date::new(y, m, d).is_ok()).then_some((year, month, day))
}

fn month_of(w: &str) -> Option<u32> {
    if w.chars().count() < 3 {
        return None;
    }
    textmill_core::lexicon::months()
        .iter()
        .find(|m| m.spelling == w || (m.full && m.spelling.starts_with(w)))
        .map(|m| m.number)
}

/// "5", "05", "5th", "1st".
fn day_of(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A date in a URL's path: `/2019/10/21/`, `/2019-10-21-title`, `/20191021/`.
///
/// ```
/// use textmill_boilerplate::date_in_url;
/// assert_eq!(date_in_url("https://a.org/2019/10/21/interning/").as_deref(), Some("2019-10-21"));
/// assert_eq!(date_in_url("https://a.org/news/2020-03-05-storm.html").as_deref(), Some("2020-03-05"));
/// assert_eq!(date_in_url("https://a.org/2019/10/list"), None);
/// assert_eq!(date_in_url("https://a.org/বিষয়-2020/dw-à-la-carte"), None);
/// ```
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u32>().ok();
    for (i, part) in parts.iter().enumerate() {
        let found = if digits(part, 4) && i + 2 < parts.len() {
            let day: String = parts[i + 2]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits(parts[i + 1], 2) && (1..=2).contains(&day.len()) {
                Some((num(part)?, num(parts[i + 1])?, num(&day)?))
            } else {
                None
            }
        } else if part.len() >= 10
            && part.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && part.as_bytes()[4] == b'-'
            && let Some(head) = part.get(..10)
        {
            numeric(head)
        } else if digits(part, 8) {
            Some((num(&part[..4])?, num(&part[4..6])?, num(&part[6..])?))
        } else {
            None
        };
        if let Some(ymd) = found.and_then(valid) {
            let (y, m, d) = ymd;
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// Whether a whole line is a date line (a date and little else).
pub(crate) fn is_date_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 8 && parse_date(line).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_string_is_read_without_panic(s in "\\PC{0,40}", path in "[a-z0-9à-ü/\\-]{0,30}") {
            let _ = parse_date(&s);
            let _ = date_in_url(&s);
            let _ = date_in_url(&format!("https://a.org/{path}"));
            if let Some(date) = parse_date(&s) {
                proptest::prop_assert_eq!(date.len(), 10);
            }
        }
    }
}
