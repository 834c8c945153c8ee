//! Crash safety: the real binary logging visits is killed with SIGKILL at random moments,
//! many times; afterwards `fieldbook check` and SQLite's integrity check pass, and every
//! visit whose command reported success is in the database. Bounded to a few seconds.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Total time spent starting and killing writers.
const BUDGET: Duration = Duration::from_secs(3);
/// Writers running at once (two cores in CI).
const PARALLEL: usize = 3;

fn fieldbook(db: &Path, config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldbook"));
    cmd.arg("--db")
        .arg(db)
        .env("FIELDBOOK_CONFIG_DIR", config)
        .env("LANG", "C")
        .env_remove("FIELDBOOK_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cmd
}

fn start_visit(db: &Path, config: &Path, tag: &str) -> Child {
    fieldbook(db, config)
        .args(["visit", "1", "--purpose", tag, "--plan", "show the catalogue", "--expect", "a second meeting"])
        .args(["--result", "agreed to a demo", "--next-step", "send the quote", "--next", "+3d"])
        .spawn()
        .unwrap()
}

#[test]
fn sigkill_never_loses_a_reported_visit_or_corrupts_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = (dir.path().join("fieldbook.db"), dir.path().join("config"));
    std::fs::create_dir_all(&config).unwrap();
    let added = fieldbook(&db, &config).args(["add", "王伟", "--company", "深圳医疗器械"]).output().unwrap();
    assert!(added.status.success());

    let mut rng = fastrand::Rng::with_seed(20310506);
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let (mut killed, mut n) = (0, 0);
    let mut running: Vec<(String, Child, Instant, Duration)> = Vec::new();
    let start = Instant::now();
    while start.elapsed() < BUDGET || !running.is_empty() {
        while running.len() < PARALLEL && start.elapsed() < BUDGET {
            n += 1;
            let tag = format!("crash visit {n}");
            let child = start_visit(&db, &config, &tag);
            // Kill some at once, some mid-write, some never (they run to completion).
            let deadline = Duration::from_millis(if rng.u8(..) < 200 { rng.u64(0..60) } else { 10_000 });
            running.push((tag, child, Instant::now(), deadline));
        }
        let mut still = Vec::new();
        for (tag, mut child, started, deadline) in running.drain(..) {
            match child.try_wait().unwrap() {
                Some(status) => {
                    if status.success() {
                        reported.insert(tag);
                    }
                }
                None if started.elapsed() >= deadline => {
                    child.kill().unwrap();
                    let status = child.wait().unwrap();
                    killed += 1;
                    // It may have finished between try_wait and kill: success still counts.
                    if status.success() {
                        reported.insert(tag);
                    }
                }
                None => still.push((tag, child, started, deadline)),
            }
        }
        running = still;
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(killed >= 10, "only {killed} writers were killed");
    assert!(!reported.is_empty(), "no writer finished");

    let check = fieldbook(&db, &config).arg("check").output().unwrap();
    assert!(check.status.success(), "fieldbook check failed: {}", String::from_utf8_lossy(&check.stdout));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(dangling, 0);
    let mut stmt = conn.prepare("SELECT purpose FROM visit").unwrap();
    let stored: BTreeSet<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let lost: Vec<_> = reported.difference(&stored).collect();
    assert!(lost.is_empty(), "visits reported as saved but missing: {lost:?}");
}
