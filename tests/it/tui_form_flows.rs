//! The forms inside the app: the visit form's and the note's text is kept on disk while it is
//! typed, reopened after a crash and deleted once saved or discarded; Ctrl-G offers the
//! playbook's purposes; `a` adds a customer (warning about duplicates); `n` takes a note.

use crate::tui_support;

use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort};
use fieldbook::tui::drafts;
use fieldbook::tui::modal::Modal;
use tui_support::{app, app_on, keys, render, type_text};

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

fn customers_named(app: &fieldbook::tui::app::App, name: &str) -> Vec<i64> {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    app.store().list_customers(&filter, CustomerSort::Name, 10, 0).unwrap().iter().map(|r| r.id).collect()
}

#[test]
fn a_adds_a_customer_and_a_duplicate_needs_a_second_ctrl_s() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 a");
    assert!(matches!(app.modal(), Some(Modal::Customer(_))), "the customer form opens");
    type_text(&mut app, "Maria Lopez");
    keys(&mut app, "tab");
    type_text(&mut app, "Lopez Imports");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    assert_eq!(customers_named(&app, "Maria Lopez").len(), 1);

    keys(&mut app, "a");
    type_text(&mut app, "Anna Berg");
    keys(&mut app, "tab");
    type_text(&mut app, "Nordic Paper");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_some(), "a possible duplicate keeps the form open");
    assert_eq!(customers_named(&app, "Anna Berg").len(), 1);
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none());
    assert_eq!(customers_named(&app, "Anna Berg").len(), 2, "saved anyway on the second Ctrl-S");
}

#[test]
fn n_takes_a_note_for_the_customer_in_view_or_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "n");
    type_text(&mut app, "call the trade fair office");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let inbox = app.store().notes_of(None, 50).unwrap();
    assert!(inbox.iter().any(|n| n.body == "call the trade fair office"));

    keys(&mut app, "3 f");
    type_text(&mut app, "Anna");
    keys(&mut app, "enter enter n");
    type_text(&mut app, "prefers mornings");
    keys(&mut app, "ctrl-s");
    let anna = customers_named(&app, "Anna Berg")[0];
    let notes = app.store().notes_of(Some(anna), 10).unwrap();
    assert!(notes.iter().any(|n| n.body == "prefers mornings"), "{notes:?}");
}

#[test]
fn a_crashed_note_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut first = app(&dir, Lang::ZhCn);
    keys(&mut first, "n");
    type_text(&mut first, "记得带样品");
    std::mem::forget(first);
    let mut second = app_on(&db, Lang::ZhCn);
    let Some(Modal::Note(note)) = second.modal() else { panic!("the note is offered back") };
    assert_eq!(note.text(), "记得带样品");
    keys(&mut second, "ctrl-s");
    assert!(second.modal().is_none());
    assert!(drafts::load(&db).is_empty());
}

#[test]
fn e_on_the_customer_edits_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 f");
    type_text(&mut app, "Anna");
    keys(&mut app, "enter enter e");
    assert!(matches!(app.modal(), Some(Modal::Customer(_))), "the customer form opens");
    keys(&mut app, "tab tab");
    type_text(&mut app, "Head of purchasing");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let anna = customers_named(&app, "Anna Berg")[0];
    assert_eq!(app.store().customer(anna).unwrap().title, "Head of purchasing");
}

#[test]
fn f1_shows_the_playbook_for_the_step_and_any_key_returns_to_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 l");
    type_text(&mut app, "kept");
    keys(&mut app, "f1");
    let step = app.modal().and_then(|m| m.visit_form()).and_then(|f| f.target().step).expect("a step");
    let goal = fieldbook::playbook::Playbook::builtin(Lang::En).step(step).goal.clone();
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Playbook"), "{screen}");
    assert!(screen.contains(&goal.chars().take(30).collect::<String>()), "{screen}");
    insta::assert_snapshot!("playbook_panel_en_120x40", screen);
    keys(&mut app, "x");
    assert!(!render(&app, 120, 40).contains("Playbook —"), "closed");
    assert_eq!(app.modal().and_then(|m| m.visit_form()).unwrap().text().purpose, "kept", "the key was not typed");
}

#[test]
fn every_crashed_draft_is_offered_back_one_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    // Two sessions die with a form open each: a visit log and an inbox note.
    let mut first = app(&dir, Lang::En);
    let mut second = app_on(&db, Lang::En);
    keys(&mut first, "3 l");
    type_text(&mut first, "walk the plant");
    std::mem::forget(first);
    keys(&mut second, "n");
    type_text(&mut second, "order new catalogues");
    std::mem::forget(second);
    assert_eq!(drafts::load(&db).len(), 2);

    let mut app = app_on(&db, Lang::En);
    let toast = app.toast().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.contains("1 more after this one"), "{toast}");
    let first_is_visit = app.modal().and_then(|m| m.visit_form()).is_some();
    // Save or discard the first: the other one opens, and the message says which.
    if first_is_visit {
        keys(&mut app, "esc y");
    } else {
        keys(&mut app, "ctrl-s");
    }
    let toast = app.toast().map(|t| t.text.clone()).unwrap_or_default();
    match app.modal() {
        Some(Modal::Note(note)) => {
            assert_eq!(note.text(), "order new catalogues");
            assert!(toast.contains("Inbox note: order new catalogues"), "{toast}");
        }
        Some(m) => {
            assert_eq!(m.visit_form().map(|f| f.text().purpose.clone()).as_deref(), Some("walk the plant"));
            assert!(toast.starts_with("Note saved to the inbox · ") && toast.contains("walk the plant"), "{toast}");
        }
        None => panic!("the second draft opens: {toast}"),
    }
    assert_eq!(drafts::load(&db).len(), 1, "the first one is done with");
    keys(&mut app, "esc y");
    assert!(app.modal().is_none(), "nothing more to offer");
    assert!(drafts::load(&db).is_empty());
}
