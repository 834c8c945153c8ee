//! The quick note (`n`): a multi-line note for the customer in view, or for the inbox.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

use super::dialog::render_discard_question;
use super::form_keys::{self, FormKey, form_key};
use super::form_layout::{FormFrame, FormRow, Notice, RowContent, render_form};
use super::text_field::TextField;
use crate::domain::DomainError;
use crate::domain::customer::clean_text;
use crate::i18n::{Face, I18n};
use crate::tui::action::Action;
use crate::tui::keymap::{Hints, Keymap, ModalId};
use crate::tui::theme::Theme;

/// Whom a note is about: a customer, or nobody (the inbox).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteTarget {
    /// `None`: the inbox.
    pub customer_id: Option<i64>,
    /// Shown in the title.
    pub customer_name: String,
    /// `Some` when saving replaces this stored note's text instead of adding one.
    #[serde(default)]
    pub note_id: Option<i64>,
}

/// What a crashed or killed session leaves of an open note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDraft {
    pub target: NoteTarget,
    pub text: String,
}

/// What the note reports after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteEvent {
    /// Still editing.
    None,
    /// Save with some text: store it with `add_note(target.customer_id, &text)`.
    Save(String),
    /// Closed without saving (empty, or the user confirmed discarding).
    Cancel,
}

/// The state of an open quick note.
#[derive(Debug, Clone)]
pub struct NoteInput {
    target: NoteTarget,
    field: TextField,
    notice: Option<Notice>,
    confirming_discard: bool,
    restored: bool,
    /// The text it opened with (a stored note's, when editing one).
    initial: String,
    revision: u64,
}

impl NoteInput {
    /// An empty note for `target`.
    pub fn new(target: NoteTarget) -> Self {
        Self {
            target,
            field: TextField::multi(""),
            notice: None,
            confirming_discard: false,
            restored: false,
            initial: String::new(),
            revision: 0,
        }
    }

    /// Stored note `note_id` (for `target`) with its text `body`, to edit; saving replaces it.
    pub fn edit(mut target: NoteTarget, note_id: i64, body: &str) -> Self {
        target.note_id = Some(note_id);
        let mut note = Self::new(target);
        note.field = TextField::multi(body);
        note.initial = body.to_string();
        note
    }

    /// Reopens a note from a draft; it counts as unsaved from the start.
    pub fn from_draft(draft: &NoteDraft) -> Self {
        let mut note = Self::new(draft.target.clone());
        note.field = TextField::multi(&draft.text);
        note.restored = true;
        note
    }

    /// Whom the note is about.
    pub fn target(&self) -> &NoteTarget {
        &self.target
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.field.text()
    }

    /// True when something is typed (or it came from a draft).
    pub fn is_dirty(&self) -> bool {
        if self.initial.is_empty() {
            self.restored || !self.field.is_blank()
        } else {
            self.restored || self.field.text() != self.initial
        }
    }

    /// True while the "discard what you typed?" question is shown.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    /// Goes up by one whenever the text changes: write the draft only when it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Everything needed to reopen this note after a crash.
    pub fn draft(&self) -> NoteDraft {
        NoteDraft { target: self.target.clone(), text: self.text() }
    }

    /// Shows an error (e.g. from the store) and keeps the text.
    pub fn set_error(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
    }

    /// The key context now: the note's, or the dialog's while it asks whether to discard.
    pub fn key_context(&self) -> ModalId {
        form_keys::context(ModalId::Note, self.confirming_discard)
    }

    /// True when the text keeps `key` for typing (Enter is a new line).
    pub fn claims(&self, key: &KeyEvent) -> bool {
        self.field.claims(key)
    }

    /// Handles one key, read through `keymap`: typing (Enter is a new line), save, cancel
    /// (asks first when text was typed).
    pub fn handle_key(&mut self, key: KeyEvent, i18n: &I18n, keymap: &Keymap) -> NoteEvent {
        let dirty = self.is_dirty();
        let claimed = self.claims(&key);
        match form_key(keymap, ModalId::Note, &key, claimed, &mut self.confirming_discard, dirty) {
            FormKey::Done => return NoteEvent::None,
            FormKey::Cancel => return NoteEvent::Cancel,
            FormKey::Save => {
                let text = clean_text(&self.text());
                if text.is_empty() {
                    self.notice =
                        Some(Notice::Error(i18n.localize(&DomainError::MissingField { field: "note" }, Face::App)));
                    return NoteEvent::None;
                }
                return NoteEvent::Save(text);
            }
            // One field: moving between fields or choosing means nothing here.
            FormKey::Action(Action::NextField | Action::PreviousField) => return NoteEvent::None,
            FormKey::Action(_) | FormKey::Field => {}
        }
        if self.field.edit(key) {
            self.revision += 1;
            self.notice = None;
        }
        NoteEvent::None
    }

