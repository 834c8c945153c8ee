//! Import batches: what each import added or filled in, and undoing exactly that.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::error::{DataError, DataResult};
use super::import::{ImportOptions, ImportReport};
use super::row_hash::{row_hash, row_hash_sql};
use super::schema::{Row, TableInfo, from_json, read_rows, record_tables};
use crate::store::Store;
use crate::store::error::Context;
use crate::store::search_removal::SearchRemoval;

/// The rows one import touched, collected while it runs.
#[derive(Debug, Default)]
pub(crate) struct BatchRecord {
    /// Every row added, table by table.
    pub added: BTreeMap<String, AddedRows>,
    /// `(table, id, row before as JSON)` of every existing row filled in.
    pub merged: Vec<(String, i64, String)>,
    /// Existing customers that received imported data.
    pub merged_customers: BTreeSet<i64>,
}

/// The rows an import added to one table: their integer ids (8 bytes a row, so a big import
/// stays small), or the row keys (JSON arrays) of a table without an integer id.
#[derive(Debug, Default)]
pub(crate) struct AddedRows {
    ids: Vec<i64>,
    keys: Vec<String>,
}

impl BatchRecord {
    /// Notes row `id` of `table` as added.
    pub fn add_id(&mut self, table: &str, id: i64) {
        self.rows_of(table).ids.push(id);
    }

    /// Notes the row of `table` with key `key` (a JSON array) as added.
    pub fn add_key(&mut self, table: &str, key: String) {
        self.rows_of(table).keys.push(key);
    }

    fn rows_of(&mut self, table: &str) -> &mut AddedRows {
        self.added.entry(table.to_string()).or_default()
    }

    /// True when the import added nothing and filled nothing in.
    pub fn is_empty(&self) -> bool {
        self.merged.is_empty() && self.added.values().all(|rows| rows.ids.is_empty() && rows.keys.is_empty())
    }
}

/// Saves the batch and its rows, each with the hash of how it stands now (at the end of the
/// import: merges and links included); returns the batch id. The added rows of a table with
/// integer ids are recorded by one statement for each run of consecutive ids, not one each.
pub(crate) fn record_batch(
    tx: &Transaction,
    batch: &BatchRecord,
    options: &ImportOptions,
    report: &ImportReport,
    now: &str,
) -> DataResult<i64> {
    tx.execute(
        "INSERT INTO import_batch (source, format, created_at, added, merged, skipped, rejected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            options.source,
            options.format,
            now,
            report.added.len() as i64,
            report.merged.len() as i64,
            report.skipped.len() as i64,
            report.rejected.len() as i64
        ],
    )
    .ctx("recording the import")?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx
        .prepare_cached(
            "INSERT OR REPLACE INTO import_row (batch_id, table_name, row_key, action, before, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .ctx("recording the import")?;
    let tables = record_tables(tx)?;
    for (table, rows) in &batch.added {
        let Some(info) = tables.iter().find(|t| &t.name == table) else { continue };
        if let Some(col) = info.id_column() {
            let mut ids = rows.ids.clone();
            ids.sort_unstable();
            ids.dedup();
            // One statement for each run of consecutive ids (an import's rows of a table are
            // usually one run), the hash computed inside it.
            let sql = format!(
                "INSERT OR REPLACE INTO import_row (batch_id, table_name, row_key, action, before, hash)
                 SELECT ?1, ?2, '[' || \"{col}\" || ']', 'added', NULL, {}
                 FROM \"{}\" WHERE \"{col}\" BETWEEN ?3 AND ?4",
                row_hash_sql(info),
                info.name
            );
            let mut added = tx.prepare_cached(&sql).ctx("recording the import")?;
            for (first, last) in runs(&ids) {
                added.execute(params![id, table, first, last]).ctx("recording the import")?;
            }
        }
        for key in &rows.keys {
            if let Some(row) = read_by_key(tx, &tables, table, key)? {
                stmt.execute(params![id, table, key, "added", None::<String>, row_hash(&row)])
                    .ctx("recording the import")?;
            }
        }
    }
    for (table, row_id, before) in &batch.merged {
        let key = format!("[{row_id}]");
        if let Some(row) = read_by_key(tx, &tables, table, &key)? {
            stmt.execute(params![id, table, key, "merged", before, row_hash(&row)]).ctx("recording the import")?;
        }
    }
    Ok(id)
}

/// The runs of consecutive numbers in `ids` (sorted, each once): `(first, last)`.
fn runs(ids: &[i64]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for &id in ids {
        match out.last_mut() {
            Some((_, last)) if last.checked_add(1) == Some(id) => *last = id,
            _ => out.push((id, id)),
        }
    }
    out
}

