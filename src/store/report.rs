//! What the report reads: the step history of a period, open deals for the forecast, visits
//! tallied by day, next steps and what followed them, won value per account, and counts of
//! classes and quadrants. Figures are made from these rows in `ops::report`.

use chrono::NaiveDate;

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

/// The step history of a period as the funnel and results read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepHistory {
    /// Every change in the period, by deal, oldest first.
    pub changes: Vec<StepChange>,
    /// The tracks of the deals changed since the period began, by deal: each one's step at
    /// the start if it was open then, and its changes in the period.
    pub tracks: Vec<DealTrack>,
    /// Per step, in step order, how many open deals have stood in it since before the start
    /// (unchanged since, so tracks without changes, given as counts).
    pub standing: [u64; 5],
}

impl Store {
    /// The step history from `start` to `end` (RFC 3339 UTC, end exclusive) for the funnel
    /// and results: one range of `stage_event_timeline` (migration 0025) from the start on,
    /// in time order, which holds each change with the time of the deal's change before it
    /// and, for a change to won or lost, the deal's value now and the reason. A deal's first
    /// change since the start says where it stood then (the step it moved from, if it was
    /// open); the deals that stood still since are counted per step from `deal_open_board`
    /// (an open deal's `stage_since` is the time of its last change).
    pub fn report_step_history(&self, start: &str, end: &str) -> Result<StepHistory> {
        let what = "reading the step history";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT deal_id, id, from_stage, from_state, to_stage, to_state, at, before_at,
                        value_minor, currency, reason, at < ?2
                 FROM stage_event_timeline WHERE at >= ?1",
            )
            .ctx(what)?;
        let mut rows = stmt.query([start, end]).ctx(what)?;
        let mut changes: Vec<(i64, StepChange)> = Vec::new();
        let mut tracks: std::collections::BTreeMap<i64, DealTrack> = std::collections::BTreeMap::new();
        while let Some(r) = rows.next().ctx(what)? {
            let deal_id: i64 = r.get(0).ctx(what)?;
            let from = match (rows::opt_code::<Step>(r, 2).ctx(what)?, rows::opt_code::<DealState>(r, 3).ctx(what)?) {
                (Some(step), Some(state)) => Some(Held { step, state }),
                _ => None,
            };
            let track = tracks.entry(deal_id).or_insert_with(|| DealTrack {
                at_start: from.filter(|f| f.state == DealState::Open).map(|f| f.step),
                changes: Vec::new(),
            });
            if !r.get::<_, bool>(11).ctx(what)? {
                continue;
            }
            let to = Held { step: rows::code(r, 4).ctx(what)?, state: rows::code(r, 5).ctx(what)? };
            track.changes.push(to);
            let seconds = self.seconds_between(r, 6, 7)?;
            let value: Option<i64> = r.get(8).ctx(what)?;
            let currency = r.get_ref(9).and_then(|c| Ok(c.as_str_or_null()?)).ctx(what)?;
            let change = StepChange {
                deal_id,
                from,
                to,
                value: value.map(|v| Money::new(v, Currency::stored(currency.unwrap_or_default()))),
                reason: r.get(10).ctx(what)?,
                days_since_previous: seconds.map(|s| (s as f64 / DAY_SECONDS).max(0.0)),
            };
            changes.push((r.get(1).ctx(what)?, change));
        }
        changes.sort_by_key(|(id, c)| (c.deal_id, *id));
        let mut standing = [0u64; 5];
        for step in Step::ALL {
            standing[step.index()] = self.open_deals_in_step_since_before(*step, start)?;
        }
        Ok(StepHistory {
            changes: changes.into_iter().map(|(_, c)| c).collect(),
            tracks: tracks.into_values().filter(|t| t.at_start.is_some() || !t.changes.is_empty()).collect(),
            standing,
        })
    }

    /// Whole days (rounded up) spent in each step (in step order) by the deals that left it
    /// open from `start` to `end` (RFC 3339 UTC, end exclusive) for another step, a win or a
    /// loss: for each such change, the time since the deal's change before it, as
    /// [`StepChange`] gives it (what makes a deal stuck is a whole number of days).
    pub fn whole_days_in_steps(&self, start: &str, end: &str) -> Result<[Vec<u32>; 5]> {
        let what = "reading the time spent in steps";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT from_stage, at, before_at FROM stage_event_timeline
                 WHERE at >= ?1 AND at < ?2 AND from_state = 'open' AND from_stage IS NOT NULL
                   AND NOT (to_state = 'open' AND to_stage = from_stage)",
            )
            .ctx(what)?;
        let mut rows = stmt.query([start, end]).ctx(what)?;
        let mut days: [Vec<u32>; 5] = Default::default();
        while let Some(r) = rows.next().ctx(what)? {
            if let Some(seconds) = self.seconds_between(r, 1, 2)? {
                let whole = u64::try_from(seconds).unwrap_or(0).div_ceil(86_400);
                let whole = u32::try_from(whole).unwrap_or(u32::MAX);
                days[rows::code::<Step>(r, 0).ctx(what)?.index()].push(whole);
            }
        }
        Ok(days)
    }

    /// Seconds from the timestamp in column `before` to the one in column `at` of `row`, as
    /// SQLite's `unixepoch(at) - unixepoch(before)` gives them (none when either is none or
    /// not a time): read here for the form every change is stamped in, else asked of SQLite.
    fn seconds_between(&self, row: &rusqlite::Row, at: usize, before: usize) -> Result<Option<i64>> {
        let what = "reading the time between two step changes";
        let text = |i: usize| row.get_ref(i).and_then(|v| Ok(v.as_str_or_null()?)).ctx(what);
        let (Some(at), Some(before)) = (text(at)?, text(before)?) else { return Ok(None) };
        if let (Some(a), Some(b)) = (rows::utc_seconds(at), rows::utc_seconds(before)) {
            return Ok(Some(a - b));
        }
        self.conn()
            .prepare_cached("SELECT unixepoch(?1) - unixepoch(?2)")
            .and_then(|mut s| s.query_row([at, before], |r| r.get(0)))
            .ctx(what)
    }

    /// How many open deals have been in `stage` since before `since` (RFC 3339 UTC): those
    /// kept in `deal_open_tally` for the step less those that came into it since: from
    /// `deal_open_since_tally` the days after `since`'s day, and from `deal_open_board` the
    /// ones of its day (a short range of each instead of up to every open deal of the step).
    pub fn open_deals_in_step_since_before(&self, stage: Step, since: &str) -> Result<u64> {
        let what = "counting deals stuck in a step";
        let open: i64 = self
            .conn()
            .prepare_cached("SELECT coalesce(sum(deals), 0) FROM deal_open_tally WHERE stage = ?1")
            .and_then(|mut s| s.query_row([stage.code()], |r| r.get(0)))
            .ctx(what)?;
        let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<i64> {
            self.conn().prepare_cached(sql).and_then(|mut s| s.query_row(args, |r| r.get(0))).ctx(what)
        };
        // Text `stage_since >= next` is `substr(stage_since, 1, 10) >= next` for a next day
        // of ten characters.
        let next_day = rows::utc_seconds(since)
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .and_then(|t| t.date_naive().succ_opt())
            .map(|d| d.to_string())
            .filter(|d| d.len() == 10);
        let since_then = match next_day {
            Some(next) => {
                count(
                    "SELECT coalesce(sum(deals), 0) FROM deal_open_since_tally WHERE stage = ?1 AND day >= ?2",
                    &[&stage.code(), &next],
                )? + count(
                    "SELECT count(*) FROM deal INDEXED BY deal_open_board
                     WHERE state = 'open' AND stage = ?1 AND stage_since >= ?2 AND stage_since < ?3",
                    &[&stage.code(), &since, &next],
                )?
            }
            None => count(
                "SELECT count(*) FROM deal INDEXED BY deal_open_board
                 WHERE state = 'open' AND stage = ?1 AND stage_since >= ?2",
                &[&stage.code(), &since],
            )?,
        };
        Ok(u64::try_from(open - since_then).unwrap_or(0))
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
