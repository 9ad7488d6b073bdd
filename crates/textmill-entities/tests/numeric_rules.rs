//! The numeric and date rules, as a table (tests/fixtures/numeric.tsv): every row's entities,
//! in order, and nothing else.

use textmill_entities::numeric::find;

const TABLE: &str = include_str!("fixtures/numeric.tsv");

#[test]
fn every_row_of_the_table_gives_exactly_its_entities() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut columns = line.split('\t');
        let (group, text) = (columns.next().unwrap(), columns.next().unwrap());
        let expected: Vec<String> = columns.map(str::to_owned).collect();
        let tokens = textmill_segment::tokens(text);
        let found: Vec<String> = find(text, &tokens)
            .into_iter()
            .map(|(a, b, label)| {
                let span = &text[tokens[a].span().start..tokens[b - 1].span().end];
                format!("{label}:{span}")
            })
            .collect();
        if found != expected {
            failures.push(format!(
                "{group}: {text:?}\n  expected {expected:?}\n  found    {found:?}"
            ));
        }
        rows += 1;
    }
    assert!(rows >= 20, "only {rows} rows read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
