//! The sales method in the TUI, fed key by key: a visit's type and its in-visit checklist
//! (Ctrl-T starts the action plan from it, Space ticks it while logging), drafts that keep both,
//! and the objection log (`o`, `O`, Ctrl-O in the visit form) — checked in the database.

use crate::tui_support;

use fieldbook::clock::Clock;
use fieldbook::domain::{ObjectionKind, VisitKind};
use fieldbook::i18n::Lang;
use fieldbook::playbook::Playbook;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::drafts;
use fieldbook::tui::modal::Modal;
use tui_support::{TODAY, app, app_on, day, keys, render, seed, type_text};

fn customer_named(app: &App, name: &str) -> i64 {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    app.store().list_customers(&filter, CustomerSort::Name, 10, 0).unwrap()[0].id
}

/// From Today to the customer screen of Anna Berg.
fn open_anna(app: &mut App) -> i64 {
    keys(app, "3 f");
    type_text(app, "Anna");
    keys(app, "enter enter");
    customer_named(app, "Anna Berg")
}

fn deal_of(app: &App, customer: i64) -> i64 {
    app.store().open_deal(customer).unwrap().expect("an open deal").id
}

#[test]
fn a_store_check_is_logged_with_its_checklist_as_plan_and_two_ticks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let anna = open_anna(&mut app);
    keys(&mut app, "l");
    type_text(&mut app, "check the shelves");
    keys(&mut app, "tab tab");
    type_text(&mut app, "an order for the new grades");
    keys(&mut app, "tab right ctrl-t");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form");
    assert_eq!(form.kind_name(), "Store check");
    let checklist = Playbook::builtin(Lang::En).visit_type(&VisitKind::StoreCheck).unwrap().checklist.clone();
    assert_eq!(form.text().action_plan.lines().count(), checklist.len(), "one item a line");
    // From the action plan: expected, type, channel, when, then the checklist.
    keys(&mut app, "tab tab tab tab tab space down down space ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    let visit = app.store().visits_of(anna, 1, 0).unwrap().remove(0);
    assert_eq!(visit.purpose, "check the shelves");
    assert_eq!(visit.kind, VisitKind::StoreCheck);
    assert!(visit.action_plan.starts_with(&format!("- {}", checklist[0])), "{}", visit.action_plan);
    assert_eq!(app.store().visit_ticks(visit.id).unwrap(), vec![1, 3]);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("In person · Store check  check the shelves"), "the timeline names the type: {screen}");
}

#[test]
fn logging_an_appointment_keeps_its_type_and_stores_the_ticks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    seed(&db);
    let mut store = Store::open(&db, Clock::Fixed(day(TODAY))).unwrap();
    let wang = store.list_customers(&CustomerFilter::default(), CustomerSort::Name, 50, 0).unwrap();
    let wang = wang.iter().find(|c| c.name == "王伟").unwrap().id;
    let mut appointment = store.visits_of(wang, 1, 0).unwrap().remove(0);
    assert!(appointment.is_planned());
    let mut input = fieldbook::domain::VisitInput {
        kind: VisitKind::Demonstration,
        planned_at: appointment.planned_at,
        purpose: appointment.purpose.clone(),
        action_plan: appointment.action_plan.clone(),
        expected_result: appointment.expected_result.clone(),
        ..fieldbook::domain::VisitInput::blank()
    };
    input.ticks = Some(vec![1]);
    store.update_visit(appointment.id, input).unwrap();
    drop(store);

    let mut app = app_on(&db, Lang::ZhCn);
    keys(&mut app, "d");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form opens");
    assert_eq!(form.text().kind, Some(VisitKind::Demonstration));
    assert_eq!(form.kind_name(), "产品演示");
    assert_eq!(form.text().ticks, vec![1], "the appointment's ticks are shown");
    keys(&mut app, "tab tab tab tab tab tab down space tab");
    type_text(&mut app, "演示顺利");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());
    appointment = app.store().visit(appointment.id).unwrap();
    assert!(!appointment.is_planned());
    assert_eq!(appointment.kind, VisitKind::Demonstration);
    assert_eq!(app.store().visit_ticks(appointment.id).unwrap(), vec![1, 2]);
}

