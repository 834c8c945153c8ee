//! What a rep wrote down about a customer, to pick one and fix it: its visits (newest
//! first), notes (newest first) and the objections of all its deals (open first).

use crate::domain::{Objection, Visit};
use crate::store::{Note, Store};

/// Visits and notes listed at most.
const LIMIT: u32 = 200;

/// A customer's visits, notes and objections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entries {
    pub visits: Vec<Visit>,
    pub notes: Vec<Note>,
    pub objections: Vec<Objection>,
}

/// Everything written down about customer `id`.
pub fn of_customer(store: &Store, id: i64) -> anyhow::Result<Entries> {
    let visits = store.visits_of(id, LIMIT, 0)?;
    let notes = store.notes_of(Some(id), LIMIT)?;
    let mut objections = Vec::new();
    for deal in store.deals_of(id)? {
        objections.extend(store.objections_of(deal.id, false)?);
    }
    objections.sort_by_key(|o| (o.resolved, std::cmp::Reverse(o.id)));
    Ok(Entries { visits, notes, objections })
}
