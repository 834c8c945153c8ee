//! Drawing shared by the forms: a bordered frame with a title, labelled rows that shrink and
//! scroll to fit small terminals, a message line and a hint line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Wrap};

use super::text_field::TextField;
use crate::text;
use crate::tui::theme::Theme;

/// What a row shows after its label.
pub enum RowContent<'a> {
    /// An editable text.
    Text(&'a TextField),
    /// An editable text of at most `width` columns followed by a live note (a parsed date...).
    TextWithNote { field: &'a TextField, width: u16, note: Line<'static> },
    /// One of a fixed set of values, shown by name; ←/→ change it.
    Choice(String),
    /// Items to tick, one a line (` [x] 2. …`), the one at `cursor` marked `›` while focused.
    Checklist { items: Vec<(bool, String)>, cursor: usize },
    /// Read-only text shown wrapped (advice about the field above); never focused.
    Info(String),
}

/// One labelled row of a form.
pub struct FormRow<'a> {
    /// The field's name, already translated.
    pub label: String,
    /// Marked with `*`.
    pub required: bool,
    /// What follows the label.
    pub content: RowContent<'a>,
}

/// A message under the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Why the form could not be saved (a missing field, a store error).
    Error(String),
    /// Something to look at before saving again (possible duplicates, no suggestions).
    Warning(String),
    /// Something done from within the form (an objection logged).
    Info(String),
}

/// Everything a form frame shows besides its rows.
pub struct FormFrame<'a> {
    /// In the top border.
    pub title: String,
    /// Shown above the hint line.
    pub notice: Option<&'a Notice>,
    /// `(key, what it does)` pairs for the hint line.
    pub hints: Vec<(String, String)>,
    /// `(key, "help")` in the bottom border: the key that lists all of the form's keys.
    pub help: Option<(String, String)>,
    /// Shown after a focused choice's value: the keys that change it (see
    /// [`crate::tui::keymap::Hints::choice_keys`]), so letters typed there are not lost unseen.
    pub choice_keys: String,
}

