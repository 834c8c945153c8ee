//! Which SQLite files are Fieldbook's. Ours carry [`APPLICATION_ID`] in their header; files
//! from before the mark are recognised by their tables. Deciding reads only: nothing is
//! written to a file until it is known to be ours.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::error::{Context, Result};
use super::migrate;

/// Fieldbook's mark in the SQLite header (`PRAGMA application_id`): the bytes "FdBk".
pub const APPLICATION_ID: i32 = 0x4664_426B;

/// The newest schema version written before files were marked: an unmarked file of this
/// version or older is ours if it has every table that version has.
const UNMARKED_UP_TO: i64 = 8;

/// What an existing SQLite file is, for Fieldbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// No tables and no mark of another program: a new database.
    Empty,
    /// Ours, at this schema version (`marked`: it carries our mark already).
    Ours { version: i64, marked: bool },
    /// Ours, by a newer Fieldbook.
    TooNew { version: i64 },
    /// Ours by its mark, but its schema version is impossible (negative).
    DamagedVersion { version: i64 },
    /// Another program's file.
    Foreign,
}

/// Reads the mark, the schema version and the table names of `conn`'s database to say what it is.
pub fn identify(conn: &Connection) -> Result<Identity> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).ctx("reading the file's mark")?;
    let version = migrate::version(conn)?;
    if app_id == APPLICATION_ID {
        return Ok(match version {
            v if v < 0 => Identity::DamagedVersion { version: v },
            v if v > migrate::LATEST => Identity::TooNew { version: v },
            v => Identity::Ours { version: v, marked: true },
        });
    }
    if app_id != 0 || !(0..=UNMARKED_UP_TO).contains(&version) {
        return Ok(Identity::Foreign);
    }
    let found = tables(conn)?;
    if version == 0 {
        return Ok(if found.is_empty() { Identity::Empty } else { Identity::Foreign });
    }
    let expected = tables_at(version)?;
    Ok(if expected.is_subset(&found) { Identity::Ours { version, marked: false } } else { Identity::Foreign })
}

/// Puts our mark on a database just identified as ours.
pub fn mark(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "application_id", APPLICATION_ID).ctx("marking the file as Fieldbook's")
}

/// The names of the tables in `conn`'s database.
fn tables(conn: &Connection) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").ctx("reading the tables")?;
    let names = stmt.query_map([], |r| r.get(0)).ctx("reading the tables")?;
    names.collect::<rusqlite::Result<_>>().ctx("reading the tables")
}

/// The tables a Fieldbook database of schema `version` has: the migrations up to it, run on
/// an empty database in memory.
fn tables_at(version: i64) -> Result<BTreeSet<String>> {
    let mut conn = Connection::open_in_memory().ctx("building the reference schema")?;
    super::register_functions(&conn)?;
    migrate::migrate_to(&mut conn, version)?;
    tables(&conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identify_sql(sql: &str) -> Identity {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(sql).unwrap();
        identify(&conn).unwrap()
    }

    #[test]
    fn the_mark_spells_fdbk() {
        assert_eq!(APPLICATION_ID.to_be_bytes(), *b"FdBk");
    }

    #[test]
    fn empty_unmarked_and_marked_files() {
        assert_eq!(identify_sql(""), Identity::Empty);
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::register_functions(&conn).unwrap();
        migrate::migrate_to(&mut conn, 3).unwrap();
        assert_eq!(identify(&conn).unwrap(), Identity::Ours { version: 3, marked: false });
        mark(&conn).unwrap();
        assert_eq!(identify(&conn).unwrap(), Identity::Ours { version: 3, marked: true });
    }

    #[test]
    fn other_programs_files_are_foreign() {
        assert_eq!(identify_sql("CREATE TABLE bookmarks (id)"), Identity::Foreign);
        assert_eq!(identify_sql("CREATE TABLE customer (id); PRAGMA user_version = 3"), Identity::Foreign);
        assert_eq!(identify_sql("PRAGMA application_id = 1; PRAGMA user_version = 1"), Identity::Foreign);
        assert_eq!(identify_sql("PRAGMA user_version = -1"), Identity::Foreign);
        assert_eq!(identify_sql("PRAGMA user_version = 9"), Identity::Foreign);
    }

    #[test]
    fn marked_files_with_impossible_versions() {
        let marked = format!("PRAGMA application_id = {APPLICATION_ID};");
        assert_eq!(
            identify_sql(&format!("{marked} PRAGMA user_version = -5")),
            Identity::DamagedVersion { version: -5 }
        );
        let newer = migrate::LATEST + 1;
        assert_eq!(
            identify_sql(&format!("{marked} PRAGMA user_version = {newer}")),
            Identity::TooNew { version: newer }
        );
        assert_eq!(identify_sql(&marked), Identity::Ours { version: 0, marked: true });
    }
}
