//! The people of an account as modals: the person form (add, edit) and the question before
//! removing one. Their answers go through `ops::contacts`.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, ModalOutcome};
use crate::domain::Contact;
use crate::i18n::{Face, I18n};
use crate::ops;
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::contact_form::{ContactForm, ContactFormEvent, ContactTarget};
use crate::tui::widgets::dialog::{ConfirmDialog, ConfirmEvent};

/// The empty person form for the account `customer_id`.
pub(super) fn add(customer_id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let customer_name = store.customer_ref(customer_id)?.name;
    let target = ContactTarget { customer_id, customer_name, contact_id: None };
    Ok(Modal::Contact(Box::new(ContactForm::new(target, i18n))))
}

/// The person form holding person `id`.
pub(super) fn edit(id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let person = store.contact(id)?;
    let name = store.customer_ref(person.customer_id)?.name;
    Ok(Modal::Contact(Box::new(ContactForm::edit(name, &person, i18n))))
}

/// "Remove 张总 from 华东机械?" with what is known of the person.
pub(super) fn ask_remove(id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let person = store.contact(id)?;
    let account = store.customer_ref(person.customer_id)?.name;
    let title = i18n.fmt("forms.contact.remove_title", &[("name", &person.name), ("who", &account)]);
    let lines = vec![crate::playbook::views::person_line(i18n, &person), i18n.t("forms.contact.remove_note")];
    Ok(Modal::RemoveContact(Box::new(ConfirmDialog::new(title, lines)), Box::new(person)))
}

/// A key in the person form; Ctrl-S adds or updates the person. A refused save (a phone
/// another person of the account has) keeps the form open with its text and says why.
pub(super) fn form_key(
    form: &mut ContactForm,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    let draft = match form.handle_key(key, i18n, keymap) {
        ContactFormEvent::None => return ModalOutcome::Stay,
        ContactFormEvent::Cancel => return ModalOutcome::Close,
        ContactFormEvent::Save(draft) => draft,
    };
    let target = form.target().clone();
    let name = draft.name.trim().to_string();
    let names: [(&str, &dyn std::fmt::Display); 2] = [("who", &target.customer_name), ("name", &name)];
    let result = match target.contact_id {
        Some(id) => ops::contacts::edit(store, id, &draft).map(|()| i18n.fmt("forms.contact.updated", &names)),
        None => ops::contacts::add(store, target.customer_id, &draft).map(|_| i18n.fmt("forms.contact.added", &names)),
    };
    match result {
        Ok(message) => ModalOutcome::Saved(message),
        Err(e) => {
            form.set_error(i18n.localize(&e, Face::App));
            ModalOutcome::Stay
        }
    }
}

/// A key in the remove question: `y` removes, `n`/Esc keeps the person.
pub(super) fn remove_key(
    dialog: &mut ConfirmDialog,
    person: &Contact,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match dialog.handle_key(key, keymap) {
        ConfirmEvent::None => ModalOutcome::Stay,
        ConfirmEvent::No => ModalOutcome::Close,
        ConfirmEvent::Yes => match ops::undo::remove_contact(store, person.id) {
            Ok(undo) => {
                let message = super::entries::deleted(&undo, i18n, keymap);
                ModalOutcome::Undoable(Box::new(undo), message)
            }
            Err(e) => ModalOutcome::Failed(e),
        },
    }
}
