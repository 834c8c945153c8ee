//! Deals as modals: the deal form (new and edit), the question before a deal is won (with its
//! final value, prefilled) and the question before a won or lost deal is reopened. The rules
//! are `ops::deals`'; a failed save keeps the form open with what was typed.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::{ConfirmFor, Modal, ModalOutcome, PromptFor, PromptPurpose, deal_name};
use crate::domain::money::Currency;
use crate::domain::{DealState, Step};
use crate::i18n::{Face, I18n};
use crate::ops;
use crate::ops::deals::DealEdit;
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::deal_form::{DealForm, DealFormEvent, DealTarget};
use crate::tui::widgets::dialog::{ConfirmDialog, PromptDialog, PromptKind};

/// The form adding a deal to a customer, starting in `stage`, in the customer's usual currency.
pub(super) fn new(store: &Store, customer_id: i64, stage: Step, currency: Currency) -> anyhow::Result<Modal> {
    let customer_name = store.customer_ref(customer_id)?.name;
    let target = DealTarget { customer_id, customer_name, deal_id: None };
    let currency = ops::deals::usual_currency(store, customer_id, currency)?;
    Ok(Modal::Deal(Box::new(DealForm::new(target, stage, currency, today(store)))))
}

/// The form editing a deal.
pub(super) fn edit(store: &Store, deal_id: i64) -> anyhow::Result<Modal> {
    let deal = store.deal(deal_id)?;
    let name = store.customer_ref(deal.customer_id)?.name;
    Ok(Modal::Deal(Box::new(DealForm::edit(name, &deal, today(store)))))
}

fn today(store: &Store) -> NaiveDate {
    store.clock().today()
}

/// "Won? Final value: [the deal's value]": Enter wins it with what the field holds.
pub(super) fn ask_won(store: &Store, i18n: &I18n, customer_id: i64, deal_id: Option<i64>) -> anyhow::Result<Modal> {
    let deal = ops::deals::pick(store, customer_id, deal_id, true)?;
    let name = deal_name(store, &deal)?;
    let title = i18n.fmt("tui.deal.won_title", &[("name", &name)]);
    let prefill = deal.value().map(|v| v.full()).unwrap_or_default();
    let dialog = PromptDialog::new(title, i18n.t("tui.deal.won_label"), PromptKind::Amount { currency: deal.currency })
        .with_text(&prefill);
    Ok(Modal::Prompt(Box::new(dialog), PromptPurpose(PromptFor::Won { deal_id: deal.id, name })))
}

/// "Reopen this deal?" with how it closed (the lost reason, or the value it was won at).
pub(super) fn ask_reopen(store: &Store, i18n: &I18n, deal_id: i64) -> anyhow::Result<Modal> {
    let deal = store.deal(deal_id)?;
    let name = deal_name(store, &deal)?;
    if deal.is_open() {
        return Err(crate::store::StoreError::DealStillOpen { id: deal_id }.into());
    }
    let how = match deal.state {
        DealState::Lost => i18n.fmt("tui.deal.was_lost", &[("reason", &deal.lost_reason)]),
        _ => i18n.fmt("tui.deal.was_won", &[("value", &deal.value().map(|v| v.full()).unwrap_or_default())]),
    };
    let title = i18n.fmt("tui.deal.reopen_title", &[("name", &name)]);
    let lines = vec![how, i18n.fmt("tui.deal.reopen_body", &[("step", &i18n.word(deal.stage))])];
    Ok(Modal::Confirm(Box::new(ConfirmDialog::new(title, lines)), ConfirmFor::Reopen { deal_id, name }))
}

/// A key in the deal form; saving adds or edits the deal.
pub(super) fn form_key(
    form: &mut DealForm,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
    default: Currency,
) -> ModalOutcome {
    let draft = match form.handle_key(key, keymap) {
        DealFormEvent::None => return ModalOutcome::Stay,
        DealFormEvent::Cancel => return ModalOutcome::Close,
        DealFormEvent::Save(draft) => draft,
    };
    let target = form.target().clone();
    let result = match target.deal_id {
        Some(id) => {
            let edit = DealEdit {
                title: Some(draft.title),
                value: Some(draft.value),
                currency: Some(draft.currency),
                close_on: Some(draft.close_on),
            };
            ops::deals::edit(store, id, &edit).map(|d| i18n.fmt("tui.deal.edited", &[("name", &d.title)]))
        }
        None => ops::deals::add(store, target.customer_id, &draft, default)
            .map(|d| i18n.fmt("tui.deal.added", &[("name", &target.customer_name), ("title", &d.title)])),
    };
    match result {
        Ok(message) => ModalOutcome::Saved(message),
        Err(e) => {
            form.set_error(i18n.localize(&e, Face::App));
            ModalOutcome::Stay
        }
    }
}

/// Wins the deal with the final value typed (empty keeps its value).
pub(super) fn won(store: &mut Store, i18n: &I18n, deal_id: i64, name: &str, value: &str) -> anyhow::Result<String> {
    let closed = ops::deals::win(store, deal_id, Some(value))?;
    let value = closed.deal.value().map(|v| i18n.money(v)).unwrap_or_else(|| "—".into());
    Ok(i18n.fmt("tui.deal.won", &[("name", &name), ("value", &value)]) + &closed.steps_said(i18n))
}

/// Reopens the deal.
pub(super) fn reopened(store: &mut Store, i18n: &I18n, deal_id: i64, name: &str) -> ModalOutcome {
    match ops::deals::reopen(store, deal_id, "") {
        Ok(opened) => {
            let said = i18n.fmt("tui.deal.reopened", &[("name", &name), ("step", &i18n.word(opened.deal.stage))]);
            ModalOutcome::Saved(said + &opened.steps_said(i18n))
        }
        Err(e) => ModalOutcome::Failed(e.into()),
    }
}
