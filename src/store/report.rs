//! What the report reads: the step history of a period, open deals for the forecast, visits
//! tallied by day, next steps and what followed them, won value per account, and counts of
//! classes and quadrants. Figures are made from these rows in `ops::report`.

use chrono::{DateTime, NaiveDate};
use rusqlite::params;

use super::Store;
use super::error::{Context, Result};
use super::rows;
use crate::domain::money::{Currency, Money};
use crate::domain::report::{DealTrack, Held};
use crate::domain::{Channel, CustomerClass, DealState, Outcome, Portfolio, Step, VisitKind, Word};

/// One change of the step history inside the period.
#[derive(Debug, Clone, PartialEq)]
pub struct StepChange {
    pub deal_id: i64,
    pub from: Option<Held>,
    pub to: Held,
    /// The deal's value now (a won deal's final value), if it has one.
    pub value: Option<Money>,
    pub reason: String,
    /// Days since the change before it (how long the deal stood where it was), if any.
    pub days_since_previous: Option<f64>,
}

/// Open deals of one step and currency expected to close in one month (`None`: no date).
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDealGroup {
    pub step: Step,
    pub currency: Currency,
    /// `YYYY-MM` of the expected close, or none.
    pub month: Option<String>,
    /// Expected to close before today and still open.
    pub overdue: bool,
    /// Expected to close in the period asked for.
    pub in_period: bool,
    pub count: u64,
    /// Sum of the values of those that have one.
    pub value_minor: Option<i64>,
}

/// How many visits of one day share a channel, type, plan, state and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitTally {
    pub day: NaiveDate,
    pub channel: Channel,
    pub kind: VisitKind,
    pub planned: bool,
    pub done: bool,
    pub outcome: Option<Outcome>,
    pub count: u64,
}

/// A next step: the day it was due and the day it was done (none while open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextStepFollowUp {
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

/// Customers per class, and per portfolio quadrant (`None`: not set).
pub type ClassAndQuadrantCounts = (Vec<(CustomerClass, u64)>, Vec<(Option<Portfolio>, u64)>);

/// Seconds in a day, for durations between timestamps.
const DAY_SECONDS: f64 = 86_400.0;

