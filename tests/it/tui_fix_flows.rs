//! Fixing what is wrong in the app: archive a customer (`A`) and undo it (`u`), the message
//! line saying what `u` will undo.

use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort};
use fieldbook::tui::screens::Screen;

use crate::tui_support::{self, keys, render};

fn listed(app: &fieldbook::tui::app::App) -> Vec<String> {
    let rows = app.store().list_customers(&CustomerFilter::default(), CustomerSort::Name, 50, 0).unwrap();
    rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn a_customer_archived_from_the_list_is_gone_and_u_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    keys(&mut app, "3");
    let Some(Screen::Customers(list)) = app.screen() else { panic!("the customers table") };
    let id = list.selected_customer().expect("a customer is selected");
    let name = app.store().customer(id).unwrap().name;
    keys(&mut app, "A");
    let message = app.toast().expect("a message").text.clone();
    assert!(message.starts_with(&format!("Archived {name} — u undoes it")), "{message}");
    let screen = render(&app, 80, 24);
    assert!(
        screen.lines().last().unwrap().contains("u undoes it"),
        "the undo key is on the line at 80 columns: {screen}"
    );
    assert!(!listed(&app).contains(&name));
    keys(&mut app, "j");
    assert!(!render(&app, 80, 24).contains(&name), "gone from the table (the message line cleared)");
    keys(&mut app, "2");
    assert!(!render(&app, 120, 40).contains(&name), "gone from the board");
    keys(&mut app, "3 /");
    tui_support::type_text(&mut app, &name);
    assert!(render(&app, 120, 40).contains("[archived]"), "found by search, marked");
    keys(&mut app, "esc u");
    assert_eq!(app.toast().unwrap().text, format!("Undone: {name} is back from the archive"));
    assert!(listed(&app).contains(&name));
    keys(&mut app, "u");
    assert_eq!(app.toast().unwrap().text, "Nothing to undo.", "one undo, once");
}

#[test]
fn on_the_customer_screen_a_toggles_the_archive_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn);
    keys(&mut app, "3 enter");
    let Some(Screen::Customer(screen)) = app.screen() else { panic!("a customer") };
    let name = screen.customer().unwrap().name.clone();
    keys(&mut app, "A");
    assert!(app.toast().unwrap().text.starts_with(&format!("已归档 {name}——按 u 撤销")), "{:?}", app.toast());
    let screen = render(&app, 80, 24);
    assert!(
        screen.lines().last().unwrap().contains("按 u 撤销"),
        "the undo key is on the line at 80 columns: {screen}"
    );
    assert!(render(&app, 80, 24).contains("【已归档】"), "the header marks it");
    keys(&mut app, "A");
    assert_eq!(app.toast().unwrap().text, format!("{name} 已从归档中取回——按 u 撤销"));
    keys(&mut app, "u");
    assert_eq!(app.toast().unwrap().text, format!("已撤销：{name} 重新归档"));
    assert!(!listed(&app).contains(&name));
}
