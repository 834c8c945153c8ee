//! A read-only panel over a form: headed lists of short lines (the playbook for a step, shown
//! with F1 from the visit form). Any key closes it; the owner decides that.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Wrap};

use super::form_layout::clear_popup;
use crate::i18n::I18n;
use crate::tui::theme::Theme;

/// A titled panel of sections, each a heading and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidePanel {
    title: String,
    sections: Vec<(String, Vec<String>)>,
}

impl GuidePanel {
    /// A panel titled `title`; empty sections are left out.
    pub fn new(title: impl Into<String>, sections: Vec<(String, Vec<String>)>) -> Self {
        let sections = sections.into_iter().filter(|(_, lines)| !lines.is_empty()).collect();
        Self { title: title.into(), sections }
    }

    /// Draws the panel centred over `area` (lines that do not fit are cut at the bottom).
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n) {
        let width = (area.width.saturating_mul(9) / 10).max(area.width.min(40));
        let popup = area.centered(
            Constraint::Length(width),
            Constraint::Length(area.height.saturating_sub(2).max(area.height.min(6))),
        );
        clear_popup(frame, popup);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .padding(Padding::horizontal(1))
            .border_style(theme.focused_border)
            .title(Span::styled(format!(" {} ", self.title), theme.focused_title))
            .title_bottom(Span::styled(format!(" {} ", i18n.t("forms.guide.close")), theme.muted));
        let mut lines = Vec::new();
        for (heading, items) in &self.sections {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(heading.clone(), theme.title)));
            lines.extend(items.iter().map(|item| Line::from(Span::styled(format!("• {item}"), theme.text))));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
    }
}
