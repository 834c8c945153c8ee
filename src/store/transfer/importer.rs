//! One piece of an import inside its transaction: each row of the file mapped onto the
//! rows it refers to, checked against what the database has already ([`super::import_known`])
//! and inserted, and what it became noted for the pieces after it and for the batch.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};

use super::batch::BatchRecord;
use super::error::DataResult;
use super::import::{ImportOptions, ImportReport, ImportSet, ImportedCustomer, Target, bad_row};
use super::schema::{Row, SOFT_REFERENCES, TableInfo, from_json, record_tables};
use crate::domain::Word;
use crate::store::error::Context;

/// Tables that record the history of their parent row: not carried onto a row that is merged
/// into an existing one (the existing deal keeps its own history).
const HISTORY_TABLES: &[&str] = &["stage_event", "checklist_tick"];

/// The customer fields the forms keep to one line ([`crate::domain::NewCustomer::validated`]).
const ONE_LINE_CUSTOMER_FIELDS: &[&str] =
    &["name", "nickname", "company", "title", "phone", "email", "address", "source", "referred_by"];

/// `(table, new id)` → the row's place in the imported file (1-based).
type FileRows = HashMap<(String, i64), usize>;

/// Each table's `INSERT` statement and the columns it names.
type InsertSql = HashMap<String, (Vec<String>, String)>;

/// What an import keeps from one piece of its file to the next.
#[derive(Default)]
pub(super) struct Carry {
    /// The record tables, read once.
    pub(super) tables: Vec<TableInfo>,
    /// Where each row of the file went, by table and its id in the file; of the tables other
    /// than `customer`, only for the piece being imported (a later piece refers to the
    /// accounts of earlier ones, nothing else).
    pub(super) targets: HashMap<String, HashMap<i64, Target>>,
    /// Customers of the file skipped as already there: their id in the file → the existing one.
    pub(super) already_there: HashMap<i64, i64>,
    pub(super) batch: BatchRecord,
    /// `(table, new id)` → the row's place in the file (1-based), to name a bad row (of
    /// our own files, which are checked as the app reads them).
    pub(super) file_rows: FileRows,
    /// True when a piece is our own file (its rows are checked as the app reads them).
    pub(super) ours: bool,
    /// Each table's `INSERT` statement and the columns it names.
    pub(super) insert_sql: InsertSql,
}

/// One piece of an import in progress inside its transaction.
pub(super) struct Importer<'a> {
    pub(super) tx: &'a Transaction<'a>,
    /// The piece; its rows are taken out by [`Importer::run`].
    pub(super) set: ImportSet,
    pub(super) options: &'a ImportOptions,
    pub(super) tables: Vec<TableInfo>,
    pub(super) keep_ids: bool,
    pub(super) carry: &'a mut Carry,
    pub(super) now: String,
}

impl<'a> Importer<'a> {
    pub(super) fn new(
        tx: &'a Transaction<'a>,
        set: ImportSet,
        options: &'a ImportOptions,
        now: String,
        carry: &'a mut Carry,
    ) -> DataResult<Self> {
        if carry.tables.is_empty() {
            carry.tables = record_tables(tx)?;
        }
        let tables = carry.tables.clone();
        for (name, rows) in &set.tables {
            let Some(table) = tables.iter().find(|t| &t.name == name) else {
                return Err(bad_row(options, name, 0, "this version of Fieldbook has no such table"));
            };
            for (i, row) in rows.iter().enumerate() {
                if let Some(col) = row.keys().find(|k| !table.columns.contains(k)) {
                    return Err(bad_row(options, name, i + 1, &format!("unknown column '{col}'")));
                }
            }
        }
        let keep_ids = set.keys_are_ours && is_empty(tx, &tables)?;
        carry.ours |= set.keys_are_ours;
        carry.targets.retain(|table, _| table == "customer");
        Ok(Self { tx, set, options, tables, keep_ids, carry, now })
    }

