//! Pure types and rules of the sales method: no I/O, no SQL, no terminal.

pub(crate) mod assessment;
pub(crate) mod cadence;
pub(crate) mod calendar;
pub(crate) mod checklist;
pub(crate) mod contact;
pub(crate) mod customer;
pub(crate) mod deal;
mod error;
pub(crate) mod fact;
pub mod money;
pub mod next_step;
pub(crate) mod objection;
pub mod phone;
pub mod report;
pub(crate) mod step;
pub mod today;
pub(crate) mod visit;
pub(crate) mod when;
pub(crate) mod words;

pub use cadence::{CadencePolicy, CadenceState};
pub use contact::{BuyingCentre, BuyingGap, BuyingRole, Contact, ContactDraft, ContactPart, NewContact};
pub use customer::{Customer, CustomerClass, Fact, FactCategory, Man, NewCustomer, Portfolio, Style, Tri};
pub use deal::{Deal, StepEvent};
pub use error::DomainError;
pub use fact::{FactDraft, FactPart, NewFact};
pub use next_step::{DueState, NewNextStep, NextStep};
pub use objection::{Objection, ObjectionKind};
pub use step::{DealState, Step};
pub use today::{NextStepState, TodayList};
pub use visit::{Channel, Outcome, Visit, VisitInput, VisitKind};
pub use when::{MonthDay, When, parse_date, parse_past_when, parse_when};
pub use words::Word;
