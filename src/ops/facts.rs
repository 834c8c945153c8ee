//! Adding, changing and removing facts of the customer record.

use crate::domain::{DomainError, FactDraft};
use crate::i18n::{Face, Localize, Message};
use crate::store::{Store, StoreError};

/// Why a fact was not saved: the part of the draft to fix, or the store's reason.
#[derive(Debug)]
pub enum FactError {
    Invalid(DomainError),
    Store(StoreError),
}

impl std::error::Error for FactError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Invalid(e) => Some(e),
            Self::Store(e) => Some(e),
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
            Self::Store(e) => e.message(face),
        }
    }
}

/// Adds the fact to the customer's record; returns its id.
pub fn add(store: &mut Store, customer_id: i64, draft: &FactDraft) -> Result<i64, FactError> {
    let fact = draft.validate().map_err(|(_, e)| FactError::Invalid(e))?;
    Ok(store.add_fact(customer_id, &fact)?)
}

/// Replaces fact `id` with the draft.
pub fn update(store: &mut Store, id: i64, draft: &FactDraft) -> Result<(), FactError> {
    let fact = draft.validate().map_err(|(_, e)| FactError::Invalid(e))?;
    Ok(store.update_fact(id, &fact)?)
}