    /// Imports every row of the piece.
    pub(super) fn run(mut self, report: &mut ImportReport) -> DataResult<()> {
        let tables = self.tables.clone();
        let mut soft_fixes: Vec<(String, String, i64, i64)> = Vec::new();
        let mut rows_of = std::mem::take(&mut self.set.tables);
        let has = |table: &str| rows_of.contains_key(table);
        let (with_people, with_visits, with_next_steps) = (has("contact"), has("visit"), has("next_step"));
        for table in &tables {
            let Some(rows) = rows_of.remove(&table.name) else { continue };
            for (index, mut row) in rows.into_iter().enumerate() {
                if table.name == "deal" && self.onto_same_source(&row, report)? {
                    if let Some(id) = own_id(table, &row) {
                        self.target(&table.name, id, Target::Skipped);
                    }
                    continue;
                }
                if table.name == "contact" && self.person_of_known_account(table, index, &row, report)? {
                    continue;
                }
                if table.name == "note" && self.note_of_joined_person(table, index, &mut row)? {
                    *report.rows.entry(table.name.clone()).or_default() += 1;
                    continue;
                }
                if table.name == "customer_fact" && self.fact_of_joined_person(table, index, &mut row)? {
                    *report.rows.entry(table.name.clone()).or_default() += 1;
                    continue;
                }
                if table.name == "deal" && self.new_opportunity_of_known_account(&mut row) {
                    if let (Some(old), Some(new)) = (own_id(table, &row), self.insert(table, index, &row)?) {
                        self.target(&table.name, old, Target::Added(new));
                        *report.rows.entry(table.name.clone()).or_default() += 1;
                    }
                    continue;
                }
                let Some(old_id) = self.prepare(table, index, &mut row)? else {
                    if let Some(id) = own_id(table, &row) {
                        self.target(&table.name, id, Target::Skipped);
                    }
                    continue;
                };
                let soft: Vec<(String, i64)> = if self.keep_ids { Vec::new() } else { take_soft(table, &mut row) };
                if table.name == "customer" && !self.keep_ids && self.duplicate(table, &row, old_id, report)? {
                    continue;
                }
                if table.name == "deal" && self.onto_open_deal(&row, old_id)? {
                    continue;
                }
                if table.name == "contact" && self.onto_same_person(&row, old_id)? {
                    continue;
                }
                if table.name == "note" && !self.keep_ids && self.inbox_note_already_there(&row)? {
                    continue;
                }
                let new_id = self.insert(table, index, &row)?;
                if let (Some(old), Some(new)) = (old_id, new_id) {
                    self.target(&table.name, old, Target::Added(new));
                    soft_fixes.extend(soft.into_iter().map(|(col, v)| (table.name.clone(), col, new, v)));
                    if table.name == "customer" && !with_people {
                        self.add_account_person(new, &row)?;
                    }
                    if table.name == "customer" {
                        let name = row.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_string();
                        report.added.push(ImportedCustomer {
                            line: self.set.lines.get(&old).copied(),
                            id: new,
                            name,
                            known_as: None,
                        });
                    }
                }
                *report.rows.entry(table.name.clone()).or_default() += 1;
            }
        }
        self.fix_soft_references(&soft_fixes)?;
        if with_visits && !with_next_steps {
            // An export from before next steps had rows of their own: its visits' next steps
            // get theirs, as the migration gave them.
            crate::store::visits::refresh_all_rollups_in(self.tx)?;
        }
        Ok(())
    }

    /// Rewrites references to imported rows; `Ok(None)` means the row is skipped with its parent.
    pub(super) fn prepare(&self, table: &TableInfo, index: usize, row: &mut Row) -> DataResult<Option<Option<i64>>> {
        for fk in &table.foreign_keys {
            let Some(old) = row.get(&fk.column).and_then(|v| v.as_i64()) else { continue };
            match self.carry.targets.get(&fk.table).and_then(|m| m.get(&old)) {
                Some(Target::Added(new)) => {
                    row.insert(fk.column.clone(), (*new).into());
                }
                Some(Target::Merged(existing)) => {
                    if HISTORY_TABLES.contains(&table.name.as_str()) {
                        return Ok(None);
                    }
                    row.insert(fk.column.clone(), (*existing).into());
                }
                Some(Target::Skipped) => return Ok(None),
                None if self.keep_ids => {}
                None => {
                    let reason = format!("'{}' refers to {} {old}, which is not in the file", fk.column, fk.table);
                    return Err(bad_row(self.options, &table.name, index + 1, &reason));
                }
            }
        }
        Ok(Some(own_id(table, row)))
    }

    /// A customer imported from a file without people (a spreadsheet, an export from before
    /// accounts had people) gets its own person as its first contact, as `add` does.
    pub(super) fn add_account_person(&mut self, customer_id: i64, row: &Row) -> DataResult<()> {
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let style = crate::domain::Style::from_code(&text("style"));
        let new = crate::domain::NewCustomer {
            name: text("name"),
            title: text("title"),
            phone: text("phone"),
            email: text("email"),
            style,
            ..Default::default()
        };
        let id = crate::store::contacts::insert_account_person(self.tx, customer_id, &new, &self.now)?;
        self.carry.batch.add_id("contact", id);
        Ok(())
    }

