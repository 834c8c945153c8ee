//! The quick note and the customer form as modals: their answers become store writes.

use super::ModalOutcome;
use crate::i18n::{Face, I18n};
use crate::ops::{self, customers::AddCustomerError};
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::customer_form::{CustomerForm, CustomerFormEvent, CustomerSave};
use crate::tui::widgets::note_input::{NoteEvent, NoteInput};

/// A key in the quick note; saving writes it to the customer or the inbox.
pub(super) fn note_key(
    note: &mut NoteInput,
    key: ratatui::crossterm::event::KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match note.handle_key(key, i18n, keymap) {
        NoteEvent::None => ModalOutcome::Stay,
        NoteEvent::Cancel => ModalOutcome::Close,
        NoteEvent::Save(text) => {
            let target = note.target().clone();
            if let Some(id) = target.note_id {
                return match ops::notes::edit(store, id, &text) {
                    Ok(_) => ModalOutcome::Saved(i18n.t("forms.note.updated")),
                    Err(e) => {
                        note.set_error(i18n.error(&e, Face::App));
                        ModalOutcome::Stay
                    }
                };
            }
            match store.add_note(target.customer_id, &text) {
                Ok(_) => ModalOutcome::Saved(match target.customer_id {
                    Some(_) => i18n.fmt("forms.note.saved", &[("who", &target.customer_name)]),
                    None => i18n.t("forms.note.saved_inbox"),
                }),
                Err(e) => {
                    note.set_error(i18n.localize(&e, Face::App));
                    ModalOutcome::Stay
                }
            }
        }
    }
}

/// A key in the customer form. Adding first checks for duplicates: when some are found the
/// form shows them and a second save saves anyway.
pub(super) fn customer_key(
    form: &mut CustomerForm,
    key: ratatui::crossterm::event::KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    let (save, confirmed) = match form.handle_key(key, i18n, keymap) {
        CustomerFormEvent::None => return ModalOutcome::Stay,
        CustomerFormEvent::Cancel => return ModalOutcome::Close,
        CustomerFormEvent::Save { save, confirmed } => (save, confirmed),
    };
    let result = match *save {
        CustomerSave::New { customer, deal } => {
            let name = customer.name.trim().to_string();
            match ops::customers::add(store, customer, deal, confirmed) {
                Ok(_) => Ok(i18n.fmt("forms.customer.added", &[("name", &name)])),
                Err(AddCustomerError::Duplicates(found)) => {
                    form.set_duplicates(&found, i18n);
                    return ModalOutcome::Stay;
                }
                Err(AddCustomerError::Store(e)) => Err(e),
            }
        }
        CustomerSave::Edit { id, patch } => {
            store.update_customer(id, patch).map(|c| i18n.fmt("forms.customer.updated", &[("name", &c.name)]))
        }
    };
    match result {
        Ok(message) => ModalOutcome::Saved(message),
        Err(e) => {
            form.set_error(i18n.localize(&e, Face::App));
            ModalOutcome::Stay
        }
    }
}
