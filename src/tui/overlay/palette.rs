//! `:` or Ctrl-P: find any action by name and run it.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::i18n::I18n;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ModalId, ScreenId};
use crate::tui::list_nav::moved;
use crate::tui::screens::View;

/// Actions that make sense from anywhere, offered even where no key is bound to them.
const ANYWHERE: &[Action] = &[
    Action::AddCustomer,
    Action::Search,
    Action::QuickNote,
    Action::Inbox,
    Action::Assess,
    Action::GoToday,
    Action::GoPipeline,
    Action::GoCustomers,
    Action::GoReport,
    Action::Help,
    Action::Quit,
];

/// Moving the selection is not a command.
const NOT_COMMANDS: &[Action] = &[
    // Undo is one key (`u`) whose message line says what it undoes; it keeps the list short.
    Action::Undo,
    Action::Up,
    Action::Down,
    Action::Left,
    Action::Right,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::Back,
    Action::Palette,
];

/// The commands of `screen`: its bound actions, then the ones available anywhere.
pub fn commands(keymap: &Keymap, screen: ScreenId) -> Vec<(Action, Option<String>)> {
    let mut out: Vec<(Action, Option<String>)> = Vec::new();
    let bound = keymap.bindings(screen).filter(|b| !b.keys.is_empty()).map(|b| b.action);
    for action in bound.chain(ANYWHERE.iter().copied()) {
        if NOT_COMMANDS.contains(&action) || out.iter().any(|(a, _)| *a == action) {
            continue;
        }
        out.push((action, keymap.key_for(screen, action).map(|k| k.to_string())));
    }
    out
}

/// What the palette wants after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteOutcome {
    Stay,
    Close,
    Run(Action),
}

/// The palette: a query and the commands whose name contains it.
#[derive(Debug, Clone)]
pub struct PaletteOverlay {
    query: String,
    /// `(action, key, label)`.
    commands: Vec<(Action, Option<String>, String)>,
    selected: usize,
    /// The first match shown: drawing moves it so the selection stays in the box.
    first_shown: Cell<usize>,
}

impl PaletteOverlay {
    /// A palette over `commands`, labelled in the user's language.
    pub fn new(commands: Vec<(Action, Option<String>)>, i18n: &I18n) -> Self {
        let commands = commands.into_iter().map(|(a, k)| (a, k, i18n.t(&a.label_key()))).collect();
        Self { query: String::new(), commands, selected: 0, first_shown: Cell::new(0) }
    }

    /// The commands matching the query: by label or by config name, case-insensitive.
    pub fn matches(&self) -> Vec<&(Action, Option<String>, String)> {
        let q = self.query.trim().to_lowercase();
        self.commands
            .iter()
            .filter(|(a, _, label)| {
                q.is_empty() || label.to_lowercase().contains(&q) || a.name().replace('_', " ").contains(&q)
            })
            .collect()
    }

