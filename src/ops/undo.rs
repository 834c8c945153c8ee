//! Undo of the last status change within a session: archiving a customer undoes to where it
//! was. (Deletes keep what they took out, [`crate::store::Removed`], for the same use.)

use crate::store::{CustomerPatch, Store};

/// What was done, for the message line ("u undoes: archiving 王伟").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// A customer archived (their name).
    Archived(String),
    /// A customer taken out of the archive (their name).
    Unarchived(String),
}

/// The last thing done that can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    pub done: Done,
    customer_id: i64,
    /// The archived mark before.
    was_archived: bool,
}

impl Undo {
    /// Undoes it.
    pub fn run(&self, store: &mut Store) -> anyhow::Result<()> {
        let patch = CustomerPatch { archived: Some(self.was_archived), ..Default::default() };
        store.update_customer(self.customer_id, patch)?;
        Ok(())
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
    Ok(Some(Undo { done, customer_id: id, was_archived: !archived }))
}
