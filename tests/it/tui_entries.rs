//! Fixing what was written down, in the app: `t` on a customer lists their visits, notes and
//! objections; `e` opens one in its form (a logged visit too), `x` deletes after asking and `u`
//! brings it back; `i` on Today (or the palette) lists the inbox, whose notes are filed under a
//! customer picked by name; `X` deletes a customer once their name is typed (backup first).

use fieldbook::i18n::Lang;
use fieldbook::tui::app::App;
use fieldbook::tui::screens::Screen;

use crate::tui_support::{self, TODAY, keys, open_on, render, type_text};

/// Opens the customer `name` through search.
fn open(app: &mut App, name: &str) -> i64 {
    keys(app, "1 /");
    type_text(app, name);
    keys(app, "enter");
    let Some(Screen::Customer(screen)) = app.screen() else { panic!("{name}'s page") };
    screen.customer_id()
}

fn toast(app: &App) -> String {
    app.toast().map(|t| t.text.clone()).unwrap_or_default()
}

#[test]
fn a_logged_visit_is_edited_from_the_list_and_reads_back_on_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    let zhao = open(&mut app, "Zhao Lei");
    let before = app.store().visits_of(zhao, 5, 0).unwrap()[0].clone();
    keys(&mut app, "t");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Visits, notes and objections — Zhao Lei"), "{screen}");
    assert!(screen.contains("● 2031-04-20 10:00 Visit: map the decision process"), "{screen}");
    keys(&mut app, "e");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Edit logged visit — Zhao Lei"), "{screen}");
    type_text(&mut app, " with ZhangOwner");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved and closed: {}", toast(&app));
    let after = app.store().visit(before.id).unwrap();
    assert_eq!(after.purpose, "map the decision process with ZhangOwner");
    assert_eq!(after.done_at, before.done_at, "still logged, at the same time");
    assert_eq!(
        (after.actual_result.as_str(), after.outcome, after.next_step.as_str(), after.next_step_on),
        (before.actual_result.as_str(), before.outcome, before.next_step.as_str(), before.next_step_on),
        "what was logged is kept"
    );
    assert_eq!(app.store().visit_ticks(before.id).unwrap(), vec![1, 4], "the ticks are kept");
    assert_eq!(app.store().visits_of(zhao, 5, 0).unwrap().len(), 1, "no visit added");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("ZhangOwner") && screen.contains("● 2031-04-20 10:00"), "on the timeline: {screen}");
}

#[test]
fn a_duplicate_planned_visit_is_deleted_after_asking_and_u_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    let mut store = open_on(&path, TODAY);
    let wang = store.search("王伟", 5, "ext.").unwrap()[0].customer.clone().unwrap().id;
    let first = store.visits_of(wang, 5, 0).unwrap()[0].clone();
    let input = fieldbook::domain::VisitInput {
        planned_at: first.planned_at,
        purpose: first.purpose.clone(),
        action_plan: first.action_plan.clone(),
        expected_result: first.expected_result.clone(),
        ..fieldbook::domain::VisitInput::blank()
    };
    store.add_visit(wang, input).unwrap();
    drop(store);
    let mut app = tui_support::app_on(&path, Lang::En);
    open(&mut app, "王伟");
    keys(&mut app, "t");
    let screen = render(&app, 80, 24);
    assert_eq!(screen.matches("○ 2031-05-06 10:00 Planned: confirm budget").count(), 2, "{screen}");
    keys(&mut app, "j x");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Delete this visit with 王伟?") && screen.contains("u on the screen brings"), "{screen}");
    keys(&mut app, "n");
    assert_eq!(app.store().visits_of(wang, 5, 0).unwrap().len(), 2, "n keeps it");
    keys(&mut app, "t j x y");
    assert_eq!(toast(&app), "Deleted the visit of 2031-05-06 with 王伟 — u brings it back");
    let left = app.store().visits_of(wang, 5, 0).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        app.store().customer(wang).unwrap().next_step_on,
        Some(tui_support::day(TODAY)),
        "its next step follows"
    );
    keys(&mut app, "u");
    assert_eq!(toast(&app), "Undone: the visit of 2031-05-06 with 王伟 is back");
    let back = app.store().visits_of(wang, 5, 0).unwrap();
    assert_eq!(back.len(), 2);
    keys(&mut app, "u");
    assert_eq!(toast(&app), "Nothing to undo.");
}

