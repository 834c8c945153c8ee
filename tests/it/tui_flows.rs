//! Flows through the app driven by key presses, checked against app state and database rows.

use crate::tui_support;

use fieldbook::domain::{DealState, NewNextStep, Step};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};
use fieldbook::tui::app::App;
use fieldbook::tui::keymap::ScreenId;
use fieldbook::tui::overlay::Overlay;
use fieldbook::tui::screens::Screen;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{app, app_on, keys, render, type_text};

fn customer_id(store: &Store, name: &str) -> i64 {
    let filter = CustomerFilter { text: Some(name.into()), ..Default::default() };
    store.list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id
}

fn pipeline(app: &App) -> &fieldbook::tui::screens::pipeline::PipelineScreen {
    match app.screen() {
        Some(Screen::Pipeline(p)) => p,
        _ => panic!("not on the pipeline"),
    }
}

#[test]
fn a_deal_moves_through_all_five_steps_and_is_won() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2");
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Pipeline));
    assert_eq!(pipeline(&app).selected_card().map(|c| c.name.as_str()), Some("刘洋"));
    for step in [Step::Approach, Step::Survey, Step::Presentation, Step::Close] {
        // Nothing is ticked: each move asks first and y moves on.
        keys(&mut app, "> y");
        let card = pipeline(&app).selected_card().unwrap();
        assert_eq!((card.name.as_str(), card.stage), ("刘洋", step), "the focus follows the card");
    }
    keys(&mut app, ">");
    assert!(app.toast().unwrap().text.contains("last step"));
    keys(&mut app, "w");
    assert!(app.modal().is_some(), "won asks first");
    keys(&mut app, "enter");
    assert!(app.toast().is_some_and(|t| !t.is_error));
    let id = customer_id(app.store(), "刘洋");
    let deal = &app.store().deals_of(id).unwrap()[0];
    assert_eq!(deal.state, DealState::Won);
    let history = app.store().stage_history(deal.id).unwrap();
    let steps: Vec<Step> = history.iter().map(|e| e.to_stage).collect();
    use Step::*;
    assert_eq!(steps, [Preparation, Approach, Survey, Presentation, Close, Close]);
    assert_eq!(history.last().unwrap().to_state, DealState::Won);
    assert_eq!(pipeline(&app).totals()[4].count, 2, "the won deal left the board");
}

#[test]
fn moving_back_from_the_first_step_is_refused_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 <");
    assert!(app.toast().unwrap().text.contains("first step"));
    let id = customer_id(app.store(), "刘洋");
    let deal = &app.store().deals_of(id).unwrap()[0];
    assert_eq!(app.store().stage_history(deal.id).unwrap().len(), 1);
}

#[test]
fn board_filter_narrows_as_you_type_and_esc_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 /");
    type_text(&mut app, "li");
    let total: u64 = pipeline(&app).totals().iter().map(|t| t.count).sum();
    assert_eq!(total, 2, "Li Na, and by pinyin 刘洋 (not 华东物流 by its syllable liu: a company by its start only)");
    type_text(&mut app, " na");
    let total: u64 = pipeline(&app).totals().iter().map(|t| t.count).sum();
    assert_eq!(total, 1, "only Li Na matches");
    // While typing, letters are text, not commands: "q" did not quit.
    type_text(&mut app, "q");
    assert!(!app.should_quit());
    keys(&mut app, "backspace enter");
    keys(&mut app, "l");
    assert_eq!(pipeline(&app).column(), Step::Approach);
    assert_eq!(pipeline(&app).selected_card().map(|c| c.name.as_str()), Some("Li Na"));
    keys(&mut app, "esc");
    let total: u64 = pipeline(&app).totals().iter().map(|t| t.count).sum();
    assert_eq!(total, 10);
}

#[test]
fn the_board_and_customers_filters_find_chinese_names_by_pinyin() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "2 /");
    type_text(&mut app, "wangwei");
    let total: u64 = pipeline(&app).totals().iter().map(|t| t.count).sum();
    assert_eq!(total, 1);
    assert!(render(&app, 120, 40).contains("王伟"));
    keys(&mut app, "esc 3 f");
    type_text(&mut app, "ly");
    let shown = render(&app, 120, 40);
    assert!(shown.contains("刘洋") && !shown.contains("王伟"), "{shown}");
}

#[test]
fn customers_filter_open_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "3 f");
    type_text(&mut app, "华东");
    keys(&mut app, "enter enter");
    match app.screen() {
        Some(Screen::Customer(c)) => assert_eq!(c.customer().map(|c| c.name.as_str()), Some("陈静")),
        _ => panic!("the customer did not open"),
    }
    keys(&mut app, "esc");
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Customers));
}

