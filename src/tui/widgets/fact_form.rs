//! The small form for one fact of the customer record: its category, whose it is (when the
//! account has more than one person), label, value and, for important dates (birthdays,
//! anniversaries), the yearly date Today reminds of. It reads what it is given like
//! `fieldbook fact` does: a date alone is also the value.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::choice::Choice;
use super::dialog::render_discard_question;
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::{FormFrame, FormRow, Notice, RowContent, render_form};
use super::text_field::TextField;
use super::typed_pick::TypedPick;
use crate::domain::{Fact, FactCategory, FactDraft, FactPart, MonthDay};
use crate::i18n::{Face, I18n};
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// A field of the fact form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactField {
    Category,
    /// Which of the account's people the fact is about (shown with two people or more).
    About,
    Label,
    Value,
    Date,
}

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactFormEvent {
    /// Still editing.
    None,
    /// Save with input that passes the fact's rules.
    Save(FactDraft),
    /// Closed without saving (nothing changed, or the user confirmed discarding).
    Cancel,
}

/// Whose record the form writes to, and which fact when editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactTarget {
    pub customer_id: i64,
    pub customer_name: String,
    /// The fact being edited; `None` when adding.
    pub fact_id: Option<i64>,
}

/// The state of an open fact form.
#[derive(Debug, Clone)]
pub struct FactForm {
    target: FactTarget,
    category: Choice<FactCategory>,
    /// The account's people (id, name) the fact may be about.
    people: Vec<(i64, String)>,
    /// 0: the account itself; `n`: `people[n - 1]`.
    about_at: usize,
    /// Letters typed on "About", which pick the person whose name they start.
    typed: TypedPick,
    label: TextField,
    value: TextField,
    date: TextField,
    focus: FactField,
    notice: Option<Notice>,
    confirming_discard: bool,
    initial: Vec<String>,
}

impl FactForm {
    /// An empty form adding a fact in `category`; the cursor starts on the category when
    /// `choose_category`, else on the label.
    pub fn new(target: FactTarget, category: FactCategory, choose_category: bool) -> Self {
        let focus = if choose_category { FactField::Category } else { FactField::Label };
        Self::build(target, category, "", "", "", focus)
    }

    /// A form holding `fact` to edit it; the cursor starts on the value.
    pub fn edit(customer_name: String, fact: &Fact) -> Self {
        let target = FactTarget { customer_id: fact.customer_id, customer_name, fact_id: Some(fact.id) };
        let date = fact.month_day.map(|m| m.to_string()).unwrap_or_default();
        Self::build(target, fact.category, &fact.label, &fact.value, &date, FactField::Value)
    }

    /// The account's people (id, name) the fact may be about, `chosen` (else the account
    /// itself) picked. With two people or more the form shows its "About" field.
    pub fn set_people(&mut self, people: Vec<(i64, String)>, chosen: Option<i64>) {
        self.about_at = chosen.and_then(|c| people.iter().position(|(id, _)| *id == c)).map_or(0, |at| at + 1);
        self.people = people;
        // Who it opens about is not a change the rep made.
        self.initial = self.snapshot();
    }

    /// The person the fact is about; `None`: the account itself.
    pub fn about(&self) -> Option<i64> {
        self.about_at.checked_sub(1).and_then(|at| self.people.get(at)).map(|(id, _)| *id)
    }

    fn about_name(&self, i18n: &I18n) -> String {
        match self.about_at.checked_sub(1).and_then(|at| self.people.get(at)) {
            Some((_, name)) => name.clone(),
            None => i18n.t("forms.fact.about_account"),
        }
    }

    fn cycle_about(&mut self, by: isize) -> bool {
        let len = self.people.len() as isize + 1;
        let before = self.about_at;
        self.about_at = ((self.about_at as isize + by).rem_euclid(len)) as usize;
        before != self.about_at
    }

    /// The fields in Tab order: "About" only when there is a choice of people.
    fn fields(&self) -> Vec<FactField> {
        let mut fields = vec![FactField::Category];
        if self.people.len() > 1 {
            fields.push(FactField::About);
        }
        fields.extend([FactField::Label, FactField::Value, FactField::Date]);
        fields
    }

    fn build(
        target: FactTarget,
        category: FactCategory,
        label: &str,
        value: &str,
        date: &str,
        focus: FactField,
    ) -> Self {
        let mut form = Self {
            target,
            category: Choice::required(category),
            people: Vec::new(),
            about_at: 0,
            typed: TypedPick::default(),
            label: TextField::single(label),
            value: TextField::single(value),
            date: TextField::single(date),
            focus,
            notice: None,
            confirming_discard: false,
            initial: Vec::new(),
        };
        form.initial = form.snapshot();
        form
    }

    /// Whose record, and which fact.
    pub fn target(&self) -> &FactTarget {
        &self.target
    }

