//! Adding, changing and removing facts of the customer record.

use crate::domain::{FactDraft, FactPart};
use crate::store::{Store, StoreError};

/// Why a fact was not saved: the part of the draft to fix, or the store's reason.
#[derive(Debug, thiserror::Error)]
pub enum FactError {
    #[error("{1}")]
    Invalid(FactPart, #[source] crate::domain::DomainError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Adds the fact to the customer's record; returns its id.
pub fn add(store: &mut Store, customer_id: i64, draft: &FactDraft) -> Result<i64, FactError> {
    let fact = draft.validate().map_err(|(part, e)| FactError::Invalid(part, e))?;
    Ok(store.add_fact(customer_id, &fact)?)
}

/// Replaces fact `id` with the draft.
pub fn update(store: &mut Store, id: i64, draft: &FactDraft) -> Result<(), FactError> {
    let fact = draft.validate().map_err(|(part, e)| FactError::Invalid(part, e))?;
    Ok(store.update_fact(id, &fact)?)
}
