//! Quick notes, attached to a customer or to nothing (the inbox).

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::{Context, Result, StoreError};
use crate::domain::DomainError;
use crate::domain::customer::{MAX_LONG, check_len, clean_text};

/// A quick note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: i64,
    /// `None`: in the inbox.
    pub customer_id: Option<i64>,
    pub body: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

impl Store {
    /// Saves a note for a customer, or into the inbox when `customer_id` is `None`.
    pub fn add_note(&mut self, customer_id: Option<i64>, body: &str) -> Result<i64> {
        let body = clean_text(body);
        if body.is_empty() {
            return Err(DomainError::MissingField { field: "note" }.into());
        }
        check_len("note", &body, MAX_LONG)?;
        self.write(|tx, clock| {
            if let Some(id) = customer_id {
                let exists: bool = tx
                    .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [id], |r| r.get(0))
                    .ctx("adding a note")?;
                if !exists {
                    return Err(StoreError::NotFound { what: "customer", id });
                }
            }
            tx.execute(
                "INSERT INTO note (customer_id, body, created_at) VALUES (?1, ?2, ?3)",
                params![customer_id, body, clock.timestamp()],
            )
            .ctx("adding a note")?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// A customer's notes (or the inbox for `None`), newest first.
    pub fn notes_of(&self, customer_id: Option<i64>, limit: u32) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, customer_id, body, created_at FROM note WHERE customer_id IS ?1 ORDER BY id DESC LIMIT ?2",
            )
            .ctx("reading notes")?;
        let notes = stmt
            .query_map(params![customer_id, limit], |r| {
                Ok(Note { id: r.get(0)?, customer_id: r.get(1)?, body: r.get(2)?, created_at: r.get(3)? })
            })
            .ctx("reading notes")?;
        notes.collect::<rusqlite::Result<Vec<_>>>().ctx("reading notes")
    }

    /// Deletes a note.
    pub fn delete_note(&mut self, id: i64) -> Result<()> {
        self.write(|tx, _| {
            let n = tx.execute("DELETE FROM note WHERE id = ?1", [id]).ctx("deleting a note")?;
            if n == 0 { Err(StoreError::NotFound { what: "note", id }) } else { Ok(()) }
        })
    }
}
