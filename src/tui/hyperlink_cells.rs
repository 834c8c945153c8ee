//! Terminal hyperlinks (OSC 8) in the app's cells. ratatui has no hyperlink cells: the link's
//! escape sequence goes into each cell's symbol, with the cell's width forced to what the
//! terminal shows, so the frame diff still redraws (and clears) cell by cell. Adjacent cells
//! with the same URI read as one link in the terminals that follow them. Screens only say
//! where links go ([`CellLinks::add`]); the app puts them in after the frame's last safety
//! pass (no cell may hold a control character), so only these sequences reach the terminal.

use std::cell::RefCell;
use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

use crate::hyperlink::osc8;
use crate::text;

/// The links a frame's screens asked for, put into the cells once the frame is drawn.
#[derive(Debug, Default)]
pub(crate) struct CellLinks {
    wanted: RefCell<Vec<(Rect, u16, String)>>,
}

impl CellLinks {
    /// Asks for the first `width` columns of the one-row `area` to link to `uri` (a URI of
    /// [`crate::hyperlink::Link`]: no control characters).
    pub(crate) fn add(&self, area: Rect, width: u16, uri: String) {
        self.wanted.borrow_mut().push((area, width, uri));
    }

    /// Puts every link asked for into `buf`.
    pub(crate) fn apply(self, buf: &mut Buffer) {
        for (area, width, uri) in self.wanted.into_inner() {
            link_cells(buf, area, width, &uri);
        }
    }
}

/// Makes the first `width` columns of the one-row `area` (clipped to the buffer) a link to
/// `uri`. A wide character keeps its width; the cells it covers are left alone.
fn link_cells(buf: &mut Buffer, area: Rect, width: u16, uri: &str) {
    let area = area.intersection(buf.area);
    let end = area.x.saturating_add(width).min(area.right());
    let mut x = area.x;
    while x < end {
        let cell = &mut buf[(x, area.y)];
        let shown = cell.symbol().to_string();
        let cell_width = u16::try_from(text::width(&shown)).unwrap_or(1).max(1);
        cell.set_symbol(&osc8(uri, &shown));
        if let Some(forced) = NonZeroU16::new(cell_width) {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        x = x.saturating_add(cell_width);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;

    #[test]
    fn each_shown_cell_links_and_keeps_its_width() {
        let mut buf = Buffer::with_lines(["Phone 138-01 x"]);
        link_cells(&mut buf, Rect::new(6, 0, 8, 1), 6, "tel:13801");
        assert_eq!(buf[(6, 0)].symbol(), "\x1b]8;;tel:13801\x1b\\1\x1b]8;;\x1b\\");
        assert_eq!(buf[(11, 0)].symbol(), "\x1b]8;;tel:13801\x1b\\1\x1b]8;;\x1b\\");
        assert_eq!(buf[(5, 0)].symbol(), " ", "before the link");
        assert_eq!(buf[(12, 0)].symbol(), " ", "after the link's width");
        // Only the linked cells are written again when the rest of the frame is unchanged.
        let plain = Buffer::with_lines(["Phone 138-01 x"]);
        let redrawn: Vec<u16> = plain.diff(&buf).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(redrawn, (6..12).collect::<Vec<_>>());
    }

    #[test]
    fn a_wide_character_keeps_its_two_columns() {
        let mut buf = Buffer::with_lines(["王伟 x"]);
        link_cells(&mut buf, Rect::new(0, 0, 5, 1), 4, "tel:1");
        assert_eq!(buf[(0, 0)].symbol(), "\x1b]8;;tel:1\x1b\\王\x1b]8;;\x1b\\");
        assert_eq!(buf[(2, 0)].symbol(), "\x1b]8;;tel:1\x1b\\伟\x1b]8;;\x1b\\");
        assert_eq!(buf[(4, 0)].symbol(), " ");
        assert_eq!(buf[(5, 0)].symbol(), "x");
    }
}
