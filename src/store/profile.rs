//! Profiling queries: the "losing touch" list (customers furthest past their visit cadence).

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use super::customers::customer_ref;
use super::error::{Context, Result};
use super::rows;
use crate::domain::review::DueCustomer;
use crate::domain::{CadencePolicy, CustomerClass, Word};

impl Store {
    /// Customers past their cadence interval, furthest past due first (at most `limit`).
    /// The cadence restarts at the last real contact (a logged visit), or at the day the
    /// customer was added if there was none; archived and lost customers are left out.
    pub fn losing_touch(&self, policy: &CadencePolicy, today: NaiveDate, limit: u32) -> Result<Vec<DueCustomer>> {
        // One pass over the customer table computing each interval, then the open deal's step
        // for the few rows kept.
        let mut stmt = self
            .conn()
            .prepare_cached(
                "WITH due AS (
                    SELECT c.id, c.portfolio, c.class, c.last_contact_on,
                        coalesce(c.cadence_days, CASE c.portfolio WHEN 'star' THEN ?2 WHEN 'question-mark' THEN ?3
                            WHEN 'cash-cow' THEN ?4 WHEN 'dog' THEN ?5 ELSE ?6 END) AS interval,
                        CAST(julianday(?1) - julianday(coalesce(c.last_contact_on, substr(c.created_at, 1, 10)))
                            AS INTEGER) AS days_since
                    FROM customer c WHERE c.archived = 0 AND c.class <> ?8
                 ), worst AS (
                    SELECT * FROM due WHERE days_since >= interval
                    ORDER BY days_since - interval DESC, id LIMIT ?7
                 )
                 SELECT c.id, c.name, c.company, d.stage, w.portfolio, w.class, w.last_contact_on, w.interval,
                        w.days_since
                 FROM worst w JOIN customer c ON c.id = w.id
                 LEFT JOIN deal d ON d.customer_id = c.id AND d.state = 'open'
                 GROUP BY c.id ORDER BY w.days_since - w.interval DESC, c.id",
            )
            .ctx("listing customers losing touch")?;
        let found = stmt
            .query_map(
                params![
                    today.to_string(),
                    policy.star,
                    policy.question_mark,
                    policy.cash_cow,
                    policy.dog,
                    policy.other,
                    limit,
                    CustomerClass::Lost.code()
                ],
                |r| {
                    let interval: u32 = r.get(7)?;
                    let days_since: i64 = r.get(8)?;
                    let since = today - chrono::Duration::days(days_since);
                    Ok(DueCustomer {
                        customer: customer_ref(r)?,
                        portfolio: rows::opt_code(r, 4)?,
                        class: rows::code(r, 5)?,
                        interval_days: interval,
                        last_contact_on: rows::opt_date(r, 6)?,
                        state: policy.state(interval, since, today),
                    })
                },
            )
            .ctx("listing customers losing touch")?;
        found.collect::<rusqlite::Result<Vec<_>>>().ctx("listing customers losing touch")
    }
}
