//! The report screen (key `4`): the same figures as `fieldbook report --format json` on the
//! same database, switched between week, month and quarter and stepped back and forth.

use fieldbook::i18n::Lang;

use crate::tui_support::{self, TODAY, app_on, keys, render};

/// `fieldbook report --format json` with `args` on the database at `db`.
fn report_json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("fieldbook")
        .unwrap()
        .env("FIELDBOOK_CONFIG_DIR", db.with_file_name("config"))
        .args(["--db", db.to_str().unwrap(), "--today", TODAY, "--lang", "en", "report", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_screen_shows_the_figures_of_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    let mut app = app_on(&path, Lang::En);
    keys(&mut app, "4");
    let screen = render(&app, 120, 40);
    let json = report_json(&path, &["--period", "month"]);
    assert!(screen.contains("Month 2031-05-01 – 2031-05-31"), "{screen}");
    for step in json["funnel"].as_array().unwrap() {
        let name = step["step"].as_str().unwrap();
        let label = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
        let reached = step["reached"].as_u64().unwrap();
        let line = screen.lines().find(|l| l.contains(&label) && !l.contains('█')).unwrap_or_default();
        let cells: Vec<&str> = line.trim_matches(|c| c == '│' || c == '|').split_whitespace().collect();
        assert_eq!(cells.get(1).copied(), Some(reached.to_string().as_str()), "{label} in {screen}");
    }
    keys(&mut app, "l");
    let results = render(&app, 120, 40);
    let won = json["results"]["won_count"].as_u64().unwrap();
    let lost = json["results"]["lost_count"].as_u64().unwrap();
    if won + lost > 0 {
        assert!(results.contains(&format!("Won {won}")), "{results}");
    } else {
        assert!(results.contains("No deal was won or lost in the period"), "{results}");
    }
    let open: u64 = json["forecast"]["steps"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).sum();
    let all = results.lines().find(|l| l.contains("All open")).unwrap_or_default();
    assert!(all.split_whitespace().any(|w| w == open.to_string()), "{all}");
}

#[test]
fn p_cycles_the_period_and_brackets_step_through_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn);
    keys(&mut app, "4");
    assert!(render(&app, 80, 24).contains("本月 2031-05-01 至 2031-05-31"));
    keys(&mut app, "p");
    assert!(render(&app, 80, 24).contains("本季度 2031-04-01 至 2031-06-30"));
    keys(&mut app, "p");
    assert!(render(&app, 80, 24).contains("本周 2031-05-05 至 2031-05-11"));
    keys(&mut app, "[ [");
    assert!(render(&app, 80, 24).contains("本周 2031-04-21 至 2031-04-27"));
    keys(&mut app, "]");
    assert!(render(&app, 80, 24).contains("本周 2031-04-28 至 2031-05-04"));
    // The report is reached from every screen by 4 and from the palette.
    keys(&mut app, "1 : ");
    tui_support::type_text(&mut app, "报表");
    keys(&mut app, "enter");
    assert!(render(&app, 80, 24).contains("本月 2031-05-01 至 2031-05-31"));
}

/// Answers the sixteen statements of the open self-assessment, one `ratings` digit each.
fn rate(app: &mut fieldbook::tui::app::App, ratings: &str) {
    for r in ratings.chars() {
        tui_support::type_text(app, &r.to_string());
        keys(app, "enter");
    }
}

#[test]
fn the_self_assessment_taken_twice_in_the_app_shows_the_change_and_where_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    let mut app = app_on(&path, Lang::En);
    keys(&mut app, "4 h");
    let page = render(&app, 80, 24);
    assert!(page.contains("Skills") && page.contains("No self-assessment yet: press a"), "{page}");
    keys(&mut app, "a");
    let asked = render(&app, 80, 24);
    assert!(
        asked.contains("Self-assessment 1/16") && asked.contains("put them") && asked.contains("5 always"),
        "{asked}"
    );
    tui_support::type_text(&mut app, "9");
    keys(&mut app, "enter");
    assert!(render(&app, 80, 24).contains("Self-assessment 1/16"), "a 9 is not taken");
    keys(&mut app, "backspace");
    rate(&mut app, "3333222244443333");
    let first = render(&app, 80, 24);
    assert!(
        first.contains("Obtaining information") && first.contains("2/5") && first.contains("Step 3, Survey"),
        "{first}"
    );
    // Again from the palette, in Chinese: the change since the first sitting.
    let mut app = app_on(&path, Lang::ZhCn);
    keys(&mut app, ":");
    tui_support::type_text(&mut app, "自我评估");
    keys(&mut app, "enter");
    assert!(render(&app, 80, 24).contains("自我评估 1/16"), "{}", render(&app, 80, 24));
    rate(&mut app, "4444223344442222");
    keys(&mut app, "4 h");
    let second = render(&app, 120, 40);
    assert!(second.contains("与 2031-05-06 相比") && second.contains("+1") && second.contains("-1"), "{second}");
    assert!(second.contains("最弱的一项：影响与异议处理") && second.contains("购买信号"), "{second}");
    let json = report_json(&path, &[]);
    assert_eq!(json["assessment"]["weakest"], "influencing");
}

/// `4` and `p` return at once: the figures are computed off the UI thread, a spinner turns
/// beside the tabs meanwhile, and the figures shown before stay until the new ones arrive.
#[test]
fn the_figures_are_computed_off_the_ui_thread() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    app.on_key(KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE));
    assert!(app.waiting_for().is_some(), "the report asked its worker instead of computing on the key");
    app.finish_background();
    assert!(app.waiting_for().is_none());
    let month = render(&app, 120, 40);
    assert!(month.contains("Month 2031-05-01 – 2031-05-31"), "{month}");
    app.on_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
    assert!(app.waiting_for().is_some());
    app.finish_background();
    assert!(render(&app, 120, 40).contains("Quarter"), "{}", render(&app, 120, 40));
}
