//! Archiving a customer (gone from Today, the board and the lists; still found by search) and
//! deleting one for good (after a backup).

use std::path::PathBuf;

use crate::domain::Customer;
use crate::store::transfer::backup;
use crate::store::{CustomerPatch, Removed, Store};

/// Sets customer `id`'s archived mark; returns the customer and whether it changed.
pub fn set_archived(store: &mut Store, id: i64, archived: bool) -> anyhow::Result<(Customer, bool)> {
    let before = store.customer(id)?;
    if before.archived == archived {
        return Ok((before, false));
    }
    let after = store.update_customer(id, CustomerPatch { archived: Some(archived), ..Default::default() })?;
    Ok((after, true))
}

/// A deleted customer: who, the backup taken just before, and the rows taken out.
#[derive(Debug)]
pub struct Deleted {
    pub name: String,
    pub backup: PathBuf,
    pub removed: Removed,
}

/// Takes a backup of the whole database (in `backups/` beside it), then deletes customer `id`
/// and everything under it. Nothing is deleted when the backup fails.
pub fn delete_customer(store: &mut Store, id: i64) -> anyhow::Result<Deleted> {
    let customer = store.customer(id)?;
    store.writable()?;
    let path = backup::default_backup_path(store.path(), store.clock().now());
    let backup = store.backup_to(&path)?;
    let removed = store.delete_customer(id)?;
    Ok(Deleted { name: customer.name, backup, removed })
}
