//! What the upgrade tests share: a fresh copy of a committed fixture database, and the
//! tables, columns and rows of a database read as text to compare before and after.

use rusqlite::{Connection, OpenFlags};

use crate::common::Env;

/// The committed fixture `tests/fixtures/db/NAME`.
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db").join(name)
}

/// An environment whose database is a fresh copy of the fixture `name` (opening it upgrades it).
pub fn env_on(name: &str) -> Env {
    let env = Env::new();
    std::fs::copy(fixture(name), &env.db).unwrap();
    env
}

/// Every table of a database except SQLite's and the search index's own.
pub fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'search_fts%' ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// The column names of `table`, in order.
pub fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// The rows of `table`, `cols` only, each as text, in a stable order.
pub fn rows(conn: &Connection, table: &str, cols: &[String]) -> Vec<Vec<String>> {
    let list = cols.iter().map(|c| format!("quote({c})")).collect::<Vec<_>>().join(", ");
    let order = (1..=cols.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!("SELECT {list} FROM {table} ORDER BY {order}")).unwrap();
    stmt.query_map([], |r| (0..cols.len()).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>())
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Opens `path` read-only.
pub fn read_only(path: &std::path::Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// A read-only connection on a private copy of the fixture `name`, so that reading it leaves
/// no `-shm`/`-wal` beside the committed file.
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    let conn = read_only(&path);
    (dir, conn)
}

/// The schema version of a database.
pub fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

/// The newest schema version this build writes.
pub fn latest() -> i64 {
    fieldbook::store::migrate::LATEST
}

/// Asserts that every row of every table of the fixture `name` is in `after`, column for
/// column (new columns aside), and that every table of the fixture had at least one row
/// (`meta` aside: the CLI never writes it).
pub fn assert_every_row_kept(name: &str, after: &Connection) {
    let (_dir, before) = fixture_copy(name);
    for table in tables(&before) {
        let cols = columns(&before, &table);
        let kept = rows(&before, &table, &cols);
        assert!(table == "meta" || !kept.is_empty(), "the fixture has no row in {table}");
        assert_eq!(kept, rows(after, &table, &cols), "rows of {table}");
    }
}
