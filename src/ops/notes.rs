//! Fixing notes: edit, delete, and file an inbox note under a customer.

use crate::store::{Note, Removed, Store};

/// Inbox notes listed at most.
pub const INBOX_LIMIT: u32 = 200;

/// Replaces the text of note `id`; returns the note saved.
pub fn edit(store: &mut Store, id: i64, body: &str) -> anyhow::Result<Note> {
    store.edit_note(id, body)?;
    Ok(store.note(id)?)
}

/// Deletes note `id`; what it took out can be put back ([`crate::ops::undo`]).
pub fn delete(store: &mut Store, id: i64) -> anyhow::Result<(Note, Removed)> {
    let note = store.note(id)?;
    let removed = store.delete_note(id)?;
    Ok((note, removed))
}

/// Files note `id` under `customer_id` (or back into the inbox with `None`); returns the note.
pub fn move_to(store: &mut Store, id: i64, customer_id: Option<i64>) -> anyhow::Result<Note> {
    store.move_note(id, customer_id)?;
    Ok(store.note(id)?)
}

/// The inbox: notes not filed under any customer, newest first.
pub fn inbox(store: &Store) -> anyhow::Result<Vec<Note>> {
    Ok(store.notes_of(None, INBOX_LIMIT)?)
}