#[test]
fn help_lists_the_keys_that_work_and_any_key_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 ?");
    assert!(matches!(app.overlay(), Some(Overlay::Help(_))));
    let screen = render(&app, 120, 40);
    for line in ["> ", "next step", "w ", "won", "h ←", "q Ctrl-C"] {
        assert!(screen.contains(line), "help lacks {line}");
    }
    keys(&mut app, "x");
    assert!(app.overlay().is_none());
}

#[test]
fn palette_finds_an_action_by_name_and_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "ctrl-p");
    type_text(&mut app, "pipeline");
    keys(&mut app, "enter");
    assert!(app.overlay().is_none());
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Pipeline));
    keys(&mut app, ":");
    type_text(&mut app, "nothing like this");
    keys(&mut app, "enter esc");
    assert!(app.overlay().is_none());
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Pipeline));
}

#[test]
fn empty_database_welcomes_then_starts_empty_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(&dir.path().join("new.db"), Lang::En);
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Welcome));
    assert!(render(&app, 80, 24).contains("new.db"));
    keys(&mut app, "e");
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Today));
    // An empty Today says where to start, with the keys.
    let today = render(&app, 80, 24);
    assert!(today.contains("Nothing due today. 3 shows your customers, where a adds one;"), "{today}");
    keys(&mut app, "3");
    assert!(render(&app, 80, 24).contains("No customers yet: a adds one."));
    keys(&mut app, "a");
    assert!(app.modal().is_some(), "a opens the new customer form");
    keys(&mut app, "esc 1 q");
    assert!(app.should_quit());
}

#[test]
fn an_empty_database_says_where_to_start_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(&dir.path().join("new.db"), Lang::ZhCn);
    keys(&mut app, "e");
    let today = render(&app, 80, 24);
    assert!(today.contains("今天没有待办。按 3 打开客户列表"), "{today}");
    keys(&mut app, "3");
    assert!(render(&app, 80, 24).contains("还没有客户：按 a 添加。"));
    keys(&mut app, "f");
    type_text(&mut app, "王");
    assert!(render(&app, 80, 24).contains("没有匹配的客户。"), "a filter that finds nobody says so");
}

#[test]
fn lost_asks_the_reason_then_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 x");
    assert!(app.modal().is_some(), "lost asks first");
    keys(&mut app, "enter");
    assert!(app.modal().is_some(), "an empty reason is refused");
    type_text(&mut app, "went with a cheaper supplier");
    keys(&mut app, "enter");
    assert!(app.modal().is_none());
    let id = customer_id(app.store(), "刘洋");
    let deal = &app.store().deals_of(id).unwrap()[0];
    assert_eq!((deal.state, deal.lost_reason.as_str()), (DealState::Lost, "went with a cheaper supplier"));
}

#[test]
fn esc_on_the_lost_question_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "2 x esc");
    assert!(app.modal().is_none());
    let id = customer_id(app.store(), "刘洋");
    assert_eq!(app.store().deals_of(id).unwrap()[0].state, DealState::Open);
}

#[test]
fn log_a_visit_from_the_customers_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 f");
    type_text(&mut app, "Anna");
    keys(&mut app, "enter l");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form opens");
    assert_eq!(form.target().customer_name, "Anna Berg");
    type_text(&mut app, "introduce the new paper grades");
    keys(&mut app, "tab");
    type_text(&mut app, "bring samples");
    keys(&mut app, "tab");
    type_text(&mut app, "a trial order");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved and closed: {:?}", app.toast());
    let id = customer_id(app.store(), "Anna");
    let visits = app.store().visits_of(id, 10, 0).unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].purpose, "introduce the new paper grades");
    assert!(!visits[0].is_planned());
}

#[test]
fn ctrl_c_with_unsaved_text_asks_before_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 l");
    type_text(&mut app, "half a thought");
    keys(&mut app, "ctrl-c");
    assert!(!app.should_quit());
    keys(&mut app, "n");
    assert!(app.modal().and_then(|m| m.visit_form()).is_some(), "the form and its text are still there");
    keys(&mut app, "ctrl-c y");
    assert!(app.should_quit());
}

#[test]
fn search_finds_a_note_and_opens_its_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "/");
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Search));
    type_text(&mut app, "wechat");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("prefers WeChat"), "{screen}");
    keys(&mut app, "enter");
    match app.screen() {
        Some(Screen::Customer(c)) => assert_eq!(c.customer().map(|c| c.name.as_str()), Some("王伟")),
        _ => panic!("the customer did not open"),
    }
    keys(&mut app, "esc");
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Search), "back to the results");
}

