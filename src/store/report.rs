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
    /// For a change to won or lost, the deal's value now (a won deal's final value), if it
    /// has one (none for a change to an open step: the report does not read it).
    pub value: Option<Money>,
    /// The reason given for a change to lost (empty for other changes).
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

/// How many visits of one day share a channel, type, plan, state and outcome (a key may come
/// more than once).
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

/// The next steps due on one day and what followed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextStepFollowUp {
    pub due_on: NaiveDate,
    /// How many were due that day.
    pub set: u64,
    /// Done on or before the day.
    pub kept: u64,
    /// Done after the day.
    pub late: u64,
    /// Not done.
    pub open: u64,
}

/// Customers per class, and per portfolio quadrant (`None`: not set).
pub type ClassAndQuadrantCounts = (Vec<(CustomerClass, u64)>, Vec<(Option<Portfolio>, u64)>);

/// Seconds in a day, for durations between timestamps.
const DAY_SECONDS: f64 = 86_400.0;

impl Store {
    /// What the funnel looks at (`start` being an RFC 3339 UTC timestamp): the tracks of the
    /// deals with `changes` in the period (from [`Store::report_changes`]) or changed since
    /// it began, each with its step at the start if it was open then; and, per step in step
    /// order, how many open deals created before the start have not changed since, so stood
    /// in their step all along (a deal's row is where its last step change left it). Counting
    /// those instead of looking up each deal's step at the start reads one index range.
    pub fn report_tracks(&self, start: &str, changes: &[StepChange]) -> Result<(Vec<DealTrack>, [u64; 5])> {
        let what = "reading where deals stood";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT d.id, e.to_stage FROM deal d
                 JOIN stage_event e INDEXED BY stage_event_deal
                   ON e.deal_id = d.id
                  AND e.id = (SELECT p.id FROM stage_event p INDEXED BY stage_event_deal
                              WHERE p.deal_id = d.id AND p.at < ?1 ORDER BY p.id DESC LIMIT 1)
                 WHERE d.id IN (SELECT deal_id FROM stage_event INDEXED BY stage_event_at WHERE at >= ?1)
                   AND d.created_at < ?1 AND (d.state = 'open' OR d.closed_at >= ?1) AND e.to_state = 'open'
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
        // All open deals created before the start, less those changed since (few, by id).
        let mut standing = [0u64; 5];
        for (sql, sign) in [
            (
                "SELECT stage, count(*) FROM deal INDEXED BY deal_state_totals
                 WHERE state = 'open' AND created_at < ?1 GROUP BY stage",
                1,
            ),
            (
                "SELECT stage, count(*) FROM deal
                 WHERE id IN (SELECT deal_id FROM stage_event WHERE at >= ?1) AND state = 'open' AND created_at < ?1
                 GROUP BY stage",
                -1,
            ),
        ] {
            let mut stmt = self.conn().prepare_cached(sql).ctx(what)?;
            let rows = stmt.query_map([start], |r| Ok((rows::code::<Step>(r, 0)?, r.get::<_, i64>(1)?))).ctx(what)?;
            for row in rows {
                let (step, n) = row.ctx(what)?;
                let total = i64::try_from(standing[step.index()]).unwrap_or(i64::MAX) + sign * n;
                standing[step.index()] = u64::try_from(total).unwrap_or(0);
            }
        }
        Ok((tracks.into_values().collect(), standing))
    }

