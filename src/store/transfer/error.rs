//! Errors of export, import, backup and restore, each saying what to do.

use std::path::PathBuf;

use crate::i18n::{Face, Localize, Message};
use crate::store::StoreError;

/// Anything that can go wrong moving data in or out of the database. Its message is in
/// `assets/i18n` (`data.error.*`).
#[derive(Debug)]
pub enum DataError {
    /// Not an export of ours; `reason` says what gave it away.
    NotOurs {
        path: PathBuf,
        reason: Message,
    },
    Truncated {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    ExportTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    BadRow {
        path: PathBuf,
        table: String,
        index: usize,
        reason: String,
    },
    NoSuchBatch {
        id: i64,
    },
    AlreadyUndone {
        id: i64,
    },
    ChangedSinceImport {
        id: i64,
        rows: String,
    },
    /// The file cannot replace the database; `reason` says why.
    NotRestorable {
        path: PathBuf,
        reason: Message,
    },
    InUse {
        path: PathBuf,
    },
    Backup {
        path: PathBuf,
        reason: String,
    },
    /// The database fails SQLite's quick check, so no backup was kept; `last_good` is the
    /// newest backup that passes, if any.
    Damaged {
        path: PathBuf,
        detail: String,
        last_good: Option<PathBuf>,
    },
    /// `--out` names the database itself or one of its -wal/-shm/-journal files.
    OutIsDatabase {
        path: PathBuf,
    },
    /// `--out` names a folder, a device, a pipe or a broken link.
    OutNotAFile {
        path: PathBuf,
    },
    /// `--out` names an existing file and `--force` was not given.
    OutExists {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Store(StoreError),
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Store(e) => Some(e),
            _ => None,
        }
    }
}

crate::display_in_english!(DataError);

impl From<StoreError> for DataError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl Localize for DataError {
    fn message(&self, face: Face) -> Message {
        let at = |key: &str, path: &std::path::Path| Message::new(key).arg("path", path.display());
        match self {
            Self::NotOurs { path, reason } => at("data.error.not_ours", path).part("reason", reason.clone()),
            Self::Truncated { path, line, column } => {
                at("data.error.truncated", path).arg("line", line).arg("column", column)
            }
            Self::ExportTooNew { path, found, supported } => {
                at("data.error.too_new", path).arg("found", found).arg("supported", supported)
            }
            Self::BadRow { path, table, index, reason } => {
                at("data.error.bad_row", path).arg("table", table).arg("index", index).arg("reason", reason)
            }
            Self::NoSuchBatch { id } => Message::new("data.error.no_such_batch").arg("id", id),
            Self::AlreadyUndone { id } => Message::new("data.error.already_undone").arg("id", id),
            Self::ChangedSinceImport { id, rows } => Message::new("data.error.changed").arg("id", id).arg("rows", rows),
            Self::NotRestorable { path, reason } => {
                at("data.error.not_restorable", path).part("reason", reason.clone())
            }
            Self::InUse { path } => at("data.error.in_use", path),
            Self::Backup { path, reason } => at("data.error.backup", path).arg("reason", reason),
            Self::Damaged { path, detail, last_good } => match last_good {
                Some(good) => at("data.error.damaged", path).arg("detail", detail).arg("good", good.display()),
                None => at("data.error.damaged_no_backup", path).arg("detail", detail),
            },
            Self::OutIsDatabase { path } => at("data.error.out_is_database", path),
            Self::OutNotAFile { path } => at("data.error.out_not_a_file", path),
            Self::OutExists { path } => at("data.error.out_exists", path),
            Self::Io { path, source } if disk_full(source) => at("error.disk_full", path),
            Self::Io { path, source } => at("data.error.io", path).arg("reason", source),
            Self::Store(s) => s.message(face),
        }
    }
}

impl From<crate::domain::DomainError> for DataError {
    fn from(e: crate::domain::DomainError) -> Self {
        Self::Store(StoreError::Domain(e))
    }
}

/// Result of an export, import, backup or restore.
pub type DataResult<T> = std::result::Result<T, DataError>;

/// Wraps an I/O error with the path it concerns.
/// True when writing failed because the disk (or the user's quota on it) is full: ENOSPC,
/// EDQUOT, or SQLite's own "database or disk is full".
pub(crate) fn disk_full(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
}

pub(crate) fn io_at(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> DataError + '_ {
    move |source| DataError::Io { path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{I18n, Lang};

    #[test]
    fn a_full_disk_is_said_in_words_with_what_to_do() {
        let full =
            || DataError::Io { path: "/mnt/usb/export.json".into(), source: std::io::Error::from_raw_os_error(28) };
        let en = I18n::new(Lang::En).localize(&full(), Face::Cli);
        assert_eq!(
            en,
            "cannot write /mnt/usb/export.json: the disk is full. Nothing was changed; free some space (or write to \
             another disk) and try again"
        );
        let zh = I18n::new(Lang::ZhCn).localize(&full(), Face::Cli);
        assert!(zh.contains("磁盘已满") && zh.contains("/mnt/usb/export.json"), "{zh}");
        let denied = DataError::Io { path: "x".into(), source: std::io::Error::from_raw_os_error(13) };
        assert!(I18n::new(Lang::En).localize(&denied, Face::Cli).starts_with("cannot use x: "));
        let store = crate::store::StoreError::Io { path: "db".into(), source: std::io::Error::from_raw_os_error(28) };
        assert!(I18n::new(Lang::En).localize(&store, Face::Cli).contains("the disk is full"));
    }
}
