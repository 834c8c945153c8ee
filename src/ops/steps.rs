//! Moving a customer's deal between the five steps. A move is never blocked, but the items of
//! the step left behind that are not ticked are reported, so each face can ask first (the app)
//! or warn (the command line). Moving back leaves nothing behind.

use crate::domain::checklist::{self, ChecklistItem};
use crate::domain::{Deal, Step};
use crate::playbook::Playbook;
use crate::store::{Store, StoreError};

/// A deal that moved, and what its old step left unticked.
#[derive(Debug, Clone)]
pub struct Moved {
    pub deal: Deal,
    pub from: Step,
    pub left_unticked: Vec<ChecklistItem>,
}

/// The items of `from`'s checklist that are not ticked for `deal_id`, when moving to `to` is a
/// move forward; none when it is a move back.
pub fn left_unticked(
    store: &Store,
    playbook: &Playbook,
    deal_id: i64,
    from: Step,
    to: Step,
) -> Result<Vec<ChecklistItem>, StoreError> {
    if to.index() <= from.index() {
        return Ok(Vec::new());
    }
    let ticks = store.checklist_ticks(deal_id, from)?;
    let items = checklist::items(&playbook.step(from).checklist, &ticks);
    Ok(checklist::unticked(&items).into_iter().cloned().collect())
}

/// Moves the customer's open deal (`deal`, or its only open one: [`super::deals::pick`]) to
/// `to` (kept in the step history with `reason`).
pub fn move_open_deal(
    store: &mut Store,
    playbook: &Playbook,
    customer_id: i64,
    deal: Option<i64>,
    to: Step,
    reason: &str,
) -> Result<Moved, StoreError> {
    let open = super::deals::pick(store, customer_id, deal, true)?;
    let left_unticked = left_unticked(store, playbook, open.id, open.stage, to)?;
    let deal = store.move_deal(open.id, to, reason)?;
    Ok(Moved { deal, from: open.stage, left_unticked })
}
