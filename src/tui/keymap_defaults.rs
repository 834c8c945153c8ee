//! The built-in key bindings of every screen.

use std::collections::HashMap;

use super::action::Action;
use super::keymap::{Binding, Key, ScreenId};

/// `(action, "space separated keys", shown in the hint bar)`.
type Row = (Action, &'static str, bool);

const GLOBAL: &[Row] = &[
    (Action::Help, "?", true),
    (Action::Palette, ": ctrl-p", false),
    (Action::GoToday, "1", false),
    (Action::GoPipeline, "2", false),
    (Action::GoCustomers, "3", false),
    (Action::QuickNote, "n", true),
    (Action::Back, "esc", false),
    (Action::Quit, "q ctrl-c", true),
];

const LIST: &[Row] = &[
    (Action::Up, "k up", false),
    (Action::Down, "j down", false),
    (Action::PageUp, "pageup ctrl-u", false),
    (Action::PageDown, "pagedown ctrl-d", false),
    (Action::Top, "g home", false),
    (Action::Bottom, "G end", false),
];

const WELCOME: &[Row] = &[(Action::LoadDemo, "d", true), (Action::StartEmpty, "e enter", true)];

const TODAY: &[Row] = &[
    (Action::Done, "d", true),
    (Action::FollowUp, "f", true),
    (Action::Postpone, "p", true),
    (Action::Open, "enter", true),
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
    (Action::Search, "/", true),
];

const CUSTOMER: &[Row] = &[
    (Action::SwitchPane, "tab", true),
    (Action::Edit, "e enter", true),
    (Action::AddFact, "f", true),
    (Action::DeleteFact, "d delete", false),
    (Action::LogVisit, "l", true),
    (Action::PlanVisit, "p", true),
    (Action::Brief, "b", true),
    (Action::AddObjection, "o", false),
    (Action::ResolveObjection, "O", false),
    (Action::MoveForward, ">", true),
    (Action::Checklist, "c", true),
    (Action::Profile, "P", false),
    (Action::MoveBack, "<", false),
    (Action::Won, "w", false),
    (Action::Lost, "x", false),
    (Action::Search, "/", false),
];

/// The search screen types into its query box, so only non-character keys are bound.
const SEARCH: &[Row] = &[
    (Action::Up, "up", false),
    (Action::Down, "down", false),
    (Action::PageUp, "pageup", false),
    (Action::PageDown, "pagedown", false),
    (Action::Open, "enter", true),
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

/// Every screen's default bindings.
pub fn all() -> HashMap<ScreenId, Vec<Binding>> {
    let table: [(ScreenId, &[&[Row]]); 8] = [
        (ScreenId::Global, &[GLOBAL]),
        (ScreenId::Welcome, &[WELCOME]),
        (ScreenId::Today, &[TODAY, LIST]),
        (ScreenId::Pipeline, &[PIPELINE, LIST]),
        (ScreenId::Customers, &[CUSTOMERS, LIST]),
        (ScreenId::Customer, &[CUSTOMER, LIST]),
        (ScreenId::Search, &[SEARCH]),
        (ScreenId::Brief, &[BRIEF]),
    ];
    table
        .into_iter()
        .map(|(screen, groups)| {
            let bindings = groups
                .iter()
                .flat_map(|g| g.iter())
                .map(|(action, keys, hint)| Binding {
                    action: *action,
                    keys: keys.split_whitespace().filter_map(Key::parse).collect(),
                    hint: *hint,
                })
                .collect();
            (screen, bindings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses() {
        for groups in [GLOBAL, LIST, WELCOME, TODAY, PIPELINE, CUSTOMERS, CUSTOMER, SEARCH, BRIEF] {
            for (action, keys, _) in groups {
                for k in keys.split_whitespace() {
                    assert!(Key::parse(k).is_some(), "{} has a bad default key {k}", action.name());
                }
            }
        }
    }
}
