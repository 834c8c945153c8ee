//! Visits: planning, logging, reading, postponing; and the customer rollups they drive
//! (last contact, next step) kept in the same transaction as every visit write.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::checklist::replace_visit_ticks;
use super::contacts::replace_visit_contacts;
use super::error::{Context, Result, StoreError};
use super::next_steps::{derive_visit_steps, sync_visit_step};
use super::rows;
use crate::domain::when::format_stored_datetime;
use crate::domain::{Visit, VisitInput, VisitKind, Word};

pub(crate) const VISIT_COLUMNS: &str = "id, customer_id, deal_id, channel, planned_at, done_at, purpose, action_plan, \
    expected_result, actual_result, outcome, next_topic, next_step, next_step_on, notes, created_at, updated_at, kind";

pub(crate) fn visit_row(r: &rusqlite::Row) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        deal_id: r.get(2)?,
        channel: rows::code(r, 3)?,
        planned_at: rows::opt_datetime(r, 4)?,
        done_at: rows::opt_datetime(r, 5)?,
        purpose: r.get(6)?,
        action_plan: r.get(7)?,
        expected_result: r.get(8)?,
        actual_result: r.get(9)?,
        outcome: rows::opt_code(r, 10)?,
        next_topic: r.get(11)?,
        next_step: r.get(12)?,
        next_step_on: rows::opt_date(r, 13)?,
        notes: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        kind: VisitKind::from_code(&r.get::<_, String>(17)?),
    })
}

