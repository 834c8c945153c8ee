//! Deals and their append-only step history (`stage_event`).

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::customers::NewDeal;
use super::error::{Context, Result, StoreError};
use super::rows;
use crate::clock::Clock;
use crate::domain::customer::clean_line;
use crate::domain::money::{Currency, Money};
use crate::domain::{CustomerClass, Deal, DealState, DomainError, Stage, StageEvent, Word};

const DEAL_COLUMNS: &str = "id, customer_id, title, value_minor, currency, stage, state, lost_reason, \
    expected_close_on, stage_since, created_at, closed_at";

fn deal_row(r: &rusqlite::Row) -> rusqlite::Result<Deal> {
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
    /// The customer's open deal, if it has one.
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
    pub fn stage_history(&self, deal_id: i64) -> Result<Vec<StageEvent>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, deal_id, from_stage, to_stage, from_state, to_state, at, reason
                 FROM stage_event WHERE deal_id = ?1 ORDER BY id",
            )
            .ctx("reading step history")?;
        let events = stmt
            .query_map([deal_id], |r| {
                Ok(StageEvent {
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

    /// Moves the customer's open deal to `to`, recording the move.
    pub fn move_deal(&mut self, customer_id: i64, to: Stage, reason: &str) -> Result<Deal> {
        let reason = clean_line(reason);
        self.write(|tx, clock| {
            let deal = open_deal_in(tx, customer_id)?.ok_or(StoreError::NoOpenDeal { customer_id })?;
            if deal.stage == to {
                return Err(StoreError::SameStage);
            }
            let now = clock.timestamp();
            tx.execute("UPDATE deal SET stage = ?2, stage_since = ?3 WHERE id = ?1", params![deal.id, to.code(), now])
                .ctx("moving a deal")?;
            record_event(tx, &now, deal.id, Some(deal.stage), to, Some(DealState::Open), DealState::Open, &reason)?;
            Ok(deal.id)
        })
        .and_then(|id| self.deal(id))
    }

    /// Marks the open deal won (the prospect becomes a customer: class ordinary unless
    /// already a closed class), optionally with its final value.
    pub fn win_deal(&mut self, customer_id: i64, value: Option<Money>) -> Result<Deal> {
        self.close_deal(customer_id, DealState::Won, value, "")
    }

    /// Marks the open deal lost with a reason (required).
    pub fn lose_deal(&mut self, customer_id: i64, reason: &str) -> Result<Deal> {
        let reason = clean_line(reason);
        if reason.is_empty() {
            return Err(DomainError::MissingField { field: "reason" }.into());
        }
        self.close_deal(customer_id, DealState::Lost, None, &reason)
    }

    fn close_deal(&mut self, customer_id: i64, state: DealState, value: Option<Money>, reason: &str) -> Result<Deal> {
        self.write(|tx, clock| {
            let deal = open_deal_in(tx, customer_id)?.ok_or(StoreError::NoOpenDeal { customer_id })?;
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
                    .query_row("SELECT class FROM customer WHERE id = ?1", [customer_id], |r| r.get(0))
                    .ctx("closing a deal")?;
                let class = CustomerClass::from_code(&class)
                    .ok_or_else(|| StoreError::Corrupt(format!("customer class '{class}'")))?;
                if class.after_win() != class {
                    tx.execute(
                        "UPDATE customer SET class = ?2, updated_at = ?3 WHERE id = ?1",
                        params![customer_id, class.after_win().code(), now],
                    )
                    .ctx("closing a deal")?;
                }
            }
            Ok(deal.id)
        })
        .and_then(|id| self.deal(id))
    }

    /// Starts a new open deal for a customer who has none (e.g. after a win).
    pub fn start_deal(&mut self, customer_id: i64, deal: NewDeal) -> Result<Deal> {
        self.write(|tx, clock| {
            if open_deal_in(tx, customer_id)?.is_some() {
                return Err(StoreError::DealAlreadyOpen { customer_id });
            }
            let exists: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer_id], |r| r.get(0))
                .ctx("starting a deal")?;
            if !exists {
                return Err(StoreError::NotFound { what: "customer", id: customer_id });
            }
            insert_deal(tx, clock, customer_id, &deal)
        })
        .and_then(|id| self.deal(id))
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
    from_stage: Option<Stage>,
    to_stage: Stage,
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
            from_stage.map(Stage::code),
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
