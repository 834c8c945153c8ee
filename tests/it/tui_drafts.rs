//! A draft survives the process being killed (SIGKILL, no cleanup at all): a child process
//! types into a visit form and keeps its draft, the parent kills it and loads the draft back.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::Step;
use fieldbook::i18n::{I18n, Lang};
use fieldbook::tui::drafts::{self, DraftForm, DraftKeeper};
use fieldbook::tui::keymap::Keymap;
use fieldbook::tui::widgets::visit_form::{VisitForm, VisitTarget};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const CHILD_DB: &str = "FIELDBOOK_TEST_DRAFT_DB";

fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())
}

/// A visit form with text typed into several fields, its draft kept after every key.
fn typed_form(keeper: &mut DraftKeeper) -> VisitForm {
    let i18n = I18n::new(Lang::ZhCn);
    let target =
        VisitTarget { customer_id: 7, customer_name: "王伟".into(), step: Some(Step::Survey), visit_id: None };
    let mut form = VisitForm::plan(target, clock());
    for c in "确认预算\n和审批人\tbring the price list\tbudget range\t\tfri 10:00".chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &i18n, &Keymap::defaults());
        keeper.keep(&DraftForm::Visit(Box::new(form.draft())), form.revision()).unwrap();
    }
    form
}

#[test]
fn draft_survives_sigkill() {
    if let Ok(db) = std::env::var(CHILD_DB) {
        // The child: type, keep the draft, say so, then hang until killed.
        let mut keeper = DraftKeeper::new(db.as_ref(), clock());
        typed_form(&mut keeper);
        println!("draft written");
        loop {
            std::thread::park();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("field.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["tui_drafts::draft_survives_sigkill", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, &db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let written = lines.any(|l| l.map(|l| l.contains("draft written")).unwrap_or(false));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(written, "the child did not get to write its draft");

    let expected = typed_form(&mut DraftKeeper::new(&dir.path().join("other.db"), clock())).draft();
    let drafts = drafts::load(&db);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].form, DraftForm::Visit(Box::new(expected.clone())));
    let DraftForm::Visit(draft) = &drafts[0].form else { panic!("not a visit draft") };
    let reopened = VisitForm::from_draft(draft, clock());
    assert_eq!(reopened.draft(), expected);
    assert_eq!(reopened.text().purpose, "确认预算\n和审批人");
    assert!(reopened.is_dirty());
}
