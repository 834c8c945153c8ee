//! The visit loop without holes (issue 10): every field of a visit is seen again on the
//! timeline and in the brief (app, `brief` text and JSON), long text wrapped.

use fieldbook::i18n::Lang;
use fieldbook::tui::screens::Screen;

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
        assert!(text.lines().all(|l| fieldbook::text::width(l) <= 100), "long text is wrapped: {text}");
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
            Lang::ZhCn => ("计划:", "结果评价: 部分达成", "下一步: 05-08 send the quote"),
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
