use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::i18n::Lang;

fn form() -> ObjectionForm {
    let target = ObjectionTarget { customer_id: 3, customer_name: "王伟".into(), deal_id: 9 };
    ObjectionForm::new(target, &Playbook::builtin(Lang::En))
}

fn press(f: &mut ObjectionForm, code: KeyCode) -> ObjectionEvent {
    f.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &I18n::new(Lang::En), &Keymap::defaults())
}

fn save(f: &mut ObjectionForm) -> ObjectionEvent {
    f.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL), &I18n::new(Lang::En), &Keymap::defaults())
}

fn type_text(f: &mut ObjectionForm, text: &str) {
    for c in text.chars() {
        press(f, KeyCode::Char(c));
    }
}

#[test]
fn saves_text_kind_answer_and_resolved() {
    let mut f = form();
    type_text(&mut f, " too expensive ");
    press(&mut f, KeyCode::Tab);
    assert_eq!(f.focus(), ObjectionField::Kind);
    press(&mut f, KeyCode::Right);
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "showed the 3-year cost");
    press(&mut f, KeyCode::Tab);
    press(&mut f, KeyCode::Char(' '));
    let expected = ObjectionSave {
        text: "too expensive".into(),
        kind: ObjectionKind::Doubt,
        answer: "showed the 3-year cost".into(),
        resolved: true,
    };
    assert_eq!(save(&mut f), ObjectionEvent::Save(expected));
}

#[test]
fn the_objection_is_required_and_focused_when_missing() {
    let mut f = form();
    press(&mut f, KeyCode::Tab);
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "an answer");
    assert_eq!(save(&mut f), ObjectionEvent::None);
    assert_eq!(f.focus(), ObjectionField::Text);
    assert!(matches!(&f.notice, Some(Notice::Error(m)) if m.contains("objection")), "{:?}", f.notice);
}

#[test]
fn esc_asks_once_something_was_typed() {
    let mut empty = form();
    assert_eq!(press(&mut empty, KeyCode::Esc), ObjectionEvent::Cancel);
    let mut f = form();
    type_text(&mut f, "x");
    assert_eq!(press(&mut f, KeyCode::Esc), ObjectionEvent::None);
    assert!(f.is_confirming_discard());
    press(&mut f, KeyCode::Char('n'));
    assert!(!f.is_confirming_discard());
    press(&mut f, KeyCode::Esc);
    assert_eq!(press(&mut f, KeyCode::Char('y')), ObjectionEvent::Cancel);
}

#[test]
fn a_draft_counts_changes_and_reopens_with_everything() {
    let mut f = form();
    assert_eq!(f.revision(), 0);
    type_text(&mut f, "late");
    press(&mut f, KeyCode::Tab);
    press(&mut f, KeyCode::Left);
    press(&mut f, KeyCode::Tab);
    type_text(&mut f, "new carrier");
    press(&mut f, KeyCode::Tab);
    press(&mut f, KeyCode::Char(' '));
    assert_eq!(f.revision(), 4 + 1 + 11 + 1, "every change counts, moving does not");
    let draft = f.draft();
    assert_eq!(
        (draft.text.as_str(), draft.kind, draft.answer.as_str()),
        ("late", ObjectionKind::Complaint, "new carrier")
    );
    assert!(draft.resolved);
    let reopened = ObjectionForm::from_draft(&draft, &Playbook::builtin(Lang::En));
    assert_eq!(reopened.draft(), draft);
    assert_eq!((reopened.revision(), reopened.target().deal_id), (0, 9));
    assert!(reopened.is_dirty(), "a reopened draft is unsaved even if empty");
}

#[test]
fn resolved_is_typed_as_its_line_reads() {
    let mut f = form();
    for _ in 0..3 {
        press(&mut f, KeyCode::Tab);
    }
    assert_eq!(f.focus(), ObjectionField::Resolved);
    for (typed, resolved) in [('y', true), ('n', false), ('s', true), ('f', false), ('是', true), ('x', true)] {
        press(&mut f, KeyCode::Char(typed));
        assert_eq!(f.draft().resolved, resolved, "{typed}");
    }
}
