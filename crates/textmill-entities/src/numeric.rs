//! Number and date entities in OntoNotes 5 style, the scheme spaCy's English models follow:
//! DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL, found by rules over the tokens of
//! one sentence.
//!
//! The scan goes left to right. At each token every rule looks a bounded number of tokens ahead,
//! the longest match wins and the scan resumes after it: linear time, no overlaps. As in
//! OntoNotes, an approximator ("about", "more than") belongs to the count it precedes, a leading
//! "the" never belongs to a span, and a possessive "'s" stays outside.

use std::borrow::Cow;
use std::sync::LazyLock;

use textmill_core::lexicon::{WordList, english_month, english_weekday, time_zones};
use textmill_core::{Label, Token, TokenKind};

use crate::words;

use Label::{Cardinal, Date, Money, Ordinal, Percent, Quantity, Time};

/// Number and date entities among `tokens` (the tokens of one sentence of `text`, sorted):
/// `(first token index, one past the last token index, label)`, sorted, never overlapping.
pub fn find(text: &str, tokens: &[Token]) -> Vec<(usize, usize, Label)> {
    let scan = Scan::new(text, tokens);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match scan.entity(i) {
            Some((end, label)) => {
                let end = end.clamp(i + 1, tokens.len());
                found.push((i, end, label));
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

// Word lists, data/words.txt.
static DATE_UNITS: LazyLock<WordList> = LazyLock::new(|| words::list("date_units"));
static PERIODS: LazyLock<WordList> = LazyLock::new(|| words::list("periods"));
static TIME_UNITS: LazyLock<WordList> = LazyLock::new(|| words::list("time_units"));
static TIMES_OF_DAY: LazyLock<WordList> = LazyLock::new(|| words::list("times_of_day"));
static SEASONS: LazyLock<WordList> = LazyLock::new(|| words::list("seasons"));
static PREPS: LazyLock<WordList> = LazyLock::new(|| words::list("date_prepositions"));
static RELATIVE: LazyLock<WordList> = LazyLock::new(|| words::list("relative"));
static CURRENCIES: LazyLock<WordList> = LazyLock::new(|| words::list("currencies"));
static CURRENCY_CODES: LazyLock<WordList> = LazyLock::new(|| words::list("currency_codes"));
static DOLLAR_PREFIXES: LazyLock<WordList> = LazyLock::new(|| words::list("dollar_prefixes"));
static UNITS: LazyLock<WordList> = LazyLock::new(|| words::list("units"));
static RATES: LazyLock<WordList> = LazyLock::new(|| words::list("rates"));
static ORDINALS: LazyLock<WordList> = LazyLock::new(|| words::list("ordinals"));
static MONTHS_ALSO_WORDS: LazyLock<WordList> = LazyLock::new(|| words::list("months_also_words"));

/// The role of a number word in a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nw {
    /// A numeral, a hyphenated "twenty-one" or a fraction "two-thirds": only scales may follow.
    Whole,
    Digit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    /// "dozens", "hundreds", "thousands", "tens" (of thousands).
    Plural,
}

fn number_word(w: &str) -> Option<Nw> {
    Some(match w {
        "zero" | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" => {
            Nw::Digit
        }
        "ten" | "eleven" | "twelve" | "thirteen" | "fourteen" | "fifteen" | "sixteen"
        | "seventeen" | "eighteen" | "nineteen" => Nw::Teen,
        "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety" => {
            Nw::Tens
        }
        "hundred" => Nw::Hundred,
        "thousand" | "million" | "billion" | "trillion" => Nw::Scale,
        "dozen" => Nw::Dozen,
        "dozens" | "hundreds" | "thousands" | "millions" | "billions" | "tens" => Nw::Plural,
        _ => {
            // "twenty-one", "two-thirds", "one-half"
            let (a, b) = w.split_once('-')?;
            let fractions = [
                "half", "halve", "third", "quarter", "fifth", "sixth", "eighth", "tenth",
            ];
            let fraction = fractions.contains(&b.strip_suffix('s').unwrap_or(b));
            match number_word(a)? {
                Nw::Tens if number_word(b) == Some(Nw::Digit) => Nw::Whole,
                Nw::Digit if fraction => Nw::Whole,
                _ => return None,
            }
        }
    })
}

/// Which number word may follow which inside one count.
fn follows(prev: Nw, next: Nw) -> bool {
    match prev {
        Nw::Whole | Nw::Digit | Nw::Teen => matches!(next, Nw::Hundred | Nw::Scale | Nw::Dozen),
        Nw::Tens => matches!(next, Nw::Digit | Nw::Hundred | Nw::Scale),
        Nw::Hundred | Nw::Scale => matches!(next, Nw::Digit | Nw::Teen | Nw::Tens | Nw::Scale),
        Nw::Dozen | Nw::Plural => false,
    }
}

/// Digits with inner separators: "12", "1,000", "3.5", "1/2".
fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_digit)
        && b.last().is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b',' | b'.' | b'/'))
        && b.windows(2)
            .all(|p| p[0].is_ascii_digit() || p[1].is_ascii_digit())
        && b.iter().filter(|&&c| c == b'/').count() <= 1
}