/// Inserts a validated visit row (created and updated at `created_at`); returns its id. The
/// caller keeps the rollups and ticks.
pub(super) fn insert_visit(
    conn: &Connection,
    customer_id: i64,
    deal_id: Option<i64>,
    v: &VisitInput,
    created_at: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO visit (customer_id, deal_id, channel, planned_at, done_at, purpose, action_plan,
            expected_result, actual_result, outcome, next_topic, next_step, next_step_on, notes,
            created_at, updated_at, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
    )
    .and_then(|mut s| {
        s.execute(params![
            customer_id,
            deal_id,
            v.channel.code(),
            v.planned_at.map(format_stored_datetime),
            v.done_at.map(format_stored_datetime),
            v.purpose,
            v.action_plan,
            v.expected_result,
            v.actual_result,
            v.outcome.map(Word::code),
            v.next_topic,
            v.next_step,
            v.next_step_on.map(|d| d.to_string()),
            v.notes,
            created_at,
            v.kind.code(),
        ])
    })
    .ctx("adding a visit")?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// Plans or logs a visit for a customer (attached to its newest open deal, if any).
    pub fn add_visit(&mut self, customer_id: i64, input: VisitInput) -> Result<i64> {
        self.add_visit_for(customer_id, None, input)
    }

    /// Plans or logs a visit for a customer, for `deal` (one of the customer's deals) or,
    /// without one, for its newest open deal if it has one.
    pub fn add_visit_for(&mut self, customer_id: i64, deal: Option<i64>, input: VisitInput) -> Result<i64> {
        let input = input.validated()?;
        self.write(|tx, clock| {
            let deal_id = match check_deal_of(tx, customer_id, deal, "adding a visit")? {
                Some(deal_id) => Some(deal_id),
                None => tx
                    .query_row(
                        "SELECT id FROM deal WHERE customer_id = ?1 AND state = 'open' ORDER BY id DESC LIMIT 1",
                        [customer_id],
                        |r| r.get(0),
                    )
                    .optional()
                    .ctx("adding a visit")?,
            };
            let now = clock.timestamp();
            let id = insert_visit(tx, customer_id, deal_id, &input, &now)?;
            if let Some(ticks) = &input.ticks {
                replace_visit_ticks(tx, id, ticks, &now)?;
            }
            if let Some(met) = &input.met {
                replace_visit_contacts(tx, id, met)?;
            }
            sync_visit_step(tx, id, &input, &now)?;
            refresh_rollup(tx, customer_id, &now)?;
            Ok(id)
        })
    }

    /// Replaces a visit's fields (logging a planned visit fills in `done_at` and results).
    pub fn update_visit(&mut self, id: i64, input: VisitInput) -> Result<()> {
        let input = input.validated()?;
        self.write(|tx, clock| {
            let now = clock.timestamp();
            let customer_id: i64 = tx
                .query_row("SELECT customer_id FROM visit WHERE id = ?1", [id], |r| r.get(0))
                .optional()
                .ctx("editing a visit")?
                .ok_or(StoreError::NotFound { what: "visit", id })?;
            tx.execute(
                "UPDATE visit SET channel = ?2, planned_at = ?3, done_at = ?4, purpose = ?5, action_plan = ?6,
                    expected_result = ?7, actual_result = ?8, outcome = ?9, next_topic = ?10, next_step = ?11,
                    next_step_on = ?12, notes = ?13, updated_at = ?14, kind = ?15 WHERE id = ?1",
                params![
                    id,
                    input.channel.code(),
                    input.planned_at.map(format_stored_datetime),
                    input.done_at.map(format_stored_datetime),
                    input.purpose,
                    input.action_plan,
                    input.expected_result,
                    input.actual_result,
                    input.outcome.map(Word::code),
                    input.next_topic,
                    input.next_step,
                    input.next_step_on.map(|d| d.to_string()),
                    input.notes,
                    now,
                    input.kind.code(),
                ],
            )
            .ctx("editing a visit")?;
            if let Some(ticks) = &input.ticks {
                replace_visit_ticks(tx, id, ticks, &now)?;
            }
            if let Some(met) = &input.met {
                replace_visit_contacts(tx, id, met)?;
            }
            sync_visit_step(tx, id, &input, &now)?;
            refresh_rollup(tx, customer_id, &now)
        })
    }

    /// Moves an open appointment to another time.
    pub fn reschedule_visit(&mut self, id: i64, at: NaiveDateTime) -> Result<()> {
        self.write(|tx, clock| {
            let now = clock.timestamp();
            let customer_id: i64 = tx
                .query_row("SELECT customer_id FROM visit WHERE id = ?1 AND done_at IS NULL", [id], |r| r.get(0))
                .optional()
                .ctx("postponing a visit")?
                .ok_or(StoreError::NotFound { what: "planned visit", id })?;
            tx.execute(
                "UPDATE visit SET planned_at = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, format_stored_datetime(at), now],
            )
            .ctx("postponing a visit")?;
            refresh_rollup(tx, customer_id, &now)
        })
    }

    /// A visit by id.
    pub fn visit(&self, id: i64) -> Result<Visit> {
        self.conn()
            .query_row(&format!("SELECT {VISIT_COLUMNS} FROM visit WHERE id = ?1"), [id], visit_row)
            .optional()
            .ctx("reading a visit")?
            .ok_or(StoreError::NotFound { what: "visit", id })
    }

    /// A page of a customer's visits, newest first (planned ones by their planned time).
    pub fn visits_of(&self, customer_id: i64, limit: u32, offset: u32) -> Result<Vec<Visit>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {VISIT_COLUMNS} FROM visit WHERE customer_id = ?1
                 ORDER BY coalesce(done_at, planned_at) DESC, id DESC LIMIT ?2 OFFSET ?3"
            ))
            .ctx("reading visits")?;
        let visits = stmt.query_map(params![customer_id, limit, offset], visit_row).ctx("reading visits")?;
        visits.collect::<rusqlite::Result<Vec<_>>>().ctx("reading visits")
    }

    /// Recomputes every customer's rollups (after bulk loads such as demo data or imports).
    pub fn refresh_all_rollups(&mut self) -> Result<()> {
        self.write(|tx, _| refresh_all_rollups_in(tx))
    }
}

/// `deal` when it is one of the customer's deals (`None` stays `None`); else not found, or
/// not the customer's.
pub(super) fn check_deal_of(
    conn: &Connection,
    customer_id: i64,
    deal: Option<i64>,
    doing: &'static str,
) -> Result<Option<i64>> {
    let exists: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer_id], |r| r.get(0))
        .ctx(doing)?;
    if !exists {
        return Err(StoreError::NotFound { what: "customer", id: customer_id });
    }
    let Some(deal_id) = deal else { return Ok(None) };
    let owner: i64 = conn
        .query_row("SELECT customer_id FROM deal WHERE id = ?1", [deal_id], |r| r.get(0))
        .optional()
        .ctx(doing)?
        .ok_or(StoreError::NotFound { what: "deal", id: deal_id })?;
    if owner != customer_id {
        return Err(StoreError::NotTheCustomersDeal { deal_id, customer_id, owner });
    }
    Ok(Some(deal_id))
}

