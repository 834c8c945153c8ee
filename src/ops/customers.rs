//! Adding customers: the duplicate policy is here once. A likely duplicate (same phone or
//! e-mail, or same name and company) is refused, naming the existing customers, unless the
//! rep said to add anyway (`--allow-duplicate`, or a second Ctrl-S in the app).

use crate::domain::NewCustomer;
use crate::domain::review::CustomerRef;
use crate::store::{NewDeal, Store, StoreError};

/// Why a customer was not added.
#[derive(Debug, thiserror::Error)]
pub enum AddCustomerError {
    /// These customers may be the same person; nothing was written.
    #[error("likely duplicate of {0:?}")]
    Duplicates(Vec<CustomerRef>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Adds the customer (checked with [`NewCustomer::validated`]) with a first open deal; returns
/// the new id. Unless `add_anyway`, refuses a likely duplicate.
pub fn add(store: &mut Store, customer: NewCustomer, deal: NewDeal, add_anyway: bool) -> Result<i64, AddCustomerError> {
    let customer = customer.validated().map_err(StoreError::from)?;
    if !add_anyway {
        let found = store.find_duplicates(&customer.name, &customer.company, &customer.phone, &customer.email)?;
        if !found.is_empty() {
            return Err(AddCustomerError::Duplicates(found));
        }
    }
    Ok(store.add_customer(customer, deal)?)
}
