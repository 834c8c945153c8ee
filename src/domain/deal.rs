//! Deals (opportunities) and their step history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{Currency, Money};
use super::step::{DealState, Step};

/// An opportunity with one customer, moving through the five steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    pub id: i64,
    pub customer_id: i64,
    pub title: String,
    /// Expected value in minor units (cents, 分).
    pub value_minor: Option<i64>,
    pub currency: Currency,
    pub stage: Step,
    pub state: DealState,
    pub lost_reason: String,
    pub expected_close_on: Option<NaiveDate>,
    /// RFC 3339 UTC time the deal entered its current step.
    pub stage_since: String,
    pub created_at: String,
    pub closed_at: Option<String>,
}

impl Deal {
    /// The expected (or, once won, final) value with its currency.
    pub fn value(&self) -> Option<Money> {
        self.value_minor.map(|minor| Money::new(minor, self.currency))
    }

    /// True while the deal is neither won nor lost.
    pub fn is_open(&self) -> bool {
        self.state == DealState::Open
    }
}

/// One move of a deal between steps or states; never rewritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepEvent {
    pub id: i64,
    pub deal_id: i64,
    pub from_stage: Option<Step>,
    pub to_stage: Step,
    pub from_state: Option<DealState>,
    pub to_state: DealState,
    /// RFC 3339, UTC.
    pub at: String,
    pub reason: String,
}
