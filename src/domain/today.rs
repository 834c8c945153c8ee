//! The daily review (每日回顾): what a rep looks at in the morning, and the state of a next step.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::cadence::CadenceState;
use super::customer::{CustomerClass, Portfolio};
use super::step::Step;
use super::visit::Channel;

/// The most rows each list of the review holds: a rep reads the first ones (the most late
/// first where a list is late); the command line lists everything (`fieldbook next list`).
pub const REVIEW_LIMIT: usize = 50;

/// A list's count as shown: `50+` when the list was cut at [`REVIEW_LIMIT`] (more are behind).
pub fn shown_count(count: usize) -> String {
    if count >= REVIEW_LIMIT { format!("{count}+") } else { count.to_string() }
}

/// Who an item is about, with enough to show it on one line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRef {
    pub id: i64,
    pub name: String,
    pub company: String,
    /// Step of the open deal, if any.
    pub stage: Option<Step>,
}

/// An appointment for the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    pub customer: CustomerRef,
    pub visit_id: i64,
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub purpose: String,
}

/// A next step due today or late: an open next step, or an appointment of an earlier day
/// that was not logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueStep {
    pub customer: CustomerRef,
    pub due_on: NaiveDate,
    /// Days since it was due; 0 when it is due today.
    pub days_late: i64,
    pub next_step: String,
    /// The time it is due at (the appointment's time), when known.
    pub due_time: Option<NaiveTime>,
    /// The planned visit behind it, when it is a missed appointment.
    pub visit_id: Option<i64>,
    /// The next step, when it is one.
    pub step_id: Option<i64>,
}

/// A customer due by visit cadence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueCustomer {
    pub customer: CustomerRef,
    pub portfolio: Option<Portfolio>,
    pub class: CustomerClass,
    pub interval_days: u32,
    pub last_contact_on: Option<NaiveDate>,
    pub state: CadenceState,
}

/// A birthday or other important date coming up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportantDate {
    pub customer: CustomerRef,
    pub on: NaiveDate,
    pub label: String,
    pub is_birthday: bool,
    /// The name of the account's person the date is about (a birthday is someone's); `None`
    /// for a date of the account itself.
    #[serde(default)]
    pub person: Option<String>,
}

/// A logged visit whose actual result is still empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingResult {
    pub customer: CustomerRef,
    pub visit_id: i64,
    pub at: NaiveDateTime,
    pub purpose: String,
}

/// The whole review for one day. Each list is capped by the store (see `truncated`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TodayList {
    pub date: NaiveDate,
    pub appointments: Vec<Appointment>,
    pub overdue: Vec<OverdueStep>,
    pub due: Vec<DueCustomer>,
    pub dates: Vec<ImportantDate>,
    pub missing_results: Vec<MissingResult>,
}

/// How much of the review is pressing today, for the header (true counts, not capped like the
/// review's lists): what is for today, and what is late. Together they are what Today lists
/// under its appointments and its next steps due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TodayCounts {
    /// Open appointments today and open next steps due today.
    pub today: u64,
    /// Open next steps due before today and appointments of earlier days not logged.
    pub late: u64,
}

/// Days ahead that "dates this week" looks (today included).
pub const DATES_AHEAD: u64 = 7;

/// The state of a deal's next step, as shown on a pipeline card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum NextStepState {
    Overdue {
        days: i64,
    },
    Today,
    Planned {
        on: NaiveDate,
    },
    /// No next step: every prospect should have one.
    None,
}

impl NextStepState {
    /// Classifies a next-step date against today.
    pub fn of(next_on: Option<NaiveDate>, today: NaiveDate) -> Self {
        match next_on {
            None => Self::None,
            Some(d) if d < today => Self::Overdue { days: (today - d).num_days() },
            Some(d) if d == today => Self::Today,
            Some(on) => Self::Planned { on },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_step_states() {
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let d = |n: u32| NaiveDate::from_ymd_opt(2031, 5, n).unwrap();
        assert_eq!(NextStepState::of(None, today), NextStepState::None);
        assert_eq!(NextStepState::of(Some(d(3)), today), NextStepState::Overdue { days: 3 });
        assert_eq!(NextStepState::of(Some(d(6)), today), NextStepState::Today);
        assert_eq!(NextStepState::of(Some(d(9)), today), NextStepState::Planned { on: d(9) });
    }
}