    /// The field with the cursor.
    pub fn focus(&self) -> FactField {
        self.focus
    }

    /// True when anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    /// Shows an error (e.g. from the store) and keeps every field as typed.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// The key context now: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::FactForm, self.confirming_discard)
    }

    /// True when the focused text field keeps `key` for typing.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        self.field(self.focus).is_some_and(|f| f.claims(key))
    }

    /// Handles one key, read through `keymap`; see [`FactFormEvent`]. Error messages use
    /// `i18n`.
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> FactFormEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let changed = match form_key(keymap, ModalId::FactForm, &key, claimed, &mut self.confirming_discard, dirty) {
            FormKey::Done => return FactFormEvent::None,
            FormKey::Cancel => return FactFormEvent::Cancel,
            FormKey::Save => {
                return match self.result(i18n) {
                    Ok(input) => FactFormEvent::Save(input),
                    Err((field, message)) => {
                        self.focus = field;
                        self.notice = Some(Notice::Error(message));
                        FactFormEvent::None
                    }
                };
            }
            FormKey::Action(Action::NextField) => {
                self.move_focus(1);
                false
            }
            FormKey::Action(Action::PreviousField) => {
                self.move_focus(-1);
                false
            }
            FormKey::Action(action) if self.focus == FactField::Category => {
                self.category.act(action).unwrap_or_else(|| self.category.handle_key(key))
            }
            FormKey::Action(Action::ChoosePrevious) if self.focus == FactField::About => self.cycle_about(-1),
            FormKey::Action(Action::ChooseNext) if self.focus == FactField::About => self.cycle_about(1),
            FormKey::Action(_) | FormKey::Field => self.field_key(key),
        };
        if changed {
            self.notice = None;
        }
        FactFormEvent::None
    }

    /// Typing into the focused field; true when it changed.
    fn field_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            FactField::Category => self.category.handle_key(key),
            FactField::About => self.about_key(key),
            other => self.field_mut(other).is_some_and(|f| f.edit(key)),
        }
    }

    /// Letters on "About": the person whose name they start.
    fn about_key(&mut self, key: KeyEvent) -> bool {
        let ratatui::crossterm::event::KeyCode::Char(c) = key.code else { return false };
        let names: Vec<Vec<&str>> = self.people.iter().map(|(_, name)| vec![name.as_str()]).collect();
        let before = self.about_at;
        if let Some(at) = self.typed.push(c, &names) {
            self.about_at = at + 1;
        }
        before != self.about_at
    }

    fn field(&self, which: FactField) -> Option<&TextField> {
        match which {
            FactField::Category | FactField::About => None,
            FactField::Label => Some(&self.label),
            FactField::Value => Some(&self.value),
            FactField::Date => Some(&self.date),
        }
    }

    fn field_mut(&mut self, which: FactField) -> Option<&mut TextField> {
        match which {
            FactField::Category | FactField::About => None,
            FactField::Label => Some(&mut self.label),
            FactField::Value => Some(&mut self.value),
            FactField::Date => Some(&mut self.date),
        }
    }

    fn move_focus(&mut self, by: isize) {
        self.focus = cycle(&self.fields(), self.focus, by);
    }

    /// The typed fact if it passes the rules ([`FactDraft::validate`]), else the field in
    /// error and why.
    fn result(&self, i18n: &I18n) -> Result<FactDraft, (FactField, String)> {
        let draft = FactDraft {
            category: self.category.value().unwrap_or(FactCategory::Basic),
            label: self.label.text(),
            value: self.value.text(),
            date: self.date.text(),
        };
        match draft.validate() {
            Ok(_) => Ok(draft),
            Err((part, e)) => {
                let field = match part {
                    FactPart::Label => FactField::Label,
                    FactPart::Value => FactField::Value,
                    FactPart::Date => FactField::Date,
                };
                Err((field, i18n.localize(&e, Face::App)))
            }
        }
    }

    fn snapshot(&self) -> Vec<String> {
        vec![
            format!("{:?}", self.category.value()),
            format!("{:?}", self.about()),
            self.label.text(),
            self.value.text(),
            self.date.text(),
        ]
    }

    /// Draws the form over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let fields = self.fields();
        let rows: Vec<FormRow> = fields.iter().map(|f| self.row(*f, area.width, theme, i18n)).collect();
        let focus = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let mut hints = Hints::new(keymap, ModalId::FactForm, i18n);
        hints.key(Action::NextField).pair(Action::ChoosePrevious, Action::ChooseNext, "forms.hint.choose");
        hints.key(Action::Save).key(Action::Cancel);
        let who: [(&str, &dyn std::fmt::Display); 1] = [("who", &self.target.customer_name)];
        let title = match self.target.fact_id {
            Some(_) => i18n.fmt("forms.fact.title_edit", &who),
            None => i18n.fmt("forms.fact.title_new", &who),
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

    fn row(&self, field: FactField, width: u16, theme: &Theme, i18n: &I18n) -> FormRow<'_> {
        let (key, content) = match field {
            FactField::Category => {
                ("category", RowContent::Choice(self.category.value().map(|c| i18n.word(c)).unwrap_or_default()))
            }
            FactField::About => ("about", RowContent::Choice(self.about_name(i18n))),
            FactField::Label => ("label", RowContent::Text(&self.label)),
            FactField::Value => ("value", RowContent::Text(&self.value)),
            FactField::Date => {
                let text = self.date.text();
                let note = match (text.trim().is_empty(), MonthDay::parse(&text)) {
                    (true, _) => Line::from(Span::styled(i18n.t("forms.fact.date_forms"), theme.muted)),
                    (false, Some(md)) => Line::from(Span::styled(
                        format!("→ {}", i18n.fmt("forms.fact.date_every_year", &[("date", &i18n.month_day(md))])),
                        theme.success,
                    )),
                    (false, None) => Line::from(Span::styled(i18n.t("forms.fact.date_not_yet"), theme.danger)),
                };
                ("date", RowContent::TextWithNote { field: &self.date, width: (width / 4).clamp(10, 14), note })
            }
        };
        let required = matches!(field, FactField::Label | FactField::Value);
        FormRow { label: i18n.t(&format!("forms.fact.{key}")), required, content }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::i18n::Lang;

    fn press(form: &mut FactForm, code: KeyCode) -> FactFormEvent {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &I18n::new(Lang::En), &Keymap::defaults())
    }

    fn type_in(form: &mut FactForm, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn save(form: &mut FactForm) -> FactFormEvent {
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        form.handle_key(ctrl_s, &I18n::new(Lang::En), &Keymap::defaults())
    }

    fn target() -> FactTarget {
        FactTarget { customer_id: 1, customer_name: "Li Na".into(), fact_id: None }
    }

    #[test]
    fn ctrl_s_gives_the_fact_as_typed_once_it_passes_the_rules() {
        let mut form = FactForm::new(target(), FactCategory::Personal, false);
        type_in(&mut form, "birthday");
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Tab);
        type_in(&mut form, "1980-05-09");
        let expected = FactDraft {
            category: FactCategory::Personal,
            label: "birthday".into(),
            value: String::new(),
            date: "1980-05-09".into(),
        };
        assert_eq!(save(&mut form), FactFormEvent::Save(expected));
    }

    #[test]
    fn missing_label_or_bad_date_keeps_the_text_and_focuses_the_field() {
        let mut form = FactForm::new(target(), FactCategory::Basic, false);
        assert_eq!(save(&mut form), FactFormEvent::None);
        assert_eq!(form.focus(), FactField::Label);
        type_in(&mut form, "anniversary");
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Tab);
        type_in(&mut form, "13-40");
        assert_eq!(save(&mut form), FactFormEvent::None);
        assert_eq!(form.focus(), FactField::Date);
        assert!(form.is_dirty(), "nothing typed is lost");
    }

    #[test]
    fn about_is_a_field_with_two_people_and_space_or_arrows_cycle_it() {
        let mut alone = FactForm::new(target(), FactCategory::Personal, true);
        alone.set_people(vec![(7, "Li Na".into())], None);
        press(&mut alone, KeyCode::Tab);
        assert_eq!(alone.focus(), FactField::Label, "one person: nothing to choose");
        let mut form = FactForm::new(target(), FactCategory::Personal, true);
        form.set_people(vec![(7, "Li Na".into()), (8, "Zhang".into())], None);
        assert!(!form.is_dirty(), "who it opens about is not typed");
        press(&mut form, KeyCode::Tab);
        assert_eq!(form.focus(), FactField::About);
        press(&mut form, KeyCode::Char(' '));
        press(&mut form, KeyCode::Char(' '));
        assert_eq!(form.about(), Some(8));
        press(&mut form, KeyCode::Right);
        assert_eq!(form.about(), None, "wraps around to the account itself");
        press(&mut form, KeyCode::Left);
        assert_eq!(form.about(), Some(8));
        assert!(form.is_dirty());
        let mut edited = FactForm::new(target(), FactCategory::Personal, true);
        edited.set_people(vec![(7, "Li Na".into()), (8, "Zhang".into())], Some(7));
        assert_eq!(edited.about(), Some(7));
    }

    #[test]
    fn esc_with_changes_asks_first() {
        let mut form = FactForm::new(target(), FactCategory::Basic, false);
        type_in(&mut form, "x");
        assert_eq!(press(&mut form, KeyCode::Esc), FactFormEvent::None);
        assert_eq!(press(&mut form, KeyCode::Char('y')), FactFormEvent::Cancel);
    }
}
