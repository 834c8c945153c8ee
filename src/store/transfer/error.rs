//! Errors of export, import, backup and restore, each saying what to do.

use std::path::PathBuf;

use thiserror::Error;

use crate::store::StoreError;

/// Anything that can go wrong moving data in or out of the database.
#[derive(Debug, Error)]
pub enum DataError {
    #[error("{} is not a Fieldbook export ({reason}); nothing was imported. Check the file, or pass --format csv|vcard", path.display())]
    NotOurs { path: PathBuf, reason: String },
    #[error("{} is cut short or damaged (line {line}, column {column}); nothing was imported. Export it again", path.display())]
    Truncated { path: PathBuf, line: usize, column: usize },
    #[error("{} was exported by a newer Fieldbook (schema {found}; this one knows up to {supported}); nothing was imported. Update Fieldbook", path.display())]
    ExportTooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{} holds a bad row in '{table}' (row {index}: {reason}); nothing was imported", path.display())]
    BadRow { path: PathBuf, table: String, index: usize, reason: String },
    #[error("there is no import batch {id}; `fieldbook import --batches` lists them")]
    NoSuchBatch { id: i64 },
    #[error("import batch {id} was already undone")]
    AlreadyUndone { id: i64 },
    #[error("cannot undo import batch {id}: these rows were changed or added to since: {rows}. Nothing was removed")]
    ChangedSinceImport { id: i64, rows: String },
    #[error("{} cannot be restored: {reason}. The current database was left untouched", path.display())]
    NotRestorable { path: PathBuf, reason: String },
    #[error("{} is open in another Fieldbook; close it and try again. Nothing was changed", path.display())]
    InUse { path: PathBuf },
    #[error("the backup to {} failed: {reason}. Nothing was changed", path.display())]
    Backup { path: PathBuf, reason: String },
    #[error("cannot use {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::domain::DomainError> for DataError {
    fn from(e: crate::domain::DomainError) -> Self {
        Self::Store(StoreError::Domain(e))
    }
}

/// Result of an export, import, backup or restore.
pub type DataResult<T> = std::result::Result<T, DataError>;

/// Wraps an I/O error with the path it concerns.
pub(crate) fn io_at(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> DataError + '_ {
    move |source| DataError::Io { path: path.to_path_buf(), source }
}