/// One past import, for `import --batches`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BatchSummary {
    pub id: i64,
    pub source: String,
    pub format: String,
    pub created_at: String,
    pub added: i64,
    pub merged: i64,
    pub skipped: i64,
    pub rejected: i64,
    pub undone_at: Option<String>,
}

/// What undoing a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UndoReport {
    /// Rows removed.
    pub removed: usize,
    /// Existing rows put back as they were before the import.
    pub restored: usize,
}

impl Store {
    /// Every import batch, newest first.
    pub fn import_batches(&self) -> DataResult<Vec<BatchSummary>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT id, source, format, created_at, added, merged, skipped, rejected, undone_at
                 FROM import_batch ORDER BY id DESC",
            )
            .ctx("listing imports")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(BatchSummary {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    format: r.get(2)?,
                    created_at: r.get(3)?,
                    added: r.get(4)?,
                    merged: r.get(5)?,
                    skipped: r.get(6)?,
                    rejected: r.get(7)?,
                    undone_at: r.get(8)?,
                })
            })
            .ctx("listing imports")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("listing imports")?;
        Ok(rows)
    }

    /// Removes exactly what batch `id` added and puts back what it filled in. Refuses, naming
    /// them, when any of those rows was changed since or has rows added under it since.
    pub fn undo_import(&mut self, id: i64) -> DataResult<UndoReport> {
        self.writable()?;
        let now = self.clock.timestamp();
        let tx = self.conn.transaction().ctx("starting an undo")?;
        let undone: Option<Option<String>> = tx
            .query_row("SELECT undone_at FROM import_batch WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .ctx("reading the import")?;
        match undone {
            None => return Err(DataError::NoSuchBatch { id }),
            Some(Some(_)) => return Err(DataError::AlreadyUndone { id }),
            Some(None) => {}
        }
        let tables = record_tables(&tx)?;
        let rows: Vec<(String, String, String, Option<String>, String)> = tx
            .prepare("SELECT table_name, row_key, action, before, hash FROM import_row WHERE batch_id = ?1")
            .and_then(|mut s| {
                s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect()
            })
            .ctx("reading the import")?;
        let in_batch: HashMap<(&str, &str), &str> =
            rows.iter().map(|r| ((r.0.as_str(), r.1.as_str()), r.4.as_str())).collect();
        let batch_tables: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        // Each table's rows of the batch are read in one statement, and each table's rows
        // referring to its added ones in one more: a big import undoes in a few statements,
        // not a few for every row.
        let mut changed = Vec::new();
        for table in tables.iter().filter(|t| batch_tables.contains(t.name.as_str())) {
            let of_batch = format!("{} IN ({})", key_columns(table), batch_keys(table, None));
            read_rows::<DataError>(&tx, table, &of_batch, &[Value::Integer(id)], |row| {
                let key = super::schema::row_key(table, &row);
                if in_batch.get(&(table.name.as_str(), key.as_str())).is_some_and(|hash| *hash != row_hash(&row)) {
                    changed.push(describe(&table.name, &key, &row));
                }
                Ok(())
            })?;
            changed.extend(children_outside(&tx, &tables, table, id, &in_batch)?);
        }
        if !changed.is_empty() {
            changed.sort();
            changed.dedup();
            return Err(DataError::ChangedSinceImport { id, rows: changed.join(", ") });
        }
        let mut report = UndoReport::default();
        // The rows leave the search index by one statement per table, not a trigger call each.
        let search = SearchRemoval::take(&tx, &batch_tables.iter().copied().collect::<Vec<_>>())?;
        for table in tables.iter().rev().filter(|t| batch_tables.contains(t.name.as_str())) {
            let added = format!("{} IN ({})", key_columns(table), batch_keys(table, Some("added")));
            search.remove(&tx, &table.name, &added, &[Value::Integer(id)])?;
            let sql = format!("DELETE FROM \"{}\" WHERE {added}", table.name);
            report.removed += tx.execute(&sql, [id]).ctx("undoing the import")?;
        }
        search.restore(&tx)?;
        for (table, key, _, before, _) in rows.iter().filter(|r| r.2 == "merged") {
            if let (Some(info), Some(before)) = (tables.iter().find(|t| &t.name == table), before) {
                restore_row(&tx, info, key, before)?;
                report.restored += 1;
            }
        }
        tx.execute("UPDATE import_batch SET undone_at = ?1 WHERE id = ?2", params![now, id])
            .ctx("undoing the import")?;
        tx.commit().ctx("saving the undo")?;
        Ok(report)
    }
}

