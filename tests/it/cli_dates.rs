//! Dates as reps write them, through the real binary (today is Tuesday 2031-05-06): planning
//! looks ahead, logging a done visit looks back, and a bad date names the forms to use.

use crate::common::Env;

/// Plans a visit for a new customer at `when` (in zh-CN) and returns its stored planned time.
fn planned_at(env: &Env, name: &str, when: &str) -> String {
    let id = env.add(name, &[]).to_string();
    env.ok(&["--lang", "zh-CN", "plan", &id, "--at", when, "--purpose", "p", "--plan", "a", "--expect", "e"]);
    let shown = env.json(&["show", &id, "--format", "json"]);
    shown["visits"][0]["planned_at"].as_str().unwrap_or_default().to_string()
}

#[test]
fn plans_take_chinese_and_english_dates() {
    // A day without a time is planned for the start of the working day, not midnight.
    let env = Env::new();
    let cases = [
        ("下周一 上午10点", "2031-05-12T10:00:00"),
        ("下周一上午10点", "2031-05-12T10:00:00"),
        ("5月12日", "2031-05-12T09:00:00"),
        ("5月12日 下午3点", "2031-05-12T15:00:00"),
        ("周五 下午3点", "2031-05-09T15:00:00"),
        ("明天上午10点", "2031-05-07T10:00:00"),
        ("下下周三", "2031-05-21T09:00:00"),
        ("大后天", "2031-05-09T09:00:00"),
        ("12号", "2031-05-12T09:00:00"),
        ("5/12", "2031-05-12T09:00:00"),
        ("2031/05/12", "2031-05-12T09:00:00"),
        ("下午3点半", "2031-05-06T15:30:00"),
        ("next mon 3pm", "2031-05-12T15:00:00"),
        ("in 3 days", "2031-05-09T09:00:00"),
        ("12 may", "2031-05-12T09:00:00"),
        ("5月3日", "2032-05-03T09:00:00"),
    ];
    for (i, (when, expected)) in cases.iter().enumerate() {
        assert_eq!(planned_at(&env, &format!("客户{i}"), when), *expected, "{when}");
    }
}

#[test]
fn a_logged_visit_without_a_year_is_this_years() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    let args =
        ["visit", &id, "--at", "5月3日 下午3点", "--purpose", "p", "--plan", "a", "--expect", "e", "--next", "5月3日"];
    env.ok(&args);
    let v = &env.json(&["show", &id, "--format", "json"])["visits"][0];
    assert_eq!(v["done_at"], "2031-05-03T15:00:00", "logged: the last 3 May");
    assert_eq!(v["next_step_on"], "2032-05-03", "a next step: the next 3 May");
    let other = env.add("李娜", &[]).to_string();
    env.ok(&["visit", &other, "--at", "周五", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    let v = &env.json(&["show", &other, "--format", "json"])["visits"][0];
    assert_eq!(v["done_at"], "2031-05-02T00:00:00", "logged on a weekday: the last one");
}

#[test]
fn other_date_fields_take_the_same_forms() {
    let env = Env::empty();
    let zh = env.ok(&["--lang", "zh-CN", "today", "--date", "5月12日"]);
    assert!(zh.contains("5月12日（周一）"), "{zh}");
    let out = env.bare().arg("--db").arg(&env.db).args(["--today", "2031年5月12日", "today"]).output().unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("2031-05-12"), "{out}");
    let id = env.add("王伟", &[]).to_string();
    env.ok(&["deal", "add", &id, "--title", "扩产", "--close-on", "6月30日"]);
    let deals = env.json(&["deal", "list", &id, "--format", "json"]);
    let closes: Vec<&str> = deals.as_array().unwrap().iter().filter_map(|d| d["expected_close_on"].as_str()).collect();
    assert!(closes.contains(&"2031-06-30"), "{deals}");
}
