//! The profile form (`P`): a customer's class, personality style, MAN answers, portfolio
//! quadrant and visit cadence override, with the playbook's advice for what is chosen shown
//! under the fields as they change.

mod view;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::choice::Choice;
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::Notice;
use super::text_field::TextField;
use crate::domain::DomainError;
use crate::domain::cadence::{CadencePolicy, parse_override};
use crate::domain::{Customer, CustomerClass, Man, Portfolio, Style, Tri};
use crate::i18n::{Face, I18n};
use crate::playbook::Playbook;
use crate::store::CustomerPatch;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ModalId};

/// A field of the profile form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    Class,
    Style,
    Money,
    Authority,
    Need,
    Portfolio,
    Cadence,
}

const FIELDS: [ProfileField; 7] = [
    ProfileField::Class,
    ProfileField::Style,
    ProfileField::Money,
    ProfileField::Authority,
    ProfileField::Need,
    ProfileField::Portfolio,
    ProfileField::Cadence,
];

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileEvent {
    /// Still editing.
    None,
    /// Save with valid input: `Store::update_customer(form.customer_id(), patch)`.
    Save(Box<CustomerPatch>),
    /// Closed without saving (nothing changed, or the user confirmed discarding).
    Cancel,
}

/// What the live advice is drawn from: the sales method in the UI language, the cadence
/// defaults and the day the cadence is counted to.
#[derive(Debug, Clone)]
pub struct ProfileGuide {
    pub playbook: Playbook,
    pub cadence: CadencePolicy,
    pub today: NaiveDate,
}

/// The state of an open profile form.
#[derive(Debug, Clone)]
pub struct ProfileForm {
    original: Customer,
    guide: ProfileGuide,
    class: Choice<CustomerClass>,
    style: Choice<Style>,
    money: Choice<Tri>,
    authority: Choice<Tri>,
    need: Choice<Tri>,
    portfolio: Choice<Portfolio>,
    cadence: TextField,
    focus: ProfileField,
    notice: Option<Notice>,
    confirming_discard: bool,
    initial: String,
}

impl ProfileForm {
    /// A form holding `customer`'s profile; `guide` gives the advice shown as it changes.
    pub fn new(customer: &Customer, guide: ProfileGuide) -> Self {
        let cadence = customer.cadence_days.filter(|d| *d > 0).map(|d| d.to_string()).unwrap_or_default();
        let mut form = Self {
            original: customer.clone(),
            guide,
            class: Choice::required(customer.class),
            style: Choice::required(customer.style),
            money: Choice::required(customer.man.money),
            authority: Choice::required(customer.man.authority),
            need: Choice::required(customer.man.need),
            portfolio: Choice::optional(customer.portfolio),
            cadence: TextField::single(&cadence),
            focus: ProfileField::Class,
            notice: None,
            confirming_discard: false,
            initial: String::new(),
        };
        form.initial = form.snapshot();
        form
    }

    /// The customer whose profile this is.
    pub fn customer_id(&self) -> i64 {
        self.original.id
    }

    /// The customer's name, for messages.
    pub fn customer_name(&self) -> &str {
        &self.original.name
    }

    /// The field with the cursor.
    pub fn focus(&self) -> ProfileField {
        self.focus
    }

    /// True when anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    /// True while the "discard what you typed?" question is shown.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    /// Shows an error (e.g. from the store) and keeps every field as chosen.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// The key context now: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::ProfileForm, self.confirming_discard)
    }

    /// True when the focused text field (the cadence) keeps `key` for typing.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        self.focus == ProfileField::Cadence && self.cadence.claims(key)
    }

    /// Handles one key, read through `keymap`: move between fields, choose (or type) a value,
    /// clear the quadrant, save, cancel (asks first when something changed).
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> ProfileEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let changed = match form_key(keymap, ModalId::ProfileForm, &key, claimed, &mut self.confirming_discard, dirty) {
            FormKey::Done => return ProfileEvent::None,
            FormKey::Cancel => return ProfileEvent::Cancel,
            FormKey::Save => return self.save(i18n),
            FormKey::Action(Action::NextField) => {
                self.move_focus(1);
                false
            }
            FormKey::Action(Action::PreviousField) => {
                self.move_focus(-1);
                false
            }
            FormKey::Action(action) => self.choice_act(action).unwrap_or_else(|| self.field_key(key)),
            FormKey::Field => self.field_key(key),
        };
        if changed {
            self.notice = None;
        }
        ProfileEvent::None
    }

    /// A choice action on the focused choice; `None` on the cadence.
    fn choice_act(&mut self, action: Action) -> Option<bool> {
        match self.focus {
            ProfileField::Class => self.class.act(action),
            ProfileField::Style => self.style.act(action),
            ProfileField::Money => self.money.act(action),
            ProfileField::Authority => self.authority.act(action),
            ProfileField::Need => self.need.act(action),
            ProfileField::Portfolio => self.portfolio.act(action),
            ProfileField::Cadence => None,
        }
    }

    /// Typing into the focused field; true when it changed.
    fn field_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            ProfileField::Class => self.class.handle_key(key),
            ProfileField::Style => self.style.handle_key(key),
            ProfileField::Money => self.money.handle_key(key),
            ProfileField::Authority => self.authority.handle_key(key),
            ProfileField::Need => self.need.handle_key(key),
            ProfileField::Portfolio => self.portfolio.handle_key(key),
            ProfileField::Cadence => self.cadence.edit(key),
        }
    }

    fn move_focus(&mut self, by: isize) {
        self.focus = cycle(&FIELDS, self.focus, by);
    }

    fn save(&mut self, i18n: &I18n) -> ProfileEvent {
        match self.typed_cadence() {
            Ok(cadence_days) => ProfileEvent::Save(Box::new(CustomerPatch {
                class: self.class.value(),
                style: self.style.value(),
                man: Some(self.man()),
                portfolio: Some(self.portfolio.value()),
                cadence_days: Some(cadence_days),
                ..CustomerPatch::default()
            })),
            Err(e) => {
                self.focus = ProfileField::Cadence;
                self.notice = Some(Notice::Error(i18n.localize(&e, Face::App)));
                ProfileEvent::None
            }
        }
    }

    /// The MAN answers as chosen.
    fn man(&self) -> Man {
        Man {
            money: self.money.value().unwrap_or(Tri::Unknown),
            authority: self.authority.value().unwrap_or(Tri::Unknown),
            need: self.need.value().unwrap_or(Tri::Unknown),
        }
    }

    /// The typed override ([`parse_override`]): `Ok(None)` when blank (the quadrant's
    /// default applies).
    fn typed_cadence(&self) -> Result<Option<u32>, DomainError> {
        parse_override(&self.cadence.text())
    }

    /// The customer as the form would save them (an unreadable cadence counts as none), for
    /// the live advice.
    fn preview(&self) -> Customer {
        let mut c = self.original.clone();
        c.class = self.class.value().unwrap_or(c.class);
        c.style = self.style.value().unwrap_or(c.style);
        c.man = self.man();
        c.portfolio = self.portfolio.value();
        c.cadence_days = self.typed_cadence().unwrap_or(None);
        c
    }

    /// Every field as text, to tell whether anything changed.
    fn snapshot(&self) -> String {
        format!("{:?}{}", self.preview(), self.cadence.text())
    }
}

#[cfg(test)]
mod tests;
