//! Reading a JSON export back: recognising our files, refusing damaged or foreign ones.

use std::path::Path;

use super::error::{DataError, DataResult};
use super::export::EXPORT_FORMAT;
use super::import::ImportSet;
use crate::i18n::Message;
use crate::store::migrate;

/// Reads an export file's bytes into rows to import. Nothing is written.
pub fn read_export(path: &Path, bytes: &[u8]) -> DataResult<ImportSet> {
    let not_ours = |reason: &str| DataError::NotOurs {
        path: path.to_path_buf(),
        reason: Message::new(format!("data.reason.{reason}")),
    };
    // Windows editors (Notepad) save UTF-8 with a byte order mark: read past it.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| not_ours("not_utf8"))?;
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) if looks_like_ours(text) => {
            return Err(DataError::Truncated { path: path.to_path_buf(), line: e.line(), column: e.column() });
        }
        Err(_) => return Err(not_ours("not_json")),
    };
    let serde_json::Value::Object(mut doc) = value else { return Err(not_ours("not_object")) };
    if doc.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(not_ours("no_format"));
    }
    let found = doc.get("schema_version").and_then(|v| v.as_i64()).ok_or_else(|| not_ours("no_schema_version"))?;
    if found > migrate::LATEST {
        return Err(DataError::ExportTooNew { path: path.to_path_buf(), found, supported: migrate::LATEST });
    }
    let Some(serde_json::Value::Object(tables)) = doc.remove("tables") else { return Err(not_ours("no_tables")) };
    let mut set = ImportSet::default();
    for (name, rows) in tables {
        let serde_json::Value::Array(rows) = rows else {
            return Err(bad_row(path, &name, 0, "the table is not a list of rows"));
        };
        let mut out = Vec::with_capacity(rows.len());
        for (index, row) in rows.into_iter().enumerate() {
            match row {
                serde_json::Value::Object(row) => out.push(row),
                _ => return Err(bad_row(path, &name, index + 1, "not an object")),
            }
        }
        set.tables.insert(name, out);
    }
    set.keys_are_ours = true;
    Ok(set)
}

/// True when `text` starts like one of our exports (so a parse error means it is cut short).
pub fn looks_like_ours(text: &str) -> bool {
    let head: String = text.chars().take(200).filter(|c| !c.is_whitespace()).collect();
    head.starts_with('{') && head.contains(&format!("\"format\":\"{EXPORT_FORMAT}\""))
}

fn bad_row(path: &Path, table: &str, index: usize, reason: &str) -> DataError {
    DataError::BadRow { path: path.to_path_buf(), table: table.to_string(), index, reason: reason.to_string() }
}
