//! Import at scale (issue 12): 10k and 100k generated contact cards and spreadsheet rows into
//! an empty database, each row checked against everything already there for duplicates (same
//! phone, e-mail, or name and company, of an account or one of its people). Time must grow
//! linearly: 100k rows about ten times 10k, never a hundred times. Run with
//! `cargo bench --bench import`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fieldbook::clock::Clock;
use fieldbook::domain::money::Currency;
use fieldbook::import::csv::CsvOptions;
use fieldbook::store::Store;
use fieldbook::store::transfer::{Accounts, ImportOptions, records_to_set};

fn clock() -> Clock {
    Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default())
}

/// `n` vCards as a phone exports them: a name, an organisation of a few people, a mobile, an
/// e-mail, a note.
fn vcards(n: usize) -> Vec<u8> {
    let mut out = String::new();
    for i in 0..n {
        out.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{i};Ann;;;\r\nFN:Ann Person{i}\r\nORG:Company {}\r\n\
             TEL;TYPE=CELL:+86 138 {i:08}\r\nEMAIL:ann{i}@example.com\r\nNOTE:met at the fair\r\nEND:VCARD\r\n",
            i / 3
        ));
    }
    out.into_bytes()
}

/// `n` spreadsheet rows: name, company, phone, e-mail, step, value.
fn csv_rows(n: usize) -> Vec<u8> {
    let mut out = String::from("name,company,phone,email,stage,value\n");
    for i in 0..n {
        out.push_str(&format!("Bo Row{i},Firm {i},139 {i:08},bo{i}@example.com,approach,{}\n", 1000 + i));
    }
    out.into_bytes()
}

/// Parses `bytes` and imports them into a new empty database.
fn import(bytes: &[u8], vcard: bool, store: &mut Store) {
    let parsed = if vcard {
        fieldbook::import::vcard::parse(bytes)
    } else {
        fieldbook::import::csv::parse(bytes, &CsvOptions::default())
    }
    .expect("generated file parses");
    let accounts = if vcard { Accounts::ByCompany } else { Accounts::ByNameAndCompany };
    let set = records_to_set(&parsed.records, Vec::new(), clock(), Currency::CNY, accounts);
    let options = ImportOptions { format: if vcard { "vcard" } else { "csv" }.into(), ..Default::default() };
    let report = store.import_set(&set, &options).expect("import");
    assert_eq!(report.added.len() + report.skipped.len(), set.tables["customer"].len());
    black_box(report);
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10).warm_up_time(Duration::from_millis(100)).measurement_time(Duration::from_secs(5));
    for n in [10_000, 100_000] {
        for (kind, bytes, vcard) in [("vcards", vcards(n), true), ("csv_rows", csv_rows(n), false)] {
            group.bench_function(format!("{kind}_{}k", n / 1000), |b| {
                b.iter_batched(
                    || {
                        let dir = tempfile::tempdir().expect("temp dir");
                        let store = Store::open(&dir.path().join("import.db"), clock()).expect("open");
                        (dir, store)
                    },
                    |(dir, mut store)| {
                        import(&bytes, vcard, &mut store);
                        (dir, store)
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(import_benches, benches);
criterion_main!(import_benches);
