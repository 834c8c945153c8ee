//! The objection log of a deal (`objection`).

use rusqlite::{OptionalExtension, params};

use super::Store;
use super::error::{Context, Result, StoreError};
use super::rows;
use crate::domain::objection::validated_objection;
use crate::domain::{Objection, ObjectionKind, Word};

const OBJECTION_COLUMNS: &str = "id, deal_id, text, kind, answer, resolved, created_at, updated_at, resolved_at";

fn objection_row(r: &rusqlite::Row) -> rusqlite::Result<Objection> {
    Ok(Objection {
        id: r.get(0)?,
        deal_id: r.get(1)?,
        text: r.get(2)?,
        kind: rows::code(r, 3)?,
        answer: r.get(4)?,
        resolved: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        resolved_at: r.get(8)?,
    })
}

impl Store {
    /// Logs an objection on a deal; returns its id.
    pub fn add_objection(&mut self, deal_id: i64, text: &str, kind: ObjectionKind, answer: &str) -> Result<i64> {
        self.log_objection(deal_id, text, kind, answer, false)
    }

    /// Logs an objection on a deal, already resolved when `resolved` (one write); returns its id.
    pub fn log_objection(
        &mut self,
        deal_id: i64,
        text: &str,
        kind: ObjectionKind,
        answer: &str,
        resolved: bool,
    ) -> Result<i64> {
        let (text, answer) = validated_objection(text, answer)?;
        self.write(|tx, clock| {
            let exists: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM deal WHERE id = ?1)", [deal_id], |r| r.get(0))
                .ctx("logging an objection")?;
            if !exists {
                return Err(StoreError::NotFound { what: "deal", id: deal_id });
            }
            let now = clock.timestamp();
            tx.execute(
                "INSERT INTO objection (deal_id, text, kind, answer, resolved, created_at, updated_at, resolved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, CASE WHEN ?5 THEN ?6 END)",
                params![deal_id, text, kind.code(), answer, resolved, now],
            )
            .ctx("logging an objection")?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Marks an objection of a deal resolved, optionally recording (replacing) the answer given.
    pub fn resolve_objection(&mut self, deal_id: i64, id: i64, answer: Option<&str>) -> Result<Objection> {
        let answer = answer.map(|a| validated_objection("-", a)).transpose()?.map(|(_, a)| a);
        self.write(|tx, clock| {
            let now = clock.timestamp();
            let changed = tx
                .execute(
                    "UPDATE objection SET resolved = 1, resolved_at = coalesce(resolved_at, ?3), updated_at = ?3,
                        answer = coalesce(?4, answer)
                     WHERE id = ?1 AND deal_id = ?2",
                    params![id, deal_id, now, answer],
                )
                .ctx("resolving an objection")?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "objection", id });
            }
            Ok(())
        })?;
        self.objection(id)
    }

    /// An objection by id.
    pub fn objection(&self, id: i64) -> Result<Objection> {
        self.conn()
            .query_row(&format!("SELECT {OBJECTION_COLUMNS} FROM objection WHERE id = ?1"), [id], objection_row)
            .optional()
            .ctx("reading an objection")?
            .ok_or(StoreError::NotFound { what: "objection", id })
    }

    /// A deal's objections, oldest first; only the open ones when `open_only`.
    pub fn objections_of(&self, deal_id: i64, open_only: bool) -> Result<Vec<Objection>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {OBJECTION_COLUMNS} FROM objection WHERE deal_id = ?1 AND (?2 = 0 OR resolved = 0) ORDER BY id"
            ))
            .ctx("reading objections")?;
        let found = stmt.query_map(params![deal_id, open_only], objection_row).ctx("reading objections")?;
        found.collect::<rusqlite::Result<Vec<_>>>().ctx("reading objections")
    }
}
