//! The facts of the customer record as modals: the fact form (add, edit) and the question
//! before deleting one. Their answers become store writes.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, ModalOutcome};
use crate::domain::{Fact, FactCategory};
use crate::i18n::{Face, I18n};
use crate::ops;
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::dialog::{ConfirmDialog, ConfirmEvent};
use crate::tui::widgets::fact_form::{FactForm, FactFormEvent, FactTarget};

/// The empty fact form for `customer_id`, in `category`, about person `about` (else the
/// account itself).
pub(super) fn add(
    customer_id: i64,
    category: FactCategory,
    choose_category: bool,
    about: Option<i64>,
    store: &Store,
) -> anyhow::Result<Modal> {
    let customer_name = store.customer_ref(customer_id)?.name;
    let target = FactTarget { customer_id, customer_name, fact_id: None };
    let mut form = FactForm::new(target, category, choose_category);
    form.set_people(people_of(store, customer_id)?, about);
    Ok(Modal::Fact(Box::new(form)))
}

/// The fact form holding fact `id`.
pub(super) fn edit(id: i64, store: &Store) -> anyhow::Result<Modal> {
    let fact = store.fact(id)?;
    let name = store.customer_ref(fact.customer_id)?.name;
    let mut form = FactForm::edit(name, &fact);
    form.set_people(people_of(store, fact.customer_id)?, fact.contact_id);
    Ok(Modal::Fact(Box::new(form)))
}

/// The account's people a fact may be about: (id, name), in the order added.
fn people_of(store: &Store, customer_id: i64) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(store.contacts_of(customer_id)?.into_iter().map(|p| (p.id, p.name)).collect())
}

/// "Delete from 王伟's record?" showing the fact.
pub(super) fn ask_delete(id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let fact = store.fact(id)?;
    let name = store.customer_ref(fact.customer_id)?.name;
    let title = i18n.fmt("forms.fact.delete_title", &[("who", &name)]);
    let line = format!(
        "{} · {}",
        i18n.word(fact.category),
        i18n.labeled(
            &crate::playbook::views::imported_label(i18n, &fact.label),
            &crate::playbook::views::fact_value(i18n, &fact.label, &fact.value)
        )
    );
    Ok(Modal::DeleteFact(Box::new(ConfirmDialog::new(title, vec![line])), Box::new((fact, name))))
}

/// A key in the fact form; saving adds or updates the fact. A failed write keeps the form
/// open with its text and shows why.
pub(super) fn form_key(
    form: &mut FactForm,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    let draft = match form.handle_key(key, i18n, keymap) {
        FactFormEvent::None => return ModalOutcome::Stay,
        FactFormEvent::Cancel => return ModalOutcome::Close,
        FactFormEvent::Save(draft) => draft,
    };
    let target = form.target().clone();
    let label = draft.label.trim();
    let names: [(&str, &dyn std::fmt::Display); 2] = [("who", &target.customer_name), ("label", &label)];
    let about = form.about();
    let result = match target.fact_id {
        Some(id) => ops::facts::update(store, id, about, &draft).map(|()| i18n.fmt("forms.fact.updated", &names)),
        None => ops::facts::add(store, target.customer_id, about, &draft).map(|_| i18n.fmt("forms.fact.added", &names)),
    };
    match result {
        Ok(message) => ModalOutcome::Saved(message),
        Err(e) => {
            form.set_error(i18n.localize(&e, Face::App));
            ModalOutcome::Stay
        }
    }
}

/// A key in the delete question: yes deletes, no keeps the fact.
pub(super) fn delete_key(
    dialog: &mut ConfirmDialog,
    fact: &(Fact, String),
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    let (fact, name) = fact;
    match dialog.handle_key(key, keymap) {
        ConfirmEvent::None => ModalOutcome::Stay,
        ConfirmEvent::No => ModalOutcome::Close,
        ConfirmEvent::Yes => {
            let label = crate::playbook::views::imported_label(i18n, &fact.label);
            match crate::ops::undo::delete_fact(store, fact.id, name, &label) {
                Ok(undo) => {
                    let message = super::entries::deleted(&undo, i18n, keymap);
                    ModalOutcome::Undoable(Box::new(undo), message)
                }
                Err(e) => ModalOutcome::Failed(e),
            }
        }
    }
}