#[test]
fn one_letter_in_the_search_box_finds_names_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "/");
    type_text(&mut app, "z");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("One letter finds the names that start with it"), "{screen}");
    assert!(screen.contains("customer Zhao Lei"), "{screen}");
    type_text(&mut app, "h");
    assert!(!render(&app, 120, 40).contains("One letter"), "two letters search everything");
}

/// While a query's first hits are on their way the box says it is searching, never "Nothing
/// found." (seen typing "budget" at once on the 100k demo: a wrong answer for a moment).
#[test]
fn the_search_says_searching_until_its_first_hits_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "/");
    for c in "wechat".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let waiting = render(&app, 120, 40);
    assert!(!waiting.contains("Nothing found."), "{waiting}");
    assert!(waiting.contains("Searching…") || waiting.contains("prefers WeChat"), "{waiting}");
    app.finish_background();
    assert!(render(&app, 120, 40).contains("prefers WeChat"));
    type_text(&mut app, "zzz");
    assert!(render(&app, 120, 40).contains("Nothing found."), "said once the answer is in");
}

#[test]
fn ctrl_u_clears_the_search_query() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "/");
    type_text(&mut app, "wechat");
    keys(&mut app, "ctrl-u");
    type_text(&mut app, "zhao");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("search: zhao▏"), "{screen}");
    assert!(screen.contains("customer Zhao Lei"), "{screen}");
}

fn today(app: &App) -> &fieldbook::tui::screens::today::TodayScreen {
    match app.screen() {
        Some(Screen::Today(t)) => t,
        _ => panic!("not on Today"),
    }
}

#[test]
fn welcome_loads_demo_data_and_opens_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(&dir.path().join("demo.db"), Lang::ZhCn);
    keys(&mut app, "d");
    assert!(render(&app, 80, 24).contains("正在载入演示数据"), "a frame says the load started");
    assert!(app.run_later(), "then the load runs");
    assert!(!app.run_later());
    assert_eq!(app.screen().map(Screen::id), Some(ScreenId::Today));
    assert!(app.toast().is_some_and(|t| !t.is_error && t.text.contains("演示数据")));
    let rows = app.store().list_customers(&CustomerFilter::default(), CustomerSort::Name, 5, 0).unwrap();
    assert_eq!(rows.len(), 5);
    app.finish_background();
    assert!(today(&app).selected_item().is_some(), "the demo gives the day something to do");
}

#[test]
fn today_done_logs_the_appointment_prefilled() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let item = *today(&app).selected_item().unwrap();
    let visit_id = item.visit_id.expect("the first item is today's 10:00 appointment");
    keys(&mut app, "d");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form opens");
    assert_eq!(form.text().purpose, "confirm budget and decision process");
    // Straight to the actual result: Tab past the prefilled fields, type, channel, time and the
    // type's checklist.
    keys(&mut app, "tab tab tab tab tab tab tab");
    type_text(&mut app, "budget is 200k, signed by 刘总");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let visit = app.store().visit(visit_id).unwrap();
    assert!(!visit.is_planned());
    assert_eq!(visit.actual_result, "budget is 200k, signed by 刘总");
    assert!(today(&app).selected_item().is_none_or(|i| i.visit_id != Some(visit_id)), "it left the appointments");
}

#[test]
fn today_postpone_moves_the_appointment_keeping_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let visit_id = today(&app).selected_item().unwrap().visit_id.unwrap();
    keys(&mut app, "p");
    type_text(&mut app, "fri");
    keys(&mut app, "enter");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let at = app.store().visit(visit_id).unwrap().planned_at.unwrap();
    assert_eq!(at.to_string(), "2031-05-09 10:00:00");
}

#[test]
fn today_follow_up_plans_the_next_visit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let customer = today(&app).selected_customer().unwrap();
    keys(&mut app, "f");
    type_text(&mut app, "send the quotation");
    keys(&mut app, "tab");
    type_text(&mut app, "walk through the price list");
    keys(&mut app, "tab");
    type_text(&mut app, "a signed quotation");
    keys(&mut app, "tab tab tab");
    type_text(&mut app, "tomorrow 11:00");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let visits = app.store().visits_of(customer, 10, 0).unwrap();
    let planned = visits.iter().find(|v| v.purpose == "send the quotation").unwrap();
    assert_eq!(planned.planned_at.unwrap().to_string(), "2031-05-07 11:00:00");
}

