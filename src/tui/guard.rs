//! The last pass over every frame before it reaches the terminal: no cell may hold a control
//! character, whatever drew it. ratatui already drops control characters from the text it
//! lays out; this catches anything written into a cell directly.

use std::borrow::Cow;

use ratatui::buffer::Buffer;

use crate::text;

/// Replaces control characters in every cell of `buf` with their visible stand-ins
/// ([`text::printable`]).
pub fn printable_cells(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if let Cow::Owned(safe) = text::printable(cell.symbol()) {
            cell.set_symbol(&safe);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    #[test]
    fn no_cell_keeps_a_control_character() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(0, 0)].set_symbol("\u{1b}");
        buf[(1, 0)].set_symbol("\u{7}");
        buf[(2, 0)].set_symbol("\u{9b}");
        buf[(3, 0)].set_symbol("王");
        printable_cells(&mut buf);
        let symbols: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols, ["␛", "␇", "�", "王"]);
    }
}
