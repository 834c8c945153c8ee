//! The visit loop without holes (issue 10): every field of a visit is seen again on the
//! timeline and in the brief (app, `brief` text and JSON), long text wrapped.

use fieldbook::i18n::{I18n, Lang};
use fieldbook::tui::app::App;
use fieldbook::tui::keymap::Keymap;
use fieldbook::tui::screens::Screen;
use fieldbook::tui::theme::Theme;

use crate::common::Env;
use crate::tui_support::{self, keys, render};

const LONG_PLAN: &str = "bring the price list, the two reference cases from Suzhou and the service contract draft, \
    then walk the buyer through the total cost over three years before asking who signs";

/// A customer with a logged visit (every field filled) and a planned one; returns the id.
fn customer_with_visits(env: &Env) -> String {
    let id = env.add("王伟", &["--company", "华东机械"]).to_string();
    env.ok(&[
        "visit",
        &id,
        "--at",
        "2031-05-02 10:00",
        "--purpose",
        "map the decision process",
        "--plan",
        LONG_PLAN,
        "--expect",
        "names of the approvers",
        "--result",
        "刘总 signs",
        "--outcome",
        "partly",
        "--next-step",
        "send the quote",
        "--next",
        "2031-05-08",
    ]);
    env.ok(&[
        "plan",
        &id,
        "--at",
        "2031-05-09 14:30",
        "--purpose",
        "present the offer",
        "--plan",
        "demo the reporting module",
        "--expect",
        "a trial order",
    ]);
    id
}

#[test]
fn the_brief_shows_every_field_of_the_last_and_this_visit_in_text_and_json() {
    let env = Env::new();
    let id = customer_with_visits(&env);
    let json = env.json(&["brief", &id, "--format", "json"]);
    let last = &json["last_visit"];
    assert_eq!(last["purpose"], "map the decision process");
    assert_eq!(last["action_plan"], LONG_PLAN);
    assert_eq!(last["expected_result"], "names of the approvers");
    assert_eq!(last["actual_result"], "刘总 signs");
    assert_eq!(last["outcome"], "partly");
    assert_eq!(last["next_step"], "send the quote");
    assert_eq!(last["next_step_on"], "2031-05-08");
    assert_eq!(json["next_visit"]["action_plan"], "demo the reporting module");

    for lang in ["en", "zh-CN"] {
        let text = env.ok(&["--lang", lang, "brief", &id]);
        assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100), "long text is wrapped: {text}");
        let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(LONG_PLAN), "the whole action plan is there: {text}");
        assert!(text.contains("demo the reporting module"), "this visit's plan: {text}");
        assert!(text.contains("send the quote"), "the last visit's next step: {text}");
    }
    let text = env.ok(&["brief", &id]);
    let plan_rows: Vec<&str> = text.lines().skip_while(|l| !l.contains("Action plan")).take(2).collect();
    let value_at = plan_rows[0].find("bring").unwrap();
    assert_eq!(plan_rows[1].len() - plan_rows[1].trim_start().len(), value_at, "rows continue under the value");
}

#[test]
fn the_timeline_shows_the_action_plan_outcome_and_next_step_wrapped() {
    for lang in [Lang::En, Lang::ZhCn] {
        let env = Env::new();
        let id: i64 = customer_with_visits(&env).parse().unwrap();
        let mut app = tui_support::app_on(&env.db, lang);
        keys(&mut app, "3 f");
        tui_support::type_text(&mut app, "王伟");
        keys(&mut app, "enter enter");
        match app.screen() {
            Some(Screen::Customer(c)) => assert_eq!(c.customer_id(), id),
            _ => panic!("the customer did not open"),
        }
        let screen = render(&app, 120, 40);
        let (plan, outcome, next) = match lang {
            Lang::En => ("plan:", "outcome: Partly", "next step: 05-08 send the quote"),
            Lang::ZhCn => ("计划：", "达成情况：部分达成", "下一步：05-08 send the quote"),
        };
        for wanted in [plan, outcome, next, "demo the reporting module", "reference cases", "who signs"] {
            assert!(screen.contains(wanted), "{wanted:?} on the timeline:\n{screen}");
        }
    }
}

