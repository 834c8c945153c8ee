//! The frame around the screens: the header's counts of today's appointments and overdue next
//! steps (refreshed after writes), and the hint bar that always keeps help and quit.

use crate::tui_support;

use fieldbook::domain::today::TodayCounts;
use fieldbook::i18n::Lang;
use tui_support::{app, app_on, keys, render, type_text};

fn header(app: &fieldbook::tui::app::App, width: u16) -> String {
    render(app, width, 24).lines().next().unwrap_or_default().to_string()
}

fn footer(app: &fieldbook::tui::app::App, width: u16) -> String {
    render(app, width, 24).lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_header_counts_todays_appointments_and_overdue_steps_and_follows_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    assert_eq!(app.header_counts(), Some(TodayCounts { appointments: 2, overdue: 2 }));
    assert!(header(&app, 80).contains("● 2 today  ▲ 2 late"), "{}", header(&app, 80));
    // Postpone the first appointment to Friday: one left today.
    keys(&mut app, "p");
    type_text(&mut app, "fri");
    keys(&mut app, "enter");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert_eq!(app.header_counts(), Some(TodayCounts { appointments: 1, overdue: 2 }));
    assert!(header(&app, 80).contains("● 1 today"), "{}", header(&app, 80));
}

#[test]
fn the_header_counts_fit_80_columns_in_chinese_and_hide_on_the_welcome_screen() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Lang::ZhCn);
    let line = header(&app, 80);
    assert!(line.contains("● 今日 2") && line.contains("▲ 逾期 2"), "{line}");
    assert!(line.contains("2031-05-06"), "the date stays: {line}");
    let empty = tempfile::tempdir().unwrap();
    let welcome = app_on(&empty.path().join("new.db"), Lang::En);
    assert_eq!(welcome.header_counts(), None);
    assert!(!header(&welcome, 80).contains('●'));
}

#[test]
fn help_and_quit_stay_in_the_hint_bar_at_80_columns() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir, lang);
        for screen in ["1", "2", "3", "3 enter"] {
            keys(&mut app, screen);
            let bar = footer(&app, 80);
            let (help, quit) = if lang == Lang::En { ("? help", "q quit") } else { ("? 帮助", "q 退出") };
            assert!(bar.contains(help) && bar.contains(quit), "{screen}: {bar}");
        }
    }
}
