//! Deals (any number per customer) and their append-only step history (`stage_event`).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::customers::NewDeal;
use super::error::{Context, Result, StoreError};
use super::rows;
use crate::clock::Clock;
use crate::domain::customer::clean_line;
use crate::domain::money::{Currency, Money};
use crate::domain::{CustomerClass, Deal, DealState, DomainError, Step, StepEvent, Word};

pub(crate) const DEAL_COLUMNS: &str = "id, customer_id, title, value_minor, currency, stage, state, lost_reason, \
    expected_close_on, stage_since, created_at, closed_at";

/// Changes to a deal; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DealPatch {
    pub title: Option<String>,
    /// `Some(None)` clears the value; a value also sets the currency.
    pub value: Option<Option<Money>>,
    /// The currency alone (the value, if any, stays the same number of units).
    pub currency: Option<Currency>,
    /// `Some(None)` clears the date.
    pub close_on: Option<Option<NaiveDate>>,
}

pub(crate) fn deal_row(r: &rusqlite::Row) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        title: r.get(2)?,
        value_minor: r.get(3)?,
        currency: Currency::stored(&r.get::<_, String>(4)?),
        stage: rows::code(r, 5)?,
        state: rows::code(r, 6)?,
        lost_reason: r.get(7)?,
        expected_close_on: rows::opt_date(r, 8)?,
        stage_since: r.get(9)?,
        created_at: r.get(10)?,
        closed_at: r.get(11)?,
    })
}

impl Store {
    /// The customer's newest open deal, if it has one.
    pub fn open_deal(&self, customer_id: i64) -> Result<Option<Deal>> {
        open_deal_in(self.conn(), customer_id)
    }

