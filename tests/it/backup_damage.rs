//! A damaged database never rotates out the good backups: each new backup is checked (SQLite's
//! quick check on the copy) before it counts, a damaged copy is not kept, and the rep is told at
//! once — `backup` fails, `check` and the app name the newest good backup.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::NewCustomer;
use fieldbook::i18n::Lang;
use fieldbook::store::transfer::{DataError, backup};
use fieldbook::store::{NewDeal, Store};

use crate::common::Env;
use crate::tui_support;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn seed(db: &Path) {
    let mut store = Store::open(db, Clock::Fixed(day("2031-05-01"))).unwrap();
    for (name, phone) in [("王伟", "13800138000"), ("Anna Berg", "+49 30 1234"), ("李娜", "13900139000")] {
        let customer = NewCustomer { name: name.into(), phone: phone.into(), ..NewCustomer::default() };
        store.add_customer(customer, NewDeal::default()).unwrap();
    }
}

/// Overwrites the start of the page of the customers' phone index, as a failing disk would:
/// the file still opens, but SQLite's checks fail.
fn damage(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let page: i64 =
        conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'customer_phone'", [], |r| r.get(0)).unwrap();
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(conn);
    let mut bytes = std::fs::read(db).unwrap();
    let start = ((page - 1) * size) as usize;
    bytes[start..start + 8].fill(0xff);
    std::fs::write(db, bytes).unwrap();
}

fn backups(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(backup::backups_dir(db))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_week_on_a_damaged_database_keeps_the_last_good_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    seed(&db);
    for d in 1..=7 {
        assert!(backup::daily_backup(&db, 7, day(&format!("2031-05-0{d}"))).unwrap().is_some());
    }
    let good = backups(&db);
    assert_eq!(good.len(), 7);
    damage(&db);
    for d in 8..=14 {
        match backup::daily_backup(&db, 7, day(&format!("2031-05-{d:02}"))) {
            Err(DataError::Damaged { last_good: Some(last), .. }) => {
                assert_eq!(last, backup::backups_dir(&db).join("fieldbook-2031-05-07.db"), "day {d}");
            }
            other => panic!("day {d}: the damage is reported, got {other:?}"),
        }
    }
    assert_eq!(backups(&db), good, "no damaged copy counted, no good backup pruned");
    let newest = backup::backups_dir(&db).join("fieldbook-2031-05-07.db");
    backup::restore(&db, &newest, "20310514-090000").unwrap();
    assert!(backup::daily_backup(&db, 7, day("2031-05-15")).unwrap().is_some(), "sound again");
}

#[test]
fn backup_of_a_damaged_database_fails_and_check_names_the_good_backup() {
    let env = Env::new();
    env.add("王伟", &["--phone", "13800138000"]);
    let good = env.ok(&["backup"]).trim().to_string();
    damage(&env.db);
    let before: Vec<String> = backups(&env.db);
    let err = env.fails(&["backup"]);
    assert!(err.contains("is damaged") && err.contains(&good) && err.contains("fieldbook restore"), "{err}");
    let out = env.dir.path().join("usb.db");
    assert!(env.fails(&["backup", "--out", out.to_str().unwrap()]).contains("is damaged"));
    assert!(!out.exists(), "no damaged copy is written");
    assert_eq!(backups(&env.db), before);
    let check = env.cmd().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8(check.stdout).unwrap();
    assert!(
        stdout.contains("The database is damaged. The newest good backup is") && stdout.contains(&good),
        "{stdout}"
    );
    let json = env.cmd().args(["check", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["last_good_backup"], good.as_str());
    let zh = env.cmd().args(["--lang", "zh-CN", "backup"]).output().unwrap();
    assert!(String::from_utf8(zh.stderr).unwrap().contains("已损坏"));
}

#[test]
fn the_app_says_at_once_that_the_database_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    tui_support::seed(&db);
    let good: PathBuf = backup::daily_backup(&db, 7, day("2031-05-05")).unwrap().unwrap();
    let mut app = tui_support::app_on(&db, Lang::En);
    damage(&db);
    app.backup_finished(backup::daily_backup(&db, 7, day("2031-05-06")));
    let toast = app.toast().expect("a message about the damage");
    assert!(toast.is_error);
    let name = good.file_name().unwrap().to_string_lossy();
    assert_eq!(toast.text, format!("Database damaged! Good backup: {name} · run fieldbook check"));
    assert!(tui_support::render(&app, 80, 24).contains("run fieldbook check"), "fits at 80 columns");
    let mut zh = tui_support::app_on(&db, Lang::ZhCn);
    zh.backup_finished(Err(DataError::Damaged { path: db.clone(), detail: "x".into(), last_good: None }));
    assert!(zh.toast().unwrap().text.starts_with("数据库已损坏"));
}
