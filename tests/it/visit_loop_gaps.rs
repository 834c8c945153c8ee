//! The visit loop's last holes (issue 10): a next step planned as a visit from the command
//! line; an appointment logged with `d` keeps the next step typed when it was planned, and its
//! whole action plan is readable at 80x24; each board card shows its own deal's next step.

use fieldbook::i18n::Lang;

use crate::common::Env;
use crate::tui_support::{self, keys, render};

const PLAN: &str = "1. bring the price list\n2. ask the four question kinds\n3. summarise and get agreement\n4. agree the next meeting";

#[test]
fn next_plan_turns_a_next_step_into_a_planned_visit_for_its_deal() {
    let env = Env::new();
    let id = env.add("王伟", &["--company", "华东机械"]).to_string();
    let deal = env.ok(&["deal", "add", &id, "--title", "Service contract"]).trim().to_string();
    let step = env.ok(&["next", "add", &id, "send the quote", "--on", "2031-05-08", "--deal", &deal]);
    let step = step.trim().to_string();
    let out = env
        .cmd()
        .args(["next", "plan", &step, "--plan", "bring the printed quote", "--expect", "a signature"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let visit = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains(&format!("next step {step} is done by it")), "{told}");
    let shown = env.json(&["show", &id, "--format", "json"]);
    let planned = &shown["visits"][0];
    assert_eq!(planned["id"].to_string(), visit);
    assert_eq!(planned["purpose"], "send the quote", "the step's text is the purpose");
    assert_eq!(planned["planned_at"], "2031-05-08T09:00:00", "its day, at the start of the working day");
    assert_eq!(planned["deal_id"].to_string(), deal, "for the step's deal");
    assert!(env.json(&["next", "list", &id, "--format", "json"]).as_array().unwrap().is_empty(), "the step is done");
    let again = env.fails(&["next", "plan", &step, "--plan", "p", "--expect", "e"]);
    assert!(!again.is_empty(), "a done step is not planned twice");

    // Chinese, with a time and a purpose of one's own; a missing action plan is named.
    let step = env.ok(&["next", "add", &id, "寄样品", "--on", "fri"]).trim().to_string();
    let missing = env.fails(&["--lang", "zh-CN", "next", "plan", &step, "--expect", "试用"]);
    assert!(missing.contains("行动计划"), "{missing}");
    let out = env
        .cmd()
        .args(["--lang", "zh-CN", "next", "plan", &step, "--at", "下周一 下午3点", "--purpose", "送样品并演示"])
        .args(["--plan", "带样品", "--expect", "试用订单", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let visit = env.json(&["show", &id, "--format", "json"])["visits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == json["visit_id"])
        .cloned()
        .unwrap();
    assert_eq!(
        (visit["purpose"].as_str(), visit["planned_at"].as_str()),
        (Some("送样品并演示"), Some("2031-05-12T15:00:00"))
    );
    let help = env.ok(&["--lang", "zh-CN", "next", "plan", "--help"]);
    assert!(help.contains("把一条下一步转成计划拜访"), "{help}");
}

#[test]
fn logging_an_appointment_with_d_keeps_its_next_step_and_shows_the_whole_action_plan_at_80x24() {
    for lang in [Lang::En, Lang::ZhCn] {
        let env = Env::new();
        let id = env.add("王伟", &[]).to_string();
        env.ok(&[
            "plan",
            &id,
            "--at",
            "2031-05-06 10:00",
            "--purpose",
            "confirm the budget",
            "--plan",
            PLAN,
            "--expect",
            "a budget range",
        ]);
        env.ok(&[
            "visit",
            "edit",
            "1",
            "--topic",
            "the tender date",
            "--next-step",
            "send the brochure",
            "--next",
            "2031-05-08",
        ]);
        assert!(env.json(&["next", "list", "--format", "json"]).as_array().unwrap().is_empty(), "planned: no step yet");
        let mut app = tui_support::app_on(&env.db, lang);
        keys(&mut app, "1 d");
        let form = render(&app, 80, 24);
        for line in PLAN.lines() {
            assert!(form.contains(line), "{line:?} readable in the log form:\n{form}");
        }
        assert!(form.contains("send the brochure") && form.contains("the tender date"), "{form}");
        keys(&mut app, "ctrl-s");
        assert!(app.modal().is_none(), "saved: {}", render(&app, 80, 24));
        let steps = env.json(&["next", "list", &id, "--format", "json"]);
        assert_eq!(steps[0]["text"], "send the brochure", "{steps}");
        assert_eq!(steps[0]["due_on"], "2031-05-08");
        let shown = env.json(&["show", &id, "--format", "json"]);
        assert_eq!(shown["visits"][0]["next_topic"], "the tender date");
    }
}

#[test]
fn the_board_card_shows_its_own_deals_next_step_as_today_does() {
    let env = Env::new();
    let id = env.add("王伟", &["--company", "华东机械", "--stage", "survey"]).to_string();
    let deal = env.ok(&["deal", "add", &id, "--title", "Service contract", "--stage", "presentation"]);
    env.ok(&["next", "add", &id, "send the quote", "--on", "2031-05-06", "--deal", deal.trim()]);
    let mut app = tui_support::app_on(&env.db, Lang::En);
    keys(&mut app, "2");
    let board = render(&app, 120, 40);
    let survey_col = board.lines().find(|l| l.contains("none planned")).map(|l| l.find("none planned"));
    let today_col = board.lines().find(|l| l.contains("● today")).map(|l| l.find("● today"));
    assert!(survey_col.is_some() && today_col.is_some(), "one card with no next step, one due today:\n{board}");
    assert!(survey_col < today_col, "the survey deal has none; the presentation deal's is today:\n{board}");
}

/// The morning after: a visit logged in the evening without its result is on Today; `d` fills
/// the result in and keeps the visit's day and time, its next step and every other field.
#[test]
fn the_morning_after_d_fills_in_the_result_and_keeps_the_visits_time() {
    for lang in [Lang::En, Lang::ZhCn] {
        let env = Env::new();
        let id = env.add("Li Na", &["--company", "Hangzhou Cloud"]).to_string();
        env.ok(&[
            "visit",
            &id,
            "--at",
            "2031-05-05 14:30",
            "--purpose",
            "demo the reporting module",
            "--plan",
            PLAN,
            "--expect",
            "IT agrees to a trial",
            "--channel",
            "phone",
            "--topic",
            "the budget owner",
            "--next-step",
            "send the trial licence",
            "--next",
            "2031-05-08",
        ]);
        let mut app = tui_support::app_on(&env.db, lang);
        let today = render(&app, 80, 24);
        assert!(today.contains("demo the reporting module"), "missing its result on Today: {today}");
        keys(&mut app, "1 d");
        let form = render(&app, 80, 24);
        assert!(form.contains("2031-05-05 14:30"), "the visit's own time, not now: {form}");
        for line in PLAN.lines() {
            assert!(form.contains(line), "{line:?}: {form}");
        }
        tui_support::type_text(&mut app, "IT agreed; trial from Monday");
        keys(&mut app, "ctrl-s");
        assert!(app.modal().is_none(), "saved: {}", render(&app, 80, 24));
        let shown = env.json(&["show", &id, "--format", "json"]);
        let visit = &shown["visits"][0];
        assert_eq!(shown["visits"].as_array().unwrap().len(), 1);
        assert_eq!(visit["done_at"], "2031-05-05T14:30:00", "{visit}");
        assert_eq!(visit["actual_result"], "IT agreed; trial from Monday");
        assert_eq!(visit["action_plan"], PLAN);
        assert_eq!(
            (visit["channel"].as_str(), visit["next_topic"].as_str()),
            (Some("phone"), Some("the budget owner"))
        );
        let steps = env.json(&["next", "list", &id, "--format", "json"]);
        assert_eq!(
            (steps[0]["text"].as_str(), steps[0]["due_on"].as_str()),
            (Some("send the trial licence"), Some("2031-05-08"))
        );
        assert!(!render(&app, 80, 24).contains("demo the reporting module"), "no longer missing its result");
    }
}

/// A paste into the visit form goes into the focused box whole, as one edit: line breaks kept in
/// the action plan, spaces in the one-line "when".
#[test]
fn a_paste_into_the_visit_form_lands_whole_in_the_focused_box() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    let mut app = tui_support::app_on(&env.db, Lang::ZhCn);
    keys(&mut app, "3 enter p");
    app.on_paste("确认预算");
    keys(&mut app, "tab");
    let long: String = (0..120).map(|i| format!("第{i}步：带上价格表和参考案例\r\n")).collect();
    app.on_paste(&long);
    keys(&mut app, "tab");
    app.on_paste("预算范围");
    keys(&mut app, "tab tab tab");
    app.on_paste("明天\n上午10点");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "saved: {}", render(&app, 80, 24));
    let visit = &env.json(&["show", &id, "--format", "json"])["visits"][0];
    assert_eq!(visit["action_plan"], long.replace("\r\n", "\n").trim_end(), "every line, in order");
    assert_eq!(visit["planned_at"], "2031-05-07T10:00:00", "the one-line box took the line break as a space");
}

#[test]
fn a_late_next_step_is_planned_for_today_never_a_day_gone_by() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    let step = env.ok(&["next", "add", &id, "call back about the quote", "--on", "2031-05-01"]);
    let step = step.trim().to_string();
    env.ok(&["next", "plan", &step, "--plan", "have the price list ready", "--expect", "a date"]);
    let shown = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(shown["visits"][0]["planned_at"], format!("{}T09:00:00", crate::common::TODAY));
}
