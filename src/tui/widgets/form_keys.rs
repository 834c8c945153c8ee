//! What a key means to a form, read from the keymap: the "discard what you typed?" question,
//! save, cancel and the form's other actions; and moving between fields.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ModalId};

/// What a key means to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Nothing more to do: a key release, or the discard question asked, answered "no" or
    /// waiting for an answer.
    Done,
    /// Close without saving: cancel with nothing changed, or "yes" to the discard question.
    Cancel,
    /// Save.
    Save,
    /// Another action of the form's keys (next field, suggest a purpose…).
    Action(Action),
    /// For the focused field: a key it keeps for typing, or one bound to nothing.
    Field,
}

/// Reads `key` for the form whose keys are `form`. `claimed` says the focused field keeps the
/// key for typing (see `TextField::claims`): then it is text, never a command. While
/// `confirming_discard`, the dialog's yes cancels and its no goes back to the form (other keys
/// are ignored: a stray key never discards); cancel closes, or asks first when the form is
/// `dirty`.
pub fn form_key(
    keymap: &Keymap,
    form: ModalId,
    key: &KeyEvent,
    claimed: bool,
    confirming_discard: &mut bool,
    dirty: bool,
) -> FormKey {
    if key.kind == KeyEventKind::Release {
        return FormKey::Done;
    }
    if *confirming_discard {
        return match keymap.action(ModalId::Dialog, key) {
            Some(Action::Yes) => FormKey::Cancel,
            Some(Action::No) => {
                *confirming_discard = false;
                FormKey::Done
            }
            _ => FormKey::Done,
        };
    }
    if claimed {
        return FormKey::Field;
    }
    match keymap.action(form, key) {
        Some(Action::Save) => FormKey::Save,
        Some(Action::Cancel) if dirty => {
            *confirming_discard = true;
            FormKey::Done
        }
        Some(Action::Cancel) => FormKey::Cancel,
        Some(action) => FormKey::Action(action),
        None => FormKey::Field,
    }
}

/// The key context of a form: its own, or the dialog's while it asks whether to discard.
pub fn context(form: ModalId, confirming_discard: bool) -> ModalId {
    if confirming_discard { ModalId::Dialog } else { form }
}

/// The field `by` places from `at` in `fields`, wrapping around at either end.
pub fn cycle<T: Copy + PartialEq>(fields: &[T], at: T, by: isize) -> T {
    let len = fields.len().max(1) as isize;
    let i = fields.iter().position(|f| *f == at).unwrap_or(0) as isize;
    fields.get((i + by).rem_euclid(len) as usize).copied().unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn read(k: KeyCode, asking: &mut bool, dirty: bool) -> FormKey {
        form_key(&Keymap::defaults(), ModalId::Note, &key(k), false, asking, dirty)
    }

    #[test]
    fn esc_cancels_a_clean_form_and_asks_for_a_dirty_one() {
        let mut asking = false;
        assert_eq!(read(KeyCode::Esc, &mut asking, false), FormKey::Cancel);
        assert_eq!(read(KeyCode::Esc, &mut asking, true), FormKey::Done);
        assert!(asking);
        assert_eq!(read(KeyCode::Char('x'), &mut asking, true), FormKey::Done, "a stray key");
        assert!(asking);
        assert_eq!(context(ModalId::Note, asking), ModalId::Dialog);
        assert_eq!(read(KeyCode::Char('n'), &mut asking, true), FormKey::Done);
        assert!(!asking);
        read(KeyCode::Esc, &mut asking, true);
        assert_eq!(read(KeyCode::Char('y'), &mut asking, true), FormKey::Cancel);
    }

    #[test]
    fn ctrl_s_saves_a_claimed_key_is_the_fields_and_others_are_actions() {
        let keymap = Keymap::defaults();
        let mut asking = false;
        let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(form_key(&keymap, ModalId::Note, &save, false, &mut asking, true), FormKey::Save);
        assert_eq!(read(KeyCode::Char('s'), &mut asking, true), FormKey::Field, "bound to nothing");
        assert_eq!(read(KeyCode::Tab, &mut asking, false), FormKey::Action(Action::NextField));
        let enter = key(KeyCode::Enter);
        assert_eq!(form_key(&keymap, ModalId::Note, &enter, true, &mut asking, false), FormKey::Field, "a new line");
    }

    #[test]
    fn cycle_wraps_both_ways() {
        let fields = [1, 2, 3];
        assert_eq!(cycle(&fields, 3, 1), 1);
        assert_eq!(cycle(&fields, 1, -1), 3);
        assert_eq!(cycle(&fields, 2, 1), 3);
    }
}