#[test]
fn the_brief_screen_shows_the_action_plans() {
    let env = Env::new();
    customer_with_visits(&env);
    let mut app = tui_support::app_on(&env.db, Lang::En);
    keys(&mut app, "3 f");
    tui_support::type_text(&mut app, "王伟");
    keys(&mut app, "enter enter b");
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&render(&app, 80, 24));
        keys(&mut app, "pagedown");
    }
    for wanted in ["Action plan", "bring the price list", "demo the reporting module", "send the quote"] {
        assert!(seen.contains(wanted), "{wanted:?} in the brief:\n{seen}");
    }
}

/// The review of `date` as JSON.
fn review(env: &Env, date: &str) -> serde_json::Value {
    env.json(&["today", "--date", date, "--format", "json"])
}

fn due_texts(review: &serde_json::Value) -> Vec<(String, i64)> {
    review["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["next_step"].as_str().unwrap().to_string(), o["days_late"].as_i64().unwrap()))
        .collect()
}

#[test]
fn a_next_step_is_on_today_from_its_due_day_even_with_an_earlier_appointment() {
    let env = Env::new();
    customer_with_visits(&env);
    // "send the quote" is due 05-08; an appointment on 05-09 does not hide it.
    assert!(due_texts(&review(&env, "2031-05-07")).is_empty());
    assert_eq!(due_texts(&review(&env, "2031-05-08")), [("send the quote".to_string(), 0)], "due today");
    assert_eq!(due_texts(&review(&env, "2031-05-09")), [("send the quote".to_string(), 1)], "then late");
    let text = env.ok(&["today", "--date", "2031-05-08"]);
    assert!(text.contains("due today") && text.contains("send the quote"), "{text}");
    // The customers table and the board read the same next step as Today.
    let listed = env.json(&["list", "--format", "json"]);
    assert_eq!(listed[0]["next_step_on"], "2031-05-08", "{listed}");
    // An earlier appointment and a step added on its own: both are there, soonest first.
    let id = "1";
    env.ok(&["plan", id, "--at", "2031-05-07 09:00", "--purpose", "call", "--plan", "p", "--expect", "e"]);
    env.ok(&["next", "add", id, "ask for the tender date", "--on", "2031-05-08 16:00"]);
    let due = due_texts(&review(&env, "2031-05-08"));
    assert_eq!(
        due,
        [("call".to_string(), 1), ("send the quote".to_string(), 0), ("ask for the tender date".to_string(), 0)]
    );
    let counts = env.ok(&["--lang", "zh-CN", "today", "--date", "2031-05-08"]);
    assert!(counts.contains("到期的下一步（3 项）") && counts.contains("今天到期"), "{counts}");
}

#[test]
fn next_steps_on_the_command_line_add_list_done_postpone() {
    let env = Env::new();
    let id = customer_with_visits(&env);
    let added = env.ok(&["next", "add", &id, "send the samples", "--on", "tomorrow"]);
    let step: i64 = added.trim().parse().unwrap();
    let listed = env.json(&["next", "list", &id, "--format", "json"]);
    let texts: Vec<&str> = listed.as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["send the samples", "send the quote"], "soonest first");
    assert_eq!(listed[0]["due_on"], "2031-05-07");
    assert_eq!(listed[0]["due"]["state"], "later");
    env.ok(&["next", "postpone", &step.to_string(), "--on", "2031-05-10"]);
    let shown = env.json(&["show", &id, "--format", "json"]);
    let due: Vec<&str> =
        shown["next_steps"].as_array().unwrap().iter().map(|s| s["due_on"].as_str().unwrap()).collect();
    assert_eq!(due, ["2031-05-08", "2031-05-10"]);
    let done = env.ok(&["next", "done", &step.to_string()]);
    assert!(done.contains("send the samples"), "{done}");
    let err = env.fails(&["next", "done", &step.to_string()]);
    assert!(!err.is_empty());
    let all = env.ok(&["next", "list"]);
    assert!(all.contains("send the quote") && !all.contains("send the samples"), "{all}");
    let brief = env.json(&["brief", &id, "--format", "json"]);
    assert_eq!(brief["next_steps"][0]["text"], "send the quote");
    let text = env.ok(&["--lang", "zh-CN", "brief", &id]);
    assert!(text.contains("下一步\n  2031-05-08  2 天后  send the quote"), "{text}");
    assert!(env.fails(&["next", "add", &id, "  ", "--on", "fri"]).contains("next step"));
    assert!(env.fails(&["next", "add", &id, "x", "--on", "someday"]).contains("someday"));
}