#[test]
fn the_visit_form_reads_dates_as_reps_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    let customer = today(&app).selected_customer().unwrap();
    keys(&mut app, "f");
    type_text(&mut app, "送报价");
    keys(&mut app, "tab");
    type_text(&mut app, "讲价目表");
    keys(&mut app, "tab");
    type_text(&mut app, "签字的报价");
    keys(&mut app, "tab tab tab");
    type_text(&mut app, "下周一 上午10点");
    assert!(render(&app, 120, 40).contains("→ 2031-05-12（周一）10:00"), "the form reads it back as typed");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let visits = app.store().visits_of(customer, 10, 0).unwrap();
    let planned = visits.iter().find(|v| v.purpose == "送报价").unwrap();
    assert_eq!(planned.planned_at.unwrap().to_string(), "2031-05-12 10:00:00");

    // Logging looks back: last Friday, not the coming one.
    let visit_id = today(&app).selected_item().unwrap().visit_id.unwrap();
    keys(&mut app, "d tab tab tab tab tab");
    keys(&mut app, &"backspace ".repeat(20));
    type_text(&mut app, "周五下午3点");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "{:?}", app.toast());
    let done = app.store().visit(visit_id).unwrap().done_at.unwrap();
    assert_eq!(done.to_string(), "2031-05-02 15:00:00");
}

#[test]
fn the_customer_timeline_scrolls_to_its_end_and_no_further() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    {
        let mut store = Store::open(&path, fieldbook::clock::Clock::Fixed(tui_support::day("2031-05-06"))).unwrap();
        let wang = store.search("王伟", 1, "ext.").unwrap()[0].customer.as_ref().unwrap().id;
        for n in 1..=40 {
            store
                .add_note(Some(wang), &format!("note number {n} with enough words to wrap on a narrow screen"))
                .unwrap();
        }
    }
    let mut app = app_on(&path, Lang::En);
    keys(&mut app, "/");
    type_text(&mut app, "王伟");
    keys(&mut app, "enter");
    assert!(matches!(app.screen(), Some(Screen::Customer(_))));
    render(&app, 80, 24); // as the app draws before each key: the draw finds the scroll limit
    keys(&mut app, "G");
    let bottom = render(&app, 80, 24);
    assert!(bottom.contains("note number 21 with"), "the oldest note shown is the last row: {bottom}");
    for _ in 0..200 {
        keys(&mut app, "j");
        render(&app, 80, 24);
    }
    assert_eq!(render(&app, 80, 24), bottom, "no scrolling past the end");
    keys(&mut app, "k");
    assert_ne!(render(&app, 80, 24), bottom, "one k moves back at once");
    keys(&mut app, "g");
    assert!(render(&app, 80, 24).contains("Visits"));
}

#[test]
fn the_customer_header_keeps_the_profile_when_the_name_line_is_long() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    {
        let mut store = Store::open(&path, fieldbook::clock::Clock::Fixed(tui_support::day("2031-05-06"))).unwrap();
        let wang = store.search("王伟", 1, "ext.").unwrap()[0].customer.as_ref().unwrap().id;
        let patch = fieldbook::store::CustomerPatch {
            title: Some("Purchasing manager for the whole of south China".into()),
            portfolio: Some(Some(fieldbook::domain::Portfolio::Star)),
            ..Default::default()
        };
        store.update_customer(wang, patch).unwrap();
    }
    let mut app = app_on(&path, Lang::En);
    keys(&mut app, "/");
    type_text(&mut app, "王伟");
    keys(&mut app, "enter");
    let screen = render(&app, 80, 24);
    let header = screen.lines().nth(1).unwrap();
    assert!(header.contains("MAN ?+?+?") && header.contains("★ Star"), "{header}");
    assert!(header.contains("王伟 · 深圳") && header.contains('…'), "the title gives way: {header}");
}

#[test]
fn a_list_cut_at_fifty_says_there_are_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    tui_support::seed(&path);
    {
        let mut store = tui_support::open_on(&path, tui_support::TODAY);
        let id = customer_id(&store, "王伟");
        for n in 0..60 {
            let due_on = tui_support::day("2031-02-01") + chrono::Days::new(n);
            let step = NewNextStep { text: format!("late step {n}"), due_on, due_time: None, deal_id: None };
            store.add_next_step(id, step).unwrap();
        }
    }
    let app = app_on(&path, Lang::En);
    let screen = render(&app, 100, 40);
    assert!(screen.contains("Next steps due (50+)"), "{screen}");
}

#[test]
fn a_day_alone_in_a_plan_reads_back_at_the_start_of_the_working_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "f tab tab tab tab tab");
    type_text(&mut app, "fri");
    let screen = render(&app, 100, 40);
    assert!(screen.contains("→ Fri 2031-05-09 09:00"), "{screen}");
}
