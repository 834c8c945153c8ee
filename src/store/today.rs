//! The daily review as data: appointments, overdue next steps, customers due by cadence
//! (in `today_due.rs`), important dates this week, and logged visits missing their result.
//! Every list is one indexed read, capped at [`REVIEW_LIMIT`] rows.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;

use super::Store;
use super::error::{Context, Result};
use super::name_key::sort_key;
use super::rows;
use crate::domain::today::{
    Appointment, CustomerRef, DATES_AHEAD, ImportantDate, MissingResult, OverdueStep, REVIEW_LIMIT, TodayCounts,
};
use crate::domain::when::format_stored_datetime;
use crate::domain::{CadencePolicy, MonthDay, TodayList};

/// `id, name, company, open deal step` of the customer aliased `c`, for [`super::customers::customer_ref`].
/// The step is read from the open deals' own index (`deal_open_customer`, which holds it), not
/// from the deals' rows: a fresh process copies each row's page from the system's cache.
pub(crate) const REF_COLUMNS: &str = "c.id, c.name, c.company, \
    (SELECT d.stage FROM deal d INDEXED BY deal_open_customer WHERE d.customer_id = c.id AND d.state = 'open' \
     ORDER BY d.id DESC LIMIT 1)";

/// A fact on Today's week: its account, month-day, label and person (if about one).
type DateRow = (CustomerRef, String, String, Option<String>);

/// Labels of facts that are birthdays.
const BIRTHDAY_LABELS: &[&str] = &["birthday", "生日", "date of birth", "出生日期"];

impl Store {
    /// The review for `day`. `now` bounds "visits missing their result" (a visit logged for
    /// later today is not missing anything yet); `policy` gives the cadence intervals.
    pub fn today_list(&self, day: NaiveDate, now: NaiveDateTime, policy: &CadencePolicy) -> Result<TodayList> {
        Ok(TodayList {
            date: day,
            appointments: self.appointments(day)?,
            overdue: self.overdue_steps(day)?,
            due: self.due_by_cadence(day, policy, REVIEW_LIMIT)?,
            dates: self.important_dates(day)?,
            missing_results: self.missing_results(now)?,
        })
    }

