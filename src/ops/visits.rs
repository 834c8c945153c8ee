//! Fixing a visit after the fact: any field of a planned or logged visit, or the whole visit.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{Channel, Outcome, Visit, VisitInput, VisitKind};
use crate::store::{Removed, Store};

/// What to change in a stored visit; `None` keeps the field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VisitPatch {
    /// The visit's time: when it happened for a logged visit, else the appointment's time.
    pub at: Option<NaiveDateTime>,
    pub channel: Option<Channel>,
    pub kind: Option<VisitKind>,
    pub purpose: Option<String>,
    pub action_plan: Option<String>,
    pub expected_result: Option<String>,
    pub actual_result: Option<String>,
    /// `Some(None)` clears the outcome.
    pub outcome: Option<Option<Outcome>>,
    pub next_topic: Option<String>,
    pub next_step: Option<String>,
    /// `Some(None)` clears the next step's date.
    pub next_step_on: Option<Option<NaiveDate>>,
    /// The people met (or to meet).
    pub met: Option<Vec<i64>>,
    /// Ticked items of the type's in-visit checklist.
    pub ticks: Option<Vec<u32>>,
}

/// The stored visit as input to save again unchanged (ticks and people left as stored).
pub fn input_of(v: &Visit) -> VisitInput {
    VisitInput {
        channel: v.channel,
        kind: v.kind.clone(),
        ticks: None,
        met: None,
        planned_at: v.planned_at,
        done_at: v.done_at,
        purpose: v.purpose.clone(),
        action_plan: v.action_plan.clone(),
        expected_result: v.expected_result.clone(),
        actual_result: v.actual_result.clone(),
        outcome: v.outcome,
        next_topic: v.next_topic.clone(),
        next_step: v.next_step.clone(),
        next_step_on: v.next_step_on,
        notes: v.notes.clone(),
        does_step: None,
    }
}

/// Applies `patch` to visit `id` (validated as a new visit would be); returns the visit saved.
pub fn edit(store: &mut Store, id: i64, patch: VisitPatch) -> anyhow::Result<Visit> {
    let visit = store.visit(id)?;
    let mut input = input_of(&visit);
    if let Some(at) = patch.at {
        if visit.done_at.is_some() {
            input.done_at = Some(at);
        } else {
            input.planned_at = Some(at);
        }
    }
    let keep = |given: Option<String>, stored: &mut String| {
        if let Some(text) = given {
            *stored = text;
        }
    };
    keep(patch.purpose, &mut input.purpose);
    keep(patch.action_plan, &mut input.action_plan);
    keep(patch.expected_result, &mut input.expected_result);
    keep(patch.actual_result, &mut input.actual_result);
    keep(patch.next_topic, &mut input.next_topic);
    keep(patch.next_step, &mut input.next_step);
    input.channel = patch.channel.unwrap_or(input.channel);
    input.kind = patch.kind.unwrap_or(input.kind);
    input.outcome = patch.outcome.unwrap_or(input.outcome);
    input.next_step_on = patch.next_step_on.unwrap_or(input.next_step_on);
    if let Some(met) = patch.met {
        input.met = Some(crate::ops::contacts::check_met(store, visit.customer_id, &met)?);
    }
    input.ticks = patch.ticks;
    store.update_visit(id, input.validated()?)?;
    Ok(store.visit(id)?)
}

/// Deletes visit `id`; what it took out can be put back ([`crate::ops::undo`]).
pub fn delete(store: &mut Store, id: i64) -> anyhow::Result<(Visit, Removed)> {
    let visit = store.visit(id)?;
    let removed = store.delete_visit(id)?;
    Ok((visit, removed))
}
