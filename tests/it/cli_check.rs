//! `check`: OK on a sound database; names each problem (search index out of step with its
//! tables, rows pointing at missing parents) and exits non-zero.

use crate::common;

use common::Env;

#[test]
fn a_sound_database_passes() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    env.ok(&["note", &id, "likes tea"]);
    env.ok(&["fact", &id, "--category", "personal", "--label", "hobby", "--value", "fishing"]);
    env.ok(&["visit", &id, "--purpose", "p", "--plan", "a", "--expect", "e"]);
    assert!(env.ok(&["check"]).starts_with("OK: "));
    assert!(env.ok(&["--lang", "zh-CN", "check"]).starts_with("正常："));
    let json = env.json(&["check", "--format", "json"]);
    assert_eq!(json["ok"], true);
    assert!(json["problems"].as_array().unwrap().is_empty());
}

#[test]
fn problems_are_listed_and_fail_the_run() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    env.add("Alice", &[]);
    env.ok(&["note", &id, "likes tea"]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM search_fts WHERE rowid = 1;  -- customer 1 loses its entry
             INSERT INTO search_fts(rowid, body) VALUES (3 * 1099511627776 + 99, 'ghost');  -- a note that is gone
             INSERT INTO stage_event (deal_id, to_stage, to_state, at) VALUES (999, 'survey', 'open', 'x');
             UPDATE deal_open_tally SET deals = deals + 1;  -- the board's totals off by one",
        )
        .unwrap();
    }
    let out = env.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.contains("the search index lacks 1 row of customer"), "{stdout}");
    assert!(stdout.contains("1 entry for deleted rows of note"), "{stdout}");
    assert!(stdout.contains("table stage_event row") && stdout.contains("deal"), "{stdout}");
    assert!(stdout.contains("rows of the summary table deal_open_tally differ"), "{stdout}");
    assert!(stderr.contains("4 problems"), "{stderr}");
    let out = env.cmd().args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let kinds: Vec<&str> =
        json["problems"].as_array().unwrap().iter().map(|p| p["problem"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["foreign-key", "search-missing", "search-extra", "summary-off"]);
}
