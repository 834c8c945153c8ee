//! The rep's self-assessment: taking a sitting, and the last one read against the one before
//! (the four skills, the change since last time, the weakest skill) for `assess`, the report
//! and the app.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::assessment::{self, Answers, Skill, SkillScore};
use crate::store::{Result, Store};

/// The last sitting read against the one before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentSummary {
    /// The day of the last sitting.
    pub taken_on: NaiveDate,
    /// The day of the sitting before, if any.
    pub previous_on: Option<NaiveDate>,
    /// The four skills in the method's order.
    pub skills: Vec<SkillScore>,
    /// The skill with the lowest score.
    pub weakest: Option<Skill>,
}

/// Keeps a sitting taken `today`; returns it read against the one before.
pub fn take(store: &mut Store, today: NaiveDate, answers: &Answers) -> Result<AssessmentSummary> {
    store.add_assessment(today, answers)?;
    Ok(summary(store)?.unwrap_or_else(|| read(today, answers, None)))
}

/// The last sitting read against the one before; `None` before the first.
pub fn summary(store: &Store) -> Result<Option<AssessmentSummary>> {
    let sittings = store.last_assessments(2)?;
    Ok(sittings.first().map(|last| {
        let previous = sittings.get(1).map(|p| (p.taken_on, &p.answers));
        read(last.taken_on, &last.answers, previous)
    }))
}

fn read(taken_on: NaiveDate, answers: &Answers, previous: Option<(NaiveDate, &Answers)>) -> AssessmentSummary {
    let skills = assessment::compare(answers, previous.map(|p| p.1));
    let weakest = assessment::weakest(&skills);
    AssessmentSummary { taken_on, previous_on: previous.map(|p| p.0), skills, weakest }
}
