//! The one-line filter of the customers table and the pipeline board: the list follows what is
//! typed; Enter keeps the filter, Esc clears it.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Span;

use super::View;

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

    /// Feeds a key; `applied` follows the text. `None` when the box does not use the key (or
    /// has no focus), `Some(true)` when the list must be reloaded.
    pub fn key(&mut self, key: &KeyEvent, applied: &mut Option<String>) -> Option<bool> {
        let text = self.typing.as_mut()?;
        match key.code {
            KeyCode::Enter => {
                self.typing = None;
                return Some(false);
            }
            KeyCode::Esc => {
                self.typing = None;
                *applied = None;
            }
            KeyCode::Backspace => {
                text.pop();
                *applied = Some(text.clone()).filter(|t| !t.is_empty());
            }
            KeyCode::Char(c) => {
                text.push(c);
                *applied = Some(text.clone());
            }
            _ => return None,
        }
        Some(true)
    }

    /// The filter line's spans: `label: `, then the text typed (with a cursor), the filter in
    /// force, or "(none)".
    pub fn spans(&self, label: &str, applied: &Option<String>, view: &View) -> Vec<Span<'static>> {
        let t = view.theme;
        let mut spans = vec![Span::styled(format!(" {label}: "), t.muted)];
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
