//! Criterion benches: loading the embedded model, and tagging a news article.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textmill_entities::{ENGLISH_MODEL, Model, Tagger};

const ARTICLE: &str = include_str!("../../../examples/kim-putin-meeting.txt");

fn bench(c: &mut Criterion) {
    c.bench_function("load english model", |b| {
        b.iter(|| Model::from_bytes(ENGLISH_MODEL).unwrap());
    });
    let tagger = Tagger::default();
    let text = ARTICLE.repeat(20);
    let mut group = c.benchmark_group("tag");
    group.throughput(Throughput::Elements(
        textmill_segment::tokens(&text).len() as u64
    ));
    group.bench_function("entities", |b| b.iter(|| tagger.entities(&text)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