    /// All deals of a customer, newest first.
    pub fn deals_of(&self, customer_id: i64) -> Result<Vec<Deal>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {DEAL_COLUMNS} FROM deal WHERE customer_id = ?1 ORDER BY id DESC"))
            .ctx("reading deals")?;
        let deals = stmt.query_map([customer_id], deal_row).ctx("reading deals")?;
        deals.collect::<rusqlite::Result<Vec<_>>>().ctx("reading deals")
    }

    /// A deal's moves, oldest first.
    pub fn stage_history(&self, deal_id: i64) -> Result<Vec<StepEvent>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, deal_id, from_stage, to_stage, from_state, to_state, at, reason
                 FROM stage_event WHERE deal_id = ?1 ORDER BY id",
            )
            .ctx("reading step history")?;
        let events = stmt
            .query_map([deal_id], |r| {
                Ok(StepEvent {
                    id: r.get(0)?,
                    deal_id: r.get(1)?,
                    from_stage: rows::opt_code(r, 2)?,
                    to_stage: rows::code(r, 3)?,
                    from_state: rows::opt_code(r, 4)?,
                    to_state: rows::code(r, 5)?,
                    at: r.get(6)?,
                    reason: r.get(7)?,
                })
            })
            .ctx("reading step history")?;
        events.collect::<rusqlite::Result<Vec<_>>>().ctx("reading step history")
    }

    /// The customer's open deals, oldest first.
    pub fn open_deals_of(&self, customer_id: i64) -> Result<Vec<Deal>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DEAL_COLUMNS} FROM deal WHERE customer_id = ?1 AND state = 'open' ORDER BY id"
            ))
            .ctx("reading deals")?;
        let deals = stmt.query_map([customer_id], deal_row).ctx("reading deals")?;
        deals.collect::<rusqlite::Result<Vec<_>>>().ctx("reading deals")
    }

    /// Moves an open deal to `to`, recording the move.
    pub fn move_deal(&mut self, deal_id: i64, to: Step, reason: &str) -> Result<Deal> {
        let reason = clean_line(reason);
        self.write(|tx, clock| {
            let deal = open_in(tx, deal_id)?;
            if deal.stage == to {
                return Err(StoreError::SameStep);
            }
            let now = clock.timestamp();
            tx.execute("UPDATE deal SET stage = ?2, stage_since = ?3 WHERE id = ?1", params![deal.id, to.code(), now])
                .ctx("moving a deal")?;
            record_event(tx, &now, deal.id, Some(deal.stage), to, Some(DealState::Open), DealState::Open, &reason)?;
            Ok(deal.id)
        })
        .and_then(|id| self.deal(id))
    }

    /// Marks an open deal won (the prospect becomes a customer: class ordinary unless
    /// already a closed class), optionally with its final value (which may change its currency).
    pub fn win_deal(&mut self, deal_id: i64, value: Option<Money>) -> Result<Deal> {
        self.close_deal(deal_id, DealState::Won, value, "")
    }

    /// Marks an open deal lost with a reason (required).
    pub fn lose_deal(&mut self, deal_id: i64, reason: &str) -> Result<Deal> {
        let reason = clean_line(reason);
        if reason.is_empty() {
            return Err(DomainError::MissingField { field: "reason" }.into());
        }
        self.close_deal(deal_id, DealState::Lost, None, &reason)
    }

    fn close_deal(&mut self, deal_id: i64, state: DealState, value: Option<Money>, reason: &str) -> Result<Deal> {
        self.write(|tx, clock| {
            let deal = open_in(tx, deal_id)?;
            let now = clock.timestamp();
            tx.execute(
                "UPDATE deal SET state = ?2, closed_at = ?3, lost_reason = ?4, value_minor = coalesce(?5, value_minor),
                 currency = coalesce(?6, currency) WHERE id = ?1",
                params![
                    deal.id,
                    state.code(),
                    now,
                    reason,
                    value.map(|m| m.minor),
                    value.map(|m| m.currency.code().to_string())
                ],
            )
            .ctx("closing a deal")?;
            record_event(tx, &now, deal.id, Some(deal.stage), deal.stage, Some(DealState::Open), state, reason)?;
            if state == DealState::Won {
                let class: String = tx
                    .query_row("SELECT class FROM customer WHERE id = ?1", [deal.customer_id], |r| r.get(0))
                    .ctx("closing a deal")?;
                let class = CustomerClass::from_code(&class)
                    .ok_or_else(|| StoreError::Corrupt(format!("customer class '{class}'")))?;
                if class.after_win() != class {
                    tx.execute(
                        "UPDATE customer SET class = ?2, updated_at = ?3 WHERE id = ?1",
                        params![deal.customer_id, class.after_win().code(), now],
                    )
                    .ctx("closing a deal")?;
                }
            }
            Ok(deal.id)
        })
        .and_then(|id| self.deal(id))
    }

    /// Opens a won or lost deal again, in the step it closed in (the close stays in the step
    /// history; `reason` is recorded with the reopening). The lost reason is cleared from the
    /// deal (the history keeps it).
    pub fn reopen_deal(&mut self, deal_id: i64, reason: &str) -> Result<Deal> {
        let reason = clean_line(reason);
        self.write(|tx, clock| {
            let deal = deal_in(tx, deal_id)?;
            if deal.is_open() {
                return Err(StoreError::DealStillOpen { id: deal_id });
            }
            let now = clock.timestamp();
            tx.execute(
                "UPDATE deal SET state = 'open', closed_at = NULL, lost_reason = '', stage_since = ?2 WHERE id = ?1",
                params![deal_id, now],
            )
            .ctx("reopening a deal")?;
            record_event(tx, &now, deal_id, Some(deal.stage), deal.stage, Some(deal.state), DealState::Open, &reason)
        })
        .and_then(|()| self.deal(deal_id))
    }

    /// Adds a deal to a customer (any number may be open at once).
    pub fn add_deal(&mut self, customer_id: i64, deal: &NewDeal) -> Result<Deal> {
        self.write(|tx, clock| {
            let exists: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer_id], |r| r.get(0))
                .ctx("adding a deal")?;
            if !exists {
                return Err(StoreError::NotFound { what: "customer", id: customer_id });
            }
            insert_deal(tx, clock, customer_id, deal)
        })
        .and_then(|id| self.deal(id))
    }

    /// Changes a deal's title, value, currency or expected close date (its step and state
    /// change only by moving, winning, losing and reopening).
    pub fn update_deal(&mut self, deal_id: i64, patch: &DealPatch) -> Result<Deal> {
        self.write(|tx, _| {
            deal_in(tx, deal_id)?;
            if let Some(title) = &patch.title {
                tx.execute("UPDATE deal SET title = ?2 WHERE id = ?1", params![deal_id, clean_line(title)])
                    .ctx("editing a deal")?;
            }
            if let Some(value) = patch.value {
                tx.execute(
                    "UPDATE deal SET value_minor = ?2, currency = coalesce(?3, currency) WHERE id = ?1",
                    params![deal_id, value.map(|m| m.minor), value.map(|m| m.currency.code().to_string())],
                )
                .ctx("editing a deal")?;
            }
            if let Some(currency) = patch.currency {
                tx.execute("UPDATE deal SET currency = ?2 WHERE id = ?1", params![deal_id, currency.code()])
                    .ctx("editing a deal")?;
            }
            if let Some(close_on) = patch.close_on {
                tx.execute(
                    "UPDATE deal SET expected_close_on = ?2 WHERE id = ?1",
                    params![deal_id, close_on.map(|d| d.to_string())],
                )
                .ctx("editing a deal")?;
            }
            Ok(())
        })
        .and_then(|()| self.deal(deal_id))
    }

    /// A deal by id.
    pub fn deal(&self, id: i64) -> Result<Deal> {
        self.conn()
            .query_row(&format!("SELECT {DEAL_COLUMNS} FROM deal WHERE id = ?1"), [id], deal_row)
            .optional()
            .ctx("reading a deal")?
            .ok_or(StoreError::NotFound { what: "deal", id })
    }
}

