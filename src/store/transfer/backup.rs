//! Backups with SQLite's online backup API (safe while Fieldbook is writing), the daily
//! automatic backup, and restoring a backup without ever deleting the current database.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::error::{DataError, DataResult, io_at};
use crate::i18n::Message;
use crate::store::identity::{self, Identity};
use crate::store::private_file::{Existing, PrivateFile};
use crate::store::{Store, migrate};

/// The `backups/` folder beside the database.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// `backups/<db name>-<date>-<time>.db` (`-2`, `-3`… added if taken that second): where an
/// on-demand backup goes by default.
pub fn default_backup_path(db_path: &Path, now: chrono::NaiveDateTime) -> PathBuf {
    let base = format!("{}-{}", stem(db_path), now.format("%Y-%m-%d-%H%M%S"));
    let dir = backups_dir(db_path);
    let mut candidate = dir.join(format!("{base}.db"));
    let mut n = 2;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        candidate = dir.join(format!("{base}-{n}.db"));
        n += 1;
    }
    candidate
}

/// `backups/<db name>-<date>.db`: the automatic backup of one day.
fn daily_path(db_path: &Path, day: NaiveDate) -> PathBuf {
    backups_dir(db_path).join(format!("{}-{}.db", stem(db_path), day.format("%Y-%m-%d")))
}

fn stem(db_path: &Path) -> String {
    db_path.file_stem().map_or_else(|| "fieldbook".into(), |s| s.to_string_lossy().into_owned())
}

impl Store {
    /// Copies the open database to the new file `out` (mode 0600), consistent even while others write.
    pub fn backup_to(&self, out: &Path) -> DataResult<PathBuf> {
        copy_database(self.conn(), out, Existing::Keep)
    }
}

/// Copies the database at `db_path` to `out` (mode 0600) without opening it as a Store;
/// `existing` says whether a file at `out` may be replaced (check `--out` with
/// [`super::out_file::check_out`] first). A copy that fails SQLite's quick check is not kept:
/// the database is damaged, and the error names the newest backup that passes.
pub fn backup_file(db_path: &Path, out: &Path, existing: Existing) -> DataResult<PathBuf> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let src = Connection::open_with_flags(db_path, flags).map_err(|e| sqlite(db_path, e))?;
    src.busy_timeout(Duration::from_secs(30)).map_err(|e| sqlite(db_path, e))?;
    copy_database(&src, out, existing).map_err(|e| match e {
        DataError::Damaged { path, detail, .. } => {
            DataError::Damaged { path, detail, last_good: last_good_backup(db_path) }
        }
        other => other,
    })
}

/// The newest backup of the database at `db_path` in `backups/` (automatic, on demand or
/// before an upgrade) that passes SQLite's quick check, if any.
pub fn last_good_backup(db_path: &Path) -> Option<PathBuf> {
    let prefix = format!("{}-", stem(db_path));
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(backups_dir(db_path))
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".db")).unwrap_or_default();
            rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("before-upgrade-")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort();
    found.into_iter().rev().map(|(_, path)| path).find(|path| {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Connection::open_with_flags(path, flags).and_then(|c| quick_check(&c)).is_ok_and(|lines| lines.is_empty())
    })
}

/// What SQLite's quick check finds wrong with `conn`'s file (none: it is sound).
fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    crate::store::check::damage(conn, "quick_check")
}

/// The first of SQLite's damage reports, and how many more there are.
fn summarise(lines: &[String]) -> String {
    match lines {
        [] => String::new(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} (+{} more)", rest.len()),
    }
}

/// `backups/<db name>-before-upgrade-from-v<version>-<date>-<time>.db`: the copy taken before an
/// existing database is migrated to this binary's schema. Returns where it went. An upgrade
/// that failed leaves the database at `version` and tries again at the next start: the new
/// copy then replaces the older ones from the same version (the database still holds all they
/// held, and a 1 GB database retried daily would fill the disk), and copies cut short by a
/// killed start are removed after a day as the daily ones are.
pub(crate) fn backup_before_upgrade(
    conn: &Connection,
    db_path: &Path,
    version: i64,
    now: chrono::NaiveDateTime,
) -> crate::store::Result<PathBuf> {
    let prefix = format!("{}-before-upgrade-from-v{version}-", stem(db_path));
    let out = backups_dir(db_path).join(format!("{prefix}{}.db", now.format("%Y-%m-%d-%H%M%S")));
    let failed =
        |e: DataError| crate::store::StoreError::UpgradeBackup { path: db_path.to_path_buf(), reason: e.to_string() };
    let made = copy_database(conn, &out, Existing::Keep).map_err(failed)?;
    remove_older_upgrade_copies(&made, &prefix).map_err(failed)?;
    Ok(made)
}

