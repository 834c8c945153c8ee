//! The form for one person of an account: name, title, phone, e-mail, personality style and
//! buying roles (ticked from the list). It checks what it is given like `fieldbook contact`
//! does ([`ContactDraft::validate`]).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::choice::Choice;
use super::dialog::render_discard_question;
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::{FormFrame, FormRow, Notice, RowContent, render_form};
use super::text_field::TextField;
use super::tick_list::TickList;
use crate::domain::{BuyingRole, Contact, ContactDraft, ContactPart, Style, Word};
use crate::i18n::{Face, I18n};
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// A field of the person form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    Name,
    Title,
    Phone,
    Email,
    Style,
    Roles,
}

const FIELDS: [ContactField; 6] = [
    ContactField::Name,
    ContactField::Title,
    ContactField::Phone,
    ContactField::Email,
    ContactField::Style,
    ContactField::Roles,
];

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactFormEvent {
    /// Still editing.
    None,
    /// Ctrl-S with input that passes the person's rules.
    Save(ContactDraft),
    /// Closed without saving (nothing changed, or the user confirmed discarding).
    Cancel,
}

/// Which account the person belongs to, and which person when editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactTarget {
    pub customer_id: i64,
    pub customer_name: String,
    /// The person being edited; `None` when adding.
    pub contact_id: Option<i64>,
}

/// The state of an open person form.
#[derive(Debug, Clone)]
pub struct ContactForm {
    target: ContactTarget,
    name: TextField,
    title: TextField,
    phone: TextField,
    email: TextField,
    style: Choice<Style>,
    roles: TickList,
    focus: ContactField,
    notice: Option<Notice>,
    confirming_discard: bool,
    initial: Vec<String>,
}

impl ContactForm {
    /// An empty form adding a person to the account.
    pub fn new(target: ContactTarget, i18n: &I18n) -> Self {
        Self::build(target, &ContactDraft::default(), Style::Unknown, &[], i18n)
    }

    /// A form holding `person` to edit them (the phone as a rep reads it).
    pub fn edit(customer_name: String, person: &Contact, i18n: &I18n) -> Self {
        let target = ContactTarget { customer_id: person.customer_id, customer_name, contact_id: Some(person.id) };
        let draft = ContactDraft { phone: i18n.phone(&person.phone), ..ContactDraft::of(person) };
        Self::build(target, &draft, person.style, &person.roles, i18n)
    }

    fn build(target: ContactTarget, d: &ContactDraft, style: Style, roles: &[BuyingRole], i18n: &I18n) -> Self {
        let roles = BuyingRole::ALL.iter().map(|r| (roles.contains(r), i18n.word(*r))).collect();
        let mut form = Self {
            target,
            name: TextField::single(&d.name),
            title: TextField::single(&d.title),
            phone: TextField::single(&d.phone),
            email: TextField::single(&d.email),
            style: Choice::required(style),
            roles: TickList::new(roles),
            focus: ContactField::Name,
            notice: None,
            confirming_discard: false,
            initial: Vec::new(),
        };
        form.initial = form.snapshot();
        form
    }

    /// Which account, and which person.
    pub fn target(&self) -> &ContactTarget {
        &self.target
    }

    /// The field with the cursor.
    pub fn focus(&self) -> ContactField {
        self.focus
    }

