//! Adding customers: the duplicate policy is here once. A likely duplicate (same phone or
//! e-mail, or same name and company) is refused, naming the existing customers, unless the
//! rep said to add anyway (`--allow-duplicate`, or a second Ctrl-S in the app).

use crate::domain::NewCustomer;
use crate::domain::today::CustomerRef;
use crate::i18n::{Face, Localize, Message, advice};
use crate::store::{NewDeal, Store, StoreError};

/// Why a customer was not added.
#[derive(Debug)]
pub enum AddCustomerError {
    /// These customers may be the same person; nothing was written.
    Duplicates(Vec<CustomerRef>),
    Store(StoreError),
}

impl std::error::Error for AddCustomerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Duplicates(_) => None,
            Self::Store(e) => Some(e),
        }
    }
}

crate::display_in_english!(AddCustomerError);

impl From<StoreError> for AddCustomerError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl Localize for AddCustomerError {
    /// Names the customers already on file (`#3 王伟 · 深圳医疗器械`) and how to add anyway.
    fn message(&self, face: Face) -> Message {
        match self {
            Self::Duplicates(found) => {
                let existing: Vec<String> = found
                    .iter()
                    .map(|c| match c.company.as_str() {
                        "" => format!("#{} {}", c.id, c.name),
                        company => format!("#{} {} · {company}", c.id, c.name),
                    })
                    .collect();
                Message::new("error.duplicate_customer")
                    .arg("existing", existing.join(", "))
                    .part("advice", advice("error.advice.add_anyway", face))
            }
            Self::Store(e) => e.message(face),
        }
    }
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