/// Removes the copies named `<prefix><date>-<time>.db` but `kept`, and stale partial ones.
fn remove_older_upgrade_copies(kept: &Path, prefix: &str) -> DataResult<()> {
    let Some(dir) = kept.parent() else { return Ok(()) };
    for entry in std::fs::read_dir(dir).map_err(io_at(dir))?.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let older = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(".db"))
            .is_some_and(|stamp| chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").is_ok());
        if older && path != kept {
            std::fs::remove_file(&path).map_err(io_at(&path))?;
        }
    }
    remove_stale_partials(dir, prefix)
}

/// Takes today's automatic backup unless there is one, then keeps only the newest `keep`
/// automatic backups. Returns the new backup's path, or `None` when there was nothing to do
/// (one `stat` call). The TUI calls it at start in a background thread.
pub fn daily_backup(db_path: &Path, keep: u32, today: NaiveDate) -> DataResult<Option<PathBuf>> {
    let target = daily_path(db_path, today);
    if target.exists() || !db_path.exists() {
        return Ok(None);
    }
    let made = backup_file(db_path, &target, Existing::Keep)?;
    prune_daily(db_path, keep.max(1))?;
    Ok(Some(made))
}

/// Removes all but the newest `keep` automatic backups of this database.
fn prune_daily(db_path: &Path, keep: u32) -> DataResult<()> {
    let dir = backups_dir(db_path);
    let prefix = format!("{}-", stem(db_path));
    let mut daily: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(io_at(&dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let date = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".db")).unwrap_or_default();
            NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
        })
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(keep as usize);
    for old in &daily[..excess] {
        std::fs::remove_file(old).map_err(io_at(old))?;
    }
    remove_stale_partials(&dir, &prefix)
}

/// How long a half-written backup (`….db.partial-<random>`) must have gone unwritten to be
/// called abandoned: a running backup writes its pages in steps 10 ms apart, so one untouched
/// this long was cut off by a crash or a killed process (as for any private file).
const STALE_PARTIAL: Duration = Duration::from_secs(15 * 60);

/// Removes this database's abandoned half-written automatic backups from `dir`.
fn remove_stale_partials(dir: &Path, prefix: &str) -> DataResult<()> {
    let now = std::time::SystemTime::now();
    for entry in std::fs::read_dir(dir).map_err(io_at(dir))?.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(prefix) && name.contains(".db.partial-")) {
            continue;
        }
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| now.duration_since(t).ok());
        if age.is_some_and(|age| age > STALE_PARTIAL) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(io_at(&path))?;
        }
    }
    Ok(())
}

/// Runs the online backup from `src` into a new private file, then moves it to `out`.
fn copy_database(src: &Connection, out: &Path, existing: Existing) -> DataResult<PathBuf> {
    let file = PrivateFile::create_with(out, existing).map_err(io_at(out))?;
    let temp = file.partial_path();
    let db = src.path().map(PathBuf::from).unwrap_or_default();
    let damaged = |detail: String| DataError::Damaged { path: db.clone(), detail, last_good: None };
    let fail = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => damaged(e.to_string()),
        _ => sqlite(temp, e),
    };
    let mut dst = Connection::open(temp).map_err(fail)?;
    Backup::new(src, &mut dst)
        .and_then(|b| b.run_to_completion(1024, Duration::from_millis(10), None))
        .map_err(fail)?;
    // A backup is one self-contained file: no -wal beside it.
    dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0)).map_err(fail)?;
    // The copy has the database's pages as they are: a damaged copy means a damaged database,
    // and must never count as a backup (nor push a good one out). The partial file is removed.
    let damage = quick_check(&dst).map_err(fail)?;
    if !damage.is_empty() {
        return Err(damaged(summarise(&damage)));
    }
    drop(dst);
    file.finish().map_err(io_at(out))
}

fn sqlite(path: &Path, e: rusqlite::Error) -> DataError {
    DataError::Backup { path: path.to_path_buf(), reason: e.to_string() }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database that was replaced now is (`None` if there was none).
    pub previous: Option<PathBuf>,
}