#[test]
fn a_crashed_form_comes_back_with_its_type_and_ticks_and_an_old_draft_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut first = app(&dir, Lang::En);
    open_anna(&mut first);
    keys(&mut first, "l");
    type_text(&mut first, "check the shelves");
    keys(&mut first, "tab tab tab right tab tab tab space");
    std::mem::forget(first);

    let second = app_on(&db, Lang::En);
    let form = second.modal().and_then(|m| m.visit_form()).expect("the form is offered back");
    assert_eq!(form.text().kind, Some(VisitKind::StoreCheck));
    assert_eq!(form.text().ticks, vec![1]);
    assert_eq!(form.kind_name(), "Store check", "the reopened form knows the playbook's types");

    // A draft written before the form had a type: no `kind`, no `ticks`.
    let saved = drafts::load(&db);
    assert_eq!(saved.len(), 1);
    let mut old = serde_json::to_value(&saved[0]).unwrap();
    old["text"].as_object_mut().unwrap().retain(|k, _| k != "kind" && k != "ticks");
    old["base"]["kind"] = "after-sale-care".into();
    let dir_of_drafts = drafts::drafts_dir(&db);
    for entry in std::fs::read_dir(&dir_of_drafts).unwrap() {
        std::fs::write(entry.unwrap().path(), serde_json::to_vec(&old).unwrap()).unwrap();
    }
    drop(second);
    let third = app_on(&db, Lang::En);
    let form = third.modal().and_then(|m| m.visit_form()).expect("the old draft is offered back");
    assert_eq!(form.text().purpose, "check the shelves");
    assert_eq!(form.text().kind, Some(VisitKind::AfterSaleCare), "the type kept in the draft's base");
    assert!(form.text().ticks.is_empty());
}

#[test]
fn o_logs_objections_on_the_customer_screen_and_capital_o_resolves_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let anna = open_anna(&mut app);
    let deal = deal_of(&app, anna);
    keys(&mut app, "o");
    assert!(matches!(app.modal(), Some(Modal::Objection(_))), "the objection form opens");
    type_text(&mut app, "your price is higher than Nordic's");
    keys(&mut app, "tab right tab");
    type_text(&mut app, "showed the three-year cost");
    keys(&mut app, "tab space ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());

    keys(&mut app, "o");
    type_text(&mut app, "delivery took three weeks last time");
    keys(&mut app, "esc");
    assert!(app.modal().is_some(), "Esc with text asks first");
    keys(&mut app, "n tab left ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast());

    let all = app.store().objections_of(deal, false).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0].text.as_str(), all[0].kind, all[0].answer.as_str(), all[0].resolved),
        ("your price is higher than Nordic's", ObjectionKind::Doubt, "showed the three-year cost", true)
    );
    assert!(all[0].resolved_at.is_some());
    assert_eq!((all[1].kind, all[1].resolved), (ObjectionKind::Complaint, false));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("◌ #") && screen.contains("delivery took three weeks"), "{screen}");
    let open_line = screen.lines().position(|l| l.contains("delivery took")).unwrap();
    let resolved_line = screen.lines().position(|l| l.contains("higher than Nordic")).unwrap();
    assert!(open_line < resolved_line, "open objections first");

    keys(&mut app, "O");
    assert!(matches!(app.modal(), Some(Modal::PickObjection(..))), "the picker opens");
    keys(&mut app, "enter");
    let asked = render(&app, 80, 24);
    assert!(asked.contains("Answer given") && asked.contains("delivery took"), "O asks for the answer: {asked}");
    keys(&mut app, "enter");
    assert!(app.modal().is_some(), "an answer is required");
    type_text(&mut app, "two-week delivery promised in the contract");
    keys(&mut app, "enter");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert!(app.store().objections_of(deal, true).unwrap().is_empty(), "resolved");
    let answered = app.store().objections_of(deal, false).unwrap();
    assert!(answered.iter().any(|o| o.answer == "two-week delivery promised in the contract"), "{answered:?}");
    assert!(render(&app, 120, 40).contains("two-week delivery promised"), "the answer is on the screen");
    keys(&mut app, "O");
    assert!(app.modal().is_none(), "nothing left to resolve");
    assert!(app.toast().is_some_and(|t| t.text.contains("no open objections")), "{:?}", app.toast());
}

#[test]
fn ctrl_o_in_the_visit_form_logs_an_objection_and_keeps_the_visit_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    let anna = open_anna(&mut app);
    keys(&mut app, "l");
    type_text(&mut app, "介绍新产品");
    keys(&mut app, "ctrl-o");
    assert!(matches!(app.modal(), Some(Modal::Visit(_, _, Some(_)))), "the objection form is on top");
    assert!(render(&app, 80, 24).contains("异议：Anna Berg"));
    type_text(&mut app, "价格太高");
    keys(&mut app, "esc n ctrl-s");
    let form = app.modal().and_then(|m| m.visit_form()).expect("back in the visit form");
    assert_eq!(form.text().purpose, "介绍新产品", "nothing typed in the visit form is lost");
    let logged = app.store().objections_of(deal_of(&app, anna), true).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].text, "价格太高");

    keys(&mut app, "b");
    assert_eq!(app.modal().and_then(|m| m.visit_form()).unwrap().text().purpose, "介绍新产品b");
    keys(&mut app, "esc y");
    assert!(app.modal().is_none());
    keys(&mut app, "b");
    let mut brief = render(&app, 120, 40);
    for _ in 0..5 {
        keys(&mut app, "pagedown");
        brief.push_str(&render(&app, 120, 40));
    }
    assert!(brief.contains("价格太高"), "the brief lists the open objection: {brief}");
}

