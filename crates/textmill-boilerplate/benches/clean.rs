//! Criterion benches: cleaning the sample pages and scraped texts of examples/.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textmill_boilerplate::Cleaner;

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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
