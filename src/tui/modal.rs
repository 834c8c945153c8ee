//! Modal forms and questions over the screens: the visit form, the quick note, the customer
//! form, the profile form, the objection form and picker, one-line prompts (lost reason, postpone date), the
//! deal checklist and confirmations. The widgets come from `widgets/`; this module opens them
//! for a purpose and turns their answers into store writes.

mod assess;
mod checklist;
mod contacts;
mod deals;
mod entries;
mod facts;
mod objections;
pub(crate) mod profile;
mod records;

pub use checklist::{MoveStart, start_move};

use chrono::NaiveTime;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::drafts::{Draft, DraftForm};
use super::keymap::{Keymap, ModalId};
use super::theme::Theme;
use super::widgets::checklist_panel::ChecklistPanel;
use super::widgets::contact_form::ContactForm;
use super::widgets::customer_form::{CustomerField, CustomerForm};
use super::widgets::customer_picker::CustomerPicker;
use super::widgets::deal_form::DealForm;
use super::widgets::dialog::{
    ConfirmDialog, ConfirmEvent, PromptDialog, PromptEvent, PromptKind, PromptValue, example_day,
};
use super::widgets::entry_list::{Entry, EntryList};
use super::widgets::fact_form::FactForm;
use super::widgets::guide_panel::GuidePanel;
use super::widgets::note_input::{NoteInput, NoteTarget};
use super::widgets::objection_form::ObjectionForm;
use super::widgets::objection_picker::ObjectionPicker;
use super::widgets::profile_form::ProfileForm;
use super::widgets::visit_form::{VisitField, VisitForm, VisitFormEvent, VisitMode, VisitTarget, visit_type_options};
use crate::domain::money::Rates;
use crate::domain::parse_when;
use crate::domain::{Contact, Fact, FactCategory, Step};
use crate::i18n::{Face, I18n};
use crate::ops;
use crate::playbook::Playbook;
use crate::store::Store;

/// A modal a screen asks the app to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalRequest {
    /// Plan a visit for a customer.
    PlanVisit { customer_id: i64, deal_id: Option<i64> },
    /// Log a visit that just happened.
    LogVisit { customer_id: i64, deal_id: Option<i64> },
    /// Log a planned visit (prefilled from it; saving updates it); a visit logged already opens
    /// as logged, its time kept, to fill in its result.
    LogAppointment(i64),
    /// Log a visit that did this open next step (its text the purpose; saving marks it done).
    LogForStep(i64),
    /// Plan a visit for this open next step (prefilled; saving marks the step done).
    PlanForStep(i64),
    /// Add a deal to a customer, starting in this step.
    NewDeal { customer_id: i64, stage: Step },
    /// Edit a deal's title, value, currency and expected close date.
    EditDeal(i64),
    /// Ask before a customer's open deal (`deal_id`, or its only one) is won, with its final value.
    Won { customer_id: i64, deal_id: Option<i64> },
    /// Ask before a won or lost deal is reopened.
    Reopen(i64),
    /// Ask why a customer's open deal (`deal_id`, or its only one) was lost, then mark it lost.
    LostReason { customer_id: i64, deal_id: Option<i64> },
    /// Ask for a new day: the appointment `visit_id` moves there, or the next step `step_id`.
    Postpone { customer_id: i64, visit_id: Option<i64>, step_id: Option<i64> },
    /// A quick note for a customer, or for the inbox.
    QuickNote(Option<i64>),
    /// Add a customer (and its first deal).
    AddCustomer,
    /// Edit a customer's basic record.
    EditCustomer(i64),
    /// Edit a customer's basic record with the cursor on one field.
    EditCustomerField(i64, CustomerField),
    /// Add a fact to a customer's record, in this category at first, about person `about`
    /// (else the account itself); `choose_category` puts the cursor on the category, else on
    /// the label.
    AddFact { customer_id: i64, category: FactCategory, choose_category: bool, about: Option<i64> },
    /// Edit a fact of the record.
    EditFact(i64),
    /// Ask, then delete a fact of the record.
    DeleteFact(i64),
    /// Add a person to a customer's account.
    AddContact(i64),
    /// Edit a person of an account.
    EditContact(i64),
    /// Ask, then remove a person from their account.
    RemoveContact(i64),
    /// Tick the checklist of the step of a customer's open deal.
    Checklist(i64),
    /// Log an objection on the customer's open deal.
    AddObjection(i64),
    /// Choose one of the open objections of the customer's open deal to mark resolved.
    ResolveObjection(i64),
    /// The customer's visits, notes and objections, to edit or delete one.
    Entries(i64),
    /// The inbox's notes, to attach one to a customer (or edit or delete it).
    Inbox,
    /// Fix a stored visit, planned or logged (the visit form prefilled; saving updates it).
    EditVisit(i64),
    /// Fix a stored note's text.
    EditNote(i64),
    /// Ask for the customer's name, then back up and delete them with everything under them.
    DeleteCustomer(i64),
    /// The self-assessment: the sixteen statements one after another.
    Assess,
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PromptFor {
    Lost {
        deal_id: i64,
        name: String,
    },
    Won {
        deal_id: i64,
        name: String,
    },
    Postpone {
        name: String,
        visit_id: Option<i64>,
        step_id: Option<i64>,
        time: Option<NaiveTime>,
    },
    /// The answer given to objection `id` of deal `deal_id`: saving resolves it.
    ObjectionAnswer {
        deal_id: i64,
        id: i64,
    },
}

