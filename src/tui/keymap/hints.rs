//! The hint line of a form or dialog, read from the keymap: each item shows the key bound now,
//! so a rebound key shows its new key; an action with no key is left out.

use super::{Key, KeyContext, Keymap};
use crate::i18n::I18n;
use crate::tui::action::Action;

/// `(keys, what they do)` items for a hint line, built from one context's bindings.
pub struct Hints<'a> {
    keymap: &'a Keymap,
    context: KeyContext,
    i18n: &'a I18n,
    items: Vec<(String, String)>,
}

impl<'a> Hints<'a> {
    /// An empty line for `context`.
    pub fn new(keymap: &'a Keymap, context: impl Into<KeyContext>, i18n: &'a I18n) -> Self {
        Self { keymap, context: context.into(), i18n, items: Vec::new() }
    }

    /// The action's first key, with the action's name.
    pub fn key(&mut self, action: Action) -> &mut Self {
        self.key_as(action, &action.label_key())
    }

    /// The action's first key, with the text of `label_key` (the discard question's "discard"
    /// for `yes`).
    pub fn key_as(&mut self, action: Action, label_key: &str) -> &mut Self {
        if let Some(key) = self.keymap.key_for(self.context, action) {
            self.items.push((key.to_string(), self.i18n.t(label_key)));
        }
        self
    }

    /// Every key of the action (a letter bound in both cases shows once), with the text of
    /// `label_key`: `n Esc keep editing`.
    pub fn all_keys_as(&mut self, action: Action, label_key: &str) -> &mut Self {
        let mut shown: Vec<Key> = Vec::new();
        for key in self.keymap.keys_for(self.context, action) {
            if !shown.iter().any(|s| same_letter(*s, *key)) {
                shown.push(*key);
            }
        }
        if !shown.is_empty() {
            let keys: Vec<String> = shown.iter().map(ToString::to_string).collect();
            self.items.push((keys.join(" "), self.i18n.t(label_key)));
        }
        self
    }

    /// The first keys of two opposite actions as one item, with the text of `label_key`:
    /// `←/→ choose`.
    pub fn pair(&mut self, first: Action, second: Action, label_key: &str) -> &mut Self {
        let keys: Vec<String> = [first, second]
            .iter()
            .filter_map(|a| self.keymap.key_for(self.context, *a))
            .map(|k| k.to_string())
            .collect();
        if !keys.is_empty() {
            self.items.push((keys.join("/"), self.i18n.t(label_key)));
        }
        self
    }

    /// An item that is not a binding: a key the focused text box keeps for typing (`Enter new
    /// line` in a multi-line text).
    pub fn typing(&mut self, key: &str, label_key: &str) -> &mut Self {
        self.items.push((key.to_string(), self.i18n.t(label_key)));
        self
    }

    /// What a focused choice says after its value: the keys that change it, and that typing
    /// picks one (`←/→ or type its first letters`).
    pub fn choice_keys(&self) -> String {
        let keys: Vec<String> = [Action::ChoosePrevious, Action::ChooseNext]
            .iter()
            .filter_map(|a| self.keymap.key_for(self.context, *a))
            .map(|k| k.to_string())
            .collect();
        self.i18n.fmt("forms.hint.choice_keys", &[("keys", &keys.join("/"))])
    }

    /// `(key, "help")` for the bottom border: the key that lists every key of the context.
    pub fn help(&self) -> Option<(String, String)> {
        let key = self.keymap.key_for(self.context, Action::Help)?;
        Some((key.to_string(), self.i18n.t(&Action::Help.label_key())))
    }

    /// The items, in the order they were added.
    pub fn build(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.items)
    }
}

/// True when both keys are the same letter, whatever its case (`y` and `Y`).
fn same_letter(a: Key, b: Key) -> bool {
    use ratatui::crossterm::event::KeyCode;
    match (a.code, b.code) {
        (KeyCode::Char(x), KeyCode::Char(y)) => a.ctrl == b.ctrl && a.alt == b.alt && x.eq_ignore_ascii_case(&y),
        _ => a == b,
    }
}
