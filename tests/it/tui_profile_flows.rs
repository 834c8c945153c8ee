//! The profile form (`P`) fed key by key: class, style, MAN, quadrant and cadence override are
//! written to the customer, the Customer screen's header and Today's "due by cadence" follow,
//! and a cadence that is not a number of days is refused in the form with nothing written.

use crate::tui_support;

use fieldbook::domain::{CustomerClass, Man, Portfolio, Style, Tri};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort};
use fieldbook::tui::app::App;
use tui_support::{app, keys, render, type_text};

fn customer_named(app: &App, name: &str) -> i64 {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    app.store().list_customers(&filter, CustomerSort::Name, 10, 0).unwrap()[0].id
}

/// From Today to the customer screen of Anna Berg, and her profile form open.
fn open_annas_profile(app: &mut App) -> i64 {
    keys(app, "3 f");
    type_text(app, "Anna");
    keys(app, "enter enter P");
    assert!(render(app, 120, 40).contains("Profile — Anna Berg"), "the form is open");
    customer_named(app, "Anna Berg")
}

/// The lines of Today's "Due by cadence" section at 120×40.
fn due_section(app: &App) -> String {
    let screen = render(app, 120, 40);
    let start = screen.find("Due by cadence").expect("the due section");
    screen[start..].lines().take(6).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_profile_form_writes_man_quadrant_and_cadence_and_the_screens_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    assert!(!due_section(&app).contains("Anna Berg"), "not due by the default 30 days");
    let anna = open_annas_profile(&mut app);
    // Class, style, then money / authority / need, the quadrant and the override.
    keys(&mut app, "tab right tab y tab n tab y tab");
    type_text(&mut app, "question");
    keys(&mut app, "tab");
    let form = render(&app, 120, 40);
    assert!(form.contains("M+a+N — Worth contacting, while you find the person who has the authority."), "{form}");
    assert!(form.contains("every 7 days (from the quadrant)"), "{form}");
    assert!(form.contains("Direct answers · New ideas · Facts · Visible results"), "the driver's needs: {form}");
    type_text(&mut app, "10");
    assert!(render(&app, 120, 40).contains("every 10 days (set for this customer)"), "the override wins");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {:?}", app.toast().map(|t| &t.text));
    let c = app.store().customer(anna).unwrap();
    assert_eq!(c.man, Man { money: Tri::Yes, authority: Tri::No, need: Tri::Yes });
    assert_eq!((c.style, c.class), (Style::Driver, CustomerClass::Potential));
    assert_eq!((c.portfolio, c.cadence_days), (Some(Portfolio::QuestionMark), Some(10)));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Profile of Anna Berg saved"), "{screen}");
    let header = screen.lines().nth(1).unwrap_or_default();
    assert!(header.contains("MAN M+a+N") && header.contains("Driver"), "the header follows: {header}");
    keys(&mut app, "1");
    assert!(due_section(&app).contains("Anna Berg"), "due every 10 days: {}", due_section(&app));

    // Emptying the override and clearing the quadrant go back to the default.
    keys(&mut app, "3 f");
    type_text(&mut app, "Anna");
    keys(&mut app, "enter enter P tab tab tab tab tab backspace tab backspace backspace ctrl-s");
    let c = app.store().customer(anna).unwrap();
    assert_eq!((c.portfolio, c.cadence_days), (None, None));
}

#[test]
fn a_cadence_that_is_not_a_number_of_days_is_refused_in_the_form() {
    for bad in ["0", "-3", "abc"] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir, Lang::En);
        let anna = open_annas_profile(&mut app);
        let before = app.store().customer(anna).unwrap();
        keys(&mut app, "tab tab y tab tab tab tab");
        type_text(&mut app, bad);
        keys(&mut app, "ctrl-s");
        assert!(app.modal().is_some(), "{bad}: the form stays open");
        let screen = render(&app, 120, 40);
        let message = format!("cannot read the cadence '{bad}': give a number of days from 1 to 3650");
        assert!(screen.contains(&message), "{bad}: {screen}");
        assert!(screen.contains("Money           Yes"), "{bad}: the choices are kept: {screen}");
        assert_eq!(app.store().customer(anna).unwrap(), before, "{bad}: nothing written");
    }
}

#[test]
fn esc_with_changes_asks_before_discarding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let anna = open_annas_profile(&mut app);
    let before = app.store().customer(anna).unwrap();
    keys(&mut app, "tab tab y esc");
    assert!(render(&app, 120, 40).contains("Discard"), "asks first");
    keys(&mut app, "n");
    assert!(app.modal().is_some(), "n keeps the form");
    keys(&mut app, "esc y");
    assert!(app.modal().is_none());
    assert_eq!(app.store().customer(anna).unwrap(), before);
}

#[test]
fn p_opens_the_profile_of_the_selected_customer_from_the_lists_and_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "3 f");
    type_text(&mut app, "王伟");
    keys(&mut app, "enter P");
    assert!(render(&app, 120, 40).contains("客户画像：王伟"), "from Customers");
    keys(&mut app, "esc 1 P");
    assert!(app.modal().is_some(), "from Today's selected row");
    keys(&mut app, "esc 3 f");
    type_text(&mut app, "王伟");
    keys(&mut app, "enter b P");
    assert!(render(&app, 120, 40).contains("客户画像：王伟"), "from the brief");
}

#[test]
fn a_failed_write_shows_in_the_form_and_keeps_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let anna = open_annas_profile(&mut app);
    let before = app.store().customer(anna).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("fieldbook.db")).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER no_updates BEFORE UPDATE ON customer BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
    )
    .unwrap();
    keys(&mut app, "tab tab y tab tab tab tab");
    type_text(&mut app, "12");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_some(), "the form stays open");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("disk says no"), "the error shows in the form: {screen}");
    assert!(screen.contains("Money           Yes") && screen.contains("every 12 days"), "kept: {screen}");
    assert_eq!(app.store().customer(anna).unwrap(), before);
    conn.execute_batch("DROP TRIGGER no_updates;").unwrap();
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved once the store takes it");
    assert_eq!(app.store().customer(anna).unwrap().cadence_days, Some(12));
}
