//! The visit form: plan a visit or log one, with its purpose, action plan and expected result
//! (required), then its type, channel, when, the type's in-visit checklist (when logging),
//! actual result, outcome, topic for next time and next step.

mod input;
mod kind;
mod view;

pub use kind::{VisitTypeOption, visit_type_options};

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use serde::{Deserialize, Serialize};

use super::choice::Choice;
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::Notice;
use super::text_field::TextField;
use super::tick_list::TickList;
use super::typed_pick::TypedPick;
use crate::clock::Clock;
use crate::domain::when::format_stored_datetime;
use crate::domain::{Channel, NextStep, Outcome, Step, Visit, VisitInput, VisitKind};
use crate::i18n::{Face, I18n};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, ModalId};

/// Whether the form plans a visit to come or logs one that happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitMode {
    /// "When" is the appointment time (`planned_at`).
    Plan,
    /// "When" is the time it happened (`done_at`).
    Log,
}

/// Whom the visit is with, and which stored visit it edits (an appointment being logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitTarget {
    pub customer_id: i64,
    /// Shown in the title.
    pub customer_name: String,
    /// Step of the open deal, shown in the title.
    pub step: Option<Step>,
    /// `Some` when saving updates this visit instead of adding one.
    pub visit_id: Option<i64>,
}

/// The fields of the form as typed (dates as text, e.g. `fri 10:00`): what a draft keeps and
/// what "unsaved" compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFormText {
    pub purpose: String,
    pub action_plan: String,
    pub expected_result: String,
    pub channel: Channel,
    pub when: String,
    pub actual_result: String,
    pub outcome: Option<Outcome>,
    pub next_topic: String,
    pub next_step: String,
    pub next_on: String,
    /// The visit's type; `None` only in drafts written before the form had one (the type kept
    /// in the draft's base is used then).
    #[serde(default)]
    pub kind: Option<VisitKind>,
    /// Ticked items (1-based) of the type's in-visit checklist.
    #[serde(default)]
    pub ticks: Vec<u32>,
    /// Ids of the account's people ticked as met (or to meet).
    #[serde(default)]
    pub met: Vec<i64>,
    /// The open deal the visit is for, when one was chosen.
    #[serde(default)]
    pub deal: Option<i64>,
}

/// A field of the visit form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitField {
    Purpose,
    ActionPlan,
    Expected,
    Type,
    Channel,
    When,
    /// The type's in-visit checklist (logging only, when the type has one).
    Checklist,
    Actual,
    Outcome,
    NextTopic,
    NextStep,
    NextOn,
    /// Which of the account's people the visit met (or is to meet), when it has people.
    Met,
    /// Which of the account's open deals the visit is for, when it has several.
    Deal,
}

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum VisitFormEvent {
    /// Still editing.
    None,
    /// Save with valid input: store it (`add_visit`, or `update_visit` when the target has a
    /// visit id). The form stays as it is until the app closes it or calls `set_error`.
    Save(Box<VisitInput>),
    /// Closed without saving (nothing typed, or the user confirmed discarding).
    Cancel,
    /// Show the playbook for the target's step.
    ShowPlaybook,
    /// Log an objection on the target's deal (the form stays open under it).
    LogObjection,
}

/// The state of an open visit form.
#[derive(Debug, Clone)]
pub struct VisitForm {
    mode: VisitMode,
    target: VisitTarget,
    today: NaiveDate,
    /// When the form was opened: a time alone typed while logging looks back from it.
    now: NaiveDateTime,
    /// Values not on the form that the saved input keeps (an appointment's planned time).
    base: VisitInput,
    purpose: TextField,
    action_plan: TextField,
    expected: TextField,
    channel: Choice<Channel>,
    when: TextField,
    actual: TextField,
    outcome: Choice<Outcome>,
    next_topic: TextField,
    next_step: TextField,
    next_on: TextField,
    kind: VisitKind,
    /// The types offered, with their checklists (see `set_types`).
    types: Vec<VisitTypeOption>,
    ticks: Vec<u32>,
    /// The checklist item with the cursor (0-based).
    tick_cursor: usize,
    /// Letters typed on the type, the deal or the checklist, which pick the one they start.
    typed: TypedPick,
    /// The account's people (id, name) offered to tick as met; see `set_people`.
    people: Vec<(i64, String)>,
    met: TickList,
    /// The account's open deals (id, label) the visit may be for; see `set_deals`.
    deals: Vec<(i64, String)>,
    /// The chosen one of `deals`.
    deal_at: usize,
    focus: VisitField,
    notice: Option<Notice>,
    confirming_discard: bool,
    suggestions: Vec<String>,
    next_suggestion: usize,
    initial: VisitFormText,
    /// Reopened from a draft: unsaved even before a key is pressed.
    restored: bool,
    /// Fixing a stored visit (planned or logged): the title says so.
    editing: bool,
    revision: u64,
}

