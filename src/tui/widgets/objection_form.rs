//! The objection form (`o`, or "log objection" in the visit form): what the customer objected, its kind
//! (with the playbook's way to answer that kind shown under it), the answer given and whether
//! it is resolved.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

use super::choice::Choice;
use super::dialog::render_discard_question;
use super::form_keys::{self, FormKey, cycle, form_key};
use super::form_layout::{FormFrame, FormRow, Notice, RowContent, render_form};
use super::text_field::TextField;
use super::typed_pick::TypedPick;
use crate::domain::objection::validated_objection;
use crate::domain::{ObjectionKind, Word};
use crate::i18n::{Face, I18n};
use crate::playbook::Playbook;
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// Whose deal the objection is logged on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionTarget {
    pub customer_id: i64,
    /// Shown in the title.
    pub customer_name: String,
    /// The customer's open deal.
    pub deal_id: i64,
}

/// A validated objection to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectionSave {
    pub text: String,
    pub kind: ObjectionKind,
    pub answer: String,
    pub resolved: bool,
}

/// What a crashed or killed session leaves of an open objection form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionDraft {
    pub target: ObjectionTarget,
    pub text: String,
    pub kind: ObjectionKind,
    pub answer: String,
    pub resolved: bool,
}

/// What the form reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectionEvent {
    /// Still editing.
    None,
    /// Save with an objection typed: store it on `target().deal_id`.
    Save(ObjectionSave),
    /// Closed without saving (nothing typed, or the user confirmed discarding).
    Cancel,
}

/// A field of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectionField {
    Text,
    Kind,
    Answer,
    Resolved,
}

const FIELDS: [ObjectionField; 4] =
    [ObjectionField::Text, ObjectionField::Kind, ObjectionField::Answer, ObjectionField::Resolved];

/// The state of an open objection form.
#[derive(Debug, Clone)]
pub struct ObjectionForm {
    target: ObjectionTarget,
    text: TextField,
    kind: Choice<ObjectionKind>,
    answer: TextField,
    resolved: bool,
    /// How to answer each kind, from the playbook in the UI language.
    how: Vec<(ObjectionKind, String)>,
    focus: ObjectionField,
    notice: Option<Notice>,
    confirming_discard: bool,
    /// Reopened from a draft: unsaved from the start.
    restored: bool,
    revision: u64,
}

impl ObjectionForm {
    /// An empty form for `target`; `playbook` says how to answer each kind.
    pub fn new(target: ObjectionTarget, playbook: &Playbook) -> Self {
        let how = ObjectionKind::ALL.iter().map(|k| (*k, playbook.objection_kind(*k).to_string())).collect();
        Self {
            target,
            text: TextField::multi(""),
            kind: Choice::required(ObjectionKind::Misunderstanding),
            answer: TextField::multi(""),
            resolved: false,
            how,
            focus: ObjectionField::Text,
            notice: None,
            confirming_discard: false,
            restored: false,
            revision: 0,
        }
    }

    /// Reopens a form from a draft; it counts as unsaved from the start.
    pub fn from_draft(draft: &ObjectionDraft, playbook: &Playbook) -> Self {
        let mut form = Self::new(draft.target.clone(), playbook);
        form.text = TextField::multi(&draft.text);
        form.kind = Choice::required(draft.kind);
        form.answer = TextField::multi(&draft.answer);
        form.resolved = draft.resolved;
        form.restored = true;
        form
    }

    /// Everything needed to reopen this form after a crash.
    pub fn draft(&self) -> ObjectionDraft {
        ObjectionDraft {
            target: self.target.clone(),
            text: self.text.text(),
            kind: self.kind.value().unwrap_or(ObjectionKind::Misunderstanding),
            answer: self.answer.text(),
            resolved: self.resolved,
        }
    }

    /// Goes up by one whenever something typed or chosen changes: write the draft only when
    /// it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whose deal it is for.
    pub fn target(&self) -> &ObjectionTarget {
        &self.target
    }

    /// The field with the cursor.
    pub fn focus(&self) -> ObjectionField {
        self.focus
    }

    /// True when something was typed or chosen (or it came from a draft).
    pub fn is_dirty(&self) -> bool {
        self.restored || !self.text.is_blank() || !self.answer.is_blank() || self.resolved
    }

