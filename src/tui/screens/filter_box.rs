//! The one-line filter of the customers table and the pipeline board: the list follows what is
//! typed; submit (Enter) keeps the filter, clear (Esc) clears it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;

use super::View;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ModalId};

/// A filter text, and the box being typed into (`Some` while it has the focus).
#[derive(Debug, Default)]
pub struct FilterBox {
    typing: Option<String>,
}

impl FilterBox {
    /// True while the box has the focus.
    pub fn typing(&self) -> bool {
        self.typing.is_some()
    }

    /// Gives the box the focus, starting from the filter in force.
    pub fn start(&mut self, applied: &Option<String>) {
        self.typing = Some(applied.clone().unwrap_or_default());
    }

    /// Feeds a key: characters and Backspace are typed, the box's other keys are read through
    /// `keymap`; `applied` follows the text. `None` when the box does not use the key (or has
    /// no focus), `Some(true)` when the list must be reloaded.
    pub fn key(&mut self, key: &KeyEvent, applied: &mut Option<String>, keymap: &Keymap) -> Option<bool> {
        let text = self.typing.as_mut()?;
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Backspace if plain => {
                text.pop();
                *applied = Some(text.clone()).filter(|t| !t.is_empty());
                return Some(true);
            }
            KeyCode::Char(c) if plain => {
                text.push(c);
                *applied = Some(text.clone());
                return Some(true);
            }
            _ => {}
        }
        match keymap.action(ModalId::FilterBox, key)? {
            Action::Submit => {
                self.typing = None;
                Some(false)
            }
            Action::Clear => {
                self.typing = None;
                *applied = None;
                Some(true)
            }
            _ => None,
        }
    }

    /// Appends pasted text (already one line); `applied` follows. False when the box has no
    /// focus.
    pub fn paste(&mut self, line: &str, applied: &mut Option<String>) -> bool {
        let Some(text) = self.typing.as_mut() else { return false };
        text.push_str(line);
        *applied = Some(text.clone()).filter(|t| !t.is_empty());
        true
    }

    /// The filter line's spans: `label: `, then the text typed (with a cursor), the filter in
    /// force, or "(none)".
    pub fn spans(&self, label: &str, applied: &Option<String>, view: &View) -> Vec<Span<'static>> {
        let t = view.theme;
        let mut spans = vec![Span::styled(format!(" {}", view.i18n.label(label)), t.muted)];
        match (&self.typing, applied) {
            (Some(text), _) => {
                spans.push(Span::styled(text.clone(), t.accent));
                spans.push(Span::styled("▏", t.accent));
            }
            (None, Some(text)) => spans.push(Span::styled(text.clone(), t.text)),
            (None, None) => spans.push(Span::styled(view.i18n.t("tui.pipeline.no_filter"), t.muted)),
        }
        spans
    }
}
