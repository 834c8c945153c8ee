//! Fixing what is wrong from the command line: `visit edit|delete`, `note edit|delete|move`,
//! `note inbox`, `archive`, `unarchive` and `delete --yes` (after a backup).

use crate::common::Env;

fn visits(env: &Env, customer: i64) -> Vec<serde_json::Value> {
    env.json(&["show", &customer.to_string(), "--format", "json"])["visits"].as_array().unwrap().clone()
}

fn visit(env: &Env, customer: i64, id: i64) -> serde_json::Value {
    visits(env, customer).into_iter().find(|v| v["id"] == id).expect("the visit is shown")
}

#[test]
fn a_logged_visit_is_edited_field_by_field_and_read_back() {
    let env = Env::new();
    let c = env.add("王伟", &["--company", "华东机械"]);
    let logged = env.ok(&[
        "visit",
        "1",
        "--purpose",
        "first call",
        "--plan",
        "introduce us",
        "--expect",
        "a meeting",
        "--at",
        "2031-05-05 10:00",
    ]);
    let id: i64 = logged.trim().parse().unwrap();
    let out = env.ok(&[
        "visit",
        "edit",
        &id.to_string(),
        "--result",
        "met the buyer",
        "--outcome",
        "met",
        "--at",
        "2031-05-05 11:00",
        "--next-step",
        "send the quote",
        "--next",
        "2031-05-08",
        "--plan",
        "bring the price list",
    ]);
    assert_eq!(out.trim(), id.to_string());
    let v = visit(&env, c, id);
    assert_eq!(v["actual_result"], "met the buyer");
    assert_eq!(v["outcome"], "met");
    assert_eq!(v["done_at"], "2031-05-05T11:00:00", "--at moves when it happened");
    assert_eq!(v["action_plan"], "bring the price list");
    assert_eq!((v["next_step"].as_str(), v["next_step_on"].as_str()), (Some("send the quote"), Some("2031-05-08")));
    assert_eq!(v["purpose"], "first call", "what was not given is kept");
    // none clears an optional field; an empty required one is refused with nothing changed.
    env.ok(&["visit", "edit", &id.to_string(), "--outcome", "none", "--next", "none"]);
    let v = visit(&env, c, id);
    assert!(v["outcome"].is_null() && v["next_step_on"].is_null(), "{v}");
    let err = env.fails(&["visit", "edit", &id.to_string(), "--purpose", " "]);
    assert!(err.contains("purpose"), "{err}");
    assert_eq!(visit(&env, c, id)["purpose"], "first call");
    let err = env.fails(&["visit", "edit", "99", "--purpose", "x"]);
    assert!(err.contains("99"), "{err}");
}

