//! The small form for a deal: its title, value, currency, step (when adding) and expected
//! close date. The value and the date are read as they are typed (`$50k` → `$50,000`).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::choice::Choice;
use super::dialog::{day_note, render_discard_question};
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::{FormFrame, FormRow, Notice, RowContent, render_form};
use super::text_field::TextField;
use crate::domain::money::{Currency, Money};
use crate::domain::{Deal, DomainError, Step, parse_date};
use crate::i18n::I18n;
use crate::ops::deals::DealDraft;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// A field of the deal form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealField {
    Title,
    Value,
    Currency,
    Step,
    CloseOn,
}

const NEW_FIELDS: [DealField; 5] =
    [DealField::Title, DealField::Value, DealField::Currency, DealField::Step, DealField::CloseOn];
/// A deal's step changes by moving it, not in the form.
const EDIT_FIELDS: [DealField; 4] = [DealField::Title, DealField::Value, DealField::Currency, DealField::CloseOn];

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealFormEvent {
    /// Still editing.
    None,
    /// Ctrl-S: the deal as typed (the operation checks it; an error comes back to the form).
    Save(DealDraft),
    /// Closed without saving (nothing changed, or the user confirmed discarding).
    Cancel,
}

/// Whose deal, and which one when editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealTarget {
    pub customer_id: i64,
    pub customer_name: String,
    /// The deal being edited; `None` when adding.
    pub deal_id: Option<i64>,
}

/// The state of an open deal form.
#[derive(Debug, Clone)]
pub struct DealForm {
    target: DealTarget,
    title: TextField,
    value: TextField,
    currency: TextField,
    step: Choice<Step>,
    close_on: TextField,
    today: chrono::NaiveDate,
    focus: DealField,
    notice: Option<Notice>,
    confirming_discard: bool,
    initial: Vec<String>,
}

impl DealForm {
    /// An empty form adding a deal in `step`, its value in `currency` unless typed otherwise.
    pub fn new(target: DealTarget, step: Step, currency: Currency, today: chrono::NaiveDate) -> Self {
        Self::build(target, ("", "", currency.code(), ""), step, today)
    }

    /// A form holding `deal` to edit it.
    pub fn edit(customer_name: String, deal: &Deal, today: chrono::NaiveDate) -> Self {
        let target = DealTarget { customer_id: deal.customer_id, customer_name, deal_id: Some(deal.id) };
        let value = deal.value().map(|v| v.full()).unwrap_or_default();
        let close_on = deal.expected_close_on.map(|d| d.to_string()).unwrap_or_default();
        Self::build(target, (&deal.title, &value, deal.currency.code(), &close_on), deal.stage, today)
    }

    fn build(target: DealTarget, texts: (&str, &str, &str, &str), step: Step, today: chrono::NaiveDate) -> Self {
        let (title, value, currency, close_on) = texts;
        let mut form = Self {
            target,
            title: TextField::single(title),
            value: TextField::single(value),
            currency: TextField::single(currency),
            step: Choice::required(step),
            close_on: TextField::single(close_on),
            today,
            focus: DealField::Title,
            notice: None,
            confirming_discard: false,
            initial: Vec::new(),
        };
        form.initial = form.snapshot();
        form
    }

    /// Whose deal, and which one.
    pub fn target(&self) -> &DealTarget {
        &self.target
    }

    /// The field with the cursor.
    pub fn focus(&self) -> DealField {
        self.focus
    }

