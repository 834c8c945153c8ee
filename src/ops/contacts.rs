//! The people of an account: adding, editing and removing them, who a visit met, and the
//! account's people with its buying centre as both faces show them.

use serde::Serialize;

use crate::domain::{BuyingCentre, Contact, ContactDraft, ContactPart, DomainError, NewContact};
use crate::i18n::{Face, Localize, Message};
use crate::store::{Removed, Store, StoreError, normalise_phone};

/// Why a person was not saved (or a visit's people not accepted).
#[derive(Debug)]
pub enum ContactError {
    /// A part of the draft breaks a rule.
    Invalid(ContactPart, DomainError),
    /// Another person of the same account has this phone or e-mail.
    Duplicate {
        part: ContactPart,
        other: Box<Contact>,
    },
    /// A visit can only meet people of its own account.
    NotInAccount {
        contact_id: i64,
        customer_id: i64,
    },
    Store(StoreError),
}

impl std::error::Error for ContactError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Invalid(_, e) => Some(e),
            Self::Store(e) => Some(e),
            Self::Duplicate { .. } | Self::NotInAccount { .. } => None,
        }
    }
}

crate::display_in_english!(ContactError);

impl From<StoreError> for ContactError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl Localize for ContactError {
    fn message(&self, face: Face) -> Message {
        match self {
            Self::Invalid(_, e) => e.message(face),
            Self::Duplicate { part, other } => {
                let field = if *part == ContactPart::Phone { "phone" } else { "email" };
                Message::new("error.contact_duplicate")
                    .field("field", field)
                    .arg("name", &other.name)
                    .arg("id", other.id)
            }
            Self::NotInAccount { contact_id, customer_id } => {
                Message::new("error.not_in_account").arg("id", contact_id).arg("customer", customer_id)
            }
            Self::Store(e) => e.message(face),
        }
    }
}

/// An account's people and who plays which role, with what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct People {
    pub contacts: Vec<Contact>,
    pub centre: BuyingCentre,
}

impl People {
    /// The person with this id, if they belong to the account.
    pub fn get(&self, id: i64) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// The names of the people who decide, in the order added.
    pub fn decision_makers(&self) -> Vec<&Contact> {
        self.centre.decision_makers().iter().filter_map(|id| self.get(*id)).collect()
    }
}

/// The people of customer `customer_id` with its buying centre.
pub fn people(store: &Store, customer_id: i64) -> Result<People, StoreError> {
    let customer = store.customer(customer_id)?;
    let contacts = store.contacts_of(customer_id)?;
    let centre = BuyingCentre::of(&contacts, !customer.company.trim().is_empty());
    Ok(People { contacts, centre })
}

/// Adds the person to the account; returns the new id.
pub fn add(store: &mut Store, customer_id: i64, draft: &ContactDraft) -> Result<i64, ContactError> {
    let person = validate(draft)?;
    store.customer(customer_id)?;
    refuse_duplicate(store, customer_id, None, &person)?;
    Ok(store.add_contact(customer_id, &person)?)
}

/// Replaces person `id` with the draft (roles included).
pub fn edit(store: &mut Store, id: i64, draft: &ContactDraft) -> Result<(), ContactError> {
    let person = validate(draft)?;
    let current = store.contact(id)?;
    refuse_duplicate(store, current.customer_id, Some(id), &person)?;
    Ok(store.update_contact(id, &person)?)
}

/// Removes person `id`; returns the person as they were and the rows taken out (what an
/// undo puts back).
pub fn remove(store: &mut Store, id: i64) -> Result<(Contact, Removed), ContactError> {
    let person = store.contact(id)?;
    let removed = store.remove_contact(id)?;
    Ok((person, removed))
}

/// Checks that every id in `met` is a person of customer `customer_id`; returns the ids
/// without repeats, in the order given.
pub fn check_met(store: &Store, customer_id: i64, met: &[i64]) -> Result<Vec<i64>, ContactError> {
    let people = store.contacts_of(customer_id)?;
    let mut ids = Vec::new();
    for id in met {
        if !people.iter().any(|p| p.id == *id) {
            return Err(ContactError::NotInAccount { contact_id: *id, customer_id });
        }
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    Ok(ids)
}

fn validate(draft: &ContactDraft) -> Result<NewContact, ContactError> {
    draft.validate().map_err(|(part, e)| ContactError::Invalid(part, e))
}

/// Refuses a person whose phone or e-mail another person of the same account already has.
fn refuse_duplicate(
    store: &Store,
    customer_id: i64,
    except: Option<i64>,
    person: &NewContact,
) -> Result<(), ContactError> {
    let phone = normalise_phone(&person.phone);
    let email = person.email.to_lowercase();
    for other in store.contacts_of(customer_id)?.into_iter().filter(|c| Some(c.id) != except) {
        let part = if !phone.is_empty() && other.phone == phone {
            ContactPart::Phone
        } else if !email.is_empty() && other.email.to_lowercase() == email {
            ContactPart::Email
        } else {
            continue;
        };
        return Err(ContactError::Duplicate { part, other: Box::new(other) });
    }
    Ok(())
}
