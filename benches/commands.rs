//! Every read command as a user runs it (a whole process: start, open, query, print) on the
//! large demo database (the same cached file as `benches/store.rs`), next to the floor: a raw
//! rusqlite open of the same file and `SELECT count(*) FROM customer`, in process, and the
//! sqlite3 shell's own open and the same query as a whole process (issue 15's floor; when
//! `sqlite3` is on the PATH). Run with `cargo bench --bench commands`; after criterion's
//! figures it prints one table of medians with each command's ratio to both floors, measured
//! in the same run.

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::{Connection, OpenFlags};
use support::database;

mod support;

/// The read commands measured, by name, with their arguments (after `--db`).
const COMMANDS: &[(&str, &[&str])] = &[
    ("today", &["today"]),
    ("list", &["list"]),
    ("show", &["show", "54321"]),
    ("search_english", &["search", "budget"]),
    ("search_chinese", &["search", "王伟"]),
    ("search_pinyin", &["search", "wangwei"]),
    ("search_initials", &["search", "ww"]),
    ("search_surname", &["search", "shan"]),
    ("search_two_letters", &["search", "zh"]),
    ("search_digits", &["search", "1111"]),
    ("pipeline", &["pipeline"]),
    ("brief", &["brief", "54321"]),
    ("report", &["report"]),
];

/// The floor: what any read of the file costs at least.
fn floor(path: &Path) {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("opening the database");
    let n: i64 = conn.query_row("SELECT count(*) FROM customer", [], |r| r.get(0)).expect("counting");
    black_box(n);
}

/// The sqlite3 shell's open of the same file and the same count, as a whole process; `None`
/// when there is no `sqlite3` to run.
fn shell_floor(path: &Path) -> Option<()> {
    let status = Command::new("sqlite3")
        .arg(path)
        .arg("SELECT count(*) FROM customer")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then_some(())
}

/// One run of the fieldbook binary with `args`, on the bench's day, in Chinese.
fn run(path: &Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(path)
        .args(["--today", "2031-05-06", "--lang", "zh-CN"])
        .args(args)
        .env("FIELDBOOK_CONFIG_DIR", path.with_file_name("no-config"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("running fieldbook");
    assert!(status.success(), "fieldbook {args:?} failed");
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[times.len() / 2]
}

fn benches(c: &mut Criterion) {
    let path = database();
    let mut group = c.benchmark_group("commands_100k");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    group.bench_function("floor_rusqlite_open_count", |b| b.iter(|| floor(&path)));
    for (name, args) in COMMANDS {
        group.bench_function(*name, |b| b.iter(|| run(&path, args)));
    }
    group.finish();

    let floor_time = median(31, || floor(&path));
    let shell = shell_floor(&path).map(|()| {
        median(31, || {
            let _ = shell_floor(&path);
        })
    });
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    let ratio = |t: Duration, floor: Option<Duration>| {
        floor.map_or_else(|| "—".to_string(), |f| format!("{:.1}", t.as_secs_f64() / f.as_secs_f64()))
    };
    println!("\n{:<28} {:>9} {:>7} {:>9}", "command (whole process)", "median", "floor×", "sqlite3×");
    println!(
        "{:<28} {:>6.1} ms {:>7} {:>9}",
        "floor: open + count(*)",
        ms(floor_time),
        "1.0",
        ratio(floor_time, shell)
    );
    if let Some(shell) = shell {
        println!(
            "{:<28} {:>6.1} ms {:>7} {:>9}",
            "sqlite3 shell: open + count",
            ms(shell),
            ratio(shell, Some(floor_time)),
            "1.0"
        );
    }
    for (name, args) in COMMANDS {
        let t = median(11, || run(&path, args));
        println!("{:<28} {:>6.1} ms {:>7} {:>9}", name, ms(t), ratio(t, Some(floor_time)), ratio(t, shell));
    }
}

criterion_group!(commands, benches);
criterion_main!(commands);
