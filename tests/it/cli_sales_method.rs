//! The sales-method commands on the real binary: profile, losing-touch, checklist, objection,
//! brief (text snapshots in both languages), and a broken playbook override.

use crate::common;

use chrono::NaiveDate;
use common::{Env, TODAY};
use fieldbook::clock::Clock;
use fieldbook::domain::{Channel, FactCategory, MonthDay, NewFact, Outcome, VisitInput, VisitKind};
use fieldbook::store::Store;

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// 王伟 at a medical devices company: profiled, in Survey with two ticks, a logged visit with
/// its result and topic, an appointment today, one open and one resolved objection.
fn seeded() -> (Env, i64) {
    let env = Env::new();
    let id = env.add("王伟", &["--company", "深圳医疗器械", "--stage", "survey"]);
    env.ok(&[
        "profile",
        &id.to_string(),
        "--class",
        "intent",
        "--style",
        "analytical",
        "--money",
        "yes",
        "--authority",
        "no",
        "--need",
        "yes",
        "--portfolio",
        "star",
    ]);
    env.ok(&["checklist", &id.to_string(), "--tick", "1", "--tick", "2"]);
    env.ok(&["objection", &id.to_string(), "add", "price above the competitor", "--kind", "doubt"]);
    env.ok(&["objection", &id.to_string(), "add", "late delivery in 2029", "--kind", "complaint"]);
    env.ok(&["objection", &id.to_string(), "resolve", "2", "--answer", "new logistics partner"]);
    let mut store = Store::open(&env.db, Clock::Fixed(NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap())).unwrap();
    store
        .add_fact(
            id,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "birthday".into(),
                value: "".into(),
                month_day: Some(MonthDay { month: 5, day: 9 }),
            },
        )
        .unwrap();
    store
        .add_fact(
            id,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "hobby".into(),
                value: "fly fishing".into(),
                month_day: None,
            },
        )
        .unwrap();
    store
        .add_fact(
            id,
            None,
            &NewFact {
                category: FactCategory::Business,
                label: "decides".into(),
                value: "刘总".into(),
                month_day: None,
            },
        )
        .unwrap();
    store
        .add_visit(
            id,
            VisitInput {
                purpose: "map the decision process".into(),
                action_plan: "ask who signs".into(),
                expected_result: "names of the approvers".into(),
                actual_result: "刘总 and finance".into(),
                outcome: Some(Outcome::Met),
                next_topic: "the tender date".into(),
                done_at: Some(at("2031-05-02 10:00")),
                ..VisitInput::blank()
            },
        )
        .unwrap();
    store
        .add_visit(
            id,
            VisitInput {
                purpose: "confirm the budget range and who signs off".into(),
                action_plan: "bring last year's price list".into(),
                expected_result: "budget range and the approver's name".into(),
                kind: VisitKind::Demonstration,
                channel: Channel::InPerson,
                planned_at: Some(at("2031-05-06 14:30")),
                ..VisitInput::blank()
            },
        )
        .unwrap();
    (env, id)
}

#[test]
fn profile_sets_and_explains_the_classification() {
    let env = Env::new();
    let id = env.add("Li Na", &[]).to_string();
    let out = env.ok(&["profile", &id, "--style", "driver", "--money", "yes", "--authority", "yes", "--need", "no"]);
    assert!(out.contains("M+A+n") && out.contains("cultivate the need"), "{out}");
    assert!(out.contains("Direct answers") && out.contains("Making a mistake"), "{out}");
    let v =
        env.json(&["profile", &id, "--need", "yes", "--attractive", "high", "--position", "weak", "--format", "json"]);
    assert_eq!(v["man_code"], "M+A+N", "earlier answers are kept");
    assert_eq!(v["portfolio"], "question-mark");
    assert_eq!(v["cadence"]["interval_days"], 7);
    assert_eq!(v["cadence"]["source"], "portfolio");
    let v = env.json(&["profile", &id, "--cadence", "3", "--format", "json"]);
    assert_eq!((v["cadence"]["interval_days"].as_u64(), v["cadence"]["source"].as_str()), (Some(3), Some("override")));
    let v = env.json(&["profile", &id, "--cadence", "none", "--portfolio", "none", "--format", "json"]);
    assert_eq!((v["cadence"]["interval_days"].as_u64(), v["cadence"]["source"].as_str()), (Some(30), Some("default")));
    assert!(env.fails(&["profile", &id, "--cadence", "often"]).contains("1 to 3650"));
    assert!(env.fails(&["profile", &id, "--style", "shy"]).contains("analytical"));
    assert!(env.fails(&["profile", "99"]).contains("99"));
}

