//! Criterion benches: a news article summarised by each method, and a cluster of two.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textmill_summarize::{Budget, Config, Method, Summarizer};

const MEETING: &str = include_str!("../../../examples/kim-putin-meeting.txt");
const TRAIN: &str = include_str!("../../../examples/kim-putin-train.txt");

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("summarize");
    group.throughput(Throughput::Bytes(MEETING.len() as u64));
    for method in [Method::PacSum, Method::LexRank, Method::TextRank] {
        let summarizer = Summarizer::new(Config {
            method,
            ..Config::default()
        });
        group.bench_function(format!("{method:?}"), |b| {
            b.iter(|| summarizer.summarize(MEETING, Budget::Sentences(3)));
        });
    }
    let summarizer = Summarizer::default();
    group.bench_function("cluster", |b| {
        b.iter(|| summarizer.summarize_cluster(&[MEETING, TRAIN], Budget::Sentences(3)));
    });
    group.bench_function("keyphrases", |b| {
        b.iter(|| summarizer.keyphrases(MEETING, 10));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
