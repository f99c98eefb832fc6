//! `cargo bench`: parse, lint and fmt on generated lists of 100, 10,000 and
//! 100,000 entries, and fmt on the 100,000-entry typographic lists, one
//! canonical and one with entries and sections out of place (see
//! `genlist.rs`). Whole-process numbers against other tools come from
//! `scripts/bench-compare.sh`.

mod genlist;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flinkscale::config::Config;
use flinkscale::model::Document;
use flinkscale::source::Source;

const YEAR: u16 = 2026;

fn benches(c: &mut Criterion) {
    let config = Config::default();
    for entries in [100, 10_000, 100_000] {
        let text = genlist::generate(entries, genlist::Kind::Plain);
        let mut group = c.benchmark_group(format!("{entries} entries"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if entries >= 10_000 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new("pulldown-cmark", "bare parse"), |b| {
            b.iter(|| {
                pulldown_cmark::Parser::new_ext(black_box(&text), pulldown_cmark::Options::empty())
                    .into_offset_iter()
                    .count()
            })
        });
        group.bench_function(BenchmarkId::new("flinkscale", "parse"), |b| {
            b.iter(|| Document::parse(Source::new("bench.md", black_box(&text)), &config))
        });
        group.bench_function(BenchmarkId::new("flinkscale", "lint"), |b| {
            b.iter(|| flinkscale::lint(Source::new("bench.md", black_box(&text)), &config, YEAR))
        });
        group.bench_function(BenchmarkId::new("flinkscale", "fmt"), |b| {
            b.iter(|| {
                let doc = Document::parse(Source::new("bench.md", black_box(&text)), &config);
                flinkscale::format::format(doc, &config, YEAR).map(|f| f.text().len())
            })
        });
        group.finish();
    }
    let mut group = c.benchmark_group("100000 typographic entries");
    group.sample_size(10);
    for (name, kind) in [
        ("clean", genlist::Kind::Clean),
        ("unsorted", genlist::Kind::Unsorted),
    ] {
        let text = genlist::generate(100_000, kind);
        group.bench_function(BenchmarkId::new("flinkscale fmt", name), |b| {
            b.iter(|| {
                let doc = Document::parse(Source::new("bench.md", black_box(&text)), &config);
                flinkscale::format::format(doc, &config, YEAR).map(|f| f.text().len())
            })
        });
    }
    group.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