/// Draws the frame, the rows (the focused one highlighted, scrolled into view), the notice and
/// the hints (on a second line when one is not enough); the focused text field places the
/// terminal cursor.
pub fn render_form(frame: &mut Frame, area: Rect, theme: &Theme, chrome: &FormFrame, rows: &[FormRow], focus: usize) {
    clear_popup(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .padding(Padding::horizontal(1))
        .border_style(theme.focused_border)
        .title(Span::styled(format!(" {} ", chrome.title), theme.focused_title));
    let block = match &chrome.help {
        Some((key, what)) => block.title_bottom(
            Line::from(vec![
                Span::styled(format!(" {key}"), theme.key),
                Span::styled(format!(" {what} "), theme.muted),
            ])
            .right_aligned(),
        ),
        None => block,
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (first_hints, more_hints) = split_hints(&chrome.hints, inner.width);
    let hint_rows = if more_hints.is_empty() { 1 } else { 2 };
    let [rows_area, notice_area, hint_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(hint_rows)]).areas(inner);
    render_rows(frame, rows_area, theme, rows, (focus, &chrome.choice_keys));
    if let Some(notice) = chrome.notice {
        let (text, style) = match notice {
            Notice::Error(t) => (t, theme.danger),
            Notice::Warning(t) => (t, theme.warning),
            Notice::Info(t) => (t, theme.success),
        };
        frame.render_widget(Paragraph::new(Span::styled(text.as_str(), style)), notice_area);
    }
    let lines = vec![hint_line(theme, first_hints, hint_area.width), hint_line(theme, more_hints, hint_area.width)];
    frame.render_widget(Paragraph::new(lines), hint_area);
}

/// A `(key, what it does)` hint.
type Hint = (String, String);

/// The hints that fit on one line of `width` columns, and the rest.
fn split_hints(hints: &[Hint], width: u16) -> (&[Hint], &[Hint]) {
    let mut used = 0;
    for (i, (key, what)) in hints.iter().enumerate() {
        used += if i == 0 { 0 } else { 2 } + text::width(key) + 1 + text::width(what);
        if used > usize::from(width) {
            return hints.split_at(i);
        }
    }
    (hints, &[])
}

/// `key label  key label ...` in the theme's key and muted styles; items that do not fit in
/// `width` columns are left out whole rather than cut.
pub fn hint_line(theme: &Theme, hints: &[(String, String)], width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in hints {
        let gap = if spans.is_empty() { "" } else { "  " };
        let item = text::width(gap) + text::width(key) + 1 + text::width(what);
        if used + item > usize::from(width) {
            break;
        }
        used += item;
        spans.push(Span::styled(format!("{gap}{key}"), theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.muted));
    }
    Line::from(spans)
}

/// Lines the focused row gets before the typed text of the other rows.
const FOCUS_ROOM: u16 = 4;

/// Heights of the rows at `text_width` in `available` lines. Each row has one line (the focused
/// one two); then, while lines are left, the focused row gets the lines its content needs, up
/// to [`FOCUS_ROOM`]; typed text (and advice) gets the lines its words need, one row at a time,
/// so an unfocused action plan of four lines stays readable; the focused row gets the rest of
/// what it wants; checklists get a line per item; then every text box grows to three lines
/// (more on a tall terminal, up to six each); the focused text box takes any lines still left
/// that its text fills.
fn row_heights(rows: &[FormRow], text_width: u16, available: u16, focus: usize) -> Vec<u16> {
    let needed = |row: &FormRow| match &row.content {
        RowContent::Text(f) if f.is_multiline() => f.wrapped_height(text_width).clamp(1, 6),
        RowContent::Checklist { items, .. } => u16::try_from(items.len()).unwrap_or(u16::MAX).clamp(1, 8),
        RowContent::Info(text) => info_height(text, text_width),
        _ => 1,
    };
    let needed: Vec<u16> = rows.iter().map(needed).collect();
    let multi: Vec<bool> = rows.iter().map(|r| matches!(&r.content, RowContent::Text(f) if f.is_multiline())).collect();
    let mut roomy: Vec<u16> = needed.iter().zip(&multi).map(|(n, m)| if *m { (*n).max(3) } else { *n }).collect();
    let count = |of: &[bool]| u16::try_from(of.iter().filter(|m| **m).count()).unwrap_or(u16::MAX);
    // Room to spare (a tall terminal): give multi-line fields more lines, up to six each.
    while roomy.iter().sum::<u16>() + count(&multi) <= available && roomy.iter().zip(&multi).any(|(h, m)| *m && *h < 6)
    {
        for (h, m) in roomy.iter_mut().zip(&multi) {
            if *m {
                *h = (*h + 1).min(6);
            }
        }
    }
    let mut heights = vec![1; rows.len()];
    if let Some(h) = heights.get_mut(focus) {
        *h = 2.min(roomy[focus]);
    }
    let mut left = available.saturating_sub(heights.iter().sum::<u16>());
    let everyone: Vec<usize> = (0..rows.len()).collect();
    let texts: Vec<usize> =
        everyone.iter().copied().filter(|i| multi[*i] || matches!(rows[*i].content, RowContent::Info(_))).collect();
    let focus_first: Vec<u16> = needed.iter().zip(&roomy).map(|(n, r)| (*n).clamp(2, FOCUS_ROOM).min(*r)).collect();
    grow(&mut heights, &focus_first, &[focus], &mut left);
    grow(&mut heights, &needed, &texts, &mut left);
    grow(&mut heights, &roomy, &[focus], &mut left);
    grow(&mut heights, &needed, &everyone, &mut left);
    grow(&mut heights, &roomy, &everyone, &mut left);
    // Lines still left go to the focused text box, as many as its text takes (a long note).
    let whole: Vec<u16> = rows
        .iter()
        .map(|r| match &r.content {
            RowContent::Text(f) if f.is_multiline() => f.wrapped_height(text_width),
            _ => 1,
        })
        .collect();
    grow(&mut heights, &whole, &[focus], &mut left);
    heights
}

/// Adds a line at a time, in turn, to the rows of `order` still below their `target`, while
/// `left` lines remain.
fn grow(heights: &mut [u16], target: &[u16], order: &[usize], left: &mut u16) {
    while *left > 0 {
        let mut grew = false;
        let rows = heights.len();
        for i in order.iter().copied().filter(|i| *i < rows) {
            if *left > 0 && heights[i] < target[i] {
                heights[i] += 1;
                *left -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
}

/// Lines `text` takes wrapped at `width` columns (roughly: by display width), one to four.
fn info_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let lines: usize = text.lines().map(|l| text::width(l).div_ceil(width).max(1)).sum();
    u16::try_from(lines).unwrap_or(u16::MAX).clamp(1, 4)
}

/// The first row to draw so that the focused row is on screen.
fn first_visible(heights: &[u16], available: u16, focus: usize) -> usize {
    let mut start = 0;
    while start < focus && heights[start..=focus].iter().sum::<u16>() > available {
        start += 1;
    }
    start
}

fn render_rows(frame: &mut Frame, area: Rect, theme: &Theme, rows: &[FormRow], (focus, choice_keys): (usize, &str)) {
    let label_width = rows.iter().map(|r| text::width(&r.label) + 3).max().unwrap_or(0);
    let label_width = u16::try_from(label_width).unwrap_or(u16::MAX).min(area.width / 3);
    let text_width = area.width.saturating_sub(label_width);
    let focus = focus.min(rows.len().saturating_sub(1));
    let heights = row_heights(rows, text_width, area.height, focus);
    let mut y = area.y;
    for (i, row) in rows.iter().enumerate().skip(first_visible(&heights, area.height, focus)) {
        if y >= area.bottom() {
            break;
        }
        let height = heights[i].min(area.bottom() - y);
        let focused = i == focus;
        let label_area = Rect::new(area.x, y, label_width, 1);
        let content_area = Rect::new(area.x + label_width, y, text_width, height);
        let label_style = if focused { theme.focused_title } else { theme.muted };
        let mut label = vec![Span::styled(row.label.clone(), label_style)];
        if row.required {
            label.push(Span::styled(" *", theme.accent));
        }
        frame.render_widget(Paragraph::new(Line::from(label)), label_area);
        render_content(frame, content_area, theme, &row.content, focused.then_some(choice_keys));
        y += height;
    }
}

/// Draws a row's content; `focused` holds what a focused choice says after its value.
fn render_content(frame: &mut Frame, area: Rect, theme: &Theme, content: &RowContent, focused: Option<&str>) {
    let choice_keys = focused.unwrap_or_default();
    let focused = focused.is_some();
    match content {
        RowContent::Text(field) => field.render(frame, area, theme, focused),
        RowContent::TextWithNote { field, width, note } => {
            let [text_area, note_area] =
                Layout::horizontal([Constraint::Length(*width), Constraint::Min(0)]).spacing(1).areas(area);
            field.render(frame, text_area, theme, focused);
            frame.render_widget(Paragraph::new(note.clone()), note_area);
        }
        RowContent::Choice(name) => {
            let line = if focused {
                Line::from(vec![
                    Span::styled("‹ ", theme.key),
                    Span::styled(name.clone(), theme.accent),
                    Span::styled(" ›", theme.key),
                    Span::styled(format!("  {choice_keys}"), theme.muted),
                ])
            } else {
                Line::from(Span::styled(name.clone(), theme.text))
            };
            frame.render_widget(Paragraph::new(line), area);
        }
        RowContent::Checklist { items, cursor } => render_checklist(frame, area, theme, items, *cursor, focused),
        RowContent::Info(text) => {
            let paragraph = Paragraph::new(Span::styled(text.clone(), theme.muted)).wrap(Wrap { trim: true });
            frame.render_widget(paragraph, area);
        }
    }
}

/// Clears `popup` for a box drawn over a screen. A double-width character (Chinese) just left
/// of it would hide the box's left border, so it is blanked too.
pub fn clear_popup(frame: &mut Frame, popup: Rect) {
    frame.render_widget(Clear, popup);
    let Some(left) = popup.x.checked_sub(1) else { return };
    let buf = frame.buffer_mut();
    for y in popup.top()..popup.bottom() {
        if let Some(cell) = buf.cell_mut((left, y))
            && text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The items that fit in `area`, scrolled so the cursor's item shows while focused. Unfocused,
/// when a ticked item would not fit, the ticked items come first (with their numbers), so what
/// is ticked shows.
fn render_checklist(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    items: &[(bool, String)],
    cursor: usize,
    focused: bool,
) {
    let height = usize::from(area.height.max(1));
    let first = if focused { (cursor + 1).saturating_sub(height) } else { 0 };
    let width = usize::from(area.width);
    let mut order: Vec<usize> = (0..items.len()).collect();
    if !focused && items.iter().skip(height).any(|(ticked, _)| *ticked) {
        order.sort_by_key(|&i| !items[i].0);
    }
    let lines: Vec<Line> = order
        .into_iter()
        .map(|i| (i, &items[i]))
        .skip(first)
        .take(height)
        .map(|(i, (ticked, item))| {
            let mark = if *ticked { "[x]" } else { "[ ]" };
            let pointer = if focused && i == cursor { "›" } else { " " };
            let text = text::fit(&format!("{pointer}{mark} {}. {item}", i + 1), width);
            let style = match (focused && i == cursor, *ticked) {
                (true, _) => theme.accent,
                (false, true) => theme.success,
                (false, false) => theme.text,
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_shrink_then_scroll_to_keep_the_focus_visible() {
        let fields: Vec<TextField> = (0..4).map(|_| TextField::multi("")).collect();
        let rows: Vec<FormRow> = fields
            .iter()
            .map(|f| FormRow { label: "x".into(), required: false, content: RowContent::Text(f) })
            .collect();
        assert_eq!(row_heights(&rows, 40, 12, 0), vec![3, 3, 3, 3]);
        assert_eq!(row_heights(&rows, 40, 17, 0), vec![4, 4, 4, 4], "grows when there is room");
        assert_eq!(row_heights(&rows, 40, 8, 0), vec![3, 2, 2, 1], "the focused row takes a line from the others");
        assert_eq!(row_heights(&rows, 40, 8, 2), vec![2, 2, 3, 1]);
        let tight = row_heights(&rows, 40, 4, 3);
        assert_eq!(tight, vec![1, 1, 1, 2]);
        assert_eq!(first_visible(&tight, 4, 3), 1);
        assert_eq!(first_visible(&tight, 4, 0), 0);
    }

    #[test]
    fn typed_text_keeps_its_lines_before_checklists_and_empty_boxes() {
        let empty = TextField::multi("");
        let plan = TextField::multi("1. price list\n2. four questions\n3. summarise\n4. next meeting");
        let one = TextField::single("x");
        let items: Vec<(bool, String)> = (0..5).map(|i| (false, format!("item {i}"))).collect();
        let mut rows = vec![
            FormRow { label: "purpose".into(), required: true, content: RowContent::Text(&empty) },
            FormRow { label: "plan".into(), required: true, content: RowContent::Text(&plan) },
            FormRow { label: "expected".into(), required: true, content: RowContent::Text(&empty) },
            FormRow { label: "ticks".into(), required: false, content: RowContent::Checklist { items, cursor: 0 } },
        ];
        rows.extend((0..9).map(|_| FormRow { label: "x".into(), required: false, content: RowContent::Text(&one) }));
        // The log form at 80x24: 18 lines for 13 rows.
        let heights = row_heights(&rows, 60, 18, 0);
        assert_eq!(heights[..4], [3, 4, 1, 1], "the whole action plan");
        assert_eq!(heights.iter().sum::<u16>(), 18, "no line left empty");
        assert_eq!(row_heights(&rows, 60, 20, 0)[..4], [3, 4, 1, 3], "then checklist items");
        assert_eq!(row_heights(&rows, 60, 16, 2)[..4], [1, 3, 2, 1], "tighter: the plan before a roomier focus");
        assert_eq!(row_heights(&rows, 60, 17, 0)[..4], [2, 4, 1, 1], "the log form at 80x24");
    }

    #[test]
    fn a_list_short_of_room_shows_its_ticked_items_first_until_focused() {
        let items = vec![(false, "Sarah Chen".to_string()), (true, "Klaus Weber".to_string())];
        let drawn = |focused: bool| {
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(30, 1)).unwrap();
            terminal
                .draw(|frame| render_checklist(frame, frame.area(), &Theme::default(), &items, 0, focused))
                .unwrap();
            let buffer = terminal.backend().buffer().clone();
            buffer.content().iter().map(|cell| cell.symbol()).collect::<String>()
        };
        assert!(drawn(false).contains("[x] 2. Klaus Weber"), "{}", drawn(false));
        assert!(drawn(true).contains("›[ ] 1. Sarah Chen"), "{}", drawn(true));
    }

    #[test]
    fn a_long_note_fills_the_form() {
        let long: String = (0..40).map(|i| format!("line {i}\n")).collect();
        let note = TextField::multi(&long);
        let rows = vec![FormRow { label: "note".into(), required: true, content: RowContent::Text(&note) }];
        assert_eq!(row_heights(&rows, 60, 18, 0), vec![18], "not six rows and twelve empty ones");
        let short = TextField::multi("a line");
        let rows = vec![FormRow { label: "note".into(), required: true, content: RowContent::Text(&short) }];
        assert_eq!(row_heights(&rows, 60, 18, 0), vec![6]);
    }

    #[test]
    fn a_focused_checklist_shows_four_items_in_a_tight_form() {
        let text = TextField::multi("");
        let items: Vec<(bool, String)> = (0..8).map(|i| (false, format!("item {i}"))).collect();
        let rows = vec![
            FormRow { label: "a".into(), required: false, content: RowContent::Text(&text) },
            FormRow { label: "b".into(), required: false, content: RowContent::Checklist { items, cursor: 0 } },
            FormRow { label: "c".into(), required: false, content: RowContent::Text(&text) },
        ];
        assert_eq!(row_heights(&rows, 40, 14, 1), vec![3, 8, 3], "room for every item");
        assert_eq!(row_heights(&rows, 40, 6, 1), vec![1, 4, 1]);
        assert_eq!(row_heights(&rows, 40, 6, 0), vec![3, 2, 1]);
    }
}