impl Store {
    /// The tracks of the deals the funnel looks at: those open when the period began (with
    /// their step then, `start` being an RFC 3339 UTC timestamp) and those with `changes` in
    /// the period (from [`Store::report_changes`]).
    pub fn report_tracks(&self, start: &str, changes: &[StepChange]) -> Result<Vec<DealTrack>> {
        let what = "reading where deals stood";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT d.id, e.to_stage FROM deal d
                 JOIN stage_event e ON e.id = (SELECT p.id FROM stage_event p
                                               WHERE p.deal_id = d.id AND p.at < ?1 ORDER BY p.id DESC LIMIT 1)
                 WHERE d.created_at < ?1 AND (d.state = 'open' OR d.closed_at >= ?1) AND e.to_state = 'open'
                 ORDER BY d.id",
            )
            .ctx(what)?;
        let rows = stmt.query_map([start], |r| Ok((r.get::<_, i64>(0)?, rows::code::<Step>(r, 1)?))).ctx(what)?;
        let mut tracks: std::collections::BTreeMap<i64, DealTrack> = std::collections::BTreeMap::new();
        for row in rows {
            let (id, stage) = row.ctx(what)?;
            tracks.entry(id).or_default().at_start = Some(stage);
        }
        for c in changes {
            tracks.entry(c.deal_id).or_default().changes.push(c.to);
        }
        Ok(tracks.into_values().collect())
    }

    /// Every change of the step history from `start` to `end` (RFC 3339 UTC, end exclusive),
    /// by deal, oldest first.
    pub fn report_changes(&self, start: &str, end: &str) -> Result<Vec<StepChange>> {
        let what = "reading the step history";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT e.deal_id, e.from_stage, e.from_state, e.to_stage, e.to_state, e.reason, e.at,
                        (SELECT p.at FROM stage_event p WHERE p.deal_id = e.deal_id AND p.id < e.id
                         ORDER BY p.id DESC LIMIT 1),
                        d.value_minor, d.currency
                 FROM stage_event e JOIN deal d ON d.id = e.deal_id
                 WHERE e.at >= ?1 AND e.at < ?2 ORDER BY e.deal_id, e.id",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([start, end], |r| {
                let from = match (rows::opt_code::<Step>(r, 1)?, rows::opt_code::<DealState>(r, 2)?) {
                    (Some(step), Some(state)) => Some(Held { step, state }),
                    _ => None,
                };
                let at: String = r.get(6)?;
                let previous: Option<String> = r.get(7)?;
                let value: Option<i64> = r.get(8)?;
                let currency: String = r.get(9)?;
                Ok(StepChange {
                    deal_id: r.get(0)?,
                    from,
                    to: Held { step: rows::code(r, 3)?, state: rows::code(r, 4)? },
                    value: value.map(|v| Money::new(v, Currency::stored(&currency))),
                    reason: r.get(5)?,
                    days_since_previous: previous.and_then(|p| days_between(&p, &at)),
                })
            })
            .ctx(what)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)
    }

    /// How many open deals have been in `stage` since before `since` (RFC 3339 UTC).
    pub fn open_deals_in_step_since_before(&self, stage: Step, since: &str) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM deal WHERE state = 'open' AND stage = ?1 AND stage_since < ?2")
            .and_then(|mut s| s.query_row(params![stage.code(), since], |r| r.get(0)))
            .ctx("counting deals stuck in a step")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Open deals grouped by step, currency and month of expected close, whether that is
    /// before `today` (overdue) and whether it is from `from` to `to` (both included).
    pub fn open_deal_groups(&self, today: NaiveDate, from: NaiveDate, to: NaiveDate) -> Result<Vec<OpenDealGroup>> {
        let what = "reading open deals for the forecast";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT stage, currency, substr(expected_close_on, 1, 7), coalesce(expected_close_on < ?1, 0),
                        coalesce(expected_close_on BETWEEN ?2 AND ?3, 0), count(*), sum(value_minor)
                 FROM deal WHERE state = 'open' GROUP BY 1, 2, 3, 4, 5",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([today.to_string(), from.to_string(), to.to_string()], |r| {
                let currency: String = r.get(1)?;
                Ok(OpenDealGroup {
                    step: rows::code(r, 0)?,
                    currency: Currency::stored(&currency),
                    month: r.get(2)?,
                    overdue: r.get(3)?,
                    in_period: r.get(4)?,
                    count: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                    value_minor: r.get(6)?,
                })
            })
            .ctx(what)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)
    }

    /// Visits of the period's days (by the day done, else planned), tallied.
    pub fn visit_tallies(&self, from: NaiveDate, end: NaiveDate) -> Result<Vec<VisitTally>> {
        let what = "counting visits";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT substr(coalesce(done_at, planned_at), 1, 10), channel, kind, planned_at IS NOT NULL,
                        done_at IS NOT NULL, outcome, count(*)
                 FROM visit WHERE coalesce(done_at, planned_at) >= ?1 AND coalesce(done_at, planned_at) < ?2
                 GROUP BY 1, 2, 3, 4, 5, 6",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([from.to_string(), end.to_string()], |r| {
                let kind: String = r.get(2)?;
                Ok(VisitTally {
                    day: rows::opt_date(r, 0)?.unwrap_or(from),
                    channel: rows::code(r, 1)?,
                    kind: VisitKind::from_code(&kind),
                    planned: r.get(3)?,
                    done: r.get(4)?,
                    outcome: rows::opt_code(r, 5)?,
                    count: u64::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
                })
            })
            .ctx(what)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)
    }

    /// Next steps due from `from` to `end` (exclusive), with the day each was done (the UTC
    /// day of `done_at`).
    pub fn next_step_follow_ups(&self, from: NaiveDate, end: NaiveDate) -> Result<Vec<NextStepFollowUp>> {
        let what = "reading next steps";
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT due_on, substr(done_at, 1, 10) FROM next_step WHERE due_on >= ?1 AND due_on < ?2")
            .ctx(what)?;
        let rows = stmt
            .query_map([from.to_string(), end.to_string()], |r| {
                Ok(NextStepFollowUp { due_on: rows::opt_date(r, 0)?.unwrap_or(from), done_on: rows::opt_date(r, 1)? })
            })
            .ctx(what)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)
    }

    /// Won value per account and currency, of deals won before `end` (RFC 3339 UTC).
    pub fn won_value_per_account(&self, end: &str) -> Result<Vec<(i64, Money)>> {
        let what = "reading won value per account";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT customer_id, currency, sum(value_minor) FROM deal
                 WHERE state = 'won' AND value_minor IS NOT NULL AND closed_at < ?1
                 GROUP BY customer_id, currency",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([end], |r| {
                let currency: String = r.get(1)?;
                Ok((r.get(0)?, Money::new(r.get(2)?, Currency::stored(&currency))))
            })
            .ctx(what)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)
    }

    /// Active customers per class and per portfolio quadrant (`None`: not set).
    pub fn class_and_quadrant_counts(&self) -> Result<ClassAndQuadrantCounts> {
        let what = "counting customers";
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT class, portfolio, count(*) FROM customer WHERE archived = 0 GROUP BY 1, 2")
            .ctx(what)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    rows::code::<CustomerClass>(r, 0)?,
                    rows::opt_code::<Portfolio>(r, 1)?,
                    u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                ))
            })
            .ctx(what)?;
        let mut classes: Vec<(CustomerClass, u64)> = Vec::new();
        let mut quadrants: Vec<(Option<Portfolio>, u64)> = Vec::new();
        for row in rows {
            let (class, quadrant, n) = row.ctx(what)?;
            add_count(&mut classes, class, n);
            add_count(&mut quadrants, quadrant, n);
        }
        Ok((classes, quadrants))
    }
}

fn add_count<K: PartialEq>(counts: &mut Vec<(K, u64)>, key: K, n: u64) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += n,
        None => counts.push((key, n)),
    }
}

/// Days from one RFC 3339 timestamp to another (none when either is unreadable).
fn days_between(from: &str, to: &str) -> Option<f64> {
    let from = DateTime::parse_from_rfc3339(from).ok()?;
    let to = DateTime::parse_from_rfc3339(to).ok()?;
    Some(((to - from).num_seconds() as f64 / DAY_SECONDS).max(0.0))
}