/// Puts the backup `file` in place of the database at `db_path`. `file` must be a Fieldbook
/// database that passes SQLite's integrity and foreign-key checks and is not newer than this
/// binary. The current database is checkpointed and moved aside to
/// `<db>.before-restore-<stamp>` (with its -wal/-shm, if any): never deleted.
pub fn restore(db_path: &Path, file: &Path, stamp: &str) -> DataResult<Restored> {
    // A --db that is a symbolic link (a database kept in a synced folder) names its target:
    // the target is replaced, the link stays (SQLite keeps the -wal beside the target too).
    let db_path = &link_target(db_path);
    let refuse = |reason: Message| DataError::NotRestorable { path: file.to_path_buf(), reason };
    let mut header = Vec::with_capacity(16);
    let mut reader = std::fs::File::open(file).map_err(io_at(file))?;
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut reader, 16), &mut header).map_err(io_at(file))?;
    if header != b"SQLite format 3\0" {
        return Err(refuse(Message::new("data.reason.not_sqlite")));
    }
    let mut staging = PrivateFile::create(db_path).map_err(io_at(db_path))?;
    let mut whole = std::fs::File::open(file).map_err(io_at(file))?;
    std::io::copy(&mut whole, &mut staging).and_then(|_| staging.flush()).map_err(io_at(staging.partial_path()))?;
    check_restorable(staging.partial_path()).map_err(refuse)?;
    let previous = if db_path.exists() {
        checkpoint(db_path)?;
        let aside = free_name(db_path, &format!(".before-restore-{stamp}"));
        std::fs::rename(db_path, &aside).map_err(io_at(db_path))?;
        for suffix in ["-wal", "-shm"] {
            let companion = sibling(db_path, suffix);
            if companion.exists() {
                let moved = sibling(&aside, suffix);
                std::fs::rename(&companion, &moved).map_err(io_at(&companion))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    staging.finish().map_err(io_at(db_path))?;
    Ok(Restored { previous })
}

/// The file a symbolic link leads to (through every link), or `path` itself.
fn link_target(path: &Path) -> std::path::PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&path) else { break };
        path = path.parent().map_or_else(|| target.clone(), |dir| dir.join(&target));
    }
    path
}

/// Why `path` cannot be restored, if it cannot.
fn check_restorable(path: &Path) -> Result<(), Message> {
    let unreadable = |e: rusqlite::Error| Message::new("data.reason.unreadable").arg("detail", e);
    let conn = Connection::open(path).map_err(unreadable)?;
    match identity::identify(&conn).map_err(|e| Message::new("data.reason.unreadable").arg("detail", e))? {
        Identity::Ours { version, .. } if version >= 1 => {}
        Identity::TooNew { version } => {
            return Err(Message::new("data.reason.newer").arg("found", version).arg("supported", migrate::LATEST));
        }
        _ => return Err(Message::new("data.reason.not_fieldbook")),
    }
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(unreadable)?;
    if integrity != ["ok"] {
        return Err(Message::new("data.reason.integrity").arg("detail", integrity.join("; ")));
    }
    let dangling: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).map_err(unreadable)?;
    if dangling > 0 {
        return Err(Message::new("data.reason.dangling").arg("n", dangling));
    }
    conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0)).map_err(unreadable)?;
    Ok(())
}

/// Moves everything in the database's -wal into the main file, so it can be moved whole, and
/// makes sure no other Fieldbook has it open: one that had would go on writing into the file
/// moved aside, and the rep would lose what they typed there.
fn checkpoint(db_path: &Path) -> DataResult<()> {
    let fail = |e: rusqlite::Error| DataError::NotRestorable {
        path: db_path.to_path_buf(),
        reason: Message::new("data.reason.unreadable").arg("detail", e),
    };
    let in_use = || DataError::InUse { path: db_path.to_path_buf() };
    let conn = Connection::open(db_path).map_err(fail)?;
    conn.busy_timeout(IN_USE_WAIT).map_err(fail)?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).map_err(fail)?;
    if busy != 0 {
        return Err(in_use());
    }
    // Leaving WAL mode needs the only connection to the file: it fails while anyone else has it
    // open, even idle. The file moved aside is complete without its -wal either way.
    match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => Err(in_use()),
        Err(e) => Err(fail(e)),
    }
}

/// How long restore waits for another process to finish a write before calling the database in use.
const IN_USE_WAIT: Duration = Duration::from_secs(3);

/// `path` + `suffix`, with `-2`, `-3`... added until no such file exists: never overwrite.
fn free_name(path: &Path, suffix: &str) -> PathBuf {
    let mut candidate = sibling(path, suffix);
    let mut n = 2;
    while candidate.exists() || sibling(&candidate, "-wal").exists() {
        candidate = sibling(path, &format!("{suffix}-{n}"));
        n += 1;
    }
    candidate
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    /// An upgrade that fails is tried again at each start: one copy per version is kept, the
    /// newest, and a copy from another version or of another database is left alone.
    #[test]
    fn a_retried_upgrade_keeps_one_copy_per_version() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fieldbook.db");
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
        let other_version = backup_before_upgrade(&conn, &db, 9, at(8)).unwrap();
        let first = backup_before_upgrade(&conn, &db, 10, at(9)).unwrap();
        let other_db = backups_dir(&db).join("other-before-upgrade-from-v10-2031-05-06-090000.db");
        std::fs::write(&other_db, b"not ours").unwrap();
        let second = backup_before_upgrade(&conn, &db, 10, at(10)).unwrap();
        assert!(!first.exists(), "the older copy from v10 is replaced");
        assert!(second.exists() && other_version.exists() && other_db.exists());
        let copy = Connection::open(&second).unwrap();
        assert_eq!(copy.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    }
}
