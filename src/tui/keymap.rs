//! Keys → named actions, per screen, form and dialog. The same table drives key handling, the
//! hint bar, the forms' hint lines and the help overlay, so nothing shows a key that is not
//! bound. Users rebind keys in the config file (`[keys.<context>] action_name = "key"`, several
//! keys separated by spaces); [`KeyContext`] names the contexts.

mod context;
mod defaults;
mod hints;
mod key;

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::KeyEvent;

pub use context::{KeyContext, ModalId, ScreenId};
pub use hints::Hints;
pub use key::Key;

use super::action::Action;
use crate::i18n::{Face, Localize, Message};

/// An action and the keys that trigger it in one context. An action with no keys acts there
/// but has no key by default: the config file may give it one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    /// Shown in a screen's hint bar (the help overlay shows every bound action; forms and
    /// dialogs choose their hints by what has the focus).
    pub hint: bool,
}

/// Why a key configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    UnknownScreen { screen: String },
    UnknownAction { screen: String, action: String, valid: String },
    BadKey { screen: String, action: String, key: String },
    Duplicate { screen: String, key: String, first: String, second: String },
}

impl Localize for KeymapError {
    /// Says what to change in the config file.
    fn message(&self, _face: Face) -> Message {
        match self {
            Self::UnknownScreen { screen } => {
                let valid: Vec<&str> = KeyContext::all().map(KeyContext::name).collect();
                Message::new("tui.keys.unknown_screen").arg("screen", screen).arg("valid", valid.join(", "))
            }
            Self::UnknownAction { screen, action, valid } => {
                Message::new("tui.keys.unknown_action").arg("screen", screen).arg("action", action).arg("valid", valid)
            }
            Self::BadKey { screen, action, key } => {
                Message::new("tui.keys.bad_key").arg("screen", screen).arg("action", action).arg("key", key)
            }
            Self::Duplicate { screen, key, first, second } => Message::new("tui.keys.duplicate")
                .arg("screen", screen)
                .arg("key", key)
                .arg("first", first)
                .arg("second", second),
        }
    }
}

/// Every context's bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    contexts: HashMap<KeyContext, Vec<Binding>>,
}

impl Keymap {
    /// The default bindings, with the user's overrides from the config applied and checked. A
    /// context may rebind any action in force there, its parent's included (`[keys.pipeline]
    /// quick_note = "N"` changes the key on the pipeline alone).
    pub fn new(overrides: &BTreeMap<String, BTreeMap<String, String>>) -> Result<Self, KeymapError> {
        let mut map = Self::defaults();
        for (context_name, actions) in overrides {
            let context = KeyContext::named(context_name)
                .ok_or_else(|| KeymapError::UnknownScreen { screen: context_name.clone() })?;
            for (action_name, keys) in actions {
                let in_force = |a: &Action| map.bindings(context).any(|b| b.action == *a);
                let Some(action) = Action::from_name(action_name).filter(in_force) else {
                    let valid: Vec<&str> = map.bindings(context).map(|b| b.action.name()).collect();
                    return Err(KeymapError::UnknownAction {
                        screen: context_name.clone(),
                        action: action_name.clone(),
                        valid: valid.join(", "),
                    });
                };
                let parsed: Option<Vec<Key>> = keys.split_whitespace().map(Key::parse).collect();
                let parsed = parsed.filter(|k| !k.is_empty()).ok_or_else(|| KeymapError::BadKey {
                    screen: context_name.clone(),
                    action: action_name.clone(),
                    key: keys.clone(),
                })?;
                map.rebind(context, action, parsed);
            }
        }
        map.check()?;
        Ok(map)
    }

    /// The built-in bindings.
    pub fn defaults() -> Self {
        Self { contexts: defaults::all() }
    }

    /// Gives `action` these `keys` in `context`; an action inherited from the parent gets a
    /// binding of its own there.
    fn rebind(&mut self, context: KeyContext, action: Action, keys: Vec<Key>) {
        let inherited_hint = self.bindings(context).find(|b| b.action == action).is_some_and(|b| b.hint);
        let own = self.contexts.entry(context).or_default();
        match own.iter_mut().find(|b| b.action == action) {
            Some(binding) => binding.keys = keys,
            None => own.push(Binding { action, keys, hint: inherited_hint }),
        }
    }

    /// Rejects a key bound to two actions in one context (its parent's bindings included, and
    /// in a form or dialog the keys that quit the app).
    fn check(&self) -> Result<(), KeymapError> {
        for context in KeyContext::all() {
            let mut seen: HashMap<Key, Action> = HashMap::new();
            let quit = context.is_modal().then(|| (Action::Quit, self.modal_quit_keys()));
            let bound = self.bindings(context).map(|b| (b.action, b.keys.clone()));
            for (action, keys) in quit.into_iter().chain(bound) {
                for key in keys {
                    if let Some(first) = seen.insert(key, action).filter(|a| *a != action) {
                        return Err(KeymapError::Duplicate {
                            screen: context.name().to_string(),
                            key: key.to_string(),
                            first: first.name().to_string(),
                            second: action.name().to_string(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// The bindings in force in `context`: its own, then its parent's that it does not redefine.
    pub fn bindings(&self, context: impl Into<KeyContext>) -> impl Iterator<Item = &Binding> {
        let context = context.into();
        let own = self.contexts.get(&context).map(Vec::as_slice).unwrap_or_default();
        let parent = context.parent().and_then(|p| self.contexts.get(&p)).map(Vec::as_slice).unwrap_or_default();
        own.iter().chain(parent.iter().filter(move |p| !own.iter().any(|b| b.action == p.action)))
    }

    /// The action a key triggers in `context`.
    pub fn action(&self, context: impl Into<KeyContext>, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        self.bindings(context).find(|b| b.keys.contains(&key)).map(|b| b.action)
    }

    /// The keys bound to `action` in `context` (none when it has no key there).
    pub fn keys_for(&self, context: impl Into<KeyContext>, action: Action) -> &[Key] {
        self.bindings(context).find(|b| b.action == action).map(|b| b.keys.as_slice()).unwrap_or_default()
    }

    /// The first key bound to `action` in `context`, for hints.
    pub fn key_for(&self, context: impl Into<KeyContext>, action: Action) -> Option<Key> {
        self.keys_for(context, action).first().copied()
    }

    /// True when some screen, form or dialog binds `key`.
    pub fn binds_anywhere(&self, key: &Key) -> bool {
        self.contexts.values().flatten().any(|b| b.keys.contains(key))
    }

    /// True when `event` quits the app while a form or dialog is open: a global quit key that
    /// is not a character (a character there is typed or answers the dialog).
    pub fn quits_modal(&self, event: &KeyEvent) -> bool {
        self.modal_quit_keys().contains(&Key::from_event(event))
    }

    fn modal_quit_keys(&self) -> Vec<Key> {
        self.keys_for(ScreenId::Global, Action::Quit).iter().copied().filter(|k| !k.is_character()).collect()
    }
}

#[cfg(test)]
mod tests;