/// What a yes/no question is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmFor {
    /// Move the customer's deal to `to`.
    Move { customer_id: i64, deal_id: i64, name: String, to: Step },
    /// Open a won or lost deal again.
    Reopen { deal_id: i64, name: String },
}

/// An open modal.
pub enum Modal {
    /// The visit form, and over it the playbook for its step while it is shown, or the
    /// objection form while one is logged from the visit (the visit form keeps its text
    /// underneath).
    Visit(Box<VisitForm>, Option<GuidePanel>, Option<Box<ObjectionForm>>),
    Note(Box<NoteInput>),
    Customer(Box<CustomerForm>),
    Objection(Box<ObjectionForm>),
    PickObjection(Box<ObjectionPicker>, objections::PickFor),
    Prompt(Box<PromptDialog>, PromptPurpose),
    /// Adding or editing a deal.
    Deal(Box<DealForm>),
    /// Adding or editing a fact of the customer record.
    Fact(Box<FactForm>),
    /// Class, personality, MAN, quadrant and cadence of a customer (see [`profile::open`]).
    Profile(Box<ProfileForm>),
    /// "Delete this fact?" with the fact and its customer's name.
    DeleteFact(Box<ConfirmDialog>, Box<(Fact, String)>),
    /// Adding or editing a person of an account.
    Contact(Box<ContactForm>),
    /// "Remove this person?" with the person.
    RemoveContact(Box<ConfirmDialog>, Box<Contact>),
    /// The checklist of a deal's step; each toggle is written at once.
    Checklist(Box<ChecklistPanel>),
    /// A yes/no question; yes does what it is for.
    Confirm(Box<ConfirmDialog>, ConfirmFor),
    /// A customer's visits, notes and objections, or the inbox.
    Entries(Box<EntryList>),
    /// "Delete this visit?" (or note, objection).
    ConfirmDelete(Box<ConfirmDialog>, Entry),
    /// The customer inbox note `.1` is filed under.
    PickCustomer(Box<CustomerPicker>, i64),
    /// "Type the name to delete": customer `.1`, named `.2`.
    DeleteCustomer(Box<PromptDialog>, i64, String),
    /// A statement of the self-assessment, and the sitting so far.
    Assess(Box<PromptDialog>, Box<assess::Sitting>),
}

/// The purpose of an open prompt (kept private to this module).
pub struct PromptPurpose(PromptFor);