    /// True when anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    /// Shows an error (e.g. a duplicate phone) and keeps every field as typed.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// The key context now: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::ContactForm, self.confirming_discard)
    }

    /// True when the focused field keeps `key` (typing in a text box, ↑/↓ inside the roles).
    pub fn claims(&self, key: &KeyEvent) -> bool {
        match self.focus {
            ContactField::Roles => self.roles.claims(key),
            other => self.field(other).is_some_and(|f| f.claims(key)),
        }
    }

    /// Handles one key, read through `keymap`; see [`ContactFormEvent`]. Error messages use
    /// `i18n`.
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> ContactFormEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let changed = match form_key(keymap, ModalId::ContactForm, &key, claimed, &mut self.confirming_discard, dirty) {
            FormKey::Done => return ContactFormEvent::None,
            FormKey::Cancel => return ContactFormEvent::Cancel,
            FormKey::Save => {
                return match self.result(i18n) {
                    Ok(draft) => ContactFormEvent::Save(draft),
                    Err((field, message)) => {
                        self.focus = field;
                        self.notice = Some(Notice::Error(message));
                        ContactFormEvent::None
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
            FormKey::Action(Action::Tick) if self.focus == ContactField::Roles => self.roles.toggle(),
            FormKey::Action(action) if self.focus == ContactField::Style => {
                self.style.act(action).unwrap_or_else(|| self.style.handle_key(key))
            }
            FormKey::Action(_) | FormKey::Field => self.field_key(key),
        };
        if changed {
            self.notice = None;
        }
        ContactFormEvent::None
    }

    /// Typing into the focused field (↑/↓ inside the roles); true when it changed.
    fn field_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            ContactField::Style => self.style.handle_key(key),
            ContactField::Roles => self.roles.key(&key),
            other => self.field_mut(other).is_some_and(|f| f.edit(key)),
        }
    }

    fn field(&self, which: ContactField) -> Option<&TextField> {
        match which {
            ContactField::Name => Some(&self.name),
            ContactField::Title => Some(&self.title),
            ContactField::Phone => Some(&self.phone),
            ContactField::Email => Some(&self.email),
            ContactField::Style | ContactField::Roles => None,
        }
    }

    fn field_mut(&mut self, which: ContactField) -> Option<&mut TextField> {
        match which {
            ContactField::Name => Some(&mut self.name),
            ContactField::Title => Some(&mut self.title),
            ContactField::Phone => Some(&mut self.phone),
            ContactField::Email => Some(&mut self.email),
            ContactField::Style | ContactField::Roles => None,
        }
    }

    fn move_focus(&mut self, by: isize) {
        self.focus = cycle(&FIELDS, self.focus, by);
    }

    fn draft(&self) -> ContactDraft {
        let style = self.style.value().unwrap_or(Style::Unknown);
        ContactDraft {
            name: self.name.text(),
            title: self.title.text(),
            phone: self.phone.text(),
            email: self.email.text(),
            style: if style == Style::Unknown { String::new() } else { style.code().to_string() },
            roles: self
                .roles
                .ticked()
                .into_iter()
                .filter_map(|i| BuyingRole::ALL.get(i))
                .map(|r| r.code().to_string())
                .collect(),
        }
    }

    /// The typed person if they pass the rules, else the field in error and why.
    fn result(&self, i18n: &I18n) -> Result<ContactDraft, (ContactField, String)> {
        let draft = self.draft();
        match draft.validate() {
            Ok(_) => Ok(draft),
            Err((part, e)) => {
                let field = match part {
                    ContactPart::Name => ContactField::Name,
                    ContactPart::Title => ContactField::Title,
                    ContactPart::Phone => ContactField::Phone,
                    ContactPart::Email => ContactField::Email,
                    ContactPart::Style => ContactField::Style,
                    ContactPart::Roles => ContactField::Roles,
                };
                Err((field, i18n.localize(&e, Face::App)))
            }
        }
    }

    fn snapshot(&self) -> Vec<String> {
        let d = self.draft();
        vec![d.name, d.title, d.phone, d.email, d.style, d.roles.join(",")]
    }

    /// Draws the form over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let rows: Vec<FormRow> = FIELDS.iter().map(|f| self.row(*f, i18n)).collect();
        let focus = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        let mut hints = Hints::new(keymap, ModalId::ContactForm, i18n);
        hints.key(Action::NextField);
        match self.focus {
            ContactField::Roles => {
                hints.key(Action::Tick);
            }
            ContactField::Style => {
                hints.pair(Action::ChoosePrevious, Action::ChooseNext, "forms.hint.choose");
            }
            _ => {}
        }
        hints.key(Action::Save).key(Action::Cancel);
        let who: [(&str, &dyn std::fmt::Display); 1] = [("who", &self.target.customer_name)];
        let title = match self.target.contact_id {
            Some(_) => i18n.fmt("forms.contact.title_edit", &who),
            None => i18n.fmt("forms.contact.title_new", &who),
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

    fn row(&self, field: ContactField, i18n: &I18n) -> FormRow<'_> {
        let (key, content) = match field {
            ContactField::Name => ("name", RowContent::Text(&self.name)),
            ContactField::Title => ("title", RowContent::Text(&self.title)),
            ContactField::Phone => ("phone", RowContent::Text(&self.phone)),
            ContactField::Email => ("email", RowContent::Text(&self.email)),
            ContactField::Style => {
                ("style", RowContent::Choice(self.style.value().map(|s| i18n.word(s)).unwrap_or_default()))
            }
            ContactField::Roles => {
                let (items, cursor) = self.roles.rows();
                ("roles", RowContent::Checklist { items, cursor })
            }
        };
        FormRow { label: i18n.t(&format!("forms.contact.{key}")), required: field == ContactField::Name, content }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::i18n::Lang;

    fn i18n() -> I18n {
        I18n::new(Lang::En)
    }

    fn press(form: &mut ContactForm, code: KeyCode) -> ContactFormEvent {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &i18n(), &Keymap::defaults())
    }

    fn type_in(form: &mut ContactForm, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn save(form: &mut ContactForm) -> ContactFormEvent {
        form.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL), &i18n(), &Keymap::defaults())
    }

    fn target() -> ContactTarget {
        ContactTarget { customer_id: 1, customer_name: "华东机械".into(), contact_id: None }
    }

    #[test]
    fn ctrl_s_gives_the_person_with_the_ticked_roles_and_the_chosen_style() {
        let mut form = ContactForm::new(target(), &i18n());
        type_in(&mut form, "张总");
        press(&mut form, KeyCode::Tab);
        type_in(&mut form, "总经理");
        for _ in 0..3 {
            press(&mut form, KeyCode::Tab);
        }
        assert_eq!(form.focus(), ContactField::Style);
        press(&mut form, KeyCode::Right);
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Char(' '));
        for _ in 0..4 {
            press(&mut form, KeyCode::Down);
        }
        press(&mut form, KeyCode::Char(' '));
        let expected = ContactDraft {
            name: "张总".into(),
            title: "总经理".into(),
            style: "driver".into(),
            roles: vec!["decision-maker".into(), "insider".into()],
            ..ContactDraft::default()
        };
        assert_eq!(save(&mut form), ContactFormEvent::Save(expected));
    }

    #[test]
    fn a_missing_name_keeps_the_text_and_focuses_it_and_esc_asks_first() {
        let mut form = ContactForm::new(target(), &i18n());
        press(&mut form, KeyCode::Tab);
        type_in(&mut form, "经理");
        assert_eq!(save(&mut form), ContactFormEvent::None);
        assert_eq!(form.focus(), ContactField::Name);
        assert!(form.is_dirty());
        assert_eq!(press(&mut form, KeyCode::Esc), ContactFormEvent::None);
        assert_eq!(press(&mut form, KeyCode::Char('y')), ContactFormEvent::Cancel);
    }

    #[test]
    fn editing_starts_from_the_person_as_stored() {
        let person = Contact {
            id: 7,
            customer_id: 1,
            name: "小李".into(),
            title: String::new(),
            phone: "139".into(),
            email: String::new(),
            style: Style::Amiable,
            roles: vec![BuyingRole::Buyer],
            created_at: String::new(),
            updated_at: String::new(),
        };
        let mut form = ContactForm::edit("华东机械".into(), &person, &i18n());
        assert!(!form.is_dirty());
        let ContactFormEvent::Save(draft) = save(&mut form) else { panic!("saves as it is") };
        assert_eq!((draft.style.as_str(), draft.roles), ("amiable", vec!["buyer".to_string()]));
    }
}
