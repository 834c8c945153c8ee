//! Localised messages for export, import, backup and restore errors.

use super::Failure;
use crate::i18n::I18n;
use crate::store::transfer::DataError;

/// Turns a [`DataError`] into an error whose message is in the user's language.
pub fn localise(i18n: &I18n, e: DataError) -> anyhow::Error {
    let msg = match &e {
        DataError::NotOurs { path, reason } => {
            i18n.fmt("data.error.not_ours", &[("path", &path.display()), ("reason", reason)])
        }
        DataError::Truncated { path, line, column } => {
            i18n.fmt("data.error.truncated", &[("path", &path.display()), ("line", line), ("column", column)])
        }
        DataError::ExportTooNew { path, found, supported } => {
            i18n.fmt("data.error.too_new", &[("path", &path.display()), ("found", found), ("supported", supported)])
        }
        DataError::BadRow { path, table, index, reason } => i18n.fmt(
            "data.error.bad_row",
            &[("path", &path.display()), ("table", table), ("index", index), ("reason", reason)],
        ),
        DataError::NoSuchBatch { id } => i18n.fmt("data.error.no_such_batch", &[("id", id)]),
        DataError::AlreadyUndone { id } => i18n.fmt("data.error.already_undone", &[("id", id)]),
        DataError::ChangedSinceImport { id, rows } => i18n.fmt("data.error.changed", &[("id", id), ("rows", rows)]),
        DataError::NotRestorable { path, reason } => {
            i18n.fmt("data.error.not_restorable", &[("path", &path.display()), ("reason", reason)])
        }
        DataError::InUse { path } => i18n.fmt("data.error.in_use", &[("path", &path.display())]),
        DataError::Backup { path, reason } => {
            i18n.fmt("data.error.backup", &[("path", &path.display()), ("reason", reason)])
        }
        DataError::Io { path, source } => i18n.fmt("data.error.io", &[("path", &path.display()), ("reason", source)]),
        DataError::Store(s) => i18n.store_error(s),
    };
    Failure(msg).into()
}