/// What happened after a key in a modal.
pub enum ModalOutcome {
    /// Still open.
    Stay,
    /// Closed without a change.
    Close,
    /// Closed after a write; the message says what was saved.
    Saved(String),
    /// The write failed: the modal stays open with its text; show the error.
    Failed(anyhow::Error),
    /// Replaced by the next question of the same task (an objection picked, then its answer).
    Next(Box<Modal>),
    /// Closed after moving a deal to `to` (the board's focus follows it); with the message.
    DealMoved { to: Step, message: String },
    /// Still open; the message line says this.
    Info(String),
    /// Replaced by the modal for this request (an entry of a list opened in its form).
    Open(ModalRequest),
    /// Closed after a change `u` can undo (a delete); with the message.
    Undoable(Box<ops::undo::Undo>, String),
}

impl Modal {
    /// Opens the modal for `request`, reading what it shows from the store and `playbook`
    /// (the sales method in the UI language).
    pub fn open(
        request: ModalRequest,
        store: &Store,
        i18n: &I18n,
        playbook: &Playbook,
        money: &Rates,
    ) -> anyhow::Result<Self> {
        let clock = store.clock();
        let target = |customer_id: i64| -> anyhow::Result<VisitTarget> {
            let c = store.customer_ref(customer_id)?;
            Ok(VisitTarget { customer_id, customer_name: c.name, step: c.stage, visit_id: None })
        };
        Ok(match request {
            ModalRequest::PlanVisit { customer_id, deal_id } => visit_modal(
                with_account(VisitForm::plan(target(customer_id)?, clock), store, i18n, None, deal_id)?,
                playbook,
            ),
            ModalRequest::LogVisit { customer_id, deal_id } => visit_modal(
                with_account(VisitForm::log(target(customer_id)?, clock), store, i18n, None, deal_id)?,
                playbook,
            ),
            ModalRequest::LogAppointment(visit_id) => {
                let visit = store.visit(visit_id)?;
                let ticks = store.visit_ticks(visit_id)?;
                // A visit logged already (one missing its result) keeps its time and fields:
                // it opens as it was logged, at its actual result.
                let form = if visit.done_at.is_some() {
                    VisitForm::edit(target(visit.customer_id)?, &visit, ticks, clock).focused_on(VisitField::Actual)
                } else {
                    VisitForm::log_appointment(target(visit.customer_id)?, &visit, ticks, clock)
                };
                visit_modal(with_account(form, store, i18n, Some(visit_id), visit.deal_id)?, playbook)
            }
            ModalRequest::LogForStep(step_id) | ModalRequest::PlanForStep(step_id) => {
                let (step, _) = ops::next_steps::visit_for(store, step_id)?;
                let mode =
                    if matches!(request, ModalRequest::LogForStep(_)) { VisitMode::Log } else { VisitMode::Plan };
                let form = VisitForm::for_step(mode, target(step.customer_id)?, &step, clock);
                visit_modal(with_account(form, store, i18n, None, step.deal_id)?, playbook)
            }
            ModalRequest::LostReason { customer_id, deal_id } => {
                let deal = ops::deals::pick(store, customer_id, deal_id, true)?;
                let name = deal_name(store, &deal)?;
                let title = i18n.fmt("tui.modal.lost_title", &[("name", &name)]);
                let dialog =
                    PromptDialog::new(title, i18n.t("tui.modal.lost_label"), PromptKind::Required { field: "reason" });
                Self::Prompt(Box::new(dialog), PromptPurpose(PromptFor::Lost { deal_id: deal.id, name }))
            }
            ModalRequest::Postpone { customer_id, visit_id, step_id } => {
                let name = store.customer_ref(customer_id)?.name;
                let time = match (visit_id, step_id) {
                    (Some(v), _) => store.visit(v)?.planned_at.map(|t| t.time()),
                    (None, Some(s)) => store.next_step(s)?.due_time,
                    (None, None) => None,
                };
                let title = i18n.fmt("tui.modal.postpone_title", &[("name", &name)]);
                let dialog = PromptDialog::new(
                    title,
                    i18n.fmt("tui.modal.postpone_label", &[("day", &example_day(clock.today(), i18n))]),
                    PromptKind::When { today: clock.today() },
                );
                Self::Prompt(Box::new(dialog), PromptPurpose(PromptFor::Postpone { name, visit_id, step_id, time }))
            }
            ModalRequest::QuickNote(customer_id) => {
                let customer_name = match customer_id {
                    Some(id) => store.customer_ref(id)?.name,
                    None => String::new(),
                };
                Self::Note(Box::new(NoteInput::new(NoteTarget { customer_id, customer_name, note_id: None })))
            }
            ModalRequest::AddCustomer => {
                Self::Customer(Box::new(CustomerForm::new(Step::Preparation).with_currency(money.base)))
            }
            ModalRequest::EditCustomer(id) => Self::Customer(Box::new(CustomerForm::edit(&store.customer(id)?, i18n))),
            ModalRequest::EditCustomerField(id, field) => {
                Self::Customer(Box::new(CustomerForm::edit(&store.customer(id)?, i18n).focused_on(field)))
            }
            ModalRequest::AddFact { customer_id, category, choose_category, about } => {
                facts::add(customer_id, category, choose_category, about, store)?
            }
            ModalRequest::EditFact(id) => facts::edit(id, store)?,
            ModalRequest::NewDeal { customer_id, stage } => deals::new(store, customer_id, stage, money.base)?,
            ModalRequest::EditDeal(id) => deals::edit(store, id)?,
            ModalRequest::Won { customer_id, deal_id } => deals::ask_won(store, i18n, customer_id, deal_id)?,
            ModalRequest::Reopen(id) => deals::ask_reopen(store, i18n, id)?,
            ModalRequest::DeleteFact(id) => facts::ask_delete(id, store, i18n)?,
            ModalRequest::AddContact(id) => contacts::add(id, store, i18n)?,
            ModalRequest::EditContact(id) => contacts::edit(id, store, i18n)?,
            ModalRequest::RemoveContact(id) => contacts::ask_remove(id, store, i18n)?,
            ModalRequest::Checklist(id) => checklist::open_checklist(store, playbook, id)?,
            ModalRequest::AddObjection(id) => Self::Objection(Box::new(objections::form(id, store, playbook)?)),
            ModalRequest::ResolveObjection(id) => objections::picker(id, store, i18n)?,
            ModalRequest::Entries(id) => entries::list(id, store, i18n)?,
            ModalRequest::Inbox => entries::inbox(store, i18n)?,
            ModalRequest::EditVisit(visit_id) => {
                let visit = store.visit(visit_id)?;
                let ticks = store.visit_ticks(visit_id)?;
                let form = VisitForm::edit(target(visit.customer_id)?, &visit, ticks, clock);
                visit_modal(with_account(form, store, i18n, Some(visit_id), visit.deal_id)?, playbook)
            }
            ModalRequest::EditNote(id) => {
                let note = store.note(id)?;
                let customer_name = match note.customer_id {
                    Some(c) => store.customer_ref(c)?.name,
                    None => String::new(),
                };
                let target = NoteTarget { customer_id: note.customer_id, customer_name, note_id: None };
                Self::Note(Box::new(NoteInput::edit(target, id, &note.body)))
            }
            ModalRequest::DeleteCustomer(id) => entries::ask_delete_customer(id, store, i18n)?,
            ModalRequest::Assess => assess::open(playbook, i18n)?,
        })
    }

