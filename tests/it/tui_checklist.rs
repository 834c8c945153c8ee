//! The deal checklist in the TUI: ticking from the checklist modal (`c`) and the question
//! before moving a deal on with items unticked, checked against the database rows.

use crate::tui_support;

use fieldbook::domain::{DealState, Step};
use fieldbook::i18n::Lang;
use fieldbook::playbook::Playbook;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::modal::Modal;
use fieldbook::tui::screens::Screen;
use fieldbook::tui::widgets::checklist_panel::ChecklistPanel;
use fieldbook::tui::widgets::dialog::ConfirmDialog;
use tui_support::{app, app_on, keys, render, seed, type_text};

fn customer_id(store: &Store, name: &str) -> i64 {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    store.list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id
}

/// The open deal's id and step.
fn deal(app: &App, name: &str) -> (i64, Step) {
    let d = app.store().open_deal(customer_id(app.store(), name)).unwrap().unwrap();
    (d.id, d.stage)
}

fn panel(app: &App) -> &ChecklistPanel {
    match app.modal() {
        Some(Modal::Checklist(p)) => p,
        _ => panic!("the checklist is not open"),
    }
}

fn question(app: &App) -> &ConfirmDialog {
    match app.modal() {
        Some(Modal::Confirm(d, _)) => d,
        _ => panic!("no question is open"),
    }
}

fn ticks(app: &App, name: &str) -> Vec<u32> {
    let (id, stage) = deal(app, name);
    app.store().checklist_ticks(id, stage).unwrap()
}

fn history(app: &App, name: &str) -> Vec<Step> {
    let (id, _) = deal(app, name);
    app.store().stage_history(id).unwrap().iter().map(|e| e.to_stage).collect()
}

fn selected_card(app: &App) -> (String, Step) {
    match app.screen() {
        Some(Screen::Pipeline(p)) => p.selected_card().map(|c| (c.name.clone(), c.stage)).unwrap(),
        _ => panic!("not on the pipeline"),
    }
}

#[test]
fn c_on_the_board_ticks_and_unticks_and_the_card_shows_the_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 c");
    assert_eq!(panel(&app).target().customer_name, "刘洋");
    assert_eq!(panel(&app).items().len(), 6, "Preparation has six items");
    keys(&mut app, "j space");
    assert_eq!(ticks(&app, "刘洋"), [2], "written at once, before closing");
    assert_eq!(panel(&app).progress().to_string(), "1/6");
    keys(&mut app, "x");
    assert!(ticks(&app, "刘洋").is_empty(), "untick deletes the row");
    keys(&mut app, "down enter k k space");
    assert_eq!(ticks(&app, "刘洋"), [1, 3]);
    keys(&mut app, "esc");
    assert!(app.modal().is_none());
    assert!(app.toast().unwrap().text.contains("checklist 2/6"));
    assert!(render(&app, 120, 40).contains("2/6"), "the card shows the new progress");
    assert_eq!(deal(&app, "刘洋").1, Step::Preparation, "ticking moves nothing");
}

#[test]
fn q_closes_without_a_message_when_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 c j k q");
    assert!(app.modal().is_none());
    assert!(app.toast().is_none());
    assert!(ticks(&app, "刘洋").is_empty());
}

#[test]
fn moving_on_with_unticked_items_asks_and_n_leaves_the_deal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 c space esc >");
    let q = question(&app);
    assert_eq!(q.title(), "Move 刘洋 to Approach? 5 items of Preparation unticked");
    assert_eq!(q.lines().len(), 5);
    assert!(q.lines()[0].starts_with(" 2 [ ] Customer information gathered"), "{:?}", q.lines());
    keys(&mut app, "n");
    assert!(app.modal().is_none());
    assert_eq!(deal(&app, "刘洋").1, Step::Preparation);
    assert_eq!(history(&app, "刘洋"), [Step::Preparation]);
    keys(&mut app, "> esc");
    assert_eq!(history(&app, "刘洋"), [Step::Preparation], "Esc answers no");
    keys(&mut app, "> y");
    assert!(app.modal().is_none());
    assert_eq!(deal(&app, "刘洋").1, Step::Approach);
    assert_eq!(history(&app, "刘洋"), [Step::Preparation, Step::Approach], "a stage_event row");
    assert_eq!(selected_card(&app), ("刘洋".into(), Step::Approach), "the focus follows the card");
    assert!(app.toast().unwrap().text.contains("moved to Approach"));
}

