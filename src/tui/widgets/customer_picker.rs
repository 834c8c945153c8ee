//! Choosing a customer by typing part of their name (or its pinyin, phone digits, e-mail):
//! where an inbox note is filed.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

use super::dialog::{KeepShown, render_confirm};
use crate::i18n::I18n;
use crate::store::{CustomerFilter, CustomerSort, Store};
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::list_nav::moved;
use crate::tui::theme::Theme;

/// Customers offered at most.
const SHOWN: u32 = 8;

/// What the picker reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerPick {
    /// Still choosing.
    None,
    /// This customer (id, name).
    Picked(i64, String),
    /// Closed without a choice.
    Cancel,
}

/// A query and the customers it finds, one selected.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerPicker {
    title: String,
    query: String,
    /// `(id, "name · company")`.
    found: Vec<(i64, String, String)>,
    selected: usize,
    first_row: Cell<usize>,
}

impl CustomerPicker {
    /// A picker titled `title`, listing the first customers by name until something is typed.
    pub fn new(title: String, store: &Store) -> anyhow::Result<Self> {
        let mut picker = Self { title, query: String::new(), found: Vec::new(), selected: 0, first_row: Cell::new(0) };
        picker.find(store)?;
        Ok(picker)
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    fn find(&mut self, store: &Store) -> anyhow::Result<()> {
        let text = Some(self.query.trim().to_string()).filter(|q| !q.is_empty());
        let filter = CustomerFilter { text, ..Default::default() };
        self.found = store
            .list_customers(&filter, CustomerSort::Name, SHOWN, 0)?
            .into_iter()
            .map(|c| {
                let label = if c.company.is_empty() { c.name.clone() } else { format!("{} · {}", c.name, c.company) };
                (c.id, c.name, label)
            })
            .collect();
        self.selected = 0;
        Ok(())
    }

    /// True when `key` is typed into the query (characters, Backspace).
    pub fn claims(&self, key: &KeyEvent) -> bool {
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace) && plain
    }

    /// Types into the query (the list follows), ↑/↓ select, submit picks, cancel closes.
    pub fn handle_key(&mut self, key: KeyEvent, store: &Store, keymap: &Keymap) -> anyhow::Result<CustomerPick> {
        if key.kind == KeyEventKind::Release {
            return Ok(CustomerPick::None);
        }
        if self.claims(&key) {
            match key.code {
                KeyCode::Char(c) => self.query.push(c),
                _ => {
                    self.query.pop();
                }
            }
            self.find(store)?;
            return Ok(CustomerPick::None);
        }
        match keymap.action(ModalId::CustomerPicker, &key) {
            Some(a @ (Action::Up | Action::Down)) => {
                self.selected = moved(a, self.selected, 1, self.found.len().saturating_sub(1)).unwrap_or(0);
            }
            Some(Action::Clear) => {
                self.query.clear();
                self.find(store)?;
            }
            Some(Action::Submit) => {
                if let Some((id, name, _)) = self.found.get(self.selected) {
                    return Ok(CustomerPick::Picked(*id, name.clone()));
                }
            }
            Some(Action::Cancel) => return Ok(CustomerPick::Cancel),
            _ => {}
        }
        Ok(CustomerPick::None)
    }

    /// Draws the query and the customers found, the selected one marked with `›`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let mut lines =
            vec![format!("{}{}▏", i18n.label(&i18n.t("forms.pick_customer.find")), self.query), String::new()];
        if self.found.is_empty() {
            lines.push(i18n.t("forms.pick_customer.none"));
        }
        for (i, (_, _, label)) in self.found.iter().enumerate() {
            lines.push(format!("{} {label}", if i == self.selected { "›" } else { " " }));
        }
        let hints = Hints::new(keymap, ModalId::CustomerPicker, i18n)
            .pair(Action::Up, Action::Down, "forms.hint.choose")
            .key_as(Action::Submit, "forms.pick_customer.pick")
            .key(Action::Cancel)
            .build();
        let keep = KeepShown { line: self.selected + 2, first_row: &self.first_row };
        render_confirm(frame, area, theme, (&self.title, &lines, 2), &hints, Some(keep));
    }
}
