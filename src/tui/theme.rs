//! Semantic colours: widgets ask for a role (danger, selection, ...), never a raw colour.
//! Only the 16 ANSI colours plus modifiers are used, so the theme follows the terminal's own
//! palette and reads on dark and light backgrounds alike.

use ratatui::style::{Color, Modifier, Style};

/// The styles of every role on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text (terminal default colours).
    pub text: Style,
    /// Secondary text: hints, labels, timestamps.
    pub muted: Style,
    /// Titles of blocks and screens.
    pub title: Style,
    /// Title of the focused block or column.
    pub focused_title: Style,
    /// Borders of blocks.
    pub border: Style,
    /// Border of the focused block.
    pub focused_border: Style,
    /// The selected row or card.
    pub selection: Style,
    /// Overdue, lost, errors: needs attention now.
    pub danger: Style,
    /// Due today, unsaved, needs a look soon.
    pub warning: Style,
    /// Won, met, saved.
    pub success: Style,
    /// Keys in hints and help.
    pub key: Style,
    /// Required-field marks and the active input.
    pub accent: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            title: Style::new().add_modifier(Modifier::BOLD),
            focused_title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().add_modifier(Modifier::DIM),
            focused_border: Style::new().fg(Color::Cyan),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            danger: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            success: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Magenta),
        }
    }
}
