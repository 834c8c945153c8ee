//! The built-in key bindings of every screen, form and dialog: the one table keys, hints and
//! help are read from.

use std::collections::HashMap;

use super::{Binding, Key, KeyContext, ModalId, ScreenId};
use crate::tui::action::Action;

/// `(action, "space separated keys", shown in the screen's hint bar)`. No keys: the action
/// works there and the config file may give it a key.
type Row = (Action, &'static str, bool);

const GLOBAL: &[Row] = &[
    (Action::Help, "? f2", true),
    (Action::Palette, ": ctrl-p", false),
    (Action::GoToday, "1", false),
    (Action::GoPipeline, "2", false),
    (Action::GoCustomers, "3", false),
    (Action::GoReport, "4", false),
    (Action::QuickNote, "n", true),
    (Action::Back, "esc", false),
    (Action::Quit, "q ctrl-c", true),
    (Action::Undo, "u", false),
    // The app does these for the customer selected on any screen; screens give them keys
    // where the letter is free.
    (Action::LogVisit, "", false),
    (Action::PlanVisit, "", false),
    (Action::Brief, "", false),
    (Action::Checklist, "", false),
    (Action::Profile, "", false),
    (Action::Archive, "", false),
    (Action::Inbox, "", false),
    (Action::Assess, "", false),
    (Action::DeleteCustomer, "", false),
    (Action::AddCustomer, "", false),
    (Action::Search, "", false),
];

const LIST: &[Row] = &[
    (Action::Up, "k up", false),
    (Action::Down, "j down", false),
    (Action::PageUp, "pageup ctrl-u", false),
    (Action::PageDown, "pagedown ctrl-d", false),
    (Action::Top, "g home", false),
    (Action::Bottom, "G end", false),
];

const REPORT: &[Row] = &[
    (Action::Left, "h left", false),
    (Action::Right, "l right tab", false),
    (Action::CyclePeriod, "p", true),
    (Action::PreviousPeriod, "[", true),
    (Action::NextPeriod, "]", true),
    (Action::Assess, "a", true),
];

const WELCOME: &[Row] = &[(Action::LoadDemo, "d", true), (Action::StartEmpty, "e enter", true)];

const TODAY: &[Row] = &[
    (Action::Done, "d", true),
    (Action::FollowUp, "f", true),
    (Action::Postpone, "p", true),
    (Action::TickOff, "x", false),
    (Action::Open, "enter", true),
    (Action::Inbox, "i", true),
    (Action::Brief, "b", true),
    (Action::Checklist, "c", false),
    (Action::Profile, "P", false),
    (Action::Search, "/", true),
];

const PIPELINE: &[Row] = &[
    (Action::Left, "h left", false),
    (Action::Right, "l right", false),
    (Action::MoveForward, ">", true),
    (Action::Checklist, "c", true),
    (Action::MoveBack, "<", false),
    (Action::Won, "w", true),
    (Action::Lost, "x", true),
    (Action::NewDeal, "a", false),
    (Action::EditDeal, "E", false),
    // `l` moves right on the board: a visit for the card's deal is `v`.
    (Action::LogVisit, "v", false),
    (Action::PlanVisit, "p", false),
    (Action::Open, "enter", true),
    (Action::Brief, "b", true),
    (Action::Filter, "/", true),
];

const CUSTOMERS: &[Row] = &[
    (Action::Open, "enter", true),
    (Action::AddCustomer, "a", true),
    (Action::Filter, "f", true),
    (Action::Sort, "s", true),
    (Action::LogVisit, "l", true),
    (Action::Brief, "b", true),
    (Action::Checklist, "c", false),
    (Action::Profile, "P", false),
    (Action::Archive, "A", false),
    (Action::DeleteCustomer, "X", false),
    (Action::Search, "/", true),
];

/// The visit keys come first: the hint line keeps the first ones that fit at 80 columns.
const CUSTOMER: &[Row] = &[
    (Action::LogVisit, "l", true),
    (Action::PlanVisit, "p", true),
    (Action::MoveForward, ">", true),
    (Action::SwitchPane, "tab", true),
    (Action::Edit, "e enter", true),
    (Action::AddFact, "f", true),
    (Action::DeleteFact, "d delete", false),
    (Action::AddContact, "a", true),
    (Action::Brief, "b", true),
    (Action::AddObjection, "o", false),
    (Action::ResolveObjection, "O", false),
    (Action::Checklist, "c", true),
    (Action::Profile, "P", false),
    (Action::MoveBack, "<", false),
    (Action::Won, "w", false),
    (Action::Lost, "x", false),
    (Action::NewDeal, "D", true),
    (Action::EditDeal, "E", false),
    (Action::Reopen, "R", false),
    (Action::NextDeal, "]", false),
    (Action::Entries, "t", true),
    (Action::Archive, "A", false),
    (Action::DeleteCustomer, "X", false),
    (Action::Search, "/", false),
];

/// The search screen types into its query box, so only non-character keys are bound.
const SEARCH: &[Row] = &[
    (Action::Up, "up", false),
    (Action::Down, "down", false),
    (Action::PageUp, "pageup", false),
    (Action::PageDown, "pagedown", false),
    (Action::Open, "enter", true),
    (Action::Clear, "ctrl-u", false),
];

/// The brief scrolls; Esc (global) goes back.
const BRIEF: &[Row] = &[
    (Action::LogVisit, "l", true),
    (Action::PlanVisit, "p", true),
    (Action::Checklist, "c", true),
    (Action::Profile, "P", true),
    (Action::Up, "k up", false),
    (Action::Down, "j down", false),
    (Action::PageUp, "pageup ctrl-u", false),
    (Action::PageDown, "pagedown ctrl-d space", false),
    (Action::Top, "g home", false),
    (Action::Bottom, "G end", false),
];

/// Every form. A text box keeps what it needs for typing (characters, Backspace, Delete,
/// ←, →, Home, End, and in a multi-line text also Enter, ↑ and ↓); the other keys are these.
/// Forms choose their hints by the field with the focus, so no row is hinted here.
const FORM: &[Row] = &[
    (Action::Save, "ctrl-s", false),
    (Action::Cancel, "esc", false),
    (Action::NextField, "tab enter down", false),
    (Action::PreviousField, "backtab up", false),
    (Action::ChoosePrevious, "left", false),
    (Action::ChooseNext, "right", false),
    (Action::Clear, "backspace delete", false),
    (Action::Help, "f2", false),
];

const VISIT_FORM: &[Row] = &[
    (Action::SuggestPurpose, "ctrl-g", false),
    (Action::PlanFromType, "ctrl-t", false),
    (Action::Tick, "space", false),
    (Action::Playbook, "f1", false),
    (Action::AddObjection, "ctrl-o", false),
];

/// The person form ticks buying roles.
const CONTACT_FORM: &[Row] = &[(Action::Tick, "space", false)];

/// The fact form's choices (category, whose fact it is) also move on with Space.
const FACT_FORM: &[Row] = &[(Action::ChooseNext, "right space", false)];

const PROMPT: &[Row] = &[(Action::Submit, "enter", false), (Action::Cancel, "esc", false), (Action::Help, "f2", false)];

/// Any other key is ignored: a stray key never answers.
const DIALOG: &[Row] = &[(Action::Yes, "y Y", false), (Action::No, "n N esc", false), (Action::Help, "? f2", false)];

const CHECKLIST: &[Row] = &[
    (Action::Up, "up k", false),
    (Action::Down, "down j", false),
    (Action::Tick, "space x enter", false),
    (Action::Close, "esc q", false),
    (Action::Help, "? f2", false),
];

const OBJECTION_PICKER: &[Row] = &[
    (Action::Up, "up k", false),
    (Action::Down, "down j", false),
    (Action::ResolveObjection, "enter", false),
    (Action::Cancel, "esc", false),
    (Action::Help, "? f2", false),
];

/// A customer's visits, notes and objections, or the inbox's notes.
const ENTRY_LIST: &[Row] = &[
    (Action::Up, "up k", false),
    (Action::Down, "down j", false),
    (Action::PageUp, "pageup ctrl-u", false),
    (Action::PageDown, "pagedown ctrl-d", false),
    (Action::Top, "g home", false),
    (Action::Bottom, "G end", false),
    (Action::Attach, "m", false),
    (Action::Edit, "e enter", false),
    (Action::Delete, "x d delete", false),
    (Action::Cancel, "esc q", false),
    (Action::Help, "? f2", false),
];

/// Characters and Backspace are typed into the query.
const CUSTOMER_PICKER: &[Row] = &[
    (Action::Up, "up", false),
    (Action::Down, "down", false),
    (Action::Submit, "enter", false),
    (Action::Clear, "ctrl-u", false),
    (Action::Cancel, "esc", false),
    (Action::Help, "f2", false),
];

/// Characters and Backspace are typed into the box.
const FILTER_BOX: &[Row] =
    &[(Action::Submit, "enter", false), (Action::Clear, "esc", false), (Action::Help, "f2", false)];

/// Any other key closes the list of keys.
const HELP: &[Row] = &[(Action::Up, "up k", false), (Action::Down, "down j", false)];

/// Characters and Backspace are typed into the query.
const PALETTE: &[Row] = &[
    (Action::Up, "up ctrl-p", false),
    (Action::Down, "down ctrl-n", false),
    (Action::Submit, "enter", false),
    (Action::Cancel, "esc", false),
];

/// Each context's own rows (a context also has its parent's; see `KeyContext::parent`).
fn rows(context: KeyContext) -> &'static [&'static [Row]] {
    match context {
        KeyContext::Screen(screen) => match screen {
            ScreenId::Global => &[GLOBAL],
            ScreenId::Welcome => &[WELCOME],
            ScreenId::Today => &[TODAY, LIST],
            ScreenId::Pipeline => &[PIPELINE, LIST],
            ScreenId::Customers => &[CUSTOMERS, LIST],
            ScreenId::Customer => &[CUSTOMER, LIST],
            ScreenId::Search => &[SEARCH],
            ScreenId::Brief => &[BRIEF],
            ScreenId::Report => &[REPORT],
        },
        KeyContext::Modal(modal) => match modal {
            ModalId::Form => &[FORM],
            ModalId::VisitForm => &[VISIT_FORM],
            ModalId::ContactForm => &[CONTACT_FORM],
            ModalId::FactForm => &[FACT_FORM],
            ModalId::CustomerForm
            | ModalId::DealForm
            | ModalId::ObjectionForm
            | ModalId::ProfileForm
            | ModalId::Note => &[],
            ModalId::Prompt => &[PROMPT],
            ModalId::Dialog => &[DIALOG],
            ModalId::Checklist => &[CHECKLIST],
            ModalId::ObjectionPicker => &[OBJECTION_PICKER],
            ModalId::EntryList => &[ENTRY_LIST],
            ModalId::CustomerPicker => &[CUSTOMER_PICKER],
            ModalId::FilterBox => &[FILTER_BOX],
            ModalId::Help => &[HELP],
            ModalId::Palette => &[PALETTE],
        },
    }
}

/// Every context's default bindings.
pub fn all() -> HashMap<KeyContext, Vec<Binding>> {
    KeyContext::all()
        .map(|context| {
            let bindings = rows(context)
                .iter()
                .flat_map(|g| g.iter())
                .map(|(action, keys, hint)| Binding {
                    action: *action,
                    keys: keys.split_whitespace().filter_map(Key::parse).collect(),
                    hint: *hint,
                })
                .collect();
            (context, bindings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses() {
        for context in KeyContext::all() {
            for (action, keys, _) in rows(context).iter().flat_map(|g| g.iter()) {
                for k in keys.split_whitespace() {
                    assert!(Key::parse(k).is_some(), "{} has a bad default key {k}", action.name());
                }
            }
        }
    }
}
