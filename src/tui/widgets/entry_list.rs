//! A list of what was written down, to pick one and fix it: a customer's visits, notes and
//! objections (`t` on the customer screen), or the inbox's notes (`i` on Today, the palette).
//! Edit opens it in its form, delete asks first, attach files an inbox note under a customer.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::dialog::{KeepShown, render_confirm};
use crate::i18n::I18n;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::list_nav::moved;
use crate::tui::theme::Theme;

/// One thing in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Visit(i64),
    Note(i64),
    Objection(i64),
}

/// What the list reports after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryEvent {
    /// Still choosing.
    None,
    /// Open the selected entry in its form.
    Edit(Entry),
    /// Ask, then delete the selected entry.
    Delete(Entry),
    /// File the selected (inbox) note under a customer.
    Attach(Entry),
    /// Closed.
    Cancel,
}

/// A titled list of entries, one selected.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryList {
    title: String,
    rows: Vec<(Entry, String)>,
    /// The inbox: its notes can be attached to a customer.
    inbox: bool,
    /// Shown instead of the rows when there are none.
    empty: String,
    selected: usize,
    /// The first row shown: drawing moves it so the selection stays in the box.
    first_row: Cell<usize>,
}

impl EntryList {
    /// A list titled `title` over `rows` (each an entry and its line), the first selected;
    /// `empty` is said when there is nothing.
    pub fn new(title: String, rows: Vec<(Entry, String)>, empty: String) -> Self {
        Self { title, rows, inbox: false, empty, selected: 0, first_row: Cell::new(0) }
    }

    /// The inbox's notes: attach files one under a customer.
    pub fn inbox(mut self) -> Self {
        self.inbox = true;
        self
    }

    /// The selected entry, if there is any.
    pub fn selected(&self) -> Option<Entry> {
        self.rows.get(self.selected).map(|(e, _)| *e)
    }

    /// The lines of the list as drawn (for tests and the empty case).
    pub fn lines(&self) -> Vec<String> {
        if self.rows.is_empty() {
            return vec![self.empty.clone()];
        }
        self.rows
            .iter()
            .enumerate()
            .map(|(i, (_, text))| format!("{} {text}", if i == self.selected { "›" } else { " " }))
            .collect()
    }

    /// Moves (↑/↓, k/j, pages, ends), edit, delete, attach (inbox) and cancel, read through
    /// `keymap`.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> EntryEvent {
        if key.kind == KeyEventKind::Release {
            return EntryEvent::None;
        }
        let Some(action) = keymap.action(ModalId::EntryList, &key) else { return EntryEvent::None };
        if let Some(to) = moved(action, self.selected, 10, self.rows.len().saturating_sub(1)) {
            self.selected = to;
            return EntryEvent::None;
        }
        let Some(entry) = self.selected() else {
            return if action == Action::Cancel { EntryEvent::Cancel } else { EntryEvent::None };
        };
        match action {
            Action::Edit => EntryEvent::Edit(entry),
            Action::Delete => EntryEvent::Delete(entry),
            Action::Attach if self.inbox => EntryEvent::Attach(entry),
            Action::Cancel => EntryEvent::Cancel,
            _ => EntryEvent::None,
        }
    }

    /// Draws the list centred in `area`, the selected line marked with `›` and kept on screen.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let mut hints = Hints::new(keymap, ModalId::EntryList, i18n);
        hints.pair(Action::Up, Action::Down, "forms.hint.choose");
        if self.inbox {
            hints.key(Action::Attach);
        }
        let hints = hints.key(Action::Edit).key(Action::Delete).key(Action::Cancel).build();
        let keep = KeepShown { line: self.selected, first_row: &self.first_row };
        render_confirm(frame, area, theme, (&self.title, &self.lines(), 4), &hints, Some(keep));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(list: &mut EntryList, code: KeyCode) -> EntryEvent {
        list.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &Keymap::defaults())
    }

    fn list() -> EntryList {
        let rows = vec![(Entry::Visit(4), "visit".into()), (Entry::Note(9), "note".into())];
        EntryList::new("t".into(), rows, "none".into())
    }

    #[test]
    fn moves_and_names_the_selected_entry() {
        let mut l = list();
        assert_eq!(press(&mut l, KeyCode::Char('e')), EntryEvent::Edit(Entry::Visit(4)));
        press(&mut l, KeyCode::Char('j'));
        press(&mut l, KeyCode::Char('j'));
        assert_eq!(press(&mut l, KeyCode::Char('x')), EntryEvent::Delete(Entry::Note(9)), "stays on the last");
        assert_eq!(press(&mut l, KeyCode::Char('m')), EntryEvent::None, "attach is for the inbox");
        assert_eq!(press(&mut l.clone().inbox(), KeyCode::Char('m')), EntryEvent::Attach(Entry::Note(9)));
        assert_eq!(press(&mut l, KeyCode::Esc), EntryEvent::Cancel);
    }

    #[test]
    fn an_empty_list_says_so_and_only_closes() {
        let mut l = EntryList::new("t".into(), Vec::new(), "nothing here".into());
        assert_eq!(l.lines(), vec!["nothing here".to_string()]);
        assert_eq!(press(&mut l, KeyCode::Char('x')), EntryEvent::None);
        assert_eq!(press(&mut l, KeyCode::Esc), EntryEvent::Cancel);
    }
}