#[test]
fn a_note_is_edited_and_an_objection_deleted_from_the_list_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn);
    let wang = open(&mut app, "王伟");
    keys(&mut app, "o");
    type_text(&mut app, "价格太高");
    keys(&mut app, "ctrl-s");
    keys(&mut app, "t");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("拜访、笔记和异议：王伟"), "{screen}");
    assert!(screen.contains("笔记：prefers WeChat") && screen.contains("异议：价格太高"), "{screen}");
    // The planned visit, then the note.
    keys(&mut app, "j e");
    assert!(render(&app, 80, 24).contains("修改笔记：王伟"));
    type_text(&mut app, "，周末别打电话");
    keys(&mut app, "ctrl-s");
    assert_eq!(toast(&app), "笔记已保存");
    let notes = app.store().notes_of(Some(wang), 5).unwrap();
    assert_eq!(notes[0].body, "prefers WeChat over e-mail，周末别打电话");
    keys(&mut app, "t j j e");
    assert!(toast(&app).starts_with("异议不在这里修改"), "{}", toast(&app));
    keys(&mut app, "x");
    assert!(render(&app, 80, 24).contains("删除这条异议？"));
    keys(&mut app, "y");
    assert_eq!(toast(&app), "已删除异议“价格太高”——按 u 恢复");
    let deal = app.store().deals_of(wang).unwrap()[0].id;
    assert!(app.store().objections_of(deal, false).unwrap().is_empty());
    keys(&mut app, "u");
    assert_eq!(toast(&app), "已撤销：异议“价格太高”已恢复");
    assert_eq!(app.store().objections_of(deal, false).unwrap().len(), 1);
}

#[test]
fn an_inbox_note_is_filed_under_a_customer_picked_by_name_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn);
    keys(&mut app, "i");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("待归档笔记（尚未归到客户名下）"), "{screen}");
    assert!(screen.contains("ask the office for new catalogues") && screen.contains("m 归到客户"), "{screen}");
    keys(&mut app, "m");
    type_text(&mut app, "zhao");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("归到客户：ask the office") && screen.contains("› Zhao Lei · Xinda Steel"), "{screen}");
    keys(&mut app, "enter");
    assert_eq!(toast(&app), "笔记已归到 Zhao Lei 名下");
    assert!(app.store().notes_of(None, 5).unwrap().is_empty(), "the inbox is empty");
    keys(&mut app, "i");
    assert!(render(&app, 80, 24).contains("没有待归档的笔记。"));
    keys(&mut app, "esc");
    let zhao = open(&mut app, "Zhao Lei");
    assert_eq!(app.store().notes_of(Some(zhao), 5).unwrap()[0].body, "ask the office for new catalogues");
    assert!(render(&app, 120, 40).contains("ask the office for new catalogues"), "on their page");
}

#[test]
fn the_palette_opens_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    keys(&mut app, "2 :");
    type_text(&mut app, "inbox");
    keys(&mut app, "enter");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Inbox — notes not filed under a customer"), "{screen}");
    assert!(screen.contains("m file under a customer"), "{screen}");
}

#[test]
fn a_customer_is_deleted_once_their_name_is_typed_and_u_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn);
    let liu = open(&mut app, "刘洋");
    keys(&mut app, "X");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("删除刘洋及其全部资料？"), "{screen}");
    type_text(&mut app, "刘");
    keys(&mut app, "enter");
    assert!(toast(&app).starts_with("名称不符"), "{}", toast(&app));
    assert!(app.store().customer(liu).is_ok(), "nothing deleted");
    type_text(&mut app, "洋");
    keys(&mut app, "enter");
    let message = toast(&app);
    assert!(message.starts_with("已删除刘洋及其全部资料——按 u 恢复（已备份："), "{message}");
    assert!(app.store().customer(liu).is_err());
    assert!(matches!(app.screen(), Some(Screen::Today(_))), "back on the root screen");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
    assert_eq!(backups.len(), 1, "a backup first");
    keys(&mut app, "u");
    assert_eq!(toast(&app), "已撤销：刘洋及其全部资料已恢复");
    assert_eq!(app.store().customer(liu).unwrap().name, "刘洋");
}