    /// True when closing now would lose typed text.
    pub fn is_dirty(&self) -> bool {
        match self {
            Self::Visit(form, _, objection) => form.is_dirty() || objection.as_ref().is_some_and(|o| o.is_dirty()),
            Self::Note(note) => note.is_dirty(),
            Self::Customer(form) => form.is_dirty(),
            Self::Objection(form) => form.is_dirty(),
            Self::PickObjection(..) => false,
            Self::Prompt(dialog, _) => dialog.is_dirty(),
            Self::Fact(form) => form.is_dirty(),
            Self::Contact(form) => form.is_dirty(),
            Self::Deal(form) => form.is_dirty(),
            Self::Profile(form) => form.is_dirty(),
            Self::PickCustomer(picker, _) => !picker.query().is_empty(),
            Self::DeleteCustomer(dialog, ..) => dialog.is_dirty(),
            Self::Assess(dialog, sitting) => dialog.is_dirty() || sitting.started(),
            Self::RemoveContact(..)
            | Self::DeleteFact(..)
            | Self::Checklist(_)
            | Self::Confirm(..)
            | Self::Entries(_)
            | Self::ConfirmDelete(..) => false,
        }
    }

    /// Reopens a form from a draft left by a crash; `None` for drafts this modal cannot show.
    /// A visit draft gets its account's people and open deals again, with the deal it was for.
    pub fn from_draft(draft: &Draft, store: &Store, i18n: &I18n, playbook: &Playbook) -> Option<Self> {
        match &draft.form {
            DraftForm::Visit(v) => {
                let form = VisitForm::from_draft(v, store.clock());
                let visit_id = v.target.visit_id;
                // Without its account (removed meanwhile) the text is still offered back.
                let form = match with_account(form.clone(), store, i18n, visit_id, v.text.deal) {
                    Ok(filled) => filled,
                    Err(_) => form,
                };
                Some(visit_modal(form, playbook))
            }
            DraftForm::Note(n) => Some(Self::Note(Box::new(NoteInput::from_draft(n)))),
            DraftForm::Objection(o) => Some(Self::Objection(Box::new(ObjectionForm::from_draft(o, playbook)))),
        }
    }

