//! Import at scale (issue 12): 10k and 100k generated contact cards and spreadsheet rows into
//! an empty database, each row checked against everything already there for duplicates (same
//! phone, e-mail, or name and company, of an account or one of its people). Time must grow
//! linearly: 100k rows about ten times 10k, never a hundred times. The file is read and imported
//! the way `fieldbook import` does it (twice, in pieces). Run with `cargo bench --bench import`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fieldbook::clock::Clock;
use fieldbook::domain::money::Currency;
use fieldbook::import::csv::CsvOptions;
use fieldbook::import::{Problem, Record};
use fieldbook::store::Store;
use fieldbook::store::transfer::{Accounts, Grouping, ImportOptions, Pieces};

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

/// Records turned into rows and imported at a time, as `fieldbook import` does.
const PIECE_RECORDS: usize = 1000;

/// Imports `bytes` into a new empty database as `fieldbook import` does: read once to group
/// the records into accounts, then again, a piece at a time, in one transaction.
fn import(bytes: &[u8], vcard: bool, store: &mut Store) {
    let csv = CsvOptions::default();
    let read = |found: &mut dyn FnMut(Result<Record, (usize, Problem)>)| {
        if vcard {
            fieldbook::import::vcard::each(bytes, found)
        } else {
            fieldbook::import::csv::each(bytes, &csv, found)
        }
    };
    let mut grouping = Grouping::new(if vcard { Accounts::ByCompany } else { Accounts::ByNameAndCompany });
    read(&mut |found| grouping.add(&found.expect("generated records are valid"))).expect("generated file parses");
    let mut pieces = Pieces::new(grouping, clock(), Currency::CNY);
    let options = ImportOptions { format: if vcard { "vcard" } else { "csv" }.into(), ..Default::default() };
    let report = store
        .import_pieces(&options, Vec::new(), &mut |add| {
            let mut piece = Vec::with_capacity(PIECE_RECORDS);
            let mut added = Ok(());
            read(&mut |found| {
                piece.extend(found.ok());
                if piece.len() == PIECE_RECORDS {
                    if added.is_ok() {
                        added = add(pieces.piece(&piece));
                    }
                    piece.clear();
                }
            })
            .expect("generated file parses");
            added?;
            if piece.is_empty() { Ok(()) } else { add(pieces.piece(&piece)) }
        })
        .expect("import");
    assert!(report.committed && report.rejected.is_empty());
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