    /// True when anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    /// Shows an error (from the operation) and keeps every field as typed.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    fn fields(&self) -> &'static [DealField] {
        if self.target.deal_id.is_some() { &EDIT_FIELDS } else { &NEW_FIELDS }
    }

    fn field(&self, which: DealField) -> Option<&TextField> {
        match which {
            DealField::Title => Some(&self.title),
            DealField::Value => Some(&self.value),
            DealField::Currency => Some(&self.currency),
            DealField::CloseOn => Some(&self.close_on),
            DealField::Step => None,
        }
    }

    fn field_mut(&mut self, which: DealField) -> Option<&mut TextField> {
        match which {
            DealField::Title => Some(&mut self.title),
            DealField::Value => Some(&mut self.value),
            DealField::Currency => Some(&mut self.currency),
            DealField::CloseOn => Some(&mut self.close_on),
            DealField::Step => None,
        }
    }

    /// The key context: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::DealForm, self.confirming_discard)
    }

    /// True when the focused text box keeps `key` for typing.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        self.field(self.focus).is_some_and(|f| f.claims(key))
    }

    /// Handles one key, read through `keymap`; see [`DealFormEvent`].
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> DealFormEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let changed = match form_key(keymap, ModalId::DealForm, &key, claimed, &mut self.confirming_discard, dirty) {
            FormKey::Done => return DealFormEvent::None,
            FormKey::Cancel => return DealFormEvent::Cancel,
            FormKey::Save => return DealFormEvent::Save(self.draft()),
            FormKey::Action(Action::NextField) => {
                self.focus = cycle(self.fields(), self.focus, 1);
                false
            }
            FormKey::Action(Action::PreviousField) => {
                self.focus = cycle(self.fields(), self.focus, -1);
                false
            }
            FormKey::Action(action) if self.focus == DealField::Step => {
                self.step.act(action).unwrap_or_else(|| self.step.handle_key(key))
            }
            FormKey::Action(_) | FormKey::Field => match self.focus {
                DealField::Step => self.step.handle_key(key),
                other => self.field_mut(other).is_some_and(|f| f.edit(key)),
            },
        };
        if changed {
            self.notice = None;
        }
        DealFormEvent::None
    }

    /// The deal as typed.
    pub fn draft(&self) -> DealDraft {
        DealDraft {
            title: self.title.text(),
            value: self.value.text(),
            currency: self.currency.text(),
            stage: self.step.value(),
            close_on: self.close_on.text(),
        }
    }

    fn snapshot(&self) -> Vec<String> {
        let d = self.draft();
        vec![d.title, d.value, d.currency, format!("{:?}", d.stage), d.close_on]
    }

    /// Draws the form over `area` (and the discard question on top when it is asked).
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let fields = self.fields();
        let rows: Vec<FormRow> = fields.iter().map(|f| self.row(*f, area.width, theme, i18n)).collect();
        let focus = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let mut hints = Hints::new(keymap, ModalId::DealForm, i18n);
        hints.key(Action::NextField).pair(Action::ChoosePrevious, Action::ChooseNext, "forms.hint.choose");
        hints.key(Action::Save).key(Action::Cancel);
        let who: [(&str, &dyn std::fmt::Display); 1] = [("who", &self.target.customer_name)];
        let title = match self.target.deal_id {
            Some(_) => i18n.fmt("forms.deal.title_edit", &who),
            None => i18n.fmt("forms.deal.title_new", &who),
        };
        let chrome = FormFrame {
            title,
            notice: self.notice.as_ref(),
            choice_keys: hints.choice_keys(),
            hints: hints.build(),
            help: hints.help(),
        };
        render_form(frame, area, theme, &chrome, &rows, focus);
        if self.confirming_discard {
            render_discard_question(frame, area, theme, i18n, keymap);
        }
    }

    fn row(&self, field: DealField, width: u16, theme: &Theme, i18n: &I18n) -> FormRow<'_> {
        let note =
            |text: String, ok: bool| Line::from(Span::styled(text, if ok { theme.success } else { theme.danger }));
        let currency = Currency::parse(&self.currency.text());
        let (key, content) = match field {
            DealField::Title => ("title", RowContent::Text(&self.title)),
            DealField::Value => {
                let line = if self.value.is_blank() {
                    Line::from(Span::styled(i18n.t("forms.deal.value_forms"), theme.muted))
                } else {
                    match Money::parse(&self.value.text(), currency.clone().unwrap_or_default()) {
                        Ok(money) => note(format!("→ {}", money.full()), true),
                        Err(e) => note(short(&e, i18n), false),
                    }
                };
                ("value", RowContent::TextWithNote { field: &self.value, width: (width / 3).clamp(12, 22), note: line })
            }
            DealField::Currency => {
                // A value typed with its own currency ($120k) is saved in it: say so here.
                let typed = Money::parse(&self.value.text(), currency.clone().unwrap_or_default()).ok();
                let line = match (&currency, typed) {
                    (Ok(c), Some(money)) if money.currency != *c => {
                        let named = i18n.paren(money.currency.symbol().trim(), money.currency.code());
                        note(i18n.fmt("forms.deal.currency_from_value", &[("currency", &named)]), true)
                    }
                    (Ok(c), _) => {
                        Line::from(Span::styled(format!("→ {}", i18n.paren(c.symbol().trim(), c.code())), theme.muted))
                    }
                    (Err(e), _) => note(short(e, i18n), false),
                };
                ("currency", RowContent::TextWithNote { field: &self.currency, width: 8, note: line })
            }
            DealField::Step => {
                ("step", RowContent::Choice(self.step.value().map(|s| i18n.word(s)).unwrap_or_default()))
            }
            DealField::CloseOn => {
                let text = self.close_on.text();
                // A close date is a day: the hint and the reading are a day's, as saving takes it.
                let line = day_note(&parse_date(&text, self.today), self.close_on.is_blank(), self.today, theme, i18n);
                (
                    "close_on",
                    RowContent::TextWithNote { field: &self.close_on, width: (width / 4).clamp(10, 14), note: line },
                )
            }
        };
        FormRow { label: i18n.t(&format!("forms.deal.{key}")), required: field == DealField::Title, content }
    }
}

/// A short live note for a value or currency not read yet (the whole message shows on saving).
fn short(e: &DomainError, i18n: &I18n) -> String {
    match e {
        DomainError::UnknownCurrency { input } => i18n.fmt("forms.deal.currency_unknown", &[("input", input)]),
        _ => i18n.t("forms.deal.value_bad"),
    }
}