    /// The draft of the open form and its revision (a prompt has none).
    pub fn draft(&self) -> Option<(DraftForm, u64)> {
        match self {
            Self::Visit(form, ..) => Some((DraftForm::Visit(Box::new(form.draft())), form.revision())),
            Self::Note(note) => Some((DraftForm::Note(note.draft()), note.revision())),
            Self::Objection(form) => Some((DraftForm::Objection(form.draft()), form.revision())),
            Self::Customer(_)
            | Self::Prompt(..)
            | Self::Fact(_)
            | Self::Contact(_)
            | Self::RemoveContact(..)
            | Self::Deal(_)
            | Self::Profile(_)
            | Self::DeleteFact(..)
            | Self::Checklist(_)
            | Self::Confirm(..)
            | Self::Entries(_)
            | Self::ConfirmDelete(..)
            | Self::PickCustomer(..)
            | Self::DeleteCustomer(..)
            | Self::Assess(..)
            | Self::PickObjection(..) => None,
        }
    }

    /// The open visit form, if that is what is open.
    pub fn visit_form(&self) -> Option<&VisitForm> {
        match self {
            Self::Visit(form, ..) => Some(form),
            _ => None,
        }
    }

    /// The key context of what has the keys now (the discard question over a form: the
    /// dialog's); `None` while the playbook page over the visit form takes any key.
    pub fn key_context(&self) -> Option<ModalId> {
        Some(match self {
            Self::Visit(_, Some(_), _) => return None,
            Self::Visit(_, _, Some(objection)) => objection.key_context(),
            Self::Visit(form, ..) => form.key_context(),
            Self::Note(note) => note.key_context(),
            Self::Customer(form) => form.key_context(),
            Self::Objection(form) => form.key_context(),
            Self::Fact(form) => form.key_context(),
            Self::Contact(form) => form.key_context(),
            Self::Deal(form) => form.key_context(),
            Self::Profile(form) => form.key_context(),
            Self::PickObjection(..) => ModalId::ObjectionPicker,
            Self::Prompt(..) | Self::DeleteCustomer(..) | Self::Assess(..) => ModalId::Prompt,
            Self::Checklist(_) => ModalId::Checklist,
            Self::Entries(_) => ModalId::EntryList,
            Self::PickCustomer(..) => ModalId::CustomerPicker,
            Self::DeleteFact(..) | Self::RemoveContact(..) | Self::Confirm(..) | Self::ConfirmDelete(..) => {
                ModalId::Dialog
            }
        })
    }

    /// Takes pasted text into the focused text box of a note or visit form as one edit; false
    /// when this modal reads a paste as keys instead.
    pub fn paste(&mut self, text: &str) -> bool {
        match self {
            Self::Visit(form, None, None) => form.paste(text),
            Self::Note(note) => note.paste(text),
            _ => false,
        }
    }