    /// Takes pasted text into the note as one edit; false while the discard question is asked
    /// (the paste is then read as keys).
    pub fn paste(&mut self, text: &str) -> bool {
        if self.confirming_discard {
            return false;
        }
        if self.field.insert(text) {
            self.revision += 1;
            self.notice = None;
        }
        true
    }

    /// The title: "Note — 王伟" or "Note — inbox".
    pub fn title(&self, i18n: &I18n) -> String {
        if self.target.note_id.is_some() {
            return match self.target.customer_id {
                Some(_) => i18n.fmt("forms.note.title_edit", &[("who", &self.target.customer_name)]),
                None => i18n.t("forms.note.title_edit_inbox"),
            };
        }
        match self.target.customer_id {
            Some(_) => i18n.fmt("forms.note.title", &[("who", &self.target.customer_name)]),
            None => i18n.t("forms.note.title_inbox"),
        }
    }

    /// Draws the note over `area` (and the discard question on top when it is asked), with the
    /// keys of `keymap` in its hints.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, i18n: &I18n, keymap: &Keymap) {
        let rows =
            [FormRow { label: i18n.t("forms.note.label"), required: true, content: RowContent::Text(&self.field) }];
        let mut hints = Hints::new(keymap, ModalId::Note, i18n);
        hints.typing("Enter", "forms.hint.newline").key(Action::Save).key(Action::Cancel);
        let chrome = FormFrame {
            title: self.title(i18n),
            notice: self.notice.as_ref(),
            choice_keys: hints.choice_keys(),
            hints: hints.build(),
            help: hints.help(),
        };
        render_form(frame, area, theme, &chrome, &rows, 0);
        if self.confirming_discard {
            render_discard_question(frame, area, theme, i18n, keymap);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn note() -> NoteInput {
        NoteInput::new(NoteTarget { customer_id: Some(3), customer_name: "王伟".into(), note_id: None })
    }

    fn press(n: &mut NoteInput, code: KeyCode) -> NoteEvent {
        n.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &I18n::new(Lang::En), &Keymap::defaults())
    }

    fn save(n: &mut NoteInput) -> NoteEvent {
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        n.handle_key(ctrl_s, &I18n::new(Lang::En), &Keymap::defaults())
    }

    #[test]
    fn types_lines_and_saves_the_cleaned_text() {
        let mut n = note();
        for code in [KeyCode::Char('a'), KeyCode::Enter, KeyCode::Char('王'), KeyCode::Char(' ')] {
            press(&mut n, code);
        }
        assert_eq!(n.revision(), 4);
        assert_eq!(save(&mut n), NoteEvent::Save("a\n王".into()));
    }

    #[test]
    fn empty_note_is_not_saved_and_esc_cancels_it() {
        let mut n = note();
        assert_eq!(save(&mut n), NoteEvent::None);
        assert!(matches!(&n.notice, Some(Notice::Error(m)) if m.contains("note")));
        assert_eq!(press(&mut n, KeyCode::Esc), NoteEvent::Cancel);
    }

    #[test]
    fn esc_with_text_asks_and_keeps_the_text_on_no() {
        let mut n = note();
        press(&mut n, KeyCode::Char('x'));
        assert_eq!(press(&mut n, KeyCode::Esc), NoteEvent::None);
        assert!(n.is_confirming_discard());
        press(&mut n, KeyCode::Char('n'));
        assert_eq!(n.text(), "x");
        press(&mut n, KeyCode::Esc);
        assert_eq!(press(&mut n, KeyCode::Char('y')), NoteEvent::Cancel);
    }

    #[test]
    fn a_draft_reopens_identical_and_unsaved() {
        let mut n = note();
        press(&mut n, KeyCode::Char('z'));
        let back = NoteInput::from_draft(&n.draft());
        assert_eq!(back.draft(), n.draft());
        assert!(back.is_dirty());
    }
}
