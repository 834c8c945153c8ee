//! Choosing one of a deal's open objections to mark resolved (`O` on the customer screen).

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::dialog::{KeepShown, render_confirm};
use crate::domain::Objection;
use crate::i18n::I18n;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::list_nav::moved;
use crate::tui::theme::Theme;

/// What the picker reports after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickEvent {
    /// Still choosing.
    None,
    /// Resolve the objection with this id (Enter).
    Resolve(i64),
    /// Nothing resolved (Esc).
    Cancel,
}

/// A list of open objections with one selected.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectionPicker {
    title: String,
    open: Vec<Objection>,
    selected: usize,
    /// The first row shown: drawing moves it so the selection stays in the box.
    first_row: Cell<usize>,
}

impl ObjectionPicker {
    /// A picker titled `title` over `open` (the deal's open objections), the first selected.
    pub fn new(title: String, open: Vec<Objection>) -> Self {
        Self { title, open, selected: 0, first_row: Cell::new(0) }
    }

    /// The selected objection's id, if there is any.
    pub fn selected(&self) -> Option<i64> {
        self.open.get(self.selected).map(|o| o.id)
    }

    /// Up and down (↑/↓, k/j) select, resolve (Enter) resolves the selected one, cancel (Esc)
    /// closes; keys are read through `keymap`.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> PickEvent {
        if key.kind == KeyEventKind::Release {
            return PickEvent::None;
        }
        match keymap.action(ModalId::ObjectionPicker, &key) {
            Some(a @ (Action::Up | Action::Down)) => {
                self.selected = moved(a, self.selected, 1, self.open.len().saturating_sub(1)).unwrap_or(0);
            }
            Some(Action::ResolveObjection) => return self.selected().map_or(PickEvent::Cancel, PickEvent::Resolve),
            Some(Action::Cancel) => return PickEvent::Cancel,
            _ => {}
        }
        PickEvent::None
    }

    /// Draws the list centred in `area`, the selected line marked with `›` and kept on screen.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let lines: Vec<String> = self
            .open
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if i == self.selected { "›" } else { " " };
                format!(
                    "{mark} #{} {}",
                    o.id,
                    i18n.paren(o.text.lines().next().unwrap_or_default(), &i18n.word(o.kind))
                )
            })
            .collect();
        let hints = Hints::new(keymap, ModalId::ObjectionPicker, i18n)
            .pair(Action::Up, Action::Down, "forms.hint.choose")
            .key_as(Action::ResolveObjection, "forms.objection.resolve")
            .key(Action::Cancel)
            .build();
        let keep = KeepShown { line: self.selected, first_row: &self.first_row };
        render_confirm(frame, area, theme, (&self.title, &lines, 2), &hints, Some(keep));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ObjectionKind;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn objection(id: i64, text: &str) -> Objection {
        Objection {
            id,
            deal_id: 1,
            text: text.into(),
            kind: ObjectionKind::Doubt,
            answer: String::new(),
            resolved: false,
            created_at: String::new(),
            updated_at: String::new(),
            resolved_at: None,
        }
    }

    fn press(p: &mut ObjectionPicker, code: KeyCode) -> PickEvent {
        p.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &Keymap::defaults())
    }

    #[test]
    fn moves_within_the_list_and_resolves_the_selected_one() {
        let mut p = ObjectionPicker::new("t".into(), vec![objection(3, "too dear"), objection(7, "late delivery")]);
        assert_eq!(press(&mut p, KeyCode::Up), PickEvent::None);
        assert_eq!(p.selected(), Some(3));
        press(&mut p, KeyCode::Down);
        press(&mut p, KeyCode::Down);
        assert_eq!(p.selected(), Some(7), "stays on the last");
        assert_eq!(press(&mut p, KeyCode::Enter), PickEvent::Resolve(7));
        assert_eq!(press(&mut p, KeyCode::Esc), PickEvent::Cancel);
    }

    #[test]
    fn an_empty_list_resolves_nothing() {
        let mut p = ObjectionPicker::new("t".into(), Vec::new());
        assert_eq!(press(&mut p, KeyCode::Enter), PickEvent::Cancel);
    }
}
