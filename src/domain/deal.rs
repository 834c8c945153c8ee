//! Deals (opportunities) and their step history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::stage::{DealState, Stage};

/// An opportunity with one customer, moving through the five steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    pub id: i64,
    pub customer_id: i64,
    pub title: String,
    /// Expected value in minor units (cents, 分).
    pub value_minor: Option<i64>,
    pub currency: String,
    pub stage: Stage,
    pub state: DealState,
    pub lost_reason: String,
    pub expected_close_on: Option<NaiveDate>,
    /// RFC 3339 UTC time the deal entered its current step.
    pub stage_since: String,
    pub created_at: String,
    pub closed_at: Option<String>,
}

/// One move of a deal between steps or states; never rewritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageEvent {
    pub id: i64,
    pub deal_id: i64,
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    pub from_state: Option<DealState>,
    pub to_state: DealState,
    /// RFC 3339, UTC.
    pub at: String,
    pub reason: String,
}
