//! The objection form (alone, or over the visit form) and the picker of open objections: their
//! answers become store writes on the customer's open deal.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, ModalOutcome, PromptFor, PromptPurpose};
use crate::i18n::{Face, I18n};
use crate::playbook::Playbook;
use crate::store::{Store, StoreError};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::dialog::{PromptDialog, PromptKind};
use crate::tui::widgets::form_layout::Notice;
use crate::tui::widgets::objection_form::{ObjectionEvent, ObjectionForm, ObjectionSave, ObjectionTarget};
use crate::tui::widgets::objection_picker::{ObjectionPicker, PickEvent};
use crate::tui::widgets::visit_form::VisitForm;

/// Whose open objections a picker lists.
pub struct PickFor {
    deal_id: i64,
}

/// The customer's open deal, or why there is none.
fn target(customer_id: i64, store: &Store) -> anyhow::Result<ObjectionTarget> {
    let customer_name = store.customer_ref(customer_id)?.name;
    let deal = store.open_deal(customer_id)?.ok_or(StoreError::NoOpenDeal { customer_id })?;
    Ok(ObjectionTarget { customer_id, customer_name, deal_id: deal.id })
}

/// An empty objection form for the customer's open deal, with the playbook's way to answer
/// each kind.
pub(super) fn form(customer_id: i64, store: &Store, playbook: &Playbook) -> anyhow::Result<ObjectionForm> {
    Ok(ObjectionForm::new(target(customer_id, store)?, playbook))
}

/// The picker over the open objections of the customer's open deal.
pub(super) fn picker(customer_id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let target = target(customer_id, store)?;
    let open = store.objections_of(target.deal_id, true)?;
    let title = i18n.fmt("forms.objection.pick_title", &[("who", &target.customer_name)]);
    Ok(Modal::PickObjection(Box::new(ObjectionPicker::new(title, open)), PickFor { deal_id: target.deal_id }))
}

/// Stores a saved objection; returns its id.
fn store_objection(target: &ObjectionTarget, save: &ObjectionSave, store: &mut Store) -> anyhow::Result<i64> {
    Ok(store.log_objection(target.deal_id, &save.text, save.kind, &save.answer, save.resolved)?)
}

/// A key in the objection form opened from a screen; saving logs it and closes the form.
pub(super) fn form_key(
    form: &mut ObjectionForm,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match form.handle_key(key, i18n, keymap) {
        ObjectionEvent::None => ModalOutcome::Stay,
        ObjectionEvent::Cancel => ModalOutcome::Close,
        ObjectionEvent::Save(save) => match store_objection(form.target(), &save, store) {
            Ok(id) => ModalOutcome::Saved(
                i18n.fmt("forms.objection.saved", &[("n", &id), ("who", &form.target().customer_name)]),
            ),
            Err(e) => {
                form.set_error(i18n.error(&e, Face::App));
                ModalOutcome::Stay
            }
        },
    }
}

/// A key in the objection form over the visit form: saving or closing it returns to the visit
/// form with everything typed there untouched.
pub(super) fn over_visit(
    visit: &mut VisitForm,
    objection: &mut Option<Box<ObjectionForm>>,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    let Some(form) = objection.as_mut() else { return ModalOutcome::Stay };
    match form.handle_key(key, i18n, keymap) {
        ObjectionEvent::None => {}
        ObjectionEvent::Cancel => *objection = None,
        ObjectionEvent::Save(save) => match store_objection(form.target(), &save, store) {
            Ok(id) => {
                *objection = None;
                visit.set_notice(Notice::Info(i18n.fmt("playbook.objection.added", &[("n", &id)])));
            }
            Err(e) => form.set_error(i18n.error(&e, Face::App)),
        },
    }
    ModalOutcome::Stay
}

/// A key in the picker; resolve marks the selected objection resolved.
pub(super) fn pick_key(
    picker: &mut ObjectionPicker,
    purpose: &PickFor,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match picker.handle_key(key, keymap) {
        PickEvent::None => ModalOutcome::Stay,
        PickEvent::Cancel => ModalOutcome::Close,
        PickEvent::Resolve(id) => match ask_answer(purpose.deal_id, id, store, i18n) {
            Ok(prompt) => ModalOutcome::Next(Box::new(prompt)),
            Err(e) => ModalOutcome::Failed(e),
        },
    }
}

/// "What answer was given?" for objection `id` (its answer so far typed in): the answer is
/// the point of the method (listen, share, clarify, present, ask), so resolving asks for it.
fn ask_answer(deal_id: i64, id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let objection = store
        .objections_of(deal_id, false)?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or(StoreError::NotFound { what: "objection", id })?;
    let title = i18n.fmt("forms.objection.answer_title", &[("n", &id), ("text", &objection.text)]);
    let dialog =
        PromptDialog::new(title, i18n.t("forms.objection.answer_label"), PromptKind::Required { field: "answer" })
            .with_text(&objection.answer);
    Ok(Modal::Prompt(Box::new(dialog), PromptPurpose(PromptFor::ObjectionAnswer { deal_id, id })))
}
