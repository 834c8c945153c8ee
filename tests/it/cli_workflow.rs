//! `move`, `won`, `lost`, `plan`, `visit`, `note`, `fact`: the real binary on a temporary database.

use crate::common;

use common::Env;

#[test]
fn move_won_lost_write_the_step_history() {
    let env = Env::new();
    let a = env.add("王伟", &["--value", "100k"]);
    let b = env.add("Alice", &[]);
    assert!(env.ok(&["move", &a.to_string(), "survey", "--reason", "met the buyer"]).contains("Preparation to Survey"));
    assert!(env.ok(&["--lang", "zh-CN", "move", &a.to_string(), "展示"]).contains("从调查移到展示"));
    let deal = env.json(&["won", &a.to_string(), "--value", "120k", "--format", "json"]);
    assert_eq!(deal["state"], "won");
    assert_eq!(deal["value_minor"], 12_000_000);
    assert!(env.ok(&["lost", &b.to_string(), "--reason", "chose a competitor"]).contains("chose a competitor"));
    let shown = env.json(&["show", &a.to_string(), "--format", "json"]);
    let history: Vec<(String, String)> = shown["deals"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["to_stage"].as_str().unwrap().into(), e["to_state"].as_str().unwrap().into()))
        .collect();
    let expected = [("preparation", "open"), ("survey", "open"), ("presentation", "open"), ("presentation", "won")];
    assert_eq!(history, expected.map(|(s, t)| (s.to_string(), t.to_string())));
    assert_eq!(shown["deals"][0]["history"][1]["reason"], "met the buyer");
    assert_eq!(shown["customer"]["class"], "ordinary", "a win makes the prospect a customer");
    let lost = env.json(&["show", &b.to_string(), "--format", "json"]);
    assert_eq!(lost["deals"][0]["lost_reason"], "chose a competitor");
    // A closed deal cannot move.
    let err = env.fails(&["move", &a.to_string(), "close"]);
    assert!(err.contains("no open deal"), "{err}");
}

#[test]
fn plan_then_log_the_planned_visit() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    let planned: i64 = env
        .ok(&[
            "plan",
            &id,
            "--at",
            "fri 10:00",
            "--purpose",
            "确认预算",
            "--plan",
            "带价目表",
            "--expect",
            "预算范围",
            "--channel",
            "video",
        ])
        .trim()
        .parse()
        .unwrap();
    let shown = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(shown["customer"]["next_step_on"], "2031-05-09");
    assert_eq!(shown["visits"][0]["planned_at"], "2031-05-09T10:00:00");
    assert_eq!(shown["visits"][0]["channel"], "video");
    assert!(shown["visits"][0]["done_at"].is_null());
    let logged = env.json(&[
        "visit",
        &id,
        "--of",
        &planned.to_string(),
        "--at",
        "2031-05-09 10:20",
        "--result",
        "预算五十万",
        "--outcome",
        "met",
        "--topic",
        "交付期",
        "--next-step",
        "发报价",
        "--next",
        "+2w",
        "--format",
        "json",
    ]);
    assert_eq!(logged["visit_id"], planned);
    let shown = env.json(&["show", &id, "--format", "json"]);
    let v = &shown["visits"][0];
    assert_eq!(v["purpose"], "确认预算", "kept from the plan");
    assert_eq!(v["done_at"], "2031-05-09T10:20:00");
    assert_eq!(v["actual_result"], "预算五十万");
    assert_eq!(v["outcome"], "met");
    assert_eq!(v["next_topic"], "交付期");
    assert_eq!(v["next_step_on"], "2031-05-20");
    assert_eq!(shown["customer"]["next_step"], "发报价");
    assert_eq!(shown["customer"]["last_contact_on"], "2031-05-09");
    assert_eq!(shown["visits"].as_array().unwrap().len(), 1);
    let text = env.ok(&["show", &id]);
    assert!(text.lines().any(|l| l.trim_start().starts_with("Actual result") && l.ends_with(" 预算五十万")), "{text}");
}

