//! Next steps (下一步): what is to be done for a customer (or one of its deals) and by when.
//! Several can be open at once; each is on Today from its due day until it is done.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::customer::{MAX_LONG, check_len, clean_text};
use super::visit::VisitInput;

/// A next step as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    pub id: i64,
    pub customer_id: i64,
    pub deal_id: Option<i64>,
    /// The logged visit whose "next step" field this is.
    pub visit_id: Option<i64>,
    pub text: String,
    pub due_on: NaiveDate,
    /// Local wall time it is due at, when one was given.
    pub due_time: Option<NaiveTime>,
    /// When it was done (RFC 3339 UTC); `None` while open.
    pub done_at: Option<String>,
    /// The visit that did it, or the planned visit it was turned into.
    pub done_by_visit_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

impl NextStep {
    /// True until it is done.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }

    /// How it stands on `today`.
    pub fn due_state(&self, today: NaiveDate) -> DueState {
        DueState::of(self.due_on, today)
    }
}

/// How a next step's due day compares with today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum DueState {
    /// Due on a later day.
    Later { days: i64 },
    /// Due today.
    Today,
    /// Due `days` days ago.
    Late { days: i64 },
}

impl DueState {
    /// `due_on` against `today`.
    pub fn of(due_on: NaiveDate, today: NaiveDate) -> Self {
        let days = (today - due_on).num_days();
        match days {
            0 => Self::Today,
            d if d > 0 => Self::Late { days: d },
            d => Self::Later { days: -d },
        }
    }
}

/// The fields of a new next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNextStep {
    pub text: String,
    pub due_on: NaiveDate,
    pub due_time: Option<NaiveTime>,
    /// One of the customer's deals; `None` for the customer as a whole.
    pub deal_id: Option<i64>,
}

impl NewNextStep {
    /// Cleans the text and checks it is there and not too long.
    pub fn validated(mut self) -> Result<Self, DomainError> {
        self.text = clean_text(&self.text);
        if self.text.is_empty() {
            return Err(DomainError::MissingField { field: "next step" });
        }
        check_len("next step", &self.text, MAX_LONG)?;
        Ok(self)
    }
}

/// The next step a logged visit sets, as `(text, due day)`: its "next step" text (else the
/// topic for next time, else the visit's purpose, when only a date was given), due on its
/// date (else the visit's day). `None` for a planned visit or one without a next step.
pub fn of_visit(v: &VisitInput) -> Option<(String, NaiveDate)> {
    let done = v.done_at?;
    if v.next_step.trim().is_empty() && v.next_step_on.is_none() {
        return None;
    }
    let text = [&v.next_step, &v.next_topic, &v.purpose]
        .into_iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_string();
    Some((text, v.next_step_on.unwrap_or(done.date())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2031, 5, n).unwrap()
    }

    #[test]
    fn due_today_then_late() {
        assert_eq!(DueState::of(d(8), d(8)), DueState::Today);
        assert_eq!(DueState::of(d(8), d(9)), DueState::Late { days: 1 });
        assert_eq!(DueState::of(d(8), d(6)), DueState::Later { days: 2 });
    }

    #[test]
    fn a_logged_visit_sets_its_next_step() {
        let logged = VisitInput {
            purpose: "demo".into(),
            done_at: d(2).and_hms_opt(10, 0, 0),
            next_step: " send the quote ".into(),
            next_step_on: Some(d(8)),
            ..VisitInput::blank()
        };
        assert_eq!(of_visit(&logged), Some(("send the quote".into(), d(8))));
        let date_only = VisitInput { next_step: String::new(), next_topic: "price".into(), ..logged.clone() };
        assert_eq!(of_visit(&date_only), Some(("price".into(), d(8))));
        let text_only = VisitInput { next_step_on: None, ..logged.clone() };
        assert_eq!(of_visit(&text_only), Some(("send the quote".into(), d(2))));
        let planned = VisitInput { done_at: None, planned_at: d(2).and_hms_opt(10, 0, 0), ..logged.clone() };
        assert_eq!(of_visit(&planned), None);
        let none = VisitInput { next_step: String::new(), next_step_on: None, ..logged };
        assert_eq!(of_visit(&none), None);
    }

    #[test]
    fn a_new_step_needs_text() {
        let step = NewNextStep { text: "  ".into(), due_on: d(8), due_time: None, deal_id: None };
        assert_eq!(step.validated(), Err(DomainError::MissingField { field: "next step" }));
    }
}
