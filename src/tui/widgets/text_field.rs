//! One editable text field of a form: a `TextArea` that is either a single line (Enter moves
//! on, newlines never enter) or multi-line (Enter inserts a newline, long lines wrap).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::tui::theme::Theme;

/// An editable text with its cursor.
#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
    multiline: bool,
}

impl TextField {
    /// A one-line field holding `text` (control characters become spaces).
    pub fn single(text: &str) -> Self {
        let line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        Self::build(vec![line], false)
    }

    /// A multi-line field holding `text`.
    pub fn multi(text: &str) -> Self {
        Self::build(text.split('\n').map(str::to_string).collect(), true)
    }

    fn build(lines: Vec<String>, multiline: bool) -> Self {
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(if multiline { WrapMode::WordOrGlyph } else { WrapMode::None });
        area.set_cursor_line_style(Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { area, multiline }
    }

    /// The whole text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// True when nothing is typed (spaces count as nothing).
    pub fn is_blank(&self) -> bool {
        self.area.lines().iter().all(|l| l.trim().is_empty())
    }

    /// True for a multi-line field.
    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// Replaces the whole text; the cursor goes to its end.
    pub fn set_text(&mut self, text: &str) {
        *self = if self.multiline { Self::multi(text) } else { Self::single(text) };
    }

    /// True for the keys the field keeps for typing and moving its cursor, which are never
    /// commands: characters (without Ctrl or Alt), Backspace, Delete, ←, →, Home and End, and in
    /// a multi-line field also Enter, ↑ and ↓.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        match key.code {
            KeyCode::Char(_)
            | KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End => true,
            KeyCode::Enter | KeyCode::Up | KeyCode::Down => self.multiline,
            _ => false,
        }
    }

    /// Applies an editing key; returns true when the text changed. Keys a form uses for itself
    /// (Tab, Esc, Ctrl-S, ...) should be handled before calling this.
    pub fn edit(&mut self, key: KeyEvent) -> bool {
        let newline = matches!(key.code, KeyCode::Enter)
            || (key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('m' | 'j')));
        if newline {
            if !self.multiline {
                return false;
            }
            self.area.insert_newline();
            return true;
        }
        if matches!(key.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc) {
            return false;
        }
        self.area.input(key)
    }

    /// Inserts pasted `text` at the cursor as one edit (line breaks where the field takes them,
    /// else spaces; tabs become spaces; other control characters are dropped); true when the
    /// text changed. One insertion, not a key per character: the text area lays out its whole
    /// text again after every edit, so a 10 KB paste typed key by key took seconds.
    pub fn insert(&mut self, text: &str) -> bool {
        let text: String = text
            .chars()
            .filter_map(|c| match c {
                '\n' if self.multiline => Some('\n'),
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        !text.is_empty() && self.area.insert_str(text)
    }

    /// Lines this field needs at `width` columns when wrapped (at least one).
    pub fn wrapped_height(&self, width: u16) -> u16 {
        if !self.multiline {
            return 1;
        }
        let width = usize::from(width.max(1));
        let rows: usize = self.area.lines().iter().map(|l| crate::text::width(l).div_ceil(width).max(1)).sum();
        u16::try_from(rows).unwrap_or(u16::MAX)
    }

    /// Draws the text into `area` (from its first row unless `focused`); when `focused`, shows the cursor (and puts the terminal cursor
    /// there so an input method opens beside it).
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, focused: bool) {
        if area.is_empty() {
            return;
        }
        let mut view = self.area.clone();
        if !focused {
            // Read from its start when the cursor is elsewhere (the cursor stays at the end of
            // what was typed, and a box shorter than the text would show only its last rows).
            view.move_cursor(CursorMove::Top);
            view.move_cursor(CursorMove::Head);
        }
        view.set_style(theme.text);
        view.set_cursor_style(if focused { theme.selection } else { Style::new() });
        frame.render_widget(&view, area);
        if focused {
            let cursor = view.screen_cursor();
            let (top, left) = view.scroll_offset();
            let row = cursor.row.saturating_sub(usize::from(top));
            let col = cursor.col.saturating_sub(usize::from(left));
            let x = area.x.saturating_add(u16::try_from(col).unwrap_or(u16::MAX));
            let y = area.y.saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
            if x < area.right() && y < area.bottom() {
                frame.set_cursor_position(Position { x, y });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn multi_line_takes_newlines_single_line_does_not() {
        let mut multi = TextField::multi("");
        for c in "ab".chars() {
            multi.edit(key(KeyCode::Char(c)));
        }
        assert!(multi.edit(key(KeyCode::Enter)));
        multi.edit(key(KeyCode::Char('c')));
        assert_eq!(multi.text(), "ab\nc");
        let mut single = TextField::single("x");
        assert!(!single.edit(key(KeyCode::Enter)));
        assert_eq!(single.text(), "x");
        assert_eq!(TextField::single("a\nb").text(), "a b");
    }

    #[test]
    fn a_paste_is_inserted_at_the_cursor_in_one_edit() {
        let mut multi = TextField::multi("ab");
        assert!(multi.insert("1\n2\t3\u{7}"));
        multi.edit(key(KeyCode::Char('c')));
        assert_eq!(multi.text(), "ab1\n2 3c");
        let mut single = TextField::single("x");
        assert!(single.insert(" y\nz"));
        assert_eq!(single.text(), "x y z");
        assert!(!single.insert("\u{7}"), "nothing to insert");
    }

    #[test]
    fn chinese_text_wraps_by_display_width() {
        let field = TextField::multi("王伟王伟王伟");
        assert_eq!(field.wrapped_height(6), 2);
        assert_eq!(field.wrapped_height(12), 1);
        assert!(TextField::single("  ").is_blank());
    }
}
