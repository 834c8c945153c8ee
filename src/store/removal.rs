//! Deleting visits, notes, facts, objections, people and customers, and undoing it: the rows taken out by a
//! delete, kept whole (every column, ids included) so the delete can be
//! undone: [`Store::put_back`] inserts them again, parents first, and the search index follows
//! through its triggers.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

use super::Store;
use super::error::{Context, Result, StoreError};
use super::visits::refresh_rollup;

/// The rows of one table taken out by a delete.
#[derive(Debug, Clone, PartialEq)]
struct TableRows {
    table: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// Everything one delete took out, parents before children; what [`Store::put_back`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    tables: Vec<TableRows>,
    /// Customers whose last contact and next step follow the rows.
    customers: Vec<i64>,
    /// Next steps (kept, not deleted) that a deleted visit did: `(step, visit)`, linked again
    /// when the visit is put back.
    done_by: Vec<(i64, i64)>,
}

/// Keeps the rows `tables` name for `key`, parents first.
fn take_all(conn: &Connection, tables: &[(&'static str, &str)], key: i64, customers: Vec<i64>) -> Result<Removed> {
    let mut removed = Removed::new(customers);
    for (table, filter) in tables {
        removed.take(conn, table, filter, key)?;
    }
    Ok(removed)
}

impl Removed {
    /// Nothing yet; rows are added with `take` before the delete runs.
    fn new(customers: Vec<i64>) -> Self {
        Self { tables: Vec::new(), customers, done_by: Vec::new() }
    }

    /// Keeps every row of `table` matching `filter` (SQL after WHERE, with `?1` = `key`).
    fn take(&mut self, conn: &Connection, table: &'static str, filter: &str, key: i64) -> Result<()> {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {filter}")).ctx("keeping what is deleted")?;
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let width = columns.len();
        let rows = stmt
            .query_map([key], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())
            .ctx("keeping what is deleted")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("keeping what is deleted")?;
        if !rows.is_empty() {
            self.tables.push(TableRows { table, columns, rows });
        }
        Ok(())
    }

    /// How many rows of `table` were taken out.
    pub fn count(&self, table: &str) -> usize {
        self.tables.iter().filter(|t| t.table == table).map(|t| t.rows.len()).sum()
    }
}

/// The rows under a customer, parents first: `(table, filter)` with `?1` the customer id.
const CUSTOMER_ROWS: &[(&str, &str)] = &[
    ("customer", "id = ?1"),
    ("contact", "customer_id = ?1"),
    ("contact_role", "contact_id IN (SELECT id FROM contact WHERE customer_id = ?1)"),
    ("customer_fact", "customer_id = ?1"),
    ("deal", "customer_id = ?1"),
    ("stage_event", "deal_id IN (SELECT id FROM deal WHERE customer_id = ?1)"),
    ("checklist_tick", "deal_id IN (SELECT id FROM deal WHERE customer_id = ?1)"),
    ("objection", "deal_id IN (SELECT id FROM deal WHERE customer_id = ?1)"),
    ("visit", "customer_id = ?1"),
    ("visit_checklist_tick", "visit_id IN (SELECT id FROM visit WHERE customer_id = ?1)"),
    ("visit_contact", "visit_id IN (SELECT id FROM visit WHERE customer_id = ?1)"),
    ("next_step", "customer_id = ?1"),
    ("note", "customer_id = ?1"),
];

/// The rows of one person, parents first (`?1` the contact id): their roles, personal facts
/// and the record of which visits met them (the visits stay).
const CONTACT_ROWS: &[(&str, &str)] = &[
    ("contact", "id = ?1"),
    ("contact_role", "contact_id = ?1"),
    ("customer_fact", "contact_id = ?1"),
    ("visit_contact", "contact_id = ?1"),
];

/// The rows of one visit, parents first (`?1` the visit id).
const VISIT_ROWS: &[(&str, &str)] = &[
    ("visit", "id = ?1"),
    ("visit_checklist_tick", "visit_id = ?1"),
    ("visit_contact", "visit_id = ?1"),
    ("next_step", "visit_id = ?1"),
];

impl Store {
    /// Deletes a visit (planned or logged) with its checklist ticks and people met; returns
    /// what it took out.
    pub fn delete_visit(&mut self, id: i64) -> Result<Removed> {
        self.write(|tx, clock| {
            let customer_id: i64 = tx
                .query_row("SELECT customer_id FROM visit WHERE id = ?1", [id], |r| r.get(0))
                .optional()
                .ctx("deleting a visit")?
                .ok_or(StoreError::NotFound { what: "visit", id })?;
            let mut removed = take_all(tx, VISIT_ROWS, id, vec![customer_id])?;
            removed.done_by = tx
                .prepare("SELECT id FROM next_step WHERE done_by_visit_id = ?1 AND visit_id IS NOT ?1")
                .and_then(|mut s| s.query_map([id], |r| Ok((r.get(0)?, id)))?.collect::<rusqlite::Result<Vec<_>>>())
                .ctx("deleting a visit")?;
            tx.execute("DELETE FROM visit WHERE id = ?1", [id]).ctx("deleting a visit")?;
            refresh_rollup(tx, customer_id, &clock.timestamp())?;
            Ok(removed)
        })
    }

    /// Removes a person with their roles, their personal facts and the record of which
    /// visits met them (the visits stay); returns what it took out.
    pub fn remove_contact(&mut self, id: i64) -> Result<Removed> {
        self.write(|tx, _| {
            let removed = take_all(tx, CONTACT_ROWS, id, Vec::new())?;
            if removed.count("contact") == 0 {
                return Err(StoreError::NotFound { what: "contact", id });
            }
            tx.execute("DELETE FROM contact WHERE id = ?1", [id]).ctx("removing a person")?;
            Ok(removed)
        })
    }

    /// Deletes a note; returns what it took out.
    pub fn delete_note(&mut self, id: i64) -> Result<Removed> {
        self.write(|tx, _| {
            let removed = take_all(tx, &[("note", "id = ?1")], id, Vec::new())?;
            if removed.count("note") == 0 {
                return Err(StoreError::NotFound { what: "quick_note", id });
            }
            tx.execute("DELETE FROM note WHERE id = ?1", [id]).ctx("deleting a note")?;
            Ok(removed)
        })
    }

    /// Deletes a fact; returns what it took out.
    pub fn delete_fact(&mut self, id: i64) -> Result<Removed> {
        self.write(|tx, _| {
            let removed = take_all(tx, &[("customer_fact", "id = ?1")], id, Vec::new())?;
            if removed.count("customer_fact") == 0 {
                return Err(StoreError::NotFound { what: "fact", id });
            }
            tx.execute("DELETE FROM customer_fact WHERE id = ?1", [id]).ctx("deleting a fact")?;
            Ok(removed)
        })
    }

    /// Deletes an objection; returns what it took out.
    pub fn delete_objection(&mut self, id: i64) -> Result<Removed> {
        self.write(|tx, _| {
            let removed = take_all(tx, &[("objection", "id = ?1")], id, Vec::new())?;
            if removed.count("objection") == 0 {
                return Err(StoreError::NotFound { what: "objection", id });
            }
            tx.execute("DELETE FROM objection WHERE id = ?1", [id]).ctx("deleting an objection")?;
            Ok(removed)
        })
    }

    /// Deletes a customer and everything under it (people, facts, deals with their history,
    /// checklists and objections, visits, notes); returns what it took out.
    pub fn delete_customer(&mut self, id: i64) -> Result<Removed> {
        self.write(|tx, _| {
            let removed = take_all(tx, CUSTOMER_ROWS, id, Vec::new())?;
            if removed.count("customer") == 0 {
                return Err(StoreError::NotFound { what: "customer", id });
            }
            tx.execute("DELETE FROM customer WHERE id = ?1", [id]).ctx("deleting a customer")?;
            Ok(removed)
        })
    }

    /// Puts back what a delete took out, as it was (same ids), in one transaction; fails
    /// without a change when a row's place was taken since (e.g. its customer is gone).
    pub fn put_back(&mut self, removed: &Removed) -> Result<()> {
        self.write(|tx, clock| {
            for table in &removed.tables {
                let marks = vec!["?"; table.columns.len()].join(", ");
                let sql = format!("INSERT INTO {} ({}) VALUES ({marks})", table.table, table.columns.join(", "));
                let mut stmt = tx.prepare(&sql).ctx("putting back what was deleted")?;
                for row in &table.rows {
                    stmt.execute(params_from_iter(row.iter())).ctx("putting back what was deleted")?;
                }
            }
            for (step, visit) in &removed.done_by {
                tx.execute(
                    "UPDATE next_step SET done_by_visit_id = ?2 WHERE id = ?1 AND done_by_visit_id IS NULL",
                    [step, visit],
                )
                .ctx("putting back what was deleted")?;
            }
            let now = clock.timestamp();
            for customer in &removed.customers {
                refresh_rollup(tx, *customer, &now)?;
            }
            Ok(())
        })
    }
}
