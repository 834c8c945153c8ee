//! The customer record edited in place: Tab moves into the record, j/k select a row, `e`/Enter
//! edits it (a fact in the fact form, a basic field in the customer form on that field), `f`
//! adds a fact, `d` deletes one after asking. Every write lands in `customer_fact` and in the
//! search index.

use crate::tui_support;

use fieldbook::domain::{FactCategory, MonthDay};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerPatch, CustomerSort, SearchKind, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::modal::Modal;
use fieldbook::tui::screens::Screen;
use fieldbook::tui::widgets::customer_form::CustomerField;
use fieldbook::tui::widgets::fact_form::FactField;
use tui_support::{app, app_on, day, keys, render, type_text};

fn customer_id(store: &Store, name: &str) -> i64 {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    store.list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id
}

/// Opens 王伟 (record rows: its people — 王伟 and the three roles nobody plays —, then basic —,
/// business "decides", personal "hobby", logistics —, commercial history —) and moves the
/// focus into the record, onto its first row after the people.
fn open_wang(app: &mut App) {
    keys(app, "3 f");
    type_text(app, "王伟");
    keys(app, "enter enter tab j j j j");
    match app.screen() {
        Some(Screen::Customer(c)) => assert!(c.record_focused()),
        _ => panic!("the customer screen is open"),
    }
}

/// The seeded database in `dir` with 王伟's contact fields changed by `patch`.
fn seeded_with_contact(dir: &tempfile::TempDir, patch: CustomerPatch) -> std::path::PathBuf {
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    let mut store = Store::open(&path, fieldbook::clock::Clock::Fixed(day(tui_support::TODAY))).unwrap();
    let id = customer_id(&store, "王伟");
    store.update_customer(id, patch).unwrap();
    path
}

/// The facts of 王伟 as (category, label, value, month-day).
fn facts(app: &App) -> Vec<(FactCategory, String, String, Option<MonthDay>)> {
    let id = customer_id(app.store(), "王伟");
    app.store().facts_of(id).unwrap().into_iter().map(|f| (f.category, f.label, f.value, f.month_day)).collect()
}

fn fact_hits(app: &App, query: &str) -> usize {
    app.store().search(query, 20, "ext.").unwrap().iter().filter(|h| h.kind == SearchKind::Fact).count()
}

#[test]
fn f_adds_a_fact_in_the_selected_category_and_search_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "j j j f");
    let Some(Modal::Fact(form)) = app.modal() else { panic!("the fact form opens") };
    assert_eq!(form.focus(), FactField::Category, "on the category, preset to the row's");
    keys(&mut app, "tab");
    type_text(&mut app, "parking");
    keys(&mut app, "tab");
    type_text(&mut app, "underground level B2");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert!(facts(&app).contains(&(FactCategory::Logistics, "parking".into(), "underground level B2".into(), None)));
    assert_eq!(fact_hits(&app, "underground"), 1, "the new fact is searchable");
    assert!(render(&app, 120, 40).contains("parking: underground level B2"));
}

#[test]
fn a_birthday_added_in_the_form_shows_in_todays_important_dates() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    open_wang(&mut app);
    keys(&mut app, "f right right tab");
    type_text(&mut app, "生日");
    keys(&mut app, "tab tab");
    type_text(&mut app, "1980-05-09");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let birthday = (FactCategory::Personal, "生日".to_string(), "1980-05-09".to_string(), MonthDay::new(5, 9));
    assert!(facts(&app).contains(&birthday), "{:?}", facts(&app));
    let dates = app.store().important_dates(day(tui_support::TODAY)).unwrap();
    assert!(dates.iter().any(|d| d.customer.name == "王伟" && d.is_birthday && d.on == day("2031-05-09")));
}

#[test]
fn e_edits_the_selected_fact_and_the_index_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "j e");
    let Some(Modal::Fact(form)) = app.modal() else { panic!("the fact form opens") };
    assert_eq!(form.focus(), FactField::Value, "prefilled, on the value");
    type_text(&mut app, "和王总");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert!(facts(&app).contains(&(FactCategory::Business, "decides".into(), "刘总和王总".into(), None)));
    assert_eq!(facts(&app).len(), 2, "edited, not added");
    assert_eq!(fact_hits(&app, "王总"), 1);
}

#[test]
fn a_store_error_shows_in_the_form_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "f tab");
    let long_label = "x".repeat(501);
    type_text(&mut app, &long_label);
    keys(&mut app, "tab");
    type_text(&mut app, "kept");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_some(), "the form stays open");
    assert!(render(&app, 120, 40).contains("too long"));
    assert_eq!(facts(&app).len(), 2, "nothing written");
    assert!(app.modal().is_some_and(Modal::is_dirty), "the typed text is still there");
}