/// The rollup columns of `customer`: the last logged visit's day; the earliest open
/// appointment; and the customer's next step, the earliest of its open appointments and open
/// next steps (an appointment first on the same day). Migration 0011 sets the same.
const ROLLUP: &str = "last_contact_on = (SELECT substr(max(v.done_at), 1, 10) FROM visit v
        WHERE v.customer_id = customer.id AND v.done_at IS NOT NULL),
    next_visit_id = (SELECT v.id FROM visit v WHERE v.customer_id = customer.id AND v.done_at IS NULL
        ORDER BY v.planned_at, v.id LIMIT 1),
    next_step_on = (SELECT d FROM (
        SELECT substr(v.planned_at, 1, 10) AS d, 0 AS k, v.planned_at AS at, v.id AS i, v.purpose AS t
        FROM visit v WHERE v.customer_id = customer.id AND v.done_at IS NULL
        UNION ALL
        SELECT s.due_on, 1, s.due_time, s.id, s.text
        FROM next_step s WHERE s.customer_id = customer.id AND s.done_at IS NULL)
        ORDER BY d, k, at, i LIMIT 1),
    next_step = coalesce((SELECT t FROM (
        SELECT substr(v.planned_at, 1, 10) AS d, 0 AS k, v.planned_at AS at, v.id AS i, v.purpose AS t
        FROM visit v WHERE v.customer_id = customer.id AND v.done_at IS NULL
        UNION ALL
        SELECT s.due_on, 1, s.due_time, s.id, s.text
        FROM next_step s WHERE s.customer_id = customer.id AND s.done_at IS NULL)
        ORDER BY d, k, at, i LIMIT 1), '')";

/// Every customer's rollups at once, as [`ROLLUP`] sets them one by one: each customer's
/// logged visits, open appointments and open next steps are read in one pass over each table
/// (sorted by customer) instead of a look-up per customer into the visits' rows.
const ALL_ROLLUPS: &str = "UPDATE customer SET last_contact_on = r.last_on, next_visit_id = r.visit_id,
        next_step_on = r.step_on, next_step = coalesce(r.step, '')
    FROM (SELECT c.id, d.last_on, o.id AS visit_id, s.d AS step_on, s.t AS step
        FROM customer c
        LEFT JOIN (SELECT customer_id, substr(max(done_at), 1, 10) AS last_on FROM visit
            WHERE done_at IS NOT NULL GROUP BY customer_id) d ON d.customer_id = c.id
        LEFT JOIN (SELECT customer_id, id FROM (SELECT customer_id, id,
                row_number() OVER (PARTITION BY customer_id ORDER BY planned_at, id) AS n
                FROM visit WHERE done_at IS NULL) WHERE n = 1) o ON o.customer_id = c.id
        LEFT JOIN (SELECT customer_id, d, t FROM (SELECT customer_id, d, t,
                row_number() OVER (PARTITION BY customer_id ORDER BY d, k, at, i) AS n FROM (
                    SELECT v.customer_id, substr(v.planned_at, 1, 10) AS d, 0 AS k, v.planned_at AS at,
                        v.id AS i, v.purpose AS t
                    FROM visit v WHERE v.done_at IS NULL
                    UNION ALL
                    SELECT s.customer_id, s.due_on, 1, s.due_time, s.id, s.text
                    FROM next_step s WHERE s.done_at IS NULL)) WHERE n = 1) s ON s.customer_id = c.id) AS r
    WHERE r.id = customer.id";

/// Recomputes every customer's rollups inside an open transaction (after bulk loads such as
/// demo data or imports, whose logged visits' next steps get their rows first).
pub(crate) fn refresh_all_rollups_in(conn: &Connection) -> Result<()> {
    derive_visit_steps(conn)?;
    update_all_rollups(conn)
}

/// Recomputes every customer's rollups from its visits and next steps as they are.
pub(crate) fn update_all_rollups(conn: &Connection) -> Result<()> {
    conn.execute(ALL_ROLLUPS, []).ctx("refreshing customer summaries")?;
    Ok(())
}

/// Recomputes one customer's last contact and next step from its visits and next steps.
pub(crate) fn refresh_rollup(conn: &Connection, customer_id: i64, now: &str) -> Result<()> {
    conn.prepare_cached(&format!("UPDATE customer SET {ROLLUP}, updated_at = ?2 WHERE id = ?1"))
        .and_then(|mut s| s.execute(params![customer_id, now]))
        .ctx("updating the customer summary")?;
    Ok(())
}
