//! Pure types and rules of the sales method: no I/O, no SQL, no terminal.

pub mod cadence;
pub mod checklist;
pub mod contact;
pub mod customer;
pub mod deal;
mod error;
pub mod fact;
pub mod money;
pub mod objection;
pub mod review;
pub mod stage;
pub mod visit;
pub mod when;
pub mod words;

pub use cadence::{CadencePolicy, CadenceState};
pub use contact::{BuyingCentre, BuyingGap, BuyingRole, Contact, ContactDraft, ContactPart, NewContact};
pub use customer::{Customer, CustomerClass, Fact, FactCategory, Man, NewCustomer, Portfolio, Style, Tri};
pub use deal::{Deal, StageEvent};
pub use error::DomainError;
pub use fact::{FactDraft, FactPart, NewFact};
pub use objection::{Objection, ObjectionKind};
pub use review::{NextStepState, Review};
pub use stage::{DealState, Stage};
pub use visit::{Channel, Outcome, Visit, VisitInput, VisitKind};
pub use when::{MonthDay, When, parse_date, parse_past_when, parse_when};
pub use words::Word;