impl VisitForm {
    /// An empty form to plan a visit; "when" starts empty.
    pub fn plan(target: VisitTarget, clock: Clock) -> Self {
        Self::build(VisitMode::Plan, target, clock.now(), VisitInput::blank(), &blank_text(String::new()))
    }

    /// An empty form to log a visit that just happened; "when" starts at now.
    pub fn log(target: VisitTarget, clock: Clock) -> Self {
        let text = blank_text(format_stored_datetime(clock.now()));
        Self::build(VisitMode::Log, target, clock.now(), VisitInput::blank(), &text)
    }

    /// A form to log `appointment`: its purpose, plan, expected result, channel, type,
    /// checklist `ticks`, topic for next time and next step (typed when it was planned) are copied, "when" starts at its planned time (a rep logging in the
    /// evening keeps the morning's time; editable), and saving updates the appointment (its
    /// planned time is kept).
    pub fn log_appointment(mut target: VisitTarget, appointment: &Visit, ticks: Vec<u32>, clock: Clock) -> Self {
        target.visit_id = Some(appointment.id);
        let base = VisitInput {
            planned_at: appointment.planned_at,
            notes: appointment.notes.clone(),
            kind: appointment.kind.clone(),
            ..VisitInput::blank()
        };
        let text = VisitFormText {
            purpose: appointment.purpose.clone(),
            action_plan: appointment.action_plan.clone(),
            expected_result: appointment.expected_result.clone(),
            channel: appointment.channel,
            kind: Some(appointment.kind.clone()),
            ticks,
            actual_result: appointment.actual_result.clone(),
            outcome: appointment.outcome,
            next_topic: appointment.next_topic.clone(),
            next_step: appointment.next_step.clone(),
            next_on: appointment.next_step_on.map(|d| d.to_string()).unwrap_or_default(),
            ..blank_text(format_stored_datetime(appointment.planned_at.unwrap_or_else(|| clock.now())))
        };
        Self::build(VisitMode::Log, target, clock.now(), base, &text)
    }

    /// A form holding stored `visit` to fix it: a logged one is logged again (its time, result,
    /// outcome, ticks `ticks` and next step), a planned one planned again; saving updates it.
    pub fn edit(mut target: VisitTarget, visit: &Visit, ticks: Vec<u32>, clock: Clock) -> Self {
        target.visit_id = Some(visit.id);
        let mode = if visit.done_at.is_some() { VisitMode::Log } else { VisitMode::Plan };
        let base = VisitInput {
            planned_at: visit.planned_at,
            done_at: visit.done_at,
            notes: visit.notes.clone(),
            kind: visit.kind.clone(),
            actual_result: visit.actual_result.clone(),
            outcome: visit.outcome,
            ..VisitInput::blank()
        };
        let when = visit.at().map(format_stored_datetime).unwrap_or_default();
        let text = VisitFormText {
            purpose: visit.purpose.clone(),
            action_plan: visit.action_plan.clone(),
            expected_result: visit.expected_result.clone(),
            channel: visit.channel,
            kind: Some(visit.kind.clone()),
            ticks,
            actual_result: visit.actual_result.clone(),
            outcome: visit.outcome,
            next_topic: visit.next_topic.clone(),
            next_step: visit.next_step.clone(),
            next_on: visit.next_step_on.map(|d| d.to_string()).unwrap_or_default(),
            ..blank_text(when)
        };
        let mut form = Self::build(mode, target, clock.now(), base, &text);
        form.editing = true;
        form
    }

    /// A form for open next step `step` (its text as the purpose): planning starts "when" at
    /// its due day (and time), logging at now; saving marks the step done by the visit.
    pub fn for_step(mode: VisitMode, target: VisitTarget, step: &NextStep, clock: Clock) -> Self {
        let base = VisitInput { does_step: Some(step.id), ..VisitInput::blank() };
        let when = match mode {
            VisitMode::Plan => match step.due_time {
                Some(t) => format_stored_datetime(step.due_on.and_time(t)),
                None => step.due_on.to_string(),
            },
            VisitMode::Log => format_stored_datetime(clock.now()),
        };
        let text = VisitFormText { purpose: step.text.clone(), ..blank_text(when) };
        Self::build(mode, target, clock.now(), base, &text)
    }

