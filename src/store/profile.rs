//! Profiling queries: the "losing touch" list (customers furthest past their visit cadence).
//!
//! The interval depends on the quadrant (from the config) or a per-customer override, so one
//! ORDER BY over the whole table cannot use an index. Instead: one index range per quadrant
//! (fixed interval: the oldest contacts are the furthest past due), one over the few overrides,
//! then the candidates are merged here. Each range reads at most `limit` rows.

use chrono::{Days, NaiveDate};
use rusqlite::params;

use super::Store;
use super::customers::customer_ref;
use super::error::{Context, Result};
use super::rows;
use crate::domain::review::DueCustomer;
use crate::domain::{CadencePolicy, CustomerClass, Portfolio, Word};

/// The date a customer's cadence restarts from, as indexed by `customer_cadence_since`.
const SINCE: &str = "coalesce(last_contact_on, substr(created_at, 1, 10))";

/// A customer past due, before the merge.
struct Candidate {
    id: i64,
    interval: u32,
    since: NaiveDate,
}

impl Store {
    /// Customers past their cadence interval, furthest past due first (at most `limit`).
    /// The cadence restarts at the last real contact (a logged visit), or at the day the
    /// customer was added if there was none; archived and lost customers are left out.
    pub fn losing_touch(&self, policy: &CadencePolicy, today: NaiveDate, limit: u32) -> Result<Vec<DueCustomer>> {
        let mut candidates = Vec::new();
        let groups = Portfolio::ALL.iter().map(|p| Some(*p)).chain([None]);
        for portfolio in groups {
            let interval = policy.interval(portfolio, None);
            let cutoff = CadencePolicy::due_cutoff(interval, today);
            let filter = if portfolio.is_some() { "portfolio = ?1" } else { "portfolio IS NULL AND ?1 IS NULL" };
            let sql = format!(
                "SELECT id, {SINCE} FROM customer
                 WHERE {filter} AND archived = 0 AND cadence_days IS NULL AND class <> ?2 AND {SINCE} <= ?3
                 ORDER BY {SINCE}, id LIMIT ?4"
            );
            let mut stmt = self.conn().prepare_cached(&sql).ctx("listing customers losing touch")?;
            let found = stmt
                .query_map(
                    params![portfolio.map(Word::code), CustomerClass::Lost.code(), cutoff.to_string(), limit],
                    |r| Ok(Candidate { id: r.get(0)?, interval, since: rows::date(r, 1)? }),
                )
                .ctx("listing customers losing touch")?;
            candidates.extend(found.collect::<rusqlite::Result<Vec<_>>>().ctx("listing customers losing touch")?);
        }
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT id, cadence_days, {SINCE} FROM customer
                 WHERE cadence_days IS NOT NULL AND archived = 0 AND class <> ?1
                   AND julianday(?2) - julianday({SINCE}) >= cadence_days
                 ORDER BY julianday({SINCE}) + cadence_days, id LIMIT ?3"
            ))
            .ctx("listing customers losing touch")?;
        let overrides = stmt
            .query_map(params![CustomerClass::Lost.code(), today.to_string(), limit], |r| {
                Ok(Candidate { id: r.get(0)?, interval: r.get(1)?, since: rows::date(r, 2)? })
            })
            .ctx("listing customers losing touch")?;
        candidates.extend(overrides.collect::<rusqlite::Result<Vec<_>>>().ctx("listing customers losing touch")?);

        let due_on = |c: &Candidate| c.since.checked_add_days(Days::new(c.interval as u64)).unwrap_or(NaiveDate::MAX);
        candidates.sort_by_key(|c| (due_on(c), c.id));
        candidates.truncate(limit as usize);
        candidates.into_iter().map(|c| self.due_customer(policy, today, c)).collect()
    }

    /// The row of the list for one candidate.
    fn due_customer(&self, policy: &CadencePolicy, today: NaiveDate, c: Candidate) -> Result<DueCustomer> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT c.id, c.name, c.company,
                    (SELECT d.stage FROM deal d WHERE d.customer_id = c.id AND d.state = 'open' ORDER BY d.id DESC LIMIT 1),
                    c.portfolio, c.class, c.last_contact_on
                 FROM customer c WHERE c.id = ?1",
            )
            .ctx("listing customers losing touch")?;
        stmt.query_row([c.id], |r| {
            Ok(DueCustomer {
                customer: customer_ref(r)?,
                portfolio: rows::opt_code(r, 4)?,
                class: rows::code(r, 5)?,
                interval_days: c.interval,
                last_contact_on: rows::opt_date(r, 6)?,
                state: policy.state(c.interval, c.since, today),
            })
        })
        .ctx("listing customers losing touch")
    }
}