#[test]
fn the_objection_picker_scrolls_to_keep_the_selection_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut store = Store::open(&path, Clock::Fixed(day(TODAY))).unwrap();
    let filter = CustomerFilter { text: Some("Anna".into()), ..Default::default() };
    let anna = store.list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id;
    let deal = store.open_deal(anna).unwrap().unwrap().id;
    let ids: Vec<i64> = (1..=30)
        .map(|n| store.add_objection(deal, &format!("objection number {n}"), ObjectionKind::Doubt, "").unwrap())
        .collect();
    drop(store);
    let mut app = app_on(&path, Lang::En);
    open_anna(&mut app);
    keys(&mut app, "O");
    assert!(matches!(app.modal(), Some(Modal::PickObjection(..))), "the picker opens");
    let selected = |screen: &str| screen.lines().find(|l| l.contains('›')).map(str::to_string);
    // The ↑ / ↓ on the box's border next to the list (the hint line has both too).
    let marks = |screen: &str| {
        let rows = screen.lines().filter(|l| l.contains("objection number"));
        rows.fold((false, false), |(up, down), l| (up || l.contains('↑'), down || l.contains('↓')))
    };
    for (w, h) in [(80, 24), (100, 30)] {
        let screen = render(&app, w, h);
        let first = selected(&screen).unwrap_or_else(|| panic!("{screen}"));
        assert!(first.contains(&format!("#{} objection number 1 ", ids[0])), "{screen}");
        assert_eq!(marks(&screen), (false, true), "more below only: {screen}");
    }
    for _ in 0..29 {
        keys(&mut app, "j");
    }
    for (w, h) in [(80, 24), (100, 30)] {
        let screen = render(&app, w, h);
        let last = selected(&screen).unwrap_or_else(|| panic!("the selection is off screen: {screen}"));
        assert!(last.contains(&format!("#{} objection number 30 ", ids[29])), "{screen}");
        assert_eq!(marks(&screen), (true, false), "more above only: {screen}");
        assert!(!screen.contains("objection number 1 "), "scrolled past the first: {screen}");
    }
    keys(&mut app, "k");
    let screen = render(&app, 100, 30);
    let line_of = |needle: &str| screen.lines().position(|l| l.contains(needle));
    assert!(selected(&screen).unwrap().contains("number 29 "), "{screen}");
    assert_eq!(line_of("number 29 ").map(|l| l + 1), line_of("number 30 "), "moving up does not jump: {screen}");
    keys(&mut app, "enter");
    type_text(&mut app, "clarified");
    keys(&mut app, "enter");
    assert!(app.store().objections_of(deal, false).unwrap().iter().any(|o| o.id == ids[28] && o.resolved));
}

#[test]
fn a_crashed_objection_form_comes_back_and_saving_it_deletes_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut first = app(&dir, Lang::En);
    let anna = open_anna(&mut first);
    let deal = deal_of(&first, anna);
    keys(&mut first, "o");
    type_text(&mut first, "the paper grade is too light");
    keys(&mut first, "tab right tab");
    type_text(&mut first, "sent a sample of the 90 g");
    std::mem::forget(first);
    assert_eq!(drafts::load(&db).len(), 1, "kept while typing");

    let mut second = app_on(&db, Lang::En);
    let Some(Modal::Objection(form)) = second.modal() else { panic!("the objection form is offered back") };
    let draft = form.draft();
    assert_eq!((draft.text.as_str(), draft.kind), ("the paper grade is too light", ObjectionKind::Doubt));
    assert_eq!((draft.answer.as_str(), draft.target.deal_id), ("sent a sample of the 90 g", deal));
    let toast = second.toast().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.contains("Objection from Anna Berg: the paper grade"), "{toast}");
    keys(&mut second, "ctrl-s");
    assert!(second.modal().is_none(), "saved: {:?}", second.toast());
    let logged = second.store().objections_of(deal, false).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!((logged[0].kind, logged[0].answer.as_str()), (ObjectionKind::Doubt, "sent a sample of the 90 g"));
    assert!(drafts::load(&db).is_empty(), "saving deletes the draft");

    let mut third = app_on(&db, Lang::En);
    assert!(third.modal().is_none());
    open_anna(&mut third);
    keys(&mut third, "o");
    type_text(&mut third, "no budget this year");
    std::mem::forget(third);
    let mut fourth = app_on(&db, Lang::En);
    assert!(matches!(fourth.modal(), Some(Modal::Objection(_))));
    keys(&mut fourth, "esc y");
    assert!(fourth.modal().is_none());
    assert!(drafts::load(&db).is_empty(), "discarding on purpose deletes the draft");
    assert_eq!(fourth.store().objections_of(deal, false).unwrap().len(), 1, "nothing stored");
}