#[test]
fn d_asks_before_deleting_a_fact() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "j j d");
    assert!(matches!(app.modal(), Some(Modal::DeleteFact(..))));
    keys(&mut app, "n");
    assert_eq!(facts(&app).len(), 2, "n keeps it");
    keys(&mut app, "d y");
    assert!(app.modal().is_none());
    assert_eq!(facts(&app), vec![(FactCategory::Business, "decides".into(), "刘总".into(), None)]);
    assert_eq!(fact_hits(&app, "钓鱼"), 0, "gone from the search index");
    let said = app.toast().map(|t| t.text.clone()).unwrap_or_default();
    assert!(said.contains("u brings it back"), "{said}");
    keys(&mut app, "k k d");
    assert!(app.modal().is_none(), "the basic row is not a fact: nothing to delete");
    assert!(app.toast().is_some());
    // A fact deleted by mistake comes back with u, found again by search.
    keys(&mut app, "u");
    assert_eq!(facts(&app).len(), 2, "u puts the fact back");
    assert_eq!(fact_hits(&app, "钓鱼"), 1, "back in the search index");
}

#[test]
fn enter_on_a_basic_field_opens_the_customer_form_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_with_contact(&dir, CustomerPatch { phone: Some("138 0000 1111".into()), ..Default::default() });
    let mut app = app_on(&path, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "enter");
    let Some(Modal::Customer(form)) = app.modal() else { panic!("the customer form opens") };
    assert_eq!(form.focus(), CustomerField::Phone);
}

#[test]
fn tab_back_to_the_timeline_keeps_e_for_the_customer_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "tab e");
    assert!(matches!(app.modal(), Some(Modal::Customer(_))));
}

#[test]
fn enter_on_an_empty_category_adds_a_fact_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    open_wang(&mut app);
    keys(&mut app, "G enter");
    let Some(Modal::Fact(form)) = app.modal() else { panic!("the fact form opens") };
    assert_eq!(form.focus(), FactField::Label, "the category is the row's: straight to the label");
    type_text(&mut app, "first order");
    keys(&mut app, "tab");
    type_text(&mut app, "2029, 40 units");
    keys(&mut app, "ctrl-s");
    assert!(facts(&app).contains(&(FactCategory::Commercial, "first order".into(), "2029, 40 units".into(), None)));
}

#[test]
fn the_address_row_edits_the_address_in_the_customer_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    {
        let mut store = Store::open(&path, fieldbook::clock::Clock::Fixed(day(tui_support::TODAY))).unwrap();
        let id = customer_id(&store, "王伟");
        let patch = CustomerPatch { address: Some("深圳南山区".into()), ..Default::default() };
        store.update_customer(id, patch).unwrap();
    }
    let mut app = app_on(&path, Lang::ZhCn);
    open_wang(&mut app);
    keys(&mut app, "e");
    let Some(Modal::Customer(form)) = app.modal() else { panic!("the customer form opens") };
    assert_eq!(form.focus(), CustomerField::Address);
    type_text(&mut app, "科技园");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let id = customer_id(app.store(), "王伟");
    assert_eq!(app.store().customer(id).unwrap().address, "深圳南山区科技园");
}

#[test]
fn phone_and_e_mail_are_terminal_links_where_the_terminal_follows_them() {
    let dir = tempfile::tempdir().unwrap();
    let contact = CustomerPatch {
        phone: Some("138 0000 1111".into()),
        email: Some("wang@huadong.cn".into()),
        ..Default::default()
    };
    let path = seeded_with_contact(&dir, contact);
    let mut app = app_on(&path, Lang::En).with_links(true);
    open_wang(&mut app);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    let linked = |uri: &str| symbols.iter().filter(|s| s.starts_with(&format!("\x1b]8;;{uri}\x1b\\"))).count();
    let phone = app.store().customer(customer_id(app.store(), "王伟")).unwrap().phone;
    assert_eq!(phone, "13800001111");
    assert_eq!(linked("tel:13800001111"), "138 0000 1111".len(), "every cell of the number as shown");
    assert_eq!(linked("mailto:wang@huadong.cn"), "wang@huadong.cn".len());
    // Without links (a pipe, TERM=dumb, the tests' default) the same screen has none.
    let plain = render(&app_on(&path, Lang::En), 100, 30);
    assert!(!plain.contains('\x1b'));
}
