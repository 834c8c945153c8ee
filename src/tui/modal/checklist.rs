//! The deal checklist as modals: the checklist of the open deal's step (`c`), ticked and
//! unticked one item at a time, and the question before moving a deal on with items of its step
//! unticked (it asks, it never blocks). Both read the step's checklist from the playbook in the
//! UI language and the ticks from the store.

use ratatui::crossterm::event::KeyEvent;

use super::{ConfirmFor, Modal, ModalOutcome};
use crate::domain::Step;
use crate::domain::checklist;
use crate::i18n::{Face, I18n};
use crate::ops;
use crate::playbook::Playbook;
use crate::store::{Store, StoreError};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::checklist_panel::{ChecklistEvent, ChecklistPanel, ChecklistTarget};
use crate::tui::widgets::dialog::ConfirmDialog;

/// Columns of an item's number and box (` 1 [ ] `) in the move question.
const ITEM_PREFIX: usize = 7;

/// How a move asked for from a screen starts: with the question, or already done.
pub enum MoveStart {
    /// Items of the step are unticked: ask first.
    Ask(Modal),
    /// Moved at once.
    Done { to: Step, message: String },
}

/// Moves the customer's open deal to `to`, or asks first when it moves forward with items of
/// its step unticked ([`ops::steps::left_unticked`]).
pub fn start_move(
    store: &mut Store,
    playbook: &Playbook,
    i18n: &I18n,
    (customer_id, deal_id): (i64, Option<i64>),
    to: Step,
) -> anyhow::Result<MoveStart> {
    let name = store.customer_ref(customer_id)?.name;
    let deal = ops::deals::pick(store, customer_id, deal_id, true)?;
    let open = ops::steps::left_unticked(store, playbook, deal.id, deal.stage, to)?;
    if open.is_empty() {
        ops::steps::move_open_deal(store, playbook, customer_id, Some(deal.id), to, "")?;
        return Ok(MoveStart::Done { to, message: moved_message(i18n, &name, to) });
    }
    // "Move Wang Wei to Survey? 2 items of Approach unticked" with the unticked items.
    let title = i18n.fmt(
        "tui.checklist.confirm_move",
        &[("n", &open.len()), ("name", &name), ("step", &i18n.word(to)), ("from", &i18n.word(deal.stage))],
    );
    let lines = open.iter().map(|it| format!("{:>2} [ ] {}", it.number, it.text)).collect();
    let dialog = ConfirmDialog::new(title, lines).with_hanging_indent(ITEM_PREFIX);
    Ok(MoveStart::Ask(Modal::Confirm(Box::new(dialog), ConfirmFor::Move { customer_id, deal_id: deal.id, name, to })))
}

fn moved_message(i18n: &I18n, name: &str, to: Step) -> String {
    i18n.fmt("tui.pipeline.moved", &[("name", &name), ("step", &i18n.word(to))])
}

/// The checklist of the customer's open deal; an error when there is none.
pub(super) fn open_checklist(store: &Store, playbook: &Playbook, customer_id: i64) -> anyhow::Result<Modal> {
    let name = store.customer_ref(customer_id)?.name;
    let deal = store.open_deal(customer_id)?.ok_or(StoreError::NoOpenDeal { customer_id })?;
    let guide = playbook.step(deal.stage);
    let items = checklist::items(&guide.checklist, &store.checklist_ticks(deal.id, deal.stage)?);
    let target = ChecklistTarget { deal_id: deal.id, stage: deal.stage, customer_name: name };
    Ok(Modal::Checklist(Box::new(ChecklistPanel::new(target, guide.goal.clone(), items))))
}

/// A key in the checklist: a toggle is written at once (a failed write shows in the panel and
/// changes nothing); closing after a change reloads the screen behind.
pub(super) fn checklist_key(
    panel: &mut ChecklistPanel,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match panel.handle_key(key, keymap) {
        ChecklistEvent::None => ModalOutcome::Stay,
        ChecklistEvent::Toggle { number, tick } => {
            let target = panel.target().clone();
            let (ticks, unticks) = if tick { (vec![number], vec![]) } else { (vec![], vec![number]) };
            match store.set_checklist_ticks(target.deal_id, target.stage, &ticks, &unticks) {
                Ok(now) => panel.set_ticks(&now),
                Err(e) => panel.set_error(i18n.localize(&e, Face::App)),
            }
            ModalOutcome::Stay
        }
        ChecklistEvent::Close if panel.changed() => {
            let name = &panel.target().customer_name;
            ModalOutcome::Saved(i18n.fmt("tui.checklist.saved", &[("name", name), ("progress", &panel.progress())]))
        }
        ChecklistEvent::Close => ModalOutcome::Close,
    }
}

/// Does what a confirmed question asked.
pub(super) fn confirmed(purpose: &ConfirmFor, store: &mut Store, playbook: &Playbook, i18n: &I18n) -> ModalOutcome {
    match purpose {
        ConfirmFor::Move { customer_id, deal_id, name, to } => {
            match ops::steps::move_open_deal(store, playbook, *customer_id, Some(*deal_id), *to, "") {
                Ok(_) => ModalOutcome::DealMoved { to: *to, message: moved_message(i18n, name, *to) },
                Err(e) => ModalOutcome::Failed(e.into()),
            }
        }
        ConfirmFor::Reopen { deal_id, name } => super::deals::reopened(store, i18n, *deal_id, name),
    }
}
