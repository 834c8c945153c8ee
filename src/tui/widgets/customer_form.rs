//! The customer form: add a customer (with the first deal's step and value) or edit one.

mod view;

use ratatui::crossterm::event::KeyEvent;

use super::choice::Choice;
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::Notice;
use super::text_field::TextField;
use crate::domain::money::{Currency, Money};
use crate::domain::today::CustomerRef;
use crate::domain::{Customer, CustomerClass, DomainError, NewCustomer, Step, Style};
use crate::i18n::{Face, I18n};
use crate::ops::customers::AddCustomerError;
use crate::store::{CustomerPatch, NewDeal, normalise_phone};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ModalId};

/// A field of the customer form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerField {
    Name,
    Company,
    Title,
    Phone,
    Email,
    Address,
    Nickname,
    Class,
    Style,
    Step,
    Value,
    Source,
}

/// What saving produces.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomerSave {
    /// Add a customer with its first deal: `Store::add_customer(customer, deal)`.
    New { customer: NewCustomer, deal: NewDeal },
    /// Edit a customer: `Store::update_customer(id, patch)`; only changed fields are `Some`.
    Edit { id: i64, patch: CustomerPatch },
}

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomerFormEvent {
    /// Still editing.
    None,
    /// Save with valid input. `confirmed` is true when a warning (see
    /// [`CustomerForm::set_warning`]) was on screen and nothing changed since: the user saw it
    /// and saves anyway.
    Save { save: Box<CustomerSave>, confirmed: bool },
    /// Closed without saving (nothing changed, or the user confirmed discarding).
    Cancel,
}

/// The state of an open customer form.
#[derive(Debug, Clone)]
pub struct CustomerForm {
    /// The customer being edited; `None` when adding.
    original: Option<Customer>,
    name: TextField,
    company: TextField,
    title: TextField,
    phone: TextField,
    email: TextField,
    address: TextField,
    nickname: TextField,
    class: Choice<CustomerClass>,
    style: Choice<Style>,
    step: Choice<Step>,
    value: TextField,
    /// The currency of a value typed without one (config.toml).
    currency: Currency,
    source: TextField,
    focus: CustomerField,
    notice: Option<Notice>,
    confirming_discard: bool,
    initial: Vec<String>,
}

impl CustomerForm {
    /// An empty form to add a customer; the first deal starts in `step`.
    pub fn new(step: Step) -> Self {
        let mut form = Self::build(None, &NewCustomer::default(), Choice::optional(None), Choice::optional(None));
        form.step = Choice::required(step);
        form.initial = form.snapshot();
        form
    }

    /// A form holding `customer` to edit it (the phone as a rep reads it: `0512 6578 1234 转 806`).
    pub fn edit(customer: &Customer, i18n: &I18n) -> Self {
        let fields = NewCustomer {
            name: customer.name.clone(),
            company: customer.company.clone(),
            title: customer.title.clone(),
            phone: i18n.phone(&customer.phone),
            email: customer.email.clone(),
            address: customer.address.clone(),
            nickname: customer.nickname.clone(),
            source: customer.source.clone(),
            ..NewCustomer::default()
        };
        let class = Choice::required(customer.class);
        let style = Choice::required(customer.style);
        Self::build(Some(customer.clone()), &fields, class, style)
    }

    /// The same form reading a value typed without a currency as `currency`.
    pub fn with_currency(mut self, currency: Currency) -> Self {
        self.currency = currency;
        self
    }

    /// The same form with the cursor on `field` (when the form shows it).
    pub fn focused_on(mut self, field: CustomerField) -> Self {
        if self.fields().contains(&field) {
            self.focus = field;
        }
        self
    }

