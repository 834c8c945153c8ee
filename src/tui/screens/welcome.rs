//! First start on an empty database: where the data lives, and how to begin.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Effect, View};
use crate::tui::action::Action;
use crate::tui::keymap::ScreenId;

/// The welcome screen.
#[derive(Debug, Default)]
pub struct WelcomeScreen {
    db_path: String,
    /// Demo data was asked for: the screen says so, then the load runs.
    loading: bool,
}

impl WelcomeScreen {
    /// Welcome for the database at `db_path`.
    pub fn new(db_path: String) -> Self {
        Self { db_path, loading: false }
    }

    /// Handles a welcome action (loading the demo is the app's to do: [`Effect::LoadDemo`]).
    pub fn handle(&mut self, action: Action) -> Effect {
        match action {
            Action::StartEmpty => Effect::Go(ScreenId::Today, None),
            // The load takes a moment: first a frame that says so, then the work.
            Action::LoadDemo if !self.loading => {
                self.loading = true;
                Effect::Later(Action::LoadDemo)
            }
            Action::LoadDemo => Effect::LoadDemo,
            _ => Effect::Unhandled,
        }
    }

    /// The demo could not be loaded: the screen offers the choice again.
    pub fn loading_failed(&mut self) {
        self.loading = false;
    }

    /// Draws the welcome text with the keys that start.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let i18n = view.i18n;
        let mut lines = vec![
            Line::from(Span::styled(i18n.t("tui.welcome.title"), t.title)),
            Line::default(),
            Line::from(i18n.t("tui.welcome.intro")),
            Line::default(),
            Line::from(vec![
                Span::styled(format!("{} ", i18n.t("tui.welcome.data_lives")), t.muted),
                Span::styled(self.db_path.clone(), t.accent),
            ]),
            Line::default(),
        ];
        for binding in view.keymap.bindings(ScreenId::Welcome).filter(|b| b.hint) {
            let keys: Vec<String> = binding.keys.iter().map(ToString::to_string).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}  ", keys.join(" / ")), t.key),
                Span::raw(i18n.t(&binding.action.label_key())),
            ]));
        }
        if self.loading {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(i18n.t("tui.welcome.loading"), t.accent)));
        }
        let block = Block::bordered().border_style(t.focused_border);
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
    }
}
