//! The brief (`b` on any customer): the pre-visit brief of [`crate::playbook::brief`] on one
//! scrollable page, in the UI language.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Ctx, Effect, View};
use crate::config::Config;
use crate::playbook::Playbook;
use crate::playbook::brief::Brief;
use crate::store::Store;
use crate::tui::action::Action;

/// The brief of one customer.
pub struct BriefScreen {
    customer_id: i64,
    playbook: Playbook,
    config: Config,
    brief: Option<Brief>,
    /// First line shown.
    scroll: u16,
}

impl BriefScreen {
    /// The brief of `customer_id` with this playbook (in the UI language) and config (cadence).
    pub fn new(customer_id: i64, playbook: Playbook, config: Config) -> Self {
        Self { customer_id, playbook, config, brief: None, scroll: 0 }
    }

    /// The customer it is about.
    pub fn customer_id(&self) -> i64 {
        self.customer_id
    }

    /// Reads the brief again.
    pub fn refresh(&mut self, store: &Store, today: NaiveDate) -> anyhow::Result<()> {
        self.brief = Some(Brief::load(store, &self.playbook, &self.config, today, self.customer_id)?);
        Ok(())
    }

    /// Scrolls; everything else is the app's.
    pub fn handle(&mut self, action: Action, _ctx: &mut Ctx) -> Effect {
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll.saturating_add(10),
            Action::Top => 0,
            _ => return Effect::Unhandled,
        };
        Effect::None
    }

    /// Draws the brief's text: headings in the title style.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let text = self.brief.as_ref().map(|b| b.render(view.i18n, &self.playbook)).unwrap_or_default();
        let lines: Vec<Line> = text
            .lines()
            .map(|l| {
                if !l.is_empty() && !l.starts_with(' ') {
                    Line::from(Span::styled(l.to_string(), t.title))
                } else {
                    Line::from(l.to_string())
                }
            })
            .collect();
        let max_scroll = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
        let block = Block::bordered().border_style(t.focused_border);
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((self.scroll.min(max_scroll), 0)),
            area,
        );
    }
}
