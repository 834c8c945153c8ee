//! The brief (`b` on any customer): the pre-visit brief of [`crate::playbook::brief`] on one
//! scrollable page, in the UI language.

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Effect, HandleCtx, View};
use crate::config::Config;
use crate::playbook::Playbook;
use crate::playbook::brief::Brief;
use crate::store::Store;
use crate::text::wrap_labelled;
use crate::tui::action::Action;
use crate::tui::list_nav::moved;

/// The brief of one customer.
pub struct BriefScreen {
    customer_id: i64,
    playbook: Rc<Playbook>,
    config: Config,
    brief: Option<Brief>,
    /// First line shown.
    scroll: u16,
    /// The furthest it can scroll, as found by the last draw.
    max_scroll: Cell<u16>,
}

impl BriefScreen {
    /// The brief of `customer_id` with this playbook (in the UI language) and config (cadence).
    pub fn new(customer_id: i64, playbook: Rc<Playbook>, config: Config) -> Self {
        Self { customer_id, playbook, config, brief: None, scroll: 0, max_scroll: Cell::new(0) }
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

    /// Scrolls (never past the end); everything else is the app's.
    pub fn handle(&mut self, action: Action, _ctx: &mut HandleCtx) -> Effect {
        match moved(action, self.scroll.into(), 10, self.max_scroll.get().into()) {
            Some(to) => {
                self.scroll = u16::try_from(to).unwrap_or(u16::MAX);
                Effect::None
            }
            None => Effect::Unhandled,
        }
    }

    /// Draws the brief's text: headings in the title style. Lines are wrapped here (the rows
    /// after the first keep the line's indent) so the scroll limit counts the rows on screen
    /// and the end of the brief can always be reached.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let text = self.brief.as_ref().map(|b| b.render(view.i18n, &self.playbook)).unwrap_or_default();
        let width = usize::from(area.width.saturating_sub(2));
        let lines: Vec<Line> = text
            .lines()
            .flat_map(|l| {
                let style = if !l.is_empty() && !l.starts_with(' ') { t.title } else { t.text };
                wrap_labelled(l, width).into_iter().map(move |row| Line::from(Span::styled(row, style)))
            })
            .collect();
        let max_scroll = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(area.height.saturating_sub(2));
        self.max_scroll.set(max_scroll);
        let block = Block::bordered().border_style(t.focused_border);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((self.scroll.min(max_scroll), 0)), area);
    }
}