    /// True when the focused text box keeps `key` for typing (it is text, not a command).
    pub fn claims(&self, key: &KeyEvent) -> bool {
        match self {
            Self::Visit(_, Some(_), _) => true,
            Self::Visit(_, _, Some(objection)) => objection.claims(key),
            Self::Visit(form, ..) => form.claims(key),
            Self::Note(note) => note.claims(key),
            Self::Customer(form) => form.claims(key),
            Self::Objection(form) => form.claims(key),
            Self::Fact(form) => form.claims(key),
            Self::Contact(form) => form.claims(key),
            Self::Deal(form) => form.claims(key),
            Self::Profile(form) => form.claims(key),
            Self::Prompt(dialog, _) => dialog.claims(key),
            Self::PickCustomer(picker, _) => picker.claims(key),
            Self::DeleteCustomer(dialog, ..) | Self::Assess(dialog, _) => dialog.claims(key),
            Self::Entries(_) | Self::ConfirmDelete(..) => false,
            Self::PickObjection(..)
            | Self::Checklist(_)
            | Self::DeleteFact(..)
            | Self::RemoveContact(..)
            | Self::Confirm(..) => false,
        }
    }

    /// Feeds a key, read through `keymap`; saves through `store` when the user confirms. A
    /// failed save keeps the modal open with everything typed and the error shown in it.
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        store: &mut Store,
        i18n: &I18n,
        playbook: &Playbook,
        keymap: &Keymap,
        money: &Rates,
    ) -> ModalOutcome {
        match self {
            Self::Visit(_, guide @ Some(_), _) => {
                *guide = None;
                ModalOutcome::Stay
            }
            Self::Visit(form, _, objection @ Some(_)) => {
                objections::over_visit(form, objection, key, store, i18n, keymap)
            }
            Self::Visit(form, guide, objection) => match form.handle_key(key, i18n, keymap) {
                VisitFormEvent::None => ModalOutcome::Stay,
                VisitFormEvent::LogObjection => {
                    match objections::form(form.target().customer_id, store, playbook) {
                        Ok(opened) => *objection = Some(Box::new(opened)),
                        Err(e) => form.set_error(i18n.error(&e, Face::App)),
                    }
                    ModalOutcome::Stay
                }
                VisitFormEvent::ShowPlaybook => {
                    *guide = form.target().step.map(|step| step_guide(step, i18n, playbook));
                    ModalOutcome::Stay
                }
                VisitFormEvent::Cancel => ModalOutcome::Close,
                VisitFormEvent::Save(input) => {
                    let target = form.target().clone();
                    let result = match target.visit_id {
                        Some(id) => store.update_visit(id, *input),
                        None => store.add_visit_for(target.customer_id, form.deal_id(), *input).map(|_| ()),
                    };
                    match result {
                        Ok(()) => {
                            ModalOutcome::Saved(i18n.fmt("tui.modal.visit_saved", &[("name", &target.customer_name)]))
                        }
                        Err(e) => {
                            form.set_error(i18n.localize(&e, Face::App));
                            ModalOutcome::Stay
                        }
                    }
                }
            },
            Self::Note(note) => records::note_key(note, key, store, i18n, keymap),
            Self::Customer(form) => records::customer_key(form, key, store, i18n, keymap),
            Self::Fact(form) => facts::form_key(form, key, store, i18n, keymap),
            Self::Contact(form) => contacts::form_key(form, key, store, i18n, keymap),
            Self::RemoveContact(dialog, person) => contacts::remove_key(dialog, person, key, store, i18n, keymap),
            Self::Deal(form) => deals::form_key(form, key, store, i18n, keymap, money.base),
            Self::Profile(form) => profile::form_key(form, key, store, i18n, keymap),
            Self::DeleteFact(dialog, fact) => facts::delete_key(dialog, fact, key, store, i18n, keymap),
            Self::Objection(form) => objections::form_key(form, key, store, i18n, keymap),
            Self::PickObjection(picker, purpose) => objections::pick_key(picker, purpose, key, store, i18n, keymap),
            Self::Prompt(dialog, purpose) => match dialog.handle_key(key, i18n, keymap) {
                PromptEvent::None => ModalOutcome::Stay,
                PromptEvent::Cancel => ModalOutcome::Close,
                PromptEvent::Submit(value) => match answer(&purpose.0, value, store, i18n) {
                    Ok(message) => ModalOutcome::Saved(message),
                    Err(e) => ModalOutcome::Failed(e),
                },
            },
            Self::Checklist(panel) => checklist::checklist_key(panel, key, store, i18n, keymap),
            Self::Confirm(dialog, purpose) => match dialog.handle_key(key, keymap) {
                ConfirmEvent::None => ModalOutcome::Stay,
                ConfirmEvent::No => ModalOutcome::Close,
                ConfirmEvent::Yes => checklist::confirmed(purpose, store, playbook, i18n),
            },
            Self::Entries(list) => match entries::list_key(list, key, store, i18n, keymap) {
                Ok(Some(outcome)) => outcome,
                Ok(None) => ModalOutcome::Stay,
                Err(e) => ModalOutcome::Failed(e),
            },
            Self::ConfirmDelete(dialog, entry) => entries::delete_key(dialog, *entry, key, store, i18n, keymap),
            Self::PickCustomer(picker, note) => entries::pick_key(picker, *note, key, store, i18n, keymap),
            Self::DeleteCustomer(dialog, id, name) => match dialog.handle_key(key, i18n, keymap) {
                PromptEvent::None => ModalOutcome::Stay,
                PromptEvent::Cancel => ModalOutcome::Close,
                PromptEvent::Submit(PromptValue::Text(typed)) => {
                    entries::delete_customer(*id, name, &typed, store, i18n, keymap)
                }
                PromptEvent::Submit(PromptValue::When(_)) => ModalOutcome::Stay,
            },
            Self::Assess(dialog, sitting) => assess::assess_key(dialog, sitting, key, store, i18n, keymap),
        }
    }

    /// Draws the modal over `area`, with the keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        match self {
            Self::Visit(form, guide, objection) => {
                form.render(frame, area, theme, i18n, keymap);
                if let Some(guide) = guide {
                    guide.render(frame, area, theme, i18n);
                }
                if let Some(objection) = objection {
                    objection.render(frame, area, theme, i18n, keymap);
                }
            }
            Self::Note(note) => note.render(frame, area, theme, i18n, keymap),
            Self::Customer(form) => form.render(frame, area, theme, i18n, keymap),
            Self::Objection(form) => form.render(frame, area, theme, i18n, keymap),
            Self::PickObjection(picker, _) => picker.render(frame, area, theme, i18n, keymap),
            Self::Prompt(dialog, _) => dialog.render(frame, area, theme, i18n, keymap),
            Self::Fact(form) => form.render(frame, area, theme, i18n, keymap),
            Self::Contact(form) => form.render(frame, area, theme, i18n, keymap),
            Self::RemoveContact(dialog, _) => dialog.render(frame, area, theme, i18n, keymap),
            Self::Deal(form) => form.render(frame, area, theme, i18n, keymap),
            Self::Profile(form) => form.render(frame, area, theme, i18n, keymap),
            Self::DeleteFact(dialog, _) => dialog.render(frame, area, theme, i18n, keymap),
            Self::Checklist(panel) => panel.render(frame, area, theme, i18n, keymap),
            Self::Confirm(dialog, _) => dialog.render(frame, area, theme, i18n, keymap),
            Self::Entries(list) => list.render(frame, area, theme, i18n, keymap),
            Self::ConfirmDelete(dialog, _) => dialog.render(frame, area, theme, i18n, keymap),
            Self::PickCustomer(picker, _) => picker.render(frame, area, theme, i18n, keymap),
            Self::DeleteCustomer(dialog, ..) | Self::Assess(dialog, _) => {
                dialog.render(frame, area, theme, i18n, keymap)
            }
        }
    }
}

