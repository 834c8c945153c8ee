//! `today`: each section of the daily review, with the date fixed at 2031-05-06 (a Tuesday).

use crate::common;

use common::Env;
use serde_json::Value;

fn ids(list: &Value, key: &str) -> Vec<i64> {
    list.as_array().unwrap().iter().map(|x| x[key]["id"].as_i64().unwrap()).collect()
}

/// A customer with one logged visit on `at` (no result), and optionally a next step.
fn visited(env: &Env, name: &str, at: &str, next: Option<&str>) -> i64 {
    let id = env.add(name, &[]);
    let id_text = id.to_string();
    let mut args =
        vec!["visit", &id_text, "--at", at, "--purpose", "intro", "--plan", "coffee", "--expect", "a meeting"];
    if let Some(next) = next {
        args.extend(["--next-step", "send brochure", "--next", next]);
    }
    env.ok(&args);
    id
}

#[test]
fn review_sections() {
    let env = Env::new();
    // Appointments: two today (out of order), one tomorrow.
    let a = env.add("王伟", &["--company", "华东机械"]).to_string();
    for at in ["today 14:00", "today 10:00", "tomorrow 09:00"] {
        env.ok(&["plan", &a, "--at", at, "--purpose", &format!("meet {at}"), "--plan", "p", "--expect", "e"]);
    }
    // Overdue: a next step from a logged visit, and a missed appointment.
    let b = visited(&env, "Bob", "2031-04-01 10:00", Some("2031-04-10"));
    let c = env.add("Carol", &[]);
    env.ok(&["plan", &c.to_string(), "--at", "2031-05-01 15:00", "--purpose", "demo", "--plan", "p", "--expect", "e"]);
    // Cadence: Dave last seen 40 days ago (default interval 30 → due; 45 → overdue at 1.5×);
    // Erin 50 days ago (overdue); a lost customer and a recent one are not due.
    let d = visited(&env, "Dave", "2031-03-27 10:00", None);
    let e = visited(&env, "Erin", "2031-03-17 10:00", None);
    let lost = env.add("Lost Larry", &["--class", "lost"]);
    env.ok(&[
        "visit",
        &lost.to_string(),
        "--at",
        "2031-01-01 10:00",
        "--purpose",
        "x",
        "--plan",
        "y",
        "--expect",
        "z",
        "--result",
        "r",
    ]);
    visited(&env, "Recent Rita", "2031-05-04 10:00", None);
    // Dates: within 7 days (today..+6) or not.
    env.ok(&["fact", &a, "--category", "personal", "--label", "birthday", "--date", "1980-05-12"]);
    env.ok(&["fact", &b.to_string(), "--category", "personal", "--label", "签约纪念日", "--date", "05-06"]);
    env.ok(&["fact", &c.to_string(), "--category", "personal", "--label", "birthday", "--date", "05-13"]);
    // Missing results: logged later today is not missing yet; one with a result is not missing.
    env.ok(&["visit", &a, "--at", "today 18:00", "--purpose", "later", "--plan", "p", "--expect", "e"]);
    env.ok(&[
        "visit",
        &a,
        "--at",
        "2031-05-05 11:00",
        "--purpose",
        "done",
        "--plan",
        "p",
        "--expect",
        "e",
        "--result",
        "ok",
    ]);

    let r = env.json(&["today", "--format", "json"]);
    assert_eq!(r["date"], "2031-05-06");
    let appts = r["appointments"].as_array().unwrap();
    let purposes: Vec<&str> = appts.iter().map(|x| x["purpose"].as_str().unwrap()).collect();
    assert_eq!(purposes, ["meet today 10:00", "meet today 14:00"]);
    assert_eq!(appts[0]["at"], "2031-05-06T10:00:00");
    assert_eq!(appts[0]["customer"]["company"], "华东机械");

    assert_eq!(ids(&r["overdue"], "customer"), [b, c], "most overdue first");
    assert_eq!(r["overdue"][0]["days_late"], 26);
    assert_eq!(r["overdue"][0]["next_step"], "send brochure");
    assert!(r["overdue"][0]["visit_id"].is_null());
    assert_eq!(r["overdue"][1]["next_step"], "demo");
    assert!(r["overdue"][1]["visit_id"].is_i64(), "a missed appointment names its visit");

    // Bob: 35 days since → due; Dave 40 → due; Erin 50 → overdue (first).
    assert_eq!(ids(&r["due"], "customer"), [e, d, b]);
    assert_eq!(r["due"][0]["state"]["state"], "overdue");
    assert_eq!(r["due"][0]["state"]["days_since"], 50);
    assert_eq!(r["due"][1]["state"]["state"], "due");
    assert_eq!(r["due"][1]["interval_days"], 30);

    let dates = r["dates"].as_array().unwrap();
    let labels: Vec<(&str, &str, bool)> = dates
        .iter()
        .map(|x| (x["on"].as_str().unwrap(), x["label"].as_str().unwrap(), x["is_birthday"].as_bool().unwrap()))
        .collect();
    assert_eq!(labels, [("2031-05-06", "签约纪念日", false), ("2031-05-12", "birthday", true)]);

    let missing: Vec<&str> =
        r["missing_results"].as_array().unwrap().iter().map(|x| x["customer"]["name"].as_str().unwrap()).collect();
    assert_eq!(missing, ["Recent Rita", "Bob", "Dave", "Erin"], "newest first");
}

#[test]
fn review_text_in_both_languages_and_another_date() {
    let env = Env::new();
    let id = env.add("欧阳娜娜", &["--company", "上海华东机械有限公司"]).to_string();
    env.ok(&["plan", &id, "--at", "10:30", "--purpose", "确认预算", "--plan", "带价目表", "--expect", "预算范围"]);
    let en = env.ok(&["today"]);
    assert!(en.starts_with("Daily review — 2031-05-06 (Tue)"), "{en}");
    assert!(en.contains("Appointments (1)") && en.contains("10:30  #1 欧阳娜娜 · 上海华东机械有…  In person"), "{en}");
    assert!(en.contains("Next steps due (0)\n  nothing"), "{en}");
    let zh = env.ok(&["--lang", "zh-CN", "today"]);
    assert!(zh.starts_with("每日回顾：5月6日（周二）") && zh.contains("今日约见（1 个）"), "{zh}");
    // The day after, the appointment is an overdue next step.
    let next = env.json(&["today", "--date", "2031-05-07", "--format", "json"]);
    assert!(next["appointments"].as_array().unwrap().is_empty());
    assert_eq!(next["overdue"][0]["days_late"], 1);
    let err = env.fails(&["today", "--date", "someday"]);
    assert!(err.contains("'someday'") && err.contains("next mon"), "{err}");
}
