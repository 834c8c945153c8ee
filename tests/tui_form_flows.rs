//! The forms inside the app: the visit form's text is kept on disk while it is typed, reopened
//! after a crash and deleted once saved or discarded; Ctrl-G offers the playbook's purposes.

mod tui_support;

use fieldbook::i18n::Lang;
use fieldbook::tui::drafts;
use tui_support::{app, app_on, keys, type_text};

#[test]
fn a_crashed_visit_form_is_reopened_with_its_text_then_discarding_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut first = app(&dir, Lang::En);
    keys(&mut first, "3 l");
    type_text(&mut first, "half a thought");
    keys(&mut first, "tab");
    type_text(&mut first, "bring samples");
    // The process dies: no cleanup runs.
    std::mem::forget(first);

    let mut second = app_on(&db, Lang::En);
    let form = second.modal().and_then(|m| m.visit_form()).expect("the form is offered back");
    assert_eq!(form.text().purpose, "half a thought");
    assert_eq!(form.text().action_plan, "bring samples");
    assert!(second.toast().is_some_and(|t| t.text.contains("half a thought")), "{:?}", second.toast());
    keys(&mut second, "esc y");
    assert!(second.modal().is_none());
    assert!(drafts::load(&db).is_empty(), "discarding on purpose deletes the draft");
    assert!(app_on(&db, Lang::En).modal().is_none());
}

#[test]
fn saving_the_form_deletes_its_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 l");
    type_text(&mut app, "introduce the new grades");
    assert_eq!(drafts::load(&db).len(), 1, "kept while typing");
    keys(&mut app, "tab");
    type_text(&mut app, "bring samples");
    keys(&mut app, "tab");
    type_text(&mut app, "a trial order");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    assert!(drafts::load(&db).is_empty());
}

#[test]
fn ctrl_g_fills_the_purpose_from_the_playbook_for_the_customers_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "3 l ctrl-g");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form opens");
    let step = form.target().step.expect("the seeded customer has an open deal");
    let purposes = fieldbook::playbook::Playbook::builtin(Lang::ZhCn).step(step).purposes.clone();
    assert!(!purposes.is_empty());
    assert_eq!(form.text().purpose, purposes[0]);
}
