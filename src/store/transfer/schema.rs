//! What the export and import need to know about the schema, read from SQLite itself, so a
//! table added by a later migration is exported, imported, handed over and undone without
//! touching this code.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};

use crate::store::error::{Context, Result};

/// Tables that describe this one database rather than the rep's records: never exported.
/// `cancelled_event` is what this database's calendar file told the phone (its UIDs are this
/// database's ids).
const LOCAL_TABLES: &[&str] = &["meta", "import_batch", "import_row", "cancelled_event"];

/// Columns that hold another row's id without a declared foreign key: `(table, column, target)`.
pub(crate) const SOFT_REFERENCES: &[(&str, &str, &str)] = &[("customer", "next_visit_id", "visit")];

/// One row as JSON: column name → value.
pub(crate) type Row = serde_json::Map<String, serde_json::Value>;

/// A declared foreign key of one column.
#[derive(Debug, Clone)]
pub(crate) struct ForeignKey {
    pub column: String,
    pub table: String,
}

/// One exported table: its columns, primary key and references.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    pub name: String,
    pub columns: Vec<String>,
    /// Primary key columns in key order; empty means the implicit rowid.
    pub key: Vec<String>,
    /// True when the key is an `INTEGER PRIMARY KEY` that the import may renumber.
    pub integer_key: bool,
    pub foreign_keys: Vec<ForeignKey>,
}

impl TableInfo {
    /// The SQL expression list that identifies a row.
    pub fn key_sql(&self) -> String {
        if self.key.is_empty() { "rowid".into() } else { self.key.join(", ") }
    }

    /// `ORDER BY` clause giving rows in a stable order.
    pub fn order_sql(&self) -> String {
        format!("ORDER BY {}", self.key_sql())
    }

    /// The single integer key column, when the table has one.
    pub fn id_column(&self) -> Option<&str> {
        if self.integer_key { self.key.first().map(String::as_str) } else { None }
    }
}

/// The record tables of the open database, parents before children.
pub(crate) fn record_tables(conn: &Connection) -> Result<Vec<TableInfo>> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .ctx("reading the schema")?;
    let all: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))
        .ctx("reading the schema")?
        .collect::<rusqlite::Result<_>>()
        .ctx("reading the schema")?;
    let virtual_names: Vec<&str> = all
        .iter()
        .filter(|(_, sql)| sql.to_uppercase().starts_with("CREATE VIRTUAL"))
        .map(|(n, _)| n.as_str())
        .collect();
    let mut tables = Vec::new();
    for (name, sql) in &all {
        let is_virtual = virtual_names.contains(&name.as_str());
        let is_shadow = virtual_names.iter().any(|v| name.starts_with(&format!("{v}_")));
        // A summary table is computed from the records (its triggers keep it as they come in).
        let is_summary = crate::store::summaries::SUMMARIES.iter().any(|s| s.table == name);
        if is_virtual || is_shadow || is_summary || LOCAL_TABLES.contains(&name.as_str()) {
            continue;
        }
        tables.push(table_info(conn, name, sql)?);
    }
    Ok(parents_first(tables))
}

fn table_info(conn: &Connection, name: &str, sql: &str) -> Result<TableInfo> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{name}\")")).ctx("reading the schema")?;
    let cols: Vec<(String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(5)?)))
        .ctx("reading the schema")?
        .collect::<rusqlite::Result<_>>()
        .ctx("reading the schema")?;
    let mut keyed: Vec<(i64, String, String)> =
        cols.iter().filter(|c| c.2 > 0).map(|(n, t, k)| (*k, n.clone(), t.clone())).collect();
    keyed.sort();
    let without_rowid = sql.to_uppercase().contains("WITHOUT ROWID");
    let integer_key = keyed.len() == 1 && keyed[0].2.eq_ignore_ascii_case("INTEGER") && !without_rowid;
    let mut fk_stmt = conn.prepare(&format!("PRAGMA foreign_key_list(\"{name}\")")).ctx("reading the schema")?;
    let foreign_keys = fk_stmt
        .query_map([], |r| Ok(ForeignKey { table: r.get(2)?, column: r.get(3)? }))
        .ctx("reading the schema")?
        .collect::<rusqlite::Result<_>>()
        .ctx("reading the schema")?;
    Ok(TableInfo {
        name: name.to_string(),
        columns: cols.into_iter().map(|c| c.0).collect(),
        key: keyed.into_iter().map(|k| k.1).collect(),
        integer_key,
        foreign_keys,
    })
}

