//! The JSON export: every record table, every column, one row per line, versioned.
//!
//! ```text
//! {
//! "format": "fieldbook-export",
//! "schema_version": 2,
//! "scope": "all",
//! "tables": {
//! "customer": [
//! {"address":"","archived":0,...,"id":1,"name":"王伟",...}
//! ],
//! ...
//! }
//! }
//! ```
//! Tables come parents first; rows in key order; keys of a row sorted. The same database
//! always gives the same bytes, so export → import → export is identical.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use rusqlite::types::Value;

use super::error::{DataError, DataResult};
use super::schema::{TableInfo, read_rows, record_tables};
use crate::store::{Store, migrate};

/// The `format` field of every Fieldbook export.
pub const EXPORT_FORMAT: &str = "fieldbook-export";

/// What an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportScope {
    /// The whole database.
    All,
    /// These customers with their whole record (a handover).
    Customers(Vec<i64>),
}

/// How many rows of each table were written.
pub type ExportCounts = BTreeMap<String, usize>;

impl Store {
    /// Writes the JSON export of `scope` to `out`.
    pub fn export_json(&self, scope: &ExportScope, out: &mut dyn Write) -> DataResult<ExportCounts> {
        let tables = record_tables(self.conn())?;
        if let ExportScope::Customers(ids) = scope {
            for id in ids {
                self.customer_ref(*id)?;
            }
        }
        let scope_name = if *scope == ExportScope::All { "all" } else { "handover" };
        let io = |source| DataError::Io { path: "export".into(), source };
        write!(
            out,
            "{{\n\"format\": \"{EXPORT_FORMAT}\",\n\"schema_version\": {},\n\"scope\": \"{scope_name}\",\n\"tables\": {{",
            migrate::LATEST
        )
        .map_err(io)?;
        let mut counts = ExportCounts::new();
        let mut selected: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        for table in &tables {
            let Some((filter, params)) = scope_filter(scope, table, &selected) else { continue };
            let separator = if counts.is_empty() { "" } else { "," };
            write!(out, "{separator}\n\"{}\": [", table.name).map_err(io)?;
            let mut n = 0usize;
            let mut ids = BTreeSet::new();
            read_rows::<DataError>(self.conn(), table, &filter, &params, |row| {
                if let Some(id) = table.id_column().and_then(|c| row.get(c)).and_then(|v| v.as_i64()) {
                    ids.insert(id);
                }
                let line = serde_json::Value::Object(row).to_string();
                let separator = if n == 0 { "" } else { "," };
                write!(out, "{separator}\n{line}").map_err(io)?;
                n += 1;
                Ok(())
            })?;
            write!(out, "{}]", if n == 0 { "" } else { "\n" }).map_err(io)?;
            counts.insert(table.name.clone(), n);
            selected.insert(table.name.clone(), ids);
        }
        writeln!(out, "\n}}\n}}").map_err(io)?;
        out.flush().map_err(io)?;
        Ok(counts)
    }
}

/// The `WHERE` clause selecting `table`'s rows for `scope`; `None` leaves the table out.
/// For a handover: the chosen customers, then every row that references a row already chosen.
fn scope_filter(
    scope: &ExportScope,
    table: &TableInfo,
    selected: &BTreeMap<String, BTreeSet<i64>>,
) -> Option<(String, Vec<Value>)> {
    let ExportScope::Customers(ids) = scope else { return Some(("1 = 1".into(), Vec::new())) };
    let as_json = |set: &mut dyn Iterator<Item = i64>| {
        Value::Text(serde_json::to_string(&set.collect::<Vec<_>>()).unwrap_or_default())
    };
    if table.name == "customer" {
        return Some(("id IN (SELECT value FROM json_each(?1))".into(), vec![as_json(&mut ids.iter().copied())]));
    }
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    for fk in &table.foreign_keys {
        if let Some(parent_ids) = selected.get(&fk.table) {
            params.push(as_json(&mut parent_ids.iter().copied()));
            clauses.push(format!("\"{}\" IN (SELECT value FROM json_each(?{}))", fk.column, params.len()));
        }
    }
    if clauses.is_empty() { None } else { Some((clauses.join(" OR "), params)) }
}
