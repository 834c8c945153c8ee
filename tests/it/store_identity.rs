//! Which files Fieldbook opens as its own: new or empty ones, ones with its mark
//! (`PRAGMA application_id`), and unmarked ones from before the mark recognised by their tables
//! (then marked). Any other SQLite file is refused with one short line and left byte-identical:
//! no WAL switch, no chmod, no tables.

use rusqlite::{Connection, OpenFlags};

use crate::common::Env;
use fieldbook::store::identity::APPLICATION_ID;

fn application_id(path: &std::path::Path) -> i32 {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap()
}

/// The names in the database's folder (to see that no -wal, -shm or backups/ appeared).
fn names(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "config")
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// An environment whose database file another program made with `sql`.
fn foreign(sql: &str) -> Env {
    let env = Env::new();
    Connection::open(&env.db).unwrap().execute_batch(sql).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    env
}

fn assert_refused_untouched(env: &Env, expect: &str) {
    let before = env.db_bytes();
    for args in [&["list"][..], &["add", "Someone"], &["export"], &["today"]] {
        let err = env.fails(args);
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one short line: {err}");
    }
    assert_eq!(env.db_bytes(), before, "byte-identical");
    assert_eq!(names(env), ["fieldbook.db"], "no -wal, -shm or journal left beside it");
    #[cfg(unix)]
    assert_eq!(mode(&env.db), 0o644, "its mode is its owner's business");
}

#[test]
fn another_programs_database_is_refused_and_left_byte_identical() {
    let env =
        foreign("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO bookmarks (url) VALUES ('x');");
    assert_refused_untouched(&env, "is not a Fieldbook database");
    let zh = env.cmd().args(["--lang", "zh-CN", "list"]).output().unwrap();
    assert!(String::from_utf8(zh.stderr).unwrap().contains("不是 Fieldbook 数据库"));
}

#[test]
fn a_database_with_a_customer_table_of_its_own_is_not_ours() {
    let env = foreign("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT); PRAGMA user_version = 3;");
    assert_refused_untouched(&env, "is not a Fieldbook database");
    let other = foreign("PRAGMA application_id = 1234; PRAGMA user_version = 2;");
    assert_refused_untouched(&other, "is not a Fieldbook database");
}

#[test]
fn an_impossible_schema_version_is_refused_not_indexed_with() {
    let env = foreign(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = -1;"));
    assert_refused_untouched(&env, "schema version (-1) is impossible");
    let unmarked = foreign("PRAGMA user_version = -7;");
    assert_refused_untouched(&unmarked, "is not a Fieldbook database");
}

#[test]
fn new_databases_carry_the_mark_and_old_ones_receive_it() {
    let env = Env::new();
    env.add("王伟", &[]);
    assert_eq!(application_id(&env.db), APPLICATION_ID);
    let old = Env::new();
    std::fs::copy(format!("{}/tests/fixtures/db/v7.db", env!("CARGO_MANIFEST_DIR")), &old.db).unwrap();
    assert_eq!(application_id(&old.db), 0, "the version-7 fixture predates the mark");
    assert!(old.ok(&["list"]).contains("王伟"));
    assert_eq!(application_id(&old.db), APPLICATION_ID);
    let empty = Env::new();
    std::fs::write(&empty.db, b"").unwrap();
    assert!(empty.ok(&["list"]).contains("No customers"));
    assert_eq!(application_id(&empty.db), APPLICATION_ID);
}

#[test]
fn restore_refuses_another_programs_database() {
    let env = Env::new();
    env.add("王伟", &[]);
    let other = env.dir.path().join("other.db");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE customer (id); PRAGMA user_version = 1;").unwrap();
    let err = env.fails(&["restore", other.to_str().unwrap()]);
    assert!(err.contains("not a Fieldbook database"), "{err}");
    assert!(env.ok(&["list"]).contains("王伟"));
}
