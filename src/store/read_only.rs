//! Databases the user made read-only (mode 0444, a read-only disk): opened for reading only,
//! never chmod-ed, switched to WAL, marked or migrated, and every write refused with
//! [`StoreError::ReadOnly`](super::StoreError::ReadOnly).

use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// Whether the existing file at `path` may not be written: it has no write permission at all
/// (which the superuser would otherwise ignore), or opening it for writing is refused.
pub fn is_read_only_file(path: &Path) -> bool {
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    match OpenOptions::new().write(true).open(path) {
        Ok(_) => false,
        Err(e) => matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem),
    }
}

/// Opens `path` for reading only. With no pending -wal it is opened as immutable, so SQLite
/// creates no -wal or -shm beside it either.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let wal = companion(path, "-wal");
    let pending = fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    if pending {
        return Connection::open_with_flags(path, flags);
    }
    Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags)
}

/// `path` as an SQLite `file:` URI (characters the URI syntax uses are percent-encoded).
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_the_uri_syntax_uses() {
        assert_eq!(file_uri(Path::new("/a/b 100%?#.db")), "file:/a/b 100%25%3F%23.db");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_without_write_permission_is_read_only_and_opens_without_companions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("odd %?#name.db");
        Connection::open(&db).unwrap().execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x)").unwrap();
        assert!(!is_read_only_file(&db));
        fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(is_read_only_file(&db));
        let conn = open(&db).unwrap();
        assert_eq!(conn.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
        assert!(conn.execute("INSERT INTO t VALUES (1)", []).is_err());
        drop(conn);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no -wal or -shm: {names:?}");
    }
}