    /// Reopens a form from a draft; it counts as unsaved from the start.
    pub fn from_draft(draft: &VisitDraft, clock: Clock) -> Self {
        let mut form = Self::build(draft.mode, draft.target.clone(), clock.now(), draft.base.clone(), &draft.text);
        form.restored = true;
        form
    }

    fn build(mode: VisitMode, target: VisitTarget, now: NaiveDateTime, base: VisitInput, text: &VisitFormText) -> Self {
        let kind = text.kind.clone().unwrap_or_else(|| base.kind.clone());
        Self {
            mode,
            target,
            today: now.date(),
            now,
            base,
            purpose: TextField::multi(&text.purpose),
            action_plan: TextField::multi(&text.action_plan),
            expected: TextField::multi(&text.expected_result),
            channel: Choice::required(text.channel),
            when: TextField::single(&text.when),
            actual: TextField::multi(&text.actual_result),
            outcome: Choice::optional(text.outcome),
            next_topic: TextField::single(&text.next_topic),
            next_step: TextField::single(&text.next_step),
            next_on: TextField::single(&text.next_on),
            kind,
            types: Vec::new(),
            ticks: text.ticks.clone(),
            tick_cursor: 0,
            typed: TypedPick::default(),
            people: Vec::new(),
            met: TickList::default(),
            deals: Vec::new(),
            deal_at: 0,
            focus: VisitField::Purpose,
            notice: None,
            confirming_discard: false,
            suggestions: Vec::new(),
            next_suggestion: 0,
            initial: text.clone(),
            restored: false,
            editing: false,
            revision: 0,
        }
    }

    /// The account's people (id, name) to tick as met; those in `met` start ticked (an
    /// appointment's people, a draft's ticks).
    pub fn set_people(&mut self, people: Vec<(i64, String)>, met: &[i64]) {
        let mut met = met.to_vec();
        met.extend(self.initial.met.iter().copied());
        self.met = TickList::new(people.iter().map(|(id, name)| (met.contains(id), name.clone())).collect());
        self.people = people;
        self.initial.met = self.met_ids();
    }

    /// The account's open deals (id, label) the visit may be for, `chosen` (else the last one)
    /// picked; the form asks only when there are several.
    pub fn set_deals(&mut self, deals: Vec<(i64, String)>, chosen: Option<i64>) {
        self.deal_at =
            chosen.and_then(|c| deals.iter().position(|(id, _)| *id == c)).unwrap_or(deals.len().saturating_sub(1));
        self.deals = deals;
        // The deal it opens with is not a change the rep made.
        self.initial.deal = self.deal_id();
    }

    /// The deal the visit is for, when the account has open deals.
    pub fn deal_id(&self) -> Option<i64> {
        self.deals.get(self.deal_at).map(|(id, _)| *id)
    }

    /// The chosen deal's label.
    pub fn deal_label(&self) -> String {
        self.deals.get(self.deal_at).map(|(_, label)| label.clone()).unwrap_or_default()
    }

    fn cycle_deal(&mut self, by: isize) -> bool {
        let len = self.deals.len() as isize;
        if len < 2 {
            return false;
        }
        self.deal_at = ((self.deal_at as isize + by).rem_euclid(len)) as usize;
        true
    }

    /// The ids of the people ticked as met.
    fn met_ids(&self) -> Vec<i64> {
        self.met.ticked().into_iter().filter_map(|i| self.people.get(i).map(|(id, _)| *id)).collect()
    }

    /// Purposes "suggest purpose" offers for the target's step, in order.
    pub fn set_suggestions(&mut self, suggestions: Vec<String>) {
        self.suggestions = suggestions;
        self.next_suggestion = 0;
    }

    /// Shows an error (e.g. from the store) and keeps every field as typed.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// Shows a message under the fields (e.g. that an objection was logged from the form).
    pub fn set_notice(&mut self, notice: Notice) {
        self.notice = Some(notice);
    }

    /// Plan or log.
    pub fn mode(&self) -> VisitMode {
        self.mode
    }

    /// Whom the visit is with.
    pub fn target(&self) -> &VisitTarget {
        &self.target
    }

    /// The field with the cursor.
    pub fn focus(&self) -> VisitField {
        self.focus
    }

    /// The form with the cursor in `field` (when the form has it).
    pub fn focused_on(mut self, field: VisitField) -> Self {
        if self.fields().contains(&field) {
            self.focus = field;
        }
        self
    }

    /// True while the "discard what you typed?" question is shown.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    /// True when the text differs from what the form opened with (or it came from a draft).
    pub fn is_dirty(&self) -> bool {
        self.restored || self.text() != self.initial
    }

