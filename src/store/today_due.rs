//! The review's "due by cadence" list: customers not heard from for longer than their
//! interval (the per-customer override, else their portfolio quadrant's default).
//!
//! Customers are read per interval group — each quadrant on its default, and each distinct
//! override — as two index ranges in order (contacted: oldest last contact first; never
//! contacted: oldest first), each stopping after `limit` rows. Within a group the interval is
//! constant, so its first rows are its most overdue; merging the groups and cutting at `limit`
//! gives the overall most overdue, without reading every customer. Once the list is full,
//! later groups are read only as far as a row could still beat its last entry. The ranges
//! are read from the cadence indexes alone; only the customers kept are then read for their
//! names (a fresh process copies each row's page from the system's cache: some 500 rows read
//! and dropped had been half of `today`'s page reads).

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;

use super::Store;
use super::error::{Context, Result};
use super::rows;
use super::today::REF_COLUMNS;
use crate::domain::today::{CustomerRef, DueCustomer};
use crate::domain::{CadencePolicy, CadenceState, Portfolio};

/// Customers of one interval group.
enum Group {
    /// No override, in this quadrant (or none).
    Quadrant(Option<Portfolio>),
    /// This override in days.
    Override(u32),
}

impl Store {
    /// Customers due or overdue by cadence on `day`, most overdue first, at most `limit`.
    /// Archived customers and the class "lost" are left out.
    pub fn due_by_cadence(&self, day: NaiveDate, policy: &CadencePolicy, limit: usize) -> Result<Vec<DueCustomer>> {
        let mut groups: Vec<(Group, u32)> = [
            None,
            Some(Portfolio::Star),
            Some(Portfolio::QuestionMark),
            Some(Portfolio::CashCow),
            Some(Portfolio::Dog),
        ]
        .into_iter()
        .map(|p| (Group::Quadrant(p), policy.interval(p, None)))
        .collect();
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT DISTINCT cadence_days FROM customer WHERE archived = 0 AND cadence_days IS NOT NULL ORDER BY 1",
            )
            .ctx("reading visit cadences")?;
        let overrides = stmt.query_map([], |r| r.get::<_, u32>(0)).ctx("reading visit cadences")?;
        for days in overrides {
            let days = days.ctx("reading visit cadences")?;
            groups.push((Group::Override(days), days));
        }
        let mut due: Vec<DueCustomer> = Vec::new();
        for (group, interval) in &groups {
            // Once the list is full, a group only needs rows that beat its last entry.
            let min_days = match due.get(limit.saturating_sub(1)).filter(|_| due.len() >= limit) {
                Some(worst) => days_to_beat(worst, *interval, policy),
                None => i64::from(*interval),
            };
            let cutoff = day.checked_sub_days(Days::new(min_days.max(0) as u64)).unwrap_or(NaiveDate::MIN);
            due.extend(self.due_in_group(group, *interval, cutoff, day, policy, limit)?);
            due.sort_by_key(sort_key);
            due.truncate(limit);
        }
        self.name_due_customers(&mut due)?;
        Ok(due)
    }

    /// Gives each of `due` (read from the cadence indexes alone, by id) its name, company and
    /// open deal's step: only the ones kept are read from the customers' rows.
    fn name_due_customers(&self, due: &mut [DueCustomer]) -> Result<()> {
        let what = "reading customers due by cadence";
        let mut stmt =
            self.conn().prepare_cached(&format!("SELECT {REF_COLUMNS} FROM customer c WHERE c.id = ?1")).ctx(what)?;
        for d in due {
            d.customer = stmt.query_row([d.customer.id], super::customers::customer_ref).ctx(what)?;
        }
        Ok(())
    }

    /// The most overdue customers of one group (both ranges) last contacted on or before
    /// `cutoff`.
    fn due_in_group(
        &self,
        group: &Group,
        interval: u32,
        cutoff: NaiveDate,
        day: NaiveDate,
        policy: &CadencePolicy,
        limit: usize,
    ) -> Result<Vec<DueCustomer>> {
        let (condition, key): (&str, Value) = match group {
            Group::Quadrant(p) => (
                "c.cadence_days IS NULL AND c.portfolio IS ?1",
                p.map_or(Value::Null, |p| Value::Text(crate::domain::Word::code(p).into())),
            ),
            Group::Override(days) => {
                ("c.cadence_days IS NOT NULL AND c.cadence_days = ?1", Value::Integer(*days as i64))
            }
        };
        let created_before = cutoff.checked_add_days(Days::new(1)).unwrap_or(cutoff).to_string();
        let ranges = [
            ("c.last_contact_on <= ?2 ORDER BY c.last_contact_on, c.created_at", cutoff.to_string()),
            ("c.last_contact_on IS NULL AND c.created_at < ?2 ORDER BY c.created_at", created_before),
        ];
        let mut out = Vec::new();
        for (range, bound) in ranges {
            let sql = format!(
                "SELECT c.id, c.portfolio, c.class, c.last_contact_on, substr(c.created_at, 1, 10)
                 FROM customer c WHERE c.archived = 0 AND {condition} AND {follows} AND {range} LIMIT ?3",
                follows = rows::follows_cadence_sql()
            );
            let mut stmt = self.conn().prepare_cached(&sql).ctx("reading customers due by cadence")?;
            let rows = stmt
                .query_map(rusqlite::params![key, bound, limit as i64], |r| {
                    let last_contact_on = rows::opt_date(r, 3)?;
                    let created: String = r.get(4)?;
                    let since =
                        last_contact_on.or_else(|| NaiveDate::parse_from_str(&created, "%Y-%m-%d").ok()).unwrap_or(day);
                    Ok(DueCustomer {
                        // Named once the merge has kept it (`name_due_customers`).
                        customer: CustomerRef {
                            id: r.get(0)?,
                            name: String::new(),
                            company: String::new(),
                            stage: None,
                        },
                        portfolio: rows::opt_code(r, 1)?,
                        class: rows::code(r, 2)?,
                        interval_days: interval,
                        last_contact_on,
                        state: policy.state(interval, since, day),
                    })
                })
                .ctx("reading customers due by cadence")?;
            for row in rows {
                let due = row.ctx("reading customers due by cadence")?;
                if !matches!(due.state, CadenceState::Fine { .. }) {
                    out.push(due);
                }
            }
        }
        Ok(out)
    }
}

/// Most overdue first: overdue before due, then most days past the interval, then id.
fn sort_key(d: &DueCustomer) -> (u8, i64, i64) {
    let (rank, days_since) = match d.state {
        CadenceState::Overdue { days_since } => (0, days_since),
        CadenceState::Due { days_since } => (1, days_since),
        CadenceState::Fine { .. } => (2, 0),
    };
    (rank, -(days_since - i64::from(d.interval_days)), d.customer.id)
}

/// The fewest days since contact a customer on `interval` needs to sort before `worst`
/// (ties included: the id decides, after the merge).
fn days_to_beat(worst: &DueCustomer, interval: u32, policy: &CadencePolicy) -> i64 {
    let interval = i64::from(interval);
    let overdue_at = policy.overdue_after(interval as u32);
    match worst.state {
        CadenceState::Overdue { days_since } => overdue_at.max(interval + days_since - i64::from(worst.interval_days)),
        CadenceState::Due { days_since } => overdue_at.min(interval + days_since - i64::from(worst.interval_days)),
        CadenceState::Fine { .. } => interval,
    }
}
