//! Small modal dialogs: a yes/no confirmation with a list of lines, and a one-line prompt
//! (a required text such as the reason a deal is lost, or a date such as a postponement).

use std::cell::Cell;

use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Wrap};

use super::form_layout::{clear_popup, hint_line};
use super::text_field::TextField;
use crate::domain::customer::clean_line;
use crate::domain::money::{Currency, Money};
use crate::domain::{DomainError, When, parse_when};
use crate::i18n::{Face, I18n};
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// What a confirmation dialog reports after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmEvent {
    /// Still open.
    None,
    /// Yes (`y`): go ahead.
    Yes,
    /// No (`n` or Esc): do not.
    No,
}

/// A yes/no question with optional detail lines (e.g. unticked checklist items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmDialog {
    title: String,
    lines: Vec<String>,
    /// Columns a wrapped line's further rows are indented by.
    hang: usize,
}

impl ConfirmDialog {
    /// A question titled `title` showing `lines` under it.
    pub fn new(title: impl Into<String>, lines: Vec<String>) -> Self {
        Self { title: title.into(), lines, hang: 0 }
    }

    /// Indents the further rows of a wrapped line by `cols` (for numbered items).
    pub fn with_hanging_indent(mut self, cols: usize) -> Self {
        self.hang = cols;
        self
    }

    /// The question.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The detail lines under it.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The dialog's yes and no keys of `keymap` answer; anything else is ignored (a single
    /// stray key never confirms).
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> ConfirmEvent {
        if key.kind == KeyEventKind::Release {
            return ConfirmEvent::None;
        }
        match keymap.action(ModalId::Dialog, &key) {
            Some(Action::Yes) => ConfirmEvent::Yes,
            Some(Action::No) => ConfirmEvent::No,
            _ => ConfirmEvent::None,
        }
    }

    /// Draws the dialog centred in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let hints = Hints::new(keymap, ModalId::Dialog, i18n)
            .key(Action::Yes)
            .all_keys_as(Action::No, &Action::No.label_key())
            .build();
        render_confirm(frame, area, theme, (&self.title, &self.lines, self.hang), &hints, None);
    }
}

/// A line of a confirmation box to keep on screen (a list's selection), and the first row
/// shown, which drawing moves only as far as that needs.
pub(super) struct KeepShown<'a> {
    pub line: usize,
    pub first_row: &'a Cell<usize>,
}

/// Draws a confirmation box: title, lines (wrapped, further rows indented by `hang`), and a
/// hint line. With `keep`, rows that do not fit scroll so that line is shown, and ↑/↓ on the
/// right border say more rows are above or below.
pub(super) fn render_confirm(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    (title, lines, hang): (&str, &[String], usize),
    hints: &[(String, String)],
    keep: Option<KeepShown>,
) {
    // Wide enough for every hint too, up to the area's width.
    let hints_w = hints.iter().map(|(k, l)| text::width(k) + text::width(l) + 3).sum::<usize>();
    let widest = lines.iter().map(|l| text::width(l)).chain([text::width(title) + 4, hints_w, 30]).max().unwrap_or(30);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX).min(area.width.saturating_sub(4).max(20));
    let wrapped: Vec<Vec<String>> =
        lines.iter().map(|l| text::wrap_hanging(l, width.saturating_sub(4) as usize, hang)).collect();
    // The rows of the line to keep shown: where they start and how many.
    let kept = keep.as_ref().map(|k| {
        let start = wrapped.iter().take(k.line).map(Vec::len).sum::<usize>();
        (start, wrapped.get(k.line).map_or(0, Vec::len))
    });
    let rows: Vec<String> = wrapped.into_iter().flatten().collect();
    let height = u16::try_from(rows.len() + 4).unwrap_or(u16::MAX).min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    clear_popup(frame, popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .padding(Padding::horizontal(1))
        .border_style(theme.warning)
        .title(Span::styled(format!(" {title} "), theme.focused_title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body, _, hint] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    let shown = usize::from(body.height);
    let first = match (keep, kept) {
        (Some(k), Some(span)) => {
            let first = first_row_shown(k.first_row.get(), span, shown, rows.len());
            k.first_row.set(first);
            first
        }
        _ => 0,
    };
    let more_below = first + shown < rows.len();
    let text: Vec<Line> = rows.into_iter().map(|l| Line::from(Span::styled(l, theme.text))).collect();
    frame.render_widget(Paragraph::new(text).scroll((u16::try_from(first).unwrap_or(u16::MAX), 0)), body);
    let border_x = popup.right().saturating_sub(1);
    if first > 0 && body.height > 0 {
        frame.render_widget(Span::styled("↑", theme.muted), Rect::new(border_x, body.y, 1, 1));
    }
    if more_below && body.height > 0 {
        frame.render_widget(Span::styled("↓", theme.muted), Rect::new(border_x, body.bottom() - 1, 1, 1));
    }
    frame.render_widget(Paragraph::new(hint_line(theme, hints, hint.width)), hint);
}

/// The first of `total` rows to show in `height` rows, starting from `first`, so that the rows
/// `start..start + len` are shown (their start when they are taller than the box).
fn first_row_shown(first: usize, (start, len): (usize, usize), height: usize, total: usize) -> usize {
    let end = start + len;
    let first = if start < first {
        start
    } else if end > first + height {
        (end - height).min(start)
    } else {
        first
    };
    first.min(total.saturating_sub(height))
}

/// "Discard what you typed? y / n" over a form.
pub(super) fn render_discard_question(frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
    let hints = Hints::new(keymap, ModalId::Dialog, i18n)
        .key_as(Action::Yes, "forms.discard.yes")
        .all_keys_as(Action::No, "forms.discard.no")
        .build();
    let title = i18n.t("forms.discard.title");
    render_confirm(frame, area, theme, (&title, &[i18n.t("forms.discard.body")], 0), &hints, None);
}

/// What a prompt accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Any non-empty line; `field` names it in the error (`reason`, `note`...).
    Required { field: &'static str },
    /// A date or time as people type it, read relative to `today`.
    When { today: NaiveDate },
    /// An amount of money (`$50k`, `50万`), a bare number in `currency`; empty is accepted.
    Amount { currency: Currency },
}

/// The accepted answer of a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptValue {
    /// The cleaned line (for `PromptKind::Required`).
    Text(String),
    /// The parsed date (for `PromptKind::When`).
    When(When),
}

