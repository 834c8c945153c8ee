//! Visit cadence: how often a customer should hear from the rep, by portfolio quadrant or a
//! per-customer override, with a *due* and an *overdue* threshold.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::customer::{Customer, Portfolio};

/// The longest per-customer cadence override accepted, in days (ten years).
pub const MAX_OVERRIDE_DAYS: u32 = 3650;

/// Reads a per-customer cadence override as typed: empty or `none` clears it (the quadrant's
/// interval applies), else a whole number of days from 1 to [`MAX_OVERRIDE_DAYS`].
pub fn parse_override(input: &str) -> Result<Option<u32>, DomainError> {
    let text = input.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(days) if (1..=MAX_OVERRIDE_DAYS).contains(&days) => Ok(Some(days)),
        _ => Err(DomainError::BadCadence { input: text.to_string(), max: MAX_OVERRIDE_DAYS }),
    }
}

/// Default intervals in days and the overdue factor; the config file can change them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CadencePolicy {
    pub star: u32,
    pub question_mark: u32,
    pub cash_cow: u32,
    pub dog: u32,
    /// Customers with no quadrant and no override.
    pub other: u32,
    /// Overdue at `interval × overdue_factor`.
    pub overdue_factor: f64,
}

impl Default for CadencePolicy {
    fn default() -> Self {
        Self { star: 7, question_mark: 7, cash_cow: 14, dog: 30, other: 30, overdue_factor: 1.5 }
    }
}

/// Where a customer stands against the cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum CadenceState {
    /// Contacted recently enough; due in `days_left`.
    Fine { days_left: i64 },
    /// Past the interval.
    Due { days_since: i64 },
    /// Past the maximum.
    Overdue { days_since: i64 },
}

impl CadencePolicy {
    /// The interval in days: the override wins, else the quadrant's default.
    pub fn interval(&self, portfolio: Option<Portfolio>, override_days: Option<u32>) -> u32 {
        override_days.filter(|d| *d > 0).unwrap_or(match portfolio {
            Some(Portfolio::Star) => self.star,
            Some(Portfolio::QuestionMark) => self.question_mark,
            Some(Portfolio::CashCow) => self.cash_cow,
            Some(Portfolio::Dog) => self.dog,
            None => self.other,
        })
    }

    /// Days after which a customer with this interval is overdue.
    pub fn overdue_after(&self, interval: u32) -> i64 {
        (interval as f64 * self.overdue_factor.max(1.0)).ceil() as i64
    }

    /// State given the last real contact (or, if never contacted, when the customer was added).
    pub fn state(&self, interval: u32, since: NaiveDate, today: NaiveDate) -> CadenceState {
        let days_since = (today - since).num_days();
        if days_since >= self.overdue_after(interval) {
            CadenceState::Overdue { days_since }
        } else if days_since >= interval as i64 {
            CadenceState::Due { days_since }
        } else {
            CadenceState::Fine { days_left: interval as i64 - days_since }
        }
    }

    /// A customer's interval and state: the override or quadrant interval, counted from the
    /// last real contact, or from the day the customer was added if never contacted.
    pub fn for_customer(&self, customer: &Customer, today: NaiveDate) -> (u32, CadenceState) {
        let interval = self.interval(customer.portfolio, customer.cadence_days);
        let added = customer.created_at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let since = customer.last_contact_on.or(added).unwrap_or(today);
        (interval, self.state(interval, since, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn intervals_by_quadrant_and_override() {
        let p = CadencePolicy::default();
        assert_eq!(p.interval(Some(Portfolio::Star), None), 7);
        assert_eq!(p.interval(Some(Portfolio::QuestionMark), None), 7);
        assert_eq!(p.interval(Some(Portfolio::CashCow), None), 14);
        assert_eq!(p.interval(Some(Portfolio::Dog), None), 30);
        assert_eq!(p.interval(None, None), 30);
        assert_eq!(p.interval(Some(Portfolio::Dog), Some(3)), 3);
        assert_eq!(p.interval(Some(Portfolio::Dog), Some(0)), 30, "0 is no override");
    }

    #[test]
    fn due_and_overdue_thresholds() {
        let p = CadencePolicy::default();
        let today = d("2031-05-20");
        assert_eq!(p.state(14, d("2031-05-10"), today), CadenceState::Fine { days_left: 4 });
        assert_eq!(p.state(14, d("2031-05-06"), today), CadenceState::Due { days_since: 14 });
        assert_eq!(p.state(14, d("2031-04-30"), today), CadenceState::Due { days_since: 20 });
        assert_eq!(p.state(14, d("2031-04-29"), today), CadenceState::Overdue { days_since: 21 });
        assert_eq!(p.overdue_after(7), 11);
    }

    #[test]
    fn an_override_is_days_in_range_or_nothing() {
        assert_eq!(parse_override(" 14 "), Ok(Some(14)));
        assert_eq!(parse_override(""), Ok(None));
        assert_eq!(parse_override("None"), Ok(None));
        for bad in ["0", "3651", "-3", "two weeks", "1.5"] {
            assert!(matches!(parse_override(bad), Err(DomainError::BadCadence { .. })), "{bad}");
        }
    }
}