/// Orders tables so every table comes after the tables it references (ties by name).
fn parents_first(tables: Vec<TableInfo>) -> Vec<TableInfo> {
    let names: BTreeSet<String> = tables.iter().map(|t| t.name.clone()).collect();
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut pending: BTreeMap<String, TableInfo> = tables.into_iter().map(|t| (t.name.clone(), t)).collect();
    let mut out = Vec::new();
    while !pending.is_empty() {
        let ready: Vec<String> = pending
            .values()
            .filter(|t| {
                t.foreign_keys
                    .iter()
                    .all(|fk| fk.table == t.name || placed.contains(&fk.table) || !names.contains(&fk.table))
            })
            .map(|t| t.name.clone())
            .collect();
        // A reference cycle cannot be ordered; take the rest by name (deferred keys cover it).
        let take = if ready.is_empty() { pending.keys().cloned().collect() } else { ready };
        for name in take {
            if let Some(t) = pending.remove(&name) {
                placed.insert(name);
                out.push(t);
            }
        }
    }
    out
}

/// A SQLite value as JSON: numbers, text, null; blobs as `{"hex": "..."}`.
pub(crate) fn to_json(value: ValueRef) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            serde_json::json!({ "hex": hex })
        }
    }
}

/// The JSON of an export back into a SQLite value; `None` when it is not one we write.
pub(crate) fn from_json(value: &serde_json::Value) -> Option<Value> {
    match value {
        serde_json::Value::Null => Some(Value::Null),
        serde_json::Value::Bool(b) => Some(Value::Integer(i64::from(*b))),
        serde_json::Value::Number(n) => n.as_i64().map(Value::Integer).or_else(|| n.as_f64().map(Value::Real)),
        serde_json::Value::String(s) => Some(Value::Text(s.clone())),
        serde_json::Value::Object(o) => {
            let hex = o.get("hex")?.as_str()?;
            let bytes: Option<Vec<u8>> = (0..hex.len())
                .step_by(2)
                .map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
                .collect();
            bytes.map(Value::Blob)
        }
        serde_json::Value::Array(_) => None,
    }
}

/// Reads every column of the rows `WHERE {filter}` of `table` as JSON objects, in key order.
pub(crate) fn read_rows<E: From<crate::store::StoreError>>(
    conn: &Connection,
    table: &TableInfo,
    filter: &str,
    params: &[Value],
    mut each: impl FnMut(Row) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let cols: Vec<String> = table.columns.iter().map(|c| format!("\"{c}\"")).collect();
    let sql = format!("SELECT {} FROM \"{}\" WHERE {filter} {}", cols.join(", "), table.name, table.order_sql());
    let mut stmt = conn.prepare_cached(&sql).ctx("reading rows to export")?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params)).ctx("reading rows to export")?;
    while let Some(row) = rows.next().ctx("reading rows to export")? {
        let mut object = serde_json::Map::new();
        for (i, name) in table.columns.iter().enumerate() {
            object.insert(name.clone(), to_json(row.get_ref(i).ctx("reading rows to export")?));
        }
        each(object)?;
    }
    Ok(())
}

/// The JSON array of a row's key values (its identity in `import_row`).
pub(crate) fn row_key(table: &TableInfo, row: &Row) -> String {
    let values: Vec<serde_json::Value> =
        table.key.iter().map(|k| row.get(k).cloned().unwrap_or(serde_json::Value::Null)).collect();
    serde_json::Value::Array(values).to_string()
}
