//! The keys every form shares: the "discard what you typed?" question, Ctrl-S, Esc, and moving
//! between fields.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::text_field::is_ctrl;

/// What a key means to a form before its own fields see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Nothing more to do: a key release, or the discard question asked, answered "no" or
    /// waiting for an answer.
    Done,
    /// Close without saving: Esc with nothing changed, or "yes" to the discard question.
    Cancel,
    /// Ctrl-S.
    Save,
    /// A key for the form itself.
    Own,
}

/// Reads `key` for a form. While `confirming_discard`, `y` cancels and `n`/Esc go back to the
/// form (other keys are ignored: a stray key never discards); Esc cancels, or asks first when
/// the form is `dirty`.
pub fn form_key(key: &KeyEvent, confirming_discard: &mut bool, dirty: bool) -> FormKey {
    if key.kind == KeyEventKind::Release {
        return FormKey::Done;
    }
    if *confirming_discard {
        return match key.code {
            KeyCode::Char('y' | 'Y') => FormKey::Cancel,
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                *confirming_discard = false;
                FormKey::Done
            }
            _ => FormKey::Done,
        };
    }
    if is_ctrl(key, 's') {
        return FormKey::Save;
    }
    match key.code {
        KeyCode::Esc if dirty => {
            *confirming_discard = true;
            FormKey::Done
        }
        KeyCode::Esc => FormKey::Cancel,
        _ => FormKey::Own,
    }
}

/// The field `by` places from `at` in `fields`, wrapping around at either end.
pub fn cycle<T: Copy + PartialEq>(fields: &[T], at: T, by: isize) -> T {
    let len = fields.len().max(1) as isize;
    let i = fields.iter().position(|f| *f == at).unwrap_or(0) as isize;
    fields.get((i + by).rem_euclid(len) as usize).copied().unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn esc_cancels_a_clean_form_and_asks_for_a_dirty_one() {
        let mut asking = false;
        assert_eq!(form_key(&key(KeyCode::Esc), &mut asking, false), FormKey::Cancel);
        assert_eq!(form_key(&key(KeyCode::Esc), &mut asking, true), FormKey::Done);
        assert!(asking);
        assert_eq!(form_key(&key(KeyCode::Char('x')), &mut asking, true), FormKey::Done, "a stray key");
        assert!(asking);
        assert_eq!(form_key(&key(KeyCode::Char('n')), &mut asking, true), FormKey::Done);
        assert!(!asking);
        form_key(&key(KeyCode::Esc), &mut asking, true);
        assert_eq!(form_key(&key(KeyCode::Char('y')), &mut asking, true), FormKey::Cancel);
    }

    #[test]
    fn ctrl_s_saves_and_other_keys_are_the_forms() {
        let mut asking = false;
        let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(form_key(&save, &mut asking, true), FormKey::Save);
        assert_eq!(form_key(&key(KeyCode::Char('s')), &mut asking, true), FormKey::Own);
        assert_eq!(form_key(&key(KeyCode::Tab), &mut asking, false), FormKey::Own);
    }

    #[test]
    fn cycle_wraps_both_ways() {
        let fields = [1, 2, 3];
        assert_eq!(cycle(&fields, 3, 1), 1);
        assert_eq!(cycle(&fields, 1, -1), 3);
        assert_eq!(cycle(&fields, 2, 1), 3);
    }
}