    /// True while the "discard what you typed?" question is shown.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    /// Shows an error (e.g. from the store) and keeps every field as typed.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// The key context now: the form's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::ObjectionForm, self.confirming_discard)
    }

    /// True when the focused text field keeps `key` for typing.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        match self.focus {
            ObjectionField::Text => self.text.claims(key),
            ObjectionField::Answer => self.answer.claims(key),
            ObjectionField::Kind | ObjectionField::Resolved => false,
        }
    }

    /// Handles one key, read through `keymap`: the next and previous field, choose the kind
    /// (or type it), toggle resolved (choose, or Space), save, cancel (asks first when
    /// something was typed).
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> ObjectionEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        let changed = match form_key(keymap, ModalId::ObjectionForm, &key, claimed, &mut self.confirming_discard, dirty)
        {
            FormKey::Done => return ObjectionEvent::None,
            FormKey::Cancel => return ObjectionEvent::Cancel,
            FormKey::Save => return self.save(i18n),
            FormKey::Action(Action::NextField) => {
                self.move_focus(1);
                false
            }
            FormKey::Action(Action::PreviousField) => {
                self.move_focus(-1);
                false
            }
            FormKey::Action(Action::ChoosePrevious | Action::ChooseNext) if self.focus == ObjectionField::Resolved => {
                self.resolved = !self.resolved;
                true
            }
            FormKey::Action(action) if self.focus == ObjectionField::Kind => {
                self.kind.act(action).unwrap_or_else(|| self.field_key(key))
            }
            FormKey::Action(_) | FormKey::Field => self.field_key(key),
        };
        if changed {
            self.revision += 1;
            self.notice = None;
        }
        ObjectionEvent::None
    }

    /// Typing into the focused field (Space toggles resolved); true when it changed.
    fn field_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            ObjectionField::Text => self.text.edit(key),
            ObjectionField::Answer => self.answer.edit(key),
            ObjectionField::Kind => self.kind.handle_key(key),
            ObjectionField::Resolved => {
                let KeyCode::Char(c) = key.code else { return false };
                if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    return false;
                }
                let before = self.resolved;
                match c {
                    ' ' => self.resolved = !self.resolved,
                    // Typed as the line reads it: y/是 (shi), n/否 (fou).
                    c => match TypedPick::default().push(c, &[vec!["no", "否"], vec!["yes", "是"]]) {
                        Some(at) => self.resolved = at == 1,
                        None => return false,
                    },
                }
                before != self.resolved
            }
        }
    }

    fn move_focus(&mut self, by: isize) {
        self.focus = cycle(&FIELDS, self.focus, by);
    }

    fn save(&mut self, i18n: &I18n) -> ObjectionEvent {
        match validated_objection(&self.text.text(), &self.answer.text()) {
            Ok((text, answer)) => ObjectionEvent::Save(ObjectionSave {
                text,
                kind: self.kind.value().unwrap_or(ObjectionKind::Misunderstanding),
                answer,
                resolved: self.resolved,
            }),
            Err(e) => {
                self.focus = if matches!(&e, crate::domain::DomainError::TooLong { field: "answer", .. }) {
                    ObjectionField::Answer
                } else {
                    ObjectionField::Text
                };
                self.notice = Some(Notice::Error(i18n.localize(&e, Face::App)));
                ObjectionEvent::None
            }
        }
    }

    /// Draws the form over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let kind = self.kind.value().unwrap_or(ObjectionKind::Misunderstanding);
        let how = self.how.iter().find(|(k, _)| *k == kind).map(|(_, h)| h.clone()).unwrap_or_default();
        let yes_no = if self.resolved { "forms.objection.yes" } else { "forms.objection.no" };
        let rows = vec![
            FormRow { label: i18n.t("forms.objection.text"), required: true, content: RowContent::Text(&self.text) },
            FormRow {
                label: i18n.t("forms.objection.kind"),
                required: true,
                content: RowContent::Choice(i18n.word(kind)),
            },
            FormRow { label: i18n.t("forms.objection.how"), required: false, content: RowContent::Info(how) },
            FormRow {
                label: i18n.t("forms.objection.answer"),
                required: false,
                content: RowContent::Text(&self.answer),
            },
            FormRow {
                label: i18n.t("forms.objection.resolved"),
                required: false,
                content: RowContent::Choice(i18n.t(yes_no)),
            },
        ];
        // The advice row is never focused: rows after it sit one further down.
        let focus = match self.focus {
            ObjectionField::Text => 0,
            ObjectionField::Kind => 1,
            ObjectionField::Answer => 3,
            ObjectionField::Resolved => 4,
        };
        let mut hints = Hints::new(keymap, ModalId::ObjectionForm, i18n);
        hints.key(Action::NextField).key(Action::Save).key(Action::Cancel);
        if matches!(self.focus, ObjectionField::Kind | ObjectionField::Resolved) {
            hints.pair(Action::ChoosePrevious, Action::ChooseNext, "forms.hint.choose");
        }
        let title = i18n.fmt("forms.objection.title", &[("who", &self.target.customer_name)]);
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
}

#[cfg(test)]
mod tests;
