//! Errors raised by domain rules: bad user input that needs no database to detect.

use thiserror::Error;

/// A value a user typed that the domain cannot accept. Each variant carries what is
/// needed to tell the user what to type instead; the i18n layer renders it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// Not one of the five steps (or ambiguous prefix).
    #[error("unknown step '{input}'; use one of: preparation, approach, survey, presentation, close")]
    UnknownStage { input: String },
    /// A `WHEN` or date value that is not in an accepted form.
    #[error(
        "cannot read the date '{input}'; use YYYY-MM-DD, YYYY-MM-DD HH:MM, HH:MM, today, tomorrow, +3d, +2w or a weekday (mon..sun)"
    )]
    BadDate { input: String },
    /// A yearly date (birthday, anniversary) that is not `MM-DD` or `YYYY-MM-DD`.
    #[error("cannot read the date '{input}'; use MM-DD (05-09) or YYYY-MM-DD (1980-05-09)")]
    BadMonthDay { input: String },
    /// One of a fixed set of words (class, style, channel, ...) was expected.
    #[error("unknown {kind} '{input}'; use one of: {valid}")]
    UnknownValue { kind: &'static str, input: String, valid: String },
    /// A required field is empty (purpose, action plan, expected result, name, ...).
    #[error("{field} is required")]
    MissingField { field: &'static str },
    /// An amount of money that cannot be read.
    #[error(
        "cannot read the amount '{input}'; use digits, optionally with k, m, 万 or 亿 and a currency (200000, 200k, 1.5m, 50万, $50k, USD 50000)"
    )]
    BadAmount { input: String },
    /// A visit cadence override that is not a whole number of days in range.
    #[error("cannot read the cadence '{input}'; give a number of days from 1 to {max}, or none")]
    BadCadence { input: String, max: u32 },
    /// A currency code or symbol Fieldbook does not know.
    #[error("unknown currency '{input}'; use an ISO code such as CNY, USD, EUR, GBP, HKD, JPY")]
    UnknownCurrency { input: String },
    /// An amount that names one currency while another was given with it (`--currency`).
    #[error("the amount '{input}' is in {named} but the currency given is {given}")]
    CurrencyConflict { input: String, named: String, given: String },
    /// A text longer than the store accepts.
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong { field: &'static str, len: usize, max: usize },
}
