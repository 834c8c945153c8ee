//! Shared by the benches: the large demo database, built once and cached in
//! `target/bench-data/`, and the fixed clock it was built on.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::demo::{self, DemoSize};
use fieldbook::store::Store;

pub const SIZE: DemoSize = DemoSize { customers: 100_000, visits: 1_000_000 };
pub const SEED: u64 = 42;

pub fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default())
}

/// The demo database for the benches, built on first use and kept for later runs.
pub fn database() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let dir = target.join("bench-data");
    let path = dir.join(format!("demo-{}k-{}k-s{SEED}.db", SIZE.customers / 1000, SIZE.visits / 1000));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("creating target/bench-data");
    let partial = dir.join(format!("building-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    let started = Instant::now();
    let mut store = Store::open(&partial, clock()).expect("creating the bench database");
    demo::load(&mut store, SIZE, SEED, fieldbook::i18n::Lang::ZhCn, false).expect("loading demo data");
    drop(store);
    let took = started.elapsed();
    std::fs::rename(&partial, &path).expect("keeping the bench database");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "built {} ({} customers, {} visits) in {:.1} s, {:.0} MB",
        path.display(),
        SIZE.customers,
        SIZE.visits,
        took.as_secs_f64(),
        size as f64 / 1e6
    );
    path
}
