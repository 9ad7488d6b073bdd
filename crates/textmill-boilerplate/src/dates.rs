//! Publication dates: ISO 8601 strings pass through (validated), written dates become `YYYY-MM-DD`.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Normalises a date as found in metadata or in a date line:
/// `2024-05-30T10:15:00Z` stays as it is, `Thursday, May 30, 2024` and `30 May 2024` become `2024-05-30`.
///
/// ```
/// use textmill_boilerplate::parse_date;
/// assert_eq!(parse_date("Thursday, May 30, 2024").as_deref(), Some("2024-05-30"));
/// assert_eq!(parse_date("2023-09-11T08:30:00Z").as_deref(), Some("2023-09-11T08:30:00Z"));
/// assert_eq!(parse_date("yesterday"), None);
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    iso(s).or_else(|| written(s))
}

/// `YYYY-MM-DD` with an optional time part, as given.
fn iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let month: u32 = s.get(5..7)?.parse().ok()?;
    let day: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(s.to_owned());
    }
    // A time part must look like one; anything else keeps just the day.
    let looks_like_time = (rest.starts_with('T') || rest.starts_with(' '))
        && rest.len() <= 30
        && rest[1..]
            .bytes()
            .all(|c| c.is_ascii_digit() || b":.+-Z ".contains(&c));
    if looks_like_time {
        Some(s.replacen(' ', "T", 1).trim_end().to_owned())
    } else {
        Some(s[..10].to_owned())
    }
}

/// A written date: month name, day and four-digit year in either order, with an optional weekday
/// and words such as "Published" or "Updated" around it. At most 12 words, so that a sentence
/// mentioning a date is not taken for a date line.
fn written(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let (mut year, mut month, mut day) = (None, None, None);
    for word in &words {
        let w = word.trim_matches(|c: char| c == '.' || c == ':');
        let lower = w.to_ascii_lowercase();
        if let Some(m) = month_of(&lower) {
            month.get_or_insert(m);
        } else if w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()) {
            year.get_or_insert(w.parse::<u32>().ok()?);
        } else if let Some(d) = day_of(&lower) {
            day.get_or_insert(d);
        }
    }
    let (year, month, day) = (year?, month?, day?);
    ((1900..=2100).contains(&year)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn month_of(w: &str) -> Option<u32> {
    if w.len() < 3 || WEEKDAYS.iter().any(|d| w.starts_with(d)) {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "may" is exact; others accept "sept", "september", "sep".
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][i];
    (full.starts_with(w) || w == "sept").then_some(i as u32 + 1)
}

fn day_of(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Whether a whole line is a date line (a date and little else).
pub fn is_date_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 8 && parse_date(line).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_in_common_orders() {
        assert_eq!(parse_date("May 30, 2024").as_deref(), Some("2024-05-30"));
        assert_eq!(parse_date("30 May 2024").as_deref(), Some("2024-05-30"));
        assert_eq!(
            parse_date("Published: Sept. 11, 2023 | 8:30 AM").as_deref(),
            Some("2023-09-11")
        );
        assert_eq!(
            parse_date("2024-05-30 10:15:00").as_deref(),
            Some("2024-05-30T10:15:00")
        );
        assert_eq!(parse_date("Monday"), None);
        assert_eq!(parse_date("2024-13-01"), None);
    }
}
