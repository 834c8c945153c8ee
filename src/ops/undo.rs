//! Undo of the last status change or delete within a session: archiving a customer undoes to
//! where it was; a deleted visit, note, fact, objection, person or customer is put back whole
//! (same ids).

use std::path::PathBuf;

use crate::store::{CustomerPatch, Removed, Store};

/// What was done, for the message line ("u undoes: archiving 王伟").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// A customer archived (their name).
    Archived(String),
    /// A customer taken out of the archive (their name).
    Unarchived(String),
    /// A visit deleted: its customer's name and its day (`2031-05-07`).
    DeletedVisit { customer: String, day: String },
    /// A note deleted (its first line).
    DeletedNote(String),
    /// An objection deleted (its text).
    DeletedObjection(String),
    /// A fact deleted: whose record it was in and its label.
    DeletedFact { who: String, label: String },
    /// A person removed from an account (their name), with their roles and personal facts.
    RemovedContact(String),
    /// A customer deleted (their name) with everything under them.
    DeletedCustomer(String),
}

/// How to undo it.
#[derive(Debug, Clone, PartialEq)]
enum Back {
    /// Set the customer's archived mark back.
    Archive { customer_id: i64, was_archived: bool },
    /// Put the deleted rows back.
    PutBack(Box<Removed>),
}

/// The last thing done that can be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub done: Done,
    back: Back,
}

impl Undo {
    /// Undoes it.
    pub fn run(&self, store: &mut Store) -> anyhow::Result<()> {
        match &self.back {
            Back::Archive { customer_id, was_archived } => {
                let patch = CustomerPatch { archived: Some(*was_archived), ..Default::default() };
                store.update_customer(*customer_id, patch)?;
            }
            Back::PutBack(removed) => store.put_back(removed)?,
        }
        Ok(())
    }

    fn put_back(done: Done, removed: Removed) -> Self {
        Self { done, back: Back::PutBack(Box::new(removed)) }
    }
}

/// Archives customer `id` (or takes it out of the archive); returns how to undo it, `None`
/// when it was already so.
pub fn set_archived(store: &mut Store, id: i64, archived: bool) -> anyhow::Result<Option<Undo>> {
    let (customer, changed) = super::archive::set_archived(store, id, archived)?;
    if !changed {
        return Ok(None);
    }
    let done = if archived { Done::Archived(customer.name) } else { Done::Unarchived(customer.name) };
    Ok(Some(Undo { done, back: Back::Archive { customer_id: id, was_archived: !archived } }))
}

/// Deletes visit `id`; returns how to put it back.
pub fn delete_visit(store: &mut Store, id: i64) -> anyhow::Result<Undo> {
    let (visit, removed) = super::visits::delete(store, id)?;
    let customer = store.customer_ref(visit.customer_id)?.name;
    let day = visit.at().map(|at| at.date().to_string()).unwrap_or_default();
    Ok(Undo::put_back(Done::DeletedVisit { customer, day }, removed))
}

/// Deletes note `id`; returns how to put it back.
pub fn delete_note(store: &mut Store, id: i64) -> anyhow::Result<Undo> {
    let (note, removed) = super::notes::delete(store, id)?;
    let first = note.body.lines().next().unwrap_or_default().to_string();
    Ok(Undo::put_back(Done::DeletedNote(first), removed))
}

/// Deletes fact `id` from the record of `who` (its label as the record shows it); returns
/// how to put it back.
pub fn delete_fact(store: &mut Store, id: i64, who: &str, label: &str) -> anyhow::Result<Undo> {
    let removed = store.delete_fact(id)?;
    Ok(Undo::put_back(Done::DeletedFact { who: who.to_string(), label: label.to_string() }, removed))
}

/// Removes person `id` from their account; returns how to put them back (roles, personal
/// facts and the visits that met them included).
pub fn remove_contact(store: &mut Store, id: i64) -> anyhow::Result<Undo> {
    let (person, removed) = super::contacts::remove(store, id)?;
    Ok(Undo::put_back(Done::RemovedContact(person.name), removed))
}

/// Deletes objection `id`; returns how to put it back.
pub fn delete_objection(store: &mut Store, id: i64) -> anyhow::Result<Undo> {
    let (objection, removed) = super::objections::delete(store, id)?;
    Ok(Undo::put_back(Done::DeletedObjection(objection.text), removed))
}

/// Backs the database up, then deletes customer `id` and everything under it; returns how
/// to put it back and where the backup is.
pub fn delete_customer(store: &mut Store, id: i64) -> anyhow::Result<(Undo, PathBuf)> {
    let deleted = super::archive::delete_customer(store, id)?;
    Ok((Undo::put_back(Done::DeletedCustomer(deleted.name), deleted.removed), deleted.backup))
}
