//! The checklist of a deal's current step as a modal list: the step's goal on top, then the
//! numbered items with their ticks, one of them selected. Tick (Space, `x` or Enter) asks to
//! toggle the selected item; the owner writes the tick and reports back with `set_ticks` or
//! `set_error`.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph};

use super::form_layout::{clear_popup, hint_line};
use crate::domain::Step;
use crate::domain::checklist::{self, ChecklistItem, Progress};
use crate::i18n::I18n;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// Columns of an item's number and tick box (` 1 [x] `), after the selection marker.
const ITEM_PREFIX: usize = 7;
/// Columns of the selection marker (`▸ `).
const MARKER: usize = 2;
/// The widest the panel gets on a large terminal.
const MAX_WIDTH: u16 = 96;

/// Whose checklist it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistTarget {
    pub deal_id: i64,
    pub stage: Step,
    pub customer_name: String,
}

/// What the panel reports after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistEvent {
    /// Nothing for the owner to do.
    None,
    /// Tick (`tick` true) or untick item `number`.
    Toggle { number: u32, tick: bool },
    /// Close (Esc or `q`).
    Close,
}

/// A step's checklist with its ticks.
#[derive(Debug, Clone)]
pub struct ChecklistPanel {
    target: ChecklistTarget,
    goal: String,
    items: Vec<ChecklistItem>,
    cursor: usize,
    error: Option<String>,
    /// True once a tick was written.
    changed: bool,
}

impl ChecklistPanel {
    /// The panel for `target` showing the step's `goal` and numbered `items`.
    pub fn new(target: ChecklistTarget, goal: String, items: Vec<ChecklistItem>) -> Self {
        Self { target, goal, items, cursor: 0, error: None, changed: false }
    }

    /// Whose checklist it is.
    pub fn target(&self) -> &ChecklistTarget {
        &self.target
    }

    /// The items with their ticks as last written.
    pub fn items(&self) -> &[ChecklistItem] {
        &self.items
    }

    /// Index of the selected item.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Done and total.
    pub fn progress(&self) -> Progress {
        checklist::progress(&self.items)
    }

    /// True once a tick was written (the screen behind should reload).
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The ticks after a successful write.
    pub fn set_ticks(&mut self, ticks: &[u32]) {
        for item in &mut self.items {
            item.ticked = ticks.contains(&item.number);
        }
        self.error = None;
        self.changed = true;
    }

