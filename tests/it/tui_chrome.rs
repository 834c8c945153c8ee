//! The frame around the screens: the header's counts of today's appointments and overdue next
//! steps (refreshed after writes), and the hint bar that always keeps help and quit.

use crate::tui_support;

use fieldbook::domain::NewNextStep;
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
    assert_eq!(app.header_counts(), Some(TodayCounts { today: 2, late: 2 }));
    assert!(header(&app, 80).contains("● 2 today  ▲ 2 late"), "{}", header(&app, 80));
    // Postpone the first appointment to Friday: one left today.
    keys(&mut app, "p");
    type_text(&mut app, "fri");
    keys(&mut app, "enter");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    assert_eq!(app.header_counts(), Some(TodayCounts { today: 1, late: 2 }));
    assert!(header(&app, 80).contains("● 1 today"), "{}", header(&app, 80));
}

/// The header and Today count the same rows: ● is Today's appointments and next steps due
/// today, ▲ its late next steps and missed appointments.
#[test]
fn the_header_counts_what_today_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    let mut store = tui_support::open_on(&path, tui_support::TODAY);
    let gao = 10; // 高峰, the seed's last customer
    let step = |on: &str| NewNextStep {
        text: "call back".into(),
        due_on: tui_support::day(on),
        due_time: None,
        deal_id: None,
    };
    store.add_next_step(gao, step(tui_support::TODAY)).unwrap();
    store.add_next_step(gao, step("2031-05-07")).unwrap();
    drop(store);
    let mut app = app_on(&path, Lang::En);
    keys(&mut app, "1");
    let store = tui_support::open_on(&path, tui_support::TODAY);
    let list = store
        .today_list(
            tui_support::day(tui_support::TODAY),
            tui_support::day(tui_support::TODAY).and_hms_opt(8, 0, 0).unwrap(),
            &Default::default(),
        )
        .unwrap();
    let due_today = list.overdue.iter().filter(|o| o.days_late == 0).count() as u64;
    let late = list.overdue.iter().filter(|o| o.days_late > 0).count() as u64;
    assert_eq!((list.appointments.len() as u64, due_today, late), (2, 1, 2));
    assert_eq!(app.header_counts(), Some(TodayCounts { today: 3, late: 2 }));
    assert!(header(&app, 80).contains("● 3 today  ▲ 2 late"), "{}", header(&app, 80));
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