    /// How many open appointments and next steps are due on `day`, and how many are late:
    /// counts over the indexes `visit_open_tally` and `next_step_open_count` alone, less
    /// those of archived accounts (few, found through their account), cheap enough for every
    /// screen refresh. Every row has its account (the schema's foreign keys).
    pub fn today_counts(&self, day: NaiveDate) -> Result<TodayCounts> {
        let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
        let today: i64 = self
            .conn()
            .prepare_cached(
                "SELECT (SELECT count(*) FROM visit INDEXED BY visit_open_tally
                         WHERE done_at IS NULL AND planned_at >= ?1 AND planned_at < ?2)
                      - (SELECT count(*) FROM customer c JOIN visit v ON v.customer_id = c.id
                         WHERE c.archived = 1 AND v.done_at IS NULL AND v.planned_at >= ?1 AND v.planned_at < ?2)
                      + (SELECT count(*) FROM next_step INDEXED BY next_step_open_count WHERE done_at IS NULL AND due_on = ?1)
                      - (SELECT count(*) FROM customer c JOIN next_step s ON s.customer_id = c.id
                         WHERE c.archived = 1 AND s.done_at IS NULL AND s.due_on = ?1)",
            )
            .and_then(|mut s| s.query_row(params![day.to_string(), next.to_string()], |r| r.get(0)))
            .ctx("counting what is due today")?;
        let late: i64 = self
            .conn()
            .prepare_cached(
                "SELECT (SELECT count(*) FROM next_step INDEXED BY next_step_open_count WHERE done_at IS NULL AND due_on < ?1)
                      - (SELECT count(*) FROM customer c JOIN next_step s ON s.customer_id = c.id
                         WHERE c.archived = 1 AND s.done_at IS NULL AND s.due_on < ?1)
                      + (SELECT count(*) FROM visit INDEXED BY visit_open_tally WHERE done_at IS NULL AND planned_at < ?1)
                      - (SELECT count(*) FROM customer c JOIN visit v ON v.customer_id = c.id
                         WHERE c.archived = 1 AND v.done_at IS NULL AND v.planned_at < ?1)",
            )
            .and_then(|mut s| s.query_row([day.to_string()], |r| r.get(0)))
            .ctx("counting late next steps")?;
        Ok(TodayCounts { today: u64::try_from(today).unwrap_or(0), late: u64::try_from(late).unwrap_or(0) })
    }

    /// Open appointments planned on `day`, in time order.
    pub fn appointments(&self, day: NaiveDate) -> Result<Vec<Appointment>> {
        let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {REF_COLUMNS}, v.id, v.planned_at, v.channel, v.purpose
                 FROM visit v JOIN customer c ON c.id = v.customer_id
                 WHERE v.done_at IS NULL AND v.planned_at >= ?1 AND v.planned_at < ?2 AND c.archived = 0
                 ORDER BY v.planned_at, v.id LIMIT ?3"
            ))
            .ctx("reading today's appointments")?;
        let rows = stmt
            .query_map(params![day.to_string(), next.to_string(), REVIEW_LIMIT as i64], |r| {
                Ok(Appointment {
                    customer: super::customers::customer_ref(r)?,
                    visit_id: r.get(4)?,
                    at: rows::opt_datetime(r, 5)?.unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN)),
                    channel: rows::code(r, 6)?,
                    purpose: r.get(7)?,
                })
            })
            .ctx("reading today's appointments")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading today's appointments")
    }

    /// Open next steps due on or before `day` and appointments of earlier days not logged,
    /// most overdue first.
    /// The open next steps' page is read from `next_step_open_due` (named: with the
    /// statistics of a large file the planner took `next_step_due_done`, dropped since, and skipped through
    /// every next step, done ones too) in the order shown (migration 0020: day, time, id), so
    /// the read stops after the page instead of sorting every step due (4,418 on the bench
    /// day); archived accounts are left out through their small index, and the accounts are
    /// read for the page's rows only (joined in the same query, the planner first scanned
    /// every account for a Bloom filter).
    pub fn overdue_steps(&self, day: NaiveDate) -> Result<Vec<OverdueStep>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {REF_COLUMNS}, s.id, s.due_on, s.due_time, s.text
                 FROM (SELECT id, customer_id, due_on, due_time, text FROM next_step INDEXED BY next_step_open_due
                       WHERE done_at IS NULL AND due_on <= ?1
                         AND customer_id NOT IN (SELECT id FROM customer WHERE archived = 1)
                       ORDER BY due_on, due_time, id LIMIT ?2) s
                 JOIN customer c ON c.id = s.customer_id
                 ORDER BY s.due_on, s.due_time, s.id"
            ))
            .ctx("reading next steps due")?;
        let rows = stmt
            .query_map(params![day.to_string(), REVIEW_LIMIT as i64], |r| {
                let due_on = rows::opt_date(r, 5)?.unwrap_or(day);
                let due_time: Option<String> = r.get(6)?;
                Ok(OverdueStep {
                    customer: super::customers::customer_ref(r)?,
                    due_on,
                    days_late: (day - due_on).num_days(),
                    next_step: r.get(7)?,
                    due_time: due_time.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
                    visit_id: None,
                    step_id: r.get(4)?,
                })
            })
            .ctx("reading next steps due")?;
        let mut due = rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading next steps due")?;
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {REF_COLUMNS}, v.id, v.planned_at, v.purpose
                 FROM visit v JOIN customer c ON c.id = v.customer_id
                 WHERE v.done_at IS NULL AND v.planned_at < ?1 AND c.archived = 0
                 ORDER BY v.planned_at, v.id LIMIT ?2"
            ))
            .ctx("reading missed appointments")?;
        let rows = stmt
            .query_map(params![day.to_string(), REVIEW_LIMIT as i64], |r| {
                let at = rows::opt_datetime(r, 5)?;
                let due_on = at.map_or(day, |a| a.date());
                Ok(OverdueStep {
                    customer: super::customers::customer_ref(r)?,
                    due_on,
                    days_late: (day - due_on).num_days(),
                    next_step: r.get(6)?,
                    due_time: at.map(|a| a.time()),
                    visit_id: r.get(4)?,
                    step_id: None,
                })
            })
            .ctx("reading missed appointments")?;
        due.extend(rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading missed appointments")?);
        due.sort_by_key(|o| (o.due_on, o.due_time, o.customer.id));
        due.truncate(REVIEW_LIMIT);
        Ok(due)
    }

    /// Birthdays and other yearly dates from `day` to `day + 6`, soonest first; the facts are
    /// read from the index `fact_day_customer` alone (migration 0019).
    pub fn important_dates(&self, day: NaiveDate) -> Result<Vec<ImportantDate>> {
        let days: Vec<NaiveDate> = (0..DATES_AHEAD).filter_map(|n| day.checked_add_days(Days::new(n))).collect();
        // (month-day, position of its date in the week): the SQL orders by position, so the
        // page is the soonest dates even when the week wraps at the year's end.
        let mut keys: Vec<(String, usize)> =
            days.iter().enumerate().map(|(i, d)| (MonthDay::of(*d).to_string(), i)).collect();
        // In a year without 29 February, those birthdays are kept on the 28th.
        let feb_28 = days.iter().position(|d| MonthDay::of(*d) == MonthDay { month: 2, day: 28 });
        if let Some(pos) = feb_28.filter(|_| !days.iter().any(|d| MonthDay::of(*d) == MonthDay { month: 2, day: 29 })) {
            keys.push(("02-29".into(), pos));
        }
        // Only the soonest days that can fill the page are read with their accounts (each
        // fact's account is read for its name): a day's facts are counted from the index alone
        // first. Fewer than a page, with archived accounts left out, reads the whole week.
        let counts = self.facts_per_month_day(&keys)?;
        let mut enough = keys.len();
        for last in 0..DATES_AHEAD as usize {
            let soon: usize = keys.iter().zip(&counts).filter(|((_, pos), _)| *pos <= last).map(|(_, n)| *n).sum();
            if soon >= REVIEW_LIMIT {
                enough = keys.iter().filter(|(_, pos)| *pos <= last).count();
                keys.sort_by_key(|(_, pos)| *pos);
                break;
            }
        }
        let mut page = self.dates_page(&keys[..enough])?;
        if page.len() < REVIEW_LIMIT && enough < keys.len() {
            page = self.dates_page(&keys)?;
        }
        let mut dates = Vec::new();
        for (customer, md, label, person) in page {
            let Some(md) = MonthDay::parse(&md) else { continue };
            let lower = label.to_lowercase();
            let is_birthday = BIRTHDAY_LABELS.iter().any(|b| lower.contains(b));
            dates.push(ImportantDate { customer, on: md.next_on_or_after(day), label, is_birthday, person });
        }
        // The IN list wraps at the year's end (12-30, 12-31, 01-01...), so sort by the real date.
        dates.sort_by_cached_key(|d| (d.on, sort_key(&d.customer.name, &d.customer.company)));
        dates.truncate(REVIEW_LIMIT);
        Ok(dates)
    }

    /// How many facts fall on each of `keys`' month-days, from the index alone.
    fn facts_per_month_day(&self, keys: &[(String, usize)]) -> Result<Vec<usize>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM customer_fact INDEXED BY fact_day_customer
                 WHERE month_day = ?1 AND month_day IS NOT NULL",
            )
            .ctx("reading important dates")?;
        keys.iter()
            .map(|(key, _)| {
                let n: i64 = stmt.query_row([key], |r| r.get(0)).ctx("reading important dates")?;
                Ok(usize::try_from(n).unwrap_or(0))
            })
            .collect()
    }

    /// The first page of the facts on `keys` (month-day, its position in the week), by
    /// position, account name and id, with their account, person and label.
    fn dates_page(&self, keys: &[(String, usize)]) -> Result<Vec<DateRow>> {
        let placeholders: Vec<String> = (1..=keys.len()).map(|i| format!("?{i}")).collect();
        let positions: Vec<String> =
            keys.iter().enumerate().map(|(i, (_, pos))| format!("WHEN ?{} THEN {pos}", i + 1)).collect();
        // The page is chosen first, so the customer's step is looked up for its rows only.
        let sql = format!(
            "WITH soon AS (
                SELECT f.id, f.customer_id, f.contact_id, f.month_day, f.label, c.name_key, c.name,
                       CASE f.month_day {} END AS position
                FROM customer_fact f INDEXED BY fact_day_customer JOIN customer c ON c.id = f.customer_id
                WHERE f.month_day IN ({}) AND c.archived = 0
                ORDER BY position, c.name_key, c.name, f.id LIMIT {REVIEW_LIMIT})
             SELECT {REF_COLUMNS}, s.month_day, s.label, p.name
             FROM soon s JOIN customer c ON c.id = s.customer_id LEFT JOIN contact p ON p.id = s.contact_id
             ORDER BY s.position, s.name_key, s.name, s.id",
            positions.join(" "),
            placeholders.join(", ")
        );
        let keys: Vec<&String> = keys.iter().map(|(k, _)| k).collect();
        let mut stmt = self.conn().prepare_cached(&sql).ctx("reading important dates")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(keys), |r| {
                Ok((super::customers::customer_ref(r)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .ctx("reading important dates")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading important dates")
    }

    /// Logged visits (done before `now`) whose actual result is still empty, newest first.
    pub fn missing_results(&self, now: NaiveDateTime) -> Result<Vec<MissingResult>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {REF_COLUMNS}, v.id, v.done_at, v.purpose
                 FROM visit v JOIN customer c ON c.id = v.customer_id
                 WHERE v.done_at IS NOT NULL AND v.actual_result = '' AND v.done_at <= ?1 AND c.archived = 0
                 ORDER BY v.done_at DESC, v.id DESC LIMIT ?2"
            ))
            .ctx("reading visits missing their result")?;
        let rows = stmt
            .query_map(params![format_stored_datetime(now), REVIEW_LIMIT as i64], |r| {
                Ok(MissingResult {
                    customer: super::customers::customer_ref(r)?,
                    visit_id: r.get(4)?,
                    at: rows::opt_datetime(r, 5)?.unwrap_or(now),
                    purpose: r.get(6)?,
                })
            })
            .ctx("reading visits missing their result")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading visits missing their result")
    }
}