#[test]
fn logging_an_appointment_keeps_its_planned_time() {
    for lang in [Lang::En, Lang::ZhCn] {
        let env = Env::new();
        let id = env.add("王伟", &[]).to_string();
        env.ok(&[
            "plan",
            &id,
            "--at",
            "2031-05-06 10:00",
            "--purpose",
            "demo",
            "--plan",
            "show it",
            "--expect",
            "a trial",
        ]);
        // The app's clock says 09:00 (tui_support); a rep logging later keeps 10:00 all the same.
        let mut app = tui_support::app_on(&env.db, lang);
        keys(&mut app, "1 d");
        assert!(render(&app, 80, 24).contains("2031-05-06 10:00"), "{}", render(&app, 80, 24));
        keys(&mut app, "ctrl-s");
        let shown = env.json(&["show", &id, "--format", "json"]);
        assert_eq!(shown["visits"][0]["done_at"], "2031-05-06T10:00:00", "{shown}");
    }
}

#[test]
fn a_next_step_due_tomorrow_is_on_today_tomorrow_and_becomes_a_planned_visit() {
    for lang in [Lang::En, Lang::ZhCn] {
        let env = Env::new();
        let id = env.add("王伟", &[]).to_string();
        env.ok(&[
            "visit",
            &id,
            "--at",
            "2031-05-06 10:00",
            "--purpose",
            "demo",
            "--plan",
            "show it",
            "--expect",
            "a trial",
            "--next-step",
            "send the quote",
            "--next",
            "tomorrow",
        ]);
        let store = tui_support::open_on(&env.db, "2031-05-07");
        let mut app = App::new(store, I18n::new(lang), Keymap::defaults(), Theme::default(), &env.dir.path().join("c"));
        app.finish_background();
        let screen = render(&app, 80, 24);
        let due_today = if lang == Lang::En { "due today" } else { "今天到期" };
        assert!(screen.contains(due_today) && screen.contains("send the quote"), "{screen}");
        // f: a planned visit, prefilled with the step's text and day.
        keys(&mut app, "f");
        let form = render(&app, 80, 24);
        assert!(form.contains("send the quote") && form.contains("2031-05-07"), "{form}");
        keys(&mut app, "tab");
        tui_support::type_text(&mut app, "bring the price list");
        keys(&mut app, "tab");
        tui_support::type_text(&mut app, "an order");
        keys(&mut app, "ctrl-s");
        assert!(app.modal().is_none(), "saved: {}", render(&app, 80, 24));
        let steps = env.json(&["next", "list", &id, "--format", "json"]);
        assert!(steps.as_array().unwrap().is_empty(), "the step is done: {steps}");
        let shown = env.json(&["show", &id, "--format", "json"]);
        let planned = &shown["visits"][0];
        assert_eq!((planned["purpose"].as_str(), planned["done_at"].as_str()), (Some("send the quote"), None));
        assert_eq!(planned["planned_at"].as_str().map(|p| &p[..10]), Some("2031-05-07"));
    }
}

