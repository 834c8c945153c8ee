//! A filter kept with Enter on the board or the customers table is matched again off the UI
//! thread when its screen comes back into view or after a write: the key returns at once with
//! the screen as it was and a spinner, and the match is drawn when it arrives. The board is
//! read so when it opens too, and Today.

use crate::tui_support;

use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{app, keys, render, type_text};

fn esc() -> KeyEvent {
    KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
}

#[test]
fn the_boards_kept_filter_is_matched_again_off_the_ui_thread_keeping_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, Lang::En);
    keys(&mut a, "2 /");
    type_text(&mut a, "Li");
    // Keep the filter (Li Na, and 刘洋 by pinyin), go to the approach column's card (Li Na) and
    // open it.
    keys(&mut a, "enter l enter");
    assert!(render(&a, 80, 24).contains("Hangzhou Cloud"));
    a.on_key(esc());
    assert!(a.waiting_for().is_some(), "the board asked its worker instead of matching on the key");
    a.finish_background();
    let board = render(&a, 80, 24);
    assert!(board.contains("filter: Li") && board.contains("2 open"), "{board}");
    assert!(!board.contains("Zhao Lei"), "{board}");
    assert_eq!(a.screen().and_then(|s| s.selected_customer()), customer_named(&a, "Li Na"));
}

#[test]
fn the_customers_kept_filter_is_read_again_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, Lang::En);
    keys(&mut a, "3 f");
    type_text(&mut a, "Zhao");
    keys(&mut a, "enter enter");
    a.on_key(esc());
    assert!(a.waiting_for().is_some(), "the table asked its worker instead of reading on the key");
    a.finish_background();
    let table = render(&a, 80, 24);
    assert!(table.contains("Zhao Lei") && !table.contains("Li Na"), "{table}");
    assert_eq!(a.screen().and_then(|s| s.selected_customer()), customer_named(&a, "Zhao Lei"));
}

fn customer_named(a: &fieldbook::tui::app::App, name: &str) -> Option<i64> {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    a.store().list_customers(&filter, CustomerSort::Name, 1, 0).unwrap().first().map(|r| r.id)
}

/// A key pressed while the board is still matched again acts on the new match, not on the
/// cards shown before: moving a card twice in a row moves the same deal twice.
#[test]
fn a_key_pressed_while_the_board_is_matched_again_acts_on_the_new_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, Lang::En);
    keys(&mut a, "2 /");
    type_text(&mut a, "Li");
    keys(&mut a, "enter");
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    // 刘洋 (preparation) to approach: asked first (nothing ticked), then moved.
    a.on_key(key('>'));
    a.on_key(key('y'));
    assert!(a.waiting_for().is_some(), "the board is matched again after the move");
    // Shown before: approach held Li Na alone; now 刘洋 is first there.
    a.on_key(key('>'));
    let screen = render(&a, 80, 24);
    assert!(screen.contains("Move 刘洋 to Survey?"), "{screen}");
}

/// `2` returns at once: the board is read off the UI thread and drawn when it arrives; a key
/// acting on a card meanwhile waits for it.
#[test]
fn the_board_opens_off_the_ui_thread_and_a_card_key_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, Lang::En);
    a.on_key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
    assert!(a.waiting_for().is_some(), "the board asked its worker instead of reading on the key");
    // Until it is read the board says nothing of its deals (not "no deals", not 0 open).
    let reading = render(&a, 80, 24);
    assert!(!reading.contains("no deals") && !reading.contains("0 open"), "{reading}");
    a.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(a.waiting_for().is_none());
    assert_eq!(a.screen().map(|s| s.id()), Some(fieldbook::tui::keymap::ScreenId::Customer), "Enter opened the card");
}

/// `1` returns at once: Today's review is read off the UI thread; a key acting on a line
/// meanwhile waits for it.
#[test]
fn today_is_read_off_the_ui_thread_and_a_line_key_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, Lang::En);
    keys(&mut a, "2");
    a.on_key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
    assert!(a.waiting_for().is_some(), "Today asked its worker instead of reading on the key");
    a.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(a.waiting_for().is_none());
    assert_eq!(a.screen().map(|s| s.id()), Some(fieldbook::tui::keymap::ScreenId::Customer), "Enter opened the line");
}
