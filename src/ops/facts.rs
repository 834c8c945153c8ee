//! Adding, changing and removing facts of the customer record.

use crate::domain::{DomainError, FactDraft};
use crate::i18n::{Face, Localize, Message};
use crate::store::{Store, StoreError};

/// Why a fact was not saved: the part of the draft to fix, or the store's reason.
#[derive(Debug)]
pub enum FactError {
    Invalid(DomainError),
    /// A fact can only be about one of its own account's people.
    NotInAccount {
        contact_id: i64,
        customer_id: i64,
    },
    Store(StoreError),
}

impl std::error::Error for FactError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Invalid(e) => Some(e),
            Self::Store(e) => Some(e),
            Self::NotInAccount { .. } => None,
        }
    }
}

crate::display_in_english!(FactError);

impl From<StoreError> for FactError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl Localize for FactError {
    fn message(&self, face: Face) -> Message {
        match self {
            Self::Invalid(e) => e.message(face),
            Self::NotInAccount { contact_id, customer_id } => {
                Message::new("error.fact_not_in_account").arg("id", contact_id).arg("customer", customer_id)
            }
            Self::Store(e) => e.message(face),
        }
    }
}

/// Adds the fact to the customer's record, about person `contact_id` of the account when
/// given (a person of another account is refused); returns its id.
pub fn add(store: &mut Store, customer_id: i64, contact_id: Option<i64>, draft: &FactDraft) -> Result<i64, FactError> {
    let fact = draft.validate().map_err(|(_, e)| FactError::Invalid(e))?;
    store.customer_ref(customer_id)?;
    check_person(store, customer_id, contact_id)?;
    Ok(store.add_fact(customer_id, contact_id, &fact)?)
}

/// Replaces fact `id` with the draft, about person `contact_id` of its account (`None`: the
/// account itself).
pub fn update(store: &mut Store, id: i64, contact_id: Option<i64>, draft: &FactDraft) -> Result<(), FactError> {
    let fact = draft.validate().map_err(|(_, e)| FactError::Invalid(e))?;
    let customer_id = store.fact(id)?.customer_id;
    check_person(store, customer_id, contact_id)?;
    Ok(store.update_fact(id, contact_id, &fact)?)
}

/// Refuses a person who is not one of customer `customer_id`'s people (or no person at all).
fn check_person(store: &Store, customer_id: i64, contact_id: Option<i64>) -> Result<(), FactError> {
    let Some(contact_id) = contact_id else { return Ok(()) };
    match store.contact(contact_id) {
        Ok(person) if person.customer_id == customer_id => Ok(()),
        Ok(_) | Err(StoreError::NotFound { .. }) => Err(FactError::NotInAccount { contact_id, customer_id }),
        Err(e) => Err(e.into()),
    }
}
