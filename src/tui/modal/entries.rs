//! Fixing what was written down: the list of a customer's visits, notes and objections, the
//! inbox, the question before a delete, the customer picker an inbox note is filed with, and
//! deleting a customer after their name is typed. Deletes hand the app their undo.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, ModalOutcome, ModalRequest};
use crate::domain::{Objection, Visit};
use crate::i18n::I18n;
use crate::ops;
use crate::ops::undo::{Done, Undo};
use crate::store::{Note, Store};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ScreenId};
use crate::tui::widgets::customer_picker::{CustomerPick, CustomerPicker};
use crate::tui::widgets::dialog::{ConfirmDialog, ConfirmEvent, PromptDialog, PromptKind};
use crate::tui::widgets::entry_list::{Entry, EntryEvent, EntryList};

/// `○ 2031-05-07 10:00 Planned: see the plant` (● once logged).
fn visit_line(v: &Visit, i18n: &I18n) -> String {
    let when = v.at().map(|at| at.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
    let (mark, word) = if v.is_planned() { ("○", "forms.entries.planned") } else { ("●", "forms.entries.logged") };
    format!("{mark} {when} {}{}", i18n.label(&i18n.t(word)), first_line(&v.purpose))
}

/// `✎ 2031-05-06 Note: call back after the fair`.
fn note_line(n: &Note, i18n: &I18n) -> String {
    let day = n.created_at.get(..10).unwrap_or("");
    format!("✎ {day} {}{}", i18n.label(&i18n.t("forms.entries.note")), first_line(&n.body))
}

/// `◌ #3 Objection: too expensive` (✔ once resolved).
fn objection_line(o: &Objection, i18n: &I18n) -> String {
    let mark = if o.resolved { "✔" } else { "◌" };
    format!("{mark} #{} {}{}", o.id, i18n.label(&i18n.t("forms.entries.objection")), first_line(&o.text))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// The list of customer `id`'s visits, notes and objections.
pub(super) fn list(id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let name = store.customer_ref(id)?.name;
    let entries = ops::entries::of_customer(store, id)?;
    let mut rows: Vec<(Entry, String)> =
        entries.visits.iter().map(|v| (Entry::Visit(v.id), visit_line(v, i18n))).collect();
    rows.extend(entries.notes.iter().map(|n| (Entry::Note(n.id), note_line(n, i18n))));
    rows.extend(entries.objections.iter().map(|o| (Entry::Objection(o.id), objection_line(o, i18n))));
    let title = i18n.fmt("forms.entries.title", &[("who", &name)]);
    Ok(Modal::Entries(Box::new(EntryList::new(title, rows, i18n.t("forms.entries.none")))))
}

/// The inbox: notes not filed under a customer, newest first.
pub(super) fn inbox(store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let rows = ops::notes::inbox(store)?.iter().map(|n| (Entry::Note(n.id), note_line(n, i18n))).collect();
    let list = EntryList::new(i18n.t("forms.inbox.title"), rows, i18n.t("forms.inbox.empty")).inbox();
    Ok(Modal::Entries(Box::new(list)))
}

/// The key that undoes, for the message after a delete.
fn undo_key(keymap: &Keymap) -> String {
    keymap.key_for(ScreenId::Global, Action::Undo).map(|k| k.to_string()).unwrap_or_default()
}

/// A key in the list: edit opens the entry's form, delete asks first, attach picks a customer.
pub(super) fn list_key(
    list: &mut EntryList,
    key: KeyEvent,
    store: &Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> anyhow::Result<Option<ModalOutcome>> {
    let next = match list.handle_key(key, keymap) {
        EntryEvent::None => return Ok(None),
        EntryEvent::Cancel => return Ok(Some(ModalOutcome::Close)),
        EntryEvent::Edit(Entry::Objection(_)) => {
            return Ok(Some(ModalOutcome::Info(i18n.t("forms.entries.objection_not_edited"))));
        }
        EntryEvent::Edit(Entry::Visit(id)) => return Ok(Some(ModalOutcome::Open(ModalRequest::EditVisit(id)))),
        EntryEvent::Edit(Entry::Note(id)) => return Ok(Some(ModalOutcome::Open(ModalRequest::EditNote(id)))),
        EntryEvent::Delete(entry) => ask_delete(entry, store, i18n, keymap)?,
        EntryEvent::Attach(Entry::Note(id)) => {
            let note = store.note(id)?;
            let title = i18n.fmt("forms.pick_customer.title", &[("note", &first_line(&note.body))]);
            Modal::PickCustomer(Box::new(CustomerPicker::new(title, store)?), id)
        }
        EntryEvent::Attach(_) => return Ok(None),
    };
    Ok(Some(ModalOutcome::Next(Box::new(next))))
}

/// "Delete this visit?" with the entry's line and that undo brings it back.
fn ask_delete(entry: Entry, store: &Store, i18n: &I18n, keymap: &Keymap) -> anyhow::Result<Modal> {
    let (title, line) = match entry {
        Entry::Visit(id) => {
            let v = store.visit(id)?;
            let who = store.customer_ref(v.customer_id)?.name;
            (i18n.fmt("forms.entries.delete_visit", &[("who", &who)]), visit_line(&v, i18n))
        }
        Entry::Note(id) => (i18n.t("forms.entries.delete_note"), note_line(&store.note(id)?, i18n)),
        Entry::Objection(id) => (i18n.t("forms.entries.delete_objection"), objection_line(&store.objection(id)?, i18n)),
    };
    let lines = vec![line, String::new(), i18n.fmt("forms.entries.delete_undo", &[("key", &undo_key(keymap))])];
    Ok(Modal::ConfirmDelete(Box::new(ConfirmDialog::new(title, lines).with_hanging_indent(4)), entry))
}

/// A key in the question before a delete: yes deletes (the undo goes to the app).
pub(super) fn delete_key(
    dialog: &mut ConfirmDialog,
    entry: Entry,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match dialog.handle_key(key, keymap) {
        ConfirmEvent::None => ModalOutcome::Stay,
        ConfirmEvent::No => ModalOutcome::Close,
        ConfirmEvent::Yes => {
            let undo = match entry {
                Entry::Visit(id) => ops::undo::delete_visit(store, id),
                Entry::Note(id) => ops::undo::delete_note(store, id),
                Entry::Objection(id) => ops::undo::delete_objection(store, id),
            };
            match undo {
                Ok(undo) => {
                    let message = deleted(&undo, i18n, keymap);
                    ModalOutcome::Undoable(Box::new(undo), message)
                }
                Err(e) => ModalOutcome::Failed(e),
            }
        }
    }
}

/// "Deleted the visit of 2031-05-07 (王伟) — u brings it back."
pub(super) fn deleted(undo: &Undo, i18n: &I18n, keymap: &Keymap) -> String {
    let key = undo_key(keymap);
    match &undo.done {
        Done::DeletedVisit { customer, day } => {
            i18n.fmt("tui.undo.deleted_visit", &[("who", customer), ("day", day), ("key", &key)])
        }
        Done::DeletedNote(text) => i18n.fmt("tui.undo.deleted_note", &[("text", text), ("key", &key)]),
        Done::DeletedObjection(text) => i18n.fmt("tui.undo.deleted_objection", &[("text", text), ("key", &key)]),
        Done::DeletedFact { who, label } => {
            i18n.fmt("tui.undo.deleted_fact", &[("who", who), ("label", label), ("key", &key)])
        }
        Done::RemovedContact(name) => i18n.fmt("tui.undo.removed_contact", &[("name", name), ("key", &key)]),
        Done::DeletedCustomer(name) => i18n.fmt("tui.undo.deleted_customer", &[("name", name), ("key", &key)]),
        Done::Archived(_) | Done::Unarchived(_) => String::new(),
    }
}

/// A key in the customer picker: picking files note `note_id` under the customer.
pub(super) fn pick_key(
    picker: &mut CustomerPicker,
    note_id: i64,
    key: KeyEvent,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    match picker.handle_key(key, store, keymap) {
        Ok(CustomerPick::None) => ModalOutcome::Stay,
        Ok(CustomerPick::Cancel) => ModalOutcome::Close,
        Ok(CustomerPick::Picked(customer, name)) => match ops::notes::move_to(store, note_id, Some(customer)) {
            Ok(_) => ModalOutcome::Saved(i18n.fmt("forms.inbox.attached", &[("who", &name)])),
            Err(e) => ModalOutcome::Failed(e),
        },
        Err(e) => ModalOutcome::Failed(e),
    }
}

/// "Delete 王伟 and everything under them?": the name must be typed to go on.
pub(super) fn ask_delete_customer(id: i64, store: &Store, i18n: &I18n) -> anyhow::Result<Modal> {
    let name = store.customer_ref(id)?.name;
    let title = i18n.fmt("forms.delete_customer.title", &[("name", &name)]);
    let dialog =
        PromptDialog::new(title, i18n.t("forms.delete_customer.label"), PromptKind::Required { field: "name" });
    Ok(Modal::DeleteCustomer(Box::new(dialog), id, name))
}

/// The name typed before a customer is deleted: when it is theirs, a backup, then the delete.
pub(super) fn delete_customer(
    id: i64,
    name: &str,
    typed: &str,
    store: &mut Store,
    i18n: &I18n,
    keymap: &Keymap,
) -> ModalOutcome {
    if typed.trim() != name.trim() {
        return ModalOutcome::Info(i18n.fmt("forms.delete_customer.mismatch", &[("name", &name)]));
    }
    match ops::undo::delete_customer(store, id) {
        Ok((undo, backup)) => {
            let file = backup.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let message = deleted(&undo, i18n, keymap);
            let message = i18n.fmt("forms.delete_customer.done", &[("message", &message), ("backup", &file)]);
            ModalOutcome::Undoable(Box::new(undo), message)
        }
        Err(e) => ModalOutcome::Failed(e),
    }
}