    fn build(original: Option<Customer>, c: &NewCustomer, class: Choice<CustomerClass>, style: Choice<Style>) -> Self {
        let mut form = Self {
            original,
            name: TextField::single(&c.name),
            company: TextField::single(&c.company),
            title: TextField::single(&c.title),
            phone: TextField::single(&c.phone),
            email: TextField::single(&c.email),
            address: TextField::single(&c.address),
            nickname: TextField::single(&c.nickname),
            class,
            style,
            step: Choice::required(Step::Preparation),
            value: TextField::single(""),
            currency: Currency::default(),
            source: TextField::single(&c.source),
            focus: CustomerField::Name,
            notice: None,
            confirming_discard: false,
            initial: Vec::new(),
        };
        form.initial = form.snapshot();
        form
    }

    /// Shows a warning under the fields (e.g. possible duplicates) and keeps every field; a
    /// save with no change since then reports `confirmed: true`.
    pub fn set_warning(&mut self, text: String) {
        self.notice = Some(Notice::Warning(text));
    }

    /// Warns that `found` (from `Store::find_duplicates`) may be the same person; a second
    /// save saves anyway (`confirmed: true`).
    pub fn set_duplicates(&mut self, found: &[CustomerRef], i18n: &I18n) {
        self.set_warning(i18n.localize(&AddCustomerError::Duplicates(found.to_vec()), Face::App));
    }

    /// Shows an error (e.g. from the store) and keeps every field as typed.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// True when editing an existing customer.
    pub fn is_edit(&self) -> bool {
        self.original.is_some()
    }

    /// The field with the cursor.
    pub fn focus(&self) -> CustomerField {
        self.focus
    }

