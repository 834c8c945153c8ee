//! Next steps: adding, reading, completing and postponing them; the next step a logged visit
//! sets is kept in step with the visit (`sync_visit_step`), and each write refreshes the
//! customer's rollup in the same transaction.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::error::{Context, Result, StoreError};
use super::today::REF_COLUMNS;
use super::visits::refresh_rollup;
use crate::domain::next_step::of_visit;
use crate::domain::today::CustomerRef;
use crate::domain::{NewNextStep, NextStep, VisitInput};

const STEP_COLUMNS: &str = "s.id, s.customer_id, s.deal_id, s.visit_id, s.text, s.due_on, s.due_time, s.done_at, \
    s.done_by_visit_id, s.created_at, s.updated_at";

/// A next step from a row selected with [`STEP_COLUMNS`] starting at `at`.
fn step_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<NextStep> {
    let due_time: Option<String> = r.get(at + 6)?;
    Ok(NextStep {
        id: r.get(at)?,
        customer_id: r.get(at + 1)?,
        deal_id: r.get(at + 2)?,
        visit_id: r.get(at + 3)?,
        text: r.get(at + 4)?,
        due_on: super::rows::opt_date(r, at + 5)?.unwrap_or_default(),
        due_time: due_time.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
        done_at: r.get(at + 7)?,
        done_by_visit_id: r.get(at + 8)?,
        created_at: r.get(at + 9)?,
        updated_at: r.get(at + 10)?,
    })
}

/// A next step with who it is for.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StepOf {
    pub customer: CustomerRef,
    #[serde(flatten)]
    pub step: NextStep,
}

