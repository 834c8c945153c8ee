//! Picking one of a closed set of words (channel, outcome, class...) by ←/→ or by typing
//! the first letters of its name (English, Chinese or pinyin: see [`TypedPick`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::typed_pick::TypedPick;
use crate::domain::Word;
use crate::tui::action::Action;

/// A choice among `W::ALL`, optionally allowing "none".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<W: Word> {
    value: Option<W>,
    optional: bool,
    typed: TypedPick,
}

impl<W: Word + PartialEq> Choice<W> {
    /// A choice that always holds a value.
    pub fn required(value: W) -> Self {
        Self { value: Some(value), optional: false, typed: TypedPick::default() }
    }

    /// A choice that may be empty.
    pub fn optional(value: Option<W>) -> Self {
        Self { value, optional: true, typed: TypedPick::default() }
    }

    /// The current value.
    pub fn value(&self) -> Option<W> {
        self.value
    }

    /// Typing: letters pick the first value whose name starts with them (English, Chinese, or
    /// the Chinese name's pinyin whole or by initials), Space the next value. Returns true when the value changed. (←/→ and clearing are the form's
    /// actions: see [`Choice::step`] and [`Choice::clear`].)
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let before = self.value;
        match key.code {
            KeyCode::Char(' ') => {
                self.step(1);
            }
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                self.type_char(c)
            }
            _ => {}
        }
        before != self.value
    }

    /// The value `by` places on, wrapping around (through "none" for an optional choice).
    /// Returns true when the value changed.
    pub fn step(&mut self, by: isize) -> bool {
        let before = self.value;
        self.typed.clear();
        let mut options: Vec<Option<W>> = W::ALL.iter().copied().map(Some).collect();
        if self.optional {
            options.insert(0, None);
        }
        let len = options.len() as isize;
        let at = options.iter().position(|o| *o == self.value).unwrap_or(0) as isize;
        self.value = options[((at + by).rem_euclid(len)) as usize];
        before != self.value
    }

    /// Empties an optional choice (a required one keeps its value). Returns true when the
    /// value changed.
    pub fn clear(&mut self) -> bool {
        self.typed.clear();
        let cleared = self.optional && self.value.is_some();
        if cleared {
            self.value = None;
        }
        cleared
    }

    /// Does a form action meant for choices: previous or next value, clear. `None` for any
    /// other action; else whether the value changed.
    pub fn act(&mut self, action: Action) -> Option<bool> {
        match action {
            Action::ChoosePrevious => Some(self.step(-1)),
            Action::ChooseNext => Some(self.step(1)),
            Action::Clear => Some(self.clear()),
            _ => None,
        }
    }

    fn type_char(&mut self, c: char) {
        let names: Vec<Vec<&str>> = W::ALL
            .iter()
            .map(|w| [w.code(), w.zh()].into_iter().chain(w.aliases().iter().copied()).collect())
            .collect();
        if let Some(at) = self.typed.push(c, &names) {
            self.value = W::ALL.get(at).copied();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Outcome};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn cycles_and_types() {
        let mut c = Choice::required(Channel::InPerson);
        assert!(c.step(1));
        assert_eq!(c.value(), Some(Channel::Phone));
        c.step(-1);
        c.step(-1);
        assert_eq!(c.value(), Some(Channel::Message), "wraps around");
        for ch in "vid".chars() {
            c.handle_key(key(KeyCode::Char(ch)));
        }
        assert_eq!(c.value(), Some(Channel::Video), "'v' alone is ambiguous (visit, video)");
        c.handle_key(key(KeyCode::Char('电')));
        assert_eq!(c.value(), Some(Channel::Phone));
        for ch in "sp".chars() {
            c.handle_key(key(KeyCode::Char(ch)));
        }
        assert_eq!(c.value(), Some(Channel::Video), "视频 by its pinyin's initials");
    }

    #[test]
    fn optional_choice_can_be_emptied() {
        let mut o = Choice::optional(None);
        o.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(o.value(), Some(Outcome::Met));
        o.step(-1);
        assert_eq!(o.value(), None);
        o.handle_key(key(KeyCode::Char('p')));
        assert_eq!(o.value(), Some(Outcome::Partly));
        o.handle_key(key(KeyCode::Char('n')));
        assert_eq!(o.value(), Some(Outcome::NotMet), "pn is nothing: n alone, the first starting with it");
        assert!(o.clear());
        assert_eq!(o.value(), None);
        let mut required = Choice::required(Channel::Phone);
        assert!(!required.clear(), "a required choice keeps its value");
    }
}