    /// Inserts one row; returns its new integer id, if the table has one.
    pub(super) fn insert(&mut self, table: &TableInfo, index: usize, row: &Row) -> DataResult<Option<i64>> {
        let id_col = table.id_column();
        let mut cols = Vec::new();
        let mut values = Vec::new();
        for (col, value) in row {
            if !self.keep_ids && Some(col.as_str()) == id_col {
                continue;
            }
            let Some(mut v) = from_json(value) else {
                return Err(bad_row(self.options, &table.name, index + 1, &format!("bad value in '{col}'")));
            };
            // A customer's one-line fields get the forms' rule: control characters (a terminal
            // escape) become spaces. Longer texts (notes) keep them, as the forms do; every
            // output shows them as visible stand-ins.
            if let rusqlite::types::Value::Text(t) = &v
                && table.name == "customer"
                && ONE_LINE_CUSTOMER_FIELDS.contains(&col.as_str())
                && t.chars().any(char::is_control)
            {
                v = rusqlite::types::Value::Text(crate::domain::customer::clean_line(t));
            }
            cols.push(col.as_str());
            values.push(v);
        }
        let sql = insert_sql(&mut self.carry.insert_sql, &table.name, &cols);
        self.tx
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
            .map_err(|e| bad_row(self.options, &table.name, index + 1, &e.to_string()))?;
        let new_id = id_col.map(|_| self.tx.last_insert_rowid());
        match new_id {
            Some(id) => self.carry.batch.add_id(&table.name, id),
            None => self.carry.batch.add_key(&table.name, super::schema::row_key(table, row)),
        }
        if let Some(id) = new_id.filter(|_| self.set.keys_are_ours) {
            self.carry.file_rows.insert((table.name.clone(), id), index + 1);
        }
        Ok(new_id)
    }

    pub(super) fn target(&mut self, table: &str, old: i64, target: Target) {
        self.carry.targets.entry(table.to_string()).or_default().insert(old, target);
    }

    /// Points soft references (ids without a declared foreign key) at the renumbered rows.
    pub(super) fn fix_soft_references(&self, fixes: &[(String, String, i64, i64)]) -> DataResult<()> {
        for (table, col, row_id, old) in fixes {
            let Some(target_table) = SOFT_REFERENCES.iter().find(|s| s.0 == table && s.1 == col).map(|s| s.2) else {
                continue;
            };
            if let Some(Target::Added(new)) = self.carry.targets.get(target_table).and_then(|m| m.get(old)) {
                self.tx
                    .execute(&format!("UPDATE \"{table}\" SET \"{col}\" = ?1 WHERE id = ?2"), [new, row_id])
                    .ctx("linking imported rows")?;
            }
        }
        Ok(())
    }
}

/// The `INSERT` of `cols` into `table`, made once for each set of columns (the rows of a
/// table usually all have the same).
fn insert_sql<'s>(known: &'s mut InsertSql, table: &str, cols: &[&str]) -> &'s str {
    let same = |(known, _): &(Vec<String>, String)| known.iter().map(String::as_str).eq(cols.iter().copied());
    if !known.get(table).is_some_and(same) {
        let names: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO \"{table}\" ({}) VALUES ({})", names.join(", "), marks.join(", "));
        known.insert(table.to_string(), (cols.iter().map(|c| c.to_string()).collect(), sql));
    }
    known.get(table).map_or("", |(_, sql)| sql.as_str())
}

/// The row's own integer id, if its table has one.
pub(super) fn own_id(table: &TableInfo, row: &Row) -> Option<i64> {
    table.id_column().and_then(|c| row.get(c)).and_then(|v| v.as_i64())
}

/// Takes the soft references out of a row (set to null until their targets exist).
fn take_soft(table: &TableInfo, row: &mut Row) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for (_, col, _) in SOFT_REFERENCES.iter().filter(|s| s.0 == table.name) {
        if let Some(v) = row.get(*col).and_then(|v| v.as_i64()) {
            out.push((col.to_string(), v));
            row.insert(col.to_string(), serde_json::Value::Null);
        }
    }
    out
}

/// True when no record table holds a row.
fn is_empty(conn: &Connection, tables: &[TableInfo]) -> DataResult<bool> {
    for t in tables {
        let any: bool = conn
            .query_row(&format!("SELECT EXISTS (SELECT 1 FROM \"{}\")", t.name), [], |r| r.get(0))
            .ctx("checking whether the database is empty")?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}