/// Gives a visit form its account's people to tick as met (with those already recorded for
/// `visit_id`) and the open deals it may be for, `deal_id` chosen (a board card's, the one in
/// view, a planned visit's own; else the newest).
fn with_account(
    mut form: VisitForm,
    store: &Store,
    i18n: &I18n,
    visit_id: Option<i64>,
    deal_id: Option<i64>,
) -> anyhow::Result<VisitForm> {
    let customer_id = form.target().customer_id;
    let people = store.contacts_of(customer_id)?.into_iter().map(|p| (p.id, p.name)).collect();
    let met = match visit_id {
        Some(v) => store.met_by_visit(customer_id)?.remove(&v).unwrap_or_default(),
        None => Vec::new(),
    };
    form.set_people(people, &met);
    let deals = store
        .open_deals_of(customer_id)?
        .into_iter()
        .map(|d| {
            let step = i18n.word(d.stage);
            let label = if d.title.is_empty() {
                format!("#{} {step}", d.id)
            } else {
                format!("#{} {} · {step}", d.id, d.title)
            };
            (d.id, label)
        })
        .collect();
    form.set_deals(deals, deal_id);
    Ok(form)
}

/// The visit form as a modal, with the playbook's suggested purposes for its step
/// and its visit types (the user's own types included).
fn visit_modal(mut form: VisitForm, playbook: &Playbook) -> Modal {
    if let Some(step) = form.target().step {
        form.set_suggestions(playbook.step(step).purposes.clone());
    }
    form.set_types(visit_type_options(playbook));
    Modal::Visit(Box::new(form), None, None)
}

