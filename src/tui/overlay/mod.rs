//! Windows drawn over the screen: the help overlay and the command palette.

pub(crate) mod help;
pub(crate) mod palette;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::screens::View;

/// The open overlay.
pub enum Overlay {
    Help(help::HelpOverlay),
    Palette(palette::PaletteOverlay),
}

impl Overlay {
    /// Draws the overlay over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        match self {
            Self::Help(h) => h.render(frame, area, view),
            Self::Palette(p) => p.render(frame, area, view),
        }
    }
}
