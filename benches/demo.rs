//! The demo at scale (issue 15.4): `demo::load` of 10k accounts and 100k visits into a new
//! database, as `fieldbook demo` does it (rows made on a second thread, one bulk transaction,
//! indexes, search index and summaries built once at the end). The benches' 100k / 1M
//! database (`support::database`, built on first use) prints how long its build took; this
//! one measures a tenth of it, which grows about linearly. Run with `cargo bench --bench demo`.

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fieldbook::clock::Clock;
use fieldbook::demo::{self, DEFAULT_SEED, DemoSize};
use fieldbook::i18n::Lang;
use fieldbook::store::Store;

/// The benches' fixed day (as `support::clock`).
fn clock() -> Clock {
    Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default())
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(60));
    let size = DemoSize { customers: 10_000, visits: 100_000 };
    for (name, lang) in [("load_10k_100k_zh", Lang::ZhCn), ("load_10k_100k_en", Lang::En)] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("a temporary folder"),
                |dir| {
                    let mut store = Store::open(&dir.path().join("demo.db"), clock()).expect("a new database");
                    demo::load(&mut store, size, DEFAULT_SEED, lang, false).expect("loading demo data");
                    dir
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(demo_benches, benches);
criterion_main!(demo_benches);
