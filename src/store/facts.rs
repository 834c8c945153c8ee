//! The labelled facts of a customer record (`customer_fact`), important dates among them.

use rusqlite::params;

use super::Store;
use super::error::{Context, Result, StoreError};
use super::rows;
use crate::domain::{Fact, MonthDay, NewFact, Word};

impl Store {
    /// Adds a fact (validated by [`crate::domain::FactDraft`]) to a customer's record, about
    /// one of its people when `contact_id` is given (the schema refuses a person of another
    /// account); a `month_day` makes it an important date.
    pub fn add_fact(&mut self, customer_id: i64, contact_id: Option<i64>, fact: &NewFact) -> Result<i64> {
        let NewFact { category, label, value, month_day } = fact;
        self.write(|tx, clock| {
            let exists: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer_id], |r| r.get(0))
                .ctx("adding a fact")?;
            if !exists {
                return Err(StoreError::NotFound { what: "customer", id: customer_id });
            }
            tx.execute(
                "INSERT INTO customer_fact (customer_id, category, label, value, month_day, created_at, contact_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    customer_id,
                    category.code(),
                    label,
                    value,
                    month_day.map(|m| m.to_string()),
                    clock.timestamp(),
                    contact_id
                ],
            )
            .ctx("adding a fact")?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Changes a fact's person (`None`: the account's own), category, label, value and yearly
    /// date (the search index follows).
    pub fn update_fact(&mut self, id: i64, contact_id: Option<i64>, fact: &NewFact) -> Result<()> {
        let NewFact { category, label, value, month_day } = fact;
        self.write(|tx, _| {
            let n = tx
                .execute(
                    "UPDATE customer_fact SET category = ?2, label = ?3, value = ?4, month_day = ?5, contact_id = ?6
                     WHERE id = ?1",
                    params![id, category.code(), label, value, month_day.map(|m| m.to_string()), contact_id],
                )
                .ctx("editing a fact")?;
            if n == 0 { Err(StoreError::NotFound { what: "fact", id }) } else { Ok(()) }
        })
    }

    /// One fact.
    pub fn fact(&self, id: i64) -> Result<Fact> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {FACT_COLUMNS} FROM customer_fact WHERE id = ?1"))
            .ctx("reading a fact")?;
        let mut rows = stmt.query_map([id], fact_row).ctx("reading a fact")?;
        match rows.next() {
            Some(row) => row.ctx("reading a fact"),
            None => Err(StoreError::NotFound { what: "fact", id }),
        }
    }

    /// A customer's facts, by category then in the order added.
    pub fn facts_of(&self, customer_id: i64) -> Result<Vec<Fact>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {FACT_COLUMNS} FROM customer_fact
                 WHERE customer_id = ?1
                 ORDER BY CASE category WHEN 'basic' THEN 0 WHEN 'business' THEN 1 WHEN 'personal' THEN 2
                          WHEN 'logistics' THEN 3 ELSE 4 END, id"
            ))
            .ctx("reading facts")?;
        let facts = stmt.query_map([customer_id], fact_row).ctx("reading facts")?;
        facts.collect::<rusqlite::Result<Vec<_>>>().ctx("reading facts")
    }
}

/// The columns [`fact_row`] reads.
pub(crate) const FACT_COLUMNS: &str = "id, customer_id, category, label, value, month_day, contact_id";

pub(crate) fn fact_row(r: &rusqlite::Row) -> rusqlite::Result<Fact> {
    let md: Option<String> = r.get(5)?;
    Ok(Fact {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        category: rows::code(r, 2)?,
        label: r.get(3)?,
        value: r.get(4)?,
        month_day: md.as_deref().and_then(MonthDay::parse),
        contact_id: r.get(6)?,
    })
}
