//! The changes that took an open deal out of its step, counted by whole days stood there, for
//! what makes a deal stuck (migration 0030): per band of [`EXIT_BAND_DAYS`] from the weekly
//! tally and the days at the window's edges, then day by day within one band.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::Store;
use super::error::{Context, Result};
use super::rows;
use crate::domain::{Step, Word};

/// How many whole days one band of `step_exit_week_tally` spans (migration 0030).
pub const EXIT_BAND_DAYS: u32 = 32;

/// Per step (in step order), how many changes out of it stood how many bands of
/// [`EXIT_BAND_DAYS`] whole days: `(band, changes)`, bands ascending.
pub type ExitBands = [Vec<(u32, u64)>; 5];

impl Store {
    /// The changes out of each step from `start` to `end` (RFC 3339 UTC, end exclusive) by
    /// band of whole days stood, as [`Store::whole_days_in_steps`] would give them: the whole
    /// UTC weeks between from `step_exit_week_tally`, the days before the first and after the
    /// last read change by change. None when the tally cannot say (a bound or a change's time
    /// not in the usual form): then every change is to be read.
    pub fn step_exit_bands(&self, start: &str, end: &str) -> Result<Option<ExitBands>> {
        let what = "counting the changes out of each step";
        let (Some(from), Some(to)) = (utc_time(start), utc_time(end)) else { return Ok(None) };
        let odd: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM step_exit_week_tally WHERE week = '')")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .ctx(what)?;
        if odd {
            return Ok(None);
        }
        let mut bands: [std::collections::BTreeMap<u32, u64>; 5] = Default::default();
        let mut add_raw = |store: &Self, from: &str, to: &str| -> Result<()> {
            let days = store.whole_days_in_steps(from, to)?;
            for (step, days) in days.iter().enumerate() {
                for d in days {
                    *bands[step].entry(d / EXIT_BAND_DAYS).or_default() += 1;
                }
            }
            Ok(())
        };
        let (first, last) = (first_monday_from(from), monday_of(to.date()));
        if first >= last {
            add_raw(self, start, end)?;
        } else {
            let (first_at, last_at) = (midnight(first), midnight(last));
            add_raw(self, start, &first_at)?;
            add_raw(self, &last_at, end)?;
            let mut stmt = self
                .conn()
                .prepare_cached(
                    "SELECT stage, band, sum(exits) FROM step_exit_week_tally
                     WHERE week >= ?1 AND week < ?2 GROUP BY stage, band",
                )
                .ctx(what)?;
            let mut rows = stmt.query([first.to_string(), last.to_string()]).ctx(what)?;
            while let Some(r) = rows.next().ctx(what)? {
                let step = rows::code::<Step>(r, 0).ctx(what)?;
                let band = u32::try_from(r.get::<_, i64>(1).ctx(what)?).unwrap_or(0);
                let exits = u64::try_from(r.get::<_, i64>(2).ctx(what)?).unwrap_or(0);
                *bands[step.index()].entry(band).or_default() += exits;
            }
        }
        Ok(Some(bands.map(|b| b.into_iter().collect())))
    }

    /// How many changes out of `step` from `start` to `end` (RFC 3339 UTC, end exclusive)
    /// came after exactly `whole_days` in it (one range of `step_exit_days`).
    pub fn step_exits_after_days(&self, step: Step, whole_days: u32, start: &str, end: &str) -> Result<u64> {
        let what = "counting the changes out of a step";
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(sum(exits), 0) FROM step_exit_days
                 WHERE stage = ?1 AND whole_days = ?2 AND at >= ?3 AND at < ?4",
            )
            .and_then(|mut s| s.query_row(params![step.code(), whole_days, start, end], |r| r.get(0)))
            .ctx(what)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// The time of an RFC 3339 UTC timestamp in the form the report asks with.
fn utc_time(at: &str) -> Option<NaiveDateTime> {
    rows::utc_seconds(at).and_then(|s| chrono::DateTime::from_timestamp(s, 0)).map(|t| t.naive_utc())
}

/// The Monday of the week of `day`.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The first Monday midnight at or after `at`.
fn first_monday_from(at: NaiveDateTime) -> NaiveDate {
    let monday = monday_of(at.date());
    if monday == at.date() && at.time() == chrono::NaiveTime::MIN { monday } else { monday + Days::new(7) }
}

/// RFC 3339 UTC of midnight starting `day`, as the step history's times are written.
fn midnight(day: NaiveDate) -> String {
    format!("{day}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_weeks_start_at_the_first_monday_midnight_in_the_window() {
        let at = |s: &str| utc_time(s).unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(first_monday_from(at("2031-05-05T00:00:00Z")), d("2031-05-05"));
        assert_eq!(first_monday_from(at("2031-05-05T00:00:01Z")), d("2031-05-12"));
        assert_eq!(first_monday_from(at("2031-05-04T16:00:00Z")), d("2031-05-05"));
        assert_eq!(monday_of(d("2031-06-01")), d("2031-05-26"));
        assert_eq!(monday_of(d("2024-03-03")), d("2024-02-26"));
        assert_eq!(midnight(d("2024-02-26")), "2024-02-26T00:00:00Z");
        assert!(utc_time("2031-05-05 00:00:00").is_none());
    }
}