#[test]
fn losing_touch_lists_the_customers_past_due() {
    let env = Env::new();
    let star = env.add("Star", &[]).to_string();
    env.ok(&["profile", &star, "--portfolio", "star"]);
    env.add("Dog", &[]);
    assert!(env.ok(&["losing-touch"]).contains("Nobody"));
    let v: serde_json::Value = serde_json::from_slice(
        &env.bare()
            .args(["--db"])
            .arg(&env.db)
            .args(["--today", "2031-05-16", "losing-touch", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let names: Vec<&str> =
        v["customers"].as_array().unwrap().iter().map(|c| c["customer"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Star"], "a star is due after 7 days, the others after 30");
    assert_eq!(v["customers"][0]["state"]["state"], "due");
}

#[test]
fn checklist_ticks_and_refuses_unknown_items() {
    let env = Env::new();
    let id = env.add("Zhao Lei", &["--stage", "close"]).to_string();
    let out = env.ok(&["checklist", &id, "--tick", "2", "--tick", "5"]);
    assert!(out.contains("checklist 2/5") && out.contains(" 2 [x]") && out.contains(" 1 [ ]"), "{out}");
    let v = env.json(&["checklist", &id, "--untick", "5", "--format", "json"]);
    assert_eq!(v["progress"]["done"], 1);
    assert_eq!(v["stage"], "close");
    assert_eq!(v["items"][1]["ticked"], true);
    let before = env.db_bytes();
    assert!(env.fails(&["checklist", &id, "--tick", "6"]).contains("1 to 5"));
    assert!(env.fails(&["checklist", &id, "--tick", "0"]).contains("1 to 5"));
    assert_eq!(env.db_bytes(), before, "nothing written");
}

#[test]
fn objections_are_added_resolved_and_listed_with_advice() {
    let (env, id) = seeded();
    let id = id.to_string();
    let open = env.ok(&["objection", &id, "list"]);
    assert!(open.contains("price above the competitor") && open.contains("Prove it"), "{open}");
    assert!(!open.contains("late delivery"), "{open}");
    let all = env.json(&["objection", &id, "list", "--all", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[1]["resolved"], true);
    assert_eq!(all[1]["answer"], "new logistics partner");
    assert!(env.fails(&["objection", &id, "add", "x", "--kind", "grumble"]).contains("complaint"));
    assert!(env.fails(&["objection", &id, "resolve", "42"]).contains("42"));
}

#[test]
fn brief_and_checklist_snapshots_in_both_languages() {
    let (env, id) = seeded();
    let id = id.to_string();
    insta::assert_snapshot!("brief_en", env.ok(&["brief", &id]));
    insta::assert_snapshot!("brief_zh", env.ok(&["--lang", "zh-CN", "brief", &id]));
    insta::assert_snapshot!("checklist_en", env.ok(&["checklist", &id]));
    insta::assert_snapshot!("checklist_zh", env.ok(&["--lang", "zh-CN", "checklist", &id]));
}

#[test]
fn brief_json_has_every_part() {
    let (env, id) = seeded();
    let v = env.json(&["brief", &id.to_string(), "--format", "json"]);
    assert_eq!(v["who"]["dates"][0]["label"], "birthday");
    assert_eq!(v["profile"]["man_code"], "M+a+N");
    assert!(v["profile"]["style_guide"]["fears"].as_array().unwrap().len() >= 2);
    assert_eq!(v["checklist"]["stage"], "survey");
    assert_eq!(v["checklist"]["progress"]["done"], 2);
    assert_eq!(v["last_visit"]["next_topic"], "the tender date");
    assert_eq!(v["open_objections"].as_array().unwrap().len(), 1);
    assert_eq!(v["next_visit"]["kind"], "demonstration");
}

#[test]
fn a_broken_playbook_override_is_reported_and_the_built_in_one_used() {
    let (env, id) = seeded();
    std::fs::write(env.dir.path().join("config/playbook.en.toml"), "six_questions = [\n\"a\",\n[steps.x\n").unwrap();
    let out = env.cmd().args(["brief", &id.to_string()]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("playbook.en.toml") && err.contains("line 3"), "{err}");
    assert!(String::from_utf8(out.stdout).unwrap().contains("Discover the customer's needs."));
}

#[test]
fn show_includes_the_profile_and_the_checklist() {
    let (env, id) = seeded();
    let out = env.ok(&["show", &id.to_string()]);
    assert!(out.contains("M+a+N — Worth contacting, while you find the person who has the authority."), "{out}");
    assert!(out.contains("Criticism · Chaos") && out.contains("checklist 2/6"), "{out}");
    let v = env.json(&["show", &id.to_string(), "--format", "json"]);
    assert_eq!(v["profile"]["man_code"], "M+a+N");
    assert_eq!(v["profile"]["cadence"]["state"], "fine");
    assert_eq!(v["checklist"]["progress"]["total"], 6);
}

#[test]
fn moving_forward_warns_about_unticked_items_but_moves() {
    let env = Env::new();
    let id = env.add("Sun Mei", &["--stage", "close"]).to_string();
    env.ok(&["checklist", &id, "--tick", "1", "--tick", "2", "--tick", "3", "--tick", "4", "--tick", "5"]);
    let back = env.cmd().args(["move", &id, "presentation"]).output().unwrap();
    assert!(back.status.success());
    assert!(!String::from_utf8(back.stderr).unwrap().contains("warning"), "moving back never warns");
    env.ok(&["checklist", &id, "--tick", "1", "--tick", "2"]);
    let out = env.cmd().args(["move", &id, "close"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("3 checklist items of Presentation not ticked"), "{err}");
    assert!(err.contains(" 3 [ ] Written proposal sent") && !err.contains(" 1 [ ]"), "{err}");
    assert_eq!(env.json(&["checklist", &id, "--format", "json"])["stage"], "close");
}

#[test]
fn visit_types_plan_from_their_checklist_and_keep_ticks() {
    let env = Env::new();
    let id = env.add("Parkside Mart", &[]).to_string();
    let args =
        ["plan", &id, "--at", "tomorrow", "--purpose", "restock", "--expect", "an order", "--type", "store check"];
    let visit: i64 =
        env.ok(&[&args[..], &["--plan-from-type", "--plan", "bring posters"]].concat()).trim().parse().unwrap();
    let store = Store::open(&env.db, Clock::System).unwrap();
    let v = store.visit(visit).unwrap();
    assert_eq!(v.kind, VisitKind::StoreCheck);
    assert!(v.action_plan.starts_with("- Prepare again before entering"), "{}", v.action_plan);
    assert!(v.action_plan.ends_with("bring posters") && v.action_plan.contains("Adjust the display"));
    drop(store);
    let of = visit.to_string();
    env.ok(&["visit", &id, "--of", &of, "--result", "order of 40 cases", "--tick", "3", "--tick", "6"]);
    let store = Store::open(&env.db, Clock::System).unwrap();
    assert_eq!(store.visit_ticks(visit).unwrap(), vec![3, 6]);
    assert_eq!(store.visit(visit).unwrap().kind, VisitKind::StoreCheck, "the planned type is kept");
    drop(store);
    let bad = ["visit", &id, "--purpose", "p", "--plan", "a", "--expect", "e", "--type", "store-check", "--tick", "9"];
    assert!(env.fails(&bad).contains("1 to 8"));
    let own =
        ["plan", &id, "--at", "fri", "--purpose", "p", "--expect", "e", "--type", "trade fair", "--plan-from-type"];
    assert!(env.fails(&own).contains("--plan"));
    env.ok(&["plan", &id, "--at", "fri", "--purpose", "p", "--expect", "e", "--plan", "a", "--type", "trade fair"]);
}

#[test]
fn show_names_visit_types_and_lists_the_ticked_items() {
    let env = Env::new();
    let id = env.add("Parkside Mart", &[]).to_string();
    let check = ["--type", "store-check", "--tick", "3", "--tick", "5", "--result", "40 cases"];
    let common = ["visit", &id, "--purpose", "restock", "--plan", "walk", "--expect", "an order"];
    env.ok(&[&common[..], &["--at", "2031-05-05 10:00"], &check[..]].concat());
    env.ok(&[&common[..], &["--at", "2031-05-04 10:00"]].concat());
    env.ok(&["plan", &id, "--at", "2031-05-09 10:00", "--purpose", "demo", "--expect", "a trial", "--plan", "samples"]);
    let out = env.ok(&["show", &id]);
    assert!(out.contains("2031-05-05 10:00 · In person · Store check · done"), "{out}");
    assert!(out.contains("2031-05-04 10:00 · In person · done"), "a customer visit is not named: {out}");
    assert!(out.contains("2031-05-09 10:00 · In person · planned"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.contains("Checklist 2/8")).unwrap_or_else(|| panic!("{out}"));
    assert!(lines[at].ends_with("✓ Greet the owner and the staff"), "{out}");
    let column = lines[at].find('✓').unwrap();
    assert_eq!(lines[at + 1].find('✓'), Some(column), "items aligned under each other: {out}");
    assert!(lines[at + 1].ends_with("✓ Check the stock and the back room"), "{out}");
    assert_eq!(out.matches("Checklist").count(), 1, "only the visit with ticks: {out}");
    let zh = env.ok(&["--lang", "zh-CN", "show", &id]);
    assert!(zh.contains("面谈 · 巡店 · 已完成") && zh.contains("检查表 2/8  ✓ 向店主和店员打招呼"), "{zh}");
    let v = env.json(&["show", &id, "--format", "json"]);
    let visits = v["visits"].as_array().unwrap();
    let kinds: Vec<&str> = visits.iter().map(|v| v["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["customer-visit", "store-check", "customer-visit"]);
    assert_eq!(visits[1]["ticks"], serde_json::json!([3, 5]));
    assert_eq!(visits[0]["ticks"], serde_json::json!([]));
    assert_eq!(visits[1]["actual_result"], "40 cases", "the visit's own fields stay at the top level");
}
