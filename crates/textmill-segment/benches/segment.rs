//! Criterion benches: sentences and tokens over a news-like text.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textmill_segment::Segmenter;

const ARTICLE: &str = include_str!("../tests/fixtures/kim-putin-meeting.txt");

fn bench(c: &mut Criterion) {
    let text = ARTICLE.repeat(50);
    let segmenter = Segmenter::default();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("sentences", |b| b.iter(|| segmenter.sentences(&text)));
    group.bench_function("tokens", |b| b.iter(|| segmenter.tokens(&text)));
    group.bench_function("paragraphs", |b| b.iter(|| segmenter.paragraphs(&text)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