#[test]
fn visit_defaults_to_now_and_lists_newest_first() {
    let env = Env::new();
    let id = env.add("Alice", &[]).to_string();
    env.ok(&["visit", &id, "--at", "2031-05-01 09:00", "--purpose", "older", "--plan", "p", "--expect", "e"]);
    env.ok(&["visit", &id, "--purpose", "now", "--plan", "p", "--expect", "e", "--channel", "phone"]);
    let shown = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(shown["visits"][0]["purpose"], "now");
    assert_eq!(shown["visits"][0]["done_at"], "2031-05-06T09:00:00");
    assert_eq!(shown["visits"][1]["purpose"], "older");
    // The long names of the visit's columns work too.
    let args = ["--purpose", "named", "--action-plan", "ap", "--expected", "ex", "--actual", "ac"];
    env.ok(&[&["visit", &id][..], &args[..]].concat());
    let shown = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(
        [
            &shown["visits"][0]["action_plan"],
            &shown["visits"][0]["expected_result"],
            &shown["visits"][0]["actual_result"]
        ],
        ["ap", "ex", "ac"]
    );
    // --of must name a planned visit of this customer.
    let other = env.add("Bob", &[]).to_string();
    let err = env.fails(&["visit", &other, "--of", "1", "--result", "x"]);
    assert!(err.contains("planned visit") && err.contains('1'), "{err}");
}

#[test]
fn notes_go_to_a_customer_or_the_inbox() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    assert_eq!(env.ok(&["note", &id, "喜欢喝茶"]).trim(), "1");
    let inbox = env.json(&["note", "call the printer", "--format", "json"]);
    assert!(inbox["customer_id"].is_null());
    let shown = env.json(&["show", &id, "--format", "json"]);
    let notes = shown["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["body"], "喜欢喝茶");
    let err = env.fails(&["note", "abc", "text"]);
    assert!(err.contains("'abc' is not a customer id"), "{err}");
    let err = env.fails(&["note", "99", "text"]);
    assert!(err.contains("99"), "{err}");
    let err = env.fails(&["note", &id, "  "]);
    assert!(err.contains("note text is required"), "{err}");
}

#[test]
fn facts_fill_the_five_categories_and_dates_repeat_yearly() {
    let env = Env::new();
    let id = env.add("王伟", &["--phone", "13800000000"]).to_string();
    env.ok(&["fact", &id, "--category", "personal", "--label", "hobby", "--value", "fly fishing"]);
    env.ok(&["fact", &id, "--category", "个人", "--label", "生日", "--date", "1980-05-09"]);
    env.ok(&["fact", &id, "--category", "logistics", "--label", "assistant", "--value", "Ms Li"]);
    let shown = env.json(&["show", &id, "--format", "json"]);
    let facts = shown["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 3);
    assert_eq!(facts[1]["month_day"], "05-09");
    assert_eq!(facts[1]["value"], "1980-05-09");
    let text = env.ok(&["show", &id]);
    for needle in [
        "Basic\n  Phone  138 0000 0000",
        "Personal\n  hobby  fly fishing",
        "生日   1980-05-09 (every year on 05-09)",
        "Logistics\n  assistant  Ms Li",
    ] {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }
    let err = env.fails(&["fact", &id, "--category", "personal", "--label", "birthday", "--date", "May 9th"]);
    assert!(err.contains("MM-DD"), "{err}");
    let err = env.fails(&["fact", &id, "--label", "x", "--value", "y"]);
    assert!(err.contains("category"), "{err}");
    let err = env.fails(&["fact", &id, "--category", "hobbies", "--label", "x", "--value", "y"]);
    assert!(err.contains("basic, business, personal, logistics, commercial"), "{err}");
    let err = env.fails(&["fact", &id, "--category", "basic", "--value", "y"]);
    assert!(err.contains("label"), "{err}");
}