    /// Types into the query (characters and Backspace); its other keys of `keymap` move the
    /// selection, run it or close.
    pub fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> PaletteOutcome {
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Backspace if plain => {
                self.query.pop();
                self.selected = 0;
                return PaletteOutcome::Stay;
            }
            KeyCode::Char(c) if plain => {
                self.query.push(c);
                self.selected = 0;
                return PaletteOutcome::Stay;
            }
            _ => {}
        }
        match keymap.action(ModalId::Palette, key) {
            Some(Action::Cancel) => return PaletteOutcome::Close,
            Some(Action::Submit) => {
                return self
                    .matches()
                    .get(self.selected)
                    .map_or(PaletteOutcome::Stay, |(a, _, _)| PaletteOutcome::Run(*a));
            }
            Some(a @ (Action::Up | Action::Down)) => {
                self.selected = moved(a, self.selected, 1, self.matches().len().saturating_sub(1)).unwrap_or(0);
            }
            _ => {}
        }
        PaletteOutcome::Stay
    }

    /// Takes pasted text (one line) into the query.
    pub fn paste(&mut self, line: &str) {
        self.query.push_str(line);
        self.selected = 0;
    }

    /// Draws the query line and the matching commands.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let matches = self.matches();
        let popup =
            area.centered(Constraint::Length(60), Constraint::Length((matches.len() as u16 + 4).min(area.height)));
        let inner_w = popup.width.saturating_sub(2) as usize;
        let mut lines = vec![Line::from(vec![
            Span::styled(" > ", t.accent),
            Span::raw(self.query.clone()),
            Span::styled("▏", t.accent),
        ])];
        if matches.is_empty() {
            lines.push(Line::from(Span::styled(format!(" {}", view.i18n.t("tui.palette.none")), t.muted)));
        }
        // Room for matches: the box less its borders and the query line.
        let rows = usize::from(popup.height.saturating_sub(3)).max(1);
        let first = scrolled_to(self.first_shown.get(), self.selected, rows);
        self.first_shown.set(first);
        for (i, (_, key, label)) in matches.iter().enumerate().skip(first).take(rows) {
            let key = key.clone().unwrap_or_default();
            let left = text::pad(&format!(" {label}"), inner_w.saturating_sub(text::width(&key) + 1));
            let style = if i == self.selected { t.selection } else { t.text };
            lines.push(Line::from(vec![Span::styled(left, style), Span::styled(format!("{key} "), t.key)]));
        }
        let title = view.i18n.t("tui.palette.title");
        let block =
            Block::bordered().title(Span::styled(format!(" {title} "), t.focused_title)).border_style(t.focused_border);
        frame.render_widget(Clear, popup);
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }
}

/// The first row to show of a list scrolled to `first`, so that row `selected` is among the
/// `rows` shown (it moves only as far as needed).
fn scrolled_to(first: usize, selected: usize, rows: usize) -> usize {
    if selected < first {
        selected
    } else if selected >= first + rows {
        selected + 1 - rows
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::KeyEvent;

    use super::*;
    use crate::i18n::Lang;
    use crate::tui::theme::Theme;

    /// The palette of the Customer screen drawn `height` rows high, as text.
    fn drawn(palette: &PaletteOverlay, keymap: &Keymap, i18n: &I18n, height: u16) -> String {
        let theme = Theme::default();
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap_or_default();
        let money = crate::domain::money::Rates::default();
        let view = View { i18n, theme: &theme, keymap, today, money: &money, links: None };
        let mut terminal = Terminal::new(TestBackend::new(80, height)).expect("a test terminal");
        terminal.draw(|f| palette.render(f, f.area(), &view)).expect("drawing");
        terminal.backend().to_string()
    }

    #[test]
    fn a_long_list_scrolls_to_keep_the_selection_in_the_box() {
        let i18n = I18n::new(Lang::En);
        let keymap = Keymap::defaults();
        let mut palette = PaletteOverlay::new(commands(&keymap, ScreenId::Customer), &i18n);
        let labels: Vec<String> = palette.matches().iter().map(|(_, _, l)| l.clone()).collect();
        let (first, last) = (&labels[0], &labels[labels.len() - 1]);
        assert!(!drawn(&palette, &keymap, &i18n, 12).contains(last.as_str()), "out of view at first");
        for _ in 1..labels.len() {
            palette.handle_key(&KeyEvent::from(KeyCode::Down), &keymap);
        }
        let screen = drawn(&palette, &keymap, &i18n, 12);
        assert!(screen.contains(last.as_str()) && !screen.contains(first.as_str()), "{screen}");
        for _ in 1..labels.len() {
            palette.handle_key(&KeyEvent::from(KeyCode::Up), &keymap);
        }
        assert!(drawn(&palette, &keymap, &i18n, 12).contains(first.as_str()), "and back");
    }

    #[test]
    fn scrolling_moves_only_as_far_as_the_selection_needs() {
        assert_eq!(scrolled_to(0, 3, 5), 0);
        assert_eq!(scrolled_to(0, 5, 5), 1);
        assert_eq!(scrolled_to(4, 6, 5), 4, "still in view: no jump");
        assert_eq!(scrolled_to(4, 2, 5), 2);
    }
}