/// A deal read inside a write.
fn deal_in(conn: &rusqlite::Connection, id: i64) -> Result<Deal> {
    conn.prepare_cached(&format!("SELECT {DEAL_COLUMNS} FROM deal WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id], deal_row).optional())
        .ctx("reading a deal")?
        .ok_or(StoreError::NotFound { what: "deal", id })
}

/// An open deal read inside a write; a won or lost one is refused.
fn open_in(conn: &rusqlite::Connection, id: i64) -> Result<Deal> {
    let deal = deal_in(conn, id)?;
    if deal.is_open() { Ok(deal) } else { Err(StoreError::DealClosed { id, state: deal.state }) }
}

fn open_deal_in(conn: &rusqlite::Connection, customer_id: i64) -> Result<Option<Deal>> {
    conn.prepare_cached(&format!(
        "SELECT {DEAL_COLUMNS} FROM deal WHERE customer_id = ?1 AND state = 'open' ORDER BY id DESC LIMIT 1"
    ))
    .and_then(|mut s| s.query_row([customer_id], deal_row).optional())
    .ctx("reading the open deal")
}

/// Inserts a deal and its creation event inside `tx`.
pub(crate) fn insert_deal(tx: &Transaction, clock: Clock, customer_id: i64, deal: &NewDeal) -> Result<i64> {
    let now = clock.timestamp();
    tx.prepare_cached(
        "INSERT INTO deal (customer_id, title, value_minor, currency, stage, state, stage_since, created_at,
                           expected_close_on)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            customer_id,
            clean_line(&deal.title),
            deal.value_minor,
            deal.currency.code(),
            deal.stage.code(),
            now,
            deal.close_on.map(|d| d.to_string())
        ])
    })
    .ctx("adding a deal")?;
    let id = tx.last_insert_rowid();
    record_event(tx, &now, id, None, deal.stage, None, DealState::Open, "")?;
    Ok(id)
}

/// Appends one row to the step history.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_event(
    tx: &Transaction,
    at: &str,
    deal_id: i64,
    from_stage: Option<Step>,
    to_stage: Step,
    from_state: Option<DealState>,
    to_state: DealState,
    reason: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO stage_event (deal_id, from_stage, to_stage, from_state, to_state, at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            deal_id,
            from_stage.map(Step::code),
            to_stage.code(),
            from_state.map(DealState::code),
            to_state.code(),
            at,
            reason
        ])
    })
    .ctx("recording a step move")?;
    Ok(())
}