/// A plain number, a range ("5-10") or a scaled number ("20bn", "5m", "1.5tn").
fn numeral(w: &str) -> bool {
    let n = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let scale = &w[n.len()..];
    matches!(
        scale,
        "" | "k" | "m" | "mn" | "mln" | "b" | "bn" | "bln" | "tn" | "trn"
    ) && (plain(n) || n.split_once('-').is_some_and(|(a, b)| plain(a) && plain(b)))
}

fn year(w: &str) -> Option<u32> {
    let digits = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let y: u32 = w.parse().ok().filter(|_| digits)?;
    (1000..=2099).contains(&y).then_some(y)
}

/// "1990-2000", "2022-23", "1990/91". From 1500 on: "1000-2000 people" is a range of numbers.
fn year_range(w: &str) -> bool {
    w.split_once(['-', '/']).is_some_and(|(a, b)| {
        let short = b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit());
        year(a).is_some_and(|a| a >= 1500 && (short || year(b).is_some_and(|b| b > a)))
    })
}

/// "1990s", "90s".
fn decade(w: &str) -> bool {
    let d = w.strip_suffix('s').unwrap_or("");
    matches!(d.len(), 2 | 4) && d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0')
}

/// "2023-09-12", "12/09/2023", "9/12/23", "12.09.2023" (but not the version "2.0.11").
fn iso_date(w: &str) -> bool {
    let Some(sep) = w.bytes().find(|b| matches!(b, b'-' | b'/' | b'.')) else {
        return false;
    };
    let mut parts = w.split(char::from(sep));
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let num =
        |s: &str, lens: &[usize]| lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    (num(a, &[4]) && num(b, &[1, 2]) && num(c, &[1, 2]))
        || (num(a, &[1, 2]) && num(b, &[1, 2]) && num(c, &[2, 4]) && (sep != b'.' || c.len() == 4))
}

/// A day of the month: "12", "12th", "11-12".
fn day(w: &str) -> bool {
    let one = |s: &str| {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&n)
            && matches!(&s[n..], "" | "st" | "nd" | "rd" | "th")
            && s[..n].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    };
    one(w) || w.split_once('-').is_some_and(|(a, b)| one(a) && one(b))
}

/// "1st", "10th", "21st", "1,000th".
fn ordinal_number(w: &str) -> bool {
    let n = w
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b',')
        .count();
    w.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && matches!(&w[n..], "st" | "nd" | "rd" | "th")
}

/// "first", "twentieth", "twenty-first".
fn ordinal_word(w: &str) -> bool {
    ORDINALS.contains(w)
        || w.split_once('-')
            .is_some_and(|(a, b)| number_word(a) == Some(Nw::Tens) && ORDINALS.contains(b))
}