#[test]
fn an_appointment_is_moved_by_edit_and_one_of_two_identical_ones_is_deleted() {
    let env = Env::new();
    let c = env.add("Anna Berg", &[]);
    let plan =
        ["plan", "1", "--at", "fri 10:00", "--purpose", "demo", "--plan", "bring the laptop", "--expect", "a trial"];
    let first: i64 = env.ok(&plan).trim().parse().unwrap();
    let second: i64 = env.ok(&plan).trim().parse().unwrap();
    assert_eq!(visits(&env, c).len(), 2);
    env.ok(&["visit", "delete", &second.to_string()]);
    let left = visits(&env, c);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], first);
    env.ok(&["visit", "edit", &first.to_string(), "--at", "2031-05-12 15:00"]);
    assert_eq!(visit(&env, c, first)["planned_at"], "2031-05-12T15:00:00");
    assert!(visit(&env, c, first)["done_at"].is_null(), "still planned");
    let today = env.json(&["list", "--format", "json"]);
    assert_eq!(today[0]["next_step_on"], "2031-05-12", "the customer's next step follows");
    let err = env.fails(&["visit", "delete", &second.to_string()]);
    assert!(err.contains(&second.to_string()), "{err}");
    // Logging a visit still works the old way, and a bare `visit` says how to use it.
    env.ok(&["visit", "1", "--purpose", "call", "--plan", "ask", "--expect", "an answer"]);
    let out = env.cmd().args(["visit"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_inbox_note_is_listed_filed_under_a_customer_edited_and_deleted() {
    let env = Env::new();
    let c = env.add("陈静", &["--company", "华东物流"]);
    let note: i64 = env.ok(&["note", "ask the office for new catalogues"]).trim().parse().unwrap();
    let inbox = env.ok(&["note", "inbox"]);
    assert!(inbox.contains("ask the office for new catalogues") && inbox.contains(&note.to_string()), "{inbox}");
    env.ok(&["note", "move", &note.to_string(), &c.to_string()]);
    assert!(env.json(&["note", "inbox", "--format", "json"]).as_array().unwrap().is_empty());
    let shown = env.json(&["show", &c.to_string(), "--format", "json"]);
    assert_eq!(shown["notes"][0]["body"], "ask the office for new catalogues");
    env.ok(&["note", "edit", &note.to_string(), "带新目录给陈经理"]);
    let shown = env.json(&["show", &c.to_string(), "--format", "json"]);
    assert_eq!(shown["notes"][0]["body"], "带新目录给陈经理");
    let hits = env.json(&["search", "新目录", "--format", "json"]);
    assert_eq!(hits.as_array().unwrap().len(), 1, "the search index follows the edit: {hits}");
    env.ok(&["note", "delete", &note.to_string()]);
    assert!(env.json(&["show", &c.to_string(), "--format", "json"])["notes"].as_array().unwrap().is_empty());
    assert!(env.json(&["search", "新目录", "--format", "json"]).as_array().unwrap().is_empty());
    let err = env.fails(&["note", "move", "99", &c.to_string()]);
    assert!(err.contains("99"), "{err}");
    // Writing notes works as before.
    env.ok(&["note", &c.to_string(), "prefers WeChat"]);
}

#[test]
fn an_archived_customer_leaves_today_the_board_and_the_list_but_is_found_with_a_marker() {
    let env = Env::new();
    let c = env.add("Zhao Lei", &["--company", "Xinda Steel", "--value", "120k"]);
    env.ok(&["plan", "1", "--at", "today 15:00", "--purpose", "demo", "--plan", "laptop", "--expect", "trial"]);
    assert!(env.ok(&["today"]).contains("Zhao Lei"));
    let out = env.cmd().args(["archive", &c.to_string()]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Archived Zhao Lei"));
    assert!(!env.ok(&["today"]).contains("Zhao Lei"));
    assert!(env.json(&["list", "--format", "json"]).as_array().unwrap().is_empty());
    let board = env.json(&["pipeline", "--format", "json"]);
    assert!(board.as_array().unwrap().iter().all(|s| s["count"] == 0), "{board}");
    let found = env.ok(&["search", "Zhao"]);
    assert!(found.contains("[archived] Zhao Lei"), "{found}");
    let zh = env.ok(&["--lang", "zh-CN", "search", "Zhao"]);
    assert!(zh.contains("【已归档】"), "{zh}");
    env.ok(&["unarchive", &c.to_string()]);
    assert!(env.ok(&["today"]).contains("Zhao Lei"));
    assert_eq!(env.json(&["list", "--format", "json"]).as_array().unwrap().len(), 1);
}

#[test]
fn deleting_a_customer_needs_yes_and_takes_a_backup_first() {
    let env = Env::new();
    let c = env.add("王伟", &["--company", "华东机械"]);
    let keep = env.add("Anna Berg", &[]);
    env.ok(&["visit", "1", "--purpose", "call", "--plan", "ask", "--expect", "an answer"]);
    env.ok(&["note", "1", "喜欢微信联系"]);
    let before = env.db_bytes();
    let err = env.fails(&["delete", &c.to_string()]);
    assert!(err.contains("--yes") && err.contains("王伟"), "{err}");
    assert_eq!(env.db_bytes(), before, "nothing deleted without --yes");
    let done = env.json(&["delete", &c.to_string(), "--yes", "--format", "json"]);
    assert_eq!(done["deleted"]["visits"], 1);
    assert_eq!(done["deleted"]["notes"], 1);
    let backup = std::path::PathBuf::from(done["backup"].as_str().unwrap());
    assert!(backup.starts_with(env.dir.path().join("backups")), "{backup:?}");
    let rows = env.json(&["list", "--format", "json"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["id"], keep);
    assert!(env.json(&["search", "微信", "--format", "json"]).as_array().unwrap().is_empty());
    assert!(env.ok(&["check"]).starts_with("OK: "));
    // The backup holds the customer as it was.
    let from_backup = env.bare().args(["--db", backup.to_str().unwrap(), "--today", "2031-05-06", "list"]).output();
    assert!(String::from_utf8_lossy(&from_backup.unwrap().stdout).contains("王伟"));
}
