//! Next steps (下一步): adding one, listing them, marking one done, postponing it, and the
//! visit a next step is turned into — one function each for the command line and the app.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::when::When;
use crate::domain::{DueState, NewNextStep, NextStep, VisitInput, parse_when};
use crate::store::{StepOf, Store, StoreError};

/// How many next steps a list shows at most.
pub const LIST_LIMIT: usize = 500;

/// A next step with who it is for and how it stands today.
#[derive(Debug, Clone, Serialize)]
pub struct ListedStep {
    #[serde(flatten)]
    pub of: StepOf,
    pub due: DueState,
}

/// Adds an open next step for customer `customer_id` (for `deal`, one of its deals, if
/// given), due `when` (`2031-05-08`, `tomorrow`, `fri 10:00`, `+3d`…, read against `today`).
pub fn add(
    store: &mut Store,
    customer_id: i64,
    deal: Option<i64>,
    text: &str,
    when: &str,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    let when = parse_when(when, today)?;
    store.add_next_step(
        customer_id,
        NewNextStep { text: text.to_string(), due_on: when.date, due_time: when.time, deal_id: deal },
    )
}

/// The open next steps, soonest first: of one customer, or of everyone; `due_only` keeps
/// those due by `today` (what Today shows).
pub fn list(
    store: &Store,
    customer: Option<i64>,
    due_only: bool,
    today: NaiveDate,
) -> Result<Vec<ListedStep>, StoreError> {
    let until = due_only.then_some(today);
    let steps = match customer {
        Some(id) => {
            let who = store.customer_ref(id)?;
            store
                .next_steps_of(id, false)?
                .into_iter()
                .filter(|s| until.is_none_or(|u| s.due_on <= u))
                .map(|step| StepOf { customer: who.clone(), step })
                .collect()
        }
        None => store.open_next_steps(until, LIST_LIMIT)?,
    };
    Ok(steps.into_iter().map(|of| ListedStep { due: of.step.due_state(today), of }).collect())
}

/// Marks an open next step done (without a visit; a visit that does it says so itself).
pub fn done(store: &mut Store, id: i64) -> Result<NextStep, StoreError> {
    store.complete_next_step(id, None)?;
    store.next_step(id)
}

/// Gives an open next step a new due day (`tomorrow`, `+3d`, `fri`, a date; a time too if
/// given, else it keeps its time).
pub fn postpone(store: &mut Store, id: i64, when: &str, today: NaiveDate) -> Result<NextStep, StoreError> {
    let when = parse_when(when, today)?;
    store.postpone_step(id, when.date, when.time)?;
    store.next_step(id)
}

/// The start of a visit for an open next step: its text as the purpose, its due day (and time;
/// a day alone at the start of the working day) as the appointment — today for a step already
/// late, never a day gone by; saving the visit marks the step done by it.
pub fn visit_for(store: &Store, id: i64) -> Result<(NextStep, VisitInput), StoreError> {
    let step = store.next_step(id)?;
    if !step.is_open() {
        return Err(StoreError::NotFound { what: "open next step", id });
    }
    let today = store.clock().today();
    let when = if step.due_on < today {
        When { date: today, time: None }
    } else {
        When { date: step.due_on, time: step.due_time }
    };
    let input = VisitInput {
        purpose: step.text.clone(),
        planned_at: Some(when.to_plan_datetime()),
        does_step: Some(step.id),
        ..VisitInput::blank()
    };
    Ok((step, input))
}

/// Turns open next step `id` into a planned visit: `given` holds what was typed (its purpose
/// and time, when empty, come from the step); the visit is for the step's deal, and the step
/// is done by it. Returns the new visit's id.
pub fn plan_visit(store: &mut Store, id: i64, given: VisitInput) -> Result<i64, StoreError> {
    let (step, from_step) = visit_for(store, id)?;
    let input = VisitInput {
        purpose: if given.purpose.trim().is_empty() { from_step.purpose } else { given.purpose.clone() },
        planned_at: given.planned_at.or(from_step.planned_at),
        done_at: None,
        does_step: Some(step.id),
        ..given
    };
    store.add_visit_for(step.customer_id, step.deal_id, input)
}