    /// Every change of the step history from `start` to `end` (RFC 3339 UTC, end exclusive),
    /// by deal, oldest first: the changes from the index `stage_event_at`, the time of the
    /// change before each from `stage_event_deal` (migration 0023: neither reads the table),
    /// the deal's value and the reason only for a change to won or lost.
    pub fn report_changes(&self, start: &str, end: &str) -> Result<Vec<StepChange>> {
        let what = "reading the step history";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT e.deal_id, e.from_stage, e.from_state, e.to_stage, e.to_state,
                        CASE WHEN e.to_state = 'lost' THEN (SELECT r.reason FROM stage_event r WHERE r.id = e.id) END,
                        e.at,
                        (SELECT p.at FROM stage_event p INDEXED BY stage_event_deal
                         WHERE p.deal_id = e.deal_id AND p.id < e.id ORDER BY p.id DESC LIMIT 1),
                        d.value_minor, d.currency
                 FROM stage_event e INDEXED BY stage_event_at
                 LEFT JOIN deal d ON e.to_state <> 'open' AND d.id = e.deal_id
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
                let currency: Option<String> = r.get(9)?;
                Ok(StepChange {
                    deal_id: r.get(0)?,
                    from,
                    to: Held { step: rows::code(r, 3)?, state: rows::code(r, 4)? },
                    value: value.map(|v| Money::new(v, Currency::stored(currency.as_deref().unwrap_or_default()))),
                    reason: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
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
            .prepare_cached(
                "SELECT count(*) FROM deal INDEXED BY deal_state_totals
                 WHERE state = 'open' AND stage = ?1 AND stage_since < ?2",
            )
            .and_then(|mut s| s.query_row(params![stage.code(), since], |r| r.get(0)))
            .ctx("counting deals stuck in a step")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Open deals grouped by step, currency and month of expected close, whether that is
    /// before `today` (overdue) and whether it is from `from` to `to` (both included), in that
    /// order. Read by day of expected close from the totals kept per step, currency and day
    /// (`deal_open_close_tally`, migration 0023), then merged into months here as SQL would
    /// group them (text comparisons, the month being the first seven characters, a sum
    /// without values staying none).
    pub fn open_deal_groups(&self, today: NaiveDate, from: NaiveDate, to: NaiveDate) -> Result<Vec<OpenDealGroup>> {
        let what = "reading open deals for the forecast";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT stage, currency, nullif(close_on, ''), deals, CASE WHEN valued > 0 THEN value_minor END
                 FROM deal_open_close_tally",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    rows::code::<Step>(r, 0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })
            .ctx(what)?;
        let (today, from, to) = (today.to_string(), from.to_string(), to.to_string());
        type Key = (Step, String, Option<String>, bool, bool);
        let mut groups: std::collections::BTreeMap<Key, (i64, Option<i64>)> = std::collections::BTreeMap::new();
        for row in rows {
            let (step, currency, close_on, count, value): (Step, String, Option<String>, i64, Option<i64>) =
                row.ctx(what)?;
            let overdue = close_on.as_deref().is_some_and(|d| d < today.as_str());
            let in_period = close_on.as_deref().is_some_and(|d| d >= from.as_str() && d <= to.as_str());
            let month = close_on.map(|d| d.chars().take(7).collect::<String>());
            let group = groups.entry((step, currency, month, overdue, in_period)).or_insert((0, None));
            group.0 += count;
            group.1 = match (group.1, value) {
                (Some(a), Some(b)) => Some(a.saturating_add(b)),
                (a, b) => a.or(b),
            };
        }
        let groups = groups.into_iter().map(|((step, currency, month, overdue, in_period), (count, value_minor))| {
            OpenDealGroup {
                step,
                currency: Currency::stored(&currency),
                month,
                overdue,
                in_period,
                count: u64::try_from(count).unwrap_or(0),
                value_minor,
            }
        });
        Ok(groups.collect())
    }

    /// Visits of the period's days (by the day done, else planned), tallied: the rows of those
    /// days kept in `visit_day_tally` (migration 0023), one per channel, type, plan, state and
    /// outcome.
    pub fn visit_tallies(&self, from: NaiveDate, end: NaiveDate) -> Result<Vec<VisitTally>> {
        let what = "counting visits";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT day, channel, kind, nullif(outcome, ''), visits, planned, done
                 FROM visit_day_tally WHERE day >= ?1 AND day < ?2",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([from.to_string(), end.to_string()], |r| {
                let kind: String = r.get(2)?;
                Ok(VisitTally {
                    day: rows::opt_date(r, 0)?.unwrap_or(from),
                    channel: rows::code(r, 1)?,
                    kind: VisitKind::from_code(&kind),
                    planned: r.get(5)?,
                    done: r.get(6)?,
                    outcome: rows::opt_code(r, 3)?,
                    count: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                })
            })
            .ctx(what)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(what)
    }

    /// Next steps due from `from` to `end` (exclusive), per day due: how many, how many were
    /// done by that day (the UTC day of `done_at`) or after it, and how many are open, as kept
    /// in `next_step_day_tally` (migration 0023), in day order.
    pub fn next_step_follow_ups(&self, from: NaiveDate, end: NaiveDate) -> Result<Vec<NextStepFollowUp>> {
        let what = "reading next steps";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT due_on, steps, kept, late, open FROM next_step_day_tally
                 WHERE due_on >= ?1 AND due_on < ?2 ORDER BY due_on",
            )
            .ctx(what)?;
        let rows = stmt
            .query_map([from.to_string(), end.to_string()], |r| {
                let n = |i: usize| -> rusqlite::Result<u64> { Ok(u64::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
                Ok(NextStepFollowUp {
                    due_on: rows::opt_date(r, 0)?.unwrap_or(from),
                    set: n(1)?,
                    kept: n(2)?,
                    late: n(3)?,
                    open: n(4)?,
                })
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
                "SELECT customer_id, currency, sum(value_minor) FROM deal INDEXED BY deal_state_totals
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

    /// Active customers per class and per portfolio quadrant (`None`: not set), as kept in
    /// `customer_class_tally` (migration 0023).
    pub fn class_and_quadrant_counts(&self) -> Result<ClassAndQuadrantCounts> {
        let what = "counting customers";
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT class, nullif(portfolio, ''), customers FROM customer_class_tally")
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