    /// Shows why a write failed; the ticks stay as they were.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Up and down (↑/↓, k/j) move, tick (Space, `x`, Enter) toggles the selected item, close
    /// (Esc, `q`) closes; keys are read through `keymap`.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> ChecklistEvent {
        if key.kind == KeyEventKind::Release {
            return ChecklistEvent::None;
        }
        match keymap.action(ModalId::Checklist, &key) {
            Some(Action::Down) => self.cursor = (self.cursor + 1).min(self.items.len().saturating_sub(1)),
            Some(Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Action::Tick) => {
                if let Some(item) = self.items.get(self.cursor) {
                    return ChecklistEvent::Toggle { number: item.number, tick: !item.ticked };
                }
            }
            Some(Action::Close) => return ChecklistEvent::Close,
            _ => {}
        }
        ChecklistEvent::None
    }

    /// Draws the panel centred over `area`; when the items do not fit, the list scrolls to keep
    /// the selected one in view.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let width = area.width.saturating_sub(4).min(MAX_WIDTH);
        let inner_w = usize::from(width.saturating_sub(4));
        let (body, selected_rows) = self.body_lines(inner_w, theme, i18n);
        let footer = if self.error.is_some() { 3 } else { 2 };
        let wanted = u16::try_from(body.len() + footer + 2).unwrap_or(u16::MAX);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(wanted.min(area.height)));
        clear_popup(frame, popup);
        let title = i18n.fmt(
            "tui.checklist.title",
            &[
                ("name", &self.target.customer_name),
                ("step", &i18n.word(self.target.stage)),
                ("progress", &self.progress()),
            ],
        );
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .padding(Padding::horizontal(1))
            .border_style(theme.focused_border)
            .title(Span::styled(format!(" {} ", text::fit(&title, inner_w)), theme.focused_title));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [body_area, error_area, _, hint_area] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(u16::from(self.error.is_some())),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let height = usize::from(body_area.height);
        let scroll = selected_rows.end.saturating_sub(height).min(selected_rows.start);
        frame.render_widget(Paragraph::new(body).scroll((u16::try_from(scroll).unwrap_or(0), 0)), body_area);
        if let Some(e) = &self.error {
            frame.render_widget(Line::from(Span::styled(text::fit(e, inner_w), theme.danger)), error_area);
        }
        let hints = Hints::new(keymap, ModalId::Checklist, i18n)
            .pair(Action::Up, Action::Down, "tui.checklist.move")
            .all_keys_as(Action::Tick, "tui.checklist.toggle")
            .all_keys_as(Action::Close, "tui.checklist.close")
            .build();
        frame.render_widget(Paragraph::new(hint_line(theme, &hints, hint_area.width)), hint_area);
    }

    /// The goal, a blank line and the items wrapped to `width`; with the rows of the selected
    /// item.
    fn body_lines(&self, width: usize, theme: &Theme, i18n: &I18n) -> (Vec<Line<'static>>, std::ops::Range<usize>) {
        let label = i18n.label(&i18n.t("forms.guide.goal"));
        let mut lines: Vec<Line> = text::wrap_hanging(&format!("{label}{}", self.goal), width, 0)
            .into_iter()
            .map(|row| match row.strip_prefix(&label) {
                Some(rest) => Line::from(vec![
                    Span::styled(label.clone(), theme.title),
                    Span::styled(rest.to_string(), theme.text),
                ]),
                None => Line::from(Span::styled(row, theme.text)),
            })
            .collect();
        lines.push(Line::default());
        if self.items.is_empty() {
            lines.push(Line::from(Span::styled(i18n.t("tui.checklist.empty"), theme.muted)));
        }
        let mut selected = lines.len()..lines.len();
        for (i, item) in self.items.iter().enumerate() {
            let is_selected = i == self.cursor;
            let style = match (is_selected, item.ticked) {
                (true, _) => theme.selection,
                (false, true) => theme.muted,
                (false, false) => theme.text,
            };
            let row = format!("{:>2} [{}] {}", item.number, if item.ticked { "x" } else { " " }, item.text);
            let start = lines.len();
            for (n, part) in text::wrap_hanging(&row, width.saturating_sub(MARKER), ITEM_PREFIX).into_iter().enumerate()
            {
                let marker = if is_selected && n == 0 { "▸ " } else { "  " };
                lines.push(Line::from(vec![Span::styled(marker, theme.accent), Span::styled(part, style)]));
            }
            if is_selected {
                selected = start..lines.len();
            }
        }
        (lines, selected)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn moves_toggles_and_takes_the_written_ticks() {
        let texts: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let target = ChecklistTarget { deal_id: 1, stage: Step::Approach, customer_name: "x".into() };
        let mut panel = ChecklistPanel::new(target, "goal".into(), checklist::items(&texts, &[1]));
        assert_eq!(
            panel.handle_key(key(KeyCode::Char(' ')), &Keymap::defaults()),
            ChecklistEvent::Toggle { number: 1, tick: false }
        );
        panel.handle_key(key(KeyCode::Char('j')), &Keymap::defaults());
        panel.handle_key(key(KeyCode::Down), &Keymap::defaults());
        panel.handle_key(key(KeyCode::Down), &Keymap::defaults());
        assert_eq!(panel.cursor(), 2, "stops at the last item");
        assert_eq!(
            panel.handle_key(key(KeyCode::Enter), &Keymap::defaults()),
            ChecklistEvent::Toggle { number: 3, tick: true }
        );
        assert!(!panel.changed());
        panel.set_ticks(&[1, 3]);
        assert!(panel.changed());
        assert_eq!(panel.progress().to_string(), "2/3");
        assert_eq!(
            panel.handle_key(key(KeyCode::Char('x')), &Keymap::defaults()),
            ChecklistEvent::Toggle { number: 3, tick: false }
        );
        assert_eq!(panel.handle_key(key(KeyCode::Esc), &Keymap::defaults()), ChecklistEvent::Close);
        assert_eq!(panel.handle_key(key(KeyCode::Char('q')), &Keymap::defaults()), ChecklistEvent::Close);
    }

    #[test]
    fn a_long_list_scrolls_to_keep_the_selected_item_in_view() {
        let texts: Vec<String> = (1..=12).map(|n| format!("item number {n}")).collect();
        let target = ChecklistTarget { deal_id: 1, stage: Step::Close, customer_name: "x".into() };
        let mut panel = ChecklistPanel::new(target, "goal".into(), checklist::items(&texts, &[]));
        for _ in 0..11 {
            panel.handle_key(key(KeyCode::Down), &Keymap::defaults());
        }
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 10)).unwrap();
        let i18n = I18n::new(crate::i18n::Lang::En);
        terminal.draw(|f| panel.render(f, f.area(), &Theme::default(), &i18n, &Keymap::defaults())).unwrap();
        let screen = terminal.backend().to_string();
        assert!(screen.contains("▸ 12 [ ] item number 12"), "{screen}");
        assert!(!screen.contains("item number 1 "), "the top scrolled away: {screen}");
    }
}