/// What a prompt reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptEvent {
    /// Still open.
    None,
    /// Enter with a valid answer.
    Submit(PromptValue),
    /// Esc.
    Cancel,
}

/// A one-line question.
#[derive(Debug, Clone)]
pub struct PromptDialog {
    title: String,
    label: String,
    kind: PromptKind,
    field: TextField,
    error: Option<String>,
    /// Text above the label, wrapped and shown whole (a statement to rate).
    question: Option<String>,
}

impl PromptDialog {
    /// A prompt titled `title`, with `label` before the input.
    pub fn new(title: impl Into<String>, label: impl Into<String>, kind: PromptKind) -> Self {
        Self {
            title: title.into(),
            label: label.into(),
            kind,
            field: TextField::single(""),
            error: None,
            question: None,
        }
    }

    /// The same prompt with `question` above its label, wrapped to the width and never cut.
    pub fn with_question(mut self, question: impl Into<String>) -> Self {
        self.question = Some(question.into());
        self
    }

    /// The same prompt with `text` already typed (a value to confirm or change).
    pub fn with_text(mut self, text: &str) -> Self {
        self.field = TextField::single(text);
        self
    }

    /// True when something is typed.
    pub fn is_dirty(&self) -> bool {
        !self.field.is_blank()
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.field.text()
    }

    /// True when the text box keeps `key` for typing.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        self.field.claims(key)
    }

    /// Submit (Enter) takes a valid answer (an invalid one shows why and keeps the text);
    /// cancel (Esc) closes; other keys edit. Keys are read through `keymap`; error messages
    /// are in the language of `i18n`.
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> PromptEvent {
        if key.kind == KeyEventKind::Release {
            return PromptEvent::None;
        }
        let action = if self.claims(&key) { None } else { keymap.action(ModalId::Prompt, &key) };
        match action {
            Some(Action::Cancel) => PromptEvent::Cancel,
            Some(Action::Submit) => match self.value() {
                Ok(v) => PromptEvent::Submit(v),
                Err(e) => {
                    self.error = Some(i18n.localize(&e, Face::App));
                    PromptEvent::None
                }
            },
            _ => {
                if self.field.edit(key) {
                    self.error = None;
                }
                PromptEvent::None
            }
        }
    }

    fn value(&self) -> Result<PromptValue, DomainError> {
        let text = self.field.text();
        match self.kind {
            PromptKind::Required { field } => {
                let line = clean_line(&text);
                if line.is_empty() { Err(DomainError::MissingField { field }) } else { Ok(PromptValue::Text(line)) }
            }
            PromptKind::When { today } => parse_when(&text, today).map(PromptValue::When),
            PromptKind::Amount { currency } => match clean_line(&text) {
                line if line.is_empty() => Ok(PromptValue::Text(line)),
                line => Money::parse(&line, currency).map(|_| PromptValue::Text(line)),
            },
        }
    }

    /// Draws the prompt centred in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let width = 64.min(area.width);
        let question =
            self.question.as_deref().map_or_else(Vec::new, |q| text::wrap(q, usize::from(width.saturating_sub(4))));
        let rows = u16::try_from(question.len()).unwrap_or(u16::MAX);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(6u16.saturating_add(rows)));
        clear_popup(frame, popup);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .padding(Padding::horizontal(1))
            .border_style(theme.focused_border)
            .title(Span::styled(format!(" {} ", self.title), theme.focused_title));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [question_rows, inner] = Layout::vertical([Constraint::Length(rows), Constraint::Min(1)]).areas(inner);
        let question: Vec<Line> = question.into_iter().map(|l| Line::from(Span::styled(l, theme.text))).collect();
        frame.render_widget(Paragraph::new(question), question_rows);
        let [first_row, second_row, note_row, hint_row] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
        // A short label sits before the input; a long one (a list of examples) on its own row
        // above it, so the label is never cut and typed text never runs into it.
        let label_width = u16::try_from(text::width(&self.label) + 1).unwrap_or(u16::MAX);
        let (label_area, field_area, note_row) = if label_width <= inner.width / 3 {
            let [label_area, field_area] =
                Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(first_row);
            (label_area, field_area, second_row)
        } else {
            (first_row, second_row, note_row)
        };
        let label = text::fit(&self.label, usize::from(label_area.width));
        frame.render_widget(Paragraph::new(Span::styled(label, theme.focused_title)), label_area);
        self.field.render(frame, field_area, theme, true);
        let note = match (&self.error, self.kind) {
            (Some(e), _) => Line::from(Span::styled(e.as_str(), theme.danger)),
            (None, PromptKind::When { today }) => {
                when_note(&parse_when(&self.field.text(), today), self.field.is_blank(), today, theme, i18n)
            }
            (None, PromptKind::Required { .. }) => Line::default(),
            (None, PromptKind::Amount { .. }) if self.field.is_blank() => Line::default(),
            (None, PromptKind::Amount { currency }) => match Money::parse(&self.field.text(), currency) {
                Ok(money) => Line::from(Span::styled(format!("→ {}", money.full()), theme.success)),
                Err(e) => Line::from(Span::styled(i18n.localize(&e, Face::App), theme.danger)),
            },
        };
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), note_row);
        let hints = Hints::new(keymap, ModalId::Prompt, i18n).key(Action::Submit).key(Action::Cancel).build();
        frame.render_widget(Paragraph::new(hint_line(theme, &hints, hint_row.width)), hint_row);
    }
}