#[test]
fn all_ticked_moves_without_asking_and_back_never_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 c space j space j space j space j space j space esc");
    assert_eq!(ticks(&app, "刘洋"), [1, 2, 3, 4, 5, 6]);
    keys(&mut app, ">");
    assert!(app.modal().is_none(), "nothing to ask");
    assert_eq!(selected_card(&app), ("刘洋".into(), Step::Approach));
    keys(&mut app, "<");
    assert!(app.modal().is_none(), "moving back never asks");
    assert_eq!(history(&app, "刘洋"), [Step::Preparation, Step::Approach, Step::Preparation]);
}

#[test]
fn the_customer_screen_ticks_and_asks_before_moving_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 enter c x esc");
    assert_eq!(ticks(&app, "刘洋"), [1]);
    assert!(render(&app, 120, 40).contains("checklist 1/6"), "the deal title shows the progress");
    keys(&mut app, ">");
    assert_eq!(question(&app).lines().len(), 5);
    keys(&mut app, "n");
    assert_eq!(deal(&app, "刘洋").1, Step::Preparation);
    keys(&mut app, "> y");
    assert_eq!(history(&app, "刘洋"), [Step::Preparation, Step::Approach]);
    assert!(render(&app, 120, 40).contains("checklist 0/5"), "the new step's checklist");
}

#[test]
fn the_brief_opens_its_customers_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "2 b c");
    assert_eq!(panel(&app).target().customer_name, "刘洋");
    keys(&mut app, "space esc");
    assert_eq!(ticks(&app, "刘洋"), [1]);
    assert!(matches!(app.screen(), Some(Screen::Brief(_))), "back on the brief");
}

#[test]
fn a_failed_tick_shows_in_the_checklist_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let conn = rusqlite::Connection::open(dir.path().join("fieldbook.db")).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER no_ticks BEFORE INSERT ON checklist_tick BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
    )
    .unwrap();
    keys(&mut app, "2 c space");
    assert!(!panel(&app).items()[0].ticked);
    assert!(ticks(&app, "刘洋").is_empty());
    assert!(render(&app, 120, 40).contains("disk says no"), "the error shows in the modal");
    keys(&mut app, "esc");
    assert!(app.modal().is_none());
}

#[test]
fn a_customer_without_an_open_deal_gets_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut store = Store::open(&path, fieldbook::clock::Clock::Fixed(tui_support::day(tui_support::TODAY))).unwrap();
    let tom = customer_id(&store, "Tom Park");
    store.win_deal(tom, None).unwrap();
    drop(store);
    let mut app = app_on(&path, Lang::En);
    keys(&mut app, "/");
    type_text(&mut app, "Tom Park");
    keys(&mut app, "enter c");
    assert!(app.modal().is_none());
    assert_eq!(app.toast().unwrap().text, "This customer has no open deal.");
    assert_eq!(app.store().deals_of(tom).unwrap()[0].state, DealState::Won);
}

#[test]
fn checklist_lengths_come_from_the_playbook_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    seed(&path);
    let mut playbook = Playbook::builtin(Lang::En);
    playbook.steps.preparation.checklist.truncate(2);
    let mut app = app_on(&path, Lang::En).with_playbook(playbook);
    keys(&mut app, "2");
    assert!(render(&app, 120, 40).contains("0/2"), "the card counts two items");
    keys(&mut app, "c");
    assert_eq!(panel(&app).items().len(), 2);
    keys(&mut app, "esc >");
    assert_eq!(question(&app).lines().len(), 2);
}