/// Clock shapes: "15:00", "3:30:15", "3pm", "8.30am".
fn clock_shape(w: &str) -> bool {
    let (t, marked) = match w.strip_suffix("am").or_else(|| w.strip_suffix("pm")) {
        Some(t) => (t, true),
        None => (w, false),
    };
    let digits = |s: &str, max: u32| {
        (1..=2).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let minutes = |s: &str| s.len() == 2 && digits(s, 59);
    match t.split_once([':', '.']) {
        None => marked && digits(t, 12),
        // A dot is a decimal point unless am/pm follows: "3.30" is a number.
        Some((h, rest)) => {
            let (m, s) = rest.split_once(':').unwrap_or((rest, "00"));
            digits(h, 24) && minutes(m) && minutes(s) && (marked || t.contains(':'))
        }
    }
}

fn is_ampm(w: &str) -> bool {
    matches!(w, "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m")
}

fn currency_symbol(w: &str) -> bool {
    matches!(
        w,
        "$" | "€" | "£" | "¥" | "₹" | "₩" | "₽" | "₺" | "₦" | "₱" | "₪" | "฿" | "¢"
    )
}

fn month_name(w: &str) -> Option<bool> {
    // Some(true): a word that is also a verb or a name, or an abbreviation.
    let month = english_month(w)?;
    Some(!month.full || MONTHS_ALSO_WORDS.contains(month.spelling))
}

/// A number and a unit in one token: "15-year-old", "10-kilometer", "37mph", "24-hour",
/// "two-year", "21st-century".
fn compound(w: &str) -> Option<Label> {
    let digits = w
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
        .count();
    let (head_ok, rest) = if digits > 0 {
        (w.as_bytes()[digits - 1].is_ascii_digit(), &w[digits..])
    } else {
        let (head, _) = w.split_once('-')?;
        let ok = matches!(number_word(head), Some(Nw::Digit | Nw::Teen | Nw::Tens));
        (ok, &w[head.len()..])
    };
    let (ordinal, rest) = match rest.get(..3) {
        Some("st-" | "nd-" | "rd-" | "th-") if digits > 0 => (true, &rest[2..]),
        _ => (false, rest),
    };
    let hyphen = rest.starts_with('-');
    let unit = rest.strip_prefix('-').unwrap_or(rest);
    let unit = unit
        .strip_suffix("-old")
        .or_else(|| unit.strip_suffix("-long"))
        .unwrap_or(unit);
    if !head_ok || unit.is_empty() {
        return None;
    }
    if ordinal {
        return (unit == "century").then_some(Date);
    }
    Some(if DATE_UNITS.contains(unit) {
        Date
    } else if TIME_UNITS.contains(unit) {
        Time
    } else if unit == "percent" {
        Percent
    } else if UNITS.contains(unit) && (hyphen || unit != "m") {
        // A glued "100m" is a hundred million, "100-m" a distance.
        Quantity
    } else {
        return None;
    })
}

type Match = Option<(usize, Label)>;

/// The longer of two matches; the first on a tie.
fn longer(a: Match, b: Match) -> Match {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// The tokens of one sentence with their text, lower-cased ASCII letters and curly apostrophes
/// straightened. Every accessor takes any index: past the ends it reads "".
struct Scan<'a> {
    tokens: &'a [Token],
    raw: Vec<&'a str>,
    low: Vec<Cow<'a, str>>,
    /// The first token that is not punctuation: where the sentence starts.
    first: usize,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        // A span that does not fit the text reads as "", so foreign tokens cannot panic.
        let raw: Vec<&str> = tokens
            .iter()
            .map(|t| text.get(t.span().start..t.span().end).unwrap_or(""))
            .collect();
        let low = raw
            .iter()
            .map(|&s| {
                if s.bytes().any(|b| b.is_ascii_uppercase()) || s.contains('’') {
                    Cow::Owned(s.replace('’', "'").to_ascii_lowercase())
                } else {
                    Cow::Borrowed(s)
                }
            })
            .collect();
        let first = tokens
            .iter()
            .position(|t| t.kind != TokenKind::Punct)
            .unwrap_or(0);
        Scan {
            tokens,
            raw,
            low,
            first,
        }
    }

    fn raw(&self, i: usize) -> &'a str {
        self.raw.get(i).copied().unwrap_or("")
    }

    fn low(&self, i: usize) -> &str {
        self.low.get(i).map_or("", |w| w)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.low(i) == word
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    fn number(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Number)
    }

    /// Whether token `i` ends where token `i + 1` begins ("US" + "$", "10" + "-").
    fn joined(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i.wrapping_add(1))) {
            (Some(a), Some(b)) => a.span().end == b.span().start,
            _ => false,
        }
    }

    fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn cap_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word) && self.capitalized(i)
    }

    fn initial(&self, i: usize) -> bool {
        i <= self.first || matches!(self.raw(i - 1), "\"" | "“" | "'" | "‘" | "(" | ":")
    }

    /// A capitalized word next to another mid-sentence is part of a name: "the First
    /// Amendment", "World War One", "USA Today".
    fn in_name(&self, i: usize) -> bool {
        self.capitalized(i)
            && !self.initial(i)
            && (self.cap_word(i.wrapping_sub(1)) || self.cap_word(i + 1))
    }

    fn year_tok(&self, i: usize) -> bool {
        self.number(i) && year(self.low(i)).is_some()
    }

    /// Past an optional ", 2023" or "2023" at `j`.
    fn with_year(&self, j: usize) -> usize {
        if self.year_tok(j) {
            j + 1
        } else if self.is(j, ",") && self.year_tok(j + 1) {
            j + 2
        } else {
            j
        }
    }

    /// Some(weak) for a capitalized month name; weak ones ("May", "Sept.") need company.
    fn month(&self, i: usize) -> Option<bool> {
        month_name(self.low(i)).filter(|_| self.capitalized(i))
    }

    fn weekday(&self, i: usize) -> bool {
        // "Monday", "Mondays" or an abbreviation with its period ("Thurs.").
        let w = self.low(i);
        let day = match w.strip_suffix('.') {
            Some(short) => english_weekday(short).filter(|d| !d.full),
            None => english_weekday(w.strip_suffix('s').unwrap_or(w)).filter(|d| d.full),
        };
        day.is_some() && self.capitalized(i)
    }

    /// The longest entity starting at token `i`, with an approximator if one is there.
    fn entity(&self, i: usize) -> Match {
        let skip = match (self.low(i), self.low(i + 1)) {
            ("more" | "less" | "fewer", "than") | ("at", "least" | "most") | ("up", "to") => 2,
            (
                "about" | "almost" | "approximately" | "around" | "nearly" | "roughly" | "some",
                _,
            ) => 1,
            _ => 0,
        };
        if skip > 0
            && let Some((end, label, true)) = self.longest(i + skip)
        {
            return Some((end, label));
        }
        self.longest(i).map(|(end, label, _)| (end, label))
    }

    /// The longest match at `i` and whether it is counted, so that an approximator may join it.
    /// On a tie the earlier rule wins: a year is a DATE before it is a CARDINAL.
    fn longest(&self, i: usize) -> Option<(usize, Label, bool)> {
        let found = [
            self.clock(i).map(|(e, l)| (e, l, true)),
            self.date(i).map(|(e, l)| (e, l, false)),
            self.money(i).map(|(e, l)| (e, l, true)),
            self.measure(i).map(|(e, l)| (e, l, true)),
            self.ordinal(i).map(|(e, l)| (e, l, false)),
        ];
        found
            .into_iter()
            .flatten()
            .fold(None, |best, m| match best {
                Some((end, ..)) if end >= m.0 => best,
                _ => Some(m),
            })
    }

    /// Clock times: "15:00", "3:30pm", "9am-5pm", "noon", with a marker and a zone after them.
    fn clock(&self, i: usize) -> Match {
        let w = self.low(i);
        let shaped = self.number(i) && w.split('-').count() <= 2 && w.split('-').all(clock_shape);
        if !shaped && !matches!(w, "noon" | "midnight" | "midday") {
            return None;
        }
        let end = i + 1 + usize::from(is_ampm(self.low(i + 1)));
        Some((self.zone(end), Time))
    }

    /// Past a time zone at `j`: "3 p.m. ET", "15:00 GMT", "noon local time".
    fn zone(&self, j: usize) -> usize {
        if time_zones().contains(self.raw(j)) {
            j + 1
        } else if self.is(j, "local") && self.is(j + 1, "time") {
            j + 2
        } else {
            j
        }
    }

    /// DATE, and the TIME of "last night": calendar and relative dates, with "early", "late",
    /// "mid", "earlier" or "later" before them ("early 2023", "earlier this year").
    fn date(&self, i: usize) -> Match {
        let w = self.low(i);
        if matches!(w, "early" | "late" | "mid" | "earlier" | "later") {
            // "mid - 1990s" when hyphens are split
            let j = if self.is(i + 1, "-") && self.joined(i) {
                i + 2
            } else {
                i + 1
            };
            let calendar = if w.ends_with('r') {
                None
            } else {
                self.calendar(j)
            };
            if let Some(m) = longer(calendar, self.relative(j)) {
                return Some(m);
            }
        }
        longer(self.calendar(i), self.relative(i))
    }

    /// Dates that name a day, month, season, year or decade.
    fn calendar(&self, i: usize) -> Match {
        let w = self.low(i);
        if let Some(end) = self.month_date(i) {
            return Some((end, Date));
        }
        if self.weekday(i) {
            // "Monday, September 11, 2023"; "Monday morning" is a TIME.
            let j = i + 1 + usize::from(self.is(i + 1, ","));
            if let Some(end) = self.month_date(j) {
                return Some((end, Date));
            }
            if TIMES_OF_DAY.contains(self.low(i + 1)) {
                return Some((i + 2, Time));
            }
            return Some((i + 1, Date));
        }
        if self.number(i) {
            if iso_date(w) || year_range(w) || decade(w) {
                return Some((i + 1, Date));
            }
            if let Some(y) = year(w) {
                return self.year_at(i, y);
            }
            // "12 September 2023", "12th of September"
            let j = i + 1 + usize::from(self.is(i + 1, "of"));
            if day(w) && self.month(j).is_some() {
                return Some((self.with_year(j + 1), Date));
            }
        }
        // "the '90s"
        if w == "'" && self.joined(i) && self.number(i + 1) && decade(self.low(i + 1)) {
            return Some((i + 2, Date));
        }
        // "mid-1990s", "mid-September" when hyphens are not split
        if let Some(rest) = w.strip_prefix("mid-") {
            let dated = year(rest).is_some() || decade(rest) || SEASONS.contains(rest);
            return (dated || month_name(rest).is_some()).then_some((i + 1, Date));
        }
        // "Q3 2023", "FY2023"
        let b = w.as_bytes();
        let quarter = b.len() == 2 && b[0] == b'q' && matches!(b[1], b'1'..=b'4');
        let fiscal = b.len() > 2 && b.starts_with(b"fy") && b[2..].iter().all(u8::is_ascii_digit);
        if quarter || fiscal {
            return Some((self.with_year(i + 1), Date));
        }
        // "fiscal 2023", "fiscal year 2023", "summer 2023", "summer of 2023"
        if w == "fiscal" || SEASONS.contains(w) {
            let j = i + 1 + usize::from(matches!(self.low(i + 1), "year" | "of"));
            return self.year_tok(j).then_some((j + 1, Date));
        }
        // "third-quarter" (profit)
        let period = |w: &str| matches!(w, "quarter" | "half" | "century");
        if w.split_once('-')
            .is_some_and(|(a, b)| ordinal_word(a) && period(b))
        {
            return Some((i + 1, Date));
        }
        // "third quarter", "second half of 2023", "19th century"
        if self.ordinal(i).is_some() && period(self.low(i + 1)) {
            let j = i + 2 + usize::from(self.is(i + 2, "of"));
            return Some((if self.year_tok(j) { j + 1 } else { i + 2 }, Date));
        }
        // "years ago", "hours earlier"
        if w.ends_with('s') && matches!(self.low(i + 1), "ago" | "earlier" | "later") {
            if DATE_UNITS.contains(w) {
                return Some((i + 2, Date));
            }
            if TIME_UNITS.contains(w) {
                return Some((i + 2, Time));
            }
        }
        None
    }

    /// "September", "September 12", "Sept. 12, 2023", "September 2023", "September of 2023".
    /// A bare weak month needs a preposition: "in May", not "Theresa May".
    fn month_date(&self, i: usize) -> Option<usize> {
        let weak = self.month(i)?;
        if self.number(i + 1) && day(self.low(i + 1)) {
            return Some(self.with_year(i + 2));
        }
        let j = i + 1 + usize::from(self.is(i + 1, "of"));
        if self.year_tok(j) {
            return Some(j + 1);
        }
        (!weak || PREPS.contains(self.low(i.wrapping_sub(1)))).then_some(i + 1)
    }

    /// A four-digit year: always from 1900 on, earlier only after a preposition ("in 1850");
    /// with a range ("1990 to 2000") or a decade's "'s" ("the 1990's").
    fn year_at(&self, i: usize, y: u32) -> Match {
        let prev = self.low(i.wrapping_sub(1));
        let mut end = i + 1;
        if matches!(self.low(end), "-" | "–" | "to" | "through") && self.year_tok(end + 1) {
            end += 2;
        } else if self.is(end, "'s")
            && y.is_multiple_of(10)
            && matches!(prev, "the" | "early" | "late" | "mid" | "-")
        {
            end += 1;
        }
        (y >= 1900 || end > i + 1 || PREPS.contains(prev)).then_some((end, Date))
    }

    /// Relative dates: "yesterday", "tonight", "last week", "this morning", "next May", "past
    /// three years" (of "the past three years"), "recent years", "coming days", "next 24 hours".
    fn relative(&self, i: usize) -> Match {
        let w = self.low(i);
        if self.in_name(i) {
            return None;
        }
        match w {
            "yesterday" | "today" | "tomorrow" => {
                let time = TIMES_OF_DAY.contains(self.low(i + 1));
                return Some(if time { (i + 2, Time) } else { (i + 1, Date) });
            }
            "tonight" => return Some((i + 1, Time)),
            _ => {}
        }
        let deictic = matches!(w, "this" | "last" | "next");
        if !deictic && !RELATIVE.contains(w) {
            return None;
        }
        let mut j = i + 1;
        if w == "this" && matches!(self.low(j), "past" | "coming") {
            j += 1;
        }
        if deictic {
            if TIMES_OF_DAY.contains(self.low(j)) {
                return Some((j + 1, Time));
            }
            if self.weekday(j) && TIMES_OF_DAY.contains(self.low(j + 1)) {
                return Some((j + 2, Time));
            }
            if self.weekday(j) || self.month(j).is_some() || SEASONS.contains(self.low(j)) {
                return Some((j + 1, Date));
            }
        }
        // A count, a vague amount or nothing, then a unit.
        let k = self
            .count(j)
            .or_else(|| self.vague(j).filter(|v| !v.1).map(|v| v.0))
            .unwrap_or(j);
        let unit = self.low(k);
        if w == "recent" && !unit.ends_with('s') {
            return None;
        }
        if DATE_UNITS.contains(unit) || PERIODS.contains(unit) {
            Some((k + 1, Date))
        } else if TIME_UNITS.contains(unit) {
            Some((k + 1, Time))
        } else {
            None
        }
    }

    /// A currency symbol or code before a count: "$5", "$5.2 million", "US$5", "€20bn",
    /// "$5 bn", "Rs. 500".
    fn money(&self, i: usize) -> Match {
        let mut j = i;
        if DOLLAR_PREFIXES.contains(self.raw(i))
            && self.joined(i)
            && currency_symbol(self.low(i + 1))
        {
            j += 1;
        }
        if currency_symbol(self.low(j)) {
            j += 1;
        } else if CURRENCY_CODES.contains(self.raw(j)) {
            j += 1 + usize::from(self.is(j + 1, ".") && self.joined(j));
        } else {
            return None;
        }
        let end = self.count(j)?;
        let scaled = matches!(self.low(end), "m" | "mn" | "bn" | "b" | "tn" | "k");
        Some((end + usize::from(scaled), Money))
    }

    /// A count with what it counts: "5%", "20 euros", "four years ago", "two hours", "37 mph",
    /// "3 p.m.", "5 to 10 percent", "a few days"; a bare count is CARDINAL.
    fn measure(&self, i: usize) -> Match {
        if matches!(self.kind(i), Some(TokenKind::Number | TokenKind::Word))
            && let Some(label) = compound(self.low(i))
        {
            return Some((i + 1, label));
        }
        let Some(end) = self.count(i) else {
            let (end, needs_ago) = self.vague(i)?;
            let (e, label) = self.unit(end)?;
            let timed = !needs_ago || matches!(self.low(e - 1), "ago" | "earlier" | "later");
            return (matches!(label, Date | Time) && timed).then_some((e, label));
        };
        // "5 to 10 percent", "three or four days"
        if matches!(self.low(end), "to" | "-" | "–" | "or")
            && let Some(m) = self.count(end + 1).and_then(|e| self.unit(e))
        {
            return Some(m);
        }
        // An age is a DATE: "aged 45".
        let bare = if self.is(i.wrapping_sub(1), "aged") {
            Date
        } else {
            Cardinal
        };
        Some(self.unit(end).unwrap_or((end, bare)))
    }

    /// A count: "5", "1,000", "5.2 million", "20bn", "twenty-one", "three hundred and five",
    /// "a dozen", "several thousand", "hundreds of thousands", "two and a half", "a third".
    fn count(&self, i: usize) -> Option<usize> {
        // "a third of", "one quarter of": fractions, not ordinals
        let fraction = matches!(self.low(i + 1), "third" | "quarter" | "fifth" | "tenth");
        if matches!(self.low(i), "a" | "one") && fraction && self.is(i + 2, "of") {
            return Some(i + 2);
        }
        // "a dozen", "half a million", "a few hundred": these leads only go before a scale.
        let j = match (self.low(i), self.low(i + 1)) {
            ("a", "few") | ("half", "a") => i + 2,
            ("a" | "an" | "several" | "few", _) => i + 1,
            _ => i,
        };
        let numeral = j == i && self.number(i) && numeral(self.low(i));
        let mut prev = if numeral {
            Nw::Whole
        } else {
            self.number_word_at(j)?
        };
        if j > i && !matches!(prev, Nw::Hundred | Nw::Scale | Nw::Dozen) {
            return None;
        }
        let mut end = j + 1;
        while end < j + 8 {
            // "hundreds of thousands", "tens of millions"
            if prev == Nw::Plural
                && self.is(end, "of")
                && number_word(self.low(end + 1)) == Some(Nw::Plural)
            {
                end += 2;
                continue;
            }
            // "three hundred and five"; "twenty - one" when hyphens are split
            let and = self.is(end, "and") && matches!(prev, Nw::Hundred | Nw::Scale) && !numeral;
            let hyphen =
                self.is(end, "-") && prev == Nw::Tens && self.joined(end - 1) && self.joined(end);
            let k = end + usize::from(and || hyphen);
            let next = number_word(self.low(k)).filter(|_| self.kind(k) == Some(TokenKind::Word));
            // After a numeral only scales: "5 million", not "5 million two (years)".
            match next {
                Some(next) if follows(prev, next) && !(numeral && prev == Nw::Scale) => {
                    prev = next;
                    end = k + 1;
                }
                _ => break,
            }
        }
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            end += 3;
        }
        Some(end)
    }

    /// A number word that can start a count: not in a name ("World War One") and not the
    /// pronoun "one" ("no one", "one another"; "one of them" stays a count).
    fn number_word_at(&self, j: usize) -> Option<Nw> {
        let w = self.low(j);
        let nw = number_word(w)?;
        let pronoun = w == "one"
            && (matches!(
                self.low(j.wrapping_sub(1)),
                "no" | "any" | "each" | "every" | "some" | "which" | "this" | "that"
            ) || self.is(j + 1, "another"));
        let lone_tens = w == "tens" && !self.is(j + 1, "of");
        let word = self.kind(j) == Some(TokenKind::Word) && !self.in_name(j);
        (word && !pronoun && !lone_tens).then_some(nw)
    }

    /// Vague amounts that only count time: "a few", "several", "many", "a couple of", "half
    /// an", and "a" or "an", which needs "ago", "earlier" or "later" after it ("a year ago") or
    /// a word like "in" before it ("in a decade", "once a year").
    fn vague(&self, i: usize) -> Option<(usize, bool)> {
        Some(match (self.low(i), self.low(i + 1)) {
            ("a", "few") | ("half", "a" | "an") => (i + 2, false),
            ("a", "couple") => (i + 2 + usize::from(self.is(i + 2, "of")), false),
            ("several" | "many" | "few", _) => (i + 1, false),
            ("a" | "an", _) => {
                let before = self.low(i.wrapping_sub(1));
                let timed = matches!(
                    before,
                    "for" | "in" | "once" | "over" | "than" | "twice" | "within"
                );
                // "for a second time" is an ORDINAL
                (i + 1, !timed || self.is(i + 1, "second"))
            }
            _ => return None,
        })
    }

    /// What follows a count at `j`: a percent sign or word, a currency, a clock marker, a date,
    /// time or measure unit (after a hyphen when hyphens are split).
    fn unit(&self, j: usize) -> Match {
        let w = self.low(j);
        match w {
            "%" | "percent" | "pct" => return Some((j + 1, Percent)),
            "per" if self.is(j + 1, "cent") => return Some((j + 2, Percent)),
            "percentage" if matches!(self.low(j + 1), "point" | "points") => {
                return Some((j + 2, Percent));
            }
            "o'clock" | "noon" => return Some((j + 1, Time)),
            _ => {}
        }
        if is_ampm(w) {
            return Some((self.zone(j + 1), Time));
        }
        if let Some(end) = self.currency_word(j) {
            return Some((end, Money));
        }
        if currency_symbol(w) && self.joined(j.wrapping_sub(1)) {
            return Some((j + 1, Money));
        }
        // "15 - year - old", "10 - kilometer" when hyphens are split
        let k = if w == "-" && self.joined(j.wrapping_sub(1)) && self.joined(j) {
            j + 1
        } else {
            j
        };
        let u = self.low(k);
        let label = if DATE_UNITS.contains(u) {
            Date
        } else if TIME_UNITS.contains(u) {
            Time
        } else {
            return self.quantity(k).map(|e| (e, Quantity));
        };
        let end = match self.low(k + 1) {
            "ago" | "earlier" | "later" | "old" => k + 2,
            "-" if self.is(k + 2, "old") && self.joined(k + 1) => k + 3,
            _ => k + 1,
        };
        Some((end, label))
    }

    /// A currency after a count: "dollars", "euros", "U.S. dollars", "Hong Kong dollars",
    /// "pounds sterling" (bare "pounds" weigh).
    fn currency_word(&self, j: usize) -> Option<usize> {
        (0..3).find_map(|skip| {
            let k = j + skip;
            let named = (j..k).all(|m| self.cap_word(m));
            let end = if self.is(k, "pounds") && self.is(k + 1, "sterling") {
                k + 2
            } else if CURRENCIES.contains(self.low(k)) && (skip == 0 || !self.is(k, "won")) {
                // "Boston won" is no currency.
                k + 1
            } else {
                return None;
            };
            named.then_some(end)
        })
    }

    /// A unit of measure at `k`, with "square" or "cubic" before it and a rate ("per hour",
    /// "a day", "km/h") or a second part ("5 feet 10 inches") after it. Returns the end.
    fn quantity(&self, k: usize) -> Option<usize> {
        let prefixed = matches!(
            self.low(k),
            "square" | "cubic" | "metric" | "sq" | "nautical"
        );
        let k = k + usize::from(prefixed);
        let w = self.low(k);
        let mut end = if w == "°" {
            k + 1 + usize::from(self.joined(k) && matches!(self.low(k + 1), "c" | "f"))
        } else if UNITS.contains(w) {
            let scale = matches!(self.low(k + 1), "celsius" | "fahrenheit" | "c" | "f");
            k + 1 + usize::from(w.starts_with("degree") && scale)
        } else {
            return None;
        };
        let rate = matches!(self.low(end), "per" | "a" | "an") && RATES.contains(self.low(end + 1));
        let km_h = self.is(end, "/") && self.joined(end - 1) && self.is(end + 1, "h");
        let big = matches!(w, "feet" | "foot" | "ft" | "ft." | "pounds" | "lb" | "lbs");
        let small = matches!(
            self.low(end + 1),
            "inches" | "inch" | "in" | "ounces" | "oz"
        );
        if rate || km_h || (big && self.number(end) && small) {
            end += 2;
        }
        Some(end)
    }

    /// "first", "21st", "twenty-first"; not in a name ("the First Amendment", "First Republic
    /// Bank").
    fn ordinal(&self, i: usize) -> Match {
        let w = self.low(i);
        let end = match self.kind(i)? {
            TokenKind::Number if ordinal_number(w) => i + 1,
            TokenKind::Word if ordinal_word(w) => i + 1,
            // "twenty - first" when hyphens are split
            TokenKind::Word
                if number_word(w) == Some(Nw::Tens)
                    && self.is(i + 1, "-")
                    && self.joined(i)
                    && self.joined(i + 1)
                    && ordinal_word(self.low(i + 2)) =>
            {
                i + 3
            }
            _ => return None,
        };
        let next_named =
            self.cap_word(i + 1) && self.month(i + 1).is_none() && !self.weekday(i + 1);
        let name = self.in_name(i) || (self.capitalized(i) && next_named);
        (!name).then_some((end, Ordinal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use textmill_segment::{Config, Segmenter};

    fn spans(text: &str, tokens: &[Token]) -> Vec<(String, &'static str)> {
        find(text, tokens)
            .into_iter()
            .map(|(a, b, label)| {
                let span = &text[tokens[a].span().start..tokens[b - 1].span().end];
                (span.to_string(), label.as_str())
            })
            .collect()
    }

    fn check(text: &str, expected: &[(&str, &str)]) {
        let got = spans(text, &textmill_segment::tokens(text));
        let got: Vec<(&str, &str)> = got.iter().map(|(s, l)| (s.as_str(), *l)).collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn split_hyphens() {
        let segmenter = Segmenter::new(Config {
            split_hyphens: true,
            ..Config::default()
        });
        let text = "A 15-year-old ran 10-kilometer loops in the mid-1990s.";
        let got = spans(text, &segmenter.tokens(text));
        let got: Vec<(&str, &str)> = got.iter().map(|(s, l)| (s.as_str(), *l)).collect();
        assert_eq!(
            got,
            [
                ("15-year-old", "DATE"),
                ("10-kilometer", "QUANTITY"),
                ("mid-1990s", "DATE")
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        check("", &[]);
        check("¿¡ 日本 2023年 ١٢ $ % 5 - - $", &[("5", "CARDINAL")]);
        // Tokens made for another text read as empty.
        let tokens = textmill_segment::tokens("On Monday, 5% of 3 million people paid $5.");
        let _ = find("é", &tokens);
        let _ = find("", &tokens);
    }

    #[test]
    fn long_input() {
        let words = [
            "In",
            "2023",
            "about",
            "5",
            "million",
            "$",
            "3.5",
            "%",
            "first",
            "three",
            "years",
            "ago",
            "September",
            "12",
            ",",
            "at",
            "3",
            "p.m.",
            "the",
            "past",
            "and",
            "-",
            "'",
        ];
        let text: String = (0..100_000)
            .map(|k| words[(k * 7 + k / 3) % words.len()])
            .collect::<Vec<_>>()
            .join(" ");
        let tokens = textmill_segment::tokens(&text);
        assert!(tokens.len() >= 100_000);
        let found = find(&text, &tokens);
        assert!(!found.is_empty());
        assert!(found.windows(2).all(|p| p[0].1 <= p[1].0));
        assert!(found.iter().all(|&(a, b, _)| a < b && b <= tokens.len()));
    }
}