/// Puts an existing row's columns back as they were before a merge.
fn restore_row(tx: &Transaction, table: &TableInfo, key: &str, before: &str) -> DataResult<()> {
    let Ok(serde_json::Value::Object(row)) = serde_json::from_str::<serde_json::Value>(before) else {
        return Ok(());
    };
    let (clause, mut values) = key_clause(table, key)?;
    let mut sets = Vec::new();
    for (col, v) in row.iter().filter(|(c, _)| !table.key.contains(c)) {
        if let Some(v) = from_json(v) {
            values.push(v);
            sets.push(format!("\"{col}\" = ?{}", values.len()));
        }
    }
    if !sets.is_empty() {
        tx.execute(
            &format!("UPDATE \"{}\" SET {} WHERE {clause}", table.name, sets.join(", ")),
            rusqlite::params_from_iter(values),
        )
        .ctx("undoing the import")?;
    }
    Ok(())
}

/// Rows that reference the rows of `table` that batch `id` added but were not added by it
/// (added since): one statement for each reference to `table`.
fn children_outside(
    conn: &Connection,
    tables: &[TableInfo],
    table: &TableInfo,
    id: i64,
    in_batch: &HashMap<(&str, &str), &str>,
) -> DataResult<Vec<String>> {
    let mut out = Vec::new();
    if table.key.len() != 1 {
        return Ok(out);
    }
    let added = batch_keys(table, Some("added"));
    for child in tables {
        for fk in child.foreign_keys.iter().filter(|fk| fk.table == table.name) {
            read_rows::<DataError>(
                conn,
                child,
                &format!("\"{}\" IN ({added})", fk.column),
                &[Value::Integer(id)],
                |row| {
                    let child_key = super::schema::row_key(child, &row);
                    if !in_batch.contains_key(&(child.name.as_str(), child_key.as_str())) {
                        out.push(describe(&child.name, &child_key, &row));
                    }
                    Ok(())
                },
            )?;
        }
    }
    Ok(out)
}

/// The key columns of `table` as the left side of an `IN`: `id`, or `(a, b)`.
fn key_columns(table: &TableInfo) -> String {
    match table.key.as_slice() {
        [] => "rowid".into(),
        [one] => format!("\"{one}\""),
        many => format!("({})", many.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")),
    }
}

/// The keys of `table`'s rows in batch `?1` (those `action` names, when given), as a
/// `SELECT` of their values taken out of the recorded JSON arrays, in [`key_columns`] order.
fn batch_keys(table: &TableInfo, action: Option<&str>) -> String {
    let parts = table.key.len().max(1);
    let values: Vec<String> = (0..parts).map(|i| format!("json_extract(row_key, '$[{i}]')")).collect();
    let action = action.map(|a| format!(" AND action = '{a}'")).unwrap_or_default();
    format!(
        "SELECT {} FROM import_row WHERE batch_id = ?1 AND table_name = '{}'{action}",
        values.join(", "),
        table.name.replace('\'', "''")
    )
}

/// `customer [12] (王伟)`: how a row is named in messages.
fn describe(table: &str, key: &str, row: &Row) -> String {
    match row.get("name").and_then(|v| v.as_str()) {
        Some(name) => format!("{table} {key} ({name})"),
        None => format!("{table} {key}"),
    }
}

/// Reads one row of `table` by its key (a JSON array of key values).
fn read_by_key(conn: &Connection, tables: &[TableInfo], table: &str, key: &str) -> DataResult<Option<Row>> {
    let Some(info) = tables.iter().find(|t| t.name == table) else { return Ok(None) };
    let (clause, values) = key_clause(info, key)?;
    let mut found = None;
    read_rows::<DataError>(conn, info, &clause, &values, |row| {
        found = Some(row);
        Ok(())
    })?;
    Ok(found)
}

/// `k1 = ?1 AND k2 = ?2` and its values for a row key.
fn key_clause(table: &TableInfo, key: &str) -> DataResult<(String, Vec<Value>)> {
    let parts: Vec<serde_json::Value> = serde_json::from_str(key).unwrap_or_default();
    let columns: Vec<String> = if table.key.is_empty() { vec!["rowid".into()] } else { table.key.clone() };
    if parts.len() != columns.len() {
        return Err(crate::store::StoreError::Corrupt(format!("import row key {key} of {}", table.name)).into());
    }
    let values: Vec<Value> = parts.iter().map(|p| from_json(p).unwrap_or(Value::Null)).collect();
    let clause: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
    Ok((clause.join(" AND "), values))
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn consecutive_ids_are_one_run() {
        assert_eq!(runs(&[]), vec![]);
        assert_eq!(runs(&[3, 4, 5, 9, 11, 12, i64::MAX]), vec![(3, 5), (9, 9), (11, 12), (i64::MAX, i64::MAX)]);
    }
}
