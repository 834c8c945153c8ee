//! Small modal dialogs: a yes/no confirmation with a list of lines, and a one-line prompt
//! (a required text such as the reason a deal is lost, or a date such as a postponement).

use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::form_layout::{centered, clear_popup, hint_line};
use super::text_field::TextField;
use crate::domain::customer::clean_line;
use crate::domain::{DomainError, When, parse_when};
use crate::i18n::I18n;
use crate::tui::text;
use crate::tui::theme::Theme;

/// What a confirmation dialog reports after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmEvent {
    /// Still open.
    None,
    /// `y`: go ahead.
    Yes,
    /// `n` or Esc: do not.
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

    /// `y`/`Y` answers yes; `n`/`N`/Esc answers no; anything else is ignored (a single stray
    /// key never confirms).
    pub fn handle_key(&mut self, key: KeyEvent) -> ConfirmEvent {
        if key.kind == KeyEventKind::Release {
            return ConfirmEvent::None;
        }
        match key.code {
            KeyCode::Char('y' | 'Y') => ConfirmEvent::Yes,
            KeyCode::Char('n' | 'N') | KeyCode::Esc => ConfirmEvent::No,
            _ => ConfirmEvent::None,
        }
    }

    /// Draws the dialog centred in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n) {
        let hints = [("y".to_string(), i18n.t("forms.dialog.yes")), ("n Esc".to_string(), i18n.t("forms.dialog.no"))];
        render_confirm(frame, area, theme, (&self.title, &self.lines, self.hang), &hints);
    }
}

/// Draws a confirmation box: title, lines (wrapped, further rows indented by `hang`), and a
/// hint line.
pub(super) fn render_confirm(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    (title, lines, hang): (&str, &[String], usize),
    hints: &[(String, String)],
) {
    let widest = lines.iter().map(|l| l.width()).chain([title.width() + 4, 30]).max().unwrap_or(30);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX).min(area.width.saturating_sub(4).max(20));
    let rows: Vec<String> =
        lines.iter().flat_map(|l| text::wrap_hanging(l, width.saturating_sub(4) as usize, hang)).collect();
    let height = u16::try_from(rows.len() + 4).unwrap_or(u16::MAX).min(area.height);
    let popup = centered(area, width, height);
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
    let text: Vec<Line> = rows.into_iter().map(|l| Line::from(Span::styled(l, theme.text))).collect();
    frame.render_widget(Paragraph::new(text), body);
    frame.render_widget(Paragraph::new(hint_line(theme, hints, hint.width)), hint);
}

/// "Discard what you typed? y / n" over a form.
pub(super) fn render_discard_question(frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n) {
    let hints = [("y".to_string(), i18n.t("forms.discard.yes")), ("n Esc".to_string(), i18n.t("forms.discard.no"))];
    let title = i18n.t("forms.discard.title");
    render_confirm(frame, area, theme, (&title, &[i18n.t("forms.discard.body")], 0), &hints);
}

/// What a prompt accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Any non-empty line; `field` names it in the error (`reason`, `note`...).
    Required { field: &'static str },
    /// A date or time as people type it, read relative to `today`.
    When { today: NaiveDate },
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
}

impl PromptDialog {
    /// A prompt titled `title`, with `label` before the input.
    pub fn new(title: impl Into<String>, label: impl Into<String>, kind: PromptKind) -> Self {
        Self { title: title.into(), label: label.into(), kind, field: TextField::single(""), error: None }
    }

    /// True when something is typed.
    pub fn is_dirty(&self) -> bool {
        !self.field.is_blank()
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.field.text()
    }

    /// Enter submits a valid answer (an invalid one shows why and keeps the text); Esc cancels;
    /// other keys edit. Error messages are in the language of `i18n`.
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n) -> PromptEvent {
        if key.kind == KeyEventKind::Release {
            return PromptEvent::None;
        }
        match key.code {
            KeyCode::Esc => PromptEvent::Cancel,
            KeyCode::Enter => match self.value() {
                Ok(v) => PromptEvent::Submit(v),
                Err(e) => {
                    self.error = Some(i18n.domain_error(&e));
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
        }
    }

    /// Draws the prompt centred in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n) {
        let popup = centered(area, 64.min(area.width), 6);
        clear_popup(frame, popup);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .padding(Padding::horizontal(1))
            .border_style(theme.focused_border)
            .title(Span::styled(format!(" {} ", self.title), theme.focused_title));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [input_row, note_row, _, hint_row] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
        let label_width = u16::try_from(self.label.width() + 1).unwrap_or(0).min(inner.width / 2);
        let [label_area, field_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(input_row);
        frame.render_widget(Paragraph::new(Span::styled(self.label.as_str(), theme.focused_title)), label_area);
        self.field.render(frame, field_area, theme, true);
        let note = match (&self.error, self.kind) {
            (Some(e), _) => Line::from(Span::styled(e.as_str(), theme.danger)),
            (None, PromptKind::When { today }) => {
                when_note(&parse_when(&self.field.text(), today), self.field.is_blank(), theme, i18n)
            }
            (None, PromptKind::Required { .. }) => Line::default(),
        };
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), note_row);
        let hints =
            [("Enter".to_string(), i18n.t("forms.dialog.submit")), ("Esc".to_string(), i18n.t("forms.hint.cancel"))];
        frame.render_widget(Paragraph::new(hint_line(theme, &hints, hint_row.width)), hint_row);
    }
}

/// The live reading of a typed date: the date with its weekday, the accepted forms while
/// empty, or a short "not a date".
pub fn when_note(parsed: &Result<When, DomainError>, blank: bool, theme: &Theme, i18n: &I18n) -> Line<'static> {
    match parsed {
        _ if blank => Line::from(Span::styled(i18n.t("forms.date.forms"), theme.muted)),
        Ok(when) => Line::from(Span::styled(format!("→ {}", describe_when(*when, i18n)), theme.success)),
        Err(_) => Line::from(Span::styled(i18n.t("forms.date.bad"), theme.danger)),
    }
}

/// `Fri 2031-05-09 10:00` / `周五 2031-05-09 10:00`.
pub fn describe_when(when: When, i18n: &I18n) -> String {
    format!("{} {}", weekday_name(when.date, i18n), when.display())
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