impl Store {
    /// Adds an open next step for a customer (and one of its deals); returns its id.
    pub fn add_next_step(&mut self, customer_id: i64, step: NewNextStep) -> Result<i64> {
        let step = step.validated()?;
        self.write(|tx, clock| {
            super::visits::check_deal_of(tx, customer_id, step.deal_id, "adding a next step")?;
            let now = clock.timestamp();
            tx.execute(
                "INSERT INTO next_step (customer_id, deal_id, text, due_on, due_time, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    customer_id,
                    step.deal_id,
                    step.text,
                    step.due_on.to_string(),
                    step.due_time.map(|t| t.format("%H:%M").to_string()),
                    now
                ],
            )
            .ctx("adding a next step")?;
            let id = tx.last_insert_rowid();
            refresh_rollup(tx, customer_id, &now)?;
            Ok(id)
        })
    }

    /// A next step by id.
    pub fn next_step(&self, id: i64) -> Result<NextStep> {
        self.conn()
            .query_row(&format!("SELECT {STEP_COLUMNS} FROM next_step s WHERE s.id = ?1"), [id], |r| step_row(r, 0))
            .optional()
            .ctx("reading a next step")?
            .ok_or(StoreError::NotFound { what: "next step", id })
    }

    /// A customer's next steps: the open ones by due day, then (with `done`) the done ones,
    /// newest first.
    pub fn next_steps_of(&self, customer_id: i64, done: bool) -> Result<Vec<NextStep>> {
        let sql = format!(
            "SELECT {STEP_COLUMNS} FROM next_step s WHERE s.customer_id = ?1 AND (s.done_at IS NULL OR ?2)
             ORDER BY s.done_at IS NOT NULL, CASE WHEN s.done_at IS NULL THEN s.due_on END,
                      CASE WHEN s.done_at IS NULL THEN s.due_time END, s.done_at DESC, s.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql).ctx("reading next steps")?;
        let rows = stmt.query_map(params![customer_id, done], |r| step_row(r, 0)).ctx("reading next steps")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading next steps")
    }

    /// Open next steps of every customer due on or before `until` (all of them without),
    /// soonest first, at most `limit`.
    pub fn open_next_steps(&self, until: Option<NaiveDate>, limit: usize) -> Result<Vec<StepOf>> {
        let sql = format!(
            "SELECT {REF_COLUMNS}, {STEP_COLUMNS} FROM next_step s JOIN customer c ON c.id = s.customer_id
             WHERE s.done_at IS NULL AND s.due_on <= ?1 AND c.archived = 0
             ORDER BY s.due_on, s.due_time, s.id LIMIT ?2"
        );
        let until = until.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let mut stmt = self.conn().prepare_cached(&sql).ctx("reading next steps")?;
        let rows = stmt
            .query_map(params![until, limit as i64], |r| {
                Ok(StepOf { customer: super::customers::customer_ref(r)?, step: step_row(r, 4)? })
            })
            .ctx("reading next steps")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading next steps")
    }

    /// Marks an open next step done (by `visit`, when a visit did it).
    pub fn complete_next_step(&mut self, id: i64, visit: Option<i64>) -> Result<()> {
        self.write(|tx, clock| complete_in(tx, id, visit, &clock.timestamp()))
    }

    /// Closes the open next steps of deal `deal_id`, which must be won or lost: each is marked
    /// done when the deal closed (no visit did it). Returns the steps it closed.
    pub fn close_steps_of_closed_deal(&mut self, deal_id: i64) -> Result<Vec<NextStep>> {
        self.write(|tx, _| {
            let doing = "closing a closed deal's next steps";
            let (customer_id, closed_at): (i64, Option<String>) = tx
                .query_row(
                    "SELECT customer_id, closed_at FROM deal WHERE id = ?1 AND state <> 'open'",
                    [deal_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .ctx(doing)?
                .ok_or(StoreError::NotFound { what: "closed deal", id: deal_id })?;
            let Some(closed_at) = closed_at else { return Ok(Vec::new()) };
            // RETURNING names the table's own columns (no alias).
            let columns = STEP_COLUMNS.replace("s.", "");
            let mut stmt = tx
                .prepare(&format!(
                    "UPDATE next_step SET done_at = ?2, done_by_visit_id = NULL, updated_at = ?2
                     WHERE deal_id = ?1 AND done_at IS NULL RETURNING {columns}"
                ))
                .ctx(doing)?;
            let closed = stmt
                .query_map(params![deal_id, closed_at], |r| step_row(r, 0))
                .ctx(doing)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .ctx(doing)?;
            if !closed.is_empty() {
                refresh_rollup(tx, customer_id, &closed_at)?;
            }
            Ok(closed)
        })
    }

    /// Opens again the next steps of deal `deal_id` that closed with it at `closed_at` (see
    /// [`Store::close_steps_of_closed_deal`]); steps a visit did or a rep marked done stay
    /// done. Returns how many it opened.
    pub fn reopen_steps_closed_with(&mut self, deal_id: i64, closed_at: &str) -> Result<usize> {
        self.write(|tx, clock| {
            let doing = "reopening a deal's next steps";
            let now = clock.timestamp();
            let opened = tx
                .execute(
                    "UPDATE next_step SET done_at = NULL, updated_at = ?3
                     WHERE deal_id = ?1 AND done_at = ?2 AND done_by_visit_id IS NULL",
                    params![deal_id, closed_at, now],
                )
                .ctx(doing)?;
            if opened > 0 {
                let customer_id: i64 =
                    tx.query_row("SELECT customer_id FROM deal WHERE id = ?1", [deal_id], |r| r.get(0)).ctx(doing)?;
                refresh_rollup(tx, customer_id, &now)?;
            }
            Ok(opened)
        })
    }

    /// Gives an open next step another due day (and time; `None` keeps the one it had).
    pub fn postpone_step(&mut self, id: i64, on: NaiveDate, time: Option<NaiveTime>) -> Result<()> {
        self.write(|tx, clock| {
            let now = clock.timestamp();
            let customer_id = open_step_customer(tx, id, "postponing a next step")?;
            tx.execute(
                "UPDATE next_step SET due_on = ?2, due_time = coalesce(?3, due_time), updated_at = ?4 WHERE id = ?1",
                params![id, on.to_string(), time.map(|t| t.format("%H:%M").to_string()), now],
            )
            .ctx("postponing a next step")?;
            refresh_rollup(tx, customer_id, &now)
        })
    }
}

/// The customer of open next step `id`; not found when there is none or it is done.
fn open_step_customer(conn: &Connection, id: i64, doing: &'static str) -> Result<i64> {
    conn.query_row("SELECT customer_id FROM next_step WHERE id = ?1 AND done_at IS NULL", [id], |r| r.get(0))
        .optional()
        .ctx(doing)?
        .ok_or(StoreError::NotFound { what: "open next step", id })
}

/// Marks open next step `id` done inside a transaction and refreshes its customer's rollup.
pub(super) fn complete_in(conn: &Connection, id: i64, visit: Option<i64>, now: &str) -> Result<()> {
    let customer_id = open_step_customer(conn, id, "completing a next step")?;
    conn.execute(
        "UPDATE next_step SET done_at = ?2, done_by_visit_id = ?3, updated_at = ?2 WHERE id = ?1",
        params![id, now, visit],
    )
    .ctx("completing a next step")?;
    refresh_rollup(conn, customer_id, now)
}

/// After visit `visit_id` was written from `input`: its next step row follows the visit's
/// "next step" fields while open (added, changed, or removed when cleared); a done one stays
/// as it was. The step the visit does (`input.does_step`) is marked done by it. The caller
/// refreshes the rollup.
pub(super) fn sync_visit_step(conn: &Connection, visit_id: i64, input: &VisitInput, now: &str) -> Result<()> {
    let doing = "keeping the visit's next step";
    if let Some(step) = input.does_step {
        let of_same: Option<i64> = conn
            .query_row(
                "SELECT s.id FROM next_step s JOIN visit v ON v.customer_id = s.customer_id
                 WHERE s.id = ?1 AND v.id = ?2 AND s.done_at IS NULL",
                params![step, visit_id],
                |r| r.get(0),
            )
            .optional()
            .ctx(doing)?;
        if of_same.is_some() {
            complete_in(conn, step, Some(visit_id), now)?;
        }
    }
    let existing: Option<(i64, bool)> = conn
        .query_row("SELECT id, done_at IS NULL FROM next_step WHERE visit_id = ?1", [visit_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .ctx(doing)?;
    match (of_visit(input), existing) {
        (_, Some((_, false))) => {}
        (Some((text, on)), Some((id, true))) => {
            conn.execute(
                "UPDATE next_step SET text = ?2, due_on = ?3, deal_id = (SELECT deal_id FROM visit WHERE id = ?4),
                    updated_at = ?5 WHERE id = ?1 AND (text, due_on) IS NOT (?2, ?3)",
                params![id, text, on.to_string(), visit_id, now],
            )
            .ctx(doing)?;
        }
        (Some((text, on)), None) => {
            conn.execute(
                "INSERT INTO next_step (customer_id, deal_id, visit_id, text, due_on, created_at, updated_at)
                 SELECT customer_id, deal_id, id, ?2, ?3, ?4, ?4 FROM visit WHERE id = ?1",
                params![visit_id, text, on.to_string(), now],
            )
            .ctx(doing)?;
        }
        (None, Some((id, true))) => {
            conn.execute("DELETE FROM next_step WHERE id = ?1", [id]).ctx(doing)?;
        }
        (None, None) => {}
    }
    Ok(())
}

/// Gives every logged visit with a next step and no row of its own its row, as migration 0011
/// did (visits loaded in bulk: demo data, an export from before next steps had rows): the
/// customer's last such visit's step open, each earlier one done by the next logged visit
/// (the customer's logged visits in order once, not a look-up of the next one per visit).
pub(crate) fn derive_visit_steps(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT INTO next_step (customer_id, deal_id, visit_id, text, due_on, done_at, done_by_visit_id, created_at, updated_at)
         SELECT v.customer_id, v.deal_id, v.id,
                coalesce(nullif(trim(v.next_step), ''), nullif(trim(v.next_topic), ''), v.purpose),
                coalesce(v.next_step_on, substr(v.done_at, 1, 10)),
                v.next_logged_at, v.next_logged_id, v.created_at, v.updated_at
         FROM (SELECT l.id, l.customer_id, l.deal_id, l.next_step, l.next_topic, l.purpose, l.next_step_on,
                      l.done_at, l.created_at, l.updated_at,
                      lead(l.created_at) OVER logged AS next_logged_at, lead(l.id) OVER logged AS next_logged_id
               FROM visit l WHERE l.done_at IS NOT NULL
               WINDOW logged AS (PARTITION BY l.customer_id ORDER BY l.done_at, l.id)) AS v
         WHERE (trim(v.next_step) <> '' OR v.next_step_on IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM next_step s WHERE s.visit_id = v.id)
         ORDER BY v.id;",
    )
    .ctx("giving visits' next steps their rows")
}
