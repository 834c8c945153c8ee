//! Turning the typed fields into a validated `VisitInput`, or the field in error.

use chrono::NaiveDateTime;

use super::{VisitField, VisitForm, VisitMode};
use crate::domain::{DomainError, VisitInput, When, parse_date, parse_past_when, parse_when};

impl VisitForm {
    /// The When field read as a date and time: ahead when planning, looking back when logging
    /// (`5月3日` or `fri` while logging is the last one, not next year's or next week's).
    pub(super) fn parsed_when(&self) -> Result<When, DomainError> {
        let text = self.when.text();
        match self.mode {
            // A day alone is planned at the start of the working day: the read-back says so.
            VisitMode::Plan => parse_when(&text, self.today).map(When::planned),
            VisitMode::Log => parse_past_when(&text, self.now),
        }
    }

    /// The validated input, or the first field in error (in form order) and why.
    pub(super) fn input(&self) -> Result<VisitInput, (VisitField, DomainError)> {
        let text = self.text();
        let when = (!self.when.is_blank()).then(|| self.parsed_when());
        let next_on = (!self.next_on.is_blank()).then(|| parse_date(&text.next_on, self.today));
        let at = when.clone().and_then(Result::ok).map(|w| match self.mode {
            VisitMode::Plan => w.to_plan_datetime(),
            VisitMode::Log => w.to_datetime(),
        });
        let (planned_at, done_at): (Option<NaiveDateTime>, _) = match self.mode {
            VisitMode::Plan => (at, self.base.done_at),
            VisitMode::Log => (self.base.planned_at, at),
        };
        let shows_result = self.mode == VisitMode::Log;
        let input = VisitInput {
            channel: text.channel,
            kind: self.kind.clone(),
            // Logging stores exactly the ticks shown; planning leaves stored ticks alone.
            ticks: if shows_result { Some(self.ticks.clone()) } else { self.base.ticks.clone() },
            planned_at,
            done_at,
            purpose: text.purpose,
            action_plan: text.action_plan,
            expected_result: text.expected_result,
            actual_result: if shows_result { text.actual_result } else { self.base.actual_result.clone() },
            outcome: if shows_result { text.outcome } else { self.base.outcome },
            next_topic: text.next_topic,
            next_step: text.next_step,
            next_step_on: next_on.clone().and_then(Result::ok),
            notes: self.base.notes.clone(),
            does_step: self.base.does_step,
            // With the account's people on the form (or ticks from a draft), exactly those
            // ticked; else as stored.
            met: if self.people.is_empty() && text.met.is_empty() {
                self.base.met.clone()
            } else {
                Some(text.met.clone())
            },
        };
        let when_error = |e: DomainError| (VisitField::When, e);
        if let Some(Err(e)) = when {
            // A required text field earlier in the form is reported first.
            let checked = VisitInput { planned_at: Some(NaiveDateTime::MIN), ..input };
            return match checked.validated() {
                Err(other) => Err((field_named(&other), other)),
                Ok(_) => Err(when_error(e)),
            };
        }
        let valid = input.validated().map_err(|e| (field_named(&e), e))?;
        if let Some(Err(e)) = next_on {
            return Err((VisitField::NextOn, e));
        }
        Ok(valid)
    }
}

/// The form field a domain error is about.
fn field_named(error: &DomainError) -> VisitField {
    let name = match error {
        DomainError::MissingField { field } | DomainError::TooLong { field, .. } => *field,
        _ => "when",
    };
    match name {
        "purpose" => VisitField::Purpose,
        "action plan" => VisitField::ActionPlan,
        "expected result" => VisitField::Expected,
        "actual result" => VisitField::Actual,
        "next topic" => VisitField::NextTopic,
        "next step" => VisitField::NextStep,
        _ => VisitField::When,
    }
}