#[test]
fn on_today_x_ticks_a_next_step_off_and_d_logs_a_visit_doing_it() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    env.ok(&["next", "add", &id, "send the quote", "--on", "2031-05-06"]);
    env.ok(&["next", "add", &id, "call the buyer", "--on", "2031-05-05"]);
    let mut app = tui_support::app_on(&env.db, Lang::En);
    keys(&mut app, "1");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("1d late") && screen.contains("due today"), "{screen}");
    // The first is the late call: d logs a visit with it as the purpose.
    keys(&mut app, "d");
    assert!(render(&app, 80, 24).contains("call the buyer"), "{}", render(&app, 80, 24));
    keys(&mut app, "tab");
    tui_support::type_text(&mut app, "ask about the budget");
    keys(&mut app, "tab");
    tui_support::type_text(&mut app, "a budget range");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {}", render(&app, 80, 24));
    let open = env.json(&["next", "list", &id, "--format", "json"]);
    assert_eq!(open.as_array().unwrap().len(), 1, "{open}");
    // x: the quote is done without a visit.
    keys(&mut app, "1 x");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Done: send the quote"), "{screen}");
    assert!(env.json(&["next", "list", &id, "--format", "json"]).as_array().unwrap().is_empty());
    let shown = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(shown["visits"].as_array().unwrap().len(), 1, "only the call was logged as a visit");
}

#[test]
fn an_export_from_before_next_steps_had_rows_gives_its_visits_next_steps_their_rows() {
    let env = customer_env_with_visits();
    let out = env.dir.path().join("all.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    // The same export as version 10 wrote it: no next_step table.
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    doc["tables"].as_object_mut().unwrap().remove("next_step");
    doc["schema_version"] = 10.into();
    std::fs::write(&out, serde_json::to_string(&doc).unwrap()).unwrap();
    let other = Env::new();
    other.ok(&["import", out.to_str().unwrap()]);
    let listed = other.json(&["next", "list", "--format", "json"]);
    let texts: Vec<&str> = listed.as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["send the quote"]);
    assert_eq!(other.json(&["list", "--format", "json"])[0]["next_step_on"], "2031-05-08");
}

fn customer_env_with_visits() -> Env {
    let env = Env::new();
    customer_with_visits(&env);
    env
}

#[test]
fn the_postpone_label_is_whole_apart_from_the_input_and_its_example_a_day_to_come_at_80x24() {
    for lang in [Lang::En, Lang::ZhCn] {
        let env = Env::new();
        let id = env.add("王伟", &[]).to_string();
        env.ok(&["plan", &id, "--at", "2031-05-06 10:00", "--purpose", "demo", "--plan", "p", "--expect", "e"]);
        let mut app = tui_support::app_on(&env.db, lang);
        keys(&mut app, "1 p");
        tui_support::type_text(&mut app, "fri 3pm");
        let screen = render(&app, 80, 24);
        let label = match lang {
            Lang::En => "New day (tomorrow, fri, next mon, may 13, +3d, fri 3pm)",
            Lang::ZhCn => "新日期（明天、周五、下周一、5月13日、3天后、周五下午3点）",
        };
        assert!(
            !screen.contains("may 12") && !screen.contains("5月12日"),
            "the example is a week from today: {screen}"
        );
        let label_row = screen.lines().position(|l| l.contains(label)).unwrap_or_else(|| panic!("{screen}"));
        let typed_row = screen.lines().position(|l| l.contains("fri 3pm ") || l.trim_end().ends_with("fri 3pm│"));
        assert!(typed_row.is_some_and(|r| r > label_row), "the typed text is on its own row: {screen}");
    }
}

#[test]
fn the_visit_forms_date_hint_is_a_day_to_come() {
    for (lang, example) in [(Lang::En, "may 13"), (Lang::ZhCn, "5月13日")] {
        let env = Env::new();
        env.add("王伟", &[]);
        let mut app = tui_support::app_on(&env.db, lang);
        keys(&mut app, "3 enter p");
        let mut seen = String::new();
        for _ in 0..6 {
            seen.push_str(&render(&app, 80, 24));
            keys(&mut app, "tab");
        }
        assert!(seen.contains(example), "a week from 2031-05-06: {seen}");
        assert!(!seen.contains("may 12") && !seen.contains("5月12日"), "{seen}");
    }
}
