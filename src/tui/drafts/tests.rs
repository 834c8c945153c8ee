use chrono::NaiveDate;

use super::*;
use crate::domain::ObjectionKind;
use crate::tui::widgets::note_input::NoteTarget;
use crate::tui::widgets::objection_form::ObjectionTarget;
use crate::tui::widgets::visit_form::{VisitForm, VisitTarget};

fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())
}

fn objection(text: &str) -> DraftForm {
    let target = ObjectionTarget { customer_id: 7, customer_name: "王伟".into(), deal_id: 3 };
    let (kind, answer, resolved) = (ObjectionKind::Doubt, String::new(), false);
    DraftForm::Objection(ObjectionDraft { target, text: text.into(), kind, answer, resolved })
}

fn note(customer_id: Option<i64>, text: &str) -> DraftForm {
    DraftForm::Note(NoteDraft {
        target: NoteTarget { customer_id, customer_name: "王伟".into(), note_id: None },
        text: text.into(),
    })
}

#[test]
fn keys_name_the_form_and_its_target() {
    assert_eq!(note(Some(3), "").key(), "note-c3");
    assert_eq!(note(None, "").key(), "note-inbox");
    let target = VisitTarget { customer_id: 7, customer_name: "x".into(), step: None, visit_id: Some(42) };
    let form = VisitForm::log(target, clock());
    assert_eq!(DraftForm::Visit(Box::new(form.draft())).key(), "visit-log-c7-v42");
    assert_eq!(objection("").key(), "objection-c7-d3");
}

#[test]
fn keeper_writes_only_when_the_revision_moves_and_forget_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fb.db");
    let mut keeper = DraftKeeper::new(&db, clock());
    let file = drafts_dir(&db).join("note-c3.json");
    keeper.keep(&note(Some(3), ""), 0).unwrap();
    assert!(!file.exists(), "an untouched form leaves no draft");
    keeper.keep(&note(Some(3), "a"), 1).unwrap();
    assert!(file.exists());
    fs::remove_file(&file).unwrap();
    keeper.keep(&note(Some(3), "a"), 1).unwrap();
    assert!(!file.exists(), "same revision: nothing written");
    keeper.keep(&note(Some(3), "ab"), 2).unwrap();
    assert_eq!(load(&db)[0].form, note(Some(3), "ab"));
    keeper.forget(&note(Some(3), "ab")).unwrap();
    assert!(load(&db).is_empty());
    keeper.forget(&note(Some(3), "ab")).unwrap();
}

#[test]
fn unreadable_files_are_skipped_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fb.db");
    assert!(load(&db).is_empty(), "no directory, no drafts");
    save(&db, &note(None, "inbox idea"), clock()).unwrap();
    let junk = drafts_dir(&db).join("junk.json");
    fs::write(&junk, b"{not json").unwrap();
    let drafts = load(&db);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].form, note(None, "inbox idea"));
    assert!(junk.exists());
}

#[cfg(unix)]
#[test]
fn drafts_are_private_and_leave_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fb.db");
    save(&db, &note(Some(1), "secret"), clock()).unwrap();
    let file = drafts_dir(&db).join("note-c1.json");
    assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(fs::metadata(drafts_dir(&db)).unwrap().permissions().mode() & 0o777, 0o700);
    let names: Vec<_> = fs::read_dir(drafts_dir(&db)).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("note-c1.json")]);
}

#[test]
fn describes_a_draft_on_one_line() {
    let i18n = I18n::new(crate::i18n::Lang::En);
    let draft = Draft { saved_at: String::new(), form: note(Some(3), "\n  call back about the tender\nsecond") };
    assert_eq!(draft.describe(&i18n), "Note on 王伟: call back about the tender");
    let zh = I18n::new(crate::i18n::Lang::ZhCn);
    let inbox = Draft { saved_at: String::new(), form: note(None, &"长".repeat(50)) };
    assert_eq!(inbox.describe(&zh), format!("待归档笔记：{}…", "长".repeat(40)));
    let objection = Draft { saved_at: String::new(), form: objection("too expensive") };
    assert_eq!(objection.describe(&i18n), "Objection from 王伟: too expensive");
    assert_eq!(objection.describe(&zh), "王伟提出的异议：too expensive");
}
