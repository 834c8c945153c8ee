//! Fixing objections after the fact: deleting one logged by mistake.

use crate::domain::Objection;
use crate::store::{Removed, Store};

/// Deletes objection `id`; what it took out can be put back ([`crate::ops::undo`]).
pub fn delete(store: &mut Store, id: i64) -> anyhow::Result<(Objection, Removed)> {
    let objection = store.objection(id)?;
    let removed = store.delete_objection(id)?;
    Ok((objection, removed))
}