    /// Goes up by one whenever the text changes: write the draft only when it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Everything needed to reopen this form after a crash.
    pub fn draft(&self) -> VisitDraft {
        VisitDraft { mode: self.mode, target: self.target.clone(), base: self.base.clone(), text: self.text() }
    }

    /// The fields as typed.
    pub fn text(&self) -> VisitFormText {
        VisitFormText {
            purpose: self.purpose.text(),
            action_plan: self.action_plan.text(),
            expected_result: self.expected.text(),
            channel: self.channel.value().unwrap_or(Channel::InPerson),
            when: self.when.text(),
            actual_result: self.actual.text(),
            outcome: self.outcome.value(),
            next_topic: self.next_topic.text(),
            next_step: self.next_step.text(),
            next_on: self.next_on.text(),
            kind: Some(self.kind.clone()),
            ticks: self.ticks.clone(),
            met: if self.people.is_empty() { self.initial.met.clone() } else { self.met_ids() },
            deal: self.deal_id(),
        }
    }

    /// The fields shown in this mode, in Tab order (planning has no result and no ticks yet).
    pub fn fields(&self) -> Vec<VisitField> {
        use VisitField::*;
        let mut fields = vec![Purpose, ActionPlan, Expected, Type, Channel, When];
        if self.mode == VisitMode::Log {
            if !self.checklist().is_empty() {
                fields.push(Checklist);
            }
            fields.extend([Actual, Outcome]);
        }
        fields.extend([NextTopic, NextStep, NextOn]);
        if !self.people.is_empty() {
            fields.push(Met);
        }
        if self.deals.len() > 1 {
            fields.push(Deal);
        }
        fields
    }

