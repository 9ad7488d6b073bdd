//! The date rules, as a table (tests/fixtures/dates.tsv): each written form and the normalised
//! date it gives, or none.

use textmill_boilerplate::parse_date;

const TABLE: &str = include_str!("fixtures/dates.tsv");

#[test]
fn every_row_of_the_table_gives_its_date_or_none() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (written, expected) = line.split_once('\t').unwrap_or((line, ""));
        let expected = Some(expected).filter(|e| !e.is_empty());
        let found = parse_date(written);
        if found.as_deref() != expected {
            failures.push(format!(
                "{written:?}: expected {expected:?}, found {found:?}"
            ));
        }
        rows += 1;
    }
    assert!(rows >= 20, "only {rows} rows read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