/// The live reading of a typed date: the date with its weekday, the accepted forms while
/// empty (their example day a week from `today`), or a short "not a date".
pub fn when_note(
    parsed: &Result<When, DomainError>,
    blank: bool,
    today: NaiveDate,
    theme: &Theme,
    i18n: &I18n,
) -> Line<'static> {
    date_note(parsed, blank, today, ("forms.date.forms", "forms.date.bad"), theme, i18n)
}

/// [`when_note`] for a day without a time (a next step's date): its examples have no time.
pub fn day_note(
    parsed: &Result<NaiveDate, DomainError>,
    blank: bool,
    today: NaiveDate,
    theme: &Theme,
    i18n: &I18n,
) -> Line<'static> {
    let parsed = parsed.clone().map(|date| When { date, time: None });
    date_note(&parsed, blank, today, ("forms.date.day_forms", "forms.date.day_bad"), theme, i18n)
}

fn date_note(
    parsed: &Result<When, DomainError>,
    blank: bool,
    today: NaiveDate,
    (forms, bad): (&str, &str),
    theme: &Theme,
    i18n: &I18n,
) -> Line<'static> {
    let example = example_day(today, i18n);
    match parsed {
        _ if blank => Line::from(Span::styled(i18n.fmt(forms, &[("day", &example)]), theme.muted)),
        Ok(when) => Line::from(Span::styled(format!("→ {}", describe_when(*when, i18n)), theme.success)),
        Err(_) => Line::from(Span::styled(i18n.fmt(bad, &[("day", &example)]), theme.danger)),
    }
}

/// A day a week from `today` as a rep would type it (`may 13`, `5月13日`): the example in the
/// date hints, so it is always a day to come.
pub fn example_day(today: NaiveDate, i18n: &I18n) -> String {
    let day = today.checked_add_days(chrono::Days::new(7)).unwrap_or(today);
    let month = i18n.t(&format!("forms.date.month.{}", day.month()));
    i18n.fmt("forms.date.example", &[("month", &month), ("d", &day.day())])
}

/// `Fri 2031-05-09 10:00` / `2031-05-09（周五）10:00`.
pub fn describe_when(when: When, i18n: &I18n) -> String {
    let time = when.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    let date = when.date.to_string();
    i18n.fmt("forms.date.read_as", &[("weekday", &weekday_name(when.date, i18n)), ("date", &date), ("time", &time)])
        .trim_end()
        .to_string()
}

fn weekday_name(date: NaiveDate, i18n: &I18n) -> String {
    let key = match date.weekday() {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    };
    i18n.t(&format!("forms.weekday.{key}"))
}

#[cfg(test)]
mod tests {
    use super::first_row_shown;

    #[test]
    fn the_kept_rows_move_into_view_only_as_far_as_needed() {
        assert_eq!(first_row_shown(0, (3, 1), 5, 30), 0, "already shown");
        assert_eq!(first_row_shown(0, (5, 1), 5, 30), 1, "one past the bottom: one row down");
        assert_eq!(first_row_shown(20, (29, 1), 10, 30), 20, "the last row at the bottom");
        assert_eq!(first_row_shown(20, (12, 2), 10, 30), 12, "above: it becomes the first");
        assert_eq!(first_row_shown(0, (8, 4), 3, 30), 8, "taller than the box: its start");
        assert_eq!(first_row_shown(25, (0, 1), 10, 4), 0, "never past the end");
    }
}