    /// True while the "discard what you typed?" question is shown.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    /// True when anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    /// The fields shown: a new customer also gets its first deal's step and value.
    pub fn fields(&self) -> &'static [CustomerField] {
        use CustomerField::*;
        if self.is_edit() {
            &[Name, Company, Title, Phone, Email, Address, Nickname, Class, Style, Source]
        } else {
            &[Name, Company, Title, Phone, Email, Address, Nickname, Class, Style, Step, Value, Source]
        }
    }

    /// The key context now: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::CustomerForm, self.confirming_discard)
    }

    /// True when the focused text field keeps `key` for typing.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        self.field(self.focus).is_some_and(|f| f.claims(key))
    }

    /// Handles one key, read through `keymap`; see [`CustomerFormEvent`]. Error messages use
    /// `i18n`.
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> CustomerFormEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let changed = match form_key(keymap, ModalId::CustomerForm, &key, claimed, &mut self.confirming_discard, dirty)
        {
            FormKey::Done => return CustomerFormEvent::None,
            FormKey::Cancel => return CustomerFormEvent::Cancel,
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
        CustomerFormEvent::None
    }

    /// A choice action on the focused choice; `None` on a text field.
    fn choice_act(&mut self, action: Action) -> Option<bool> {
        match self.focus {
            CustomerField::Class => self.class.act(action),
            CustomerField::Style => self.style.act(action),
            CustomerField::Step => self.step.act(action),
            _ => None,
        }
    }

    /// Typing into the focused field; true when it changed.
    fn field_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            CustomerField::Class => self.class.handle_key(key),
            CustomerField::Style => self.style.handle_key(key),
            CustomerField::Step => self.step.handle_key(key),
            other => self.field_mut(other).is_some_and(|f| f.edit(key)),
        }
    }

    fn move_focus(&mut self, by: isize) {
        self.focus = cycle(self.fields(), self.focus, by);
    }

    fn save(&mut self, i18n: &I18n) -> CustomerFormEvent {
        let confirmed = matches!(self.notice, Some(Notice::Warning(_)));
        match self.result() {
            Ok(save) => CustomerFormEvent::Save { save: Box::new(save), confirmed },
            Err((field, error)) => {
                self.focus = field;
                self.notice = Some(Notice::Error(i18n.localize(&error, Face::App)));
                CustomerFormEvent::None
            }
        }
    }

    /// The validated save, or the field in error and why.
    fn result(&self) -> Result<CustomerSave, (CustomerField, DomainError)> {
        let typed = NewCustomer {
            name: self.name.text(),
            company: self.company.text(),
            title: self.title.text(),
            phone: self.phone.text(),
            email: self.email.text(),
            address: self.address.text(),
            nickname: self.nickname.text(),
            source: self.source.text(),
            class: self.class.value(),
            style: self.style.value(),
            ..NewCustomer::default()
        };
        let customer = typed.validated().map_err(|e| (field_named(&e), e))?;
        let Some(original) = &self.original else {
            let value = if self.value.is_blank() {
                None
            } else {
                Some(Money::parse(&self.value.text(), self.currency).map_err(|e| (CustomerField::Value, e))?)
            };
            let stage = self.step.value().unwrap_or(Step::Preparation);
            let deal = NewDeal { stage, currency: self.currency, ..NewDeal::default() }.with_value(value);
            return Ok(CustomerSave::New { customer, deal });
        };
        let changed = |new: &str, old: &str| (new != old).then(|| new.to_string());
        let patch = CustomerPatch {
            name: changed(&customer.name, &original.name),
            company: changed(&customer.company, &original.company),
            title: changed(&customer.title, &original.title),
            phone: changed(&normalise_phone(&customer.phone), &original.phone),
            email: changed(&customer.email, &original.email),
            address: changed(&customer.address, &original.address),
            nickname: changed(&customer.nickname, &original.nickname),
            source: changed(&customer.source, &original.source),
            class: customer.class.filter(|c| *c != original.class),
            style: customer.style.filter(|s| *s != original.style),
            ..CustomerPatch::default()
        };
        Ok(CustomerSave::Edit { id: original.id, patch })
    }

    /// Every field as text, to tell whether anything changed.
    fn snapshot(&self) -> Vec<String> {
        let mut all: Vec<String> =
            [&self.name, &self.company, &self.title, &self.phone, &self.email, &self.address, &self.nickname]
                .iter()
                .chain([&self.value, &self.source].iter())
                .map(|f| f.text())
                .collect();
        all.push(format!("{:?}{:?}{:?}", self.class.value(), self.style.value(), self.step.value()));
        all
    }

    fn field(&self, which: CustomerField) -> Option<&TextField> {
        Some(match which {
            CustomerField::Name => &self.name,
            CustomerField::Company => &self.company,
            CustomerField::Title => &self.title,
            CustomerField::Phone => &self.phone,
            CustomerField::Email => &self.email,
            CustomerField::Address => &self.address,
            CustomerField::Nickname => &self.nickname,
            CustomerField::Value => &self.value,
            CustomerField::Source => &self.source,
            CustomerField::Class | CustomerField::Style | CustomerField::Step => return None,
        })
    }

    fn field_mut(&mut self, which: CustomerField) -> Option<&mut TextField> {
        Some(match which {
            CustomerField::Name => &mut self.name,
            CustomerField::Company => &mut self.company,
            CustomerField::Title => &mut self.title,
            CustomerField::Phone => &mut self.phone,
            CustomerField::Email => &mut self.email,
            CustomerField::Address => &mut self.address,
            CustomerField::Nickname => &mut self.nickname,
            CustomerField::Value => &mut self.value,
            CustomerField::Source => &mut self.source,
            CustomerField::Class | CustomerField::Style | CustomerField::Step => return None,
        })
    }
}

/// The form field a domain error is about.
fn field_named(error: &DomainError) -> CustomerField {
    let name = match error {
        DomainError::MissingField { field } | DomainError::TooLong { field, .. } => *field,
        _ => "name",
    };
    match name {
        "company" => CustomerField::Company,
        "title" => CustomerField::Title,
        "phone" => CustomerField::Phone,
        "email" => CustomerField::Email,
        "address" => CustomerField::Address,
        "nickname" => CustomerField::Nickname,
        "source" => CustomerField::Source,
        _ => CustomerField::Name,
    }
}

#[cfg(test)]
mod tests;
