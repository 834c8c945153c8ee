//! `?` (F2 in a form): every key of the current screen, form or dialog, read from the same
//! keymap that handles the keys.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{KeyContext, Keymap, ModalId};
use crate::tui::list_nav::moved;
use crate::tui::screens::View;
use crate::tui::widgets::form_layout::clear_popup;

/// The help overlay for one screen, form or dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpOverlay {
    context: KeyContext,
    scroll: u16,
    /// Lines below the popup at the last draw: scrolling stops there.
    hidden: Cell<u16>,
}

impl HelpOverlay {
    /// Help for `context`.
    pub fn new(context: KeyContext) -> Self {
        Self { context, scroll: 0, hidden: Cell::new(u16::MAX) }
    }

    /// Whose keys it lists.
    pub fn context(&self) -> KeyContext {
        self.context
    }

    /// Scrolls with its up and down keys of `keymap` (↑/↓, k/j); returns true when the overlay
    /// should close (any other key).
    pub fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> bool {
        match keymap.action(ModalId::Help, key).and_then(|a| moved(a, self.scroll.into(), 10, self.hidden.get().into()))
        {
            Some(to) => {
                self.scroll = u16::try_from(to).unwrap_or(u16::MAX);
                false
            }
            None => true,
        }
    }

    /// Draws the list of keys and what they do.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let rows: Vec<(String, String)> = view
            .keymap
            .bindings(self.context)
            .filter(|b| !b.keys.is_empty())
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                (keys.join(" "), view.i18n.t(&b.action.label_key()))
            })
            .collect();
        let key_w = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
        let label_w = rows.iter().map(|(_, l)| text::width(l)).max().unwrap_or(0);
        let width = (key_w + label_w + 6).max(30) as u16;
        let popup = area.centered(Constraint::Length(width), Constraint::Length(rows.len() as u16 + 3));
        let mut lines: Vec<Line> = rows
            .into_iter()
            .map(|(k, l)| Line::from(vec![Span::styled(format!(" {} ", text::pad(&k, key_w)), t.key), Span::raw(l)]))
            .collect();
        lines.push(Line::from(Span::styled(format!(" {}", view.i18n.t("tui.help.close")), t.muted)));
        let name = view.i18n.t(&format!("tui.screen.{}", self.context.name()));
        let title = view.i18n.fmt("tui.help.title", &[("screen", &name)]);
        // Taller than the screen: scrolled no further than the last line, and the borders say
        // which way there is more.
        let hidden = (lines.len() as u16).saturating_sub(popup.height.saturating_sub(2));
        self.hidden.set(hidden);
        let scroll = self.scroll.min(hidden);
        let mut block =
            Block::bordered().title(Span::styled(format!(" {title} "), t.focused_title)).border_style(t.focused_border);
        let more = |action: Action, label: &str| {
            let keys: Vec<String> =
                view.keymap.keys_for(ModalId::Help, action).iter().map(ToString::to_string).collect();
            Line::from(Span::styled(format!(" {} {} ", keys.join(" "), view.i18n.t(label)), t.key)).right_aligned()
        };
        if scroll < hidden {
            block = block.title_bottom(more(Action::Down, "tui.help.more_below"));
        }
        if scroll > 0 {
            block = block.title_top(more(Action::Up, "tui.help.more_above"));
        }
        clear_popup(frame, popup);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), popup);
    }
}
