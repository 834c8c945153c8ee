//! Quick notes, attached to a customer or to nothing (the inbox).

use rusqlite::{OptionalExtension, params};
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

    /// Replaces a note's text.
    pub fn edit_note(&mut self, id: i64, body: &str) -> Result<()> {
        let body = clean_text(body);
        if body.is_empty() {
            return Err(DomainError::MissingField { field: "note" }.into());
        }
        check_len("note", &body, MAX_LONG)?;
        self.write(|tx, _| {
            let n = tx.execute("UPDATE note SET body = ?2 WHERE id = ?1", params![id, body]).ctx("editing a note")?;
            if n == 0 { Err(StoreError::NotFound { what: "quick_note", id }) } else { Ok(()) }
        })
    }

    /// Files a note under a customer (an inbox note attached later), or back into the inbox.
    pub fn move_note(&mut self, id: i64, customer_id: Option<i64>) -> Result<()> {
        self.write(|tx, _| {
            if let Some(customer) = customer_id {
                let exists: bool = tx
                    .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer], |r| r.get(0))
                    .ctx("moving a note")?;
                if !exists {
                    return Err(StoreError::NotFound { what: "customer", id: customer });
                }
            }
            let n = tx
                .execute("UPDATE note SET customer_id = ?2 WHERE id = ?1", params![id, customer_id])
                .ctx("moving a note")?;
            if n == 0 { Err(StoreError::NotFound { what: "quick_note", id }) } else { Ok(()) }
        })
    }

    /// A note by id.
    pub fn note(&self, id: i64) -> Result<Note> {
        self.conn()
            .query_row("SELECT id, customer_id, body, created_at FROM note WHERE id = ?1", [id], |r| {
                Ok(Note { id: r.get(0)?, customer_id: r.get(1)?, body: r.get(2)?, created_at: r.get(3)? })
            })
            .optional()
            .ctx("reading a note")?
            .ok_or(StoreError::NotFound { what: "quick_note", id })
    }
}
