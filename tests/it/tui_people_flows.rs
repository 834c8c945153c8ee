//! The people of an account in the app: the record pane lists them with their roles and the
//! roles nobody plays; `a` adds a person (name, title, phone, e-mail, style, roles ticked),
//! Enter on a person edits them, `d` removes one after asking.

use crate::tui_support;

use fieldbook::domain::{BuyingRole, Contact, FactCategory, NewFact, Style};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::modal::Modal;
use tui_support::{app, keys, render, type_text};

fn wang(store: &Store) -> i64 {
    let filter = CustomerFilter { text: Some("王伟".into()), ..Default::default() };
    store.list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id
}

fn people(app: &App) -> Vec<Contact> {
    app.store().contacts_of(wang(app.store())).unwrap()
}

/// The seeded database with 张总 added to 王伟's account: `(王伟's id, 张总's id, the store)`.
fn seeded_with_boss(path: &std::path::Path) -> (i64, i64, Store) {
    tui_support::seed(path);
    let mut store = tui_support::open_on(path, tui_support::TODAY);
    let id = wang(&store);
    let draft = fieldbook::domain::ContactDraft { name: "张总".into(), ..Default::default() };
    let boss = fieldbook::ops::contacts::add(&mut store, id, &draft).unwrap();
    (id, boss, store)
}

/// Opens 王伟's page (record rows: 王伟, then the three roles nobody plays, then the record).
fn open_wang(app: &mut App) {
    keys(app, "3 f");
    type_text(app, "王伟");
    keys(app, "enter enter");
}

#[test]
fn a_adds_a_person_with_roles_and_the_gaps_close() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    let before = render(&app, 120, 40);
    assert!(before.contains("⚠ who decides?") && before.contains("⚠ no insider yet"), "{before}");
    keys(&mut app, "a");
    assert!(matches!(app.modal(), Some(Modal::Contact(_))));
    type_text(&mut app, "张总");
    keys(&mut app, "tab");
    type_text(&mut app, "General manager");
    keys(&mut app, "tab");
    type_text(&mut app, "139 1111 2222");
    keys(&mut app, "tab tab right tab space down down down down space");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let added = people(&app).pop().unwrap();
    assert_eq!(
        (added.name.as_str(), added.title.as_str(), added.phone.as_str(), added.style),
        ("张总", "General manager", "13911112222", Style::Driver)
    );
    assert_eq!(added.roles, [BuyingRole::DecisionMaker, BuyingRole::Insider]);
    let after = render(&app, 120, 40);
    assert!(after.contains("张总 · Decision maker, Insider · G"), "{after}");
    assert!(!after.contains("who decides?") && !after.contains("no insider yet") && after.contains("who buys?"));
}

#[test]
fn enter_edits_a_person_and_d_removes_one_after_asking_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    open_wang(&mut app);
    keys(&mut app, "tab enter");
    let Some(Modal::Contact(_)) = app.modal() else { panic!("the person form opens on 王伟") };
    keys(&mut app, "tab");
    type_text(&mut app, "采购部经理");
    keys(&mut app, "tab tab tab tab down space ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let me = &people(&app)[0];
    assert_eq!((me.title.as_str(), me.roles.as_slice()), ("采购部经理", &[BuyingRole::Buyer][..]));
    assert!(render(&app, 120, 40).contains("王伟 · 采购者 · 采购部经理"));

    keys(&mut app, "d");
    assert!(matches!(app.modal(), Some(Modal::RemoveContact(..))));
    assert!(render(&app, 80, 24).contains("从王伟移除王伟？"));
    keys(&mut app, "n");
    assert_eq!(people(&app).len(), 1, "n keeps the person");
    keys(&mut app, "d y");
    assert!(people(&app).is_empty());
    let shown = render(&app, 80, 24);
    assert!(shown.contains("⚠ 谁拍板？") && shown.contains("按 u 恢复"), "{shown}");
    // A person removed by mistake comes back with u, roles and all.
    keys(&mut app, "u");
    assert_eq!(people(&app).len(), 1, "u puts the person back");
    assert_eq!(people(&app)[0].roles, [BuyingRole::Buyer]);
    assert!(render(&app, 120, 40).contains("王伟 · 采购者 · 采购部经理"));
}

#[test]
fn a_person_without_a_name_is_refused_in_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "a tab");
    type_text(&mut app, "buyer");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_some_and(Modal::is_dirty), "the form stays open with its text");
    assert!(render(&app, 120, 40).contains("name is required"));
    assert_eq!(people(&app).len(), 1);
}

#[test]
fn the_visit_form_ticks_the_people_met_and_the_timeline_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    let (id, boss, _) = seeded_with_boss(&path);
    let mut app = tui_support::app_on(&path, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "l");
    type_text(&mut app, "demo");
    keys(&mut app, "tab");
    type_text(&mut app, "bring samples");
    keys(&mut app, "tab");
    type_text(&mut app, "a trial");
    keys(&mut app, "backtab backtab backtab");
    let shown = render(&app, 100, 40);
    assert!(shown.contains("People met") && shown.contains("1. 王伟") && shown.contains("2. 张总"), "{shown}");
    keys(&mut app, "down space ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let met = app.store().met_by_visit(id).unwrap();
    assert_eq!(met.values().cloned().collect::<Vec<_>>(), [vec![boss]]);
    assert!(render(&app, 120, 40).contains("met: 张总"));
}

#[test]
fn a_removed_person_comes_back_with_u_with_their_facts_and_the_visits_that_met_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    let (id, boss) = {
        let (id, boss, mut store) = seeded_with_boss(&path);
        let hobby =
            NewFact {
                category: FactCategory::Personal, label: "hobby".into(), value: "围棋".into(), month_day: None
            };
        store.add_fact(id, Some(boss), &hobby).unwrap();
        let visit = fieldbook::domain::VisitInput {
            met: Some(vec![boss]),
            purpose: "meet the boss".into(),
            action_plan: "show the trial results".into(),
            expected_result: "a date to sign".into(),
            planned_at: Some(tui_support::day("2031-05-20").and_hms_opt(10, 0, 0).unwrap()),
            ..fieldbook::domain::VisitInput::blank()
        };
        store.add_visit(id, visit).unwrap();
        (id, boss)
    };
    let mut app = tui_support::app_on(&path, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "tab down d");
    assert!(
        matches!(app.modal(), Some(Modal::RemoveContact(_, person)) if person.id == boss),
        "d on 张总 asks to remove 张总"
    );
    keys(&mut app, "y");
    assert_eq!(people(&app).len(), 1);
    assert!(app.store().met_by_visit(id).unwrap().is_empty(), "the visit no longer lists 张总");
    let said = app.toast().map(|t| t.text.clone()).unwrap_or_default();
    assert!(said.contains("Removed 张总") && said.contains("u brings them back"), "{said}");
    keys(&mut app, "u");
    assert_eq!(people(&app).len(), 2, "u puts 张总 back");
    assert_eq!(app.store().met_by_visit(id).unwrap().values().cloned().collect::<Vec<_>>(), [vec![boss]]);
    let facts = app.store().facts_of(id).unwrap();
    assert!(facts.iter().any(|f| f.contact_id == Some(boss) && f.value == "围棋"), "{facts:?}");
    let said = app.toast().map(|t| t.text.clone()).unwrap_or_default();
    assert!(said.contains("Undone: 张总 is back"), "{said}");
}