    /// The key context now: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::VisitForm, self.confirming_discard)
    }

    /// True when the focused field keeps `key` for itself: typing in a text, ↑/↓ between the
    /// items of the checklist (not past its ends).
    pub fn claims(&self, key: &KeyEvent) -> bool {
        match self.focus {
            VisitField::Checklist => self.checklist_claims(key),
            VisitField::Met => self.met.claims(key),
            field => self.field(field).is_some_and(|f| f.claims(key)),
        }
    }

    /// Handles one key, read through `keymap`; see [`VisitFormEvent`]. Error messages use
    /// `i18n`.
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> VisitFormEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let action = match form_key(keymap, ModalId::VisitForm, &key, claimed, &mut self.confirming_discard, dirty) {
            FormKey::Done => return VisitFormEvent::None,
            FormKey::Cancel => return VisitFormEvent::Cancel,
            FormKey::Save => return self.save(i18n),
            FormKey::Action(action) => action,
            FormKey::Field => {
                self.field_key(key);
                return VisitFormEvent::None;
            }
        };
        let changed = match action {
            Action::SuggestPurpose => {
                self.suggest(i18n);
                false
            }
            Action::PlanFromType => {
                self.plan_from_type(i18n);
                false
            }
            Action::AddObjection => return VisitFormEvent::LogObjection,
            Action::Playbook => return VisitFormEvent::ShowPlaybook,
            Action::NextField => {
                self.move_focus(1);
                false
            }
            Action::PreviousField => {
                self.move_focus(-1);
                false
            }
            Action::Tick if self.focus == VisitField::Checklist => self.toggle_tick(),
            Action::Tick if self.focus == VisitField::Met => self.met.toggle(),
            Action::ChoosePrevious | Action::ChooseNext if self.focus == VisitField::Type => {
                self.cycle_type(if action == Action::ChooseNext { 1 } else { -1 })
            }
            Action::ChoosePrevious | Action::ChooseNext if self.focus == VisitField::Deal => {
                self.cycle_deal(if action == Action::ChooseNext { 1 } else { -1 })
            }
            _ => {
                let chosen = match self.focus {
                    VisitField::Channel => self.channel.act(action),
                    VisitField::Outcome => self.outcome.act(action),
                    _ => None,
                };
                // An action for another kind of field: the key is the field's.
                chosen.unwrap_or_else(|| {
                    self.field_key(key);
                    false
                })
            }
        };
        if changed {
            self.revision += 1;
            self.notice = None;
        }
        VisitFormEvent::None
    }

    /// Takes pasted text into the focused text box as one edit; false when no text box has the
    /// focus or the discard question is asked (the paste is then read as keys).
    pub fn paste(&mut self, text: &str) -> bool {
        if self.confirming_discard {
            return false;
        }
        let Some(field) = self.field_mut(self.focus) else { return false };
        if field.insert(text) {
            self.revision += 1;
            self.notice = None;
        }
        true
    }

    /// A key for the focused field itself: typing, moving a cursor, Space on a choice.
    fn field_key(&mut self, key: KeyEvent) {
        let changed = match self.focus {
            VisitField::Channel => self.channel.handle_key(key),
            VisitField::Outcome => self.outcome.handle_key(key),
            VisitField::Type => self.type_key(key),
            VisitField::Checklist => self.checklist_key(key),
            VisitField::Met => self.met.key(&key),
            VisitField::Deal => self.deal_key(key),
            other => self.field_mut(other).is_some_and(|f| f.edit(key)),
        };
        if changed {
            self.revision += 1;
            self.notice = None;
        }
    }

    fn move_focus(&mut self, by: isize) {
        self.focus = cycle(&self.fields(), self.focus, by);
        self.typed.clear();
    }

    /// Typing on the Deal field: Space is the next deal, letters the deal whose label they
    /// start.
    fn deal_key(&mut self, key: KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else { return false };
        if c == ' ' {
            return self.cycle_deal(1);
        }
        let labels: Vec<Vec<&str>> = self.deals.iter().map(|(_, label)| vec![label.as_str()]).collect();
        match self.typed.push(c, &labels) {
            Some(at) if at != self.deal_at => {
                self.deal_at = at;
                true
            }
            _ => false,
        }
    }

    fn suggest(&mut self, i18n: &I18n) {
        let Some(suggestion) = self.suggestions.get(self.next_suggestion % self.suggestions.len().max(1)).cloned()
        else {
            self.notice = Some(Notice::Warning(i18n.t("forms.visit.no_suggestion")));
            return;
        };
        let current = self.purpose.text();
        let replace = current.trim().is_empty() || self.suggestions.contains(&current);
        let text = if replace { suggestion } else { format!("{current}\n{suggestion}") };
        self.purpose.set_text(&text);
        self.next_suggestion = (self.next_suggestion + 1) % self.suggestions.len();
        self.focus = VisitField::Purpose;
        self.revision += 1;
    }

    fn save(&mut self, i18n: &I18n) -> VisitFormEvent {
        match self.input() {
            Ok(input) => VisitFormEvent::Save(Box::new(input)),
            Err((field, error)) => {
                self.focus = field;
                self.notice = Some(Notice::Error(i18n.localize(&error, Face::App)));
                VisitFormEvent::None
            }
        }
    }

    fn field(&self, which: VisitField) -> Option<&TextField> {
        Some(match which {
            VisitField::Purpose => &self.purpose,
            VisitField::ActionPlan => &self.action_plan,
            VisitField::Expected => &self.expected,
            VisitField::When => &self.when,
            VisitField::Actual => &self.actual,
            VisitField::NextTopic => &self.next_topic,
            VisitField::NextStep => &self.next_step,
            VisitField::NextOn => &self.next_on,
            VisitField::Channel
            | VisitField::Outcome
            | VisitField::Type
            | VisitField::Checklist
            | VisitField::Met
            | VisitField::Deal => {
                return None;
            }
        })
    }

    fn field_mut(&mut self, which: VisitField) -> Option<&mut TextField> {
        Some(match which {
            VisitField::Purpose => &mut self.purpose,
            VisitField::ActionPlan => &mut self.action_plan,
            VisitField::Expected => &mut self.expected,
            VisitField::When => &mut self.when,
            VisitField::Actual => &mut self.actual,
            VisitField::NextTopic => &mut self.next_topic,
            VisitField::NextStep => &mut self.next_step,
            VisitField::NextOn => &mut self.next_on,
            VisitField::Channel
            | VisitField::Outcome
            | VisitField::Type
            | VisitField::Checklist
            | VisitField::Met
            | VisitField::Deal => {
                return None;
            }
        })
    }
}

/// What a crashed or killed session leaves of an open visit form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitDraft {
    pub mode: VisitMode,
    pub target: VisitTarget,
    /// Values kept from an appointment being logged.
    pub base: VisitInput,
    pub text: VisitFormText,
}

/// Every field empty but "when".
fn blank_text(when: String) -> VisitFormText {
    VisitFormText {
        purpose: String::new(),
        action_plan: String::new(),
        expected_result: String::new(),
        channel: Channel::InPerson,
        when,
        actual_result: String::new(),
        outcome: None,
        next_topic: String::new(),
        next_step: String::new(),
        next_on: String::new(),
        kind: Some(VisitKind::CustomerVisit),
        ticks: Vec::new(),
        met: Vec::new(),
        deal: None,
    }
}

#[cfg(test)]
mod tests;