/// The playbook's page for `step`: goal, checklist, questions and suggested purposes.
fn step_guide(step: Step, i18n: &I18n, playbook: &Playbook) -> GuidePanel {
    let guide = playbook.step(step);
    let title = i18n.fmt("forms.guide.title", &[("step", &i18n.word(step))]);
    GuidePanel::new(
        title,
        vec![
            (i18n.t("forms.guide.goal"), vec![guide.goal.clone()]),
            (i18n.t("forms.guide.checklist"), guide.checklist.clone()),
            (i18n.t("forms.guide.questions"), guide.questions.clone()),
            (i18n.t("forms.guide.purposes"), guide.purposes.clone()),
        ],
    )
}

/// `王伟 · Pumps for line 2`: the customer's name and the deal's title (when it has one).
fn deal_name(store: &Store, deal: &crate::domain::Deal) -> anyhow::Result<String> {
    let name = store.customer_ref(deal.customer_id)?.name;
    Ok(if deal.title.is_empty() { name } else { format!("{name} · {}", deal.title) })
}

/// Writes a prompt's answer; returns the message to show.
fn answer(purpose: &PromptFor, value: PromptValue, store: &mut Store, i18n: &I18n) -> anyhow::Result<String> {
    match purpose {
        PromptFor::Won { deal_id, name } => {
            let value = match value {
                PromptValue::Text(t) => t,
                PromptValue::When(w) => w.display(),
            };
            deals::won(store, i18n, *deal_id, name, &value)
        }
        PromptFor::Lost { deal_id, name } => {
            let reason = match value {
                PromptValue::Text(t) => t,
                PromptValue::When(w) => w.display(),
            };
            let closed = ops::deals::lose(store, *deal_id, &reason)?;
            Ok(i18n.fmt("tui.modal.lost_saved", &[("name", name)]) + &closed.steps_said(i18n))
        }
        PromptFor::ObjectionAnswer { deal_id, id } => {
            let answer = match value {
                PromptValue::Text(t) => t,
                PromptValue::When(w) => w.display(),
            };
            store.resolve_objection(*deal_id, *id, Some(&answer))?;
            Ok(i18n.fmt("playbook.objection.resolved", &[("n", id)]))
        }
        PromptFor::Postpone { name, visit_id, step_id, time } => {
            let when = match value {
                PromptValue::When(w) => w,
                PromptValue::Text(t) => parse_when(&t, store.clock().today())?,
            };
            match (visit_id, step_id) {
                (Some(v), _) => {
                    let at = when.date.and_time(when.time.or(*time).unwrap_or(NaiveTime::MIN));
                    store.reschedule_visit(*v, at)?;
                }
                (None, Some(s)) => store.postpone_step(*s, when.date, when.time)?,
                (None, None) => return Err(crate::store::StoreError::NotFound { what: "next step", id: 0 }.into()),
            }
            Ok(i18n.fmt("tui.modal.postponed", &[("name", name), ("date", &i18n.day(when.date))]))
        }
    }
}
