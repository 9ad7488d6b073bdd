//! Criterion benches: cleaning the sample pages and scraped texts of examples/.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::sync::Arc;

use textmill_boilerplate::{Cleaner, Config, LineModel};

const PAGE: &str = include_str!("../../../examples/kim-putin-train.html");
const SCRAPED: &str = include_str!("../../../examples/kim-putin-meeting.txt");

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::default();
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Bytes(PAGE.len() as u64));
    group.bench_function("html_page", |b| {
        b.iter(|| cleaner.clean_html(PAGE.as_bytes()));
    });
    group.throughput(Throughput::Bytes(SCRAPED.len() as u64));
    group.bench_function("scraped_text", |b| b.iter(|| cleaner.clean_text(SCRAPED)));
    // The line model's cost: the same text with a model of one leaf that leaves the rules'
    // choice standing (the features are computed all the same; one tree instead of 60).
    let rules_only = LineModel::parse("[decision]\nadd 1\ndrop 0\n[trees]\n0 0 leaf 0\n")
        .expect("a valid model");
    let rules_cleaner = Cleaner::new(Config::default()).with_line_model(Arc::new(rules_only));
    group.bench_function("scraped_text_one_leaf_model", |b| {
        b.iter(|| rules_cleaner.clean_text(SCRAPED));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
