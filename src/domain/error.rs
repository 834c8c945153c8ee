//! Errors raised by domain rules: bad user input that needs no database to detect.

use super::{Step, Word};
use crate::i18n::{Face, Localize, Message};

/// A value a user typed that the domain cannot accept. Each variant carries what is
/// needed to tell the user what to type instead; its message is in `assets/i18n` (`error.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// Not one of the five steps (or ambiguous prefix).
    UnknownStep { input: String },
    /// A `WHEN` or date value that is not in an accepted form.
    BadDate { input: String },
    /// A yearly date (birthday, anniversary) that is not `MM-DD` or `YYYY-MM-DD`.
    BadMonthDay { input: String },
    /// One of a fixed set of words (class, style, channel, ...) was expected.
    UnknownValue { kind: &'static str, input: String, valid: Vec<(&'static str, &'static str)> },
    /// A required field is empty (purpose, action plan, expected result, name, ...).
    MissingField { field: &'static str },
    /// An amount of money that cannot be read.
    BadAmount { input: String },
    /// A visit cadence override that is not a whole number of days in range.
    BadCadence { input: String, max: u32 },
    /// A currency code or symbol Fieldbook does not know.
    UnknownCurrency { input: String },
    /// An amount that names one currency while another was given with it (`--currency`).
    CurrencyConflict { input: String, named: String, given: String },
    /// A text longer than the store accepts.
    TooLong { field: &'static str, len: usize, max: usize },
    /// A report period whose end comes before its start.
    BadPeriod { from: chrono::NaiveDate, to: chrono::NaiveDate },
    /// Self-assessment ratings that are not sixteen numbers from 1 to 5.
    BadAnswers { count: usize },
}

impl std::error::Error for DomainError {}
crate::display_in_english!(DomainError);

impl Localize for DomainError {
    fn message(&self, face: Face) -> Message {
        match self {
            Self::UnknownStep { input } => {
                let valid = Step::ALL.iter().map(|s| (s.code(), s.zh())).collect();
                Message::new("error.unknown_stage").arg("input", input).choices("valid", valid)
            }
            Self::BadDate { input } => Message::new("error.bad_date").arg("input", input),
            Self::BadMonthDay { input } => Message::new("error.bad_month_day").arg("input", input),
            Self::UnknownValue { kind, input, valid } => Message::new("error.unknown_value")
                .field("kind", kind)
                .arg("input", input)
                .choices("valid", valid.clone()),
            Self::MissingField { field } => match (face, command_line_option(field)) {
                (Face::Cli, Some(option)) => {
                    Message::new("error.missing_option").field("field", field).arg("option", option)
                }
                _ => Message::new("error.missing_field").field("field", field),
            },
            Self::BadCadence { input, max } => Message::new("error.bad_cadence").arg("input", input).arg("max", max),
            Self::BadAnswers { count } => Message::new("error.bad_answers").arg("count", count),
            Self::BadAmount { input } => Message::new("error.bad_amount").arg("input", input),
            Self::UnknownCurrency { input } => Message::new("error.unknown_currency")
                .arg("input", input)
                .arg("valid", super::money::Currency::known_codes()),
            Self::CurrencyConflict { input, named, given } => {
                Message::new("error.currency_conflict").arg("input", input).arg("named", named).arg("given", given)
            }
            Self::TooLong { field, len, max } => {
                Message::new("error.too_long").field("field", field).arg("len", len).arg("max", max)
            }
            Self::BadPeriod { from, to } => Message::new("error.bad_period").arg("from", from).arg("to", to),
        }
    }
}

/// The command-line option that gives a required field, where one does (the app names the
/// field in its form instead).
fn command_line_option(field: &str) -> Option<&'static str> {
    match field {
        "purpose" => Some("--purpose"),
        "action plan" => Some("--plan"),
        "expected result" => Some("--expect"),
        "reason" => Some("--reason"),
        "category" => Some("--category"),
        _ => None,
    }
}
